"""The data model: one Document owns the text; annotations point into it by offsets."""

from __future__ import annotations

import datetime as dt
import pickle

from dotterel.document import Document, Entity, Event, Mention, Sentence, Trigger, content_id

TEXT = "Kenya accused Uganda. Uganda denied it.\n\nTalks resume in May."


def doc_with_sentences() -> Document:
    doc = Document.from_text(TEXT, date="2024-02-01", title="Border row")
    doc.sentences = [Sentence(0, 0, 21, 0), Sentence(1, 22, 39, 0), Sentence(2, 41, 61, 1)]
    return doc


def test_from_text_meta():
    doc = Document.from_text(TEXT, date="2024-02-01", title="Border row", url="https://x.example")
    assert doc.meta.date == dt.date(2024, 2, 1)
    assert doc.meta.title == "Border row" and doc.meta.url == "https://x.example"
    assert doc.meta.language == "en"
    assert doc.id == doc.meta.id == content_id(TEXT)
    assert Document.from_text(TEXT, id="custom").id == "custom"
    assert Document.from_text(TEXT, date=dt.date(2020, 1, 2)).meta.date == dt.date(2020, 1, 2)


def test_content_ids_are_stable_and_content_derived():
    assert content_id("abc") == content_id("abc")
    assert content_id("abc") != content_id("abd")
    assert content_id("abc").startswith("doc-") and len(content_id("abc")) == 4 + 16
    assert content_id("abc", prefix="src").startswith("src-")
    # known value: sha1 prefix, so ids survive a new interpreter or machine
    assert content_id("Kenya accused Uganda.") == "doc-" + __import__("hashlib").sha1(
        b"Kenya accused Uganda."
    ).hexdigest()[:16]


def test_offsets_slice_the_text():
    doc = doc_with_sentences()
    assert [doc.sentence_text(i) for i in range(3)] == [
        "Kenya accused Uganda.", "Uganda denied it.", "Talks resume in May.",
    ]
    assert doc.span(6, 13) == "accused"


def test_sentence_at():
    doc = doc_with_sentences()
    assert doc.sentence_at(0).index == 0
    assert doc.sentence_at(20).index == 0
    assert doc.sentence_at(21) is None  # the space between sentences
    assert doc.sentence_at(22).index == 1
    assert doc.sentence_at(45).paragraph == 1
    assert doc.sentence_at(len(TEXT)) is None


def test_mentions_of_by_kind_and_sentence():
    doc = doc_with_sentences()
    kenya = Mention(0, 5, "Kenya", "actor", 0, entity=Entity("Kenya", code="KEN", start=0, end=5))
    uganda = Mention(14, 20, "Uganda", "actor", 0)
    uganda2 = Mention(22, 28, "Uganda", "actor", 1)
    may = Mention(57, 60, "May", "date", 2)
    doc.mentions = [kenya, uganda, uganda2, may]
    assert doc.mentions_of("actor") == [kenya, uganda, uganda2]
    assert doc.mentions_of("actor", 1) == [uganda2]
    assert doc.mentions_of("date") == [may]
    assert doc.mentions_of("place") == []
    assert doc.span(may.start, may.end) == "May"


def test_sentence_kinds_and_codable():
    assert Sentence(0, 0, 1, 0).codable
    for kind in ("heading", "boilerplate", "caption", "title"):
        assert not Sentence(0, 0, 1, 0, kind).codable


def test_event_start_and_entity_dict():
    ev = Event("ACCUSE", 0, [Trigger("accused", 6, 13), Trigger("of", 21, 23)])
    assert ev.start == 6 and ev.status == "occurred" and ev.context == [] and ev.mentions == []
    assert Entity("Kenya", code="KEN").to_dict() == {
        "text": "Kenya", "code": "KEN", "sector": None, "name": None, "kb_id": None, "start": None, "end": None,
    }


def test_without_parse_and_pickle():
    doc = doc_with_sentences()
    doc.parse = object()
    assert doc.without_parse() is doc and doc.parse is None
    again = pickle.loads(pickle.dumps(doc))
    assert again.text == doc.text and again.sentences == doc.sentences and again.id == doc.id
