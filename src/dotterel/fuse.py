"""Event fusion: one event per real-world event, inside a document and across documents.

A news article reports the same meeting three times (the lead, the body, the
closing paragraph); a wire story is rewritten by ten publishers. Counting each
report as an event is how GDELT counted one abduction hundreds of times. The
rules are written out in ``docs/fusion.md``; this module is their only
implementation:

- `FuseDocument`, a pipeline stage, merges the reports of one event inside one
  document into the earliest report (``Event.mentions`` lists every sentence).
- `fuse_group` and `cluster` decide which stored records, from any number of
  documents, are reports of the same real-world event (used by the store).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Any

from .document import Document, Entity, Event, Location
from .nlp import token_at

__all__ = [
    "FuseDocument",
    "family",
    "status_class",
    "codes",
    "fuse_group",
    "compatible",
    "merge",
    "fuse_events",
    "conjoined_acts",
    "Report",
    "cluster",
    "WINDOW_DAYS",
]

#: PLOVER codes a planned meeting as AGREE; a report of the same future meeting
#: may be coded CONSULT. Both fall into this family when their status is future.
MEETING_FAMILY = "AGREE|CONSULT"

#: Reports whose date is only known as the publication date (or a month/year)
#: fuse with reports dated within this many days of their publication date.
WINDOW_DAYS = 1

_STATUS_CLASS = {
    "occurred": "real",
    "ongoing": "real",
    "historical": "real",
    "future": "future",
    "hypothetical": "hypothetical",
    "negated": "negated",
}

_PRECISION_RANK = {"day": 5, "range": 4, "month": 3, "year": 2, "publication": 1, None: 0}


def family(event_type: str, status: str | None) -> str:
    """The type family used for fusion: AGREE and CONSULT are one family when both are future."""
    if status == "future" and event_type in ("AGREE", "CONSULT"):
        return MEETING_FAMILY
    return event_type


def status_class(status: str | None) -> str:
    """occurred/ongoing/historical report a real event; future, hypothetical, negated stay apart."""
    return _STATUS_CLASS.get(status or "occurred", status or "real")


def codes(entities: Iterable[Entity | dict[str, Any]]) -> tuple[str, ...]:
    """Sorted distinct actor codes, ignoring entities without a code."""
    out = set()
    for e in entities:
        code = e.get("code") if isinstance(e, dict) else e.code
        if code:
            out.add(code)
    return tuple(sorted(out))


def fuse_group(event_type: str, status: str | None, actor_codes: Sequence[str],
               recipient_codes: Sequence[str]) -> str:
    """The part of the fusion key that must match exactly (dates and places are compared later)."""
    return "|".join(
        (family(event_type, status), status_class(status), ";".join(actor_codes), ";".join(recipient_codes))
    )


# --------------------------------------------------------------------------- in one document


def _unknown_date(e: Event) -> bool:
    return e.date is None or e.date_precision in (None, "publication")


def _dates_compatible(a: Event, b: Event) -> bool:
    if _unknown_date(a) or _unknown_date(b):
        return True
    if a.date == b.date:
        return True
    # "May 2022" and "24 May 2022" can be the same event; "April" and "24 May" cannot.
    short, long_ = sorted((a.date, b.date), key=len)
    return len(short) < len(long_) and long_.startswith(short) and "/" not in long_


def _locations_compatible(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return True
    if "country" in (a.precision, b.precision):  # "in Kenya" and "in Nairobi" agree
        return not (a.country_code and b.country_code and a.country_code != b.country_code)
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    name_a = (a.name or a.text or "").casefold()
    name_b = (b.name or b.text or "").casefold()
    return name_a == name_b or "country" in (a.precision, b.precision)


def compatible(a: Event, b: Event) -> bool:
    """True when two events of one document report the same real-world event."""
    a_actors, b_actors = codes(a.actor), codes(b.actor)
    if not a_actors:  # without a coded actor, two reports cannot be told to be the same
        return False
    return (
        family(a.event, a.status) == family(b.event, b.status)
        # inside one article the writer's tense is consistent: "are in talks" (ongoing),
        # "began negotiations" (occurred) and "at the March summit" (historical) are
        # three events, so statuses must be equal here (across articles, classes suffice)
        and a.status == b.status
        and a_actors == b_actors
        and codes(a.recipient) == codes(b.recipient)
        and _dates_compatible(a, b)
        and _locations_compatible(a.event_loc, b.event_loc)
    )


def _flag_key(flag: dict[str, Any]) -> str:
    return json.dumps(flag, sort_keys=True, default=str)


def merge(kept: Event, other: Event) -> Event:
    """Fold `other` into `kept` (in place): most specific date, a place, max confidence, all flags."""
    if _PRECISION_RANK.get(other.date_precision, 0) > _PRECISION_RANK.get(kept.date_precision, 0) or (
        kept.date is None and other.date is not None
    ):
        kept.date, kept.date_precision, kept.date_text = other.date, other.date_precision, other.date_text
    if kept.event_loc is None and other.event_loc is not None:
        kept.event_loc = other.event_loc
    kept.confidence = max(kept.confidence, other.confidence)
    seen = {_flag_key(f) for f in kept.flags}
    for f in other.flags:
        if _flag_key(f) not in seen:
            kept.flags.append(f)
            seen.add(_flag_key(f))
    for c in other.context:
        if c not in kept.context:
            kept.context.append(c)
    mentions = set(kept.mentions or [kept.sentence_index])
    mentions.update(other.mentions or [other.sentence_index])
    kept.mentions = sorted(mentions)
    return kept


def _subsumes(a: Event, b: Event) -> bool:
    """True when `b` says less than `a` of what may be the same event in the same sentence.

    One sentence often names one event twice, once with all its parties and once with
    fewer ("deported 17 Nigerian nationals convicted of fraud after they had served their
    terms", "a U.S. drone strike killed an Iranian commander"): same type family and status,
    and in each role `b` has `a`'s codes or none, `a` having more, with compatible dates and
    places ("gave Malawi $5 million on Friday, adding to the $8 million it donated last year"
    are two). A meeting of two of the four parties of a summit in the same sentence stays
    apart: a role filled with other codes is another event.
    """
    if a is b or a.sentence_index != b.sentence_index or a.status != b.status:
        return False
    if family(a.event, a.status) != family(b.event, b.status):
        return False
    a_act, a_rec, b_act, b_rec = (set(codes(x)) for x in (a.actor, a.recipient, b.actor, b.recipient))
    return (b_act in (a_act, set()) and b_rec in (a_rec, set()) and (b_act, b_rec) != (a_act, a_rec)
            and _dates_compatible(a, b) and _locations_compatible(a.event_loc, b.event_loc))


#: acts that one sentence can report several of, each with its own verb ("expelled two
#: diplomats and closed the consulate", "arrested 31 men and raided their offices"); not
#: ASSAULT, whose verbs often tell one attack ("shot and wounded", "killed three and injured 11")
SEPARATE_ACTS = frozenset({"COERCE", "SANCTION"})


def conjoined_acts(doc: Document) -> set[frozenset[int]]:
    """Pairs of events (by ``id``) whose triggers are two verbs of one sentence joined by
    "and" or a comma, or a verb and a participle set off by a comma after it ("broke up the
    march, detaining 30 people"), of different words and the same type among
    `SEPARATE_ACTS`: two acts, never one event reported twice ("held talks and discussed
    trade" is one meeting, so meetings are not among them)."""
    if doc.parse is None or len(doc.events) < 2:
        return set()
    from .events.lexicon import trailing_participle  # the events package imports this module
    by_token: dict[int, list[Event]] = {}
    for ev in doc.events:
        if ev.event in SEPARATE_ACTS and ev.trigger:
            verb = token_at(doc.parse, ev.trigger[0].start, ev.trigger[0].end)
            if verb is not None and verb.pos_ == "VERB":
                by_token.setdefault(verb.i, []).append(ev)
    pairs: set[frozenset[int]] = set()
    for i, evs in by_token.items():
        tok = doc.parse[i]
        joined = tok.dep_ == "conj" or trailing_participle(tok) is not None
        if not joined or tok.head.i not in by_token or tok.lemma_ == tok.head.lemma_:
            continue
        pairs.update(frozenset((id(a), id(b))) for a in evs for b in by_token[tok.head.i] if a.event == b.event)
    return pairs


def _absorb_partial(events: Sequence[Event], apart: Set[frozenset[int]] = frozenset()) -> list[Event]:
    """Fold each event into a fuller report of it in the same sentence (`_subsumes`), unless
    the two are `apart`."""
    by_sentence: dict[int, list[Event]] = {}
    for e in events:
        by_sentence.setdefault(e.sentence_index, []).append(e)
    gone: set[int] = set()
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        # the fullest report first: it absorbs the partial ones
        group = sorted(group, key=lambda e: -(len(codes(e.actor)) + len(codes(e.recipient))))
        for i, b in enumerate(group):
            for a in group[:i]:
                if id(a) not in gone and _subsumes(a, b) and frozenset((id(a), id(b))) not in apart:
                    merge(a, b)
                    gone.add(id(b))
                    break
    return [e for e in events if id(e) not in gone]


def fuse_events(events: Sequence[Event], apart: Set[frozenset[int]] = frozenset()) -> list[Event]:
    """Merge the reports of the same event; the earliest report is kept, in text order.
    Pairs in `apart` (by ``id``, `conjoined_acts`) are two events whatever they share."""
    events = _absorb_partial(events, apart)
    ordered = sorted(events, key=lambda e: (e.sentence_index, e.start if e.trigger else 0))
    kept: list[Event] = []
    # only events with the same family, status and codes can be compatible: compare within
    # those buckets (in kept order), so a long document costs no more per event than a short one
    buckets: dict[tuple, list[Event]] = {}
    for event in ordered:
        if not event.mentions:
            event.mentions = [event.sentence_index]
        actors = codes(event.actor)
        key = (family(event.event, event.status), event.status, actors, codes(event.recipient))
        for k in buckets.get(key, ()):
            if compatible(k, event) and frozenset((id(k), id(event))) not in apart:
                merge(k, event)
                break
        else:
            kept.append(event)
            if actors:  # an event without a coded actor never absorbs another
                buckets.setdefault(key, []).append(event)
    return kept


class FuseDocument:
    """Pipeline stage: one event per real-world event inside a document.

    Events with the same type family, the same actor and recipient codes, a
    compatible status, date and place are merged into the earliest report;
    ``Event.mentions`` lists the sentence indexes of all its reports. Two conjoined verbs
    of one sentence that code the same act type are two acts (`conjoined_acts`).
    """

    name = "fuse"
    requires = ("events",)
    assigns = ("events.fused",)

    def __call__(self, doc: Document) -> Document:
        doc.events = fuse_events(doc.events, conjoined_acts(doc))
        return doc


# --------------------------------------------------------------------------- across documents


@dataclass(slots=True)
class Report:
    """One stored record, as cross-document fusion sees it."""

    id: str
    group: str  # fuse_group(...)
    date: str | None
    date_precision: str | None
    publication_date: dt.date | None
    country: str | None
    order: tuple = ()  # tie-breaker for the representative (publication date, doc, sentence)

    @property
    def exact_day(self) -> dt.date | None:
        if self.date_precision == "day" and self.date and len(self.date) == 10:
            try:
                return dt.date.fromisoformat(self.date)
            except ValueError:
                return None
        return None


def _actor_codes(group: str) -> str:
    """The actor codes of a fusion group (the family may itself hold a '|')."""
    return group.rsplit("|", 2)[-2] if group.count("|") >= 3 else ""


def _fused_id(group: str, day: dt.date | None, country: str | None) -> str:
    key = f"{group}|{day.isoformat() if day else '-'}|{country or '-'}"
    return "fe-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def cluster(reports: Sequence[Report]) -> dict[str, str]:
    """Assign every report a fused-event id (reports of one real-world event share it).

    Within one fusion group (same type family, status class, actor and recipient
    codes): reports dated to the day fuse when the day and the event country
    agree (a report without a country joins the most reported country of that
    day). Reports without a day (publication, month, year, range or no date) join
    the dated event nearest to their publication date within ±WINDOW_DAYS;
    otherwise they fuse among themselves when published within ±WINDOW_DAYS of
    the first of them. The result depends only on the set of reports, never on
    the order they were stored in.
    """
    out: dict[str, str] = {}
    by_group: dict[str, list[Report]] = {}
    for r in reports:
        by_group.setdefault(r.group, []).append(r)
    for group, items in by_group.items():
        if not _actor_codes(group):
            # no coded actor: nothing says two reports are of one event (as inside a
            # document), so each report is its own fused event
            for r in items:
                out[r.id] = "fe-" + hashlib.sha1(f"{group}|report|{r.id}".encode()).hexdigest()[:16]
            continue
        exact = [r for r in items if r.exact_day is not None]
        fuzzy = [r for r in items if r.exact_day is None]
        # day -> country -> reports
        days: dict[dt.date, dict[str | None, list[Report]]] = {}
        for r in exact:
            days.setdefault(r.exact_day, {}).setdefault(r.country, []).append(r)
        anchors: list[tuple[dt.date, str | None]] = []
        for day, by_country in days.items():
            countries = sorted((c for c in by_country if c), key=lambda c: (-len(by_country[c]), c))
            nocountry = by_country.pop(None, [])
            if countries:
                by_country[countries[0]].extend(nocountry)
            else:
                by_country[None] = nocountry
            for country, rs in by_country.items():
                anchors.append((day, country))
                for r in rs:
                    out[r.id] = _fused_id(group, day, country)
        anchors.sort(key=lambda a: (a[0], a[1] or ""))
        loose: list[Report] = []
        for r in sorted(fuzzy, key=lambda r: (r.publication_date or dt.date.max, r.id)):
            pub = r.publication_date
            best = None
            if pub is not None:
                for day, country in anchors:
                    gap = abs((day - pub).days)
                    if gap <= WINDOW_DAYS and (r.country is None or country is None or r.country == country):
                        if best is None or gap < best[0]:
                            best = (gap, day, country)
            if best is not None:
                out[r.id] = _fused_id(group, best[1], best[2])
            else:
                loose.append(r)
        # loose reports: fuse with each other by publication date window and country
        open_clusters: list[tuple[dt.date | None, str | None]] = []
        for r in loose:
            pub = r.publication_date
            home = None
            for start, country in open_clusters:
                if pub is None or start is None:
                    same_day = pub is None and start is None
                else:
                    same_day = abs((pub - start).days) <= WINDOW_DAYS
                if same_day and (r.country is None or country is None or r.country == country):
                    home = (start, country)
                    break
            if home is None:
                home = (pub, r.country)
                open_clusters.append(home)
            out[r.id] = _fused_id(group + "|loose", home[0], home[1])
    return out
