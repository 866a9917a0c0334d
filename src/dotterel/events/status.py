"""Did it happen? `status` of an event from tense, modals, negation and hedges.

    occurred      "met", "has signed", "imposed", headline present ("Japan sanctions Russia")
    ongoing       "are in talks", "is conducting", "continues to", "has maintained"
    future        "will meet", "is expected to", "plans to", "on his way to attend", "upcoming summit"
    hypothetical  "may in future", "could", "the possibility of", "if ...", "is considering"
    negated       "no agreement has been signed", "did not attack", "failed to reach"

`historical` is set later, by the date stage, when the text dates an event well
before publication. The auxiliaries, modifiers and governing verbs are the document's
language's (``words``: lang/<code>/events.toml, table [status]).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lang import Table, Words
from .lexicon import (COPULAS, Lexicon, arrived_for, counted_by, counted_object, in_headline, legal_grounds, meeting_time_adjunct, past_tense, past_time_clause,
                      state_verb, trailing_participle)


@dataclass(slots=True)
class StatusResult:
    status: str
    volitional_negation: bool = False  # "will not lift", "did not agree to": a refusal
    cues: tuple[str, ...] = ()
    embedded: bool = False  # under a reporting/commissive verb ("said it would ...")


def _aux_words(verb) -> list:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]


def _is_progressive(verb) -> bool:
    return verb.tag_ == "VBG" and any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in verb.children)


GOVERNING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "pcomp"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "pcomp"})


@dataclass(slots=True)
class _Clause:
    """What the walk up from a clause through the verbs governing it has found."""

    words: Table  # the language's [status] lists
    lowers: set[str]  # the clause's auxiliaries (and those it shares with a coordinated verb)
    negated: bool
    cues: list[str]
    future: bool = False
    hypo: bool = False
    neg: bool = False  # governed by a negative verb ("failed to") or a negated commitment
    failed: bool = False  # "failed to reach a deal": it did not happen, nobody refused it
    embedded: bool = False
    continuing: bool = False
    speech_act: bool = False  # the verb reports a speech act ("asking", "warning")
    reporting: bool = False  # the verb only reports ("said"): its content's words are not its own


def clause_status(verb, lexicon: Lexicon, words: Words) -> StatusResult:
    """Status of the clause headed by `verb`, looking up through governing verbs."""
    top = trailing_participle(verb)
    if top is not None:
        # "asked the council to end the mission, accusing its head of bias": the participle
        # is told as the sentence's own act, at its time; "did not attend, citing illness"
        # still cites it
        found = clause_status(top, lexicon, words)
        return found if found.status != "negated" else StatusResult("occurred", cues=(verb.lower_,))
    aux = _aux_words(verb)
    clause = _Clause(words.status, {a.lower_ for a in aux}, any(a.dep_ == "neg" for a in aux), [])
    entry = lexicon.lookup(verb)  # the row whose condition holds: 'told X to go' asks, 'told X that' reports
    clause.speech_act = (entry is not None and entry.pos == "V" and entry.event in words.status.speech_act_types
                         and verb.lemma_.lower() not in words.status.not_speech_acts)
    clause.reporting = entry is not None and entry.pos == "V" and entry.cls == "report"
    # no/never on the subject or object noun: "no agreement has been signed", or a negative
    # pronoun there: "nobody protested", "none of the parties signed"
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            if any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in c.children):
                clause.negated = True
                clause.cues.append(f"no {c.text}")
            elif c.lower_ in words.status.negative_pronouns:
                clause.negated = True
                clause.cues.append(c.lower_)
    # "neither arrested nor detained them", "did not attack the port, nor did it shell the city"
    nor = _negative_coordination(verb, words.status)
    if nor:
        clause.negated = True
        clause.cues.append(nor)
    # "gave no order to withdraw", "has no plans to visit": what no order or plan is for
    if verb.dep_ == "acl" and any(g.dep_ == "det" and g.lower_ == "no" for g in verb.head.children):
        clause.negated = True
        clause.cues.append(f"no {verb.head.text}")
    # "the talks ended without reaching a deal": the gerund did not happen
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in words.status.privative_prepositions:
        clause.negated = True
        clause.cues.append(verb.head.lower_)
    # "it is time to negotiate", "it would be wrong to attack Iran": an act a speaker weighs
    # is not one done ("it was a mistake to invade" judges one that was)
    if _weighed(verb, words.status):
        clause.hypo = True
        clause.cues.append("it is ... to")
    # ---- walk up through governing verbs: "expected to take place", "plans to visit",
    # "said it would free", "failed to reach", "is on his way to attend"
    node = verb
    for _ in range(4):
        if node.dep_ not in GOVERNING_DEPS or node.head == node:
            break
        if past_time_clause(node, words.roles.condition_marks):
            break  # "vowed to hit back after rebels attacked the base": the attack happened
        if node.dep_ == "conj":
            _share_coordinated(node.head, aux, clause)
        else:
            _governed_by(node, lexicon, clause)
        node = node.head
    if _headline_infinitive(verb):
        clause.future = True
        clause.cues.append("to")
    return _decide(verb, aux, clause)


def _negative_coordination(verb, words: Table) -> str | None:
    """The word that makes one of coordinated verbs negative: "neither" before the first
    ("neither arrested nor detained"), "nor" as the nearest conjunction before a later one
    ("..., nor offered a timetable", "and nor did they release"); else None."""
    for c in verb.children:
        if c.dep_ == "preconj" and c.lower_ in words.negative_conjunctions:
            return c.lower_
    if verb.dep_ != "conj":
        return None
    ccs = [c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
    last = max(ccs, key=lambda c: c.i) if ccs else None
    return last.lower_ if last is not None and last.lower_ in words.negative_conjunctions else None


def _headline_infinitive(verb) -> bool:
    """A sentence whose main verb is a bare "to" infinitive, with no finite verb, is a headline
    announcing what is to happen: "Kenya to deploy police to Haiti", "Two men to be charged
    over the shooting" (the parser may hang it on the subject: "Ghana, Togo to hold talks")."""
    top = verb
    for _ in range(4):
        if top.dep_ not in GOVERNING_DEPS or top.head == top or top.head.pos_ not in ("VERB", "AUX"):
            break
        top = top.head
    if top.dep_ == "ROOT":
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in top.children):
            return False
    elif not (top.dep_ in ("relcl", "acl") and top.head.dep_ == "ROOT" and top.head.pos_ in ("NOUN", "PROPN")):
        return False
    aux = sorted((c for c in top.children if c.dep_ in ("aux", "auxpass")), key=lambda c: c.i)
    if not aux or aux[0].tag_ != "TO" or aux[0].i > top.i or any(a.lower_ != "be" for a in aux[1:]):
        return False
    return top.tag_ == "VB" or (top.tag_ == "VBN" and len(aux) > 1)


def _share_coordinated(head, aux, clause: _Clause) -> None:
    """Coordinated verbs share the auxiliaries of the first ("will visit ... and meet")."""
    head_aux = {a.lower_ for a in _aux_words(head)}
    modal = clause.lowers & clause.words.future_aux or clause.lowers & clause.words.hypothetical_aux
    if not modal and not any(a.dep_ in ("aux",) for a in aux):
        clause.lowers |= head_aux
        if not clause.negated and any(a.dep_ == "neg" for a in _aux_words(head)):
            clause.negated = True


def _governed_by(node, lexicon: Lexicon, clause: _Clause) -> None:
    """What the verb governing `node` says of it: "expected to", "failed to", "said it would"."""
    head, dep = node.head, node.dep_
    entry = lexicon.lookup(head) if head.pos_ in ("VERB", "AUX") or head.tag_.startswith("VB") else None
    klass = entry.cls if entry is not None and entry.pos == "V" else None  # the row whose condition holds
    hl = head.lemma_.lower()
    words = clause.words
    if dep in COMPLEMENT_DEPS:
        if not _by_governing_class(klass, hl, dep, clause):
            _by_governing_form(node, head, dep, hl, clause)
        if hl in words.ongoing_verbs and dep == "xcomp" and hl != "go":
            clause.cues.append(hl)
            clause.continuing = True  # "continue to detain", "keep pressing"
    head_aux = _aux_words(head)
    if any(a.dep_ == "neg" for a in head_aux) and klass in ("future", "commit"):
        clause.neg = True
    if dep == "xcomp" and hl in words.permission_verbs and any(a.dep_ == "neg" for a in head_aux):
        clause.negated = True  # "would not be allowed to arrest people"
        clause.cues.append(f"not {hl}")
    if (dep == "xcomp" and hl in words.unhesitating_verbs and any(a.dep_ == "neg" for a in head_aux)
            and any(a.lower_ in words.future_aux or a.lower_ in words.conditional_aux for a in head_aux)):
        clause.future = True  # "will not hesitate to strike": an intention, not a blow struck
        clause.cues.append(f"not {hl}")
    if any(a.lower_ in words.future_aux for a in head_aux) and not past_tense(node):
        # "will visit ... to attend", "will retaliate if attacked"; not a clause in the past of
        # its own ("will increase patrols after shots were fired"): that happened
        clause.future = clause.future or dep in ("xcomp", "advcl", "ccomp")
    if any(a.lower_ in words.hypothetical_aux for a in head_aux) and dep == "xcomp":
        clause.hypo = True
    if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "until") for c in node.children):
        clause.hypo = True
        clause.cues.append("if")


def _by_governing_class(klass, hl: str, dep: str, clause: _Clause) -> bool:
    """The governing verb's lexicon class decides; False when it says nothing."""
    if klass == "future" or hl in clause.words.future_governors:
        clause.future = True
        clause.cues.append(hl)
    elif klass == "hypo":
        clause.hypo = True
        clause.cues.append(hl)
    elif klass == "neg":
        clause.neg = clause.failed = True
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
    words = clause.words
    if hl == "be" and dep == "xcomp" and any(c.lower_ in words.future_predicates for c in head.children):
        clause.future = True
    elif dep in ("xcomp", "advcl", "acl") and node.tag_ == "VB" and any(
        c.lower_ == "to" and c.dep_ == "aux" for c in node.children
    ):
        # purpose infinitive: ahead of the main clause; not after aspect verbs
        # ("continue to detain" is going on now)
        if hl not in words.aspect_verbs and not _hedging(head, hl, words) and (
            head.tag_ in ("VBZ", "VBP", "VBG") or {a.lower_ for a in _aux_words(head)} & words.future_aux
        ):
            clause.future = True


def _weighed(verb, words: Table) -> bool:
    """The to-infinitive an anticipatory 'it' stands for, under a present, modal or reported
    'be' with a predicate of [status] weighing_predicates ('it is necessary to impose
    sanctions', 'it is time to negotiate', 'said it was important to hold talks'), or under a
    present or modal one with one of judging_predicates ('it would be wrong to attack'): a
    course weighed, not taken. 'It was a mistake to invade' judges an act that was; 'it is
    ready to sign' (a country) and 'it is the first country to recognise' are no weighing."""
    if verb.dep_ not in ("xcomp", "relcl", "acl", "advcl") or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    pred = verb.head
    be = pred if pred.lemma_ == "be" else pred.head
    if be.lemma_ != "be" or not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in be.children):
        return False
    preds = [p for p in ([c for c in be.children if c.dep_ in ("acomp", "attr")] if pred.i == be.i else [pred])
             if p.dep_ in ("acomp", "attr") and not any(d.lower_ in ("first", "last", "only") for d in p.children)]
    present = be.tag_ != "VBD" or any(c.dep_ == "aux" for c in be.children)  # or with a modal
    if any(p.lemma_.lower() in words.weighing_predicates for p in preds):
        return present or be.dep_ == "ccomp"  # "said it was important to": reported, still ahead
    return present and any(p.lemma_.lower() in words.judging_predicates for p in preds)


def _hedging(head, hl: str, words: Table) -> bool:
    """'appears to show', 'seems to confirm': the verb hedges what follows, no purpose; one with
    a place or an object of its own is ('appeared in court to answer the charges')."""
    return hl in words.raising_verbs and not any(c.dep_ in ("prep", "dobj", "agent") for c in head.children)


def _decide(verb, aux, clause: _Clause) -> StatusResult:
    """The status from what the clause and the walk up found, in order of precedence."""
    lowers, cues, embedded, words = clause.lowers, clause.cues, clause.embedded, clause.words
    # a speech act's own words, not its content's: "warned it would retaliate if attacked" is a
    # warning given, whatever the "if" inside it says
    own = clause.speech_act or clause.reporting
    content = {t.i for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree} if own else set()
    mods = {c.lower_ for c in verb.subtree
            if c.i < verb.i + 8 and c.i not in content and c.dep_ in ("advmod", "amod", "npadvmod", "mark")}
    if clause.negated or clause.neg:
        # "will not lift", "would not meet", "did not agree to extend": a refusal; "did not meet"
        # and "failed to reach a deal" only report what did not happen (corpus/GUIDE.md: the
        # act's own type, negated)
        volitional = (clause.neg and not clause.failed) or (
            clause.negated and bool(lowers & words.future_aux or lowers & {"would"}))
        return StatusResult("negated", volitional, tuple(cues + ["not"]), embedded)
    conditional = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in verb.children
    )  # "China could impose restrictions ... if tensions escalate"
    if lowers & {"may", "might", "could"} or clause.hypo or conditional or mods & words.hypothetical_modifiers:
        return StatusResult("hypothetical", cues=tuple(cues + sorted(lowers & words.hypothetical_aux)), embedded=embedded)
    if lowers & words.future_aux or clause.future or (lowers & {"would"} and embedded):
        return StatusResult("future", cues=tuple(cues + sorted(lowers & words.future_aux)), embedded=embedded)
    if lowers & {"would"}:
        return StatusResult("hypothetical", cues=("would",), embedded=embedded)
    if "already" in mods or mods & words.past_modifiers:
        return StatusResult("occurred", cues=tuple(cues), embedded=embedded)
    return _aspect(verb, aux, clause)


def _aspect(verb, aux, clause: _Clause) -> StatusResult:
    """Ongoing or occurred: "are conducting", "continues to", "has maintained"; but "police are
    asking the public" reports an appeal already made."""
    cues, embedded, words = clause.cues, clause.embedded, clause.words
    lemma = verb.lemma_.lower()
    if _is_progressive(verb) and not clause.continuing and (clause.speech_act or lemma in words.done_progressives):
        return StatusResult("occurred", cues=tuple(cues + ["progressive speech act"]), embedded=embedded)
    if clause.continuing or _is_progressive(verb) or lemma in words.ongoing_triggers:
        if verb.tag_ == "VBG" and any(c.lower_ in ("is", "are", "am") for c in aux) or verb.tag_ != "VBG":
            return StatusResult("ongoing", cues=tuple(cues + ["progressive"]), embedded=embedded)
        return StatusResult("occurred", cues=tuple(cues), embedded=embedded)
    if verb.tag_ == "VBG" and verb.head != verb and verb.head.lemma_.lower() in words.ongoing_verbs:
        return StatusResult("ongoing", cues=tuple(cues), embedded=embedded)
    if _serving(verb, words):
        return StatusResult("ongoing", cues=tuple(cues + ["state"]), embedded=embedded)
    if _present_participle_modifier(verb, words):
        # "protesting teachers continue to fill the Capitol": the protest goes on now
        return StatusResult("ongoing", cues=tuple(cues + ["participle"]), embedded=embedded)
    lasting = _lasting(verb, aux, words)
    if lasting:
        return StatusResult("ongoing", cues=tuple(cues + [lasting]), embedded=embedded)
    if clause.speech_act and verb.tag_ in ("VBZ", "VBP") and not aux and not embedded and not in_headline(verb):
        # "Zuma denies any wrongdoing", "Britain blames Russia": a stance held now (in a
        # headline the present tells what happened: "Japan condemns test")
        return StatusResult("ongoing", cues=tuple(cues + ["present"]), embedded=embedded)
    return StatusResult("occurred", cues=tuple(cues), embedded=embedded)


def _lasting(verb, aux, words: Table) -> str | None:
    """The cue that a present clause describes something still going on, or None:
    "press on for the fourth straight day", "has long accused", "are imprisoned",
    "is being investigated"."""
    lowers = {a.lower_ for a in aux}
    if not _present_tense(verb, lowers, words):
        return None
    # "for ..." on the verb, or on its object's phrase ("press into the enclave for the fourth day")
    nested = [g for c in verb.children if c.dep_ in ("prep", "dobj") for o in ([c] if c.dep_ == "dobj" else c.children)
              if o.dep_ in ("pobj", "dobj") for g in o.children]
    for prep in [*verb.children, *nested]:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for unit in prep.children:
                if unit.dep_ == "pobj" and unit.lower_ in words.ongoing_units and any(
                    m.lower_ in words.ongoing_unit_modifiers for m in unit.children
                ):
                    return f"for the {unit.lower_}"
    held = [c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in words.ongoing_modifiers]
    if held:
        return held[0]
    if verb.lemma_.lower() in COPULAS and any(c.dep_ == "prep" and c.lower_ in words.state_prepositions
                                              for c in verb.children):
        return "state"  # "are on trial", "remain on alert": a state the subject is in
    if verb.tag_ == "VBN" and lowers & words.present_aux - {"has", "have"}:
        if "being" in lowers:
            return "being"  # "is being investigated"
        if verb.lemma_.lower() in words.state_verbs and not lowers & {"been"}:
            return "state"  # "are imprisoned", "is held"
    return None


def _serving(verb, words: Table) -> bool:
    """A participle that describes a noun's lasting state: "X, serving a two-year sentence"."""
    return verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl") and verb.lemma_.lower() in words.state_verbs


def _present_participle_modifier(verb, words: Table) -> bool:
    """A participle that qualifies a noun ("protesting teachers", "striking workers") in a
    clause in the present, outside a headline: the activity goes on now."""
    if verb.tag_ != "VBG" or verb.dep_ != "amod":
        return False
    clause = verb.head.head
    if clause.pos_ not in ("VERB", "AUX") or in_headline(verb):
        return False
    lowers = {a.lower_ for a in _aux_words(clause)}
    if lowers & words.future_aux or clause.tag_ in ("VBD", "VBN", "MD"):
        return False
    return _present_tense(clause, lowers, words)


def _present_tense(verb, lowers: set[str], words: Table) -> bool:
    """A clause in the present: a present verb or auxiliary (`lowers`), and no past one."""
    return (verb.tag_ in ("VBZ", "VBP") or bool(lowers & words.present_aux)) and not lowers & words.past_aux


def noun_status(noun, lexicon: Lexicon, words: Words) -> StatusResult:
    """Status of an event named by a noun: its modifiers, then the verb that governs it."""
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound", "nummod", "advmod", "det")}
    if mods & {"no"}:
        return StatusResult("negated", cues=("no",))
    arrival = arrived_for(noun, lexicon, words.triggers.arrival_verbs)
    if arrival is not None:  # "arrived in Hanoi for a visit, during which ... are expected to"
        return clause_status(arrival, lexicon, words)
    found = _relative_clause_status(noun, lexicon, words)
    if found is not None:
        return found
    status = words.status
    for name, cued in (("future", status.future_modifiers), ("hypothetical", status.hypothetical_modifiers),
                       ("occurred", status.past_modifiers)):
        if mods & cued:
            return StatusResult(name, cues=tuple(sorted(mods & cued)))
    # "are in talks", "is on a visit": going on (in the past tense, it was)
    be = state_verb(noun, status.state_prepositions)
    if be is not None:
        if be.tag_ != "VBD" and not {a.lower_ for a in _aux_words(be)} & status.past_aux:
            return StatusResult("ongoing", cues=(f"{noun.head.lower_} {noun.lower_}",))
    entry = lexicon.lookup(noun)
    made = entry is not None and entry.event in words.triggers.answered_act_types and (
        noun.dep_ == "dobj" and noun.head.lemma_.lower() in words.roles.answering_verbs  # "is considering X's request"
        or any(c.dep_ == "prep" and c.lower_ == "from" for c in noun.children))  # "despite requests from X"
    if made and not mods & words.status.hypothetical_modifiers:
        return StatusResult("occurred", cues=(noun.head.lemma_.lower(),))  # the request was made
    if entry is not None and entry.event in words.triggers.reacted_act_types and noun.dep_ == "pobj":
        prep = (counted_object(noun, words.triggers.quantity_nouns) or (None, None))[1]
        if prep is not None and prep.lower_ in status.retrospective_prepositions:
            # "agreed to scrap the tax after three nights of protests", "will rebuild the market
            # following the attack": what the clause comes after took place, whatever the
            # clause's own status
            return StatusResult("occurred", cues=(prep.lower_,))
    if (entry is not None and entry.event == "CONSULT"
            and meeting_time_adjunct(noun, words.triggers.quantity_nouns, words.triggers.meeting_time_prepositions)):
        # "failed to agree after two days of talks", "will impose a tariff after talks": the
        # meeting took place; "will raise the issue during talks with Modi": a clause still to
        # come happens during its meeting, which is still to come too
        _, prep = counted_by(noun, words.triggers.quantity_nouns)
        if prep.lower_ in words.status.concurrent_prepositions and prep.head.pos_ in ("VERB", "AUX"):
            verb = prep.head  # the finite clause ("agreed to give ..., expanding ..., during a visit": the agreeing)
            while verb.head != verb and (verb.dep_ == "xcomp" or verb.dep_ == "advcl" and verb.tag_ == "VBG"):
                verb = verb.head
            around = clause_status(verb, lexicon, words)
            if around.status == "future":
                return around
        return StatusResult("occurred", cues=(noun.head.lower_,))
    if entry is not None and entry.event == "ASSAULT" and _investigated(noun, lexicon, words.status.inquiry_prepositions):
        # "police are investigating the killing of X", "an inquiry into the shooting": the harm
        # an inquiry is about has happened, however long the inquiry goes on
        return StatusResult("occurred", cues=(noun.head.lower_,))
    if legal_grounds(noun, lexicon, words.roles.grounds_prepositions, words.roles.accused_nouns) is not None:
        # "will be arraigned over the shooting of X", "could be charged with the murder of X":
        # the harm a legal action is about has happened, whatever becomes of the action
        return StatusResult("occurred", cues=(noun.head.lower_,))
    return _governing_status(noun, lexicon, words)


def _investigated(noun, lexicon: Lexicon, prepositions: frozenset[str]) -> bool:
    """The noun is what an inquiry looks into: the object of an investigating word (the
    lexicon's mode "investigate"), directly or after one of `prepositions` ("into", "of")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in prepositions:
        head = head.head
    elif noun.dep_ != "dobj":
        return False
    entry = lexicon.lookup(head)
    return entry is not None and entry.mode == "investigate"


def _relative_clause_status(noun, lexicon: Lexicon, words: Words) -> StatusResult | None:
    """'the dialogue, which is expected to take place in April'."""
    for rel in noun.children:
        if rel.dep_ in ("relcl", "acl") and rel.pos_ in ("VERB", "AUX"):
            inner = rel
            while True:
                nxt = [c for c in inner.children if c.dep_ == "xcomp"]
                if not nxt:
                    break
                inner = nxt[0]
            res = clause_status(inner, lexicon, words)
            if res.status != "occurred" or rel.tag_ in ("VBD", "VBN"):
                return res
    return None


def _governing_status(noun, lexicon: Lexicon, words: Words) -> StatusResult:
    """The status of the clause around a noun ("plans for a summit", "the protests entered ...")."""
    head = noun.head
    hops = 0
    while head != noun and head.pos_ not in ("VERB", "AUX") and hops < 6:
        if head.lemma_.lower() in words.status.hypothetical_modifiers:
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
        found = clause_status(head, lexicon, words)
        if found.status == "negated" and noun.dep_ == "pobj" and noun.head.head == head \
                and noun.head.lower_ in words.status.adjunct_prepositions:
            return StatusResult("occurred", cues=(noun.head.lower_,))  # "did not arrest him during his visit"
        return found
    return StatusResult("occurred")
