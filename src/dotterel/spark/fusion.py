"""Cross-document fusion as a Spark job: the rules of docs/fusion.md, at scale.

The rules are not written again here: `dotterel.fuse.fuse_group` (computed per
record when it is coded) and `dotterel.fuse.cluster` decide, exactly as in the
single-machine store (`dotterel.store.fusion`). Spark only cuts the work into
independent *blocks* and runs `cluster` on each:

1. **type and dyad**: the fusion group (type family | status class | actor
   codes | recipient codes) must match exactly, so groups never interact;
2. **date window**: inside a group a report is linked only to reports whose
   day (its own day when dated to the day, else its publication date) lies
   within ``WINDOW_DAYS`` of its own. Sorting a group's distinct days and
   cutting wherever two neighbours are more than ``WINDOW_DAYS`` apart gives
   blocks that no rule crosses; reports with neither a day nor a publication
   date form a block of their own. Clustering each block gives what clustering
   the whole group gives (the fused ids derive from group, day and country).

A block is one pandas frame in ``applyInPandas``; its fused events are summarised
there as the store summarises them (representative = earliest report, most
specific date, counts of mentions, articles and sources).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import Any

from ..fuse import WINDOW_DAYS, Report, cluster
from ..store.fusion import REPORT_COLUMNS, fused_row

__all__ = ["REPORT_COLUMNS", "FUSED_COLUMNS", "fuse_block", "fuse", "fused_with_members", "block_reports"]


def _fused_columns() -> list[tuple[str, str]]:
    from ..store.schema import TABLES

    return list(TABLES["fused_events"])


FUSED_COLUMNS: list[tuple[str, str]] = _fused_columns()


def _value(v: Any) -> Any:
    """pandas' missing values (None, NaN, NaT) as None; timestamps as dates."""
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    try:
        import pandas as pd

        if v is pd.NaT:
            return None
        if isinstance(v, pd.Timestamp):
            return v.date()
    except ImportError:  # pragma: no cover
        pass
    if isinstance(v, dt.datetime):
        return v.date()
    return v


def fuse_block(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fused events (the store's ``fused_events`` columns plus ``members``) of one block of records."""
    recs = [{k: _value(r.get(k)) for k in REPORT_COLUMNS} for r in records]
    reports = [
        Report(id=r["id"], group=r["fuse_group"], date=r["date"], date_precision=r["date_precision"],
               publication_date=r["publication_date"], country=r["loc_country"])
        for r in recs
    ]
    assignment = cluster(reports)
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in recs:
        members[assignment[r["id"]]].append(r)
    out = []
    for fid, ms in members.items():
        # the store's own summary of a fused event
        row = fused_row(fid, ms)
        row["members"] = sorted(r["id"] for r in ms)
        out.append(row)
    return out


def _fuse_frame(frame):
    from .code import object_frame

    names = [c for c, _ in FUSED_COLUMNS] + ["members"]
    return object_frame(fuse_block(frame.to_dict("records")), names)


def block_reports(events):
    """`events` with a ``block`` column: reports in different blocks never fuse (see above)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    exact = F.when(
        (F.col("date_precision") == "day") & (F.length("date") == 10), F.expr("try_to_date(date, 'yyyy-MM-dd')")
    )
    events = events.withColumn("_anchor", F.coalesce(exact, F.col("publication_date").cast("date")))
    days = events.select("fuse_group", "_anchor").where(F.col("_anchor").isNotNull()).distinct()
    w = Window.partitionBy("fuse_group").orderBy("_anchor")
    gap = F.datediff(F.col("_anchor"), F.lag("_anchor").over(w))
    days = days.withColumn("_cut", F.when(gap > WINDOW_DAYS, 1).otherwise(0))
    days = days.withColumn("block", F.sum("_cut").over(w.rowsBetween(Window.unboundedPreceding, 0)))
    out = events.join(days.select("fuse_group", "_anchor", "block"), ["fuse_group", "_anchor"], "left")
    return out.withColumn("block", F.coalesce(F.col("block"), F.lit(-1))).drop("_anchor")


def fused_with_members(events):
    """One row per fused event (the store's ``fused_events`` columns) plus ``members``, its record ids."""
    from .session import spark_type_ddl

    schema = ", ".join(f"`{c}` {spark_type_ddl(t)}" for c, t in FUSED_COLUMNS) + ", members array<string>"
    blocked = block_reports(events.select(*REPORT_COLUMNS))
    return blocked.groupBy("fuse_group", "block").applyInPandas(_fuse_frame, schema=schema)


def fuse(events):
    """Fuse an events DataFrame (the store's ``events`` layout, as `dotterel spark` writes it).

    Returns ``(fused_events, fused_mentions)``: one row per real-world event
    (the store's ``fused_events`` columns) and one row per record with its
    ``fused_id``. Both derive from one clustering; persist `fused_with_members`
    yourself when you write both.
    """
    from pyspark.sql import functions as F

    fused = fused_with_members(events)
    return fused.drop("members"), fused.select(F.explode("members").alias("event_id"), "fused_id")
