"""The web app's connection to the store: read-only unless writing was enabled with a token.

A DuckDB file is opened with DuckDB's own ``read_only`` flag, so the server cannot change it
even through a bug (and other read-only processes can open it too); a PostgreSQL session is
set to read-only transactions. Queries are serialised by a lock: one connection is shared by
the server's worker threads.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

from ..errors import StoreError


class ReadOnlyDuckDB:
    """The two methods the store's query functions use (`query`, `query_df`), read-only."""

    kind = "duckdb"

    def __init__(self, path: str):
        import duckdb

        if not os.path.exists(path):
            raise StoreError("E405", f"no store at {path}: create it with `dotterel ingest PATH... --db {path}`")
        self.path = path
        try:
            self.con = duckdb.connect(path, read_only=True)
        except duckdb.Error as exc:
            msg = str(exc).splitlines()[0]
            if "lock" in msg.lower():
                raise StoreError("E401", f"database {path} is in use by another process ({msg}); "
                                 "stop it, or use PostgreSQL for concurrent readers and writers") from None
            raise StoreError("E402", f"cannot open database {path}: {msg}") from None
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if not tables:
            self.con.close()
            raise StoreError("E405", f"no store in {path}: it is an empty database (no tables); "
                             f"`dotterel ingest PATH... --db {path}` creates the store in it")
        if not {"events", "fused_events", "documents"} <= tables:
            self.con.close()
            raise StoreError("E405", f"{path} is not a dotterel store: create one with `dotterel ingest PATH... --db URL`")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    def query_df(self, sql: str, params: Sequence[Any] = ()):
        return self.con.execute(sql, list(params)).df()

    def close(self) -> None:
        self.con.close()


class Locked:
    """Serialise `query`/`query_df` of a backend shared by threads."""

    def __init__(self, backend: Any):
        self._backend = backend
        self._lock = threading.Lock()
        self.kind = getattr(backend, "kind", "?")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock:
            return self._backend.query(sql, params)

    def query_df(self, sql: str, params: Sequence[Any] = ()):
        with self._lock:
            return self._backend.query_df(sql, params)

    @property
    def lock(self) -> threading.Lock:
        return self._lock


class Database:
    """What the app holds: a query backend, and the Store itself when writing is enabled."""

    def __init__(self, url: str, *, writable: bool = False):
        self.url = url
        self.writable = writable
        self.store = None
        if writable:
            from ..store import open_store

            self.store = open_store(url)
            backend: Any = self.store.backend
        elif url.startswith(("postgresql://", "postgres://")):
            from ..store import open_store

            self.store = open_store(url)  # creates the tables if needed, then stays read-only
            backend = self.store.backend
            backend.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        else:
            path = url[len("duckdb://"):] if url.startswith("duckdb://") else url
            backend = ReadOnlyDuckDB(path)
        self.raw = backend
        self.backend = Locked(backend)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
        else:
            self.raw.close()
