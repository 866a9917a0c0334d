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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document, Entity, Event, Trigger
from . import proposals
from .arguments import GENERIC_ANTECEDENT, RELATIVE, Arguments, _temporal
from .lexicon import Entry, Lexicon, default_lexicon
from .status import StatusResult, clause_status, noun_status

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
TOPICAL = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT"})  # "talks on trade": "on" is a topic
MATERIAL_COOP = frozenset({"COOPERATE", "AID", "RETREAT", "SUPPORT"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"})
RECIPROCAL_MARKERS = frozenset(
    {"bilateral", "joint", "jointly", "mutual", "together", "each", "both", "between", "trilateral", "multilateral"}
)  # fmt: skip
MEETING_WORDS = frozenset(
    {"meet", "meeting", "talk", "talks", "negotiate", "negotiation", "discuss", "consult", "dialogue", "summit",
     "cooperate", "collaborate", "exercise", "drill", "speak", "confer", "phone", "telephone", "consultation",
     "co-development", "co-production", "cooperation"}
)  # fmt: skip
AGREEMENT_WORDS = frozenset({"sign", "ink", "ratify", "agreement", "deal", "pact", "treaty", "accord", "memorandum"})
RECEIVING_VERBS = frozenset({"face", "receive", "draw", "get", "win", "earn", "attract", "accept", "welcome", "meet"})
PATIENT_NOUNS = frozenset(
    {"release", "arrest", "detention", "killing", "expulsion", "deportation", "extradition", "abduction",
     "kidnapping", "execution", "assassination", "invasion", "occupation", "bombing", "shelling", "blockade",
     "withdrawal", "pardon", "recognition", "condemnation", "criticism", "investigation", "prosecution"}
)  # fmt: skip
NON_AGENTS = frozenset(
    {"earthquake", "quake", "flood", "flooding", "storm", "hurricane", "cyclone", "typhoon", "tsunami", "fire",
     "blaze", "wildfire", "drought", "landslide", "avalanche", "disease", "virus", "pandemic", "epidemic",
     "outbreak", "accident", "crash", "heatwave", "eruption", "famine", "tornado"}
)  # fmt: skip
INSTRUMENT_NOUNS = frozenset(
    {"gas", "tear", "round", "shell", "missile", "rocket", "mortar", "bullet", "shot", "weapon", "arm", "cannon",
     "drone", "bomb", "grenade", "artillery", "munition", "ammunition", "force", "troop", "water"}
)  # fmt: skip
VEHICLE_VERBS = frozenset({"call", "send", "dispatch", "phone", "telephone", "visit", "travel"})
DOCUMENT_NOUNS = frozenset({"report", "statement", "letter", "resolution", "communique", "declaration", "decree", "motion", "bill"})
QUANTITY_NOUNS = frozenset({"round", "series", "wave", "spate", "set", "number", "string", "barrage", "volley"})
FRAME_NOUNS = frozenset({"possibility", "prospect", "feasibility", "option", "plan", "idea", "proposal", "hope"})
SPLIT_MARKERS = frozenset({"bilateral", "separate", "separately", "respective"})
RECIPIENT_PREPS = ("on", "against", "upon", "to", "toward", "towards", "at", "from", "into", "with")
PARTNER_PREPS = ("with", "between", "among", "alongside")
CONTEXT_WORDS = {
    "military": {"military", "defense", "defence", "army", "troops", "weapon", "weapons", "arms", "exercise",
                 "exercises", "aircraft", "vehicle", "missile", "missiles", "navy", "naval", "armed", "combat",
                 "warship", "drill", "drills", "security"},
    "economic": {"economic", "economy", "investment", "investments", "invest", "trade", "financing", "yen",
                 "dollars", "business", "industry", "infrastructure", "loan", "tariff", "tariffs", "export",
                 "exports", "import", "imports", "financial", "industrialists"},
    "diplomatic": {"diplomacy", "diplomatic", "ambassador", "embassy", "envoy", "negotiations"},
    "humanitarian": {"humanitarian", "refugees", "relief", "food", "medical", "shelter"},
    "legal": {"court", "judge", "lawsuit", "law", "legal", "prosecutor", "trial"},
    "cyber": {"cyber", "hackers", "hacking"},
    "health": {"health", "vaccine", "vaccines", "pandemic", "hospital"},
    "intelligence": {"intelligence", "spy", "espionage"},
    "environment": {"climate", "environmental", "emissions"},
    "territory": {"border", "territory", "territorial"},
    "peacekeeping": {"peacekeeping", "peacekeepers", "peacekeeper", "observers", "monitors"},
}  # fmt: skip
CONTEXT_LOOKUP = {w: ctx for ctx, words in CONTEXT_WORDS.items() for w in words}
REPORTING = frozenset({"say", "tell", "report", "state", "add", "note", "claim", "confirm", "write", "insist",
                       "stress", "announce", "explain", "reveal", "maintain", "reiterate"})  # fmt: skip
DEONTIC = frozenset({"must", "should"})


@dataclass(slots=True)
class Candidate:
    token: object  # the word that governs the clause (verb) or names the event (noun)
    entry: Entry
    event: str
    mode: str | None
    triggers: list = field(default_factory=list)
    noun: object = None  # event noun of a light verb
    weight: float = 0.5
    content: object = None  # the clause a promise, request or statement is about


def _sent_tokens(doc: Document, sent) -> list:
    span = doc.parse.char_span(sent.start, sent.end, alignment_mode="expand")
    return list(span) if span is not None else []


class EventCoder:
    def __init__(self, lexicon: Lexicon | None = None, *, kb=None, propose_open: bool = False):
        self.lex = lexicon or default_lexicon()
        self.kb = kb  # the knowledge base arguments are resolved against (events/arguments.py)
        # open candidates for a learned classifier to judge (events/proposals.py)
        self.propose_open = propose_open
        # where the sentence being coded starts: a dateline before it is not a subject
        self._sent_start = 0

    # ----------------------------------------------------------- candidates
    def candidates(self, tokens: list) -> list[Candidate]:
        found: list[Candidate] = []
        consumed: set[int] = set()
        for tok in tokens:
            if tok.i in consumed:
                continue
            entry = self.lex.lookup(tok)
            if entry is None:
                continue
            if entry.event == "THREATEN" and entry.lemma == "warn" and not _foretells_act(tok):
                continue  # "warned that prices remain high": a statement, not a threat
            if entry.pos in ("V", "A"):
                if entry.cls == "light":
                    noun = self._event_object(tok)
                    if noun is not None:
                        # "expressed its rejection and condemnation of": one event per event noun
                        for n in [noun, *(c for c in noun.conjuncts if self._is_event_noun(c))]:
                            nentry = self.lex.lookup(n)
                            consumed.add(n.i)
                            found.append(Candidate(tok, nentry, nentry.event, nentry.mode, [tok, n], n,
                                                   max(nentry.weight, 0.6)))
                    elif entry.event:
                        found.append(Candidate(tok, entry, entry.event, entry.mode, [tok], None, entry.weight))
                elif entry.cls in ("event", "commit"):
                    cand = Candidate(tok, entry, entry.event, entry.mode, [tok], None, entry.weight)
                    found.append(cand)
                    if tok.dep_ == "acl":  # "the coalition fighting rebels": a description
                        cand.weight *= 0.6
                    elif tok.dep_ == "relcl":  # "a journalist who had been arrested": background
                        cand.weight *= 0.7
                    if tok.dep_ == "pcomp" and tok.head.lower_ in ("for", "after", "before", "despite"):
                        cand.weight *= 0.5  # "arrested for collaborating": the reason, not the news
                    if entry.cls == "commit":
                        for c in tok.children:
                            if c.dep_ == "prep":  # "called for sanctions": asked for, not imposed
                                consumed.update(g.i for g in c.subtree if g.pos_ in ("NOUN", "PROPN", "VERB"))
                            if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "dobj" and self.lex.lookup(c)):
                                consumed.update(t.i for t in c.subtree if t.pos_ in ("VERB", "NOUN", "PROPN"))
                                if c.dep_ in ("xcomp", "ccomp"):
                                    cand.content = c
                    else:
                        for c in tok.children:  # "condemned the attack": the attack is what is condemned
                            if c.dep_ == "prep" and c.lower_ == "for":  # "called for sanctions against X"
                                consumed.update(g.i for g in c.children if g.dep_ == "pobj")
                            if c.dep_ == "xcomp" and c.tag_ == "VBG":  # "stopped importing gas"
                                consumed.update(t.i for t in c.subtree if t.pos_ in ("VERB", "NOUN", "PROPN"))
                            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN"):
                                consumed.add(c.i)
                                if self._is_event_noun(c) and cand.entry.event == self.lex.lookup(c).event:
                                    cand.triggers.append(c)
            elif entry.cls == "event" and self._noun_is_event(tok):
                found.append(Candidate(tok, entry, entry.event, entry.mode, [tok], tok, entry.weight * 0.9))
        # a call or a mission sent "to investigate", "to congratulate": the purpose is the event
        purposes = {c.token.head.i for c in found if c.token.dep_ in ("xcomp", "advcl") and c.noun is None
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.token.children)}
        found = [c for c in found if not (c.token.i in purposes and c.token.lemma_.lower() in VEHICLE_VERBS
                                          and c.entry.cls == "event")]
        # deontic statements: "X maintained that Y must resolve ..." -> X requests of Y
        for tok in tokens:
            if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in tok.children):
                gov = self._statement_governor(tok)
                if gov is not None and not any(c.token == gov for c in found):
                    entry = Entry(gov.lemma_, "V", "commit", "REQUEST", None, None, None, 0.6)
                    found.append(Candidate(gov, entry, "REQUEST", None, [gov], None, 0.6, content=tok))
        return found

    def _statement_governor(self, verb):
        node, hops = verb, 0
        while node.head != node and hops < 3:
            node, hops = node.head, hops + 1
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in REPORTING:
                return node
        return None

    def _event_object(self, verb):
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in QUANTITY_NOUNS:
                for p in c.children:  # "a new round of joint exercises"
                    if p.dep_ == "prep" and p.lower_ == "of":
                        for g in p.children:
                            if g.dep_ == "pobj" and self._is_event_noun(g):
                                return g
            if c.dep_ in ("dobj", "nsubjpass", "attr", "obj") and self._is_event_noun(c):
                return c
            if c.dep_ == "prt":
                for g in verb.children:
                    if g.dep_ == "dobj" and self._is_event_noun(g):
                        return g
            if c.dep_ == "prep" and c.lower_ in ("out", "on", "in"):
                for g in c.children:
                    if g.dep_ == "pobj" and self._is_event_noun(g):
                        return g
        return None

    def _is_event_noun(self, tok) -> bool:
        entry = self.lex.lookup(tok)
        return entry is not None and entry.pos == "N" and entry.cls == "event"

    def _noun_is_event(self, noun) -> bool:
        """An event noun counts only with parties of its own or as what takes place."""
        if noun.dep_ in ("compound", "amod"):
            return False
        for c in noun.children:
            if c.dep_ == "poss":
                return True
            if c.dep_ == "prep" and c.lower_ in ("between", "with", "on", "against", "among", "by"):
                return True
            if c.dep_ in ("compound", "amod") and (c.ent_type_ in ("GPE", "NORP", "ORG") or "-" in c.text):
                return True
            if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN":
                return True
        for c in noun.children:  # "the dialogue, which is expected to take place in April"
            if c.dep_ in ("relcl", "acl") and any(
                t.lemma_.lower() in ("take", "hold", "happen", "begin", "start", "convene", "occur") for t in c.subtree
            ):
                return True
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ("take", "be", "begin", "start", "end", "hold", "open", "conclude"):
            return noun.dep_ == "nsubjpass" or head.lemma_.lower() in ("take", "begin", "start", "open", "conclude")
        if noun.dep_ == "dobj" and head.lemma_.lower() in ("attend", "host", "join", "boycott", "skip"):
            return True
        if noun.dep_ == "pobj" and head.lower_ in ("at", "during", "on") and noun.head.head.pos_ in ("VERB", "AUX"):
            return any(c.dep_ in ("compound", "amod", "nummod") for c in noun.children)
        if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_ == "be":
            return True  # "we are in talks"
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in FRAME_NOUNS:
            return True  # "the possibility of co-development", "plans for a summit"
        return False

    # ----------------------------------------------------------- arguments
    def _subject(self, verb):
        """The subject token of a verb clause, following conjunction, control and relative clauses.

        Returns (token, passive): `passive` is about `verb` itself, not the clause the subject
        was found in ("X is expected to visit Y": X visits).
        """
        token, passive = self._find_subject(verb)
        own_passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        if token is not None and token.head != verb and verb.dep_ in ("xcomp", "conj", "advcl", "acomp"):
            passive = own_passive
        return token, passive

    def _find_subject(self, verb):
        token, passive = self._find_subject_in_parse(verb)
        start = self._sent_start
        if token is not None and token.idx < start:
            # the parser took the dateline ("BERLIN -- A court in Bavaria ...") for the subject:
            # the subject is the phrase after it, hanging from the dateline word
            rest = [t for t in token.subtree if t.idx >= start and t.head.idx < start]
            return (rest[0] if rest else None), passive
        return token, passive

    def _find_subject_in_parse(self, verb):
        node, hops = verb, 0
        while hops < 8:
            hops += 1
            subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
            after = [c for c in subj if c.idx >= self._sent_start]
            subj = after or subj  # "BERLIN -- A court ... convicted": two subjects, one a dateline
            if subj:
                s = subj[0]
                if s.lower_ in RELATIVE and node.dep_ == "relcl":
                    return self._antecedent(node.head), s.dep_ == "nsubjpass"
                return s, s.dep_ == "nsubjpass"
            if node.dep_ == "relcl":
                return self._antecedent(node.head), any(c.dep_ == "auxpass" for c in node.children)
            if node.dep_ == "ROOT":  # a subject the parser mislabelled: "USAID had announced ..."
                left = [c for c in node.children if c.i < node.i and c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
                        and c.dep_ in ("advmod", "npadvmod", "dep", "nmod", "compound", "amod")]
                if left:
                    return left[0], False
            if node.dep_ in ("pcomp", "pobj", "prep") and node.head != node:
                node = node.head  # "X are in the process of finalizing ..."
                continue
            if node.dep_ == "acl" and node.head != node:
                noun = node.head  # "a report accusing X": the report's author
                if noun.lemma_.lower() in DOCUMENT_NOUNS and noun.head != noun:
                    node = noun.head
                    continue
                return noun, False
            if node.dep_ in ("conj", "xcomp", "advcl", "acomp") and node.head != node:
                head_entry = self.lex.lookup(node.head) if node.dep_ == "xcomp" else None
                if head_entry is not None and head_entry.cls == "commit":  # object control: "urged X to ..."
                    obj = [c for c in node.head.children if c.dep_ == "dobj"]
                    if obj and node.head.lemma_.lower() not in ("promise", "threaten", "vow", "offer"):
                        return obj[0], False
                node = node.head
                continue
            break
        return None, False

    @staticmethod
    def _antecedent(noun):
        # "X are among the countries that ..." / "X is the only country that ..."
        if noun.lemma_.lower() in GENERIC_ANTECEDENT:
            head = noun.head
            if noun.dep_ == "pobj" and head.dep_ == "prep":
                head = head.head
            if noun.dep_ in ("attr", "pobj") and head.lemma_ == "be":
                subj = [c for c in head.children if c.dep_ == "nsubj"]
                if subj:
                    return subj[0]
        return noun

    def _objects(self, cand: Candidate, passive: bool):
        """Recipient and partner tokens of a candidate."""
        verb = cand.token
        recipients, partners, sources = [], [], []
        cond_words = cand.entry.cond[1] if cand.entry.cond and cand.entry.cond[0] == "obj" else frozenset()
        holders = [verb] + ([cand.noun] if cand.noun is not None and cand.noun != verb else [])
        for holder in holders:
            for c in holder.children:
                if c.dep_ in ("dobj", "dative", "obj") and c != cand.noun and not passive:
                    if cand.event == "MOBILIZE" or c.lemma_.lower() in INSTRUMENT_NOUNS:
                        continue  # "massing troops", "fired tear gas at X": the means, not the target
                    if self._is_event_noun(c):
                        continue  # part of the trigger ("lift sanctions"), or the event itself
                    recipients.append(c)
                elif c.dep_ == "agent":
                    pass
                elif c.dep_ == "prep":
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if not objs:
                        continue
                    p = c.lower_
                    if p in PARTNER_PREPS:
                        partners.extend(objs)
                    elif p == "of" and holder == cand.noun and cand.noun.lemma_.lower() in PATIENT_NOUNS:
                        recipients.extend(objs)  # "the release of X", "the arrest of X"
                    elif p == "from" and cand.event in ("AID", "AGREE", "COOPERATE") and any(
                        s.lower_ == "to" for s in holder.children
                    ):
                        sources.extend(objs)
                    elif p == "for" and cand.event in ("SUPPORT", "AID", "SANCTION"):
                        recipients.extend(objs)  # "support for X", "aid for X", "a travel warning for X"
                    elif p in RECIPIENT_PREPS:
                        if p in ("on", "into") and cand.event in TOPICAL:
                            continue  # "shared intelligence on X", "talks on trade": a topic
                        recipients.extend(objs)
                elif c.dep_ == "poss" and holder == cand.noun and cand.event == "AID":
                    sources.append(c)
                elif c.dep_ == "acl" and holder == cand.noun and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children
                ):  # "its commitment to defend the Philippines"
                    recipients.extend(g for g in c.children if g.dep_ == "dobj")
        # the object's own prepositions: "lift the ban on the UK", "finalizing the date for ..."
        if not recipients:
            inner = []
            for holder in holders:
                for c in holder.children:
                    if c.dep_ in ("dobj", "nsubjpass") and c != cand.noun:
                        inner.append(c)
                    elif c.dep_ == "prep" and c.lower_ in ("for", "of"):  # "called for sanctions against X"
                        inner.extend(g for g in c.children if g.dep_ == "pobj")
            topic = ("on", "into") if cand.event in TOPICAL else ()
            for c in inner:
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ in ("on", "against", "to", "with", "into") and p.lower_ not in topic:
                        recipients.extend(g for g in p.children if g.dep_ == "pobj")
                    elif p.dep_ == "prep" and p.lower_ == "from" and cand.event in ("SANCTION", "RETREAT"):
                        # "recalled its envoy from X" (a named place or actor, not "from jail")
                        recipients.extend(g for g in p.children if g.dep_ == "pobj" and g.ent_type_)
        # content of a commitment/request: "threatened to close borders with X", "called on X to ..."
        if cand.event == "REQUEST" and cand.content is not None and cand.entry.cls == "commit":
            subj = [g for g in cand.content.children if g.dep_ == "nsubj"]
            if subj and not any(c.dep_ == "dobj" and c.ent_type_ for c in verb.children):
                recipients = subj + [r for r in recipients if r.dep_ == "pobj"]
        if cand.entry.cls == "commit" and not recipients and not partners and cand.content is not None:
            for g in cand.content.children:
                if g.dep_ == "nsubj" and cand.event == "REQUEST":
                    recipients.append(g)
                elif g.dep_ == "dobj" and cand.event in ("THREATEN", "REJECT", "AGREE") and (
                    not self._is_event_noun(g)
                    or any(d.dep_ == "det" and d.lower_ in ("the", "this", "that", "these") for d in g.children)
                ):  # "offered to host the talks": the talks' parties (resolved after coding)
                    recipients.append(g)
                elif g.dep_ == "prep" and g.lower_ in RECIPIENT_PREPS + PARTNER_PREPS:
                    recipients.extend(h for h in g.children if h.dep_ == "pobj")
        if not any(r.ent_type_ for r in recipients):
            for c in verb.children:  # "will not end the strike until the government pays"
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "until" for m in c.children):
                    recipients = [g for g in c.children if g.dep_ in ("nsubj",)] + recipients
        recipients = [r for r in recipients if not _temporal(r)
                      and not (r.lemma_.lower() in cond_words and self._is_event_noun(r))]
        partners = [r for r in partners if not _temporal(r)]
        return recipients, partners, sources

    def _noun_agent(self, noun):
        """Who does what an event noun names: "Russia's invasion", "threats by X", "criticism
        from the U.N." (when received), else the subject of the clause around the noun."""
        for c in noun.children:
            if c.dep_ == "poss":
                return c
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                agent = [g for g in c.children if g.dep_ == "pobj"]
                if agent:
                    return agent[0]
            if c.dep_ == "prep" and c.lower_ == "from" and noun.head.lemma_.lower() in RECEIVING_VERBS:
                src = [g for g in c.children if g.dep_ == "pobj"]
                if src:
                    return src[0]
        head, hops = noun.head, 0
        while head.pos_ not in ("VERB", "AUX") and head.head != head and hops < 4:
            head, hops = head.head, hops + 1
        in_talks = noun.dep_ == "pobj" and noun.head.lower_ == "in" and head.lemma_ == "be"  # "we are in talks"
        if head.pos_ in ("VERB", "AUX") and (in_talks or head.lemma_.lower() not in ("take", "hold", "be")):
            for _ in range(3):
                subject = self._subject(head)[0]
                if subject is None:
                    return None
                if subject.i != noun.i and noun.i not in {t.i for t in subject.subtree}:
                    return subject
                # the noun is that clause's own subject ("the protests entered a third week",
                # "declared a state of siege to begin at midnight"): look one clause up
                if head.head == head or head.head.pos_ not in ("VERB", "AUX"):
                    return None
                head = head.head
        return None

    def _agent(self, verb):
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None

    # ----------------------------------------------------------- status
    def _status(self, cand: Candidate) -> StatusResult:
        if cand.noun == cand.token:
            return noun_status(cand.token, self.lex)
        return clause_status(cand.token, self.lex)

    # ----------------------------------------------------------- coding
    def code(self, doc: Document) -> list[Event]:
        args = Arguments(doc, self.kb)
        events: list[Event] = []
        for sent in doc.sentences:
            if not sent.codable:
                continue
            tokens = _sent_tokens(doc, sent)
            if not tokens:
                continue
            self._sent_start = sent.start
            speaker = self._speaker(tokens, args)
            cands = self.candidates(tokens)
            cands = self._merge_coordinated(cands)
            before = len(events)
            for cand in cands:
                for ev in self._events_for(doc, sent.index, cand, args, speaker):
                    ev.evidence = self._evidence(cand, ev)
                    events.append(ev)
            if self.propose_open and len(events) == before:
                events.extend(proposals.propose(doc, self, args, sent, tokens, speaker))
        _resolve_event_anaphora(events)
        flags_by_sentence: dict[int, list] = {}
        for f in doc.flags:
            if "sentence_index" in f:
                flags_by_sentence.setdefault(f["sentence_index"], []).append(f)
        for ev in events:
            for f in flags_by_sentence.get(ev.sentence_index, []):
                if f not in ev.flags:
                    ev.flags.append(f)
        return events

    @staticmethod
    def _evidence(cand: Candidate, ev: Event) -> dict:
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

    def _speaker(self, tokens, args: Arguments) -> list[Entity]:
        """Who is quoted in this sentence: the subject of its reporting verb."""
        for tok in tokens:
            if tok.lemma_.lower() in REPORTING and tok.pos_ == "VERB":
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
                if subj and subj[0].lower_ not in ("it",):
                    return args.entities(subj[0])
        return []

    def _merge_coordinated(self, cands: list[Candidate]) -> list[Candidate]:
        """'will visit the country and meet their counterparts': one visit, two trigger words."""
        out: list[Candidate] = []
        for cand in cands:
            tok = cand.token
            if tok.dep_ in ("conj", "xcomp", "advcl"):
                prev = next((c for c in out if c.token == tok.head), None)
                same_family = prev is not None and {prev.event, cand.event} <= {"CONSULT", "AGREE"}
                has_own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
                if same_family and not has_own_subject and prev.entry.cls != "commit":
                    prev.triggers.extend(cand.triggers)
                    continue
            out.append(cand)
        return out

    def _events_for(self, doc: Document, sidx: int, cand: Candidate, args: Arguments, speaker) -> list[Event]:
        status = self._status(cand)
        verb = cand.token
        is_noun_event = cand.noun == cand.token
        # ---- actors
        actor_tokens, passive, s = [], False, None
        if is_noun_event:
            agent = self._noun_agent(verb)
            actor_tokens = [agent] if agent is not None else []
        else:
            s, passive = self._subject(verb)
            if passive:
                agent = self._agent(verb)
                actor_tokens = [agent] if agent is not None else []
                if agent is None and cand.event == "MOBILIZE" and s is not None:
                    # "peacekeepers were deployed to X": the deployed force is the actor
                    actor_tokens, passive = [s], False
            elif s is not None:
                actor_tokens = [s]
        recipients_tok, partners_tok, sources_tok = self._objects(cand, passive)
        if is_noun_event and verb.dep_ == "dobj" and verb.head.lemma_.lower() in RECEIVING_VERBS:
            receiver = [c for c in verb.head.children if c.dep_ == "nsubj"]
            if receiver and actor_tokens and receiver[0] != actor_tokens[0]:
                recipients_tok = receiver + recipients_tok
        if passive and s is not None and (cand.noun is None or s != cand.noun):
            recipients_tok = [s] + recipients_tok  # the passive's subject undergoes the event
        if sources_tok and not actor_tokens:
            actor_tokens = sources_tok
        elif sources_tok and cand.event in ("AID", "AGREE", "COOPERATE"):
            actor_tokens = sources_tok

        # an earthquake that kills, a virus that spreads: nature is not a political actor
        if any(t.lemma_.lower() in NON_AGENTS for t in actor_tokens):
            return []
        actors = [e for t in actor_tokens for e in args.entities(t, speaker=speaker)]
        recipients = [e for t in recipients_tok for e in args.entities(t, speaker=speaker)]
        partners = [e for t in partners_tok for e in args.entities(t, speaker=speaker)]
        # compound modifiers of an event noun name its parties: "the Indo-Japan summit"
        if cand.noun is not None and not partners:
            ns, ne = args.phrase(cand.noun)
            inner = [m for m in args.mentions_in(ns, cand.noun.idx) if m.entity and m.entity.code]
            meeting = cand.noun.lemma_.lower() in MEETING_WORDS | AGREEMENT_WORDS
            for m in inner:
                ent = Entity(text=m.text, code=m.entity.code, sector=m.entity.sector, name=m.entity.name,
                             kb_id=m.entity.kb_id, start=m.start, end=m.end)
                if any(e.code == ent.code for e in actors + partners):
                    continue
                if meeting:
                    partners.append(ent)  # "the India-Japan summit": both sides meet
                elif not actors:
                    actors.append(ent)  # "Israeli strikes": who strikes
        context_actor = False
        if not actors and not partners and passive and cand.event in COOPERATIVE and any(r.code for r in recipients):
            # agentless passive: the actor comes from the document ("X has been invited to invest")
            rec_codes = {e.code for e in recipients}
            other = [c for c in args.salient if c not in rec_codes]
            if other:
                actors = [Entity(text="(implied)", code=other[0], sector="GOV")]
                context_actor = True
        # ---- members of a grouping: "attend the Quad Leaders Summit"
        event_type, mode = cand.event, cand.mode
        if mode == "multilateral":
            objs = [c for c in verb.children if c.dep_ in ("dobj", "pobj", "attr")]
            span = args.phrase(cand.noun) if cand.noun is not None else (args.phrase(objs[0]) if objs else None)
            present = {e.code for e in actors}
            for code in args.members(*span) if span else []:
                if code not in present:
                    partners.append(Entity(text=code, code=code, sector="GOV"))
                    present.add(code)
            recipients = [r for r in recipients if r.code not in present]
        if not actors and not partners and event_type == "PROTEST":
            # "protests entered a third week": unnamed demonstrators are civilians
            actors = [Entity(text="(protesters)", sector="CVL")]
        victim_only = passive and recipients and event_type in ("ASSAULT", "COERCE", "SANCTION", "ACCUSE")
        if not actors and not partners and not (recipients and is_noun_event and event_type == "CONSULT") \
                and not victim_only:
            return []
        # ---- PLOVER rules on type and roles
        context = self._context(cand, event_type)
        event_type, mode, status_value = self._plover_rules(event_type, mode, status, cand, context)
        lemmas = {cand.entry.lemma, (cand.noun if cand.noun is not None else verb).lemma_.lower()}
        if mode == "visit":
            recipients = recipients + partners  # the visitor acts, the host receives
        elif partners or lemmas & MEETING_WORDS or self._marked_reciprocal(cand):
            # meetings, talks, joint action and agreements between parties: all parties are actors
            actors = actors + partners + ([r for r in recipients if r.code or r.sector] if lemmas & MEETING_WORDS else [])
            if lemmas & (MEETING_WORDS | AGREEMENT_WORDS) or partners:
                recipients = []
        actors = _dedupe(actors)
        recipients = [r for r in _dedupe(recipients) if not r.code or r.code not in {a.code for a in actors}]
        if not actors and not recipients:
            return []
        self._default_sectors(actors + recipients, context, event_type)
        confidence = self._confidence(cand, actors, recipients, context_actor, status)
        triggers = [Trigger(t.text, t.idx, t.idx + len(t.text)) for t in sorted(cand.triggers, key=lambda t: t.i)]
        flags = args.flags_in(actors + recipients)
        flags += [f for f in args.sentence_flags(sidx) if f not in flags]
        base = dict(event=event_type, sentence_index=sidx, mode=mode, context=context, status=status_value,
                    confidence=confidence)
        # "bilateral meetings with A, B and C": one event per partner
        split = {c.lower_ for c in (cand.noun.children if cand.noun is not None else [])} & SPLIT_MARKERS
        if split and not recipients and len(actor_tokens) == 1:
            own = [a for a in actors if a.start is not None and actor_tokens and a.start <= actor_tokens[0].idx < (a.end or 0)]
            others = [a for a in actors if a not in own]
            if own and len(others) > 1:
                return [
                    Event(**base, trigger=list(triggers), actor=_dedupe(own + [o]), flags=list(flags))
                    for o in others
                ]
        return [Event(**base, trigger=triggers, actor=actors, recipient=recipients, flags=flags)]

    @staticmethod
    def _plover_rules(event_type, mode, status: StatusResult, cand: Candidate, context: list[str]):
        value = status.status
        if value == "negated" and status.volitional_negation and event_type in COOPERATIVE:
            return "REJECT", None, "occurred"
        if value == "negated" and status.volitional_negation and cand.entry.cls == "commit" and event_type == "REJECT":
            return "AGREE", None, "occurred"  # "did not refuse" is rare; treat as acceptance
        if event_type == "MOBILIZE" and "peacekeeping" in context:
            event_type, mode = "AID", None  # troops sent to keep the peace are aid (CAMEO 074)
        if value in ("future", "hypothetical"):
            if event_type == "CONSULT":
                return "AGREE", mode if mode == "visit" else None, value
            verbal_support = event_type == "SUPPORT" and value == "hypothetical" and not (
                {cand.entry.lemma, *(t.lemma_.lower() for t in cand.triggers)} & (AGREEMENT_WORDS | {"finalize", "conclude"})
            )
            if event_type in MATERIAL_COOP and not verbal_support:
                return "AGREE", None, value  # a promise to give, cooperate or sign ("would respect" stays SUPPORT)
            if event_type in MATERIAL_CONFLICT and value == "future" and cand.entry.cls != "commit":
                return "THREATEN", None, "occurred"  # announcing force to come is a threat
        if cand.entry.cls == "commit" and value == "future" and status.embedded is False:
            # "agreed to", "urged", "threatened to": the commitment itself happened
            return event_type, mode, "occurred"
        return event_type, mode, value

    @staticmethod
    def _marked_reciprocal(cand: Candidate) -> bool:
        words = {t.lower_ for t in (cand.noun if cand.noun is not None else cand.token).children}
        return bool(words & RECIPROCAL_MARKERS)

    def _context(self, cand: Candidate, event_type: str) -> list[str]:
        found: list[str] = []
        if cand.entry.context:
            found.append(cand.entry.context)
        root = cand.token
        if cand.noun == cand.token:  # a noun's context is its clause's
            while root.head != root and root.pos_ not in ("VERB", "AUX"):
                root = root.head
        for t in root.subtree:
            ctx = CONTEXT_LOOKUP.get(t.lower_)
            if ctx and ctx not in found:
                found.append(ctx)
        return found[:3]

    @staticmethod
    def _default_sectors(entities: list[Entity], context: list[str], event_type: str) -> None:
        military = "military" in context and event_type in ("COOPERATE", "ASSAULT", "MOBILIZE")
        for e in entities:
            if e.code and len(e.code) == 3 and e.sector is None and e.name is None:
                e.sector = "MIL" if military else "GOV"

    @staticmethod
    def _confidence(cand: Candidate, actors, recipients, context_actor: bool, status: StatusResult) -> float:
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
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() not in REPORTING:
                score -= 0.06
        if status.status in ("hypothetical", "negated") and cand.entry.cls != "commit":
            score -= 0.05
        return max(0.05, min(0.99, score))


MEETING_ANAPHOR = re.compile(r"^(?:the|these|those|that|this)\s+(?:\w+\s+)?(?:talks|negotiations|meeting|dialogue|summit|discussions)$", re.I)
ATTACK_ANAPHOR = re.compile(r"^(?:the|this|that)\s+(?:\w+\s+)?(?:incident|attack|strike|raid|collision|assault|shelling|bombing)$", re.I)


def _resolve_event_anaphora(events: list[Event]) -> None:
    """'Vietnam offered to host the talks': the talks are the last meeting's parties;
    'condemned the incident': the incident's author is the last attacker."""
    last_meeting: list[Entity] = []
    last_attacker: list[Entity] = []
    for ev in events:
        fixed: list[Entity] = []
        for r in ev.recipient:
            if r.code is None and MEETING_ANAPHOR.match(r.text) and last_meeting:
                fixed.extend(Entity(text=r.text, code=a.code, sector=a.sector, start=r.start, end=r.end)
                             for a in last_meeting if a.code not in {x.code for x in ev.actor})
            elif r.code is None and ATTACK_ANAPHOR.match(r.text) and last_attacker:
                fixed.extend(Entity(text=r.text, code=a.code, sector=a.sector, start=r.start, end=r.end)
                             for a in last_attacker if a.code not in {x.code for x in ev.actor})
            else:
                fixed.append(r)
        ev.recipient = fixed
        coded = [a for a in ev.actor if a.code]
        own = {a.code for a in coded}
        if ev.event in ("REJECT", "CONCEDE") and not any(r.code for r in ev.recipient) and own and (
            own < {a.code for a in last_meeting}
        ):  # a refusal or concession inside negotiations is aimed at the other side
            ev.recipient = [*ev.recipient, *(Entity(text=a.text, code=a.code, sector=a.sector)
                                             for a in last_meeting if a.code not in own)]
        if ev.event in ("CONSULT", "AGREE") and len(coded) >= 2:
            last_meeting = coded
        if ev.event in ("ASSAULT", "COERCE") and coded:
            last_attacker = coded


def _foretells_act(verb) -> bool:
    """'warned X to stop', 'warned of retaliation', 'warned that it would respond'."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "dobj"):  # "warned X to stop", "warned the government that ..."
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "against"):
            return True
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in ("will", "would", "could", "might", "'ll")
                                     for a in c.children):
            return True
    return False


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
