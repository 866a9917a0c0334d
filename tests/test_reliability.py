"""Nothing lost, nothing hangs (issue 11): bad input, poison documents, crashes, full disks,
concurrent readers and store edges, on both backends, with the fake coder (no model).

The bad inputs are generated here, never committed as binaries. PostgreSQL variants are
marked `postgres` and skip unless DOTTEREL_TEST_PG points at a server (.ci/postgres.sh).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dotterel import Document, Entity, Event, Sentence, Trigger
from dotterel.cli.main import main
from dotterel.document import Failure, content_id
from dotterel.errors import StoreError
from dotterel.ingest import read_paths
from dotterel.pipeline import Pipeline
from dotterel.store import MAX_WORKERS, open_store
from dotterel.store.testing import FakeCoder, FakeSentences, fake_pipeline, postgres_schema_url

ROOT = Path(__file__).resolve().parents[1]
FAKE = ["--pipeline", "dotterel.store.testing:fake_pipeline", "--no-progress"]


def pg_url_or_skip():
    try:
        return postgres_schema_url()
    except RuntimeError as exc:
        pytest.skip(str(exc))


def jsonl(path: Path, rows: list, *, ascii: bool = True) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=ascii) for r in rows) + "\n",
                    encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------ readers


def test_jsonl_lines_end_at_newline_only(tmp_path):
    # json.dumps(ensure_ascii=False) keeps U+2028, U+2029 and U+0085 as they are: valid JSON
    rows = [{"id": "a", "text": "Freedonia met Sylvania.\u2028Second line."},
            {"id": "b", "text": "Kenya met Norway.\u0085Next.\u2029End."},
            {"id": "c", "text": "Chile met Mexico."}]
    got = list(read_paths([jsonl(tmp_path / "u.jsonl", rows, ascii=False)]))
    assert [d.id for d in got] == ["a", "b", "c"]
    assert all(isinstance(d, Document) for d in got)
    assert got[0].text == rows[0]["text"] and got[2].meta.source.endswith("u.jsonl:3")


def test_nul_byte_fails_its_jsonl_line_only(tmp_path):
    path = tmp_path / "n.jsonl"
    good = json.dumps({"id": "good", "text": "Kenya met Norway."})
    bad = '{"id": "bad", "text": "a raw \x00 byte"}'
    path.write_bytes((good + "\n" + bad + "\n" + good.replace("good", "good2") + "\n").encode())
    got = list(read_paths([path]))
    assert [type(x).__name__ for x in got] == ["Document", "Failure", "Document"]
    assert got[1].source.endswith("n.jsonl:2") and "E104" in got[1].reason


def test_escaped_nul_and_lone_surrogate_are_cleaned_offsets_kept(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "nul", "text": "Kenya\\u0000met Norway.", "title": "T\\u0000"}\n'
                    '{"id": "sur", "text": "Kenya \\ud800 met Norway."}\n', encoding="utf-8")
    nul, sur = list(read_paths([path]))
    assert nul.text == "Kenya met Norway." and nul.meta.title == "T "
    assert sur.text == "Kenya \ufffd met Norway." and len(sur.text) == len("Kenya X met Norway.")
    sur.text.encode("utf-8")  # storable anywhere


def test_nul_after_the_first_8kb_makes_a_text_file_binary(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(b"Kenya met Norway. " * 600 + b"\x00" + b" more text")
    (failure,) = list(read_paths([path]))
    assert isinstance(failure, Failure) and "E103" in failure.reason


def test_a_20000_character_id_is_a_failure_with_a_storable_id(tmp_path):
    path = jsonl(tmp_path / "id.jsonl", [{"id": "x" * 20000, "text": "Kenya met Norway."},
                                         {"id": "ok", "text": "Chile met Mexico."}])
    failure, doc = list(read_paths([path]))
    assert isinstance(failure, Failure) and "E109" in failure.reason and "20000" in failure.reason
    assert len(failure.doc_id) < 100 and doc.id == "ok"


def test_a_named_pipe_in_a_folder_is_a_failure_not_a_hang(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    (tmp_path / "a.txt").write_text("Kenya met Norway.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    got = list(read_paths([tmp_path]))  # would block forever on open() before the fix
    assert isinstance(got[0], Document)
    assert isinstance(got[1], Failure) and "named pipe" in got[1].reason and "E108" in got[1].reason


def test_an_unreadable_subfolder_is_named(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Kenya met Norway.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path="."):  # as for a folder without read permission (root can read anything)
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = list(read_paths([tmp_path]))
    failures = [x for x in got if isinstance(x, Failure)]
    assert len(failures) == 1 and failures[0].source.endswith("locked")
    assert "cannot read folder: Permission denied" in failures[0].reason
    assert [d.meta.source for d in got if isinstance(d, Document)] == [str(tmp_path / "ok" / "a.txt")]


# ------------------------------------------------------------------------------ poison documents


def _pipeline_keeping_text():
    return fake_pipeline()


def test_poison_document_is_a_failure_and_the_rest_is_stored(db_url):
    """One unstorable document in the middle of a corpus: a failure row, every other document stored."""
    docs = [Document.from_text(f"Kenya met Norway on 2024-03-{i + 1:02d}.", id=f"good-{i}", date="2024-03-01")
            for i in range(6)]
    poison = Document.from_text("Chile met Mexico.", id="poison", date="2024-03-01")
    poison.text = "Chile met\x00Mexico."  # as a library user may build it: no reader cleaned it
    # 20,000 characters that do not compress: more than a PostgreSQL index row holds
    long_id = Document.from_text("Chile met Mexico again.", date="2024-03-01",
                                 id="".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(313)))
    corpus = docs[:3] + [poison, long_id] + docs[3:]
    with open_store(db_url) as store:
        report = store.ingest(corpus, pipeline=_pipeline_keeping_text(), batch_size=50)
        st = store.status()
        stored = {r[0] for r in store.backend.query("SELECT doc_id FROM documents")}
    if db_url.startswith("postgresql"):
        assert report.failed >= 1 and "poison" in {f["doc_id"] for f in st["failure_list"]}
    assert {f"good-{i}" for i in range(6)} <= stored
    assert report.stored + report.failed == len(corpus)
    assert st["documents"] + st["failures"] == len(corpus)
    for f in st["failure_list"]:
        assert len(f["doc_id"]) <= 1000 and "E424" in f["reason"]
    # the rerun does not stop at the poison either: nothing new, nothing lost
    with open_store(db_url) as store:
        again = store.ingest(corpus, pipeline=_pipeline_keeping_text())
        assert store.status()["documents"] == st["documents"]
    assert again.stored == 0


def test_ingest_cli_over_a_poisoned_jsonl_stores_the_good_lines(db_url, tmp_path, capsys):
    rows = [{"id": f"g{i}", "text": f"Kenya met Norway on 2024-03-0{i + 1}.", "date": "2024-03-01"} for i in range(4)]
    path = jsonl(tmp_path / "p.jsonl", rows[:2] + [
        {"id": "nul", "text": "Chile met Mexico.\u0000", "date": "2024-03-01"},
        {"id": "I" * 20000, "text": "Chile met Mexico.", "date": "2024-03-01"},
    ] + rows[2:])
    assert main(["ingest", str(path), "--db", db_url, *FAKE]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{path}:4: id is 20000 characters long" in err
    with open_store(db_url) as store:
        stored = {r[0] for r in store.backend.query("SELECT doc_id FROM documents")}
        assert stored == {"g0", "g1", "g2", "g3", "nul"}  # NUL cleaned, long id a failure
        assert store.status()["failures"] == 1


# --------------------------------------------------------------------------------- silent loss


def test_a_repeated_id_with_another_text_is_a_failure_not_a_skip(db_url, tmp_path, capsys):
    path = jsonl(tmp_path / "d.jsonl", [
        {"id": "same", "text": "Kenya met Norway.", "date": "2024-03-01"},
        {"id": "same", "text": "Chile met Mexico.", "date": "2024-03-01"},  # another document
        {"id": "same", "text": "Kenya met Norway.", "date": "2024-03-01"},  # a true repeat
    ])
    assert main(["ingest", str(path), "--db", db_url, *FAKE]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2: id 'same' repeats with a different text (first at {path}:1)" in err
    assert "skipped 1 already stored, 1 failed" in err
    # in a later run, against the stored text
    later = jsonl(tmp_path / "e.jsonl", [{"id": "same", "text": "Brazil met Chile.", "date": "2024-03-01"}])
    assert main(["ingest", str(later), "--db", db_url, *FAKE]) == 1
    assert "repeats with a different text" in capsys.readouterr().err


def test_fixed_documents_leave_the_failure_list(db_url, tmp_path, capsys):
    bad = tmp_path / "news" / "a.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\xff\xfe not utf-8 at all")
    assert main(["ingest", str(bad.parent), "--db", db_url, *FAKE]) == 1
    with open_store(db_url) as store:
        assert store.status()["failures"] == 1
    bad.write_text("Kenya met Norway on 2024-03-05.", encoding="utf-8")
    assert main(["ingest", str(bad.parent), "--db", db_url, *FAKE]) == 0
    with open_store(db_url) as store:
        st = store.status()
    assert st["documents"] == 1 and st["failures"] == 0, st["failure_list"]


def test_exit_status_is_zero_only_when_nothing_failed(tmp_path, capsys):
    good = jsonl(tmp_path / "g.jsonl", [{"id": "a", "text": "Kenya met Norway."}])
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", str(good), "--db", db, *FAKE]) == 0
    assert main(["ingest", str(tmp_path / "missing.txt"), "--db", db, *FAKE]) == 1
    assert "missing.txt: no such file or directory (E101)" in capsys.readouterr().err


# ------------------------------------------------------------------------------- limits, workers


class Slow:
    name = "slow"
    requires = ("sentences",)
    assigns = ()

    def __call__(self, doc):
        if "SLOW" in doc.text:
            time.sleep(30)
        return doc


def test_a_document_over_the_time_limit_fails_and_the_batch_goes_on():
    pipeline = Pipeline([FakeSentences(), Slow(), FakeCoder()])
    pipeline.doc_timeout = 0.5
    docs = [Document.from_text("Kenya met Norway."), Document.from_text("A SLOW one."),
            Document.from_text("Chile met Mexico.")]
    t = time.monotonic()
    out = list(pipeline.pipe(docs))
    assert time.monotonic() - t < 10
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert "stage 'slow': gave up after 0.5 s (the per-document limit" in out[1].reason  # + 0.5 s/KB
    assert len(out[2].events) == 1


def test_doc_timeout_from_the_environment(monkeypatch):
    from dotterel.pipeline import doc_timeout

    monkeypatch.setenv("DOTTEREL_DOC_TIMEOUT", "12.5")
    assert doc_timeout() == 12.5


@pytest.mark.parametrize("bad", ["0", "-1", str(MAX_WORKERS + 1), "two"])
def test_workers_out_of_range_are_refused(bad, tmp_path, capsys):
    good = jsonl(tmp_path / "g.jsonl", [{"id": "a", "text": "Kenya met Norway."}])
    with pytest.raises(SystemExit) as exc:
        main(["ingest", str(good), "--db", str(tmp_path / "s.duckdb"), "--workers", bad, *FAKE])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"--workers must be a whole number from 1 to {MAX_WORKERS}" in err
    with pytest.raises(StoreError, match="E407"):
        with open_store(str(tmp_path / "t.duckdb")) as store:
            store.ingest([], workers=int(bad) if bad.lstrip("-").isdigit() else bad, pipeline=fake_pipeline())


# ----------------------------------------------------------------------------------- store edges


@pytest.mark.parametrize("command", [["status"], ["events"], ["export", "--format", "gdelt"], ["summary"]])
def test_a_mistyped_db_path_creates_nothing(command, tmp_path, capsys):
    path = tmp_path / "typo.duckdb"
    assert main([*command, "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "E405" in err and f"no store at {path}" in err
    assert not path.exists()


def test_an_unrelated_duckdb_file_is_refused_untouched(tmp_path):
    import duckdb

    path = str(tmp_path / "other.duckdb")
    con = duckdb.connect(path)
    con.execute("CREATE TABLE measurements (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="E406.*without dotterel's tables.*measurements"):
        open_store(path)
    con = duckdb.connect(path, read_only=True)
    assert {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()} == {
        "measurements"}
    con.close()


def test_a_sqlite_file_is_refused_before_duckdb_opens_it(tmp_path):
    path = tmp_path / "notes.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="E402.*SQLite database"):
        open_store(str(path))
    assert path.read_bytes() == before
    (tmp_path / "text.duckdb").write_text("not a database at all, just words\n" * 3)
    with pytest.raises(StoreError, match="E402.*not a DuckDB database"):
        open_store(str(tmp_path / "text.duckdb"))


def test_duckdb_never_autoloads_extensions(tmp_path):
    with open_store(str(tmp_path / "s.duckdb")) as store:
        settings = dict(store.backend.query(
            "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%_known_extensions'"))
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


def test_read_only_store_reads_and_refuses_to_write(tmp_path):
    path = str(tmp_path / "s.duckdb")
    with open_store(path) as store:
        store.ingest([Document.from_text("Kenya met Norway on 2024-03-05.", date="2024-03-05")],
                     pipeline=fake_pipeline())
    with open_store(path, read_only=True) as a, open_store(path, read_only=True) as b:  # two readers at once
        assert a.status()["documents"] == 1 and len(b.events()) == 1
        with pytest.raises(Exception):
            a.backend.execute("DELETE FROM documents")


def test_readers_get_in_while_an_ingest_writes(tmp_path):
    """A DuckDB ingest releases the file between batches: status can read during the run."""
    corpus = jsonl(tmp_path / "c.jsonl", [
        {"id": f"d{i}", "text": f"Kenya met Norway on 2024-03-{1 + i % 28:02d}.", "date": "2024-03-01"}
        for i in range(200)])
    db = str(tmp_path / "live.duckdb")
    env = dict(os.environ, DOTTEREL_FAKE_DELAY="0.02", PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "dotterel.cli.main", "ingest", str(corpus), "--db", db, *FAKE,
                             "--batch-size", "20", "-v"], stderr=subprocess.PIPE, text=True, env=env)
    try:
        seen = []
        while len(seen) < 3:
            line = proc.stderr.readline()
            if not line:
                break
            if line.startswith("committed"):
                with open_store(db, read_only=True, wait=20) as store:
                    seen.append(store.status()["documents"])
        assert len(seen) == 3 and seen[-1] >= 20, seen
    finally:
        proc.wait(timeout=120)
    assert proc.returncode == 0
    with open_store(db, read_only=True) as store:
        assert store.status()["documents"] == 200


def test_status_cli_waits_for_a_batch_then_reads(tmp_path, capsys):
    path = str(tmp_path / "s.duckdb")
    with open_store(path) as store:
        store.ingest([Document.from_text("Kenya met Norway.", date="2024-03-05")], pipeline=fake_pipeline())
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({path!r}); print('ok', flush=True); "
         "time.sleep(1.5); c.close(); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        assert main(["status", "--db", path, "--wait", "20"]) == 0
        assert "documents:     1" in capsys.readouterr().out
    finally:
        holder.kill()
        holder.wait()


def test_a_file_another_process_holds_stops_the_write_and_loses_no_document_in_silence(tmp_path):
    """A dashboard that opened the file between two batches holds it: the next batch's
    documents had each become a failure that could not be recorded either, so the ingest said
    '0 failed' and exited 0 with them neither stored nor listed. The write now stops with
    E401, and the documents stay for the next run."""
    from dotterel.errors import StoreError

    path = str(tmp_path / "held.duckdb")
    with open_store(path, wait=0.5) as store:
        store.write([fake_pipeline()(Document.from_text("Kenya met Norway.", date="2024-03-05"))])
        holder = subprocess.Popen(
            [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({path!r}, read_only=True); "
             "print('ok', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "ok"
            docs = [fake_pipeline()(Document.from_text(f"Kenya met Chile on day {i}.", date="2024-03-05"))
                    for i in range(3)]
            with pytest.raises(StoreError, match="E401"):
                store.write(docs)
        finally:
            holder.kill()
            holder.wait()
        assert store.write(docs).stored == 3
        assert store.status()["documents"] == 4 and store.status()["failures"] == 0


# ------------------------------------------------------------------------ full disk, exports


def test_full_disk_during_ingest_is_one_clean_line(tmp_path, monkeypatch, capsys):
    from dotterel.store.duckdb_backend import DuckDBBackend

    corpus = jsonl(tmp_path / "c.jsonl", [{"id": f"d{i}", "text": "Kenya met Norway."} for i in range(3)])

    def full(self, table, rows, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(DuckDBBackend, "insert", full)
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "s.duckdb"), *FAKE]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "E423" in err and "no space left on the device" in err
    assert err.strip().splitlines()[-1].startswith("dotterel ingest: error:")


def test_export_is_atomic_on_a_full_disk(tmp_path, monkeypatch, capsys):
    from dotterel.store import export as export_mod

    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        store.ingest([Document.from_text(f"Kenya met Norway on 2024-03-0{i + 1}.", date="2024-03-01")
                      for i in range(5)], pipeline=fake_pipeline())
    out = tmp_path / "events.jsonl"
    out.write_text("the previous export\n")
    real = export_mod.json.dumps
    calls = {"n": 0}

    def dumps(*a, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*a, **kw)

    monkeypatch.setattr(export_mod.json, "dumps", dumps)
    assert main(["export", "--db", db, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "E423" in err and "nothing was written" in err
    assert out.read_text() == "the previous export\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no debris
    monkeypatch.setattr(export_mod.json, "dumps", real)
    assert main(["export", "--db", db, "-o", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 5


def test_gdelt_export_of_a_store_with_stale_fusion_fuses_first(db_url, tmp_path):
    with open_store(db_url) as store:
        store.ingest([Document.from_text("Kenya met Norway on 2024-03-05.", date="2024-03-05"),
                      Document.from_text("Chile accused Mexico on 2024-03-06.", date="2024-03-06")],
                     pipeline=fake_pipeline())
        store.backend.execute("DELETE FROM fused_mentions")  # as after a run killed before fusing
        store.backend.execute("DELETE FROM fused_events")
        assert store.fusion_is_stale()
        assert store.export(str(tmp_path / "g.tsv"), "gdelt") == 2
        assert not store.fusion_is_stale()


def test_sigterm_with_workers_stops_cleanly(tmp_path):
    corpus = jsonl(tmp_path / "c.jsonl", [{"id": f"d{i}", "text": "Kenya met Norway."} for i in range(400)])
    env = dict(os.environ, DOTTEREL_FAKE_DELAY="0.05", PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "dotterel.cli.main", "ingest", str(corpus), "--db",
                             str(tmp_path / "s.duckdb"), *FAKE, "--workers", "2", "--batch-size", "10", "-v"],
                            stderr=subprocess.PIPE, text=True, env=env)
    lines = []
    while True:
        line = proc.stderr.readline()
        lines.append(line)
        if not line or line.startswith("committed"):
            break
    proc.send_signal(signal.SIGTERM)
    rest = proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in rest and "BrokenPipe" not in rest
    assert rest.strip().splitlines()[-1] == "interrupted"


# ---------------------------------------------------------------------------------- fusion


def _uncoded_detention(doc_id: str, country: str, date: str) -> Document:
    text = f"Police detained several people in {country}."
    doc = Document.from_text(text, id=doc_id, date=date, publisher=doc_id)
    doc.sentences = [Sentence(0, 0, len(text), 0)]
    doc.events = [Event(event="COERCE", sentence_index=0, trigger=[Trigger("detained", 7, 15)],
                        status="occurred", actor=[Entity(text="Police", start=0, end=6)], recipient=[],
                        date=date, date_precision="publication", confidence=0.5)]
    return doc


def test_events_without_a_coded_actor_never_fuse_across_documents(db_url):
    docs = [_uncoded_detention(f"u{i}", country, "2024-03-05") for i, country in
            enumerate(["Kenya", "Chile", "Norway", "Kenya"])]
    with open_store(db_url) as store:
        report = store.add(docs)
        assert report.stored == 4, store.status()["failure_list"]
        fused = store.events(fused=True)
    assert len(fused) == 4 and set(fused["n_mentions"]) == {1}


# ------------------------------------------------------------------- fusion determinism

PAIRS = [("Freedonia", "Sylvania"), ("Kenya", "Norway"), ("Chile", "Mexico"), ("Ruritania", "Freedonia")]


def _fusion_corpus(folder: Path, n: int = 120) -> Path:
    """Wire rewrites: many documents report the same few events, some twice in one sentence."""
    rows = []
    for i in range(n):
        a, b = PAIRS[i % len(PAIRS)]
        day = f"2024-03-{1 + (i // 8) % 5:02d}"
        verb = ["accused", "sanctioned", "met", "sent aid to"][(i // 3) % 4]
        dated = f" on {day}" if i % 3 == 0 else ""
        again = " (repeated)" if i % 2 == 0 else ""
        rows.append({"id": f"w{i:04d}", "date": day, "publisher": f"Paper {i % 5}",
                     "text": f"{a} {verb} {b}{dated}{again}. Officials said {b} {verb} {a}{again}."})
    return jsonl(folder / "wire.jsonl", rows)


def _snapshot(url: str) -> tuple:
    from dotterel.store.export import to_string

    with open_store(url) as store:
        fused = sorted(tuple(str(v) for v in r) for r in store.backend.query(
            "SELECT fused_id, rep_event_id, event, status, actor_codes, recipient_codes, date, day, "
            "loc_country, quad_code, event_text, n_mentions, n_articles, n_sources, first_report, "
            "last_report FROM fused_events"))
        mentions = sorted(store.backend.query("SELECT event_id, fused_id FROM fused_mentions"))
        return fused, mentions, to_string(store, "polecat"), to_string(store, "gdelt")


def _ingest(url: str, corpus: Path, workers: int = 1) -> None:
    with open_store(url) as store:
        report = store.ingest([str(corpus)], pipeline=fake_pipeline(), workers=workers, batch_size=25, chunk_size=3)
    assert report.failed == 0


def _other_url(db_url: str, tmp_path: Path, name: str):
    if db_url.startswith("postgresql"):
        url, drop = pg_url_or_skip()
        return url, drop
    return str(tmp_path / f"{name}.duckdb"), (lambda: None)


def test_fusion_is_the_same_for_one_and_two_workers(db_url, tmp_path):
    corpus = _fusion_corpus(tmp_path)
    _ingest(db_url, corpus, workers=1)
    other, drop = _other_url(db_url, tmp_path, "two")
    try:
        _ingest(other, corpus, workers=2)
        one, two = _snapshot(db_url), _snapshot(other)
    finally:
        drop()
    assert len(one[0]) > 10 and any(int(r[11]) > 2 for r in one[0])  # real fusion happened
    assert one == two


def test_fusion_is_the_same_after_kill_and_resume(db_url, tmp_path):
    corpus = _fusion_corpus(tmp_path, 160)
    _ingest(db_url, corpus)
    killed, drop = _other_url(db_url, tmp_path, "killed")
    try:
        env = dict(os.environ, DOTTEREL_FAKE_DELAY="0.01", PYTHONPATH=str(ROOT / "src"))
        cmd = [sys.executable, "-m", "dotterel.cli.main", "ingest", str(corpus), "--db", killed, *FAKE,
               "--batch-size", "20", "-v"]
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
        while True:
            line = proc.stderr.readline()
            if not line or (line.startswith("committed") and int(line.split()[1]) >= 40):
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
        resumed = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        assert resumed.returncode == 0, resumed.stderr
        assert _snapshot(db_url) == _snapshot(killed)
    finally:
        drop()


@pytest.mark.postgres
def test_fusion_is_the_same_on_duckdb_and_postgres(tmp_path):
    url, drop = pg_url_or_skip()
    corpus = _fusion_corpus(tmp_path)
    try:
        _ingest(str(tmp_path / "d.duckdb"), corpus, workers=2)
        _ingest(url, corpus, workers=1)
        assert _snapshot(str(tmp_path / "d.duckdb")) == _snapshot(url)
    finally:
        drop()


def test_the_representative_of_two_reports_of_one_sentence_is_chosen_by_id(tmp_path):
    """Same publication date, document and sentence: the smaller record id represents the event,
    whatever order the backend returns the rows in."""
    from dotterel.store import fusion

    corpus = jsonl(tmp_path / "one.jsonl", [{"id": "x", "date": "2024-03-01",
                                              "text": "Kenya accused Norway on 2024-03-01 (repeated)."}])
    url = str(tmp_path / "s.duckdb")
    _ingest(url, corpus)
    with open_store(url) as store:
        ids = sorted(r[0] for r in store.backend.query("SELECT id FROM events"))
        assert len(ids) == 2
        real = store.backend.query
        for order in (sorted, lambda rows: sorted(rows, reverse=True)):
            store.backend.query = lambda sql, params=(), _o=order: _o(real(sql, params))
            fusion.refuse(store.backend, everything=True)
            store.backend.query = real
            assert store.backend.query("SELECT rep_event_id FROM fused_events") == [(ids[0],)]


def test_an_in_memory_store_keeps_its_batches():
    with open_store(":memory:") as store:
        report = store.ingest([Document.from_text(f"Kenya met Norway on 2024-03-0{i + 1}.", date="2024-03-01")
                               for i in range(5)], pipeline=fake_pipeline(), batch_size=2)
        assert report.stored == 5 and store.status()["documents"] == 5
