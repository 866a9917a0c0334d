"""Benchmark: coding time against document length (target: time at 800 KB <= 10x time at 100 KB).

    .venv/bin/python benchmarks/bench_longdoc.py [--sizes 100,200,400,800] [--runon 127]

Each size is one document of that many kilobytes of news paragraphs generated from
the project's own templates (benchmarks/bench_ingest.py), coded by the default
pipeline in one process; the spaCy model and the knowledge base are loaded before
timing. The CPU time of every stage is printed (process time: wall time on a shared
machine measures the neighbours too; both are shown), then the ratio of the largest
size to the smallest. A document longer than spaCy's 1,000,000 characters is parsed in parts
(`dotterel.segment.MAX_PART_CHARS`); `--runon KB` also codes one run-on sentence of
that length (no full stop at all), the audit's pathological case.

Coding time should grow about linearly: the per-event lookups of the events stage
are indexed by position (events/arguments.py), in-document fusion compares an event
only with earlier events of its own type and actors (fuse.py), and sentence lookups
bisect (document.py). A document that still takes longer than the per-document limit
(`dotterel.pipeline.DOC_TIMEOUT`, 300 s, or $DOTTEREL_DOC_TIMEOUT, plus 0.5 s per
1,000 characters) becomes a failure
in `Pipeline.pipe`, `extract` and `ingest`, instead of holding up the run.

Measured 2026-11-30 (CPU seconds; a 2-core machine shared at load 10-18, so wall time
was 4-5x more): 100 KB 8.7, 200 KB 22.0, 400 KB 45.6, 800 KB 111.8 (12.8x; events stage
0.5 -> 5.2, parse 6.5 -> 65.0, actors 1.3 -> 38.8). The actors stage is the superlinear
one left: `actors/stage.py:_words_from_spacy` calls `doc.to_array("HEAD")` (the whole
document) for every sentence; reading the heads of the sentence's own tokens gives the
same words (checked on the seed article) and measured 81.1 s at 800 KB against 8.1 s at
100 KB (10.05x; actors 0.7 -> 4.9).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_ingest import make_docs  # noqa: E402

from dotterel import Document  # noqa: E402
from dotterel.pipeline import Pipeline  # noqa: E402


def long_text(kb: int, seed: int = 3) -> str:
    """About `kb` kilobytes of varied news paragraphs (one document)."""
    target = kb * 1000
    parts, n, i = [], 0, 0
    while n < target:
        for d in make_docs(200, seed=seed + i):
            body = d.text.split("\n\n", 1)[1]
            parts.append(body)
            n += len(body) + 2
            if n >= target:
                break
        i += 1
    return "Long report\n\n" + "\n\n".join(parts)


def runon_text(kb: int) -> str:
    """One sentence of `kb` kilobytes: clauses joined by commas and 'and', no full stop."""
    clause = "India and Japan signed an agreement on trade cooperation in Tokyo on Monday, and "
    return (clause * (kb * 1000 // len(clause) + 1))[: kb * 1000].rstrip(", and") + "."


def code(pipeline: Pipeline, text: str) -> tuple[float, float, dict[str, float], int]:
    """(CPU seconds, wall seconds, CPU seconds per stage, events) for one document."""
    doc = Document.from_text(text, date="2023-05-01")
    stages: dict[str, float] = {}
    w0, c0 = time.perf_counter(), time.process_time()
    for name, stage in zip(pipeline.names, pipeline.stages):
        t = time.process_time()
        doc = stage(doc)
        doc.done.append(name)
        stages[name] = time.process_time() - t
    return time.process_time() - c0, time.perf_counter() - w0, stages, len(doc.events)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,200,400,800", help="document sizes in KB (default 100,200,400,800)")
    ap.add_argument("--runon", type=int, default=0, metavar="KB", help="also code a run-on sentence of KB kilobytes")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    pipeline = Pipeline.default()
    code(pipeline, "India and Japan signed an agreement on Monday.")  # load spaCy, the KB, the gazetteer
    print(f"{'KB':>6} {'chars':>9} {'events':>7} {'cpu s':>8} {'wall s':>8} {'x first':>8}  slowest stages (cpu s)")
    times: dict[int, float] = {}
    for kb in sizes:
        text = long_text(kb)
        cpu, wall, stages, n_events = code(pipeline, text)
        times[kb] = cpu
        top = ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])[:4])
        print(f"{kb:>6} {len(text):>9,} {n_events:>7} {cpu:>8.1f} {wall:>8.1f} {cpu / times[sizes[0]]:>8.2f}  {top}",
              flush=True)
    if args.runon:
        text = runon_text(args.runon)
        cpu, wall, stages, n_events = code(pipeline, text)
        top = ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])[:4])
        print(f"run-on sentence of {len(text):,} characters: {cpu:.1f} cpu s ({wall:.1f} wall), "
              f"{n_events} events ({top})", flush=True)
    lo, hi = sizes[0], sizes[-1]
    ratio = times[hi] / times[lo]
    target = 10 * hi / 800 * 100 / lo  # 10x for 800 KB against 100 KB
    print(f"cpu time at {hi} KB / at {lo} KB = {ratio:.2f} (length ratio {hi / lo:g}; target <= {target:g})")
    return 0 if ratio <= target else 1


if __name__ == "__main__":
    sys.exit(main())
