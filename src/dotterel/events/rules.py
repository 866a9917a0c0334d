"""PLOVER's coding rules: an ordered list of named functions over a candidate's coding.

Each rule reads the coding so far (`Coding`: type, mode, status) and what the rules may
look at (`RuleInput`: the candidate, its status analysis, its contexts, whether several parties
act) and returns a new
`Coding`, or None when it does not apply. The first rule that returns a final coding ends the
list; a rule that returns ``final=False`` re-types and lets later rules see the new type.

To add a rule: write a function here, put it in `PLOVER_RULES` where it must run, and add
golden cases for it to tests/golden/events.jsonl with ``"rule": "<its name>"``
(tests/test_events_golden.py checks that every rule has cases and that they need it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..lang import Words
from .status import StatusResult
from .triggers import statement_governor

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
MATERIAL_COOP = frozenset({"COOPERATE", "AID", "RETREAT", "SUPPORT"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"})


@dataclass(frozen=True, slots=True)
class Coding:
    """The PLOVER type, mode and status of a candidate, as the rules leave it."""

    event: str
    mode: str | None
    status: str
    final: bool = True  # False: later rules still apply


@dataclass(frozen=True, slots=True)
class RuleInput:
    """What a rule may look at besides the coding so far."""

    cand: object  # triggers.Candidate
    status: StatusResult
    context: list[str]
    words: Words  # the document's language's word lists (lang/<code>/events.toml, table [rules])
    joint: bool = False  # more than one party acts (several actors, or partners)
    content_event: str | None = None  # the lexicon's type of a commitment's content ('vowed to retaliate')
    targeted: bool = False  # the candidate has a recipient


Rule = Callable[[Coding, RuleInput], "Coding | None"]


def refusal_is_reject(c: Coding, x: RuleInput) -> Coding | None:
    """'will not lift the ban', 'did not agree to extend': refusing cooperation is REJECT;
    'failed to reach a deal' only reports what did not happen (the deal, negated)."""
    if c.status == "negated" and x.status.volitional_negation and c.event in COOPERATIVE:
        return Coding("REJECT", None, "occurred")
    return None


def force_not_ruled_out_is_threat(c: Coding, x: RuleInput) -> Coding | None:
    """'would not rule out using military force', 'declined to rule out military action': force
    kept open is a threat (CAMEO 138), not a refusal; what is not ruled out must be force
    (`[rules] open_force_words`: 'had not ruled out any line of inquiry' is no threat)."""
    if c.event != "REJECT":
        return None
    tok, words = x.cand.token, x.words.rules
    ruling = None
    if c.status == "negated" and _rules_out(tok):
        ruling = tok  # "did not rule out"
    elif tok.lemma_.lower() in words.rule_out_refusals:
        ruling = next((k for k in tok.children if k.dep_ == "xcomp" and _rules_out(k)), None)
    if ruling is None:
        return None
    kept = {t.lemma_.lower() for k in ruling.children if k.dep_ in ("dobj", "xcomp", "ccomp", "pcomp")
            for t in k.subtree}
    if not kept & words.open_force_words:
        return None
    return Coding("THREATEN", None, "occurred")


def _rules_out(tok) -> bool:
    return tok.lemma_.lower() == "rule" and any(k.dep_ == "prt" and k.lower_ == "out" for k in tok.children)


def no_refusal_is_agree(c: Coding, x: RuleInput) -> Coding | None:
    """'did not refuse' is rare; treat it as acceptance."""
    if c.status == "negated" and x.cand.entry.cls == "commit" and c.event == "REJECT":
        return Coding("AGREE", None, "occurred")
    return None


def peacekeepers_are_aid(c: Coding, x: RuleInput) -> Coding | None:
    """Troops sent to keep the peace are aid (CAMEO 074), not a mobilization."""
    if c.event == "MOBILIZE" and "peacekeeping" in x.context:
        return Coding("AID", None, c.status, final=False)
    return None


def future_meeting_is_agree(c: Coding, x: RuleInput) -> Coding | None:
    """A future or possible meeting (or visit) is an agreement to meet: AGREE."""
    if c.status in ("future", "hypothetical") and c.event == "CONSULT":
        return Coding("AGREE", c.mode if c.mode == "visit" else None, c.status)
    return None


def vowed_force_is_threat(c: Coding, x: RuleInput) -> Coding | None:
    """A vow to attack, coerce or punish ('vowed to fight the U.S.', 'pledged to strike Israel') is
    a threat (CAMEO 13), not an agreement; 'vowed to fight corruption' (no party, an object) and
    an offer ('offered to send troops') are not."""
    content = x.cand.content
    if (c.event != "AGREE" or x.cand.entry.cls != "commit" or content is None
            or x.cand.entry.lemma not in x.words.rules.vow_words
            or (x.content_event not in ("ASSAULT", "COERCE", "SANCTION")
                and content.lemma_.lower() not in x.words.rules.vowed_force_words)):
        return None
    if x.targeted or not any(t.dep_ in ("dobj", "obj") for t in content.children):
        return Coding("THREATEN", None, "occurred" if c.status == "future" else c.status)
    return None


def proposed_measure_is_the_measure(c: Coding, x: RuleInput) -> Coding | None:
    """A sanction or coercive measure proposed ('the Commission would propose tariffs on Russian
    grain', 'proposed banning the opposition party', 'proposed slapping tariffs on Kenyan goods')
    is that measure to come, as the corpus guide codes announced measures: its own type, status
    future. Proposing talks or aid stays AGREE."""
    if (c.event != "AGREE" or x.cand.entry.cls != "commit" or x.cand.entry.lemma not in x.words.rules.proposal_words
            or x.content_event not in ("SANCTION", "COERCE")):
        return None
    return Coding(x.content_event, None, "future" if c.status in ("occurred", "ongoing") else c.status)


def promised_cooperation_is_agree(c: Coding, x: RuleInput) -> Coding | None:
    """A promise to give, cooperate or sign is AGREE ('would respect' stays SUPPORT). An act
    that only may happen ('Qatar may fund the salaries', 'could lift some sanctions': `[rules]
    possibility_modals`) is no promise: its own type, hypothetical, as the corpus guide codes it;
    a possible signing stays AGREE ('may sign a defence pact')."""
    if c.status not in ("future", "hypothetical") or c.event not in MATERIAL_COOP:
        return None
    lemmas = {x.cand.entry.lemma, *(t.lemma_.lower() for t in x.cand.triggers)}
    concluding = lemmas & x.words.rules.agreement_words or lemmas & x.words.rules.concluding_words
    if (c.status == "hypothetical" and x.cand.entry.cls != "commit" and not concluding
            and x.words.rules.possibility_modals.intersection(x.status.cues)):
        return None
    verbal_support = c.event == "SUPPORT" and c.status == "hypothetical" and not concluding
    return None if verbal_support else Coding("AGREE", None, c.status)


def announced_force_is_threat(c: Coding, x: RuleInput) -> Coding | None:
    """Announcing an attack to come ('will strike Ukrainian energy facilities') is THREATEN.
    Other announced measures keep their own type with status future, as the corpus guide and
    news_dev's annotators code them: sanctions, expulsions, curfews, bans, deportations
    ('will impose a tariff', 'would expel 60 diplomats', 'will extend the curfew'), protests
    and boycotts ('will hold a rally'), a planned deployment (MOBILIZE), a court's scheduled
    step. plv_dev codes announced curfews and boycotts as threats; the guide keeps THREATEN
    for warnings."""
    if x.cand.entry.context == "legal":
        return None
    if c.status == "future" and c.event == "ASSAULT" and x.cand.entry.cls != "commit":
        return Coding("THREATEN", None, "occurred")
    return None


def conditional_force_is_threat(c: Coding, x: RuleInput) -> Coding | None:
    """Force a speaker announces on a condition ('Iran said it would strike if Israel attacks',
    'he would impose a tariff unless Ottawa stops ...') is THREATEN: the classic threat. The
    doer is the speaker's side (`_speakers_side`); 'the rebels would attack if the talks fail,
    analysts said' is a prediction, and 'could impose sanctions' with no condition a possibility."""
    tok = x.cand.token
    if c.status != "hypothetical" or c.event not in MATERIAL_CONFLICT or x.cand.entry.context == "legal":
        return None
    if x.cand.entry.cls == "commit" or x.cand.noun is tok:
        return None
    if not any(s.dep_ == "nsubj" and _speakers_side(s, tok, x.words) for s in tok.children):
        return None
    announced = any(a.dep_ == "aux" and a.lower_ in x.words.rules.threat_modals for a in tok.children)
    conditioned = any(c2.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in x.words.roles.condition_marks
                                                  for m in c2.children) for c2 in tok.children)
    return Coding("THREATEN", None, "occurred") if announced and conditioned else None


def _speakers_side(subj, verb, words: Words) -> bool:
    """The doer of a conditional act speaks for itself: a pronoun ('it would strike'), a party
    with one ('his administration would cut ties'), or a party named in what a speaker says
    ('Tokyo would take all necessary measures', Japan's spokesman said) who is no commentator
    ('the rebels would attack if ..., analysts said': a prediction; [rules] commentator_nouns)."""
    if subj.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children):
        return True
    if subj.ent_type_ not in ("GPE", "ORG", "NORP") and subj.lemma_.lower() not in words.rules.speaking_parties:
        return False
    gov = statement_governor(verb, words.reporting.verbs)  # the statement, and who makes it
    speaker = next((c for c in gov.children if c.dep_ == "nsubj"), None) if gov is not None else None
    return speaker is not None and speaker.lemma_.lower() not in words.rules.commentator_nouns


def lone_exercise_is_mobilize(c: Coding, x: RuleInput) -> Coding | None:
    """Military drills held by one side alone are a show of force (MOBILIZE, CAMEO 15); only
    joint exercises are military cooperation."""
    lemmas = {x.cand.entry.lemma, (x.cand.noun if x.cand.noun is not None else x.cand.token).lemma_.lower()}
    if c.event == "COOPERATE" and not x.joint and lemmas & x.words.rules.exercise_nouns and not (
        x.cand.noun is not None and {t.lemma_.lower() for t in x.cand.noun.children} & x.words.rules.joint_markers
    ):
        return Coding("MOBILIZE", None, c.status, final=False)
    return None


def commitment_happened(c: Coding, x: RuleInput) -> Coding | None:
    """'agreed to', 'urged', 'threatened to': the commitment itself happened."""
    if x.cand.entry.cls == "commit" and c.status == "future" and x.status.embedded is False:
        return replace(c, status="occurred")
    return None


PLOVER_RULES: tuple[Rule, ...] = (
    refusal_is_reject,
    no_refusal_is_agree,
    peacekeepers_are_aid,
    force_not_ruled_out_is_threat,
    lone_exercise_is_mobilize,
    future_meeting_is_agree,
    vowed_force_is_threat,
    proposed_measure_is_the_measure,
    promised_cooperation_is_agree,
    announced_force_is_threat,
    conditional_force_is_threat,
    commitment_happened,
)


def apply_rules(coding: Coding, x: RuleInput, rules: Sequence[Rule] = PLOVER_RULES) -> Coding:
    """Run the rules in order (see the module docstring)."""
    for rule in rules:
        out = rule(coding, x)
        if out is not None:
            coding = out
            if out.final:
                break
    return coding
