"""Language data (dotterel/lang/): word lists as data, one source each, chosen by language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dotterel import lang

SRC = Path(lang.__file__).parent.parent


def test_english_is_available_and_loads_every_table():
    assert "en" in lang.available()
    en = lang.words("en")
    for table in ("coder", "triggers", "roles", "rules", "arguments", "status", "time"):
        assert en._data[table], table
    assert "meet" in en.set("coder", "meeting_words")
    assert en.table("coder", "context_words")["military"] >= {"troops", "navy"}
    assert en.table("arguments", "sector_by_head")["police"] == "COP"
    assert en.table("time", "months")["sept"] == 9 and en.table("time", "weekdays")["monday"] == 0


def test_a_language_without_data_is_a_clear_error():
    with pytest.raises(lang.LanguageError, match="no language data for 'xx'"):
        lang.words("xx")
    with pytest.raises(lang.LanguageError, match="no language data"):
        lang.words("../en")
    with pytest.raises(lang.LanguageError, match="no word list coder.nonexistent"):
        lang.words("en").set("coder", "nonexistent")


def test_every_word_list_is_read_by_the_module_its_table_names():
    """One source each: a list in events.toml is read by its module, and nowhere defined again."""
    en = lang.words("en")
    for table, lists in en._data.items():
        path = SRC / "events" / f"{table}.py"
        module = (path if path.exists() else SRC / f"{table}.py").read_text(encoding="utf-8")
        for name in lists:
            assert re.search(rf"""["']{name}["']""", module), f"{table}.{name} is not read by {table}.py"


def test_the_data_ships_as_package_data():
    pyproject = (SRC.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"lang/*/*.toml"' in pyproject
