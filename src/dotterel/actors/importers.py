"""Importers: TABARI/PETRARCH actor dictionaries and Wikidata JSON dumps.

Both turn what they read into `Entry` objects and write them, as JSONL, to the
user knowledge base directory, where `KnowledgeBase.load()` loads them on top of the shipped
base. Each source file has its own output file, named after the file and a hash of
its absolute path (``cameo-actors.txt-1a2b3c4d.jsonl``): two files of the same name
in different folders are both kept, and re-importing the same file replaces its
previous import, so running an import twice changes nothing. A file that yields no
entries is an error (E303) and writes nothing; the earlier import of that file stays.

CAMEO/PETRARCH actor syntax (see the PETRARCH documentation)::

    VLADIMIR_PUTIN_  # comment
    +PUTIN_
    +PRESIDENT_PUTIN_
        [RUSELI 700101-990809]
        [RUSGOV 991231-080507]
        [RUSGOV >080508]
        [RUSELI]

Agents files (``[~GOV]``), verb dictionaries, issue and discard lists use other
syntax: their lines are counted as skipped, never fatal (a file holding nothing
else yields no entries, and is refused with E303).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import KnowledgeBaseError
from ..ontology import SECTORS
from .kb import Entry, Role, norm, user_kb_dir

__all__ = ["ImportReport", "parse_cameo", "import_cameo", "parse_wikidata", "import_wikidata", "cameo_code", "cameo_date"]


@dataclass
class ImportReport:
    source: str
    kind: str
    entries: int = 0
    aliases: int = 0
    roles: int = 0
    skipped: Counter = field(default_factory=Counter)
    output: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "entries": self.entries,
            "aliases": self.aliases,
            "roles": self.roles,
            "skipped": dict(self.skipped),
            "output": self.output,
            "notes": self.notes,
        }

    def skipped_text(self) -> str:
        return ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items())) or "nothing"

    def summary(self) -> str:
        return (
            f"{self.source}: took {self.entries} entries ({self.aliases} aliases, {self.roles} dated codes); "
            f"skipped {self.skipped_text()}"
        )


# ------------------------------------------------------------------ CAMEO / PETRARCH
_CODE = re.compile(r"\[([^\]]*)\]")
_VALID_CODE = re.compile(r"^(?:[A-Z0-9]{3})+$")
# CAMEO "country" slots that are not countries
_NON_STATE = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "MNC", "INT": None, "UIS": "UAF", "---": None}
_CAMEO_SECTORS = {"PPL": "CVL", "HRI": "NGO", "MOD": "MOD", "RAD": "RAD", "SEP": "SEP", "UAF": "UAF"}
# CAMEO's regional and special "country" codes, besides ISO alpha-3
_CAMEO_PLACES = {
    "AFR", "ASA", "BLK", "BAL", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM", "MEA",
    "MDT", "NAF", "NAM", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST", "CRB", "GZS", "PSE",
    "KOS", "XKX", "ROM", "ZAR", "TMP", "BYS", "HKG", "MAC",
}  # fmt: skip
_CAMEO_IGO = {"UNO": "UNO", "WST": "NATO", "EUR": "EU", "SEA": "ASEAN", "AFR": "AU", "ARL": "ARL"}


def cameo_date(text: str) -> dt.date:
    """YYMMDD (two-digit years: 00-29 -> 20xx, else 19xx) or YYYYMMDD."""
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad CAMEO date {text!r}")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    return dt.date(year, month, day)


def cameo_code(code: str) -> tuple[str | None, str | None]:
    """"RUSGOV" -> ("RUS", "GOV"); "IGOUNO" -> ("UNO", "IGO"); "AFG" -> ("AFG", None)."""
    groups = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not groups:
        return None, None
    first, rest = groups[0], groups[1:]
    if first in _NON_STATE:
        sector = _NON_STATE[first]
        country = None
        if first == "IGO" and rest:
            country = _CAMEO_IGO.get(rest[0], rest[0])  # the organisation; its sector stays IGO
            rest = rest[1:]
        for g in rest:
            g = _CAMEO_SECTORS.get(g, g)
            if g in SECTORS:
                return country, g if first != "IGO" else sector
        return country, sector
    sector = None
    for g in rest:
        g = _CAMEO_SECTORS.get(g, g)
        if g in SECTORS:
            sector = g
            break
    return first, sector


def _known_first(group: str) -> bool:

    # ISO alpha-3, CAMEO's regional codes, or a project's own (fictional) three-letter code
    return group in _NON_STATE or group in _CAMEO_PLACES or group in _iso3() or group.isalpha()


_ISO3: set[str] = set()


def _iso3() -> set[str]:
    if not _ISO3:
        import pycountry

        _ISO3.update(c.alpha_3 for c in pycountry.countries)
    return _ISO3


def _phrase(raw: str) -> str:
    """PETRARCH phrase -> text: words joined by '_' (a trailing '_' stops stemming)."""
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip()


def _role(spec: str) -> Role | None:
    """"RUSGOV 991231-080507" / "RUSGOV >080508" / "RUSGOV <080507" / "RUSGOV"."""
    parts = spec.split()
    if not parts:
        return None
    code = parts[0]
    if not _VALID_CODE.match(code) or code[:1].isdigit() or not _known_first(code[:3]):
        return None
    country, sector = cameo_code(code)
    start = end = None
    if len(parts) > 1:
        rng = parts[1]
        if rng.startswith(">"):
            start = cameo_date(rng[1:])
        elif rng.startswith("<"):
            end = cameo_date(rng[1:])
        elif "-" in rng:
            a, b = rng.split("-", 1)
            start, end = cameo_date(a), cameo_date(b)
        else:
            raise ValueError(f"bad date range {rng!r}")
    return Role(country, sector, None, start, end)


def parse_cameo(
    lines: Iterable[str], report: ImportReport, *, source: str = "cameo", id_prefix: str | None = None
) -> Iterator[Entry]:
    """Entries of a TABARI/PETRARCH actor dictionary; everything else is counted and skipped.
    Entry ids start with `id_prefix` (default: `source`)."""
    id_prefix = id_prefix or source
    cur: dict[str, Any] | None = None
    n = 0
    in_block = False  # inside <ISSUE ...> ... </ISSUE>: issue coding, not actors

    def flush(block):
        nonlocal n
        if block is None:
            return None
        if not block["roles"]:
            report.skipped[block.get("why") or "phrases without an actor code"] += 1
            return None
        n += 1
        name = block["name"]
        entry = Entry(
            id=f"{id_prefix}:{norm(name).replace(' ', '_')}:{n}",
            name=name.title() if name.isupper() else name,
            type="person" if any(r.dated for r in block["roles"]) else "org",
            aliases=[a.title() if a.isupper() else a for a in block["aliases"]],
            roles=block["roles"],
            source=source,
        )
        undated = [r for r in entry.roles if not r.dated]
        if entry.type == "org" and undated:
            entry.code, entry.sector = undated[0].code, undated[0].sector
            if entry.code and len(entry.code) == 3 and entry.sector is None and entry.code.isalpha():
                entry.type = "country"
                entry.sector = "GOV"
        report.entries += 1
        report.aliases += 1 + len(entry.aliases)
        report.roles += sum(1 for r in entry.roles if r.dated)
        return entry

    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped:
            continue
        head = stripped[0]
        if stripped.upper().startswith("<ISSUE") or stripped.upper().startswith("</ISSUE"):
            in_block = not stripped.startswith("</")
        if in_block and not stripped.startswith("<"):
            report.skipped["lines of issue coding"] += 1
            continue
        if stripped.startswith("<") or stripped.startswith("&") or stripped.startswith("!") or head in "-~=":
            # verbs, synonym sets, substitution sets, issue tags, patterns: not actors
            e = flush(cur)
            cur = None
            if e:
                yield e
            report.skipped["lines of other dictionary syntax"] += 1
            continue
        if head == "+":
            if cur is None:
                report.skipped["synonyms without a phrase"] += 1
                continue
            body = stripped[1:]
            codes = _CODE.findall(body)
            alias = _phrase(_CODE.sub("", body))
            if alias:
                cur["aliases"].append(alias)
            for c in codes:
                _add_code(cur, c, report)
            continue
        if head == "[" and cur is not None and raw[:1] in (" ", "\t", "["):
            for c in _CODE.findall(stripped):
                _add_code(cur, c, report)
            continue
        # a new primary phrase
        e = flush(cur)
        if e:
            yield e
        codes = _CODE.findall(stripped)
        name = _phrase(_CODE.sub("", stripped))
        if not name or ":" in name or name.isdigit():
            cur = None
            report.skipped["lines of other dictionary syntax"] += 1
            continue
        cur = {"name": name, "aliases": [], "roles": []}
        for c in codes:
            _add_code(cur, c, report)
    e = flush(cur)
    if e:
        yield e


def _add_code(block: dict[str, Any], spec: str, report: ImportReport) -> None:
    spec = spec.strip()
    if spec.startswith("~"):
        block["why"] = "agent entries (sector words, [~XXX])"
        return
    try:
        role = _role(spec)
    except ValueError as exc:
        report.skipped[f"codes with a bad date ({exc})".split(" '")[0] + ")"] += 1
        return
    if role is None:
        block["why"] = "entries whose code is not an actor code"
        return
    block["roles"].append(role)


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        raise KnowledgeBaseError("E301", f"no such file: {path}")
    if path.is_dir():
        raise KnowledgeBaseError("E301", f"{path} is a directory; give a dictionary file")
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KnowledgeBaseError("E302", f"cannot read {path}: {exc.strerror}") from exc


def _path_tag(path: Path) -> str:
    """Eight hex digits of the file's absolute path: what tells two imported files apart."""
    return hashlib.sha1(os.fsencode(path.resolve())).hexdigest()[:8]


def _safe_name(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", path.resolve().name)


def _check_entries(entries: list[Entry], report: ImportReport, what: str) -> None:
    if not entries:
        why = f"skipped {report.skipped_text()}" if report.skipped else "only blank lines and comments"
        raise KnowledgeBaseError("E303", f"{report.source}: holds no {what} entries ({why}); nothing written")


def _write(entries: list[Entry], kind: str, path: Path, out_dir: Path | None, report: ImportReport) -> str:
    """Write the entries to the file's own output, replacing its earlier import (atomically)."""
    out_dir = out_dir or user_kb_dir()
    safe = _safe_name(path)
    out = out_dir / f"{kind}-{safe}-{_path_tag(path)}.jsonl"
    tmp = out.with_name(out.name + ".tmp")  # not *.jsonl: never loaded half-written
    lines = [json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in entries]
    if out_dir.exists() and not out_dir.is_dir():
        raise KnowledgeBaseError("E304", f"cannot write the user knowledge base in {out_dir}: it is a file, "
                                 "not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tmp.open("w", encoding="utf-8") as fh:
            fh.writelines(lines)
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the clean-up fails too where the folder cannot be
            tmp.unlink(missing_ok=True)  # written (a read-only file system): say why it failed
        raise KnowledgeBaseError("E304", f"cannot write the user knowledge base in {out_dir}: {exc.strerror}") from exc
    _retire_unhashed(out_dir / f"{kind}-{safe}.jsonl", entries, report)
    return str(out)  # the next `KnowledgeBase.load()` sees the new file and rebuilds its index


def _retire_unhashed(old: Path, entries: list[Entry], report: ImportReport) -> None:
    """An output named without the path hash (by earlier versions, which gave every file of
    one name the same output) is removed when it holds this same import, else kept and noted."""
    if not old.is_file():
        return

    def content(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in d.items() if k != "id"} for d in items]

    try:
        with old.open(encoding="utf-8") as fh:
            same = content(json.loads(line) for line in fh if line.strip()) == content(e.to_json() for e in entries)
        if same:
            old.unlink()
            report.notes.append(f"removed {old}: the same import, written by an earlier version")
            return
    except (OSError, ValueError) as exc:
        report.notes.append(f"kept {old} ({exc}); delete it if it is an earlier import of this file")
        return
    report.notes.append(
        f"kept {old}: an earlier version's import of a file of this name that differs from this one; "
        "delete it if it is an older import of this file"
    )


def import_cameo(path: str | Path, *, out_dir: Path | None = None, write: bool = True) -> ImportReport:
    """Read a TABARI/PETRARCH actors dictionary into the user knowledge base.

    A file that yields no actor entries (an agents or verb dictionary, an empty file, a file
    in another format) is a `KnowledgeBaseError` (E303), and nothing is written."""
    path = Path(path)
    report = ImportReport(str(path), "cameo")
    lines = _read_lines(path)
    name = path.resolve().name
    entries = list(parse_cameo(lines, report, source=f"cameo:{name}", id_prefix=f"cameo:{name}:{_path_tag(path)}"))
    _check_entries(entries, report, "CAMEO actor")
    if write:
        report.output = _write(entries, "cameo", path, out_dir, report)
    return report


# ------------------------------------------------------------------ Wikidata
# citizenship (P27) QIDs of countries -> ISO alpha-3
COUNTRY_QIDS = {
    "Q30": "USA", "Q668": "IND", "Q17": "JPN", "Q159": "RUS", "Q148": "CHN", "Q145": "GBR", "Q142": "FRA",
    "Q183": "DEU", "Q408": "AUS", "Q212": "UKR", "Q16": "CAN", "Q155": "BRA", "Q38": "ITA", "Q414": "ARG",
    "Q252": "IDN", "Q884": "KOR", "Q96": "MEX", "Q851": "SAU", "Q258": "ZAF", "Q43": "TUR", "Q843": "PAK",
    "Q794": "IRN", "Q423": "PRK", "Q865": "TWN", "Q801": "ISR", "Q79": "EGY", "Q1033": "NGA", "Q29": "ESP",
    "Q55": "NLD", "Q36": "POL", "Q34": "SWE", "Q20": "NOR", "Q33": "FIN", "Q35": "DNK", "Q39": "CHE",
    "Q40": "AUT", "Q31": "BEL", "Q45": "PRT", "Q41": "GRC", "Q28": "HUN", "Q218": "ROU", "Q213": "CZE",
    "Q184": "BLR", "Q881": "VNM", "Q869": "THA", "Q928": "PHL", "Q833": "MYS", "Q334": "SGP", "Q836": "MMR",
    "Q837": "NPL", "Q902": "BGD", "Q854": "LKA", "Q889": "AFG", "Q796": "IRQ", "Q858": "SYR", "Q810": "JOR",
    "Q822": "LBN", "Q817": "KWT", "Q846": "QAT", "Q878": "ARE", "Q842": "OMN", "Q805": "YEM", "Q115": "ETH",
    "Q114": "KEN", "Q298": "CHL", "Q739": "COL", "Q419": "PER", "Q717": "VEN", "Q241": "CUB", "Q664": "NZL",
    "Q27": "IRL", "Q189": "ISL",
}  # fmt: skip
# a few positions (P39) whose office we know; any other position is a government role
POSITION_QIDS = {
    "Q11696": ("USA", "GOV", "hos"),  # President of the United States
    "Q11699": ("USA", "GOV", "vp"),  # Vice President of the United States
    "Q14211": ("GBR", "GOV", "hog"),  # Prime Minister of the United Kingdom
}


def _wd_time(claim_qualifiers: dict[str, Any], prop: str) -> dt.date | None:
    for q in claim_qualifiers.get(prop, []):
        value = (q.get("datavalue") or {}).get("value") or {}
        t = value.get("time")
        if not t:
            continue
        m = re.match(r"^[+-]?(\d{4,})-(\d\d)-(\d\d)", t)
        if m:
            y, mo, d = int(m.group(1)), max(1, int(m.group(2))), max(1, int(m.group(3)))
            try:
                return dt.date(y, mo, d)
            except ValueError:
                return None
    return None


def _wd_ids(entity: dict[str, Any], prop: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for claim in (entity.get("claims") or {}).get(prop, []):
        value = ((claim.get("mainsnak") or {}).get("datavalue") or {}).get("value") or {}
        qid = value.get("id") if isinstance(value, dict) else None
        if qid:
            out.append((qid, claim.get("qualifiers") or {}))
    return out


def parse_wikidata(lines: Iterable[str], report: ImportReport, *, lang: str = "en", source: str = "wikidata") -> Iterator[Entry]:
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip().rstrip(",")
        if not line or line in ("[", "]"):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError:
            report.skipped["lines that are not JSON"] += 1
            continue
        if not isinstance(entity, dict) or "id" not in entity:
            report.skipped["JSON lines that are not entities"] += 1
            continue
        label = ((entity.get("labels") or {}).get(lang) or {}).get("value")
        if not label:
            report.skipped[f"entities without a {lang} label"] += 1
            continue
        aliases = [a.get("value") for a in (entity.get("aliases") or {}).get(lang, []) if a.get("value")]
        citizenship = [COUNTRY_QIDS[q] for q, _ in _wd_ids(entity, "P27") if q in COUNTRY_QIDS]
        home = citizenship[0] if citizenship else None
        roles = []
        for qid, quals in _wd_ids(entity, "P39"):
            code, sector, office = POSITION_QIDS.get(qid, (home, "GOV", None))
            roles.append(Role(code, sector, office, _wd_time(quals, "P580"), _wd_time(quals, "P582")))
        is_person = any(q == "Q5" for q, _ in _wd_ids(entity, "P31")) or bool(citizenship) or bool(roles)
        if not is_person:
            report.skipped["entities that are not people"] += 1
            continue
        entry = Entry(
            id=f"{source}:{entity['id']}",
            name=label,
            type="person",
            kb_id=entity["id"],
            aliases=aliases,
            roles=roles,
            default_sector="ELI" if roles else None,
            source=source,
        )
        if home and not roles:
            entry.roles.append(Role(home, None, None, None, None))
        report.entries += 1
        report.aliases += 1 + len(aliases)
        report.roles += len(roles)
        yield entry


def import_wikidata(path: str | Path, *, out_dir: Path | None = None, write: bool = True) -> ImportReport:
    """Read Wikidata JSON dump lines (one entity per line) into the user knowledge base;
    a file that yields no people is a `KnowledgeBaseError` (E303), and nothing is written."""
    path = Path(path)
    report = ImportReport(str(path), "wikidata")
    entries = list(parse_wikidata(_read_lines(path), report, source="wikidata"))
    _check_entries(entries, report, "Wikidata person")
    if write:
        report.output = _write(entries, "wikidata", path, out_dir, report)
    return report
