"""`dotterel export`: write stored events as jsonl, csv, parquet, POLECAT TSV or GDELT-style TSV."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    from ..store.cli_common import add_db, add_filters
    from ..store.export import FORMATS

    p = sub.add_parser("export", help="export stored events (jsonl, csv, parquet, polecat, gdelt)",
                       description="Write stored events to a file or stdout. jsonl, csv and parquet write "
                       "one row per event report; polecat (POLECAT TSV) and gdelt (GDELT 2.0 event TSV) "
                       "write one row per fused event.")
    add_db(p)
    p.add_argument("--format", choices=FORMATS, default="jsonl",
                   help="jsonl (default): the output contract; csv, parquet: flat columns; "
                   "polecat, gdelt: fused events")
    p.add_argument("-o", "--output", metavar="PATH", default="-", help="file to write (default: stdout)")
    add_filters(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import StoreError
    from ..store.cli_common import filters, open_db

    # read-only first: an archived or shared store whose file cannot be written exports too,
    # and an ingest can go on meanwhile; writable only to fuse the records an interrupted
    # ingest left unfused (E425), which the fused formats need
    try:
        with open_db(args, reader=True, read_only=True) as store:
            n = store.export(args.output, args.format, **filters(args))
    except StoreError as exc:
        if exc.code != "E425":
            raise
        with open_db(args, reader=True) as store:
            n = store.export(args.output, args.format, **filters(args))
    if args.output not in (None, "-"):
        print(f"wrote {n} rows to {args.output}", file=sys.stderr)
    return 0
