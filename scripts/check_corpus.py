#!/usr/bin/env python3
"""Check corpus files against corpus/GUIDE.md (standard library only).

    python3 scripts/check_corpus.py corpus/raw/sa/01.jsonl [more files or folders ...]

Prints one line per problem (file:line: reason) and a summary; exits 1 when a problem is found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
STATUSES = {"occurred", "ongoing", "future", "hypothetical", "negated", "historical"}
REGISTERS = {
    "wire", "regional", "translated", "local", "court", "police", "headline", "opinion",
    "feature", "business", "sports",
}
CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Articles:
    """The whole articles of the files read so far: an article's lines are consecutive in one file."""

    def __init__(self) -> None:
        self.current: str | None = None
        self.done: set[str] = set()

    def close(self) -> None:
        if self.current:
            self.done.add(self.current)
        self.current = None

    def check(self, article: object) -> list[str]:
        if article is None:
            self.close()
            return []
        if not isinstance(article, str) or not article.strip():
            return [f"article {article!r} must be a non-empty string or absent"]
        if article == self.current:
            return []
        self.close()
        self.current = article
        if article in self.done:
            return [f"article {article!r} resumes after other lines (an article's lines are consecutive, in one file)"]
        return []


def check_line(obj: object, seen: set[str], articles: Articles | None = None) -> list[str]:
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    problems = []
    for key in ("id", "text", "events"):
        if key not in obj:
            problems.append(f"missing {key!r}")
    if problems:
        return problems
    text = obj["text"]
    if not isinstance(text, str) or not text.strip():
        return ["empty text"]
    if obj["id"] in seen:
        problems.append(f"duplicate id {obj['id']!r}")
    seen.add(obj["id"])
    if obj.get("reg") not in REGISTERS:
        problems.append(f"reg {obj.get('reg')!r} is not one of {sorted(REGISTERS)}")
    if articles is not None:
        problems += articles.check(obj.get("article"))
    if obj.get("date") is not None and not DATE.match(str(obj["date"])):
        problems.append(f"date {obj['date']!r} is not YYYY-MM-DD or null")
    if not isinstance(obj["events"], list):
        return problems + ["events is not a list"]
    for n, ev in enumerate(obj["events"], 1):
        where = f"event {n}"
        if not isinstance(ev, dict):
            problems.append(f"{where}: not an object")
            continue
        types = ev.get("event")
        if not isinstance(types, list) or not types or any(t not in TYPES for t in types):
            problems.append(f"{where}: event {types!r} must be a non-empty list of PLOVER types")
        if ev.get("status") not in STATUSES:
            problems.append(f"{where}: status {ev.get('status')!r}")
        trig = ev.get("trigger")
        if not isinstance(trig, str) or not trig or trig not in text:
            problems.append(f"{where}: trigger {trig!r} is not a substring of text")
        for role in ("actor", "recipient"):
            parties = ev.get(role, [])
            if not isinstance(parties, list):
                problems.append(f"{where}: {role} is not a list")
                continue
            for p in parties:
                if not (isinstance(p, list) and len(p) == 3):
                    problems.append(f"{where}: {role} item {p!r} is not [span, code, sector]")
                    continue
                span, code, sector = p
                if not isinstance(span, str) or span not in text:
                    problems.append(f"{where}: {role} span {span!r} is not a substring of text")
                if code is not None and not (isinstance(code, str) and CODE.match(code)):
                    problems.append(f"{where}: {role} code {code!r}")
                if sector is not None and not (isinstance(sector, str) and sector.isupper()):
                    problems.append(f"{where}: {role} sector {sector!r}")
    return problems


def files_of(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out.extend(sorted(p.rglob("*.jsonl")) if p.is_dir() else [p])
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="check_corpus.py", description="Check corpus JSONL files against corpus/GUIDE.md: one line per "
        "problem (file:line: reason), then a summary; exit status 1 when a problem is found.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="corpus JSONL files or folders (searched for *.jsonl)")
    args = parser.parse_args(argv)
    seen: set[str] = set()
    articles = Articles()
    bad = 0
    lines = 0
    negatives = 0
    unreadable = 0
    types: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for path in files_of(args.paths):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = "no such file or folder" if isinstance(exc, FileNotFoundError) else exc
            print(f"{path}: cannot be read: {reason}")
            unreadable += 1
            continue
        articles.close()  # an article never spans files
        for i, raw in enumerate(text.splitlines(), 1):
            if not raw.strip():
                continue
            lines += 1
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                print(f"{path}:{i}: invalid JSON: {exc}")
                bad += 1
                continue
            problems = check_line(obj, seen, articles)
            for pr in problems:
                print(f"{path}:{i}: {pr}")
            bad += bool(problems)
            if not problems:
                if not obj["events"]:
                    negatives += 1
                for ev in obj["events"]:
                    types[ev["event"][0]] += 1
                    statuses[ev["status"]] += 1
    print(f"{lines} lines, {bad} with problems, {negatives} without events"
          + (f"; {unreadable} file(s) could not be read" if unreadable else ""))
    print("types:", dict(sorted(types.items())))
    print("statuses:", dict(sorted(statuses.items())))
    return 1 if bad or unreadable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
