"""The role finder: who acts, who undergoes, with what and about what, as typed roles.

`RoleFinder.roles(candidate, sentence_start)` reads the parse around a trigger candidate
and returns `Roles`, the tokens that head each role:

    actor      the subject ("Japan sanctioned Russia"), the passive's agent ("was attacked by X"),
               an event noun's possessor or "by" phrase ("Russia's invasion", "threats by X"),
               the giver of aid ("aid from X to Y")
    recipient  the object and the prepositional targets ("on", "against", "to" ...), the passive's
               subject, the patient of an event noun ("the release of X"), who is asked in a request
    partner    the other parties of a meeting or joint act ("talks with X", "between X and Y")
    source     who gives, where the sentence says so ("aid from X", "Japan's aid")
    means      instruments and forces ("fired tear gas at", "massing troops"): never a recipient
    topic      what talks are about ("talks on trade", "intelligence on X"): never a recipient

The tokens are resolved to entities later, by `Arguments` (events/arguments.py). Everything
here is a pure function of the parse and the lexicon: no state from one sentence to the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..actors import sectors
from ..lang import Words
from .arguments import is_temporal
from .domestic import names_people
from .lexicon import (HARM_EVENTS, Lexicon, a_sum, counted_by, extraposed, headline_participle, in_headline, legal_grounds, measured,
                      of_objects, state_verb, trailing_participle, with_to)
from .triggers import (PARTY_LABELS, TIME_LABELS, asked_for, comments_on, fires_weapon, names_target, names_victim, noun_content,
                       received_from, requested_by, statement_verbs, strikes_a_place, taken_as)

TOPICAL = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT"})  # "talks on trade": "on" is a topic
SOURCE_EVENTS = ("AID", "AGREE", "COOPERATE")  # "aid from X to Y": X gives
# what is praised, condemned or refused: a deal's parties, or the author of an act restated
JUDGED_EVENTS = frozenset({"SUPPORT", "ACCUSE", "REJECT"})
SUM_EVENTS = frozenset({"AID", "AGREE"})  # events whose object may be a sum given or pledged
LISTED_LABELS = frozenset({"GPE", "NORP", "PERSON", "ORG"})  # names a headline lists as parties
# a place or a law the parser names, which a relative clause may follow without being about it
PLACE_OR_LAW = frozenset({"GPE", "LOC", "FAC", "LAW"})


@dataclass(slots=True)
class Roles:
    """The tokens heading each role of one candidate (see the module docstring)."""

    actor: list = field(default_factory=list)
    recipient: list = field(default_factory=list)
    partner: list = field(default_factory=list)
    source: list = field(default_factory=list)
    means: list = field(default_factory=list)
    topic: list = field(default_factory=list)
    subject: object = None  # the clause's grammatical subject (the recipient of a passive)
    passive: bool = False
    received: bool = False  # the subject receives ("Ukraine received aid from Germany")


class RoleFinder:
    """Typed roles of trigger candidates, from the parse (see the module docstring), in one
    language: ``words`` (`dotterel.lang.words`) gives its word lists (lang/<code>/events.toml,
    tables [roles] and [arguments])."""

    def __init__(self, lexicon: Lexicon, words: Words):
        self.lex = lexicon
        self.words = words
        # verbs whose subject receives or answers the act their object noun names
        self._receivers = words.roles.receiving_verbs | words.roles.answering_verbs

    # ----------------------------------------------------------------- roles
    def roles(self, cand, sent_start: int = 0) -> Roles:
        """The roles of a candidate (`triggers.Candidate`) in a sentence starting at `sent_start`."""
        verb = cand.token
        is_noun_event = cand.noun == cand.token
        actor, passive, s = self._actor(cand, sent_start)
        roles = self.objects(cand, passive)
        roles.actor, roles.passive, roles.subject = actor, passive, s
        answered_as = taken_as(verb)  # "dismissed as groundless accusations by Greece"
        # "drew a barrage of criticism from students": the noun, through a count of it
        counted, counter = counted_by(verb, self.words.triggers.quantity_nouns)
        answerer = verb.head.head if answered_as else counter
        if is_noun_event and (counted.dep_ == "dobj" or answered_as) and answerer.lemma_.lower() in self._receivers:
            receiver = self.subject(answerer, sent_start)[0]
            if receiver is not None and (not actor or receiver != actor[0]):
                if cand.event in self.words.triggers.answered_act_types:
                    # "rejected a U.S. request to extend the deadline": the one asked answers;
                    # what the request is about is no party
                    roles.recipient = [receiver]
                else:
                    roles.recipient = [receiver] + roles.recipient
        maker = requested_by(self.lex, self.words, verb) if is_noun_event else None
        if maker is not None and counted.dep_ in ("dobj", "pobj"):
            # "have not deported them despite repeated requests from Beijing", "agreed to a
            # request from protesters", "faced a wave of criticism from X": the one asked
            # (or criticised) is the clause's subject, not the maker
            asked = self.subject(counted.head if counted.dep_ == "dobj" else counted.head.head, sent_start)[0]
            roles.recipient = [asked] if asked is not None and asked != maker else []
        if passive and s is not None and (cand.noun is None or s != cand.noun):
            roles.recipient = [s] + roles.recipient  # the passive's subject undergoes the event
        elif (not is_noun_event and cand.event in self.words.roles.received_events
              and verb.lemma_.lower() in self.words.roles.receipt_verbs):
            self._receipt(verb, roles)
        if roles.source and (not roles.actor or cand.event in SOURCE_EVENTS):
            roles.actor = roles.source
        return roles

    @staticmethod
    def _receipt(verb, roles: Roles) -> None:
        """'Ukraine received military aid from Germany': Germany gives, Ukraine receives."""
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "secured a loan from the IMF"
        heads += [g for h in heads[1:] if h.tag_ == "CD" for p in h.children if p.dep_ == "prep" and p.lower_ == "in"
                  for g in p.children if g.dep_ == "pobj"]  # "received $3 million in grants from X"
        givers = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                  for g in c.children if g.dep_ == "pobj"]
        roles.recipient = roles.actor + [r for r in roles.recipient if r not in givers]
        roles.actor, roles.received = givers, True

    def _actor(self, cand, sent_start: int):
        """(actor tokens, passive, subject) of a candidate."""
        verb = cand.token
        if cand.noun == cand.token:
            held = self._in_custody(cand) or self._wound_bearer(verb) or self._casualties(cand)
            if held is not None:  # "remains in police custody", "died in an airstrike": it befell them
                return [], True, held
            agent = self.noun_agent(verb, sent_start)
            # "the killing of a journalist" names the one harmed as "a journalist was killed" does
            victim = names_victim(self.lex, self.words, verb) or names_target(self.lex, self.words, verb)
            if agent is None:
                return [], victim, None
            listed = listed_with(agent) if agent.dep_ == "nsubj" else []  # "Nepal, India sign a deal"
            return [*listed, agent], victim, None
        if verb.lower_ in self.words.roles.attribution_words:
            # "According to the army, rebels were behind the bombing": the source accuses
            source = next((g for to in verb.children if to.lower_ == "to" for g in to.children if g.dep_ == "pobj"), None)
            return ([source] if source is not None else []), False, source
        s, passive = self.subject(verb, sent_start)
        if not passive and cand.event == "COERCE" and cand.entry.lemma in self.words.roles.undergoing_verbs:
            return [], True, s  # "appeared in court": the one who appears undergoes it
        if not passive:
            launcher = self._launcher(s) if s is not None else None
            if launcher is not None:  # "rockets fired by Hamas hit Ashkelon": Hamas hits it
                return [launcher], False, s
            doers = self._attack_doers(cand, s) if s is not None else []
            if doers:  # "an Israeli air strike killed five people": Israel kills them
                return doers, False, s
            return ([*listed_with(s), s] if s is not None else []), False, s
        agent = self.agent(verb)
        if agent is None and cand.event == "MOBILIZE" and s is not None:
            return [s], False, s  # "peacekeepers were deployed to X": the deployed force is the actor
        return ([agent] if agent is not None else []), True, s

    def _launcher(self, subj):
        """Who fired or launched a weapon that is a clause's subject ("rockets fired by Hamas",
        "drones launched by resistance forces": `[roles] instrument_nouns`), or None."""
        fired = (a for a in subj.children if fires_weapon(a, self.words.roles.instrument_nouns))
        return next((g for g in map(self.agent, fired) if g is not None), None)

    def _attack_doers(self, cand, subj) -> list:
        """Who did the attack that is the subject of a verb of harm: "an Israeli air strike
        killed five people", "Russia's missile attack on Kyiv wounded eight", "an attack by
        gunmen killed four officers" -- its own agent, else the parties named before it, not
        the attack itself; [] when it names none or is no attack."""
        if cand.event not in HARM_EVENTS or getattr(self.lex.lookup(subj), "event", None) not in HARM_EVENTS:
            return []
        own = _own_agent(subj, self._receivers)
        return [own] if own is not None else self._named_doers(subj)

    def _named_doers(self, noun) -> list:
        """The parties named before an attack noun, in its own phrase: "an Israeli air strike",
        "a Russian drone attack" (the parser may hang the adjective on 'drone'); [] for other
        nouns."""
        if getattr(self.lex.lookup(noun), "event", None) not in HARM_EVENTS:
            return []
        return [t for t in noun.subtree if t.i < noun.i and t.ent_type_ in PARTY_LABELS
                and t.dep_ in ("amod", "compound", "poss")
                and not any(a.ent_type_ == t.ent_type_ for a in t.ancestors if a.i < noun.i)]

    # --------------------------------------------------------------- subject
    def subject(self, verb, sent_start: int = 0):
        """The subject token of a verb clause, following conjunction, control and relative clauses.

        Returns (token, passive): `passive` is about `verb` itself, not the clause the subject
        was found in ("X is expected to visit Y": X visits; "X has hidden since being attacked":
        X is attacked). `sent_start` is the character
        offset where the sentence starts: a dateline before it is not a subject.
        """
        token, passive = self._find_subject(verb, sent_start)
        own_passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        if token is not None and token.head != verb and verb.dep_ in ("xcomp", "conj", "advcl", "acomp", "pcomp"):
            # a bare participle joined to a passive verb shares its auxiliary: "was convicted of
            # fraud and sentenced to four years" -- the convicted man is sentenced, not sentencing
            # (the tagger often calls such a participle a past tense: it has no object then)
            kids = {c.dep_ for c in verb.children}
            shares_aux = (verb.dep_ == "conj" and passive and not kids & {"aux", "auxpass", "nsubj", "nsubjpass"}
                          and (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and not kids & {"dobj", "ccomp", "xcomp"})))
            # "appeared in court charged with murder", "if convicted": a bare past participle of
            # a harm hung on a clause says what befalls that clause's subject (other verbs may be
            # a past tense the tagger took for one: "met the father, condoled with him")
            bare_participle = (verb.dep_ == "advcl" and verb.tag_ == "VBN"
                               and not kids & {"aux", "auxpass", "nsubj", "nsubjpass", "dobj"}
                               and getattr(self.lex.lookup(verb), "event", None) in HARM_EVENTS)
            passive = own_passive or shares_aux or bare_participle
        if (not passive and token is not None and headline_participle(verb, self.words.roles.result_complements)
                and verb.lemma_.lower() in self.words.roles.headline_passives):
            passive = True  # "Activist detained over protest in Harare": the activist is detained
        return token, passive

    def _find_subject(self, verb, start: int):
        token, passive = self._find_subject_in_parse(verb, start)
        return after_dateline(token, start), passive

    def _find_subject_in_parse(self, verb, start: int):
        node = verb
        for _ in range(8):
            found = self._subject_here(node, start)
            if found is not None:
                return found
            nxt = self._subject_next(node)
            if isinstance(nxt, tuple):
                return nxt
            if nxt is None:
                break
            node = nxt
        return None, False

    def _subject_here(self, node, start: int):
        """(subject, passive) found at `node` itself, or None to look further up."""
        subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        after = [c for c in subj if c.idx >= start]
        subj = after or subj  # "BERLIN -- A court ... convicted": two subjects, one a dateline
        if subj:
            s = subj[0]
            if s.lower_ in self.words.arguments.relative_pronouns and node.dep_ == "relcl":
                if self._authored_document(node.head):
                    return None  # "signed a decree that bans protests": the signer bans them
                return self._antecedent(node.head), s.dep_ == "nsubjpass"
            return s, s.dep_ == "nsubjpass"
        if node.dep_ == "relcl":
            return self._antecedent(node.head), any(c.dep_ == "auxpass" for c in node.children)
        if node.dep_ == "ROOT":  # a subject the parser mislabelled: "USAID had announced ..."
            left = [c for c in node.children if c.i < node.i and c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
                    and c.dep_ in ("advmod", "npadvmod", "dep", "nmod", "compound", "amod")]
            if left:
                return left[0], False
        return None

    def _authored_document(self, noun) -> bool:
        """A document ([roles] document_nouns) as the object of a verb of authorship ([roles]
        authoring_verbs): "signed a decree", "passed a bill", "released a report"; what it
        does, its author does (not one who vetoes it or protests over it)."""
        words = self.words.roles
        return (noun.lemma_.lower() in words.document_nouns and noun.dep_ == "dobj"
                and noun.head.lemma_.lower() in words.authoring_verbs)

    def _subject_next(self, node):
        """Where to look for the subject next: a token, a final (subject, passive), or None."""
        if node.head == node:
            return None
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.lower_ in self.words.roles.object_control_preps:
            gov = node.head.head
            while (gov.dep_ == "pcomp" and gov.head.dep_ == "prep" and gov.head.head.pos_ == "VERB"
                   and not any(c.dep_ == "dobj" for c in gov.children)):
                gov = gov.head.head  # "sentenced him to death by hanging for shooting": the parser hangs
                # the grounds on the manner; the verb with the object is further up
            obj = [c for c in gov.children if c.dep_ == "dobj"] if gov.pos_ == "VERB" else []
            if obj:  # "arrested two men for attacking a bus": the men attacked
                return obj[0], False
        if node.dep_ in ("pcomp", "pobj", "prep"):
            return node.head  # "X are in the process of finalizing ..."
        if node.dep_ == "relcl" and self._authored_document(node.head):
            return node.head.head  # "passed a bill that imposes sanctions": who passed it
        if node.dep_ == "acl":
            noun = node.head  # "a report accusing X": the report's author
            if (noun.lemma_.lower() in self.words.roles.document_nouns and noun.head != noun
                    and noun.head.lower_ not in self.words.roles.reaction_prepositions):
                return noun.head  # not "launched legal action over a law banning X"
            if noun.lemma_.lower() in self.words.roles.intent_nouns and _infinitive(node):
                owner = [c for c in noun.children if c.dep_ == "poss"]
                if owner:  # "Trump's decision to deploy troops"
                    return owner[0], False
                if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.words.roles.intent_givers:
                    return noun.head  # "has given no formal order to pull out"
            # "the students killed by police", "diplomats being expelled from the US": the noun
            # undergoes a participle, it does not act -- unless the noun is the sentence's root, a
            # misparse of its main verb ("Trump called French President Emmanuel Macron", "the
            # army chief condoled with the family."); a headline's, with no object and no full
            # stop, is passive ("Kisumu man held over murder of rider")
            headline = in_headline(noun) and not any(c.dep_ == "dobj" for c in node.children)
            misread = noun.dep_ == "ROOT" and not headline
            passive = not misread and (node.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in node.children))
            return noun, passive
        if node.dep_ == "dep" and node.tag_ in ("VBD", "VBZ", "VBP") and node.head.pos_ == "VERB":
            return node.head  # a misparse: "officers responding to reports ... fatally shot a man"
        if node.dep_ == "advcl" and (speaker := self._naming_speaker(node)) is not None:
            return speaker  # "X said troops shelled a village, calling it a provocation": X names it
        top = trailing_participle(node)
        if top is not None:
            return top  # "asked the council to end the mission, accusing its head": the one who asks
        if node.dep_ == "conj" and (speaker := self._second_act(node)) is not None:
            return speaker  # "X said the law was unfair and urged Y to ...": X urges
        if node.dep_ in ("conj", "xcomp", "advcl", "acomp"):
            head_entry = self.lex.lookup(node.head) if node.dep_ == "xcomp" else None
            if head_entry is not None and head_entry.cls == "commit":  # object control: "urged X to ..."
                obj = [c for c in node.head.children if c.dep_ == "dobj"]
                if obj and node.head.lemma_.lower() not in ("promise", "threaten", "vow", "offer"):
                    return obj[0], False
            return node.head
        return None

    def _second_act(self, node):
        """The statement verb whose speaker does a second act that the parser joined to the
        reported clause: 'the minister said the Commission was blackmailing Budapest and warned
        that Hungary could block it' ('warned' hangs on 'blackmailing'). Only a verb of
        `[roles] speaker_acts` with no subject of its own, joined to a clause that a statement
        verb before it reports; 'the rebels seized the town and demanded a ransom, police said'
        (the statement after) stays the rebels'. None otherwise."""
        if node.lemma_.lower() not in self.words.roles.speaker_acts:
            return None
        clause = node.head
        if clause.dep_ != "ccomp" or clause.i > node.i:
            return None
        statement = clause.head
        if statement.lemma_.lower() not in statement_verbs(self.words) or statement.i > clause.i:
            return None
        return statement

    def _naming_speaker(self, node):
        """The reporting verb whose speaker names a reported act: 'the ministry said troops had
        shelled two villages, calling it a provocation' ('calling' hangs on 'shelled'), 'troops
        shelled two villages, the ministry said, calling it a provocation' ('said' a parataxis
        of 'shelled'). Only a naming participle ([roles] naming_verbs, with an object predicate
        or 'as') of the act itself ('it', an event noun, [coder] act_nouns); 'calling them traitors'
        may be the doer's own words. None when no reporting verb governs or follows the act."""
        if node.tag_ != "VBG" or node.lemma_.lower() not in self.words.roles.naming_verbs:
            return None
        named = [c for c in node.children if c.dep_ == "dobj"]
        predicate = any(c.dep_ in ("oprd", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in node.children)
        if not (predicate and named and (named[0].lower_ in ("it", "this", "that") or self.lex.is_event_noun(named[0])
                                         or named[0].lemma_.lower() in self.words.coder.act_nouns)):
            return None
        act, statements = node.head, statement_verbs(self.words)
        if act.dep_ == "ccomp" and act.head.lemma_.lower() in statements:
            return act.head
        return next((c for c in act.children if c.dep_ == "parataxis" and c.i < node.i
                     and c.lemma_.lower() in statements), None)

    def agent(self, verb):
        """The agent of a passive verb: "was attacked by X" -> X."""
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None

    def noun_agent(self, noun, sent_start: int = 0):
        """Who does what an event noun names: "Russia's invasion", "threats by X", "criticism
        from the U.N." (when received), else the subject of the clause around the noun."""
        own = _own_agent(noun, self._receivers)
        if own is not None:
            return own
        maker = requested_by(self.lex, self.words, noun)
        if maker is not None:
            return maker  # "despite repeated requests from Beijing"
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self._receivers:
            return None  # "faced criticism", "rejected a U.S. request": the subject receives or answers
        held = self._held_for(noun)
        if held is not None:
            return held[0] if held else None
        if noun.dep_ == "pobj" and (entry := self.lex.lookup(noun)) is not None and (
                (entry.event in HARM_EVENTS and noun.head.lower_ in self.words.roles.reaction_prepositions)
                or (entry.event == "PROTEST" and self._reacted_to(noun))):
            # "expelled diplomats over the poisoning", "protests after the killing of X",
            # "imposed a curfew amid protests": whoever does the clause did not do the harm or
            # protest (not so through a span: "failed to advance after two weeks of fighting")
            return None
        if strikes_a_place(noun, self.words.triggers.impact_verbs):
            return None  # "Kenya has been rocked by protests": Kenya is where, not who
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.words.triggers.outbreak_verbs:
            return None  # "the killing set off protests", "police broke up a protest": not theirs
        if noun.dep_ == "dobj" and comments_on(self.lex, self.words, noun.head, noun):
            return None  # "the UN condemned the attack on the hospital": not by the UN
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            # "its condemnation of the raid", "launched a probe into the attack" ('into' may hang
            # on the light verb): the one who comments or inquires is not the doer
            governor = noun.head.head
            commenters = [governor, *(c for c in governor.children if c.dep_ == "dobj")]
            if any(comments_on(self.lex, self.words, c, noun) for c in commenters):
                return None
        head, hops = noun.head, 0
        while head.pos_ not in ("VERB", "AUX") and head.head != head and hops < 4:
            head, hops = head.head, hops + 1
        # "we are in talks", "nurses are on strike", "remain on strike": the subject is in it
        in_talks = state_verb(noun, self.words.status.state_prepositions) is not None
        if head.pos_ in ("VERB", "AUX") and (in_talks or head.lemma_.lower() not in ("take", "hold", "be")):
            return self._clause_agent(noun, head, sent_start)
        return None

    def _reacted_to(self, noun) -> bool:
        """The noun (a pobj) is what a clause reacts to: 'amid protests', also through a span or
        a number of them ('after weeks of protests', 'following a wave of strikes')."""
        preps = self.words.roles.reaction_prepositions
        if noun.head.lower_ in preps:
            return True
        outer = noun.head.head  # 'of' -> 'weeks', 'wave'
        return (noun.head.lower_ == "of" and outer.dep_ == "pobj" and outer.head.lower_ in preps
                and (is_temporal(outer) or outer.lemma_.lower() in self.words.triggers.quantity_nouns))

    def _in_custody(self, cand):
        """The one held, when a COERCE noun names the state its clause's subject is in ("a man
        remains in police custody", "the leader has been in jail since August"), else None."""
        verb = state_verb(cand.token, self.words.status.state_prepositions) if cand.event == "COERCE" else None
        return None if verb is None else next((c for c in verb.children if c.dep_ == "nsubj"), None)

    def _wound_bearer(self, noun):
        """Who bears a wound (`[roles] wound_nouns`), else None: "found a man with gunshot
        wounds" (the man found), "a woman with stab wounds", "a boy suffering from gunshot
        wounds", "was treated for a stab wound" (the one treated)."""
        if noun.lemma_.lower() not in self.words.roles.wound_nouns or noun.dep_ != "pobj":
            return None
        holder = noun.head.head
        for _ in range(4):  # "lying in a car park with gunshot wounds": past the place to the man
            if holder.pos_ in ("NOUN", "PROPN", "PRON") and self._names_party(holder):
                return holder
            if holder.pos_ == "VERB":
                found = [c for c in holder.children if c.dep_ in ("dobj", "nsubjpass")]
                if holder.dep_ in ("acl", "relcl"):
                    found.append(holder.head)  # "a boy suffering from gunshot wounds"
                found += [c for c in holder.children if c.dep_ == "nsubj"]
                return next((f for f in found if self._names_party(f)), None)
            if holder.head == holder:
                return None
            holder = holder.head
        return None

    def _casualties(self, cand):
        """Who a harm struck when its noun follows 'in' or 'during' a verb of dying ("two
        villagers died in an air strike", "three soldiers lost their lives in the attack"):
        that verb's subject, else None. The one who died did not do the harm."""
        noun, words = cand.token, self.words.roles
        if cand.event != "ASSAULT" or noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "during"):
            return None
        verb = noun.head.head
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in words.casualty_verbs:
            return None
        if lemma == "lose" and not any(c.dep_ == "dobj" and c.lemma_.lower() in words.casualty_objects
                                       for c in verb.children):
            return None  # "lost ground in the offensive": no one died
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)

    def _held_for(self, noun) -> list | None:
        """The one a legal action holds for the harm `noun` names, [] when unnamed, or None when
        the noun names no grounds (`lexicon.legal_grounds`): "charged two men with the murder of
        X" (the men), "was sentenced for the killing of X" (its subject), "a man charged with the
        murder of X" (the man), "the suspect in the shooting of X" (the suspect), "a warrant for
        the killing of X" (no one named). The police who charge, or the court that sentences,
        did not do it."""
        words = self.words.roles
        head = legal_grounds(noun, self.lex, words.grounds_prepositions, words.accused_nouns)
        if head is None:
            return None
        if head.lemma_.lower() in words.accused_nouns:
            return [head]
        if head.pos_ != "VERB":
            return []
        if head.dep_ == "acl" and head.tag_ == "VBN":
            return [head.head]
        held = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")][:1]
        if not held and head.dep_ == "advcl" and head.tag_ == "VBN":
            # "appeared in court charged with the stabbing": the participle's subject is the clause's
            held = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")][:1]
        return held

    def _clause_agent(self, noun, head, sent_start: int):
        for _ in range(3):
            subject = self.subject(head, sent_start)[0]
            if subject is None:
                return None
            if subject.i != noun.i and noun.i not in {t.i for t in subject.subtree}:
                return subject
            named = self._named_doers(noun)
            if named:  # "a Russian drone attack wounded eight, officials said": Russia's, not theirs
                return named[0]
            # the noun is that clause's own subject ("the protests entered a third week",
            # "declared a state of siege to begin at midnight"): look one clause up -- not out
            # of a clause of what came before ("deployed troops after clashes left six dead")
            if head.head == head or head.head.pos_ not in ("VERB", "AUX"):
                return None
            if head.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.words.roles.reaction_prepositions
                                            for m in head.children):
                return None
            head = head.head
        return None

    # --------------------------------------------------------------- objects
    def objects(self, cand, passive: bool) -> Roles:
        """Recipient, partner, source, means and topic tokens of a candidate."""
        verb = cand.token
        roles = Roles()
        holders = [verb] + ([cand.noun] if cand.noun is not None and cand.noun != verb else [])
        for holder in holders:
            for c in holder.children:
                self._child_role(cand, holder, c, passive, roles)
            if not passive:  # "rejected as absurd a U.S. suggestion": the suggestion is the object
                roles.recipient.extend(c for c in shifted_objects(holder) + self._named_objects(holder)
                                       if not self.lex.is_event_noun(c) and c not in roles.recipient)
        for prep in self._occurrence_between(cand):  # "clashes erupted between X and Y"
            self._prep_role(cand, verb, prep, roles, passive)
        if cand.event == "CONSULT" and cand.noun is None and not passive:
            # "Qatar hosted talks between Israel and Hamas": those the talks are between take part
            roles.partner.extend(g for g in _between(self._objects_of(verb), self.words.coder.meeting_words,
                                                     ("between", "among")) if g not in roles.partner)
        if cand.event in SUM_EVENTS and not passive:
            roles.recipient.extend(r for h in holders for r in self._sum_recipients(h) if r not in roles.recipient)
        if not any(not is_temporal(r) for r in roles.recipient):
            # the object's own prepositions: "lift the ban on the UK" (also when "on Tuesday" is there)
            roles.recipient.extend(self._inner_recipients(cand, holders, self._commented(cand, holders)))
        self._commitment_roles(cand, roles)
        roles.recipient[:0] = self._callees(verb)  # "phoned Macron to discuss trade": trade is the topic
        if not any(not is_temporal(r) and self._names_party(r)
                   for r in roles.recipient + roles.partner):  # "on Thursday", "to its renaming"
            roles.recipient.extend(self._owners_of_objects(cand, holders, passive))
        if not passive and cand.event in self.words.roles.owner_events:
            # "accepted the conditions set by the EU": beside the thing, its author receives
            roles.recipient.extend(a for h in holders for c in self._objects_of(h)
                                   if c != cand.noun for a in self._participle_agents(c)
                                   if a not in roles.recipient)
        if cand.event in ("AID", "AGREE") and not any(self._names_party(r) for r in roles.recipient + roles.partner):
            roles.recipient.extend(self._helped(verb))
        if cand.event in JUDGED_EVENTS and not passive:
            # "welcomed the peace deal between Ethiopia's government and Tigrayan forces": those
            # the deal or talks are between receive the judgement
            pacts = self.words.rules.agreement_words | self.words.coder.meeting_words
            objects = [r for h in holders for r in h.children if r.dep_ in ("dobj", "obj")]
            roles.recipient.extend(g for g in _between(objects, pacts, ("between",)) if g not in roles.recipient)
        if cand.event == "MOBILIZE" and not any(r.ent_type_ in PARTY_LABELS for r in roles.recipient):
            roles.recipient.extend(r for h in holders for r in self._across_border(h) if r not in roles.recipient)
        if cand.event == "THREATEN" and not any(r.ent_type_ and not is_temporal(r) for r in roles.recipient):
            # "would take countermeasures if Washington sent a carrier": a thing is no target
            roles.recipient.extend(self._condition_subjects(cand))
        if not any(r.ent_type_ for r in roles.recipient):
            for c in verb.children:  # "will not end the strike until the government pays"
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "until" for m in c.children):
                    roles.recipient = [g for g in c.children if g.dep_ in ("nsubj",)] + roles.recipient
        cond_words = cand.entry.condition("obj") or frozenset()
        roles.recipient = [r for r in roles.recipient if not is_temporal(r)
                           and not (r.lemma_.lower() in cond_words and self.lex.is_event_noun(r))]
        roles.partner = [r for r in roles.partner if not is_temporal(r)]
        return roles

    def _child_role(self, cand, holder, c, passive: bool, roles: Roles) -> None:
        """The role of one child of the trigger (or of its event noun)."""
        if c.dep_ == "dative" and c.pos_ == "ADP":
            self._prep_role(cand, holder, c, roles, passive)  # "sent warships to Taiwan": spaCy's dative 'to'
        elif cand.noun is not None and self._holds_event_noun(c, cand.noun):
            return  # "approved a new package of sanctions on X": the package holds the event noun
        elif c.dep_ in ("dobj", "dative", "obj") and c != cand.noun and not passive:
            shared = cand.event == "COOPERATE" and (
                c.lemma_.lower() in (cand.entry.condition("obj") or ()))  # "shared intelligence on X": what is shared
            # "gave $2 billion in aid to X", "pledged 2 billion yuan in grants to Laos": a sum given
            given = cand.event in SUM_EVENTS and a_sum(c)
            downed = {holder.lemma_.lower()} | {p.lower_ for p in holder.children if p.dep_ == "prt"}
            instrument = (cand.event in self.words.roles.instrument_events
                          and c.lemma_.lower() in self.words.roles.instrument_nouns
                          and not downed & self.words.roles.downing_verbs)  # "shot down a drone": the drone is hit
            if cand.event == "MOBILIZE" or shared or given or instrument:
                roles.means.append(c)  # "massing troops", "fired tear gas at X": the means, not the target
            elif not self.lex.is_event_noun(c):  # else part of the trigger ("lift sanctions"), or the event
                roles.recipient.append(self._relative_object(c, holder))
        elif c.dep_ == "prep":
            self._prep_role(cand, holder, c, roles, passive)
        elif c.dep_ == "ccomp" and not passive and (
                c.pos_ == "ADJ" or c.lemma_.lower() in (cand.entry.condition("obj") or ())):
            # "found the minister not guilty", "declared two diplomats persona non grata": the
            # parser gives the adjective (or the trigger's own word, read as a verb) a subject of
            # its own, the one the verb's judgement is about
            roles.recipient.extend(g for g in c.children if g.dep_ == "nsubj")
        elif c.dep_ == "poss" and holder == cand.noun and cand.event == "AID":
            roles.source.append(c)
        elif c.dep_ == "acl" and holder == cand.noun and with_to(c):  # "its commitment to defend the Philippines"
            roles.recipient.extend(g for g in c.children if g.dep_ == "dobj")

    def _prep_role(self, cand, holder, prep, roles: Roles, passive: bool = False) -> None:
        objs = [g for g in prep.children if g.dep_ == "pobj"]
        obj_words = cand.entry.condition("obj")
        if obj_words:  # "on the highest state of alert": part of the trigger, no party
            objs = [g for g in objs if not of_objects(g) & obj_words]
        words = self.words.roles
        objs = [g for g in objs if g.lemma_.lower() not in words.occasion_nouns]  # "on the eve of"
        if not objs:
            return
        p = prep.lower_
        if p == "from" and passive and cand.mode in words.expulsion_modes and self.agent(holder) is None:
            roles.source.extend(objs)  # "two diplomats were expelled from Britain": Britain expels
        elif p == "with" and all(o.lemma_.lower() in words.manner_with_nouns for o in objs):
            return  # "with immediate effect": a manner, no party
        elif p == "with" and cand.event == "THREATEN" and holder.lemma_.lower() in words.threatening_verbs:
            roles.means.extend(objs)  # "threatened Budapest with a funding freeze": what is threatened
        elif p == "with" and holder.lemma_.lower() in words.furnishing_verbs:
            roles.means.extend(objs)  # "supplied Syria with jets": what is given, no partner
        elif p == "with" and any(self._instrument(o) for o in objs):
            roles.means.extend(objs)  # "hit X with artillery and air strikes": how, not with whom
        elif p == "with" and cand.entry.context == "legal":
            roles.topic.extend(objs)  # "charged with rioting": the offence, not an accomplice
        elif p == "with" and words.with_recipient_words & {
                t.lemma_.lower() for t in (holder, cand.noun) if t is not None}:
            roles.recipient.extend(objs)  # "expressed solidarity with Uganda": Uganda receives it
        elif p in words.partner_preps:
            roles.partner.extend(objs)
        elif p == "of" and holder == cand.noun and cand.noun.lemma_.lower() in words.patient_nouns:
            roles.recipient.extend(objs)  # "the release of X", "the arrest of X"
        elif p == "from" and cand.event in SOURCE_EVENTS and any(s.lower_ == "to" for s in holder.children):
            roles.source.extend(objs)
        elif p == "for" and (cand.event in ("SUPPORT", "AID", "SANCTION") or cand.event == "COERCE" and (
                holder == cand.noun or holder.lemma_.lower() in words.pursuit_verbs)):
            roles.recipient.extend(objs)  # "support for X", "aid for X", "a warrant for X", "searching for X"
        elif p in words.recipient_preps:
            if p in ("on", "into") and cand.event in TOPICAL:
                roles.topic.extend(objs)  # "shared intelligence on X", "talks on trade": a topic
            else:
                roles.recipient.extend(objs)

    def _occurrence_between(self, cand) -> list:
        """'Clashes erupted between police and protesters', 'fighting broke out between the army
        and rebels': the parser hangs 'between' on the verb that says the event noun happened
        ([triggers] occurrence_verbs); those it names are the noun's own parties. Only for a
        noun with no 'between' or 'among' of its own."""
        noun = cand.token
        if cand.noun != noun or noun.dep_ != "nsubj" or noun.head.lemma_.lower() not in self.words.triggers.occurrence_verbs:
            return []
        preps = ("between", "among")
        if any(c.dep_ == "prep" and c.lower_ in preps for c in noun.children):
            return []
        return [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ in preps]

    def _holds_event_noun(self, token, noun) -> bool:
        """'a package (tranche, round) of sanctions' around the event noun; 'two days of drills' is a time."""
        return token.lemma_.lower() in self.words.triggers.quantity_nouns and not is_temporal(token) and any(
            p.dep_ == "prep" and p.lower_ == "of" and noun in p.children for p in token.children)

    def _instrument(self, token) -> bool:
        """A weapon or an attack, not a party: "with artillery", "with air strikes"."""
        if token.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            return False
        return self.lex.is_event_noun(token) or any(
            t.lemma_.lower() in self.words.roles.instrument_nouns for t in (token, *token.children, *token.conjuncts))

    def _commented(self, cand, holders) -> set:
        """The objects that name a hostile act the trigger only comments on ("condemned the
        attack on the embassy"): what that act hit is not who receives the comment."""
        return {c.i for h in holders for c in h.children
                if c.dep_ == "dobj" and comments_on(self.lex, self.words, h, c)}

    @staticmethod
    def _inner_recipients(cand, holders, skip: set = frozenset()) -> list:
        """Targets named by the object's own prepositions: "lift the ban on the UK",
        "called for sanctions against X", "recalled its envoy from X", "approved a loan for
        Ethiopia" (not those of the objects in `skip`)."""
        inner = []
        for holder in holders:
            for c in holder.children:
                if c.i in skip:
                    continue
                if c.dep_ in ("dobj", "nsubjpass") and c != cand.noun:
                    inner.append(c)
                elif c.dep_ == "prep" and c.lower_ in ("for", "of"):  # "called for sanctions against X"
                    inner.extend(g for g in c.children if g.dep_ == "pobj")
        topic = ("on", "into") if cand.event in TOPICAL else ()
        out = []
        for c in inner:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in ("on", "against", "to", "with", "into") and p.lower_ not in topic:
                    out.extend(g for g in p.children if g.dep_ == "pobj")
                elif p.dep_ == "prep" and p.lower_ == "for" and cand.event in ("AID", "SUPPORT"):
                    # "approved a loan for Ethiopia", "pledged support for Hungarian NGOs"
                    out.extend(g for g in p.children if g.dep_ == "pobj")
                elif p.dep_ == "prep" and p.lower_ == "from" and cand.event in ("SANCTION", "RETREAT"):
                    # "recalled its envoy from X" (a named place or actor, not "from jail")
                    out.extend(g for g in p.children if g.dep_ == "pobj" and g.ent_type_)
        return out

    def _owners_of_objects(self, cand, holders, passive: bool) -> list:
        """Whose act the object is, when the object is an act: "rejected Beijing's demand",
        "dismissed a U.S. suggestion" (the demand's and the suggestion's authors receive);
        whose act is asked for: "called for Beijing's cooperation", "demanded Israel's withdrawal"."""
        if passive or cand.event not in self.words.roles.owner_events:
            return []
        out = []
        for holder in holders:
            objects = self._objects_of(holder)
            if holder == cand.noun == cand.token:
                # "Israel's rejection of Hamas's demands", "the refusal of a request from Kyiv":
                # an event noun's 'of' is its object
                objects += [g for c in holder.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"]
            if cand.event == "REQUEST":  # "called for Beijing's cooperation": Beijing is asked
                objects += [g for c in holder.children if c.dep_ == "prep" and c.lower_ == "for"
                            for g in c.children if g.dep_ == "pobj"]
            for c in objects:
                if c == cand.noun or not self.lex.is_event_noun(c):
                    continue
                out.extend(m for m in c.children if m.dep_ == "poss" and m.pos_ != "PRON"
                           or m.dep_ in ("compound", "amod") and m.ent_type_ in ("GPE", "NORP", "ORG")
                           # "rejecting opposition calls for his dismissal", "union demands"
                           or m.dep_ == "compound" and not m.ent_type_ and (
                               sectors.lookup(m.lemma_) is not None or names_people(m, self.words.agents.people)))
                # "rejected a request from Beijing", "accepted the demands by protesters"
                out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ in ("by", "from")
                           for g in p.children if g.dep_ == "pobj")
        return out

    @staticmethod
    def _sum_recipients(verb) -> list:
        """Whom a sum given or pledged is for: "pledged 2 billion yuan in grants to Laos",
        "gave $4.5 billion in loans to Ukraine", "pledged 12 billion dollars for Ukraine
        reconstruction" (the sum's own 'to'/'for', or those of what it is in: 'in grants')."""
        sums = [c for c in verb.children if c.dep_ == "dobj" and a_sum(c)]
        if not sums:
            return []
        inner = list(sums) + [g for c in sums for g in measured(c)]
        inner += [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "in"
                  for g in p.children if g.dep_ == "pobj"]
        return [g for c in inner for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "for")
                for g in p.children if g.dep_ == "pobj"]

    def _names_party(self, token) -> bool:
        """The word is a name of a party or a word for people ("Beijing", "the protesters")."""
        return token.ent_type_ in PARTY_LABELS or names_people(token, self.words.agents.people)

    def _objects_of(self, verb) -> list:
        """The verb's objects: its direct objects, else the object the parser hung elsewhere
        (`shifted_objects`, `_named_objects`); 'what' is never one itself."""
        return ([c for c in verb.children if c.dep_ in ("dobj", "obj") and c.tag_ != "WP"]
                or shifted_objects(verb) + self._named_objects(verb))

    def _named_objects(self, verb) -> list:
        """What the object is called when the object is 'what': "condemned what it called India's
        illegal steps", "condemned what he described as their disregard for civilian life"
        ([roles] naming_verbs; the parser makes 'what' the object of the naming clause)."""
        out = []
        for c in verb.children:
            if c.dep_ != "ccomp" or c.lemma_.lower() not in self.words.roles.naming_verbs:
                continue
            if not any(w.dep_ == "dobj" and w.tag_ == "WP" for w in c.children):
                continue
            out.extend(g for g in c.children if g.dep_ == "oprd")
            out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ == "as"
                       for g in p.children if g.dep_ == "pobj")
        return out

    def _helped(self, verb) -> list:
        """Whom aid or a pledge is for, said by its purpose: "donated $1 million to help Palau
        rebuild a hospital", "pledged to provide $4.5 billion to help Ukraine", "to help rebuild
        Ukraine's power grid" ([roles] helping_verbs; also after the verb of what is pledged)."""
        out = []
        for head in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
            for c in head.children:
                if c.dep_ not in ("advcl", "xcomp") or c.lemma_.lower() not in self.words.roles.helping_verbs or not with_to(c):
                    continue
                for g in c.children:
                    if g.dep_ == "dobj":
                        out.append(g)
                    elif g.dep_ in ("ccomp", "xcomp"):  # "help Palau rebuild": the parser's subject
                        subj = [s for s in g.children if s.dep_ == "nsubj"]
                        # "help rebuild Ukraine's power grid": whose the thing rebuilt is
                        out.extend(subj or (p for o in g.children if o.dep_ == "dobj" for p in o.children
                                            if p.dep_ == "poss" and p.ent_type_ in ("GPE", "NORP", "ORG")))
        return out

    def _participle_agents(self, obj) -> list:
        """Who made a thing or an act that is the object: "accepted the conditions set by the
        EU", "rejected the plan drawn up by Kigali". Not when the object names people: in
        "condemned the men arrested by police" the police are not the ones condemned."""
        if self._names_party(obj):
            return []
        return [g for a in obj.children if a.dep_ == "acl" and a.tag_ == "VBN"
                for p in a.children if p.dep_ == "agent" for g in p.children if g.dep_ == "pobj"]

    def _callees(self, verb) -> list:
        """Whom a call was made to, for the call's purpose: "phoned Macron to discuss trade"
        (the call itself is only the vehicle of the discussion)."""
        head = verb.head
        if verb.dep_ not in ("xcomp", "advcl") or head.lemma_.lower() not in self.words.roles.callee_verbs:
            return []
        return [c for c in head.children if c.dep_ in ("dobj", "dative")
                or c.dep_ == "oprd" and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]

    def _condition_subjects(self, cand) -> list:
        """A threat's target is whoever must act for it to be carried out: "warned it would
        retaliate if Washington sent a carrier" -> Washington ("if provoked" names nobody)."""
        marks = self.words.roles.condition_marks
        heads = [cand.token, *(c for c in cand.token.children if c.dep_ in ("ccomp", "xcomp"))]
        if cand.content is not None and cand.content not in heads:  # "threatened ... to block it unless ..."
            heads.append(cand.content)
        for head in heads:
            for c in head.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                    subj = [g for g in c.children if g.dep_ == "nsubj" and g.pos_ != "PRON"]
                    if subj:
                        return subj
        return []

    def _across_border(self, verb) -> list:
        """The country across the border a force is moved to or along: 'massed troops along its
        border with Guyana', 'near the Lebanese border' (`[roles] border_nouns`)."""
        out = []
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]  # 'massed troops along its border'
        for p in (*verb.children, *(p for o in objects for p in o.children)):
            if p.dep_ not in ("prep", "dative"):
                continue
            for g in p.children:
                if g.dep_ != "pobj" or g.lemma_.lower() not in self.words.roles.border_nouns:
                    continue
                for c in g.children:
                    if c.dep_ == "prep" and c.lower_ == "with":
                        out.extend(h for h in c.children if h.dep_ == "pobj" and h.ent_type_ in ("GPE", "NORP"))
                    elif c.dep_ in ("amod", "compound") and c.ent_type_ in ("GPE", "NORP"):
                        out.append(c)
        return out

    def _commitment_roles(self, cand, roles: Roles) -> None:
        """The content of a commitment or request: "threatened to close borders with X",
        "called on X to ...", "offered to host the talks"."""
        if cand.noun is not None and cand.event == "REQUEST" and cand.content is None:
            # "renewed calls for the minister to resign": the one the call asks to act
            asked = noun_content(cand.noun, self.words.triggers.content_nouns)
            if asked is None or roles.recipient:
                return
            # its own subject, else the 'for' or 'to' phrase the parser split from it
            subj = [g for g in asked.children if g.dep_ == "nsubj"] or [
                g for g in (asked_for(cand.noun, asked),) if g is not None]
            roles.recipient = subj
            return
        if cand.content is None or cand.entry.cls != "commit":
            return
        if cand.event in ("REQUEST", "ACCUSE"):  # "said Y must ...", "said Y was to blame"
            judged = extraposed(cand.content)  # "said it was unacceptable for the ministry to ...": the ministry
            subj = [g for g in (judged or cand.content).children if g.dep_ == "nsubj"]
            if subj and not any(c.dep_ == "dobj" and c.ent_type_ for c in cand.token.children):
                roles.recipient = subj + [r for r in roles.recipient if r.dep_ == "pobj"]
        if not any(not is_temporal(r) for r in roles.recipient + roles.partner):  # "threatened on Friday to ..."
            roles.recipient.extend(self._content_targets(cand))

    def _relative_object(self, obj, verb):
        """A relative pronoun as the object of a relative clause stands for the noun the clause
        is about: 'two companies that Brussels accuses of making drone parts', 'the military,
        which they accuse of bombing villages', 'officers, whom it promised to treat well'.
        The pronoun itself names no one, so the act had had no recipient."""
        if obj.lower_ not in self.words.arguments.relative_pronouns or obj.i > verb.i:
            return obj
        clause = verb
        while clause.dep_ in ("xcomp", "ccomp") and clause.head.i > obj.i:  # "whom it promised to treat"
            clause = clause.head
        if clause.dep_ != "relcl":
            return obj
        # only a party: a thing ('a decision that the opposition denounced', 'the treaty, which
        # they signed') or a noun the parser hung the clause on wrongly ('drills earlier this
        # month, which Moscow criticised') is no recipient
        noun = self._antecedent(clause.head)
        if noun.ent_type_ in PLACE_OR_LAW or noun.lemma_.lower() in self.words.roles.document_nouns:
            return obj  # 'the violence in Leh, which the government blamed on him', 'the law, which ...'
        return noun if self._names_party(noun) or sectors.lookup(noun.lemma_) is not None else obj

    def _content_targets(self, cand) -> list:
        out = []
        hiring = cand.content.lemma_.lower() in self.words.roles.hiring_verbs
        for g in cand.content.children:
            if hiring and g.dep_ == "dobj":
                continue  # "pledged to hire 600 people": the people are no party to the pledge
            if g.dep_ == "nsubj" and cand.event == "REQUEST":
                out.append(g)
            elif g.dep_ == "dative" and g.pos_ != "ADP" and cand.event in ("THREATEN", "REJECT", "AGREE"):
                out.append(g)  # "pledged to give Ukraine 0.25 percent of its GDP": the one given to
            elif g.dep_ == "dobj" and cand.event in ("THREATEN", "REJECT", "AGREE") and (
                not self.lex.is_event_noun(g)
                or any(d.dep_ == "det" and d.lower_ in ("the", "this", "that", "these") for d in g.children)
            ):  # "offered to host the talks": the talks' parties (resolved after coding)
                out.append(self._relative_object(g, cand.content))
            elif g.dep_ == "dobj" and cand.event in ("THREATEN", "REJECT", "AGREE"):
                # "threatened to impose a tariff on Chinese goods": the act's own target
                out.extend(h for p in g.children if p.dep_ == "prep" and p.lower_ in self.words.roles.recipient_preps
                           for h in p.children if h.dep_ == "pobj")
            elif g.dep_ == "prep" and (g.lower_ in self.words.roles.recipient_preps
                                       or g.lower_ in self.words.roles.partner_preps):
                out.extend(h for h in g.children if h.dep_ == "pobj")
        return out

    def _antecedent(self, noun):
        """'X are among the countries that ...', 'X is the only country that ...': X."""
        if noun.lemma_.lower() in self.words.arguments.generic_antecedents:
            head = noun.head
            if noun.dep_ == "pobj" and head.dep_ == "prep":
                head = head.head
            if noun.dep_ in ("attr", "pobj") and head.lemma_ == "be":
                subj = [c for c in head.children if c.dep_ == "nsubj"]
                if subj:
                    return subj[0]
        return noun


def listed_with(subject) -> list:
    """The other names a headline lists with its subject, with commas alone, from the start
    of the sentence to the verb: "Australia, Japan sign deal", "Kishida, Yoon pledge closer
    ties", "Indonesia, Australia to hold talks", which the parser does not join (it may take
    one for an apposition, a compound or a clause of its own). A dateline in capitals is no
    party ("NAIROBI, Kenya"); a short acronym is ("US, UK strike ...")."""
    doc, sent = subject.doc, subject.sent
    verb = next((t for t in doc[subject.i + 1 : sent.end] if t.pos_ in ("VERB", "AUX")
                 or (t.lower_ == "to" and t.pos_ == "PART")), None)
    if verb is None:
        return []
    pieces: list[list] = [[]]
    for t in doc[sent.start : verb.i]:
        if t.text == "," or (t.lower_ == "and" and len(pieces) > 1):
            if not pieces[-1]:
                return []
            pieces.append([])
        else:
            pieces[-1].append(t)
    if len(pieces) < 2 or not pieces[-1]:
        return []
    ents = {(e.start, e.end) for e in sent.ents if e.label_ in LISTED_LABELS and not e.text.isupper()}
    listed = []
    for piece in pieces:
        if subject in piece:
            continue
        named = (piece[0].i, piece[-1].i + 1) in ents or all(
            t.pos_ == "PROPN" and t.text[:1].isupper() and (not t.text.isupper() or len(t.text) <= 3) for t in piece)
        if not named:
            return []
        listed.append(next((t for t in piece if t.head not in piece), piece[-1]))
    return listed


def _own_agent(noun, receiving_verbs: frozenset[str]):
    """The agent an event noun names itself: its possessor, "by X", "from X" (when received:
    "faced criticism from X", "received backing from X", where 'from' may hang on the verb)."""
    for c in noun.children:
        if c.dep_ == "poss" and c.ent_type_ not in TIME_LABELS:  # "Tuesday's attack" is when, not who
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            agent = [g for g in c.children if g.dep_ == "pobj"]
            if agent:
                return agent[0]
    return received_from(noun, receiving_verbs)


def _infinitive(verb) -> bool:
    """A bare infinitive with 'to': "a plan to withdraw"."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _between(objects, kinds: frozenset[str], preps: tuple[str, ...]) -> list:
    """Those the talks or the deal among `objects` are between ("talks between Israel and
    Hamas": Israel, Hamas), for objects whose lemma is one of `kinds`."""
    return [g for c in objects if c.lemma_.lower() in kinds for g in measured(c, preps)]


def shifted_objects(verb) -> list:
    """The object a judgement moved after its adjective, which the parser hangs on 'as':
    "rejected as absurd Britain's accusation", "rejected as illegal the sanctions imposed by
    Ecowas" (the object of 'rejected', not what it was rejected as). Only for a verb with no
    object of its own, and an adjective right after 'as' that modifies the noun."""
    if any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return []
    out = []
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ != "as":
            continue
        for g in p.children:
            if g.dep_ != "pobj" or g.pos_ not in ("NOUN", "PROPN"):
                continue
            after = [t for t in g.doc[p.i + 1 : g.i] if not t.is_punct]
            if after and after[0].pos_ == "ADJ" and after[0].head in (g, p):
                out.append(g)
    return out


def after_dateline(token, start: int):
    """The parser took the dateline ("BERLIN -- A court in Bavaria ...") for the subject: the
    subject is the phrase after it, hanging from the dateline word (None when there is none).
    Any other token, or None, is returned as it is."""
    if token is None or token.idx >= start:
        return token
    rest = [t for t in token.subtree if t.idx >= start and t.head.idx < start]
    return rest[0] if rest else None
