"""Exports: the stored events as JSONL records, CSV, Parquet, POLECAT TSV or a GDELT-style table.

- ``jsonl``: one output-contract record per line (one per report; they validate
  against schema/event.schema.json).
- ``csv`` / ``parquet``: the flat events table, one row per report, with its fused id.
- ``polecat``: POLECAT's 40-column TSV, one row per fused event (its earliest report).
- ``gdelt``: a GDELT 2.0-style 61-column TSV, one row per fused event, with
  NumMentions / NumSources / NumArticles from fusion.

Tabs, carriage returns and newlines inside values are replaced by spaces in
the TSV formats, so a row is always one line of exactly 40 (or 61) fields.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import stat
import sys
from collections.abc import Iterator
from typing import Any

from .. import __version__
from ..errors import StoreError

FORMATS = ("jsonl", "csv", "parquet", "polecat", "gdelt")

POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country",
    "Recipient COW", "Primary Recipient Sector", "Recipient Sectors", "Recipient Title",
    "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City", "District", "Province",
    "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
    "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language",
    "Version",
]  # fmt: skip

_GEO_ACTOR = ["Geo_Type", "Geo_FullName", "Geo_CountryCode", "Geo_ADM1Code", "Geo_ADM2Code",
              "Geo_Lat", "Geo_Long", "Geo_FeatureID"]
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR]
    + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1{c}" for c in _GEO_ACTOR]
    + [f"Actor2{c}" for c in _GEO_ACTOR]
    + [f"Action{c}" for c in _GEO_ACTOR]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(POLECAT_COLUMNS) == 40 and len(GDELT_COLUMNS) == 61

_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "region": 5}  # GDELT: 1 country, 4 world city, 5 world state


def clean(value: Any) -> str:
    """One TSV field: None is empty; tabs and line breaks become spaces."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        text = repr(round(value, 6))
    else:
        text = str(value)
    return " ".join(text.replace("\t", " ").replace("\r", " ").replace("\n", " ").split(" ")).strip()


@contextlib.contextmanager
def _atomic(path: str | os.PathLike) -> Iterator[str]:
    """A temporary name next to `path`; renamed to `path` only when everything was written.

    A failed export (a full disk, an error, Ctrl-C) leaves the old file, or none, never
    a truncated one. A symbolic link stays a link: the file it points to is replaced. A
    device, named pipe or socket (``/dev/null``, ``/dev/stdout``, a FIFO) is written in
    place: renaming over it would replace the device (as root) or fail (as anyone else).
    """
    final = os.fspath(path)
    if not final:
        raise StoreError("E420", "cannot write to an empty path: give a file's path, or - for standard output")
    if os.path.isdir(final) or final.endswith(("/", os.sep)):  # checked first: not after the whole export
        raise StoreError("E420", f"cannot write {final}: that names a folder, not a file; give a file's path")
    if _special(final):
        target, tmp = final, None
    else:
        target = os.path.realpath(final) if os.path.islink(final) else final
        folder, name = os.path.split(target)
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        yield tmp or target
        if tmp is not None:
            os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            _remove(tmp)
        if exc.errno == errno.ENOSPC:
            raise StoreError("E423", f"no space left on the device while writing {final}; nothing was written") from None
        raise StoreError("E420", f"cannot write {final}: {exc.strerror or exc}") from None
    except BaseException:
        if tmp is not None:
            _remove(tmp)
        raise


def _special(path: str) -> bool:
    """A path that exists and is neither a regular file nor a folder: a device, FIFO or socket."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


@contextlib.contextmanager
def _open_text(path: str | os.PathLike | None) -> Iterator[Any]:
    if path in (None, "-"):
        yield sys.stdout
        return
    with _atomic(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            yield fh


def export(store: Any, path: str | os.PathLike | None, format: str = "jsonl", **filters: Any) -> int:
    """Write the store's events to `path` in `format`; returns the number of rows written."""
    fmt = (format or "jsonl").lower()
    if fmt not in FORMATS:
        raise StoreError("E421", f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        n = 0
        with _open_text(path) as fh:
            for rec in store.records(**filters):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt in ("csv", "parquet"):
        df = store.events(**filters)
        if fmt == "csv":
            with _open_text(path) as fh:
                df.to_csv(fh, index=False)
        else:
            if path in (None, "-"):
                raise StoreError("E422", "parquet needs a file: give -o PATH")
            import pyarrow.parquet as pq

            with _atomic(path) as tmp:
                pq.write_table(parquet_table(df), tmp)
        return len(df)
    if store.fusion_is_stale():  # an interrupted ingest: fuse its records first, or say so
        if getattr(store.backend, "read_only", False):
            raise StoreError("E425", "some records are not fused yet (an interrupted ingest); "
                             "open the store writable, or run `dotterel ingest` again, then export")
        store.refuse()
    rows = _fused_with_records(store, **filters)
    build = _polecat_row if fmt == "polecat" else _gdelt_row
    header = POLECAT_COLUMNS if fmt == "polecat" else GDELT_COLUMNS
    n = 0
    with _open_text(path) as fh:
        if fmt == "polecat":  # POLECAT files have one header row; GDELT files have none
            fh.write("\t".join(header) + "\n")
        for fused, record in rows:
            fields = [clean(v) for v in build(fused, record)]
            assert len(fields) == len(header)
            fh.write("\t".join(fields) + "\n")
            n += 1
    return n


def parquet_table(df: Any):
    """Rows of `Store.events` (records or fused events) as an Arrow table with the store's column
    types: what `export(..., "parquet")` and the web app's Parquet download write."""
    import pyarrow as pa

    return pa.Table.from_pandas(df, schema=parquet_schema(df.columns), preserve_index=False)


def parquet_schema(columns: Any):
    """The Parquet column types from the store's schema, never from the rows: a column that is
    empty in these rows (no publisher, no mode, an export that matched nothing) had been written
    with Arrow's `null` type, and an integer column with a gap as a double, so that files of one
    store disagreed and could not be read as one dataset."""
    import pyarrow as pa

    from .schema import TABLES

    arrow = {"TEXT": pa.string(), "INTEGER": pa.int64(), "DOUBLE": pa.float64(), "DATE": pa.date32(),
             "TIMESTAMP": pa.timestamp("us")}
    # a column of both tables (day, event, quad_code...) has one type in both
    types = {**dict(TABLES["fused_events"]), **dict(TABLES["events"]), **dict(TABLES["fused_mentions"])}
    return pa.schema([pa.field(c, arrow[types[c]]) for c in columns])


def _fused_with_records(store: Any, **filters: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    df = store.events(fused=True, **filters)
    if df.empty:
        return
    ids = list(df["rep_event_id"])
    recs: dict[str, dict[str, Any]] = {}
    backend = store.backend
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        marks = ", ".join("?" for _ in part)
        for eid, rec, url in backend.query(f"SELECT id, record, url FROM events WHERE id IN ({marks})", part):
            r = json.loads(rec)
            r["_url"] = url
            recs[eid] = r
    for row in df.to_dict("records"):
        # a missing value is None, not pandas' NaN (a type of the user's own has no CAMEO code)
        row = {k: None if isinstance(v, float) and v != v else v for k, v in row.items()}
        yield row, recs.get(row["rep_event_id"], {})


def _names(ents: list[dict[str, Any]], key: str) -> str:
    return ";".join(str(e.get(key) or "") for e in ents if e.get(key)) if ents else ""


def _day(fused: dict[str, Any]):
    return fused.get("day")


def _polecat_row(f: dict[str, Any], r: dict[str, Any]) -> list[Any]:
    actors, recips = r.get("actor") or [], r.get("recipient") or []
    loc = r.get("event_loc") or {}
    day = _day(f)
    coder = r.get("coder") or {}
    return [
        f["fused_id"],
        day.isoformat() if day else (f.get("date") or ""),
        f["event"],
        f.get("mode"),
        f.get("goldstein"),
        f.get("quad_code"),
        ";".join(r.get("context") or []),
        ";".join(e.get("name") or e.get("text") or "" for e in actors),
        _names(actors, "code"),
        "",
        actors[0].get("sector") if actors else "",
        _names(actors, "sector"),
        "",
        _names(actors, "text"),
        _names(actors, "kb_id"),
        ";".join(e.get("name") or e.get("text") or "" for e in recips),
        _names(recips, "code"),
        "",
        recips[0].get("sector") if recips else "",
        _names(recips, "sector"),
        "",
        _names(recips, "text"),
        _names(recips, "kb_id"),
        loc.get("name"),
        loc.get("name") if loc.get("precision") == "city" else "",
        "",
        loc.get("name") if loc.get("precision") == "admin1" else "",
        loc.get("country_code"),
        loc.get("lat"),
        loc.get("lon"),
        loc.get("geonameid"),
        loc.get("text"),
        loc.get("feature_code"),
        f"{f.get('n_sources')} source(s), {f.get('n_mentions')} mention(s)",
        r.get("publication_date"),
        "",
        "",
        "",
        "en",
        f"{coder.get('name', 'dotterel')} {coder.get('version', __version__)}",
    ]


def _gdelt_actor(ents: list[dict[str, Any]]) -> list[Any]:
    if not ents:
        return [""] * 10
    e = ents[0]
    name = (e.get("name") or e.get("text") or "").upper()
    code = e.get("code") or ""
    sector = e.get("sector") or ""
    return [code + sector, name, code, "", "", "", "", sector, "", ""]


def _gdelt_row(f: dict[str, Any], r: dict[str, Any]) -> list[Any]:
    actors, recips = list(r.get("actor") or []), list(r.get("recipient") or [])
    if not recips and len(actors) > 1:  # reciprocal: the second party is Actor2
        actors, recips = actors[:1], actors[1:2]
    day = _day(f)
    loc = r.get("event_loc") or {}
    added = f.get("first_report") or day
    gid = int(f["fused_id"].split("-")[-1][:15], 16)
    cameo = f.get("cameo_code") or ""
    geo = ([_GEO_TYPE.get(loc.get("precision") or "", 4), loc.get("name") or loc.get("text"),
            loc.get("country_code"), "", "", loc.get("lat"), loc.get("lon"), loc.get("geonameid")]
           if loc else [0, "", "", "", "", "", "", ""])
    return (
        [gid,
         day.strftime("%Y%m%d") if day else "",
         day.strftime("%Y%m") if day else "",
         day.year if day else "",
         round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4) if day else ""]
        + _gdelt_actor(actors)
        + _gdelt_actor(recips)
        + [1, cameo, cameo[:3], f.get("cameo_root") or cameo[:2], f.get("quad_code"),
           f.get("goldstein"), f.get("n_mentions"), f.get("n_sources"), f.get("n_articles"), ""]
        + [""] * 8
        + [""] * 8
        + geo
        + [added.strftime("%Y%m%d000000") if added else "", r.get("_url") or ""]
    )


def to_string(store: Any, format: str, **filters: Any) -> str:  # convenient in tests
    buf = io.StringIO()
    old = sys.stdout
    sys.stdout = buf
    try:
        export(store, None, format, **filters)
    finally:
        sys.stdout = old
    return buf.getvalue()


__all__ = ["export", "FORMATS", "POLECAT_COLUMNS", "GDELT_COLUMNS", "clean"]
