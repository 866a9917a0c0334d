"""`dotterel spark` on a real Spark (local[2]): coding, failures, idempotent re-runs, fusion.

These tests start Spark (a JVM) and code a few hundred documents; they are
marked `spark` and `slow`, and skip with the reason where pyspark or Java is
missing (`bash scripts/setup --spark` installs both). One Spark session and one
coding run of the sample corpus are shared by the module, to stay within about
two minutes on two cores.
"""

from __future__ import annotations

import json
import shutil

import pytest

pytestmark = [pytest.mark.spark, pytest.mark.slow]

N_DOCS = 200


@pytest.fixture(scope="module")
def spark():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.skip("pyspark is not installed (bash scripts/setup --spark, or pip install -r requirements/spark.txt)")
    from dotterel.spark.session import get_session, java_problem

    problem = java_problem()
    if problem:
        pytest.skip(f"Spark cannot start: {problem}")
    session = get_session("local[2]", app_name="dotterel-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from dotterel.spark.testing import POISON, sample_corpus, write_jsonl

    items = sample_corpus(N_DOCS)
    items.insert(17, {"id": "poisoned-doc", "date": "2024-03-05",
                      "text": f"Kenya accused Uganda of violating the border deal. {POISON}"})
    path = write_jsonl(items, tmp_path_factory.mktemp("corpus") / "corpus.jsonl")
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "text": "no closing quote}\n')
    return path, items


@pytest.fixture(scope="module")
def coded(spark, corpus, tmp_path_factory):
    """One run of the whole job: records, POLECAT, GDELT, fusion and a DuckDB store."""
    from dotterel.spark import run

    base = tmp_path_factory.mktemp("spark-out")
    out, db = base / "out", base / "store.duckdb"
    report = run(spark, [str(corpus[0])], str(out), pipeline="dotterel.spark.testing:poisoned_pipeline",
                 formats=("records", "polecat", "gdelt"), fuse_events=True, store=str(db))
    return out, db, report


def _parquet(path):
    import pandas as pd

    return pd.read_parquet(path)


def _norm(*values):
    """Values from Parquet (pandas) and from the store compared alike: missing is None, days are dates."""
    import pandas as pd

    out = []
    for v in values:
        if v is None or (not isinstance(v, (list, set, tuple)) and pd.isna(v)):
            v = None
        elif isinstance(v, pd.Timestamp):
            v = v.date()
        out.append(v)
    return tuple(out)



def test_a_local_session_runs_the_jvm_lean_so_it_leaves_the_cores_to_the_workers(spark):
    from dotterel.spark.session import LOCAL_JAVA_OPTIONS

    options = spark.sparkContext.getConf().get("spark.driver.extraJavaOptions") or ""
    assert LOCAL_JAVA_OPTIONS in options
    # the JVM that runs really took them: the quick compiler only
    runtime = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean()
    assert "-XX:TieredStopAtLevel=1" in list(runtime.getInputArguments())

def test_records_equal_dotterel_extract(coded, corpus, full_pipeline):
    """Same documents coded by Spark and by `dotterel extract`: same ids, same records."""
    from dotterel import extract

    out, _, report = coded
    spark_records = {}
    for rec in _parquet(out / "events")["record"]:
        r = json.loads(rec)
        assert r["id"] not in spark_records, "an event id written twice"
        spark_records[r["id"]] = r
    local = {}
    for doc, records in extract([str(corpus[0])], pipeline=full_pipeline):
        if (doc.doc_id if hasattr(doc, "reason") else doc.id) == "poisoned-doc":
            continue
        for r in records:
            local[r["id"]] = r
    assert len(local) > N_DOCS / 2  # the corpus codes into events at all
    assert spark_records.keys() == local.keys()
    for key, rec in local.items():
        assert spark_records[key] == rec, key
    docs = _parquet(out / "documents")
    assert len(docs) == report["documents"] == N_DOCS
    assert docs["doc_id"].is_unique


def test_poisoned_document_is_a_failure_row(coded):
    out, _, report = coded
    failures = _parquet(out / "failures").set_index("doc_id")
    assert report["failures"] == len(failures) == 2
    poisoned = failures.loc["poisoned-doc"]
    assert poisoned["stage"] == "poison"
    assert "POISON-PILL" in poisoned["reason"]
    broken = failures[failures["stage"] == "read"]
    assert len(broken) == 1 and "E104" in broken["reason"].iloc[0]
    assert broken["source"].iloc[0].endswith("corpus.jsonl")
    docs = set(_parquet(out / "documents")["doc_id"])
    assert "poisoned-doc" not in docs


def test_events_are_partitioned_by_month(coded):
    out, _, _ = coded
    parts = sorted(p.name for p in (out / "events").iterdir() if p.name.startswith("date_part="))
    events = _parquet(out / "events")
    months = {d.strftime("%Y-%m") for d in events["day"].dropna()}
    assert {p.removeprefix("date_part=") for p in parts} >= months
    assert "date_part=2024-03" in parts


def test_store_append_and_fusion_match_the_single_machine_store(coded):
    """The store got every record; Spark's fused events equal the store's own fusion of them."""
    from dotterel import open_store

    out, db, report = coded
    events = _parquet(out / "events")
    with open_store(str(db)) as store:
        stored = store.events()
        assert set(stored["id"]) == set(events["id"])
        assert store.status()["failures"] == 2
        q = store.backend.query
        store_fused = {r[0]: r[1:] for r in q(
            "SELECT fused_id, rep_event_id, n_mentions, n_articles, n_sources, date, day, first_report, "
            "last_report, loc_country FROM fused_events")}
        store_members = {}
        for eid, fid in q("SELECT event_id, fused_id FROM fused_mentions"):
            store_members.setdefault(fid, set()).add(eid)
    fused = _parquet(out / "fused_events")
    assert report["fused_events"] == len(fused) == len(store_fused)
    assert (fused["n_articles"] > 1).sum() >= 5  # rewrites of one story did fuse across documents
    for row in fused.itertuples():
        s = store_fused[row.fused_id]
        assert _norm(row.rep_event_id, row.n_mentions, row.n_articles, row.n_sources, row.date, row.day,
                     row.first_report, row.last_report, row.loc_country) == _norm(*s)
    mentions = _parquet(out / "fused_mentions")
    spark_members = mentions.groupby("fused_id")["event_id"].apply(set).to_dict()
    assert spark_members == store_members


def test_polecat_and_gdelt_layouts(coded):
    from dotterel.store.export import GDELT_COLUMNS, POLECAT_COLUMNS

    out, _, report = coded
    gdelt, polecat = _parquet(out / "gdelt"), _parquet(out / "polecat")
    assert len(gdelt) == len(polecat) == report["fused_events"]
    assert list(gdelt.columns) == GDELT_COLUMNS
    assert list(polecat.columns) == [c.replace(" ", "_") for c in POLECAT_COLUMNS]
    fused = _parquet(out / "fused_events").set_index("fused_id")
    for row in polecat.itertuples():
        f = fused.loc[row.Event_ID]
        assert row.Event_Type == f["event"]
        assert row.Source == f"{f['n_sources']} source(s), {f['n_mentions']} mention(s)"
    assert set(gdelt["NumArticles"].astype(int)) == set(fused["n_articles"])


def test_rerun_appends_nothing_twice(spark, coded, corpus, tmp_path):
    """Re-running on documents already coded adds nothing; new documents are added once."""
    from dotterel import open_store
    from dotterel.spark import run
    from dotterel.spark.testing import sample_corpus, write_jsonl

    out, db, first = coded
    copy_out, copy_db = tmp_path / "out", tmp_path / "store.duckdb"
    shutil.copytree(out, copy_out)
    shutil.copy(db, copy_db)
    old = corpus[1][:12]
    new = [dict(item, id=f"new-{i}", text=item["text"] + " Talks are due to resume.")
           for i, item in enumerate(sample_corpus(40)[-5:])]
    path = write_jsonl(old + new, tmp_path / "again.jsonl")
    report = run(spark, [str(path)], str(copy_out), pipeline="dotterel.spark.testing:poisoned_pipeline",
                 mode="append", fuse_events=True, store=str(copy_db))
    events = _parquet(copy_out / "events")
    assert events["id"].is_unique
    docs = _parquet(copy_out / "documents")
    assert docs["doc_id"].is_unique and len(docs) == N_DOCS + 5
    assert report["store"]["documents"] == 5
    with open_store(str(copy_db)) as store:
        assert store.status()["documents"] == N_DOCS + 5
        assert set(store.events()["id"]) == set(events["id"])
    fused = _parquet(copy_out / "fused_events")
    assert fused["fused_id"].is_unique
    assert len(events) > len(_parquet(out / "events"))


def test_fusion_with_windows_equals_the_store(spark, tmp_path):
    """Hundreds of same-dyad reports days apart (fake coder): Spark's blocks fuse as the store does."""
    from dotterel import open_store
    from dotterel.spark import run
    from dotterel.spark.testing import fusion_corpus, write_jsonl
    from dotterel.store.testing import fake_pipeline

    path = write_jsonl(fusion_corpus(400), tmp_path / "fz.jsonl")
    report = run(spark, [str(path)], str(tmp_path / "out"), pipeline="dotterel.store.testing:fake_pipeline",
                 fuse_events=True)
    with open_store(str(tmp_path / "single.duckdb")) as store:
        store.ingest([str(path)], pipeline=fake_pipeline())
        rows = store.backend.query(
            "SELECT f.fused_id, f.rep_event_id, f.n_mentions, f.n_articles, f.n_sources, f.date, "
            "f.first_report, f.last_report, f.loc_country, m.event_id FROM fused_events f "
            "JOIN fused_mentions m USING (fused_id)")
    expected: dict[str, tuple] = {}
    for *head, eid in rows:
        h = _norm(*head)
        expected.setdefault(h, set()).add(eid)
    fused = _parquet(tmp_path / "out" / "fused_events")
    members = _parquet(tmp_path / "out" / "fused_mentions").groupby("fused_id")["event_id"].apply(set)
    got = {}
    for r in fused.itertuples():
        head = _norm(r.fused_id, r.rep_event_id, r.n_mentions, r.n_articles, r.n_sources, r.date,
                     r.first_report, r.last_report, r.loc_country)
        got[head] = members[r.fused_id]
    from dotterel.spark.fusion import block_reports

    events = spark.read.parquet(str(tmp_path / "out" / "events"))
    blocks = block_reports(events).select("fuse_group", "block").distinct().count()
    groups = events.select("fuse_group").distinct().count()
    assert blocks > 2 * groups  # the date windows did cut groups into blocks
    assert report["fused_events"] == len(expected) > 100
    assert sum(len(v) > 1 for v in expected.values()) > 30  # fusion had work to do
    assert got == expected


def test_reads_parquet_and_folders_of_text_and_html(spark, corpus, tmp_path):
    """Parquet rows and text/HTML files get the ids and records `dotterel extract` gives them."""
    import pandas as pd

    from dotterel import extract
    from dotterel.spark import run
    from dotterel.store.testing import fake_pipeline

    items = [i for i in corpus[1] if i["id"].startswith("sample-")][:20]
    pd.DataFrame(items).to_parquet(tmp_path / "docs.parquet")
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    for i, item in enumerate(items[:8]):
        (folder / ("sub" if i % 2 else "") / f"a{i}.txt").write_text(item["text"], encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><title>Talks</title></head><body><article><p>India and Japan met in Tokyo on "
        "2024-03-05 to discuss trade, officials said on Tuesday evening.</p></article></body></html>",
        encoding="utf-8")
    (folder / ".hidden.txt").write_text("Russia accused Ukraine.", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00 not text")
    fake = "dotterel.store.testing:fake_pipeline"
    for src, out in ((tmp_path / "docs.parquet", tmp_path / "o1"), (folder, tmp_path / "o2")):
        report = run(spark, [str(src)], str(out), pipeline=fake)
        expected_docs, expected_ids, failed = set(), set(), set()
        for doc, records in extract([str(src)] if src == folder else [d for d in _jsonl_docs(items)],
                                    pipeline=fake_pipeline()):
            if hasattr(doc, "reason"):
                failed.add(doc.doc_id)
                continue
            expected_docs.add(doc.id)
            expected_ids.update(r["id"] for r in records)
        assert set(_parquet(out / "documents")["doc_id"]) == expected_docs
        assert set(_parquet(out / "events")["id"]) == expected_ids and expected_ids
        assert set(_parquet(out / "failures")["doc_id"]) == failed
        assert report["documents"] == len(expected_docs)
    assert failed  # the binary file is a failure row; the hidden one is not read


def _jsonl_docs(items):
    from dotterel.ingest.jsonl import jsonl_documents

    text = "\n".join(json.dumps(i) for i in items)
    return list(jsonl_documents(text, source="x"))


def test_a_job_that_finds_no_events_still_fuses_and_can_be_appended_to(spark, tmp_path):
    """No event at all leaves events/ without a Parquet file: --fuse and a later --mode append
    read it back (they failed with Spark's UNABLE_TO_INFER_SCHEMA traceback)."""
    from dotterel.spark import run
    from dotterel.spark.testing import write_jsonl

    fake, out = "dotterel.store.testing:fake_pipeline", tmp_path / "out"
    quiet = write_jsonl([{"id": "calm-1", "date": "2024-03-05", "text": "Nothing happened here."}],
                        tmp_path / "quiet.jsonl")
    report = run(spark, [str(quiet)], str(out), pipeline=fake, formats=("records", "polecat"), fuse_events=True)
    assert (report["documents"], report["events"], report["fused_events"]) == (1, 0, 0)
    busy = write_jsonl([{"id": "busy-1", "date": "2024-03-06", "text": "Russia accused Ukraine on 2024-03-04."}],
                       tmp_path / "busy.jsonl")
    report = run(spark, [str(busy)], str(out), pipeline=fake, mode="append", fuse_events=True)
    assert report["events"] > 0
    assert set(_parquet(out / "documents")["doc_id"]) == {"calm-1", "busy-1"}
    assert report["fused_events"] == len(_parquet(out / "fused_events")) > 0


def test_a_job_that_spark_cannot_run_is_one_error_line(spark, tmp_path, capsys):
    """A model folder the executors cannot load, or a JSONL file read as Parquet: `dotterel spark`
    says why in one line and exits 1 (it ended in a Python traceback of Spark's exception)."""
    from dotterel.cli.main import main
    from dotterel.spark.testing import write_jsonl

    path = write_jsonl([{"id": "m-1", "text": "Kenya accused Uganda of closing the border."}], tmp_path / "in.jsonl")
    common = [str(path), "--master", "local[2]", "--out"]
    assert main(["spark", *common, str(tmp_path / "o1"), "--model", str(tmp_path / "no-such-model")]) == 1
    err = capsys.readouterr().err
    assert "dotterel spark: error: [E601]" in err and "not a dotterel classifier folder" in err
    assert "Traceback" not in err
    assert main(["spark", *common, str(tmp_path / "o2"), "--input-format", "parquet"]) == 1
    err = capsys.readouterr().err
    assert "dotterel spark: error: [E506]" in err and "in.jsonl" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_output_folder_that_cannot_be_written_is_refused_before_coding(spark, tmp_path):
    """--out naming a file (or a folder inside one) was found out only when the coded rows were
    written, after the whole corpus had been coded, as a traceback of Hadoop's exception."""
    from dotterel.spark import SparkError, run
    from dotterel.spark.testing import write_jsonl

    path = write_jsonl([{"id": "w-1", "text": "Japan sent aid to Brazil."}], tmp_path / "in.jsonl")
    taken = tmp_path / "taken"
    taken.write_text("notes\n", encoding="utf-8")
    for out in (taken, taken / "sub"):
        with pytest.raises(SparkError, match=rf"E505.*--out {out}"):
            run(spark, [str(path)], str(out), pipeline="dotterel.spark.testing:no_such_factory")
    assert taken.read_text(encoding="utf-8") == "notes\n"


def test_store_failures_read_as_dotterel_ingest_writes_them(coded):
    """A read failure is stored with the reader's reason, as `dotterel ingest` stores it; only a
    failure inside a stage names its stage (the store got "stage 'read': invalid JSON ...")."""
    from dotterel import open_store

    _, db, _ = coded
    with open_store(str(db)) as store:
        reasons = dict(store.backend.query("SELECT doc_id, reason FROM failures"))
    assert reasons.pop("poisoned-doc").startswith("stage 'poison': ")
    (broken,) = reasons.values()
    assert broken.startswith("invalid JSON") and broken.endswith("(E104)")


def test_an_empty_file_named_on_the_command_line_is_a_failure_row(spark, tmp_path):
    """Spark reads no row from an empty file: one named as input vanished without a word (exit
    status 0), where `dotterel extract` reports it (E102)."""
    from dotterel.spark import run
    from dotterel.spark.testing import write_jsonl

    good = write_jsonl([{"id": "e-1", "text": "Japan sent aid to Brazil."}], tmp_path / "good.jsonl")
    (tmp_path / "blank.jsonl").write_text("\n  \n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    fake = "dotterel.store.testing:fake_pipeline"
    report = run(spark, [str(good), str(tmp_path / "blank.jsonl")], str(tmp_path / "o1"), pipeline=fake)
    assert (report["documents"], report["failures"]) == (1, 1)
    (failure,) = _parquet(tmp_path / "o1" / "failures").itertuples()
    assert failure.source == str(tmp_path / "blank.jsonl") and "E102" in failure.reason
    (tmp_path / "blank.txt").write_text("\n  \n", encoding="utf-8")
    report = run(spark, [str(tmp_path / "empty.txt"), str(tmp_path / "blank.txt")], str(tmp_path / "o2"),
                 pipeline=fake, input_format="files")
    assert (report["documents"], report["failures"]) == (0, 2)
    assert _parquet(tmp_path / "o2" / "failures")["source"].is_unique
