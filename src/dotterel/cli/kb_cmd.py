"""`dotterel kb`: import actor dictionaries into the user knowledge base, look names up.

    dotterel kb import cameo PATH [PATH ...]   TABARI/PETRARCH actor dictionaries
    dotterel kb import wikidata PATH           Wikidata JSON dump lines
    dotterel kb lookup NAME [--date YYYY-MM-DD] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from ..errors import KnowledgeBaseError


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("kb", help="the actor knowledge base: import dictionaries, look names up",
                              description="The actor knowledge base: import CAMEO/PETRARCH actor dictionaries "
                              "or Wikidata dump lines into the user base, and show what a name resolves to.")
    sub = p.add_subparsers(dest="kb_command", metavar="SUBCOMMAND")
    imp = sub.add_parser("import", help="import a CAMEO/PETRARCH dictionary or a Wikidata dump into the user base",
                         description="Import TABARI/PETRARCH actor dictionaries (cameo) or Wikidata JSON dump "
                         "lines (wikidata) into the user knowledge base, and report what was imported. Each file "
                         "has its own output (re-importing a file replaces its earlier import); a file "
                         "that yields no entries is an error and writes nothing, and the other files "
                         "are still imported (exit status 1).")
    imp.add_argument("format", choices=("cameo", "wikidata"), help="the file's format")
    imp.add_argument("paths", nargs="+", metavar="PATH", help="file(s) to import")
    imp.add_argument("--json", action="store_true", help="print the import report as JSON")
    imp.set_defaults(func=run_import)
    look = sub.add_parser("lookup", help="show what a name resolves to on a date, and why",
                          description="Show the actor (code, sector, name, Wikidata id) a name resolves to "
                          "on a date, and the alias, office or sector word behind each part. The exit "
                          "status is 1 when the name resolves to no actor.")
    look.add_argument("name", nargs="+", help="the name or phrase")
    look.add_argument("--date", help="event date, YYYY-MM-DD (default: today)")
    look.add_argument("--json", action="store_true", help="print JSON")
    look.set_defaults(func=run_lookup)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run_import(args: argparse.Namespace) -> int:
    from ..actors.importers import import_cameo, import_wikidata

    fn = import_cameo if args.format == "cameo" else import_wikidata
    reports, failed = [], 0
    for path in args.paths:  # a file that cannot be imported is reported; the others go on
        try:
            reports.append(fn(path))
        except KnowledgeBaseError as exc:
            print(f"dotterel kb: error: {exc}", file=sys.stderr)
            failed += 1
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        for r in reports:
            print(r.summary())
            print(f"  written to {r.output}")
            for note in r.notes:
                print(f"  {note}")
    return 1 if failed else 0


def lookup(name: str, date: dt.date | None) -> dict:
    """What `name` resolves to on `date`, with the reasons (library function behind the CLI)."""
    from ..actors import KnowledgeBase, resolve
    from ..actors.stage import _plain_words, tag

    kb = KnowledgeBase.load()
    ent = resolve(name, date, kb=kb)
    words = _plain_words(name)
    items = tag(words, name, kb, date)
    why = []
    for it in items:
        span = name[words[it.i].start : words[it.j - 1].end]
        if it.type == "region":
            why.append(f"{span!r}: a region or sea, never a country")
        elif it.match is not None:
            why.append(f"{span!r}: {it.match.why()}")
        elif it.term is not None:
            offices = f", office {'/'.join(sorted(it.term.offices))}" if it.term.offices else ""
            why.append(f"{span!r}: sector word {it.term.phrase!r} -> {it.term.sector}{offices}")
    return {
        "text": name,
        "date": date.isoformat() if date else None,
        "entity": ent.to_dict() if ent else None,
        "why": why,
    }


def run_lookup(args: argparse.Namespace) -> int:
    name = " ".join(args.name)
    try:
        date = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError as exc:
        raise KnowledgeBaseError("E306", f"--date must be YYYY-MM-DD, not {args.date!r}") from exc
    out = lookup(name, date)
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0 if out["entity"] else 1
    ent = out["entity"]
    if ent is None:
        print(f"{name!r} on {out['date']}: no actor")
    else:
        parts = [p for p in (ent["code"], ent["sector"]) if p]
        extra = ", ".join(f"{k} {ent[k]}" for k in ("name", "kb_id") if ent.get(k))
        print(f"{name!r} on {out['date']}: {' '.join(parts) or '(no code)'}" + (f" ({extra})" if extra else ""))
    for line in out["why"]:
        print(f"  {line}")
    return 0 if ent else 1
