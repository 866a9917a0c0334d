"""Name variants: misspelled or transliterated names of people and organisations.

A name the knowledge base does not know exactly is compared with the entries that
share a phonetic blocking key with one of its words ("Quatra" and "Kwatra" both give
``ktr``). A candidate is accepted only when the match is strong *and* the context
agrees: the title in the mention names an office the candidate held on the date,
or the country in the mention or sentence is the candidate's. Otherwise the name
stays unknown: it is never forced onto a known entity.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .kb import Entry, KnowledgeBase, norm

__all__ = ["phonetic", "VariantMatch", "match_variant", "HONORIFICS"]

HONORIFICS = {"dr", "mr", "mrs", "ms", "sir", "shri", "smt", "prof", "gen", "lt", "col", "dame", "sheikh"}

_RULES = [
    (re.compile(r"ph"), "f"), (re.compile(r"qu"), "k"), (re.compile(r"ck"), "k"), (re.compile(r"q"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"), (re.compile(r"c"), "k"), (re.compile(r"x"), "ks"), (re.compile(r"v"), "b"),
    (re.compile(r"z"), "s"), (re.compile(r"dh"), "d"), (re.compile(r"th"), "t"), (re.compile(r"kh"), "k"),
    (re.compile(r"gh"), "g"), (re.compile(r"bh"), "b"), (re.compile(r"[wy]"), ""),
    (re.compile(r"(?<!^)h"), ""), (re.compile(r"(?<=s)h"), "h"),
]  # fmt: skip


@lru_cache(maxsize=65536)
def phonetic(word: str) -> str:
    """A crude consonant skeleton: "Binoy"/"Vinay" -> "bn", "Quatra"/"Kwatra" -> "ktr",
    "Jayashankar"/"Jaishankar" -> "jsnkr", "Shinmayawa"/"ShinMaywa" -> "snm"."""
    w = norm(word).replace(" ", "")
    if not w:
        return ""
    first_vowel = w[0] in "aeiou"
    w = w.replace("sh", "s")
    for pattern, repl in _RULES:
        w = pattern.sub(repl, w)
    w = re.sub(r"[aeiou0-9]", "", w)
    w = re.sub(r"(.)\1+", r"\1", w)
    return ("a" + w) if first_vowel else w


def _tokens(name: str) -> list[str]:
    return [t for t in norm(name).split() if len(t) > 1 and t not in HONORIFICS]


_INDEX: dict[int, dict[str, set[str]]] = {}


def _index(kb: KnowledgeBase) -> dict[str, set[str]]:
    idx = _INDEX.get(id(kb))
    if idx is None:
        idx = {}
        for e in kb.people_and_orgs():
            for alias in (e.name, *e.aliases):
                for t in _tokens(alias):
                    if len(t) >= 3:
                        idx.setdefault(phonetic(t), set()).add(e.id)
        _INDEX.clear()
        _INDEX[id(kb)] = idx
    return idx


def _token_score(a: str, b: str) -> float:
    pa, pb = phonetic(a), phonetic(b)
    p = 100.0 if pa == pb else fuzz.ratio(pa, pb)
    return 0.5 * fuzz.ratio(a, b) + 0.5 * p


def _score(tokens: list[str], alias: str) -> float:
    atoks = _tokens(alias)
    if not atoks or not tokens:
        return 0.0
    last = _token_score(tokens[-1], atoks[-1])
    if last < 80:
        # one-word organisation names written apart or together ("Shinmayawa"/"ShinMaywa")
        whole = fuzz.ratio("".join(tokens), "".join(atoks))
        return whole if len(tokens) == 1 and len(atoks) == 1 else 0.0
    scores = [last]
    pos = 0
    for t in tokens[:-1]:
        best, where = 0.0, -1
        for j in range(pos, len(atoks) - 1):
            s = _token_score(t, atoks[j])
            if s > best:
                best, where = s, j
        if where < 0:
            return 0.0
        scores.append(best)
        pos = where + 1
    return sum(scores) / len(scores)


@dataclass(slots=True)
class VariantMatch:
    entry: Entry
    alias: str
    score: float
    why: str


def match_variant(
    name: str,
    kb: KnowledgeBase,
    date: dt.date | None = None,
    *,
    offices: set[str] | frozenset[str] = frozenset(),
    codes: set[str] | frozenset[str] = frozenset(),
    doc_codes: set[str] | frozenset[str] = frozenset(),
    threshold: float = 80.0,
) -> VariantMatch | None:
    """The known entity a misspelled name most likely stands for, or None.

    `offices`: offices named by titles in the mention ({"fm"}); `codes`: countries in the
    mention or its sentence; `doc_codes`: the document's main countries (weaker evidence).
    """
    tokens = _tokens(name)
    if not tokens or all(len(t) < 3 for t in tokens):
        return None
    idx = _index(kb)
    cands: set[str] = set()
    for t in tokens:
        if len(t) >= 3:
            cands |= idx.get(phonetic(t), set())
    best: VariantMatch | None = None
    for eid in cands:
        entry = kb.entries[eid]
        score, alias = max((_score(tokens, a), a) for a in (entry.name, *entry.aliases))
        if score < threshold:
            continue
        role = entry.role_at(date)
        held = role.offices() if role else set()
        code = (role.code if role else None) or entry.code or entry.country()
        why = None
        if offices and held and offices & held:
            why = f"title names office {sorted(offices & held)[0]} held on {date}"
        elif offices and held and not offices & held:
            continue  # the title says another office: not this person
        elif code and code in codes:
            why = f"country {code} named in the mention or sentence"
        elif code and code in doc_codes and score >= 88:
            why = f"country {code} is a main country of the document"
        if why is None:
            continue
        if best is None or score > best.score:
            best = VariantMatch(entry, alias, round(score, 1), why)
    return best
