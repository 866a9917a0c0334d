"""DuckDB backend: an embedded file (default ``dotterel.duckdb``); bulk inserts through Arrow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from ..errors import StoreError
from . import schema

_ARROW = {"TEXT": pa.string(), "INTEGER": pa.int64(), "DOUBLE": pa.float64(), "DATE": pa.date32(),
          "TIMESTAMP": pa.timestamp("us")}


class DuckDBBackend:
    kind = "duckdb"

    def __init__(self, path: str):
        import duckdb

        self.path = path
        try:
            self.con = duckdb.connect(path)
        except duckdb.IOException as exc:
            msg = str(exc).splitlines()[0]
            if "lock" in msg.lower():
                raise StoreError("E401", f"database {path} is in use by another process ({msg})") from None
            raise StoreError("E402", f"cannot open database {path}: {msg}") from None
        except duckdb.Error as exc:
            raise StoreError("E402", f"cannot open database {path}: {str(exc).splitlines()[0]}") from None
        self._in_tx = False

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
        self.con.close()
