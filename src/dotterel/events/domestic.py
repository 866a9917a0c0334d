"""Domestic actors: "police", "protesters", "the army" take the country where they act.

News rarely says whose police detained protesters in Tbilisi: the place says it. PLOVER
data sets (POLECAT) code such actors with the country of the event. This stage gives an
actor or recipient that has a sector but no country code

1. the country of the event's location, when the event has one; else
2. the document's dominant country, when one country clearly dominates its actor
   mentions (at least `dominance` of them);

and records a flag `inferred_country` on the event, so that users can tell inferred codes
from stated ones. Entities without a sector (an object, a topic) are left alone.
"""

from __future__ import annotations

from collections import Counter

from ..document import Document

ALPHA3_LEN = 3


def dominant_country(doc: Document, dominance: float = 0.6) -> str | None:
    counts: Counter[str] = Counter()
    for m in doc.mentions_of("actor"):
        code = m.entity.code if m.entity else None
        if code and len(code) == ALPHA3_LEN and not m.members:
            counts[code] += 1
    total = sum(counts.values())
    if not total:
        return None
    code, n = counts.most_common(1)[0]
    return code if n / total >= dominance and total >= 3 else None


class InferActorCountry:
    """Pipeline stage: country codes for domestic actors named only by their role."""

    name = "actor_countries"
    requires = ("events", "events.location")
    assigns = ("events.actor_countries",)

    def __init__(self, dominance: float = 0.6):
        self.dominance = dominance

    def __call__(self, doc: Document) -> Document:
        fallback = dominant_country(doc, self.dominance)
        for event in doc.events:
            place = event.event_loc.country_code if event.event_loc else None
            code = place or fallback
            if not code:
                continue
            for entity in (*event.actor, *event.recipient):
                if entity.code is None and entity.sector and entity.name is None:
                    entity.code = code
                    event.flags.append(
                        {
                            "kind": "inferred_country",
                            "text": entity.text,
                            "code": code,
                            "why": "where the event took place" if place else "the article's main country",
                        }
                    )
            event.actor[:] = _unique(event.actor)
            event.recipient[:] = _unique(event.recipient)
        return doc


def _unique(entities):
    """One entity per (code, sector) in a role: "students marched to the parliament" -> GEO once."""
    seen, out = set(), []
    for e in entities:
        key = (e.code, e.sector) if e.code else (e.text, e.start)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
