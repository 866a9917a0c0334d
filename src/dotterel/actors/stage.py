"""Finding actor mentions in a parsed document and resolving them.

How a sentence becomes actor mentions:

1. *Tagging*: the longest phrase starting at each token that the knowledge base or the
   sector lexicon knows becomes an item: a country (name, capital, metonym,
   abbreviation), a demonym, a grouping (IGO), a person, an organisation, or a sector
   term ("Foreign Minister", "troops", "counterpart"). Regions and seas are items too,
   so that "South China Sea" never yields China. Proper names nobody knows (spaCy's
   PERSON/ORG entities, runs of proper nouns) become `name` items.
2. *Phrases*: neighbouring items joined only by determiners, possessives, adjectives,
   honorifics and initials form one actor phrase ("new Australian Prime Minister
   Anthony Albanese"); "and", commas, verbs and prepositions end a phrase.
3. *Resolution*: a phrase takes its code and sector from the most specific item:
   a person's office on the event date, else an organisation, a grouping, then the
   title/noun's sector and the demonym's country. Unknown names are tried as name
   variants (see `variants`) and otherwise keep their text with the context's code
   and sector.

Everything is dictionary lookups on normalised keys; fuzzy matching runs only for
unknown names.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import weakref
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from .. import lang
from ..document import Document, Entity, Flag, Mention
from .kb import KnowledgeBase, Match, norm
from .sectors import COUNTERPART, INHERIT, SectorTerm, lexicon, lookup
from .variants import HONORIFICS, match_variant

__all__ = ["ResolveActors", "resolve", "Item", "Word"]

MAX_WORDS = 6
# movements whose member societies are national ("the Kenya Red Cross"): the country's, not the movement's
NATIONAL_SOCIETIES = frozenset({"ICRC"})
# proper names ending in these words name events, not actors ("Annual Summit")
_EVENT_WORDS = {
    "summit", "dialogue", "conference", "meeting", "exercise", "exercises", "talks", "forum",
    "agreement", "treaty", "accord", "war", "visit", "festival", "games", "cup", "olympics",
    "day", "week", "year", "programme", "program", "initiative", "act", "bill", "vehicle",
}  # fmt: skip
_ARTICLES = {"the", "a", "an"}
# head words of the names of places and buildings ("Queen Street", "King Khalid International
# Airport", "Prince Sultan Air Base"): a title or a person's name that opens such a name is
# part of it, and names no one
_PLACE_HEADS = {
    "airport", "avenue", "base", "boulevard", "bridge", "causeway", "city", "district", "dam",
    "drive", "highway", "hospital", "lane", "park", "port", "road", "square", "stadium", "station",
    "street", "terminal", "town", "village",
}  # fmt: skip
# countries and capitals whose names are also given names ("Chad Smith", "Sofia Ramos")
_GIVEN_NAMES = {
    "america", "chad", "georgia", "india", "israel", "jamaica", "jordan", "kenya", "paris",
    "santiago", "sofia", "wellington",
}  # fmt: skip
_HONORIFIC_TEXT = HONORIFICS | {"dr.", "mr.", "mrs.", "ms.", "prof.", "gen.", "lt.", "col."}
# titles and ranks written before a surname without a full stop (British style: "Sgt Tonroe")
_TITLE_WORDS = _HONORIFIC_TEXT | {"sgt", "cpl", "capt", "maj", "cllr", "sen", "rep", "gov", "rev", "hon", "insp",
                                  "supt", "det", "pres", "amb", "cdr", "adm", "brig", "lord", "lady", "president"}


@dataclass(slots=True)
class Word:
    """A token, as much of it as resolution needs (built from spaCy or from plain text)."""

    i: int
    text: str
    start: int
    end: int
    lemma: str = ""
    pos: str = ""
    tag: str = ""
    dep: str = ""
    head: int = -1
    ent: str = ""


@dataclass(slots=True)
class Item:
    """A tagged phrase inside a sentence: words [i, j)."""

    i: int
    j: int
    type: str  # country | demonym | igo | person | org | sector | region | name
    match: Match | None = None
    term: SectorTerm | None = None
    ent: str = ""

    @property
    def code_bearing(self) -> bool:
        return self.type in ("country", "demonym", "igo")

    @property
    def named(self) -> bool:
        return self.type in ("person", "org", "name")


def _item_type(m: Match) -> str:
    if m.kind in ("demonym", "prefix"):
        return "demonym"
    return {"country": "country", "igo": "igo", "person": "person", "org": "org"}.get(m.entry.type, "org")


_STARTS: weakref.WeakKeyDictionary[KnowledgeBase, tuple[int, frozenset[str]]] = weakref.WeakKeyDictionary()


def _first_words(kb: KnowledgeBase, lex: dict[str, SectorTerm]) -> frozenset[str]:
    """The first word of every alias, region and sector term key: a phrase that starts with
    another word names none of them (kept per knowledge base, rebuilt when it grows)."""
    size = len(kb.aliases) + len(kb.regions)
    cached = _STARTS.get(kb)
    if cached is None or cached[0] != size:
        keys = [*kb.aliases, *kb.regions, *lex]
        cached = _STARTS[kb] = (size, frozenset(k.split(" ", 1)[0] for k in keys))
    return cached[1]


def _may_start(word: str, starts: frozenset[str]) -> bool:
    key = norm(word)
    return not key or key.split(" ", 1)[0] in starts  # an empty key: the phrase's may come later


def tag(words: list[Word], text: str, kb: KnowledgeBase, date: dt.date | None) -> list[Item]:
    """Longest-match tagging of knowledge base aliases and sector terms."""
    lex = lexicon()
    starts = _first_words(kb, lex)
    items: list[Item] = []
    n = len(words)
    i = 0
    maxw = min(MAX_WORDS, max(kb.max_alias_words, 4))
    lemmas = [w.lemma or w.text for w in words]
    wordlike = [_wordlike(w.text) for w in words]  # once per word, not once per phrase tried
    while i < n:
        found: Item | None = None
        w0 = words[i]
        # no phrase starts with punctuation, an article or a word no alias or term starts with
        skip = (w0.pos == "PUNCT" or not wordlike[i] or w0.text.lower() in _ARTICLES
                or not (_may_start(w0.text, starts) or _may_start(lemmas[i], starts)))
        k_max = 0 if skip else min(maxw, n - i)
        for k in range(k_max, 0, -1):
            w1 = words[i + k - 1]
            if w1.pos == "PUNCT" or not wordlike[i + k - 1] or w1.tag == "POS":
                continue
            if w1.text.lower() in ("'s", "’s"):
                continue
            span = text[w0.start : w1.end]
            key = norm(span)
            if not key:
                continue
            if key in kb.regions:
                found = Item(i, i + k, "region")
                break
            m = kb.lookup(span, date, key=key)
            if m is not None:
                if m.kind == "abbrev" and _bad_abbrev(words, i + k, text):
                    m = None
                elif m.kind == "abbrev" and not span.isupper() and i + k < n and words[i + k].ent == "PERSON":
                    m = None  # "Isis Johnson": a given name, not ISIS written as a word
                elif m.kind == "surname" and k == 1 and i == 0 and w0.tag in ("NN", "NNS"):
                    m = None  # "Gang members fired ...": a common noun capitalised by the sentence
                elif m.kind in ("person", "surname") and k == 1 and _other_given_name(words, i, items, m):
                    m = None  # "Mary Johnson", "Hunter Biden": another person of that surname
                elif _item_type(m) in ("country", "demonym", "igo") and lang.after_stance_prefix(text, w0.start):
                    m = None  # "anti-American protesters", "pro-Russian separatists": not of that country
                elif m.kind == "prefix" and not (i + k < n and words[i + k].text in ("-", "–")):
                    m = None  # "Indo" only in "Indo-Japan"
                elif _item_type(m) == "country" and k == 1 and _given_name(words, i, lex):
                    m = None  # "Chad Smith", "Kenya Moore": a person's given name, not the country
            if m is not None and k >= 2 and _item_type(m) in ("igo", "org") and _ends_longer_name(words, i, items):
                break  # "the Peace and Security Council" is not the UN's Security Council
            if m is not None and k >= 2 and _item_type(m) == "igo" and _organ_of_another(m, items, i):
                break  # "the OAS General Assembly" is the OAS's, not the UN's
            if m is not None:
                found = Item(i, i + k, _item_type(m), match=m)
                break
            term = lex.get(key)
            if term is None and k <= 3:
                lemma_key = norm(" ".join(lemmas[i : i + k]))
                term = lex.get(lemma_key)
            if (term is None and 2 <= k <= 3 and lemmas[i + k - 1] != w1.text
                    and any(lemmas[x] != words[x].text for x in range(i, i + k - 1))):
                # "human rights groups": only the head is plural ("rights" is no plural of "right");
                # where the other words are their own lemmas, this key is one of the two above
                term = lex.get(norm(" ".join([*(w.text for w in words[i : i + k - 1]), lemmas[i + k - 1]])))
            if term is not None and any(words[x].ent in ("DATE", "TIME") for x in range(i, i + k)):
                term = None  # "at 5 pm" is a time, not a prime minister
            if term is not None and w1.pos in ("VERB", "AUX"):
                term = None  # "police suspect the man", "they police the border": a verb, no one
            if term is not None:
                found = Item(i, i + k, "sector", term=term)
                break
        if found is not None and (end := _opens_other_name(words, found)) is not None:
            i = end  # "Queen Street", "King Fahd Causeway": the whole name is a place's
        elif found is not None:
            items.append(found)
            i = found.j
        else:
            i += 1
    return items


def _wordlike(text: str) -> bool:
    """A token with a letter or a digit: a hyphen or a quotation mark that the tagger took for
    a proper noun ("ex - President Jacob Zuma") neither opens nor ends a name."""
    return any(c.isalnum() for c in text)


def _given_name(words: list[Word], i: int, lex: dict[str, SectorTerm]) -> bool:
    """The country's or capital's name at `i`, one that is also a given name, is a person's:
    the parser reads it as one name with the capitalised word after it ("Chad Smith", "India
    Walton"), and that word is no title ("Jordan King Abdullah" is the country's king)."""
    if i + 1 >= len(words) or words[i].ent != "PERSON" or words[i].text.lower() not in _GIVEN_NAMES:
        return False
    after = words[i + 1]
    return (after.ent == "PERSON" and after.pos == "PROPN" and after.text[:1].isupper()
            and after.text.lower().rstrip(".") not in _TITLE_WORDS and norm(after.text) not in lex)


def _opens_other_name(words: list[Word], item: Item) -> int | None:
    """A title or a known person's name that opens the name of a place or a building ("Queen
    Street", "President Kennedy Square", "King Fahd International Airport"): one past the
    whole name, a run of capitalised words ending in a place's head word; else None."""
    title = item.type == "sector" and item.term is not None and item.term.kind == "title"
    if not (title or item.type == "person") or not words[item.i].text[:1].isupper():
        return None
    n, j = len(words), item.j
    while j < n and words[j].pos in ("PROPN", "") and words[j].text[:1].isupper():  # "": a phrase without a parse
        if words[j].text.lower() in _PLACE_HEADS and not _name_goes_on(words, j):
            return j + 1
        j += 1
    return None


def _name_goes_on(words: list[Word], j: int) -> bool:
    """words[j] is inside a person's name that goes on after it: "Park" in "Interior Minister
    Park Soo-hyun" is a surname, not a place's head word."""
    after = words[j + 1] if j + 1 < len(words) else None
    return (words[j].ent == "PERSON" and after is not None and after.ent == "PERSON"
            and after.text[:1].isupper())


def _other_given_name(words: list[Word], i: int, items: list[Item], m: Match) -> bool:
    """The one-word name at `i` (a known person's surname) comes right after a given name
    that is none of the known person's own words ("Mary Johnson" is not Boris Johnson,
    "Hunter Biden" not Joe Biden): another person, whom linking leaves unknown. An initial
    ("Donald J. Trump"), a title or rank, or a word a phrase before covers is no given name."""
    if i == 0 or words[i].ent != "PERSON":
        return False
    before = words[i - 1]
    if items and items[-1].j > i - 1:
        return False
    if before.ent not in ("PERSON", "") or before.pos != "PROPN" or not before.text[:1].isupper():
        return False
    if len(before.text.rstrip(".")) <= 1 or before.text.endswith(".") or before.text.lower() in _TITLE_WORDS:
        return False  # an initial, an abbreviated title ("Sen.", "Gov."), a rank ("Sgt", "Cllr")
    own = {w.lower() for name in (m.entry.name, *m.entry.aliases) for w in name.replace("-", " ").split()}
    return before.text.lower() not in own


def _ends_longer_name(words: list[Word], i: int, items: list[Item]) -> bool:
    """The words from `i` end a longer name of the form 'Peace and Security Council': a
    capitalised name word no alias covers, then 'and'. An organisation's alias there is a
    part of another organisation's name; linking abstains rather than guess."""
    if i < 2 or words[i - 1].text != "and":
        return False
    before = words[i - 2]
    covered = bool(items) and items[-1].j > i - 2
    return before.pos == "PROPN" and before.text[:1].isupper() and not covered


def _organ_of_another(m: Match, items: list[Item], i: int) -> bool:
    """An organisation's organ named right after another organisation ("the OAS General
    Assembly", "the AU Commission"): the organ alias ('General Assembly', a UN body) belongs
    to the one named first, unless that is the UN itself ("the UN Security Council")."""
    if not items or items[-1].j != i or items[-1].type != "igo" or items[-1].match is None:
        return False
    first = items[-1].match.entry.code or ""
    return not first.startswith("UN") and first != (m.entry.code or "")


def _bad_abbrev(words: list[Word], j: int, text: str) -> bool:
    """"US-2" (an aircraft) is not the United States."""
    if j < len(words) and words[j].text in ("-", "–") and j + 1 < len(words):
        return words[j + 1].text[:1].isdigit()
    return False


@dataclass(slots=True)
class Phrase:
    items: list[Item] = field(default_factory=list)
    i: int = 0  # first word (with leading possessive/adjectives)
    j: int = 0  # one past the last item word


def _glue(w: Word) -> bool:
    t = w.text.lower()
    if t in _ARTICLES or w.tag == "PRP$" or t in _HONORIFIC_TEXT:
        return True
    if w.pos in ("ADJ", "NUM") or t in ("both", "two", "new", "former", "then", "top", "senior", "deputy"):
        return True
    if len(w.text) <= 2 and w.text[:1].isupper() and (len(w.text) == 1 or w.text[1] == "."):
        return True  # an initial: "S."
    return False


def phrases(words: list[Word], items: list[Item]) -> list[Phrase]:
    """Group items into actor phrases."""
    out: list[Phrase] = []
    at = {it.i: it for it in items}
    cur: Phrase | None = None
    lead = -1  # first glue word before the next item
    i = 0
    n = len(words)
    while i < n:
        it = at.get(i)
        if (it is None or it.type == "name") and cur is not None and i == cur.j and words[i - 1].tag == "POS":
            k = _title_after_portfolio(words, at, i)
            if k is not None:  # "Uganda's Trade Minister": the portfolio words join the title
                cur.j = k
                i = k
                continue
        if it is not None:
            if it.type == "region":
                cur = None
                lead = -1
                i = it.j
                continue
            if cur is not None and _splits(cur, it):
                cur = None
            if cur is None:
                cur = Phrase([], lead if lead >= 0 else it.i, it.j)
                out.append(cur)
            cur.items.append(it)
            cur.j = it.j
            lead = -1
            i = it.j
            continue
        w = words[i]
        t = w.text.lower()
        joins = cur is not None and i == cur.j and (
            (w.tag == "POS" and cur.items[-1].type in ("country", "org", "igo"))
            or (t == "of" and cur.items[-1].type == "sector" and i + 1 < n and (at.get(i + 1) or _the_item(at, i + 1, words)))
        )
        if joins:
            cur.j = i + 1  # provisional; trimmed later if nothing follows
            i += 1
            continue
        if _glue(w):
            if cur is not None and i == cur.j:
                cur.j = i + 1
            elif lead < 0:
                lead = i
            i += 1
            continue
        cur = None
        lead = -1
        i += 1
    for p in out:  # trim trailing glue; a bare country or demonym takes no leading words
        p.j = max(it.j for it in p.items)
        if all(it.code_bearing for it in p.items):
            p.i = p.items[0].i
    return out


def _title_after_portfolio(words: list[Word], at: dict[int, Item], i: int) -> int | None:
    """Where a title starts after up to three capitalised words that are no item ('Trade' in
    "Uganda's Trade Minister", 'Sectoral' in "Venezuela's Sectoral Vice President"), or None."""
    k = i
    while (k < len(words) and k - i < 3 and (k not in at or at[k].type == "name" and at[k].j == k + 1)
           and words[k].text[:1].isupper() and words[k].text.isalpha()):
        k += 1  # the parser may take a portfolio word for a name of its own ('Trade')
    it = at.get(k)
    if k == i or it is None or it.type != "sector" or it.term is None or it.term.kind != "title":
        return None
    return k


def _the_item(at: dict[int, Item], i: int, words: list[Word]) -> bool:
    return words[i].text.lower() == "the" and (i + 1) in at


def _splits(cur: Phrase, it: Item) -> bool:
    kinds = {x.type for x in cur.items}
    if it.code_bearing and kinds & {"country", "demonym", "igo"}:
        return True
    if it.code_bearing and kinds & {"person", "name"}:
        return True
    if it.named and kinds & {"person", "name"}:
        return True
    if it.type == "org" and kinds & {"org"}:
        return True
    if it.type == "sector" and it.term and it.term.kind == "title" and kinds & {"person", "name"}:
        return True  # "Modi Prime Minister ..." does not happen; a new title starts a new actor
    return False


class Resolver:
    """Turns phrases into entities for one document (date, context codes)."""

    def __init__(self, kb: KnowledgeBase, date: dt.date | None, doc_codes: set[str] | None = None):
        self.kb = kb
        self.date = date
        self.doc_codes = doc_codes or set()

    def entity(
        self, p: Phrase, words: list[Word], text: str, sentence_codes: set[str], prev_sector: str | None
    ) -> tuple[Entity | None, dict[str, Any], list[dict[str, Any]]]:
        data: dict[str, Any] = {}
        flags: list[dict[str, Any]] = []
        items = p.items
        terms = [it.term for k, it in enumerate(items) if it.type == "sector" and it.term
                 and not _portfolio(items, k, words)]
        offices: set[str] = set()
        for t in terms:
            offices |= t.offices
        countries = [it for it in items if it.code_bearing]
        ctx_code = countries[0].match.code if countries and countries[0].match else None
        head: Item | None = next((it for it in items if it.type == "person"), None)
        head = head or next((it for it in items if it.type in ("org", "name")), None)
        head = head or next((it for it in items if it.type == "igo"), None)
        name = kb_id = None
        code = sector = None
        members: list[str] = []
        if head is not None and head.type == "name":
            name_text = text[words[head.i].start : words[head.j - 1].end]
            v = match_variant(
                name_text,
                self.kb,
                self.date,
                offices=offices,
                codes=({ctx_code} if ctx_code else set()) | sentence_codes,
                doc_codes=self.doc_codes,
            )
            if v is not None:
                m = self.kb._match(v.entry, v.alias, "variant", self.date)
                head = Item(head.i, head.j, "person" if v.entry.type == "person" else "org", match=m)
                flags.append(
                    Flag(
                        "name_variant", name_text, v.why,
                        detail={"entity": v.entry.name, "kb_id": v.entry.kb_id, "score": v.score},
                    ).as_dict()  # fmt: skip
                )
            else:
                data["unknown_name"] = name_text
        if head is not None and head.match is not None:
            m = head.match
            name, kb_id = m.entry.name, m.entry.kb_id
            code, sector = m.code, m.sector
            members = list(m.entry.members)
            data["kb"] = {"entry": m.entry.id, "why": m.why()}
            if m.entry.type == "person":
                data["kb_person"] = True
            if m.role is not None and m.role.office:
                data["kb_offices"] = sorted(m.role.offices())
            if code is None:
                code = ctx_code
            if m.entry.type in ("person",) and m.role is None and terms:
                # out of office on that date: a title in the text still says the sector
                sector = _term_sector(terms, None, prev_sector) or sector
        else:
            code = ctx_code
            if terms:
                sector = _term_sector(terms, None, prev_sector)
            elif countries:
                m = countries[0].match
                sector = m.sector if (m and countries[0].type == "country" and len(items) == 1) else None
                if sector:
                    data["sector_source"] = "default"
                if sector is None and m and m.kind == "demonym" and len(items) == 1 and _people_of(words, p, countries[0]):
                    sector, data["sector_source"] = "CVL", "people"
                if m and countries[0].type == "igo":
                    sector = m.sector
                    name, kb_id = m.entry.name, m.entry.kb_id
                    members = list(m.entry.members)
        national = next((it for it in countries if it.match and it.match.entry.type == "country"
                         and head is not None and it.i < head.i), None)
        if head is not None and head.type == "igo" and code in NATIONAL_SOCIETIES and national is not None:
            # "the Uganda Red Cross", "the Philippine Red Cross": a national society, its
            # country's own organisation, not the international committee
            code, sector, name, kb_id, members = national.match.code, "NGO", None, None, []
            data["national_society"] = True
        if head is not None and head.type in ("org", "igo") and terms:
            # "the Mitsubishi chief": a role word takes the organisation's sector
            concrete = [t for t in terms if t.sector not in (INHERIT, COUNTERPART)]
            if concrete and head.type == "org" and concrete[-1].kind == "title":
                pass
        if any(t.sector == COUNTERPART for t in terms):
            data["counterpart"] = True
            if head is None or head.match is None or head.type == "name":
                sector = prev_sector or "GOV"
        if offices:
            data["title_offices"] = sorted(offices)
        if code is None and sector is None and head is None:
            return None, data, flags
        if countries and countries[0].match and countries[0].match.entry.type == "country":
            data["country_alias"] = countries[0].match.alias
        ent_text = text[words[p.i].start : words[p.j - 1].end]
        ent = Entity(ent_text, code, sector, name, kb_id, words[p.i].start, words[p.j - 1].end)
        if members:
            data["members"] = members
        return ent, data, flags


def _portfolio(items: list[Item], k: int, words: list[Word]) -> bool:
    """'Deputy Minister of Industry and Trade', 'the Ministry of Public Security': a sector noun
    right after the 'of' of a state title or body (sectors.tsv kind "body"; no article between)
    names the portfolio, not the holder's sector. 'the President of the Chamber of Commerce'
    keeps the chamber's: there the article stands between."""
    it = items[k]
    if k == 0 or it.term is None or it.term.kind != "noun" or it.i == 0 or words[it.i - 1].text.lower() != "of":
        return False
    prev = items[k - 1]
    return (prev.type == "sector" and prev.term is not None and prev.term.kind in ("title", "body")
            and prev.term.sector == "GOV" and prev.j == it.i - 1)


def _people_of(words: list[Word], p: Phrase, item: Item) -> bool:
    """'two Palestinians', 'more than 30,000 Afghans', 'Syrians': a plural demonym heading its
    phrase names people of the country (civilians), not its state -- unless it is the bare
    definite 'the Palestinians rejected the plan', which speaks for them. A demonym after a
    number is plural whatever its tag ('at least 23 Bangladeshis': a singular proper noun to
    the parser)."""
    if item.j != p.j:
        return False
    before = words[p.i : item.i] or words[max(p.i - 1, 0) : p.i]
    if words[item.j - 1].tag not in ("NNS", "NNPS") and not any(w.tag == "CD" for w in before):
        return False
    return not before or any(w.text.lower() != "the" for w in before)


def _name_words(name: str) -> set[str]:
    """The capitalised words of a person's name ("Wang", "Yi"; not "bin" or "de")."""
    return {w.lower() for w in name.split() if len(w) > 1 and w[:1].isupper()}


def link_surnames(doc: Document) -> None:
    """A person named in full once ("Philippine Foreign Secretary Ramon Castillo") and by
    surname later ("Castillo said ...") is the same person: the later mention takes the
    country, sector and name of the first. Only for people the knowledge base does not
    know (known people resolve by themselves) and only within one document.

    A known person whose name's words the knowledge base cannot use alone (a surname
    several people share: "Foreign Minister Wang Yi" ... "Wang told reporters") lends his
    country the same way, in either name order, when no other person named earlier in
    the document shares that word."""
    first: dict[str, Entity] = {}
    known_words: dict[str, dict[str, Entity]] = {}  # a name's word -> full name -> person
    ordered = sorted(doc.mentions_of("actor"), key=lambda m: m.start)
    for prev, m in zip([None, *ordered], ordered):
        # "German Economy Minister Katrin Vogel": a demonym separated from the title by a
        # capitalised word the sector lexicon does not know still gives the country
        if (
            prev is not None and m.entity is not None and m.entity.code is None and m.data.get("unknown_name")
            and prev.entity is not None and prev.entity.code and prev.data.get("role") == "modifier"
            and 0 <= m.start - prev.end <= 20
            and all(w[:1].isupper() for w in doc.text[prev.end:m.start].split())
        ):
            m.entity.code = prev.entity.code
    for m in ordered:
        e = m.entity
        full = m.data.get("unknown_name")
        if e is not None and e.code and e.name and m.data.get("kb_person"):
            for word in _name_words(e.name):
                known_words.setdefault(word, {}).setdefault(e.name, e)
        if e is None or not full:
            continue
        surname = full.split()[-1].lower()
        if len(full.split()) > 1:
            if e.code or e.sector:
                for word in _called_by(full):
                    first.setdefault(word.lower(), e)
            # an uncoded person still makes his name's words ambiguous
            for word in _name_words(full):
                known_words.setdefault(word, {}).setdefault(full, e)
        elif e.code is None:
            named = list(known_words.get(surname, {}).values())
            # a word two people named before share names neither ("Wang Yi", "Wang Lei")
            candidates = [first[surname]] if surname in first and len(named) <= 1 else named
            if len(candidates) == 1 and (candidates[0].code or candidates[0].sector):
                # one with a title but no country lends his sector: the article's country
                # places both alike ("Foreign Secretary Alan Pendry" ... "Pendry told parliament")
                known = candidates[0]
                e.code, e.sector = known.code, e.sector or known.sector
                m.data["linked_to"] = known.text


_SHORT_FORM = re.compile(r"[A-Z][A-Za-z&]{1,7}")
# the short form stands for its actor only where it heads a phrase, not as a modifier ("NWC members")
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def long_form(short: str, before: str) -> str | None:
    """The words of `before` that `short` abbreviates, by Schwartz and Hearst's algorithm (2003):
    the short form's letters found right to left in order, its first at the start of a word
    ("MoD" in "... The Ministry of Defence" -> "Ministry of Defence"); None where they are not."""
    words = before.split()[-min(len(short) + 5, 2 * len(short)):]
    text = " ".join(words)
    s, i = len(short) - 1, len(text) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (text[i].lower() != c or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    found = text[text.rfind(" ", 0, i + 1) + 1:]
    return found if len(found) > len(short) and " " in found else None


def link_titles(doc: Document) -> None:
    """'German Ambassador Matthias Vollrath ... The ambassador had warned': a person named later
    only by "the" and a title or role word ("the ambassador", "the minister") is the one that
    word last named with a country in the document, when no country of his own is given; the
    article's country (the domestic stage's default) had made a foreign envoy a local official."""
    if doc.parse is None:
        return
    seen: list[tuple[set[str], Entity]] = []  # (lemmas, entity) of people with a code, in order
    for m in sorted(doc.mentions_of("actor"), key=lambda m: m.start):
        e = m.entity
        span = doc.parse.char_span(m.start, m.end, alignment_mode="expand")
        if e is None or span is None or m.data.get("role") == "modifier":
            continue
        words = [t for t in span if not t.is_punct]
        if words and words[0].lower_ != "the" and span.start > 0:
            words.insert(0, doc.parse[span.start - 1])  # the mention leaves its article out
        # one person ("the ambassador"); "the leaders", "the soldiers" may be of both sides
        if e.code is None and len(words) == 2 and words[0].lower_ == "the" and words[1].tag_ in ("NN", "NNP"):
            term = lookup(words[1].lemma_)
            if term is not None and term.kind in ("title", "role"):
                known = next((k for lemmas, k in reversed(seen) if words[1].lemma_.lower() in lemmas), None)
                if known is not None:
                    e.code, e.sector = known.code, e.sector or known.sector
                    m.data["linked_to"] = known.text
                    continue
        if e.code and not m.members:  # one country's, not a grouping's
            seen.append(({t.lemma_.lower() for t in span}, e))


def link_abbreviations(doc: Document) -> None:
    """An actor named in full with its short form in brackets ("The Ministry of Defence (MoD)",
    "the National Working Committee (NWC)") is the same actor wherever the short form heads a
    phrase later in the document ("The MoD has confirmed ..."): that mention takes the first
    one's code, sector and name. Short forms the knowledge base knows resolve by themselves."""
    if doc.parse is None:
        return
    actors = sorted(doc.mentions_of("actor"), key=lambda m: m.start)
    if not actors:
        return
    covered = [(m.start, m.end) for m in actors]
    tokens = doc.parse
    defined: dict[str, tuple[Mention, int]] = {}  # short form -> the full name's mention, where defined
    for tok in tokens:
        if tok.i + 2 >= len(tokens) or tok.text != "(" or tokens[tok.i + 2].text != ")":
            continue
        short = tokens[tok.i + 1]
        if not _SHORT_FORM.fullmatch(short.text) or sum(c.isupper() for c in short.text) < 2:
            continue
        before = doc.text[tok.sent.start_char:tok.idx]
        words = long_form(short.text, before)
        if words is None:
            continue
        lf_start = tok.sent.start_char + [w.start() for w in re.finditer(r"\S+", before)][-len(words.split())]
        # the actor the full name heads ("The Ministry" of "The Ministry of Defence"), not one
        # it belongs to ("the chairman of the National Working Committee")
        full = [m for m in actors if m.entity is not None and m.data.get("role") != "modifier"
                and (m.entity.code or m.entity.sector or m.entity.name) and lf_start < m.end <= tok.idx
                and doc.text[m.start:max(m.start, lf_start)].strip().lower() in _ARTICLES | {""}]
        if full and short.text not in defined:
            defined[short.text] = (full[0], short.i)
    for tok in tokens:
        first, at = defined.get(tok.text, (None, len(tokens)))
        if first is None or tok.i <= at or tok.dep_ in _MODIFIER_DEPS:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if any(s < end and start < e for s, e in covered):
            continue
        sentence = doc.sentence_at(start)
        if sentence is None or sentence.kind != "body":
            continue
        ent = replace(first.entity, text=tok.text, start=start, end=end)
        doc.mentions.append(Mention(start, end, tok.text, "actor", sentence.index, ent, list(first.members), [],
                                    {"abbreviation_of": first.text}))


@functools.cache
def _party_state(words: Any) -> tuple[re.Pattern[str], frozenset[str]]:
    """The pattern of ", R-" / "(D-" after a name, and the US states it may name (a language's)."""
    places = words.places
    states = frozenset({*places.us_state_abbreviations, *places.us_states_spelled,
                        *(a for forms in places.us_state_abbreviations.values() for a in forms)})
    letters = "|".join(places.us_party_letters)
    return re.compile(rf"\s*[,(]\s*(?:{letters})-(?P<state>[A-Z][A-Za-z.]*)"), states


def us_legislators(doc: Document) -> None:
    """A person followed by a party letter and a US state, AP style ("Sen. Jane Roe, R-Neb.,",
    "Rep. Ro Khanna (D-Calif.)", "R-Texas"), is a US legislator: country USA, sector LEG
    when none is known."""
    party_state, states = _party_state(lang.for_document(doc))
    for m in doc.mentions_of("actor"):
        e = m.entity
        found = party_state.match(doc.text, m.end) if e is not None and e.code is None else None
        if found and found.group("state") in states:
            e.code, e.sector = "USA", e.sector or "LEG"
            m.data["us_legislator"] = found.group("state")


def _term_sector(terms: list[SectorTerm], org_sector: str | None, prev: str | None) -> str | None:
    for k in range(len(terms) - 1, -1, -1):
        t = terms[k]
        if t.kind == "member" and any(b.sector not in (INHERIT, COUNTERPART) for b in terms[:k]):
            continue  # "Senate Democrats", "opposition Socialists": the body they sit in says more
        if t.sector == INHERIT:
            if org_sector:
                return org_sector
            continue
        if t.sector == COUNTERPART:
            return prev or "GOV"
        return t.sector
    return org_sector


def _words_from_spacy(span) -> list[Word]:
    base, n = span.start, span.end - span.start
    # heads within this sentence only (reading the whole document's array for every sentence
    # made long documents quadratic); one pass over the span's tokens, each made once
    words = []
    for k, t in enumerate(span):
        head = t.head.i - base
        text, idx = t.text, t.idx
        words.append(Word(k, text, idx, idx + len(text), t.lemma_, t.pos_, t.tag_, t.dep_,
                          head if 0 <= head < n else -1, t.ent_type_))
    return words


def _name_hyphen(words: list[Word], j: int, covered: set[int]) -> bool:
    """words[j] is a hyphen written inside a name, between two capitalised words with no space
    ("Owusu-Darko", "Ntim-Fordjour"); the tokenizer splits such names in three."""
    return (j + 1 < len(words) and words[j].text == "-" and j not in covered and j + 1 not in covered
            and words[j].start == words[j - 1].end and words[j + 1].start == words[j].end
            and words[j + 1].text[:1].isupper())


def _name_items(words: list[Word], items: list[Item]) -> list[Item]:
    """Unknown proper names: spaCy PERSON/ORG entities and runs of proper nouns."""
    covered = set()
    for it in items:
        covered.update(range(it.i, it.j))
    out: list[Item] = []
    i, n = 0, len(words)
    while i < n:
        w = words[i]
        is_name = (w.ent in ("PERSON", "ORG") or w.pos == "PROPN") and w.text[:1].isupper() and i not in covered
        if not is_name or w.text.lower() in _HONORIFIC_TEXT or (len(w.text) <= 2 and w.text.endswith(".")):
            i += 1
            continue
        j = i
        ents = set()
        while j < n and j not in covered and (
            words[j].ent in ("PERSON", "ORG") or words[j].pos == "PROPN"
        ) and words[j].text[:1].isupper():
            ents.add(words[j].ent)
            j += 1
            if _name_hyphen(words, j, covered):  # "Kwame Owusu-Darko": one name across the hyphen
                j += 1
        if j > i and words[j - 1].text.lower() not in _EVENT_WORDS:
            out.append(Item(i, j, "name", ent=next((e for e in ("PERSON", "ORG") if e in ents), "")))
        i = max(j, i + 1)
    return out


def _names_called_by(mentions: list[Mention]) -> set[str]:
    """The words people named in full ("Foreign Secretary Alan Pendry") are called by alone
    later (`_called_by`), for those the knowledge base does not know but a title or a country
    places: later "Pendry" is one."""
    out = set()
    for m in mentions:
        full = m.data.get("unknown_name")
        if full and len(full.split()) > 1 and m.entity is not None and (m.entity.code or m.entity.sector):
            out.update(_called_by(full))
    return out


def _called_by(full: str) -> set[str]:
    """The words a person named in full is called by alone later: the surname, or the given
    name first where that is the custom ("Lao Prime Minister Bounmy Keomany ... Bounmy said")."""
    words = [w for w in (full.split()[0], full.split()[-1]) if w[:1].isupper() and w.isalpha()]
    return set(words)


def _surname_items(words: list[Word], items: list[Item], names: list[Item], called: set[str]) -> list[Item]:
    """A word alone that a person named in full in an earlier sentence is called by
    ("Pendry told parliament ...", "Kagaba pledged ..."): the small parser often leaves such
    a name without an entity label, or labels it a place, so that it had named no one."""
    if not called:
        return []
    covered = {k for it in items for k in range(it.i, it.j)}
    out, seen = [], set()
    for n in names:
        if not n.ent and n.j - n.i == 1 and words[n.i].text in called:
            out.append(Item(n.i, n.j, "name", ent="PERSON"))
        seen.update(range(n.i, n.j))
    for k, w in enumerate(words):  # "Barstow said": tagged a common noun, so no name item
        if k not in covered and k not in seen and w.pos == "NOUN" and w.text in called:
            out.append(Item(k, k + 1, "name", ent="PERSON"))
    return out


class ResolveActors:
    """Stage: actor mentions of body sentences, resolved against the knowledge base.

    ``kb`` is the base to resolve against (default: ``KnowledgeBase.load()``, the shipped
    base plus the user's imports). Pickled for a worker process, the stage takes its base
    along: a loaded base reloads there from its options, a base built by hand travels whole.
    Besides actor mentions, the stage writes document flags (`role_mismatch`).
    """

    name = "actors"
    requires = ("parse", "sentences")
    assigns = ("mentions.actor", "flags")

    def __init__(self, kb: KnowledgeBase | None = None):
        self.kb = kb if kb is not None else KnowledgeBase.load()

    @property
    def config(self) -> dict[str, Any]:
        return {"kb": self.kb.config}

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None:
            return doc
        kb = self.kb
        date = doc.meta.date
        sents = [s for s in doc.sentences if s.kind == "body"]
        tagged = []
        counts: Counter[str] = Counter()
        for s in sents:
            span = doc.parse.char_span(s.start, s.end, alignment_mode="expand")
            if span is None:
                continue
            words = _words_from_spacy(span)
            items = tag(words, doc.text, kb, date)
            for it in items:
                if it.code_bearing and it.match and it.match.code:
                    counts[it.match.code] += 1
            tagged.append((s, words, items))
        doc_codes = {c for c, _ in counts.most_common(3)}
        resolver = Resolver(kb, date, doc_codes)
        called: set[str] = set()  # what people named in full, with a country or a sector, are called by
        for s, words, items in tagged:
            names = _name_items(words, items)
            kept = [n for n in names if n.ent or _near_title(n, items)] + _surname_items(words, items, names, called)
            all_items = sorted(items + kept, key=lambda it: it.i)
            sentence_codes = {it.match.code for it in items if it.code_bearing and it.match and it.match.code}
            mentions = self._sentence(doc, s.index, words, all_items, resolver, sentence_codes)
            doc.mentions.extend(mentions)
            respectively(doc, s.index, words, mentions, kb, date)
            called.update(_names_called_by(mentions))
        link_surnames(doc)
        link_titles(doc)
        link_abbreviations(doc)
        us_legislators(doc)
        return doc

    def _sentence(self, doc, index, words, items, resolver: Resolver, sentence_codes) -> list[Mention]:
        out: list[Mention] = []
        prev_sector: str | None = None
        text = doc.text
        for p in phrases(words, items):
            kinds = [it.type for it in p.items]
            last = words[p.j - 1]
            modifier = last.dep in ("amod", "compound", "nmod") and last.head > p.j - 1
            if set(kinds) == {"sector"} and modifier:
                continue  # "military exercises", "police station"
            if set(kinds) == {"name"} and not any(it.ent == "PERSON" for it in p.items):
                continue  # an unknown organisation with no country or sector around it
            if p.items[0].i != p.i and words[p.i].text.lower() in _ARTICLES:
                p.i += 1
            ent, data, flags = resolver.entity(p, words, text, sentence_codes, prev_sector)
            if ent is None:
                continue
            if kinds == ["demonym"] and modifier:
                data["role"] = "modifier"
            elif set(kinds) <= {"country", "demonym"} and modifier:
                data["role"] = "modifier"
            members = data.pop("members", [])
            mention = Mention(ent.start, ent.end, text[ent.start : ent.end], "actor", index, ent, members, flags, data)
            if len(p.items) > 1:
                for it in p.items:
                    if it.code_bearing and it.match is not None:
                        m = it.match
                        s0, e0 = words[it.i].start, words[it.j - 1].end
                        sub = Entity(text[s0:e0], m.code, None if it.type == "demonym" else m.sector, None, None, s0, e0)
                        if it.type == "igo":
                            sub.name, sub.kb_id = m.entry.name, m.entry.kb_id
                        out.append(
                            Mention(s0, e0, sub.text, "actor", index, sub, list(m.entry.members), [], {"role": "modifier"})
                        )
            out.append(mention)
            if ent.sector and any(it.type in ("person", "name") or (it.term and it.term.kind == "title") for it in p.items):
                prev_sector = ent.sector
        out.sort(key=lambda m: (m.start, -m.end))
        for prev, m in zip(out, out[1:]):
            e = m.entity
            if (e is not None and e.code in NATIONAL_SOCIETIES and prev.entity is not None and prev.entity.code
                    and prev.data.get("country_alias") and not text[prev.end:m.start].strip()):
                # "the Uganda Red Cross" (the country a phrase of its own): the national society
                m.entity = replace(e, code=prev.entity.code, name=None, kb_id=None)
                m.members = []
                m.data["national_society"] = True
        return out


def _near_title(name: Item, items: list[Item]) -> bool:
    return any(
        (it.type == "demonym" or (it.type == "sector" and it.term and it.term.kind in ("title", "role")))
        and it.j == name.i
        for it in items
    )


def respectively(doc: Document, index: int, words: list[Word], mentions: list[Mention], kb, date) -> None:
    """Flag "A and B ... C and D respectively" when the offices of C, D do not pair with A, B."""
    r = next((w for w in words if w.text.lower() == "respectively"), None)
    if r is None:
        return
    people = [m for m in mentions if m.data.get("role") != "modifier" and m.start < r.start]
    # B: the people listed just before "respectively" (known from the knowledge base)
    b: list[Mention] = []
    for m in reversed(people):
        between = doc.text[m.end : (b[0].start if b else r.start)].strip().lower()
        if between not in ("", "and", ",", ", and"):
            break
        if not m.data.get("kb_offices"):
            break
        b.insert(0, m)
    if len(b) < 2:
        return
    a = [m for m in people if m.end <= b[0].start and m.data.get("title_offices") and not m.data.get("counterpart")]
    if len(a) != len(b):
        return
    ao = [set(m.data["title_offices"]) for m in a]
    bo = [set(m.data["kb_offices"]) for m in b]
    straight = all(x & y for x, y in zip(ao, bo))
    if straight:
        return
    reversed_ok = all(x & y for x, y in zip(ao, reversed(bo)))
    start = b[0].start
    k = next((w.i for w in words if w.start == start), None)
    if k is not None and k > 0 and words[k - 1].pos in ("VERB", "AUX"):
        start = words[k - 1].start
    pairs = "; ".join(
        f"{(x.entity.name or x.text)} ({'/'.join(sorted(xo))}) is paired with {(y.entity.name or y.text)}"
        f" ({'/'.join(sorted(yo))} on {date})"
        for x, y, xo, yo in zip(a, b, ao, bo)
    )
    why = pairs + (": the 'respectively' order is reversed" if reversed_ok else ": offices do not match")
    doc.flags.append(Flag("role_mismatch", doc.text[start : r.end], why, start, r.end, index).as_dict())


# ---------------------------------------------------------------- free text
def _plain_words(text: str) -> list[Word]:
    import re

    out = []
    for k, m in enumerate(re.finditer(r"[\w.&'’]+|[^\w\s]", text)):
        t = m.group()
        if t.endswith(".") and len(t) > 2 and t.count(".") == 1 and t[:-1].isalpha() and not t[0].isupper():
            t = t[:-1]
        out.append(Word(k, t, m.start(), m.start() + len(t), t.lower().rstrip("s") if False else "", "PUNCT" if not (t[0].isalnum()) else ""))
    return out


def resolve(text: str, date: dt.date | None = None, *, kb: KnowledgeBase | None = None) -> Entity | None:
    """Resolve a free phrase ("the Kremlin", "Japanese", "Prime Minister Fumio Kishida",
    "Indian Army") to an Entity, or None when it names no actor (regions, seas).

    ``kb``: the base to resolve against; without one, ``KnowledgeBase.load()`` is read
    for this call (pass ``kb`` when resolving many phrases)."""
    kb = kb if kb is not None else KnowledgeBase.load()
    text = text.strip()
    if not text or kb.is_region(text):
        return None
    words = _plain_words(text)
    for w in words:
        w.lemma = _lemma(w.text)
    items = tag(words, text, kb, date)
    if not items or all(it.type == "region" for it in items):
        if not items:
            return None
        return None
    items = [it for it in items if it.type != "region"]
    resolver = Resolver(kb, date)
    p = Phrase(items, items[0].i, items[-1].j)
    ent, _data, _flags = resolver.entity(p, words, text, set(), None)
    if ent is None:
        return None
    ent.text, ent.start, ent.end = text, None, None
    return ent


def _lemma(word: str) -> str:
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w
