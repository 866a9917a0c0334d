"""The executor side of `dotterel spark`: raw input rows in, store rows and failure rows out.

Plain Python (no pyspark import), so that it can be tested and reasoned about
without a cluster. Spark calls `code_frames` through ``mapInPandas``:

- the pipeline is built lazily, once per Python worker process, from its
  *config* (``Pipeline.default(**config)`` or a ``MODULE:FUNC`` factory); a
  loaded model is never pickled and shipped, only the few words that rebuild it;
- raw rows (a JSONL line, a Parquet row turned into a JSONL line, or the bytes
  of a text/HTML file) are read by dotterel's own readers, so ids, dates and
  read failures are the ones ``dotterel extract`` gives;
- documents are coded in batches (spaCy parses a batch at a time) and become the
  rows of the store's tables (`dotterel.store.rows.add_document`: documents,
  events, actors, event_dyads), tagged by ``table``; a document that cannot be
  read or coded becomes one ``failures`` row (doc id, source, stage, reason).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document, Failure, content_id
from ..errors import DotterelError

__all__ = [
    "TABLES", "OUTPUT_COLUMNS", "FAILURE_COLUMNS", "PipelineSpec", "executor_pipeline",
    "read_raw", "code_documents", "code_frames", "failure_stage", "SparkError",
]  # fmt: skip


class SparkError(DotterelError):
    """`dotterel spark` cannot run: pyspark or Java missing, bad input or option (E5xx)."""

    code = "E500"


#: the store tables each coded document becomes, plus failures
TABLES = ("documents", "events", "actors", "event_dyads", "failures")
FAILURE_COLUMNS = ("doc_id", "source", "stage", "reason")


def _output_columns() -> list[tuple[str, str]]:
    """Union of the store tables' columns (generic types), plus `table` and the failure columns."""
    from ..store.schema import TABLES as STORE_TABLES

    out: dict[str, str] = {"table": "TEXT"}
    for table in TABLES[:-1]:
        for name, kind in STORE_TABLES[table]:
            if out.setdefault(name, kind) != kind:  # pragma: no cover - schema guard
                raise AssertionError(f"column {name} has two types in the store schema")
    for name in FAILURE_COLUMNS:
        out.setdefault(name, "TEXT")
    return list(out.items())


OUTPUT_COLUMNS: list[tuple[str, str]] = _output_columns()


# --------------------------------------------------------------------------- the pipeline


PipelineSpec = tuple[str | None, tuple[tuple[str, Any], ...]]  # (factory "module:func" or None, config)

_PIPELINES: dict[str, Any] = {}


def executor_pipeline(spec: PipelineSpec) -> Any:
    """The pipeline for `spec`, built on first use in this process and kept for the next tasks."""
    factory, config = spec
    key = json.dumps([factory, list(config)], sort_keys=True, default=str)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        if factory:
            pipeline = load_pipeline_factory(factory)(**dict(config))
            if not callable(getattr(pipeline, "pipe", None)):  # checked here, not deep in a task
                got = repr(pipeline)
                got = got if len(got) <= 60 else got[:59] + "…"
                raise SparkError("E502", f"--pipeline {factory!r} returned {type(pipeline).__name__} {got}, "
                                 "not a dotterel Pipeline")
        else:
            from ..pipeline import Pipeline

            pipeline = Pipeline.default(**dict(config))
        _PIPELINES[key] = pipeline
    return pipeline


def load_pipeline_factory(spec: str) -> Any:
    """``module:function`` -> the function (called with the config's keyword options)."""
    import importlib

    mod, _, fn = spec.partition(":")
    if not mod or not fn:
        raise SparkError("E502", f"--pipeline {spec!r}: write it as module:function")
    try:
        return getattr(importlib.import_module(mod), fn)
    except (ImportError, AttributeError) as exc:
        raise SparkError("E502", f"--pipeline {spec!r}: {exc}") from None


# --------------------------------------------------------------------------- reading


def _fix_source(item: Document | Failure, source: str, line: str) -> Document | Failure:
    # a JSONL line is read alone, so the reader's "FILE:1" would be a wrong line number
    if isinstance(item, Failure):
        doc_id = item.doc_id
        if doc_id == content_id(f"{source}:1", prefix="src"):
            doc_id = _line_failure_id(source, line)
        return Failure(doc_id, item.reason, source)
    item.meta.source = source
    return item


def _line_failure_id(source: str, line: str) -> str:
    """The failure id of a JSONL line with no readable id. The reader names it after "FILE:LINE";
    a line read alone has no line number, so it is named after the file and the line's content
    (one id per distinct broken line, the same on a re-run)."""
    return content_id(f"{source}\n{line}", prefix="src")


def read_raw(source: str, kind: str, payload: bytes, date: dt.date | None = None) -> Iterator[Document | Failure]:
    """Documents (or read failures) from one raw row.

    `kind` is ``jsonl`` (`payload` is one JSONL line: from a JSONL file or a
    Parquet row) or ``file`` (`payload` is a whole file, read by its name as
    ``dotterel extract`` reads it: HTML, JSONL, feed or text).
    """
    from ..ingest import documents_of, sniff, suffix_kind
    from ..ingest._common import ReadProblem, decode, failure
    from ..ingest.jsonl import jsonl_bytes_documents, jsonl_documents, looks_like_jsonl

    if kind == "jsonl":
        source = _local_name(source)
        try:
            line = decode(payload, nul_ok=True)
        except ReadProblem as problem:
            yield Failure(_line_failure_id(source, payload.decode("utf-8", "replace")), str(problem), source)
            return
        for item in jsonl_documents(line, source=source, date=date):
            yield _fix_source(item, source, line)
        return
    name = _local_name(source)
    by_name = suffix_kind(name)
    if by_name == "jsonl" or (by_name is None and looks_like_jsonl(payload)):
        yield from jsonl_bytes_documents(payload, source=name, date=date)  # each line decoded alone
        return
    try:
        text = decode(payload)
        yield from documents_of(text, by_name or sniff(text), source=name, date=date)
    except ReadProblem as problem:
        yield failure(name, problem)


def _local_name(uri: str) -> str:
    """``file:///a/b.txt`` -> ``/a/b.txt``; other URIs (hdfs://, s3a://) stay as they are."""
    if uri.startswith("file:"):
        from urllib.parse import unquote, urlparse

        return unquote(urlparse(uri).path)
    return uri


# --------------------------------------------------------------------------- coding

_STAGE = re.compile(r"^stage '([^']+)': ")


def failure_stage(reason: str) -> tuple[str, str]:
    """(stage, reason) from a Failure's reason: ``stage 'x': ...`` names the stage; readers' are ``read``."""
    m = _STAGE.match(reason or "")
    if m:
        return m.group(1), reason[m.end():]
    return "read", reason


def _failure_row(f: Failure, stage: str | None = None) -> dict[str, Any]:
    found_stage, reason = failure_stage(f.reason)
    return {"table": "failures", "doc_id": f.doc_id, "source": f.source, "stage": stage or found_stage,
            "reason": reason}


def code_documents(items: Iterable[Document | Failure], pipeline: Any, *, batch_size: int = 32,
                   now: dt.datetime | None = None) -> Iterator[dict[str, Any]]:
    """Rows (dicts with a ``table`` key) for documents and read failures, batch by batch."""
    from ..fuse import FuseDocument
    from ..records import coder, to_records
    from ..store.rows import add_document, new_rows

    coder_info = coder(getattr(pipeline, "config", None))
    now = now or dt.datetime.now()
    batch: list[Document] = []

    def flush() -> Iterator[dict[str, Any]]:
        try:
            results = list(pipeline.pipe(batch, n_process=1, batch_size=max(1, len(batch))))
        except Exception:  # noqa: BLE001 - the batch broke as a whole: code one by one to find the culprit
            results = [pipeline._safe(d) for d in batch]
        for res in results:
            if isinstance(res, Failure):
                yield _failure_row(res)
                continue
            try:
                if "fuse" not in res.done:
                    FuseDocument()(res)
                rows = new_rows()
                add_document(rows, res, to_records(res, coder_info=coder_info), now)
            except Exception as exc:  # noqa: BLE001 - one odd document must not stop the job
                yield _failure_row(Failure(res.id, f"{type(exc).__name__}: {exc}", res.meta.source), "records")
                continue
            for table, cols in rows.items():
                names = list(cols)
                for values in zip(*cols.values()):
                    yield {"table": table, **dict(zip(names, values))}

    for item in items:
        if isinstance(item, Failure):
            yield _failure_row(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


def code_frames(frames: Iterable[Any], spec: PipelineSpec, *, batch_size: int = 32,
                date: str | None = None) -> Iterator[Any]:
    """``mapInPandas`` body: frames of (source, kind, payload) in, frames of `OUTPUT_COLUMNS` out."""
    pipeline = executor_pipeline(spec)
    day = dt.date.fromisoformat(date) if date else None
    names = [c for c, _ in OUTPUT_COLUMNS]

    def items(frame) -> Iterator[Document | Failure]:
        for source, kind, payload in zip(frame["source"], frame["kind"], frame["payload"]):
            yield from read_raw(source, kind, bytes(payload), day)

    rows: list[dict[str, Any]] = []
    for frame in frames:
        for row in code_documents(items(frame), pipeline, batch_size=batch_size):
            rows.append(row)
            if len(rows) >= 4096:  # keep Arrow batches small (a document's rows may span two frames)
                yield object_frame(rows, names)
                rows = []
    if rows:
        yield object_frame(rows, names)


def object_frame(rows: list[dict[str, Any]] | list[list[Any]], names: list[str]) -> Any:
    """A pandas frame of plain Python objects: pandas 3 would infer Arrow-backed string columns,
    which pyspark's Arrow conversion does not take."""
    import pandas as pd

    if rows and isinstance(rows[0], dict):
        data = {c: pd.Series([r.get(c) for r in rows], dtype=object) for c in names}
    else:
        data = {c: pd.Series([r[i] for r in rows], dtype=object) for i, c in enumerate(names)}
    return pd.DataFrame(data, columns=names)
