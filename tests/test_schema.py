"""The output contract: records from `to_records` validate; broken records do not."""

from __future__ import annotations

import copy

import jsonschema
import pytest

from dotterel.document import Document, Entity, Event, Location, Sentence, Trigger
from dotterel.records import event_id, schema, to_records, validate

TEXT = "India and Japan will meet in Tokyo on Tuesday. Leave a Reply"


def coded_document() -> Document:
    doc = Document.from_text(TEXT, id="doc-test", date="2022-05-23")
    doc.sentences = [Sentence(0, 0, 46, 0), Sentence(1, 47, 60, 1, "boilerplate")]
    doc.events = [
        Event(
            "CONSULT", 0, [Trigger("meet", 21, 25)], status="future",
            actor=[Entity("India", code="IND", sector="GOV", name="India", kb_id="Q668", start=0, end=5),
                   Entity("Japan", code="JPN", start=10, end=15)],
            date="2022-05-24", date_precision="day", date_text="Tuesday",
            event_loc=Location("Tokyo", name="Tokyo", country_code="JPN", lat=35.68, lon=139.69,
                               geonameid=1850147, feature_code="PPLC", precision="city"),
            confidence=0.8, flags=[{"kind": "name_variant", "text": "Japan"}], mentions=[0],
        ),
        Event("SANCTION", 0, [Trigger("meet", 21, 25)], mode=None),
    ]
    return doc


def test_records_validate():
    records = to_records(coded_document())
    assert len(records) == 2
    for r in records:
        validate(r)
    first = records[0]
    assert first["event_text"] == "India and Japan will meet in Tokyo on Tuesday."
    assert first["id"] == event_id("doc-test", coded_document().events[0])
    assert first["quad_code"] == 1 and first["cameo_root"]
    assert first["mentions"] == [{"sentence_index": 0, "text": first["event_text"]}]


def test_ids_are_stable_and_distinct():
    a, b = to_records(coded_document()), to_records(coded_document())
    assert [r["id"] for r in a] == [r["id"] for r in b]
    assert a[0]["id"] != a[1]["id"]


@pytest.mark.parametrize(
    "path, value",
    [
        (("event",), "MEDIATE"),
        (("status",), "maybe"),
        (("actor", 0, "code"), "india"),
        (("date",), "23/05/2022"),
        (("confidence",), 1.5),
        (("trigger",), []),
        (("id",), "event-1"),
        (("unexpected",), 1),
    ],
)
def test_broken_record_fails(path, value):
    record = copy.deepcopy(to_records(coded_document())[0])
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        validate(record)


def test_missing_field_fails():
    record = to_records(coded_document())[0]
    del record["event_text"]
    with pytest.raises(jsonschema.ValidationError):
        validate(record)


def test_schema_is_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_every_shipped_actor_code_fits_the_schema():
    import re
    from importlib import resources

    from dotterel.records import schema

    pattern = re.compile(schema()["$defs"]["entity"]["properties"]["code"]["pattern"])
    data = resources.files("dotterel") / "data" / "actors"
    codes = set()
    for name in ("igos.tsv", "countries.tsv"):
        for line in (data / name).read_text("utf-8").splitlines():
            if line and not line.startswith("#") and not line.startswith("code\t"):
                codes.add(line.split("\t")[0])
    assert codes and not [c for c in codes if not pattern.match(c)]


def test_a_type_of_the_users_own_has_a_record_without_a_crosswalk():
    """A model from `dotterel train` may name types beyond PLOVER (docs/classifier.md): their
    records have no CAMEO row, and a PLOVER type still needs its crosswalk."""
    doc = coded_document()
    doc.events[1].event = "CYBERATTACK"
    own = to_records(doc)[1]
    assert own["event"] == "CYBERATTACK"
    assert own["quad_code"] is None and own["goldstein"] is None
    assert own["cameo_root"] is None and own["cameo_code"] is None
    validate(own)
    plover = copy.deepcopy(to_records(coded_document())[1])
    plover["quad_code"] = None
    with pytest.raises(jsonschema.ValidationError):
        validate(plover)
