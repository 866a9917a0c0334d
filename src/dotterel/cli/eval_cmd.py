"""`dotterel eval GOLD.jsonl`: score dotterel (or a file of predictions) against gold labels."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from .extract_cmd import add_model_options, iso_date, pipeline_from_args, worker_count


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "eval",
        help="score event records against gold labels (P/R/F1 per field)",
        description=(
            "Score predictions against a gold JSONL file. The format is detected: an article "
            "gold file (quote/event/actors/...; the text is its sibling NAME.txt) or a sentence "
            "gold file (sentence/source/target/gold_root). Without --pred, dotterel codes the "
            "text itself. GOLD may also be a folder of news articles with exhaustive gold "
            "(NAME.txt + NAME.gold.jsonl [+ NAME.meta.json, NAME.notes.json]), scored as a "
            "whole for type and full-record precision and recall, or corpus files/folders "
            "(corpus/GUIDE.md) with --corpus."
        ),
    )
    p.add_argument("gold", metavar="GOLD", nargs="+", help="gold labels: a JSONL file, a news folder, or corpus files")
    p.add_argument("--pred", metavar="PRED.jsonl", help="score these records instead of coding the text")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--text", metavar="PATH", help="article text to code (default: the gold file's sibling .txt)")
    p.add_argument("--date", type=iso_date, help="publication date of the article (default: its .meta.json)")
    p.add_argument("--workers", type=worker_count, default=1, metavar="N", help="worker processes for coding, from 1 up to the number of CPUs (default 1)")
    p.add_argument("--corpus", action="store_true", help="GOLD is corpus JSONL (files or folders; corpus/GUIDE.md)")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="news folders and corpus: list the first N errors (false, mistyped, missed, wrong parties)")
    add_model_options(p)
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from ..evaluate import evaluate, render, report_json

    from pathlib import Path

    from ..errors import InputError

    out = out or sys.stdout
    workers = getattr(args, "workers", 1)
    pipeline = pipeline_from_args(args)
    golds = args.gold if isinstance(args.gold, list) else [args.gold]
    news_folder = len(golds) == 1 and Path(golds[0]).is_dir() and any(Path(golds[0]).glob("*.gold.jsonl"))
    if news_folder or getattr(args, "corpus", False):
        from ..evaluate_news import evaluate_news, render_news

        report = evaluate_news(golds, pipeline=pipeline, n_process=workers, progress=sys.stderr.isatty())
        if args.json:
            import json

            out.write(json.dumps(report.to_dict(), indent=2) + "\n")
        else:
            out.write(render_news(report, errors=args.errors))
        return 0
    if len(golds) > 1:
        raise InputError("E111", "give one gold file (or --corpus for several corpus files)")
    report = evaluate(
        golds[0], args.pred, text_path=args.text, date=args.date, n_process=workers, pipeline=pipeline
    )
    out.write(report_json(report) + "\n" if args.json else render(report))
    return 0
