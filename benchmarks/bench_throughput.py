"""Throughput of the default pipeline against bare spaCy (GitHub issues 3 and 5).

    .venv/bin/python benchmarks/bench_throughput.py [--docs N] [--repeat R] [--json] [--texts PATH]

Builds a corpus of news-like articles from templates written for this script
(no outside text), then, in the same process and on one core (n_process=1):

(a) bare spaCy: ``nlp.pipe(texts)`` with the very ``nlp`` object dotterel loads
    (``dotterel.nlp.load()``), so the tiny ``dotterel_paragraphs`` component that
    dotterel adds to the spaCy pipeline is counted on both sides;
(b) the full default pipeline: ``Pipeline.default().pipe(docs)``.

Bare spaCy is timed twice, at spaCy's default batch size and at the 16
documents per batch that ``Pipeline.pipe`` hands the parser; the ratio is taken
against the faster of the two. Both are warmed up first; model load and KB/gazetteer load are reported
separately as start-up seconds. Each measurement is the best of R repeats.
Reports words/s for both and the ratio full/bare (issue 3 target: >= 0.8), and a
per-stage time table (seconds, % of parse) with the extra cost of dates and
places (stages places, dates, event_dates, event_places) as a share of the whole
extraction, i.e. of all non-parse stages (issue 5 target: < 10%).

Words are whitespace-separated tokens of the text (the same count for (a) and (b)).

The templates pack an event into nearly every sentence (about four per 80-word article), far
denser than real news, so they weigh the event classifier's share heavily. ``--texts PATH``
measures the same ratio on real articles instead (a folder of ``.txt`` files such as
``../shared/eval/news_dev``, or a JSONL file with ``text``), read only, never stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import time
from collections import defaultdict

# One core: keep numeric libraries from spreading over the second core.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from dotterel.document import Document  # noqa: E402
from dotterel.pipeline import Pipeline  # noqa: E402

# --------------------------------------------------------------------------- corpus

CAPITALS = [
    ("India", "Indian", "New Delhi", "Prime Minister", "Narendra Modi"),
    ("Japan", "Japanese", "Tokyo", "Prime Minister", "Fumio Kishida"),
    ("Australia", "Australian", "Canberra", "Prime Minister", "Anthony Albanese"),
    ("France", "French", "Paris", "President", "Emmanuel Macron"),
    ("Germany", "German", "Berlin", "Chancellor", "Olaf Scholz"),
    ("Brazil", "Brazilian", "Brasilia", "President", "Luiz Inacio Lula da Silva"),
    ("Kenya", "Kenyan", "Nairobi", "President", "William Ruto"),
    ("Indonesia", "Indonesian", "Jakarta", "President", "Joko Widodo"),
    ("South Korea", "South Korean", "Seoul", "President", "Yoon Suk Yeol"),
    ("Canada", "Canadian", "Ottawa", "Prime Minister", "Justin Trudeau"),
    ("Egypt", "Egyptian", "Cairo", "President", "Abdel Fattah al-Sisi"),
    ("Turkey", "Turkish", "Ankara", "President", "Recep Tayyip Erdogan"),
]
TOPICS = [
    "trade and investment", "maritime security", "climate finance", "critical minerals",
    "defence cooperation", "energy supplies", "food security", "cyber security",
]  # fmt: skip
WHENS = ["on Monday", "on Tuesday", "on Wednesday", "last week", "on March 3", "in April this year", "yesterday"]
CITIES = ["Mumbai", "Osaka", "Sydney", "Lyon", "Hamburg", "Sao Paulo", "Mombasa", "Surabaya", "Busan", "Toronto"]

TEMPLATES = [
    # diplomacy
    [
        "{A_adj} leader visits {B_cap} for talks on {topic}",
        "{B_cap_up}, {pubdate} (dotterel bench wire) - {A_title} {A_leader} arrived in {B_cap} {when} "
        "for a two-day visit, the {B_adj} foreign ministry said.",
        "{A_leader} will meet {B_title} {B_leader} to discuss {topic} and {topic2}, officials from both "
        "countries said. The two leaders are expected to sign an agreement on {topic} after their talks.",
        "{A_name} and {B_name} last held a summit in {A_cap} two years ago. {B_leader} praised the "
        "visit and said the partnership would deepen.",
    ],
    # protest / police
    [
        "Thousands protest in {city} over fuel prices",
        "{city_up}, {pubdate} (dotterel bench wire) - Thousands of people marched through {city} {when} "
        "to protest against rising fuel prices, and police fired tear gas to disperse them.",
        "Opposition leaders demanded that the government of {A_name} cut taxes on fuel. Police arrested "
        "at least 40 protesters, a police spokesman said.",
        "The interior ministry said the demonstration was illegal. Organisers vowed to hold another "
        "rally next week in {A_cap}.",
    ],
    # military / conflict
    [
        "{A_adj} troops exchange fire with rebels near border",
        "{A_cap_up}, {pubdate} (dotterel bench wire) - {A_adj} troops clashed with armed rebels near the "
        "border with {B_name} {when}, killing at least 12 fighters, the army said.",
        "The rebels attacked a military post before dawn, the army said in a statement. {B_name} denied "
        "that the fighters had crossed from its territory.",
        "{A_title} {A_leader} ordered reinforcements to the region and warned that further attacks would "
        "be met with force.",
    ],
    # economy / aid
    [
        "{A_name} pledges aid to {B_name} after floods",
        "{A_cap_up}, {pubdate} (dotterel bench wire) - {A_name} will give {B_name} $50 million in emergency "
        "aid after floods killed more than 100 people, the {A_adj} government said {when}.",
        "The money will pay for food, shelter and medicine, {A_title} {A_leader} told reporters in {A_cap}. "
        "{B_title} {B_leader} thanked {A_name} for its support.",
        "The United Nations appealed for further help, saying that thousands of families had lost their "
        "homes in {city}.",
    ],
    # boilerplate-heavy page
    [
        "{A_name} and {B_name} agree to resume direct flights",
        "{A_cap_up}, {pubdate} (dotterel bench wire) - {A_name} and {B_name} agreed {when} to resume direct "
        "flights between {A_cap} and {B_cap}, suspended since 2020.",
        "Transport ministers of the two countries signed the agreement in {city}. Flights will start in "
        "June, the {A_adj} transport ministry said.",
        "Photo: Officials at the signing ceremony.",
        "Also read: {A_adj} airline orders new jets",
        "Leave a Reply",
    ],
]


def build_corpus(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a, b = rng.sample(CAPITALS, 2)
        topic, topic2 = rng.sample(TOPICS, 2)
        city = rng.choice(CITIES)
        pub = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(365))
        fields = {
            "A_name": a[0], "A_adj": a[1], "A_cap": a[2], "A_cap_up": a[2].upper(), "A_title": a[3], "A_leader": a[4],
            "B_name": b[0], "B_adj": b[1], "B_cap": b[2], "B_cap_up": b[2].upper(), "B_title": b[3], "B_leader": b[4],
            "topic": topic, "topic2": topic2, "city": city, "city_up": city.upper(),
            "when": rng.choice(WHENS), "pubdate": pub.strftime("%b %d").replace(" 0", " "),
        }  # fmt: skip
        paras = [p.format(**fields) for p in TEMPLATES[i % len(TEMPLATES)]]
        out.append({"id": f"bench-{i:05d}", "title": paras[0], "date": pub.isoformat(), "text": "\n\n".join(paras)})
    return out


def read_texts(path: str, n: int) -> list[dict]:
    """Articles from a folder of `.txt` files (or one JSONL file with `text`), the first `n` by
    name: the same measurement on real news (their event density, not the templates')."""
    from pathlib import Path

    src = Path(path)
    if not src.exists():
        raise SystemExit(f"bench_throughput: {path}: no such file or folder")
    if src.is_dir():
        rows = [{"id": f.stem, "text": f.read_text(encoding="utf-8")} for f in sorted(src.glob("*.txt"))]
    else:
        rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if str(r.get("text") or "").strip()][:n]
    if not rows:
        raise SystemExit(f"bench_throughput: {path}: no article text found (.txt files or JSONL with 'text')")
    return [{"id": str(r.get("id", i)), "title": r.get("title"), "date": r.get("date"), "text": r["text"]}
            for i, r in enumerate(rows)]


def make_docs(corpus: list[dict]) -> list[Document]:
    return [
        Document.from_text(a["text"], id=a["id"], date=a["date"], title=a["title"],
                           publisher="dotterel bench wire" if a["id"].startswith("bench-") else None)
        for a in corpus
    ]


# --------------------------------------------------------------------------- timing


class Timed:
    """Wrap a stage, adding its wall time to a shared table (batched parse included)."""

    def __init__(self, stage, table):
        self.stage = stage
        self.table = table
        self.name = getattr(stage, "name", type(stage).__name__)
        self.requires = stage.requires
        self.assigns = stage.assigns
        if hasattr(stage, "pipe_batch"):
            self.pipe_batch = self._pipe_batch

    def __call__(self, doc):
        t = time.perf_counter()
        try:
            return self.stage(doc)
        finally:
            self.table[self.name] += time.perf_counter() - t

    def _pipe_batch(self, docs):
        t = time.perf_counter()
        out = list(self.stage.pipe_batch(docs))
        self.table[self.name] += time.perf_counter() - t
        return iter(out)


def best_of(repeat: int, fn):
    times = []
    result = None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=300, help="articles in the corpus (default 300)")
    ap.add_argument("--repeat", type=int, default=3, help="repeats; the best is reported (default 3)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    ap.add_argument("--no-model", action="store_true", help="the rules alone (no event classifier)")
    ap.add_argument("--model", metavar="PATH", help="an event classifier folder (default: the shipped one)")
    ap.add_argument("--no-open-candidates", action="store_true",
                    help="the classifier judges only the rules' candidates (no open candidates)")
    ap.add_argument("--texts", metavar="PATH",
                    help="real articles instead of the templates: a folder of .txt files or a JSONL file "
                         "with 'text' (the first --docs of them)")
    args = ap.parse_args(argv)

    corpus = read_texts(args.texts, args.docs) if args.texts else build_corpus(args.docs)
    texts = [a["text"] for a in corpus]
    words = sum(len(t.split()) for t in texts)

    # start-up: model load, then the default pipeline's own data (KB, gazetteer, lexicons)
    t0 = time.perf_counter()
    from dotterel import nlp as dnlp

    nlp = dnlp.load()
    startup_model = time.perf_counter() - t0
    t0 = time.perf_counter()
    pipeline = Pipeline.default(use_classifier=not args.no_model, open_candidates=not args.no_open_candidates,
                                model_path=args.model)
    list(pipeline.pipe(make_docs(corpus[:10])))  # loads lazily-built KB/gazetteer/lexicons
    startup_pipeline = time.perf_counter() - t0

    # warm-up of (a)
    for _ in nlp.pipe(texts[:20]):
        pass

    def bare():  # spaCy's own default batch size
        n = 0
        for _ in nlp.pipe(texts):
            n += 1
        return n

    def bare_batched():  # the batch size Pipeline.pipe gives the parser (16 documents)
        n = 0
        for _ in nlp.pipe(texts, batch_size=16):
            n += 1
        return n

    def full():
        docs = make_docs(corpus)
        return list(pipeline.pipe(docs))

    # interleave the repeats so that noise on the shared machine hits both sides alike
    bare_times, bare16_times, full_times = [], [], []
    results = None
    for _ in range(args.repeat):
        bare_times.append(best_of(1, bare)[0])
        bare16_times.append(best_of(1, bare_batched)[0])
        t, results = best_of(1, full)
        full_times.append(t)
    t_bare_default, t_bare16, t_full = min(bare_times), min(bare16_times), min(full_times)
    t_bare = min(t_bare_default, t_bare16)  # the ratio is taken against the faster baseline
    failures = sum(1 for r in results if not isinstance(r, Document))
    events = sum(len(r.events) for r in results if isinstance(r, Document))

    # per-stage table: a separate, instrumented run (best of R per stage)
    per_stage: dict[str, float] = {}
    names = pipeline.names
    for _ in range(args.repeat):
        table: dict[str, float] = defaultdict(float)
        timed = Pipeline([Timed(s, table) for s in pipeline.stages])
        t = time.perf_counter()
        list(timed.pipe(make_docs(corpus)))
        table["(pipeline overhead)"] = time.perf_counter() - t - sum(table.values())
        for k, v in table.items():
            per_stage[k] = min(per_stage.get(k, float("inf")), v)

    parse_s = per_stage.get("parse", 0.0)
    after_parse = sum(v for k, v in per_stage.items() if k != "parse")
    extraction = sum(per_stage.values())  # what `dotterel extract` spends on an article
    dp_names = ("places", "dates", "event_dates", "event_places")
    dates_places = sum(per_stage.get(k, 0.0) for k in dp_names)
    report = {
        "docs": len(texts),
        "texts": args.texts or "templates",
        "words": words,
        "repeat": args.repeat,
        "python": platform.python_version(),
        "startup_s": {"spacy_model": round(startup_model, 3), "pipeline_data_and_warmup": round(startup_pipeline, 3)},
        "bare_spacy": {"seconds": round(t_bare_default, 3), "words_per_s": round(words / t_bare_default)},
        "bare_spacy_batch16": {"seconds": round(t_bare16, 3), "words_per_s": round(words / t_bare16)},
        "full_pipeline": {"seconds": round(t_full, 3), "words_per_s": round(words / t_full)},
        "ratio_full_over_bare": round(t_bare / t_full, 3),
        "ratio_bare_over_stage_table_total": round(t_bare / sum(per_stage.values()), 3),
        "events": events,
        "failures": failures,
        "stages": {
            k: {"seconds": round(per_stage[k], 4), "pct_of_parse": round(100 * per_stage[k] / parse_s, 2) if parse_s else None}
            for k in [*names, "(pipeline overhead)"]
            if k in per_stage
        },
        "extraction_s": round(extraction, 4),
        "after_parse_s": round(after_parse, 4),
        "dates_places_s": round(dates_places, 4),
        "dates_places_pct_of_extraction": round(100 * dates_places / extraction, 2) if extraction else None,
        "dates_places_pct_of_after_parse": round(100 * dates_places / after_parse, 2) if after_parse else None,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return report
    print(f"corpus: {len(texts)} articles ({args.texts or 'templates'}), {words} words; best of {args.repeat}; one process")
    print(f"start-up: spaCy model {startup_model:.2f} s; pipeline data + warm-up {startup_pipeline:.2f} s")
    print(f"(a) bare spaCy nlp.pipe      {words / t_bare_default:9.0f} words/s   ({t_bare_default:.2f} s)")
    print(f"    same, batch_size=16      {words / t_bare16:9.0f} words/s   ({t_bare16:.2f} s)")
    print(f"(b) Pipeline.default().pipe  {words / t_full:9.0f} words/s   ({t_full:.2f} s)")
    print(f"ratio full/bare (faster bare): {t_bare / t_full:.3f}  (target >= 0.8)   events: {events}, failures: {failures}")
    print(f"ratio bare / (sum of the stage table, instrumented run): {report['ratio_bare_over_stage_table_total']:.3f}")
    print()
    print(f"{'stage':22s} {'seconds':>9s} {'% of parse':>11s}")
    for k, v in report["stages"].items():
        mark = " *" if k in dp_names else ""
        print(f"{k:22s} {v['seconds']:9.3f} {v['pct_of_parse']:10.1f}%{mark}")
    print(
        f"* dates+places: {dates_places:.3f} s = {report['dates_places_pct_of_extraction']:.1f}% of the extraction time "
        f"(whole pipeline, {extraction:.3f} s; target < 10%); "
        f"{report['dates_places_pct_of_after_parse']:.1f}% of the stages after the parse"
    )
    return report


if __name__ == "__main__":
    main(sys.argv[1:])
