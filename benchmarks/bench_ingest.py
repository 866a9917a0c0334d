"""Benchmark: ingest synthetic news documents with 1 and 2 worker processes (target: 2 workers >= 1.6x).

    .venv/bin/python benchmarks/bench_ingest.py [--docs 1000] [--pipeline MODULE:FUNC]

Documents are generated from the project's own templates (short news sentences
with varying countries, verbs and dates). Each run ingests the same documents
into a fresh DuckDB file with the default pipeline (spaCy loads once per
worker; rows are bulk-inserted by the parent) and prints documents/s.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time

from dotterel import Document
from dotterel.store import open_store

COUNTRIES = ["India", "Japan", "the United States", "Australia", "China", "Russia", "Ukraine", "France",
             "Germany", "Brazil", "Kenya", "Canada", "Norway", "Mexico", "Chile", "Turkey", "Egypt"]
TEMPLATES = [
    "{a} and {b} signed an agreement on {topic} cooperation on {day}.",
    "The foreign minister of {a} met his counterpart from {b} in {city} on {weekday}.",
    "{a} accused {b} of violating the ceasefire along the border.",
    "{a} imposed new sanctions on {b} over its {topic} programme, officials said.",
    "{a} will host talks with {b} next month to discuss {topic}.",
    "Protesters gathered outside the embassy of {b} in the capital of {a} on {weekday}.",
    "{a} sent humanitarian aid to {b} after the floods.",
    "{a} rejected a request from {b} to extradite the former minister.",
    "The president of {a} threatened to expel diplomats from {b}.",
    "Troops from {a} were deployed near the border with {b} on {day}.",
]
TOPICS = ["trade", "energy", "defence", "nuclear", "climate", "maritime", "health"]
CITIES = ["Geneva", "Paris", "Nairobi", "Oslo", "Tokyo", "Delhi", "Brasilia"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_docs(n: int, seed: int = 11) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        paras = []
        for _ in range(rng.randint(3, 5)):
            a, b = rng.sample(COUNTRIES, 2)
            paras.append(rng.choice(TEMPLATES).format(
                a=a, b=b, topic=rng.choice(TOPICS), city=rng.choice(CITIES),
                weekday=rng.choice(WEEKDAYS), day=f"{rng.randint(1, 28)} May 2023"))
        text = f"Report {i}\n\n" + "\n\n".join(p[0].upper() + p[1:] for p in paras)
        docs.append(Document.from_text(text, date=f"2023-05-{1 + i % 28:02d}", publisher=f"Paper {i % 9}"))
    return docs


def run(docs: list[Document], workers: int, pipeline) -> tuple[float, int, int]:
    path = os.path.join(tempfile.mkdtemp(), f"bench_{workers}.duckdb")
    with open_store(path) as store:
        t = time.perf_counter()
        rep = store.ingest(docs, workers=workers, pipeline=pipeline)
        secs = time.perf_counter() - t
    return secs, rep.stored, rep.events


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--pipeline", default=None, help="module:function returning a Pipeline")
    args = ap.parse_args()
    if args.pipeline:
        from dotterel.store.cli_common import load_factory

        pipeline = load_factory(args.pipeline)
    else:
        from dotterel import Pipeline

        pipeline = Pipeline.default()
    docs = make_docs(args.docs)
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words:,} words; pipeline: {[getattr(s, 'name', s) for s in pipeline.stages]}; "
          f"cpus: {os.cpu_count()}")
    rates = {}
    for workers in (1, 2):
        secs, stored, events = run([Document.from_text(d.text, date=d.meta.date, publisher=d.meta.publisher)
                                    for d in docs], workers, pipeline)
        rates[workers] = stored / secs
        print(f"workers={workers}: {stored} documents, {events} events in {secs:.1f} s "
              f"= {rates[workers]:.1f} documents/s (includes spaCy start-up in each worker)")
    ratio = rates[2] / rates[1]
    print(f"speed-up 2 vs 1 workers: {ratio:.2f}x (target >= 1.6x: {'met' if ratio >= 1.6 else 'NOT met'})")


if __name__ == "__main__":
    main()
