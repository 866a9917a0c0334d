"""`dotterel extract PATH...`: code files, folders or standard input; print event records."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any, TextIO

from ..document import Failure

FORMATS = ("jsonl", "json", "table")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "extract",
        help="code news text into PLOVER event records",
        description=(
            "Read text, HTML, JSONL or RSS/Atom files (folders recursively; '-' for standard "
            "input) and print one event record per line. Unreadable documents are reported on "
            "stderr and the batch goes on; the exit status is 1 if any document failed."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    p.add_argument("--date", type=iso_date, help="publication date for every document (YYYY-MM-DD)")
    p.add_argument(
        "--format", choices=FORMATS, default="jsonl",
        help="jsonl: one record per line (default); json: one array; table: aligned columns",
    )
    p.add_argument("--workers", type=worker_count, default=1, metavar="N",
                   help="worker processes, from 1 up to the number of CPUs (default 1)")
    add_doc_timeout(p, then="report it as a failure")
    add_model_options(p)
    p.set_defaults(func=run)
    return p


def add_doc_timeout(p: argparse.ArgumentParser, then: str = "record it as a failure") -> None:
    """--doc-timeout, shared by extract and ingest (`Pipeline.doc_timeout`)."""
    from ..pipeline import DOC_TIMEOUT, DOC_TIMEOUT_PER_KB
    from ..store.cli_common import seconds

    p.add_argument("--doc-timeout", type=seconds, default=None, metavar="SECONDS",
                   help=f"give up on a document after this long, plus {DOC_TIMEOUT_PER_KB:g} s per 1,000 "
                   f"characters, and {then} (default {DOC_TIMEOUT:g}, or "
                   "$DOTTEREL_DOC_TIMEOUT; 0: no limit)")


def worker_count(value: str) -> int:
    """An argparse type, shared by extract, ingest and eval: a whole number of worker processes
    from 1 to `MAX_WORKERS`; anything else is a usage error (exit 2), as a malformed option is."""
    from ..errors import StoreError
    from ..store import check_workers

    try:
        return check_workers(value)
    except StoreError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def add_model_options(p: argparse.ArgumentParser) -> None:
    """--model / --no-model, shared by extract, ingest and eval. The two exclude each other:
    given together, --model was silently ignored (the rules alone coded), now a usage error."""
    which = p.add_mutually_exclusive_group()
    which.add_argument("--model", metavar="PATH",
                       help="event classifier folder written by `dotterel train` (default: the shipped one)")
    which.add_argument("--no-model", action="store_true", help="code with the rules alone (no event classifier)")
    p.add_argument("--lexicon", metavar="PATH",
                   help="trigger words of your own: a TSV in the columns of dotterel/data/events/lexicon.tsv, "
                   "whose rows replace the shipped ones for the same word (default: the --model folder's "
                   "lexicon.tsv, if any)")


def pipeline_from_args(args: argparse.Namespace) -> Any:
    """The pipeline the model options ask for, or None for the default one."""
    model, no_model = getattr(args, "model", None), getattr(args, "no_model", False)
    lexicon = getattr(args, "lexicon", None)
    if not model and not no_model and not lexicon:
        return None
    from ..pipeline import Pipeline

    return Pipeline.default(model_path=model, use_classifier=not no_model, lexicon=lexicon)


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from ..ingest._common import no_such_day

        day = no_such_day(value)
        if day:
            raise argparse.ArgumentTypeError(f"not a date: {value!r}: {day}") from None
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (expected YYYY-MM-DD)") from None


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from ..api import default_pipeline, extract

    out = out or sys.stdout
    err = err or sys.stderr
    failed = 0
    records: list[dict[str, Any]] = []
    pipeline = pipeline_from_args(args)
    if getattr(args, "doc_timeout", None) is not None:  # the default pipeline too carries the limit
        pipeline = pipeline or default_pipeline()
        pipeline.doc_timeout = args.doc_timeout
    from pathlib import Path

    # on the command line every argument is a path ('-' is standard input): a missing file
    # whose name holds a space or a line break is an error, never coded as if it were text
    paths = [p if p == "-" else Path(p) for p in args.paths]
    try:
        for item, recs in extract(paths, date=args.date, n_process=args.workers, pipeline=pipeline):
            if isinstance(item, Failure):
                failed += 1
                print(f"dotterel extract: {item.source or item.doc_id}: {item.reason}", file=err, flush=True)
                continue
            if args.format == "jsonl":
                for r in recs:
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
                out.flush()
            else:
                records.extend(recs)
        if args.format == "json":
            json.dump(records, out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif args.format == "table":
            out.write(table(records))
        out.flush()
    except BrokenPipeError:
        # `dotterel extract ... | head`: the reader has gone, so coding stops; the status still
        # says whether a document had failed (it was 0, as if every document had been read)
        _drop_output(out)
        return 1 if failed else 0
    return 1 if failed else 0


def _drop_output(out: TextIO) -> None:
    """After a broken pipe: what is left in stdout's buffer goes nowhere, so that the flush at
    exit neither fails nor prints 'Exception ignored'."""
    import os

    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a StringIO in a test)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


TABLE_COLUMNS = ("doc", "sent", "event", "status", "who -> whom", "date", "trigger")


def table(records: list[dict[str, Any]]) -> str:
    """Records as aligned columns, for reading in a terminal."""
    rows = [TABLE_COLUMNS]
    for r in records:
        actors = ",".join(_who(e) for e in r["actor"]) or "-"
        recipients = ",".join(_who(e) for e in r["recipient"]) or "-"
        rows.append((
            r["doc_id"][:20],
            str(r["sentence_index"]),
            r["event"],
            r["status"],
            _cut(f"{actors} -> {recipients}", 48),
            r["date"] or "-",
            " ".join(t["text"] for t in r["trigger"])[:30],
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(records)} event{'s' if len(records) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _who(entity: dict[str, Any]) -> str:
    """An actor's code, else its text (shortened)."""
    return entity.get("code") or _cut(entity.get("text") or "?", 18)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
