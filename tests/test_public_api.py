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


TEXT = "Kenya accused Uganda of violating the border deal on Monday."


@pytest.mark.parametrize("date", [
    __import__("datetime").datetime(2024, 2, 1, 12), "2024-02-01T10:00:00Z", "2024-02-01",
])
def test_a_publication_date_given_as_a_datetime_or_timestamp_dates_the_events(pipeline, date):
    """A datetime (or an ISO timestamp, as the JSONL reader takes) is its day: it had made
    every record fail in silence ('can't compare datetime.datetime to datetime.date')."""
    (record,) = dotterel.extract_text(TEXT, date=date, pipeline=pipeline)
    assert record["event"] == "ACCUSE" and record["date"] == "2024-01-29"


@pytest.mark.parametrize("date", [20240201, "2024-13-45", "yesterday"])
def test_a_date_of_the_wrong_kind_is_e106(pipeline, date):
    with pytest.raises(dotterel.InputError, match="E106"):
        dotterel.extract_text(TEXT, date=date, pipeline=pipeline)
    with pytest.raises(dotterel.InputError, match="E106"):
        dotterel.Meta(id="d", date=date)


@pytest.mark.parametrize("text", [123, None, b"Kenya accused Uganda."])
def test_a_text_that_is_no_string_is_e104(pipeline, text):
    with pytest.raises(dotterel.InputError, match="E104.*must be a string"):
        dotterel.extract_text(text, pipeline=pipeline)


def test_what_is_no_document_fails_in_its_place(pipeline):
    """A Pipeline called on a string is E104 naming what to do; in `pipe` and `extract`, an
    input that is no Document or text is a Failure in its place and the rest is coded."""
    with pytest.raises(dotterel.InputError, match="E104.*Document.from_text"):
        pipeline("Kenya accused Uganda.")
    out = list(pipeline.pipe(["Kenya accused Uganda.", dotterel.Document(None, dotterel.Meta(id="d")),
                              dotterel.Document.from_text(TEXT, date="2024-02-01")]))
    assert [type(o).__name__ for o in out] == ["Failure", "Failure", "Document"]
    assert "(E104)" in out[0].reason and out[1].doc_id == "d"
    got = list(dotterel.extract([123, TEXT], pipeline=pipeline, date="2024-02-01"))
    assert isinstance(got[0][0], dotterel.Failure) and "input 1 is int" in got[0][0].reason
    assert [r["event"] for r in got[1][1]] == ["ACCUSE"]
    with pytest.raises(dotterel.InputError, match="E104"):
        list(dotterel.extract(None, pipeline=pipeline))


def test_every_flag_kind_a_record_carries_can_be_built_as_a_flag(pipeline):
    from dotterel.document import FLAG_KINDS, Flag

    from dotterel.api import example_path

    kinds = {f["kind"] for _, records in dotterel.extract(example_path(), pipeline=pipeline)
             for r in records for f in r["flags"]}
    assert {"article_location", "inferred_country"} <= kinds
    for kind in kinds:
        assert kind in FLAG_KINDS and Flag(kind, "x", "why").as_dict()["kind"] == kind


def test_a_knowledge_base_folder_that_does_not_exist_is_e307(tmp_path):
    """A mistyped kb_dir had been ignored: the user's entries left out without a word."""
    with pytest.raises(dotterel.DotterelError, match="E307.*no knowledge base folder"):
        dotterel.Pipeline.default(use_classifier=False, kb_dir=str(tmp_path / "nope"))
    assert dotterel.Pipeline.default(use_classifier=False, kb_dir=str(tmp_path)) is not None


def test_a_document_coded_again_is_coded_afresh(pipeline):
    """Coding the same Document object again gave its mentions and stage list twice over (8,
    16, 24 mentions after three runs); a run now starts from the text (and its parse)."""
    doc = dotterel.Document.from_text(TEXT, date="2024-02-01")
    runs = []
    for _ in range(3):
        done, records = next(dotterel.extract([doc], pipeline=pipeline))
        runs.append((len(done.mentions), list(done.done), [r["id"] for r in records]))
    assert runs[0] == runs[1] == runs[2] and runs[0][2]
