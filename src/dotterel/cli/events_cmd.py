"""`dotterel events`: query coded events (one row per report, or per fused event with --fused)."""

from __future__ import annotations

import argparse

TABLE_COLUMNS = ["day", "event", "status", "actor_codes", "recipient_codes", "quad_code", "goldstein"]


def add_parser(sub) -> None:
    from ..store.cli_common import add_db, add_filters, add_format, count

    p = sub.add_parser("events", help="query stored events",
                       description="List stored events in day order: one row per event report (with its "
                       "fused_id), or with --fused one row per fused (real-world) event with its numbers of "
                       "mentions, articles and sources.")
    add_db(p)
    add_filters(p)
    p.add_argument("--fused", action="store_true", help="one row per fused (real-world) event")
    p.add_argument("--limit", type=count, metavar="N", help="at most N rows (0 or more; default: all)")
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store.cli_common import filters, open_db, print_frame

    with open_db(args, reader=True, read_only=True) as store:
        df = store.events(fused=args.fused, limit=args.limit, **filters(args))
    if args.format == "table":
        extra = ["n_mentions", "n_sources"] if args.fused else ["publisher"]
        df = df[TABLE_COLUMNS + extra + ["event_text"]]
    print_frame(df, args.format)
    return 0
