"""The stage contract (`dotterel.testing.check_stage`), run over every shipped stage, and
resources given to stages (a fictional knowledge base, in this process and in workers)."""

from __future__ import annotations

import multiprocessing as mp
import pickle

import pytest

from dotterel.document import Document, Entity, Event, Flag, Trigger
from dotterel.errors import PipelineError
from dotterel.testing import check_stage, covered

# --------------------------------------------------------------------------- check_stage itself


class Toy:
    name = "toy"
    requires = ("text",)
    assigns: tuple[str, ...] = ("events",)

    def __call__(self, doc: Document) -> Document:
        doc.events.append(Event("AGREE", 0, [Trigger("x", 0, 1)]))
        return doc


class SneakyStatus(Toy):
    """Declares only the date, also rewrites the status (what AttachDates used to do)."""

    assigns = ("events.date",)

    def __call__(self, doc: Document) -> Document:
        for ev in doc.events:
            ev.date, ev.status = "2020", "historical"
        return doc


class SneakyFlags(Toy):
    assigns = ("mentions.actor",)

    def __call__(self, doc: Document) -> Document:
        doc.flags.append(Flag("role_mismatch", "x", "because", 0, 1, 0).as_dict())
        return doc


class ReturnsNone(Toy):
    def __call__(self, doc: Document):
        doc.events.clear()


def _doc() -> Document:
    doc = Document.from_text("x y z")
    doc.events.append(Event("CONSULT", 0, [Trigger("y", 2, 3)]))
    return doc


def test_declared_writes_pass_and_are_reported():
    assert check_stage(Toy(), _doc()) == {"events"}


def test_an_undeclared_event_field_fails():
    with pytest.raises(PipelineError, match=r"E006.*events.status"):
        check_stage(SneakyStatus(), _doc())
    SneakyStatus.assigns = ("events.date", "events.status")
    try:
        assert check_stage(SneakyStatus(), _doc()) == {"events.date", "events.status"}
    finally:
        SneakyStatus.assigns = ("events.date",)


def test_undeclared_document_flags_fail():
    with pytest.raises(PipelineError, match=r"E006.*\['flags'\]"):
        check_stage(SneakyFlags(), _doc())


def test_no_document_returned_and_missing_declarations_fail():
    with pytest.raises(PipelineError, match="E005"):
        check_stage(ReturnsNone(), _doc())

    class Undeclared:
        name = "u"
        requires = ()

        def __call__(self, doc):
            return doc

    with pytest.raises(PipelineError, match="E001"):
        check_stage(Undeclared(), _doc())
    bad = Toy()
    bad.assigns = "events"  # a string, not a list of names
    with pytest.raises(PipelineError, match="E001"):
        check_stage(bad, _doc())


def test_coverage_of_names():
    assert covered("events.date", ["events"])
    assert covered("mentions.place", ["mentions"])
    assert not covered("events", ["events.date"])
    assert not covered("events.status", ["events.date"])
    assert covered("events.flags", ["events.actor_countries"])
    assert covered("events", ["events.fused"])


def test_flag_keeps_the_json_of_records():
    f = Flag("name_variant", "Quatra", "title names office fs", detail={"entity": "V. Kwatra", "kb_id": None, "score": 91.0})
    assert list(f.as_dict()) == ["kind", "text", "entity", "kb_id", "score", "why"]
    assert Flag.from_dict(f.as_dict()) == f
    r = Flag("role_mismatch", "t", "w", 3, 9, 1).as_dict()
    assert list(r) == ["kind", "text", "start", "end", "sentence_index", "why"]
    with pytest.raises(ValueError, match="unknown flag kind"):
        Flag("nonsense", "t", "w")


# --------------------------------------------------------------------------- every shipped stage

TEXT = (
    "Ruritanian President Elspeth Marrowby and Bordurian Prime Minister Tomas Quell met in "
    "Strelsau on Tuesday. Japan and India signed a defence pact in Tokyo in 2015. "
    "Police arrested protesters in Nairobi on Monday. "
    "Ministers Kishida and Modi, respectively Indian and Japanese leaders, will meet on Monday, 2 January 2023."
)


class FakeClassifier:
    """Keeps every event, re-types MEET-like ones as CONSULT, vetoes PROTEST."""

    from dotterel.classifier import NONE, PLOVER_TYPES

    labels = [NONE, *PLOVER_TYPES]

    def predict_proba(self, examples):
        rows = []
        for _ in examples:
            row = [0.0] * len(self.labels)
            row[self.labels.index("CONSULT")] = 1.0
            rows.append(row)
        return rows

    def decide(self, probs, **context):  # context: what the stage tells about the candidate
        best = max(range(1, len(probs)), key=lambda i: probs[i])
        return self.labels[best], probs[best]


@pytest.mark.slow
def test_check_stage_over_every_shipped_stage(pipeline):
    from dotterel.classifier import ClassifyEvents

    stages = list(pipeline.stages)
    names = [s.name for s in stages]
    if "classify" not in names:  # no model ships: check the stage with a fake classifier
        stages.insert(names.index("events") + 1, ClassifyEvents(FakeClassifier()))
    doc = Document.from_text(TEXT, date="2023-01-01")
    written = {}
    for stage in stages:
        written[stage.name] = check_stage(stage, doc)
    expected = {"parse", "actors", "places", "dates", "events", "classify", "event_dates", "event_places",
                "actor_countries", "fuse"}  # fmt: skip
    assert set(written) == expected
    # the document gave each stage something to write
    assert {"parse", "sentences"} <= written["parse"]
    assert "mentions.actor" in written["actors"] and "mentions.place" in written["places"]
    assert "mentions.date" in written["dates"] and "events" in written["events"]
    assert "events.date" in written["event_dates"] and "events.location" in written["event_places"]
    assert "events.status" in written["event_dates"]  # the 2015 pact is historical


# --------------------------------------------------------------------------- a fictional knowledge base


def fictional_kb():
    from dotterel.actors import Entry, KnowledgeBase, Role

    kb = KnowledgeBase()
    kb.add_entry(Entry("country:RUT", "Ruritania", "country", code="RUT", sector="GOV", aliases=["Ruritanian", "Strelsau"]))
    kb.add_entry(Entry("country:BOR", "Borduria", "country", code="BOR", sector="GOV", aliases=["Bordurian"]))
    kb.add_entry(Entry("person:marrowby", "Elspeth Marrowby", "person", roles=[Role("RUT", "GOV", "president")]))
    kb._add_surnames()
    return kb


def test_a_hand_built_base_pickles_whole_and_a_loaded_one_reloads(tmp_path, monkeypatch):
    from dotterel.actors import KnowledgeBase, ResolveActors, resolve

    kb = fictional_kb()
    again = pickle.loads(pickle.dumps(ResolveActors(kb))).kb
    assert resolve("Ruritania", kb=again).code == "RUT"
    assert again.spec is None and len(again.entries) == len(kb.entries)
    monkeypatch.setenv("DOTTEREL_CACHE", str(tmp_path / "cache"))
    loaded = KnowledgeBase.load(tmp_path / "nokb")
    blob = pickle.dumps(ResolveActors(loaded))
    assert len(blob) < 2000  # its options, not its 600 entries
    back = pickle.loads(blob).kb
    assert back.fingerprint == loaded.fingerprint and list(back.entries) == list(loaded.entries)


def _code_in_child(pipeline, text):
    """Runs in a spawned process: the pipeline arrived pickled."""
    doc = pipeline(Document.from_text(text, date="2024-01-01"))
    return [(m.text, m.entity.code) for m in doc.mentions if m.kind == "actor" and m.entity]


@pytest.mark.slow
def test_a_fictional_base_codes_in_this_process_and_in_workers():
    from dotterel.pipeline import Pipeline

    pipeline = Pipeline.default(kb=fictional_kb(), use_classifier=False)
    text = "Ruritania accused Borduria of violating the border deal."
    docs = list(pipeline.pipe([Document.from_text(text, date="2024-01-01")] * 3, n_process=2, batch_size=1))
    assert len(docs) == 3
    for doc in docs:
        (ev,) = [e for e in doc.events if e.event == "ACCUSE"]
        assert ([a.code for a in ev.actor], [r.code for r in ev.recipient]) == (["RUT"], ["BOR"])
    # a spawned worker receives the pipeline pickled: the fictional base goes with it
    with mp.get_context("spawn").Pool(1) as pool:
        got = pool.apply(_code_in_child, (pipeline, "President Marrowby met Bordurian officials."))
    assert ("President Marrowby", "RUT") in got and ("Bordurian officials", "BOR") in got
    # the base is part of the configuration that records hash
    from dotterel.records import coder

    assert coder(pipeline.config)["config"] != coder(Pipeline.default(use_classifier=False).config)["config"]
    assert coder(pipeline.config) == coder(Pipeline.default(kb=fictional_kb(), use_classifier=False).config)


# --------------------------------------------------------------------------- provenance


def test_the_store_path_hashes_the_pipeline_configuration():
    import json

    from dotterel.records import coder
    from dotterel.store import open_store
    from dotterel.store.testing import fake_pipeline

    hashes = []
    for config in ({"kb": "one base"}, {"kb": "another base"}):
        pipeline = fake_pipeline()
        pipeline.config = config
        with open_store(":memory:") as store:
            report = store.ingest([Document.from_text("Japan accused China of spying.", date="2024-01-01")],
                                  pipeline=pipeline)
            assert report.stored == 1 and not report.failed and report.events
            (got,) = {json.loads(r[0])["coder"]["config"] for r in store.backend.query("SELECT record FROM events")}
        assert got == coder(config)["config"]
        hashes.append(got)
    assert hashes[0] != hashes[1]
