"""The data model: one `Document` owns the text and every annotation on it.

Sentences, mentions, triggers and events point back into `Document.text` by
character offsets (``start`` inclusive, ``end`` exclusive), the way spaCy's
``Span`` points into a ``Doc``. Nothing here copies text that can be sliced
from the document, except `text` fields kept on records for convenience.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SentenceKind = Literal["body", "heading", "boilerplate", "caption", "title", "dateline"]
Status = Literal["occurred", "ongoing", "future", "hypothetical", "negated", "historical"]
DatePrecision = Literal["day", "month", "year", "range", "publication"]


def publication_date(value: object) -> dt.date | None:
    """A publication date as the API takes it: a `date`, a `datetime` (its day), an ISO date
    or a timestamp that starts with one ("2024-02-01", "2024-02-01T10:00:00Z"), or None. Anything
    else is `InputError` E106: a date of the wrong kind would date no event, without a word."""
    from .errors import InputError

    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    why = ""
    m = _ISO_DATE.match(value) if isinstance(value, str) else None
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as exc:
            why = f" ({exc})"  # "day is out of range for month"
    raise InputError("E106", f"bad date {value!r}{why}; expected a date or YYYY-MM-DD")


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d-])")  # then the end, or a time


def content_id(text: str, prefix: str = "doc") -> str:
    """A stable id derived from content: the same text always gets the same id."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return f"{prefix}-{digest}"


@dataclass(slots=True)
class Meta:
    """Publication metadata of a document."""

    id: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    language: str = "en"
    source: str | None = None  # where it was read from (path, feed url, "-")

    def __post_init__(self) -> None:
        self.date = publication_date(self.date)  # "2024-02-01", a datetime: a date; else E106


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    kind: SentenceKind = "body"

    @property
    def codable(self) -> bool:
        """Only body sentences may produce events."""
        return self.kind == "body"


FlagKind = Literal["name_variant", "role_mismatch", "date_inconsistency", "inferred_country", "inferred_party",
                   "dateline_location", "article_location"]
FLAG_KINDS: tuple[str, ...] = (
    "name_variant", "role_mismatch", "date_inconsistency", "inferred_country", "inferred_party",
    "dateline_location", "article_location",
)


@dataclass(slots=True)
class Flag:
    """A finding of a consistency check: what (``kind``), on which words (``text``), why.

    Flags are stored on documents, mentions and events, and written to records, as the
    plain objects `as_dict` gives, so the JSON of a record is the same whether a flag
    was built through this type or not: ``{"kind", "text", ["start", "end",
    "sentence_index"], ...detail, "why"}``. ``detail`` holds the kind's own fields in
    order (``entity``, ``kb_id``, ``score`` for a name variant; ``code`` for an
    inferred country).
    """

    kind: FlagKind
    text: str
    why: str
    start: int | None = None
    end: int | None = None
    sentence_index: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in FLAG_KINDS:
            raise ValueError(f"unknown flag kind {self.kind!r}; known: {', '.join(FLAG_KINDS)}")

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        for key in ("start", "end", "sentence_index"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out.update(self.detail)
        out["why"] = self.why
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Flag:
        known = {"kind", "text", "why", "start", "end", "sentence_index"}
        return cls(
            d["kind"], d.get("text", ""), d.get("why", ""), d.get("start"), d.get("end"), d.get("sentence_index"),
            {k: v for k, v in d.items() if k not in known},
        )  # fmt: skip


@dataclass(slots=True)
class Entity:
    """An actor as it appears on a record (PLOVER actor object)."""

    text: str
    code: str | None = None  # ISO 3166 alpha-3 or IGO code
    sector: str | None = None  # PLOVER sector (GOV, MIL, ...)
    name: str | None = None  # canonical name from the knowledge base
    kb_id: str | None = None  # Wikidata QID where known
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Mention:
    """A span of the text that names something: an actor, a place or a date."""

    start: int
    end: int
    text: str
    kind: Literal["actor", "place", "date"]
    sentence_index: int
    entity: Entity | None = None  # for actors
    members: list[str] = field(default_factory=list)  # member codes for groupings (Quad, G7)
    flags: list[dict[str, Any]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # kind-specific resolution (place, date)


@dataclass(slots=True)
class Location:
    """PLOVER's location object."""

    text: str
    name: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    precision: str | None = None  # city | admin1 | country | region

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Trigger:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    """One coded event, anchored to the sentence that reports it."""

    event: str  # PLOVER type
    sentence_index: int
    trigger: list[Trigger]
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    status: Status = "occurred"
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    event_loc: Location | None = None
    confidence: float = 0.5
    flags: list[dict[str, Any]] = field(default_factory=list)
    # filled by the fusion stage: other sentences reporting the same event
    mentions: list[int] = field(default_factory=list)
    # what the rules saw (lexicon row, rule type, status before any re-typing): the
    # hand-off to the learned classifier (see docs/classifier.md); never written to records
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def start(self) -> int:
        return min(t.start for t in self.trigger)


@dataclass(slots=True)
class Failure:
    doc_id: str
    reason: str
    source: str | None = None


def repeated_id(doc: "Document", first_at: str | None, outcome: str) -> Failure:
    """The failure (E113) of a document whose id came earlier, at `first_at`, with another
    text: two articles under one id could not be told apart. `outcome` says what was not done
    ("not stored", "not coded"). Shared by `Store.ingest` and `extract`."""
    shown = doc.id if len(doc.id) <= 60 else doc.id[:59] + "…"
    return Failure(content_id(doc.text, prefix="dup"),
                   f"id {shown!r} repeats with a different text (first at {first_at}); "
                   f"{outcome}: give each document its own id (E113)", doc.meta.source)


@dataclass(slots=True, eq=False)
class Document:
    """A news article and everything dotterel finds in it.

    Stages add to `sentences`, `mentions`, `events` and `flags`; the spaCy parse
    lives in `parse` (never serialised: it is rebuilt from the text when needed).
    """

    text: str
    meta: Meta
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    parse: Any = None  # spacy.tokens.Doc over `text`
    user_data: dict[str, Any] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)  # names of stages already run

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        id: str | None = None,
        date: dt.date | str | None = None,
        **meta: Any,
    ) -> Document:
        from .errors import InputError

        if not isinstance(text, str):
            raise InputError("E104", f"the text must be a string, not {type(text).__name__}")
        return cls(text=text, meta=Meta(id=id or content_id(text), date=publication_date(date), **meta))

    @property
    def id(self) -> str:
        return self.meta.id

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def sentence_at(self, offset: int) -> Sentence | None:
        # sentences are in text order: the candidate is the last one starting at or before offset
        i = bisect.bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        for s in self.sentences:  # between sentences (or sentences out of order): look at all
            if s.start <= offset < s.end:
                return s
        return None

    def mentions_of(self, kind: str, sentence_index: int | None = None) -> list[Mention]:
        return [
            m
            for m in self.mentions
            if m.kind == kind and (sentence_index is None or m.sentence_index == sentence_index)
        ]

    def without_parse(self) -> Document:
        """Drop the spaCy parse (e.g. before sending the document to another process)."""
        self.parse = None
        return self
