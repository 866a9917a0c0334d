"""Importers (CAMEO/PETRARCH dictionaries, Wikidata dumps) and the `dotterel kb` command."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dotterel.actors import KnowledgeBase, resolve
from dotterel.actors.importers import cameo_code, cameo_date, import_cameo, import_wikidata
from dotterel.cli.main import main
from dotterel.errors import KnowledgeBaseError

FIXTURES = Path(__file__).parent / "fixtures"

ACTORS = """\
# a project-written dictionary in TABARI syntax
RURITANIA_  [RUT]
+RURITANIAN_
ELSPETH_MARROWBY_  # fictional
+PRESIDENT_MARROWBY_
\t[RUTELI 700101-991231]
\t[RUTGOV 000101-081231]
\t[RUTGOV >150601]
\t[RUTELI]
TOMAS_QUELL_ [RUSMIL <101231]
GRANITE_SHIPYARDS_ [RUSBUS]
"""

AGENTS = """\
!PERSON! = MAN, MEN
FARMER [~AGR]
PROTESTER [~CVL]
"""

VERBS = """\
&AUXVERB1_
+WAS
--- ABANDON [---]
- * AID [073]
<ISSUE CATEGORY="X" TYPE="ALL">
n:teacher [TEACHERS]
</ISSUE>
"""


@pytest.fixture()
def kbdir(tmp_path, monkeypatch):
    d = tmp_path / "kb"
    monkeypatch.setenv("DOTTEREL_KB_DIR", str(d))
    yield d


def test_cameo_codes_and_dates():
    assert cameo_code("RUSGOV") == ("RUS", "GOV")
    assert cameo_code("AFG") == ("AFG", None)
    assert cameo_code("IGOUNO") == ("UNO", "IGO")
    assert cameo_date("991231") == dt.date(1999, 12, 31)
    assert cameo_date("080507") == dt.date(2008, 5, 7)
    assert cameo_date("19270101") == dt.date(1927, 1, 1)
    with pytest.raises(ValueError):
        cameo_date("2004017")


def test_import_cameo_snippet(kbdir, tmp_path):
    p = tmp_path / "ruritania.actors.txt"
    p.write_text(ACTORS)
    report = import_cameo(p)
    assert report.entries == 4 and report.roles >= 4
    m = resolve("Elspeth Marrowby", dt.date(2005, 1, 1))
    assert (m.code, m.sector) == ("RUT", "GOV")
    assert resolve("President Marrowby", dt.date(2010, 1, 1)).sector == "ELI"  # undated default
    assert resolve("Elspeth Marrowby", dt.date(2016, 1, 1)).sector == "GOV"  # >150601
    assert resolve("Tomas Quell", dt.date(2009, 1, 1)).sector == "MIL"  # <101231
    assert (resolve("Granite Shipyards").code, resolve("Granite Shipyards").sector) == ("RUS", "BUS")
    # re-importing replaces the earlier import instead of doubling it
    import_cameo(p)
    assert len(list(kbdir.glob("*.jsonl"))) == 1


def test_import_skips_other_syntax(kbdir, tmp_path):
    # their lines are skipped and counted; a file of nothing else has no entries: refused
    for name, text, why in (("x.agents.txt", AGENTS, "agent entries"), ("x.verbs.txt", VERBS, "other dictionary syntax")):
        p = tmp_path / name
        p.write_text(text)
        with pytest.raises(KnowledgeBaseError, match=r"E303.*" + name.replace(".", r"\.") + ": holds no CAMEO actor entries"):
            import_cameo(p)
        with pytest.raises(KnowledgeBaseError, match=why):
            import_cameo(p)
    assert not kbdir.exists() or not list(kbdir.iterdir())


def test_two_files_of_one_name_are_both_kept_and_reimport_replaces(kbdir, tmp_path, capsys):
    # both used to be written to kb/cameo-actors.txt.jsonl: the first file's entries were lost
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "actors.txt").write_text("RURITANIA_  [RUT]\n")
    (tmp_path / "b" / "actors.txt").write_text("GRANITE_SHIPYARDS_ [RUSBUS]\n")
    a, b = str(tmp_path / "a" / "actors.txt"), str(tmp_path / "b" / "actors.txt")
    assert main(["kb", "import", "cameo", a, b, a]) == 0  # a twice: replaced, not doubled
    capsys.readouterr()
    outputs = sorted(kbdir.glob("*.jsonl"))
    assert len(outputs) == 2 and all(o.name.startswith("cameo-actors.txt-") for o in outputs)
    assert sum(len(o.read_text().splitlines()) for o in outputs) == 2
    assert KnowledgeBase.load().counts["user_entries"] == 2
    assert resolve("Ruritania").code == "RUT"
    assert (resolve("Granite Shipyards").code, resolve("Granite Shipyards").sector) == ("RUS", "BUS")


def test_an_import_under_the_old_unhashed_name_is_replaced_only_when_it_is_the_same(kbdir, tmp_path):
    p = tmp_path / "actors.txt"
    p.write_text("RURITANIA_  [RUT]\n")
    import_cameo(p)
    [new] = kbdir.glob("*.jsonl")
    old = kbdir / "cameo-actors.txt.jsonl"  # as an earlier version named it, with its ids
    old.write_text(new.read_text().replace(new.name.split("-")[-1][:-6] + ":", ""))
    other = kbdir / "wikidata-actors.txt.jsonl"
    other.write_text(new.read_text())  # another kind: never touched
    report = import_cameo(p)
    assert not old.exists() and other.exists() and any("removed" in n for n in report.notes)
    old.write_text('{"id": "cameo:actors.txt:x:1", "name": "X", "type": "org", "source": "cameo:actors.txt"}\n')
    report = import_cameo(p)
    assert old.exists() and any("kept" in n for n in report.notes)


def test_a_file_with_no_entries_is_an_error_naming_it_and_nothing_is_written(kbdir, tmp_path, capsys):
    from dotterel.api import example_path

    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "r.actors.txt").write_text(ACTORS)
    code = main(["kb", "import", "cameo", str(example_path()), str(tmp_path / "empty.txt"),
                 str(tmp_path / "missing.txt"), str(tmp_path / "r.actors.txt")])
    out, err = capsys.readouterr()
    assert code == 1  # used to be 0, "took 0 entries", and an empty KB file for each
    lines = err.splitlines()
    assert len(lines) == 3
    assert f"{example_path()}: holds no CAMEO actor entries (skipped" in lines[0] and "E303" in lines[0]
    assert "empty.txt: holds no CAMEO actor entries" in lines[1] and "nothing written" in lines[1]
    assert "no such file" in lines[2]
    assert "took 4 entries" in out  # the batch goes on
    [written] = kbdir.glob("*")
    assert written.name.startswith("cameo-r.actors.txt-")
    with pytest.raises(KnowledgeBaseError, match="E303.*holds no Wikidata person entries"):
        import_wikidata(tmp_path / "r.actors.txt")


def test_missing_file_is_a_kb_error(kbdir, tmp_path):
    with pytest.raises(KnowledgeBaseError):
        import_cameo(tmp_path / "nope.txt")


def test_import_wikidata_fixture(kbdir):
    report = import_wikidata(FIXTURES / "wikidata_sample.jsonl")
    assert report.entries == 2
    assert report.skipped
    ent = resolve("Aster Vellamo", dt.date(2020, 1, 1))
    assert (ent.code, ent.sector, ent.kb_id) == ("FIN", "GOV", "Q990001")
    assert resolve("A. Vellamo", dt.date(2024, 1, 1)).sector == "ELI"  # after P582
    assert resolve("Orrin Maplestone", dt.date(2032, 1, 1)).code == "USA"
    assert KnowledgeBase.load().counts["user_entries"] == 2


def test_cli_lookup(capsys, kbdir):
    assert main(["kb", "lookup", "Fumio Kishida", "--date", "2022-05-23"]) == 0
    out = capsys.readouterr().out
    assert "JPN GOV" in out and "2021-10-04" in out
    assert main(["kb", "lookup", "South China Sea", "--date", "2022-05-23"]) == 1
    capsys.readouterr()
    assert main(["kb", "lookup", "the Kremlin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entity"]["code"] == "RUS"


def test_cli_lookup_json(capsys, kbdir):
    assert main(["kb", "lookup", "US President Joe Biden", "--date", "2022-05-23", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entity"]["code"] == "USA" and data["entity"]["kb_id"] == "Q6279"
    assert data["why"]


def test_a_user_file_that_is_not_utf8_is_an_error_naming_it(capsys, kbdir):
    kbdir.mkdir()
    bad = kbdir / "mine.jsonl"
    bad.write_bytes(b'{"id": "x", "name": "Ana Ruiz"}\n{"id": "y", "name": "Jos\xe9 Ruiz"}\n')
    assert main(["kb", "lookup", "Ana Ruiz"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "[E308]" in err and f"{bad}:2: not UTF-8 text" in err, err


def test_a_user_file_saved_with_a_byte_order_mark_is_read(capsys, kbdir):
    """Editors on Windows save UTF-8 with a byte-order mark; the first line had failed as E305."""
    kbdir.mkdir()
    (kbdir / "mine.jsonl").write_bytes(b'\xef\xbb\xbf{"id": "x", "name": "Ana Ruiz", "country": "PER"}\n')
    assert main(["kb", "lookup", "Ana Ruiz"]) == 0
    assert "Ana Ruiz" in capsys.readouterr().out


def test_a_folder_named_jsonl_in_the_user_kb_is_an_error_naming_it(capsys, kbdir):
    (kbdir / "old.jsonl").mkdir(parents=True)
    assert main(["kb", "lookup", "Fumio Kishida"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "[E309]" in err and f"{kbdir / 'old.jsonl'}: cannot be read" in err, err


def test_a_kb_folder_that_is_a_file_is_an_error_naming_it(capsys, monkeypatch, tmp_path):
    p = tmp_path / "r.actors.txt"
    p.write_text(ACTORS)
    blocker = tmp_path / "kbfile"
    blocker.write_text("not a folder")
    for kb in (blocker, blocker / "kb"):  # the folder itself, or a folder above it, is a file
        monkeypatch.setenv("DOTTEREL_KB_DIR", str(kb))
        assert main(["kb", "import", "cameo", str(p)]) == 1
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "[E304]" in err and f"in {kb}: " in err, err
    assert blocker.read_text() == "not a folder"


def test_a_kb_folder_that_is_a_file_fails_lookup_not_skipped(capsys, monkeypatch, tmp_path):
    blocker = tmp_path / "kbfile"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DOTTEREL_KB_DIR", str(blocker))
    assert main(["kb", "lookup", "Fumio Kishida"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "[E307]" in err and "is a file, not a folder" in err, err
    KnowledgeBase.load(blocker, user=False)  # only the shipped base: the folder is not read


@pytest.mark.parametrize("line, why", [
    ('{"name": "Ana Ruiz"}', "'id' must be a non-empty string"),
    ('["Ana Ruiz"]', "a JSON object, not list"),
    ('{"id": "x", "name": 5}', "'name' must be a non-empty string"),
    ('{"id": "x", "name": "Ana Ruiz", "aliases": "Ana"}', "'aliases' must be a list of strings"),
    ('{"id": "x", "name": "Ana Ruiz", "code": 5}', "'code' must be a string or null"),
    ('{"id": "x", "name": "Ana Ruiz", "roles": [1]}', "'roles' must be a list of objects"),
    ('{"id": "x", "name": "Ana Ruiz", "roles": [{"code": ["ESP"]}]}', "'roles' must be a list of objects"),
])
def test_a_user_line_of_the_wrong_shape_is_e305_naming_it(capsys, kbdir, line, why):
    kbdir.mkdir()
    (kbdir / "mine.jsonl").write_text('{"id": "y", "name": "Eva Ruiz"}\n' + line + "\n")
    assert main(["kb", "lookup", "Ana Ruiz"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "[E305]" in err and f"mine.jsonl:2: bad knowledge base line ({why}" in err, err


def test_cli_import_and_missing_file(capsys, kbdir, tmp_path):
    p = tmp_path / "r.actors.txt"
    p.write_text(ACTORS)
    assert main(["kb", "import", "cameo", str(p)]) == 0
    assert "took 4 entries" in capsys.readouterr().out
    assert main(["kb", "import", "cameo", str(tmp_path / "missing.txt")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "no such file" in err


@pytest.mark.shared
def test_import_every_shared_dictionary(kbdir, shared):
    files = sorted(p for p in (shared / "kb").iterdir() if p.is_file())
    assert files
    taken, refused = 0, []
    for path in files:
        try:
            taken += import_cameo(path).entries
        except KnowledgeBaseError as exc:  # agents, verbs, issues, discards: no actor entries
            assert exc.code == "E303", exc
            refused.append(path.name)
    assert taken > 10000
    assert "Phoenix.Countries.actors.txt" not in refused and "Phoenix.agents.txt" in refused
    ent = resolve("Vladimir Putin", dt.date(2005, 1, 1))
    assert (ent.code, ent.sector) == ("RUS", "GOV")
