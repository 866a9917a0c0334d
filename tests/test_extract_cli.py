"""`dotterel extract` and the `extract()` API: formats, failures, exit status, valid records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import dotterel.api as api
from dotterel.cli.main import main
from dotterel.document import Document, Entity, Event, Failure, Sentence, Trigger
from dotterel.pipeline import Pipeline
from dotterel.records import validate
from dotterel.segment import paragraphs

FIX = Path(__file__).parent / "fixtures" / "ingest"


class ToySentences:
    """One sentence per paragraph, kinds from the segmenter; no spaCy."""

    name = "toy_sentences"
    requires = ("text",)
    assigns = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        doc.sentences = [
            Sentence(p.index, p.start, p.end, p.index, p.kind)
            for p in paragraphs(doc.text, title=doc.meta.title)
        ]
        return doc


class ToyCoder:
    """An AGREE event for every codable sentence that says 'agreed'."""

    name = "toy_coder"
    requires = ("sentences",)
    assigns = ("events",)

    def __call__(self, doc: Document) -> Document:
        for s in doc.sentences:
            i = doc.text.find("agreed", s.start, s.end)
            if i < 0 or not s.codable:
                continue
            j = doc.text.find("Norway", s.start, s.end)
            actor = [Entity("Norway", code="NOR", sector="GOV", start=j, end=j + 6)] if j >= 0 else []
            doc.events.append(Event(
                "AGREE", s.index, [Trigger("agreed", i, i + 6)], actor=actor,
                date="2023-04-04", date_precision="day", confidence=0.7,
            ))
        return doc


@pytest.fixture
def toy(monkeypatch):
    pipeline = Pipeline([ToySentences(), ToyCoder()])
    monkeypatch.setattr(api, "default_pipeline", lambda: pipeline)
    return pipeline


def test_extract_api_yields_documents_records_and_failures_in_order(toy, tmp_path):
    missing = tmp_path / "missing.txt"
    out = list(api.extract([FIX / "page.html", missing, "Norway agreed to talks with Sweden today."]))
    kinds = [type(d).__name__ for d, _ in out]
    assert kinds == ["Document", "Failure", "Document"]
    (page, page_records), (failure, none), (text_doc, text_records) = out
    assert none == [] and failure.source == str(missing)
    assert [r["event"] for r in page_records] == ["AGREE"]
    assert text_records[0]["doc_id"] == text_doc.id
    for r in page_records + text_records:
        validate(r)


def test_extract_api_date_and_documents(toy):
    doc = Document.from_text("Norway agreed to talks.")
    [(out, records)] = list(api.extract(doc, date="2023-04-05"))
    assert out is doc and records[0]["publication_date"] == "2023-04-05"


def test_extract_text_helper(toy):
    [record] = api.extract_text("Norway agreed to talks.", date="2023-04-05")
    assert record["event"] == "AGREE" and record["trigger"][0]["text"] == "agreed"


def test_cli_jsonl_default(toy, capsys):
    assert main(["extract", str(FIX / "page.html")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    validate(record)
    assert record["publication_date"] == "2023-04-05"


def test_cli_json_array_and_date_override(toy, capsys):
    assert main(["extract", str(FIX / "page.html"), "--format", "json", "--date", "2024-01-01"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert isinstance(records, list) and records[0]["publication_date"] == "2024-01-01"


def test_cli_table(toy, capsys):
    assert main(["extract", str(FIX / "page.html"), "--format", "table"]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[0].split()
    assert header[:4] == ["doc", "sent", "event", "status"]
    assert "NOR -> -" in out and "AGREE" in out and "(1 event)" in out


def test_cli_failures_on_stderr_batch_goes_on_exit_1(toy, capsys, tmp_path):
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02")
    code = main(["extract", str(tmp_path / "nope.txt"), str(tmp_path / "bin.dat"), str(FIX / "docs.jsonl"),
                 str(FIX / "page.html")])
    assert code == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert err[0] == f"dotterel extract: {tmp_path / 'nope.txt'}: no such file or directory (E101)"
    assert err[1].startswith(f"dotterel extract: {tmp_path / 'bin.dat'}: binary file")
    assert any(line.startswith(f"dotterel extract: {FIX / 'docs.jsonl'}:2: invalid JSON") for line in err)
    assert len(err) == 5
    assert len(captured.out.splitlines()) == 1  # the page still came out


def test_cli_bad_date_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "x.txt", "--date", "yesterday"])
    assert exc.value.code == 2


@pytest.mark.slow
def test_examples_with_default_pipeline_valid_and_never_from_headings(capsys):
    """Holds whatever the coder finds: records validate and come only from body sentences."""
    docs = {}
    records = []
    for item, recs in api.extract([api.example_path()]):
        assert not isinstance(item, Failure), item
        docs[item.id] = item
        records += recs
    assert len(docs) >= 6
    for r in records:
        validate(r)
        sentence = docs[r["doc_id"]].sentences[r["sentence_index"]]
        assert sentence.kind == "body", r["event_text"]
        assert r["event_text"].strip() not in {"Leave a Reply", "Trade and investment", "Drone attack"}
    assert main(["extract", str(api.example_path())]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(records)


@pytest.mark.slow
def test_workers_give_the_same_records(toy):
    one = [r for _, recs in api.extract([api.example_path()], n_process=1) for r in recs]
    two = [r for _, recs in api.extract([api.example_path()], n_process=2) for r in recs]
    assert one == two and one


def test_every_option_is_documented():
    import argparse

    from dotterel.cli.main import build_parser

    docs = (Path(__file__).parents[1] / "docs" / "cli.md").read_text()
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for command in ("extract", "eval"):
        assert f"dotterel {command}" in docs
        for action in sub.choices[command]._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in docs, f"{command} {option} is not in docs/cli.md"


def test_a_missing_path_with_a_space_is_an_error_not_text(tmp_path, capsys):
    good = tmp_path / "ok.txt"
    good.write_text("", encoding="utf-8")
    missing = str(tmp_path / "no such file.txt")
    assert main(["extract", missing, "--no-model"]) == 1
    err = capsys.readouterr().err
    assert f"{missing}: no such file" in err


@pytest.mark.parametrize("command", ["extract", "eval"])
@pytest.mark.parametrize("bad", ["0", "-1", "two", "999999"])
def test_extract_and_eval_bound_their_workers_with_a_usage_error(tmp_path, capsys, command, bad):
    """An out-of-range --workers exited 1 (E120), the status of a document that failed, where a
    bad option value is a usage error (exit 2), as in `dotterel ingest`."""
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exit:
        main([command, str(f), "--workers", bad])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert f"dotterel {command}: error: argument --workers: --workers must be a whole number from 1 to" in err


def test_an_empty_folder_is_reported_and_fails(toy, tmp_path, capsys):
    """`extract DIR` on an empty folder used to exit 0 with no word; like a missing path (E101),
    it is one line on stderr and exit 1."""
    (tmp_path / "empty").mkdir()
    assert main(["extract", str(tmp_path / "empty")]) == 1
    err = capsys.readouterr().err
    assert err == f"dotterel extract: {tmp_path / 'empty'}: no input files in the folder (hidden files are skipped) (E110)\n"


def test_an_id_repeated_with_another_text_fails_as_in_ingest(toy, tmp_path, capsys):
    """Two JSONL lines with the same `id` and different texts came out of extract as two
    documents under one doc_id, without a word (ingest refuses the second, E113): records
    of different articles could no longer be told apart. The second is a failure naming its
    line and the first; the same text under the same id is no clash."""
    path = tmp_path / "dup.jsonl"
    path.write_text(
        '{"id": "a1", "text": "Norway agreed to talks."}\n'
        '{"id": "a1", "text": "Norway agreed to a truce with Sweden."}\n'
        '{"id": "a1", "text": "Norway agreed to talks."}\n'
        '{"id": "b2", "text": "Norway agreed to a ceasefire."}\n', encoding="utf-8")
    assert main(["extract", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err == (f"dotterel extract: {path}:2: id 'a1' repeats with a different text (first at "
                            f"{path}:1); not coded: give each document its own id (E113)\n")
    assert [json.loads(x)["doc_id"] for x in captured.out.splitlines()] == ["a1", "a1", "b2"]


@pytest.mark.parametrize("command", [["extract", "a.txt"], ["eval", "a.gold.jsonl"], ["ingest", "a.txt"]])
def test_model_and_no_model_together_are_a_usage_error(command, capsys):
    """`--model PATH --no-model` was taken without a word and the rules alone coded (the model
    asked for was never used): the two options exclude each other, a usage error (exit 2)."""
    with pytest.raises(SystemExit) as exit:
        main([*command, "--model", "my-model", "--no-model"])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert f"dotterel {command[0]}: error: argument --no-model: not allowed with argument --model" in err


class _ClosedPipe:
    """stdout whose reader has gone (`dotterel extract ... | head`)."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("fmt", ["jsonl", "json", "table"])
def test_a_broken_pipe_keeps_the_status_of_the_documents_that_failed(toy, tmp_path, monkeypatch, capsys, fmt):
    """`dotterel extract ... | head` exited 0 when the output's reader went away, even after a
    document had failed (said on stderr): the status is 1 when a document failed, as documented."""
    good = tmp_path / "a.txt"
    good.write_text("Norway agreed to talks with Sweden.", encoding="utf-8")
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    assert main(["extract", str(tmp_path / "missing.txt"), str(good), "--format", fmt]) == 1
    assert "missing.txt: no such file or directory (E101)" in capsys.readouterr().err
    assert main(["extract", str(good), "--format", fmt]) == 0  # no failure: 0, as before


class _Slow:
    """A stage that takes two seconds over every document."""

    name = "slow"
    requires = ("text",)
    assigns = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        import time

        time.sleep(2)
        return doc


def test_doc_timeout_bounds_each_document_as_in_ingest(tmp_path, monkeypatch, capsys):
    """`dotterel extract` had no --doc-timeout (only $DOTTEREL_DOC_TIMEOUT reached its limit),
    while `ingest` has it: the option sets the limit on the default pipeline too, and a
    document over it is a failure, one line on stderr, exit 1."""
    monkeypatch.delenv("DOTTEREL_DOC_TIMEOUT", raising=False)
    monkeypatch.setattr(api, "default_pipeline", lambda: Pipeline([_Slow()]))
    f = tmp_path / "a.txt"
    f.write_text("Norway agreed to talks with Sweden.", encoding="utf-8")
    assert main(["extract", str(f), "--doc-timeout", "0.2"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"dotterel extract: {f}: stage 'slow': gave up after 0.2 s (the per-document limit;")
    with pytest.raises(SystemExit) as exit:
        main(["extract", str(f), "--doc-timeout", "-1"])
    assert exit.value.code == 2
