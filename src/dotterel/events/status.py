"""Did it happen? `status` of an event from tense, modals, negation and hedges.

    occurred      "met", "has signed", "imposed", headline present ("Japan sanctions Russia")
    ongoing       "are in talks", "is conducting", "continues to", "has maintained"
    future        "will meet", "is expected to", "plans to", "on his way to attend", "upcoming summit"
    hypothetical  "may in future", "could", "the possibility of", "if ...", "is considering"
    negated       "no agreement has been signed", "did not attack", "failed to reach"

`historical` is set later, by the date stage, when the text dates an event well
before publication.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import lang
from .lexicon import Lexicon

_WORDS = lang.words("en")  # word lists: dotterel/lang/en/events.toml, table [status]
FUTURE_AUX = _WORDS.set("status", "future_aux")
HYPO_AUX = _WORDS.set("status", "hypothetical_aux")
NEG_WORDS = _WORDS.set("status", "negation_words")
FUTURE_MODS = _WORDS.set("status", "future_modifiers")
PAST_MODS = _WORDS.set("status", "past_modifiers")
HYPO_MODS = _WORDS.set("status", "hypothetical_modifiers")
ASPECT_VERBS = _WORDS.set("status", "aspect_verbs")
ONGOING_VERBS = _WORDS.set("status", "ongoing_verbs")
FUTURE_PREDICATES = _WORDS.set("status", "future_predicates")


@dataclass(slots=True)
class StatusResult:
    status: str
    volitional_negation: bool = False  # "will not lift", "refused", "failed to": a refusal
    cues: tuple[str, ...] = ()
    embedded: bool = False  # under a reporting/commissive verb ("said it would ...")


def _aux_words(verb) -> list:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]


def _is_progressive(verb) -> bool:
    return verb.tag_ == "VBG" and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in verb.children)


GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "pcomp"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "pcomp"})
FUTURE_GOVERNORS = _WORDS.set("status", "future_governors")


@dataclass(slots=True)
class _Clause:
    """What the walk up from a clause through the verbs governing it has found."""

    lowers: set[str]  # the clause's auxiliaries (and those it shares with a coordinated verb)
    negated: bool
    cues: list[str]
    future: bool = False
    hypo: bool = False
    neg: bool = False  # governed by a negative verb ("failed to", "refused to")
    embedded: bool = False
    continuing: bool = False
    volitional: bool = False


def clause_status(verb, lexicon: Lexicon) -> StatusResult:
    """Status of the clause headed by `verb`, looking up through governing verbs."""
    aux = _aux_words(verb)
    clause = _Clause({a.lower_ for a in aux}, any(a.dep_ == "neg" for a in aux), [])
    # no/never on the subject or object noun: "no agreement has been signed"
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in c.children):
                clause.negated = True
                clause.cues.append(f"no {c.text}")
    # ---- walk up through governing verbs: "expected to take place", "plans to visit",
    # "said it would free", "failed to reach", "is on his way to attend"
    node = verb
    for _ in range(4):
        if node.dep_ not in GOVERNING_DEPS or node.head == node:
            break
        if node.dep_ == "conj":
            _share_coordinated(node.head, aux, clause)
        else:
            _governed_by(node, lexicon, clause)
        node = node.head
    return _decide(verb, aux, clause)


def _share_coordinated(head, aux, clause: _Clause) -> None:
    """Coordinated verbs share the auxiliaries of the first ("will visit ... and meet")."""
    head_aux = {a.lower_ for a in _aux_words(head)}
    if not clause.lowers & (FUTURE_AUX | HYPO_AUX) and not any(a.dep_ in ("aux",) for a in aux):
        clause.lowers |= head_aux
        if not clause.negated and any(a.dep_ == "neg" for a in _aux_words(head)):
            clause.negated = True


def _governed_by(node, lexicon: Lexicon, clause: _Clause) -> None:
    """What the verb governing `node` says of it: "expected to", "failed to", "said it would"."""
    head, dep = node.head, node.dep_
    entry = lexicon.verbs.get(head.lemma_.lower())
    klass = entry[0].cls if entry else None
    hl = head.lemma_.lower()
    if dep in COMPLEMENT_DEPS:
        if not _by_governing_class(klass, hl, dep, clause):
            _by_governing_form(node, head, dep, hl, clause)
        if hl in ONGOING_VERBS and dep == "xcomp" and hl != "go":
            clause.cues.append(hl)
            clause.continuing = True  # "continue to detain", "keep pressing"
    head_aux = _aux_words(head)
    if any(a.dep_ == "neg" for a in head_aux) and klass in ("future", "commit"):
        clause.neg = True
    if any(a.lower_ in FUTURE_AUX for a in head_aux):
        clause.future = clause.future or dep in ("xcomp", "advcl", "ccomp")
    if any(a.lower_ in HYPO_AUX for a in head_aux) and dep == "xcomp":
        clause.hypo = True
    if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "until") for c in node.children):
        clause.hypo = True
        clause.cues.append("if")


def _by_governing_class(klass, hl: str, dep: str, clause: _Clause) -> bool:
    """The governing verb's lexicon class decides; False when it says nothing."""
    if klass == "future" or hl in FUTURE_GOVERNORS:
        clause.future = True
        clause.cues.append(hl)
    elif klass == "hypo":
        clause.hypo = True
        clause.cues.append(hl)
    elif klass == "neg":
        clause.neg = clause.volitional = True
        clause.cues.append(hl)
    elif klass == "commit":
        # the content of a promise, threat, request or refusal lies ahead
        clause.embedded = clause.future = True
    elif klass == "report" or (klass == "light" and dep == "ccomp"):
        clause.embedded = True  # "said it would", "announced it would boycott"
    else:
        return False
    return True


def _by_governing_form(node, head, dep: str, hl: str, clause: _Clause) -> None:
    """'is expected to', 'is on his way to Tokyo to attend': the form of the governing clause."""
    if hl == "be" and dep == "xcomp" and any(c.lower_ in FUTURE_PREDICATES for c in head.children):
        clause.future = True
    elif dep in ("xcomp", "advcl", "acl") and node.tag_ == "VB" and any(
        c.lower_ == "to" and c.dep_ == "aux" for c in node.children
    ):
        # purpose infinitive: ahead of the main clause; not after aspect verbs
        # ("continue to detain" is going on now)
        if hl not in ASPECT_VERBS and (
            head.tag_ in ("VBZ", "VBP", "VBG") or {a.lower_ for a in _aux_words(head)} & FUTURE_AUX
        ):
            clause.future = True


def _decide(verb, aux, clause: _Clause) -> StatusResult:
    """The status from what the clause and the walk up found, in order of precedence."""
    lowers, cues, embedded = clause.lowers, clause.cues, clause.embedded
    mods = {c.lower_ for c in verb.subtree if c.i < verb.i + 8 and c.dep_ in ("advmod", "amod", "npadvmod", "mark")}
    if clause.negated or clause.neg:
        volitional = clause.volitional or (clause.negated and bool(lowers & (FUTURE_AUX | {"do", "did", "does", "would"})))
        return StatusResult("negated", volitional or clause.neg, tuple(cues + ["not"]), embedded)
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in verb.children
    )  # "China could impose restrictions ... if tensions escalate"
    if lowers & {"may", "might", "could"} or clause.hypo or conditional or mods & HYPO_MODS:
        return StatusResult("hypothetical", cues=tuple(cues + sorted(lowers & HYPO_AUX)), embedded=embedded)
    if lowers & FUTURE_AUX or clause.future or (lowers & {"would"} and embedded):
        return StatusResult("future", cues=tuple(cues + sorted(lowers & FUTURE_AUX)), embedded=embedded)
    if lowers & {"would"}:
        return StatusResult("hypothetical", cues=("would",), embedded=embedded)
    if "already" in mods or mods & PAST_MODS:
        return StatusResult("occurred", cues=tuple(cues), embedded=embedded)
    return _aspect(verb, aux, clause)


def _aspect(verb, aux, clause: _Clause) -> StatusResult:
    """Ongoing or occurred: "are conducting", "continues to", "has maintained"."""
    cues, embedded = clause.cues, clause.embedded
    if clause.continuing or _is_progressive(verb) or verb.lemma_.lower() in ("continue", "maintain", "remain"):
        if verb.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am") for c in aux) or verb.tag_ != "VBG":
            return StatusResult("ongoing", cues=tuple(cues + ["progressive"]), embedded=embedded)
        return StatusResult("occurred", cues=tuple(cues), embedded=embedded)
    if verb.tag_ == "VBG" and verb.head != verb and verb.head.lemma_.lower() in ONGOING_VERBS:
        return StatusResult("ongoing", cues=tuple(cues), embedded=embedded)
    return StatusResult("occurred", cues=tuple(cues), embedded=embedded)


def noun_status(noun, lexicon: Lexicon) -> StatusResult:
    """Status of an event named by a noun: its modifiers, then the verb that governs it."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nummod", "advmod", "det")}
    if mods & {"no"}:
        return StatusResult("negated", cues=("no",))
    found = _relative_clause_status(noun, lexicon)
    if found is not None:
        return found
    if mods & FUTURE_MODS:
        return StatusResult("future", cues=tuple(sorted(mods & FUTURE_MODS)))
    if mods & HYPO_MODS:
        return StatusResult("hypothetical", cues=tuple(sorted(mods & HYPO_MODS)))
    if mods & PAST_MODS:
        return StatusResult("occurred", cues=tuple(sorted(mods & PAST_MODS)))
    # "in talks": ongoing
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.lemma_ == "be":
        return StatusResult("ongoing", cues=("in talks",))
    return _governing_status(noun, lexicon)


def _relative_clause_status(noun, lexicon: Lexicon) -> StatusResult | None:
    """'the dialogue, which is expected to take place in April'."""
    for rel in noun.children:
        if rel.dep_ in ("relcl", "acl") and rel.pos_ in ("VERB", "AUX"):
            inner = rel
            while True:
                nxt = [c for c in inner.children if c.dep_ == "xcomp"]
                if not nxt:
                    break
                inner = nxt[0]
            res = clause_status(inner, lexicon)
            if res.status != "occurred" or rel.tag_ in ("VBD", "VBN"):
                return res
    return None


def _governing_status(noun, lexicon: Lexicon) -> StatusResult:
    """The status of the clause around a noun ("plans for a summit", "the protests entered ...")."""
    head = noun.head
    hops = 0
    while head != noun and head.pos_ not in ("VERB", "AUX") and hops < 6:
        if head.lemma_.lower() in HYPO_MODS:
            return StatusResult("hypothetical", cues=(head.lemma_.lower(),))
        if head.lemma_.lower() in ("plan", "proposal", "prospect"):
            return StatusResult("future", cues=(head.lemma_.lower(),))
        if head.head == head:
            break
        head, hops = head.head, hops + 1
    if head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in ("enter", "continue", "drag", "stretch") and noun.dep_ in ("nsubj", "nsubjpass"):
            return StatusResult("ongoing", cues=(head.lemma_.lower(),))  # "the protests entered a third week"
        # a future-looking copula: "the meeting ... will be on ..."
        return clause_status(head, lexicon)
    return StatusResult("occurred")
