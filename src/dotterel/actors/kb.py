"""The actor knowledge base: who is who, and when.

One `KnowledgeBase` holds every alias the project knows, keyed by a normalised
form of the phrase (`norm`), pointing at `Entry` objects: countries, groupings
of countries (IGOs), people and organisations. People and organisations carry
`Role`s with date ranges, so that a name resolves to the office its bearer held
on the date of the event.

The shipped base lives in ``dotterel/data/actors/`` (tables written by the
project); entries imported by the user (``dotterel kb import``) live as JSONL
files in the user knowledge base directory (``$DOTTEREL_KB_DIR`` or
``~/.local/share/dotterel/kb/``) and are loaded on top of it: for the same
alias, a user entry is consulted first.

`get_kb()` loads all of it once per process.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import threading
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from ..errors import KnowledgeBaseError

__all__ = [
    "Role",
    "Entry",
    "Match",
    "KnowledgeBase",
    "get_kb",
    "reset_kb",
    "norm",
    "user_kb_dir",
]

_PUNCT = re.compile(r"[^\w\s&+]")
_SPACE = re.compile(r"\s+")


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


def _date(value: Any) -> dt.date | None:
    if value is None or value == "" or value == "-":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(slots=True)
class Role:
    """An office or affiliation held over a date range (either end may be open)."""

    code: str | None
    sector: str | None
    office: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def active(self, date: dt.date | None) -> bool:
        if date is None:
            return self.end is None
        if self.start and date < self.start:
            return False
        if self.end and date > self.end:
            return False
        return True

    def offices(self) -> set[str]:
        return set((self.office or "").split())

    def describe(self) -> str:
        span = f"{self.start or '…'} to {self.end or '…'}" if self.dated else "undated"
        parts = [p for p in (self.code, self.sector) if p]
        office = f" ({self.office})" if self.office else ""
        return f"{' '.join(parts)}{office}, {span}"

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["start"] = self.start.isoformat() if self.start else None
        d["end"] = self.end.isoformat() if self.end else None
        return d


@dataclass(slots=True)
class Entry:
    """Something an actor phrase can name."""

    id: str
    name: str
    type: str  # country | igo | person | org | region
    code: str | None = None
    sector: str | None = None  # default sector (countries: GOV; IGOs: IGO/UNO)
    kb_id: str | None = None
    aliases: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    default_sector: str | None = None  # people out of office
    source: str = "shipped"

    def role_at(self, date: dt.date | None) -> Role | None:
        """The role held on `date`: among dated roles active then, the latest started;
        else an undated role (CAMEO's default code); None when nothing applies."""
        best: Role | None = None
        for r in self.roles:
            if r.dated and r.active(date):
                if best is None or (r.start or dt.date.min) > (best.start or dt.date.min):
                    best = r
        if best is not None:
            return best
        for r in self.roles:
            if not r.dated:
                return r
        return None

    def country(self) -> str | None:
        """The entry's home code when no role applies: its most frequent role code."""
        if self.code:
            return self.code
        counts: dict[str, int] = {}
        for r in self.roles:
            if r.code and len(r.code) == 3 and r.code.isalpha():
                counts[r.code] = counts.get(r.code, 0) + 1
        return max(counts, key=counts.get) if counts else None

    def offices_at(self, date: dt.date | None) -> set[str]:
        role = self.role_at(date)
        return role.offices() if role else set()

    def to_json(self) -> dict[str, Any]:
        d = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "code": self.code,
            "sector": self.sector,
            "kb_id": self.kb_id,
            "aliases": self.aliases,
            "members": self.members,
            "roles": [r.to_json() for r in self.roles],
            "default_sector": self.default_sector,
            "source": self.source,
        }
        return {k: v for k, v in d.items() if v not in (None, [], "")}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Entry:
        roles = [
            Role(r.get("code"), r.get("sector"), r.get("office"), _date(r.get("start")), _date(r.get("end")))
            for r in d.get("roles", [])
        ]
        return cls(
            id=d["id"],
            name=d["name"],
            type=d.get("type", "person"),
            code=d.get("code"),
            sector=d.get("sector"),
            kb_id=d.get("kb_id"),
            aliases=list(d.get("aliases", [])),
            members=list(d.get("members", [])),
            roles=roles,
            default_sector=d.get("default_sector"),
            source=d.get("source", "user"),
        )


@dataclass(slots=True)
class Match:
    """What a phrase resolved to, and why."""

    entry: Entry
    alias: str  # the alias (as written in the base) that matched
    kind: str  # alias kind: name, demonym, capital, metonym, abbrev, surname ...
    role: Role | None
    code: str | None
    sector: str | None

    def why(self) -> str:
        role = f"; role {self.role.describe()}" if self.role else ""
        return f"alias {self.alias!r} ({self.kind}) of {self.entry.type} {self.entry.name!r} [{self.entry.source}]{role}"


# alias kinds that must be written with capitals in the text to count
_PROPER = {"name", "official", "capital", "demonym", "metonym", "prefix", "igo", "person", "org", "surname"}
_CASE_SENSITIVE = {"abbrev"}


def user_kb_dir() -> Path:
    env = os.environ.get("DOTTEREL_KB_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "dotterel" / "kb"


def _data(name: str):
    return resources.files("dotterel") / "data" / "actors" / name


def _rows(name: str) -> Iterable[dict[str, str]]:
    with _data(name).open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


_SURNAME_STOP = {
    "singh", "kumar", "khan", "kim", "lee", "park", "li", "wang", "ali", "shah", "sharif", "silva",
    "may", "johnson", "hunt", "wallace", "harris", "blair", "wong", "bishop", "anand", "costa", "michel",
    "gabriel", "hammond", "fallon", "cooper", "healey", "moon", "jun", "xi", "kono", "nunes", "vieira",
    "serra", "rossi", "martinez", "fernandez", "petri", "kishi", "jin", "carter", "austin", "taro",
    "king", "queen", "charles", "elizabeth", "modise", "sisulu", "abbott", "andrews", "reynolds",
    "harper", "conte", "dion", "philippe", "gauck", "merz", "trenta", "hamada", "jubeir",
}  # fmt: skip


class KnowledgeBase:
    """Aliases -> entries, with date-aware resolution. Build with `load()`."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        # norm(alias) -> list of (entry id, alias as written, kind); user entries first
        self.aliases: dict[str, list[tuple[str, str, str]]] = {}
        self.regions: set[str] = set()
        self.max_alias_words = 1
        self.counts: dict[str, int] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ building
    def add_entry(self, entry: Entry, *, front: bool = False, surnames: bool = False) -> None:
        old = self.entries.get(entry.id)
        if old is not None and entry.source != old.source:
            entry.id = f"{entry.source}:{entry.id}"
        self.entries[entry.id] = entry
        if front and entry.kb_id is None and entry.type == "person":
            # an imported person the shipped base knows keeps the shipped Wikidata id
            for eid, _alias, _kind in self.aliases.get(norm(entry.name), ()):
                known = self.entries.get(eid)
                if known is not None and known.type == "person" and known.kb_id:
                    entry.kb_id = known.kb_id
                    break
        kind = {"person": "person", "org": "org", "igo": "igo"}.get(entry.type, "name")
        names = [entry.name, *entry.aliases]
        for a in names:
            self.add_alias(a, entry.id, kind, front=front)
        if entry.type == "person":
            words = entry.name.split()
            if len(words) > 2:  # "Vinay Mohan Kwatra" -> "Vinay Kwatra"
                self.add_alias(f"{words[0]} {words[-1]}", entry.id, "person", front=front)

    def add_alias(self, alias: str, entry_id: str, kind: str, *, front: bool = False) -> None:
        key = norm(alias)
        if not key:
            return
        bucket = self.aliases.setdefault(key, [])
        if any(e == entry_id for e, _, _ in bucket):
            return
        item = (entry_id, alias, kind)
        if front:
            bucket.insert(0, item)
        else:
            bucket.append(item)
        self.max_alias_words = max(self.max_alias_words, key.count(" ") + 1)

    def _add_surnames(self) -> None:
        """A surname alone names a person when no other person in the base has it."""
        by_surname: dict[str, list[Entry]] = {}
        for e in self.entries.values():
            if e.type != "person":
                continue
            words = norm(e.name).split()
            if len(words) >= 2:
                by_surname.setdefault(words[-1], []).append(e)
        for surname, people in by_surname.items():
            if len(people) == 1 and len(surname) >= 4 and surname not in _SURNAME_STOP:
                if surname not in self.aliases:
                    self.add_alias(surname.title(), people[0].id, "surname")

    def load_shipped(self) -> None:
        countries: dict[str, Entry] = {}
        named: set[str] = set()
        n_alias = 0
        for r in _rows("countries.tsv"):
            code = r["code"]
            e = countries.get(code)
            if e is None:
                e = countries[code] = Entry(id=f"country:{code}", name=r["alias"], type="country", code=code, sector="GOV")
                self.entries[e.id] = e
            if r["kind"] == "name" and code not in named:
                e.name = r["alias"]
                named.add(code)
            e.aliases.append(r["alias"])
            self.add_alias(r["alias"], e.id, r["kind"])
            n_alias += 1
            if r["sector"] and r["kind"] == "metonym" and r["sector"] != "GOV":
                # a metonym with its own sector (the Pentagon -> MIL) is its own entry
                sub = Entry(id=f"metonym:{norm(r['alias'])}", name=r["alias"], type="country", code=code, sector=r["sector"])
                self.entries[sub.id] = sub
                self.aliases[norm(r["alias"])] = [(sub.id, r["alias"], "metonym")]
        with _data("regions.txt").open(encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line and not line.startswith("#"):
                    self.regions.add(norm(line))
                    self.max_alias_words = max(self.max_alias_words, norm(line).count(" ") + 1)
        n_igo = 0
        for r in _rows("igos.tsv"):
            e = Entry(
                id=f"igo:{r['code']}",
                name=r["name"],
                type="igo",
                code=r["code"],
                sector=r["sector"] or "IGO",
                kb_id=r["kb_id"] or None,
                aliases=[a for a in r["aliases"].split(";") if a],
                members=r["members"].split() if r["members"] else [],
            )
            self.add_entry(e)
            n_igo += 1
        people: dict[str, Entry] = {}
        for r in _rows("people.tsv"):
            e = people.get(r["name"])
            if e is None:
                e = people[r["name"]] = Entry(
                    id=f"{r['type']}:{norm(r['name']).replace(' ', '_')}",
                    name=r["name"],
                    type=r["type"],
                    kb_id=r["kb_id"] or None,
                    aliases=[a for a in r["aliases"].split(";") if a],
                    default_sector=r["default_sector"] or None,
                )
            dated = bool(r["start"] or r["end"])
            role = Role(r["code"] or None, r["sector"] or None, r["office"] or None, _date(r["start"]), _date(r["end"]))
            if r["type"] == "org" and not dated:
                e.code, e.sector = role.code, role.sector
            e.roles.append(role)
        for e in people.values():
            self.add_entry(e)
        self.counts = {
            "countries": len(countries),
            "country_aliases": n_alias,
            "regions": len(self.regions),
            "igos": n_igo,
            "people": sum(1 for e in people.values() if e.type == "person"),
            "organisations": sum(1 for e in people.values() if e.type == "org"),
        }

    def load_user(self, directory: Path | None = None) -> int:
        directory = directory or user_kb_dir()
        n = 0
        if not directory.is_dir():
            return 0
        for path in sorted(directory.glob("*.jsonl")):
            with path.open(encoding="utf-8") as fh:
                for lineno, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        entry = Entry.from_json(json.loads(line))
                    except (ValueError, KeyError, TypeError) as exc:
                        raise KnowledgeBaseError("E305", f"{path}:{lineno}: bad knowledge base line ({exc})") from exc
                    self.add_entry(entry, front=True)
                    n += 1
        self.counts["user_entries"] = n
        return n

    @classmethod
    def load(cls, user_dir: Path | None = None, *, user: bool = True) -> KnowledgeBase:
        kb = cls()
        kb.load_shipped()
        if user:
            kb.load_user(user_dir)
        kb._add_surnames()
        return kb

    # ------------------------------------------------------------------ lookup
    def is_region(self, text: str) -> bool:
        return norm(text) in self.regions

    def candidates(self, key: str) -> list[tuple[str, str, str]]:
        return self.aliases.get(key, ())  # type: ignore[return-value]

    def lookup(self, text: str, date: dt.date | None = None, *, key: str | None = None) -> Match | None:
        """Resolve a name exactly (after normalisation). Case rules: abbreviations must
        be written in capitals ("US", not "us"); proper names need a capital letter."""
        key = norm(text) if key is None else key
        if not key or key in self.regions:
            return None
        bucket = self.aliases.get(key)
        if not bucket:
            return None
        has_upper = any(c.isupper() for c in text)
        letters = [c for c in text if c.isalpha()]
        all_upper = bool(letters) and all(c.isupper() for c in letters)
        fallback: Match | None = None
        for entry_id, alias, kind in bucket:
            if kind in _CASE_SENSITIVE and not all_upper:
                continue
            if kind in _PROPER and not has_upper:
                continue
            entry = self.entries[entry_id]
            m = self._match(entry, alias, kind, date)
            if m.role is not None and m.role.dated:
                return m  # an office held on that date beats everything else
            if fallback is None:
                fallback = m
        return fallback

    def _match(self, entry: Entry, alias: str, kind: str, date: dt.date | None) -> Match:
        if entry.type in ("country", "igo"):
            return Match(entry, alias, kind, None, entry.code, entry.sector)
        role = entry.role_at(date)
        if role is not None:
            return Match(entry, alias, kind, role, role.code or entry.country(), role.sector)
        if entry.type == "org":
            return Match(entry, alias, kind, None, entry.code, entry.sector)
        return Match(entry, alias, kind, None, entry.country(), entry.default_sector or "ELI")

    def people_and_orgs(self) -> Iterable[Entry]:
        return (e for e in self.entries.values() if e.type in ("person", "org"))


_KB: KnowledgeBase | None = None
_KB_LOCK = threading.Lock()


def get_kb() -> KnowledgeBase:
    """The process-wide knowledge base (shipped + user), loaded on first use."""
    global _KB
    if _KB is None:
        with _KB_LOCK:
            if _KB is None:
                _KB = KnowledgeBase.load()
    return _KB


def reset_kb() -> None:
    """Forget the loaded base (after an import, or when DOTTEREL_KB_DIR changes)."""
    global _KB
    _KB = None
    from . import variants

    variants._INDEX.clear()
