"""Options and output shared by the store's commands (ingest, status, events, dyads, export, summary)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..errors import StoreError

OUTPUT_FORMATS = ("table", "csv", "json", "jsonl")


def count(value: str) -> int:
    """An argparse type: a whole number, 0 or more (a negative LIMIT is a database error)."""
    return _whole(value, 0, "a whole number, 0 or more")


def positive(value: str) -> int:
    """An argparse type: a whole number, 1 or more."""
    return _whole(value, 1, "a whole number, 1 or more")


def seconds(value: str) -> float:
    """An argparse type: a number of seconds, 0 or more."""
    try:
        n = float(value)
    except ValueError:
        n = -1.0
    if not n >= 0 or n == float("inf"):  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be a number of seconds, 0 or more, not {value!r}")
    return n


def _whole(value: str, least: int, what: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = least - 1
    if n < least:
        raise argparse.ArgumentTypeError(f"must be {what}, not {value!r}")
    return n


def add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", default=None,
                   help="DuckDB file or postgresql:// URL (default: $DOTTEREL_DB, else ./dotterel.duckdb)")
    p.add_argument("--wait", metavar="SECONDS", type=seconds, default=10.0,
                   help="retry this long when another process holds the DuckDB file; an ingest lets "
                   "readers in between its batches (0 or more; default 10)")


def add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--actor", metavar="CODE", help="an actor's code (e.g. IND)")
    g.add_argument("--recipient", metavar="CODE", help="a recipient's code")
    g.add_argument("--dyad", metavar="A-B", help="directed dyad: A acts towards B (reciprocal events count both ways)")
    g.add_argument("--type", metavar="T", help="PLOVER event type(s), comma separated")
    g.add_argument("--quad", metavar="N", type=int, choices=(1, 2, 3, 4), help="quad class 1-4")
    g.add_argument("--status", metavar="S", help="occurred, ongoing, future, hypothetical, negated, historical")
    g.add_argument("--since", metavar="DATE", help="first day (YYYY-MM-DD, YYYY-MM or YYYY)")
    g.add_argument("--until", metavar="DATE", help="last day, inclusive")
    g.add_argument("--text", metavar="WORDS", help="words that must all appear in the sentence, each as "
                   "written (any case; %% and _ are plain characters, not wildcards)")


def filters(args: argparse.Namespace) -> dict[str, Any]:
    keys = ("actor", "recipient", "dyad", "type", "quad", "status", "since", "until", "text")
    return {k: getattr(args, k) for k in keys if getattr(args, k, None) not in (None, "")}


def add_format(p: argparse.ArgumentParser, default: str = "table") -> None:
    p.add_argument("--format", choices=OUTPUT_FORMATS, default=default, help=f"output format (default {default})")


def open_db(args: argparse.Namespace, *, reader: bool = False, read_only: bool = False):
    """The store named by --db. A `reader` (status, events, export ...) never creates one:
    a mistyped path is an error (E405); `read_only` opens a DuckDB file read-only."""
    from . import open_store

    return open_store(getattr(args, "db", None), must_exist=reader, read_only=read_only,
                      wait=max(0.0, getattr(args, "wait", 0.0) or 0.0))


def _jsonable(v: Any) -> Any:
    if v is None:
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v


def print_frame(df, fmt: str, *, out=None, max_width: int = 60) -> None:
    out = out or sys.stdout
    if fmt == "csv":
        df.to_csv(out, index=False)
        return
    rows = [{k: _jsonable(v) for k, v in r.items()} for r in df.to_dict("records")]
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        print_table(list(df.columns), [[r[c] for c in df.columns] for r in rows], out=out, max_width=max_width)


def print_table(cols: list[str], rows: list[list[Any]], *, out=None, max_width: int = 60) -> None:
    out = out or sys.stdout

    def cell(v: Any) -> str:
        s = "" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))
        s = s.replace("\n", " ")
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    body = [[cell(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in body]) for i, c in enumerate(cols)]
    out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in body:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() + "\n")
    if not rows:
        out.write("(no events)\n")


def load_factory(spec: str):
    """`module:function` -> the Pipeline it returns. Anything else is E430 here, naming the
    factory, rather than an AttributeError from deep inside the ingest."""
    import importlib

    from ..pipeline import Pipeline

    mod, _, fn = spec.partition(":")
    if not mod or not fn:
        raise StoreError("E430", f"--pipeline {spec!r}: write it as module:function")
    try:
        factory = getattr(importlib.import_module(mod), fn)
    except (ImportError, AttributeError) as exc:
        raise StoreError("E430", f"--pipeline {spec!r}: {exc}") from None
    pipeline = factory()
    if not isinstance(pipeline, Pipeline):
        got = repr(pipeline)
        got = got if len(got) <= 60 else got[:59] + "…"
        raise StoreError("E430", f"--pipeline {spec!r}: {fn}() returned {type(pipeline).__name__} {got}, "
                         "not a dotterel Pipeline")
    return pipeline
