"""Benchmark: a monthly dyad series over one million fused events in DuckDB (target < 1 s).

    .venv/bin/python benchmarks/bench_dyads.py [--rows 1000000] [--db PATH]

Synthetic rows (numpy + Arrow, bulk inserted) go straight into the store's
tables: events, fused_events (one per event) and event_dyads; then
Store.dyads(by="month") is timed (best of 3, after one warm-up).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time

import numpy as np
import pyarrow as pa

from dotterel.store import open_store

CODES = np.array(["USA", "CHN", "RUS", "UKR", "IND", "JPN", "AUS", "FRA", "DEU", "GBR", "BRA", "KEN",
                  "NOR", "IRN", "ISR", "TUR", "PAK", "MEX", "CAN", "ZAF"])
TYPES = np.array(["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
                  "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"])
QUAD = np.array([1, 1, 1, 2, 2, 1, 3, 3, 3, 3, 4, 4, 4, 4])
GOLD = np.array([4.0, 1.0, 3.0, 6.0, 7.0, -0.1, -2.0, -4.0, -4.4, -5.0, -8.0, -6.4, -7.0, -10.0])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    n = args.rows
    path = args.db or os.path.join(tempfile.mkdtemp(), "bench_dyads.duckdb")
    rng = np.random.default_rng(7)
    src = rng.integers(0, len(CODES), n)
    tgt = (src + rng.integers(1, len(CODES), n)) % len(CODES)
    typ = rng.integers(0, len(TYPES), n)
    start = np.datetime64("2015-01-01")
    day = start + rng.integers(0, 3650, n).astype("timedelta64[D]")
    ids = np.char.add("ev-", np.char.zfill(np.arange(n).astype(str), 16))
    fids = np.char.add("fe-", np.char.zfill(np.arange(n).astype(str), 16))

    t0 = time.perf_counter()
    store = open_store(path)
    con = store.backend.con
    events = pa.table({
        "id": ids, "doc_id": np.char.add("doc-", (np.arange(n) // 5).astype(str)),
        "sentence_index": np.arange(n) % 5, "event": TYPES[typ], "status": np.full(n, "occurred"),
        "actor_codes": CODES[src], "recipient_codes": CODES[tgt], "day": day,
        "quad_code": QUAD[typ], "goldstein": GOLD[typ], "event_text": np.full(n, "synthetic"),
    })
    fused = pa.table({
        "fused_id": fids, "fuse_group": np.char.add(TYPES[typ], CODES[src]), "rep_event_id": ids,
        "event": TYPES[typ], "status": np.full(n, "occurred"), "actor_codes": CODES[src],
        "recipient_codes": CODES[tgt], "day": day, "quad_code": QUAD[typ], "goldstein": GOLD[typ],
        "n_mentions": np.ones(n, dtype=np.int64), "event_text": np.full(n, "synthetic"),
    })
    dyads = pa.table({"event_id": ids, "source": CODES[src], "target": CODES[tgt]})
    fm = pa.table({"event_id": ids, "fused_id": fids})
    for name, table in (("events", events), ("fused_events", fused), ("event_dyads", dyads),
                        ("fused_mentions", fm)):
        con.register("_bench", table)
        cols = ", ".join(table.column_names)
        con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _bench")
        con.unregister("_bench")
    load = time.perf_counter() - t0
    store.dyads(by="month")  # warm-up
    times = []
    for _ in range(3):
        t = time.perf_counter()
        df = store.dyads(by="month")
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    one = store.dyads(by="month", dyad="USA-CHN", since="2018-01-01")
    filtered = time.perf_counter() - t
    store.close()
    print(f"rows: {n:,} fused events (+ events, dyads, mentions), inserted in {load:.2f} s")
    print(f"monthly dyad series, all dyads: {len(df):,} rows in {min(times):.3f} s (best of 3)")
    print(f"monthly series for USA-CHN since 2018: {len(one)} rows in {filtered:.3f} s")
    print(f"target < 1 s: {'met' if min(times) < 1 else 'NOT met'}  ({dt.date.today()})")


if __name__ == "__main__":
    main()
