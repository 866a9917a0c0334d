"""Cross-document fusion inside the store (the rule itself lives in dotterel.fuse).

Fused events are derived data: for every fusion group that has a record not yet
fused (new documents, or a run killed between writing and fusing), all records
of the group are clustered again and the group's fused rows replaced, in one
transaction. The result depends only on the stored records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ..fuse import Report, cluster

_PRECISION_RANK = {"day": 5, "range": 4, "month": 3, "year": 2, "publication": 1, None: 0}


def fused_row(fid: str, ms: list[dict[str, Any]]) -> dict[str, Any]:
    """The summary of one fused event from its member reports (sorts ``ms`` in place).

    The id breaks ties (two reports of one sentence), so the representative never depends
    on the order the rows come in (workers, resume, backend, Spark partitions)."""
    ms.sort(key=lambda r: (r["publication_date"] is None, r["publication_date"] or dt.date.min,
                           r["doc_id"], r["sentence_index"], r["id"]))
    rep = ms[0]
    best = max(enumerate(ms), key=lambda p: (_PRECISION_RANK.get(p[1]["date_precision"], 0), -p[0]))[1]
    placed = next((r for r in ms if r["loc_country"]), rep)
    pubs = [r["publication_date"] for r in ms if r["publication_date"] is not None]
    return {
        "fused_id": fid,
        "fuse_group": rep["fuse_group"],
        "rep_event_id": rep["id"],
        "event": rep["event"],
        "mode": rep["mode"],
        "status": rep["status"],
        "actor_codes": rep["actor_codes"],
        "recipient_codes": rep["recipient_codes"],
        "date": best["date"],
        "date_precision": best["date_precision"],
        "day": best["day"],
        "loc_country": placed["loc_country"],
        "loc_name": placed["loc_name"],
        "quad_code": rep["quad_code"],
        "goldstein": rep["goldstein"],
        "cameo_root": rep["cameo_root"],
        "cameo_code": rep["cameo_code"],
        "event_text": rep["event_text"],
        "confidence": max((r["confidence"] or 0.0) for r in ms),
        "n_mentions": sum(int(r["n_reports"] or 1) for r in ms),
        "n_articles": len({r["doc_id"] for r in ms}),
        "n_sources": len({r["publisher"] or f"doc:{r['doc_id']}" for r in ms}),
        "first_report": min(pubs) if pubs else None,
        "last_report": max(pubs) if pubs else None,
    }

#: what fusion reads of each stored record (also the Spark job's selection)
REPORT_COLUMNS = (
    "id", "fuse_group", "date", "date_precision", "publication_date", "loc_country", "doc_id",
    "sentence_index", "publisher", "n_reports", "event", "mode", "status", "actor_codes",
    "recipient_codes", "day", "loc_name", "quad_code", "goldstein", "cameo_root", "cameo_code",
    "event_text", "confidence",
)  # fmt: skip


def refuse(backend: Any, *, everything: bool = False) -> int:
    with backend.transaction():
        backend.execute("DELETE FROM fuse_touched")
        if everything:
            backend.execute("INSERT INTO fuse_touched SELECT DISTINCT fuse_group FROM events")
        else:
            backend.execute(
                "INSERT INTO fuse_touched SELECT DISTINCT fuse_group FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM fused_mentions m WHERE m.event_id = e.id)"
            )
        rows = backend.query(
            f"SELECT {', '.join(REPORT_COLUMNS)} FROM events "
            "WHERE fuse_group IN (SELECT fuse_group FROM fuse_touched)"
        )
        if not rows:
            return 0
        recs = [dict(zip(REPORT_COLUMNS, r)) for r in rows]
        reports = [
            Report(
                id=r["id"],
                group=r["fuse_group"],
                date=r["date"],
                date_precision=r["date_precision"],
                publication_date=r["publication_date"],
                country=r["loc_country"],
            )
            for r in recs
        ]
        assignment = cluster(reports)
        members: dict[str, list[dict]] = defaultdict(list)
        for r in recs:
            members[assignment[r["id"]]].append(r)
        fused: dict[str, list] = {c: [] for c in (
            "fused_id", "fuse_group", "rep_event_id", "event", "mode", "status", "actor_codes",
            "recipient_codes", "date", "date_precision", "day", "loc_country", "loc_name",
            "quad_code", "goldstein", "cameo_root", "cameo_code", "event_text", "confidence",
            "n_mentions", "n_articles", "n_sources", "first_report", "last_report",
        )}  # fmt: skip
        for fid, ms in members.items():
            values = fused_row(fid, ms)
            for k, v in values.items():
                fused[k].append(v)
        backend.execute(
            "DELETE FROM fused_mentions WHERE event_id IN (SELECT id FROM events "
            "WHERE fuse_group IN (SELECT fuse_group FROM fuse_touched))"
        )
        backend.execute(
            "DELETE FROM fused_events WHERE fuse_group IN (SELECT fuse_group FROM fuse_touched)"
        )
        backend.insert("fused_events", fused, ignore_conflicts=False)
        backend.insert(
            "fused_mentions",
            {"event_id": [r["id"] for r in recs], "fused_id": [assignment[r["id"]] for r in recs]},
            ignore_conflicts=False,
        )
        backend.execute("DELETE FROM fuse_touched")
        return len(members)
