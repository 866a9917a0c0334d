"""`dotterel spark PATH... --out DIR`: code a corpus on Apache Spark (docs/spark.md)."""

from __future__ import annotations

import argparse


def add_parser(sub) -> None:
    from ..spark.job import add_arguments

    p = sub.add_parser(
        "spark", help="code a corpus on Apache Spark and write Parquet",
        description="Code JSONL, Parquet or folders of text/HTML on a Spark cluster (or local[N]); write "
        "the records, failures and, optionally, fused events and the POLECAT/GDELT layouts as Parquet, "
        "partitioned by date; optionally append to a store. Needs the spark extra and Java 17.")
    add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..spark.job import run_args

    return run_args(args)
