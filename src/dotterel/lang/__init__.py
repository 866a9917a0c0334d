"""Language data: the word lists, patterns and date rules of a language, one folder each.

A document's language (`Meta.language`, ``"en"`` by default) chooses the folder: every stage
that reads words of the text (the parser's boilerplate, dates, places, the event coder) reads
them from ``lang/<code>/``, found by `words(code)`. The layout of a folder::

    lang/en/
      events.toml       the event coder's word lists: one table per module of dotterel/events/
                        ([coder], [triggers], [roles], [rules], [arguments], [status], [proposals])
                        and [reporting], the reporting verbs they share
      time.toml         [time]: month, weekday and number words, the date patterns of time.py's
                        rules (by rule name) and the words those rules read
      places.toml       [places]: the gazetteer's country aliases and the regions the actor table
                        does not list, the words that say where an event happened
      boilerplate.toml  [boilerplate]: patterns of page boilerplate and captions (segment.py)
      tokens.toml       [tokens]: what the spaCy English model's tokenizer keeps whole (nlp.py;
                        English only, as the model is)

Every ``.toml`` file of the folder is read, and a table is read as attributes: a list becomes a
frozenset, a sub-table a read-only mapping (its lists frozensets), a string or a number stays
as it is::

    >>> from dotterel import lang
    >>> "meet" in lang.words("en").coder.meeting_words
    True
    >>> lang.words("en").time.months["sept"]
    9

Each language is read once per process. A language with no folder is a `LanguageError`
(E700); `for_document` names the document too, and `Pipeline.pipe` turns it into that
document's `Failure` while the rest of the batch goes on.

**Adding a language**: copy ``lang/en/`` to ``lang/<code>/`` (the ISO 639-1 code the documents
carry in ``Meta.language``) and translate every list and pattern, keeping the names: the
modules read them by name. Folders in ``$DOTTEREL_LANG_PATH`` (separated by ``os.pathsep``),
each holding ``<code>/`` folders, come before the shipped ones: a language can be tried, or
an English list changed, without touching the package. Still English whatever the language:
the spaCy model (`dotterel.nlp`), the event lexicon (``data/events/lexicon.tsv``) and the
actor tables (``data/actors/``), whose region list the gazetteer shares (docs/architecture.md).
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import DotterelError

__all__ = ["LANG_PATH_ENV", "LanguageError", "Table", "Words", "after_stance_prefix", "available", "for_document", "words"]

#: folders searched before the shipped data, each holding ``<code>/`` folders
LANG_PATH_ENV = "DOTTEREL_LANG_PATH"


class LanguageError(DotterelError, LookupError):
    """No data for a language (no lang/<code>/ folder), or a list it lacks (E700)."""

    code = "E700"


class Table:
    """One table of a language's data, its lists as attributes (see the module docstring)."""

    def __init__(self, where: str, values: dict[str, Any]):
        self.__dict__.update(values)
        self.__dict__["_where"] = where

    def __getattr__(self, name: str) -> Any:  # only called for a name the table lacks
        if name.startswith("__"):
            raise AttributeError(name)
        raise LanguageError(None, f"{self._where}: no word list {name!r}")


class Words:
    """The data of one language: ``words.<table>.<list>`` (see the module docstring)."""

    def __init__(self, code: str, folder: Traversable, data: dict[str, dict[str, Any]]):
        self.code = code
        self.folder = folder  # where the data was read from
        self.data = data  # the tables as read from the files (lists as lists, in order)
        self._tables = {name: Table(f"lang/{code}: [{name}]", _converted(table)) for name, table in data.items()}

    def __getattr__(self, name: str) -> Table:  # only called for a name that is not an attribute
        if name.startswith("__") or name == "_tables":
            raise AttributeError(name)
        try:
            return self._tables[name]
        except KeyError:
            raise LanguageError(None, f"lang/{self.code}: no table [{name}]") from None

    def __reduce__(self):  # a worker process reads its own copy (once)
        return (words, (self.code,))


def _converted(table: dict[str, Any]) -> dict[str, Any]:
    return {name: _value(value) for name, value in table.items()}


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return frozenset(value)
    if isinstance(value, dict):
        return MappingProxyType({k: frozenset(v) if isinstance(v, list) else v for k, v in value.items()})
    return value


@cache
def _roots(lang_path: str) -> tuple[Traversable, ...]:
    """The folders holding language folders: those of ``$DOTTEREL_LANG_PATH``, then the shipped one."""
    return (*(Path(p) for p in lang_path.split(os.pathsep) if p), resources.files(__name__))


def _folder(code: str, roots: tuple[Traversable, ...]) -> Traversable | None:
    if not code.isalpha():  # never a path: "../en"
        return None
    return next((root / code for root in roots if (root / code).is_dir()), None)


def available() -> list[str]:
    """The languages that have data (shipped, or in ``$DOTTEREL_LANG_PATH``)."""
    roots = _roots(os.environ.get(LANG_PATH_ENV, ""))
    return sorted({p.name for root in roots if root.is_dir() for p in root.iterdir()
                   if p.is_dir() and p.name.isalpha() and any(f.name.endswith(".toml") for f in p.iterdir())})


def words(code: str = "en") -> Words:
    """The data of a language, read once per process (`LanguageError` when it has none)."""
    return _load(str(code), os.environ.get(LANG_PATH_ENV, ""))


@cache
def _load(code: str, lang_path: str) -> Words:
    folder = _folder(code, _roots(lang_path))
    if folder is None:
        raise LanguageError(None, f"no language data for {code!r} (dotterel/lang/{code}/); available: {available()}")
    data: dict[str, dict[str, Any]] = {}
    for part in sorted((p for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name):
        data.update(tomllib.loads(part.read_text(encoding="utf-8")))
    return Words(code, folder, data)


def for_document(doc: Any) -> Words:
    """The data of a document's language (`Meta.language`); a `LanguageError` naming the
    document when there is none."""
    try:
        return words(doc.meta.language)
    except LanguageError as exc:
        raise LanguageError(None, f"document {doc.id!r}: {exc.message}") from None


def after_stance_prefix(text: str, at: int, prefixes: tuple[str, ...] = ("anti-", "pro-")) -> bool:
    """The name starting at `at` follows a prefix that takes a side about it ("anti-China
    riots", "pro-Russian separatists"): it says whom a group is against or for, not where the
    group is from. A hyphen the parser kept on the name ("-China") counts as the prefix's."""
    if text[at:at + 1] == "-":
        at += 1
    for prefix in prefixes:
        begin = at - len(prefix)
        if begin >= 0 and text[begin:at].lower() == prefix and (begin == 0 or not text[begin - 1].isalnum()):
            return True
    return False
