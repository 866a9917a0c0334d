"""One schema for both backends (DuckDB and PostgreSQL).

Types are written once as generic names (TEXT, INTEGER, DOUBLE, DATE,
TIMESTAMP) and rendered per backend. Every table has a content-derived
primary key so that inserts are idempotent (``ON CONFLICT DO NOTHING``).
Lists and objects that are rarely queried (context, trigger, flags, the full
record) are stored as JSON text, which both backends can parse.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

#: table -> list of (column, generic type)
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "TEXT"),
        ("title", "TEXT"),
        ("url", "TEXT"),
        ("publisher", "TEXT"),
        ("pub_date", "DATE"),
        ("language", "TEXT"),
        ("source", "TEXT"),
        ("n_chars", "INTEGER"),
        ("n_sentences", "INTEGER"),
        ("n_events", "INTEGER"),
        ("flags", "TEXT"),
        ("text", "TEXT"),
        ("ingested_at", "TIMESTAMP"),
    ],
    # one row per record (a raw mention of an event: a report in one document)
    "events": [
        ("id", "TEXT"),
        ("doc_id", "TEXT"),
        ("sentence_index", "INTEGER"),
        ("event", "TEXT"),
        ("mode", "TEXT"),
        ("context", "TEXT"),
        ("status", "TEXT"),
        ("fuse_group", "TEXT"),
        ("actor_codes", "TEXT"),  # sorted distinct codes joined by ';'
        ("recipient_codes", "TEXT"),
        ("date", "TEXT"),
        ("date_precision", "TEXT"),
        ("date_text", "TEXT"),
        ("day", "DATE"),  # best-known day (see docs/store.md)
        ("loc_text", "TEXT"),
        ("loc_name", "TEXT"),
        ("loc_country", "TEXT"),
        ("lat", "DOUBLE"),
        ("lon", "DOUBLE"),
        ("geonameid", "INTEGER"),
        ("quad_code", "INTEGER"),
        ("goldstein", "DOUBLE"),
        ("cameo_root", "TEXT"),
        ("cameo_code", "TEXT"),
        ("event_text", "TEXT"),
        ("trigger_text", "TEXT"),
        ("confidence", "DOUBLE"),
        ("n_reports", "INTEGER"),  # sentences of the document reporting it (in-document fusion)
        ("publisher", "TEXT"),
        ("publication_date", "DATE"),
        ("url", "TEXT"),
        ("flags", "TEXT"),
        ("record", "TEXT"),  # the full output-contract record, JSON
    ],
    "actors": [
        ("event_id", "TEXT"),
        ("role", "TEXT"),  # actor | recipient
        ("position", "INTEGER"),
        ("text", "TEXT"),
        ("code", "TEXT"),
        ("sector", "TEXT"),
        ("name", "TEXT"),
        ("kb_id", "TEXT"),
        ("start_char", "INTEGER"),
        ("end_char", "INTEGER"),
    ],
    # directed dyads of each record (see docs/store.md for reciprocal events)
    "event_dyads": [
        ("event_id", "TEXT"),
        ("source", "TEXT"),
        ("target", "TEXT"),
    ],
    "failures": [
        ("doc_id", "TEXT"),
        ("source", "TEXT"),
        ("reason", "TEXT"),
        ("failed_at", "TIMESTAMP"),
    ],
    # one row per real-world event (cross-document fusion; derived, rebuilt per fusion group)
    "fused_events": [
        ("fused_id", "TEXT"),
        ("fuse_group", "TEXT"),
        ("rep_event_id", "TEXT"),  # the earliest report
        ("event", "TEXT"),
        ("mode", "TEXT"),
        ("status", "TEXT"),
        ("actor_codes", "TEXT"),
        ("recipient_codes", "TEXT"),
        ("date", "TEXT"),
        ("date_precision", "TEXT"),
        ("day", "DATE"),
        ("loc_country", "TEXT"),
        ("loc_name", "TEXT"),
        ("quad_code", "INTEGER"),
        ("goldstein", "DOUBLE"),
        ("cameo_root", "TEXT"),
        ("cameo_code", "TEXT"),
        ("event_text", "TEXT"),
        ("confidence", "DOUBLE"),
        ("n_mentions", "INTEGER"),
        ("n_articles", "INTEGER"),
        ("n_sources", "INTEGER"),
        ("first_report", "DATE"),
        ("last_report", "DATE"),
    ],
    "fused_mentions": [
        ("event_id", "TEXT"),
        ("fused_id", "TEXT"),
    ],
    "fuse_touched": [
        ("fuse_group", "TEXT"),
    ],
    "store_meta": [
        ("key", "TEXT"),
        ("value", "TEXT"),
    ],
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "events": ("id",),
    "actors": ("event_id", "role", "position"),
    "event_dyads": ("event_id", "source", "target"),
    "failures": ("doc_id",),
    "fused_events": ("fused_id",),
    "fused_mentions": ("event_id",),
    "store_meta": ("key",),
}

#: secondary indexes (PostgreSQL only: DuckDB scans columnar data fast enough
#: and its ART indexes slow bulk inserts down)
INDEXES: dict[str, list[tuple[str, ...]]] = {
    "events": [("doc_id",), ("fuse_group",), ("day",)],
    "fused_events": [("fuse_group",), ("day",), ("rep_event_id",)],
    "fused_mentions": [("fused_id",)],
    "event_dyads": [("source", "target")],
}

_TYPES = {
    "duckdb": {"TEXT": "TEXT", "INTEGER": "BIGINT", "DOUBLE": "DOUBLE", "DATE": "DATE",
               "TIMESTAMP": "TIMESTAMP"},
    "postgres": {"TEXT": "TEXT", "INTEGER": "BIGINT", "DOUBLE": "DOUBLE PRECISION", "DATE": "DATE",
                 "TIMESTAMP": "TIMESTAMP"},
}


def columns(table: str) -> list[str]:
    return [c for c, _ in TABLES[table]]


def ddl(backend: str) -> list[str]:
    """CREATE statements for `backend` ("duckdb" or "postgres"), idempotent."""
    types = _TYPES[backend]
    out = []
    for table, cols in TABLES.items():
        body = [f"{name} {types[t]}" for name, t in cols]
        if table in PRIMARY_KEYS:
            body.append(f"PRIMARY KEY ({', '.join(PRIMARY_KEYS[table])})")
        out.append(f"CREATE TABLE IF NOT EXISTS {table} (\n  " + ",\n  ".join(body) + "\n)")
    if backend == "postgres":
        for table, idxs in INDEXES.items():
            for cols in idxs:
                name = f"ix_{table}_{'_'.join(cols)}"
                out.append(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(cols)})")
    return out
