"""Actor resolution throughput: `python benchmarks/bench_actors.py [N]`.

Prints phrases resolved per second and microseconds per resolution for `resolve()`
(free phrases), for exact alias lookups, and for the stage on an already parsed
document (spaCy time excluded). Uses the shipped base only (DOTTEREL_KB_DIR is
pointed at an empty directory).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time

os.environ["DOTTEREL_KB_DIR"] = tempfile.mkdtemp()

from dotterel.actors import KnowledgeBase, ResolveActors, resolve  # noqa: E402

PHRASES = [
    "the Kremlin", "Japanese", "Prime Minister Fumio Kishida", "Indian Army", "US", "U.S.", "Tokyo",
    "South China Sea", "NATO", "the Quad", "the police", "protesters", "new Australian Prime Minister Anthony Albanese",
    "his Japanese counterpart", "Vladimir Putin", "Downing Street", "Chinese troops", "the White House",
    "Foreign Minister Sergey Lavrov", "Mitsubishi Heavy Industries",
]  # fmt: skip

TEXT = (
    "Prime Minister Narendra Modi met his Japanese counterpart Fumio Kishida in Tokyo on Tuesday. "
    "US President Joe Biden and Australian Prime Minister Anthony Albanese joined the Quad summit. "
    "Russian troops shelled Kharkiv, the Ukrainian army said, while the Kremlin denied it. "
    "Police dispersed protesters outside the parliament in New Delhi. "
    "The Japanese company Mitsubishi may form a joint venture with an Indian private sector company. "
)


def main(n: int = 20000) -> None:
    date = dt.date(2022, 5, 23)
    t0 = time.perf_counter()
    kb = KnowledgeBase.load()
    print(f"knowledge base load: {time.perf_counter() - t0:.3f} s ({kb.counts})")
    for p in PHRASES:  # warm caches
        resolve(p, date, kb=kb)
    t0 = time.perf_counter()
    for k in range(n):
        resolve(PHRASES[k % len(PHRASES)], date, kb=kb)
    dt_ = time.perf_counter() - t0
    print(f"resolve(): {n / dt_:,.0f} phrases/s, {dt_ / n * 1e6:.1f} µs per resolution")
    t0 = time.perf_counter()
    for k in range(n):
        kb.lookup("Fumio Kishida", date)
    dt_ = time.perf_counter() - t0
    print(f"exact alias lookup: {n / dt_:,.0f} lookups/s, {dt_ / n * 1e6:.2f} µs per lookup")
    from dotterel.document import Document
    from dotterel.segment import Parse

    parse, stage = Parse(), ResolveActors(kb)
    docs = [parse(Document.from_text(TEXT * 4, date=date)) for _ in range(5)]
    t0 = time.perf_counter()
    mentions = 0
    rounds = 20
    for _ in range(rounds):
        for d in docs:
            d.mentions = []
            d.flags = []
            stage(d)
            mentions += len(d.mentions)
    dt_ = time.perf_counter() - t0
    print(f"ResolveActors stage (parse excluded): {mentions / dt_:,.0f} mentions/s, {dt_ / mentions * 1e6:.1f} µs per mention")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
