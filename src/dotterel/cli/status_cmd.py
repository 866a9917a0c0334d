"""`dotterel status`: what the store holds, and the documents that failed with their reasons."""

from __future__ import annotations

import argparse
import json


def add_parser(sub) -> None:
    from ..store.cli_common import add_db

    p = sub.add_parser("status", help="counts of documents, events, fused events and failures",
                       description="What the store holds: documents, event reports, fused events, reports "
                       "not yet fused, and every document that failed with its reason.")
    add_db(p)
    p.add_argument("--format", choices=("table", "json"), default="table",
                   help="table: readable lines (default); json: one object with the failure list")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store import default_url
    from ..store.cli_common import open_db
    from ..store.postgres_backend import _redact

    with open_db(args, reader=True, read_only=True) as store:
        st = store.status()
    where = _redact(args.db if args.db is not None else default_url())  # $DOTTEREL_DB, else ./dotterel.duckdb
    if args.format == "json":
        print(json.dumps({"store": where, **st}, indent=2, default=str))  # no password
        return 0
    print(f"store:         {where} ({st['backend']})")  # no password
    print(f"documents:     {st['documents']}")
    print(f"events:        {st['events']} (reports)")
    print(f"fused events:  {st['fused_events']}")
    if st["unfused"]:
        print(f"not yet fused: {st['unfused']} (fused by the next ingest)")
    print(f"failures:      {st['failures']}")
    for f in st["failure_list"]:
        where = f" ({f['source']})" if f["source"] and f["source"] != f["doc_id"] else ""
        print(f"  {f['doc_id']}{where}: {f['reason']}")
    return 0
