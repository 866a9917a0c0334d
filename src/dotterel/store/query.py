"""Queries over the store: events (records or fused), dyad series, summary.

Filters are shared by every query (and every CLI command):
actor, recipient, dyad ("A-B", directed: A acts towards B), type (one PLOVER
type or a comma list), quad (1-4), status, since, until (the event's day,
inclusive), text (words that must all appear in the sentence).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from ..errors import StoreError

FILTERS = ("actor", "recipient", "dyad", "type", "quad", "status", "since", "until", "text")
PERIODS = ("day", "week", "month", "year")
DATE_COLUMNS = ("day", "publication_date", "first_report", "last_report", "period", "pub_date")

RECORD_COLUMNS = (
    "id", "fused_id", "day", "date", "date_precision", "event", "mode", "status", "actor_codes",
    "recipient_codes", "quad_code", "goldstein", "cameo_code", "loc_country", "loc_name",
    "confidence", "n_reports", "publisher", "publication_date", "doc_id", "sentence_index",
    "event_text",
)  # fmt: skip
FUSED_COLUMNS = (
    "fused_id", "day", "date", "date_precision", "event", "mode", "status", "actor_codes",
    "recipient_codes", "quad_code", "goldstein", "cameo_code", "loc_country", "loc_name",
    "n_mentions", "n_articles", "n_sources", "first_report", "last_report", "rep_event_id",
    "event_text",
)  # fmt: skip


def _date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise StoreError("E410", f"--{name} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


def _until(value: Any) -> dt.date:
    """`until` is inclusive of the whole month/year when given as YYYY-MM or YYYY."""
    text = str(value).strip()
    d = _date(value, "until")
    if isinstance(value, str) and len(text) == 4:
        return dt.date(d.year, 12, 31)
    if isinstance(value, str) and len(text) == 7:
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return d


def where(filters: dict[str, Any], alias: str, id_column: str) -> tuple[str, list[Any]]:
    """SQL conditions (joined by AND, or 'TRUE') and their parameters."""
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise StoreError("E411", f"unknown filter(s) {sorted(unknown)}; use {', '.join(FILTERS)}")
    conds: list[str] = []
    params: list[Any] = []
    a = alias
    for role, col in (("actor", "actor_codes"), ("recipient", "recipient_codes")):
        value = filters.get(role)
        if value:
            conds.append(f"strpos(';' || {a}.{col} || ';', ?) > 0")
            params.append(f";{str(value).upper()};")
    if filters.get("dyad"):
        parts = str(filters["dyad"]).upper().replace(">", "-").split("-")
        parts = [p.strip() for p in parts if p.strip()]
        if len(parts) != 2:
            raise StoreError("E412", f"--dyad {filters['dyad']!r}: write it as SOURCE-TARGET, e.g. IND-JPN")
        conds.append(
            f"EXISTS (SELECT 1 FROM event_dyads d0 WHERE d0.event_id = {a}.{id_column} "
            "AND d0.source = ? AND d0.target = ?)"
        )
        params.extend(parts)
    if filters.get("type"):
        types = [t.strip().upper() for t in str(filters["type"]).split(",") if t.strip()]
        conds.append(f"{a}.event IN ({', '.join('?' for _ in types)})")
        params.extend(types)
    if filters.get("quad") not in (None, ""):
        try:
            quad = int(filters["quad"])
        except (TypeError, ValueError):
            raise StoreError("E413", f"--quad {filters['quad']!r} must be 1, 2, 3 or 4") from None
        if quad not in (1, 2, 3, 4):
            raise StoreError("E413", f"--quad {quad} must be 1, 2, 3 or 4")
        conds.append(f"{a}.quad_code = ?")
        params.append(quad)
    if filters.get("status"):
        conds.append(f"{a}.status = ?")
        params.append(str(filters["status"]).lower())
    if filters.get("since"):
        conds.append(f"{a}.day >= ?")
        params.append(_date(filters["since"], "since"))
    if filters.get("until"):
        conds.append(f"{a}.day <= ?")
        params.append(_until(filters["until"]))
    if filters.get("text"):
        words = filters["text"]
        words = words.split() if isinstance(words, str) else list(words)
        for w in words:
            conds.append(f"lower({a}.event_text) LIKE ?")
            params.append("%" + w.lower().replace("%", "").replace("_", "") + "%")
    return (" AND ".join(conds) or "TRUE"), params


def _clean(kw: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v not in (None, "", [], ())}


def _as_date(v: Any) -> dt.date | None:
    import pandas as pd

    if v is None or v is pd.NaT:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, dt.datetime):  # pandas Timestamp too
        return v.date()
    if isinstance(v, dt.date):
        return v
    return pd.Timestamp(v).date()


def normalise(df):
    """Same column types whichever backend answered: dates as datetime.date, NULL as None."""
    import pandas as pd

    for c in df.columns:
        if c in DATE_COLUMNS:
            col = df[c]
            if len(col) and not pd.api.types.is_datetime64_any_dtype(col):
                df[c] = pd.Series([_as_date(v) for v in col], index=df.index, dtype=object)
                continue
            dates = pd.to_datetime(col, errors="coerce")
            values = dates.dt.date.astype(object)
            df[c] = values.where(dates.notna(), None)
    return df


def events(backend: Any, *, fused: bool = False, limit: int | None = None, **filters: Any):
    filters = _clean(filters)
    if fused:
        cond, params = where(filters, "f", "rep_event_id")
        sql = (f"SELECT {', '.join('f.' + c for c in FUSED_COLUMNS)} FROM fused_events f "
               f"WHERE {cond} ORDER BY f.day, f.first_report, f.fused_id")
    else:
        cond, params = where(filters, "e", "id")
        cols = ", ".join("m.fused_id" if c == "fused_id" else "e." + c for c in RECORD_COLUMNS)
        sql = (f"SELECT {cols} FROM events e LEFT JOIN fused_mentions m ON m.event_id = e.id "
               f"WHERE {cond} ORDER BY e.day, e.doc_id, e.sentence_index, e.id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return normalise(backend.query_df(sql, params))


def dyads(backend: Any, *, by: str = "month", **filters: Any):
    """One row per period and directed dyad over fused events (see docs/store.md)."""
    if by not in PERIODS:
        raise StoreError("E414", f"--by {by!r}: use one of {', '.join(PERIODS)}")
    filters = _clean(filters)
    cond, params = where(filters, "f", "rep_event_id")
    period = "f.day" if by == "day" else f"CAST(date_trunc('{by}', f.day) AS DATE)"
    sql = f"""
        SELECT {period} AS period, d.source, d.target,
               count(*) AS events,
               avg(f.goldstein) AS goldstein,
               sum(CASE WHEN f.quad_code = 1 THEN 1 ELSE 0 END) AS quad1,
               sum(CASE WHEN f.quad_code = 2 THEN 1 ELSE 0 END) AS quad2,
               sum(CASE WHEN f.quad_code = 3 THEN 1 ELSE 0 END) AS quad3,
               sum(CASE WHEN f.quad_code = 4 THEN 1 ELSE 0 END) AS quad4
        FROM fused_events f JOIN event_dyads d ON d.event_id = f.rep_event_id
        WHERE f.day IS NOT NULL AND {cond}
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3"""
    df = normalise(backend.query_df(sql, params))
    for c in ("events", "quad1", "quad2", "quad3", "quad4"):
        if c in df.columns:
            df[c] = df[c].astype("int64")
    if "goldstein" in df.columns:
        df["goldstein"] = df["goldstein"].astype("float64").round(3)
    return df


def records(backend: Any, **filters: Any) -> Iterator[dict[str, Any]]:
    filters = _clean(filters)
    cond, params = where(filters, "e", "id")
    rows = backend.query(
        f"SELECT e.record FROM events e WHERE {cond} ORDER BY e.day, e.doc_id, e.sentence_index, e.id",
        params,
    )
    for (rec,) in rows:
        yield json.loads(rec)


def summary(backend: Any, *, top: int = 10, latest: int = 5, **filters: Any) -> dict[str, Any]:
    """Counts by type and status, top dyads, latest events with their sentence (fused events)."""
    filters = _clean(filters)
    cond, params = where(filters, "f", "rep_event_id")
    q = backend.query
    out: dict[str, Any] = {}
    out["documents"] = q("SELECT count(*) FROM documents")[0][0]
    out["records"] = q("SELECT count(*) FROM events")[0][0]
    out["events"] = q(f"SELECT count(*) FROM fused_events f WHERE {cond}", params)[0][0]
    out["by_type"] = [
        {"event": r[0], "events": r[1]}
        for r in q(f"SELECT f.event, count(*) FROM fused_events f WHERE {cond} "
                   "GROUP BY 1 ORDER BY 2 DESC, 1", params)
    ]
    out["by_status"] = [
        {"status": r[0], "events": r[1]}
        for r in q(f"SELECT f.status, count(*) FROM fused_events f WHERE {cond} "
                   "GROUP BY 1 ORDER BY 2 DESC, 1", params)
    ]
    out["top_dyads"] = [
        {"source": r[0], "target": r[1], "events": r[2], "goldstein": round(float(r[3]), 2)}
        for r in q(
            "SELECT d.source, d.target, count(*), avg(f.goldstein) FROM fused_events f "
            f"JOIN event_dyads d ON d.event_id = f.rep_event_id WHERE {cond} "
            f"GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT {int(top)}",
            params,
        )
    ]
    out["latest"] = [
        {"day": r[0].isoformat() if r[0] else None, "event": r[1], "status": r[2],
         "actors": r[3], "recipients": r[4], "mentions": r[5], "sources": r[6], "sentence": r[7]}
        for r in q(
            "SELECT f.day, f.event, f.status, f.actor_codes, f.recipient_codes, f.n_mentions, "
            f"f.n_sources, f.event_text FROM fused_events f WHERE {cond} "
            f"ORDER BY f.day DESC NULLS LAST, f.fused_id LIMIT {int(latest)}",
            params,
        )
    ]
    return out
