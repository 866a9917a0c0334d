"""PLOVER types, modes, quad classes and the CAMEO/Goldstein crosswalk, as data.

The table lives in ``dotterel/data/ontology/plover.csv`` (see its README for
the decisions taken: SANCTION is quad 4; Goldstein values follow GDELT's table).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

STATUSES = ("occurred", "ongoing", "future", "hypothetical", "negated", "historical")

CONTEXTS = (
    "agriculture", "asylum", "business", "cbrn", "cyber", "crime", "corruption", "democracy",
    "diplomatic", "disaster", "economic", "environment", "executive", "gender", "health",
    "human_rights", "human_security", "humanitarian", "intelligence", "international_law",
    "judicial", "legal", "legislative", "migration", "military", "peacekeeping",
    "political_institutions", "pro_autocracy", "pro_democracy", "refugees", "religion_ethnicity",
    "resources", "rights_freedoms", "science", "terrorism", "territory", "transportation",
    "economic_sanctions",
)  # fmt: skip

SECTORS = (
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "UAF", "OPP", "BUS", "CVL", "JRN",
    "MED", "REL", "EDU", "LAB", "NGO", "IGO", "UNO", "MNC", "ELI", "CRM", "REF", "AGR", "ENV",
    "HLH", "INS", "SEP", "RAD", "MOD", "IND",
)  # fmt: skip

#: PLOVER's "YIELD" in some evaluation sets covers both of these.
YIELD = ("CONCEDE", "RETREAT")


@dataclass(frozen=True, slots=True)
class Crosswalk:
    event: str
    mode: str | None
    cameo: str
    quad: int
    goldstein: float
    meaning: str

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


@cache
def table() -> dict[tuple[str, str | None], Crosswalk]:
    path = resources.files("dotterel") / "data" / "ontology" / "plover.csv"
    rows: dict[tuple[str, str | None], Crosswalk] = {}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            mode = r["mode"] or None
            rows[(r["event"], mode)] = Crosswalk(
                r["event"], mode, r["cameo"], int(r["quad"]), float(r["goldstein"]), r["meaning"]
            )
    return rows


def crosswalk(event: str, mode: str | None = None) -> Crosswalk:
    """CAMEO code, quad class and Goldstein value for a PLOVER event and mode."""
    rows = table()
    found = rows.get((event, mode)) or rows.get((event, None))
    if found is None:
        raise KeyError(f"unknown PLOVER event type {event!r}; expected one of {EVENT_TYPES}")
    return found


def quad(event: str) -> int:
    return crosswalk(event).quad
