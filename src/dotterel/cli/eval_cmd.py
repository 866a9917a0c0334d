"""`dotterel eval GOLD.jsonl`: score dotterel (or a file of predictions) against gold labels."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from .extract_cmd import iso_date


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "eval",
        help="score event records against gold labels (P/R/F1 per field)",
        description=(
            "Score predictions against a gold JSONL file. The format is detected: an article "
            "gold file (quote/event/actors/...; the text is its sibling NAME.txt) or a sentence "
            "gold file (sentence/source/target/gold_root). Without --pred, dotterel codes the "
            "text itself."
        ),
    )
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold labels")
    p.add_argument("--pred", metavar="PRED.jsonl", help="score these records instead of coding the text")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--text", metavar="PATH", help="article text to code (default: the gold file's sibling .txt)")
    p.add_argument("--date", type=iso_date, help="publication date of the article (default: its .meta.json)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes for coding")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from ..evaluate import evaluate, render, report_json

    out = out or sys.stdout
    report = evaluate(
        args.gold, args.pred, text_path=args.text, date=args.date, n_process=max(1, args.workers)
    )
    out.write(report_json(report) + "\n" if args.json else render(report))
    return 0
