"""The executor side of `dotterel spark`, without Spark: reading raw rows, coding, failure rows, fusion.

These run in the default test run (no pyspark, no Java, no spaCy: the store's
fake coder); tests/test_spark.py runs the same code on a real Spark.
"""

from __future__ import annotations

import json
import re

from dotterel.document import Document, Failure
from dotterel.ingest import read_path
from dotterel.spark.code import OUTPUT_COLUMNS, code_documents, failure_stage, read_raw
from dotterel.spark.fusion import REPORT_COLUMNS, fuse_block
from dotterel.store.testing import fake_pipeline


def test_a_jsonl_line_reads_as_the_jsonl_reader_reads_it(tmp_path):
    item = {"id": "a1", "text": "Kenya accused Uganda.", "date": "2024-02-01", "publisher": "Wire"}
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    (expected,) = read_path(path)
    (doc,) = read_raw(str(path), "jsonl", json.dumps(item).encode())
    assert isinstance(doc, Document)
    assert (doc.id, doc.text, doc.meta.date, doc.meta.publisher) == (
        expected.id, expected.text, expected.meta.date, expected.meta.publisher)
    assert doc.meta.source == str(path)  # no misleading ":1" line number
    (bad,) = read_raw(str(path), "jsonl", b'{"text": 3}')
    assert isinstance(bad, Failure) and "E104" in bad.reason and bad.source == str(path)


def test_files_read_by_their_names_as_extract_reads_them(tmp_path):
    html = ("<html><head><title>Talks</title></head><body><article><p>India and Japan met in Tokyo "
            "on Tuesday to discuss trade and investment, officials said.</p></article></body></html>")
    for name, data in (("a.html", html), ("b.txt", "Kenya accused Uganda.\n"), ("c", "Russia accused Ukraine.")):
        path = tmp_path / name
        path.write_text(data, encoding="utf-8")
        expected = list(read_path(path))
        got = list(read_raw(f"file://{path}", "file", data.encode()))
        assert [(d.id, d.text, d.meta.source) for d in got] == [(d.id, d.text, d.meta.source) for d in expected]
    (empty,) = read_raw(f"file://{tmp_path}/e.txt", "file", b"  \n")
    assert isinstance(empty, Failure) and "E102" in empty.reason and empty.source == f"{tmp_path}/e.txt"
    (binary,) = read_raw("hdfs://x/bin.txt", "file", b"ab\x00cd")
    assert isinstance(binary, Failure) and "E103" in binary.reason


def test_failure_stage_is_taken_from_the_reason():
    assert failure_stage("stage 'parse': ValueError: boom") == ("parse", "ValueError: boom")
    assert failure_stage("empty file (E102)") == ("read", "empty file (E102)")


def test_coding_gives_store_rows_and_failure_rows():
    docs = [Document.from_text(t, id=f"d{i}", date="2024-03-05", publisher="Wire") for i, t in enumerate([
        "Russia accused Ukraine on 2024-03-04. Kenya and Canada met in Paris.",
        "FAIL-THIS-DOCUMENT India sanctioned Japan.",
        "Nothing happened here.",
    ])]
    reading = Failure("src-x", "invalid JSON (E104)", "in.jsonl")
    rows = list(code_documents([docs[0], reading, docs[1], docs[2]], fake_pipeline(), batch_size=2))
    names = {c for c, _ in OUTPUT_COLUMNS}
    assert all(set(r) <= names for r in rows)
    by_table: dict[str, list] = {}
    for r in rows:
        by_table.setdefault(r["table"], []).append(r)
    assert [r["doc_id"] for r in by_table["documents"]] == ["d0", "d2"]
    assert [r["doc_id"] for r in by_table["events"]] == ["d0", "d0"]
    fails = {r["doc_id"]: r for r in by_table["failures"]}
    assert fails["d1"]["stage"] == "parse" and "told to fail" in fails["d1"]["reason"]
    assert fails["src-x"]["stage"] == "read" and fails["src-x"]["source"] == "in.jsonl"
    records = [json.loads(r["record"]) for r in by_table["events"]]
    assert {r["event"] for r in records} == {"ACCUSE", "CONSULT"}
    assert {r["id"] for r in records} == {r["id"] for r in by_table["events"]}
    assert len(by_table["event_dyads"]) == 3  # RUS->UKR, and CAN<->KEN both ways


def test_fuse_block_equals_the_store_fusion(tmp_path):
    """One block holding everything: `fuse_block` gives the store's fused events and members."""
    from dotterel import open_store
    from dotterel.spark.testing import fusion_corpus

    docs = [Document.from_text(i["text"], id=i["id"], date=i.get("date"), publisher=i.get("publisher"))
            for i in fusion_corpus(300)]
    with open_store(str(tmp_path / "store.duckdb")) as store:
        store.ingest(docs, pipeline=fake_pipeline())
        cols = ", ".join(REPORT_COLUMNS)
        records = [dict(zip(REPORT_COLUMNS, r)) for r in store.backend.query(f"SELECT {cols} FROM events")]
        fused_cols = [c for c in store.backend.query_df("SELECT * FROM fused_events LIMIT 0").columns]
        expected = {r[0]: dict(zip(fused_cols, r)) for r in store.backend.query("SELECT * FROM fused_events")}
        members: dict[str, set] = {}
        for eid, fid in store.backend.query("SELECT event_id, fused_id FROM fused_mentions"):
            members.setdefault(fid, set()).add(eid)
    got = {f["fused_id"]: f for f in fuse_block(records)}
    assert got.keys() == expected.keys()
    assert sum(len(m) > 1 for m in members.values()) > 10
    for fid, want in expected.items():
        f = got[fid]
        assert set(f.pop("members")) == members[fid]
        assert f == want, fid


def test_a_pipeline_factory_that_returns_no_pipeline_is_one_clear_error():
    """`dotterel spark --pipeline os:getcwd` is refused where the pipeline is built (E502,
    naming the factory and what it gave), not with an AttributeError inside a task."""
    import pytest

    from dotterel.spark.code import SparkError, executor_pipeline

    with pytest.raises(SparkError, match=r"E502.*'os:getcwd' returned str .* not a dotterel Pipeline"):
        executor_pipeline(("os:getcwd", ()))
    pipeline = executor_pipeline(("dotterel.store.testing:fake_pipeline", ()))
    assert callable(pipeline.pipe)


def test_broken_jsonl_lines_without_an_id_get_one_failure_id_each():
    """Spark reads a JSONL line alone, so every broken line of a file without a readable id was
    named after "FILE:1": one failure id for all of them, and the store kept one failure of many."""
    source = "file:///news/day.jsonl"
    lines = [b'{"text": "Kenya accused Uganda', b'{"text": "Japan met India', b"[1, 2]", b'{"text": 7}',
             b'{"text": "caf\xe9 owners protested"}']
    ids = []
    for line in lines:
        (bad,) = read_raw(source, "jsonl", line)
        assert isinstance(bad, Failure)
        ids.append(bad.doc_id)
    assert len(set(ids)) == len(lines)
    assert all(i.startswith("src-") for i in ids)
    # the same line in the same file is the same failure (re-runs stay idempotent)
    (again,) = read_raw(source, "jsonl", lines[0])
    assert again.doc_id == ids[0]
    # a line whose id could be read keeps it
    (named,) = read_raw(source, "jsonl", b'{"id": "n1", "text": ""}')
    assert named.doc_id == "n1"


def test_a_java_home_without_java_is_named_before_spark_starts(monkeypatch, tmp_path):
    """Spark's launcher runs $JAVA_HOME/bin/java whenever JAVA_HOME is set, whatever is on PATH:
    a JAVA_HOME without Java passed the check (java was on PATH) and Spark died with
    JAVA_GATEWAY_EXITED."""
    from dotterel.spark.session import java_problem

    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    problem = java_problem()
    assert problem and f"JAVA_HOME={tmp_path / 'no-jdk'}" in problem
    jdk = tmp_path / "jdk"
    (jdk / "bin").mkdir(parents=True)
    (jdk / "bin" / "java").write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setenv("JAVA_HOME", str(jdk))
    assert java_problem() is None


def test_a_master_that_is_no_spark_master_url_is_refused_at_once():
    """`--master nonsense` started a JVM that died ("Master must either be yarn or start with
    spark, k8s, or local") and ended in pyspark's JAVA_GATEWAY_EXITED traceback."""
    import pytest

    from dotterel.spark.session import SparkError, check_master, get_session

    for bad in ("nonsense", "local[", "local[two]", "localhost:7077", "spark:/host"):
        with pytest.raises(SparkError, match=rf"E505.*--master {re.escape(bad)}"):
            get_session(bad)
    for good in ("local", "local[2]", "local[*]", "local[4,2]", "local-cluster[2, 1, 1024]", "yarn",
                 "spark://node1:7077", "spark://a:7077,b:7077", "k8s://https://10.0.0.1:443"):
        check_master(good)


def test_a_jsonl_or_parquet_row_names_its_file_as_a_path_like_a_file_row():
    """Spark names a row's file by URI (file:///a/b.jsonl): documents and failures from JSONL and
    Parquet kept it, while files read whole (and `dotterel extract`) give /a/b.jsonl."""
    (doc,) = read_raw("file:///news/day%201.jsonl", "jsonl", b'{"id": "s1", "text": "Kenya accused Uganda."}')
    assert doc.meta.source == "/news/day 1.jsonl"
    (bad,) = read_raw("file:///news/day%201.jsonl", "jsonl", b'{"id": "s2", "text": ""}')
    assert bad.source == "/news/day 1.jsonl"
    (far,) = read_raw("s3a://bucket/day.jsonl", "jsonl", b'{"id": "s3", "text": "Japan met India."}')
    assert far.meta.source == "s3a://bucket/day.jsonl"


def test_without_pyspark_the_command_says_how_to_install_it(monkeypatch, capsys):
    """The error handler of `dotterel spark` must not itself need pyspark."""
    import sys

    from dotterel.cli.main import main

    monkeypatch.setitem(sys.modules, "pyspark", None)
    assert main(["spark", "in.jsonl", "--out", "out"]) == 1
    assert "dotterel spark: error: [E501] pyspark is not installed" in capsys.readouterr().err


def test_spark_takes_the_store_as_db_like_ingest():
    """`dotterel spark ... --db URL`, as `ingest --db URL`: the same store option (it had been
    --store only, and --db was an unknown argument)."""
    from dotterel.cli.main import build_parser

    for flag in ("--db", "--store"):
        args = build_parser().parse_args(["spark", "news.jsonl", "--out", "out", flag, "events.duckdb"])
        assert args.store == "events.duckdb", flag


def test_spark_passes_a_lexicon_to_the_executors_pipeline():
    from dotterel.cli.main import build_parser
    from dotterel.spark.job import config_from_args

    args = build_parser().parse_args(["spark", "news.jsonl", "--out", "out", "--lexicon", "mine.tsv"])
    assert config_from_args(args) == {"model_path": None, "use_classifier": True, "lexicon": "mine.tsv"}
    assert config_from_args(build_parser().parse_args(["spark", "news.jsonl", "--out", "out"])) == {}
