"""Bad-input corpus (issue 11): `extract` and `ingest` over every kind of bad input mixed with
good documents, with the real pipeline. The corpus is generated here (no committed binaries).

Each run must print no traceback, name every bad document with its reason on one line,
keep every good document's records, and exit 1 because some documents failed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dotterel import Document
from dotterel.cli.main import main
from dotterel.document import Failure, content_id

pytestmark = pytest.mark.slow

SENTENCES = [
    "India and Japan signed a defence agreement in Tokyo on Monday.",
    "Russia accused Ukraine of shelling the power plant.",
    "France imposed sanctions on Iran over its nuclear programme.",
    "The foreign minister of Kenya met his counterpart from Norway in Oslo.",
]


COUNTRIES = ["India", "Japan", "Russia", "Ukraine", "France", "Germany", "Brazil", "Kenya", "Canada",
             "Norway", "Mexico", "Chile", "Turkey", "Egypt", "Australia"]
# 210 different events (ordered pairs), about 10,000 characters
LONG_TEXT = "\n\n".join(f"{a} accused {b} of violating the ceasefire." for a in COUNTRIES for b in COUNTRIES
                         if a != b)


@pytest.fixture
def small_parts(monkeypatch):
    """Parts of 2,000 characters and a spaCy limit of 5,000: a 12,000-character text stands for
    one over spaCy's 1,000,000 (same code path, seconds instead of minutes)."""
    from dotterel import segment
    from dotterel.nlp import load

    monkeypatch.setattr(segment, "MAX_PART_CHARS", 2000)
    monkeypatch.setattr(load(), "max_length", 5000)


def make_corpus(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write the corpus; return (good doc id -> text, bad source -> expected reason fragment)."""
    folder.mkdir()
    good: dict[str, str] = {}
    bad: dict[str, str] = {}

    def text_file(name: str, text: str) -> None:
        (folder / name).write_text(text, encoding="utf-8")
        good[content_id(text.strip("\n"))] = text

    text_file("a_good.txt", SENTENCES[0])
    text_file("odd\nname.txt", SENTENCES[1])  # a file name holding a newline is still a file
    text_file("long.txt", LONG_TEXT)

    rows = [
        json.dumps({"id": "j-2028", "text": SENTENCES[2] + "\u2028" + SENTENCES[3]}, ensure_ascii=False),
        json.dumps({"id": "j-0085", "text": SENTENCES[3] + "\u0085Next line."}, ensure_ascii=False),
        '{"id": "j-nul", "text": "' + SENTENCES[0][:-1] + '\\u0000."}',  # escaped NUL: cleaned
        '{"id": "j-surrogate", "text": "' + SENTENCES[1] + ' \\ud800"}',  # lone surrogate: cleaned
        '{"id": "j-broken", "text": "no closing quote}',
        '{"id": "j-rawnul", "text": "a raw \x00 byte"}',
        json.dumps({"id": "j-date", "text": SENTENCES[2], "date": "last Tuesday"}),
        json.dumps({"id": "x" * 20000, "text": SENTENCES[3]}),
        json.dumps({"id": "j-ok", "text": SENTENCES[2]}),
    ]
    path = folder / "b_lines.jsonl"
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8"))
    for i in (0, 1, 2, 3, 8):
        obj = json.loads(rows[i])
        good[obj["id"]] = obj["text"]
    bad[f"{path}:5"] = "invalid JSON"
    bad[f"{path}:6"] = "invalid JSON"
    bad[f"{path}:7"] = "bad date 'last Tuesday'"
    bad[f"{path}:8"] = "id is 20000 characters long; the limit is 1000 (E109)"

    (folder / "c_empty.txt").write_text("   \n")
    bad[str(folder / "c_empty.txt")] = "empty file (E102)"
    (folder / "d_late_nul.txt").write_bytes(SENTENCES[0].encode() * 200 + b"\x00tail")
    bad[str(folder / "d_late_nul.txt")] = "binary file (NUL bytes); expected UTF-8 text (E103)"
    (folder / "e_latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    bad[str(folder / "e_latin1.txt")] = "not UTF-8 text"
    (folder / "f_nav.html").write_text("<html><body><nav>Home | About</nav></body></html>")
    bad[str(folder / "f_nav.html")] = "no main text found in the HTML page (E105)"
    (folder / "g_broken.rss").write_text("<rss><channel><title>x</title></channel>")
    bad[str(folder / "g_broken.rss")] = "no items in the feed"
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "h_pipe.txt")
        bad[str(folder / "h_pipe.txt")] = "not a regular file (a named pipe); not read (E108)"
    return good, bad


def check_failures_named(err: str, command: str, bad: dict[str, str]) -> None:
    assert "Traceback" not in err, err
    lines = err.splitlines()
    for source, reason in bad.items():
        hits = [line for line in lines if line.startswith(f"dotterel {command}: {source}: ")]
        assert len(hits) == 1 and reason in hits[0], (source, reason, hits)


def test_extract_over_the_bad_input_corpus(tmp_path, capsys, small_parts):
    good, bad = make_corpus(tmp_path / "news")
    # the rules alone (--no-model): every good document then has events, so "coded" is visible
    code = main(["extract", str(tmp_path / "news"), "--format", "jsonl", "--no-model"])
    out, err = capsys.readouterr()
    assert code == 1
    check_failures_named(err, "extract", bad)
    records = [json.loads(line) for line in out.splitlines()]
    texts = {**good}
    assert {r["doc_id"] for r in records} == set(good)  # every good document coded, nothing else
    for r in records:  # offsets point into the document, also across the parts of the long one
        text = texts[r["doc_id"]].strip("\n").replace("\x00", " ").replace("\ud800", "\ufffd")
        for t in r["trigger"]:
            assert text[t["start"]:t["end"]] == t["text"]
    long_records = [r for r in records if r["doc_id"] == content_id(LONG_TEXT)]
    assert len(long_records) > 150  # coded in all its parts, not refused
    assert max(t["start"] for r in long_records for t in r["trigger"]) > 8000


def test_ingest_over_the_bad_input_corpus(tmp_path, capsys, small_parts):
    from dotterel.store import open_store

    good, bad = make_corpus(tmp_path / "news")
    db = str(tmp_path / "s.duckdb")
    code = main(["ingest", str(tmp_path / "news"), "--db", db, "--no-progress", "--no-model"])
    err = capsys.readouterr().err
    assert code == 1
    check_failures_named(err, "ingest", bad)
    with open_store(db, read_only=True) as store:
        stored = {r[0] for r in store.backend.query("SELECT doc_id FROM documents")}
        with_events = {r[0] for r in store.backend.query("SELECT DISTINCT doc_id FROM events")}
        st = store.status()
    assert stored == set(good) and with_events == set(good)
    assert st["failures"] == len(bad)
    assert {f["source"] for f in st["failure_list"]} == set(bad)


def test_a_document_the_parser_refuses_fails_alone_in_its_batch(pipeline):
    docs = [Document.from_text(SENTENCES[0], id="one"),
            Document.from_text(SENTENCES[1] + " \ud800", id="surrogate"),  # no reader cleaned it
            Document.from_text(SENTENCES[2], id="three")]
    out = list(pipeline.pipe(docs, batch_size=8))
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert isinstance(out[1], Failure) and out[1].doc_id == "surrogate" and "stage 'parse'" in out[1].reason
    assert out[0].events and out[2].events
