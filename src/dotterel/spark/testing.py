"""A synthetic corpus and a poisoned pipeline, for the Spark tests and benchmark.

Like `dotterel.store.testing`, this ships with the library so that users can
check a cluster set-up before pointing it at an archive:

- `sample_corpus(n)` writes ``n`` short news documents (JSONL lines) built from
  the bundled example articles and sentence templates over a small table of
  countries. Templates repeat across publishers and days, so cross-document
  fusion has wire rewrites to merge and near misses to keep apart.
- `poisoned_pipeline()` is the default pipeline with one extra first stage that
  raises on a text containing ``POISON-PILL``: a document that fails *inside a
  stage*, as a real bug would.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from ..document import Document

__all__ = ["sample_corpus", "fusion_corpus", "write_jsonl", "poisoned_pipeline", "POISON"]

POISON = "POISON-PILL"

_COUNTRIES = [
    ("India", "Indian"), ("Japan", "Japanese"), ("Kenya", "Kenyan"), ("Uganda", "Ugandan"),
    ("France", "French"), ("Germany", "German"), ("Brazil", "Brazilian"), ("Canada", "Canadian"),
    ("Russia", "Russian"), ("Ukraine", "Ukrainian"), ("China", "Chinese"), ("Australia", "Australian"),
]  # fmt: skip
_PUBLISHERS = ["Harbour Wire", "Daily Ledger", "Evening Post", "Capital Courier"]
_CITIES = ["Nairobi", "Tokyo", "Paris", "Berlin", "Ottawa", "Canberra"]
_TEMPLATES = [
    "{A} accused {B} of violating the border agreement on {weekday}.",
    "The foreign ministers of {A} and {B} met in {city} on {weekday} to discuss trade.",
    "{A} imposed sanctions on {B} over the seizure of a cargo ship.",
    "{A} will meet {B} next week to sign a defence cooperation pact.",
    "{A} sent humanitarian aid to {B} after the floods.",
    "{A} threatened to expel {B}'s ambassador.",
    "Protesters in {city} demonstrated against the government of {A}.",
    "{A} and {B} signed an agreement on energy cooperation in {city}.",
    "{A} rejected {B}'s proposal for a ceasefire.",
    "{A} called on {B} to release the detained journalists.",
]
_FILLER = [
    "Officials declined to give further details.",
    "The statement was published on the ministry's website.",
    "Analysts said the move had been expected for some weeks.",
]


def _examples() -> list[dict[str, Any]]:
    from ..api import example_path

    lines = example_path().read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def sample_corpus(n: int = 300, *, seed: int = 7, start: dt.date = dt.date(2024, 3, 4)) -> list[dict[str, Any]]:
    """``n`` JSONL objects (``id``, ``text``, ``date``, ``publisher``, ``title``).

    The first items are the bundled example articles; the rest are two- or
    three-sentence wire stories from the templates, published over a few weeks.
    About one story in four is a rewrite of an earlier one by another publisher
    (same event, different wording around it), a day later at most.
    """
    rng = random.Random(seed)
    out = [dict(e) for e in _examples()][:n]
    stories: list[dict[str, Any]] = []
    while len(out) < n:
        if stories and rng.random() < 0.25:
            base = rng.choice(stories)
            day = dt.date.fromisoformat(base["date"]) + dt.timedelta(days=rng.choice([0, 1]))
            publisher = rng.choice([p for p in _PUBLISHERS if p != base["publisher"]])
            body = base["body"]
        else:
            (a, _), (b, _) = rng.sample(_COUNTRIES, 2)
            day = start + dt.timedelta(days=rng.randrange(28))
            weekday = day.strftime("%A")
            body = rng.choice(_TEMPLATES).format(A=a, B=b, city=rng.choice(_CITIES), weekday=weekday)
            publisher = rng.choice(_PUBLISHERS)
            stories.append({"date": day.isoformat(), "publisher": publisher, "body": body})
        i = len(out)
        title = f"{publisher}: " + body.split(" on ")[0].rstrip(".")[:70]
        text = f"{title}\n\n{body} {rng.choice(_FILLER)}"
        out.append({"id": f"sample-{i:05d}", "title": title, "date": day.isoformat(),
                    "publisher": publisher, "text": text})
    return out


def fusion_corpus(n: int = 600, *, seed: int = 11, start: dt.date = dt.date(2024, 3, 1)) -> list[dict[str, Any]]:
    """``n`` documents for the fake coder (`dotterel.store.testing.fake_pipeline`) that stress fusion.

    Few dyads and verbs, many days: reports dated to the day (``on 2024-03-05``)
    and reports dated only by publication, days one, two and three apart (inside
    and just outside the window), with and without a city, some documents
    without a publisher or a publication date.
    """
    rng = random.Random(seed)
    shapes = ["{A} accused {B}", "{A} and {B} met", "{A} will meet {B}", "{A} sanctioned {B}",
              "{A} sent aid to {B}"]
    pairs = [("Russia", "Ukraine"), ("India", "Japan"), ("Kenya", "Canada")]
    cities = ["Paris", "Geneva", "Tokyo", None, None]
    out = []
    for i in range(n):
        a, b = rng.choice(pairs)
        sentence = rng.choice(shapes).format(A=a, B=b)
        pub = start + dt.timedelta(days=rng.randrange(120))
        if rng.random() < 0.5:
            sentence += f" on {(pub - dt.timedelta(days=rng.choice([0, 0, 1, 2, 3]))).isoformat()}"
        city = rng.choice(cities)
        if city:
            sentence += f" in {city}"
        item: dict[str, Any] = {"id": f"fz-{i:05d}", "text": f"Report {i}. {sentence}."}
        if rng.random() > 0.05:
            item["date"] = pub.isoformat()
        if rng.random() > 0.2:
            item["publisher"] = rng.choice(_PUBLISHERS)
        out.append(item)
    return out


def write_jsonl(items: list[dict[str, Any]], path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


class _Poison:
    name = "poison"
    requires = ("text",)
    assigns = ()

    def __call__(self, doc: Document) -> Document:
        if POISON in doc.text:
            raise ValueError(f"this document contains {POISON}")
        return doc


def poisoned_pipeline(**config: Any):
    """`Pipeline.default(**config)` with a first stage that raises on ``POISON-PILL``."""
    from ..pipeline import Pipeline

    base = Pipeline.default(**config)
    return Pipeline([_Poison(), *base.stages], base.config)
