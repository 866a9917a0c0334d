"""The other side of a dispute, for an act of conflict that names only one side.

A story about a quarrel between two states reports most of its acts with both parties
("Britain expelled 23 Russian diplomats", "Russia accused Britain of ...") and some with one,
the other being plain from the story ("Moscow vowed to retaliate", "a charge the Kremlin
rejected", "British officers searched an Aeroflot plane"). A reader, and a human coder, gives
those the other side too. This step does the same, narrowly:

- a *dispute* is the pair of countries (or IGOs) that conflict events (`CONFLICT_EVENTS`)
  set against each other most often and more often than any other pair (a tie names none):
  in the act's own sentence, once is enough, by acts reported before it and not holding it
  in their words ("Pakistan carried out strikes inside Iran, and Tehran warned of a firm
  response"; not "arrested a trader for making a false accusation"); in the article, at
  least `MIN_REPORTS` times;
- an act whose one side is one party of the pair and whose other side is empty takes the
  pair's other party, with an ``inferred_party`` flag that names the pair: accusations,
  threats, requests and sanctions from their sentence's pair (`SENTENCE_FILLS`); those but
  requests, and refusals, coercion and attacks, from the article's (`ARTICLE_FILLS`);
- never where the act's sentence names a coded party outside the pair (a third state may be
  the one meant), and never for cooperation, meetings, promises, admissions or
  mobilisation, whose other side was as often an ally, a host, a place or nobody (measured
  on all corpus sentences: a mobilisation given the adversary where troops went to an ally,
  a meeting given the country of its venue, an admission given the victims' country).

Measured on news_dev and on all corpus sentences before it was kept (docs/classifier.md).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from ..document import Document, Entity
from ..nlp import token_at

# events that set one party against another: the pairs a dispute is made of
CONFLICT_EVENTS = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE"})
# acts that take the other side of the article's dispute (measured: mobilisation's other side
# is as often an ally or a place as the adversary)
ARTICLE_FILLS = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT"})
# acts that take the other side of their own sentence's pair ("Tehran warned of a firm
# response"); measured on all corpus sentences: a refusal there was as often of something at
# home ("parliament overrode the president's veto" beside a US sanction), and coercion,
# attacks, meetings, promises and admissions as often about a third party or none
SENTENCE_FILLS = frozenset({"ACCUSE", "THREATEN", "SANCTION", "REQUEST"})
# reports with both parties that make a pair the article's dispute; one makes its sentence's
MIN_REPORTS = 2
# a state's answer in a dispute is its government's; the side an attack falls on is not said
STATE_SECTOR = "GOV"
CODE_LEN = 3


def _codes(entities: list[Entity]) -> set[str]:
    return {e.code for e in entities if e.code and len(e.code) == CODE_LEN}


def _top(events, minimum: int) -> frozenset[str] | None:
    """The pair of parties these conflict events set against each other most often."""
    pairs: Counter[frozenset[str]] = Counter()
    for event in events:
        if event.event not in CONFLICT_EVENTS:
            continue
        actors, recipients = _codes(event.actor), _codes(event.recipient)
        pairs.update(frozenset((a, r)) for a in actors for r in recipients if a != r)
    ranked = pairs.most_common(2)
    if not ranked or ranked[0][1] < minimum or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def dispute(doc: Document) -> frozenset[str] | None:
    """The two parties the article's conflict events set against each other most often."""
    return _top(doc.events, MIN_REPORTS)


@cache
def _name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code  # an IGO's code
    return getattr(country, "common_name", None) or country.name.split(",")[0]


def _trigger(doc: Document, event):
    if doc.parse is None or not event.trigger:
        return None
    return token_at(doc.parse, event.trigger[0].start, event.trigger[0].end)


def _answers(doc: Document, event, earlier) -> bool:
    """`event` may answer `earlier`, an act its sentence reported before it: it comes after it
    ("Zambia warned of further steps before it imposed sanctions on Malawi" answers no one;
    "lawmakers condemned the arrest of a Malawian journalist" judges the arrest, it does not
    answer the journalist) and is not part of what the earlier act's own words say
    ("arrested a trader for allegedly making a false accusation")."""
    if earlier is event or not event.trigger or not earlier.trigger:
        return False
    if earlier.trigger[0].start >= event.trigger[0].start:
        return False
    mine, theirs = _trigger(doc, event), _trigger(doc, earlier)
    if mine is None or theirs is None:
        return False
    return mine.i not in _own_words(theirs)


# clauses beside an act, not part of what it says: a second act ("..., and Tehran warned"),
# a consequence or a comment ("..., warning that ...", "..., a move Canberra condemned")
BESIDE_DEPS = frozenset({"conj", "cc", "appos", "npadvmod", "advcl", "punct"})


def _own_words(token) -> set[int]:
    """The token's words without the clauses beside it (`BESIDE_DEPS`)."""
    out, stack = {token.i}, [c for c in token.children if c.dep_ not in BESIDE_DEPS]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(t.children)
    return out


def add_counterparts(doc: Document) -> None:
    """Give a one-sided act of conflict the other party of its sentence's pair, else of the
    article's dispute (see above). Every pair is read from the parties the text states: the
    fills are decided first and added after, so that none becomes evidence for another."""
    article = dispute(doc)
    by_sentence: dict[int, list] = {}
    for event in doc.events:
        by_sentence.setdefault(event.sentence_index, []).append(event)
    named: dict[int, set[str]] = {}  # the coded parties each sentence names
    for m in doc.mentions_of("actor"):
        if m.entity is not None and m.entity.code and len(m.entity.code) == CODE_LEN:
            named.setdefault(m.sentence_index, set()).add(m.entity.code)
    fills = []
    for event in doc.events:
        pair = None
        if event.event in SENTENCE_FILLS:
            pair = _top([e for e in by_sentence[event.sentence_index] if _answers(doc, event, e)], 1)
        if pair is None and event.event in ARTICLE_FILLS:
            pair = article
        if pair is None:
            continue
        if named.get(event.sentence_index, set()) - pair:
            continue
        for side, empty in ((event.actor, event.recipient), (event.recipient, event.actor)):
            codes = {e.code for e in side}
            if empty or len(codes) != 1 or not codes <= pair:
                continue
            (other,) = pair - codes
            fills.append((event, empty, other, pair))
            break
    for event, empty, other, pair in fills:
        text = f"({_name(other)})"
        empty.append(Entity(text=text, code=other, sector=None if event.event == "ASSAULT" else STATE_SECTOR))
        event.flags.append({"kind": "inferred_party", "text": text, "code": other,
                            "why": f"the other side of the dispute between {' and '.join(sorted(pair))}"})
