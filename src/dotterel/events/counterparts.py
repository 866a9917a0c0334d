"""The other side of an article's dispute, for a conflict event that names only one side.

A story about a quarrel between two states reports most of its acts with both parties
("Britain expelled 23 Russian diplomats", "Russia accused Britain of ...") and some with one,
the other being plain from the story ("Moscow vowed to retaliate", "a charge the Kremlin
rejected", "British officers searched an Aeroflot plane"). A reader, and a human coder, gives
those the other side too. This step does the same, narrowly:

- the article's *dispute* is the pair of countries (or IGOs) that its conflict events
  (`CONFLICT_EVENTS`) set against each other most often, at least `MIN_REPORTS` times and
  more often than any other pair (a tie names no dispute);
- an event of those types whose one side is that one party of the pair and whose other side
  is empty takes the pair's other party, with an ``inferred_party`` flag saying why;
- never where the event's sentence names a coded party outside the pair (a third state may
  be the one meant), and never for cooperation, requests or meetings, where the article's
  pair is as often not the parties (measured: a country's praise for an ally, meetings with
  its own aides, appeals to all sides).

Measured on news_dev and on all corpus sentences before it was kept (docs/classifier.md).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from ..document import Document, Entity

# events that set one party against another: the other side of an article's dispute
CONFLICT_EVENTS = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE"})
# reports with both parties that make a pair the article's dispute
MIN_REPORTS = 2
# a state's answer in a dispute is its government's; the side an attack falls on is not said
STATE_SECTOR = "GOV"
CODE_LEN = 3


def _codes(entities: list[Entity]) -> set[str]:
    return {e.code for e in entities if e.code and len(e.code) == CODE_LEN}


def dispute(doc: Document) -> frozenset[str] | None:
    """The two parties the article's conflict events set against each other most often."""
    pairs: Counter[frozenset[str]] = Counter()
    for event in doc.events:
        if event.event not in CONFLICT_EVENTS:
            continue
        actors, recipients = _codes(event.actor), _codes(event.recipient)
        pairs.update(frozenset((a, r)) for a in actors for r in recipients if a != r)
    ranked = pairs.most_common(2)
    if not ranked or ranked[0][1] < MIN_REPORTS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


@cache
def _name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def add_counterparts(doc: Document) -> None:
    """Give a one-sided conflict event the other party of the article's dispute (see above)."""
    pair = dispute(doc)
    if pair is None:
        return
    for event in doc.events:
        if event.event not in CONFLICT_EVENTS:
            continue
        named = {m.entity.code for m in doc.mentions
                 if m.kind == "actor" and m.sentence_index == event.sentence_index
                 and m.entity is not None and m.entity.code and len(m.entity.code) == CODE_LEN}
        if named - pair:
            continue
        for side, empty in ((event.actor, event.recipient), (event.recipient, event.actor)):
            codes = {e.code for e in side}
            if empty or len(codes) != 1 or not codes <= pair:
                continue
            (other,) = pair - codes
            text = f"({_name(other)})"
            empty.append(Entity(text=text, code=other, sector=None if event.event == "ASSAULT" else STATE_SECTOR))
            event.flags.append({"kind": "inferred_party", "text": text, "code": other,
                                "why": f"the other side of the article's dispute ({' and '.join(sorted(pair))})"})
            break
