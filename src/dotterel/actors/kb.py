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
alias, a user entry is consulted first. A user file that cannot be loaded is a
`KnowledgeBaseError` naming the file and line, never skipped: E305 a line that is not
an entry, E308 a line that is not UTF-8, E309 a file that cannot be read (a folder
named ``*.jsonl``, a file without read permission); a knowledge base folder that is
a file is E307.

`KnowledgeBase.load()` reads all of it from a compact prebuilt index (see
`dotterel.cache`), built on first use and rebuilt when a source changes (the
shipped tables, the user's files, this module). There is no process-wide base:
whoever needs one (the `ResolveActors` stage, `CodeEvents`, `resolve`) is given
it, and a pipeline builds it once. A base loaded from files pickles as the
options it was loaded with and reloads in the receiving process; a base built
by hand (a fictional one in a test) pickles whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from .. import cache
from ..errors import KnowledgeBaseError
from .normalize import name_tokens, norm, phonetic

__all__ = [
    "Role",
    "Entry",
    "Match",
    "KnowledgeBase",
    "norm",
    "user_kb_dir",
]

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
_PROPER = {"name", "official", "capital", "demonym", "metonym", "part", "prefix", "igo", "person", "org", "surname"}
_CASE_SENSITIVE = {"abbrev"}


def _all_capitals(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# the shortest abbreviation matched in its house-style form ("Isis"); three letters are too
# often a word or a name in title case ("Eta", "Anc")
HOUSE_STYLE_LETTERS = 4


def _house_style(text: str, alias: str) -> bool:
    """An abbreviation of four letters or more written as a word, as British and Irish papers
    write them ("Isis", "Isil", "Farc" for ISIS, ISIL, FARC): only that exact form, never in
    lower case or in capitals of a shorter abbreviation ("Eta" is not ETA)."""
    return (len(alias) >= HOUSE_STYLE_LETTERS and alias.isalpha() and alias.isupper()
            and text == alias.capitalize())


def _checked(d: Any) -> dict[str, Any]:
    """A user file's line as `Entry.from_json` takes it, else ValueError saying what is wrong:
    a field of the wrong type would fail later, or split a string of aliases into letters."""
    if not isinstance(d, dict):
        raise ValueError(f"a JSON object, not {type(d).__name__}")
    for k in ("id", "name"):
        if not isinstance(d.get(k), str) or not d[k].strip():
            raise ValueError(f"{k!r} must be a non-empty string")
    for k in ("type", "code", "sector", "kb_id", "default_sector", "source"):
        if not isinstance(d.get(k), (str, type(None))):
            raise ValueError(f"{k!r} must be a string or null")
    for k in ("aliases", "members"):
        if not isinstance(d.get(k, []), list) or not all(isinstance(a, str) for a in d.get(k, [])):
            raise ValueError(f"{k!r} must be a list of strings")
    roles = d.get("roles", [])
    if not isinstance(roles, list) or not all(
        isinstance(r, dict) and all(isinstance(r.get(k), (str, type(None))) for k in ("code", "sector", "office"))
        for r in roles
    ):
        raise ValueError("'roles' must be a list of objects whose code, sector and office are strings or null")
    return d


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


@functools.cache
def igo_codes() -> frozenset[str]:
    """The codes of the shipped international organisations and groupings (igos.tsv): never a
    country, even those of three letters (UNO, IMF, AMN, HRW)."""
    return frozenset(r["code"] for r in _rows("igos.tsv"))


def shipped_regions() -> list[tuple[str, str | None]]:
    """The regions and seas of the shipped table (regions.txt), never a country: (name, the
    GeoNames feature code of those the gazetteer knows as places, else None)."""
    out: list[tuple[str, str | None]] = []
    with _data("regions.txt").open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, feature = line.partition("\t")
                out.append((name.strip(), feature.strip() or None))
    return out


def shipped_aliases(kind: str) -> dict[str, str]:
    """The country aliases of one kind in the shipped table (countries.tsv), lower case ->
    ISO alpha-3 code: ``shipped_aliases("demonym")["japanese"] == "JPN"``."""
    return {r["alias"].lower(): r["code"] for r in _rows("countries.tsv") if r["kind"] == kind}


def shipped_path(name: str) -> Path:
    """Where a shipped table is (for the fingerprint of an index built from it)."""
    return Path(str(_data(name)))


def surname_of(entry: Entry) -> str | None:
    """A person's surname as a lookup key: the last word of a name of two words or more
    ("thorning schmidt" for Helle Thorning-Schmidt), else None."""
    words = entry.name.split()
    return norm(words[-1]) or None if entry.type == "person" and len(words) >= 2 else None


@functools.cache
def common_surnames() -> frozenset[str]:
    """Surnames that never name one person alone (common_surnames.txt): shared by many people
    ("Khan", "Traore") or ordinary words ("May", "King"). Lower case."""
    with _data("common_surnames.txt").open(encoding="utf-8") as fh:
        return frozenset(w for w in (line.strip().lower() for line in fh) if w and not w.startswith("#"))


class KnowledgeBase:
    """Aliases -> entries, with date-aware resolution. Build with `load()`, or by hand
    (``KnowledgeBase()`` then `add_entry`) for a fictional base in a test."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        # norm(alias) -> list of (entry id, alias as written, kind); user entries first
        self.aliases: dict[str, list[tuple[str, str, str]]] = {}
        self.regions: set[str] = set()
        self.max_alias_words = 1
        self.counts: dict[str, int] = {}
        # how `load` built this base ({"user_dir": ..., "user": ...}); None once changed by hand
        self.spec: dict[str, Any] | None = None
        # a hash of everything the base was built from (set by `load`)
        self.fingerprint: str | None = None
        self._variants: dict[str, list[str]] | None = None

    def __reduce__(self):
        # a loaded base travels as its options and reloads (from the prebuilt index) in
        # the receiving process; a base built or changed by hand travels whole
        if self.spec is not None:
            return (_reload, (dict(self.spec),))
        state = {k: v for k, v in self.__dict__.items() if k != "_variants"}
        return (_restore, (state,))

    @property
    def config(self) -> str:
        """What this base is, for provenance (``coder.config``): the hash of its sources,
        or, for a base built by hand, its size."""
        if self.fingerprint is None:
            return f"by hand: {len(self.entries)} entries, {len(self.aliases)} aliases"
        return self.fingerprint

    # ------------------------------------------------------------------ building
    def add_entry(self, entry: Entry, *, front: bool = False, surnames: bool = False) -> None:
        self._changed()
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
            # a person's or organisation's name written in capitals ("ICE", "HAL", "SAPS") is
            # an abbreviation: only capitals name it ("Ice covered the roads", "Hal Rogers")
            self.add_alias(a, entry.id, "abbrev" if kind in ("person", "org") and _all_capitals(a) else kind,
                           front=front)
        if entry.type == "person":
            words = entry.name.split()
            if len(words) > 2:  # "Vinay Mohan Kwatra" -> "Vinay Kwatra"
                self.add_alias(f"{words[0]} {words[-1]}", entry.id, "person", front=front)

    def add_alias(self, alias: str, entry_id: str, kind: str, *, front: bool = False) -> None:
        self._changed()
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

    def _changed(self) -> None:
        self.spec = self.fingerprint = None
        self._variants = None

    def _add_surnames(self) -> None:
        """A surname alone names a person when no other person in the base has it and it is
        not a common one (`common_surnames`). A double-barrelled surname counts whole:
        "Thorning-Schmidt", never "Schmidt"."""
        by_surname: dict[str, list[Entry]] = {}
        for e in self.entries.values():
            surname = surname_of(e)
            if surname:
                by_surname.setdefault(surname, []).append(e)
        for surname, people in by_surname.items():
            if len(people) == 1 and len(surname) >= 4 and surname not in common_surnames():
                if surname not in self.aliases:
                    self.add_alias(" ".join(w.title() for w in surname.split()), people[0].id, "surname")

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
        for name, _feature in shipped_regions():
            self.regions.add(norm(name))
            self.max_alias_words = max(self.max_alias_words, norm(name).count(" ") + 1)
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
            try:
                fh = path.open("rb")
            except OSError as exc:  # a folder named *.jsonl, a file without read permission
                raise KnowledgeBaseError("E309", f"{path}: cannot be read ({exc.strerror or exc}); fix it or move "
                                         "it out of the knowledge base folder") from None
            with fh:
                for lineno, raw in enumerate(fh, 1):
                    try:
                        line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")  # an editor's BOM
                    except UnicodeDecodeError as exc:
                        raise KnowledgeBaseError("E308", f"{path}:{lineno}: not UTF-8 text (byte {exc.start + 1} of "
                                                 "the line); save the file as UTF-8") from None
                    if not line.strip():
                        continue
                    try:
                        entry = Entry.from_json(_checked(json.loads(line)))
                    except (ValueError, KeyError, TypeError) as exc:
                        raise KnowledgeBaseError("E305", f"{path}:{lineno}: bad knowledge base line ({exc})") from exc
                    self.add_entry(entry, front=True)
                    n += 1
        self.counts["user_entries"] = n
        return n

    @classmethod
    def load(cls, user_dir: Path | str | None = None, *, user: bool = True, cache_dir: Path | None = None) -> KnowledgeBase:
        """The shipped base plus the user's entries (``user_dir``, default `user_kb_dir()`),
        from the prebuilt index in `dotterel.cache` (built on first use)."""
        directory = Path(user_dir) if user_dir is not None else user_kb_dir()
        if user and directory.exists() and not directory.is_dir():
            # $DOTTEREL_KB_DIR naming a file would leave the user's entries out without a word
            raise KnowledgeBaseError("E307", f"the knowledge base folder {str(directory)!r} is a file, not a folder")
        user_files = sorted(directory.glob("*.jsonl")) if user and directory.is_dir() else []
        key = cache.fingerprint(
            files=[*(shipped_path(n) for n in _SHIPPED), Path(__file__), *user_files],
            texts=[str(cache.FORMAT), f"user={user}", str(len(user_files))],
        )

        def build() -> dict[str, Any]:
            return cls._build(directory, user=user).to_compact()

        kb = cls.from_compact(cache.load_or_build("kb", key, build, directory=cache_dir))
        kb.spec = {"user_dir": str(directory), "user": user}
        kb.fingerprint = key
        return kb

    @classmethod
    def _build(cls, user_dir: Path | None = None, *, user: bool = True) -> KnowledgeBase:
        """Parse the sources (what `load` does when no index is cached)."""
        kb = cls()
        kb.load_shipped()
        if user:
            kb.load_user(user_dir)
        kb._add_surnames()
        kb.variant_index  # noqa: B018 - built now, so that it is stored in the index
        return kb

    # ------------------------------------------------------------------ compact form
    def to_compact(self) -> dict[str, Any]:
        """The base as builtins only (for `marshal`), one string per entry, per alias
        bucket and per variant key, so that reading it creates few objects; each is
        decoded when first used (`_Lazy`)."""
        return {
            "entries": {eid: _encode_entry(e) for eid, e in self.entries.items()},
            "aliases": {k: _RS.join(_US.join(t) for t in v) for k, v in self.aliases.items()},
            "regions": sorted(self.regions),
            "max_alias_words": self.max_alias_words,
            "counts": dict(self.counts),
            "variants": {k: _US.join(v) for k, v in self.variant_index.items()},
        }

    @classmethod
    def from_compact(cls, data: dict[str, Any]) -> KnowledgeBase:
        kb = cls()
        kb.entries = _Lazy(data["entries"], _decode_entry)  # type: ignore[assignment]
        kb.aliases = _Lazy(data["aliases"], _decode_bucket)  # type: ignore[assignment]
        kb.regions = set(data["regions"])
        kb.max_alias_words = data["max_alias_words"]
        kb.counts = dict(data["counts"])
        kb._variants = _Lazy(data["variants"], _decode_ids)  # type: ignore[assignment]
        return kb

    @property
    def variant_index(self) -> dict[str, list[str]]:
        """Phonetic key of a name word -> ids of the people and organisations with it
        (the blocking index of `variants.match_variant`)."""
        if self._variants is None:
            idx: dict[str, list[str]] = {}
            for e in self.people_and_orgs():
                for alias in (e.name, *e.aliases):
                    for t in name_tokens(alias):
                        if len(t) >= 3:
                            ids = idx.setdefault(phonetic(t), [])
                            if e.id not in ids:
                                ids.append(e.id)
            self._variants = idx
        return self._variants

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
        bucket = dict.get(self.aliases, key)  # the C lookup: this runs for every word span
        if not bucket:
            return None
        if type(bucket) is str:  # still as stored in the prebuilt index: decode it once
            bucket = self.aliases[key]
        has_upper = any(c.isupper() for c in text)
        letters = [c for c in text if c.isalpha()]
        all_upper = bool(letters) and all(c.isupper() for c in letters)
        fallback: Match | None = None
        for entry_id, alias, kind in bucket:
            if kind in _CASE_SENSITIVE and not all_upper and not _house_style(text, alias):
                continue
            if kind in _PROPER and not has_upper:
                continue
            entry = dict.__getitem__(self.entries, entry_id)
            if type(entry) is str:
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



_SHIPPED = ("countries.tsv", "regions.txt", "igos.tsv", "people.tsv", "common_surnames.txt")


def _reload(spec: dict[str, Any]) -> KnowledgeBase:
    return KnowledgeBase.load(spec.get("user_dir"), user=spec.get("user", True))


def _restore(state: dict[str, Any]) -> KnowledgeBase:
    kb = KnowledgeBase.__new__(KnowledgeBase)
    kb.__dict__.update(state)
    kb._variants = None
    return kb


# ---------------------------------------------------------------- compact encoding
_US, _RS = "\x1f", "\x1e"  # unit and record separators: never inside a name or an id
_MISSING = object()


class _Lazy(dict):
    """A dict whose values are kept as stored strings until first read, then decoded
    (and kept decoded). Only reads go through the decoder: writes store what they get."""

    __slots__ = ("_decode",)

    def __init__(self, raw: dict[str, Any], decode) -> None:
        super().__init__(raw)
        self._decode = decode

    def __reduce__(self):
        return (dict, (dict(self.items()),))

    def __getitem__(self, key: str) -> Any:
        value = dict.__getitem__(self, key)
        if type(value) is str:
            value = self._decode(value)
            dict.__setitem__(self, key, value)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = dict.get(self, key, _MISSING)
        if value is _MISSING:
            return default
        if type(value) is str:
            value = self._decode(value)
            dict.__setitem__(self, key, value)
        return value

    def setdefault(self, key: str, default: Any = None) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            dict.__setitem__(self, key, default)
            return default
        return value

    def values(self):  # type: ignore[override]
        return [self[k] for k in self]

    def items(self):  # type: ignore[override]
        return [(k, self[k]) for k in self]


def _encode_entry(e: Entry) -> str:
    def day(d: dt.date | None) -> int | None:
        return d.toordinal() if d else None

    return json.dumps(
        [e.id, e.name, e.type, e.code, e.sector, e.kb_id, e.aliases, e.members,
         [[r.code, r.sector, r.office, day(r.start), day(r.end)] for r in e.roles], e.default_sector, e.source],
        ensure_ascii=False, separators=(",", ":"),
    )  # fmt: skip


def _decode_entry(raw: str) -> Entry:
    eid, name, typ, code, sector, kb_id, aliases, members, roles, default_sector, source = json.loads(raw)
    return Entry(
        eid, name, typ, code, sector, kb_id, aliases, members,
        [Role(c, s, o, dt.date.fromordinal(a) if a else None, dt.date.fromordinal(b) if b else None)
         for c, s, o, a, b in roles],
        default_sector, source,
    )  # fmt: skip


def _decode_bucket(raw: str) -> list[tuple[str, str, str]]:
    return [tuple(item.split(_US)) for item in raw.split(_RS)]  # type: ignore[misc]


def _decode_ids(raw: str) -> list[str]:
    return raw.split(_US)
