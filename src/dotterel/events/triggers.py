"""Triggers: the words of a sentence that carry an event, as typed `Candidate`s.

`TriggerFinder.candidates(tokens)` yields one candidate for

- a verb the lexicon knows ("sanctioned", "met"), discounted when it only describes or
  explains ("the coalition fighting rebels", "arrested for collaborating");
- a light verb with an event noun ("held talks", "launched a new round of joint exercises"),
  one candidate per coordinated event noun ("expressed its rejection and condemnation of");
- an event noun with parties of its own ("Russia's invasion", "the India-Japan summit", "the
  killing of a journalist", "a request from Beijing" that is rejected, "backing received from
  X") or as what takes place ("the dialogue, which is expected to take place in April", "remains
  in custody", "agreed after two days of talks");
- a deontic statement ("X maintained that Y must resolve ..."): X requests of Y;
- blame for a harm ("X said Y was responsible for the attack"): X accuses Y.

What a verb governs is consumed: "called for sanctions" is a request, not sanctions; "condemned
the attack" is an accusation, the attack is its object (but "condemned Russia's invasion", an
act with a doer of its own, is coded too; so are the killing a sentence is for and the request
a refusal answers). What a request, offer or threat noun asks is its content ("a request to
allow the ship to dock"). A call or mission sent "to investigate"
gives way to its purpose. `merge_coordinated` joins "will visit the country and meet their
counterparts" into one visit with two trigger words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

from ..actors import sectors
from ..lang import Words
from .domestic import counted, names_people
from .lexicon import (HARM_EVENTS, HARSH_TYPES, PARTY_LABELS, Entry, Lexicon, a_sum, arrived_for, bidden, clause_mark, clause_verb,
                      counted_object, extraposed, in_headline, legal_grounds, measured, meeting_time_adjunct, named_or_titled,
                      past_time_clause, state_verb, trailing_participle, with_to)

WORDS_CONSUMED = ("VERB", "NOUN", "PROPN")  # the parts of speech a governing trigger consumes


@dataclass(slots=True)
class Candidate:
    """A possible event: the trigger word, its lexicon row and the type it proposes."""

    token: object  # the word that governs the clause (verb) or names the event (noun)
    entry: Entry
    event: str
    mode: str | None
    triggers: list = field(default_factory=list)
    noun: object = None  # event noun of a light verb
    weight: float = 0.5
    content: object = None  # the clause a promise, request or statement is about


class TriggerFinder:
    """Trigger candidates of a sentence (see the module docstring), in one language: ``words``
    (`dotterel.lang.words`) gives its word lists (lang/<code>/events.toml, table [triggers])."""

    def __init__(self, lexicon: Lexicon, words: Words):
        self.lex = lexicon
        self.words = words
        self.statements = statement_verbs(words)

    def candidates(self, tokens: list, declined: set[int] | None = None) -> list[Candidate]:
        """The candidates of one sentence's tokens, in order. ``declined``, when given, gathers
        the indices of the words judged to be no event, which no open candidate may reopen: a
        warning that foretells no act, and what it foretells ("warned that fares could soften")."""
        found: list[Candidate] = []
        consumed: set[int] = set()
        content_nouns = self.words.triggers.content_nouns
        for tok in tokens:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in content_nouns:
                continue
            # "a request to allow the ship to dock": the request's content ('the intention to
            # confer a degree' is no content noun: what is planned stays an event to come)
            content = noun_content(tok, content_nouns)
            if content is not None:
                consumed.update(t.i for t in content.subtree if t.pos_ in WORDS_CONSUMED)
            # "calls for his resignation", "demands for the release of the hostages": asked for
            # (only the act asked for: "calls for an inquiry into the killings" leaves the killings)
            consumed.update(t.i for p in tok.children if p.dep_ == "prep" and p.lower_ == "for"
                            for g in p.children if g.dep_ == "pobj" for t in (g, *g.conjuncts))
        for tok in tokens:
            if tok.i not in consumed:
                found.extend(self._at(tok, consumed, declined))
        found = _drop_vehicles(found, self.words.triggers.vehicle_verbs)
        found = _drop_force_purposes(found)
        found = _drop_weapon_launches(found, self.words.roles.instrument_nouns)
        found = _drop_helping_purposes(found, self.words.roles.helping_verbs)
        found = _drop_naming_of_comments(found, self.words.triggers.commented_types)
        found = _drop_names_given(found, self.words.roles.naming_verbs, self.words.triggers.characterising_verbs)
        self._add_deontic_requests(tokens, found)
        self._add_accusing_statements(tokens, found)
        self._add_joint_actions(tokens, found)
        return found

    def _add_joint_actions(self, tokens: list, found: list[Candidate]) -> None:
        """Material cooperation named by what the parties do together: 'are conducting a joint
        feasibility study', 'wrapped up a joint training exercise', 'opened a joint border post'
        (a joint thing made or done by a verb the lexicon does not know, in a main clause;
        [triggers] joint_adjectives, joint_things_not_acts: a joint statement, committee or
        venture is none), and 'have been jointly rebuilding the road' (COOPERATE, CAMEO 06).
        'Together' says too little ('brings together 3,000 delegates', 'together account for')."""
        words = self.words.triggers
        marks = words.joint_adjectives
        taken = {t.i for c in found for t in c.triggers}
        for tok in tokens:
            verb = None
            pos = tok.pos_
            if (pos in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "nsubjpass")
                    and tok.lemma_.lower() not in words.joint_things_not_acts and any(c.lower_ in marks for c in _modifiers(tok))):
                verb, noun = tok.head, tok
            elif pos == "VERB" and any(c.dep_ == "advmod" and c.lower_ in words.joint_adverbs for c in tok.children):
                verb, noun = tok, None
            if verb is None or verb.pos_ != "VERB" or verb.i in taken or (noun is not None and noun.i in taken):
                continue
            if verb.dep_ not in ("ROOT", "conj", "ccomp", "parataxis"):
                continue  # "an offer to jointly develop oil blocks": the offer is the news
            own = self.lex.lookup(verb)
            if own is not None and own.cls != "light":
                continue  # the verb's own event ("suspended joint patrols", "jointly imposed sanctions")
            head = noun if noun is not None else verb
            entry = Entry(head.lemma_.lower(), "N" if noun is not None else "V", "event", "COOPERATE", None, None, None, 0.6)
            trig = [verb, noun] if noun is not None else [verb]
            found.append(Candidate(verb, entry, "COOPERATE", None, trig, noun, 0.6))
            taken.update(t.i for t in trig)

    def _at(self, tok, consumed: set[int], declined: set[int] | None = None) -> list[Candidate]:
        """Candidates triggered by one token (marking what it governs as consumed, and what it
        judged to be no event as ``declined``)."""
        entry = self.lex.lookup(tok)
        if entry is None:
            return []
        if tok.dep_ == "pcomp" and tok.head.lower_ == "from" and \
                tok.head.head.lemma_.lower() in self.words.triggers.preventing_verbs:
            return []  # "restrained the party from expelling its chairman": kept from happening
        if (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i
                and entry.lemma in self.words.triggers.consequence_participles):
            return []  # "attacked the town, forcing thousands to flee": what the act caused
        if warned_prediction(tok, entry, self.words, self.lex):
            # "warned that prices remain high", "that the damage could lead to outbreaks": a
            # statement, not a threat, and what it foretells is a prediction, no event either
            foretold = [t.i for c in _foretold(tok) for t in c.subtree]
            consumed.update(foretold)
            if declined is not None and foretold and tok.pos_ == "VERB":
                # a warning without a foretold clause is left to the classifier: the parser may
                # have hung what it warns of elsewhere ("warned in a video released on Sunday that")
                declined.update((tok.i, *foretold))
            return []
        if entry.pos == "V" and is_ability(tok, self.words):
            return []  # "police can detain suspects for 14 days": a power, not an act
        if is_tally(tok, entry.event, self.words):
            return []  # "deported more than 270,000 Haitians last year": a statistic
        if entry.pos in ("V", "A"):
            if entry.cls == "off":  # "met rising demand": no meeting, and the demand is no request
                noun = self._event_object(tok)
                consumed.update(n.i for n in ((noun, *noun.conjuncts) if noun is not None else ()))
                return []
            if entry.cls == "light":
                return self._light(tok, entry, consumed)
            if entry.cls in ("event", "commit"):
                return [self._verb(tok, entry, consumed)]
            return []
        if entry.cls == "event" and (self.noun_is_event(tok) or self._meeting_before(tok, entry)
                                     or self._reacted_to(tok, entry)):
            return [Candidate(tok, entry, entry.event, entry.mode, [tok], tok, entry.weight * 0.9)]
        return []

    def _reacted_to(self, noun, entry: Entry) -> bool:
        """'arrested 14 people over a mob attack', 'imposed a curfew after clashes', 'amid
        protests', 'ahead of a planned protest': an attack or protest that the clause reacts to,
        new to the story (no definite or demonstrative determiner; [triggers]
        reacted_act_prepositions, reacted_act_types)."""
        words = self.words.triggers
        if entry.event not in words.reacted_act_types or noun.dep_ != "pobj":
            return False
        counted = counted_object(noun, words.quantity_nouns)  # "after a week of protests"
        if counted is None:
            return False
        frame, prep = counted
        said = prep.lower_
        if said == "of" and prep.head.lower_ == "ahead":
            said = "ahead of"
        if prep.dep_ != "prep" or said not in words.reacted_act_prepositions:
            return False
        return not any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in (*noun.children, *frame.children))

    def _meeting_before(self, noun, entry: Entry) -> bool:
        """'agreed to a ceasefire after talks in Kuala Lumpur', 'after two days of talks',
        'during talks with Modi': a meeting that the clause's news followed or happened in took
        place ([triggers] meeting_time_prepositions)."""
        words = self.words.triggers
        return entry.event == "CONSULT" and meeting_time_adjunct(noun, words.quantity_nouns,
                                                                  words.meeting_time_prepositions)

    def _light(self, tok, entry: Entry, consumed: set[int]) -> list[Candidate]:
        noun = self._event_object(tok)
        if noun is None:
            return [Candidate(tok, entry, entry.event, entry.mode, [tok], None, entry.weight)] if entry.event else []
        out = []
        # "expressed its rejection and condemnation of": one event per event noun
        for n in [noun, *(c for c in noun.conjuncts if self.lex.is_event_noun(c))]:
            nentry = self.lex.lookup(n)
            consumed.add(n.i)
            out.append(Candidate(tok, nentry, nentry.event, nentry.mode, [tok, n], n, max(nentry.weight, 0.6)))
        return out

    def _verb(self, tok, entry: Entry, consumed: set[int]) -> Candidate:
        cand = Candidate(tok, entry, entry.event, entry.mode, [tok], None, entry.weight)
        if tok.dep_ == "acl":  # "the coalition fighting rebels": a description
            cand.weight *= 0.6
        elif tok.dep_ == "relcl":  # "a journalist who had been arrested": background
            cand.weight *= 0.7
        if tok.dep_ == "pcomp" and tok.head.lower_ in ("for", "after", "before", "despite"):
            cand.weight *= 0.5  # "arrested for collaborating": the reason, not the news
        if entry.cls == "commit":
            self._consume_commitment(cand, consumed)
        else:
            self._consume_objects(cand, consumed)
        return cand

    def _consume_commitment(self, cand: Candidate, consumed: set[int]) -> None:
        """What a promise, request or threat is about is not an event of its own; a meeting it
        came after or during ('agreed to a ceasefire after talks in Kuala Lumpur', 'urged India
        to act during talks with Modi') is not what it is about."""
        before = set(consumed)
        self._consume_content(cand, consumed)
        times = self.words.triggers.meeting_time_prepositions
        for t in cand.token.subtree:
            if t.dep_ == "prep" and t.lower_ in times:
                consumed.difference_update(g.i for g in t.subtree if g.i not in before)

    def _consume_content(self, cand: Candidate, consumed: set[int]) -> None:
        """What a commitment asks, promises or threatens (`_consume_asked`), less any participle
        set off by a comma inside it, which tells the sentence's own act."""
        before = set(consumed)
        self._consume_asked(cand, consumed)
        # "asked the council to end the mission, accusing its head of bias": a participle set off
        # by a comma is the sentence's own act, not part of what is asked
        told = {g.i for t in cand.token.subtree if t.i != cand.token.i and trailing_participle(t) is not None
                for g in t.subtree}
        consumed.difference_update(told - before)

    def _consume_asked(self, cand: Candidate, consumed: set[int]) -> None:
        """The words of what a commitment is about: its prepositional objects, its clauses and
        an event noun as its object, less the facts they tell (`_described`)."""
        for c in cand.token.children:
            if c.dep_ == "prep":  # "called for sanctions": asked for, not imposed
                # ... but "agreed to a request from protesters": the request was made
                made = {t.i for g in c.children
                        if g.dep_ == "pobj" and requested_by(self.lex, self.words, g) is not None for t in g.subtree}
                # "demanded the release of three clerics held without charge"
                made |= _described(self.lex, c, self.words.roles.condition_marks)
                consumed.update(g.i for g in c.subtree if g.pos_ in WORDS_CONSUMED and g.i not in made)
            clause = (c.dep_ in ("xcomp", "ccomp") or clause_mark(c) is not None  # "called for X to resign"
                      or _bare_infinitive_clause(c))  # "pleaded with X to release": parsed as a purpose
            if clause or (c.dep_ == "dobj" and self.lex.lookup(c)):
                told = _described(self.lex, c, self.words.roles.condition_marks)
                consumed.update(t.i for t in c.subtree if t.pos_ in WORDS_CONSUMED and t.i not in told)
                if clause:
                    cand.content = c
        if cand.entry.condition("bidden") is not None:
            # "wanted the coalition to wind down its mission": what is wanted of the coalition
            for _, clause in bidden(cand.token):
                consumed.update(t.i for t in clause.subtree if t.pos_ in WORDS_CONSUMED)
                cand.content = clause

    def _consume_objects(self, cand: Candidate, consumed: set[int]) -> None:
        """'condemned the attack': the attack is what is condemned."""
        for c in cand.token.children:
            if c.dep_ == "prep" and c.lower_ == "for":  # "called for sanctions against X"
                # "sentenced him for the killing of a student", "blamed Iran for the attacks on two
                # tankers": the killing and the attacks happened too
                grounds = cand.event in ("COERCE", "ACCUSE") or cand.entry.context == "legal"
                consumed.update(g.i for g in c.children if g.dep_ == "pobj" and not (
                    grounds and (names_victim(self.lex, self.words, g) or names_target(self.lex, self.words, g))))
            if c.dep_ == "prep" and c.lower_ in ("of", "for") and self._accuser_named(cand):
                # "accused the army of torturing detainees": the act alleged
                # (a clause describing one of its nouns tells a fact: "backing rebels who attacked a town")
                for g in c.children:
                    if g.dep_ == "pcomp" and g.tag_ == "VBG":
                        told = {t.i for r in g.subtree if r.dep_ == "relcl" for t in r.subtree}
                        consumed.update(t.i for t in g.subtree if t.pos_ in WORDS_CONSUMED and t.i not in told)
            if c.dep_ == "prep" and c.lower_ in ("on", "over"):  # "jailed on charges of": the grounds
                consumed.update(g.i for g in c.children if g.dep_ == "pobj" and self.lex.is_legal(g))
            if c.dep_ == "xcomp" and c.tag_ == "VBG":  # "stopped importing gas"
                consumed.update(t.i for t in c.subtree if t.pos_ in WORDS_CONSUMED)
            if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN"):
                if self.reports_act(cand.token, c) or self.answers(cand.token, c) or self.broke_out(c):
                    continue  # "condemned Russia's invasion", "rejected Beijing's request": it happened too
                consumed.add(c.i)
                if self.lex.is_event_noun(c) and cand.entry.event == self.lex.lookup(c).event:
                    cand.triggers.append(c)

    def _accuser_named(self, cand: Candidate) -> bool:
        """An accusing verb ([triggers] accusing_verbs) with its accuser: active, or passive with
        an agent ('was accused by rights groups of ...'), not a suspect described ('a man
        accused of stabbing')."""
        verb = cand.token
        if cand.noun is not None or verb.lemma_.lower() not in self.words.triggers.accusing_verbs:
            return False
        passive = verb.dep_ == "acl" or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        return not passive or any(c.dep_ == "agent" for c in verb.children)

    def reports_act(self, verb, noun) -> bool:
        """Whether `noun`, the object of `verb`, names a hostile act with parties of its own that the
        verb only comments on ('condemned Russia's invasion', 'denounced the attack on the post')."""
        return (noun.dep_ == "dobj" and self.lex.is_event_noun(noun)
                and (_has_own_parties(noun) or names_victim(self.lex, self.words, noun))
                and comments_on(self.lex, self.words, verb, noun))

    def _add_deontic_requests(self, tokens: list, found: list[Candidate]) -> None:
        """'X maintained that Y must resolve ...': X requests of Y."""
        deontic = self.words.triggers.deontic
        speakers = self.words.triggers.first_person
        for tok in tokens:
            if tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ in deontic for c in tok.children):
                if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in speakers for c in tok.children):
                    continue  # "we must act": the speaker's own resolve, asked of no one
                if _speaker_itself(tok, self.statements):
                    continue  # "the ministry said it must adopt countermeasures": its own resolve
                if tok.lemma_.lower() in self.statements and any(
                        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                        for c in tok.children):
                    continue  # "the ministry must confirm that the sergeant was killed": news told, not asked for
                # what Y must do is the request's content, not an event of its own
                self._add_statement(found, tok, "REQUEST", None, absorbed=tok)

    def _add_accusing_statements(self, tokens: list, found: list[Candidate]) -> None:
        """'X said Y was responsible for the attack', 'X says Y is to blame for the deaths', 'X
        said Y bears full responsibility for the deaths': X accuses Y. Only blame for a harm
        counts ('responsible for issuing permits' is a duty).
        'X said the sanctions were illegal': X condemns them (whose they are is the recipient);
        'X said the decision was appropriate': X supports it."""
        words = self.words.triggers
        for tok in tokens:
            if tok.dep_ == "ccomp" and tok.pos_ in ("VERB", "AUX") and not any(c.dep_ == "neg" for c in tok.children) and (
                    self._wrong_committed(tok) or self._vote_rigged(tok)):
                # 'X said the bloc had ignored its concerns': X accuses the bloc
                self._add_statement(found, tok, "ACCUSE", "allege", absorbed=tok)
                continue
            if tok.lemma_.lower() in words.blame_bearing_verbs and tok.pos_ in ("VERB", "AUX"):
                burden = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in words.blame_nouns), None)
                if burden is not None and not _denied(tok, burden) and any(
                        self._is_harm(g) for h in (tok, burden) for p in h.children
                        if p.dep_ == "prep" and p.lower_ == "for" for g in p.children if g.dep_ in ("pobj", "pcomp")):
                    self._add_statement(found, tok, "ACCUSE", "allege", absorbed=tok)  # 'Y bears responsibility for the deaths'
                continue
            named = self._condemning_noun(tok)
            if named is not None:  # 'X said this was an act of aggression'
                self._add_statement(found, tok, "ACCUSE", None, absorbed=named)
                continue
            if tok.lemma_.lower() != "be":
                continue
            pred = next((c for c in tok.children if c.dep_ in ("acomp", "xcomp")
                         and c.lemma_.lower() in words.blame_predicates), None)
            if pred is not None and any(self._is_harm(g) for p in pred.children if p.dep_ == "prep"
                                        for g in p.children if g.dep_ in ("pobj", "pcomp")):
                self._add_statement(found, tok, "ACCUSE", "allege", absorbed=pred)  # 'to blame' is this accusation
                continue
            behind = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in words.blame_prepositions), None)
            if behind is not None and any(self._is_harm(g) for g in behind.children if g.dep_ == "pobj"):
                self._add_statement(found, tok, "ACCUSE", "allege", absorbed=behind)  # 'Y was behind the attack'
                continue
            # 'X said the sanctions were illegal' condemns them, '... was appropriate' supports
            # it: a judgement in reported speech, unless negated or only asked about ('to
            # consider whether tariffs would be appropriate', 'if it was legal')
            if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in tok.children):
                continue
            for predicates, event in ((words.condemnatory_predicates, "ACCUSE"), (words.laudatory_predicates, "SUPPORT")):
                pred = next((c for c in tok.children if c.dep_ == "acomp" and c.lemma_.lower() in predicates), None)
                if pred is not None and not any(c.dep_ == "neg" for t in (tok, pred) for c in t.children):
                    self._add_statement(found, tok, event, None, absorbed=pred)
                    judged = extraposed(tok)
                    if judged is not None and judged.lemma_.lower() in words.wrongdoing_verbs:
                        # "it is shameful for the council to ignore the tally": the wrong is
                        # what the judgement condemns, no event of its own
                        found[:] = [c for c in found if c.token != judged]
                    break

    def _condemning_noun(self, verb):
        """The wrong a clause names its subject ('this is an act of aggression', 'the remarks
        amounted to interference', 'this constitutes a violation': [triggers] condemnatory_nouns,
        as what 'be' or one of equating_verbs equates it with, or what one of act_words is of),
        or None; not when negated ('this is not a provocation', 'no violation')."""
        words = self.words.triggers
        lemma = verb.lemma_.lower()
        if lemma == "be":
            names = [c for c in verb.children if c.dep_ == "attr"]
        elif lemma in words.equating_verbs and verb.pos_ == "VERB":
            names = [c for c in verb.children if c.dep_ == "dobj"] + [
                g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
        else:
            return None
        if _denied(verb):
            return None
        for name in names:
            if _denied(name):
                return None
            of = [g for p in name.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"] if name.lemma_.lower() in words.act_words else []
            if any(w.lemma_.lower() in words.condemnatory_nouns for w in (name, *of)):
                return name
        return None

    def _wrong_committed(self, verb) -> bool:
        """'the bloc had ignored its concerns', 'soldiers had committed abuses': a wrong done by a
        party ([triggers] wrongdoing_verbs; committing_verbs with one of committed_wrongs)."""
        words = self.words.triggers
        lemma = verb.lemma_.lower()
        wrong = lemma in words.wrongdoing_verbs or lemma in words.committing_verbs and any(
            c.dep_ == "dobj" and c.lemma_.lower() in words.committed_wrongs and not _denied(c)
            for c in verb.children)  # "had committed no crime": none
        return wrong and any(c.dep_ == "nsubj" and _is_party(self.words, c) for c in verb.children)

    def _vote_rigged(self, verb) -> bool:
        """'the vote had been stolen', 'the ruling party rigged the election': a vote or its count
        stolen or falsified ([triggers] rigging_verbs, rigged_things), by whomever."""
        words = self.words.triggers
        return verb.lemma_.lower() in words.rigging_verbs and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words.rigged_things for c in verb.children)

    def _add_statement(self, found: list[Candidate], content, event: str, mode: str | None, absorbed) -> None:
        """A candidate for the statement that governs `content` ('X said ...'), of `event` type;
        the candidate at `absorbed` becomes part of it."""
        gov = statement_governor(content, self.statements)
        if gov is None and event == "ACCUSE":
            gov = attribution(content, self.words.roles.attribution_words)  # 'according to the army, ...'
        if gov is None or any(c.token == gov for c in found):
            return
        entry = Entry(gov.lemma_, "V", "commit", event, mode, None, None, 0.6)
        found[:] = [c for c in found if c.token != absorbed]
        found.append(Candidate(gov, entry, event, mode, [gov], None, 0.6, content=content))

    def answers(self, verb, noun) -> bool:
        """Whether `verb` answers a request, accusation, offer or threat that `noun` names and
        whose maker is named: 'rejected Beijing's request', 'refused a request from Beijing'
        ([triggers] answered_act_types, [roles] answering_verbs)."""
        act = self.lex.lookup(noun)
        answered = noun.dep_ == "dobj" or (taken_as(noun) and noun.head.head == verb)
        return (answered and verb.lemma_.lower() in self.words.roles.answering_verbs
                and act is not None and act.cls == "event" and act.event in self.words.triggers.answered_act_types
                and (_has_own_parties(noun) or any(c.dep_ == "prep" and c.lower_ == "from" for c in noun.children)))

    def _is_harm(self, tok) -> bool:
        return is_harm(self.lex, self.words, tok)

    def _event_object(self, verb):
        """The event noun a light verb governs: "held talks", "a new round of joint exercises"."""
        for c in verb.children:
            found = self._event_object_at(verb, c)
            if found is not None:
                return found
        return None

    def _event_object_at(self, verb, c):
        is_event = self.lex.is_event_noun
        quantity = c.lemma_.lower() in self.words.triggers.quantity_nouns
        if c.dep_ in ("dobj", "nsubjpass") and (quantity or a_sum(c)):
            # "a new round of joint exercises", "$315 million in humanitarian aid"
            found = next((g for g in measured(c, ("of",) if quantity else ("in", "of")) if is_event(g)), None)
            if found is not None:
                return found
        if c.dep_ in ("dobj", "nsubjpass", "attr", "obj") and is_event(c):
            return c
        if c.dep_ == "prt":
            return next((g for g in verb.children if g.dep_ == "dobj" and is_event(g)), None)
        if c.dep_ == "prep" and c.lower_ in ("out", "on", "in"):
            return next((g for g in c.children if g.dep_ == "pobj" and is_event(g)), None)
        return None

    def noun_is_event(self, noun) -> bool:
        """An event noun counts only with parties of its own or as what takes place."""
        if noun.dep_ in ("compound", "amod") or _in_idiom(noun, self.words.triggers.prepositional_idioms):
            return False
        if _names_a_thing(noun) and getattr(self.lex.lookup(noun), "event", None) in NAMED_THINGS:
            return False  # "the Canada-United States-Mexico Agreement is due for review", "Ludhiana Central Jail"
        if leaves_custody(self.lex, self.words, noun):
            return False  # "released 22 fishermen from a Karachi jail": the release is the event
        if noun.lemma_.lower() in self.words.roles.wound_nouns:
            return True  # "found a man with gunshot wounds": its lexicon row named the weapon
        if _has_own_parties(noun) or names_victim(self.lex, self.words, noun):
            return True
        if noun.dep_ == "nsubj" and noun.lemma_.lower() in self.words.triggers.blaze_nouns:
            return False  # "a fire broke out in a clinic": a blaze, not gunfire ("Israeli fire" has its party)
        if self.answers(noun.head.head if taken_as(noun) else noun.head, noun) or requested_by(self.lex, self.words, noun) is not None:
            return True  # "rejected a request from Beijing", "despite repeated requests from Beijing"
        if received_from(noun, self.words.roles.receiving_verbs) is not None:
            return True  # "received strong backing from the United States": its giver is named
        if self._held_for_specific_harm(noun):
            return True  # "charged in connection with a stabbing at a bus shelter"
        for c in noun.children:  # "the dialogue, which is expected to take place in April"
            if c.dep_ in ("relcl", "acl") and any(
                t.lemma_.lower() in ("take", "hold", "happen", "begin", "start", "convene", "occur") for t in c.subtree
            ):
                return True
        if strikes_a_place(noun, self.words.triggers.impact_verbs):
            return True
        if arrived_for(noun, self.lex, self.words.triggers.arrival_verbs) is not None:
            return True  # "arrived in Hanoi for a three-day visit"
        if self.broke_out(noun):
            return True
        return _takes_place(noun, self.words.triggers.frame_nouns, self.words.status.state_prepositions,
                            self.words.triggers.occurrence_verbs)

    def _held_for_specific_harm(self, noun) -> bool:
        """A harm that a legal action holds someone for, named as one act ("charged in connection
        with a stabbing", "arrested over the shooting outside a bar"), took place; a charge's name
        alone ("charged with murder", "on charges of assault") is the offence, not an act."""
        words = self.words
        if not is_harm(self.lex, words, noun) or self.lex.lookup(noun).context == "crime":
            return False  # "over the theft of public funds": a theft held against someone is often a fraud
        if legal_grounds(noun, self.lex, words.roles.grounds_prepositions, words.roles.accused_nouns) is None:
            return False
        return any(c.dep_ == "det" and c.lower_ in words.agents.determiners for c in noun.children)

    def broke_out(self, noun) -> bool:
        """'the killing set off protests across the valley', 'police broke up a protest over
        wages': an attack or protest that a verb of `[triggers] outbreak_verbs` has as its
        object took place."""
        entry = self.lex.lookup(noun)
        words = self.words.triggers
        return (noun.dep_ == "dobj" and noun.head.lemma_.lower() in words.outbreak_verbs
                and entry is not None and entry.event in words.reacted_act_types)

    def merge_coordinated(self, cands: list[Candidate]) -> list[Candidate]:
        """'will visit the country and meet their counterparts': one visit, two trigger words."""
        out: list[Candidate] = []
        for cand in cands:
            tok = cand.token
            if tok.dep_ in ("conj", "xcomp", "advcl"):
                prev = next((c for c in out if c.token == tok.head), None)
                same_family = prev is not None and {prev.event, cand.event} <= {"CONSULT", "AGREE"}
                has_own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
                # "met and agreed to set up a joint force": the agreement is an event of its own
                if same_family and not has_own_subject and "commit" not in (prev.entry.cls, cand.entry.cls):
                    prev.triggers.extend(cand.triggers)
                    continue
            out.append(cand)
        return out


# determiners of what the story has told before ("after the attack", "over these protests")
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


# a possessive that says when ("Tuesday's attack", "last week's raid") names no doer
TIME_LABELS = frozenset({"DATE", "TIME"})


def _modifiers(noun) -> list:
    """A noun's adjectives and compounds, and the adjectives of its compounds ("joint training
    exercise")."""
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound")]
    return mods + [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ == "amod"]


def _has_own_parties(noun) -> bool:
    """'Russia's invasion', 'talks with X', 'the Indo-Japan summit', 'Israeli strikes'."""
    for c in noun.children:
        if c.dep_ == "poss":  # "Tuesday's attack" too: a dated act took place
            return True
        if c.dep_ == "prep" and c.lower_ in ("between", "with", "on", "against", "among", "by"):
            return True
        if c.dep_ in ("compound", "amod") and (c.ent_type_ in ("GPE", "NORP", "ORG") or "-" in c.text):
            return True
        if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN":
            return True
    return False


def noun_content(tok, content_nouns: frozenset[str]):
    """The to-infinitive one of `content_nouns` governs: 'a request to allow the ship to dock',
    'calls for the minister to resign' (the parser's 'for' clause, which it may hang on the verb
    whose object the noun is: 'repeated their demands for the government to scrap the fee'), else
    None."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in content_nouns:
        return None
    own = next((c for c in tok.children if c.dep_ in ("acl", "advcl") and with_to(c)
                and (c.dep_ == "acl" or clause_mark(c) == "for")), None)
    if own is not None or tok.dep_ != "dobj":
        return own
    return next((c for c in tok.head.children if c.dep_ == "advcl" and c.i > tok.i and with_to(c)
                 and (clause_mark(c) == "for" or asked_for(tok, c) is not None)), None)


def asked_for(noun, clause):
    """Who is to act in a call's clause that the parser split from it: 'renewed its call for the
    home minister to resign', 'their appeal to the army to free them' ('for the home minister'
    on the noun, 'to resign' on the verb)."""
    return next((g for p in (*noun.children, *noun.head.children) if p.dep_ == "prep" and p.i > noun.i
                 and p.lower_ in ("for", "to")
                 for g in p.children if g.dep_ == "pobj" and g.right_edge.i + 2 == clause.i), None)


def received_from(noun, receiving_verbs: frozenset[str]):
    """The giver of what `noun` names when the noun is received from a named party ("received
    backing from X", "faced criticism from X"; 'from' may hang on the verb; "won the backing of
    ASEAN ministers", "won the support of the European Union": 'of' a name after 'the'), else
    None."""
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in receiving_verbs:
        return None
    for c in [*noun.children, *noun.head.children]:
        if c.dep_ == "prep" and c.lower_ == "from":
            src = [g for g in c.children if g.dep_ == "pobj"]
            if src:
                return src[0]
    if any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj" and _named_party(g)), None)
    return None


def _named_party(token) -> bool:
    """A name of a person, group, organisation or country, or a noun a name qualifies ("ASEAN
    foreign ministers"); unlike `_is_party`, no bare word for people ("the backing of voters"
    names whose backing it is less surely than a name does)."""
    return token.ent_type_ in PARTY_LABELS or any(
        c.dep_ in ("compound", "amod", "nmod", "poss") and c.ent_type_ in PARTY_LABELS for c in token.children)


def requested_by(lex: Lexicon, words: Words, noun):
    """The maker a request, accusation, offer or threat noun names after 'from' ("repeated
    requests from Beijing", "a plea from his children"), or None ([triggers]
    answered_act_types)."""
    act = lex.lookup(noun)
    if act is None or act.cls != "event" or act.event not in words.triggers.answered_act_types:
        return None
    return next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                 for g in c.children if g.dep_ == "pobj" and _is_party(words, g)), None)


def is_harm(lex: Lexicon, words: Words, tok) -> bool:
    """A harm one can be blamed for: 'the attack', 'the deaths', 'killing civilians'."""
    if tok.lemma_.lower() in words.triggers.harm_nouns:
        return True
    entry = lex.lookup(tok)
    return entry is not None and entry.cls == "event" and entry.event in HARM_EVENTS


def names_victim(lex: Lexicon, words: Words, noun) -> bool:
    """'the killing of a journalist', 'the murder of two women', 'the arrest of a reporter': an
    ASSAULT or COERCE noun among `[roles] patient_nouns` whose 'of' names a person or group has a
    party of its own, the one harmed ('the shooting of a film' has none); an ASSAULT's may
    name a place it hit ('the bombing of a police checkpoint': `_is_hit`)."""
    entry = lex.lookup(noun)
    if (entry is None or entry.event not in HARM_EVENTS
            or noun.lemma_.lower() not in words.roles.patient_nouns):
        return False
    hit = _is_hit if entry.event == "ASSAULT" else _is_party  # "the bombing of a police checkpoint"
    return any(c.dep_ == "prep" and c.lower_ == "of"
               and any(g.dep_ == "pobj" and hit(words, g) for g in c.children) for c in noun.children)


def names_target(lex: Lexicon, words: Words, noun) -> bool:
    """'the attack on a police post', 'Tuesday's raid against the rebels': an ASSAULT or COERCE
    noun whose 'on' or 'against' ([roles] target_prepositions) names a party or a place hit (the
    parser's place, or one of [roles] struck_places) has the one hit as its party, as 'the post
    was attacked' does ('the attack on democracy' names none)."""
    entry = lex.lookup(noun)
    if entry is None or entry.event not in HARM_EVENTS:
        return False
    return any(c.dep_ == "prep" and c.lower_ in words.roles.target_prepositions
               and any(g.dep_ == "pobj" and _is_hit(words, g) for g in c.children)
               for c in noun.children)


def _is_hit(words: Words, token) -> bool:
    """The word names a party or a place an attack can hit: the parser's place or facility, or
    one of [roles] struck_places ("a police post", "the embassy")."""
    return (_is_party(words, token) or token.ent_type_ in ("LOC", "FAC")
            or token.lemma_.lower() in words.roles.struck_places)


def leaves_custody(lex: Lexicon, words: Words, noun) -> bool:
    """'released from a Karachi jail', 'escaped from prison', 'freed from house arrest': a
    custody noun (COERCE, mode arrest) after `[triggers] left_state_prepositions` names the
    state someone leaves; it holds no detention of its own (a place before it, 'a Karachi
    jail', is where, not who). An arrest with its own 'of' ('charges stemming from the arrest
    of a protester') did happen."""
    entry = lex.lookup(noun)
    return (noun.dep_ == "pobj" and noun.head.lower_ in words.triggers.left_state_prepositions
            and entry is not None and entry.event == "COERCE" and entry.mode == "arrest"
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children))


def _is_party(words: Words, token) -> bool:
    """The word names a person, a group or an organisation: a name, a word for people, or a
    title or role of the sector table ("the killing of a judge", "the arrest of two diplomats"),
    or a count of such ("the arrest of 40 of its members", "the killing of dozens of villagers")."""
    return (named_or_titled(token) or names_people(token, words.agents.people)
            or token.lower_ in words.arguments.sector_by_head
            or any(_is_party(words, g) for g in counted(token, words.agents.quantity_heads)))


def comments_on(lex: Lexicon, words: Words, verb, noun) -> bool:
    """Whether `verb` criticises or praises a hostile act that `noun` names ('condemned the
    attack'): its doer is never the one who comments ([triggers] commenting_events,
    commented_act_types)."""
    entry, act = lex.lookup(verb), lex.lookup(noun)
    return (entry is not None and act is not None and entry.event in words.triggers.commenting_events
            and act.event in words.triggers.commented_act_types)


def strikes_a_place(noun, impact_verbs: frozenset[str]) -> bool:
    """'Kenya has been rocked by protests', 'strikes paralysed the capital': the event happens."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "agent":
        head = head.head
    elif noun.dep_ != "nsubj":
        return False
    return head.lemma_.lower() in impact_verbs


def _takes_place(noun, frame_nouns: frozenset[str], state_prepositions: frozenset[str] = frozenset({"in"}),
                 occurrence_verbs: frozenset[str] = frozenset({"begin", "start", "take"})) -> bool:
    """The noun's place in its clause says the event happens: 'talks began', 'protests erupted',
    'attend the summit', 'was held'."""
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_.lower() in occurrence_verbs:
        return True
    if noun.dep_ == "nsubjpass" and head.lemma_.lower() in ("take", "be", "begin", "start", "end", "hold", "open", "conclude"):
        return True
    if noun.dep_ == "dobj" and head.lemma_.lower() in ("attend", "host", "join", "boycott", "skip"):
        return True
    if noun.dep_ != "pobj":
        return False
    if state_verb(noun, state_prepositions) is not None:
        return True  # "we are in talks", "nurses are on strike", "remains in custody"
    if head.lower_ in ("at", "during", "on") and noun.head.head.pos_ in ("VERB", "AUX"):
        return any(c.dep_ in ("compound", "amod", "nummod") for c in noun.children)
    return head.lower_ == "of" and head.head.lemma_.lower() in frame_nouns  # "the possibility of co-development"


def _in_idiom(noun, idioms: frozenset[str]) -> bool:
    """The noun is the middle of a prepositional idiom ("in aid of trade protectionism": for
    the sake of, no aid)."""
    if noun.dep_ != "pobj" or not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return False
    return f"{noun.head.lower_} {noun.lower_} of" in idioms


def _described(lex: Lexicon, content, condition_marks: frozenset[str]) -> set[int]:
    """The tokens of clauses inside `content` that tell, in the past, a harm done to one of its
    nouns ("the release of three clerics held without charge", "the release of the journalists
    who were arrested in May"), or what happened before it ("vowed to hit back after rebels
    attacked the base"): facts told, not what is asked for. A to-infinitive ("a request to allow
    the ship to dock") is the content itself; 'troops stationed near the border' tells no harm."""
    out: set[int] = set()
    for t in content.subtree:
        if t.i != content.i and past_time_clause(t, condition_marks):
            out.update(g.i for g in t.subtree)
            continue
        entry = lex.lookup(t) if t.dep_ in ("relcl", "acl") and t.tag_ in ("VBN", "VBD") else None
        if entry is not None and entry.event in HARM_EVENTS and t.head.pos_ in ("NOUN", "PROPN"):
            out.update(g.i for g in t.subtree)
    return out


def is_ability(verb, all_words: Words) -> bool:
    """The verb is what someone can do ("can detain", "can be barred"; not negated) or is
    permitted to do ("are authorised to detain", "will be free to hold rallies", "would not be
    allowed to arrest"): a power, not an act."""
    words = all_words.triggers
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    if any(c.dep_ == "aux" and c.lower_ in words.ability_modals for c in aux) and not any(c.dep_ == "neg" for c in aux):
        return True
    head = verb.head
    if (verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and not aux and head is not verb
            and any(c.dep_ == "auxpass" for c in head.children)):
        # "can be fined and their gear confiscated": a passive whose auxiliaries are its
        # head's (the parser may read it as a past tense) shares its head's modality
        return is_ability(head, all_words)
    return (verb.dep_ == "xcomp" and head is not verb and head.lemma_.lower() in words.permission_heads
            and (head.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in head.children)))


def is_tally(tok, event: str | None, all_words: Words) -> bool:
    """The trigger counts acts, or those they befell, over a period: a statistic. A speech act
    about what was counted ("has denounced 49 detentions so far this year") is one act."""
    words = all_words.triggers
    clause = clause_verb(tok)
    aux = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in all_words.status.future_aux or a.lower_ == "to" for a in aux):
        return False
    perfect = any(a.lemma_.lower() == "have" for a in aux)
    counted = [tok]
    if event not in all_words.status.speech_act_types:
        # those the act befell, not a quantity of goods ("has donated 1,000 tonnes of rice")
        counted += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                    and (c.lower_ in words.tally_count_words or c.lemma_.lower() in words.tally_act_units
                         or not measured(c, ("of",)))]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":  # "25 rounds of talks"
        counted.append(tok.head.head)
    # the period on the clause, or on what is counted ("deports 15,000 migrants a year")
    if not any(_is_period(c, words, perfect) for n in (clause, *counted) for c in n.children):
        return False
    return any(_counted(n, words) for n in counted)


def gathering_occasion(verb, lex: Lexicon, all_words: Words):
    """The occasion a crowd gathered for, when the verb is a gathering ([triggers]
    gathering_verbs) and its purpose is no protest: "residents gathered to remember the victims"
    ('remember'), "farmers poured into the square for the harvest festival" ('festival'), "fans
    gathered to welcome the team home" ('welcome'); else None. A purpose that names a protest
    ("to observe the general strike"), or greets a political figure ("to cheer opposition leader
    X", "to celebrate with their candidate"), is none: the crowd protests or shows support."""
    words = all_words.triggers
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or not (lemma in words.gathering_verbs or any(
            c.dep_ == "prt" and f"{lemma} {c.lower_}" in words.gathering_verbs for c in verb.children)):
        return None
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp") and with_to(c):  # "gathered to mark the anniversary"
            purpose = c.lemma_.lower()
            if purpose not in words.occasion_purposes and purpose not in words.greeting_purposes:
                continue
            objects = [g for g in c.children if g.dep_ in ("dobj", "dative")]
            if any(_names_protest(lex, g) for g in objects):
                continue  # "to observe the general strike"
            greeted = objects + [g for p in c.children if p.dep_ == "prep" and p.lower_ in ("with", "for")
                                 for g in p.children if g.dep_ == "pobj"]
            if purpose in words.greeting_purposes and any(_political_figure(g, words) for g in greeted):
                continue  # "to cheer opposition leader X": a show of support
            return c
        if c.dep_ == "prep" and c.lower_ == "for":  # "for the boat festival", "for the final night of the festival"
            for g in c.children:
                if g.dep_ == "pobj" and any(n.lemma_.lower() in words.occasion_nouns
                                            for n in (g, *measured(g, ("of",)))):
                    return g
    return None


def _names_protest(lex: Lexicon, noun) -> bool:
    """'the general strike', 'the rally': a protest named."""
    entry = lex.lookup(noun)
    return entry is not None and entry.event == "PROTEST"


def _political_figure(noun, words) -> bool:
    """'opposition leader Amos Kirui', 'the party's candidate': a title or role of the sector
    table, or one of [triggers] campaign_figures, on the noun or a word before it ('the national
    team' is none)."""
    return any(sectors.lookup(t.lemma_) is not None or t.lemma_.lower() in words.campaign_figures
               for t in (noun, *(c for c in noun.children if c.dep_ in ("compound", "appos"))))


def _is_period(node, words, perfect: bool) -> bool:
    """'last year', 'each year', 'in the first half of the year', 'since 2016'; 'this year'
    in the perfect."""
    if node.dep_ == "npadvmod" and node.lemma_.lower() in words.tally_period_units:
        dets = {d.lower_ for d in node.children}
        if not perfect:
            dets -= words.tally_perfect_determiners
        return bool(dets & words.tally_period_determiners)
    if node.dep_ != "prep":
        return False
    objects = [c for c in node.children if c.dep_ == "pobj"]
    if node.lower_ in words.tally_since:
        return any(len(o.text) == 4 and o.text.isdigit() for o in objects)
    return node.lower_ == "in" and any(o.lemma_.lower() in words.tally_period_parts for o in objects)


def _counted(noun, words) -> bool:
    """'1,850 arrests', 'more than 270,000 Haitians', 'hundreds of prisoners'."""
    if noun.lower_ in words.tally_count_words:
        return True
    for c in noun.children:
        if c.dep_ == "nummod":
            digits = c.text.replace(",", "")
            if digits.isdigit() and int(digits) >= words.tally_min_count:
                return True
            if c.lower_ in words.tally_count_words:
                return True
    return False


def _bare_infinitive_clause(token) -> bool:
    """An adverbial to-infinitive without a subject of its own ("pleaded with the president to
    release them"): after a promise, request or threat the parser's purpose clause is its content."""
    return token.dep_ == "advcl" and token.tag_ == "VB" and with_to(token) and not any(
        a.dep_ in ("nsubj", "nsubjpass", "mark") for a in token.children)


def _drop_vehicles(found: list[Candidate], vehicle_verbs: frozenset[str]) -> list[Candidate]:
    """A call or a mission sent "to investigate", "to congratulate": the purpose is the event."""
    purposes = {c.token.head.i for c in found if c.token.dep_ in ("xcomp", "advcl") and c.noun is None
                and with_to(c.token)}
    return [c for c in found if not (c.token.i in purposes and c.token.lemma_.lower() in vehicle_verbs
                                     and c.entry.cls == "event" and c.event != "MOBILIZE")]


def fires_weapon(participle, instruments: frozenset[str]) -> bool:
    """A passive participle that says how a weapon came ('rockets fired by Hamas', 'a drone
    launched by the rebels'; `[roles] instrument_nouns`)."""
    return (participle.dep_ == "acl" and participle.tag_ == "VBN"
            and participle.head.lemma_.lower() in instruments)


def _drop_weapon_launches(found: list[Candidate], instruments: frozenset[str]) -> list[Candidate]:
    """'Rockets fired by Hamas hit Ashkelon', 'drones launched by rebels struck the airport': the
    firing that names a weapon striking is that strike (who fired it acts in it,
    `roles.RoleFinder._launcher`), not a second attack."""
    strikes = {c.token.i for c in found if c.event == "ASSAULT" and c.noun is None}
    return [c for c in found if not (
        c.noun is None and c.event == "ASSAULT" and fires_weapon(c.token, instruments)
        and c.token.head.dep_ == "nsubj" and c.token.head.head.i in strikes)]


def _drop_force_purposes(found: list[Candidate]) -> list[Candidate]:
    """'sent troops into Somalia to fight al-Shabaab', 'called up reservists to fight in
    Ukraine', 'deployed soldiers to quell the riots': troops sent are the news (MOBILIZE, which
    no vehicle rule drops); the fighting or the arrests they are sent for are its purpose, not an
    attack, a threat or a coercion of their own."""
    movers = {c.token.i for c in found if c.event == "MOBILIZE" and c.noun is None}
    return [c for c in found if not (
        c.noun is None and c.event in HARM_EVENTS and c.token.dep_ in ("xcomp", "advcl")
        and c.token.head.i in movers and with_to(c.token))]


def _drop_helping_purposes(found: list[Candidate], helping_verbs: frozenset[str]) -> list[Candidate]:
    """'donated $1 million to help Palau rebuild a hospital': the help is the donation's purpose,
    no second act of aid (whom it helps receives the donation: roles.RoleFinder._helped)."""
    givers = {c.token.i for c in found if c.event in ("AID", "AGREE")}
    givers |= {t.i for c in found if c.event in ("AID", "AGREE") for t in c.token.children if t.dep_ == "xcomp"}
    return [c for c in found if not (
        c.noun is None and c.token.lemma_.lower() in helping_verbs and c.token.dep_ in ("xcomp", "advcl")
        and c.token.head.i in givers and with_to(c.token))]


def _drop_naming_of_comments(found: list[Candidate], commented_types: frozenset[str]) -> list[Candidate]:
    """'praised Rwanda's progress, calling the country a model', 'condemned the attack, calling
    it cowardly': the naming participle says what the praise or condemnation was, no second
    statement ([triggers] commented_types); after another act ('boycotted the vote, calling it a
    sham') the naming is the actor's comment on it and stays."""
    comments = {c.token.i for c in found if c.event in commented_types}
    return [c for c in found if not (
        c.noun is None and c.entry.condition("oprd") is not None
        and c.token.dep_ == "advcl" and c.token.tag_ == "VBG" and c.token.head.i in comments)]


def _drop_names_given(found: list[Candidate], naming: frozenset[str], characterising: frozenset[str]) -> list[Candidate]:
    """'called the tariffs a blatant attack on farmers', 'condemned the raid as an attack on
    press freedom': the event noun a thing is named or characterised as is the speaker's word
    for it, no event of its own ([roles] naming_verbs with an object predicate; [triggers]
    characterising_verbs with 'as'); the naming itself and the thing named stay."""
    naming_as = characterising | naming

    def given(noun) -> bool:
        if noun.dep_ == "oprd":
            return noun.head.lemma_.lower() in naming
        if noun.dep_ != "pobj" or noun.head.lower_ != "as" or any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in noun.children):
            # "rejected as absurd Britain's accusation", "... accusations by Greece": the parser's
            # 'as' takes the thing, whose maker is named
            return False
        verb = noun.head.head  # the parser may hang 'as' on the thing characterised
        if verb.dep_ == "dobj":
            verb = verb.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() in naming_as
    return [c for c in found if not (c.noun is not None and c.noun == c.token and given(c.token))]


def statement_verbs(words: Words) -> frozenset[str]:
    """The reporting verbs that only report (lang/<code>/events.toml, table [reporting]: the
    verbs less the ``acting`` ones): a speaker's verb, a statement's governor, a clause that
    adds nothing to the news."""
    return words.reporting.verbs - words.reporting.acting


def _speaker_itself(verb, statements: frozenset[str]) -> bool:
    """The subject of `verb` is the speaker of the statement that governs it: "the ministry said
    it must act" ('it' for a speaker that is no person), "the president said he should resign"
    ('he' or 'she' for a person named or titled, not a judge; or the speaker's own pronoun)."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in ("it", "he", "she"):
        return False
    gov = statement_governor(verb, statements)
    if gov is None:
        return False
    speaker = next((c for c in gov.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return False
    if speaker.lower_ == subj.lower_:
        return True
    if subj.lower_ == "it":  # one organisation or country
        return speaker.ent_type_ != "PERSON" and speaker.tag_ in ("NN", "NNP")
    title = sectors.lookup(speaker.lemma_)  # "the minister", not "the judge" (who orders another)
    named = speaker.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.ent_type_ == "PERSON"
                                                 for c in speaker.children)  # "the minister, Ana Torres,"
    return named or (title is not None and title.kind == "title" and title.sector != "JUD")


# the types whose nouns, ending a name, name a thing (a treaty, a jail, an aid agency, a
# partnership) rather than an event that took place (a summit, a massacre, a march)
NAMED_THINGS = frozenset({"AGREE", "SUPPORT", "COERCE", "AID", "COOPERATE"})


def _names_a_thing(noun) -> bool:
    """The noun ends a proper name written in capitals, not at the start of its sentence
    ("the Minsk Agreement", "Ludhiana Central Jail", "the Abraham Accords"): a treaty, a
    building or a body, not an act. A headline capitalises its words, names or not."""
    return (noun.pos_ == "PROPN" and noun.text[:1].isupper() and not noun.is_sent_start and not in_headline(noun)
            and any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper() for c in noun.children))


def _denied(*tokens) -> bool:
    """Whether 'not' or 'no' denies one of the words: 'bore no responsibility', 'is not a
    provocation', 'committed no crime'."""
    return any(c.dep_ == "neg" or c.lower_ == "no" for t in tokens for c in t.children)


def taken_as(noun) -> bool:
    """Whether the parser made `noun` the object of an 'as' on the verb: 'dismissed as groundless
    accusations by Greece' (the accusations are what is dismissed, not a name given)."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "as"


def attribution(verb, attribution_words: frozenset[str]):
    """The 'according' of 'According to the army, rebels were behind the bombing' on the clause
    or one of the two heads above it (one of `attribution_words` with a 'to' that names a
    source), or None: who says what the clause tells."""
    for node in (verb, *islice(verb.ancestors, 2)):
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ in attribution_words and any(
                    to.lower_ == "to" and any(g.dep_ == "pobj" for g in to.children) for to in c.children):
                return c
    return None


def statement_governor(verb, statements: frozenset[str]):
    """The reporting verb (one of `statements`) within three heads above `verb`, or None."""
    return next((node for node in islice(verb.ancestors, 3)
                 if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in statements), None)


def warned_prediction(verb, entry: Entry | None, words: Words, lex: Lexicon) -> bool:
    """A warning that is a statement, not a threat ("warned that prices remain high", "that
    fares could soften"): neither it nor what it foretells is an event."""
    return (entry is not None and entry.event == "THREATEN" and entry.lemma == "warn"
            and not _foretells_act(verb, words, lex))


def _foretells_act(verb, words: Words, lex: Lexicon) -> bool:
    """'warned X to stop', 'warned of retaliation', 'warned that it would respond'; not
    'warned that fares could soften' (see `_warned_act`)."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "dobj"):  # "warned X to stop", "warned the government that ..."
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "against"):
            return True
    return any(_warned_act(c, words, lex) for c in _foretold(verb))


def _foretold(verb) -> list:
    """The clauses a warning foretells ("warned that fares could soften"): its complements with
    a modal."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [c for x in clauses for c in x.conjuncts]  # "warned that ..., and that any harm will ..."
    return [c for c in clauses if any(
        a.dep_ == "aux" and a.lower_ in ("will", "would", "could", "might", "'ll") for a in c.children)]


def _warned_act(clause, words: Words, lex: Lexicon) -> bool:
    """Whether a warned future is an act, as a threat's is: done by someone ("that Israel could
    send ...", "that it would retaliate", "that anyone who defects would be disqualified"), done
    to someone (a passive: "that violators will be booked"), an act or someone's ("that the
    stoppage could spread", "that its offensive would resume"), met with "any" ("that any
    attack would ..."), one of threat_objects ("that the country would face consequences"), or
    force, coercion or a sanction ("would face prosecution"). A trend or a danger foretold ("that
    fares could soften", "that the damage could lead to outbreaks") threatens no one."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in clause.children):
        return True
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "expl")]
    if any(s.tag_ == "PRP" or _is_party(words, s) or lex.is_event_noun(s)
           or any(d.lower_ == "any" or d.dep_ == "poss" for d in s.children) for s in subjects):
        return True
    for t in clause.subtree:
        entry = lex.lookup(t) if t.pos_ == "NOUN" else None
        if t.lemma_.lower() in words.coder.threat_objects or (
                entry is not None and entry.cls == "event" and entry.event in HARSH_TYPES):
            return True
    return False


