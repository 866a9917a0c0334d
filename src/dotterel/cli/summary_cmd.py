"""`dotterel summary`: a readable summary of the coded events in the store."""

from __future__ import annotations

import argparse
import json


def add_parser(sub) -> None:
    from ..store.cli_common import add_db, add_filters, count

    p = sub.add_parser("summary", help="counts by type and status, top dyads, latest events",
                       description="A readable summary of the fused events in the store: counts by PLOVER "
                       "type and status, the most frequent directed dyads with their mean Goldstein value, "
                       "and the latest events with the sentence that reports each.")
    add_db(p)
    add_filters(p)
    p.add_argument("--top", type=count, default=10, metavar="N", help="dyads to list (0 or more; default 10)")
    p.add_argument("--latest", type=count, default=5, metavar="N",
                   help="latest events to show (0 or more; default 5)")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: readable (default); json: the same data as one object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store.cli_common import filters, open_db

    chosen = filters(args)
    with open_db(args, reader=True, read_only=True) as store:
        s = store.summary(top=args.top, latest=args.latest, **chosen)
    if args.format == "json":
        print(json.dumps(s, indent=2, default=str))
        return 0
    head = f"{s['documents']} documents, {s['records']} event reports"
    if chosen:  # the store's counts, then what the filters keep: the figures below are theirs
        head += f"; {s['events']} events after fusion match " + " ".join(f"--{k} {v}" for k, v in chosen.items())
    else:
        head += f", {s['events']} events after fusion"
    print(head)
    if not s["events"]:
        print(_nothing(s, chosen))
        return 0
    print("\nBy type:   " + ", ".join(f"{r['event']} {r['events']}" for r in s["by_type"]))
    print("By status: " + ", ".join(f"{r['status']} {r['events']}" for r in s["by_status"]))
    if s["top_dyads"]:
        print("\nTop dyads (source -> target: events, mean Goldstein):")
        for r in s["top_dyads"]:
            mean = "no Goldstein value" if r["goldstein"] is None else f"{r['goldstein']:+.2f}"
            print(f"  {r['source']} -> {r['target']}: {r['events']}, {mean}")
    print("\nLatest events:")
    for r in s["latest"]:
        who = (r["actors"] or "?").replace(";", ", ")
        if r["recipients"]:
            who += " -> " + r["recipients"].replace(";", ", ")
        print(f"  {r['day'] or '????-??-??'}  {r['event']} ({r['status']})  {who}"
              f"  [{r['mentions']} mention(s), {r['sources']} source(s)]")
        print(f"      “{r['sentence']}”")
    return 0


def _nothing(s: dict, chosen: dict) -> str:
    """Why there is nothing to summarise: a store with events whose filters matched none
    must not be told to ingest."""
    if chosen and s["records"]:
        return "no events match these filters: " + " ".join(f"--{k} {v}" for k, v in chosen.items())
    if s["records"]:  # reports whose fusion an interrupted ingest left undone
        return (f"no events yet: {s['records']} event reports are not fused (an ingest was interrupted); "
                "run the same `dotterel ingest` again")
    if s["documents"]:  # an ingest ran: telling to run one would mislead
        return f"no events in the {s['documents']} stored document(s): their text reports none that dotterel codes"
    if s.get("failures"):
        return (f"no events yet: no document was stored, {s['failures']} failed "
                "(`dotterel status` lists them with the reason)")
    return "no events yet: run `dotterel ingest PATH...` first"
