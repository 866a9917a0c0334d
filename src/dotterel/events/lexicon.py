"""The event lexicon: which words report which PLOVER events.

The table is data (``dotterel/data/events/lexicon.tsv``, documented in its
header). `Lexicon.lookup(token)` returns the first row for the token's lemma
whose condition holds in the parse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from ..actors import sectors
from ..errors import DotterelError

Cls = Literal["event", "light", "report", "future", "hypo", "commit", "neg", "off"]

QUANTITY_WORDS = frozenset(
    {"some", "all", "part", "most", "many", "thousand", "hundred", "dozen", "dozens", "number", "batch", "rest",
     "group", "contingent", "unit", "half", "several", "one", "two", "three"}
)  # fmt: skip
STATE_WORDS = frozenset({"state", "level"})  # "on the highest state of alert"
# what of a place is taken: "control of Kabul", "the centre of Afrin", "most of the province"
PLACE_SHARES = frozenset({"control", "centre", "center", "part", "parts", "most", "rest", "half", "outskirts"})
CONDITION_KINDS = ("obj", "notobj", "prt", "prep", "dobj", "objent", "toent", "notent", "intrans", "oprd", "subj",
                   "directive", "stance", "habitual", "comp", "undergone", "placeobj", "deadline", "bidden", "named", "ccomp")
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "nsubjpass", "oprd", "dative"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "nummod", "quantmod"})


@dataclass(frozen=True, slots=True)
class Entry:
    lemma: str
    pos: Literal["V", "N", "A"]
    cls: Cls
    event: str | None
    mode: str | None
    context: str | None
    cond: tuple[str, frozenset[str]] | None  # the row's first condition that is not negated
    weight: float
    # the row's other conditions, each (kind, values, negated): all must hold too ("prt=up & !dobj=a|b")
    more: tuple[tuple[str, frozenset[str], bool], ...] = ()

    def condition(self, kind: str) -> frozenset[str] | None:
        """The values of the row's first condition of this kind that must hold (among all its
        joined conditions), or None when it has none: what the coding steps read off a row
        ("obj" words are part of the trigger, not parties)."""
        if self.cond is not None and self.cond[0] == kind:
            return self.cond[1]
        return next((values for k, values, negated in self.more if k == kind and not negated), None)

    @property
    def conditional(self) -> bool:
        """Whether the row has any condition."""
        return self.cond is not None or bool(self.more)


def stems(word: str) -> list[str]:
    """The word and the forms it may have without an inflection ("staged": "stage", "stag")."""
    out = [word]
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""), ("ing", "e"), ("ing", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return out


def _lemma(token) -> str:
    return token.lemma_.lower()


def _forms(token) -> set[str]:
    """The word's lemma, and the hyphenated word the tokenizer split it from ("anti-dumping",
    "cease-fire": the lexicon writes such words whole)."""
    lemma = _lemma(token)
    if token.i >= 2 and token.nbor(-1).text == "-" and not token.nbor(-2).is_punct:
        return {lemma, f"{token.nbor(-2).lower_}-{lemma}"}
    return {lemma}


def _object_forms(token) -> set[str]:
    """`_forms`, and a capitalised plural's singular ("appeared before Members of Parliament":
    the parser keeps the plural as the lemma). Only for what a word is about, never for the
    trigger itself ("the Directorate of Criminal Investigations" names no investigation)."""
    forms = _forms(token)
    lemma = _lemma(token)
    if token.tag_ == "NNPS" and lemma.endswith("s") and len(lemma) > 3:
        forms.add(lemma[:-1])
    return forms


def of_objects(noun) -> set[str]:
    """'some of its troops', 'the highest state of alert', '$3 million in grants': what the
    quantity, state or sum is of."""
    amount = noun.tag_ == "CD"
    if not amount and _lemma(noun) not in QUANTITY_WORDS and _lemma(noun) not in STATE_WORDS:
        return set()
    preps = ("of", "in") if amount else ("of",)
    return {_lemma(g) for p in noun.children if p.dep_ == "prep" and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj"}


@cache
def _reporting_verbs() -> frozenset[str]:
    """The English language table's reporting verbs ('said', 'told'), as for relative pronouns."""
    from .. import lang

    return frozenset(lang.words("en").reporting.verbs)


@cache
def _relative_pronouns() -> frozenset[str]:
    """The lexicon is English; its relative pronouns are the English language table's."""
    from .. import lang

    return frozenset(lang.words("en").arguments.relative_pronouns)


def object_lemmas(token) -> set[str]:
    """Lemmas of what a word is about: its objects, prepositional objects and their modifiers."""
    out: set[str] = set()
    for child in token.children:
        dep = child.dep_
        if dep == "nsubjpass" and child.lower_ in _relative_pronouns() and token.dep_ == "relcl":
            out.add(_lemma(token.head))  # "the award, which has been appealed": the award
        if dep in OBJECT_DEPS or dep in MODIFIER_DEPS:
            out |= _object_forms(child)
            out.update(f for g in child.children if g.dep_ in MODIFIER_DEPS for f in _forms(g))
            if dep in OBJECT_DEPS:
                out |= of_objects(child)
                # "placed its units on high alert": the state the object is put in, which the
                # parser may hang on the object rather than on the verb
                out.update(_lemma(h) for p in child.children if p.dep_ == "prep" and p.lower_ == "on"
                           for h in p.children if h.dep_ == "pobj")
            if dep == "dative":  # "sent the accused to custody": the parser's dative "to"
                out.update(_lemma(g) for g in child.children if g.dep_ == "pobj")
        elif dep in ("prep", "agent"):
            for g in child.children:
                if g.dep_ == "pobj":
                    out |= _object_forms(g)
                    out.update(f for h in g.children if h.dep_ in MODIFIER_DEPS for f in _forms(h))
                    out |= of_objects(g)
        elif dep in ("xcomp", "ccomp", "acomp", "oprd"):
            out.add(_lemma(child))
    out.update(_lemma(a) for a in quoted_names(token))
    if token.dep_ == "acl" and token.tag_ == "VBN":
        out.add(_lemma(token.head))  # "the diplomats being expelled": a passive participle's noun undergoes it
    if token.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in token.children) and not any(
            c.dep_ == "dobj" and c.lower_ not in _relative_pronouns() for c in token.children):
        out.add(_lemma(token.head))  # "a statement he signed", "the deal that they reached": its noun
    # a noun's verb: "workers went on strike" -> the noun strike is about workers
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ == "pobj" and token.head.head is not None:
        verb = token.head.head
        out.update(_lemma(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    return out


_OPENING_QUOTES = frozenset({"'", '"', "\u2018", "\u201c"})


def quoted_names(token) -> list:
    """What a verb's object is called in quotes, where the parser reads the name as the
    object's apposition: "called the verdict 'the antithesis of justice'" (``oprd`` elsewhere)."""
    doc = token.doc
    return [a for c in token.children if c.dep_ == "dobj" for a in c.children
            if a.dep_ == "appos" and a.i > c.i and a.left_edge.i > 0
            and doc[a.left_edge.i - 1].text in _OPENING_QUOTES]


def named_as(token) -> set[str]:
    """Lemmas of what a naming verb names its object: 'called the move reckless', 'described the
    vote as a sham'; also where the parser hangs the name inside the object's to-infinitive
    ('called the decision to close the border unlawful': 'unlawful' read as what is closed;
    'described the plan to cut subsidies as a betrayal': 'as' hung on 'cut')."""
    out: set[str] = {_lemma(a) for a in quoted_names(token)}

    def as_phrase(prep) -> None:
        out.update(_lemma(g) for g in prep.children if g.dep_ in ("pobj", "amod", "acomp"))

    for c in token.children:
        if c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.pos_ in ("NOUN", "ADJ")):
            out.add(_lemma(c))  # 'considers the sanctions a violation': a clause with no verb
        elif c.dep_ == "prep" and c.lower_ == "as":
            as_phrase(c)
        elif c.dep_ == "dobj":
            for clause in (a for a in c.children if a.dep_ == "acl" and with_to(a)):
                for t in clause.subtree:
                    if t.dep_ == "prep" and t.lower_ == "as":
                        as_phrase(t)
                    elif t.pos_ == "ADJ" and t.dep_ in ("dobj", "oprd") and t.head == clause:
                        out.add(_lemma(t))
    return out


def named_kind(token) -> set[str]:
    """A word's lemma; for a name, also the words before it that say what it is ("Cyclone Idai",
    "Judge Ruiz": cyclone, judge). A name with an article is an organisation's, whose words
    before its last are no kind ("the Law Society" is no law)."""
    out = {_lemma(token)}
    if token.pos_ == "PROPN" and not any(c.dep_ == "det" for c in token.children):
        out.update(_lemma(c) for c in token.children if c.dep_ == "compound" and c.pos_ in ("PROPN", "NOUN"))
    return out


def subject_lemmas(token) -> set[str]:
    """Lemmas of the subject of the clause a word is in (a noun's: its verb's subject)."""
    verb, hops = token, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb and hops < 3:
        verb, hops = verb.head, hops + 1
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "conj":  # "robbers shot and wounded a guard": the first verb's
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects = subjects or controller(verb)
    out: set[str] = set()
    for c in subjects:  # "thousands of supporters gathered": the supporters
        out |= named_kind(c) | of_objects(c)
    if verb.dep_ == "relcl" and out & _relative_pronouns():
        out.add(_lemma(verb.head))  # "demonstrators who blocked a highway": the demonstrators
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        out.add(_lemma(verb.head))  # "teachers striking in Oklahoma": the teachers
    return out


def controller(verb, depth: int = 2) -> list:
    """Who does an infinitive with no subject of its own: the object of the verb it completes,
    or else that verb's subject ("the union voted to strike", "told its members to strike",
    "nurses decided to go on strike")."""
    while verb.dep_ == "xcomp" and depth > 0:
        head = verb.head
        kids = list(head.children)
        found = [c for c in kids if c.dep_ == "dobj"] or [c for c in kids if c.dep_ in ("nsubj", "nsubjpass")]
        if found:
            return found
        verb, depth = head, depth - 1
    return []


def a_sum(token) -> bool:
    """A number or an amount of money ("$2 billion", "2 billion yuan"): given, never a party."""
    return token.tag_ == "CD" or token.ent_type_ == "MONEY"


def measured(token, preps: tuple[str, ...] = ("in", "of")) -> list:
    """What a sum or a quantity measures: the objects of its "in"/"of" ("$315 million in
    humanitarian aid", "a package of sanctions")."""
    return [g for p in token.children if p.dep_ == "prep" and p.lower_ in preps
            for g in p.children if g.dep_ == "pobj"]


def clause_verb(tok):
    """The verb of the clause a trigger stands in (a noun trigger's governing verb)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def purpose_read(verb) -> bool:
    """An infinitive the parser hung on as a purpose, with no subject or marker of its own
    ("lobbied successive secretaries to fund a service", "pleaded with the president to release
    them"): after a word that tells someone to act it is what they are told to do."""
    return verb.dep_ == "advcl" and verb.tag_ == "VB" and not any(
        a.dep_ in ("nsubj", "nsubjpass", "mark") for a in verb.children)


def with_to(verb) -> bool:
    """The verb has its infinitive "to" ("to fight", "to allow the ship to dock")."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _holds(entry: Entry, token) -> bool:
    """Whether all the row's conditions hold for the word in its parse."""
    if entry.cond is not None and not _holds_one(entry.cond[0], entry.cond[1], token):
        return False
    return all(_holds_one(kind, values, token) != negated for kind, values, negated in entry.more)


def _holds_one(kind: str, values: frozenset[str], token) -> bool:
    if kind == "obj":
        return bool(values & object_lemmas(token))
    if kind == "notobj":
        return not (values & object_lemmas(token))
    if kind == "prt":  # also a particle the parser hung elsewhere ("handed over 20 artefacts")
        # or read as an adverb of the verb ("handed back to Japan a statue")
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return any(c.dep_ in ("prt", "advmod") and c.lower_ in values for c in token.children) or (
            nxt is not None and nxt.tag_ == "RP" and nxt.lower_ in values)
    if kind == "oprd":  # "called the move a provocation": naming, not a phone call ("called
        # President Macron" misparsed as naming someone Macron is still a call)
        return any(c.dep_ == "oprd" and c.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP") for c in token.children) or any(
            # "called the move unacceptable": the parser hangs the predicate on the object as an
            # adjective after it, where English puts none
            c.dep_ == "dobj" and any(a.dep_ == "amod" and a.i > c.i for a in c.children) for c in token.children) or bool(
            quoted_names(token))
    if kind == "ccomp":  # "charged that the government had diverted funds": a that-clause says what
        # (after the verb: "X explains that ...: they charge more" hangs the first clause on the second)
        return any(c.dep_ == "ccomp" and c.i > token.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                   and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in token.children)
    if kind == "named":  # "described the plan to cut subsidies as a betrayal": what the object is named
        return bool(values & named_as(token))
    if kind == "subj":  # "nurses began a strike": who does it decides the sense
        return bool(values & subject_lemmas(token))
    if kind == "intrans":  # "protesters demonstrated", not "the refusal demonstrates that ..."
        return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in token.children)
    if kind == "directive":  # "told the chairman to retire": someone is told to act
        return any(c.dep_ in ("dobj", "dative") for c in token.children) and any(
            (c.dep_ in ("xcomp", "ccomp") or purpose_read(c)) and with_to(c)
            for c in token.children)
    if kind == "bidden":  # "wants the minister to resign", "want judge probed": a party is to act or
        # undergo it; bidden=a|b: only a party of these lemmas ("wants customers to download the app")
        return any(not values or _lemma(b) in values for b, _ in bidden(token))
    if kind == "deadline":  # "gave the government seven days to reverse it", "gave X until March to
        # pull back": a span of time (or 'until') and what is to be done in it -- an ultimatum
        spans = [c for c in token.children if c.dep_ in ("dobj", "npadvmod", "dative") and _lemma(c) in values]
        until = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "until" for g in c.children]
        return bool(spans or until) and any(
            c.dep_ in ("xcomp", "advcl", "acl", "relcl") and with_to(c)
            for h in (token, *spans, *until) for c in h.children)
    if kind == "habitual":  # "the charity, which supports young mothers", "ICON offers products and
        # services": the simple present of the body describes what a party does, no act of the
        # day (a headline's present tells one: "Senegal offers to host talks"; so does a promise,
        # and a stance someone states: "said that they support the UN call for a ceasefire")
        return (token.tag_ in ("VBZ", "VBP") and not in_headline(token)
                and not any(c.dep_ == "xcomp" and with_to(c) for c in token.children)
                and not any(t.lemma_.lower() in _reporting_verbs() for t in token.sent))
    if kind == "stance":  # "analysts agree that ...", "both agree": a view held, not an act
        return token.tag_ in ("VBP", "VBZ") and not any(
            c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in ("to", "on", "upon")) for c in token.children)
    if kind == "placeobj":  # "seized Kabul", "took control of the centre of Afrin": a named place taken
        # placeobj=control: only through these words (not "took Kenya to court")
        for c in token.children:
            if c.dep_ not in ("dobj", "nsubjpass") or (values and _lemma(c) not in values):
                continue
            node = c
            for _ in range(3):
                if node.ent_type_ in ("GPE", "LOC", "FAC"):
                    return True
                node = next((g for p in node.children if p.dep_ == "prep" and p.lower_ == "of"
                             for g in p.children if g.dep_ == "pobj"), None) if _lemma(node) in PLACE_SHARES else None
                if node is None:
                    break
        return False
    if kind == "dobj":  # a direct object, or the subject of the passive ("was returned by ..."); with
        # values, one of these ("moved the High Court": a petition; not "the case moved to a court")
        return any(c.dep_ in ("dobj", "nsubjpass") and (not values or _lemma(c) in values) for c in token.children)
    if kind == "objent":
        for c in token.children:
            if c.dep_ in ("dobj", "pobj") and c.ent_type_ in values:
                return True
            if c.dep_ == "prep" and any(g.ent_type_ in values for g in c.children if g.dep_ == "pobj"):
                return True
        return False
    if kind == "toent":  # "spoke to Prachanda", not "spoke to reporters in Nairobi": whom "to" names
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and g.ent_type_ in values
                                                                 for g in c.children) for c in token.children)
    if kind == "notent":  # "beat a journalist", not "beat Arsenal" or "was beaten by Lula": who
        # is hit, or who hits, is no named team, party, country or candidate
        return not any(t.ent_type_ in values for t in _participants(token))
    if kind == "undergone":  # "two men held over a murder", "the fishermen have been held since August"
        return any(u.ent_type_ in ("PERSON", "NORP") or u.like_num or _lemma(u) in values or of_objects(u) & values
                   for u in undergoers(token))
    if kind == "comp":  # "pleaded guilty" / "pleaded not guilty": the adjectival complement decides
        return any(v in values for v in complement_readings(token))
    if kind == "prep":  # "called on X", not "called X on Saturday"
        return any(
            (c.dep_ in ("prep", "agent", "prt") and c.lower_ in values
             and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children))
            or clause_mark(c) in values  # "called for the governor to resign"
            for c in token.children
        )
    raise ValueError(f"unknown lexicon condition {kind!r}")


def _parse_condition(text: str, line: int, lists: Mapping[str, frozenset[str]] | None = None,
                     ) -> tuple[str, frozenset[str], bool]:
    """One condition of a lexicon row: ``KIND``, ``KIND=a|b``, either with ``!`` before it (it
    must not hold). A value ``@name`` stands for the words of the list of that name (`_word_list`)."""
    negated = text.startswith("!")
    kind, _, values = text.removeprefix("!").strip().partition("=")
    if kind not in CONDITION_KINDS:
        raise ValueError(f"lexicon line {line}: unknown condition {kind!r}; expected one of {CONDITION_KINDS}")
    return kind, _words(values, line, lists or {}), negated  # a plain "dobj": no values


def _words(values: str, line: int, lists: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The words of ``a|b|@name``: each word, and each named list's words."""
    words: set[str] = set()
    for v in values.split("|"):
        if v.startswith("@"):
            if v[1:] not in lists:
                raise ValueError(f"lexicon line {line}: no word list {v!r} defined above it")
            words |= lists[v[1:]]
        elif v:
            words.add(v)
    return frozenset(words)


def _word_list(cols: list[str], line: int, lists: Mapping[str, frozenset[str]],
               named: Mapping[str, frozenset[str]]) -> tuple[str, frozenset[str]]:
    """A line ``@name<TAB>a|b|c`` names a list of words that rows below it use as ``obj=@name``
    (the condemning words several naming verbs share); a list may use one named before it. `named`
    holds the lists this file has named (one name once); `lists` every list in scope (a user's
    file may name a list of its own in place of a shipped one)."""
    name = cols[0][1:].strip()
    if len(cols) != 2 or not name or not name.replace("_", "").replace("-", "").isalnum():
        raise ValueError(f"lexicon line {line}: a word list is '@name<TAB>a|b|c', got {chr(9).join(cols)!r}")
    if name in named:
        raise ValueError(f"lexicon line {line}: word list '@{name}' is defined twice")
    return name, _words(cols[1].strip(), line, lists)


def bidden(token) -> list:
    """Who a wish is of, and what they are to do or undergo: a party with a to-infinitive ("wants
    the minister to resign", which the parser reads as a clause with its own subject, or as an
    object with an infinitive relative: "wanted the coalition to wind down") or a participle
    ("want judge probed", "want the officers charged"). Pairs (party, clause); none for "wants to
    meet", "wants peace", "wanted it to fail" or "want the rate lowered" (a thing, no party)."""
    out = []
    for c in token.children:
        kids = {g.dep_ for g in c.children}
        if c.dep_ in ("ccomp", "xcomp"):
            undergone = c.tag_ == "VBN" or (c.tag_ == "VBD" and not kids & {"dobj", "ccomp", "xcomp"})
            if with_to(c) or (undergone and not kids & {"aux", "auxpass"}):
                out += [(g, c) for g in c.children if g.dep_ == "nsubj" and named_or_titled(g)]
        elif c.dep_ == "dobj" and named_or_titled(c):
            out += [(c, r) for r in c.children if r.dep_ in ("relcl", "acl") and r.tag_ == "VB" and with_to(r)
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in r.children)]
    return out


PARTY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})  # the entity labels of a named party


def named_or_titled(token) -> bool:
    """A name or a title or body of the sector table ("the minister", "the officers", "the
    council"): one who can be asked to act (`bidden`); not a thing ("the rate", "it") nor people
    at large ("wanted their children to move away" is a wish, no demand). `triggers._is_party`
    adds the words for people."""
    return (token.ent_type_ in PARTY_LABELS
            or sectors.lookup(token.lemma_) is not None or sectors.lookup(token.text) is not None)


def undergoers(token) -> list:
    """Who undergoes a passive participle: its passive subject ("the fishermen have been held"),
    or the noun it describes ("two men held over a murder", "people held in custody"); none
    when it has an object or a predicate of its own ("held talks", "was held responsible")."""
    if headline_participle(token):  # "Man held for killing wife"
        return [c for c in token.children if c.dep_ == "nsubj"]
    if token.tag_ != "VBN" or any(c.dep_ in ("dobj", "acomp", "oprd", "attr") for c in token.children):
        return []
    passive = [c for c in token.children if c.dep_ == "nsubjpass"]
    if passive:
        return passive
    return [token.head] if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "NUM") else []


def _participants(token) -> list:
    """The word's direct object (or a name the parser hung on it as an adverbial noun: "beat
    Chelsea 2-1"), passive subject and agent, each with its conjuncts."""
    out = []
    for c in token.children:
        if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "npadvmod" and c.ent_type_):
            out.append(c)
        elif c.dep_ == "agent":
            out += [g for g in c.children if g.dep_ == "pobj"]
    return [t for head in out for t in (head, *head.conjuncts)]


def complement_readings(token) -> set[str]:
    """The lemmas of the word's adjectival complements, each also as "not LEMMA" when the
    complement is negated ("pleaded not guilty": {"not guilty"})."""
    out = set()
    for c in token.children:
        if c.dep_ in ("acomp", "oprd", "ccomp") and c.pos_ == "ADJ":  # "found him not guilty": ccomp
            negated = any(g.dep_ == "neg" for g in c.children)
            out.add(f"not {c.lemma_.lower()}" if negated else c.lemma_.lower())
    return out


def clause_mark(token) -> str | None:
    """The preposition that opens a subordinate clause with its own subject ("called for the
    governor to resign": "for"; the parser makes it the mark of the infinitive), or None."""
    if token.dep_ not in ("advcl", "ccomp", "xcomp"):
        return None
    return next((m.lower_ for m in token.children if m.dep_ == "mark" and m.pos_ in ("ADP", "SCONJ")
                 and m.lower_ == "for"), None)


def extraposed(verb):
    """The clause an anticipatory 'it' stands for: "it is shameful for the council to ignore
    the tally", "it was unacceptable that Russia expelled them" (the clause's verb), or None."""
    if not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in ("advcl", "ccomp") and c.pos_ in ("VERB", "AUX")
                 and any(m.dep_ == "nsubj" for m in c.children)
                 and (clause_mark(c) == "for" or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))),
                None)


COPULAS = ("be", "remain", "stay")  # "are in talks", "remains in custody", "stayed on strike"
HARM_EVENTS = ("ASSAULT", "COERCE")  # the types of a harm done to someone
# what a warning may announce to be a threat: force, coercion, sanctions ("warned of sanctions")
HARSH_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})


def state_verb(noun, state_prepositions: frozenset[str]):
    """The verb whose subject is in the state `noun` names ("are in talks", "are on strike",
    "remains in custody": `[status] state_prepositions`), else None."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in state_prepositions:
        return None
    verb = noun.head.head
    return verb if verb.lemma_.lower() in COPULAS else None


def arrived_for(noun, lexicon: "Lexicon", arrival_verbs: frozenset[str]):
    """The verb of arriving that a meeting noun (a CONSULT row) is the purpose of ("arrived in
    Hanoi on Tuesday for a three-day visit", "flew to Bamako for talks"), or None. Such a
    meeting takes place, and its status is the arrival's."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or prep.head.lemma_.lower() not in arrival_verbs:
        return None
    entry = lexicon.lookup(noun)
    return prep.head if entry is not None and entry.event == "CONSULT" else None


def legal_grounds(noun, lexicon: "Lexicon", grounds_prepositions: frozenset[str], accused_nouns: frozenset[str]):
    """The legal action whose grounds `noun` names, or None: "charged two men with the murder
    of X", "sentenced for the killing of X", "arrested in connection with the stabbing of X",
    "the suspect in the shooting of X" (an accused noun stands for the action)."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in grounds_prepositions:
        return None
    head = noun.head.head
    if head.lemma_.lower() == "connection" and head.dep_ == "pobj":  # "in connection with"
        head = head.head.head
    if head.lemma_.lower() in accused_nouns:
        return head
    entry = lexicon.lookup(head)
    return head if entry is not None and (entry.event == "COERCE" or entry.context == "legal") else None


def meeting_time_adjunct(noun, quantity_nouns: frozenset[str], time_prepositions: frozenset[str]) -> bool:
    """The noun is the object of a preposition of time ('after talks in Kuala Lumpur', 'after
    two days of talks', 'during talks with Modi'), or the subject of a past clause it opens
    ('will strike after talks with the province broke down')."""
    if noun.dep_ == "nsubj" and noun.head.dep_ == "advcl" and noun.head.tag_ == "VBD":
        return any(m.dep_ == "mark" and m.lower_ in time_prepositions for m in noun.head.children)
    if noun.dep_ != "pobj":
        return False
    _, prep = counted_by(noun, quantity_nouns)
    return prep.dep_ == "prep" and prep.lower_ in time_prepositions


def in_headline(token) -> bool:
    """The token's sentence is a headline: it does not end in punctuation (a clause that ends
    in a semicolon is read with the clauses after it: "Man shot outside bar; police seek
    witnesses")."""
    sent = token.sent
    while sent[-1].text == ";" and sent.end < len(sent.doc):
        sent = sent.doc[sent.end].sent
    last = sent[-1]
    return not (last.is_punct or last.is_quote)


def past_tense(verb) -> bool:
    """The verb is finite and past, itself or by its auxiliary ("attacked", "were fired")."""
    return verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def past_time_clause(verb, condition_marks: frozenset[str]) -> bool:
    """An adverbial clause past in its own right, with its own subject and no condition ("after
    rebels attacked a convoy", "when shots were fired"): it tells what happened, whatever the
    clause it hangs on promises or plans; "if Iran attacked" sets a condition."""
    return (verb.dep_ == "advcl" and past_tense(verb)
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            and not any(c.dep_ == "mark" and c.lower_ in condition_marks for c in verb.children))


def trailing_participle(verb):
    """The clause a participle set off by a comma tells of ("asked the council to end the
    mission, accusing its head of bias", "threatened to expel the diplomats, citing meddling"):
    the parser hangs it on the nearest verb, often inside what is asked or threatened, but its
    doer and its time are those of the clause it tells of: the first verb up its chain with a
    subject of its own ("said rebels attacked the town, killing 12": the rebels kill). Returns
    that verb, or None when `verb` is no such participle (it has a subject or a mark of its own,
    no comma before it, or comes before the verb it hangs on)."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i < verb.head.i or verb.doc[verb.i - 1].text != ",":
        return None  # "Huseynov, serving a two-year sentence, wrote": a state, told before the verb
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return None
    top = verb.head  # up through clauses with no subject of their own ("to end the mission")
    while (top.dep_ in ("xcomp", "ccomp", "advcl") and top.head != top and top.head.pos_ in ("VERB", "AUX")
           and not any(c.dep_ in ("nsubj", "nsubjpass") for c in top.children)):
        top = top.head
    return top if top.pos_ in ("VERB", "AUX") else None


def headline_participle(token, results: frozenset[str] = frozenset()) -> bool:
    """A headline's main verb in the past with a subject and nothing after it that an active
    verb would take ("Man held for killing wife", "Activist detained over protest"): headlines
    drop the passive's auxiliary, and the tagger then often reads the participle as a past tense.
    A result word of `results` as its complement is the passive's too ("Two officers shot dead")."""
    if not in_headline(token) or token.dep_ != "ROOT" or token.tag_ not in ("VBD", "VBN"):
        return False
    kids = {c.dep_ for c in token.children if not (c.dep_ in ("acomp", "oprd") and c.lower_ in results)}
    return "nsubj" in kids and not kids & {"aux", "auxpass", "dobj", "ccomp", "xcomp", "attr", "acomp",
                                          "oprd", "dative"}


def comment_sought(noun, sourcing_contents: frozenset[str]) -> bool:
    """'requests for comment', 'a faxed request for comment': a noun that asks a source for
    words (one of `sourcing_contents` after 'for')."""
    return any(p.dep_ == "prep" and p.lower_ == "for" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in sourcing_contents for g in p.children)
        for p in noun.children)


def question_complement(verb) -> bool:
    """The verb heads a complement that is a yes-no question ('asked whether China would send
    an envoy', 'it is unclear if police arrested him'): asked about, not asserted. A conditional
    'if' heads an adverbial clause, not a complement."""
    return verb.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children)


def counted_by(noun, quantity_nouns: frozenset[str]):
    """(the phrase, the word it hangs on) for an object of a preposition, through a quantity
    that counts it: "after two days of talks" gives (days, after); "after talks" (talks, after)."""
    prep = noun.head
    if prep.lower_ == "of" and prep.head.lemma_.lower() in quantity_nouns:
        return prep.head, prep.head.head
    return noun, prep


def counted_object(noun, quantity_nouns: frozenset[str]):
    """`counted_by` for a noun that is a preposition's object directly or through a counting
    word that is one itself ("after clashes", "after a week of protests"); None otherwise ("a
    week of protests followed")."""
    frame, prep = counted_by(noun, quantity_nouns)
    return (frame, prep) if frame.i == noun.i or frame.dep_ == "pobj" else None


class Lexicon:
    def __init__(self, entries: list[Entry]):
        self.lists: dict[str, frozenset[str]] = {}  # the word lists its file names ('@condemning')
        self.verbs: dict[str, list[Entry]] = {}
        self.nouns: dict[str, list[Entry]] = {}
        self.adjectives: dict[str, list[Entry]] = {}
        by_pos = {"V": self.verbs, "N": self.nouns, "A": self.adjectives}
        for e in entries:
            by_pos[e.pos].setdefault(e.lemma, []).append(e)

    def _unlisted(self, token, lemma: str) -> bool:
        """Whether no table can hold the word (`lemma`: its lemma in lower case): neither its
        lemma nor (a noun's) own form, nor (a verb's) stems, and no hyphenated word it was
        split from. A quick answer for `lookup`, which gives None for every such word."""
        if lemma in self.verbs or lemma in self.nouns or lemma in self.adjectives or token.lower_ in self.nouns:
            return False
        if token.i >= 2 and token.nbor(-1).text == "-":
            return False
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            return not any(stem in self.verbs for stem in stems(token.lower_))
        return True

    @classmethod
    def from_tsv(cls, path: str | Path | None = None, *, lists: Mapping[str, frozenset[str]] | None = None) -> Lexicon:
        """Rows from a TSV (the shipped one without `path`); `lists` are word lists its rows may
        use besides those it names itself (a user's rows use the shipped lexicon's)."""
        if path is None:
            text = (resources.files("dotterel") / "data" / "events" / "lexicon.tsv").read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        entries: list[Entry] = []
        named: dict[str, frozenset[str]] = {}  # the lists this file names
        scope: dict[str, frozenset[str]] = dict(lists or {})  # and every list its rows may use
        header_seen = False
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if line.startswith("@"):
                name, words = _word_list(cols, n, scope, named)
                named[name] = scope[name] = words
                continue
            if not header_seen:
                header_seen = True
                if cols[0] == "lemma":
                    continue
            if len(cols) != 8:
                raise ValueError(f"lexicon line {n}: {len(cols)} columns, expected 8: {line!r}")
            lemma, pos, klass, event, mode, context, cond, weight = (c.strip() for c in cols[:8])
            if pos not in ("V", "N", "A") or klass not in Cls.__args__:  # type: ignore[attr-defined]
                raise ValueError(f"lexicon line {n}: bad pos/class {pos!r}/{klass!r}")
            conds = [_parse_condition(part.strip(), n, scope) for part in cond.split("&")] if cond else []
            first = next((c for c in conds if not c[2]), None)
            entries.append(
                Entry(
                    lemma, pos, klass, event or None, mode or None, context or None,  # type: ignore[arg-type]
                    first[:2] if first else None, float(weight or 0), tuple(c for c in conds if c is not first),
                )
            )
        made = cls(entries)
        made.lists = named
        return made

    def is_event_noun(self, token) -> bool:
        """A noun the lexicon lists as naming an event ("talks", "sanctions", "invasion")."""
        entry = self.lookup(token)
        return entry is not None and entry.pos == "N" and entry.cls == "event"

    def is_legal(self, token) -> bool:
        """A word of legal action ("charges", "indictment", "prosecute")."""
        entry = self.lookup(token)
        return entry is not None and entry.context == "legal"

    def lookup(self, token) -> Entry | None:
        """The lexicon row for a token in its parse, or None."""
        lemma = _lemma(token)
        if self._unlisted(token, lemma):
            return None  # most words: no table holds any form of them
        if token.ent_type_ in ("DATE", "TIME"):
            return None  # "on March 28" is a date, not a march
        for joined in _forms(token) - {lemma}:  # "co-development", "cease-fire" split by the tokenizer
            if joined in self.nouns or joined in self.verbs:
                lemma = joined
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            rows = self.verbs.get(lemma)
            if rows is None:  # the lemmatizer's slips ("staged" -> "stag"): try the word's own stems
                for stem in stems(token.lower_):
                    rows = self.verbs.get(stem)
                    if rows:
                        break
        elif token.pos_ in ("NOUN", "PROPN"):
            rows = self.nouns.get(lemma) or self.nouns.get(token.lower_)
        elif token.pos_ == "ADJ" and any(c.dep_ == "dobj" for c in token.children):
            rows = self.verbs.get(lemma)  # an adjective with a direct object is a verb mistagged ("and expel 60 diplomats")
        elif token.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in token.children):
            rows = self.adjectives.get(lemma)
        else:
            rows = None
        if not rows:
            return None
        for entry in rows:
            if _holds(entry, token):
                return entry
        return None


@cache
def default_lexicon() -> Lexicon:
    return Lexicon.from_tsv()


class LexiconError(DotterelError):
    code = "E710"


USER_LEXICON = "lexicon.tsv"  # the name of a model folder's own lexicon (`dotterel train --lexicon`)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The shipped lexicon, with the rows of the file at `path` (the same eight columns, see
    ``data/events/lexicon.tsv``) in place of its rows for the same word and part of speech: a
    word of one's own ("cyberattack" N event CYBERATTACK) or a shipped word read another way.
    None gives the shipped lexicon."""
    base = default_lexicon()
    if path is None:
        return base
    where = Path(path)
    if not where.is_file():
        raise LexiconError("E710", f"no lexicon file {str(path)!r} (give a TSV in the columns of "
                           "dotterel/data/events/lexicon.tsv)")
    try:
        own = Lexicon.from_tsv(where, lists=base.lists)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LexiconError("E711", f"{path}: {exc}") from None
    merged = Lexicon([])
    for name in ("verbs", "nouns", "adjectives", "lists"):
        setattr(merged, name, {**getattr(base, name), **getattr(own, name)})
    return merged
