"""`dotterel dyads`: per period and directed dyad, event counts, mean Goldstein and quad counts."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    from ..store.cli_common import add_db, add_filters, add_format

    p = sub.add_parser("dyads", help="dyadic event series (fused events)",
                       description="One row per period and directed dyad (source -> target): fused events, "
                       "mean Goldstein, and quad1..quad4 counts. Reciprocal events (several actors, no "
                       "recipient) count each ordered pair of actors both ways. A fused event with no day has no period: "
                       "it is left out, and a line on stderr says how many were.")
    add_db(p)
    p.add_argument("--by", choices=("day", "week", "month", "year"), default="month",
                   help="period of each row (default month; weeks start on Monday)")
    add_filters(p)
    add_format(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store.cli_common import filters, open_db, print_frame

    with open_db(args, reader=True, read_only=True) as store:
        df = store.dyads(by=args.by, **filters(args))
    print_frame(df, args.format)
    undated = df.attrs.get("undated", 0)
    if undated:  # summary's top dyads count them: say where they went
        print(f"dotterel dyads: {undated} fused event(s) with a dyad but no day left out (no period to count "
              "them in; `dotterel summary` counts them, `dotterel events --fused` lists them)", file=sys.stderr)
    return 0
