"""The corpus store on both backends: idempotent, crash-safe ingest, fusion across documents, queries.

PostgreSQL variants are marked `postgres` and skip unless DOTTEREL_TEST_PG points at a
reachable server (.ci/postgres.sh starts one).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dotterel import Document, Entity, Event, Sentence, Trigger
from dotterel.errors import StoreError
from dotterel.store import open_store
from dotterel.store.testing import fake_pipeline, postgres_schema_url

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "duckdb":
        yield str(tmp_path / "store.duckdb")
        return
    try:
        url, drop = postgres_schema_url()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    yield url
    drop()


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


def doc(text, date, publisher, **kw):
    return Document.from_text(text, date=date, publisher=publisher, **kw)


# Three rewrites of one wire story about fictional countries, and a similar later event.
WIRE = [
    doc("Freedonia imposed sanctions on Sylvania on 2024-03-05 in Paris. Officials declined to comment.",
        "2024-03-05", "Wire One"),
    doc("Officials said on Tuesday that Freedonia sanctioned Sylvania. Markets fell.", "2024-03-05",
        "Daily Two"),
    doc("Markets were calm. Freedonia sanctioned Sylvania, a spokesman said. Freedonia sanctioned Sylvania "
        "again, the minister repeated.", "2024-03-06", "Weekly Three"),
    doc("Freedonia sanctioned Sylvania on 2024-03-20 over a border dispute.", "2024-03-20", "Wire One"),
    doc("Kenya and Norway met in Oslo on 2024-03-05. Ruritania accused Freedonia.", "2024-03-05", "Daily Two"),
]


def test_ingest_is_idempotent_and_records_failures(store):
    bad = doc("FAIL-THIS-DOCUMENT Freedonia sanctioned Sylvania.", "2024-03-05", "X")
    first = store.ingest(WIRE + [bad], pipeline=fake_pipeline())
    assert (first.stored, first.failed, first.skipped) == (5, 1, 0)
    again = store.ingest(WIRE + [bad] + [WIRE[0]], pipeline=fake_pipeline())
    assert (again.stored, again.skipped, again.events) == (0, 6, 0)
    st = store.status()
    assert st["documents"] == 5 and st["failures"] == 1 and st["unfused"] == 0
    assert st["events"] == 6  # the rewrite that repeats itself is fused inside its document
    assert st["failure_list"][0]["doc_id"] == bad.id
    assert "told to fail" in st["failure_list"][0]["reason"]
    ids = store.events()["id"]
    assert ids.is_unique


def test_cross_document_fusion_of_wire_rewrites(store):
    store.ingest(WIRE, pipeline=fake_pipeline())
    fused = store.events(fused=True, type="SANCTION")
    assert len(fused) == 2
    story = fused.iloc[0]
    assert (story.n_articles, story.n_sources, story.n_mentions) == (3, 3, 4)
    assert str(story.day) == "2024-03-05" and story.date_precision == "day"
    assert str(story.first_report) == "2024-03-05" and str(story.last_report) == "2024-03-06"
    assert story.loc_country == "FRA"
    later = fused.iloc[1]
    assert (later.n_articles, str(later.day)) == (1, "2024-03-20")
    raw = store.events(type="SANCTION")
    assert len(raw) == 4  # every report stays queryable
    assert (raw["fused_id"] == story.fused_id).sum() == 3


def test_fusion_after_more_documents_arrive_is_order_independent(db_url, tmp_path):
    with open_store(db_url) as s:
        s.ingest(WIRE[2:], pipeline=fake_pipeline())
        s.ingest(WIRE[:2], pipeline=fake_pipeline())
        one = s.events(fused=True).drop(columns=["rep_event_id", "event_text"]).to_dict("records")
    with open_store(str(tmp_path / "other.duckdb")) as s:
        s.ingest(WIRE, pipeline=fake_pipeline())
        two = s.events(fused=True).drop(columns=["rep_event_id", "event_text"]).to_dict("records")
    assert sorted(one, key=lambda r: r["fused_id"]) == sorted(two, key=lambda r: r["fused_id"])


def test_event_filters(store):
    store.ingest(WIRE, pipeline=fake_pipeline())
    assert set(store.events(actor="FRE")["event"]) == {"SANCTION"}
    assert set(store.events(recipient="FRE")["event"]) == {"ACCUSE"}
    assert len(store.events(dyad="KEN-NOR")) == len(store.events(dyad="NOR-KEN")) == 1  # reciprocal
    assert len(store.events(dyad="SYL-FRE")) == 0
    assert set(store.events(quad=3)["event"]) == {"ACCUSE"}
    assert len(store.events(type="SANCTION,ACCUSE")) == 5
    assert len(store.events(type="SANCTION", since="2024-03-06")) == 2
    assert len(store.events(type="SANCTION", until="2024-03")) == 4
    assert len(store.events(text="border dispute")) == 1
    assert len(store.events(status="future")) == 0
    assert len(store.events(limit=2)) == 2
    with pytest.raises(StoreError, match="not a date"):
        store.events(since="last week")
    with pytest.raises(StoreError, match="SOURCE-TARGET"):
        store.events(dyad="FRE")


def test_dyad_series(store):
    store.ingest(WIRE, pipeline=fake_pipeline())
    df = store.dyads(by="month")
    rows = {(r.source, r.target): r for r in df.itertuples()}
    assert set(rows) == {("FRE", "SYL"), ("KEN", "NOR"), ("NOR", "KEN"), ("RUR", "FRE")}
    fs = rows[("FRE", "SYL")]
    assert (str(fs.period), fs.events, fs.quad4, fs.quad1) == ("2024-03-01", 2, 2, 0)
    assert fs.goldstein < 0
    assert rows[("KEN", "NOR")].quad1 == 1
    days = store.dyads(by="day", actor="FRE", recipient="SYL")
    assert [str(d) for d in days["period"]] == ["2024-03-05", "2024-03-20"]
    with pytest.raises(StoreError):
        store.dyads(by="fortnight")


def test_two_workers_store_the_same_as_one(db_url, tmp_path):
    with open_store(db_url) as s:
        rep = s.ingest(WIRE * 3, workers=2, pipeline=fake_pipeline(), chunk_size=1)
        assert rep.stored == 5 and rep.skipped == 10
        two = sorted(s.events()["id"])
    with open_store(str(tmp_path / "one.duckdb")) as s:
        s.ingest(WIRE, pipeline=fake_pipeline())
        assert sorted(s.events()["id"]) == two


def test_store_already_coded_documents(store):
    text = "Freedonia sanctioned Sylvania."
    d = Document.from_text(text, date="2024-01-02", publisher="P")
    d.sentences = [Sentence(0, 0, len(text), 0)]
    d.events = [Event("SANCTION", 0, [Trigger("sanctioned", 10, 20)],
                      actor=[Entity("Freedonia", "FRE")], recipient=[Entity("Sylvania", "SYL")])]
    store.add([d])
    rec = next(store.records())
    assert rec["doc_id"] == d.id and rec["actor"][0]["code"] == "FRE"
    assert store.status()["fused_events"] == 1


def test_duckdb_file_in_use_is_a_clean_error(tmp_path):
    path = str(tmp_path / "locked.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({path!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use"):
            open_store(path)
    finally:
        holder.kill()
        holder.wait()


def _write_corpus(folder: Path, n: int) -> None:
    countries = ["Freedonia", "Sylvania", "Ruritania", "Kenya", "Norway", "Chile"]
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = countries[i % 6], countries[(i + 1 + i // 6) % 6]
            if a == b:
                b = "Mexico"
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            text = f"Report {i}: {a} accused {b} on {day}. {a} and {b} met in Geneva."
            fh.write(json.dumps({"id": f"gen-{i:05d}", "text": text, "date": day,
                                 "publisher": f"Paper {i % 7}"}) + "\n")


def test_sigkill_mid_run_then_rerun_stores_every_document_once(db_url, tmp_path):
    n = 300
    _write_corpus(tmp_path, n)
    env = dict(os.environ, DOTTEREL_FAKE_DELAY="0.01", PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "dotterel.cli.main", "ingest", str(tmp_path / "corpus.jsonl"), "--db", db_url,
           "--pipeline", "dotterel.store.testing:fake_pipeline", "--batch-size", "10", "--no-progress", "-v"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    committed = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("committed"):
            committed = int(line.split()[1])
            if committed >= 50:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    with open_store(db_url) as s:
        stored = s.status()["documents"]
    assert committed <= stored < n
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(db_url) as s:
        st = s.status()
        assert st["documents"] == n and st["failures"] == 0 and st["unfused"] == 0
        assert st["events"] == 2 * n
        docs = s.backend.query("SELECT count(DISTINCT doc_id), count(*) FROM documents")[0]
        assert tuple(docs) == (n, n)
        ev = s.backend.query("SELECT count(DISTINCT id), count(*) FROM events")[0]
        assert tuple(ev) == (2 * n, 2 * n)
        fm = s.backend.query("SELECT count(*) FROM fused_mentions")[0][0]
        assert fm == 2 * n
