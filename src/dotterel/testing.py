"""Checking a stage against the stage contract, in the spirit of scikit-learn's
``check_estimator``.

    >>> from dotterel.testing import check_stage
    >>> written = check_stage(MyStage(), doc)      # doctest: +SKIP

A stage declares ``name``, ``requires`` and ``assigns`` and returns the `Document` it
was given. `check_stage` runs the stage on a document that already holds what the
stage requires, compares the document before and after, and raises `PipelineError`
(E006) when the stage wrote a field it did not declare in ``assigns`` (E001: a missing
declaration, E005: no Document returned). It returns the fields the stage wrote.

The fields of a document, as stages name them::

    text, meta                 the input (no stage should write them)
    parse, sentences           the spaCy parse, the sentences with their kinds
    mentions.<kind>            mentions of one kind: mentions.actor, mentions.place, mentions.date
    flags                      the document's flags (role mismatches ...)
    user_data                  free space for a user's own stages
    events                     the event list itself, and each event's type, mode, context,
                               trigger, confidence and evidence
    events.date                date, date_precision, date_text
    events.status              status (e.g. "historical", set when the date is old)
    events.location            event_loc
    events.actors              the actor and recipient entities
    events.flags               each event's flags
    events.mentions            the sentences that report the same event

Declaring a name covers every field under it (``events`` covers ``events.date``;
``mentions`` would cover every kind). Two names of shipped stages stand for several
fields (`COVERS`): ``events.actor_countries`` (actors' inferred countries and the
flags that say so) and ``events.fused`` (fusion rewrites the event list).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from .document import Document, Event
from .errors import PipelineError

__all__ = ["check_stage", "fields_written", "covered", "COVERS", "FIELDS"]

FIELDS = (
    "text", "meta", "parse", "sentences", "mentions.actor", "mentions.place", "mentions.date", "flags",
    "user_data", "events", "events.date", "events.status", "events.location", "events.actors",
    "events.flags", "events.mentions",
)  # fmt: skip

#: declared names that stand for more than their own field
COVERS: dict[str, tuple[str, ...]] = {
    "events.actor_countries": ("events.actors", "events.flags"),
    "events.fused": ("events",),
}

# which document field each attribute of an Event belongs to (others: "events")
_EVENT_FIELDS = {
    "date": "events.date",
    "date_precision": "events.date",
    "date_text": "events.date",
    "status": "events.status",
    "event_loc": "events.location",
    "actor": "events.actors",
    "recipient": "events.actors",
    "flags": "events.flags",
    "mentions": "events.mentions",
}


def covered(field: str, assigns: Iterable[str]) -> bool:
    """Whether declaring `assigns` allows writing `field`."""
    for name in assigns:
        for target in (name, *COVERS.get(name, ())):
            if field == target or field.startswith(target + "."):
                return True
    return False


def _freeze(value: Any) -> Any:
    """A comparable copy of a value: dataclasses, lists and dicts become tuples; other
    objects (a spaCy token in a stage's private data) are compared by repr."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple(_freeze(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze(v)) for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(v) for v in value))
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _snapshot(doc: Document) -> dict[str, Any]:
    mentions: dict[str, list[Any]] = {}
    for m in doc.mentions:
        mentions.setdefault(f"mentions.{m.kind}", []).append(_freeze(m))
    return {
        "text": doc.text,
        "meta": _freeze(doc.meta),
        "parse": id(doc.parse) if doc.parse is not None else None,
        "sentences": _freeze(doc.sentences),
        "mentions": mentions,
        "flags": _freeze(doc.flags),
        "user_data": _freeze(doc.user_data),
        "events": [_event_parts(e) for e in doc.events],
    }


def _event_parts(event: Event) -> dict[str, Any]:
    parts: dict[str, list[Any]] = {}
    for f in dataclasses.fields(event):
        parts.setdefault(_EVENT_FIELDS.get(f.name, "events"), []).append(_freeze(getattr(event, f.name)))
    return parts


def fields_written(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """The document fields that differ between two snapshots (see the module docs)."""
    out = {k for k in ("text", "meta", "parse", "sentences", "flags", "user_data") if before[k] != after[k]}
    for kind in set(before["mentions"]) | set(after["mentions"]):
        if before["mentions"].get(kind) != after["mentions"].get(kind):
            out.add(kind)
    b, a = before["events"], after["events"]
    if len(b) != len(a):
        out.add("events")
    else:
        for eb, ea in zip(b, a):
            out.update(k for k in set(eb) | set(ea) if eb.get(k) != ea.get(k))
    return out


def check_stage(stage: Any, doc: Document) -> set[str]:
    """Run `stage` on `doc` and fail (PipelineError) if it breaks the stage contract:
    a missing or malformed declaration, a result that is not a Document, or a write to a
    field its ``assigns`` does not cover. Returns the fields it wrote.

    `doc` must already hold what the stage requires (run the earlier stages first) and
    should give the stage something to do: a check on a document the stage leaves
    alone proves nothing about its writes.
    """
    name = getattr(stage, "name", type(stage).__name__)
    for attr in ("name", "requires", "assigns"):
        if not hasattr(stage, attr):
            raise PipelineError("E001", f"stage {name!r} does not declare `{attr}`")
    for attr in ("requires", "assigns"):
        value = getattr(stage, attr)
        if isinstance(value, str) or not all(isinstance(v, str) for v in value):
            raise PipelineError("E001", f"stage {name!r}: `{attr}` must be a list of field names, not {value!r}")
    before = _snapshot(doc)
    result = stage(doc)
    if not isinstance(result, Document):
        raise PipelineError(
            "E005", f"stage {name!r} returned {type(result).__name__}, not a Document; "
            "maybe you forgot to return the processed Document?",
        )  # fmt: skip
    written = fields_written(before, _snapshot(result))
    undeclared = sorted(f for f in written if not covered(f, stage.assigns))
    if undeclared:
        raise PipelineError(
            "E006",
            f"stage {name!r} wrote {undeclared} but declares assigns={list(stage.assigns)}; "
            "add them to `assigns` (see dotterel.testing for the field names)",
        )
    return written
