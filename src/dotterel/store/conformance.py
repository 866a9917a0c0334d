"""The conformance suite for store backends, in the spirit of scikit-learn's ``check_estimator``.

A backend (store/backend.py) conforms when every check here passes against
fresh, empty stores of it. Each check takes `new_url`, a callable that returns
the URL of a new empty store each time it is called, and raises AssertionError
(or the store's own error) when the contract is broken. They use the fake
coder (`dotterel.store.testing`), so no model is needed and a run takes seconds.

    >>> from dotterel.store.conformance import check_backend      # doctest: +SKIP
    >>> check_backend(lambda: f"mysql://localhost/{uuid.uuid4().hex}")

tests/test_store.py runs every check on DuckDB and PostgreSQL, and on a backend
registered by the test itself.
"""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document, Entity, Event, Failure, Sentence, Trigger
from ..errors import StoreError
from . import open_store
from .testing import fake_pipeline

__all__ = ["CHECKS", "check_backend", "WIRE"]

NewUrl = Callable[[], str]


def _doc(text: str, date: str, publisher: str, **kw) -> Document:
    return Document.from_text(text, date=date, publisher=publisher, **kw)


def wire() -> list[Document]:
    """Three rewrites of one wire story about fictional countries, and a similar later event."""
    return [
        _doc("Freedonia imposed sanctions on Sylvania on 2024-03-05 in Paris. Officials declined to comment.",
             "2024-03-05", "Wire One"),
        _doc("Officials said on Tuesday that Freedonia sanctioned Sylvania. Markets fell.", "2024-03-05",
             "Daily Two"),
        _doc("Markets were calm. Freedonia sanctioned Sylvania, a spokesman said. Freedonia sanctioned Sylvania "
             "again, the minister repeated.", "2024-03-06", "Weekly Three"),
        _doc("Freedonia sanctioned Sylvania on 2024-03-20 over a border dispute.", "2024-03-20", "Wire One"),
        _doc("Kenya and Norway met in Oslo on 2024-03-05. Ruritania accused Freedonia.", "2024-03-05", "Daily Two"),
    ]


WIRE = wire()


def _raises(error: type[BaseException], match: str, fn: Callable[[], object]) -> None:
    try:
        fn()
    except error as exc:
        assert match in str(exc), f"{error.__name__} without {match!r}: {exc}"
        return
    raise AssertionError(f"expected {error.__name__} ({match})")


# ------------------------------------------------------------------------------------ checks


def check_tables_and_reopen(new_url: NewUrl) -> None:
    """The schema is created once; a store opened again keeps what was written."""
    from .schema import TABLES

    url = new_url()
    with open_store(url) as store:
        assert set(TABLES) <= store.backend.tables()
        store.ingest(WIRE[:1], pipeline=fake_pipeline())
    with open_store(url) as store:
        assert store.status()["documents"] == 1


def check_write_stores_what_it_is_given(new_url: NewUrl) -> None:
    """`Store.write` stores documents and failures as given, in one transaction, and no twice."""
    coded = fake_pipeline()(_doc("Chile accused Mexico on 2024-02-01.", "2024-02-01", "P"))
    failure = Failure("broken-1", "stage 'parse': ValueError: odd", "feed.xml:3")
    with open_store(new_url()) as store:
        written = store.write([coded, failure])
        assert (written.stored, written.failed, written.events) == (1, 1, 1)
        again = store.write([coded])
        assert again.stored == 1 and store.status()["documents"] == 1  # already there: nothing twice
        st = store.status()
        assert st["events"] == 1 and st["failure_list"] == [
            {"doc_id": "broken-1", "source": "feed.xml:3", "reason": "stage 'parse': ValueError: odd"}]
        assert st["unfused"] == 1  # write never fuses: that is refuse's
        assert store.refuse() == 1 and store.status()["unfused"] == 0


def check_transaction_rolls_back(new_url: NewUrl) -> None:
    """An error inside `transaction()` leaves nothing of it behind."""
    with open_store(new_url()) as store:
        try:
            with store.backend.transaction():
                store.backend.insert("failures", {"doc_id": ["x"], "source": [None], "reason": ["r"],
                                                  "failed_at": [None]})
                raise RuntimeError("abort")
        except RuntimeError:
            pass
        assert store.status()["failures"] == 0


def check_ingest_is_idempotent_and_records_failures(new_url: NewUrl) -> None:
    bad = _doc("FAIL-THIS-DOCUMENT Freedonia sanctioned Sylvania.", "2024-03-05", "X")
    with open_store(new_url()) as store:
        first = store.ingest(WIRE + [bad], pipeline=fake_pipeline())
        assert (first.stored, first.failed, first.skipped) == (5, 1, 0)
        again = store.ingest(WIRE + [bad] + [WIRE[0]], pipeline=fake_pipeline())
        assert (again.stored, again.skipped, again.events) == (0, 6, 0)
        st = store.status()
        assert st["documents"] == 5 and st["failures"] == 1 and st["unfused"] == 0
        assert st["events"] == 6  # the rewrite that repeats itself is fused inside its document
        assert st["failure_list"][0]["doc_id"] == bad.id
        assert "told to fail" in st["failure_list"][0]["reason"]
        assert store.events()["id"].is_unique


def check_cross_document_fusion_of_wire_rewrites(new_url: NewUrl) -> None:
    with open_store(new_url()) as store:
        store.ingest(WIRE, pipeline=fake_pipeline())
        fused = store.events(fused=True, type="SANCTION")
        assert len(fused) == 2
        story = fused.iloc[0]
        assert (story.n_articles, story.n_sources, story.n_mentions) == (3, 3, 4)
        assert str(story.day) == "2024-03-05" and story.date_precision == "day"
        assert str(story.first_report) == "2024-03-05" and str(story.last_report) == "2024-03-06"
        assert story.loc_country == "FRA"
        later = fused.iloc[1]
        assert (later.n_articles, str(later.day)) == (1, "2024-03-20")
        raw = store.events(type="SANCTION")
        assert len(raw) == 4  # every report stays queryable
        assert (raw["fused_id"] == story.fused_id).sum() == 3


def check_fusion_is_order_independent(new_url: NewUrl) -> None:
    """Fusion after more documents arrive equals fusion of all documents at once."""
    with open_store(new_url()) as s:
        s.ingest(WIRE[2:], pipeline=fake_pipeline())
        s.ingest(WIRE[:2], pipeline=fake_pipeline())
        one = s.events(fused=True).drop(columns=["rep_event_id", "event_text"]).to_dict("records")
    with open_store(new_url()) as s:
        s.ingest(WIRE, pipeline=fake_pipeline())
        two = s.events(fused=True).drop(columns=["rep_event_id", "event_text"]).to_dict("records")
    assert sorted(one, key=lambda r: r["fused_id"]) == sorted(two, key=lambda r: r["fused_id"])


def check_event_filters(new_url: NewUrl) -> None:
    with open_store(new_url()) as store:
        store.ingest(WIRE, pipeline=fake_pipeline())
        assert set(store.events(actor="FRE")["event"]) == {"SANCTION"}
        assert set(store.events(recipient="FRE")["event"]) == {"ACCUSE"}
        assert len(store.events(dyad="KEN-NOR")) == len(store.events(dyad="NOR-KEN")) == 1  # reciprocal
        assert len(store.events(dyad="SYL-FRE")) == 0
        assert set(store.events(quad=3)["event"]) == {"ACCUSE"}
        assert len(store.events(type="SANCTION,ACCUSE")) == 5
        assert len(store.events(type="SANCTION", since="2024-03-06")) == 2
        assert len(store.events(type="SANCTION", until="2024-03")) == 4
        assert len(store.events(text="border dispute")) == 1
        assert len(store.events(status="future")) == 0
        assert len(store.events(limit=2)) == 2
        _raises(StoreError, "not a date", lambda: store.events(since="last week"))
        _raises(StoreError, "SOURCE-TARGET", lambda: store.events(dyad="FRE"))


def check_dyad_series(new_url: NewUrl) -> None:
    with open_store(new_url()) as store:
        store.ingest(WIRE, pipeline=fake_pipeline())
        df = store.dyads(by="month")
        rows = {(r.source, r.target): r for r in df.itertuples()}
        assert set(rows) == {("FRE", "SYL"), ("KEN", "NOR"), ("NOR", "KEN"), ("RUR", "FRE")}
        fs = rows[("FRE", "SYL")]
        assert (str(fs.period), fs.events, fs.quad4, fs.quad1) == ("2024-03-01", 2, 2, 0)
        assert fs.goldstein < 0
        assert rows[("KEN", "NOR")].quad1 == 1
        days = store.dyads(by="day", actor="FRE", recipient="SYL")
        assert [str(d) for d in days["period"]] == ["2024-03-05", "2024-03-20"]
        _raises(StoreError, "fortnight", lambda: store.dyads(by="fortnight"))


def check_two_workers_store_the_same_as_one(new_url: NewUrl) -> None:
    with open_store(new_url()) as s:
        rep = s.ingest(WIRE * 3, workers=2, pipeline=fake_pipeline(), chunk_size=1)
        assert rep.stored == 5 and rep.skipped == 10
        two = sorted(s.events()["id"])
    with open_store(new_url()) as s:
        s.ingest(WIRE, pipeline=fake_pipeline())
        assert sorted(s.events()["id"]) == two


def check_store_already_coded_documents(new_url: NewUrl) -> None:
    text = "Freedonia sanctioned Sylvania."
    d = Document.from_text(text, date="2024-01-02", publisher="P")
    d.sentences = [Sentence(0, 0, len(text), 0)]
    d.events = [Event("SANCTION", 0, [Trigger("sanctioned", 10, 20)],
                      actor=[Entity("Freedonia", "FRE")], recipient=[Entity("Sylvania", "SYL")])]
    with open_store(new_url()) as store:
        store.add([d])
        rec = next(store.records())
        assert rec["doc_id"] == d.id and rec["actor"][0]["code"] == "FRE"
        assert store.status()["fused_events"] == 1


#: every check, in the order `check_backend` runs them
CHECKS: list[Callable[[NewUrl], None]] = [
    check_tables_and_reopen,
    check_write_stores_what_it_is_given,
    check_transaction_rolls_back,
    check_ingest_is_idempotent_and_records_failures,
    check_cross_document_fusion_of_wire_rewrites,
    check_fusion_is_order_independent,
    check_event_filters,
    check_dyad_series,
    check_two_workers_store_the_same_as_one,
    check_store_already_coded_documents,
]


def check_backend(new_url: NewUrl) -> None:
    """Run every check against stores made by `new_url`; the first broken one raises,
    with the check's name in the message."""
    for check in CHECKS:
        try:
            check(new_url)
        except Exception as exc:
            raise AssertionError(f"{check.__name__}: {type(exc).__name__}: {exc}") from exc
