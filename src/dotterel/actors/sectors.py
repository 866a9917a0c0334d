"""The sector lexicon: titles and nouns that say which PLOVER sector an actor belongs to.

Data: ``dotterel/data/actors/sectors.tsv`` (written by the project). A phrase maps to a
sector, optionally to offices (``fm`` foreign minister, ``dm`` defence minister, ...)
that are compared with the offices people hold in the knowledge base.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..ontology import SECTORS
from .kb import norm

__all__ = ["SectorTerm", "lexicon", "lookup", "INHERIT", "COUNTERPART"]

INHERIT = "="  # takes the sector of the actor it is attached to ("the army chief")
COUNTERPART = "~"  # takes the sector of the person it is the counterpart of


@dataclass(frozen=True, slots=True)
class SectorTerm:
    phrase: str
    sector: str
    offices: frozenset[str]
    kind: str  # title | noun | body | role | member


@cache
def lexicon() -> dict[str, SectorTerm]:
    path = resources.files("dotterel") / "data" / "actors" / "sectors.tsv"
    out: dict[str, SectorTerm] = {}
    with path.open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            sector = r["sector"]
            if sector not in SECTORS and sector not in (INHERIT, COUNTERPART):
                raise ValueError(f"sectors.tsv: unknown sector {sector!r} for {r['phrase']!r}")
            out[norm(r["phrase"])] = SectorTerm(r["phrase"], sector, frozenset((r["office"] or "").split()), r["kind"])
    return out


def lookup(phrase: str) -> SectorTerm | None:
    """The sector term a phrase names ("Foreign Minister" -> GOV, office fm), or None."""
    return lexicon().get(norm(phrase))
