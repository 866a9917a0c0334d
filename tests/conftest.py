"""Shared test fixtures.

- `shared`: the path of ../shared; tests that use it skip cleanly when it is absent
  (a user's fresh clone has no ../shared).
- `pipeline`: the rules' pipeline (the default one without the learned classifier), built
  once per test session (spaCy loads once): the golden cases test the rules' coding logic;
  the classifier has its own tests (test_classifier.py) and is measured by `dotterel eval`.
- `full_pipeline`: the default pipeline, with the shipped classifier when one ships.
- `run`: code one text with the default pipeline and return the Document.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOTTEREL_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "reference").is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    from dotterel import Pipeline

    return Pipeline.default(use_classifier=False)


@pytest.fixture(scope="session")
def full_pipeline():
    from dotterel import Pipeline

    return Pipeline.default()


@pytest.fixture(scope="session")
def run(pipeline):
    from dotterel import Document

    def _run(text: str, date: str | None = "2022-05-23", **meta):
        return pipeline(Document.from_text(text, date=date, **meta))

    return _run


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """A store URL for each backend: a DuckDB file, and a PostgreSQL schema (skipped without a
    server: .ci/postgres.sh starts one)."""
    if request.param == "duckdb":
        yield str(tmp_path / "store.duckdb")
        return
    from dotterel.store.testing import postgres_schema_url

    try:
        url, drop = postgres_schema_url()
    except RuntimeError as exc:
        pytest.skip(str(exc))
    yield url
    drop()
