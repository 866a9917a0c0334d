"""A tiny rule-based coder that needs no model: for testing the store without spaCy.

Like httpx's mock transport, it ships with the library so that users (and the
store's own tests, which run ``dotterel ingest --pipeline
dotterel.store.testing:fake_pipeline`` in a subprocess) can exercise storage,
fusion, queries and exports quickly. It recognises a handful of sentence
shapes over a small table of country names; it is not a coder.

    A met B | A and B met | A held talks with B     CONSULT occurred (reciprocal)
    A will meet B                                   AGREE future (reciprocal)
    A sanctioned B | A imposed sanctions on B       SANCTION occurred (A -> B)
    A accused B                                     ACCUSE occurred (A -> B)
    A sent aid to B                                 AID occurred (A -> B)

An ISO date in the sentence (``on 2024-03-05``) dates the event to the day;
otherwise it is dated by publication. ``in <city>`` places it. A text that
contains ``FAIL-THIS-DOCUMENT`` raises, to test failure handling; a sentence
that contains ``(repeated)`` reports its event a second time as ``ongoing``
(two records of one sentence that only cross-document fusion joins), to test
that fusion never depends on the order of rows.
"""

from __future__ import annotations

import dataclasses
import os
import re
import time

from ..document import Document, Entity, Event, Location, Sentence, Trigger
from ..pipeline import Pipeline

COUNTRIES = {
    "India": "IND", "Japan": "JPN", "United States": "USA", "Australia": "AUS", "China": "CHN",
    "Russia": "RUS", "Ukraine": "UKR", "France": "FRA", "Germany": "DEU", "Brazil": "BRA",
    "Kenya": "KEN", "Canada": "CAN", "Norway": "NOR", "Mexico": "MEX", "Chile": "CHL",
    "Ruritania": "RUR", "Freedonia": "FRE", "Sylvania": "SYL",
}  # fmt: skip
CITIES = {"Tokyo": "JPN", "Geneva": "CHE", "Paris": "FRA", "Nairobi": "KEN", "Oslo": "NOR",
          "Strelsau": "RUR"}

_NAME = "|".join(sorted(map(re.escape, COUNTRIES), key=len, reverse=True))
_PATTERNS = [
    (re.compile(rf"\b(?P<a>{_NAME}) and (?P<b>{_NAME}) (?P<t>met|held talks)\b"), "CONSULT", "occurred", True),
    (re.compile(rf"\b(?P<a>{_NAME}) (?P<t>will meet) (?P<b>{_NAME})\b"), "AGREE", "future", True),
    (re.compile(rf"\b(?P<a>{_NAME}) (?P<t>met|held talks with) (?P<b>{_NAME})\b"), "CONSULT", "occurred", True),
    (re.compile(rf"\b(?P<a>{_NAME}) (?P<t>sanctioned|imposed sanctions on) (?P<b>{_NAME})\b"), "SANCTION", "occurred", False),
    (re.compile(rf"\b(?P<a>{_NAME}) (?P<t>accused) (?P<b>{_NAME})\b"), "ACCUSE", "occurred", False),
    (re.compile(rf"\b(?P<a>{_NAME}) (?P<t>sent aid to) (?P<b>{_NAME})\b"), "AID", "occurred", False),
]  # fmt: skip
_ISO = re.compile(r"\bon (\d{4}-\d{2}-\d{2})\b")
_CITY = re.compile(r"\bin (" + "|".join(CITIES) + r")\b")
_SENT = re.compile(r"[^.!?]+[.!?]?")


class FakeSentences:
    name = "parse"
    requires = ("text",)
    assigns = ("parse", "sentences")

    def __call__(self, doc: Document) -> Document:
        if "FAIL-THIS-DOCUMENT" in doc.text:
            raise ValueError("the fake coder was told to fail on this document")
        doc.sentences = []
        for m in _SENT.finditer(doc.text):
            text = m.group(0)
            if not text.strip():
                continue
            start = m.start() + len(text) - len(text.lstrip())
            end = m.start() + len(text.rstrip())
            doc.sentences.append(Sentence(len(doc.sentences), start, end, 0))
        return doc


class FakeCoder:
    name = "events"
    requires = ("sentences",)
    assigns = ("events",)

    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def __call__(self, doc: Document) -> Document:
        if self.delay:
            time.sleep(self.delay)
        for s in doc.sentences:
            text = doc.text[s.start : s.end]
            for pattern, etype, status, reciprocal in _PATTERNS:
                m = pattern.search(text)
                if not m:
                    continue
                off = s.start

                def ent(g: str) -> Entity:
                    name = m.group(g)
                    return Entity(name, COUNTRIES[name], "GOV", name, None, off + m.start(g), off + m.end(g))

                a, b = ent("a"), ent("b")
                iso = _ISO.search(text)
                city = _CITY.search(text)
                doc.events.append(Event(
                    event=etype,
                    sentence_index=s.index,
                    trigger=[Trigger(m.group("t"), off + m.start("t"), off + m.end("t"))],
                    status=status,
                    actor=[a, b] if reciprocal else [a],
                    recipient=[] if reciprocal else [b],
                    date=iso.group(1) if iso else (doc.meta.date.isoformat() if doc.meta.date else None),
                    date_precision="day" if iso else ("publication" if doc.meta.date else None),
                    date_text=iso.group(0) if iso else None,
                    event_loc=Location(city.group(1), city.group(1), CITIES[city.group(1)],
                                       precision="city") if city else None,
                    confidence=0.6,
                ))
                again = text.find("(repeated)")
                if again >= 0:
                    at = off + again + 1
                    # "ongoing": kept apart inside the document, one fused event across documents
                    doc.events.append(dataclasses.replace(
                        doc.events[-1], trigger=[Trigger("repeated", at, at + len("repeated"))], confidence=0.5,
                        status="ongoing" if status == "occurred" else status))
                break
        return doc


def own_type_document(event: str = "CYBERATTACK") -> Document:
    """A hand-coded document whose one event has a type of the user's own (a model from
    `dotterel train` may code types beyond PLOVER): no CAMEO row, quad or Goldstein value."""
    text = "Hackers hit the Freedonian grid."
    doc = Document.from_text(text, date="2024-03-09", publisher="Wire One")
    doc.sentences = [Sentence(0, 0, len(text), 0)]
    doc.events = [Event(event, 0, [Trigger("hit", 8, 11)],
                        actor=[Entity("Hackers", None, "UAF", start=0, end=7)],
                        recipient=[Entity("the Freedonian grid", "FRE", "GOV", start=12, end=31)])]
    return doc


def fake_pipeline(delay: float | None = None) -> Pipeline:
    """The fake coder as a Pipeline, with in-document fusion (`FuseDocument`) as its last stage,
    like the default pipeline; `delay` seconds per document (or $DOTTEREL_FAKE_DELAY)."""
    from ..fuse import FuseDocument

    if delay is None:
        delay = float(os.environ.get("DOTTEREL_FAKE_DELAY", "0") or 0)
    return Pipeline([FakeSentences(), FakeCoder(delay), FuseDocument()])


def postgres_schema_url(base: str | None = None) -> tuple[str, object]:
    """A URL for a fresh, empty schema on the server at `base` (default $DOTTEREL_TEST_PG).

    Returns (url, drop) where drop() removes the schema. Raises RuntimeError when
    no server is configured or reachable (tests turn that into a skip).
    """
    import uuid
    from urllib.parse import quote

    base = base or os.environ.get("DOTTEREL_TEST_PG")
    if not base:
        raise RuntimeError("DOTTEREL_TEST_PG is not set")
    try:
        import psycopg

        con = psycopg.connect(base, autocommit=True, connect_timeout=3)
    except Exception as exc:  # noqa: BLE001 - any reason means: no server for tests
        raise RuntimeError(f"PostgreSQL at DOTTEREL_TEST_PG is unreachable: {exc}") from None
    name = "t_" + uuid.uuid4().hex[:12]
    con.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options={quote(f'-csearch_path={name}')}"

    def drop() -> None:
        con.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        con.close()

    return url, drop
