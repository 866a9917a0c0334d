"""`dotterel` command line: one module per command, each a thin layer over the library.

Every command module defines ``add_parser(subparsers)`` which registers the
command and sets ``func`` to a function taking the parsed arguments and
returning an exit status. Library errors become one clean line on stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import DotterelError

COMMANDS = ("extract", "eval", "train", "ingest", "status", "events", "dyads", "export", "summary", "serve", "kb", "spark")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dotterel",
        description="Turn news text into PLOVER political event data, offline.",
    )
    parser.add_argument("--version", action="version", version=f"dotterel {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".{name}_cmd", __package__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(f"{name}_cmd"):
                continue  # command not built yet
            raise
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except DotterelError as exc:
        print(f"dotterel {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `dotterel extract ... | head`
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
