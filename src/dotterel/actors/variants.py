"""Name variants: misspelled or transliterated names of people and organisations.

A name the knowledge base does not know exactly is compared with the entries that
share a phonetic blocking key with one of its words ("Quatra" and "Kwatra" both give
``ktr``). A candidate is accepted only when the match is strong *and* the context
agrees: the title in the mention names an office the candidate held on the date,
or the country in the mention or sentence is the candidate's. One word matches a
person only as an uncommon surname of theirs and an organisation only as a one-word
name, and two entities that fit equally well give no link. Otherwise the name stays
unknown: it is never forced onto a known entity.

The blocking index belongs to the knowledge base (`KnowledgeBase.variant_index`,
stored in its prebuilt index); this module keeps no state of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz

from .kb import Entry, KnowledgeBase, common_surnames, surname_of
from .normalize import HONORIFICS, name_tokens, phonetic

__all__ = ["phonetic", "VariantMatch", "match_variant", "HONORIFICS"]

_tokens = name_tokens


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
    """The known entity a misspelled name most likely stands for, or None (also when two
    entities fit it equally well).

    `offices`: offices named by titles in the mention ({"fm"}); `codes`: countries in the
    mention or its sentence; `doc_codes`: the document's main countries (weaker evidence).
    """
    tokens = _tokens(name)
    if not tokens or all(len(t) < 3 for t in tokens):
        return None
    idx = kb.variant_index
    cands: set[str] = set()
    for t in tokens:
        if len(t) >= 3:
            cands.update(idx.get(phonetic(t), ()))
    accepted: list[VariantMatch] = []
    for eid in sorted(cands):
        entry = kb.entries[eid]
        aliases = (entry.name, *entry.aliases)
        if len(tokens) == 1 and (entry.type != "person" or surname_of(entry) != tokens[0]
                                 or tokens[0] in common_surnames()):
            # one word names a person only as their own, uncommon surname: not "Carlos" for
            # Juan Carlos, "Schmidt" for Thorning-Schmidt, "Ahmed" for Abiy Ahmed; and an
            # organisation only as a one-word name ("ShinMaywa"): "Department" in "the
            # Justice Department" is no variant of the Los Angeles Police Department
            aliases = tuple(a for a in aliases if len(_tokens(a)) == 1)
            if not aliases:
                continue
        score, alias = max((_score(tokens, a), a) for a in aliases)
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
        accepted.append(VariantMatch(entry, alias, round(score, 1), why))
    if not accepted:
        return None
    top = max(m.score for m in accepted)
    best = [m for m in accepted if m.score == top]
    if len(best) > 1:
        return None  # as likely one entity as another: a wrong link is worse than none
    return best[0]
