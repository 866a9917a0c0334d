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

The rules are functions here; their patterns and the words they read are the
language's (lang/<code>/time.toml: `date_rules` compiles them once per language),
and the stages use the document's language (`Meta.language`).

Rules applied by `AttachDates` (documented here because records depend on them):

- An event with no date in its sentence takes the publication date with
  precision ``"publication"`` and ``date_text = None``. Exception: a *future*
  event with no date of its own takes the forward-looking date of the body
  sentence just before it (no heading in between): "The meeting ... on Tuesday
  ... / Modi is on his way to Tokyo ... and will later hold meetings".
- Historical: an event whose status is ``occurred`` or ``ongoing`` and whose
  dated period ended more than `HISTORICAL_DAYS` (365) days before publication
  gets status ``historical`` (``AttachDates(historical_days=...)`` changes it).
- Date inconsistency: an event reported as expected/planned (status
  ``future``) whose resolved period ends before the publication date gets a
  flag ``{"kind": "date_inconsistency", "text", "why"}``.
- Without a publication date, events keep ``date = None``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

from . import lang
from .document import Document, Event, Flag, Mention
from .lang import LanguageError, Table, Words
from .nlp import token_at

__all__ = [
    "DateRules",
    "DateValue",
    "date_rules",
    "resolve_date",
    "DateMentions",
    "AttachDates",
    "HISTORICAL_DAYS",
    "RECENT_DAYS",
]

Tense = Literal["past", "future", "present"]

#: an occurred/ongoing event dated to a period that ended more than this many
#: days before publication is ``historical`` ("more than about a year": corpus/GUIDE.md and
#: news_dev's protocol; the seed article's gold also marks two-month-old background historical)
HISTORICAL_DAYS = 365
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


def _num(word: str, w: Table) -> int:
    word = word.strip()
    if word.isdigit():
        return int(word)
    return w.numbers[word]


def _norm(text: str) -> str:
    s = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = re.sub(r"'s\b", "", s)  # "Tuesday's meeting"
    s = re.sub(r"[,;:]+\s*$", "", s)
    s = re.sub(r"\s+", " ", s).strip(" .,'\"")
    return s


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


# --------------------------------------------------------------------------- rules

# A rule reads one date expression: ``rule(match, publication, tense, words) -> DateValue | None``,
# ``words`` being the language's [time] table. Its pattern is the language's (lang/<code>/time.toml,
# [time.rules], by the rule's name); the rules are tried in the order they are written here.
Rule = Callable[[re.Match[str], dt.date, str, Table], "DateValue | None"]
_RULES: dict[str, Rule] = {}


def _rule(fn: Rule) -> Rule:
    _RULES[fn.__name__.lstrip("_")] = fn
    return fn


@_rule
def _today(m, pub, tense, w):
    return _day(pub)


@_rule
def _day_before(m, pub, tense, w):
    return _day(pub - dt.timedelta(days=2))


@_rule
def _yesterday(m, pub, tense, w):
    return _day(pub - dt.timedelta(days=1))


@_rule
def _day_after(m, pub, tense, w):
    return _day(pub + dt.timedelta(days=2))


@_rule
def _tomorrow(m, pub, tense, w):
    return _day(pub + dt.timedelta(days=1))


@_rule
def _recently(m, pub, tense, w):
    unit = m.group("unit")
    days = {None: RECENT_DAYS, "day": 7, "week": RECENT_DAYS, "month": 90, "year": 730}[
        w.units[unit] if unit else None
    ]
    return _range(pub - dt.timedelta(days=days), pub)


@_rule
def _ago(m, pub, tense, w):
    n, unit = _num(m.group("num"), w), w.units[m.group("unit")]
    d = _shift(pub, -n, unit)
    return _point(d, unit)


@_rule
def _from_now(m, pub, tense, w):
    n, unit = _num(m.group("num"), w), w.units[m.group("unit")]
    return _point(_shift(pub, n, unit), unit)


# "in two weeks" is a date only when the event lies ahead ("completed in two years" is a duration)
@_rule
def _in_n(m, pub, tense, w):
    if tense != "future":
        return None
    n, unit = _num(m.group("num"), w), w.units[m.group("unit")]
    return _point(_shift(pub, n, unit), unit)


# "the weekend", "over the weekend": the coming one for future events, else the last one
@_rule
def _the_weekend(m, pub, tense, w):
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
@_rule
def _span(m, pub, tense, w):
    direction = m.group("dir")
    unit = w.units[m.group("unit")]
    num = m.group("num")
    forward = w.directions[direction] > 0
    if num is None and not m.group("plural"):
        # a calendar unit: "last week", "next month", "next year"
        step = 1 if forward else -1
        if direction in w.rolling:  # "the past week" = the last 7 days
            return _range(_shift(pub, -1, unit), pub)
        return _calendar_unit(pub, unit, step)
    n = _num(num, w) if num else 3  # "the coming years": a few
    if forward:
        return _range(pub, _shift(pub, n, unit))
    return _range(_shift(pub, -n, unit), pub)


@_rule
def _this_unit(m, pub, tense, w):
    unit = w.units[m.group("unit")]
    if unit == "weekend":
        sat = _monday(pub) + dt.timedelta(days=5)
        return _range(sat, sat + dt.timedelta(days=1))
    return _calendar_unit(pub, unit, 0)


@_rule
def _weekend(m, pub, tense, w):
    step = 1 if w.directions[m.group("dir")] > 0 else -1
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


@_rule
def _earlier_this(m, pub, tense, w):
    dv = _calendar_unit(pub, w.units[m.group("unit")], 0)
    side = w.within.get(m.group("when"), 0)  # "earlier this month": before publication
    if side < 0:
        return _clip(dv, end=pub)
    if side > 0:
        return _clip(dv, start=pub)
    return dv


# weekdays: direction by tense ("will meet on Tuesday" forward, "met on Tuesday" back)
@_rule
def _weekday(m, pub, tense, w):
    wd = w.weekdays[m.group("weekday")]
    direction = m.group("dir")
    ahead = (wd - pub.weekday()) % 7
    behind = (pub.weekday() - wd) % 7
    step = w.directions[direction] if direction else None
    if step is not None and step > 0:
        return _day(pub + dt.timedelta(days=ahead or 7))
    if step is not None and step < 0:
        return _day(pub - dt.timedelta(days=behind or 7))
    if step == 0:  # "this Tuesday": this week's
        return _day(_monday(pub) + dt.timedelta(days=wd))
    if tense == "future":
        return _day(pub + dt.timedelta(days=ahead))
    if tense == "past":
        return _day(pub - dt.timedelta(days=behind))
    return _day(pub + dt.timedelta(days=ahead) if ahead <= behind else pub - dt.timedelta(days=behind))


# "March this year", "in April last year", "early March next year"
@_rule
def _month_rel_year(m, pub, tense, w):
    return _month(pub.year + w.directions[m.group("rel")], w.months[m.group("month")])


# "last March", "next April", "this June"
@_rule
def _rel_month(m, pub, tense, w):
    month = w.months[m.group("month")]
    step = w.directions[m.group("rel")]
    if step == 0:
        return _month(pub.year, month)
    if step > 0:
        return _month(pub.year if month > pub.month else pub.year + 1, month)
    return _month(pub.year if month < pub.month else pub.year - 1, month)


# "April", "early March": the year depends on tense
@_rule
def _bare_month(m, pub, tense, w):
    month = w.months[m.group("month")]
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
@_rule
def _month_day(m, pub, tense, w):
    return _explicit_day(m, pub, tense, w)


# "24 May", "24 May 2022", "the 3rd of May"
@_rule
def _day_month(m, pub, tense, w):
    return _explicit_day(m, pub, tense, w)


def _explicit_day(m, pub, tense, w):
    month, day = w.months[m.group("month")], int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else _year_for(pub, month, day, tense)
    d = _safe_date(year, month, day)
    return _day(d) if d else None


# "on the 14th": a day of the publication month, or of the month before/after by tense
@_rule
def _ordinal_day(m, pub, tense, w):
    day = int(m.group("day"))
    step = 1 if tense == "future" and day < pub.day else -1 if tense == "past" and day > pub.day else 0
    first = _add_months(pub.replace(day=1), step)
    d = _safe_date(first.year, first.month, day)
    return _day(d) if d else None


@_rule
def _iso(m, pub, tense, w):
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _day(d) if d else None


# "March 2021", "early March 2021"
@_rule
def _month_year(m, pub, tense, w):
    return _month(int(m.group("year")), w.months[m.group("month")])


# "2020", "early 2021", "the end of 2019"
@_rule
def _bare_year(m, pub, tense, w):
    return _year(int(m.group("year")))


# "the 1990s", "the 2010s"
@_rule
def _decade(m, pub, tense, w):
    start = int(m.group("decade"))
    return _range(dt.date(start, 1, 1), dt.date(start + 9, 12, 31))


# "2018-2020", "between 2018 and 2020", "from 2018 to 2020"
@_rule
def _year_range(m, pub, tense, w):
    a, b = int(m.group("a")), m.group("b")
    bi = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    if bi < a:
        return None
    return _range(dt.date(a, 1, 1), dt.date(bi, 12, 31))


# "the first quarter of 2022", "Q1 2022"
@_rule
def _quarter(m, pub, tense, w):
    q = m.group("qn")
    q = int(q) if q else w.quarters[m.group("q")]
    year = int(m.group("year"))
    start = dt.date(year, 3 * q - 2, 1)
    return _range(start, dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1]))


# --------------------------------------------------------------------------- a language's rules


@dataclass(frozen=True, slots=True, eq=False)
class DateRules:
    """The date rules of one language: the patterns of lang/<code>/time.toml compiled, with
    the [time] table the rules read (`date_rules` builds them once per language)."""

    words: Table
    rules: tuple[tuple[re.Pattern[str], Rule], ...]  # in the order of `_RULES`
    lead: re.Pattern[str]  # words before an expression ("on", "as early as")
    not_a_date: re.Pattern[str]  # "2 + 2", "63 years old"
    duration: re.Pattern[str]  # a bare duration ("two years")
    date_word: re.Pattern[str]  # a digit, a month or a weekday: worth asking dateparser
    extra: re.Pattern[str]  # expressions spaCy's small model misses
    future_cues: re.Pattern[str]  # a sentence about the future
    forward: re.Pattern[str]  # a date text that looks forward ...
    backward: re.Pattern[str]  # ... or back


@cache
def date_rules(words: Words) -> DateRules:
    """The date rules of a language (`dotterel.lang.words`), compiled once."""
    w = words.time
    pattern = _Patterns(w)
    missing = [name for name in w.rules if name not in _RULES]
    if missing:
        raise LanguageError(None, f"lang/{words.code}: [time.rules] names no rule of time.py: {missing}")
    return DateRules(
        w, tuple((pattern(w.rules[name]), fn) for name, fn in _RULES.items() if name in w.rules),
        *(pattern(w.patterns[name]) for name in ("lead", "not_a_date", "duration")),
        re.compile(rf"\d|(?:{_alternatives(w.months)})\.?\b|(?:{_alternatives(w.weekdays)})"),
        *(pattern(w.patterns[name]) for name in ("extra", "future_cues", "forward", "backward")),
    )  # fmt: skip


class _Patterns:
    """Compiles a language's patterns, filling in the building blocks ({month}, {unit} ...)."""

    def __init__(self, w: Table):
        self.blocks = {name: w.patterns[name] for name in ("daypart", "ord", "unit", "mod")}
        self.blocks["month"] = rf"(?P<month>{_alternatives(w.months)})\.?"
        self.blocks["weekday"] = f"(?P<weekday>{_alternatives(w.weekdays)})"
        self.blocks["num"] = rf"(?P<num>\d+|{_alternatives(w.numbers)})"

    def __call__(self, text: str) -> re.Pattern[str]:
        return re.compile(re.sub(r"\{([a-z_]+)\}", self._block, text))

    def _block(self, m: re.Match[str]) -> str:
        try:
            return self.blocks[m.group(1)]
        except KeyError:
            raise LanguageError(None, f"[time.patterns]: no building block {m.group(0)}") from None


def _alternatives(names: Iterable[str]) -> str:
    """The names as alternatives of a regular expression, the longest first."""
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


# --------------------------------------------------------------------------- dateparser fallback


@lru_cache(maxsize=32)
def _dateparser(pub: dt.date, tense: str, languages: tuple[str, ...]):
    from dateparser.date import DateDataParser

    prefer = {"future": "future", "past": "past"}.get(tense, "current_period")
    return DateDataParser(
        languages=list(languages),
        settings={
            "RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day),
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": False,
            # no run of digits is a date in news: dateparser reads one as a Unix timestamp in
            # the machine's time zone ("on 1710111600" was 10 or 11 March 2024 by where the
            # coder ran) or, without it, as digits run together (16 November 1710)
            "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
        },
    )


def _fallback(s: str, pub: dt.date, tense: str, rules: DateRules) -> DateValue | None:
    if not rules.date_word.search(s):
        return None
    data = _dateparser(pub, tense, tuple(sorted(rules.words.dateparser_languages))).get_date_data(s)
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
    text: str, publication: dt.date, *, tense: Tense | str = "past", language: str = "en"
) -> DateValue | None:
    """Resolve one date expression against the publication date, with the date rules of
    `language` (lang/<code>/time.toml).

    >>> resolve_date("on Tuesday", dt.date(2022, 5, 23), tense="future").value
    '2022-05-24'
    >>> resolve_date("in April this year", dt.date(2022, 5, 23)).value
    '2022-04'

    Returns None for text that is not an event date ("2 + 2", "63 years old",
    "two years" as a bare duration, "annual").
    """
    return _resolve(text, publication, tense, date_rules(lang.words(language)))


def _resolve(text: str, publication: dt.date, tense: str, rules: DateRules) -> DateValue | None:
    if isinstance(publication, dt.datetime):
        publication = publication.date()
    if tense not in ("past", "future", "present"):
        tense = "past"
    return _resolve_cached(text, publication, tense, rules)


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, pub: dt.date, tense: str, rules: DateRules) -> DateValue | None:
    s = _norm(text)
    if not s or rules.not_a_date.search(s):
        return None
    stripped = rules.lead.sub("", s)
    for candidate in dict.fromkeys((s, stripped)):
        for pattern, fn in rules.rules:
            m = pattern.match(candidate)
            if m:
                return fn(m, pub, tense, rules.words)
    # bare durations ("two years", "five days") are not event dates
    if rules.duration.fullmatch(stripped):
        return None
    if re.fullmatch(r"\d{1,3}", stripped):  # "22" is not a date
        return None
    return _fallback(stripped, pub, tense, rules)


# --------------------------------------------------------------------------- stages


def _sentence_tense(text: str, rules: DateRules) -> str:
    return "future" if rules.future_cues.search(text) else "past"


_NO_PUBLICATION = dt.date(2000, 1, 3)


class DateMentions:
    """Date expressions in body sentences, as `Mention(kind="date")`.

    ``data`` holds the resolution read with the sentence's tense (``value``,
    ``precision``, ``start``, ``end``, ``tense``); `AttachDates` re-reads it
    with the tense of each event. The rules are the document's language's.
    """

    name = "dates"
    requires = ("parse", "sentences")
    assigns = ("mentions.date",)

    def __call__(self, doc: Document) -> Document:
        pub = doc.meta.date
        rules = date_rules(lang.for_document(doc))
        spans: list[tuple[int, int]] = []
        if doc.parse is not None:
            spans.extend((e.start_char, e.end_char) for e in doc.parse.ents if e.label_ == "DATE")
        spans.extend((m.start(), m.end()) for m in rules.extra.finditer(doc.text))
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
            tense = _sentence_tense(doc.sentence_text(sent.index), rules)
            data: dict[str, Any] = {"tense": tense}
            # without a publication date, only check that the text is a date at all
            dv = _resolve(text, pub or _NO_PUBLICATION, tense, rules)
            if dv is None:
                continue  # "2 + 2", ages, bare durations
            if pub is not None:
                data.update(dv.to_dict())
            doc.mentions.append(Mention(s, e, text, "date", sent.index, data=data))
        return doc


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
    root = token_at(parse, m.start, m.end)
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
    trig = token_at(parse, trig_start, trig_end)
    tok = token_at(parse, m.start, m.end)
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

    def __init__(self, historical_days: int = HISTORICAL_DAYS):
        self.historical_days = historical_days

    def __call__(self, doc: Document) -> Document:
        pub = doc.meta.date
        rules = date_rules(lang.for_document(doc))
        by_sentence: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            if m.kind == "date":
                by_sentence.setdefault(m.sentence_index, []).append(m)
        for event in doc.events:
            if pub is None:
                self.attach_absolute(doc, event, by_sentence, rules)
            else:
                self.attach(doc, event, by_sentence, pub, rules)
        return doc

    def attach_absolute(self, doc: Document, event: Event, by_sentence, rules: DateRules) -> None:
        """Without a publication date only dates that name their year can be resolved
        ("In 2011", "on March 3, 2019"); relative ones ("on Tuesday") stay unresolved."""
        explicit = [m for m in by_sentence.get(event.sentence_index, []) if _EXPLICIT_YEAR.search(m.text)]
        if not explicit:
            return
        tense = "future" if event.status == "future" else "past"
        choice = self._choose(doc, event, explicit, _NO_PUBLICATION, tense, rules)
        if choice is not None:
            mention, dv = choice
            event.date, event.date_precision, event.date_text = dv.value, dv.precision, mention.text

    def attach(self, doc: Document, event: Event, by_sentence, pub: dt.date, rules: DateRules) -> None:
        tense = "future" if event.status == "future" else "past"
        choice = self._choose(doc, event, by_sentence.get(event.sentence_index, []), pub, tense, rules)
        if choice is None and event.status == "future":
            choice = self._carry_over(doc, event, by_sentence, pub, rules)
        if choice is None:
            event.date, event.date_precision, event.date_text = pub.isoformat(), "publication", None
            return
        mention, dv = choice
        event.date, event.date_precision, event.date_text = dv.value, dv.precision, mention.text
        if event.status in ("occurred", "ongoing") and dv.end < pub - dt.timedelta(days=self.historical_days):
            event.status = "historical"
        if event.status == "future" and dv.end < pub:
            why = (
                f"{mention.text!r} resolves to {dv.value}, before the publication "
                f"date {pub.isoformat()}, yet the event is reported as expected or planned"
            )
            event.flags.append(Flag("date_inconsistency", mention.text, why).as_dict())

    def _choose(self, doc, event, mentions, pub, tense, rules: DateRules):
        scored = []
        if event.trigger:
            trig_start, trig_end = event.start, max(t.end for t in event.trigger)
        else:
            sent = doc.sentences[event.sentence_index] if event.sentence_index < len(doc.sentences) else None
            trig_start = trig_end = sent.start if sent else 0
        for m in mentions:
            if doc.parse is not None and event.trigger and _dates_something_else(doc.parse, m, event):
                continue
            dv = _resolve(m.text, pub, tense, rules)
            if dv is None:
                continue
            mismatch = int(
                bool(rules.forward.search(m.text)) if tense == "past" else bool(rules.backward.search(m.text))
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

    def _carry_over(self, doc, event, by_sentence, pub, rules: DateRules):
        """A dateless future event takes the forward date of the body sentence just before it."""
        i = event.sentence_index - 1
        if i < 0 or i >= len(doc.sentences) or not doc.sentences[i].codable:
            return None
        for m in by_sentence.get(i, []):
            dv = _resolve(m.text, pub, "future", rules)
            if dv is not None and dv.start >= pub and not rules.backward.search(m.text):
                return m, dv
        return None
