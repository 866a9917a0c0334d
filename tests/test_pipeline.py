"""The runner: declaration checks, E005, failures in place, multiprocess = single process."""

from __future__ import annotations

import pytest

from dotterel.document import Document, Failure
from dotterel.errors import PipelineError
from dotterel.pipeline import Pipeline


class Words:
    name = "words"
    requires = ("text",)
    assigns = ("words",)

    def __call__(self, doc: Document) -> Document:
        doc.user_data["words"] = doc.text.split()
        return doc


class Count:
    name = "count"
    requires = ("words",)
    assigns = ("count",)

    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.user_data["words"]:
            raise ValueError("cannot count an explosion")
        doc.user_data["count"] = len(doc.user_data["words"])
        return doc


class Undeclared:
    name = "undeclared"

    def __call__(self, doc: Document) -> Document:
        return doc


class ReturnsNone:
    name = "returns_none"
    requires = ("text",)
    assigns = ()

    def __call__(self, doc: Document) -> None:
        doc.user_data["touched"] = True


def code_of(excinfo) -> str:
    return excinfo.value.code


def test_e001_undeclared_stage():
    with pytest.raises(PipelineError) as exc:
        Pipeline([Words(), Undeclared()])
    assert code_of(exc) == "E001" and "undeclared" in str(exc.value)


def test_e002_requirement_not_assigned_earlier():
    with pytest.raises(PipelineError) as exc:
        Pipeline([Count(), Words()])  # wrong order
    assert code_of(exc) == "E002" and "words" in str(exc.value)


def test_e005_stage_returns_none():
    pipeline = Pipeline([ReturnsNone()])
    with pytest.raises(PipelineError) as exc:
        pipeline(Document.from_text("a b"))
    assert code_of(exc) == "E005" and "forgot to return" in str(exc.value)
    # pipe does not swallow a broken stage either: it is a bug, not a bad document
    with pytest.raises(PipelineError):
        list(pipeline.pipe([Document.from_text("a b")]))


def test_call_runs_stages_in_order_and_records_them():
    pipeline = Pipeline([Words(), Count()])
    doc = pipeline(Document.from_text("one two three"))
    assert doc.user_data["count"] == 3 and doc.done == ["words", "count"]
    assert pipeline.names == ["words", "count"]
    assert pipeline.analyze() == [
        {"name": "words", "requires": ["text"], "assigns": ["words"]},
        {"name": "count", "requires": ["words"], "assigns": ["count"]},
    ]


def texts():
    return ["one two", "boom goes the thing", "three four five", "six"]


def test_failures_are_yielded_in_place_and_the_batch_goes_on():
    pipeline = Pipeline([Words(), Count()])
    docs = [Document.from_text(t, source=f"t{i}") for i, t in enumerate(texts())]
    out = list(pipeline.pipe(docs))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document", "Document"]
    failure = out[1]
    assert isinstance(failure, Failure)
    assert failure.doc_id == docs[1].id and failure.source == "t1"
    assert "ValueError" in failure.reason and "explosion" in failure.reason
    assert [o.user_data["count"] for o in out if isinstance(o, Document)] == [2, 3, 1]


class Trips:
    """A stage with a bug that only one document triggers."""

    name = "trips"
    requires = ("words",)
    assigns = ("tripped",)

    def __call__(self, doc: Document) -> Document:
        if "boom" in doc.user_data["words"]:
            None.attribute  # noqa: B018 - an unexpected AttributeError
        return doc


def test_an_unexpected_error_fails_one_document_and_names_the_stage():
    pipeline = Pipeline([Words(), Trips()])
    out = list(pipeline.pipe(Document.from_text(t) for t in texts()))
    kinds = [type(o).__name__ for o in out]
    assert kinds == ["Document", "Failure", "Document", "Document"]
    assert "stage 'trips'" in out[1].reason and "AttributeError" in out[1].reason


def summary(out):
    return [
        ("F", o.doc_id, o.reason) if isinstance(o, Failure) else ("D", o.id, o.user_data.get("count"), o.done)
        for o in out
    ]


def test_multiprocess_same_as_single_process():
    pipeline = Pipeline([Words(), Count()])
    many = [f"{t} {i}" for i in range(10) for t in texts()]
    single = summary(pipeline.pipe(Document.from_text(t) for t in many))
    multi = summary(pipeline.pipe((Document.from_text(t) for t in many), n_process=2, batch_size=3))
    assert single == multi
    assert sum(1 for s in single if s[0] == "F") == 10


class Sleepy:
    name = "sleepy"
    requires = ("words",)
    assigns = ()

    def __call__(self, doc: Document) -> Document:
        if "sleep" in doc.user_data["words"]:
            import time

            time.sleep(30)
        return doc


@pytest.mark.parametrize("n_process", [1, 2])
def test_input_failures_pass_through_in_place(n_process):
    """A reader's Failure among the inputs comes out in its place (the store's ingest relies on it)."""
    pipeline = Pipeline([Words(), Count()])
    items = [Document.from_text("a b"), Failure("r1", "unreadable", "x.txt"), Document.from_text("boom"),
             Document.from_text("c d e")] * 3
    out = list(pipeline.pipe(items, n_process=n_process, batch_size=2))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Failure", "Document"] * 3
    assert [o for o in out if isinstance(o, Failure) and o.doc_id == "r1"] == [items[1]] * 3


def test_workers_keep_the_pipelines_time_limit():
    pipeline = Pipeline([Words(), Sleepy()])
    pipeline.doc_timeout = 0.5  # set on the parent's pipeline (as `ingest --doc-timeout` does)
    out = list(pipeline.pipe([Document.from_text("a"), Document.from_text("sleep"), Document.from_text("b")],
                             n_process=2, batch_size=1))
    assert [type(o).__name__ for o in out] == ["Document", "Failure", "Document"]
    assert "gave up after 0.5 s" in out[1].reason


def test_default_pipeline_declares_its_stages():
    pipeline = Pipeline.default()
    assert pipeline.names[0] == "parse"
    for step in pipeline.analyze():
        assert isinstance(step["requires"], list) and isinstance(step["assigns"], list)


class BatchSplit:
    """A toy first stage that, like Parse, also works on batches (records the batch size)."""

    name = "split"
    requires = ("text",)
    assigns = ("parse",)

    def pipe_batch(self, docs):
        docs = list(docs)
        for doc in docs:
            doc.parse = doc.text.split()
            doc.user_data["batch"] = len(docs)
        yield from docs

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None:
            next(self.pipe_batch([doc]))
        return doc


class ToyEvents:
    """One event per word "met" (MEET) or "attacked" (ASSAULT); "boom" fails the document."""

    name = "toy_events"
    requires = ("parse",)
    assigns = ("events",)

    def __call__(self, doc: Document) -> Document:
        from dotterel.document import Event, Trigger

        if "boom" in doc.parse:
            raise ValueError("cannot code an explosion")
        pos = 0
        for word in doc.parse:
            start = doc.text.index(word, pos)
            pos = start + len(word)
            kind = {"met": "MEET", "attacked": "ASSAULT"}.get(word)
            if kind:
                doc.events.append(Event(kind, 0, [Trigger(word, start, pos)]))
        return doc


def test_multiprocess_gives_the_same_events_and_batches_the_first_stage():
    pipeline = Pipeline([BatchSplit(), ToyEvents()])
    base = ["Japan met India", "rebels attacked a post boom", "France met Kenya and attacked nobody", "quiet"]
    many = [f"{t} {i}" for i in range(9) for t in base]

    def events(out):
        return [
            ("F", o.doc_id) if isinstance(o, Failure) else (o.id, [(e.event, e.start) for e in o.events], o.parse)
            for o in out
        ]

    single = list(pipeline.pipe(Document.from_text(t) for t in many))
    multi = list(pipeline.pipe((Document.from_text(t) for t in many), n_process=2, batch_size=5))
    assert events(single) == events(multi)
    assert sum(1 for o in multi if isinstance(o, Failure)) == 9
    assert sum(len(o.events) for o in multi if isinstance(o, Document)) == 27
    # the workers hand the first stage whole chunks, not one document at a time
    assert max(o.user_data["batch"] for o in multi if isinstance(o, Document)) == 5
