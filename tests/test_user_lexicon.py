"""Trigger words of one's own (`--lexicon`, `events.lexicon.load_lexicon`).

A type of one's own (a model from `dotterel train`) can only be coded where the rules propose
a candidate; a noun the shipped lexicon lacks ("cyberattack") is never proposed. A user's
lexicon adds such words, to training (`train --lexicon`, copied into the model folder) and to
coding (`extract`/`ingest`/`eval`/`spark --lexicon`, or the model folder's own lexicon.tsv).
Texts are made up.
"""

from __future__ import annotations

import json
import shutil

import pytest

from dotterel import Document, Pipeline
from dotterel.events.lexicon import USER_LEXICON, LexiconError, default_lexicon, load_lexicon

HEADER = "lemma\tpos\tclass\tevent\tmode\tcontext\tcond\tweight\n"
TEXT = "Hackers linked to Freedonia launched a cyberattack on the Sylvanian power grid on Monday."


@pytest.fixture
def lexicon_file(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(HEADER + "cyberattack\tN\tevent\tCYBERATTACK\t\t\t\t0.8\n"
                    "accuse\tV\tevent\tREJECT\t\t\t\t0.8\n", encoding="utf-8")
    return path


def test_a_users_rows_join_the_shipped_lexicon_and_replace_its_rows_for_that_word(lexicon_file):
    shipped = default_lexicon()
    merged = load_lexicon(lexicon_file)
    assert "cyberattack" not in shipped.nouns
    assert [e.event for e in merged.nouns["cyberattack"]] == ["CYBERATTACK"]
    assert [e.event for e in merged.verbs["accuse"]] == ["REJECT"]  # the user's reading, alone
    assert {e.event for e in shipped.verbs["accuse"]} == {"ACCUSE"}  # the shipped lexicon is untouched
    assert merged.nouns["talks"] == shipped.nouns["talks"]
    assert load_lexicon(None) is shipped


def test_a_missing_or_malformed_lexicon_is_one_clear_error(tmp_path):
    with pytest.raises(LexiconError, match="no lexicon file") as exc:
        load_lexicon(tmp_path / "nope.tsv")
    assert exc.value.code == "E710"
    bad = tmp_path / "bad.tsv"
    bad.write_text("cyberattack\tN\tevent\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.tsv: lexicon line 1: 3 columns, expected 8") as exc:
        load_lexicon(bad)
    assert exc.value.code == "E711"


def test_the_rules_code_a_type_of_ones_own_named_by_a_new_noun(lexicon_file):
    doc = Pipeline.default(use_classifier=False, lexicon=str(lexicon_file))(Document.from_text(TEXT, date="2024-05-02"))
    [ev] = [e for e in doc.events if e.event == "CYBERATTACK"]
    assert [t.text for t in ev.trigger][-1] == "cyberattack"
    plain = Pipeline.default(use_classifier=False)(Document.from_text(TEXT, date="2024-05-02"))
    assert not [e for e in plain.events if e.event == "CYBERATTACK"]


def test_a_model_folder_brings_its_own_lexicon(tmp_path, lexicon_file):
    from dotterel.classifier import shipped_model_path

    shipped = shipped_model_path()
    if shipped is None:
        pytest.skip("no classifier ships with this installation")
    folder = tmp_path / "model"
    shutil.copytree(shipped, folder)
    shutil.copyfile(lexicon_file, folder / USER_LEXICON)
    pipe = Pipeline.default(model_path=str(folder))
    events = pipe.stages[pipe.names.index("events")]
    assert "cyberattack" in events.coder.lex.nouns
    assert "cyberattack" not in Pipeline.default(model_path=str(shipped)).stages[
        pipe.names.index("events")].coder.lex.nouns


def test_extract_takes_a_lexicon_and_names_a_bad_one(tmp_path, lexicon_file, capsys):
    from dotterel.cli.main import main

    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "date": "2024-05-02", "text": TEXT}) + "\n", encoding="utf-8")
    assert main(["extract", str(docs), "--no-model", "--lexicon", str(lexicon_file)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "CYBERATTACK" in {r["event"] for r in records}
    assert main(["extract", str(docs), "--no-model", "--lexicon", str(tmp_path / "nope.tsv")]) == 1
    assert "[E710] no lexicon file" in capsys.readouterr().err


def test_train_labels_with_the_lexicon(tmp_path, lexicon_file):
    """`train --lexicon`: the rules propose the new noun, so its events are candidates the
    model learns to judge (without it they are gold positives no proposal ever matches)."""
    from dotterel.cli.train_cmd import build_examples

    line = {"text": TEXT, "date": "2024-05-02", "events": [
        {"event": ["CYBERATTACK"], "status": "occurred", "trigger": "launched a cyberattack",
         "actor": [["Hackers linked to Freedonia", "FRE", "UAF"]], "recipient": [["the Sylvanian power grid", "SYL", "GOV"]]}]}
    for name in ("01.jsonl", "02.jsonl"):
        (tmp_path / name).write_text(json.dumps(line) + "\n", encoding="utf-8")
    kw = {"vary": 0.0, "seed": 13, "log": lambda m: None}
    with_lex, *_ = build_examples([str(tmp_path / "01.jsonl")], [str(tmp_path / "02.jsonl")],
                                    lexicon=str(lexicon_file), **kw)
    without, *_ = build_examples([str(tmp_path / "01.jsonl")], [str(tmp_path / "02.jsonl")], **kw)
    assert any(it.label == "CYBERATTACK" and it.from_rules for it in with_lex)
    assert not any(it.label == "CYBERATTACK" and it.from_rules for it in without)


def test_a_word_list_is_named_once_and_used_by_rows_below_it(tmp_path):
    """'@name<TAB>a|b' names words that rows below use as obj=@name, beside words of their own;
    a user's rows may also use the lists the shipped lexicon names ('@condemning')."""
    path = tmp_path / "lists.tsv"
    path.write_text(HEADER + "@hackers\thacker|intruder\n"
                    "breach\tV\tevent\tCYBERATTACK\t\t\tsubj=@hackers|spy\t0.8\n"
                    "slam\tV\tevent\tACCUSE\t\t\tobj=@condemning\t0.6\n", encoding="utf-8")
    lex = load_lexicon(path)
    [breach] = lex.verbs["breach"]
    assert breach.condition("subj") == {"hacker", "intruder", "spy"}
    [slam] = lex.verbs["slam"]
    assert slam.condition("obj") == default_lexicon().lists["condemning"]
    assert {"sham", "travesty"} <= slam.condition("obj")
    assert default_lexicon().verbs["describe"][0].condition("obj") == default_lexicon().lists["condemning"]


def test_a_word_list_used_before_it_is_named_is_a_clear_error(tmp_path):
    path = tmp_path / "early.tsv"
    path.write_text(HEADER + "breach\tV\tevent\tCYBERATTACK\t\t\tsubj=@hackers\t0.8\n"
                    "@hackers\thacker|intruder\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"early.tsv: lexicon line 2: no word list '@hackers' defined above it"):
        load_lexicon(path)
    twice = tmp_path / "twice.tsv"
    twice.write_text(HEADER + "@hackers\thacker\n@hackers\tintruder\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="defined twice"):
        load_lexicon(twice)


def test_a_users_list_may_take_the_place_of_a_shipped_one(tmp_path):
    path = tmp_path / "own.tsv"
    path.write_text(HEADER + "@condemning\tsham|hoax\n"
                    "slam\tV\tevent\tACCUSE\t\t\tobj=@condemning\t0.6\n", encoding="utf-8")
    [slam] = load_lexicon(path).verbs["slam"]
    assert slam.condition("obj") == {"sham", "hoax"}
    assert "travesty" in default_lexicon().lists["condemning"]  # the shipped list is untouched
