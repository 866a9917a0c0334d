"""DuckDB backend: an embedded file (default ``dotterel.duckdb``); bulk inserts through Arrow.

A DuckDB file is open in one process at a time, or read-only in several. A writer
that calls `release` after each commit (``Store.ingest`` does) lets readers in
between its batches; `wait` makes either side retry a locked file for that many
seconds before giving up with E401. Extensions are never installed or loaded
automatically (nothing is downloaded at run time), and a file that is not a
DuckDB database (a SQLite file, a text file) is refused before DuckDB opens it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from ..errors import StoreError
from . import schema

_ARROW = {"TEXT": pa.string(), "INTEGER": pa.int64(), "DOUBLE": pa.float64(), "DATE": pa.date32(),
          "TIMESTAMP": pa.timestamp("us")}


_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_file(path: str) -> None:
    """Refuse a file that exists and is not a DuckDB database (E402)."""
    if path == ":memory:" or not os.path.isfile(path) or os.path.getsize(path) == 0:
        return
    with open(path, "rb") as fh:
        head = fh.read(16)
    if head.startswith(_SQLITE_MAGIC):
        raise StoreError("E402", f"{path} is a SQLite database, not a DuckDB store; use a new file")
    if head[8:12] != b"DUCK":
        raise StoreError("E402", f"{path} is not a DuckDB database; use a new file")


class DuckDBBackend:
    kind = "duckdb"

    def __init__(self, path: str, *, read_only: bool = False, wait: float = 0.0):
        self.path = path
        self.read_only = read_only
        self.wait = wait  # seconds to retry a file locked by another process
        self._con: Any = None
        self._in_tx = False
        check_file(path)
        self._connect()

    @property
    def con(self) -> Any:
        if self._con is None:
            self._connect()
        return self._con

    def _connect(self) -> None:
        import duckdb

        deadline = time.monotonic() + self.wait
        while True:
            try:
                self._con = duckdb.connect(self.path, read_only=self.read_only, config=_CONFIG)
                return
            except duckdb.IOException as exc:
                msg = str(exc).splitlines()[0]
                if "lock" not in msg.lower():
                    raise StoreError("E402", f"cannot open database {self.path}: {msg}") from None
                if time.monotonic() >= deadline:
                    raise StoreError(
                        "E401",
                        f"database {self.path} is in use by another process ({msg}); an ingest lets "
                        "readers in between its batches: try again, or pass --wait SECONDS",
                    ) from None
                time.sleep(0.1)
            except duckdb.Error as exc:
                raise StoreError("E402", f"cannot open database {self.path}: {str(exc).splitlines()[0]}") from None

    def release(self) -> None:
        """Close the file until the next statement, so that other processes can open it
        (an in-memory database is never closed: it would be gone)."""
        if self._con is not None and not self._in_tx and self.path != ":memory:":
            self._con.close()
            self._con = None

    def tables(self) -> set[str]:
        return {r[0] for r in self.query("SELECT table_name FROM information_schema.tables")}

    def __repr__(self) -> str:
        return f"DuckDBBackend({self.path!r})"

    def create(self) -> None:
        for stmt in schema.ddl("duckdb"):
            self.con.execute(stmt)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(sql, list(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, list(params)).fetchall()

    def query_df(self, sql: str, params: Sequence[Any] = ()):
        return self.con.execute(sql, list(params)).df()

    def insert(self, table: str, rows: dict[str, list], *, ignore_conflicts: bool = True) -> None:
        """Bulk insert a column dict through an Arrow table (one statement)."""
        if not rows or not next(iter(rows.values())):
            return
        types = dict(schema.TABLES[table])
        cols = list(rows)
        arrow = pa.table({c: pa.array(rows[c], type=_ARROW[types[c]]) for c in cols})
        name = f"_stage_{table}"
        self.con.register(name, arrow)
        try:
            conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts and table in schema.PRIMARY_KEYS else ""
            collist = ", ".join(cols)
            self.con.execute(f"INSERT INTO {table} ({collist}) SELECT {collist} FROM {name}{conflict}")
        finally:
            self.con.unregister(name)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._in_tx:
            yield
            return
        self.con.execute("BEGIN TRANSACTION")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self._in_tx = False
            self.con.execute("ROLLBACK")
            raise
        self._in_tx = False
        self.con.execute("COMMIT")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
