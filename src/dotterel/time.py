"""When an event happened: dates relative to the publication date.

Two layers:

- `resolve_date` is a pure function (no spaCy): it turns one date expression
  ("on Tuesday", "in April this year", "over the next five years", "24 May
  2022") into a `DateValue`, reading relative expressions against the
  publication date and the tense of the event ("future" looks forward, "past"
  looks back, "present" takes the nearest reading). The project's own rules
  handle relative expressions; dateparser only normalises explicit dates the
  rules do not cover (never ``search_dates`` over whole text). Results are
  cached: dateparser is slow.
- Two stages: `DateMentions` finds date expressions in body sentences
  (spaCy DATE entities plus patterns spaCy misses, such as "recently"), and
  `AttachDates` gives every event its date, precision and date text.

Rules applied by `AttachDates` (documented here because records depend on them):

- An event with no date in its sentence takes the publication date with
  precision ``"publication"`` and ``date_text = None``. Exception: a *future*
  event with no date of its own takes the forward-looking date of the body
  sentence just before it (no heading in between): "The meeting ... on Tuesday
  ... / Modi is on his way to Tokyo ... and will later hold meetings".
- Historical: an event whose status is ``occurred`` or ``ongoing`` and whose
  dated period ended more than `HISTORICAL_DAYS` (30) days before publication
  gets status ``historical``.
- Date inconsistency: an event reported as expected/planned (status
  ``future``) whose resolved period ends before the publication date gets a
  flag ``{"kind": "date_inconsistency", "text", "why"}``.
- Without a publication date, events keep ``date = None``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from . import lang
from .document import Document, Event, Flag, Mention

__all__ = [
    "DateValue",
    "resolve_date",
    "DateMentions",
    "AttachDates",
    "HISTORICAL_DAYS",
    "RECENT_DAYS",
]

Tense = Literal["past", "future", "present"]

#: an occurred/ongoing event dated to a period that ended more than this many
#: days before publication is ``historical``
HISTORICAL_DAYS = 30
#: "recently" means the last this many days before publication
RECENT_DAYS = 30


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date: an ISO value, its precision and its bounds (inclusive)."""

    value: str  # "YYYY", "YYYY-MM", "YYYY-MM-DD" or "start/end"
    precision: str  # day | month | year | range
    start: dt.date
    end: dt.date

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "precision": self.precision,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }


# --------------------------------------------------------------------------- constructors


def _day(d: dt.date) -> DateValue:
    return DateValue(d.isoformat(), "day", d, d)


def _month(year: int, month: int) -> DateValue:
    last = calendar.monthrange(year, month)[1]
    return DateValue(
        f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1), dt.date(year, month, last)
    )


def _year(year: int) -> DateValue:
    return DateValue(f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _range(start: dt.date, end: dt.date) -> DateValue:
    if end < start:
        start, end = end, start
    return DateValue(f"{start.isoformat()}/{end.isoformat()}", "range", start, end)


def _clip(dv: DateValue, *, start: dt.date | None = None, end: dt.date | None = None) -> DateValue:
    """Keep value/precision, narrow the bounds ("earlier this month" ends at publication)."""
    s = max(dv.start, start) if start else dv.start
    e = min(dv.end, end) if end else dv.end
    if e < s:
        return dv
    return DateValue(dv.value, dv.precision, s, e)


def _add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _add_years(d: dt.date, years: int) -> dt.date:
    y = d.year + years
    return dt.date(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))


def _shift(d: dt.date, n: int, unit: str) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(d, n)
    if unit == "year":
        return _add_years(d, n)
    if unit == "decade":
        return _add_years(d, 10 * n)
    raise ValueError(unit)


# --------------------------------------------------------------------------- vocabulary

_WORDS = lang.words("en")  # date words: dotterel/lang/en/time.toml, table [time]
MONTHS = _WORDS.table("time", "months")
WEEKDAYS = _WORDS.table("time", "weekdays")
NUMBERS = _WORDS.table("time", "numbers")

_MONTH_RE = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY_RE = (
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thu|fri|sat|sun)"
)
_NUM_RE = (
    r"(?P<num>\d+|a couple of|couple of|a few|few|several|an?|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
)
_UNIT_RE = r"(?P<unit>day|week|month|year|decade)s?"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_ORD = r"(?:st|nd|rd|th)?"

_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|during|from|since|until|till|around|about|circa|as of|as early as"
    r"|as late as|sometime in|some time in|earlier|later|for|over|within|the|of)\s+)+"
)
# Expressions that look like dates but are not event dates.
_NOT_A_DATE = re.compile(
    r"(?:\d\s*[+*×x]\s*\d|\byear[s-]?old\b|\bold\b|\baged?\b|\bages\b|\bhours?\b|\bminutes?\b"
    r"|\bseconds?\b|^(?:annual|annually|daily|weekly|monthly|yearly|quarterly|biennial)$"
    r"|\bcentur(?:y|ies)\b|\bseason\b|\w-(?:day|week|month|year)\b|\b(?:day|week|month|year)-long\b)"
)


def _num(word: str) -> int:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return NUMBERS[word]


def _norm(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"'s\b", "", s)  # "Tuesday's meeting"
    s = re.sub(r"[,;:]+\s*$", "", s)
    s = re.sub(r"\s+", " ", s).strip(" .,'\"")
    return s


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


# --------------------------------------------------------------------------- rules

_RULES: list[tuple[re.Pattern[str], Any]] = []


def _rule(pattern: str):
    def deco(fn):
        _RULES.append((re.compile(pattern), fn))
        return fn

    return deco


@_rule(r"^(?:today|tonight|this (?:morning|afternoon|evening)|now|currently)$")
def _today(m, pub, tense):
    return _day(pub)


@_rule(r"^(?:the day before yesterday)$")
def _day_before(m, pub, tense):
    return _day(pub - dt.timedelta(days=2))


@_rule(r"^(?:yesterday|last night)" + _DAYPART + "$")
def _yesterday(m, pub, tense):
    return _day(pub - dt.timedelta(days=1))


@_rule(r"^(?:the day after tomorrow)$")
def _day_after(m, pub, tense):
    return _day(pub + dt.timedelta(days=2))


@_rule(r"^tomorrow" + _DAYPART + "$")
def _tomorrow(m, pub, tense):
    return _day(pub + dt.timedelta(days=1))


@_rule(r"^(?:recently|lately|recent|of late|just|in recent (?P<unit>day|week|month|year)s)$")
def _recently(m, pub, tense):
    days = {None: RECENT_DAYS, "day": 7, "week": RECENT_DAYS, "month": 90, "year": 730}[
        m.group("unit")
    ]
    return _range(pub - dt.timedelta(days=days), pub)


@_rule(r"^" + _NUM_RE + r" " + _UNIT_RE + r" (?:ago|earlier|before)$")
def _ago(m, pub, tense):
    n, unit = _num(m.group("num")), m.group("unit")
    d = _shift(pub, -n, unit)
    return _point(d, unit)


@_rule(r"^(?:in |within )?" + _NUM_RE + r" " + _UNIT_RE + r"(?: from now| later| time)$")
def _from_now(m, pub, tense):
    n, unit = _num(m.group("num")), m.group("unit")
    return _point(_shift(pub, n, unit), unit)


# "in two weeks" is a date only when the event lies ahead ("completed in two years" is a duration)
@_rule(r"^in " + _NUM_RE + r" " + _UNIT_RE + "$")
def _in_n(m, pub, tense):
    if tense != "future":
        return None
    n, unit = _num(m.group("num")), m.group("unit")
    return _point(_shift(pub, n, unit), unit)


# "the weekend", "over the weekend": the coming one for future events, else the last one
@_rule(r"^(?:over |at |on |during )?the weekend$")
def _the_weekend(m, pub, tense):
    sat = _monday(pub) + dt.timedelta(days=5)
    if tense != "future" and pub.weekday() < 5:
        sat -= dt.timedelta(weeks=1)
    return _range(sat, sat + dt.timedelta(days=1))


def _point(d: dt.date, unit: str) -> DateValue:
    if unit in ("day", "week"):
        return _day(d)
    if unit == "month":
        return _month(d.year, d.month)
    return _year(d.year)


# "the next five years", "the past two weeks", "the coming months"
@_rule(
    r"^(?P<dir>next|coming|following|past|last|previous|recent|upcoming)"
    r" (?:" + _NUM_RE + r" )?(?P<unit>day|week|month|year|decade)(?P<plural>s)?$"
)
def _span(m, pub, tense):
    direction = m.group("dir")
    unit = m.group("unit")
    num = m.group("num")
    forward = direction in ("next", "coming", "following", "upcoming")
    if num is None and not m.group("plural"):
        # a calendar unit: "last week", "next month", "next year"
        step = 1 if forward else -1
        if direction == "past":  # "the past week" = the last 7 days
            return _range(_shift(pub, -1, unit), pub)
        return _calendar_unit(pub, unit, step)
    n = _num(num) if num else 3  # "the coming years": a few
    if forward:
        return _range(pub, _shift(pub, n, unit))
    return _range(_shift(pub, -n, unit), pub)


@_rule(r"^(?P<dir>this|current) (?P<unit>week|month|year|weekend)$")
def _this_unit(m, pub, tense):
    if m.group("unit") == "weekend":
        sat = _monday(pub) + dt.timedelta(days=5)
        return _range(sat, sat + dt.timedelta(days=1))
    return _calendar_unit(pub, m.group("unit"), 0)


@_rule(r"^(?P<dir>last|next|past) weekend$")
def _weekend(m, pub, tense):
    step = 1 if m.group("dir") == "next" else -1
    sat = _monday(pub) + dt.timedelta(days=5 + 7 * step)
    if step < 0 and pub.weekday() >= 5:
        sat = _monday(pub) + dt.timedelta(days=5 - 7)
    return _range(sat, sat + dt.timedelta(days=1))


def _calendar_unit(pub: dt.date, unit: str, step: int) -> DateValue:
    if unit == "day":
        return _day(pub + dt.timedelta(days=step))
    if unit == "week":
        mon = _monday(pub) + dt.timedelta(weeks=step)
        return _range(mon, mon + dt.timedelta(days=6))
    if unit == "month":
        d = _add_months(pub.replace(day=1), step)
        return _month(d.year, d.month)
    if unit == "year":
        return _year(pub.year + step)
    start = (pub.year // 10) * 10 + 10 * step
    return _range(dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


@_rule(r"^(?P<when>earlier|later|early|late|the end of|end of|the beginning of|the start of"
       r"|the middle of|mid|mid-)\s*(?:this|the current) (?P<unit>week|month|year)$")  # fmt: skip
def _earlier_this(m, pub, tense):
    dv = _calendar_unit(pub, m.group("unit"), 0)
    if m.group("when") == "earlier":
        return _clip(dv, end=pub)
    if m.group("when") == "later":
        return _clip(dv, start=pub)
    return dv


# weekdays: direction by tense ("will meet on Tuesday" forward, "met on Tuesday" back)
@_rule(r"^(?:(?P<dir>next|last|this|coming|past|this past|this coming) )?" + _WEEKDAY_RE
       + _DAYPART + "$")  # fmt: skip
def _weekday(m, pub, tense):
    wd = WEEKDAYS[m.group("weekday")]
    direction = m.group("dir")
    ahead = (wd - pub.weekday()) % 7
    behind = (pub.weekday() - wd) % 7
    if direction in ("next", "coming", "this coming"):
        return _day(pub + dt.timedelta(days=ahead or 7))
    if direction in ("last", "past", "this past"):
        return _day(pub - dt.timedelta(days=behind or 7))
    if direction == "this":
        return _day(_monday(pub) + dt.timedelta(days=wd))
    if tense == "future":
        return _day(pub + dt.timedelta(days=ahead))
    if tense == "past":
        return _day(pub - dt.timedelta(days=behind))
    return _day(pub + dt.timedelta(days=ahead) if ahead <= behind else pub - dt.timedelta(days=behind))


_MOD = r"(?:(?:early|mid|late|the end of|end of|the beginning of|the start of|the middle of)[\s-]*)?"


# "March this year", "in April last year", "early March next year"
@_rule(r"^" + _MOD + _MONTH_RE + r"(?: of)? (?P<rel>this|last|next|the current|the previous|the next) year$")
def _month_rel_year(m, pub, tense):
    rel = m.group("rel")
    year = pub.year + {"last": -1, "the previous": -1, "next": 1, "the next": 1}.get(rel, 0)
    return _month(year, MONTHS[m.group("month")])


# "last March", "next April", "this June"
@_rule(r"^(?P<rel>last|next|this|this past|this coming|coming|past) " + _MONTH_RE + "$")
def _rel_month(m, pub, tense):
    month = MONTHS[m.group("month")]
    rel = m.group("rel")
    if rel == "this":
        return _month(pub.year, month)
    if rel in ("next", "this coming", "coming"):
        return _month(pub.year if month > pub.month else pub.year + 1, month)
    return _month(pub.year if month < pub.month else pub.year - 1, month)


# "April", "early March": the year depends on tense
@_rule(r"^" + _MOD + _MONTH_RE + "$")
def _bare_month(m, pub, tense):
    month = MONTHS[m.group("month")]
    year = pub.year
    if tense == "future" and month < pub.month:
        year += 1
    elif tense == "past" and month > pub.month:
        year -= 1
    return _month(year, month)


def _year_for(pub: dt.date, month: int, day: int, tense: str) -> int:
    """The year of a month/day named without a year, read by tense."""
    candidate = (month, day)
    today = (pub.month, pub.day)
    if tense == "future" and candidate < today:
        return pub.year + 1
    if tense == "past" and candidate > today:
        return pub.year - 1
    return pub.year


def _safe_date(y: int, mo: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


# "May 24", "May 24, 2022", "on May 3rd", "Tuesday, May 24"
@_rule(r"^(?:" + _WEEKDAY_RE + r",? )?" + _MONTH_RE + r" (?P<day>\d{1,2})" + _ORD
       + r"(?:,? (?P<year>\d{4}))?$")  # fmt: skip
def _month_day(m, pub, tense):
    return _explicit_day(m, pub, tense)


# "24 May", "24 May 2022", "the 3rd of May"
@_rule(r"^(?:" + _WEEKDAY_RE + r",? )?(?:the )?(?P<day>\d{1,2})" + _ORD + r"(?: of)? " + _MONTH_RE
       + r"(?:,? (?P<year>\d{4}))?$")  # fmt: skip
def _day_month(m, pub, tense):
    return _explicit_day(m, pub, tense)


def _explicit_day(m, pub, tense):
    month, day = MONTHS[m.group("month")], int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else _year_for(pub, month, day, tense)
    d = _safe_date(year, month, day)
    return _day(d) if d else None


# "on the 14th": a day of the publication month, or of the month before/after by tense
@_rule(r"^(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)$")
def _ordinal_day(m, pub, tense):
    day = int(m.group("day"))
    step = 1 if tense == "future" and day < pub.day else -1 if tense == "past" and day > pub.day else 0
    first = _add_months(pub.replace(day=1), step)
    d = _safe_date(first.year, first.month, day)
    return _day(d) if d else None


@_rule(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
def _iso(m, pub, tense):
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _day(d) if d else None


# "March 2021", "early March 2021"
@_rule(r"^" + _MOD + _MONTH_RE + r",? (?:of )?(?P<year>\d{4})$")
def _month_year(m, pub, tense):
    return _month(int(m.group("year")), MONTHS[m.group("month")])


# "2020", "early 2021", "the end of 2019"
@_rule(r"^" + _MOD + r"(?:the year )?(?P<year>1[89]\d\d|20\d\d|2100)$")
def _bare_year(m, pub, tense):
    return _year(int(m.group("year")))


# "the 1990s", "the 2010s"
@_rule(r"^(?:the )?(?:early |late |mid-?)?(?P<decade>1[89]\d0|20\d0)'?s$")
def _decade(m, pub, tense):
    start = int(m.group("decade"))
    return _range(dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


# "2018-2020", "between 2018 and 2020", "from 2018 to 2020"
@_rule(r"^(?:between |from )?(?P<a>1[89]\d\d|20\d\d)\s*(?:-|to|and|until|through)\s*(?P<b>1[89]\d\d|20\d\d|\d\d)$")
def _year_range(m, pub, tense):
    a, b = int(m.group("a")), m.group("b")
    bi = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    if bi < a:
        return None
    return _range(dt.date(a, 1, 1), dt.date(bi, 12, 31))


# "the first quarter of 2022", "Q1 2022"
@_rule(r"^(?:the )?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th) quarter|q(?P<qn>[1-4]))"
       r"(?: of)? (?P<year>\d{4})$")  # fmt: skip
def _quarter(m, pub, tense):
    q = m.group("qn")
    q = int(q) if q else {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(
        m.group("q"), 4
    )
    year = int(m.group("year"))
    start = dt.date(year, 3 * q - 2, 1)
    return _range(start, dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1]))


# --------------------------------------------------------------------------- dateparser fallback

_HAS_DATE_WORD = re.compile(
    r"\d|" + _MONTH_RE.replace("(?P<month>", "(?:") + r"\b|" + _WEEKDAY_RE.replace("(?P<weekday>", "(?:")
)


@lru_cache(maxsize=32)
def _dateparser(pub: dt.date, tense: str):
    from dateparser.date import DateDataParser

    prefer = {"future": "future", "past": "past"}.get(tense, "current_period")
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day),
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": False,
        },
    )


def _fallback(s: str, pub: dt.date, tense: str) -> DateValue | None:
    if not _HAS_DATE_WORD.search(s):
        return None
    data = _dateparser(pub, tense).get_date_data(s)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return _year(d.year)
    if period == "month":
        return _month(d.year, d.month)
    if period == "week":
        mon = _monday(d)
        return _range(mon, mon + dt.timedelta(days=6))
    return _day(d)


# --------------------------------------------------------------------------- entry point


def resolve_date(
    text: str, publication: dt.date, *, tense: Tense | str = "past"
) -> DateValue | None:
    """Resolve one date expression against the publication date.

    >>> resolve_date("on Tuesday", dt.date(2022, 5, 23), tense="future").value
    '2022-05-24'
    >>> resolve_date("in April this year", dt.date(2022, 5, 23)).value
    '2022-04'

    Returns None for text that is not an event date ("2 + 2", "63 years old",
    "two years" as a bare duration, "annual").
    """
    if isinstance(publication, dt.datetime):
        publication = publication.date()
    if tense not in ("past", "future", "present"):
        tense = "past"
    return _resolve_cached(text, publication, tense)


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, pub: dt.date, tense: str) -> DateValue | None:
    s = _norm(text)
    if not s or _NOT_A_DATE.search(s):
        return None
    stripped = _LEAD.sub("", s)
    for candidate in dict.fromkeys((s, stripped)):
        for pattern, fn in _RULES:
            m = pattern.match(candidate)
            if m:
                return fn(m, pub, tense)
    # bare durations ("two years", "five days") are not event dates
    if re.fullmatch(_NUM_RE + r" " + _UNIT_RE, stripped):
        return None
    if re.fullmatch(r"\d{1,3}", stripped):  # "22" is not a date
        return None
    return _fallback(stripped, pub, tense)


# --------------------------------------------------------------------------- stages

# Expressions spaCy's small model often misses or cuts short.
_EXTRA = re.compile(
    r"\b(?:recently|lately|in recent (?:days|weeks|months|years)"
    r"|(?:over|in|for|during|within) the (?:next|coming|past|last|following) (?:(?:\d+|[a-z]+) )?"
    r"(?:days|weeks|months|years|decades)"
    r"|(?:earlier|later) this (?:week|month|year)"
    r"|(?:last|next|this) (?:week|month|year|weekend)"
    r"|yesterday|tomorrow)\b",
    re.IGNORECASE,
)
_FUTURE_CUES = re.compile(r"\b(?:will|shall|'ll|going to|expected to|to be held|plans? to|scheduled)\b", re.I)


def _sentence_tense(text: str) -> str:
    return "future" if _FUTURE_CUES.search(text) else "past"


_NO_PUBLICATION = dt.date(2000, 1, 3)


class DateMentions:
    """Date expressions in body sentences, as `Mention(kind="date")`.

    ``data`` holds the resolution read with the sentence's tense (``value``,
    ``precision``, ``start``, ``end``, ``tense``); `AttachDates` re-reads it
    with the tense of each event.
    """

    name = "dates"
    requires = ("parse", "sentences")
    assigns = ("mentions.date",)

    def __call__(self, doc: Document) -> Document:
        pub = doc.meta.date
        spans: list[tuple[int, int]] = []
        if doc.parse is not None:
            spans.extend((e.start_char, e.end_char) for e in doc.parse.ents if e.label_ == "DATE")
        spans.extend((m.start(), m.end()) for m in _EXTRA.finditer(doc.text))
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        for s, e in merged:
            sent = doc.sentence_at(s)
            if sent is None or not sent.codable:
                continue
            text = doc.text[s:e]
            tense = _sentence_tense(doc.sentence_text(sent.index))
            data: dict[str, Any] = {"tense": tense}
            # without a publication date, only check that the text is a date at all
            dv = resolve_date(text, pub or _NO_PUBLICATION, tense=tense)
            if dv is None:
                continue  # "2 + 2", ages, bare durations
            if pub is not None:
                data.update(dv.to_dict())
            doc.mentions.append(Mention(s, e, text, "date", sent.index, data=data))
        return doc


_FORWARD = re.compile(r"\b(?:next|coming|following|upcoming|tomorrow|later|from now)\b", re.I)
_BACKWARD = re.compile(r"\b(?:last|past|previous|ago|yesterday|recently|lately|earlier)\b", re.I)


def _token_at(parse, start: int, end: int):
    span = parse.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _verbs_between(token, ancestor) -> int:
    """Verbs passed on the way up from `token` to `ancestor` (clause boundaries)."""
    n = 0
    t = token
    # spaCy makes a new Token object on each access: compare positions, not identity
    while t.i != ancestor.i and t.head.i != t.i:
        t = t.head
        if t.i != ancestor.i and t.pos_ in ("VERB", "AUX"):
            n += 1
    return n


_NOUN_MODIFIER_DEPS = frozenset({"compound", "nummod", "amod", "poss", "nmod"})


def _dates_something_else(parse, m: Mention, event: Event) -> bool:
    """A date that belongs to another thing than the event: "the 2016 ruling", "their 1951
    treaty", "last month's election", "the Oct. 9 vote", or a relative clause that does not
    hold the trigger ("an outpost since 1999")."""
    root = _token_at(parse, m.start, m.end)
    if root is None:
        return False
    trigger_idx = {t.start for t in event.trigger}
    head = root.head
    if (
        root.dep_ in _NOUN_MODIFIER_DEPS
        and head.pos_ in ("NOUN", "PROPN")
        and not (m.start <= head.idx < m.end)
        and head.idx not in trigger_idx
    ):
        return True
    node = root
    while node.head.i != node.i:
        if (
            node.dep_ in ("relcl", "acl")
            and node.head.idx not in trigger_idx  # "the dialogue, which will take place in April"
            and not any(t.idx in trigger_idx for t in node.subtree)
        ):
            return True
        node = node.head
    return False


def _syntactic_cost(parse, trig_start: int, trig_end: int, m: Mention) -> tuple[int, int]:
    trig = _token_at(parse, trig_start, trig_end)
    tok = _token_at(parse, m.start, m.end)
    if trig is None or tok is None or trig.sent != tok.sent:
        return (9, 99)
    trig_anc = [trig, *trig.ancestors]
    tok_anc = [tok, *tok.ancestors]
    common = next((a for a in tok_anc if a in trig_anc), None)
    if common is None:
        return (9, 99)
    # the date's side of the path counts; the trigger's side only when it climbs over a verb
    date_side = _verbs_between(tok, common)
    trig_side = _verbs_between(trig, common)
    path = tok_anc.index(common) + trig_anc.index(common)
    return (date_side + trig_side, path)


_EXPLICIT_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


class AttachDates:
    """Give each event the date of its sentence that belongs to it (see module docs)."""

    name = "event_dates"
    requires = ("events", "mentions.date")
    # the date, "historical" for an old one, and a flag for a planned event dated in the past
    assigns = ("events.date", "events.status", "events.flags")

    def __call__(self, doc: Document) -> Document:
        pub = doc.meta.date
        by_sentence: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            if m.kind == "date":
                by_sentence.setdefault(m.sentence_index, []).append(m)
        for event in doc.events:
            if pub is None:
                self.attach_absolute(doc, event, by_sentence)
            else:
                self.attach(doc, event, by_sentence, pub)
        return doc

    def attach_absolute(self, doc: Document, event: Event, by_sentence) -> None:
        """Without a publication date only dates that name their year can be resolved
        ("In 2011", "on March 3, 2019"); relative ones ("on Tuesday") stay unresolved."""
        explicit = [m for m in by_sentence.get(event.sentence_index, []) if _EXPLICIT_YEAR.search(m.text)]
        if not explicit:
            return
        tense = "future" if event.status == "future" else "past"
        choice = self._choose(doc, event, explicit, _NO_PUBLICATION, tense)
        if choice is not None:
            mention, dv = choice
            event.date, event.date_precision, event.date_text = dv.value, dv.precision, mention.text

    def attach(self, doc: Document, event: Event, by_sentence, pub: dt.date) -> None:
        tense = "future" if event.status == "future" else "past"
        choice = self._choose(doc, event, by_sentence.get(event.sentence_index, []), pub, tense)
        if choice is None and event.status == "future":
            choice = self._carry_over(doc, event, by_sentence, pub)
        if choice is None:
            event.date, event.date_precision, event.date_text = pub.isoformat(), "publication", None
            return
        mention, dv = choice
        event.date, event.date_precision, event.date_text = dv.value, dv.precision, mention.text
        if event.status in ("occurred", "ongoing") and dv.end < pub - dt.timedelta(
            days=HISTORICAL_DAYS
        ):
            event.status = "historical"
        if event.status == "future" and dv.end < pub:
            why = (
                f"{mention.text!r} resolves to {dv.value}, before the publication "
                f"date {pub.isoformat()}, yet the event is reported as expected or planned"
            )
            event.flags.append(Flag("date_inconsistency", mention.text, why).as_dict())

    def _choose(self, doc, event, mentions, pub, tense):
        scored = []
        if event.trigger:
            trig_start, trig_end = event.start, max(t.end for t in event.trigger)
        else:
            sent = doc.sentences[event.sentence_index] if event.sentence_index < len(doc.sentences) else None
            trig_start = trig_end = sent.start if sent else 0
        for m in mentions:
            if doc.parse is not None and event.trigger and _dates_something_else(doc.parse, m, event):
                continue
            dv = resolve_date(m.text, pub, tense=tense)
            if dv is None:
                continue
            mismatch = int(
                bool(_FORWARD.search(m.text)) if tense == "past" else bool(_BACKWARD.search(m.text))
            )
            if doc.parse is not None and event.trigger:
                t0 = event.trigger[0]
                syn = _syntactic_cost(doc.parse, t0.start, t0.end, m)
            else:
                syn = (0, 0)
            distance = min(abs(m.start - trig_end), abs(trig_start - m.end))
            scored.append(((mismatch, syn[0], syn[1], distance), m, dv))
        if not scored:
            return None
        scored.sort(key=lambda x: x[0])
        return scored[0][1], scored[0][2]

    def _carry_over(self, doc, event, by_sentence, pub):
        """A dateless future event takes the forward date of the body sentence just before it."""
        i = event.sentence_index - 1
        if i < 0 or i >= len(doc.sentences) or not doc.sentences[i].codable:
            return None
        for m in by_sentence.get(i, []):
            dv = resolve_date(m.text, pub, tense="future")
            if dv is not None and dv.start >= pub and not _BACKWARD.search(m.text):
                return m, dv
        return None
