"""Exports: records validate, CSV/Parquet round-trip, POLECAT has 40 clean columns, GDELT 61 with fusion counts."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dotterel import Document, Entity, Event, Location, Sentence, Trigger
from dotterel.errors import StoreError
from dotterel.records import validate
from dotterel.store import open_store
from dotterel.store.export import GDELT_COLUMNS, POLECAT_COLUMNS, clean
from dotterel.store.testing import fake_pipeline


def _docs():
    out = [
        Document.from_text("Freedonia imposed sanctions on Sylvania on 2024-03-05. No comment.",
                           date="2024-03-05", publisher="Wire One", url="https://example.invalid/1"),
        Document.from_text("Freedonia sanctioned Sylvania.", date="2024-03-06", publisher="Daily Two"),
        Document.from_text("Kenya and Norway met in Oslo.", date="2024-03-07", publisher="Daily Two"),
    ]
    # a hand-coded document whose actor text and place contain a tab and a newline
    text = "The\tRuritanian cabinet accused\nFreedonia."
    d = Document.from_text(text, date="2024-03-08", publisher="Tab\tPaper")
    d.sentences = [Sentence(0, 0, len(text), 0)]
    d.events = [Event("ACCUSE", 0, [Trigger("accused", 23, 30)],
                      actor=[Entity("The\tRuritanian cabinet", "RUR", "GOV", start=0, end=22)],
                      recipient=[Entity("Freedonia", "FRE", start=31, end=40)],
                      event_loc=Location("Strel\nsau", "Strelsau", "RUR", precision="city"))]
    return out, d


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "x.duckdb"))
    coded, hand = _docs()
    s.ingest(coded, pipeline=fake_pipeline())
    s.add([hand])
    yield s
    s.close()


def test_jsonl_records_follow_the_schema(store, tmp_path):
    path = tmp_path / "out.jsonl"
    assert store.export(path, "jsonl") == 4
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for r in records:
        validate(r)
    assert {r["event"] for r in records} == {"SANCTION", "CONSULT", "ACCUSE"}


def test_csv_and_parquet(store, tmp_path):
    assert store.export(tmp_path / "e.csv", "csv") == 4
    rows = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
    assert len(rows) == 4 and {"id", "fused_id", "event", "actor_codes", "event_text"} <= set(rows[0])
    import pyarrow.parquet as pq

    assert store.export(tmp_path / "e.parquet", "parquet") == 4
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 4
    with pytest.raises(StoreError, match="parquet needs a file"):
        store.export("-", "parquet")
    with pytest.raises(StoreError, match="unknown export format"):
        store.export(tmp_path / "x", "xml")


def test_polecat_has_40_columns_and_no_tabs_or_newlines_inside_values(store, tmp_path):
    path = tmp_path / "p.tsv"
    assert store.export(path, "polecat") == 3  # one row per fused event
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert lines[0].split("\t") == POLECAT_COLUMNS
    rows = [dict(zip(POLECAT_COLUMNS, line.split("\t"))) for line in lines[1:]]
    assert all(len(line.split("\t")) == 40 for line in lines)
    accuse = next(r for r in rows if r["Event Type"] == "ACCUSE")
    assert accuse["Actor Name Raw"] == "The Ruritanian cabinet"
    assert accuse["Raw Placename"] == "Strel sau" and accuse["Country"] == "RUR"
    sanction = next(r for r in rows if r["Event Type"] == "SANCTION")
    assert sanction["Event Date"] == "2024-03-05" and sanction["Quad Code"] == "4"
    assert (sanction["Actor Country"], sanction["Recipient Country"]) == ("FRE", "SYL")


def test_gdelt_has_61_columns_and_fusion_counts(store, tmp_path):
    path = tmp_path / "g.tsv"
    assert store.export(path, "gdelt") == 3
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in path.read_text().splitlines()]
    assert all(len(r) == 61 for r in rows)
    s = next(r for r in rows if r["EventRootCode"] == "16")
    assert (s["SQLDATE"], s["MonthYear"], s["Year"]) == ("20240305", "202403", "2024")
    assert (s["NumMentions"], s["NumSources"], s["NumArticles"]) == ("2", "2", "2")
    assert (s["Actor1CountryCode"], s["Actor2CountryCode"], s["QuadClass"]) == ("FRE", "SYL", "4")
    assert s["SOURCEURL"] == "https://example.invalid/1"
    meet = next(r for r in rows if r["EventRootCode"] == "04")
    assert {meet["Actor1Code"][:3], meet["Actor2Code"][:3]} == {"KEN", "NOR"}  # reciprocal: both parties
    assert meet["ActionGeo_FullName"] == "Oslo"


def test_clean():
    assert clean("a\tb\nc\r\nd") == "a b c  d".replace("  ", "  ")
    assert clean(None) == "" and clean(float("nan")) == "" and clean(1.5) == "1.5"


def test_to_stdout(store, capsys):
    store.export("-", "jsonl", type="CONSULT")
    out = io.StringIO(capsys.readouterr().out).read().splitlines()
    assert len(out) == 1 and json.loads(out[0])["event"] == "CONSULT"


def test_a_type_of_ones_own_exports_with_empty_cameo_fields(tmp_path):
    # a model from `dotterel train` may code types beyond PLOVER: no CAMEO code, quad or
    # Goldstein value; the GDELT and POLECAT rows leave those fields empty
    from dotterel.store.testing import own_type_document

    s = open_store(str(tmp_path / "own.duckdb"))
    try:
        s.add([own_type_document(), _docs()[1]])  # beside a PLOVER record, which has all of them
        out = tmp_path / "g.tsv"
        assert s.export(out, "gdelt") == 2
        row = next(line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if "HACKERS" in line)
        assert len(row) == len(GDELT_COLUMNS)
        at = {name: row[i] for i, name in enumerate(GDELT_COLUMNS)}
        assert at["EventCode"] == at["EventRootCode"] == at["QuadClass"] == at["GoldsteinScale"] == ""
        assert at["Actor2CountryCode"] == "FRE"
        out = tmp_path / "p.tsv"
        assert s.export(out, "polecat") == 2
        header, *lines = out.read_text(encoding="utf-8").rstrip("\n").split("\n")
        line = next(x for x in lines if "CYBERATTACK" in x)
        cells = dict(zip(header.split("\t"), line.split("\t")))
        assert cells["Event Type"] == "CYBERATTACK" and cells["Quad Code"] == cells["Intensity"] == ""
    finally:
        s.close()


def test_an_export_through_a_link_or_into_a_named_pipe_keeps_them(store, tmp_path):
    # the atomic rename replaced the link, the FIFO (and, as root, /dev/null or /dev/stdout)
    # with a regular file; a link now stays a link to the file it names, a pipe is written into
    import os
    import stat
    import threading

    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert store.export(link, "jsonl") == 4
    assert link.is_symlink() and len(real.read_text(encoding="utf-8").splitlines()) == 4
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    assert store.export(fifo, "csv") == 4
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and len(list(csv.reader(io.StringIO(got[0])))) == 5  # a header and 4 rows
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_parquet_column_types_come_from_the_store_not_the_rows(store, tmp_path):
    # a column with no value in the exported rows (every `mode`; every column of an export
    # that matched nothing) was written with Arrow's null type: files of one store disagreed
    # and could not be read as one dataset
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    paths = [tmp_path / "all.parquet", tmp_path / "none.parquet", tmp_path / "consult.parquet"]
    assert store.export(paths[0], "parquet") == 4
    assert store.export(paths[1], "parquet", type="AID") == 0
    assert store.export(paths[2], "parquet", type="CONSULT") == 1
    schemas = [pq.read_schema(p).remove_metadata() for p in paths]
    assert schemas[0] == schemas[1] == schemas[2]
    types = {f.name: f.type for f in schemas[0]}
    assert types["day"] == types["publication_date"] == pa.date32()
    assert types["mode"] == types["fused_id"] == types["event_text"] == pa.string()
    assert types["quad_code"] == types["sentence_index"] == pa.int64() and types["goldstein"] == pa.float64()
    assert ds.dataset([str(p) for p in reversed(paths)]).to_table().num_rows == 5


@pytest.mark.parametrize("name", ["folder", "folder/", "missing/", ""])
def test_an_export_to_a_folder_or_an_empty_path_says_so(store, tmp_path, monkeypatch, name):
    # '-o folder/' said 'Not a directory', '-o .' 'Device or resource busy' and '-o ""'
    # 'cannot write : No such file or directory', each after the whole export was written
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError) as exc:
        store.export(name, "csv")
    assert exc.value.code == "E420"
    assert ("names a folder, not a file" if name else "an empty path") in exc.value.message
    assert not list((tmp_path / "folder").iterdir()) and not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
