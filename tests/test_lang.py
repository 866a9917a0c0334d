"""Language data (dotterel/lang/): word lists as data, one source each, chosen by a document's language."""

from __future__ import annotations

import pickle
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from dotterel import Document, lang
from dotterel.actors.kb import shipped_aliases, shipped_regions
from dotterel.document import Failure

SRC = Path(lang.__file__).parent.parent
SHIPPED = Path(lang.__file__).parent
TEXT = "Japan said China must stop the drills."  # a deontic 'must' under a reporting verb: REQUEST


def _lists(data: dict) -> list[tuple[str, list]]:
    """Every list of a language's data, named table.name (sub-tables included)."""
    out = []
    for table, values in data.items():
        for name, value in values.items():
            if isinstance(value, list):
                out.append((f"{table}.{name}", value))
            elif isinstance(value, dict):
                out.extend((f"{table}.{name}.{k}", v) for k, v in value.items() if isinstance(v, list))
    return out


@pytest.fixture
def fictional(tmp_path, monkeypatch):
    """A language 'zz' in $DOTTEREL_LANG_PATH: English, except that only 'announce' reports speech."""
    folder = tmp_path / "zz"
    shutil.copytree(SHIPPED / "en", folder)
    events = folder / "events.toml"
    text, n = re.subn(r"^verbs = \[[^\]]*\]", 'verbs = ["announce"]', events.read_text(encoding="utf-8"), count=1,
                      flags=re.M)
    assert n == 1
    events.write_text(text, encoding="utf-8")
    monkeypatch.setenv(lang.LANG_PATH_ENV, str(tmp_path))
    return folder


def test_english_is_available_and_loads_every_table():
    assert "en" in lang.available()
    en = lang.words("en")
    for table in ("reporting", "coder", "triggers", "roles", "rules", "arguments", "status", "proposals",
                  "time", "places", "boilerplate"):
        assert en.data[table], table
    assert "meet" in en.coder.meeting_words
    assert en.coder.context_words["military"] >= {"troops", "navy"}
    assert en.arguments.sector_by_head["police"] == "COP"
    assert en.time.months["sept"] == 9 and en.time.weekdays["monday"] == 0
    assert en.places.demonyms["korean"] == "KR"
    assert pickle.loads(pickle.dumps(en)) is en  # a worker process reads its own copy once


def test_a_language_without_data_is_a_clear_error():
    with pytest.raises(lang.LanguageError, match="no language data for 'xx'"):
        lang.words("xx")
    with pytest.raises(lang.LanguageError, match="no language data"):
        lang.words("../en")
    with pytest.raises(lang.LanguageError, match=r"no word list 'nonexistent'"):
        lang.words("en").coder.nonexistent
    with pytest.raises(lang.LanguageError, match=r"no table \[nonexistent\]"):
        lang.words("en").nonexistent
    doc = Document.from_text("Un texte.", id="doc-fr", language="xx")
    with pytest.raises(lang.LanguageError, match=r"\[E700\] document 'doc-fr': no language data for 'xx'"):
        lang.for_document(doc)


def test_every_toml_loads_and_no_list_repeats_an_entry():
    for folder in (p for p in SHIPPED.iterdir() if p.is_dir() and p.name != "__pycache__"):
        tables: dict[str, str] = {}
        for path in sorted(folder.glob("*.toml")):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            for table in data:  # one table, one file
                assert table not in tables, f"[{table}] in {tables.get(table)} and {path.name}"
                tables[table] = path.name
            for name, values in _lists(data):
                assert len(values) == len(set(values)), f"{folder.name}/{path.name}: {name} repeats an entry"
        assert set(lang.words(folder.name).data) == set(tables)


def test_the_merged_lists_are_one_source_each():
    en = lang.words("en")
    reporting = en.reporting
    # the reporting verbs: one list, and named subsets of it
    assert reporting.acting <= reporting.verbs and reporting.plain <= reporting.verbs
    assert not reporting.acting & reporting.plain
    assert not en.proposals.skip_lemmas & reporting.verbs
    for name, values in _lists(en.data):
        assert not re.search(r"report|announc", name) or name.startswith("reporting."), name
    # places: what the actor tables already hold is read from them, never repeated
    assert not set(en.places.demonyms) & set(shipped_aliases("demonym"))
    listed = {name.lower() for name, _feature in shipped_regions()}
    assert not {name.lower() for name in en.places.regions} & listed


def test_every_list_is_read_by_a_module():
    """A list nobody reads is dead data; the modules read each one by its name."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if "lang" not in p.parts)
    for table, values in lang.words("en").data.items():
        for name in values:
            assert re.search(rf"\.{name}\b", code), f"[{table}] {name} is not read by any module"


def test_every_date_rule_has_an_english_pattern():
    from dotterel import time

    assert set(lang.words("en").time.rules) == set(time._RULES)


def test_the_document_language_chooses_the_word_lists(fictional, pipeline):
    assert "zz" in lang.available()
    english = pipeline(Document.from_text(TEXT, date="2024-03-10"))
    assert [(e.event, [a.code for a in e.actor]) for e in english.events] == [("REQUEST", ["JPN"])]
    fictional_doc = pipeline(Document.from_text(TEXT, date="2024-03-10", language="zz"))
    assert fictional_doc.events == []  # 'said' reports nothing in zz: no statement, no request
    announced = pipeline(Document.from_text(TEXT.replace("said", "announced"), date="2024-03-10", language="zz"))
    assert [e.event for e in announced.events] == ["REQUEST"]


def test_a_document_in_a_language_without_data_fails_alone(pipeline):
    docs = [
        Document.from_text(TEXT, id="one", date="2024-03-10"),
        Document.from_text("Le Japon a dit que la Chine doit arrêter.", id="two", language="xx"),
        Document.from_text(TEXT, id="three", date="2024-03-10"),
    ]
    out = list(pipeline.pipe(docs))
    assert [type(d).__name__ for d in out] == ["Document", "Failure", "Document"]
    failure = out[1]
    assert isinstance(failure, Failure) and failure.doc_id == "two"
    assert "E700" in failure.reason and "document 'two'" in failure.reason and "'xx'" in failure.reason
    assert [e.event for e in out[2].events] == ["REQUEST"]


def test_the_data_ships_as_package_data():
    pyproject = (SRC.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"lang/*/*.toml"' in pyproject
