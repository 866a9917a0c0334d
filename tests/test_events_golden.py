"""Golden event cases (GitHub issue 3): sentences written by the project, coded end to end.

Each line of ``golden/events.jsonl`` is one case::

    {"text": ..., "date": "2024-03-10",
     "expect": {"event": "SANCTION" | ["AGREE", "CONSULT"], "status": ..., "actor": [codes],
                "recipient": [codes], "mode"?: ..., "context_has"?: [...], "sentence"?: 0,
                "actor_text"?: [...], "recipient_text"?: [...]},
     "why": "the PLOVER rule it checks", "xfail"?: "why the coder gets it wrong today",
     "rule"?: "refusal_is_reject" | [...]}

``expect`` may also be a list (every expected event must be present) or null (the text
must produce no event at all: headings, boilerplate).

A case passes when *some* coded event matches: type in the accepted list, status equal,
the set of actor codes equal and the set of recipient codes equal (entities without a
code are ignored there; fictional actors are checked by surface text with ``actor_text``).
``rule`` names the coding rules of events/rules.py (`PLOVER_RULES`) the case depends on:
every rule has cases, and each such case fails when its rule is taken out of the coder.
Cases marked ``xfail`` are known coder errors, kept visible with a strict xfail so that a
fix shows up as XPASS and the mark has to be removed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "events.jsonl"


def _load() -> list:
    params = []
    for n, line in enumerate(GOLDEN.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        params.append(pytest.param(case, id=f"L{n}-{case['text'][:40]}", marks=marks))
    return params


CASES = _load()


def _codes(entities) -> set[str]:
    return {e.code for e in entities if e.code}


def _describe(events) -> str:
    return "; ".join(
        f"[s{e.sentence_index}] {e.event}/{e.mode}/{e.status} actor={sorted(_codes(e.actor))} "
        f"recipient={sorted(_codes(e.recipient))} actor_text={[a.text for a in e.actor]} "
        f"trigger={[t.text for t in e.trigger]}"
        for e in events
    ) or "no events"


def _matches(ev, exp: dict) -> bool:
    accepted = exp["event"] if isinstance(exp["event"], list) else [exp["event"]]
    if ev.event not in accepted or ev.status != exp["status"]:
        return False
    if "sentence" in exp and ev.sentence_index != exp["sentence"]:
        return False
    if _codes(ev.actor) != set(exp["actor"]) or _codes(ev.recipient) != set(exp["recipient"]):
        return False
    if "mode" in exp and ev.mode != exp["mode"]:
        return False
    if "context_has" in exp and not set(exp["context_has"]) <= set(ev.context):
        return False
    if "actor_text" in exp and {a.text for a in ev.actor} != set(exp["actor_text"]):
        return False
    if "recipient_text" in exp and {r.text for r in ev.recipient} != set(exp["recipient_text"]):
        return False
    return True


def test_golden_file_is_well_formed():
    from dotterel.ontology import EVENT_TYPES, STATUSES

    cases = [c.values[0] for c in CASES]
    assert len(cases) >= 60
    seen: dict[str, int] = {}
    for case in cases:
        assert case["why"].strip() and case["date"]
        exps = case["expect"]
        assert exps != [], "an empty list expects nothing: write null for 'no events'"
        for exp in [] if exps is None else exps if isinstance(exps, list) else [exps]:
            accepted = exp["event"] if isinstance(exp["event"], list) else [exp["event"]]
            assert set(accepted) <= set(EVENT_TYPES), accepted
            assert exp["status"] in STATUSES
            for t in accepted:
                seen[t] = seen.get(t, 0) + 1
    assert {t for t, n in seen.items() if n >= 2} == set(EVENT_TYPES)


@pytest.mark.parametrize("case", CASES)
def test_golden_event(case, run):
    doc = run(case["text"], date=case["date"])
    exps = case["expect"]
    if exps is None:
        assert doc.events == [], _describe(doc.events)
        return
    for exp in exps if isinstance(exps, list) else [exps]:
        assert any(_matches(ev, exp) for ev in doc.events), (
            f"expected {exp} ({case['why']}); coded: {_describe(doc.events)}"
        )


def _rules_of(case: dict) -> list[str]:
    rule = case.get("rule") or []
    return [rule] if isinstance(rule, str) else list(rule)


RULE_CASES = [p for p in CASES if _rules_of(p.values[0])]


def test_every_plover_rule_has_golden_cases():
    from dotterel.events.rules import PLOVER_RULES

    named = {r for p in RULE_CASES for r in _rules_of(p.values[0])}
    assert named == {r.__name__ for r in PLOVER_RULES}


def _all_expected(doc, case: dict) -> bool:
    exps = case["expect"]
    return all(any(_matches(ev, exp) for ev in doc.events) for exp in (exps if isinstance(exps, list) else [exps]))


@pytest.mark.parametrize("case", RULE_CASES)
def test_golden_case_needs_its_rule(case, pipeline, run):
    """Without the rule it names, the case is coded differently: the rule is what codes it."""
    coder = dict(zip(pipeline.names, pipeline.stages))["events"].coder
    rules = coder.rules
    for name in _rules_of(case):
        assert name in {r.__name__ for r in rules}, name
        coder.rules = tuple(r for r in rules if r.__name__ != name)
        try:
            doc = run(case["text"], date=case["date"])
        finally:
            coder.rules = rules
        assert not _all_expected(doc, case), f"{name} is not needed for: {case['text']}"
