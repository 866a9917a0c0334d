"""Scoring whole news folders and corpus files by the exhaustive-gold rules."""

from __future__ import annotations

import json

import pytest

from dotterel.errors import InputError

from dotterel.evaluate_news import (
    Article,
    calibration,
    code_articles,
    load_corpus,
    load_news_folder,
    render_news,
    score_articles,
)
from dotterel.pipeline import Pipeline


def _rec(event, text, actor=(), recipient=(), status="occurred", confidence=0.8):
    return {
        "event": event, "event_text": text, "status": status, "confidence": confidence,
        "actor": [{"code": c} for c in actor], "recipient": [{"code": c} for c in recipient],
        "mentions": [], "trigger": [],
    }


def _articles():
    a = Article("a", "Kenya accused Uganda of spying. Police arrested two men.", None, [
        {"id": "E1", "quote": "Kenya accused Uganda of spying", "event": ["ACCUSE"],
         "actors": ["KEN"], "recipient": ["UGA"], "status": "historical"},
        {"id": "E2", "quote": "Police arrested two men", "also": [], "event": ["COERCE"],
         "actors": ["KEN"], "recipient": [], "status": "occurred"},
    ])
    sport = Article("s", "The striker shot wide.", None, [], political=False)
    return [a, sport]


def test_precision_recall_full_and_status_follow_the_rules():
    records = {
        "a": [
            _rec("ACCUSE", "Kenya accused Uganda of spying.", ["KEN"], ["UGA"]),  # right, full
            _rec("ASSAULT", "Police arrested two men.", ["KEN"]),  # aligned, wrong type
            _rec("COERCE", "Police arrested two men.", ["USA"]),  # right type, wrong actor
        ],
        "s": [_rec("ASSAULT", "The striker shot wide.")],  # a false event in a non-political article
    }
    r = score_articles(_articles(), records)
    assert r.n_records == 4 and r.n_gold == 2
    assert r.type_p == pytest.approx(2 / 4) and r.type_r == pytest.approx(2 / 2)
    assert r.full_p == pytest.approx(1 / 4) and r.full_r == pytest.approx(1 / 2)
    # gold 'historical' accepts 'occurred' when the article has no publication date
    assert r.status == pytest.approx(1.0)
    assert (r.nonpolitical_articles, r.nonpolitical_records) == (1, 1)
    kinds = sorted(e["kind"] for e in r.errors)
    assert kinds == ["false", "wrong_parties", "wrong_type"]
    # a record of the right type with the wrong parties shows both sides' codes
    wrong = next(e for e in r.errors if e["kind"] == "wrong_parties")
    assert (wrong["event"], wrong["gold"]) == ("COERCE USA>-", "KEN>-")
    text = render_news(r, errors=5)
    assert "type" in text and "0.500" in text and "non-political" in text


def test_a_fused_mention_and_an_also_quote_align():
    art = Article("b", "", None, [{"id": "E1", "quote": "the ministers met in Delhi", "also": ["they held talks"],
                                    "event": ["CONSULT"], "actors": ["IND", "JPN"], "recipient": []}])
    rec = _rec("CONSULT", "Something else entirely.", ["IND", "JPN"])
    rec["mentions"] = [{"text": "On Friday they held talks in the capital."}]
    r = score_articles([art], {"b": [rec]})
    assert r.type_p == 1.0 and r.full_r == 1.0


def test_location_is_scored_among_found_events_the_gold_places():
    art = Article("c", "", None, [
        {"id": "E1", "quote": "Police arrested two men in Nakuru", "event": ["COERCE"], "actors": ["KEN"],
         "recipient": [], "location": {"country": "KEN", "place": "Nakuru"}},
        {"id": "E2", "quote": "Troops shelled a village in Kordofan", "event": ["ASSAULT"], "actors": ["SDN"],
         "recipient": [], "location": {"country": "SDN", "place": "Kordofan"}},
        {"id": "E3", "quote": "Uganda accused Kenya of spying", "event": ["ACCUSE"], "actors": ["UGA"],
         "recipient": ["KEN"], "location": None},
    ])
    right = _rec("COERCE", "Police arrested two men in Nakuru.", ["KEN"])
    right["event_loc"] = {"country_code": "KEN"}
    wrong = _rec("ASSAULT", "Troops shelled a village in Kordofan.", ["SDN"])
    wrong["event_loc"] = {"country_code": "TCD"}
    unplaced = _rec("ACCUSE", "Uganda accused Kenya of spying.", ["UGA"], ["KEN"])
    r = score_articles([art], {"c": [right, wrong, unplaced]})
    assert (r.location, r.location_n) == (pytest.approx(0.5), 2)
    assert "location country right among found: 0.500 (of 2" in render_news(r)
    # gold without places (the corpus) prints no location line
    assert "location" not in render_news(score_articles(_articles(), {}))


def test_sector_is_scored_among_coded_parties_of_type_right_records_the_gold_names():
    art = Article("s", "", None, [
        {"id": "E1", "quote": "Turkey shelled Qamishli", "event": ["ASSAULT"], "actors": ["TUR"],
         "recipient": ["SYR"], "sectors": {"TUR": "MIL", "SYR": "CVL"}},
        {"id": "E2", "quote": "A Kenyan court charged the Kenyan minister", "event": ["COERCE"], "actors": ["KEN"],
         "recipient": [], "sectors": {"KEN": "JUD/GOV"}},
    ])
    shelled = _rec("ASSAULT", "Turkey shelled Qamishli.", ["TUR"], ["SYR"])
    shelled["actor"][0]["sector"], shelled["recipient"][0]["sector"] = "GOV", "CVL"  # 1 of 2
    charged = _rec("COERCE", "A Kenyan court charged the Kenyan minister.", ["KEN"], ["KEN"])
    charged["actor"][0]["sector"], charged["recipient"][0]["sector"] = "JUD", "GOV"  # "JUD/GOV": both
    mistyped = _rec("ACCUSE", "Turkey shelled Qamishli.", ["TUR"])  # not type-right: not counted
    mistyped["actor"][0]["sector"] = "GOV"
    r = score_articles([art], {"s": [shelled, charged, mistyped]})
    assert (r.sector, r.sector_n) == (pytest.approx(0.75), 4)
    assert "sector right among coded parties: 0.750 (of 4" in render_news(r)


def test_corpus_parties_give_the_gold_sectors(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "c1", "text": "A court in Nairobi charged the minister.", "events": [
        {"event": ["COERCE"], "status": "occurred", "trigger": "charged",
         "actor": [["A court in Nairobi", "KEN", "JUD"]], "recipient": [["the minister", "KEN", "GOV"]]}]}) + "\n")
    (art,) = load_corpus([corpus])
    assert art.gold[0]["sectors"] == {"KEN": "JUD/GOV"}


def test_a_record_from_a_clause_of_a_corpus_line_is_from_that_line(tmp_path):
    """A corpus line is one sentence: a record from a clause the coder read on its own
    ('police seek witnesses') aligns with the line's gold, where a news quote would need the
    record's sentence to hold it, to lie in it with four words or more, or to share 80% of its
    words."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "c1", "text": "Man shot outside Tema bar; police seek witnesses", "events": [
        {"event": ["ASSAULT"], "status": "occurred", "trigger": "shot", "actor": [],
         "recipient": [["Man", "GHA", "CVL"]]},
        {"event": ["REQUEST"], "status": "occurred", "trigger": "seek", "actor": [["police", "GHA", "COP"]],
         "recipient": []}]}) + "\n")
    (art,) = load_corpus([corpus])
    records = {"c1": [_rec("ASSAULT", "Man shot outside Tema bar;", recipient=["GHA"]),
                      _rec("REQUEST", "police seek witnesses", actor=["GHA"])]}
    r = score_articles([art], records)
    assert (r.type_p, r.type_r, r.full_p) == (1.0, 1.0, 1.0)
    news = Article("n", art.text, None, [dict(g, whole_line=False) for g in art.gold])
    r = score_articles([news], {"n": records["c1"]})
    # (a clause of four words or more inside a news quote aligns; three words are too few to tell)
    assert r.type_p == 0.5 and [e["text"] for e in r.errors if e["kind"] == "false"] == ["police seek witnesses"]


def test_consecutive_corpus_lines_of_one_article_are_scored_as_one_whole_article(tmp_path):
    """Lines sharing an ``article`` id are one document (a headline first is its title): a
    record aligns with the line its sentence holds, and an article without any event is
    non-political (its records counted apart). A line without the field stays a one-sentence
    article."""
    def line(i, text, article=None, events=(), reg="wire"):
        return json.dumps({"id": f"c{i}", "article": article, "reg": reg, "text": text, "events": list(events)})
    expelled = {"event": ["SANCTION"], "status": "occurred", "trigger": "expelled",
                "actor": [["Chile", "CHL", "GOV"]], "recipient": [["two Peruvian diplomats", "PER", "GOV"]]}
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join([
        line(1, "Chile expels Peruvian envoys", "a1", [dict(expelled, trigger="expels", recipient=[])], reg="headline"),
        line(2, "Chile expelled two Peruvian diplomats on Monday.", "a1", [expelled]),
        line(3, "The embassy in Lima stayed open.", "a1"),
        line(4, "The bakery opened a second shop.", "a2"),
        line(5, "Its bread sold out by noon.", "a2"),
        line(6, "Chile expelled two Peruvian diplomats on Monday.", None, [expelled]),
    ]) + "\n")
    arts = load_corpus([corpus])
    # a headline first is the title: not in the text the coder reads, its events not scored
    assert [(a.id, a.political, len(a.gold)) for a in arts] == [("a1", True, 1), ("a2", False, 0), ("c6", True, 1)]
    assert arts[0].title == "Chile expels Peruvian envoys"
    assert arts[0].text.split("\n\n") == ["Chile expelled two Peruvian diplomats on Monday.", "The embassy in Lima stayed open."]
    records = {"a1": [_rec("SANCTION", "Chile expelled two Peruvian diplomats on Monday.", ["CHL"], ["PER"]),
                      _rec("SANCTION", "The embassy in Lima stayed open.", ["CHL"])],
               "a2": [_rec("AID", "The bakery opened a second shop.")],
               "c6": [_rec("SANCTION", "Chile expelled two Peruvian diplomats on Monday.", ["CHL"], ["PER"])]}
    r = score_articles(arts, records)
    # the embassy record aligns with no line of its article, the bakery's is non-political
    assert (r.n_records, r.type_p, r.type_r) == (4, 0.5, 1.0)
    assert (r.nonpolitical_articles, r.nonpolitical_records) == (1, 1)


def test_an_id_that_names_two_corpus_articles_is_a_clear_error(tmp_path):
    """Records are scored by their document's id: a repeated line id, or an article whose
    lines are split by others, would mix two texts' records in silence."""
    line = {"id": "c1", "text": "Chile expelled two Peruvian diplomats.", "events": []}
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(line) + "\n" + json.dumps(dict(line, text="Peru recalled its envoy.")) + "\n")
    with pytest.raises(InputError) as err:
        load_corpus([corpus])
    assert err.value.code == "E113" and "'c1' names two articles" in str(err.value) and "c.jsonl" in str(err.value)
    split = [dict(line, id="a", article="x"), dict(line, id="b"), dict(line, id="c", article="x")]
    corpus.write_text("\n".join(json.dumps(x) for x in split) + "\n")
    with pytest.raises(InputError, match="'x' names two articles"):
        load_corpus([corpus])


def test_no_records_gives_no_precision_and_zero_recall():
    r = score_articles(_articles(), {})
    assert r.type_p is None and r.type_r == 0.0


def test_calibration_table_and_ece():
    cal = calibration([(0.9, True), (0.9, True), (0.9, False), (0.1, False)], bins=5)
    assert cal["bins"][4]["n"] == 3 and cal["bins"][4]["precision"] == pytest.approx(2 / 3)
    assert cal["ece"] == pytest.approx(0.75 * abs(0.9 - 2 / 3) + 0.25 * 0.1)


def test_news_folder_and_corpus_loaders(tmp_path):
    (tmp_path / "n1.txt").write_text("Kenya accused Uganda.", encoding="utf-8")
    (tmp_path / "n1.gold.jsonl").write_text(json.dumps({"id": "E1", "quote": "Kenya accused Uganda", "event": ["ACCUSE"]}) + "\n")
    (tmp_path / "n1.meta.json").write_text(json.dumps(
        {"publication_date": "2018-03-01", "url": "https://news.example.ke/a", "publisher": "news.example.ke"}))
    (tmp_path / "n1.notes.json").write_text(json.dumps({"political": True}))
    (arts,) = load_news_folder(tmp_path)
    assert arts.date.isoformat() == "2018-03-01" and arts.gold[0]["id"] == "E1"
    # the publication metadata reaches the coder as a reader's would (the article's home country)
    seen = []

    class Spy:
        name, requires, assigns = "spy", (), ()

        def __call__(self, doc):
            seen.append(doc.meta)
            return doc

    code_articles([arts], pipeline=Pipeline([Spy()]))
    assert seen[0].url == "https://news.example.ke/a" and seen[0].publisher == "news.example.ke"
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "c1", "text": "Chile expelled two diplomats.", "events": [
        {"event": ["SANCTION"], "status": "occurred", "trigger": "expelled",
         "actor": [["Chile", "CHL", "GOV"]], "recipient": [["two diplomats", None, "GOV"]]}]}) + "\n")
    (art,) = load_corpus([corpus])
    assert art.gold[0]["quote"] == art.text and art.gold[0]["actors"] == ["CHL"] and art.gold[0]["recipient"] == []


@pytest.mark.slow
def test_eval_cli_scores_a_news_folder(tmp_path):
    from dotterel.cli.main import main

    (tmp_path / "n1.txt").write_text("Kenya accused Uganda of spying on Monday.", encoding="utf-8")
    (tmp_path / "n1.gold.jsonl").write_text(json.dumps(
        {"id": "E1", "quote": "Kenya accused Uganda of spying", "event": ["ACCUSE"], "actors": ["KEN"],
         "recipient": ["UGA"], "status": "occurred"}) + "\n")
    out = tmp_path / "out.json"
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["eval", str(tmp_path), "--json"]) == 0
    report = json.loads(buf.getvalue())
    assert report["n_gold"] == 1 and report["type_r"] == 1.0 and report["full_p"] == 1.0
    del out


def test_a_malformed_news_folder_is_one_clear_error(tmp_path):
    """A bad meta.json date or a gold `event` given as a string used to crash (ValueError) or
    score by substring; each is an InputError naming the file (and line) and the field."""
    from dotterel.errors import InputError

    (tmp_path / "n1.txt").write_text("Kenya accused Uganda.", encoding="utf-8")
    gold = {"id": "E1", "quote": "Kenya accused Uganda", "event": ["ACCUSE"]}
    (tmp_path / "n1.gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    (tmp_path / "n1.meta.json").write_text('{"publication_date": "04/04/2023"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"E106.*n1\.meta\.json: bad `publication_date` \"04/04/2023\""):
        load_news_folder(tmp_path)
    (tmp_path / "n1.meta.json").write_text('{"publication_date": null}', encoding="utf-8")
    (tmp_path / "n1.gold.jsonl").write_text(json.dumps({**gold, "event": "ACCUSE"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"E111.*n1\.gold\.jsonl:1: `event` must be a list of PLOVER types"):
        load_news_folder(tmp_path)


def test_gold_silent_on_status_is_left_out_of_the_status_figure():
    """A gold event without `status` used to count as a status error."""
    art = Article("a", "Kenya accused Uganda of spying. Police arrested two men.", None, [
        {"id": "E1", "quote": "Kenya accused Uganda of spying", "event": ["ACCUSE"], "actors": ["KEN"],
         "recipient": ["UGA"], "status": "occurred"},
        {"id": "E2", "quote": "Police arrested two men", "event": ["COERCE"], "actors": [], "recipient": []},
    ])
    records = {"a": [_rec("ACCUSE", "Kenya accused Uganda of spying.", ["KEN"], ["UGA"]),
                     _rec("COERCE", "Police arrested two men.", status="future")]}
    r = score_articles([art], records)
    assert r.type_r == 1.0 and (r.status, r.status_n) == (1.0, 1)
