"""Queries over the store: events (records or fused), dyad series, summary.

Filters are shared by every query (and every CLI command):
actor, recipient, dyad ("A-B", directed: A acts towards B), type (one PLOVER
type or a comma list), quad (1-4), status, since, until (the event's day,
inclusive), text (words that must all appear in the sentence: each a literal,
case-insensitive substring, so ``%``, ``_`` and a backslash are matched as themselves).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
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


#: the largest LIMIT both backends take (a BIGINT); a larger count asks for every row anyway
MAX_LIMIT = 2**63 - 1


def _limit(n: Any) -> int:
    return min(int(n), MAX_LIMIT)


#: the forms a `since`/`until` may take, and no other: Python's own parser also took '20240101',
#: '2024-W10', and the month's separator went unchecked ('2024/03', '2024x03')
_DATE_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = _DATE_FORM.fullmatch(text)
    try:
        if m:
            year, month, day = m.groups()
            return dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        pass
    raise StoreError("E410", f"--{name} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _until(value: Any) -> dt.date:
    """`until` is inclusive of the whole month/year when given as YYYY-MM or YYYY."""
    text = str(value).strip()
    d = _date(value, "until")
    if isinstance(value, str) and len(text) == 4:
        return dt.date(d.year, 12, 31)
    if isinstance(value, str) and len(text) == 7:
        if (d.year, d.month) == (dt.MAXYEAR, 12):  # "9999-12": its last day, not a month after it
            return dt.date(dt.MAXYEAR, 12, 31)
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
            params.append(f";{code(value, role)};")
    if filters.get("dyad"):
        parts = dyad_pair(filters["dyad"])
        conds.append(
            f"EXISTS (SELECT 1 FROM event_dyads d0 WHERE d0.event_id = {a}.{id_column} "
            "AND d0.source = ? AND d0.target = ?)"
        )
        params.extend(parts)
    if filters.get("type"):
        types = type_list(filters["type"])
        if not types:  # `IN ()` matched nothing on DuckDB and was a syntax error on PostgreSQL
            raise StoreError("E417", f"--type {filters['type']!r} names no event type; e.g. --type AGREE,CONSULT")
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
        status = str(filters["status"]).strip().lower()
        if status not in STATUSES:  # a typo ("occured") would match nothing, silently
            raise StoreError("E418", f"--status {filters['status']!r} is not a status; use {', '.join(STATUSES)}")
        conds.append(f"{a}.status = ?")
        params.append(status)
    since = _date(filters["since"], "since") if filters.get("since") else None
    until = _until(filters["until"]) if filters.get("until") else None
    if since and until and since > until:  # no day can match: say so rather than list nothing
        raise StoreError("E410", f"--since {filters['since']} is later than --until {filters['until']}")
    if since:
        conds.append(f"{a}.day >= ?")
        params.append(since)
    if until:
        conds.append(f"{a}.day <= ?")
        params.append(until)
    if filters.get("text"):
        words = filters["text"]
        words = words.split() if isinstance(words, str) else list(words)
        for w in words:
            conds.append(contains(f"{a}.event_text"))
            params.append(str(w).lower())
    return (" AND ".join(conds) or "TRUE"), params


#: an actor code as a filter names it (the web app's query patterns derive from it): IND, EU, GOV, UNO ...
CODE = re.compile(r"[A-Za-z0-9_]{1,16}")


def code(value: Any, name: str) -> str:
    """One actor code, upper case; anything else is E419. "IND,JPN" or " IND" had matched
    nothing, silently, and "ARM;AZE" the events whose stored code list held that pair."""
    text = str(value).strip()
    if not CODE.fullmatch(text):
        raise StoreError("E419", f"--{name} {value!r} is not an actor code (letters, digits or _, "
                         "e.g. IND); give one code")
    return text.upper()


def dyad_pair(value: Any) -> list[str]:
    """The (source, target) codes a `dyad` filter names ("ind-jpn" -> IND, JPN), else E412."""
    parts = str(value).upper().replace(">", "-").split("-")
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) != 2 or not all(CODE.fullmatch(p) for p in parts):  # "IND,CHN-JPN" matched nothing
        raise StoreError("E412", f"--dyad {value!r}: write it as SOURCE-TARGET, e.g. IND-JPN")
    if parts[0] == parts[1]:  # no pair of a code with itself is stored: it matched nothing, silently
        raise StoreError("E412", f"--dyad {value!r}: a dyad is two different codes (an event within "
                         f"one country is none); for those use --actor {parts[0]} --recipient {parts[1]}")
    return parts


def _only_dyad(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """With a `dyad` filter, the rows of a query grouped by dyad (`d`, event_dyads) are that
    dyad's alone: its events' other pairs (B -> A of a meeting, A -> C) are not what was asked."""
    if not filters.get("dyad"):
        return "", []
    return " AND d.source = ? AND d.target = ?", dyad_pair(filters["dyad"])


def known_types(backend: Any) -> tuple[str, ...]:
    """PLOVER's event types, then any other type the store holds (a model from `dotterel train`
    may code types of the user's own)."""
    from ..ontology import EVENT_TYPES

    own = {t for (t,) in backend.query("SELECT DISTINCT event FROM events") if t} - set(EVENT_TYPES)
    return (*EVENT_TYPES, *sorted(own))


def type_list(value: Any) -> list[str]:
    """The types a `type` filter names ("agree, CONSULT" -> AGREE, CONSULT)."""
    return [t.strip().upper() for t in str(value).split(",") if t.strip()]


def unknown_types(asked: list[str], store_types: Callable[[], Iterable[str]]) -> tuple[list[str], tuple[str, ...]]:
    """The asked types that are neither PLOVER's nor among `store_types()`, and the types known;
    the store is asked (`store_types` called) only for a type that is not PLOVER's."""
    from ..ontology import EVENT_TYPES

    if all(t in EVENT_TYPES for t in asked):
        return [], tuple(EVENT_TYPES)
    known = tuple(store_types())
    return [t for t in asked if t not in known], known


def check_types(backend: Any, filters: dict[str, Any]) -> None:
    """A `type` filter naming a type that is neither PLOVER's nor in the store is E417: a typo
    ("AGRE") would match nothing, silently."""
    if not filters.get("type"):
        return
    bad, known = unknown_types(type_list(filters["type"]), lambda: known_types(backend))
    if bad:
        raise StoreError("E417", f"--type {', '.join(bad)} is neither a PLOVER event type nor one the store "
                         f"holds; use {', '.join(sorted(known))}")


def contains(column: str) -> str:
    """SQL that is true when `column` holds the parameter (given in lower case) as a literal
    substring, case-insensitively. Not LIKE: there ``%`` and ``_`` in a word are wildcards."""
    return f"strpos(lower({column}), ?) > 0"


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
    """Records (or fused events) matching `filters`, in day order; at most `limit` rows (None: all)."""
    filters = _clean(filters)
    check_types(backend, filters)
    if fused:
        cond, params = where(filters, "f", "rep_event_id")
        sql = (f"SELECT {', '.join('f.' + c for c in FUSED_COLUMNS)} FROM fused_events f "
               f"WHERE {cond} ORDER BY f.day, f.first_report, f.fused_id")
    else:
        cond, params = where(filters, "e", "id")
        cols = ", ".join("m.fused_id" if c == "fused_id" else "e." + c for c in RECORD_COLUMNS)
        sql = (f"SELECT {cols} FROM events e LEFT JOIN fused_mentions m ON m.event_id = e.id "
               f"WHERE {cond} ORDER BY e.day, e.doc_id, e.sentence_index, e.id")
    if limit is not None:  # 0 is no rows, as the CLI's --limit 0 says, not all of them
        sql += f" LIMIT {_limit(limit)}"
    return normalise(backend.query_df(sql, params))


def dyads(backend: Any, *, by: str = "month", **filters: Any):
    """One row per period and directed dyad over fused events (see docs/store.md); the filters
    of `where`, and those of WEB_FILTERS too (`/api/dyads` takes every filter of the API).

    A fused event with no day has no period and is left out; ``df.attrs["undated"]`` says how
    many matching events with a dyad were (summary's top dyads count them)."""
    if by not in PERIODS:
        raise StoreError("E414", f"--by {by!r}: use one of {', '.join(PERIODS)}")
    cond, params = _fused_where(filters)
    check_types(backend, filters)
    only, pair = _only_dyad(filters)
    params = params + pair
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
        WHERE f.day IS NOT NULL AND {cond}{only}
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3"""
    df = normalise(backend.query_df(sql, params))
    for c in ("events", "quad1", "quad2", "quad3", "quad4"):
        if c in df.columns:
            df[c] = df[c].astype("int64")
    if "goldstein" in df.columns:
        df["goldstein"] = df["goldstein"].astype("float64").round(3)
    df.attrs["undated"] = int(backend.query(
        "SELECT count(DISTINCT f.fused_id) FROM fused_events f JOIN event_dyads d ON d.event_id = f.rep_event_id "
        f"WHERE f.day IS NULL AND {cond}{only}", params)[0][0])
    return df


def records(backend: Any, **filters: Any) -> Iterator[dict[str, Any]]:
    filters = _clean(filters)
    cond, params = where(filters, "e", "id")
    check_types(backend, filters)
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
    check_types(backend, filters)
    only, pair = _only_dyad(filters)
    q = backend.query
    out: dict[str, Any] = {}
    out["documents"] = q("SELECT count(*) FROM documents")[0][0]
    out["records"] = q("SELECT count(*) FROM events")[0][0]
    out["failures"] = q("SELECT count(*) FROM failures")[0][0]
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
        {"source": r[0], "target": r[1], "events": r[2],
         # None: the dyad's events are all of types of one's own, which have no Goldstein value
         "goldstein": None if r[3] is None else round(float(r[3]), 2)}
        for r in q(
            "SELECT d.source, d.target, count(*), avg(f.goldstein) FROM fused_events f "
            f"JOIN event_dyads d ON d.event_id = f.rep_event_id WHERE {cond}{only} "
            f"GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT {_limit(top)}",
            params + pair,
        )
    ]
    out["latest"] = [
        {"day": r[0].isoformat() if r[0] else None, "event": r[1], "status": r[2],
         "actors": r[3], "recipients": r[4], "mentions": r[5], "sources": r[6], "sentence": r[7]}
        for r in q(
            "SELECT f.day, f.event, f.status, f.actor_codes, f.recipient_codes, f.n_mentions, "
            f"f.n_sources, f.event_text FROM fused_events f WHERE {cond} "
            f"ORDER BY f.day DESC NULLS LAST, f.fused_id LIMIT {_limit(latest)}",
            params,
        )
    ]
    return out


# ---------------------------------------------------------------- read-only helpers for the web app
# (`dotterel serve`; see docs/web.md). They take the filters above plus WEB_FILTERS, never write,
# and return plain data (dicts, lists, DataFrames) that the HTML pages and the JSON API both render.

#: filters beyond FILTERS: `country` (where the event took place: its coded place's country, or,
#: when no place is coded, one of its actors' countries), `sector` (an actor's PLOVER sector),
#: `name` (words in an actor's canonical name or text: a person or an organisation),
#: `min_confidence` (0-1), `place` (a coded place's name, exactly)
WEB_FILTERS = FILTERS + ("country", "sector", "name", "min_confidence", "place")
STATUSES = ("occurred", "ongoing", "future", "hypothetical", "negated", "historical")


def where_all(filters: dict[str, Any], alias: str, id_column: str) -> tuple[str, list[Any]]:
    """`where` extended with WEB_FILTERS; `id_column` names the record id (actors' event_id)."""
    unknown = set(filters) - set(WEB_FILTERS)
    if unknown:
        raise StoreError("E411", f"unknown filter(s) {sorted(unknown)}; use {', '.join(WEB_FILTERS)}")
    cond, params = where({k: v for k, v in filters.items() if k in FILTERS}, alias, id_column)
    conds = [] if cond == "TRUE" else [cond]
    a = alias
    if filters.get("country"):
        code = str(filters["country"]).strip().upper()
        conds.append(f"({a}.loc_country = ? OR ({a}.loc_country IS NULL AND "
                     f"strpos(';' || {a}.actor_codes || ';', ?) > 0))")
        params.extend([code, f";{code};"])
    if filters.get("sector"):
        conds.append(f"EXISTS (SELECT 1 FROM actors s0 WHERE s0.event_id = {a}.{id_column} AND s0.sector = ?)")
        params.append(str(filters["sector"]).strip().upper())
    if filters.get("name"):  # every word in one actor's name, or in its text (literal substrings)
        words = [w.lower() for w in str(filters["name"]).split()]
        if words:
            in_name = " AND ".join(contains("n0.name") for _ in words)
            in_text = " AND ".join(contains("n0.text") for _ in words)
            conds.append(f"EXISTS (SELECT 1 FROM actors n0 WHERE n0.event_id = {a}.{id_column} "
                         f"AND (({in_name}) OR ({in_text})))")
            params.extend(words + words)
    if filters.get("min_confidence") not in (None, ""):
        try:
            c = float(filters["min_confidence"])
        except (TypeError, ValueError):
            raise StoreError("E415", f"min_confidence {filters['min_confidence']!r} must be a number from 0 to 1") from None
        if not 0 <= c <= 1:
            raise StoreError("E415", f"min_confidence {c} must be between 0 and 1")
        conds.append(f"{a}.confidence >= ?")
        params.append(c)
    if filters.get("place"):
        conds.append(f"{a}.loc_name = ?")
        params.append(str(filters["place"]))
    return (" AND ".join(conds) or "TRUE"), params


def _fused_where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    return where_all(_clean(filters), "f", "rep_event_id")


def _period(by: str, column: str = "f.day") -> str:
    if by not in PERIODS:
        raise StoreError("E414", f"by {by!r}: use one of {', '.join(PERIODS)}")
    return column if by == "day" else f"CAST(date_trunc('{by}', {column}) AS DATE)"


def _iso(v: Any) -> Any:
    return v.isoformat() if hasattr(v, "isoformat") else v


def count_events(backend: Any, *, fused: bool = True, **filters: Any) -> int:
    """How many fused events (or records) match the filters."""
    if fused:
        cond, params = _fused_where(filters)
        return int(backend.query(f"SELECT count(*) FROM fused_events f WHERE {cond}", params)[0][0])
    cond, params = where_all(_clean(filters), "e", "id")
    return int(backend.query(f"SELECT count(*) FROM events e WHERE {cond}", params)[0][0])


def events_page(backend: Any, *, fused: bool = True, offset: int = 0, limit: int = 50,
                newest_first: bool = False, **filters: Any):
    """One page of `events(...)` (same columns and order, or newest first), with WEB_FILTERS."""
    desc = " DESC" if newest_first else ""
    if fused:
        cond, params = _fused_where(filters)
        sql = (f"SELECT {', '.join('f.' + c for c in FUSED_COLUMNS)} FROM fused_events f WHERE {cond} "
               f"ORDER BY f.day{desc} NULLS LAST, f.first_report{desc}, f.fused_id{desc}")
    else:
        cond, params = where_all(_clean(filters), "e", "id")
        cols = ", ".join("m.fused_id" if c == "fused_id" else "e." + c for c in RECORD_COLUMNS)
        sql = (f"SELECT {cols} FROM events e LEFT JOIN fused_mentions m ON m.event_id = e.id WHERE {cond} "
               f"ORDER BY e.day{desc} NULLS LAST, e.doc_id{desc}, e.sentence_index{desc}, e.id{desc}")
    sql += f" LIMIT {max(0, int(limit))} OFFSET {max(0, int(offset))}"
    return normalise(backend.query_df(sql, params))


def timeline(backend: Any, *, by: str = "month", **filters: Any) -> list[dict[str, Any]]:
    """Fused events per period: count, mean Goldstein, quad 1-4 counts and the status split."""
    cond, params = _fused_where(filters)
    period = _period(by)
    quads = ", ".join(f"count(*) FILTER (WHERE f.quad_code = {q})" for q in (1, 2, 3, 4))
    stats = ", ".join(f"count(*) FILTER (WHERE f.status = '{s}')" for s in STATUSES)
    rows = backend.query(
        f"SELECT {period} AS period, count(*), avg(f.goldstein), {quads}, {stats} FROM fused_events f "
        f"WHERE f.day IS NOT NULL AND {cond} GROUP BY 1 ORDER BY 1", params)
    out = []
    for r in rows:
        d = {"period": _iso(_as_date(r[0])), "events": int(r[1]),
             "goldstein": None if r[2] is None else round(float(r[2]), 3)}
        d.update({f"quad{q}": int(r[2 + q] or 0) for q in (1, 2, 3, 4)})
        d.update({s: int(r[7 + i] or 0) for i, s in enumerate(STATUSES)})
        out.append(d)
    return out


def counts(backend: Any, column: str, **filters: Any) -> list[dict[str, Any]]:
    """Fused events per value of `column` (event, status, quad_code, loc_country), most first."""
    if column not in ("event", "status", "quad_code", "loc_country"):
        raise StoreError("E416", f"cannot count by {column!r}")
    cond, params = _fused_where(filters)
    return [{column: r[0], "events": int(r[1])} for r in backend.query(
        f"SELECT f.{column}, count(*) FROM fused_events f WHERE {cond} GROUP BY 1 ORDER BY 2 DESC, 1",
        params)]


def date_range(backend: Any, **filters: Any) -> dict[str, Any]:
    cond, params = _fused_where(filters)
    r = backend.query(f"SELECT min(f.day), max(f.day) FROM fused_events f WHERE {cond}", params)[0]
    return {"first": _iso(_as_date(r[0])), "last": _iso(_as_date(r[1]))}


def network(backend: Any, *, top: int = 60, **filters: Any) -> dict[str, Any]:
    """Directed actor network over fused events: the `top` heaviest edges, with mean Goldstein,
    and their nodes with weighted in/out degree.

    Fused events are grouped by their actor and recipient codes first (a few thousand groups),
    and each group is expanded into directed pairs by `rows.dyads`, the function that writes
    `event_dyads`: the same pairs as a join with that table, without joining a million rows."""
    from .rows import dyads as pairs_of

    cond, params = _fused_where(filters)
    groups = backend.query(
        "SELECT f.actor_codes, f.recipient_codes, count(*), sum(f.goldstein), count(f.goldstein), "
        "sum(CASE WHEN f.quad_code IN (1, 2) THEN 1 ELSE 0 END) FROM fused_events f "
        f"WHERE f.actor_codes IS NOT NULL AND f.actor_codes <> '' AND {cond} GROUP BY 1, 2", params)
    acc: dict[tuple[str, str], list[float]] = {}
    for actors, recipients, n, gsum, gn, coop in groups:
        a = tuple(c for c in str(actors).split(";") if c)
        r = tuple(c for c in str(recipients or "").split(";") if c)
        for pair in pairs_of(a, r):
            e = acc.setdefault(pair, [0, 0.0, 0, 0])
            e[0] += int(n)
            e[1] += float(gsum or 0)
            e[2] += int(gn or 0)
            e[3] += int(coop or 0)
    heaviest = sorted(acc.items(), key=lambda kv: (-kv[1][0], kv[0]))[: max(1, int(top))]
    edges = [{"source": s, "target": t, "events": v[0],
              "goldstein": round(v[1] / v[2], 2) if v[2] else None, "cooperative": v[3]}
             for (s, t), v in heaviest]
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for key, side in ((e["source"], "out"), (e["target"], "in")):
            n = nodes.setdefault(key, {"code": key, "out": 0, "in": 0})
            n[side] += e["events"]
    return {"nodes": sorted(nodes.values(), key=lambda n: (-(n["in"] + n["out"]), n["code"])), "edges": edges}


def places(backend: Any, **filters: Any) -> dict[str, Any]:
    """Where the fused events took place: `points` (coded places with coordinates) and
    `countries` (events per country in the sense of the `country` filter: the coded place's
    country, or, when no place is coded, each of the actors' countries). Grouped queries only,
    no join of events with events."""
    cond, params = _fused_where(filters)
    coords = {(r[0], r[1]): (float(r[2]), float(r[3])) for r in backend.query(
        "SELECT loc_name, loc_country, avg(lat), avg(lon) FROM events "
        "WHERE lat IS NOT NULL AND lon IS NOT NULL AND loc_name IS NOT NULL GROUP BY 1, 2")}
    points = []
    located: dict[str, int] = {}
    for name, country, n in backend.query(
            "SELECT f.loc_name, f.loc_country, count(*) FROM fused_events f "
            f"WHERE (f.loc_name IS NOT NULL OR f.loc_country IS NOT NULL) AND {cond} GROUP BY 1, 2", params):
        if country:
            located[country] = located.get(country, 0) + int(n)
        if (name, country) in coords:
            lat, lon = coords[(name, country)]
            points.append({"name": name, "country": country, "lat": round(lat, 4), "lon": round(lon, 4),
                           "events": int(n)})
    points.sort(key=lambda p: (-p["events"], p["name"], p["country"] or ""))  # Hyderabad IND, PAK
    by_actor: dict[str, int] = {}
    for codes, n in backend.query(
            "SELECT f.actor_codes, count(*) FROM fused_events f "
            f"WHERE f.loc_country IS NULL AND f.actor_codes IS NOT NULL AND {cond} GROUP BY 1", params):
        for code in {c for c in str(codes).split(";") if c}:
            by_actor[code] = by_actor.get(code, 0) + int(n)
    countries = [{"country": c, "events": located.get(c, 0) + by_actor.get(c, 0),
                  "located": located.get(c, 0), "by_actor": by_actor.get(c, 0)}
                 for c in set(located) | set(by_actor)]
    countries.sort(key=lambda r: (-r["events"], r["country"]))
    return {"points": points[:2000], "countries": countries}


def event_detail(backend: Any, event_id: str) -> dict[str, Any] | None:
    """One record (``ev-...``) or fused event (``fe-...``, shown through its earliest report):
    the record, its document, its fused event and every mention fused into it. None if unknown."""
    event_id = str(event_id)
    if event_id.startswith("fe-"):
        found = backend.query("SELECT rep_event_id FROM fused_events WHERE fused_id = ?", [event_id])
        if not found:
            return None
        event_id = found[0][0]
    row = backend.query(
        "SELECT e.record, e.doc_id, m.fused_id FROM events e LEFT JOIN fused_mentions m ON m.event_id = e.id "
        "WHERE e.id = ?", [event_id])
    if not row:
        return None
    record, doc_id, fused_id = row[0]
    out: dict[str, Any] = {"record": json.loads(record), "fused": None, "mentions": []}
    doc = backend.query("SELECT doc_id, title, url, publisher, pub_date, source, text FROM documents "
                        "WHERE doc_id = ?", [doc_id])
    out["document"] = (dict(zip(("doc_id", "title", "url", "publisher", "pub_date", "source", "text"),
                                (_iso(_as_date(v)) if i == 4 else v for i, v in enumerate(doc[0]))))
                       if doc else None)
    if fused_id:
        f = backend.query(f"SELECT {', '.join(FUSED_COLUMNS)} FROM fused_events WHERE fused_id = ?", [fused_id])
        if f:
            out["fused"] = {c: (_iso(_as_date(v)) if c in DATE_COLUMNS else v) for c, v in zip(FUSED_COLUMNS, f[0])}
        if out["fused"] and out["fused"]["n_mentions"] == 1 and out["fused"]["rep_event_id"] == event_id:
            rec, doc = out["record"], out["document"] or {}
            out["mentions"] = [{"id": rec.get("id"), "doc_id": rec.get("doc_id"),
                                "sentence_index": rec.get("sentence_index"), "event_text": rec.get("event_text"),
                                "publisher": doc.get("publisher"),
                                "publication_date": rec.get("publication_date") or doc.get("pub_date"),
                                "url": doc.get("url"), "title": doc.get("title"), "confidence": rec.get("confidence")}]
            return out
        out["mentions"] = [
            {"id": r[0], "doc_id": r[1], "sentence_index": r[2], "event_text": r[3], "publisher": r[4],
             "publication_date": _iso(_as_date(r[5])), "url": r[6], "title": r[7], "confidence": r[8]}
            for r in backend.query(
                "SELECT e.id, e.doc_id, e.sentence_index, e.event_text, e.publisher, e.publication_date, e.url, "
                "d.title, e.confidence FROM fused_mentions m JOIN events e ON e.id = m.event_id "
                "LEFT JOIN documents d ON d.doc_id = e.doc_id WHERE m.fused_id = ? "
                "ORDER BY e.publication_date, e.doc_id, e.sentence_index, e.id", [fused_id])
        ]
    return out


def store_counts(backend: Any) -> dict[str, int]:
    """Documents, records, fused events and failed documents in the store (unfiltered)."""
    q = backend.query
    return {"documents": int(q("SELECT count(*) FROM documents")[0][0]),
            "records": int(q("SELECT count(*) FROM events")[0][0]),
            "events": int(q("SELECT count(*) FROM fused_events")[0][0]),
            "failures": int(q("SELECT count(*) FROM failures")[0][0])}


def evidence(backend: Any, *, offset: int = 0, limit: int = 20, newest_first: bool = True,
             **filters: Any) -> list[dict[str, Any]]:
    """A page of fused events with what is needed to check each: its earliest report's record,
    that report's document (with its text) and every report fused into it. Four queries a page."""
    page = events_page(backend, fused=True, offset=offset, limit=limit, newest_first=newest_first, **filters)
    rows = [{c: (_iso(v) if c in DATE_COLUMNS else v) for c, v in r.items()} for r in page.to_dict("records")]
    if not rows:
        return []
    for r in rows:
        for c, v in r.items():
            if isinstance(v, float) and v != v:
                r[c] = None
    rep = [r["rep_event_id"] for r in rows]
    marks = ", ".join("?" for _ in rep)
    recs = {i: json.loads(rec) for i, rec in backend.query(
        f"SELECT id, record FROM events WHERE id IN ({marks})", rep)}
    doc_ids = sorted({rec["doc_id"] for rec in recs.values() if rec.get("doc_id")})
    docs: dict[str, dict[str, Any]] = {}
    if doc_ids:
        for r in backend.query(
                "SELECT doc_id, title, url, publisher, pub_date, text FROM documents "
                f"WHERE doc_id IN ({', '.join('?' for _ in doc_ids)})", doc_ids):
            docs[r[0]] = {"doc_id": r[0], "title": r[1], "url": r[2], "publisher": r[3],
                          "pub_date": _iso(_as_date(r[4])), "text": r[5]}
    # n_mentions sums the records' in-document reports, so 1 means the earliest report is the only
    # one: no need to look it up (fused_mentions has no index on fused_id in DuckDB)
    mentions: dict[str, list[dict[str, Any]]] = {r["fused_id"]: [] for r in rows}
    for r in rows:
        rec = recs.get(r["rep_event_id"])
        if r.get("n_mentions") == 1 and rec:
            doc = docs.get(rec.get("doc_id")) or {}
            mentions[r["fused_id"]].append({
                "id": rec.get("id"), "doc_id": rec.get("doc_id"), "sentence_index": rec.get("sentence_index"),
                "event_text": rec.get("event_text"), "publisher": doc.get("publisher"),
                "publication_date": rec.get("publication_date") or doc.get("pub_date"), "url": doc.get("url"),
                "title": doc.get("title"), "confidence": rec.get("confidence")})
    fids = [f for f, found in mentions.items() if not found]
    for r in [] if not fids else backend.query(
            "SELECT m.fused_id, e.id, e.doc_id, e.sentence_index, e.event_text, e.publisher, "
            "e.publication_date, e.url, d.title, e.confidence FROM fused_mentions m "
            "JOIN events e ON e.id = m.event_id LEFT JOIN documents d ON d.doc_id = e.doc_id "
            f"WHERE m.fused_id IN ({', '.join('?' for _ in fids)}) "
            "ORDER BY e.publication_date, e.doc_id, e.sentence_index, e.id", fids):
        mentions[r[0]].append({"id": r[1], "doc_id": r[2], "sentence_index": r[3], "event_text": r[4],
                               "publisher": r[5], "publication_date": _iso(_as_date(r[6])), "url": r[7],
                               "title": r[8], "confidence": r[9]})
    out = []
    for r in rows:
        rec = recs.get(r["rep_event_id"]) or {}
        out.append({"fused": r, "record": rec, "document": docs.get(rec.get("doc_id")),
                    "mentions": mentions.get(r["fused_id"], [])})
    return out
