"""A one-sided conflict event takes the other side of the article's dispute."""

from __future__ import annotations

import pytest

from dotterel.document import Document, Entity, Event, Mention, Trigger
from dotterel.events.counterparts import add_counterparts, dispute


def _party(code: str | None, text: str | None = None) -> list[Entity]:
    return [Entity(text=text or code or "someone", code=code, sector="GOV")] if code or text else []


def _event(kind: str, actor: str | None, recipient: str | None, sentence: int = 0) -> Event:
    return Event(kind, sentence, [Trigger("x", 0, 1)], actor=_party(actor), recipient=_party(recipient))


def _doc(*events: Event, named: dict[int, list[str]] | None = None) -> Document:
    doc = Document.from_text("x " * 40, date="2024-05-02")
    doc.events = list(events)
    doc.mentions = [
        Mention(0, 1, code, "actor", sentence, entity=Entity(text=code, code=code))
        for sentence, codes in (named or {}).items() for code in codes
    ]
    return doc


def _quarrel() -> tuple[Event, Event]:
    """Two made-up reports, in two sentences, that set Norway and Denmark against each other."""
    return _event("SANCTION", "NOR", "DNK", sentence=0), _event("ACCUSE", "DNK", "NOR", sentence=1)


def test_the_dispute_is_the_pair_most_often_set_against_each_other():
    assert dispute(_doc(*_quarrel())) == frozenset({"NOR", "DNK"})
    assert dispute(_doc(_event("SANCTION", "NOR", "DNK"))) is None  # one report is no dispute
    tie = _doc(*_quarrel(), _event("ACCUSE", "SWE", "FIN"), _event("THREATEN", "FIN", "SWE"))
    assert dispute(tie) is None
    # praise and meetings make no dispute
    friends = _doc(_event("SUPPORT", "NOR", "DNK"), _event("CONSULT", "DNK", "NOR"))
    assert dispute(friends) is None


def test_a_one_sided_act_of_the_dispute_takes_the_other_side():
    threat = _event("THREATEN", "DNK", None, sentence=2)  # "Copenhagen vowed to retaliate"
    searched = _event("COERCE", None, "NOR", sentence=3)  # "a Norwegian plane was searched"
    doc = _doc(*_quarrel(), threat, searched)
    add_counterparts(doc)
    assert [e.code for e in threat.recipient] == ["NOR"] and threat.recipient[0].sector == "GOV"
    assert [e.code for e in searched.actor] == ["DNK"]
    flag = next(f for f in threat.flags if f["kind"] == "inferred_party")
    assert flag["code"] == "NOR" and "between DNK and NOR" in flag["why"]
    # the parties already there are untouched
    assert [(e.actor[0].code, e.recipient[0].code) for e in doc.events[:2]] == [("NOR", "DNK"), ("DNK", "NOR")]


def test_the_side_an_attack_falls_on_takes_no_sector():
    attack = _event("ASSAULT", "NOR", None, sentence=2)
    add_counterparts(_doc(*_quarrel(), attack))
    assert [(e.code, e.sector) for e in attack.recipient] == [("DNK", None)]


@pytest.mark.parametrize(
    "event, named",
    [
        (_event("SUPPORT", "DNK", None, sentence=2), {}),  # not an act of conflict
        (_event("REQUEST", "DNK", None, sentence=2), {}),  # a request only from its own sentence
        (_event("MOBILIZE", "DNK", None, sentence=2), {}),  # troops may go to an ally
        (_event("THREATEN", "SWE", None, sentence=2), {}),  # its party is not in the dispute
        (_event("THREATEN", "DNK", None, sentence=3), {3: ["DNK", "SWE"]}),  # a third state is named
        (_event("THREATEN", None, None, sentence=2), {}),  # nobody to start from
    ],
)
def test_no_other_side_is_guessed(event, named):
    before = ([e.code for e in event.actor], [e.code for e in event.recipient])
    add_counterparts(_doc(*_quarrel(), event, named=named))
    assert ([e.code for e in event.actor], [e.code for e in event.recipient]) == before
    assert not any(f["kind"] == "inferred_party" for f in event.flags)


def test_a_side_named_but_uncoded_is_not_replaced():
    rejected = _event("REJECT", "DNK", None, sentence=2)
    rejected.recipient = [Entity(text="the minister's assessment")]
    add_counterparts(_doc(*_quarrel(), rejected))
    assert [e.code for e in rejected.recipient] == [None]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, event, recipients",
    [
        # one report sets two states against each other in their sentence; an answer after it
        # takes the other side, also the same party's own warning beside its act
        ("Pakistan carried out strikes inside Iran on Thursday, and Tehran warned of a firm response.",
         "THREATEN", ["PAK"]),
        ("Mexico rejected Washington's designation of six cartels as terrorist groups, warning that it "
         "would not accept any intervention.", "THREATEN", ["USA"]),
        # not an act before it, nor what the act's own words hold
        ("Zambia warned of further steps before it imposed sanctions on Malawi.", "THREATEN", []),
        ("Zambian police arrested a Malawian trader for allegedly making a false accusation.", "ACCUSE", []),
    ],
)
def test_an_answer_takes_the_other_side_of_its_sentence(run, text, event, recipients):
    (act,) = [e for e in run(text).events if e.event == event]
    assert sorted(r.code for r in act.recipient if r.code) == recipients
    assert any(f["kind"] == "inferred_party" for f in act.flags) == bool(recipients)


def test_without_a_parse_no_sentence_makes_a_dispute():
    # which act came first and what it says need the parse; the article's pair still counts
    struck, warned = _event("ASSAULT", "PAK", "IRN", sentence=4), _event("THREATEN", "IRN", None, sentence=4)
    add_counterparts(_doc(struck, warned))
    assert warned.recipient == []


@pytest.mark.slow
def test_a_threat_in_a_story_about_a_quarrel_is_aimed_at_the_other_side(run):
    doc = run(
        "Norway expelled four Danish diplomats on Monday, saying they had spied on its oil ministry. "
        "Denmark accused Norway of staging a provocation. Copenhagen threatened to retaliate."
    )
    threats = [e for e in doc.events if e.event == "THREATEN"]
    assert threats and [e.code for e in threats[0].actor] == ["DNK"]
    assert [e.code for e in threats[0].recipient] == ["NOR"]
    assert any(f["kind"] == "inferred_party" and f["code"] == "NOR" for f in threats[0].flags)
    # the reports that name both sides keep the parties they name, and nothing is added to them
    expelled = next(e for e in doc.events if e.event == "SANCTION")
    assert [e.text for e in expelled.recipient] == ["four Danish diplomats"]
    assert not any(f["kind"] == "inferred_party" for f in expelled.flags)
