"""Dates relative to the publication date (issue 5).

`resolve_date` cases need no spaCy; the stage tests parse a few short texts
with one module-scoped parser.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dotterel.document import Document, Event, Trigger
from dotterel.time import AttachDates, DateMentions, DateValue, resolve_date

PUB = dt.date(2022, 5, 23)  # a Monday

CASES = [
    # (text, tense, value, precision)
    # weekdays: direction by tense
    ("on Tuesday", "future", "2022-05-24", "day"),
    ("on Tuesday", "past", "2022-05-17", "day"),
    ("Friday", "past", "2022-05-20", "day"),
    ("Friday", "future", "2022-05-27", "day"),
    ("on Sunday", "present", "2022-05-22", "day"),
    ("Monday", "past", "2022-05-23", "day"),
    ("next Monday", "future", "2022-05-30", "day"),
    ("last Tuesday", "past", "2022-05-17", "day"),
    ("Tuesday morning", "future", "2022-05-24", "day"),
    # months with a relative year
    ("in March this year", "past", "2022-03", "month"),
    ("April this year", "future", "2022-04", "month"),
    ("in April last year", "past", "2021-04", "month"),
    ("June next year", "future", "2023-06", "month"),
    ("last March", "past", "2022-03", "month"),
    ("next April", "future", "2023-04", "month"),
    # a month without a year: before/after publication by tense
    ("in April", "past", "2022-04", "month"),
    ("in April", "future", "2023-04", "month"),
    ("in July", "future", "2022-07", "month"),
    ("in July", "past", "2021-07", "month"),
    ("in May", "future", "2022-05", "month"),
    ("early March", "past", "2022-03", "month"),
    # years
    ("in 2020", "past", "2020", "year"),
    ("2019", "future", "2019", "year"),
    ("mid-2021", "past", "2021", "year"),
    ("last year", "past", "2021", "year"),
    ("next year", "future", "2023", "year"),
    ("earlier this year", "past", "2022", "year"),
    # relative days, weeks, months
    ("yesterday", "past", "2022-05-22", "day"),
    ("tomorrow", "future", "2022-05-24", "day"),
    ("today", "present", "2022-05-23", "day"),
    ("three days ago", "past", "2022-05-20", "day"),
    ("in two weeks", "future", "2022-06-06", "day"),
    ("last week", "past", "2022-05-16/2022-05-22", "range"),
    ("next week", "future", "2022-05-30/2022-06-05", "range"),
    ("this week", "present", "2022-05-23/2022-05-29", "range"),
    ("next month", "future", "2022-06", "month"),
    ("last month", "past", "2022-04", "month"),
    ("earlier this month", "past", "2022-05", "month"),
    ("later this month", "future", "2022-05", "month"),
    ("over the weekend", "past", "2022-05-21/2022-05-22", "range"),
    # explicit dates
    ("May 24", "future", "2022-05-24", "day"),
    ("24 May 2022", "past", "2022-05-24", "day"),
    ("on May 3rd", "past", "2022-05-03", "day"),
    ("on May 3rd", "future", "2023-05-03", "day"),
    ("the 3rd of June", "future", "2022-06-03", "day"),
    ("Dec. 5, 2019", "past", "2019-12-05", "day"),
    ("Friday, May 20", "past", "2022-05-20", "day"),
    ("June 1", "past", "2021-06-01", "day"),
    ("2021-11-30", "past", "2021-11-30", "day"),
    ("on the 14th", "future", "2022-06-14", "day"),
    ("on the 14th", "past", "2022-05-14", "day"),
    ("Tuesday's", "future", "2022-05-24", "day"),
    ("March 2021", "past", "2021-03", "month"),
    ("23/05/2021", "past", "2021-05-23", "day"),
    # ranges
    ("over the next five years", "future", "2022-05-23/2027-05-23", "range"),
    ("the next five years", "past", "2022-05-23/2027-05-23", "range"),
    ("the past two weeks", "past", "2022-05-09/2022-05-23", "range"),
    ("the last three months", "past", "2022-02-23/2022-05-23", "range"),
    ("the past decade", "past", "2012-05-23/2022-05-23", "range"),
    ("between 2018 and 2020", "past", "2018-01-01/2020-12-31", "range"),
    ("2014-16", "past", "2014-01-01/2016-12-31", "range"),
    ("the 1990s", "past", "1990-01-01/1999-12-31", "range"),
    ("the first quarter of 2022", "past", "2022-01-01/2022-03-31", "range"),
    # "recently": the last 30 days
    ("recently", "past", "2022-04-23/2022-05-23", "range"),
    ("in recent weeks", "past", "2022-04-23/2022-05-23", "range"),
]


@pytest.mark.parametrize("text,tense,value,precision", CASES, ids=[f"{c[0]}|{c[1]}" for c in CASES])
def test_resolve_date(text, tense, value, precision):
    dv = resolve_date(text, PUB, tense=tense)
    assert dv is not None, text
    assert (dv.value, dv.precision) == (value, precision)
    assert dv.start <= dv.end


NOT_DATES = [
    "2 + 2", "63 years old", "a 45-year-old", "two years", "five days", "annual", "22", "24 hours",
    "a four-day", "year-long", "in two years", "",
    # a run of digits: dateparser read it as a Unix timestamp in the machine's time zone
    "on 1710111600", "1710111600",
]  # fmt: skip


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    assert resolve_date(text, PUB) is None


def test_bounds_and_frozen():
    dv = resolve_date("in March this year", PUB)
    assert (dv.start, dv.end) == (dt.date(2022, 3, 1), dt.date(2022, 3, 31))
    earlier = resolve_date("earlier this month", PUB)
    assert earlier.end == PUB  # "earlier" ends at publication
    with pytest.raises(AttributeError):
        dv.value = "x"  # type: ignore[misc]
    assert isinstance(dv, DateValue)


def test_cached():
    assert resolve_date("in April", PUB) is resolve_date("in April", PUB)


def test_year_boundaries():
    jan = dt.date(2023, 1, 10)
    assert resolve_date("in December", jan, tense="past").value == "2022-12"
    assert resolve_date("last month", jan).value == "2022-12"
    assert resolve_date("next month", dt.date(2022, 12, 5), tense="future").value == "2023-01"


# --------------------------------------------------------------------------- stages


@pytest.fixture(scope="module")
def parse():
    from dotterel.segment import Parse

    p = Parse()

    def _parse(text: str, date: str | None = "2022-05-23") -> Document:
        return p(Document.from_text(text, date=date))

    return _parse


def _event(doc: Document, word: str, status: str = "occurred", nth: int = 0) -> Event:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    si = doc.sentence_at(start).index
    ev = Event(event="CONSULT", sentence_index=si, trigger=[Trigger(word, start, start + len(word))], status=status)
    doc.events.append(ev)
    return ev


def _dates(doc: Document, **kw) -> Document:
    return AttachDates(**kw)(DateMentions()(doc))


def test_date_mentions_skip_non_dates(parse):
    doc = DateMentions()(parse("The 2 + 2 dialogue was held recently. Ministers will meet over the next five years."))
    texts = [m.text for m in doc.mentions_of("date")]
    assert "2 + 2" not in texts
    assert "recently" in texts
    assert any("next five years" in t for t in texts)
    assert all(m.data["value"] for m in doc.mentions_of("date"))


def test_future_weekday_and_publication_default(parse):
    doc = parse("The two prime ministers will meet on Tuesday. India and Japan signed a pact.")
    meet = _event(doc, "meet", "future")
    signed = _event(doc, "signed", "occurred")
    _dates(doc)
    assert (meet.date, meet.date_precision, meet.date_text) == ("2022-05-24", "day", "Tuesday")
    assert (signed.date, signed.date_precision, signed.date_text) == ("2022-05-23", "publication", None)


def test_historical_and_inconsistency(parse):
    doc = parse(
        "An agreement was signed in 2020 between the two countries. "
        "The dialogue is expected to take place in April this year. "
        "The ministers met last month."
    )
    signed = _event(doc, "signed", "occurred")
    dialogue = _event(doc, "take place", "future")
    met = _event(doc, "met", "occurred")
    _dates(doc)
    assert (signed.date, signed.status) == ("2020", "historical")
    assert dialogue.date == "2022-04" and dialogue.status == "future"
    flag = dialogue.flags[0]
    assert flag["kind"] == "date_inconsistency" and "April this year" in flag["text"]
    assert (met.date, met.status) == ("2022-04", "occurred")  # ended 23 days before: not historical


def test_attached_date_prefers_the_triggers_clause(parse):
    doc = parse(
        "At the annual summit in March this year, both leaders announced their intention "
        "to invest five trillion yen over the next five years."
    )
    announced = _event(doc, "announced", "occurred")
    _dates(doc)
    assert announced.date == "2022-03"
    assert announced.status == "occurred"  # two months before publication: not yet historical


def test_historical_means_more_than_a_year_before_publication_by_default(parse):
    doc = parse("The ministers met in March last year. The envoys met in March this year.")
    last_year, this_year = _event(doc, "met", "occurred"), _event(doc, "met", "occurred", nth=1)
    _dates(doc)
    assert (last_year.date, last_year.status) == ("2021-03", "historical")
    assert (this_year.date, this_year.status) == ("2022-03", "occurred")
    # the threshold is a parameter: a stricter reading makes two months historical
    doc = parse("The envoys met in March this year.")
    ev = _event(doc, "met", "occurred")
    _dates(doc, historical_days=30)
    assert ev.status == "historical"


def test_future_event_takes_previous_sentence_date(parse):
    doc = parse(
        "The focus of the meeting between the two leaders on Tuesday will be trade.\n\n"
        "Modi is on his way to Tokyo and will later hold bilateral meetings."
    )
    ev = _event(doc, "meetings", "future")
    _dates(doc)
    assert (ev.date, ev.date_text) == ("2022-05-24", "Tuesday")


def test_no_publication_date_leaves_date_none(parse):
    doc = parse("The ministers met on Tuesday for 2 + 2 talks.", date=None)
    ev = _event(doc, "met")
    _dates(doc)
    assert ev.date is None and ev.date_precision is None
    assert [m.text for m in doc.mentions_of("date")] == ["Tuesday"]
    assert "value" not in doc.mentions_of("date")[0].data


def test_seed_article_dates(shared, parse):
    ref = shared / "reference"
    text = (ref / "seed-article.txt").read_text(encoding="utf-8")
    gold = {g["id"]: g for g in map(json.loads, (ref / "seed-article.gold.jsonl").read_text().splitlines())}
    doc = parse(text)
    triggers = {"S01": "meeting", "S06": "take place", "S12": "signed", "S14": "meet", "S15": "Summit", "S16": "announced"}
    events = {}
    for gid, word in triggers.items():
        q = text.index(gold[gid]["quote"][:40])
        k = text.index(word, q)
        status = "occurred" if gold[gid]["status"] == "historical" else gold[gid]["status"]
        events[gid] = Event("CONSULT", doc.sentence_at(k).index, [Trigger(word, k, k + len(word))], status=status)
    doc.events.extend(events.values())
    _dates(doc)
    pub = dt.date.fromisoformat(json.loads((ref / "seed-article.meta.json").read_text())["publication_date"])
    for gid, ev in events.items():
        assert ev.date == gold[gid]["date"], gid
        # the seed's gold marks background from two months before publication historical;
        # dotterel follows corpus/GUIDE.md and news_dev's protocol (more than about a year)
        expected = gold[gid]["status"]
        if expected == "historical" and _period_end(ev.date) >= pub - dt.timedelta(days=365):
            expected = "occurred"
        assert ev.status == expected, gid
    assert [f["kind"] for f in events["S06"].flags] == ["date_inconsistency"]


# ---- dates without a publication date (issue 10, item 4)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, date, precision",
    [
        ("In 2011, police arrested the opposition leader in Lagos.", "2011", "year"),
        ("On March 3, 2019, Kenya accused Uganda of spying.", "2019-03-03", "day"),
        ("The army shelled the town in May 2015.", "2015-05", "month"),
    ],
)
def test_explicit_dates_resolve_without_a_publication_date(run, text, date, precision):
    doc = run(text, date=None)
    assert doc.events and doc.events[0].date == date and doc.events[0].date_precision == precision


@pytest.mark.slow
def test_relative_dates_stay_unresolved_without_a_publication_date(run):
    doc = run("Police arrested the mayor on Tuesday.", date=None)
    assert doc.events and doc.events[0].date is None


def _period_end(value: str) -> dt.date:
    """The last day of a YYYY, YYYY-MM or YYYY-MM-DD value."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)
