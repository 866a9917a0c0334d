"""Benchmark: the web app's data over one million fused events in DuckDB.

    .venv/bin/python benchmarks/bench_web.py [--rows 1000000] [--db PATH] [--repeat 3]

Builds a store of synthetic rows (numpy + Arrow, bulk inserted; not coded text): documents,
events with a short JSON record, actors, dyads, fused events (one per record) with places for
a share of them, a fifth reported twice. Then opens it as `dotterel serve` does (read-only) and times each page's JSON
twin through the app with its cache off (query + JSON encoding; best of --repeat after one warm-up), unfiltered and
with typical filters, plus the whole HTML overview page. Targets: every page's data < 300 ms,
the overview < 1 s. Not a timed test: it prints figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bench_dyads import CODES, GOLD, QUAD, TYPES  # noqa: E402  (the same synthetic tables)

STATUS = np.array(["occurred"] * 7 + ["future", "negated", "ongoing"])
CITIES = [("Washington", "USA", 38.9, -77.04), ("Beijing", "CHN", 39.9, 116.4), ("Moscow", "RUS", 55.75, 37.62),
          ("Kyiv", "UKR", 50.45, 30.52), ("New Delhi", "IND", 28.61, 77.21), ("Tokyo", "JPN", 35.69, 139.69),
          ("Nairobi", "KEN", -1.29, 36.82), ("Paris", "FRA", 48.86, 2.35)]


def build(path: str, n: int) -> float:
    from dotterel.store import open_store

    rng = np.random.default_rng(7)
    src = rng.integers(0, len(CODES), n)
    tgt = (src + rng.integers(1, len(CODES), n)) % len(CODES)
    typ = rng.integers(0, len(TYPES), n)
    status = STATUS[rng.integers(0, len(STATUS), n)]
    day = np.datetime64("2015-01-01") + rng.integers(0, 3650, n).astype("timedelta64[D]")
    conf = np.round(rng.uniform(0.3, 1.0, n), 3)
    ids = np.char.add("ev-", np.char.zfill(np.arange(n).astype(str), 16))
    fids = np.char.add("fe-", np.char.zfill(np.arange(n).astype(str), 16))
    docs = np.char.add("doc-", (np.arange(n) // 5).astype(str))
    where = rng.integers(0, 10, n)  # 0-2: a city with coordinates; 3: a country only; else none
    city = rng.integers(0, len(CITIES), n)
    loc_name = np.where(where <= 2, np.array([c[0] for c in CITIES])[city],
                        np.where(where == 3, CODES[tgt], None)).astype(object)
    loc_country = np.where(where <= 2, np.array([c[1] for c in CITIES])[city],
                           np.where(where == 3, CODES[tgt], None)).astype(object)
    lat = np.where(where <= 2, np.array([c[2] for c in CITIES])[city], np.nan)
    lon = np.where(where <= 2, np.array([c[3] for c in CITIES])[city], np.nan)
    text = np.char.add(np.char.add(CODES[src], " and "), CODES[tgt])
    text = np.char.add(text, " synthetic sentence about talks, sanctions and aid.")
    id_arr = pa.array(ids)
    record = pc.binary_join_element_wise(
        '{"id": "', id_arr, '", "doc_id": "', pa.array(docs), '", "event": "', pa.array(TYPES[typ]),
        '", "status": "', pa.array(status), '", "event_text": "', pa.array(text),
        '", "actor": [], "recipient": [], "trigger": [], "flags": []}', "")

    t0 = time.perf_counter()
    store = open_store(path)
    con = store.backend.con
    ndocs = (n + 4) // 5
    tables = {
        "documents": pa.table({
            "doc_id": np.char.add("doc-", np.arange(ndocs).astype(str)), "title": np.full(ndocs, "A synthetic article"),
            "publisher": np.full(ndocs, "bench wire"), "pub_date": np.full(ndocs, np.datetime64("2024-01-01")),
            "text": np.full(ndocs, "synthetic"), "n_events": np.full(ndocs, 5)}),
        "events": pa.table({
            "id": id_arr, "doc_id": docs, "sentence_index": np.arange(n) % 5, "event": TYPES[typ], "status": status,
            "actor_codes": CODES[src], "recipient_codes": CODES[tgt], "day": day, "date": day.astype(str),
            "quad_code": QUAD[typ], "goldstein": GOLD[typ], "event_text": text, "confidence": conf,
            "loc_name": pa.array(loc_name, pa.string()), "loc_country": pa.array(loc_country, pa.string()),
            "lat": pa.array(lat, from_pandas=True), "lon": pa.array(lon, from_pandas=True),
            "publisher": np.full(n, "bench wire"), "publication_date": day, "n_reports": np.ones(n, dtype=np.int64),
            "record": record}),
        "fused_events": pa.table({
            "fused_id": fids, "fuse_group": np.char.add(TYPES[typ], CODES[src]), "rep_event_id": id_arr,
            "event": TYPES[typ], "status": status, "actor_codes": CODES[src], "recipient_codes": CODES[tgt],
            "day": day, "date": day.astype(str), "quad_code": QUAD[typ], "goldstein": GOLD[typ], "confidence": conf,
            "loc_name": pa.array(loc_name, pa.string()), "loc_country": pa.array(loc_country, pa.string()),
            "n_mentions": np.where(rng.random(n) < 0.2, 2, 1), "n_articles": np.ones(n, dtype=np.int64),
            "n_sources": np.ones(n, dtype=np.int64), "first_report": day, "last_report": day, "event_text": text}),
        "actors": pa.table({
            "event_id": np.concatenate([ids, ids]), "role": np.repeat(["actor", "recipient"], n),
            "position": np.zeros(2 * n, dtype=np.int64), "code": np.concatenate([CODES[src], CODES[tgt]]),
            "sector": np.full(2 * n, "GOV"), "text": np.concatenate([CODES[src], CODES[tgt]]),
            "name": np.concatenate([np.char.add("Minister of ", CODES[src]), np.char.add("Minister of ", CODES[tgt])])}),
        "event_dyads": pa.table({"event_id": id_arr, "source": CODES[src], "target": CODES[tgt]}),
        "fused_mentions": pa.table({"event_id": id_arr, "fused_id": fids}),
    }
    for name, table in tables.items():
        con.register("_bench", table)
        cols = ", ".join(table.column_names)
        con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _bench")
        con.unregister("_bench")
    con.execute("CHECKPOINT")
    store.close()
    return time.perf_counter() - t0


CASES = [
    # (label, URL, target seconds)
    ("overview (JSON)", "/api/overview", 1.0),
    ("overview (HTML page)", "/", 1.0),
    ("overview, actor=USA since 2020", "/api/overview?actor=USA&since=2020", 1.0),
    ("timeline by month", "/api/timeline", 0.3),
    ("timeline by week, dyad USA-CHN (both directions)", "/api/timeline?by=week&dyad=USA-CHN", 0.3),
    ("timeline, named actor 'Minister of IND'", "/api/timeline?name=Minister%20of%20IND", 0.3),
    ("map", "/api/map", 0.3),
    ("map, type=ASSAULT since 2022", "/api/map?type=ASSAULT&since=2022", 0.3),
    ("network (60 edges)", "/api/network", 0.3),
    ("network, min_confidence=0.9", "/api/network?min_confidence=0.9", 0.3),
    ("evidence, first page (20 events)", "/api/evidence", 0.3),
    ("evidence, country=UKR status=future", "/api/evidence?country=UKR&status=future", 0.3),
    ("evidence, text search 'sanctions'", "/api/evidence?text=sanctions&actor=RUS", 0.3),
    ("events, first page (50 rows + total)", "/api/events?limit=50", 0.3),
    ("events, page 100 (offset 4,950)", "/api/events?offset=4950&limit=50", 0.3),
    ("one event", "/api/events/fe-{middle:016d}", 0.3),  # an event in the middle of the table
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--db", default=None, help="reuse (or build) this store file")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    path = args.db or os.path.join(tempfile.mkdtemp(), "bench_web.duckdb")
    if not os.path.exists(path):
        load = build(path, args.rows)
        print(f"built {args.rows:,} fused events (+ records, actors, dyads, documents) in {load:.1f} s")
    from fastapi.testclient import TestClient

    from dotterel.web import create_app

    client = TestClient(create_app(path, cache=False))  # time the queries, not the cache
    met = True
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{'page data':52} {'wall':>8} {'CPU':>8} {'target':>7}")
    for label, url, target in CASES:
        url = url.format(middle=args.rows // 2) if "{middle" in url else url
        r = client.get(url)  # warm-up
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
        walls, cpus = [], []
        for _ in range(args.repeat):
            t, c = time.perf_counter(), time.process_time()
            r = client.get(url)
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        best = min(walls)
        ok = best < target
        met &= ok
        print(f"{label:52} {best * 1000:5.0f} ms {min(cpus) * 1000:5.0f} ms {target * 1000:5.0f} ms"
              f"{'' if ok else '  NOT met'}")
    # wall: best elapsed time; CPU: best CPU time of this process, all its threads together (on a
    # busy machine wall time mostly measures waiting for a core; CPU time does not)
    print(f"all targets {'met' if met else 'NOT met'} on wall time ({dt.date.today()}, {os.cpu_count()} CPUs, "
          f"load average {load:.1f} when it started)")


if __name__ == "__main__":
    main()
