"""What the event classifier sees: the sentence with the candidate marked, and the rules' evidence.

One implementation, used by training (`dotterel.classifier.train`) and at run time
(`dotterel.classifier.ClassifyEvents`), so the two can never drift apart.

The text is the sentence with marker tokens around the trigger, the source (first actor)
and the target (first recipient), the usual relation-classification input:

    "[S] Pakistan [/S] on Sunday [T] accused [/T] [O] India [/O] of violating the ceasefire."

Markers are existing ``[unused*]`` entries of the BERT vocabulary, registered as special
tokens, so the encoder's embedding table keeps its size. The evidence vector holds the
rules' own reading of the candidate (type, status, lexicon class, part of speech, weight,
whether the roles resolved to codes): the head learns when to trust the rules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
NONE = "NONE"
STATUSES: tuple[str, ...] = ("occurred", "ongoing", "future", "hypothetical", "negated", "historical")
CLASSES: tuple[str, ...] = ("event", "light", "commit", "other")

MARKERS: dict[str, str] = {
    "T": "[unused1]", "/T": "[unused2]",
    "S": "[unused3]", "/S": "[unused4]",
    "O": "[unused5]", "/O": "[unused6]",
}
# the window of characters kept around the trigger of a long sentence
WINDOW_BEFORE, WINDOW_AFTER = 320, 240


@dataclass(slots=True)
class Span:
    start: int  # relative to the sentence
    end: int


@dataclass(slots=True)
class Example:
    """One candidate to classify, in sentence coordinates."""

    sentence: str
    trigger: Span
    source: Span | None = None
    target: Span | None = None
    evidence: Mapping[str, Any] | None = None


def evidence_vector(evidence: Mapping[str, Any] | None, types: Sequence[str] = PLOVER_TYPES) -> list[float]:
    """Fixed-length numeric encoding of the rules' evidence (zeros where there is none)."""
    ev = evidence or {}
    rule = ev.get("rule_event")
    vec = [1.0 if rule == t else 0.0 for t in types]
    vec.append(1.0 if not rule else 0.0)  # no rule proposed this candidate
    status = ev.get("rule_status")
    vec += [1.0 if status == s else 0.0 for s in STATUSES]
    cls = ev.get("cls")
    vec += [1.0 if cls == c or (c == "other" and cls and cls not in CLASSES) else 0.0 for c in CLASSES]
    vec.append(1.0 if ev.get("noun") else 0.0)
    vec.append(float(ev.get("weight") or 0.0))
    vec.append(float(ev.get("rule_confidence") or 0.0))
    vec.append(1.0 if ev.get("actor_coded") else 0.0)
    vec.append(1.0 if ev.get("recipient_coded") else 0.0)
    vec.append(1.0 if ev.get("no_actor") else 0.0)
    return vec


def evidence_size(types: Sequence[str] = PLOVER_TYPES) -> int:
    return len(evidence_vector({}, types))


def marked_text(ex: Example) -> tuple[str, int]:
    """The sentence with markers inserted (and cut to a window around the trigger).

    Returns the text and the character offset of the window in the sentence.
    """
    text = ex.sentence
    lo = max(0, ex.trigger.start - WINDOW_BEFORE)
    hi = min(len(text), ex.trigger.end + WINDOW_AFTER)
    inserts: list[tuple[int, int, str]] = []  # (offset, order, marker); closers before openers

    def add(span: Span | None, opener: str, closer: str) -> None:
        if span is None or span.start < lo or span.end > hi or span.start >= span.end:
            return
        inserts.append((span.start, 1, f" {MARKERS[opener]} "))
        inserts.append((span.end, 0, f" {MARKERS[closer]} "))

    add(ex.trigger, "T", "/T")
    if ex.source and not _overlaps(ex.source, ex.trigger):
        add(ex.source, "S", "/S")
    if ex.target and not _overlaps(ex.target, ex.trigger) and not (ex.source and _overlaps(ex.source, ex.target)):
        add(ex.target, "O", "/O")
    out, last = [], lo
    for offset, _, marker in sorted(inserts):
        out.append(text[last:offset])
        out.append(marker)
        last = offset
    out.append(text[last:hi])
    return " ".join("".join(out).split()), lo


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def example_from_event(doc: Any, event: Any) -> Example:
    """The classifier's view of a coded event of a `Document` (run time)."""
    sent = doc.sentences[event.sentence_index]
    trig = min(event.trigger, key=lambda t: t.start)

    def rel(entity: Any) -> Span | None:
        if entity is None or entity.start is None or entity.end is None:
            return None
        if entity.start < sent.start or entity.end > sent.end:
            return None
        return Span(entity.start - sent.start, entity.end - sent.start)

    source = next((rel(a) for a in event.actor if rel(a) is not None), None)
    target = next((rel(r) for r in event.recipient if rel(r) is not None), None)
    evidence = dict(event.evidence or {})
    evidence.setdefault("rule_event", event.event)
    evidence.setdefault("rule_status", event.status)
    evidence["actor_coded"] = any(a.code for a in event.actor)
    evidence["recipient_coded"] = any(r.code for r in event.recipient)
    evidence["no_actor"] = not event.actor
    return Example(
        sentence=doc.text[sent.start : sent.end],
        trigger=Span(trig.start - sent.start, trig.end - sent.start),
        source=source,
        target=target,
        evidence=evidence,
    )
