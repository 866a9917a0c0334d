"""Text keys for names: the normalised lookup key (`norm`) and the phonetic skeleton
(`phonetic`) that blocks name variants. Pure functions of their text, with no data:
the knowledge base (`kb`) and the variant matcher (`variants`) both build on them,
and neither imports the other's module state.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["norm", "phonetic", "name_tokens", "HONORIFICS"]

_PUNCT = re.compile(r"[^\w\s&+]")
_SPACE = re.compile(r"\s+")

HONORIFICS = {"dr", "mr", "mrs", "ms", "sir", "shri", "smt", "prof", "gen", "lt", "col", "dame", "sheikh"}


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The lookup key of a phrase: lower case, no accents, no punctuation.

    "U.S." -> "us", "Indo-Pacific" -> "indo pacific", "Côte d'Ivoire" -> "cote divoire",
    "President Putin’s" -> "president putin".
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    text = text.replace("-", " ").replace("–", " ").replace("/", " ")
    text = _PUNCT.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    if text.startswith("the ") and len(text) > 4:
        text = text[4:]
    return text


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


def name_tokens(name: str) -> list[str]:
    """The words of a name that count for matching: no initials, no honorifics."""
    return [t for t in norm(name).split() if len(t) > 1 and t not in HONORIFICS]
