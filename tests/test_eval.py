"""Scoring: both gold formats on small project-written fixtures with known scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dotterel.cli.main import main
from dotterel.errors import InputError
from dotterel.evaluate import PRF, detect_format, evaluate, render, text_overlaps

FIX = Path(__file__).parent / "fixtures" / "eval"
ARTICLE = FIX / "article.gold.jsonl"
SENTENCES = FIX / "sentences.gold.jsonl"


def counts(prf):
    return (prf.correct_pred, prf.n_pred, prf.correct_gold, prf.n_gold)


@pytest.fixture(scope="module")
def article():
    return evaluate(ARTICLE, FIX / "article.pred.jsonl")


@pytest.fixture(scope="module")
def sentences():
    return evaluate(SENTENCES, FIX / "sentences.pred.jsonl")


def test_prf_arithmetic():
    s = PRF(correct_pred=3, n_pred=4, correct_gold=3, n_gold=5)
    assert s.precision == 0.75 and s.recall == 0.6 and s.f1 == pytest.approx(2 / 3)
    assert PRF().precision is None and PRF().f1 is None


def test_detect_format():
    assert detect_format({"quote": "x", "event": ["AGREE"]}) == "article"
    assert detect_format({"sentence": "x", "gold_root": "AID"}) == "sentences"
    with pytest.raises(InputError):
        detect_format({"text": "x"})


def test_a_corpus_file_without_corpus_is_told_to_add_it(tmp_path, capsys):
    """`dotterel eval --model DIR dev.jsonl` on the file a model was trained with had said only
    "unknown gold format"."""
    gold = tmp_path / "dev.jsonl"
    gold.write_text(json.dumps({"id": "x1", "text": "Freedonia accused Sylvania.", "events": []}) + "\n",
                    encoding="utf-8")
    assert main(["eval", str(gold)]) == 1
    err = capsys.readouterr().err
    assert "dev.jsonl: unknown gold format" in err and "corpus format of `dotterel train`; add --corpus" in err


def test_text_overlaps():
    assert text_overlaps("agreed on Tuesday", "Norway and Sweden agreed on Tuesday to act.")
    assert text_overlaps("countries – US President", "other countries - US President Joe Biden")
    assert not text_overlaps("Denmark imposed sanctions", "Leave a Reply")


def test_article_fields(article):
    f = article.fields
    assert article.format == "article" and article.n_gold == 4 and article.n_pred == 4
    assert counts(f["type"]) == (3, 4, 4, 4)
    assert counts(f["actor"]) == (3, 4, 4, 4)
    assert counts(f["countries"]) == (3, 4, 4, 4)
    assert counts(f["direction"]) == (1, 1, 1, 1)
    assert counts(f["status"]) == (2, 4, 3, 4)
    assert counts(f["date"]) == (1, 1, 2, 2)  # the SANCTION date is not judged: gold gives none
    assert counts(f["location"]) == (1, 1, 2, 2)  # alpha-2 NO is NOR
    assert f["type"].f1 == pytest.approx(6 / 7)


def test_article_checks(article):
    c = article.checks
    assert c["found"] == {"n": 4, "of": 4, "ids": ["G1", "G2", "G3", "G4"]}
    assert c["status_among_found"]["correct"] == 3
    [dup] = c["duplicates"]
    assert dup["gold"] == ["G1", "G3"] and dup["one_event"] is True
    heading, boiler, negated = c["must_not_produce"]
    assert heading["ok"] is True
    assert boiler["ok"] is False and boiler["violations"][0]["event_text"] == "Leave a Reply"
    assert negated["ok"] is False and negated["violations"][0]["status"] == "occurred"
    assert [x["found"] for x in c["expected_flags"]] == [True, False]


def test_article_confusion_and_types(article):
    assert article.confusion == {"AGREE": {"AGREE": 3}, "SANCTION": {"SANCTION": 1}, "(none)": {"PROTEST": 1}}
    assert counts(article.per_type["AGREE"]) == (3, 3, 3, 3)
    assert counts(article.per_type["PROTEST"]) == (0, 1, 0, 0)


def test_article_unfused_duplicates_are_not_one_event():
    preds = [json.loads(line) for line in (FIX / "article.pred.jsonl").open()]
    first = dict(preds[0], mentions=[])
    second = dict(preds[0], id="ev-00000000000000aa", mentions=[],
                  event_text="The two prime ministers met in Oslo for three hours.")
    report = evaluate(ARTICLE, [first, second] + preds[1:])
    [dup] = report.checks["duplicates"]
    assert dup["one_event"] is False
    assert report.checks["found"]["n"] == 4


def test_sentences_scores(sentences):
    c = sentences.checks
    assert sentences.format == "sentences" and sentences.n_gold == 5
    assert c["root_accuracy"] == {"correct": 3, "of": 5, "accuracy": 0.6}
    assert c["coverage"]["with_event"] == 4
    assert (c["direction_accuracy"]["correct"], c["direction_accuracy"]["of"]) == (2, 3)
    assert (c["quad_accuracy"]["correct"], c["quad_accuracy"]["of"]) == (3, 4)
    assert counts(sentences.fields["root"]) == (3, 4, 3, 5)
    assert sentences.confusion["YIELD"] == {"YIELD": 1}  # RETREAT counts as YIELD
    assert sentences.confusion["AID"] == {"(none)": 1}
    assert sentences.confusion["CONSULT"] == {"AGREE": 1}
    bins = {(b["min"], b["max"]): (b["n"], b["correct"]) for b in c["by_confidence"]}
    assert bins[(0.4, 0.6)] == (1, 1) and bins[(0.8, 1.0)] == (2, 1)
    assert c["confidence_monotone"] is False
    items = {i["id"]: i for i in sentences.items}
    assert items["t-2"]["direction_ok"] is False and items["t-3"]["args_matched"] is False


def test_report_renders_and_serialises(article, sentences):
    for report in (article, sentences):
        text = render(report)
        assert "Per event type" in text and "Confusion" in text
        json.dumps(report.to_dict())
    assert "Found (accepted type and right countries): 4 of 4" in render(article)
    assert "Root accuracy" in render(sentences)


def test_cli_eval_text_and_json(capsys):
    assert main(["eval", str(SENTENCES), "--pred", str(FIX / "sentences.pred.jsonl")]) == 0
    assert "Root accuracy (all sentences; no event = wrong): 60.0% (3/5)" in capsys.readouterr().out
    assert main(["eval", str(ARTICLE), "--pred", str(FIX / "article.pred.jsonl"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["checks"]["found"]["n"] == 4 and data["fields"]["status"]["recall"] == 0.75


def test_cli_eval_missing_gold_is_clean_error(capsys, tmp_path):
    assert main(["eval", str(tmp_path / "nope.jsonl")]) == 1
    assert "dotterel eval: error:" in capsys.readouterr().err


@pytest.mark.slow
def test_article_codes_sibling_text_without_pred():
    """Without --pred the sibling .txt is coded with the .meta.json date; every check is reported."""
    report = evaluate(ARTICLE)
    assert report.source["text"].endswith("article.txt") and report.source["date"] == "2023-04-05"
    assert report.checks["found"]["of"] == 4
    # whatever the coder finds, headings and boilerplate are never events, nor body text
    heading, boiler = report.checks["must_not_produce"][:2]
    assert heading["ok"] and boiler["ok"]
    assert heading["segmented_out"] == {"n": 1, "of": 1}
    assert boiler["segmented_out"] == {"n": 1, "of": 2}  # the second text is not in article.txt


@pytest.mark.slow
def test_sentences_coded_by_dotterel():
    report = evaluate(SENTENCES)
    assert report.n_gold == 5 and set(report.checks) >= {"root_accuracy", "by_confidence", "coverage"}


@pytest.mark.shared
@pytest.mark.slow
def test_shared_seed_article_and_plv_slice(shared, tmp_path, capsys):
    gold = shared / "reference" / "seed-article.gold.jsonl"
    assert main(["eval", str(gold), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "article" and data["n_gold"] == 19
    assert data["source"]["date"] == "2022-05-23"
    assert {"found", "status_among_found", "duplicates", "must_not_produce", "expected_flags"} <= set(data["checks"])
    assert any(d["gold"] == ["S01", "S05", "S14"] for d in data["checks"]["duplicates"])
    assert len(data["checks"]["expected_flags"]) == 5
    assert set(data["fields"]) >= {"type", "actor", "recipient", "direction", "status", "date", "location"}
    for rule in data["checks"]["must_not_produce"][:2]:  # headings and boilerplate
        assert rule["ok"], rule["violations"]
        assert rule["segmented_out"]["n"] == rule["segmented_out"]["of"]

    lines = (shared / "eval" / "plv_dev" / "plv_dev.jsonl").read_text().splitlines()[:50]
    sample = tmp_path / "plv50.jsonl"
    sample.write_text("\n".join(lines) + "\n")
    assert main(["eval", str(sample)]) == 0
    text = capsys.readouterr().out
    assert "Root accuracy" in text and "Precision by confidence" in text
    assert main(["eval", str(sample), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "sentences" and data["n_gold"] == 50
    assert data["checks"]["root_accuracy"]["of"] == 50


GOOD_ARTICLE = {"id": "G1", "quote": "Kenya accused Uganda", "event": ["ACCUSE"], "actors": ["KEN"],
                "recipient": ["UGA"], "status": "occurred"}
GOOD_SENTENCE = {"id": "s1", "sentence": "Kenya accused Uganda.", "source": "Kenya", "target": "Uganda",
                 "gold_root": "ACCUSE"}


@pytest.mark.parametrize("line, message", [
    ({**GOOD_SENTENCE, "sentence": 5}, "gold.jsonl:2: `sentence` must be a string, not 5"),
    ({**GOOD_ARTICLE, "event": "AGREE"}, 'gold.jsonl:2: `event` must be a list of PLOVER types, not "AGREE"'),
    ({**GOOD_ARTICLE, "quote": 42}, "gold.jsonl:2: `quote` must be a string, not 42"),
    ({k: v for k, v in GOOD_ARTICLE.items() if k != "id"}, "gold.jsonl:2: missing `id` (a string)"),
])
def test_malformed_gold_line_is_one_clear_error(tmp_path, capsys, line, message):
    """A gold field of the wrong type used to end in a TypeError traceback (or, for a string
    `event`, a substring match); it is E111 naming the file, the line and the field."""
    gold = tmp_path / "gold.jsonl"
    good = GOOD_SENTENCE if "sentence" in line else GOOD_ARTICLE
    gold.write_text(json.dumps(good) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("", encoding="utf-8")
    assert main(["eval", str(gold), "--pred", str(pred)]) == 1
    err = capsys.readouterr().err
    assert err == f"dotterel eval: error: [E111] {tmp_path / message}\n"


def test_bad_publication_date_in_meta_is_one_clear_error(tmp_path, capsys):
    """NAME.meta.json's publication_date '04/04/2023' used to end in a ValueError traceback."""
    (tmp_path / "a.gold.jsonl").write_text(json.dumps(GOOD_ARTICLE) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Kenya accused Uganda of spying.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"publication_date": "04/04/2023"}', encoding="utf-8")
    assert main(["eval", str(tmp_path / "a.gold.jsonl"), "--no-model"]) == 1
    err = capsys.readouterr().err
    assert err == (f"dotterel eval: error: [E106] {tmp_path / 'a.meta.json'}: bad `publication_date` "
                   '"04/04/2023"; expected YYYY-MM-DD\n')


def test_gold_silent_on_status_is_left_out_of_the_status_figures(tmp_path):
    """A gold event without `status` used to count as a status error (docs/evaluation.md: what
    the gold says nothing about is left out of that field)."""
    silent = {**GOOD_ARTICLE, "id": "G2", "quote": "Kenya met Uganda", "event": ["CONSULT"],
              "recipient": [], "actors": ["KEN", "UGA"]}
    del silent["status"]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOOD_ARTICLE) + "\n" + json.dumps(silent) + "\n", encoding="utf-8")
    preds = [
        {"id": "p1", "event": "ACCUSE", "event_text": "Kenya accused Uganda.", "status": "occurred",
         "actor": [{"code": "KEN"}], "recipient": [{"code": "UGA"}]},
        {"id": "p2", "event": "CONSULT", "event_text": "Kenya met Uganda.", "status": "future",
         "actor": [{"code": "KEN"}, {"code": "UGA"}], "recipient": []},
    ]
    report = evaluate(gold, preds)
    assert report.checks["found"]["n"] == 2
    assert report.checks["status_among_found"] == {"correct": 1, "of": 1, "accuracy": 1.0}
    assert counts(report.fields["status"]) == (1, 1, 1, 1)


def test_invalid_gold_json_names_the_column_once(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"sentence": "a\x01b"}\n', encoding="utf-8")
    assert main(["eval", str(gold), "--pred", str(gold)]) == 1
    err = capsys.readouterr().err
    assert err.endswith("gold.jsonl:1: invalid JSON (Invalid control character at column 16)\n")
