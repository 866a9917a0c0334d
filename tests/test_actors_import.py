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
    assert cameo_code("IGOUNO") == ("UNO", "UNO")
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
    for name, text in (("x.agents.txt", AGENTS), ("x.verbs.txt", VERBS)):
        p = tmp_path / name
        p.write_text(text)
        report = import_cameo(p)
        assert report.entries == 0 and sum(report.skipped.values()) > 0


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
    taken = 0
    for path in files:
        report = import_cameo(path)
        taken += report.entries
    assert taken > 10000
    ent = resolve("Vladimir Putin", dt.date(2005, 1, 1))
    assert (ent.code, ent.sector) == ("RUS", "GOV")
