"""Coding documents for the store: the worker side of ``Store.ingest``.

Workers receive small lists of `Document` (text and metadata only), run the
pipeline over them in one batch (spaCy loads once per worker, on first use)
and send back column dicts ready for one bulk insert per table. A document that
fails anywhere becomes a `Failure` with its reason; the chunk goes on.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..document import Document, Failure
from .rows import add_document, new_rows

_PIPELINE: Any = None


def init_worker(pipeline: Any) -> None:
    global _PIPELINE
    _PIPELINE = pipeline
    # the parent decides how a run stops: Ctrl-C reaches it alone, SIGTERM ends a worker
    # quietly (no traceback, no broken pipe), whatever handler the parent had installed
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _failure(doc: Document, exc: BaseException) -> Failure:
    return Failure(doc.id, f"{type(exc).__name__}: {exc}", doc.meta.source)


def code_chunk(docs: list[Document], pipeline: Any = None):
    """Run the pipeline over `docs`; return (rows, stored doc ids, failures)."""
    from ..fuse import FuseDocument
    from ..records import coder, to_records

    pipeline = pipeline if pipeline is not None else _PIPELINE
    try:
        results: list[Document | Failure] = list(
            pipeline.pipe(docs, n_process=1, batch_size=max(1, len(docs)))
        )
    except Exception:  # a stage broke the whole batch: retry one by one to find the culprit
        results = []
        for doc in docs:
            try:
                results.append(pipeline(doc).without_parse())
            except Exception as exc:  # noqa: BLE001 - any failure is recorded, never raised
                results.append(_failure(doc, exc))
    rows = new_rows()
    ok: list[str] = []
    failures: list[Failure] = []
    now = dt.datetime.now()
    for res in results:
        if isinstance(res, Failure):
            failures.append(res)
            continue
        try:
            if "fuse" not in res.done:
                FuseDocument()(res)
            one = new_rows()
            add_document(one, res, to_records(res, coder_info=coder(getattr(pipeline, "config", None))), now)
        except Exception as exc:  # noqa: BLE001
            failures.append(_failure(res, exc))
            continue
        for table, cols in one.items():
            for c, values in cols.items():
                rows[table][c].extend(values)
        ok.append(res.id)
    return rows, ok, failures


def code_chunk_in_worker(docs: list[Document]):
    return code_chunk(docs)


def read_sources(source: Any) -> Iterator[Document | Failure]:
    """Documents from paths (through dotterel.ingest.read_paths) or from an iterable of Documents."""
    if isinstance(source, (str, os.PathLike)):
        source = [source]
    items = list(source) if not isinstance(source, Iterator) else source
    if isinstance(items, list) and items and all(isinstance(p, (str, os.PathLike)) for p in items):
        yield from _read_paths([str(p) for p in items])
        return
    for item in items:
        if isinstance(item, (Document, Failure)):
            yield item
        elif isinstance(item, (str, os.PathLike)):
            yield from _read_paths([str(item)])
        else:
            yield Failure(repr(item)[:80], f"not a Document or a path: {type(item).__name__}")


def _read_paths(paths: list[str]) -> Iterable[Document | Failure]:
    try:
        from ..ingest import read_paths
    except ImportError:
        return _fallback_read_paths(paths)
    return read_paths(paths)


def _fallback_read_paths(paths: list[str]) -> Iterator[Document | Failure]:
    """Plain-text reader used only while dotterel.ingest is not available."""
    for p in paths:
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file()) if path.is_dir() else [path]
        for f in files:
            try:
                text = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield Failure(str(f), f"{type(exc).__name__}: {exc}", str(f))
                continue
            if not text.strip():
                yield Failure(str(f), "empty document", str(f))
                continue
            yield Document.from_text(text, source=str(f))
