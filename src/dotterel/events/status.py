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

from .lexicon import Lexicon

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPO_AUX = frozenset({"may", "might", "could", "can", "should", "must", "ca"})
NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
FUTURE_MODS = frozenset(
    {"upcoming", "planned", "proposed", "next", "forthcoming", "scheduled", "future", "soon",
     "later", "tomorrow", "expected", "coming", "impending"}
)  # fmt: skip
PAST_MODS = frozenset({"recent", "recently", "last", "previous", "past", "earlier", "concluded", "already", "ago", "yesterday"})
HYPO_MODS = frozenset({"possible", "potential", "possibility", "feasibility", "likely", "prospective", "if", "unless", "whether", "perhaps", "maybe", "option"})
ASPECT_VERBS = frozenset({"continue", "keep", "begin", "start", "resume", "stop", "cease", "remain", "used", "tend"})
ONGOING_VERBS = frozenset({"continue", "maintain", "keep", "remain", "persist", "go"})
FUTURE_PREDICATES = frozenset({"expected", "likely", "set", "due", "scheduled", "slated", "poised", "ready", "about", "going", "supposed"})


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


def clause_status(verb, lexicon: Lexicon) -> StatusResult:
    """Status of the clause headed by `verb`, looking up through governing verbs."""
    cues: list[str] = []
    aux = _aux_words(verb)
    lowers = {a.lower_ for a in aux}
    negated = any(a.dep_ == "neg" for a in aux)
    # no/never on the subject or object noun: "no agreement has been signed"
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in c.children):
                negated = True
                cues.append(f"no {c.text}")
    # ---- walk up through governing verbs: "expected to take place", "plans to visit",
    # "said it would free", "failed to reach", "is on his way to attend"
    governed_future = governed_hypo = governed_neg = embedded = continuing = False
    volitional = False
    node = verb
    for _ in range(4):
        if node.dep_ not in ("xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "pcomp") or node.head == node:
            break
        head = node.head
        dep = node.dep_
        if dep == "conj":
            # coordinated verbs share the auxiliaries of the first ("will visit ... and meet")
            head_aux = {a.lower_ for a in _aux_words(head)}
            if not lowers & (FUTURE_AUX | HYPO_AUX) and not any(a.dep_ in ("aux",) for a in aux):
                lowers |= head_aux
                if not negated and any(a.dep_ == "neg" for a in _aux_words(head)):
                    negated = True
            node = head
            continue
        entry = lexicon.verbs.get(head.lemma_.lower())
        klass = entry[0].cls if entry else None
        hl = head.lemma_.lower()
        if dep in ("xcomp", "ccomp", "advcl", "acl", "pcomp"):
            if klass == "future" or hl in ("expect", "plan", "schedule", "intend", "hope", "aim", "prepare", "want"):
                governed_future = True
                cues.append(hl)
            elif klass == "hypo":
                governed_hypo = True
                cues.append(hl)
            elif klass == "neg":
                governed_neg = True
                volitional = True
                cues.append(hl)
            elif klass == "commit":
                embedded = True
                # the content of a promise, threat, request or refusal lies ahead
                governed_future = True
            elif klass == "report" or (klass == "light" and dep == "ccomp"):
                embedded = True  # "said it would", "announced it would boycott"
            elif hl == "be" and dep == "xcomp" and any(
                c.lower_ in FUTURE_PREDICATES for c in head.children
            ):
                governed_future = True
            elif dep in ("xcomp", "advcl", "acl") and node.tag_ == "VB" and any(
                c.lower_ == "to" and c.dep_ == "aux" for c in node.children
            ):
                # purpose infinitive: "is on his way to Tokyo to attend" -> ahead of the main clause;
                # not after aspect verbs ("continue to detain" is going on now)
                if hl in ASPECT_VERBS:
                    pass
                elif head.tag_ in ("VBZ", "VBP", "VBG") or {a.lower_ for a in _aux_words(head)} & FUTURE_AUX:
                    governed_future = True
            if head.lemma_.lower() in ONGOING_VERBS and dep == "xcomp" and head.lemma_.lower() != "go":
                cues.append(hl)
                continuing = True  # "continue to detain", "keep pressing"
        if any(a.dep_ == "neg" for a in _aux_words(head)) and klass in ("future", "commit"):
            governed_neg = True
        if any(a.lower_ in FUTURE_AUX for a in _aux_words(head)):
            governed_future = governed_future or dep in ("xcomp", "advcl", "ccomp")
        if any(a.lower_ in HYPO_AUX for a in _aux_words(head)) and dep == "xcomp":
            governed_hypo = True
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "until") for c in node.children):
            governed_hypo = True
            cues.append("if")
        node = head

    mods = {c.lower_ for c in verb.subtree if c.i < verb.i + 8 and c.dep_ in ("advmod", "amod", "npadvmod", "mark")}
    if negated or governed_neg:
        volitional = volitional or (negated and bool(lowers & (FUTURE_AUX | {"do", "did", "does", "would"})))
        if governed_neg:
            volitional = True
        return StatusResult("negated", volitional, tuple(cues + ["not"]), embedded)
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in verb.children
    )  # "China could impose restrictions ... if tensions escalate"
    if lowers & {"may", "might", "could"} or governed_hypo or conditional or mods & HYPO_MODS:
        return StatusResult("hypothetical", cues=tuple(cues + sorted(lowers & HYPO_AUX)), embedded=embedded)
    if lowers & FUTURE_AUX or governed_future or (lowers & {"would"} and embedded):
        return StatusResult("future", cues=tuple(cues + sorted(lowers & FUTURE_AUX)), embedded=embedded)
    if lowers & {"would"}:
        return StatusResult("hypothetical", cues=("would",), embedded=embedded)
    if "already" in mods or mods & PAST_MODS:
        return StatusResult("occurred", cues=tuple(cues), embedded=embedded)
    if continuing or _is_progressive(verb) or verb.lemma_.lower() in ("continue", "maintain", "remain"):
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
    for rel in noun.children:  # "the dialogue, which is expected to take place in April"
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
    if mods & FUTURE_MODS:
        return StatusResult("future", cues=tuple(sorted(mods & FUTURE_MODS)))
    if mods & HYPO_MODS:
        return StatusResult("hypothetical", cues=tuple(sorted(mods & HYPO_MODS)))
    if mods & PAST_MODS:
        return StatusResult("occurred", cues=tuple(sorted(mods & PAST_MODS)))
    # "in talks": ongoing
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head.lemma_ == "be":
        return StatusResult("ongoing", cues=("in talks",))
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
        res = clause_status(head, lexicon)
        # a future-looking copula: "the meeting ... will be on ..."
        return res
    return StatusResult("occurred")
