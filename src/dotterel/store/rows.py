"""Turn a coded `Document` into the rows the store writes (plain column dicts).

This runs inside worker processes: what goes back to the parent is small,
picklable and ready for one bulk insert per table.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..document import Document, Failure
from ..fuse import codes, fuse_group

ROW_TABLES = ("documents", "events", "actors", "event_dyads")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def best_day(date: str | None, precision: str | None, publication: dt.date | None) -> dt.date | None:
    """The day an event is filed under in queries (docs/store.md).

    A date known to the day is that day; a month, year or range falls on the
    publication date when that lies inside it, else on its first day; an event
    dated only by publication (or not at all) falls on the publication date.
    """
    if date:
        start = date.split("/")[0]
        parts = start.split("-")
        try:
            y = int(parts[0])
            m = int(parts[1]) if len(parts) > 1 else None
            d = int(parts[2]) if len(parts) > 2 else None
            if m is not None and d is not None:
                return dt.date(y, m, d)
            if publication is not None and publication.isoformat().startswith(start):
                return publication
            return dt.date(y, m or 1, 1)
        except (ValueError, IndexError):
            pass
    return publication


def dyads(actor_codes: tuple[str, ...], recipient_codes: tuple[str, ...]) -> list[tuple[str, str]]:
    """Directed (source, target) pairs of one event.

    Every actor towards every recipient; a reciprocal event (several actors, no
    recipient, as PLOVER codes meetings and agreements) counts each ordered pair
    of actors both ways. An event with one actor and no recipient has no dyad.
    """
    if recipient_codes:
        return [(a, r) for a in actor_codes for r in recipient_codes if a != r]
    return [(a, b) for a in actor_codes for b in actor_codes if a != b]


def new_rows() -> dict[str, dict[str, list]]:
    from .schema import columns

    return {t: {c: [] for c in columns(t)} for t in ROW_TABLES}


def add_document(rows: dict[str, dict[str, list]], doc: Document, records: list[dict[str, Any]],
                 now: dt.datetime) -> None:
    """Append the rows of one document (and its records) to `rows`."""
    meta = doc.meta
    d = rows["documents"]
    d["doc_id"].append(doc.id)
    d["title"].append(meta.title)
    d["url"].append(meta.url)
    d["publisher"].append(meta.publisher)
    d["pub_date"].append(meta.date)
    d["language"].append(meta.language)
    d["source"].append(meta.source)
    d["n_chars"].append(len(doc.text))
    d["n_sentences"].append(len(doc.sentences))
    d["n_events"].append(len(records))
    d["flags"].append(_json(doc.flags))
    d["text"].append(doc.text)
    d["ingested_at"].append(now)
    e, a, y = rows["events"], rows["actors"], rows["event_dyads"]
    for r in records:
        actor_codes = codes(r["actor"])
        recipient_codes = codes(r["recipient"])
        loc = r.get("event_loc") or {}
        e["id"].append(r["id"])
        e["doc_id"].append(doc.id)
        e["sentence_index"].append(r["sentence_index"])
        e["event"].append(r["event"])
        e["mode"].append(r.get("mode"))
        e["context"].append(_json(r.get("context") or []))
        e["status"].append(r.get("status"))
        e["fuse_group"].append(fuse_group(r["event"], r.get("status"), actor_codes, recipient_codes))
        e["actor_codes"].append(";".join(actor_codes))
        e["recipient_codes"].append(";".join(recipient_codes))
        e["date"].append(r.get("date"))
        e["date_precision"].append(r.get("date_precision"))
        e["date_text"].append(r.get("date_text"))
        e["day"].append(best_day(r.get("date"), r.get("date_precision"), meta.date))
        e["loc_text"].append(loc.get("text"))
        e["loc_name"].append(loc.get("name"))
        e["loc_country"].append(loc.get("country_code"))
        e["lat"].append(loc.get("lat"))
        e["lon"].append(loc.get("lon"))
        e["geonameid"].append(loc.get("geonameid"))
        e["quad_code"].append(r.get("quad_code"))
        e["goldstein"].append(r.get("goldstein"))
        e["cameo_root"].append(r.get("cameo_root"))
        e["cameo_code"].append(r.get("cameo_code"))
        e["event_text"].append(r.get("event_text"))
        e["trigger_text"].append(" ".join(t["text"] for t in r.get("trigger") or []))
        e["confidence"].append(r.get("confidence"))
        e["n_reports"].append(max(1, len(r.get("mentions") or [])))
        e["publisher"].append(meta.publisher)
        e["publication_date"].append(meta.date)
        e["url"].append(meta.url)
        e["flags"].append(_json(r.get("flags") or []))
        e["record"].append(_json(r))
        for role in ("actor", "recipient"):
            for pos, ent in enumerate(r[role]):
                a["event_id"].append(r["id"])
                a["role"].append(role)
                a["position"].append(pos)
                a["text"].append(ent.get("text"))
                a["code"].append(ent.get("code"))
                a["sector"].append(ent.get("sector"))
                a["name"].append(ent.get("name"))
                a["kb_id"].append(ent.get("kb_id"))
                a["start_char"].append(ent.get("start"))
                a["end_char"].append(ent.get("end"))
        for src, tgt in dyads(actor_codes, recipient_codes):
            y["event_id"].append(r["id"])
            y["source"].append(src)
            y["target"].append(tgt)


def failure_row(f: Failure, now: dt.datetime) -> tuple:
    return (f.doc_id, f.source, f.reason, now)
