"""Domestic actors: "police", "protesters", "the army" take the country where they act.

News rarely says whose police detained protesters in Tbilisi: the place says it. PLOVER
data sets (POLECAT) code such actors with the country of the event. This stage gives an
actor or recipient that has a sector but no country code

1. the country of the event's location, when the event has one; else
2. the document's dominant country, when one country clearly dominates the actors and
   places it names (`dominant_country`);

and records a flag `inferred_country` on the event, so that users can tell inferred codes
from stated ones. Entities without a sector (an object, a topic) are left alone.
"""

from __future__ import annotations

from collections import Counter

from ..document import Document

ALPHA3_LEN = 3


def dominant_country(doc: Document, share: float = 0.3, lead: float = 1.5) -> str | None:
    """The country an article is about: the one its actors and places name most often,
    with at least `share` of all country references and `lead` times the runner-up."""
    counts: Counter[str] = Counter()
    for m in doc.mentions:
        if m.kind == "actor" and m.entity and not m.members:
            code = m.entity.code
        elif m.kind == "place" and m.data.get("location") is not None:
            code = m.data["location"].country_code
        else:
            continue
        if code and len(code) == ALPHA3_LEN:
            counts[code] += 1
    total = sum(counts.values())
    if total < 3:
        return None
    ranked = counts.most_common(2)
    code, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return code if n / total >= share and n >= lead * runner_up else None


class InferActorCountry:
    """Pipeline stage: country codes for domestic actors named only by their role."""

    name = "actor_countries"
    requires = ("events", "events.location")
    assigns = ("events.actor_countries",)

    def __call__(self, doc: Document) -> Document:
        fallback = dominant_country(doc)
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
