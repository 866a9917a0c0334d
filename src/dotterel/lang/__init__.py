"""Language data: the word lists the coder reads, one folder per language.

``lang/<code>/`` holds a language's data files (``lang/en/events.toml``: the word lists of
the event coder, one table per module; ``lang/en/time.toml``: month, weekday and number words
of the date rules). A document's language (`Meta.language`, "en" by
default) chooses the folder: this is the seam for other languages. To add one, copy
``lang/en/`` to ``lang/<code>/`` and translate the lists; `available()` lists the languages
that have data, and `words()` raises `LanguageError` for one that has none.

    >>> from dotterel import lang
    >>> "meet" in lang.words("en").set("coder", "meeting_words")
    True
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..errors import DotterelError

__all__ = ["LanguageError", "Words", "available", "words"]


class LanguageError(DotterelError, LookupError):
    """No data for a language (dotterel/lang/<code>/ is missing), or a list it lacks (E700)."""

    code = "E700"


class Words:
    """The word lists of one language, read from its data files (see the module docstring)."""

    def __init__(self, code: str, data: dict[str, dict[str, Any]]):
        self.code = code
        self._data = data

    def _get(self, table: str, name: str) -> Any:
        try:
            return self._data[table][name]
        except KeyError:
            raise LanguageError(None, f"lang/{self.code}: no word list {table}.{name}") from None

    def set(self, table: str, name: str) -> frozenset[str]:
        """A word list as a set: ``words("en").set("status", "future_aux")``."""
        return frozenset(self._get(table, name))

    def table(self, table: str, name: str) -> MappingProxyType:
        """A table of word lists or of values: ``words("en").table("coder", "context_words")``."""
        value = self._get(table, name)
        return MappingProxyType({k: frozenset(v) if isinstance(v, list) else v for k, v in value.items()})


def _folder(code: str):
    return resources.files(__name__) / code


def available() -> list[str]:
    """The languages that have data."""
    return sorted(p.name for p in resources.files(__name__).iterdir() if p.is_dir() and (p / "events.toml").is_file())


@cache
def words(code: str = "en") -> Words:
    """The word lists of a language (read once per process)."""
    folder = _folder(code)
    if not code.isalpha() or not folder.is_dir():
        raise LanguageError(None, f"no language data for {code!r} (dotterel/lang/{code}/); available: {available()}")
    data: dict[str, dict[str, Any]] = {}
    for part in sorted(folder.iterdir(), key=lambda p: p.name):
        if part.name.endswith(".toml"):
            data.update(tomllib.loads(part.read_text(encoding="utf-8")))
    return Words(code, data)
