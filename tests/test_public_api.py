"""The public surface of `dotterel`: pinned, resolvable, and cheap to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import dotterel

PUBLIC = [
    "__version__",
    "extract",
    "extract_text",
    "Pipeline",
    "open_store",
    "Store",
    "Document",
    "Entity",
    "Event",
    "Failure",
    "Location",
    "Mention",
    "Meta",
    "Sentence",
    "Trigger",
    "DotterelError",
    "InputError",
    "KnowledgeBaseError",
    "ModelNotFound",
    "PipelineError",
    "StoreError",
]


def test_all_is_pinned():
    # Adding or removing a public name is an API change: update this list on purpose.
    assert dotterel.__all__ == PUBLIC


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_resolves(name):
    assert getattr(dotterel, name) is not None
    assert name in dir(dotterel)


def test_names_are_the_implementations():
    from dotterel import api, errors, store

    assert dotterel.extract is api.extract
    assert dotterel.extract_text is api.extract_text
    assert dotterel.open_store is store.open_store
    assert dotterel.Store is store.Store
    assert dotterel.StoreError is errors.StoreError
    assert dotterel.InputError is errors.InputError
    assert dotterel.KnowledgeBaseError is errors.KnowledgeBaseError
    for name in ("InputError", "KnowledgeBaseError", "StoreError", "ModelNotFound", "PipelineError"):
        assert issubclass(getattr(dotterel, name), dotterel.DotterelError)


def test_unknown_attribute_raises_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        dotterel.no_such_name  # noqa: B018


def test_star_import_gives_all():
    ns: dict = {}
    exec("from dotterel import *", ns)
    assert set(PUBLIC) - {"__version__"} <= set(ns)


def test_import_is_light():
    # `import dotterel` must not load spaCy, DuckDB, pandas or the pipeline: they load on first use.
    code = (
        "import sys, dotterel; "
        "heavy = [m for m in ('spacy', 'duckdb', 'pandas', 'pyarrow', 'dotterel.store', "
        "'dotterel.api', 'dotterel.pipeline') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
