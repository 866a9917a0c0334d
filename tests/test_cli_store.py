"""The store's commands: ingest, status, events, dyads, export, summary (in-process, fake coder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dotterel.cli.main import main

FAKE = ["--pipeline", "dotterel.store.testing:fake_pipeline"]


@pytest.fixture
def db(tmp_path, capsys):
    corpus = tmp_path / "news.jsonl"
    lines = [
        {"id": "a", "text": "Freedonia imposed sanctions on Sylvania on 2024-03-05.", "date": "2024-03-05",
         "publisher": "Wire One"},
        {"id": "b", "text": "Freedonia sanctioned Sylvania, officials said.", "date": "2024-03-05",
         "publisher": "Daily Two"},
        {"id": "c", "text": "Kenya and Norway met in Oslo on 2024-04-02.", "date": "2024-04-02",
         "publisher": "Daily Two"},
        {"id": "d", "text": "FAIL-THIS-DOCUMENT", "date": "2024-04-02"},
    ]
    corpus.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    url = str(tmp_path / "cli.duckdb")
    assert main(["ingest", str(corpus), "--db", url, "--no-progress", *FAKE]) == 1  # one document failed
    return url


def test_ingest_reports_counts_and_status_lists_failures(db, tmp_path, capsys):
    assert "stored 3 documents" in capsys.readouterr().err
    assert main(["status", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "documents:     3" in out and "fused events:  2" in out and "failures:      1" in out
    assert "  d (" in out and "news.jsonl:4): stage 'parse': ValueError: the fake coder was told to fail" in out
    assert main(["status", "--db", db, "--format", "json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert st["events"] == 3 and st["store"] == db  # it says which store it read, as the text does


def test_events_formats_and_filters(db, capsys):
    assert main(["events", "--db", db, "--type", "SANCTION", "--format", "jsonl"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2 and rows[0]["fused_id"] == rows[1]["fused_id"]
    assert main(["events", "--db", db, "--fused", "--format", "json"]) == 0
    fused = json.loads(capsys.readouterr().out)
    assert sorted(r["n_mentions"] for r in fused) == [1, 2]
    assert main(["events", "--db", db, "--dyad", "NOR-KEN", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # header + one row
    assert main(["events", "--db", db, "--since", "2024-04", "--text", "oslo"]) == 0
    out = capsys.readouterr().out
    assert "CONSULT" in out and "SANCTION" not in out


def test_dyads_and_summary(db, capsys):
    assert main(["dyads", "--db", db, "--by", "month", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["period"], r["source"], r["target"], r["events"]) for r in rows} == {
        ("2024-03-01", "FRE", "SYL", 1), ("2024-04-01", "KEN", "NOR", 1), ("2024-04-01", "NOR", "KEN", 1)}
    assert main(["summary", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "3 documents, 3 event reports, 2 events after fusion" in out
    assert "FRE -> SYL" in out and "Kenya and Norway met in Oslo" in out


def test_export_to_file(db, tmp_path, capsys):
    out = tmp_path / "events.tsv"
    assert main(["export", "--db", db, "--format", "gdelt", "-o", str(out)]) == 0
    assert "wrote 2 rows" in capsys.readouterr().err
    assert all(len(line.split("\t")) == 61 for line in out.read_text().splitlines())


def test_export_reads_a_store_it_may_not_write(db, tmp_path, capsys, monkeypatch):
    """An archived store whose file cannot be written (opening it for writing fails) exports
    in every format: export opens it read-only, and writable only to fuse unfused records."""
    import duckdb

    connect = duckdb.connect

    def read_only_file(path, read_only=False, **kw):
        if not read_only and str(path) == db:
            raise duckdb.IOException("IO Error: Cannot open file: Permission denied")
        return connect(path, read_only=read_only, **kw)

    monkeypatch.setattr(duckdb, "connect", read_only_file)
    for fmt in ("jsonl", "csv", "gdelt"):
        out = tmp_path / f"events.{fmt}"
        assert main(["export", "--db", db, "--format", fmt, "-o", str(out)]) == 0, capsys.readouterr().err
        assert out.read_text().strip()


@pytest.mark.parametrize("value", ["20240101", "2024/03", "2024x03", "2024-W10", "2024.03.05", "2024-3"])
def test_a_date_filter_takes_the_documented_forms_alone(db, capsys, value):
    """'20240101', '2024/03' and '2024x03' were taken as dates (any character between year and
    month, and whatever else Python's date parser reads), though only YYYY-MM-DD, YYYY-MM and
    YYYY are documented: they are E410, as a date that is not one is, in the CLI and the web app."""
    from dotterel.errors import StoreError
    from dotterel.store import query as Q

    capsys.readouterr()
    for option in ("--since", "--until"):
        assert main(["events", "--db", db, option, value]) == 1
        err = capsys.readouterr().err
        assert f"[E410] {option} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)" in err
    with pytest.raises(StoreError, match="E410"):
        Q.where({"until": value}, "e", "id")


def test_a_date_filter_still_takes_a_day_a_month_or_a_year(db, capsys):
    from dotterel.store import query as Q

    assert Q._date(" 2024-03 ", "since").isoformat() == "2024-03-01" and Q._until("2024-02").isoformat() == "2024-02-29"
    assert Q._until("2024").isoformat() == "2024-12-31" and Q._date("2024-03-05", "since").isoformat() == "2024-03-05"
    capsys.readouterr()
    assert main(["events", "--db", db, "--since", "2024-04", "--until", "2024", "--format", "json"]) == 0
    assert [r["event"] for r in json.loads(capsys.readouterr().out)] == ["CONSULT"]


def test_errors_are_one_clean_line(db, tmp_path, capsys):
    capsys.readouterr()
    assert main(["events", "--db", db, "--since", "yesterday"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "E410" in err and "Traceback" not in err
    assert main(["ingest", str(tmp_path), "--db", db, "--pipeline", "nowhere"]) == 1
    assert "module:function" in capsys.readouterr().err
    assert main(["status", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 1
    assert "cannot connect" in capsys.readouterr().err


def test_text_filter_is_a_literal_substring(tmp_path, capsys):
    # --text % and --text _ used to match every event (LIKE wildcards), and
    # --text Police_detained silently became 'policedetained' and matched nothing
    corpus = tmp_path / "q.jsonl"
    corpus.write_text("\n".join(json.dumps(x) for x in [
        {"id": "p", "text": "Kenya accused Norway of a 50% rise in tariffs.", "date": "2024-03-05"},
        {"id": "u", "text": "Chile accused Mexico over Police_detained reports.", "date": "2024-03-05"},
        {"id": "i", "text": "India accused Japan of spying.", "date": "2024-03-05"},
    ]) + "\n", encoding="utf-8")
    db = str(tmp_path / "q.duckdb")
    assert main(["ingest", str(corpus), "--db", db, "--no-progress", *FAKE]) == 0
    capsys.readouterr()

    def docs(*words: str, fused: bool = False) -> list[str]:
        args = ["events", "--db", db, "--text", " ".join(words), "--format", "json"]
        assert main(args + (["--fused"] if fused else [])) == 0
        return sorted(r["event_text"].split()[0] for r in json.loads(capsys.readouterr().out))

    assert docs("%") == ["Kenya"]
    assert docs("_") == ["Chile"]
    assert docs("Police_detained") == docs("police_DETAINED") == ["Chile"]
    assert docs("policedetained") == []
    assert docs("accused", "50%") == ["Kenya"] and docs("ACCUSED") == ["Chile", "India", "Kenya"]
    assert docs("\\") == [] and docs("%", fused=True) == ["Kenya"]
    # the web app's filters share the code: `name` (words of an actor's name) is literal too
    from dotterel.store import open_store
    from dotterel.store.query import count_events

    with open_store(db, read_only=True) as store:
        assert count_events(store.backend, text="_") == 1
        assert count_events(store.backend, name="%") == 0
        assert count_events(store.backend, name="keny") == 1


def test_doc_timeout_reaches_the_default_pipeline(tmp_path, monkeypatch, capsys):
    """--doc-timeout without --model/--no-model/--pipeline used to crash (the default pipeline
    was None); it now sets the limit on the default pipeline, built by the command."""
    from dotterel.pipeline import Pipeline
    from dotterel.store.testing import fake_pipeline

    built = []

    def default(cls, **config):
        built.append(fake_pipeline())
        return built[-1]

    monkeypatch.setattr(Pipeline, "default", classmethod(default))
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Freedonia sanctioned Sylvania."}) + "\n", encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    assert main(["ingest", str(corpus), "--db", db, "--no-progress", "--doc-timeout", "60"]) == 0
    assert [p.doc_timeout for p in built] == [60.0]
    assert "stored 1 documents" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["events", "--limit", "-1"], ["events", "--fused", "--limit", "-1"], ["summary", "--top", "-1"],
    ["summary", "--latest", "-1"], ["events", "--wait", "-1"], ["ingest", "x.jsonl", "--batch-size", "0"],
    ["ingest", "x.jsonl", "--batch-size", "-5"], ["ingest", "x.jsonl", "--doc-timeout", "-5"],
])
def test_negative_counts_are_usage_errors(db, argv, capsys):
    """Negative limits used to reach DuckDB (BinderException), a batch size of 0 was raised to 1
    without a word; argparse now refuses them, naming the option."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--db", db])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {argv[-2]}: must be a" in err and "Traceback" not in err


def test_limit_zero_lists_nothing(db, capsys):
    """--limit 0 used to list every row; it is at most 0 rows."""
    capsys.readouterr()
    for fused in ([], ["--fused"]):
        assert main(["events", "--db", db, *fused, "--limit", "0", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == []
    assert main(["events", "--db", db, "--limit", "1", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_since_after_until_is_an_error(db, capsys):
    capsys.readouterr()
    assert main(["events", "--db", db, "--since", "2024-05", "--until", "2024-04"]) == 1
    err = capsys.readouterr().err
    assert "E410" in err and "--since 2024-05 is later than --until 2024-04" in err
    assert main(["events", "--db", db, "--since", "2024-04", "--until", "2024-04", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # header + the Oslo meeting


def test_summary_says_when_filters_match_nothing(db, tmp_path, capsys):
    """A filter that matched nothing in a store with events used to say 'no events yet: run
    `dotterel ingest` first'."""
    capsys.readouterr()
    assert main(["summary", "--db", db, "--actor", "XXX"]) == 0
    out = capsys.readouterr().out
    assert "no events match these filters: --actor XXX" in out and "ingest" not in out
    empty = str(tmp_path / "empty.duckdb")
    assert main(["ingest", str(tmp_path / "none.jsonl"), "--db", empty, "--no-progress", *FAKE]) == 1
    capsys.readouterr()
    assert main(["summary", "--db", empty, "--actor", "XXX"]) == 0
    out = capsys.readouterr().out  # its one document failed: it says so (see the test below)
    assert "no events yet: no document was stored, 1 failed" in out and "match these filters" not in out


def test_pipeline_factory_must_return_a_pipeline(tmp_path, capsys):
    """A --pipeline factory returning something else crashed inside the ingest (AttributeError:
    'str' object has no attribute 'pipe'); it is E430, naming the factory and what it returned."""
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Freedonia sanctioned Sylvania."}) + "\n", encoding="utf-8")
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "t.duckdb"), "--pipeline", "os:getcwd"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "E430" in err and "Traceback" not in err
    assert "--pipeline 'os:getcwd': getcwd() returned str '" in err and "not a dotterel Pipeline" in err


def test_ingest_an_empty_folder_is_reported_and_fails(tmp_path, capsys):
    """`ingest DIR` on an empty folder used to exit 0 with 'stored 0 documents'."""
    (tmp_path / "empty").mkdir()
    db = str(tmp_path / "t.duckdb")
    assert main(["ingest", str(tmp_path / "empty"), "--db", db, "--no-progress", *FAKE]) == 1
    err = capsys.readouterr().err
    assert f"dotterel ingest: {tmp_path / 'empty'}: no input files in the folder" in err and "1 failed" in err


@pytest.mark.parametrize("value", ["abc", "-5"])
def test_a_bad_doc_timeout_in_the_environment_is_said_and_the_default_holds(monkeypatch, value):
    from dotterel.pipeline import DOC_TIMEOUT, doc_timeout

    monkeypatch.setenv("DOTTEREL_DOC_TIMEOUT", value)
    with pytest.warns(UserWarning, match="DOTTEREL_DOC_TIMEOUT"):
        assert doc_timeout() == DOC_TIMEOUT
    monkeypatch.setenv("DOTTEREL_DOC_TIMEOUT", "12.5")
    assert doc_timeout() == 12.5


def test_summary_with_filters_says_which_counts_are_filtered(db, capsys):
    """The head line gives the store's documents and reports, then the fused events the
    filters keep, named as such (it had read '2 event reports, 1 events after fusion' as if
    the two were counted alike)."""
    capsys.readouterr()
    assert main(["summary", "--db", db, "--type", "SANCTION"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert "event reports;" in head and "events after fusion match --type SANCTION" in head
    assert main(["summary", "--db", db]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("events after fusion")


def test_the_last_month_of_the_calendar_is_a_date_range_like_any(db, capsys):
    """'--until 9999-12' had crashed (its next month is year 10000) in the CLI and as a 500 in
    the dashboard; it is the last day of December 9999."""
    from dotterel.store.query import _until

    assert str(_until("9999-12")) == "9999-12-31" and str(_until("2024-02")) == "2024-02-29"
    capsys.readouterr()
    assert main(["events", "--db", db, "--until", "9999-12", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") >= 2


def test_status_hides_the_password_of_a_store_url(db, monkeypatch, capsys):
    """`status --db postgresql://user:secret@host/db` printed the URL as given, password and
    all, on its first line; the password is shown as *** as in the connection errors."""
    from dotterel.store import backend
    from dotterel.store.duckdb_backend import DuckDBBackend

    monkeypatch.setitem(backend._OPENERS, "postgresql",
                        lambda url, read_only=False, **_: DuckDBBackend(db, read_only=read_only))
    capsys.readouterr()
    assert main(["status", "--db", "postgresql://ana:s3cret@db.example:5432/news"]) == 0
    out = capsys.readouterr().out
    assert "s3cret" not in out and "store:         postgresql://ana:***@db.example:5432/news (duckdb)" in out


@pytest.mark.parametrize("url, shown", [
    ("postgresql://ana:s3cret@db.example/news", "postgresql://ana:***@db.example/news"),
    ("postgresql://ana@db.example/news?password=s3cret&sslmode=require",
     "postgresql://ana@db.example/news?password=***&sslmode=require"),
    ("postgresql://db.example/news?sslmode=require&PASSWORD=s3cret", "postgresql://db.example/news?sslmode=require&PASSWORD=***"),
])
def test_a_store_urls_password_is_hidden_wherever_it_is_given(url, shown):
    """libpq also takes the password as a query parameter; that one was printed as given."""
    from dotterel.store.postgres_backend import _redact

    assert _redact(url) == shown


def test_status_names_the_store_it_read_without_db(db, tmp_path, monkeypatch, capsys):
    """Without --db, `status` said 'store: default', whichever file $DOTTEREL_DB named (or
    ./dotterel.duckdb): it names the store it read."""
    monkeypatch.setenv("DOTTEREL_DB", db)
    capsys.readouterr()
    assert main(["status"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"store:         {db} (duckdb)"
    monkeypatch.delenv("DOTTEREL_DB")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dotterel.duckdb").write_bytes(Path(db).read_bytes())
    assert main(["status"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "store:         dotterel.duckdb (duckdb)"


@pytest.mark.parametrize("value", [",", " ", " , ,"])
def test_a_type_filter_that_names_no_type_is_an_error(db, value, capsys):
    """`--type ,` (or blanks) became `event IN ()`: no rows on DuckDB, a syntax error with a
    traceback on PostgreSQL. It is E417, naming the option."""
    capsys.readouterr()
    for command in (["events"], ["events", "--fused"], ["dyads"], ["summary"]):
        assert main([*command, "--db", db, "--type", value]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "E417" in err and f"--type {value!r} names no event type" in err


def test_an_unknown_event_type_is_an_error(db, capsys):
    """`--type AGRE` (a typo) listed nothing and exited 0, where the dashboard answers 400; it
    is E417 in every query command, naming the type, and a type the store holds is still
    accepted (PLOVER's, or one of the user's own)."""
    capsys.readouterr()
    for command in (["events"], ["events", "--fused"], ["dyads"], ["summary"], ["export"]):
        assert main([*command, "--db", db, "--type", "sanction,AGRE"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "E417" in err
        assert "--type AGRE is neither a PLOVER event type nor one the store holds; use ACCUSE, " in err
    assert main(["events", "--db", db, "--type", "AGREE", "--format", "json"]) == 0  # PLOVER's, none stored
    assert json.loads(capsys.readouterr().out) == []
    from dotterel.store import open_store

    with open_store(db) as store:
        store.backend.execute("UPDATE events SET event = 'CYBERATTACK' WHERE event = 'CONSULT'")
        assert len(store.events(type="cyberattack")) == 1
        assert len(list(store.records(type="CYBERATTACK,SANCTION"))) == 3


def test_an_unknown_status_is_an_error(db, capsys):
    """`--status occured` (a typo) listed nothing and exited 0; the statuses are six, and any
    other is E418 in every query command, naming the value and the six."""
    capsys.readouterr()
    for command in (["events"], ["events", "--fused"], ["dyads"], ["summary"], ["export"]):
        assert main([*command, "--db", db, "--status", "occured"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "E418" in err
        assert ("--status 'occured' is not a status; use occurred, ongoing, future, hypothetical, negated, "
                "historical") in err
    assert main(["events", "--db", db, "--status", " Occurred ", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


@pytest.mark.parametrize("version", ["abc", ""])
def test_a_store_whose_schema_version_is_not_a_number_is_refused_cleanly(db, version, capsys):
    """A store_meta schema_version that is not a number (a damaged or foreign file) ended every
    command in a ValueError traceback; it is E406, naming the file and the value."""
    import duckdb

    con = duckdb.connect(db)
    con.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", [version])
    con.close()
    capsys.readouterr()
    for command in (["status"], ["events"], ["dyads"]):
        assert main([*command, "--db", db]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"[E406] {db} is not a dotterel store: its schema version is {version!r}, not a number" in err


def test_a_store_from_a_newer_dotterel_says_to_upgrade(db, capsys):
    """A store of a later schema version told the user to 'ingest into a new database', as if
    its events were lost; a newer dotterel reads it, and E404 says so. An older one is as before."""
    import duckdb

    from dotterel.store.schema import SCHEMA_VERSION

    def stamp(version: int) -> None:
        con = duckdb.connect(db)
        con.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", [str(version)])
        con.close()

    stamp(SCHEMA_VERSION + 1)
    capsys.readouterr()
    for command in (["status"], ["events"], ["dyads"]):
        assert main([*command, "--db", db]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "[E404]" in err and "ingest into a new database" not in err
        assert (f"schema version {SCHEMA_VERSION + 1}, written by a newer dotterel (this one reads version "
                f"{SCHEMA_VERSION}); upgrade dotterel to use it") in err
    stamp(SCHEMA_VERSION - 1)
    assert main(["status", "--db", db]) == 1
    assert "[E404]" in (err := capsys.readouterr().err) and "ingest into a new database" in err


@pytest.mark.parametrize("url", ["", "duckdb://"])
def test_an_empty_db_is_refused_by_readers_and_ingest(url, tmp_path, capsys):
    """`--db ''` read 'no store at  (check --db ...)' in the readers, and `ingest --db ''`
    stored into an in-memory DuckDB that its first release dropped: a CatalogException
    traceback. Both are E405 naming the empty value."""
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Freedonia sanctioned Sylvania."}) + "\n", encoding="utf-8")
    for argv in (["status"], ["events"], ["dyads"], ["ingest", str(corpus), "--no-progress", *FAKE]):
        assert main([*argv, "--db", url]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"[E405] --db {url!r} names no store: give a DuckDB file path or a postgresql:// URL" in err


def test_an_empty_duckdb_file_is_called_empty_not_an_incomplete_store(tmp_path, capsys):
    """A new DuckDB file with no tables was 'not a complete dotterel store (missing actors,
    documents, ...)', as if a store had been damaged. It is E405, saying that the database is
    empty and that `dotterel ingest` creates the store in it (which works)."""
    import duckdb

    db = str(tmp_path / "new.duckdb")
    duckdb.connect(db).close()
    for argv in (["status"], ["events"], ["dyads"], ["summary"], ["export"]):
        assert main([*argv, "--db", db]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "missing" not in err, argv
        assert (f"[E405] no store in {db}: it is an empty database (no tables); "
                f"`dotterel ingest PATH... --db {db}` creates the store in it") in err, argv
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Freedonia sanctioned Sylvania."}) + "\n", encoding="utf-8")
    assert main(["ingest", str(corpus), "--db", db, "--no-progress", *FAKE]) == 0
    assert main(["status", "--db", db]) == 0


def test_a_limit_beyond_any_store_lists_every_row(db, capsys):
    """`--limit 99999999999999999999` (over a BIGINT) reached the database as such: a
    ParserException traceback on DuckDB, NumericValueOutOfRange on PostgreSQL; summary's
    --top and --latest likewise. Such a count now means every row."""
    huge = str(10**20)
    capsys.readouterr()
    for fused in ([], ["--fused"]):
        assert main(["events", "--db", db, *fused, "--limit", huge, "--format", "json"]) == 0
        assert len(json.loads(capsys.readouterr().out)) == (2 if fused else 3)
    assert main(["summary", "--db", db, "--top", huge, "--latest", huge, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["latest"]) == 2


def test_summary_of_a_dyad_whose_events_have_no_goldstein_value(tmp_path, capsys):
    """A dyad whose events are all of a type of one's own (no Goldstein value: a model from
    `dotterel train`) crashed `summary` with a TypeError (float(None)); its mean is empty."""
    from dotterel import Document, Entity, Event, Sentence, Trigger
    from dotterel.store import open_store

    text = "Ruritania hacked the Freedonian grid."
    doc = Document.from_text(text, date="2024-03-09", publisher="Wire One")
    doc.sentences = [Sentence(0, 0, len(text), 0)]
    doc.events = [Event("CYBERATTACK", 0, [Trigger("hacked", 10, 16)],
                        actor=[Entity("Ruritania", "RUR", "GOV", start=0, end=9)],
                        recipient=[Entity("the Freedonian grid", "FRE", "GOV", start=17, end=36)])]
    db = str(tmp_path / "own.duckdb")
    with open_store(db) as store:
        store.add([doc])
    capsys.readouterr()
    assert main(["summary", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["top_dyads"] == [
        {"source": "RUR", "target": "FRE", "events": 1, "goldstein": None}]
    assert main(["summary", "--db", db]) == 0
    assert "RUR -> FRE: 1, no Goldstein value" in capsys.readouterr().out


def test_dyads_and_summary_with_a_dyad_filter_list_that_dyad_alone(db, capsys):
    """`dyads --dyad KEN-NOR` also listed NOR -> KEN (the same meeting's other direction), and
    summary's top dyads every other pair of the matching events: the series asked for was
    mixed with others. Only the named dyad's rows remain; the events counted stay the same."""
    capsys.readouterr()
    assert main(["dyads", "--db", db, "--dyad", "ken-nor", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["period"], r["source"], r["target"], r["events"]) for r in rows] == [("2024-04-01", "KEN", "NOR", 1)]
    assert main(["summary", "--db", db, "--dyad", "KEN-NOR", "--format", "json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["events"] == 1 and [(r["source"], r["target"]) for r in s["top_dyads"]] == [("KEN", "NOR")]


def test_dyads_says_how_many_undated_events_it_left_out(tmp_path, capsys):
    """An event with no day (no date in the text, no publication date) was RUS -> UKR in
    summary's top dyads and in no row of `dyads`, without a word: dyads now says how many it
    left out, on stderr, and in `df.attrs["undated"]`."""
    from dotterel.store import open_store

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps(x) + "\n" for x in (
        {"id": "u", "text": "Freedonia imposed sanctions on Sylvania."},
        {"id": "c", "text": "Kenya and Norway met in Oslo on 2024-04-02.", "date": "2024-04-02"})), encoding="utf-8")
    db = str(tmp_path / "undated.duckdb")
    assert main(["ingest", str(corpus), "--db", db, "--no-progress", *FAKE]) == 0
    capsys.readouterr()
    assert main(["summary", "--db", db, "--format", "json"]) == 0
    assert ("FRE", "SYL") in {(r["source"], r["target"]) for r in json.loads(capsys.readouterr().out)["top_dyads"]}
    assert main(["dyads", "--db", db, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert {(r["source"], r["target"]) for r in json.loads(out)} == {("KEN", "NOR"), ("NOR", "KEN")}
    assert "1 fused event(s) with a dyad but no day left out" in err and "dotterel summary" in err
    assert main(["dyads", "--db", db, "--dyad", "KEN-NOR"]) == 0  # none of the undated ones match
    assert capsys.readouterr().err == ""
    with open_store(db, read_only=True) as store:
        assert store.dyads().attrs["undated"] == 1
        assert store.dyads(actor="FRE").empty and store.dyads(actor="FRE").attrs["undated"] == 1
        assert store.dyads(actor="KEN").attrs["undated"] == 0


def _summary_after_ingest(tmp_path, capsys, name: str, text: str, status: int) -> str:
    """`dotterel summary` of a store made by ingesting one document (`status`: ingest's exit)."""
    src = tmp_path / f"{name}.jsonl"
    src.write_text(json.dumps({"id": name, "text": text}) + "\n", encoding="utf-8")
    db = str(tmp_path / f"{name}.duckdb")
    assert main(["ingest", str(src), "--db", db, "--no-progress", *FAKE]) == status
    capsys.readouterr()
    assert main(["summary", "--db", db]) == 0
    return capsys.readouterr().out


def test_summary_of_a_store_without_events_says_why(tmp_path, capsys):
    """A store whose documents report no event, or whose every document failed, was told
    'no events yet: run `dotterel ingest PATH...` first', as if no ingest had run."""
    out = _summary_after_ingest(tmp_path, capsys, "quiet", "The weather was mild in Oslo.", 0)
    assert "no events in the 1 stored document(s)" in out and "run `dotterel ingest" not in out
    out = _summary_after_ingest(tmp_path, capsys, "failed", "FAIL-THIS-DOCUMENT", 1)
    assert "no document was stored, 1 failed (`dotterel status` lists them" in out and "run `dotterel ingest" not in out
    assert main(["summary", "--db", str(tmp_path / "failed.duckdb"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["failures"] == 1


@pytest.mark.parametrize("cmd", ["events", "dyads", "summary", "export"])
def test_an_actor_filter_takes_one_code(db, capsys, cmd):
    """'--actor KEN,NOR' matched nothing, silently; '--actor "KEN;NOR"' matched the events whose
    stored code list held that pair, and ' ken' (a stray space) nothing: one code is asked for
    (E419), and the space is dropped."""
    capsys.readouterr()
    for value in ("KEN,NOR", "KEN;NOR", "KEN NOR"):
        for role in ("--actor", "--recipient"):
            assert main([cmd, "--db", db, role, value]) == 1
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and "E419" in err and f"{role} {value!r} is not an actor code" in err
    assert main([cmd, "--db", db, "--dyad", "KEN,FRE-NOR"]) == 1  # a list in a dyad too
    assert "E412" in capsys.readouterr().err
    assert main(["events", "--db", db, "--actor", " ken ", "--format", "csv"]) == 0
    assert capsys.readouterr().out.count("\n") == 2  # header + the Oslo meeting


def test_a_dyad_of_one_code_with_itself_is_an_error(db, capsys):
    """No pair of a code with itself is stored (a domestic event, COL -> COL, has no dyad), so
    '--dyad KEN-KEN' listed nothing, silently; it is E412, naming --actor/--recipient instead."""
    capsys.readouterr()
    assert main(["dyads", "--db", db, "--dyad", "ken-KEN"]) == 1
    err = capsys.readouterr().err
    assert "E412" in err and "two different codes" in err and "--actor KEN --recipient KEN" in err


def test_ingest_progress_bar_stays_off_when_stderr_is_not_a_terminal(tmp_path, capsys):
    """Redirected to a log (`2> ingest.log`) or piped, stderr got the bar's carriage-return
    redraws, and a failure line was glued to the bar ('1doc [00:02, ...]dotterel ingest: ...');
    eval and train already draw theirs only on a terminal."""
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Kenya accused Uganda."}) + "\nnot json\n", encoding="utf-8")
    assert main(["ingest", str(corpus), "--db", str(tmp_path / "p.duckdb"), *FAKE]) == 1
    err = capsys.readouterr().err
    assert "\r" not in err and "doc/s" not in err and "doc [" not in err
    assert err.splitlines()[0] == f"dotterel ingest: {corpus}:2: invalid JSON (Expecting value at column 1) (E104)"
