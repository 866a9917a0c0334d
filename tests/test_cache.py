"""Prebuilt resource indexes (`dotterel.cache`): built once, read after, rebuilt when a
source changes, and never needed: a missing, read-only or damaged cache still works."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from dotterel import cache
from dotterel.actors import KnowledgeBase, resolve

PERSON = {"id": "p:quell", "name": "Tomas Quell", "type": "person", "roles": [{"code": "BOR", "sector": "MIL"}]}


@pytest.fixture()
def cachedir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("DOTTEREL_CACHE", str(d))
    return d


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DOTTEREL_CACHE", str(tmp_path / "x"))
    assert cache.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("DOTTEREL_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "dotterel"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "dotterel"


def test_built_once_then_read(cachedir, tmp_path, monkeypatch):
    kb = KnowledgeBase.load(tmp_path / "kb")
    (index,) = cachedir.glob("kb-*.marshal")
    assert f"-v{cache.FORMAT}-" in index.name and kb.fingerprint in index.name

    def no_build(*a, **k):
        raise AssertionError("the index should have been read, not built")

    monkeypatch.setattr(KnowledgeBase, "_build", classmethod(no_build))
    again = KnowledgeBase.load(tmp_path / "kb")
    assert list(again.entries) == list(kb.entries) and again.aliases.keys() == kb.aliases.keys()
    assert resolve("the Kremlin", kb=again).code == "RUS"


def test_a_changed_source_rebuilds(cachedir, tmp_path):
    user = tmp_path / "kb"
    user.mkdir()
    before = KnowledgeBase.load(user)
    assert resolve("Tomas Quell", kb=before) is None or resolve("Tomas Quell", kb=before).code != "BOR"
    (user / "mine.jsonl").write_text(json.dumps(PERSON) + "\n")
    after = KnowledgeBase.load(user)
    assert after.fingerprint != before.fingerprint
    assert (resolve("Tomas Quell", kb=after).code, resolve("Tomas Quell", kb=after).sector) == ("BOR", "MIL")
    (user / "mine.jsonl").write_text(json.dumps({**PERSON, "roles": [{"code": "BOR", "sector": "GOV"}]}) + "\n")
    edited = KnowledgeBase.load(user)
    assert edited.fingerprint not in (before.fingerprint, after.fingerprint)
    assert resolve("Tomas Quell", kb=edited).sector == "GOV"
    assert len(list(cachedir.glob("kb-*.marshal"))) == 3  # up to cache.KEEP are kept


def test_a_cache_that_cannot_be_created_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("DOTTEREL_CACHE", str(blocker / "cache"))
    kb = KnowledgeBase.load(tmp_path / "kb")
    assert resolve("Japan", kb=kb).code == "JPN"
    assert blocker.read_text() == "not a directory"


def test_a_read_only_cache_still_works(cachedir, tmp_path, monkeypatch):
    def refuse(*a, **k):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(cache.tempfile, "mkstemp", refuse)
    kb = KnowledgeBase.load(tmp_path / "kb")
    assert resolve("Japan", kb=kb).code == "JPN"
    assert not list(cachedir.glob("*.marshal"))


def test_a_damaged_index_is_rebuilt(cachedir, tmp_path):
    kb = KnowledgeBase.load(tmp_path / "kb")
    (index,) = cachedir.glob("kb-*.marshal")
    index.write_bytes(b"\x00garbage")
    again = KnowledgeBase.load(tmp_path / "kb")
    assert list(again.entries) == list(kb.entries)
    assert index.read_bytes() != b"\x00garbage"


def test_load_or_build_round_trips_builtins(tmp_path):
    data = {"a": [1, 2.5, None, "x"], "b": ("t", b"\x01"), "c": {"s"}}
    assert cache.load_or_build("t", "k1", lambda: data, directory=tmp_path) == data
    assert cache.load_or_build("t", "k1", lambda: {"other": 1}, directory=tmp_path) == data
    assert cache.load_or_build("t", "k2", lambda: {"other": 1}, directory=tmp_path) == {"other": 1}


@pytest.mark.slow
def test_gazetteer_index_in_a_fresh_cache(tmp_path):
    from dotterel.places import Gazetteer

    g = Gazetteer().load(cache_dir=tmp_path)
    assert len(list(tmp_path.glob("gazetteer15000-*.marshal"))) == 1
    again = Gazetteer().load(cache_dir=tmp_path)
    assert again.fingerprint == g.fingerprint and len(again.index) == len(g.index) > 100_000
    paris = again.resolve("Paris")
    assert (paris.country_code, paris.feature_code) == ("FRA", "PPLC")
    assert again.resolve("Paris", countries_in_doc=["USA", "US-TX"]).country_code == "USA"
    assert again.resolve("São Paulo").country_code == "BRA" and again.lookup("Gondor") == []
    blob = pickle.dumps(again)
    assert len(blob) < 1000  # its options: it reloads from the index in the receiving process
    assert pickle.loads(blob).resolve("Tokyo").country_code == "JPN"
