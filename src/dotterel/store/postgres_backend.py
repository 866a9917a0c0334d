"""PostgreSQL backend (psycopg 3): the same schema; bulk inserts by COPY into a staging table."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from . import schema


def _pg_sql(sql: str) -> str:
    # the store writes SQL with `?` placeholders (DuckDB style) and never a literal % or ?
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresBackend:
    kind = "postgres"

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "E403", "PostgreSQL needs psycopg: pip install 'dotterel[postgres]'"
            ) from None
        self.url = url
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError("E402", f"cannot connect to {_redact(url)}: {first}") from None
        self._in_tx = False
        self._staged: set[str] = set()

    def __repr__(self) -> str:
        return f"PostgresBackend({_redact(self.url)!r})"

    def create(self) -> None:
        with self.con.transaction():
            # serialise concurrent first runs
            self.con.execute("SELECT pg_advisory_xact_lock(4242)")
            for stmt in schema.ddl("postgres"):
                self.con.execute(stmt)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(_pg_sql(sql), list(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(_pg_sql(sql), list(params)).fetchall()

    def query_df(self, sql: str, params: Sequence[Any] = ()):
        import pandas as pd

        cur = self.con.execute(_pg_sql(sql), list(params))
        names = [d.name for d in cur.description]
        return pd.DataFrame(cur.fetchall(), columns=names)

    def insert(self, table: str, rows: dict[str, list], *, ignore_conflicts: bool = True) -> None:
        """COPY the rows into a temporary staging table, then INSERT ... ON CONFLICT DO NOTHING."""
        if not rows or not next(iter(rows.values())):
            return
        cols = list(rows)
        collist = ", ".join(cols)
        stage = f"_stage_{table}"
        with self.transaction():
            if stage not in self._staged:
                self.con.execute(
                    f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table} INCLUDING DEFAULTS)"
                )
                self._staged.add(stage)
            self.con.execute(f"TRUNCATE {stage}")
            with self.con.cursor() as cur:
                with cur.copy(f"COPY {stage} ({collist}) FROM STDIN") as cp:
                    for row in zip(*(rows[c] for c in cols)):
                        cp.write_row(row)
            conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts and table in schema.PRIMARY_KEYS else ""
            self.con.execute(f"INSERT INTO {table} ({collist}) SELECT {collist} FROM {stage}{conflict}")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._in_tx:
            yield
            return
        self._in_tx = True
        try:
            with self.con.transaction():
                yield
        except BaseException:
            self._staged.clear()  # staging tables created in a rolled-back transaction are gone
            raise
        finally:
            self._in_tx = False

    def tables(self) -> set[str]:
        return {r[0] for r in self.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def close(self) -> None:
        self.con.close()


def _redact(url: str) -> str:
    """Hide a password in a URL before it is printed: the user's ('postgresql://ana:s3cret@...')
    and a query parameter's ('...?password=s3cret'; libpq reads either)."""
    import re

    url = re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
    return re.sub(r"([?&]password=)[^&]*", r"\1***", url, flags=re.IGNORECASE)
