"""Turn coded events into output records (the contract in design.md).

A record is a plain JSON object; its JSON Schema is ``schema/event.schema.json``
and tests validate output against it. Field names are stable.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from . import __version__
from .document import Document, Event
from .ontology import crosswalk

CODER_NAME = "dotterel"


def event_id(doc_id: str, event: Event, *, with_parties: bool = False) -> str:
    """Stable id from content: document id, trigger offsets and type; with ``with_parties``,
    the actors' and recipients' spans and codes too (for the records of one trigger and type
    that differ only in their parties: `to_records`)."""
    offsets = ",".join(f"{t.start}-{t.end}" for t in event.trigger)
    key = f"{doc_id}|{event.sentence_index}|{offsets}|{event.event}"
    if with_parties:
        key += "|" + "|".join(
            ";".join(f"{e.start}-{e.end}:{e.code or ''}:{e.text}" for e in group)
            for group in (event.actor, event.recipient))
    return "ev-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def coder(config: dict[str, Any] | None = None) -> dict[str, str]:
    blob = json.dumps(config or {}, sort_keys=True, default=str)
    return {
        "name": CODER_NAME,
        "version": __version__,
        "config": hashlib.sha1(blob.encode()).hexdigest()[:12],
    }


def to_record(
    doc: Document, event: Event, *, coder_info: dict[str, str] | None = None, record_id: str | None = None,
) -> dict[str, Any]:
    try:
        xw = crosswalk(event.event, event.mode)
    except KeyError:  # a type of the user's own (a model from `dotterel train`): no CAMEO row
        xw = None
    sent = doc.sentences[event.sentence_index]
    return {
        "id": record_id or event_id(doc.id, event),
        "doc_id": doc.id,
        "sentence_index": event.sentence_index,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "status": event.status,
        "actor": [e.to_dict() for e in event.actor],
        "recipient": [e.to_dict() for e in event.recipient],
        "date": event.date,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "event_loc": event.event_loc.to_dict() if event.event_loc else None,
        "quad_code": xw.quad if xw else None,
        "goldstein": xw.goldstein if xw else None,
        "cameo_root": xw.cameo_root if xw else None,
        "cameo_code": xw.cameo if xw else None,
        "event_text": doc.text[sent.start : sent.end],
        "trigger": [{"text": t.text, "start": t.start, "end": t.end} for t in event.trigger],
        "confidence": round(float(event.confidence), 3),
        "mentions": [
            {"sentence_index": i, "text": doc.sentence_text(i)} for i in event.mentions
        ],
        "publication_date": doc.meta.date.isoformat() if doc.meta.date else None,
        "coder": coder_info or coder(),
        "flags": list(event.flags),
    }


def to_records(doc: Document, **kw: Any) -> list[dict[str, Any]]:
    """The document's records, each with an id of its own: events of one trigger and type
    ("bilateral meetings with Japan, Australia and the United States": one per partner) take
    their parties into the id, where the store would otherwise keep only the first of them."""
    ids = [event_id(doc.id, e) for e in doc.events]
    shared = {i for i, n in Counter(ids).items() if n > 1}
    return [to_record(doc, e, record_id=event_id(doc.id, e, with_parties=True) if i in shared else i, **kw)
            for e, i in zip(doc.events, ids)]


@cache
def schema() -> dict[str, Any]:
    path = resources.files("dotterel") / "schema" / "event.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def validate(record: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when a record breaks the contract."""
    import jsonschema

    jsonschema.validate(record, schema())
