"""The corpus store: documents, coded events, actors, failures and fused events.

    >>> store = open_store("corpus.duckdb")               # doctest: +SKIP
    >>> store.ingest(["articles/"], workers=2)            # doctest: +SKIP
    >>> store.events(dyad="IND-JPN", since="2022-01-01")  # doctest: +SKIP
    >>> store.dyads(by="month", actor="IND")              # doctest: +SKIP

DuckDB is the default (a file, ``dotterel.duckdb`` or ``$DOTTEREL_DB``);
``postgresql://...`` URLs use PostgreSQL with the same schema. Ids are derived
from content and every insert is ``ON CONFLICT DO NOTHING``, so ingesting the
same documents twice stores nothing twice; each batch of documents is written
in one transaction, so a killed run leaves whole documents or nothing.
See docs/store.md (schema, queries) and docs/fusion.md (cross-document fusion).
"""

from __future__ import annotations

import collections
import datetime as dt
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import StoreError
from . import query as _query
from .ingest import code_chunk, code_chunk_in_worker, init_worker, read_sources
from .rows import ROW_TABLES, new_rows

__all__ = ["open_store", "Store", "IngestReport", "DEFAULT_DB"]

DEFAULT_DB = "dotterel.duckdb"


def default_url() -> str:
    return os.environ.get("DOTTEREL_DB") or DEFAULT_DB


def open_store(url: str | os.PathLike | None = None) -> Store:
    """Open (and create when needed) the store at `url`.

    `url` is a DuckDB file path (``duckdb:///path`` also works; ``:memory:`` for a
    throw-away store) or a ``postgresql://`` URL. None means ``$DOTTEREL_DB``, else
    ``dotterel.duckdb`` in the current directory.
    """
    url = str(url) if url is not None else default_url()
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres_backend import PostgresBackend

        backend: Any = PostgresBackend(url)
    else:
        from .duckdb_backend import DuckDBBackend

        path = url[len("duckdb://"):] if url.startswith("duckdb://") else url
        if path.startswith("/") and url.startswith("duckdb:///"):
            path = path[1:] if path.startswith("//") else path
        backend = DuckDBBackend(path)
    store = Store(backend)
    store._create()
    return store


@dataclass(slots=True)
class IngestReport:
    read: int = 0  # documents read (new and already stored)
    stored: int = 0  # documents written now
    skipped: int = 0  # already in the store (or twice in the input)
    failed: int = 0
    events: int = 0  # records written now
    seconds: float = 0.0

    @property
    def docs_per_second(self) -> float:
        return (self.stored + self.failed) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["docs_per_second"] = round(self.docs_per_second, 2)
        return d


class Store:
    """A database of coded documents. Build it with `open_store`."""

    def __init__(self, backend: Any):
        self.backend = backend

    @property
    def kind(self) -> str:
        return self.backend.kind

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.backend!r})"

    def close(self) -> None:
        self.backend.close()

    def _create(self) -> None:
        from .schema import SCHEMA_VERSION

        self.backend.create()
        found = self.backend.query("SELECT value FROM store_meta WHERE key = 'schema_version'")
        if not found:
            self.backend.insert("store_meta", {"key": ["schema_version"], "value": [str(SCHEMA_VERSION)]})
        elif int(found[0][0]) != SCHEMA_VERSION:
            raise StoreError(
                "E404",
                f"the store has schema version {found[0][0]}, this dotterel writes {SCHEMA_VERSION}; "
                "ingest into a new database",
            )

    # ------------------------------------------------------------------ writing

    def ingest(
        self,
        source: Any,
        *,
        workers: int = 1,
        pipeline: Any = None,
        batch_size: int = 200,
        chunk_size: int = 16,
        progress: bool = False,
        on_commit: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Code and store documents: paths (files, folders, feeds, ``-``) or Documents.

        Documents already stored are skipped before coding. Failures (unreadable
        input, a stage that raises) are recorded with their reason and the batch
        goes on. Every `batch_size` documents are written in one transaction.
        Returns counts; `on_commit` is called after each transaction.
        """
        if pipeline is None:
            from ..pipeline import Pipeline

            pipeline = Pipeline.default()
        workers = max(1, int(workers))
        report = IngestReport()
        started = time.perf_counter()
        self.refuse()  # repair fusion after an interrupted run
        existing = {r[0] for r in self.backend.query("SELECT doc_id FROM documents")}
        read_failures: collections.deque = collections.deque()

        def chunks() -> Iterator[list]:
            buf: list = []
            for item in read_sources(source):
                report.read += 1
                if not hasattr(item, "meta"):  # a Failure from a reader
                    read_failures.append(item)
                    continue
                if item.id in existing:
                    report.skipped += 1
                    continue
                existing.add(item.id)
                buf.append(item)
                if len(buf) >= chunk_size:
                    yield buf
                    buf = []
            if buf:
                yield buf

        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
            bar.set_postfix(failures=0, refresh=False)

        pending = new_rows()
        pending_ok: list[str] = []
        pending_fail: list = []

        def flush() -> None:
            while read_failures:
                pending_fail.append(read_failures.popleft())
            if not pending_ok and not pending_fail:
                return
            self._write(pending, pending_fail)
            report.stored += len(pending_ok)
            report.failed += len(pending_fail)
            report.events += len(pending["events"]["id"])
            for cols in pending.values():
                for values in cols.values():
                    values.clear()
            pending_ok.clear()
            pending_fail.clear()
            if on_commit:
                report.seconds = time.perf_counter() - started
                on_commit(report)

        def take(result) -> None:
            rows, ok, fails = result
            for table, cols in rows.items():
                for c, values in cols.items():
                    pending[table][c].extend(values)
            pending_ok.extend(ok)
            pending_fail.extend(fails)
            if bar is not None:
                bar.update(len(ok) + len(fails))
                bar.set_postfix(failures=report.failed + len(pending_fail) + len(read_failures), refresh=False)
            if len(pending_ok) + len(pending_fail) >= batch_size:
                flush()

        try:
            if workers == 1:
                for chunk in chunks():
                    take(code_chunk(chunk, pipeline))
            else:
                ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
                with ctx.Pool(workers, initializer=init_worker, initargs=(pipeline,)) as pool:
                    for result in pool.imap_unordered(code_chunk_in_worker, chunks(), chunksize=1):
                        take(result)
            flush()
        finally:
            if bar is not None:
                bar.close()
        self.refuse()
        self.backend.execute(
            "DELETE FROM failures WHERE doc_id IN (SELECT doc_id FROM documents)"
        )
        report.seconds = time.perf_counter() - started
        return report

    def _write(self, rows: dict[str, dict[str, list]], failures: list) -> None:
        now = dt.datetime.now()
        with self.backend.transaction():
            for table in ROW_TABLES:
                self.backend.insert(table, rows[table])
            if failures:
                seen: dict[str, Any] = {}
                for f in failures:
                    seen.setdefault(f.doc_id, f)
                fs = list(seen.values())
                self.backend.insert(
                    "failures",
                    {
                        "doc_id": [f.doc_id for f in fs],
                        "source": [f.source for f in fs],
                        "reason": [f.reason for f in fs],
                        "failed_at": [now] * len(fs),
                    },
                )

    def add(self, docs: Any) -> IngestReport:
        """Store Documents that are already coded (no pipeline run)."""
        from ..pipeline import Pipeline

        return self.ingest(docs, pipeline=Pipeline([]), workers=1)

    def refuse(self, *, everything: bool = False) -> int:
        """Rebuild cross-document fusion for groups with unfused records (or all). Returns fused count."""
        from .fusion import refuse

        return refuse(self.backend, everything=everything)

    # ------------------------------------------------------------------ reading

    def status(self) -> dict[str, Any]:
        """Counts of documents, records, fused events and failures, and the failures with reasons."""
        q = self.backend.query
        out = {
            "backend": self.kind,
            "documents": q("SELECT count(*) FROM documents")[0][0],
            "events": q("SELECT count(*) FROM events")[0][0],
            "fused_events": q("SELECT count(*) FROM fused_events")[0][0],
            "unfused": q(
                "SELECT count(*) FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM fused_mentions m WHERE m.event_id = e.id)"
            )[0][0],
            "failures": q("SELECT count(*) FROM failures")[0][0],
        }
        out["failure_list"] = [
            {"doc_id": r[0], "source": r[1], "reason": r[2]}
            for r in q("SELECT doc_id, source, reason FROM failures ORDER BY failed_at, doc_id")
        ]
        return out

    def events(self, *, fused: bool = False, limit: int | None = None, **filters: Any):
        """Events as a DataFrame: one row per record (default) or per fused event.

        Filters: actor, recipient, dyad ("A-B", directed), type, quad, status,
        since, until (dates on the event's day), text (words in the sentence).
        """
        return _query.events(self.backend, fused=fused, limit=limit, **filters)

    def dyads(self, by: str = "month", **filters: Any):
        """Per period and directed dyad: fused-event count, mean Goldstein, quad 1-4 counts."""
        return _query.dyads(self.backend, by=by, **filters)

    def summary(self, **kw: Any) -> dict[str, Any]:
        return _query.summary(self.backend, **kw)

    def records(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """The stored output-contract records (dicts), in event order."""
        return _query.records(self.backend, **filters)

    def export(self, path: str | os.PathLike | None, format: str = "jsonl", **filters: Any) -> int:
        """Write events to `path` (None or "-": stdout) as jsonl, csv, parquet, polecat or gdelt."""
        from .export import export

        return export(self, path, format, **filters)
