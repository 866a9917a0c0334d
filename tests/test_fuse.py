"""In-document fusion (FuseDocument) and the cross-document clustering rule (dotterel.fuse)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dotterel import Document, Entity, Event, Location, Pipeline, Sentence, Trigger
from dotterel.fuse import FuseDocument, Report, cluster, compatible, family, fuse_events, fuse_group


def E(code):
    return Entity(code.title(), code, "GOV")


def ev(etype, sent, actors, recipients=(), *, status="occurred", date=None, precision=None,
       loc=None, confidence=0.5, flags=()):
    return Event(
        event=etype, sentence_index=sent, trigger=[Trigger("x", sent * 10, sent * 10 + 1)],
        status=status, actor=[E(a) for a in actors], recipient=[E(r) for r in recipients],
        date=date, date_precision=precision, date_text=date, event_loc=loc,
        confidence=confidence, flags=list(flags),
    )


def tokyo():
    return Location("Tokyo", "Tokyo", "JPN", geonameid=1850147, precision="city")


def test_seed_like_meeting_reports_fuse_and_other_meetings_stay_apart():
    # Shaped like the seed article: a leaders' meeting reported in sentences 0, 4 and 13
    # (AGREE future, CONSULT future, CONSULT future), bilateral meetings with two other
    # leaders and the four-party summit, all on the same day.
    events = [
        ev("AGREE", 0, ["IND", "JPN"], status="future", date="2022-05-24", precision="day", confidence=0.7),
        ev("AGREE", 1, ["IND", "USA", "AUS", "JPN"], status="future", date="2022-05-24", precision="day", loc=tokyo()),
        ev("CONSULT", 2, ["IND", "USA"], status="future", date="2022-05-23", precision="publication"),
        ev("CONSULT", 3, ["IND", "AUS"], status="future", date="2022-05-23", precision="publication"),
        ev("CONSULT", 4, ["JPN", "IND"], status="future", date="2022-05-23", precision="publication",
           loc=tokyo(), flags=[{"kind": "name_variant"}], confidence=0.9),
        ev("CONSULT", 13, ["IND", "JPN"], status="future", date=None, precision=None),
    ]
    fused = fuse_events(events)
    assert len(fused) == 4
    meeting = fused[0]
    assert meeting.sentence_index == 0 and meeting.event == "AGREE"
    assert meeting.mentions == [0, 4, 13]
    assert meeting.date == "2022-05-24" and meeting.date_precision == "day"
    assert meeting.event_loc is not None and meeting.event_loc.name == "Tokyo"
    assert meeting.confidence == 0.9
    assert meeting.flags == [{"kind": "name_variant"}]
    assert [sorted(e.actor[i].code for i in range(len(e.actor))) for e in fused[1:]] == [
        ["AUS", "IND", "JPN", "USA"], ["IND", "USA"], ["AUS", "IND"]]
    assert all(e.mentions == [e.sentence_index] for e in fused[1:])


def test_agree_and_consult_are_one_family_only_when_both_future():
    assert family("AGREE", "future") == family("CONSULT", "future")
    assert family("AGREE", "occurred") != family("CONSULT", "occurred")
    a = ev("AGREE", 0, ["IND", "JPN"])
    b = ev("CONSULT", 1, ["IND", "JPN"])
    assert not compatible(a, b)
    assert len(fuse_events([a, b])) == 2


@pytest.mark.parametrize(
    "other, same",
    [
        (dict(status="negated"), False),
        (dict(status="ongoing"), False),  # inside one article, "are in talks" and "held talks" differ
        (dict(date="2022-05-25", precision="day"), False),
        (dict(date="2022-05", precision="month"), True),  # May contains 24 May
        (dict(date="2022-04", precision="month"), False),
        (dict(date="2022-05-01", precision="publication"), True),  # unknown date
        (dict(loc=Location("Paris", "Paris", "FRA", precision="city")), False),
        # a country and a town in it agree, whatever their gazetteer ids; another country does not
        (dict(loc=Location("Japan", "Japan", "JPN", geonameid=1861060, precision="country")), True),
        (dict(loc=Location("France", "France", "FRA", geonameid=3017382, precision="country")), False),
        (dict(loc=None), True),
    ],
)
def test_compatibility_of_status_dates_and_places(other, same):
    base = ev("SANCTION", 0, ["USA"], ["RUS"], date="2022-05-24", precision="day", loc=tokyo())
    kw = dict(date="2022-05-24", precision="day", loc=tokyo())
    kw.update(other)
    assert compatible(base, ev("SANCTION", 3, ["USA"], ["RUS"], **kw)) is same


def test_different_actors_or_recipients_never_fuse_and_codeless_events_never_fuse():
    a = ev("SANCTION", 0, ["USA"], ["RUS"])
    assert not compatible(a, ev("SANCTION", 1, ["USA"], ["IRN"]))
    assert not compatible(a, ev("SANCTION", 1, ["GBR"], ["RUS"]))
    blank = Event("PROTEST", 0, [Trigger("x", 0, 1)], actor=[Entity("crowd")])
    blank2 = Event("PROTEST", 1, [Trigger("y", 10, 11)], actor=[Entity("crowd")])
    assert not compatible(blank, blank2)


def test_a_partial_report_in_the_same_sentence_folds_into_the_full_one():
    full = ev("COERCE", 2, ["GHA"], ["NGA"], date="2024-03-08", precision="day", confidence=0.6)
    no_recipient = ev("COERCE", 2, ["GHA"], confidence=0.8)
    uncoded = ev("COERCE", 2, [])
    fused = fuse_events([no_recipient, full, uncoded])
    assert fused == [full]
    assert full.confidence == 0.8 and full.mentions == [2]


@pytest.mark.parametrize("other", [
    ev("COERCE", 3, ["GHA"]),  # another sentence
    ev("COERCE", 2, ["GHA"], status="future"),  # another status
    ev("ASSAULT", 2, ["GHA"]),  # another type
    ev("COERCE", 2, ["GHA", "TGO"]),  # other parties in a role: another event
    ev("COERCE", 2, ["GHA"], date="2023", precision="year"),  # another date
])
def test_partial_reports_of_other_sentences_statuses_types_or_parties_stay(other):
    full = ev("COERCE", 2, ["GHA"], ["NGA"], date="2024-03-08", precision="day")
    assert len(fuse_events([full, other])) == 2


def test_two_leaders_meeting_and_their_summit_in_one_sentence_stay_apart():
    summit = ev("CONSULT", 1, ["IND", "USA", "AUS", "JPN"])
    bilateral = ev("CONSULT", 1, ["IND", "JPN"])
    assert len(fuse_events([summit, bilateral])) == 2


@pytest.mark.parametrize("text, event, n", [
    # two acts of one sentence, each with its own verb: two events
    ("Kenya expelled the Ugandan ambassador and recalled its envoy from Kampala on Friday.", "SANCTION", 2),
    ("Moldova imposed sanctions on Transnistria's leaders and expelled two Russian diplomats.", "SANCTION", 2),
    # a participle set off by a comma after the verb is an act of its own
    ("Police in Harare used tear gas to break up a march by vendors, detaining 30 people.", "COERCE", 2),
    # one meeting told by two verbs, and one strike named by a noun and a verb: one event
    ("The two ministers met in Delhi and discussed defence ties.", "CONSULT", 1),
    ("A Turkish drone strike killed a Kurdish commander near Qamishli.", "ASSAULT", 1),
    # an attack told by two verbs is one attack
    ("Gunmen shot and wounded two police officers in Nyanga on Saturday.", "ASSAULT", 1),
])
def test_conjoined_verbs_of_one_act_type_are_two_acts_but_a_meeting_is_one(run, text, event, n):
    """'expelled the ambassador and recalled its envoy': the same parties, type and day, yet
    two acts (`conjoined_acts`), as the corpus counts them; meetings still fuse."""
    assert sum(e.event == event for e in run(text).events) == n


def test_events_kept_apart_never_fuse_even_as_partial_reports():
    first = ev("SANCTION", 2, ["KEN"], ["UGA"])
    second = ev("SANCTION", 2, ["KEN"], ["UGA"])
    partial = ev("SANCTION", 2, ["KEN"])
    assert len(fuse_events([first, second, partial])) == 1
    first, second, partial = (ev("SANCTION", 2, ["KEN"], ["UGA"]), ev("SANCTION", 2, ["KEN"], ["UGA"]),
                              ev("SANCTION", 2, ["KEN"]))
    apart = {frozenset((id(first), id(second))), frozenset((id(first), id(partial)))}
    assert fuse_events([first, second, partial], apart) == [first, second]


def test_fuse_document_is_a_stage_with_declarations():
    class Coder:
        name = "events"
        requires = ("text",)
        assigns = ("events",)

        def __call__(self, doc):
            doc.sentences = [Sentence(0, 0, 10, 0), Sentence(1, 11, 20, 0)]
            doc.events = [ev("SANCTION", 0, ["USA"], ["RUS"]), ev("SANCTION", 1, ["USA"], ["RUS"])]
            return doc

    stage = FuseDocument()
    assert (stage.name, stage.requires, stage.assigns) == ("fuse", ("events",), ("events.fused",))
    doc = Pipeline([Coder(), stage])(Document.from_text("Sanctions. Sanctions again."))
    assert len(doc.events) == 1 and doc.events[0].mentions == [0, 1]
    assert doc.done == ["events", "fuse"]


# ---------------------------------------------------------------- across documents

GROUP = fuse_group("SANCTION", "occurred", ("USA",), ("RUS",))


def R(id, date, precision, pub, country=None, group=GROUP):
    return Report(id, group, date, precision, dt.date.fromisoformat(pub), country)


def test_wire_rewrites_fuse_and_a_later_similar_event_does_not():
    reports = [
        R("a", "2024-03-05", "day", "2024-03-05", "USA"),  # Reuters-style original
        R("b", "2024-03-05", "publication", "2024-03-05"),  # rewrite, same day, no date in text
        R("c", "2024-03-06", "publication", "2024-03-06", "USA"),  # next-day rewrite
        R("d", "2024-03-15", "day", "2024-03-15", "USA"),  # new sanctions ten days later
        R("e", "2024-03-09", "publication", "2024-03-09"),  # outside the window of both
    ]
    got = cluster(reports)
    assert got["a"] == got["b"] == got["c"]
    assert len({got["a"], got["d"], got["e"]}) == 3


def test_cluster_is_independent_of_order_and_keeps_groups_and_countries_apart():
    reports = [
        R("a", "2024-03-05", "day", "2024-03-05", "USA"),
        R("b", "2024-03-05", "day", "2024-03-05", "FRA"),  # same day, elsewhere
        R("c", "2024-03-05", "day", "2024-03-05", None),  # joins the most reported country
        R("x", "2024-03-05", "day", "2024-03-05", "USA",
          group=fuse_group("SANCTION", "occurred", ("USA",), ("IRN",))),
    ]
    got = cluster(reports)
    assert got == cluster(list(reversed(reports)))
    assert got["a"] != got["b"] and got["x"] not in (got["a"], got["b"])
    assert got["c"] in (got["a"], got["b"])


def test_undated_reports_fuse_among_themselves_within_the_window():
    reports = [R("a", None, None, "2024-03-05"), R("b", None, "publication", "2024-03-06"),
               R("c", None, None, "2024-03-08")]
    got = cluster(reports)
    assert got["a"] == got["b"] != got["c"]


@pytest.mark.slow
@pytest.mark.shared
def test_seed_article_meeting_reports_become_one_event(shared, run):
    meta = json.loads((shared / "reference" / "seed-article.meta.json").read_text(encoding="utf-8"))
    text = (shared / "reference" / "seed-article.txt").read_text(encoding="utf-8")
    doc = run(text, date=meta["publication_date"], title=meta["title"])
    assert "fuse" in doc.done

    def meetings(parties):
        return [e for e in doc.events if family(e.event, e.status) == family("AGREE", "future")
                and {a.code for a in e.actor} == parties and e.date == "2022-05-24"]

    modi_kishida = meetings({"IND", "JPN"})
    assert len(modi_kishida) == 1
    assert len(modi_kishida[0].mentions) >= 3  # the lead, the body and the closing paragraph
    for parties in ({"IND", "USA"}, {"IND", "AUS"}, {"IND", "USA", "AUS", "JPN"}):
        assert len(meetings(parties)) == 1, parties
