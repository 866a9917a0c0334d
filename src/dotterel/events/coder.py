"""From each body sentence, the events it reports, typed in PLOVER.

For every trigger the lexicon knows (a verb, a light verb with an event noun,
or an event noun with arguments of its own) the coder finds its status, its
actor(s) and recipient(s), applies PLOVER's coding rules, and emits an `Event`:

- a future meeting, summit or visit, and an invitation, is AGREE; a meeting that
  happens is CONSULT; future or possible material cooperation is AGREE;
- meetings, talks and joint action are reciprocal: all parties are actors;
  a visit keeps the visitor as actor and the host as recipient;
- a refusal ("will not lift the ban", "failed to reach a deal") is REJECT;
  a non-event ("no agreement has been signed") keeps its type with status negated;
- "bilateral meetings with A, B and C" are one event per partner;
- a summit of a grouping (the Quad, G7) includes the grouping's members.

How a sentence is coded, one step each (spaCy-style small components):

1. triggers (events/triggers.py): `TriggerFinder` yields typed `Candidate`s;
2. roles (events/roles.py): `RoleFinder` returns typed `Roles` (actor, recipient, partner,
   source, means, topic) as tokens, which `Arguments` (events/arguments.py) resolves to entities;
3. status (events/status.py): `clause_status` or `noun_status`;
4. rules (events/rules.py): PLOVER's coding rules, an ordered list of named functions;
5. the event: roles arranged by type (reciprocal, visit, per partner), sectors, confidence.

The hand-off to a learned classifier: every `Event` carries ``evidence`` (`EventCoder.evidence`:
what the rules knew), and with ``propose_open`` the sentences in which the rules found nothing
get open candidates (events/proposals.py); the `classify` stage (dotterel.classifier) then
keeps, re-types or vetoes each candidate (docs/events.md). Nothing is kept from one sentence
to the next on the coder: one coder can code several documents at once.

The word lists are the document's language's (`Meta.language`; lang/<code>/events.toml):
the coder builds its steps once per language (`EventCoder.steps`) and passes them along.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from .. import lang
from ..document import Document, Entity, Event, Trigger
from ..lang import Words
from ..nlp import sentence_tokens, token_at
from . import proposals
from .arguments import Arguments
from .domestic import implied_protesters, names_people
from .lexicon import (HARM_EVENTS, HARSH_TYPES, QUANTITY_WORDS, Lexicon, clause_verb, comment_sought, default_lexicon,
                      measured, named_kind, question_complement, stems, with_to)
from .roles import JUDGED_EVENTS, RoleFinder, Roles, after_dateline
from .rules import COOPERATIVE, PLOVER_RULES, Coding, RuleInput, apply_rules
from .status import StatusResult, clause_status, noun_status
from .triggers import PARTY_LABELS, Candidate, TriggerFinder, gathering_occasion, is_harm  # PARTY_LABELS: a named party

__all__ = ["Candidate", "CodeEvents", "EventCoder", "SentenceScope", "Steps"]

VICTIM_EVENTS = ("ASSAULT", "COERCE", "SANCTION", "ACCUSE")  # "X was attacked": coded without an attacker
STATE_SECTORS = frozenset({"GOV", "IGO", "MIL", "LEG"})  # a state, its officials and its missions
# countries, organisations and nationalities: "Iran was accused of supplying drones" is an accusation
STATE_LABELS = frozenset({"GPE", "NORP", "ORG"})
# acts only a state does, which a government announces in the passive ("said 40 diplomats
# would be expelled", "troops will be deployed to the border")
STATE_ACTS = frozenset({"SANCTION", "MOBILIZE"})


def _suspect_described(cand: Candidate, roles: Roles, parties: Parties, words: Words) -> bool:
    """"A man accused of killing his neighbour": an agentless "accused of" about a person
    describes a suspect, no accusation made; "Iran was accused of supplying drones" (a
    country, an organisation or a nationality accused) still reports one."""
    return bool(roles.passive and not parties.actor and cand.entry.lemma in words.coder.suspect_verbs
                and roles.recipient and not any(t.ent_type_ in STATE_LABELS for t in roles.recipient))


def _question_put(tok, question_words: frozenset[str]) -> bool:
    """'Asked whether Cairo would join, ...', 'asked about the arrests, ...': a participle with no
    subject of its own whose complement is a question (`[coder] question_words`)."""
    if tok.tag_ != "VBN" or tok.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return any((c.dep_ == "prep" and c.lower_ in question_words) or (c.dep_ == "ccomp" and any(
        g.dep_ in ("mark", "advmod", "dobj", "nsubj") and g.lower_ in question_words for g in c.children))
        for c in tok.children)


def _question_asked(tok, question_words: frozenset[str], asking: frozenset[str]) -> bool:
    """'A reporter asked whether China would send an envoy': a verb of asking (`asking`) with
    no one asked and a question for its complement asks a question, not for an act."""
    if tok.lemma_.lower() not in asking or any(c.dep_ in ("dobj", "dative", "iobj") for c in tok.children):
        return False
    return any(c.dep_ == "ccomp" and any(g.dep_ in ("mark", "advmod", "dobj", "nsubj") and g.i < c.i
                                         and g.lower_ in question_words for g in c.children)
               for c in tok.children)


def _sourcing(cand: Candidate, words: Words) -> bool:
    """How a source is quoted, not a request or a refusal: "officials who asked not to be
    named", "declined to be identified", "declined to comment", "requested anonymity", "did
    not respond to requests for comment". A content with an object of its own ("refused to name
    the suspects") is still an event."""
    if cand.noun is None and _question_put(cand.token, words.coder.question_words):
        return True  # "Asked whether Cairo would join, the minister said": a question to the source
    if cand.noun is None and _question_asked(cand.token, words.coder.question_words, words.coder.asking_verbs):
        return True  # "a reporter asked whether China would send an envoy": a question put
    if cand.noun is not None:  # "requests for comment"
        return comment_sought(cand.noun, words.coder.sourcing_contents)
    if cand.entry.cls != "commit":
        return False
    content = cand.content
    if content is not None and content.lemma_.lower() in words.coder.sourcing_contents:
        return not any(c.dep_ in ("dobj", "obj") for c in content.children)
    if (content is not None and content.lemma_.lower() in words.coder.answering_contents
            and cand.entry.lemma in words.coder.declining_verbs):
        # "declined to speak to reporters", "declined to respond to the criticism", "declined to
        # respond", "declined to answer questions from reporters": the press's questions go
        # unanswered ("refused to respond to the ultimatum", "to answer the summons" stay)
        press = words.coder.press_words
        asked = [c for c in content.children if c.dep_ in ("dobj", "obj")]
        told = [g for h in (content, *asked) for p in h.children
                if p.dep_ == "prep" and p.lower_ in ("to", "with", "from")
                for g in p.children if g.dep_ == "pobj"]
        return all(g.lemma_.lower() in press for g in (*asked, *told))
    return content is None and any(c.dep_ == "dobj" and c.lemma_.lower() in words.coder.sourcing_objects
                                   for c in cand.token.children)


def _open_question(cand: Candidate, words: Words) -> bool:
    """'It is unclear whether police arrested the suspect', 'it was not clear whether any had
    been deported', 'the spokesman did not say whether the army attacked', 'declined to say
    whether', 'asked whether China would send an envoy': the act is only asked about, not
    reported (`[coder] unknowing_predicates`, `knowing_words`, `asking_verbs`). A conditional 'if' is an adverbial clause, not a complement, and is left
    to the status."""
    content = cand.content if cand.noun is None else None
    if (content is not None and cand.entry.lemma in words.coder.declining_verbs
            and content.lemma_.lower() in words.coder.knowing_words
            and any(c.dep_ == "ccomp" and c.left_edge.lower_ in words.coder.question_words
                    for c in content.children)):
        return True  # "declined to say whether ...": no refusal, the question stays open
    verb = clause_verb(cand.token)
    if not question_complement(verb):
        return False
    head = verb.head
    if head.lemma_.lower() in words.coder.asking_verbs:
        return True  # "a reporter asked whether China would send an envoy": asked about, not reported
    said = [head, *(c for c in head.children if c.dep_ == "acomp")]
    if any(t.lemma_.lower() in words.coder.unknowing_predicates for t in said):
        return True
    negated = any(c.dep_ == "neg" for c in head.children) or (
        head.dep_ == "xcomp" and head.head.lemma_.lower() in words.coder.declining_verbs)
    return negated and any(t.lemma_.lower() in words.coder.knowing_words for t in said)


def _finding_not_done(cand: Candidate, status: StatusResult, words: Words) -> bool:
    """'halted the rule, ruling that it likely violated federal law', 'blocked the eviction order,
    finding the council had offered them no alternative': what a ruling finds was not done or
    only may have been is the ruling's reasoning, not an event (`[coder] finding_verbs`); a
    wrong it finds done is left to the rules."""
    if status.status not in ("negated", "hypothetical"):
        return False
    verb = clause_verb(cand.token)
    while verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:  # "... could flee if released"
        verb = verb.head
    if verb.dep_ != "ccomp":
        return False
    finding = verb.head
    return (finding.tag_ == "VBG" and finding.dep_ == "advcl"
            and finding.lemma_.lower() in words.coder.finding_verbs)


def _accidental(cand: Candidate, words: Words) -> bool:
    """Killed or hurt in an accident or a disaster ("two people were killed in a road accident",
    "the man killed in a single-vehicle crash", "killed when their helicopter crashed", "a bus
    plunged into a ravine, killing 17"): no attack, no attacker. The nouns are the language's
    ``non_agents``, the verbs its ``accident_verbs``; "killed in a bomb attack" or "in a
    shooting" still is one."""
    tok = cand.token
    if cand.noun is not None or cand.event != "ASSAULT":
        return False
    if tok.tag_ == "VBG" and tok.dep_ == "advcl" and _accident_verb(tok.head, words):
        return True  # "a bus plunged into a ravine, killing 17 people"
    if tok.tag_ != "VBN":
        return False
    if any(c.dep_ == "advcl" and _accident_verb(c, words) for c in tok.children):
        return True  # "were killed when their helicopter crashed"
    return any(c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during")
               and any(g.dep_ == "pobj" and _named_non_agent(g, words) for g in c.children)
               for c in tok.children)


def _habitual(cand: Candidate, words: Words) -> bool:
    """'Kenyan police routinely set up roadblocks', 'Caracas usually dismisses criticism from UN
    investigators', 'Beijing often lodges representations': an act a party does as a habit
    (one of the language's ``habitual_adverbs`` on the verb, or on the verb of the event noun)
    is no act of the day; 'will always stand by its friends' is a pledge, 'has repeatedly
    denied' reports the denials."""
    verb = cand.token.head if cand.noun is not None and cand.noun == cand.token else cand.token
    if not any(c.dep_ == "advmod" and c.lower_ in words.coder.habitual_adverbs for c in verb.children):
        return False
    # a modal makes it a pledge or a possibility the status reads, not a habit
    return not any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _people_named_by_it(cand: Candidate, words: Words) -> bool:
    """'the families of those killed', 'those expelled were intelligence officers', 'anyone
    arrested will be charged': a past participle on one of the language's
    ``referring_pronouns`` names people by what was done to them, no act the sentence reports."""
    tok = cand.token
    return (cand.noun is None and tok.tag_ == "VBN" and tok.dep_ == "acl"
            and tok.head.lower_ in words.coder.referring_pronouns)


def _characterised_by_no_one(cand: Candidate, words: Words) -> bool:
    """'a migrant hailed as a hero', 'the force has long been criticised as too small', 'the
    treaty, sometimes described as the nuclear option': a judgement passed in the passive with
    'as' and no one who passes it ('by ...') is a description, no act ('was condemned as
    draconian by rights groups' is one)."""
    tok = cand.token
    if cand.noun is not None or cand.event not in ("ACCUSE", "SUPPORT") or tok.tag_ != "VBN":
        return False
    passive = tok.dep_ == "acl" or any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if not passive or not any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
        return False
    if any(c.dep_ in ("agent", "nsubj") for c in tok.children):
        return False  # 'was condemned as draconian by rights groups'
    # 'a move the Committee to Protect Journalists condemned as intimidation': a restated act
    # before the verb (`[coder] act_nouns`) is the object of a judgement whose subject the
    # parser may have missed
    sent = tok.sent
    return not any(t.lemma_.lower() in words.coder.act_nouns for t in tok.doc[max(sent.start, tok.i - 12):tok.i])


def _accident_verb(verb, words: Words) -> bool:
    """An accident the verb tells ("crashed", "plunged"), not one that followed something that
    may have been an attack ("collapsed after an air strike")."""
    return verb.lemma_.lower() in words.coder.accident_verbs and not any(
        c.dep_ == "prep" and c.lower_ in words.coder.accident_causes for c in verb.children)


def _named_non_agent(noun, words: Words) -> bool:
    """The noun is one of the language's ``non_agents``, also a hyphenated one ("a hit-and-run")."""
    doc, i, joined = noun.doc, noun.i, noun.text
    while not doc[i].whitespace_ and i + 1 < len(doc) and (doc[i + 1].text == "-" or not doc[i + 1].is_punct):
        i += 1
        joined += doc[i].text  # the word and what is written onto it: "hit-and-run"
    return bool(named_kind(noun) & words.coder.non_agents) or joined.lower() in words.coder.non_agents


@dataclass(frozen=True, slots=True)
class Steps:
    """The coder's steps in one language: its word lists and the finders that read them."""

    words: Words  # lang/<code>/events.toml
    triggers: TriggerFinder
    roles: RoleFinder
    context_lookup: dict[str, str]  # a word -> the PLOVER context it gives ([coder] context_words)
    joint_words: frozenset[str]  # meetings and agreements: all parties act

    @classmethod
    def build(cls, lexicon: Lexicon, words: Words) -> Steps:
        contexts = words.coder.context_words
        return cls(
            words, TriggerFinder(lexicon, words), RoleFinder(lexicon, words),
            {w: ctx for ctx, ctx_words in contexts.items() for w in ctx_words},
            words.coder.meeting_words | words.rules.agreement_words,
        )  # fmt: skip


@dataclass(slots=True)
class SentenceScope:
    """What coding one sentence needs besides the parse: passed along, never kept on the coder."""

    doc: Document
    index: int  # the sentence's index in the document
    start: int  # where it starts: a dateline before it is not a subject
    args: Arguments  # the document's argument resolver
    steps: Steps  # the steps of the document's language
    speaker: list[Entity] = field(default_factory=list)  # who is quoted in it
    # triggers the rules judged to be no event ("police are investigating the stabbing"):
    # never proposed again as open candidates
    declined: set[int] = field(default_factory=set)


@dataclass(slots=True)
class Parties:
    """The entities of a candidate's roles (events.roles.Roles resolved by `Arguments`)."""

    actor: list[Entity]
    recipient: list[Entity]
    partner: list[Entity]
    implied: bool = False  # the actor comes from the document, not the sentence


class OpenProposalView:
    """The coder as events/proposals.py sees it (``lex``, ``words``, ``subject``, ``agent``),
    bound to one sentence: the subject finder needs to know where the sentence starts."""

    __slots__ = ("lex", "words", "_roles", "_start")

    def __init__(self, coder: EventCoder, steps: Steps, sent_start: int):
        self.lex = coder.lex
        self.words = steps.words
        self._roles = steps.roles
        self._start = sent_start

    def subject(self, verb):
        return self._roles.subject(verb, self._start)

    def agent(self, verb):
        return self._roles.agent(verb)


class EventCoder:
    def __init__(self, lexicon: Lexicon | None = None, *, kb=None, propose_open: bool = False):
        self.lex = lexicon or default_lexicon()
        self.kb = kb  # the knowledge base arguments are resolved against (events/arguments.py)
        # open candidates for a learned classifier to judge (events/proposals.py)
        self.propose_open = propose_open
        self.rules = PLOVER_RULES  # PLOVER's coding rules, in order (events/rules.py)
        self._steps: dict[Words, Steps] = {}  # by language, built on first use

    def steps(self, language: str) -> Steps:
        """The steps for a language (`dotterel.lang.words`), built once."""
        return self._steps_for(lang.words(language))

    def _steps_for(self, words: Words) -> Steps:
        found = self._steps.get(words)
        if found is None:
            found = self._steps[words] = Steps.build(self.lex, words)
        return found

    def candidates(self, tokens: list, language: str = "en") -> list[Candidate]:
        """Trigger candidates of a sentence's tokens (`TriggerFinder.candidates`)."""
        return self.steps(language).triggers.candidates(tokens)

    # ----------------------------------------------------------- coding
    def code(self, doc: Document) -> list[Event]:
        steps = self._steps_for(lang.for_document(doc))
        args = Arguments(doc, self.kb)
        events: list[Event] = []
        for sent in doc.sentences:
            if not sent.codable:
                continue
            tokens = sentence_tokens(doc.parse, sent)
            if not tokens:
                continue
            scope = SentenceScope(doc, sent.index, sent.start, args, steps, self._speaker(tokens, args, steps, sent.start))
            found = self.code_sentence(scope, tokens)
            if self.propose_open and not found:
                view = OpenProposalView(self, steps, sent.start)
                found = proposals.propose(doc, view, args, sent, tokens, scope.speaker, declined=scope.declined)
            events.extend(found)
        _resolve_event_anaphora(events, doc.parse, steps.words.coder.response_nouns, steps.words.coder.act_nouns)
        _add_sentence_flags(doc, events)
        return events

    def code_sentence(self, scope: SentenceScope, tokens: list) -> list[Event]:
        """The events of one sentence, each with the rules' ``evidence``."""
        coded = []
        triggers = scope.steps.triggers
        cands = triggers.merge_coordinated(triggers.candidates(tokens, scope.declined))
        for cand in _without_hosting(cands, scope.steps.words):
            for ev in self._events_for(scope, cand):
                ev.evidence = self.evidence(cand, ev)
                acted_on = self._object_event(cand, ev, scope.steps.words)
                if acted_on:
                    ev.evidence["object_event"] = acted_on
                elif self._concludes_agreement(cand, ev, scope.steps.words):
                    ev.evidence["alike_event"] = "AGREE"
                coded.append((cand, ev))
        pledges = [cand.token for cand, ev in coded if ev.event in PLEDGE_EVENTS]
        marks = scope.steps.words.roles.condition_marks
        return [ev for cand, ev in coded if not _pledge_condition(cand.token, pledges, marks)]

    def _object_event(self, cand: Candidate, ev: Event, words: Words) -> str | None:
        """The type of the event a verb trigger acts on, when it is another: "cancelled the
        visit" (REJECT, acting on a CONSULT), "called off the strike", "reduced aid". A
        classifier that names that type read the object, not the act (see `ClassifyEvents`).
        A verb that brings its object about ("ordered sanctions", "reopened the investigation";
        [coder] causing_verbs) is that event, and has none."""
        if cand.noun is not None or cand.entry.pos != "V" or cand.entry.lemma in words.coder.causing_verbs:
            return None
        for child in cand.token.children:
            if child.dep_ in ("dobj", "nsubjpass"):
                entry = self.lex.lookup(child)
                if entry is not None and entry.pos == "N" and entry.cls == "event" and entry.event not in (None, ev.event):
                    return entry.event
        return None

    @staticmethod
    def _concludes_agreement(cand: Candidate, ev: Event, words: Words) -> bool:
        """A formal agreement concluded, which PLOVER codes SUPPORT and a reading of 'agreed'
        as AGREE: an agreement noun ("reached an agreement", "the pact signed on Monday") or a
        verb whose SUPPORT row needs one as its object ("agreed a trade deal", "concluded an
        accord"; [coder] formal_agreements)."""
        if ev.event != "SUPPORT":
            return False
        agreements = words.coder.formal_agreements
        head = cand.noun if cand.noun is not None else cand.token
        if cand.entry.pos == "N" or cand.noun is not None:
            return head.lemma_.lower() in agreements
        return bool((cand.entry.condition("obj") or frozenset()) & agreements)

    @staticmethod
    def evidence(cand: Candidate, ev: Event) -> dict:
        """What the rules knew about a candidate: the hand-off to a learned classifier."""
        return {
            "rule_event": ev.event,
            "lexicon_event": cand.event,
            "cls": cand.entry.cls,
            "lemma": cand.entry.lemma,
            "pos": cand.entry.pos,
            "noun": cand.noun is not None,
            "weight": cand.weight,
            "rule_confidence": ev.confidence,
            "rule_status": ev.status,
        }

    _evidence = evidence

    @staticmethod
    def _speaker(tokens, args: Arguments, steps: Steps, start: int) -> list[Entity]:
        """Who is quoted in this sentence: the subject of its reporting verb (not a dateline
        the parser took for it: "ISLAMABAD -- Pakistan's prime minister said ...")."""
        statements = steps.triggers.statements
        for tok in tokens:
            if tok.lemma_.lower() in statements and tok.pos_ == "VERB":
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
                who = after_dateline(subj[0], start) if subj else None
                if who is not None and who.lower_ not in ("it",):
                    return args.entities(who)
        return []

    def _status(self, cand: Candidate, words: Words) -> StatusResult:
        if cand.noun == cand.token:
            return noun_status(cand.token, self.lex, words)
        return clause_status(cand.token, self.lex, words)

    # ----------------------------------------------------------- one candidate
    def _events_for(self, scope: SentenceScope, cand: Candidate) -> list[Event]:
        """Status, roles, parties, PLOVER rules, then the event(s) of one candidate."""
        steps = scope.steps
        status = self._status(cand, steps.words)
        roles = steps.roles.roles(cand, scope.start)
        # an earthquake that kills, a virus that spreads: nature is not a political actor
        if any(named_kind(t) & steps.words.coder.non_agents for t in roles.actor):
            return []
        parties = self._parties(cand, roles, scope)
        if self._no_event(cand, roles, parties, status, steps.words):
            scope.declined.add(cand.token.i)  # never proposed again as an open candidate
            return []
        if cand.mode == "multilateral":  # members of a grouping: "attend the Quad Leaders Summit"
            self._add_members(cand, scope.args, parties)
        if not parties.actor and not parties.partner and cand.event == "PROTEST":
            # "protests entered a third week": unnamed demonstrators are civilians
            parties.actor = [implied_protesters()]
        none_made = _none_made(cand, roles, status)
        if not _has_parties(cand, roles, parties, steps.words) and not none_made:
            return []
        context = self._context(cand, steps)
        joint = len({(e.code, e.text) for e in parties.actor + parties.partner}) > 1
        targeted = any(e.code or e.sector for e in parties.recipient)
        coding = apply_rules(Coding(cand.event, cand.mode, status.status),
                             RuleInput(cand, status, context, steps.words, joint, self._content_event(cand), targeted),
                             self.rules)
        actors, recipients = self._arrange(cand, coding.mode, parties, steps)
        if not actors and not recipients and not none_made:
            return []
        self._default_sectors(actors, recipients, context, coding.event, scope.args.default_sector_spans,
                              cand.token.doc, steps.words)
        if _is_commerce(coding.event, actors, recipients, steps.words) or _commercial_deal(
                cand, coding.event, actors, recipients, steps.words) or _sport(
                coding.event, actors, recipients, steps.words, cand.token.doc):
            scope.declined.add(cand.token.i)  # commerce, sport: not proposed again as an open candidate
            return []
        if _cuts_relations(cand, coding, actors, recipients, steps.words):
            coding = replace(coding, event="SANCTION", mode="discontinue")
        if _complains(cand, roles, coding, actors, recipients, steps.words):
            coding = replace(coding, event="ACCUSE", mode=None)
        confidence = self._confidence(cand, actors, recipients, parties.implied, status, steps)
        triggers = [Trigger(t.text, t.idx, t.idx + len(t.text)) for t in sorted(cand.triggers, key=lambda t: t.i)]
        flags = scope.args.flags_in(actors + recipients)
        flags += [f for f in scope.args.sentence_flags(scope.index) if f not in flags]
        base = dict(event=coding.event, sentence_index=scope.index, mode=coding.mode, context=context,
                    status=coding.status, confidence=confidence)
        per_partner = _per_partner(cand, roles, actors, recipients, steps.words.coder.split_markers)
        if per_partner:  # "bilateral meetings with A, B and C": one event per partner
            return [Event(**base, trigger=list(triggers), actor=group, flags=list(flags)) for group in per_partner]
        return [Event(**base, trigger=triggers, actor=actors, recipient=recipients, flags=flags)]

    def _no_event(self, cand: Candidate, roles: Roles, parties: Parties, status: StatusResult,
                  words: Words) -> bool:
        """A trigger whose words report no event: a suspect described, the police investigating
        a crime, a warning of a danger, a death in an accident, how a source is quoted, an act
        only asked about, what a ruling finds was not done, a crowd gathered for an occasion,
        people named by what was done to them, a judgement no one is said to make, a habit."""
        return (_suspect_described(cand, roles, parties, words) or self._routine_inquiry(cand, roles, parties, words)
                or self._hazard_warning(cand, words) or _accidental(cand, words) or _sourcing(cand, words)
                or _open_question(cand, words) or _finding_not_done(cand, status, words)
                or _thing_blamed(cand, parties, words, self.lex) or self._gathered_for_occasion(cand, words)
                or _people_named_by_it(cand, words) or _characterised_by_no_one(cand, words)
                or _habitual(cand, words))

    def _gathered_for_occasion(self, cand: Candidate, words: Words) -> bool:
        """'residents gathered to remember the victims of the cyclone', 'supporters gathered at
        the airport to welcome the team home': a gathering for an occasion is no protest
        (`triggers.gathering_occasion`); 'gathered to protest the closure' still is."""
        return (cand.event == "PROTEST" and cand.noun is None
                and gathering_occasion(cand.token, self.lex, words) is not None)

    @staticmethod
    def _routine_inquiry(cand: Candidate, roles: Roles, parties: Parties, words: Words) -> bool:
        """Police investigating a crime ("detectives are investigating the stabbing", "police
        are investigating after two bodies were found"): routine police work that accuses no
        one, so no ACCUSE. An inquiry into a party ("police are investigating the mayor"), or by
        anyone but the police, still is one."""
        if cand.noun is not None or cand.entry.lemma not in words.coder.inquiry_verbs:
            return False  # "police launched a probe" is an inquiry opened
        if not parties.actor or any(e.sector != "COP" for e in parties.actor):
            return False
        accused = [e for e in parties.recipient if e.code or e.sector]
        return not accused and not any(t.ent_type_ in PARTY_LABELS for t in roles.recipient)

    def _hazard_warning(self, cand: Candidate, words: Words) -> bool:
        """A warning of a danger ("police warned residents about phone scams", "forecasters warn
        of flooding") threatens no one: only a warning of consequences, of force or of a
        sanction ("warned of a crushing response", "of further sanctions"), a warning off
        ("warned X against ..."), or a warned act ("warned that it would retaliate", left to the
        rules and the classifier) is THREATEN."""
        if cand.noun is not None or cand.entry.lemma not in words.coder.warning_verbs:
            return False
        kids = list(cand.token.children)
        if any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ == "against") for c in kids):
            return False  # "warned that it would retaliate", "warned X against an attack"
        # "warned motorists of icy roads": the parser may hang 'of' on the warned
        holders = [cand.token, *(c for c in kids if c.dep_ in ("dobj", "dative"))]
        warned_of = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
                     for g in c.children if g.dep_ == "pobj"]
        if not warned_of:
            return False
        for g in warned_of:
            entry = self.lex.lookup(g)
            if g.lemma_.lower() in words.coder.threat_objects or (
                    entry is not None and entry.cls == "event" and entry.event in HARSH_TYPES):
                return False
        return True

    def _content_event(self, cand: Candidate) -> str | None:
        """The lexicon's type of what a commitment is about ('vowed to retaliate': ASSAULT), or
        of the event noun it takes or its light verb takes ('would propose sanctions',
        'proposed slapping tariffs on ...', '... $100 billion in tariffs': SANCTION)."""
        holder = cand.token
        if cand.content is not None:
            entry = self.lex.lookup(cand.content)
            if entry is not None and entry.cls == "event":
                return entry.event
            if entry is not None and entry.cls != "light":
                return None
            holder = cand.content  # a light verb, or one the lexicon does not know ('slapping tariffs')
        for child in holder.children:
            if child.dep_ in ("dobj", "obj"):
                # the object, or what it measures ('slapping $100 billion in tariffs', 'a package of sanctions')
                for obj in (child, *measured(child)):
                    entry = self.lex.lookup(obj)
                    if entry is not None and entry.pos == "N" and entry.cls == "event":
                        return entry.event
        return None

    def _parties(self, cand: Candidate, roles: Roles, scope: SentenceScope) -> Parties:
        """The entities of a candidate's roles."""
        args, speaker = scope.args, scope.speaker
        parties = Parties(
            actor=[e for t in roles.actor for e in args.entities(t, speaker=speaker, doer=True)],
            recipient=[e for t in roles.recipient for e in args.entities(t, speaker=speaker)],
            partner=[e for t in roles.partner for e in args.entities(t, speaker=speaker)],
        )
        if cand.noun is not None and not parties.partner:
            _noun_parties(cand, args, parties, scope.steps.joint_words)
        if cand.event == "PROTEST" and not parties.recipient:
            parties.recipient = _protested_against(cand, roles, args)
        if (not parties.actor and not parties.partner and roles.passive and cand.event in COOPERATIVE
                and any(r.code for r in parties.recipient)):
            # agentless passive: the actor comes from the document ("X has been invited to invest");
            # a court's step ("the charges against X were dropped") is the courts' own
            rec_codes = {e.code for e in parties.recipient}
            other = [c for c in args.salient if c not in rec_codes]
            if roles.subject is not None and self.lex.is_legal(roles.subject):
                parties.actor = [Entity(text="(judicial authorities)", sector="JUD")]
                parties.implied = True
            elif other:
                parties.actor = [Entity(text="(implied)", code=other[0], sector="GOV")]
                parties.implied = True
        if not parties.actor and not parties.partner and roles.passive and cand.event in STATE_ACTS:
            state = _announcing_state(cand, roles, parties, scope)
            if state is not None:
                parties.actor = [state]
                parties.implied = True
        return parties

    @staticmethod
    def _add_members(cand: Candidate, args: Arguments, parties: Parties) -> None:
        """A summit of a grouping (the Quad, G7) includes the grouping's members."""
        objs = [c for c in cand.token.children if c.dep_ in ("dobj", "pobj", "attr")]
        span = args.phrase(cand.noun) if cand.noun is not None else (args.phrase(objs[0]) if objs else None)
        present = {e.code for e in parties.actor}
        for code in args.members(*span) if span else []:
            if code not in present:
                parties.partner.append(Entity(text=code, code=code, sector="GOV"))
                present.add(code)
        parties.recipient = [r for r in parties.recipient if r.code not in present]

    def _arrange(self, cand: Candidate, mode: str | None, parties: Parties,
                 steps: Steps) -> tuple[list[Entity], list[Entity]]:
        """Actors and recipients by PLOVER's role rules: a visit keeps the visitor as actor and the
        host as recipient; meetings, talks, joint action and agreements make all parties actors."""
        actors, recipients, partners = parties.actor, parties.recipient, parties.partner
        lemmas = {cand.entry.lemma, (cand.noun if cand.noun is not None else cand.token).lemma_.lower()}
        meeting = lemmas & steps.words.coder.meeting_words
        reciprocal = False
        hosted_talks = cand.entry.lemma in steps.words.coder.host_verbs and any(
            c.dep_ == "dobj" and c.lemma_.lower() in steps.words.coder.meeting_words for c in cand.token.children)
        if mode == "visit" and not (hosted_talks and partners):  # "hosted talks between X and Y": all meet
            recipients = recipients + partners  # the visitor acts, the host receives
            if cand.entry.lemma in steps.words.coder.host_verbs and recipients:
                actors, recipients = recipients, actors  # "X hosted Y": Y visits X
        elif partners or meeting or self._marked_reciprocal(cand, steps.words.coder.reciprocal_markers):
            reciprocal = True
            actors = actors + partners + ([r for r in recipients if r.code or r.sector] if meeting else [])
            if lemmas & steps.joint_words or partners:
                recipients = []
        actors = _dedupe(actors)
        recipients = [r for r in _dedupe(recipients) if not any(_same_party(r, a, reciprocal) for a in actors)]
        return actors, recipients

    @staticmethod
    def _marked_reciprocal(cand: Candidate, markers: frozenset[str]) -> bool:
        words = {t.lower_ for t in (cand.noun if cand.noun is not None else cand.token).children}
        return bool(words & markers)

    @staticmethod
    def _context(cand: Candidate, steps: Steps) -> list[str]:
        found: list[str] = []
        if cand.entry.context:
            found.append(cand.entry.context)
        root = cand.token
        if cand.noun == cand.token:  # a noun's context is its clause's
            while root.head != root and root.pos_ not in ("VERB", "AUX"):
                root = root.head
        lookup = steps.context_lookup
        for t in root.subtree:
            ctx = lookup.get(t.lower_)
            if ctx and ctx not in found:
                found.append(ctx)
        return found[:3]

    @staticmethod
    def _default_sectors(actors: list[Entity], recipients: list[Entity], context: list[str], event_type: str,
                         defaulted: frozenset[tuple[int, int]] = frozenset(), parse: Any = None,
                         words: Words | None = None) -> None:
        """A country with no stated sector acts as its government, or as its armed forces when it
        attacks or mobilises, or in joint military drills ("Russia deployed troops", "Israel
        struck Gaza", "China and Pakistan held naval drills") -- also a country named alone, whose
        GOV was only the country's default (`defaulted`). A country attacked is not its army.
        Private people of a country are its civilians ("a Japanese man", "two Chinese
        nationals": `_private_people`)."""
        armed = event_type in ("ASSAULT", "MOBILIZE") or ("military" in context and event_type == "COOPERATE")
        for e, military in [*((a, armed) for a in actors), *((r, False) for r in recipients)]:
            if not (e.code and len(e.code) == 3 and e.name is None):
                continue
            if e.sector is None and words is not None and _private_people(e, parse, words):
                e.sector = "CVL"
                continue
            if e.sector is None:
                e.sector = "MIL" if military else "GOV"
            elif military and e.sector == "GOV" and (e.start, e.end) in defaulted:
                e.sector = "MIL"

    @staticmethod
    def _confidence(cand: Candidate, actors, recipients, context_actor: bool, status: StatusResult,
                    steps: Steps) -> float:
        score = 0.35 + 0.45 * cand.weight
        if any(a.code for a in actors):
            score += 0.1
        if recipients and any(r.code for r in recipients):
            score += 0.05
        if context_actor:
            score -= 0.15
        if not actors:
            score -= 0.1
        if cand.noun == cand.token:
            score -= 0.05
        # the news of a sentence sits in its main clause; subordinate clauses report less
        depth, node = 0, cand.token
        while node.head != node and depth < 6:
            node, depth = node.head, depth + 1
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() not in steps.triggers.statements:
                score -= 0.06
        if status.status in ("hypothetical", "negated") and cand.entry.cls != "commit":
            score -= 0.05
        return max(0.05, min(0.99, score))



def _cuts_relations(cand: Candidate, coding: Coding, actors: list[Entity], recipients: list[Entity],
                    words: Words) -> bool:
    """A restriction a government or an international organisation puts on another state, its
    officials or its missions ('suspended Venezuela', 'revoked the visas of 250 Nicaraguan officials', 'will
    close the US consulate') cuts relations: SANCTION (PLOVER's 'discontinue'), not the
    coercion of a government at home ([coder] relation_cutting_verbs)."""
    if coding.event != "COERCE" or coding.mode != "restrict" or cand.entry.lemma not in words.coder.relation_cutting_verbs:
        return False
    doers = {a.code for a in actors}
    targets = {r.code for r in recipients}
    return (bool(doers) and None not in doers and bool(targets) and None not in targets and not doers & targets
            and all(a.sector in ("GOV", "IGO") for a in actors) and all(r.sector in STATE_SECTORS for r in recipients))


def _complains(cand: Candidate, roles: Roles, coding: Coding, actors: list[Entity],
               recipients: list[Entity], words: Words) -> bool:
    """A protest whose every actor is a state's government or an international organisation
    and that is made to someone or about something ('the Philippines protested China's
    designation of the shoal', 'expressed strong protest to the Kyrgyz side') is a complaint:
    ACCUSE, the corpus guide's and PLOVER's reading; people who protest demonstrate ([coder]
    complaint_protest_words, complaint_makers; a protest staged or held is a demonstration:
    demonstrating_verbs)."""
    if coding.event != "PROTEST" or not actors:
        return False
    # the lemmatizer's slips ("staged" -> "stag"): the words' own stems too
    lemmas = {form for t in cand.triggers for form in (t.lemma_.lower(), *stems(t.lower_))}
    if not lemmas & words.coder.complaint_protest_words or lemmas & words.coder.demonstrating_verbs:
        return False
    if any(t.pos_ == "PRON" for t in roles.actor):
        return False  # "monks detained after they protested": who "they" are is the weak link
    if any(t.tag_ == "CD" or t.lemma_.lower() in QUANTITY_WORDS for t in roles.actor):
        return False  # "tens of thousands of people in Pakistan protested": a crowd
    if not all(t.ent_type_ in ("GPE", "ORG") or t.lemma_.lower() in words.coder.complaint_makers
               for t in roles.actor):
        return False  # a state named as one, not a person the sectors read as official
    # a complaint is made to someone or about something; civil servants who protest in the
    # capital over pay demonstrate
    addressed = bool(recipients) or any(c.dep_ == "dobj" for c in cand.token.children)
    return addressed and all(a.code and a.sector in ("GOV", "IGO") for a in actors)


def _announcing_state(cand: Candidate, roles: Roles, parties: Parties, scope: SentenceScope) -> Entity | None:
    """The government that announces a state's act in the passive, with no one named doing it:
    "Kenya's foreign ministry said 40 Ugandan diplomats would be expelled" (Kenya expels),
    "Homeland Security Secretary Kirstjen Nielsen said the National Guard would be sent to the
    border". The act must be what the speaker reports (in the clause of the sentence's
    reporting verb), the speaker a state's party with a country code, and not the country the
    act falls on ("Russia said its diplomats had been expelled": another state expelled them;
    "Kenya said 40 Ugandan diplomats would be expelled" had named them already)."""
    speakers = [e for e in scope.speaker if e.code and e.sector in STATE_SECTORS - {"IGO"}]
    if len({e.code for e in speakers}) != 1:
        return None
    statements = scope.steps.triggers.statements
    reported = any(
        a.lemma_.lower() in statements and a.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in a.children)
        for a in cand.token.ancestors
    )
    own = any(c.dep_ == "poss" and c.pos_ == "PRON" for t in roles.recipient for c in t.children)
    if not reported or own or any(e.code == speakers[0].code for e in parties.recipient):
        return None
    who = speakers[0]
    return Entity(text=who.text, code=who.code, sector=who.sector, name=who.name, kb_id=who.kb_id)


def _none_made(cand: Candidate, roles: Roles, status: StatusResult) -> bool:
    """'No arrests have been made', 'no one was charged': an arrest or charge the authorities
    did not make is news of its own, with no party named (COERCE, negated; the domestic stage
    gives it its implied authorities)."""
    return cand.event == "COERCE" and roles.passive and not roles.actor and status.status == "negated"


def _has_parties(cand: Candidate, roles: Roles, parties: Parties, words: Words) -> bool:
    """Enough parties to code: an actor or partner, the parties of a meeting noun, the victim
    of a passive attack ("X was attacked"), the one asked to act ("X was asked to leave") or
    the one set free ("the journalist was released on bail": `[coder] release_verbs`)."""
    if parties.actor or parties.partner:
        return True
    if parties.recipient and cand.noun == cand.token and cand.event == "CONSULT":
        return True
    if roles.received and parties.recipient:
        return True  # "the town received $1.2 million in grants": no giver named
    if roles.passive and parties.recipient and cand.event == "REQUEST" and cand.content is not None:
        return True  # "residents were asked to leave", "anyone with information is asked to call"
    released = cand.event == "RETREAT" and cand.entry.lemma in words.coder.release_verbs
    if roles.passive and parties.recipient and released:
        return True  # "five aid workers abducted last month were released on Saturday"
    return bool(roles.passive and parties.recipient and cand.event in VICTIM_EVENTS)


def _noun_parties(cand: Candidate, args: Arguments, parties: Parties, joint_words: frozenset[str]) -> None:
    """Compound modifiers of an event noun name its parties: "the Indo-Japan summit" (both meet),
    "Israeli strikes" (who strikes)."""
    ns, ne = args.phrase(cand.noun)
    inner = [m for m in args.mentions_in(ns, cand.noun.idx) if m.entity and m.entity.code and not args.venue(m)]
    meeting = cand.noun.lemma_.lower() in joint_words
    for m in inner:
        ent = Entity(text=m.text, code=m.entity.code, sector=m.entity.sector, name=m.entity.name,
                     kb_id=m.entity.kb_id, start=m.start, end=m.end)
        if any(e.code == ent.code for e in parties.actor + parties.partner):
            continue
        if meeting:
            parties.partner.append(ent)
        elif not parties.actor:
            parties.actor.append(ent)


def _per_partner(cand: Candidate, roles: Roles, actors: list[Entity], recipients: list[Entity],
                 split_markers: frozenset[str]):
    """'bilateral meetings with A, B and C': the actor groups of one event per partner, or None."""
    split = {c.lower_ for c in (cand.noun.children if cand.noun is not None else [])} & split_markers
    if not split or recipients or len(roles.actor) != 1:
        return None
    at = roles.actor[0].idx
    own = [a for a in actors if a.start is not None and a.start <= at < (a.end or 0)]
    others = [a for a in actors if a not in own]
    if own and len(others) > 1:
        return [_dedupe(own + [o]) for o in others]
    return None


def _add_sentence_flags(doc: Document, events: list[Event]) -> None:
    """Flags of the document that concern a sentence go on that sentence's events."""
    flags_by_sentence: dict[int, list] = {}
    for f in doc.flags:
        if "sentence_index" in f:
            flags_by_sentence.setdefault(f["sentence_index"], []).append(f)
    for ev in events:
        for f in flags_by_sentence.get(ev.sentence_index, []):
            if f not in ev.flags:
                ev.flags.append(f)


# a denial answers an accusation made in its own sentence or the one before
ACCUSATION_REACH = 1
# what answers a request made earlier in the same sentence: agreeing, giving, sending,
# refusing, releasing, conceding, helping ("Mozambique asked Rwanda to send troops, and Kigali
# said it would deploy 500 more")
ANSWER_EVENTS = frozenset({"AGREE", "AID", "MOBILIZE", "REJECT", "RETREAT", "CONCEDE", "COOPERATE"})
# a verbal act of conflict naming no one, after a sanction, accusation or demand by the same
# party in its sentence, presses the same target ("expelled two diplomats, accusing Kenya of
# spying"; "condemned Washington's decision and demanded its reversal")
PRESSING_EVENTS = frozenset({"SANCTION", "ACCUSE", "REQUEST"})
FOLLOW_UP_EVENTS = frozenset({"ACCUSE", "REQUEST", "THREATEN"})
# an act of conflict naming no one, by a party that an act of conflict earlier in its sentence
# targeted, answers whoever did that ("the U.S. said it would impose duties on imports from
# China, and China retaliated by listing products it could hit with tariffs"; "Russia strikes
# Odesa cathedral, Zelensky vows retaliation")
HOSTILE_EVENTS = frozenset({"ACCUSE", "ASSAULT", "COERCE", "SANCTION", "THREATEN"})
RETALIATION_EVENTS = frozenset({"ACCUSE", "ASSAULT", "SANCTION", "THREATEN"})
MEETING_ANAPHOR = re.compile(r"^(?:the|these|those|that|this)\s+(?:\w+\s+)?(?:talks|negotiations|meeting|dialogue|summit|discussions)$", re.I)
ATTACK_ANAPHOR = re.compile(r"^(?:the|this|that)\s+(?:\w+\s+)?(?:incident|attack|strike|raid|collision|assault|shelling|bombing)$", re.I)


def _resolve_event_anaphora(events: list[Event], parse: Any = None,
                            response_nouns: frozenset[str] = frozenset(),
                            act_nouns: frozenset[str] = frozenset()) -> None:
    """'Vietnam offered to host the talks': the talks are the last meeting's parties;
    'condemned the incident': the incident's author is the last attacker; 'China placed 15
    Japanese companies on its export control list, and Tokyo called the move unacceptable':
    the move is China's. `parse` (the document's) tells an act that answers an earlier one
    from an act the earlier one's words describe, `response_nouns` ([coder]) the act an answer
    names as what it answers, and `act_nouns` ([coder]) the words that restate an act."""
    last_meeting: list[Entity] = []
    last_attacker: list[Entity] = []
    # the last accusation: (its sentence, the codes of the accused, the accusers)
    last_accusation: tuple[int, set[str], list[Entity]] = (-1, set(), [])
    # the requests made so far: (their sentence, where the trigger starts, the codes of those
    # asked, the askers)
    requests: list[tuple[int, int, set[str], list[Entity]]] = []
    # the acts that press a target so far: (their sentence, where the trigger starts, the
    # actors' codes, the coded recipients)
    pressing: list[tuple[int, int, set[str], list[Entity]]] = []
    # the acts of conflict so far: (their sentence, where the trigger starts, the codes of
    # their targets, their coded actors)
    hostile: list[tuple[int, int, set[str], list[Entity]]] = []
    # the acts with a coded actor so far: (their sentence, where the trigger starts, the
    # actors' codes, the actors)
    acts: list[tuple[int, int, set[str], list[Entity]]] = []
    for ev in events:
        ev.recipient = [f for r in ev.recipient for f in _antecedents(r, ev, last_meeting, last_attacker)]
        coded = [a for a in ev.actor if a.code]
        own = {a.code for a in coded}
        if ev.event in ("REJECT", "CONCEDE") and not any(r.code for r in ev.recipient) and own and (
            own < {a.code for a in last_meeting}
        ):  # a refusal or concession inside negotiations is aimed at the other side
            ev.recipient = [*ev.recipient, *(Entity(text=a.text, code=a.code, sector=a.sector)
                                             for a in last_meeting if a.code not in own)]
        at, accused, accusers = last_accusation
        if ev.event == "REJECT" and not any(r.code for r in ev.recipient) and own and own <= accused and (
            ev.sentence_index - at <= ACCUSATION_REACH
        ):  # "Zambia blames Malawi, which Malawi denies": the denial answers the accuser
            ev.recipient = [*ev.recipient, *(Entity(text=a.text, code=a.code, sector=a.sector)
                                             for a in accusers if a.code not in own)]
        if ev.event in ANSWER_EVENTS and not any(r.code for r in ev.recipient) and own:
            ev.recipient = [*ev.recipient, *_askers(ev, own, requests)]
        if ev.event in FOLLOW_UP_EVENTS and not any(r.code for r in ev.recipient) and own:
            ev.recipient = [*ev.recipient, *_pressed(ev, own, pressing)]
        if ev.event in RETALIATION_EVENTS and not any(r.code for r in ev.recipient) and own:
            ev.recipient = [*ev.recipient, *_retaliated(ev, own, hostile, parse, response_nouns)]
        if ev.event in JUDGED_EVENTS and not any(r.code for r in ev.recipient) and own and (
            _judges_an_act(ev, parse, act_nouns)
        ):  # "Japan will tighten export controls, a move China opposes": China opposes Japan
            authors = _earlier_parties(ev, own, acts, lambda codes: not codes <= own)
            if authors:
                ev.recipient = [r for r in ev.recipient if not _act_anaphor(r, parse, act_nouns)] + authors
        if coded and ev.trigger:
            acts.append((ev.sentence_index, ev.trigger[0].start, own, coded))
        if ev.event in HOSTILE_EVENTS and coded and any(r.code for r in ev.recipient) and ev.trigger:
            hostile.append((ev.sentence_index, ev.trigger[0].start,
                            {r.code for r in ev.recipient if r.code}, coded))
        if ev.event in PRESSING_EVENTS and coded and any(r.code for r in ev.recipient) and ev.trigger:
            pressing.append((ev.sentence_index, ev.trigger[0].start, own,
                             [r for r in ev.recipient if r.code and r.code not in own]))
        if ev.event == "REQUEST" and coded and any(r.code for r in ev.recipient) and ev.trigger:
            requests.append((ev.sentence_index, ev.trigger[0].start, {r.code for r in ev.recipient if r.code}, coded))
        if ev.event == "ACCUSE" and coded and any(r.code for r in ev.recipient):
            last_accusation = (ev.sentence_index, {r.code for r in ev.recipient if r.code}, coded)
        if ev.event in ("CONSULT", "AGREE") and len(coded) >= 2:
            last_meeting = coded
        if ev.event in HARM_EVENTS and coded:
            last_attacker = coded


def _askers(ev: Event, own: set[str], requests: list[tuple[int, int, set[str], list[Entity]]]) -> list[Entity]:
    """'Ecuador asked Colombia to extradite him, and Bogota agreed': an answer with no
    recipient, by a party asked earlier in its sentence, is aimed at those who asked."""
    return _earlier_parties(ev, own, requests, lambda asked: own <= asked)


def _pressed(ev: Event, own: set[str], pressing: list[tuple[int, int, set[str], list[Entity]]]) -> list[Entity]:
    """'Kenya expelled two diplomats, accusing Uganda of spying': the target of the last act
    pressing one, by the same party earlier in the sentence."""
    return _earlier_parties(ev, own, pressing, lambda actors: actors == own)


# acts whose condition ('unless ...', 'if ...') is what the other side must do: threats and offers
PLEDGE_EVENTS = frozenset({"THREATEN", "AGREE"})


def _pledge_condition(tok, pledges: list, marks: frozenset[str]) -> bool:
    """The token is in the condition of a threat or an offer (`pledges`: the triggers of the
    sentence's PLEDGE_EVENTS; 'threatened to expel the ambassador unless Abuja reopened the
    border', 'will release 50 prisoners if Hamas frees the hostages'): what the other side must
    do or not do is no event of its own, as what a request asks for is none (the corpus guide).
    The condition is an adverbial clause marked 'if' or 'unless' ([roles] condition_marks) that
    hangs on the trigger or on a word below it (never on the token's own trigger, which lies
    below the condition's head); what a relative clause inside it tells ('funds that were
    suspended in 2022') is still told."""
    if not pledges:
        return False
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl"):
            return False  # "unless Brussels released funds that were suspended in 2022": a fact told
        if node.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in node.children):
            above = {node.head.i} | {a.i for a in node.head.ancestors}
            return any(t.i in above for t in pledges)
        node = node.head
    return False


def _without_hosting(cands: list[Candidate], words: Words) -> list[Candidate]:
    """'after two days of talks hosted by Kazakhstan': the hosting is part of the talks (whose
    roles take the host as a party), no visit of its own."""
    meeting_nouns = {c.noun.i for c in cands if c.noun is not None}
    return [c for c in cands if not (c.entry.lemma in words.coder.host_verbs and c.token.dep_ == "acl"
                                     and c.token.head.i in meeting_nouns)]


def _retaliated(ev: Event, own: set[str], hostile: list[tuple[int, int, set[str], list[Entity]]],
                parse: Any, response_nouns: frozenset[str]) -> list[Entity]:
    """'the U.S. imposed duties on China, and China retaliated with tariffs of its own': an
    act of conflict naming no one, by a party targeted earlier in its sentence, answers the
    one who targeted it -- unless it is what the earlier act's own words say the target did
    ("arrested a man suspected of shooting three people": the shooting answers no arrest),
    not what the earlier act answers ("imposed duties on U.S. goods in response to
    Washington's tariffs": the tariffs are aimed at the one who answers)."""
    at = ev.trigger[0].start if ev.trigger else -1
    # (the sentence and position are _earlier_parties's test too: checked first here, they
    # spare a walk up the parse for each act of conflict earlier in the document)
    earlier = [act for act in hostile if act[0] == ev.sentence_index and act[1] < at
               and not _describes(parse, act[1], at, response_nouns)]
    return _earlier_parties(ev, own, earlier, lambda targets: own <= targets)


def _describes(parse: Any, earlier: int, later: int, response_nouns: frozenset[str] = frozenset()) -> bool:
    """The trigger at `later` hangs in the words of the trigger at `earlier` -- its object, its
    grounds, a phrase about its target -- not in a clause set beside it ("and Tehran vowed",
    "a move Washington called unjust": conj, parataxis, appos, npadvmod) nor after a noun of
    response ("in response to")."""
    if parse is None:
        return False
    top, node = token_at(parse, earlier, earlier + 1), token_at(parse, later, later + 1)
    if top is None or node is None:
        return False
    while node.head.i != node.i:
        if node.dep_ in ("conj", "parataxis", "appos", "npadvmod"):
            return False
        node = node.head
        if node.i == top.i:
            return True
        if node.lemma_.lower() in response_nouns:
            return False
    return False


def _act_anaphor(r: Entity, parse: Any, act_nouns: frozenset[str]) -> bool:
    """The recipient restates an act: "the move", "this decision" (`[coder] act_nouns`), not
    one that names its author ("the Kirkuk council decision", "the decision of the state")."""
    tok = token_at(parse, r.start, r.end) if parse is not None and r.start is not None and r.end is not None else None
    return tok is not None and tok.lemma_.lower() in act_nouns and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) and not any(
        c.dep_ in ("compound", "poss", "nmod") or c.dep_ == "prep" and c.lower_ in ("of", "by") for c in tok.children)


def _judges_an_act(ev: Event, parse: Any, act_nouns: frozenset[str]) -> bool:
    """A judgement of an act its sentence reported before: of "the move" ("Tokyo called the
    move unacceptable"), or in a clause on a noun that restates it ("..., a move China has said
    it firmly opposes", "..., a warning Taipei called a provocation")."""
    if any(not r.code and _act_anaphor(r, parse, act_nouns) for r in ev.recipient):
        return True
    node = token_at(parse, ev.trigger[0].start, ev.trigger[0].end) if parse is not None and ev.trigger else None
    while node is not None and node.head.i != node.i and node.dep_ in ("ccomp", "xcomp", "relcl"):
        if node.dep_ == "relcl":
            return node.head.lemma_.lower() in act_nouns and node.head.dep_ in ("appos", "npadvmod", "dobj", "conj")
        node = node.head
    return False


def _earlier_parties(ev: Event, own: set[str], acts: list[tuple[int, int, set[str], list[Entity]]],
                     fits: Callable[[set[str]], bool]) -> list[Entity]:
    """The parties (not `own`) of the last act of `acts` -- (sentence, trigger start, codes,
    parties) -- before `ev` in its sentence whose codes `fits` accepts."""
    at = ev.trigger[0].start if ev.trigger else -1
    for sentence, start, codes, parties in reversed(acts):
        if sentence == ev.sentence_index and start < at and fits(codes):
            return [Entity(text=p.text, code=p.code, sector=p.sector) for p in parties if p.code not in own]
    return []


def _antecedents(r: Entity, ev: Event, last_meeting: list[Entity], last_attacker: list[Entity]) -> list[Entity]:
    """The parties an uncoded recipient ("the talks", "the incident") stands for, or itself."""
    if r.code is not None:
        return [r]
    if MEETING_ANAPHOR.match(r.text) and last_meeting:
        parties = last_meeting
    elif ATTACK_ANAPHOR.match(r.text) and last_attacker:
        parties = last_attacker
    else:
        return [r]
    acting = {x.code for x in ev.actor}
    return [Entity(text=r.text, code=a.code, sector=a.sector, start=r.start, end=r.end)
            for a in parties if a.code not in acting]

_STATE = frozenset({"GOV", "ELI"})


def _protested_against(cand: Candidate, roles: Roles, args: Arguments) -> list[Entity]:
    """'anti-China riots', 'Anti-Japanese protesters marched': the country a protest or its
    protesters are against receives it (the prefix keeps it from being theirs)."""
    text = args.doc.text
    heads = [cand.noun if cand.noun is not None else cand.token, *roles.actor]
    for head in heads:
        for tok in head.lefts:
            for t in tok.subtree:
                if t.pos_ in ("PROPN", "ADJ", "NOUN") and lang.after_stance_prefix(
                        text, t.idx, ("anti-",)):
                    name = t.text.lstrip("-")
                    found = args.resolve_text(name)
                    if found is not None and found.code and len(found.code) == 3:
                        return [Entity(text=name, code=found.code, sector=found.sector,
                                       start=t.idx + len(t.text) - len(name), end=t.idx + len(t.text))]
    return []


def _thing_blamed(cand: Candidate, parties: Parties, words: Words, lex: Lexicon) -> bool:
    """'Officials blamed faulty wiring for the blaze', 'blaming a gas leak': a cause blamed,
    no one accused ([coder] blaming_verbs). 'Blamed the rebels', 'blamed the government for'
    and 'blamed the attack on Hamas' (a harm blamed on someone) still accuse."""
    if cand.noun is not None or cand.entry.lemma not in words.coder.blaming_verbs:
        return False
    objects = [c for c in cand.token.children if c.dep_ == "dobj"]
    if not objects or any(e.code or e.sector for e in parties.recipient):
        return False
    return not any(o.ent_type_ in PARTY_LABELS or names_people(o, words.agents.people) or is_harm(lex, words, o)
                   for o in objects)


def _is_commerce(event: str, actors: list[Entity], recipients: list[Entity], words: Words) -> bool:
    """'Tata Motors and a Japanese battery maker launched a partnership', 'the carmaker signed
    a supply deal with a steel company', 'the company pledged to open 25 stores', 'the board
    rejected a takeover bid': businesses acting toward no one, toward other businesses or
    toward parties of no known sector are commerce, no political event ([coder]
    business_sectors, business_events). Toward a state, a court or a party they act
    politically ('the miner signed a deal with the government')."""
    table = words.coder
    if event not in table.business_events or not actors:
        return False
    if all(e.sector in table.business_sectors for e in actors):
        return all(not e.sector or e.sector in table.business_sectors for e in recipients)
    # 'Skyvale signed an agreement with Airbus': a deal of a party of no known sector with a
    # business, and nobody of another sector, is commerce too ([coder] deal_events: a warning
    # from an armed group the base does not know, 'the RSF warned airlines', stays)
    parties = (*actors, *recipients)
    return (event in table.deal_events and any(e.sector in table.business_sectors for e in recipients)
            and all(e.sector in table.business_sectors or not e.sector for e in parties))


def _private_people(e: Entity, parse: Any, words: Words) -> bool:
    """The party's phrase is headed by one of `[coder] private_person_heads` ('a Japanese man',
    'two Chinese nationals'): people of the country, not its government."""
    if parse is None or e.start is None or e.end is None:
        return False
    span = parse.char_span(e.start, e.end, alignment_mode="expand")
    return span is not None and span.root.lemma_.lower() in words.coder.private_person_heads


def _sport(event: str, actors: list[Entity], recipients: list[Entity], words: Words, parse: Any = None) -> bool:
    """'Bangladesh captain Imran Chowdhury rejected any suggestion that his side had been lucky',
    'Iraq coach Ivan Peric praised his players': a party named by a sporting role ([coder]
    sport_roles, or a side's role such as 'captain' right after a country's name, [coder]
    side_roles) makes the act sport, no political event, unless it is force, coercion, a
    strike or an admission ([coder] sport_kept_events: 'police arrested the striker', 'the
    footballers' union called a strike') or a state's party not named by such a role takes
    part ('Iraq coach Ivan Peric' takes his country's sector, GOV, by default). A ship's
    'Filipino captain' or an 'Army captain' is no side's."""
    def sporting(e: Entity) -> bool:
        if any(w.strip(".,'\"").lower() in words.coder.sport_roles for w in e.text.split()):
            return True
        span = parse.char_span(e.start, e.end, alignment_mode="expand") if (
            parse is not None and e.start is not None and e.end is not None) else None
        return span is not None and any(
            t.lower_ in words.coder.side_roles and t.i > span.start and parse[t.i - 1].ent_type_ == "GPE"
            for t in span)

    parties = (*actors, *recipients)
    if event in words.coder.sport_kept_events or any(e.sector in _STATE and not sporting(e) for e in parties):
        return False  # a state's party ('a ceremony attended by two Indian cabinet ministers and a cricketer')
    return any(sporting(e) for e in parties)


def _commercial_deal(cand: Candidate, event: str, actors: list[Entity], recipients: list[Entity],
                     words: Words) -> bool:
    """'Rajawali rejected a takeover bid from a regional rival', 'the firm signed an offtake
    agreement with a Chinese smelter': a deal that a word of `[coder] commercial_deal_words`
    makes commercial (the trigger noun, or the verb's object), one made to buy, lease or supply
    (`[coder] commercial_deal_verbs`), or a deal with a price ('two bids, worth £60 million'; a
    grant of money is aid, no deal: `[coder] deal_events`), between parties none of whom has a
    sector but a business's (unknown companies have none), is commerce, no political event."""
    table = words.coder
    if event not in table.business_events:
        return False
    if any(e.sector and e.sector not in table.business_sectors for e in (*actors, *recipients)):
        return False
    if cand.noun is None and cand.token.lemma_.lower() in table.commercial_deal_verbs:
        return True  # 'Skyvale plans to buy 60 jets', 'Airbus will lease the aircraft to a start-up'
    content = cand.content if cand.entry.cls == "commit" else None
    if content is not None and getattr(content, "lemma_", "").lower() in table.commercial_deal_verbs:
        return True  # 'Mitsui agreed to buy a stake from Rio Tinto': a promise to buy is the buying's
    nouns = [cand.noun] if cand.noun is not None else [c for c in cand.token.children if c.dep_ == "dobj"]
    if any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in table.commercial_deal_words
           for n in nouns for c in n.children):
        return True
    if event in table.deal_events and any(t.ent_type_ == "MONEY" for n in nouns for t in n.subtree):
        return True  # 'rejected two bids, worth £60 million': a price ('got $1.2 million in grants' is aid)
    # 'signed an agreement with Airbus to lease 12 aircraft' (the deal's purpose, on the noun or
    # on the verb that made it)
    heads = [*nouns, cand.token] if nouns else []
    return any(c.dep_ in ("acl", "advcl", "xcomp") and c.lemma_.lower() in table.commercial_deal_verbs
               and with_to(c) for h in heads for c in h.children)


def _same_party(r: Entity, a: Entity, reciprocal: bool) -> bool:
    """Whether recipient `r` is actor `a` over again. Among the parties of a meeting a shared code
    is enough; otherwise two parties of one country stay apart ('police in Nairobi arrested two
    Kenyan activists': KEN acts on KEN), and only the same mention, the same known actor or the
    state on both sides ('Yoon pledged closer ties at the Seoul summit') counts as one party."""
    if not r.code or r.code != a.code:
        return False
    if reciprocal or (r.start is not None and r.start == a.start):
        return True
    if r.kb_id and r.kb_id == a.kb_id or r.name and r.name == a.name or r.text.lower() == a.text.lower():
        return True
    return r.sector in _STATE and a.sector in _STATE


def _dedupe(entities: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    seen: set = set()
    for e in entities:
        key = e.code or (e.text, e.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


class CodeEvents:
    """Pipeline stage: fill `doc.events` from the parse and the actor mentions."""

    name = "events"
    requires = ("parse", "sentences", "mentions.actor", "flags")
    assigns = ("events",)

    def __init__(self, lexicon: Lexicon | None = None, *, kb=None, propose_open: bool = False):
        """``kb``: the knowledge base (`dotterel.actors.KnowledgeBase`) argument phrases are
        resolved against; default ``KnowledgeBase.load()``. Give the actors stage's base."""
        if kb is None:
            from ..actors.kb import KnowledgeBase

            kb = KnowledgeBase.load()
        self.coder = EventCoder(lexicon, kb=kb, propose_open=propose_open)
        self.propose_open = propose_open

    def __call__(self, doc: Document) -> Document:
        doc.events = self.coder.code(doc)
        return doc

