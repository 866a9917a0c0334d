"""What a storage backend is (`Backend`), and which one a URL opens (the registry).

The store speaks to a database only through the methods of `Backend`: DDL
(`create`), SQL with ``?`` placeholders (`execute`, `query`, `query_df`), bulk
inserts of column dicts that ignore rows already there (`insert`), transactions
and `close`. Two backends ship: DuckDB (a file path, ``duckdb:///path`` or
``:memory:``) and PostgreSQL (``postgresql://`` or ``postgres://``). A new one
registers its URL scheme and passes the conformance suite:

    >>> from dotterel.store import register_backend                # doctest: +SKIP
    >>> register_backend("mysql", lambda url, **options: MySQLBackend(url))
    >>> from dotterel.store.conformance import check_backend       # doctest: +SKIP
    >>> check_backend(lambda: "mysql://localhost/scratch")         # raises on a broken contract
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

from ..errors import StoreError

__all__ = ["Backend", "register_backend", "open_backend", "schemes"]


@runtime_checkable
class Backend(Protocol):
    """The contract between `Store` and a database.

    Optional extras the store uses when present: ``read_only`` (bool), ``path`` (a file),
    ``wait`` (seconds to retry a locked file) and ``release()`` (give up the file between
    batches so that other processes can read it: DuckDB does).
    """

    #: a short name ("duckdb", "postgres"), shown by `dotterel status`
    kind: str

    def create(self) -> None:
        """Create dotterel's tables and indexes when missing (`schema.ddl`); never drop anything."""

    def tables(self) -> set[str]:
        """The names of the tables in the database (or schema) the store uses."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement with ``?`` placeholders."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run one query with ``?`` placeholders; all rows as tuples."""

    def query_df(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one query; a pandas DataFrame."""

    def insert(self, table: str, rows: dict[str, list], *, ignore_conflicts: bool = True) -> None:
        """Insert a column dict (column -> values) into `table`; rows whose primary key is
        stored already are skipped (``ON CONFLICT DO NOTHING``)."""

    def transaction(self) -> AbstractContextManager[None]:
        """All-or-nothing for the statements inside; nested use joins the outer transaction."""

    def close(self) -> None: ...


#: opens a backend: (url, read_only=, must_exist=, wait=) -> Backend
Opener = Callable[..., Backend]

_OPENERS: dict[str, Opener] = {}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


def register_backend(scheme: str | Sequence[str], opener: Opener) -> None:
    """Open URLs that start with ``scheme://`` with `opener(url, read_only=, must_exist=, wait=)`.

    A later registration of the same scheme replaces the earlier one (a test may wrap a
    shipped backend). A URL without a scheme is a DuckDB file path.
    """
    for s in [scheme] if isinstance(scheme, str) else scheme:
        _OPENERS[s.lower()] = opener


def schemes() -> list[str]:
    """The URL schemes that open a backend."""
    return sorted(_OPENERS)


def open_backend(url: str, *, read_only: bool = False, must_exist: bool = False, wait: float = 0.0) -> Backend:
    """The backend for `url`: by its scheme, else a DuckDB file path. Unknown scheme: E408."""
    m = _SCHEME.match(url)
    if m is None:
        return _open_duckdb(url, read_only=read_only, must_exist=must_exist, wait=wait)
    opener = _OPENERS.get(m.group(1).lower())
    if opener is None:
        raise StoreError("E408", f"no store backend for {m.group(1)}:// URLs; use a DuckDB file path or one of "
                         f"{', '.join(s + '://' for s in schemes())}")
    return opener(url, read_only=read_only, must_exist=must_exist, wait=wait)


def _open_duckdb(url: str, *, read_only: bool = False, must_exist: bool = False, wait: float = 0.0) -> Backend:
    from .duckdb_backend import DuckDBBackend

    path = url[len("duckdb://"):] if url.startswith("duckdb://") else url
    if path.startswith("/") and url.startswith("duckdb:///"):
        path = path[1:] if path.startswith("//") else path
    if not path:  # DuckDB would open an in-memory database, gone (with an ingest) at the first release
        raise StoreError("E405", f"--db {url!r} names no store: give a DuckDB file path or a postgresql:// URL")
    if (must_exist or read_only) and path != ":memory:" and not os.path.exists(path):
        raise StoreError("E405", f"no store at {path} (check --db; `dotterel ingest` creates a store)")
    return DuckDBBackend(path, read_only=read_only and path != ":memory:", wait=wait)


def _open_postgres(url: str, **_: Any) -> Backend:
    from .postgres_backend import PostgresBackend

    return PostgresBackend(url)  # read-only and wait are DuckDB's file concerns: PostgreSQL serves many


register_backend("duckdb", _open_duckdb)
register_backend(("postgresql", "postgres"), _open_postgres)
