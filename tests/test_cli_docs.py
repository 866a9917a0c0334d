"""Every command and option is documented, and docs/cli.md cannot drift from --help."""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from dotterel.cli.main import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "run `.venv/bin/python scripts/gen_cli_docs.py` and commit docs/cli.md"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()


def _parsers():
    return list(GEN.walk(build_parser()))


def _usage_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^## Usage\n(.*?)(?=^## )", readme, flags=re.S | re.M)
    assert m, "README.md has no `## Usage` section"
    return m.group(1)


def test_cli_md_is_generated_from_help():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    m = re.search(r"Generated with Python (\d+)\.(\d+)", doc)
    if m and tuple(map(int, m.groups())) != sys.version_info[:2]:
        pytest.skip(f"docs/cli.md was generated with Python {m[1]}.{m[2]}; argparse's layout differs here")
    assert doc == GEN.render(doc), f"docs/cli.md is out of date with the commands' --help: {REGENERATE}"


def test_every_command_is_in_the_reference():
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for path in GEN.commands():
        assert f"### `dotterel {' '.join(path)}`" in doc, REGENERATE


def test_every_built_command_is_in_the_readme_usage():
    usage = _usage_section()
    built = {path[0] for path in GEN.commands()}
    assert built <= set(COMMANDS)
    for path in GEN.commands():
        name = "dotterel " + " ".join(path)
        assert re.search(rf"{re.escape(name)}\b", usage), f"README.md's Usage section does not show `{name}`"


def test_every_option_is_in_the_readme_usage():
    usage = _usage_section()
    for path, parser in _parsers():
        for action in parser._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt not in ("--help",):
                    where = "dotterel " + " ".join(path)
                    assert opt in usage, f"README.md's Usage section does not mention {opt} of `{where}`"


def test_every_command_and_option_has_help():
    for path, parser in _parsers():
        where = "dotterel " + " ".join(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                helps = {a.dest: a.help for a in action._choices_actions}
                for name, sub in action.choices.items():
                    assert helps.get(name), f"`{where} {name}` has no help="
                    assert sub.description, f"`{where} {name}` has no description="
            else:
                assert action.help, f"`{where}` {'/'.join(action.option_strings) or action.dest} has no help="


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    assert len(first_block) == 2, "README.md starts with exactly two commands: run the example, run the tests"
    setup, test = first_block[1].split(" && ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert setup in ci, f".ci/run does not run README's `{setup}`"
    assert any(line.startswith(test + " ") or line == test for line in ci), f".ci/run does not run README's `{test}`"


@pytest.mark.slow
def test_the_readme_sample_record_is_what_the_bundled_example_gives():
    """README's sample record (abbreviated) is a record the default pipeline writes for the
    bundled examples today: its id, type, status, date, trigger words, parties, mentions,
    confidence and configuration hash (it had kept a confidence and hash of months before)."""
    import json

    import dotterel
    from dotterel.api import example_path

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(\{\"id\": \"ev-.*?)```", readme, re.S).group(1)
    rid = re.search(r'"id": "(ev-[0-9a-f]+)"', block).group(1)
    records = {r["id"]: r for _, rs in dotterel.extract(example_path()) for r in rs}
    rec = records[rid]
    for field in ("event", "status", "date", "date_text"):
        assert f'"{field}": {json.dumps(rec[field])}' in block, field
    assert f'"confidence": {rec["confidence"]}' in block
    assert f'"config": "{rec["coder"]["config"]}"' in block
    assert re.findall(r'"sentence_index": (\d+), "text": "\.\.\."', block) == [str(m["sentence_index"]) for m in rec["mentions"]]
    assert [t["text"] for t in rec["trigger"]] == re.findall(r'\{"text": "(\w+)", "start"', block)
    assert all(f'"code": "{a["code"]}"' in block for a in rec["actor"])
