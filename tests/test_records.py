"""Records (`dotterel.records`): a hand-built Document + Event becomes a record that
validates against ``schema/event.schema.json``; ids are content-derived."""

from __future__ import annotations

import copy
import dataclasses

import jsonschema
import pytest

from dotterel.document import Document, Entity, Event, Sentence, Trigger
from dotterel.records import event_id, schema, to_record, to_records, validate

TEXT = "Freedonia expelled two Sylvanian diplomats on Monday. Talks are planned."


def _doc() -> Document:
    doc = Document.from_text(TEXT, date="2024-03-10")
    first = TEXT.index(". ") + 1
    doc.sentences = [Sentence(0, 0, first, 0), Sentence(1, first + 1, len(TEXT), 0)]
    return doc


def _event(**kw) -> Event:
    base = dict(
        event="SANCTION", sentence_index=0, trigger=[Trigger("expelled", 10, 18)], mode="expel",
        context=["diplomatic"], status="occurred",
        actor=[Entity("Freedonia", code="FRD", sector="GOV", start=0, end=9)],
        recipient=[Entity("Sylvanian diplomats", code="SYL", sector="GOV", start=23, end=42)],  # TEXT[23:42]
        date="2024-03-04", date_precision="day", date_text="Monday", confidence=0.8,
    )
    base.update(kw)
    return Event(**base)


def test_record_validates_and_carries_the_crosswalk():
    doc = _doc()
    rec = to_record(doc, _event())
    validate(rec)
    assert rec["event"] == "SANCTION" and rec["mode"] == "expel"
    assert (rec["quad_code"], rec["cameo_code"], rec["cameo_root"], rec["goldstein"]) == (4, "166", "16", -7.0)
    assert rec["event_text"] == "Freedonia expelled two Sylvanian diplomats on Monday."
    assert rec["trigger"] == [{"text": "expelled", "start": 10, "end": 18}]
    assert TEXT[10:18] == "expelled"
    assert [a["code"] for a in rec["actor"]] == ["FRD"]
    assert rec["publication_date"] == "2024-03-10"
    assert rec["doc_id"] == doc.id


def test_reciprocal_record_with_empty_recipient_validates():
    doc = _doc()
    ev = _event(event="AGREE", mode=None, sentence_index=1, trigger=[Trigger("planned", TEXT.index("planned"), TEXT.index("planned") + 7)],
                status="future", recipient=[],
                actor=[Entity("Freedonia", code="FRD"), Entity("Sylvania", code="SYL")])
    rec = to_record(doc, ev)
    validate(rec)
    assert rec["recipient"] == [] and rec["quad_code"] == 1 and rec["status"] == "future"


def test_id_is_stable_for_the_same_content():
    a, b = _doc(), _doc()
    assert a.id == b.id
    assert to_record(a, _event())["id"] == to_record(b, _event())["id"]
    # confidence, actors and dates are not part of the identity
    assert event_id(a.id, _event()) == event_id(a.id, _event(confidence=0.2, actor=[], date=None))


def test_id_differs_with_trigger_offsets_type_or_document():
    doc = _doc()
    ref = event_id(doc.id, _event())
    assert event_id(doc.id, _event(trigger=[Trigger("expelled", 11, 19)])) != ref
    assert event_id(doc.id, _event(event="COERCE")) != ref
    assert event_id(doc.id, _event(sentence_index=1)) != ref
    assert event_id("doc-other", _event()) != ref


def test_records_of_one_trigger_with_different_parties_have_ids_of_their_own(tmp_path):
    """'bilateral meetings with A and B' makes one record per partner, same trigger and type:
    each takes its parties into its id, so the store keeps both; a record alone keeps the
    plain id."""
    doc = _doc()
    one = _event(recipient=[Entity("Sylvania", code="SYL", start=23, end=32)])
    other = _event(recipient=[Entity("Ruritania", code="RUR", start=33, end=42)])
    doc.events = [one, other]
    recs = to_records(doc)
    assert len({r["id"] for r in recs}) == 2
    doc.events = [one]
    assert to_records(doc)[0]["id"] == event_id(doc.id, one)
    from dotterel.store import open_store

    doc.events = [one, other]
    with open_store(f"duckdb://{tmp_path}/a.duckdb") as store:
        store.write([doc])
        assert sorted(r["recipient"][0]["code"] for r in store.records()) == ["RUR", "SYL"]


@pytest.mark.parametrize("field", schema()["required"])
def test_record_missing_a_required_field_fails(field):
    rec = to_record(_doc(), _event())
    del rec[field]
    with pytest.raises(jsonschema.ValidationError):
        validate(rec)


@pytest.mark.parametrize(
    ("field", "value"),
    [("event", "YIELD"), ("status", "planned"), ("quad_code", 5), ("goldstein", -11.0),
     ("id", "ev-XYZ"), ("trigger", []), ("confidence", 1.5), ("extra_field", 1)],
)
def test_record_with_a_bad_value_fails(field, value):
    rec = copy.deepcopy(to_record(_doc(), _event()))
    rec[field] = value
    with pytest.raises(jsonschema.ValidationError):
        validate(rec)


def test_entity_with_a_bad_code_fails():
    rec = to_record(_doc(), _event(actor=[dataclasses.replace(_event().actor[0], code="frd")]))
    with pytest.raises(jsonschema.ValidationError):
        validate(rec)
