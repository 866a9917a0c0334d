"""The corpus store: documents, coded events, actors, failures and fused events.

    >>> store = open_store("corpus.duckdb")               # doctest: +SKIP
    >>> store.ingest(["articles/"], workers=2)            # doctest: +SKIP
    >>> store.events(dyad="IND-JPN", since="2022-01-01")  # doctest: +SKIP
    >>> store.dyads(by="month", actor="IND")              # doctest: +SKIP

DuckDB is the default (a file, ``dotterel.duckdb`` or ``$DOTTEREL_DB``);
``postgresql://...`` URLs use PostgreSQL with the same schema; a URL's scheme
picks its `Backend` from a registry (`register_backend`, store/backend.py).
Ids are derived from content and every insert is ``ON CONFLICT DO NOTHING``,
so ingesting the same documents twice stores nothing twice.

The store codes nothing itself: `Store.ingest` reads sources, skips stored
ids, codes with `Pipeline.pipe` (its worker processes, its failures) and hands
each batch to `Store.write`, one transaction per batch, so a killed run leaves
whole documents or nothing. Cross-document fusion is a store operation
(`Store.refuse`), run after each ingest.
See docs/store.md (schema, queries) and docs/fusion.md (cross-document fusion).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import asdict, dataclass, field
from typing import Any

from ..document import Document, Failure
from ..errors import StoreError
from . import query as _query
from .backend import Backend, open_backend, register_backend
from .ingest import read_sources, skip_stored
from .rows import ROW_TABLES, add_document, new_rows

__all__ = ["open_store", "Store", "IngestReport", "Backend", "register_backend", "DEFAULT_DB", "MAX_WORKERS"]

DEFAULT_DB = "dotterel.duckdb"

#: the most worker processes an ingest may use (each loads its own spaCy pipeline)
MAX_WORKERS = max(2, os.cpu_count() or 1)

#: ids and texts a failure row may hold (a failure row must always be storable)
_MAX_ID = 1000
_MAX_REASON = 2000


def default_url() -> str:
    return os.environ.get("DOTTEREL_DB") or DEFAULT_DB


def open_store(
    url: str | os.PathLike | None = None,
    *,
    read_only: bool = False,
    must_exist: bool = False,
    wait: float = 0.0,
) -> Store:
    """Open (and create when needed) the store at `url`.

    `url` is a DuckDB file path (``duckdb:///path`` also works; ``:memory:`` for a
    throw-away store) or a ``postgresql://`` URL. None means ``$DOTTEREL_DB``, else
    ``dotterel.duckdb`` in the current directory.

    ``must_exist``: a DuckDB file that does not exist is an error (E405) instead of
    a new, empty store (commands that only read use it). ``read_only``: open a DuckDB
    file read-only (several readers at once; nothing is created). ``wait``: seconds
    to retry a DuckDB file that another process holds (an ingest lets readers in
    between its batches). A database that holds other tables but not dotterel's is
    refused (E406), never altered. Another scheme opens the backend registered for
    it (`register_backend`); an unknown one is E408.
    """
    url = str(url) if url is not None else default_url()
    backend = open_backend(url, read_only=read_only, must_exist=must_exist, wait=wait)
    store = Store(backend)
    try:
        store._create(read_only=getattr(backend, "read_only", False))
    except BaseException as exc:
        backend.close()
        if isinstance(exc, Exception) and not isinstance(exc, StoreError) and _disk_full(exc):
            raise StoreError("E423", f"no space left on the device while creating the store at {url}") from None
        raise
    return store


@dataclass(slots=True)
class IngestReport:
    read: int = 0  # documents read (new and already stored)
    stored: int = 0  # documents written now
    skipped: int = 0  # already in the store (or twice in the input, with the same text)
    failed: int = 0
    events: int = 0  # records written now
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source or id, reason) of this run

    @property
    def docs_per_second(self) -> float:
        return (self.stored + self.failed) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["docs_per_second"] = round(self.docs_per_second, 2)
        return d


class Store:
    """A database of coded documents. Build it with `open_store`."""

    def __init__(self, backend: Backend):
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

    def _create(self, read_only: bool = False) -> None:
        from .schema import SCHEMA_VERSION, TABLES

        tables = self.backend.tables() if hasattr(self.backend, "tables") else {"store_meta"}
        if self.backend.kind == "duckdb" and tables and "store_meta" not in tables:
            raise StoreError(
                "E406",
                f"{self.backend.path} is a DuckDB database without dotterel's tables "
                f"(it holds {', '.join(sorted(tables)[:5])}); ingest into a new file",
            )
        if read_only:
            if not tables:  # a new, empty file: "missing actors, documents, ..." hid that
                raise StoreError("E405", f"no store in {self._where()}: it is an empty database (no tables); "
                                 f"`dotterel ingest PATH... --db {self._where()}` creates the store in it")
            missing = set(TABLES) - tables
            if missing:
                raise StoreError("E406", f"{self.backend.path} is not a complete dotterel store "
                                 f"(missing {', '.join(sorted(missing))})")
        else:
            self.backend.create()
        found = self.backend.query("SELECT value FROM store_meta WHERE key = 'schema_version'")
        if not found and read_only:
            raise StoreError("E406", f"{self.backend.path} is not a dotterel store (no schema version)")
        if not found:
            self.backend.insert("store_meta", {"key": ["schema_version"], "value": [str(SCHEMA_VERSION)]})
            return
        try:
            version = int(found[0][0])
        except (TypeError, ValueError):
            raise StoreError("E406", f"{self._where()} is not a dotterel store: its schema version is "
                             f"{found[0][0]!r}, not a number") from None
        if version > SCHEMA_VERSION:  # a newer dotterel reads it; a new database would lose it
            raise StoreError(
                "E404",
                f"the store has schema version {version}, written by a newer dotterel (this one reads "
                f"version {SCHEMA_VERSION}); upgrade dotterel to use it",
            )
        if version != SCHEMA_VERSION:
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

        read sources -> skip stored ids -> ``pipeline.pipe`` (`workers` processes,
        `chunk_size` documents per task) -> `write`, every `batch_size` documents or
        failures in one transaction -> cross-document fusion (`refuse`).

        Documents already stored are skipped before coding (a document whose id is
        stored with another text is a failure, never dropped). Failures (unreadable
        input, a stage that raises or runs out of time, a document the backend cannot
        hold) are recorded with their reason and the run goes on. Returns counts;
        `on_commit` is called after each transaction. A full disk raises StoreError
        E423 (committed batches stay). In-document fusion is the pipeline's ``fuse``
        stage: a pipeline without it stores its records unfused inside each document.
        """
        from ..records import coder

        if pipeline is None:
            from ..pipeline import Pipeline

            pipeline = Pipeline.default()
        workers = check_workers(workers)
        report = IngestReport()
        started = time.perf_counter()
        self.refuse()  # repair fusion after an interrupted run
        coder_info = coder(getattr(pipeline, "config", None))
        new = skip_stored(read_sources(source), self.backend, report)

        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
            bar.set_postfix(failures=0, refresh=False)

        def commit(batch: list[Document | Failure]) -> None:
            try:
                written = self.write(batch, coder_info=coder_info)
            except StoreError as exc:
                if exc.code == "E423":
                    raise StoreError("E423", f"{exc.message}; {report.stored} documents were committed "
                                     "before it") from None
                raise
            report.stored += written.stored
            report.failed += written.failed
            report.events += written.events
            report.failures.extend(written.failures)
            if on_commit:
                report.seconds = time.perf_counter() - started
                on_commit(report)

        waited = getattr(self.backend, "wait", None)
        if waited is not None:  # a reader may hold the DuckDB file between batches: wait for it
            self.backend.wait = max(waited, 60.0)
        try:
            batch: list[Document | Failure] = []
            failed = 0
            with closing(pipeline.pipe(new, n_process=workers, batch_size=chunk_size)) as coded:
                for item in coded:
                    batch.append(item)
                    if bar is not None:
                        failed += isinstance(item, Failure)
                        bar.update(1)
                        bar.set_postfix(failures=failed, refresh=False)
                    if len(batch) >= batch_size:
                        commit(batch)
                        batch = []
            if batch:
                commit(batch)
            self.refuse()
            # a document that failed before and is stored now (same id, or same file) is no failure
            self.backend.execute(
                "DELETE FROM failures WHERE doc_id IN (SELECT doc_id FROM documents) "
                "OR source IN (SELECT source FROM documents WHERE source IS NOT NULL)"
            )
        except StoreError as exc:
            if _held(exc) and report.stored:  # say what is safe, and that a rerun goes on from there
                raise StoreError("E401", f"{exc.message}; {report.stored} documents were committed before "
                                 "it, and the same ingest run again stores the rest") from None
            raise
        except Exception as exc:
            if _disk_full(exc):
                raise StoreError("E423", f"no space left on the device while writing to {self._where()}; "
                                 f"{report.stored} documents were committed before it") from None
            raise
        finally:
            if bar is not None:
                bar.close()
            if waited is not None:
                self.backend.wait = waited
        report.seconds = time.perf_counter() - started
        return report

    def write(
        self, items: Iterable[Document | Failure], *, coder_info: dict[str, str] | None = None
    ) -> IngestReport:
        """Store coded Documents (their events, actors and dyads) and Failures, in one transaction.

        Nothing is coded or fused here: each Document is stored as it is, with the
        records `records.to_records` makes of its events (``coder`` from `coder_info`,
        see `records.coder`). A document already stored is left as it is. A document
        the backend refuses (or that cannot become rows) is stored as a failure instead,
        one transaction per document, and the rest still go in. Returns the counts
        (``stored``, ``failed``, ``events``, ``failures``); a full disk is E423. Between
        transactions a DuckDB file is released so that readers can get in.
        Cross-document fusion is separate: `refuse`.
        """
        from ..records import coder, to_records

        info = coder_info if coder_info is not None else coder(None)
        rows = new_rows()
        ok: list[str] = []
        failures: list[Failure] = []
        now = dt.datetime.now()
        for item in items:
            if isinstance(item, Failure):
                failures.append(item)
                continue
            if not isinstance(item, Document):
                failures.append(Failure(repr(item)[:80], f"not a Document or a Failure: {type(item).__name__}"))
                continue
            try:
                one = new_rows()
                add_document(one, item, to_records(item, coder_info=info), now)
            except Exception as exc:  # noqa: BLE001 - a document that cannot become rows fails alone
                failures.append(Failure(item.id, f"{type(exc).__name__}: {exc}", item.meta.source))
                continue
            for table, cols in one.items():
                for c, values in cols.items():
                    rows[table][c].extend(values)
            ok.append(item.id)
        written = IngestReport()
        if ok or failures:
            try:
                self._write(rows, failures)
            except Exception as exc:  # noqa: BLE001 - a document the backend refuses must not block the rest
                if _disk_full(exc):
                    raise StoreError("E423", f"no space left on the device while writing to {self._where()}") from None
                if _held(exc):
                    raise  # the file, not a document: stop here, and say so (E401)
                refused = self._write_each(rows, failures)  # one transaction per document
                ok = [d for d in ok if d not in refused]
                _drop_documents(rows, refused)
            release = getattr(self.backend, "release", None)
            if release is not None:  # a DuckDB file: let readers in while the next batch is coded
                release()
        written.read = written.stored = len(ok)
        written.failed = len(failures)
        written.read += written.failed
        written.events = len(rows["events"]["id"])
        written.failures = [(f.source or f.doc_id, f.reason) for f in failures]
        return written

    def _where(self) -> str:
        return str(getattr(self.backend, "path", None) or repr(self.backend))

    def _write_each(self, rows: dict[str, dict[str, list]], failures: list) -> set[str]:
        """Write a batch one document per transaction; a document the backend refuses
        becomes a failure (added to `failures`). Returns the refused document ids."""
        refused: set[str] = set()
        for doc_id, one in _split_by_document(rows):
            try:
                self._write(one, [])
            except Exception as exc:  # noqa: BLE001
                if _disk_full(exc) or _held(exc):
                    raise
                refused.add(doc_id)
                src = one["documents"]["source"][0] if one["documents"]["source"] else None
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                failures.append(Failure(doc_id, f"cannot be stored: {first} (E424)", src))
        for f in failures:  # failure rows themselves, one at a time (each is made storable)
            try:
                self._write({t: {} for t in ROW_TABLES}, [f])
            except Exception as exc:  # noqa: BLE001
                if _disk_full(exc) or _held(exc):
                    raise
                # still counted and reported as failed: only its row in `failures` is missing
                print(f"dotterel: could not record the failure of {_short(f.doc_id)}: {exc}", file=sys.stderr)
        return refused

    def _write(self, rows: dict[str, dict[str, list]], failures: list) -> None:
        now = dt.datetime.now()
        with self.backend.transaction():
            for table in ROW_TABLES:
                if rows.get(table):
                    self.backend.insert(table, rows[table])
            if failures:
                seen: dict[str, Any] = {}
                for f in failures:
                    seen.setdefault(_storable_id(f.doc_id), f)
                self.backend.insert(
                    "failures",
                    {
                        "doc_id": list(seen),
                        "source": [_storable(f.source, _MAX_ID) for f in seen.values()],
                        "reason": [_storable(f.reason, _MAX_REASON) for f in seen.values()],
                        "failed_at": [now] * len(seen),
                    },
                )

    def add(self, docs: Any) -> IngestReport:
        """Store Documents that are already coded: `ingest` with a pipeline of no stages
        (stored ids skipped, `write` in batches, then cross-document fusion)."""
        from ..pipeline import Pipeline

        return self.ingest(docs, pipeline=Pipeline([]), workers=1)

    def fusion_is_stale(self) -> bool:
        """True when some stored records are not fused yet (an interrupted run)."""
        return bool(self.backend.query(
            "SELECT 1 FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM fused_mentions m WHERE m.event_id = e.id) LIMIT 1"
        ))

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
        """Per period and directed dyad: fused-event count, mean Goldstein, quad 1-4 counts.
        Fused events with no day are left out; ``df.attrs["undated"]`` counts them."""
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


def check_workers(workers: Any) -> int:
    """A worker count between 1 and `MAX_WORKERS`, else StoreError E407."""
    try:
        n = int(workers)
    except (TypeError, ValueError):
        n = 0
    if n < 1 or n > MAX_WORKERS or str(n) != str(workers).strip():
        raise StoreError("E407", f"--workers must be a whole number from 1 to {MAX_WORKERS}, not {workers!r}")
    return n


def _held(exc: BaseException) -> bool:
    """Another process holds the DuckDB file (E401, after waiting): no document's fault, so
    an ingest stops with that error instead of failing each document of the batch."""
    return isinstance(exc, StoreError) and exc.code == "E401"


def _disk_full(exc: BaseException) -> bool:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if getattr(exc, "errno", None) == errno.ENOSPC or getattr(exc, "sqlstate", None) == "53100":
            return True
        text = str(exc).lower()
        if "no space left" in text or "disk full" in text or "disk is full" in text:
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: str | None, limit: int) -> str | None:
    """Text any backend holds: no NUL or lone surrogate, at most `limit` characters."""
    if value is None:
        return None
    value = _UNSTORABLE.sub("?", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _storable_id(doc_id: str) -> str:
    from ..document import content_id

    clean = _storable(doc_id, 10 * _MAX_ID) or ""
    return clean if len(clean) <= _MAX_ID and clean == doc_id else content_id(repr(doc_id), prefix="id")


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _split_by_document(rows: dict[str, dict[str, list]]) -> list[tuple[str, dict[str, dict[str, list]]]]:
    """The rows of a batch, one document at a time (documents -> events -> actors, dyads)."""
    docs = rows["documents"]["doc_id"]
    out: dict[str, dict[str, dict[str, list]]] = {d: new_rows() for d in docs}
    event_doc: dict[str, str] = {}
    for table, key in (("documents", "doc_id"), ("events", "doc_id"), ("actors", "event_id"),
                       ("event_dyads", "event_id")):
        cols = rows[table]
        for i, k in enumerate(cols[key]):
            doc_id = k if key == "doc_id" else event_doc.get(k)
            if doc_id not in out:
                continue
            if table == "events":
                event_doc[cols["id"][i]] = doc_id
            for c, values in cols.items():
                out[doc_id][table][c].append(values[i])
    return list(out.items())


def _drop_documents(rows: dict[str, dict[str, list]], doc_ids: set[str]) -> None:
    """Remove refused documents' rows from a batch (so that counts stay true)."""
    if not doc_ids:
        return
    events = rows["events"]
    dropped = {events["id"][i] for i, d in enumerate(events["doc_id"]) if d in doc_ids}
    for table, key, bad in (("documents", "doc_id", doc_ids), ("events", "doc_id", doc_ids),
                            ("actors", "event_id", dropped), ("event_dyads", "event_id", dropped)):
        cols = rows[table]
        keep = [i for i, k in enumerate(cols[key]) if k not in bad]
        for c in cols:
            cols[c][:] = [cols[c][i] for i in keep]
