"""Benchmark: `dotterel spark` in local[1] and local[2] against the single-process pipeline.

    .venv/bin/python benchmarks/bench_spark.py [--docs 1000] [--pipeline MODULE:FUNC] [--json PATH]

One corpus (`dotterel.spark.testing.sample_corpus`: the bundled examples and
template wire stories), coded three ways in one run:

- single process: ``dotterel.extract`` with one pipeline, after a warm-up
  document (spaCy loaded), as ``dotterel extract`` codes;
- Spark ``local[1]`` and ``local[2]``: the coding job (read JSONL, ``mapInPandas``
  over 4 tasks per core, every row written to Spark's ``noop`` sink), after a
  warm-up job that makes every Python worker build its pipeline.

Printed: documents/s of each, the scaling ratio local[2] / local[1] (target
>= 1.7), Spark's overhead on one core, 1 - local[1] / single process (target
<= 15%), and the start-up costs: the session (JVM) and the per-executor warm-up
(a Python worker, dotterel imported, the pipeline built and spaCy loaded).
Needs pyspark and Java 17 (``bash scripts/setup --spark``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time


def single_process(path: str, pipeline_spec: str | None) -> float:
    from dotterel import extract
    from dotterel.pipeline import Pipeline
    from dotterel.spark.code import load_pipeline_factory

    pipeline = load_pipeline_factory(pipeline_spec)() if pipeline_spec else Pipeline.default()
    list(extract("Kenya accused Uganda of violating the border deal.", pipeline=pipeline))  # warm-up
    started = time.perf_counter()
    n = sum(1 for _ in extract([path], pipeline=pipeline))
    return n / (time.perf_counter() - started)


def spark_run(cores: int, path: str, warm_path: str, n_docs: int, pipeline_spec: str | None) -> dict:
    from dotterel.spark import code, get_session, read_corpus

    started = time.perf_counter()
    spark = get_session(f"local[{cores}]", app_name=f"bench-local{cores}")
    session_s = time.perf_counter() - started

    def job(p: str, partitions: int) -> float:
        t = time.perf_counter()
        coded = code(read_corpus(spark, [p]), pipeline=pipeline_spec, partitions=partitions)
        coded.write.format("noop").mode("overwrite").save()
        return time.perf_counter() - t

    warm_s = job(warm_path, cores)  # one task per core: each Python worker builds its pipeline
    again_s = job(warm_path, cores)  # the same job with warm workers: what the warm-up costs beyond it
    coding_s = job(path, 4 * cores)
    workers = [tuple(r) for r in spark.range(4 * cores).repartition(4 * cores)
               .mapInPandas(_worker_state, "pid long, built long").collect()]
    spark.stop()
    return {"cores": cores, "session_s": round(session_s, 2), "executor_startup_s": round(warm_s - again_s, 2),
            "coding_s": round(coding_s, 2), "docs_per_s": round(n_docs / coding_s, 2),
            "python_workers_with_a_pipeline": len({pid for pid, built in workers if built})}


def _worker_state(frames):
    """(pid, pipelines built) of the Python worker running this task: were the workers reused?"""
    import importlib

    import pandas as pd

    c = importlib.import_module("dotterel.spark.code")  # the module (dotterel.spark.code is also a function)
    for _ in frames:
        pass
    yield pd.DataFrame({"pid": [os.getpid()], "built": [len(c._PIPELINES)]})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # a job's fixed cost (scheduling, the first task) is a large share of a few hundred short
    # documents: the targets are about a corpus, so the default is big enough to amortise it
    ap.add_argument("--docs", type=int, default=1000, help="documents in the corpus (default 1000)")
    ap.add_argument("--pipeline", metavar="MODULE:FUNC", default=None,
                    help="a pipeline factory instead of the default pipeline")
    ap.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = ap.parse_args(argv)

    from dotterel.spark.session import java_problem
    from dotterel.spark.testing import sample_corpus, write_jsonl

    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("bench_spark: pyspark is not installed (bash scripts/setup --spark)", file=sys.stderr)
        return 2
    if java_problem():
        print(f"bench_spark: {java_problem()}", file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="bench-spark-")
    path = str(write_jsonl(sample_corpus(args.docs, seed=3), os.path.join(tmp, "corpus.jsonl")))
    warm = str(write_jsonl(sample_corpus(8, seed=4)[-4:], os.path.join(tmp, "warm.jsonl")))

    single = single_process(path, args.pipeline)
    print(f"single process      {single:8.2f} documents/s", flush=True)
    runs = {}
    for cores in (1, 2):
        r = spark_run(cores, path, warm, args.docs, args.pipeline)
        runs[cores] = r
        print(f"spark local[{cores}]     {r['docs_per_s']:8.2f} documents/s   (session start {r['session_s']} s, "
              f"per-executor start-up {r['executor_startup_s']} s)", flush=True)
    scaling = runs[2]["docs_per_s"] / runs[1]["docs_per_s"]
    overhead = 1 - runs[1]["docs_per_s"] / single
    print(f"scaling local[2] / local[1]: {scaling:.2f}x (target >= 1.7)")
    print(f"Spark overhead on one core vs single process: {overhead:+.1%} (target <= 15%)")
    print(f"cores on this machine: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"docs": args.docs, "single_docs_per_s": round(single, 2), "spark": runs,
                       "scaling": round(scaling, 3), "overhead": round(overhead, 3),
                       "load_average": os.getloadavg()[0]}, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
