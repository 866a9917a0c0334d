"""Who did it and to whom: argument phrases from the parse, resolved to entities.

Handles compound actors ("The United States, Australia and Japan"), appositions
("his Japanese counterpart Fumio Kishida"), lists after a generic noun
("leaders of other member countries – A, B and C"), relative clauses ("X is the
only country that has been invited"), and coreference within the document for
pronouns and definite descriptions ("that country", "the two countries",
"both sides", "he", "we" in a quote; "expelled two diplomats, accusing them of ...": the
object of a participle clause is the main clause's object).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable

from .. import lang
from ..actors import sectors
from ..actors.kb import KnowledgeBase, igo_codes
from ..actors.normalize import norm
from ..actors.stage import resolve
from ..document import Document, Entity, Mention
from .domestic import bare_count, counted, names_people, nominalised, posted_to

PAIR_RE = re.compile(
    r"^(?:the\s+)?(?:two|both)\s+(?:the\s+)?(countries|sides|nations|leaders|governments|prime\s+ministers|"
    r"states|neighbou?rs|parties|ministers|premiers|presidents|militaries|armies|capitals)\b",
    re.IGNORECASE,
)
COUNTRY_ANAPHOR_RE = re.compile(r"^(?:that|this|the)\s+(country|nation|state|kingdom|republic)$", re.IGNORECASE)
# the sectors "the force" may stand for (`_force_anaphor`)
FORCE_SECTORS = frozenset({"COP", "MIL"})


def folded(text: str) -> str:
    """A phrase as the anaphor word lists hold it: lower case, single spaces ("The  Bloc" ->
    "the bloc")."""
    return " ".join(text.lower().split())


PHRASE_DROP = frozenset({"conj", "cc", "relcl", "acl", "appos", "punct", "parataxis", "advcl", "preconj"})


def is_temporal(token) -> bool:
    """'on Tuesday', 'in March': a date, not part of who acted."""
    if token.dep_ == "prep":
        return any(g.ent_type_ in ("DATE", "TIME") for g in token.children if g.dep_ == "pobj")
    return token.ent_type_ in ("DATE", "TIME") and token.dep_ in ("npadvmod", "nmod", "pobj")


def _listed_after(head):
    """The list a dash or colon introduces after a phrase: 'leaders – A, B and C'."""
    doc = head.doc
    right = max(t.i for t in head.subtree)
    if right + 2 >= len(doc) or doc[right + 1].text not in ("–", "—", "-", ":", "--"):
        return None
    first = doc[right + 2]
    node = first
    while node.head.i > right + 1 and node.head != node:
        node = node.head
    return node


def _clause_prep(token) -> bool:
    """A preposition that opens a clause, not part of a name: "(a clique of judges) of working
    with activists", "(the men) for helping the attackers"."""
    return token.dep_ == "prep" and any(g.dep_ == "pcomp" and g.pos_ in ("VERB", "AUX") for g in token.children)


class Arguments:
    """Argument resolution for one document (built once per document).

    ``kb``: the knowledge base that phrases with no actor mention inside them are
    resolved against (the same base the actors stage used); None resolves nothing more.
    The pronouns and head words are the document's language's (lang/<code>/events.toml,
    tables [arguments] and [reporting]).
    """

    def __init__(self, doc: Document, kb: KnowledgeBase | None = None):
        self.doc = doc
        self.words = lang.for_document(doc)
        self._sector_by_head = self.words.arguments.sector_by_head
        # verbs whose charge the parser may hang on the one charged (`_charge_prep`)
        self._charging = self.words.triggers.accusing_verbs | self.words.roles.judging_verbs
        self.date: dt.date | None = doc.meta.date
        self.mentions: list[Mention] = sorted(doc.mentions_of("actor"), key=lambda m: (m.start, -m.end))
        # indexes, so that a lookup costs the same in a long document as in a short one
        self._starts = [m.start for m in self.mentions]
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self._by_sentence: dict[int | None, list[Mention]] = {}
        for m in self.mentions:
            self._by_sentence.setdefault(m.sentence_index, []).append(m)
        # a country named alone, whose sector is the country's default (GOV), not a stated one
        self.default_sector_spans = frozenset((m.start, m.end) for m in self.mentions
                                              if m.data.get("sector_source") == "default")
        self.kb = kb
        self._cache: dict[str, Entity | None] = {}
        self._titled: dict[tuple[int, int], bool] = {}  # mention span -> a person known by title
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in self.mentions:
            code = m.entity.code if m.entity else None
            if code and len(code) == 3 and not m.members:
                counts[code] += 1
                first.setdefault(code, m.start)
        self.salient = sorted(counts, key=lambda c: (-counts[c], first[c]))
        # mentions that are grammatical subjects: preferred antecedents of "he"/"she"
        self._sentence_starts = sorted(s.start for s in doc.sentences)
        self._subjects: set[int] = set()
        if doc.parse is not None:
            for m in self.mentions:
                span = doc.parse.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                    self._subjects.add(m.start)

    # ------------------------------------------------------------------ spans
    def phrase(self, token) -> tuple[int, int]:
        """Character span of the phrase headed by `token`, without conjuncts, clauses, appositions,
        nor a dateline before its sentence ("BOGOTA (Reuters) Colombia's Senate")."""
        keep = [token]
        stack = [c for c in token.children if c.dep_ not in PHRASE_DROP and not is_temporal(c) and not _clause_prep(c)
                 and not self._grounds_prep(token, c) and not self._charge_prep(token, c)]
        while stack:
            t = stack.pop()
            keep.append(t)
            stack.extend(c for c in t.children
                         if c.dep_ not in ("relcl", "acl", "parataxis", "advcl") and not _clause_prep(c))
        i = bisect_right(self._sentence_starts, token.idx) - 1
        if i >= 0:
            keep = [t for t in keep if t.idx >= self._sentence_starts[i]] or [token]
        keep.sort(key=lambda t: t.i)
        while len(keep) > 1 and keep[-1].is_punct and keep[-1].text not in (")", "]"):
            keep.pop()  # the comma before a clause hung on a word inside: "her allies in Europe, which"
        start = keep[0].idx
        end = keep[-1].idx + len(keep[-1].text)
        return start, end

    def _grounds_prep(self, head, prep) -> bool:
        """'(the suspect) in the shooting of two officers': the harm one is held for is not part
        of the phrase that names them ("gunmen in Lagos" keeps its place)."""
        roles = self.words.roles
        return (prep.dep_ == "prep" and prep.lower_ in roles.grounds_prepositions
                and head.lemma_.lower() in roles.accused_nouns
                and any(g.dep_ == "pobj" and g.lemma_.lower() in roles.patient_nouns for g in prep.children))

    def _charge_prep(self, head, prep) -> bool:
        """'accused the police of brutality', 'blamed the rebels for the blast', 'convicted the lawyer
        of subversion': the parser may hang the charge on the accused; it is not part of the phrase
        that names them. The verb's own such preposition, or a party inside ('accused the leader
        of the opposition'), keeps it."""
        verb = head.head
        if (head.dep_ != "dobj" or prep.dep_ != "prep" or verb.lemma_.lower() not in self._charging
                or prep.lower_ not in self.words.roles.object_control_preps
                or any(c.dep_ == "prep" and c.lower_ == prep.lower_ for c in verb.children)):
            return False
        span = prep.doc[prep.i : max(t.i for t in prep.subtree) + 1]
        return not any(m.end > span.start_char for m in self.mentions_in(head.idx, span.end_char))

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end], in order (those starting after `end` cannot end inside)."""
        out = []
        i, n = bisect_left(self._starts, start), len(self.mentions)
        while i < n and self._starts[i] <= end:
            m = self.mentions[i]
            if m.end <= end:
                out.append(m)
            i += 1
        return out

    def resolve_text(self, text: str) -> Entity | None:
        if self.kb is None:
            return None
        if text not in self._cache:
            try:
                self._cache[text] = resolve(text, self.date, kb=self.kb)
            except (ValueError, KeyError, TypeError):
                self._cache[text] = None
        found = self._cache[text]
        return None if found is None else Entity(**found.to_dict())

    # ------------------------------------------------------------- coreference
    def _before(self, offset: int, pred) -> Mention | None:
        for i in range(bisect_right(self._starts, offset) - 1, -1, -1):  # later ones end after offset
            m = self.mentions[i]
            if m.end <= offset and m.entity is not None and pred(m):
                return m
        return None

    def _pair(self, head_text: str, head_word: str) -> list[Entity]:
        """The two most mentioned codes of the document; for "the two countries", "both
        governments" the two most mentioned countries (`[arguments] country_pair_heads`), never
        an international organisation ("The UN rights office accused India and Pakistan of
        abuses ..., and both countries rejected the report": India and Pakistan, not the UN)."""
        sector = self._sector_by_head.get(head_word.lower())
        codes = self.salient
        if head_word.lower() in self.words.arguments.country_pair_heads:
            codes = [c for c in codes if c not in igo_codes()]
        if not codes:  # a text that names no one else: the pair stays a party, uncoded
            return [Entity(text=head_text, code=None, sector=sector)]
        return [Entity(text=head_text, code=c, sector=sector) for c in codes[:2]]

    def anaphor(self, token, speaker: list[Entity] | None = None) -> list[Entity] | None:
        """Entities a pronoun or definite description refers to; None when it is not an anaphor."""
        start, end = self.phrase(token)
        text = self.doc.text[start:end]
        for step in (self._pair_anaphor, self._possessor_anaphor, self._own_country, self._owned_party,
                     self._country_anaphor, self._bloc_anaphor, self._force_anaphor, self._summit_anaphor):
            found = step(token, start, end, text, speaker)
            if found is not None:
                return found
        if token.pos_ != "PRON":
            return None
        return self._pronoun(token, start, end, text, speaker)

    def _pair_anaphor(self, token, start, end, text, speaker) -> list[Entity] | None:
        """'the two countries', 'both sides', 'both' as a subject: the two most mentioned countries."""
        if PAIR_RE.match(text) or (token.lower_ in ("both", "two") and token.dep_ in ("nsubj", "nsubjpass")):
            pair = self._pair(text, token.text)
            return [Entity(**{**e.to_dict(), "text": text, "start": start, "end": end}) for e in pair]
        return None

    def _possessor_anaphor(self, token, start, end, text, speaker) -> list[Entity] | None:
        """'that country's president', 'the two countries' armed forces', 'the bloc's envoy'."""
        low = token.lower_
        for child in token.children:
            if child.dep_ != "poss":
                continue
            ps, pe = self.phrase(child)
            ptext = self.doc.text[ps:pe]
            if COUNTRY_ANAPHOR_RE.match(ptext.rstrip("’'s").strip()):  # "that country's president"
                found = self.anaphor(child)
                if found:
                    sector = self._head_sector(token)
                    return [Entity(text=text, code=e.code, sector=sector or "GOV", start=start, end=end)
                            for e in found]
            bare = ptext.rstrip("’'s").strip()
            if folded(bare) in self.words.arguments.bloc_anaphors:
                # "the bloc's standby force": the grouping named before, when one was
                found = [e for e in self._bloc_anaphor(child, ps, pe, bare, speaker) or [] if e.code]
                if found:
                    sector = self._head_sector(token)
                    return [Entity(text=text, code=e.code, sector=sector or e.sector, start=start, end=end)
                            for e in found]
            if PAIR_RE.match(ptext):
                sector = self._sector_by_head.get(low)
                return [
                    Entity(text=text, code=e.code, sector=sector or e.sector, start=start, end=end)
                    for e in self._pair(ptext, token.text)
                ]
        return None

    def _own_country(self, token, start, end, text, speaker) -> list[Entity] | None:
        """'his country', 'its government': the possessor's country."""
        if token.lower_ in ("country", "nation", "government") and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children
        ):
            owner = next(c for c in token.children if c.dep_ == "poss")
            found = self.anaphor(owner, speaker)
            if found:
                return [Entity(text=text, code=e.code, sector="GOV", start=start, end=end) for e in found if e.code]
        return None

    def _owned_party(self, token, start, end, text, speaker) -> list[Entity] | None:
        """'Iraq will not join the mission, its foreign minister said', 'Japan and China agreed
        after their foreign ministers met': a party with a sector whose possessor is 'its' or
        'their' belongs to what the pronoun stands for; None when that names no coded party."""
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"
                      and c.lower_ in self.words.arguments.neuter_pronouns | self.words.arguments.plural_pronouns),
                     None)
        if owner is None or any(m.entity and m.entity.code for m in self.mentions_in(start, end)):
            return None  # "its ambassador to Uganda": the name inside says more
        sector = self._head_sector(token)
        if not sector:
            return None
        found = [e for e in self.anaphor(owner, speaker) or [] if e.code]
        return [Entity(text=text, code=e.code, sector=sector, start=start, end=end) for e in found] or None

    def _country_anaphor(self, token, start, end, text, speaker) -> list[Entity] | None:
        """'that country', 'the nation': the last country named (not a grouping or a modifier),
        as a state (GOV) whatever its mention's sector ("Lebanese operator Cedarnet sued the
        state": Lebanon's state, not a business)."""
        if not COUNTRY_ANAPHOR_RE.match(text):
            return None
        # a capital named for its government ("a day after Moscow announced a withdrawal from the
        # country") is not the country a later "the country" means
        m = self._before(start, lambda m: bool(m.entity.code) and len(m.entity.code) == 3 and not m.members
                         and not m.entity.name and m.data.get("role") != "modifier" and not self._capital(m.text))
        if m is None:
            m = self._before(start, lambda m: bool(m.entity.code) and len(m.entity.code) == 3)
        # with no country named before, "the state" is still a state acting ("the state sued the
        # company"): an uncoded government, whose country the article may give (`domestic`)
        return [Entity(text=text, code=m.entity.code if m else None, sector="GOV", start=start, end=end)]

    def _bloc_anaphor(self, token, start, end, text, speaker) -> list[Entity] | None:
        """'the bloc', 'the alliance' ([arguments] bloc_anaphors): the last international
        organisation or grouping named ("withdrew from Ecowas, accusing the bloc of ..."), or
        nothing when none was."""
        igos = igo_codes()
        return self._named_last(start, end, text, self.words.arguments.bloc_anaphors,
                                lambda m: bool(m.members) or m.entity.code in igos)

    def _force_anaphor(self, token, start, end, text, speaker) -> list[Entity] | None:
        """'the force' ([arguments] force_anaphors): the police or armed force named last ("a
        police spokesman said the force had deployed reinforcements"), or nothing said when
        none was."""
        return self._named_last(start, end, text, self.words.arguments.force_anaphors,
                                lambda m: m.entity.sector in FORCE_SECTORS)

    def _named_last(self, start, end, text, phrases, fits) -> list[Entity] | None:
        """For a phrase among `phrases`: the last mention before it that `fits`, as that
        party, or nothing when none does; None for any other phrase (not this step's to say)."""
        if folded(text) not in phrases:
            return None
        m = self._before(start, fits)
        return [self._from_mention(m, start, end, text)] if m else None

    def _summit_anaphor(self, token, start, end, text, speaker) -> list[Entity] | None:
        """'the leaders', 'member states' ([arguments] summit_anaphors; a bare 'leaders' only as
        a subject, summit_subject_anaphors: "Leaders will meet again in June", not "meetings
        with leaders") in a story about an organisation of states: its states' governments
        (GOV), coded with the organisation named last ("EU leaders met in Brussels ...
        Ukraine's president thanked the leaders"), not with the article's country; with none
        named before, not this step's to say."""
        words, said = self.words.arguments, folded(text)
        if said not in words.summit_anaphors and not (
                said in words.summit_subject_anaphors and token.dep_ in ("nsubj", "nsubjpass")):
            return None
        m = self._before(start, lambda m: bool(m.members) or m.entity.sector == "IGO")
        return [Entity(text=text, code=m.entity.code, sector="GOV", start=start, end=end)] if m else None

    def _pronoun(self, token, start, end, text, speaker) -> list[Entity]:
        """'we' in a quote, 'it' in reported speech: the speaker; else the last fitting name."""
        low, words = token.lower_, self.words.arguments
        if low in words.first_plural_pronouns:
            return list(speaker or [])
        if speaker and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp" and (
            token.head.head.lemma_.lower() in self.words.reporting.verbs
        ) and not (low in words.personal_pronouns and self._speaking_body(speaker)):
            return list(speaker)  # "X announced it will ...": it is X ("officials said he ...": not them)
        said = token.head.head if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp" else None
        if (said is not None and said.dep_ == "advcl" and said.tag_ == "VBG"
                and said.lemma_.lower() in self.words.reporting.verbs):
            # "Ethiopia rejected Egypt's demand, saying it would not accept limits": who says it
            subj = self._governing_subject(said)
            found = [e for e in self.entities(subj, speaker=speaker) if e.code] if subj is not None else []
            if found:
                return found
        m = None
        personal = low in words.personal_pronouns
        other = low in words.neuter_pronouns or low in words.plural_pronouns
        if (personal or other) and self._names_what(token):
            # "citing what it called crimes", "condemned what she called the ugly scenes":
            # who names it so is the clause's subject, not the last name before the pronoun
            subj = self._governing_subject(token.head)
            found = [e for e in self.entities(subj, speaker=speaker) if e.code or e.name] if subj is not None else []
            if found:
                return found
        if token.dep_ == "dobj" and (personal or low in words.plural_pronouns):  # not "it": a thing
            found = self._main_object(token, speaker)
            if found:
                return found
        if (personal or other) and (token.dep_ == "poss" or token.dep_ in ("nsubj", "nsubjpass")
                                    and token.head.dep_ == "advcl"):
            found = self._fronted_subject(token, personal, speaker)
            if found:
                return found
        if personal:
            # a name, and not one the knowledge base knows as an organisation ("he" is not Islamic State)
            # (or a person coded by title alone: "U.S. House Speaker Nancy Pelosi ... her visit");
            # an object is never its own verb's subject ("the lawyer sued the prince, accusing
            # him": him is not the lawyer, who accuses)
            own = self._own_subject(token)
            person = lambda m: ((bool(m.entity.name) or self._titled_person(m))  # noqa: E731
                                and m.data.get("role") != "modifier"
                                and (m.data.get("kb_person") or "kb" not in m.data)
                                and not (own is not None and own[0] <= m.start < own[1]))
            m = self._before(start, lambda m: person(m) and m.start in self._subjects) or self._before(start, person)
        elif other:
            coded = lambda m: bool(m.entity.code) and m.data.get("role") != "modifier"  # noqa: E731
            if low in words.plural_pronouns and token.dep_ == "poss":
                found = self._plural_subject(token, speaker)
                if found:
                    return found
            if token.dep_ == "nsubj" and token.head.dep_ == "relcl":
                # "Japan gave Ethiopia $12 million, adding to the $20 million it provided in
                # 2017": what a clause's own subject did before, not the nearest name
                first = self._sentence_start(token)
                m = self._before(start, lambda m: coded(m) and m.start in self._subjects and m.start >= first)
            m = m or self._before(start, coded)
        if (personal or other) and speaker and (m is None or m.end <= self._sentence_start(token)) and not (
                personal and self._speaking_body(speaker)):
            return list(speaker)  # "X said it would ...": the speaker, the nearest antecedent
        if m is not None:  # a pronoun stands for its antecedent: point at the name
            return [self._from_mention(m, m.start, m.end, m.text)]
        return [Entity(text=text, start=start, end=end)] if personal or other else []

    def _fronted_subject(self, token, personal: bool, speaker) -> list[Entity]:
        """'During his visit to Paris, President Lula signed ...', 'In its statement, the
        ministry said ...', 'When he appeared before MPs, Matiangi accused ...': a possessive
        pronoun in an adverbial phrase, or the subject of an adverbial clause, set before its
        clause's subject stands for that subject, when the subject is a name of the pronoun's
        kind (a person for 'his', 'he' and 'her'; 'After his arrest, police said' is someone
        else). Its parties, or none."""
        node = token.head
        while node.head.i != node.i and node.head.pos_ not in ("VERB", "AUX"):
            node = node.head
        verb = node.head
        if node.i == verb.i or node.dep_ not in ("prep", "advcl", "npadvmod"):
            return []
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or node.right_edge.i >= subj.left_edge.i:
            return []
        if personal != any(t.ent_type_ == "PERSON" for t in subj.subtree):
            return []
        plural = subj.tag_ in ("NNS", "NNPS") or bool(subj.conjuncts)
        if not personal and plural != (token.lower_ in self.words.arguments.plural_pronouns):
            return []
        return [e for e in self.entities(subj, speaker=speaker) if e.code]

    def _speaking_body(self, speaker: list[Entity]) -> bool:
        """The speaker is a body or a group, never 'he' or 'she' ("After he was arrested,
        police said ..."): every speaker phrase is headed by a plural noun or by one of
        `[arguments] collective_heads`."""
        if self.doc.parse is None:
            return False
        for e in speaker:
            span = self.doc.parse.char_span(e.start, e.end, alignment_mode="expand") if e.start is not None else None
            if span is None or not (span.root.tag_ in ("NNS", "NNPS")
                                    or span.root.lemma_.lower() in self.words.arguments.collective_heads):
                return False
        return bool(speaker)

    def _names_what(self, token) -> bool:
        """The pronoun is the subject of a naming verb whose object is 'what' ("what it
        called", "what they described as"; [roles] naming_verbs)."""
        verb = token.head
        return (token.dep_ == "nsubj" and verb.lemma_.lower() in self.words.roles.naming_verbs
                and any(c.lower_ == "what" and c.dep_ == "dobj" for c in verb.children))

    def _own_subject(self, token) -> tuple[int, int] | None:
        """The span of the subject of the verb a pronoun is the object of: its own, or for a
        participle or an infinitive without one, the subject of the clause above ("X sued Y,
        accusing him of ..." -- X accuses); None for any other pronoun."""
        if token.dep_ not in ("dobj", "iobj"):
            return None
        verb = token.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and verb.dep_ in ("advcl", "xcomp", "conj"):
            subj = self._governing_subject(verb)
        return self.phrase(subj) if subj is not None else None

    @staticmethod
    def _governing_subject(verb):
        """The subject of the nearest clause above `verb` that has one ("Bolivia severed ties,
        citing what it called ...": Bolivia), or None."""
        node = verb
        while node.head.i != node.i:  # (spaCy makes a new Token each time: no "is")
            node = node.head
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and node.pos_ in ("VERB", "AUX"):
                return subj
        return None

    def _plural_subject(self, token, speaker) -> list[Entity]:
        """'The leaders of the United States and North Korea shook hands ... at the start of
        their first summit': 'their' in the clause of a plural subject is that subject (not
        the last country named, "in Singapore"). The subject's coded parties, or none."""
        verb = token.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i), None)
        own = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and own is not None and token in own.subtree:
            # "Japan and China agreed ... after their foreign ministers met": the pronoun is in its
            # clause's subject, so it stands for the subject of the clause above
            subj = self._governing_subject(verb)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN") or token in subj.subtree:
            return []  # ("the diplomats and their families": not the subject it is part of)
        if not (subj.tag_ in ("NNS", "NNPS") or subj.conjuncts):
            # "X's leader held talks with Russia's president ..., their first summit": the two who met
            met = [g for g in self._met_with(verb) if token not in g.subtree]  # not "talks with their union"
            if not met:
                return []
            return [e for t in (subj, *met) for e in self.entities(t, speaker=speaker) if e.code]
        return [e for e in self.entities(subj, speaker=speaker) if e.code]

    def _met_with(self, verb) -> list:
        """Whom the clause's subject met: 'held talks with X', 'met X' (`[coder] meeting_words`)."""
        meeting = self.words.coder.meeting_words
        if verb.lemma_.lower() in meeting:  # "met X", "met with X"
            return [g for c in verb.children if c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "with"
                    for g in ([c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"])]
        return [g for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in meeting
                for p in c.children if p.dep_ == "prep" and p.lower_ == "with"
                for g in p.children if g.dep_ == "pobj"]

    def _main_object(self, token, speaker) -> list[Entity]:
        """'expelled a Belarusian diplomat, accusing him of spying': the object of a participle
        clause ("accusing him") is the object of the clause it hangs on ("spoke with X, urging
        him": the one spoken with), when the number agrees and that object names a party;
        otherwise the usual antecedent search decides."""
        verb = token.head
        if verb.dep_ not in ("advcl", "conj", "xcomp") or (verb.tag_ != "VBG" and verb.dep_ != "conj"):
            return []  # a participle clause, or a verb conjoined to the main one ("... and urged him")
        main = verb.head
        if main.dep_ == "xcomp":  # "ordered a diplomat to leave ..., accusing him": the one ordered
            main = main.head
        obj = next((c for c in main.children if c.dep_ == "dobj"), None)
        if obj is None:  # "spoke by phone with X, urging him", "wrote to X, asking her"
            obj = next((g for c in main.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                        for g in c.children if g.dep_ == "pobj"), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            return []
        plural = obj.tag_ in ("NNS", "NNPS") or bool(obj.conjuncts)
        if plural != (token.lower_ in self.words.arguments.plural_pronouns):
            return []
        found = [e for e in self.entities(obj, speaker=speaker) if e.code or e.sector or e.name]
        # a person or group: by its head ("police in Georgia") or by its phrase's sector ("Sudan's army chief")
        return found if self._agentive(obj) or any(e.sector for e in found) else []

    @staticmethod
    def _sentence_start(token) -> int:
        return token.sent.start_char

    @staticmethod
    def _from_mention(m: Mention, start: int, end: int, text: str) -> Entity:
        e = m.entity
        assert e is not None
        return Entity(text=text, code=e.code, sector=e.sector, name=e.name, kb_id=e.kb_id, start=start, end=end)

    # ------------------------------------------------------------- resolution
    def entities(self, token, *, speaker: list[Entity] | None = None, doer: bool = False) -> list[Entity]:
        """Entities for an argument headed by `token` and its conjuncts; `doer`: the argument is
        who acts (a thing there takes no country from a place beside it)."""
        heads = [token, *token.conjuncts]
        if any(a.i > b.i for a, b in zip(heads, heads[1:])):
            heads.sort(key=lambda t: t.i)  # a later conjunct asked for: the names run in order
        out: list[Entity] = []
        k = 0
        while k < len(heads):
            whole, used = self._whole_name(heads, k)
            if whole is not None:
                out.append(whole)
            else:
                out.extend(self._one(heads[k], speaker, doer))
            k += used
        seen: set[tuple] = set()
        unique = []
        for e in out:
            key = (e.code, e.name, e.start) if e.code or e.name else (e.text, e.start)
            if key not in seen:
                seen.add(key)
                unique.append(e)
        return unique

    def _whole_name(self, heads: list, k: int) -> tuple[Entity | None, int]:
        """One coded name that conjuncts (in order) only spell ("Bosnia and Herzegovina",
        "Trinidad and Tobago", "Antigua and Barbuda"), starting at ``heads[k]``: the actor
        mention that runs from that conjunct's first word to a later one's last word, when it
        has a code; with how many conjuncts it takes (None and 1 when there is none). Two
        parties ("Russia and Ukraine") are two mentions, and none spans both."""
        if k + 1 == len(heads):
            return None, 1
        first = heads[k]
        i = bisect_left(self._starts, first.idx)
        spans: dict[int, Mention] = {}
        while i < len(self.mentions) and self._starts[i] == first.idx:
            m = self.mentions[i]
            if m.entity is not None and m.entity.code:
                spans.setdefault(m.end, m)
            i += 1
        for j in range(len(heads) - 1, k, -1):  # the longest run first
            end = heads[j].idx + len(heads[j].text)
            if end in spans:
                return self._from_mention(spans[end], first.idx, end, self.doc.text[first.idx:end]), j - k + 1
        return None, 1

    def _one(self, head, speaker, doer: bool = False) -> list[Entity]:
        found = self.anaphor(head, speaker)
        if found is not None:
            return found
        words = self.words.arguments
        if head.lower_ in words.relative_pronouns:
            return []
        # "leaders of other member countries - A, B and C": the list names the parties
        if head.lemma_.lower() in words.generic_people or head.lemma_.lower() in words.generic_antecedents:
            for child in head.children:
                if child.dep_ == "appos":
                    listed = self.entities(child, speaker=speaker, doer=doer)
                    if any(e.code for e in listed):
                        return listed
            listed_head = _listed_after(head)
            if listed_head is not None:
                listed = self.entities(listed_head, speaker=speaker, doer=doer)
                if any(e.code for e in listed):
                    return listed
        start, end = self.phrase(head)
        text = self.doc.text[start:end]
        inside = self.mentions_in(start, end)
        # apposition: "his Japanese counterpart Fumio Kishida" -> use the fuller phrase
        appos = [c for c in head.children if c.dep_ == "appos"]
        if appos:
            a_start, a_end = self.phrase(appos[0])
            inside += self.mentions_in(min(start, a_start), max(end, a_end))
            # "Kenya's President William Ruto": a name right after its title, with no comma
            # between, belongs to the phrase (the parser calls it an apposition)
            if a_start > end and not self.doc.text[end:a_start].strip():
                end, text = a_end, self.doc.text[start:a_end]
        if head.dep_ == "conj":
            # "A's Foreign Minister X and Uganda's Trade Minister Y": the parser may leave the
            # conjunct only "Uganda's" and hang the rest elsewhere; the mention that starts
            # there says how far the party runs
            i = bisect_left(self._starts, start)
            longer = self.mentions[i] if i < len(self.mentions) and self._starts[i] == start else None
            if longer is not None and longer.end > end:
                end, text = longer.end, self.doc.text[start:longer.end]
                inside = self.mentions_in(start, end)
        venues = [m for m in inside if self.venue(m)]
        inside = [m for m in inside if m not in venues]
        if inside:
            return self._from_inside(head, inside, start, end, text, doer)
        if venues:  # "the Doha agreement": a thing named after where it was made, no party
            return [Entity(text=text, start=start, end=end)]
        resolved = self.resolve_text(text)
        if resolved is not None and resolved.name and self._sentence_case_name(head, start, end, resolved.name):
            resolved = None
        if resolved is not None and (resolved.code or resolved.sector):
            resolved.text, resolved.start, resolved.end = text, start, end
            return [resolved]
        if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
            known = self._earlier_person(head, start)
            if known is not None:  # "Castillo said ...", after "Foreign Secretary Ramon Castillo"
                return [Entity(text=text, code=known.code, sector=known.sector, name=known.name,
                               kb_id=known.kb_id, start=start, end=end)]
        if head.pos_ in ("NOUN", "PROPN") or head.ent_type_ in ("ORG", "GPE", "NORP", "PERSON"):
            return [Entity(text=text, start=start, end=end)]
        if bare_count(head) or nominalised(head):  # "arrested 49", "the accused was remanded"
            return [Entity(text=text, start=start, end=end)]
        if any(self._agentive(g) for g in counted(head, self.words.agents.quantity_heads)):
            return [Entity(text=text, start=start, end=end)]  # "the killing of two of its members"
        return []

    def _sentence_case_name(self, head, start: int, end: int, name: str) -> bool:
        """'Gang members fired ...': the first word of the sentence, a common noun the capital
        letter makes look like a word of a known name (Qin Gang), is no person."""
        span = self.doc.parse.char_span(start, end, alignment_mode="expand")
        first = span[0] if span is not None and len(span) else None
        return (first is not None and first is not head and first.is_sent_start and first.tag_ in ("NN", "NNS")
                and first.text in name.split())

    def _earlier_person(self, head, before: int) -> Entity | None:
        """The earlier mention of a person whose name ends with this surname."""
        surname = head.text.lower()
        for i in range(bisect_right(self._starts, before) - 1, -1, -1):  # later ones end after it
            m = self.mentions[i]
            if m.end > before or m.entity is None or not m.entity.code:
                continue
            full = m.data.get("unknown_name") or m.entity.name
            if full and len(full.split()) > 1 and full.split()[-1].lower() == surname:
                return m.entity
        return None

    def _from_inside(self, head, inside: list[Mention], start: int, end: int, text: str,
                     doer: bool = False) -> list[Entity]:
        full = [m for m in inside if m.data.get("role") != "modifier"]
        containing = [m for m in full if m.start <= head.idx < m.end]
        if containing:
            best = max(containing, key=lambda m: m.end - m.start)
            return self._from_containing(head, inside, full, best, (start, end, text), doer)
        # several parties inside one phrase: "the leaders of Russia and Ukraine"
        codes = []
        for m in full or inside:
            if m.entity and m.entity.code and m.entity.code not in [c.entity.code for c in codes]:
                codes.append(m)
        if len(codes) > 1 and all(m.data.get("role") != "modifier" for m in codes) and self._coordinated(codes):
            sector = self._head_sector(head)
            return [
                Entity(text=text, code=m.entity.code, sector=sector or m.entity.sector, start=start, end=end)
                for m in codes
            ]
        # "the Russian and Venezuelan delegations": coordinated modifiers name one party each
        joint = self._coordinated_modifiers(head, inside)
        if len(joint) > 1:
            sector = self._head_sector(head)
            return [Entity(text=text, code=m.entity.code, sector=sector or m.entity.sector, start=start, end=end)
                    for m in joint]
        return [self._nearest(head, inside, start, end, text, doer)]

    def _coordinated_modifiers(self, head, inside: list[Mention]) -> list[Mention]:
        """Coded mentions that modify the head and are coordinated with each other."""
        mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")]
        joined = {t for c in mods if c.conjuncts for t in (c, *c.conjuncts)}
        out: list[Mention] = []
        for m in inside:
            if (self._root(m) in joined and m.entity and m.entity.code
                    and m.entity.code not in {o.entity.code for o in out}):
                out.append(m)
        return out

    def venue(self, m: Mention) -> bool:
        """'the Doha agreement', 'the Washington summit', 'the Kyiv attack': a town (a place of
        precision city) that alone modifies an event noun ([arguments] venue_nouns) says where
        it happened and is no party ('the Washington-Beijing talks' name two)."""
        root = self._root(m)
        if root is None or root.dep_ not in ("compound", "nmod"):
            return False
        head = root.head
        if head.lemma_.lower() not in self.words.arguments.venue_nouns:
            return False
        if sum(1 for c in head.children if c.dep_ in ("compound", "nmod", "amod") and c.pos_ == "PROPN") > 1 or any(
                t.text in ("-", "–", "/") for t in root.subtree):
            return False
        return self._capital(m.text) or any(
            p.kind == "place" and p.start <= m.start and m.end <= p.end
            and (loc := p.data.get("location")) is not None and loc.precision == "city"
            for p in self.doc.mentions)

    def _capital(self, text: str) -> bool:
        """The knowledge base knows the name as a capital ("Minsk" for Belarus)."""
        key = norm(text)
        return self.kb is not None and key in self.kb.aliases and any(
            kind == "capital" for _id, _alias, kind in self.kb.aliases[key])

    def _titled_person(self, m: Mention) -> bool:
        """A mention coded by a title whose head the parser names a person ("Speaker Nancy Pelosi"),
        or one headed by a title or role word for one person ("the German ambassador ... after he
        questioned the vote")."""
        key = (m.start, m.end)
        if key not in self._titled:  # asked again for each pronoun that searches back past it
            root = self._root(m) if m.entity.code and self.doc.parse is not None else None
            term = sectors.lookup(root.lemma_) if root is not None and root.tag_ == "NN" else None
            self._titled[key] = root is not None and (
                root.ent_type_ == "PERSON" or (term is not None and term.kind in ("title", "role")))
        return self._titled[key]

    def _root(self, m: Mention):
        """The parse token that heads a mention, or None."""
        span = self.doc.parse.char_span(m.start, m.end, alignment_mode="expand")
        return span.root if span is not None else None

    def _from_containing(self, head, inside: list[Mention], full: list[Mention], best: Mention, where,
                         doer: bool = False) -> list[Entity]:
        """The mention the phrase's head lies in, with a code borrowed from its neighbours."""
        start, end, text = where
        out = [self._entity(best, start, end, text)]
        if out[0].code is None:
            self._borrow_code(head, inside, best, out[0], doer)
        best_span = self.doc.parse.char_span(best.start, best.end, alignment_mode="expand")
        joined = {c for t in best_span for c in t.conjuncts} if best_span is not None else set()
        for m in inside:  # "the leaders of Russia and Ukraine" read as one mention plus a conjunct
            if m.end <= best.start or m.start >= best.end:
                root = self._root(m)
                if root is None or not m.entity or not m.entity.code or m.entity.code in {e.code for e in out}:
                    continue
                # ... or "the French and German governments": a modifier coordinated with
                # the head's own ("German governments")
                if (m in full and root.dep_ == "conj") or root in joined:
                    out.append(Entity(text=text, code=m.entity.code, sector=out[0].sector or m.entity.sector,
                                      start=start, end=end))
        return out

    def _borrow_code(self, head, inside: list[Mention], best: Mention, entity: Entity, doer: bool = False) -> None:
        """'officials from Vietnam', 'police in Georgia', 'German Economy Minister X'; not, for
        one who acts, where an envoy is posted ('the ambassador to Russia criticised ...': not
        Russia's; as the one recalled, 'recalled its ambassador to Malawi', the host is the
        target, as PLOVER codes a recall)."""
        coded = [m for m in inside if m is not best and m.entity and m.entity.code
                 and (m.end <= best.start or m.start >= best.end) and not (doer and self._posted_to(head, m))]
        if coded:
            entity.code = min(coded, key=lambda m: abs(m.start - head.idx)).entity.code
        elif best.data.get("unknown_name"):
            known = self._earlier_person(head, best.start)
            if known is not None:  # "Vogel said ...", after "German minister Katrin Vogel"
                entity.code, entity.sector = known.code, entity.sector or known.sector

    def _posted_to(self, head, m: Mention) -> bool:
        """'the ambassador to Russia': the mention is where the envoy is posted (`posted_to`)."""
        root = self._root(m)
        return root is not None and posted_to(head, root, self.words.arguments)

    def _nearest(self, head, inside: list[Mention], start: int, end: int, text: str, doer: bool = False) -> Entity:
        """The mention nearest the head; a modifier ('Russian officials') gives its code only.
        The head's possessor comes first: "Timor-Leste's bid for ASEAN membership" is
        Timor-Leste's, "Russia's invasion of Ukraine" Russia's."""
        best = min(inside, key=lambda m: (m.data.get("role") == "modifier", not self._owns(head, m),
                                          abs(m.start - head.idx)))
        where = best.start > head.idx and self._where_it_is(head, best)
        if where:
            # "the Chinese embassy in Belgrade": whose it is, not where it is
            own = [m for m in inside if m.end <= head.idx and m.entity and m.entity.code and self._modifies(head, m)]
            if own:
                best, where = own[-1], False
        if doer and where and not self._agentive(head):
            # "killed by a roadside bomb in Syria": a thing and the place where it is, no doer
            # (but "condemned the coup in Niger" is about Niger)
            return Entity(text=text, start=start, end=end)
        entity = self._entity(best, start, end, text)
        if best.data.get("role") == "modifier" or best.end <= head.idx:
            sector = self._head_sector(head)
            if sector:
                entity.sector = sector
                if best.data.get("role") == "modifier":
                    entity.name = entity.kb_id = None
        return entity

    def _owns(self, head, m: Mention) -> bool:
        """The mention is the head's possessor ("Sweden's NATO application")."""
        root = self._root(m)
        return root is not None and root.head == head and root.dep_ == "poss"

    def _modifies(self, head, m: Mention) -> bool:
        """The mention is a modifier of the head itself ("the Chinese embassy")."""
        root = self._root(m)
        return root is not None and root.head == head and root.dep_ in ("amod", "compound", "nmod", "poss")

    def _where_it_is(self, head, m: Mention) -> bool:
        """The mention is the object of a preposition of place on the head ("a bomb in Syria")."""
        root = self._root(m)
        if root is None:
            return False
        prep = root.head
        return (root.dep_ == "pobj" and prep.head == head
                and prep.lower_ in self.words.arguments.place_prepositions)

    def _agentive(self, head) -> bool:
        """The head names a person, a group or an organisation ("police in Georgia", "a man
        in Brooklyn"), not a thing."""
        if head.ent_type_ in ("PERSON", "ORG", "NORP"):
            return True
        if names_people(head, self.words.agents.people):
            return True
        return bool(self._head_sector(head))

    def _coordinated(self, mentions: list[Mention]) -> bool:
        """Mentions joined by 'and'/'or' ("Russia and Ukraine"), not merely in one phrase."""
        roots = [self._root(m) for m in mentions]
        return None not in roots and any(r.dep_ == "conj" for r in roots)

    def _head_sector(self, head) -> str | None:
        """The sector the phrase's head word names ("minister": GOV, "army": MIL), or with the
        nouns compounded before it ("fighter jets": MIL), or None."""
        sector = self._sector_by_head.get(head.lower_) or self._sector_of(head)
        if sector is None:
            compound = next((c for c in head.lefts if c.dep_ == "compound"), None)
            resolved = self.resolve_text(head.doc[compound.i : head.i + 1].text) if compound is not None else None
            sector = resolved.sector if resolved else None
        return sector

    def _sector_of(self, head) -> str | None:
        resolved = self.resolve_text(head.text)
        return resolved.sector if resolved else None

    @staticmethod
    def _entity(m: Mention, start: int, end: int, text: str) -> Entity:
        e = m.entity
        assert e is not None
        return Entity(text=text, code=e.code, sector=e.sector, name=e.name, kb_id=e.kb_id, start=start, end=end)

    def members(self, start: int, end: int) -> list[str]:
        """Member codes of groupings named inside a span ("the Quad Leaders Summit")."""
        out: list[str] = []
        for m in self.mentions_in(start, end):
            if m.members:
                out.extend(c for c in m.members if c not in out)
        return out

    def sentence_flags(self, sentence_index: int) -> list[dict]:
        """Flags of every actor mention in a sentence: the evidence a record rests on."""
        out: list[dict] = []
        for m in self._by_sentence.get(sentence_index, ()):
            if m.sentence_index == sentence_index:
                out.extend(f for f in m.flags if f not in out)
        return out

    def flags_in(self, entities: Iterable[Entity]) -> list[dict]:
        """Flags (name variants ...) carried by the mentions an event's arguments use."""
        flags = []
        for e in entities:
            if e.start is None:
                continue
            # only mentions starting within the longest mention's length before e.start can overlap it
            lo = bisect_left(self._starts, e.start - self._longest)
            hi = bisect_left(self._starts, e.end or 0)
            for i in range(lo, hi):
                m = self.mentions[i]
                if m.flags and m.start < (e.end or 0) and m.end > e.start:
                    flags.extend(f for f in m.flags if f not in flags)
        return flags
