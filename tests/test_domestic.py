"""Domestic actors named only by their role take the country where they act."""

from __future__ import annotations

import pytest

from dotterel.document import Document, Entity, Event, Location, Mention, Trigger
from dotterel.events.domestic import HOME_COUNTRY, InferActorCountry, dominant_country


def _doc(codes: list[str]) -> Document:
    doc = Document.from_text("x " * 40, date="2024-05-02")
    doc.mentions = [
        Mention(i, i + 1, c, "actor", 0, entity=Entity(text=c, code=c, sector="GOV")) for i, c in enumerate(codes)
    ]
    return doc


def _event(actor: Entity, loc: Location | None = None) -> Event:
    return Event("COERCE", 0, [Trigger("detained", 0, 8)], actor=[actor], event_loc=loc)


def test_police_take_the_country_of_the_place():
    doc = _doc(["GEO", "RUS", "USA"])
    doc.events = [_event(Entity(text="Police", sector="COP"), Location(text="Tbilisi", country_code="GEO"))]
    InferActorCountry()(doc)
    assert doc.events[0].actor[0].code == "GEO"
    assert doc.events[0].flags[0]["kind"] == "inferred_country"


def test_without_a_place_only_a_clearly_dominant_country_is_used():
    mixed, dominant = _doc(["GEO", "RUS", "USA", "GEO", "RUS"]), _doc(["GEO", "GEO", "GEO", "RUS"])
    assert dominant_country(mixed) is None and dominant_country(dominant) == "GEO"
    for doc, expected in ((mixed, None), (dominant, "GEO")):
        doc.events = [_event(Entity(text="the police", sector="COP"))]
        InferActorCountry()(doc)
        assert doc.events[0].actor[0].code == expected


def test_objects_without_a_sector_and_named_people_are_left_alone():
    doc = _doc(["GEO", "GEO", "GEO"])
    event = _event(Entity(text="the police", sector="COP"), Location(text="Tbilisi", country_code="GEO"))
    event.recipient = [Entity(text="Rustaveli Avenue"), Entity(text="Ms X", sector="GOV", name="Ms X")]
    doc.events = [event]
    InferActorCountry()(doc)
    assert [r.code for r in doc.events[0].recipient] == [None, None]


# ---- actors are agents (issue 10, item 3)


@pytest.mark.slow
def test_an_agentless_arrest_has_implied_police_of_the_only_country_named(run):
    doc = run("Okonkwo was arrested in Chicago on Wednesday after police identified him.", date="2018-03-01")
    arrests = [e for e in doc.events if e.event == "COERCE"]
    assert arrests
    actor = arrests[0].actor[0]
    assert actor.text == "(police)" and actor.sector == "COP" and actor.code == "USA"
    assert any(f["kind"] == "inferred_country" for f in arrests[0].flags)


@pytest.mark.slow
@pytest.mark.parametrize("text, event, victims", [
    ("A roadside bomb tore through a minibus near Garissa on Sunday, killing eight.", "ASSAULT", "eight"),
    ("Uganda police arrest 31 at rally in Jinja", "COERCE", "31"),
])
def test_a_bare_count_of_those_an_act_befalls_is_its_recipient(run, text, event, victims):
    events = [e for e in run(text, date="2024-03-01").events if e.event == event]
    assert [(r.text, r.code) for e in events for r in e.recipient] == [(victims, events[0].actor[0].code)]


@pytest.mark.slow
@pytest.mark.parametrize("text, event", [
    ("The accused was remanded in custody in Nairobi on Monday.", "COERCE"),
    ("Police in Lahore arrested the accused on Friday.", "COERCE"),
])
def test_a_participle_standing_as_a_noun_names_who_the_act_befalls(run, text, event):
    events = [e for e in run(text, date="2024-03-01").events if e.event == event]
    assert [r.text.lower() for e in events for r in e.recipient] == ["the accused"]


@pytest.mark.slow
def test_a_charge_is_brought_by_the_judiciary_and_the_crime_is_no_party(run):
    doc = run("A South Side man has been charged with murder in Chicago.", date="2018-03-01")
    charges = [e for e in doc.events if e.event in ("COERCE", "ACCUSE")]
    assert charges
    texts = {a.text for a in charges[0].actor} | {r.text for r in charges[0].recipient}
    assert "murder" not in texts
    assert [a.sector for a in charges[0].actor] == ["JUD"]


def test_dominant_country_of_an_article_that_names_one_country():
    from dotterel.document import Document, Entity, Mention
    from dotterel.events.domestic import dominant_country

    doc = Document.from_text("x")
    doc.mentions = [Mention(0, 1, "Canada", "actor", 0, entity=Entity("Canada", code="CAN"))]
    assert dominant_country(doc) == "CAN"
    doc.mentions.append(Mention(0, 1, "Spain", "actor", 0, entity=Entity("Spain", code="ESP")))
    assert dominant_country(doc) is None  # two countries, too few references to choose


@pytest.mark.parametrize(
    "text,party,expected",
    [
        # a state that acts is its government: coded with its country
        ("Tamil Nadu accused the federal government of ignoring the court.", "Tamil Nadu", "IND"),
        # a place named as where something happened stays a place
        ("Police deployed troops to Kerala on Monday.", "Kerala", None),
    ],
)
def test_a_place_named_as_a_party_takes_its_country(pipeline, text, party, expected):
    from dotterel.places import Gazetteer

    doc = pipeline.stages[0](Document.from_text(text))  # parse only
    start = text.index(party)
    entity = Entity(text=party, start=start, end=start + len(party))
    doc.events = [Event("ACCUSE", 0, [Trigger("accused", 0, 1)], actor=[entity])]
    InferActorCountry(Gazetteer().load())(doc)
    assert entity.code == expected
    assert entity.sector == ("GOV" if expected else None)  # a state acts through its government
    flags = [f for f in doc.events[0].flags if f["kind"] == "inferred_country"]
    assert bool(flags) == bool(expected)


# ---- the article's home country: dateline, then web domain


@pytest.mark.parametrize(
    "address,expected",
    [
        ("https://www.tipperarystar.ie/news/home/1.html", "IRL"),
        ("newsletter.co.uk", "GBR"),  # .uk is Great Britain's domain (GB)
        ("http://toronto.ctvnews.ca/a", "CAN"),
        ("https://www.example.com/a", None),  # generic domain: no country
        ("https://live.news.tv/a", None),  # a country-code domain sold for other uses
        ("The Daily Planet", None),  # a publisher's name, not an address
        ("http://[bad", None),  # a malformed address is no error
        (None, None),
    ],
)
def test_the_country_of_a_web_domain(address, expected):
    from dotterel.events.domestic import domain_country

    assert domain_country(address) == expected


def test_a_name_that_is_both_an_actor_and_a_place_counts_once():
    """'most of it bound for China': the parser's one name is an actor's mention and a place's;
    counted twice, a country named once in passing would outweigh the others and become the
    article's country."""
    doc = _doc(["USA"])
    china = Location("China", name="China", country_code="CHN", precision="country")
    doc.mentions += [
        Mention(10, 15, "China", "actor", 0, entity=Entity(text="China", code="CHN", sector="GOV")),
        Mention(10, 15, "China", "place", 0, data={"location": china}),
        Mention(20, 28, "Tauranga", "place", 0, data={"location": Location("Tauranga", country_code="NZL")}),
    ]
    assert dominant_country(doc) is None  # CHN, USA and NZL once each: none leads
    doc.mentions.append(Mention(30, 35, "China", "place", 0, data={"location": china}))
    assert dominant_country(doc) == "CHN"  # named a second time, China leads


def test_a_tie_between_countries_goes_to_the_articles_home_country():
    doc = _doc(["CAN", "ESP"])  # a Canadian police story in which a suspect "speaks Spanish"
    assert dominant_country(doc) is None
    doc.meta.url = "https://toronto.ctvnews.ca/break-in-suspects-1.3866425"
    assert dominant_country(doc) == "CAN"
    doc.meta.url = "https://www.elpais.es/a"  # the home country must be among those named most
    doc.mentions = doc.mentions[:1]
    doc.mentions.append(Mention(0, 1, "x", "actor", 0, entity=Entity(text="x", code="CAN")))
    assert dominant_country(doc) == "CAN"
    doc.mentions.append(Mention(0, 1, "y", "actor", 0, entity=Entity(text="y", code="USA")))
    doc.mentions.append(Mention(0, 1, "y", "actor", 0, entity=Entity(text="y", code="USA")))
    assert dominant_country(doc) is None  # CAN 2, USA 2: Spain named by neither


def test_a_country_named_in_passing_does_not_outweigh_the_home_country_named_too():
    # a Lahore kidnapping story in which the kidnappers "called from an Afghan SIM number"
    doc = _doc(["AFG", "AFG", "PAK"])
    assert dominant_country(doc) == "AFG"
    doc.meta.url = "https://www.dawn.pk/news/1"
    assert dominant_country(doc) == "PAK"
    # named three times it is what the article is about
    doc.mentions.append(Mention(0, 1, "z", "actor", 0, entity=Entity(text="z", code="AFG")))
    assert dominant_country(doc) == "AFG"
    # and a home country the article never names does not take over ("BEIRUT (AP) - ... Syria")
    doc = _doc(["SYR", "SYR"])
    doc.meta.url = "https://www.dailystar.com.lb/a"
    assert dominant_country(doc) == "SYR"


def test_the_home_country_decides_where_no_country_leads_it():
    # a Peshawar story about a border attack, naming Afghanistan a little more than Pakistan
    doc = _doc(["AFG"] * 4 + ["PAK"] * 3)
    assert dominant_country(doc) is None
    doc.meta.url = "https://www.dawn.pk/news/1"
    assert dominant_country(doc) == "PAK"
    # a country named at least `lead` (1.5) times as often as home is what the article is about
    doc = _doc(["AFG"] * 5 + ["PAK"] * 3 + ["IRN"] * 2)
    doc.meta.url = "https://www.dawn.pk/news/1"
    assert dominant_country(doc) == "AFG"
    # and without a home country, or one the article never names, no country is chosen
    doc = _doc(["AFG"] * 4 + ["PAK"] * 3)
    doc.meta.url = "https://www.example.com/n/1"
    assert dominant_country(doc) is None
    doc.meta.url = "https://www.irna.ir/n/1"
    assert dominant_country(doc) is None


def test_an_article_naming_no_country_takes_its_home_country():
    doc = Document.from_text("A councillor said the council should inspect more houses.", url="https://www.tipperarystar.ie/n/1")
    assert dominant_country(doc) == "IRL"
    doc.meta.url = "https://www.example.com/n/1"
    assert dominant_country(doc) is None


@pytest.mark.slow
def test_the_dateline_gives_local_actors_their_country(run):
    text = "WINNIPEG — Opposition leader Wab Kinew accused the premier of breaking his promise."
    accusations = [e for e in run(text).events if e.event == "ACCUSE"]
    assert accusations and [a.code for a in accusations[0].actor] == ["CAN"]
    # the record says where the code came from
    flags = [f for f in accusations[0].flags if f["kind"] == "inferred_country"]
    assert flags and all(f["why"] == HOME_COUNTRY for f in flags)
    # without the dateline nothing says where this is
    accusations = [e for e in run(text.split("— ", 1)[1]).events if e.event == "ACCUSE"]
    assert accusations and [a.code for a in accusations[0].actor] == [None]


@pytest.mark.slow
def test_a_dateline_town_the_gazetteer_lacks_is_placed_by_its_state_or_country(run):
    # small towns are missing from the gazetteer; the state, province or country after them is not
    for text, code, region in (
        ("CRESTLINE, Calif. — Police arrested two men after a robbery on Monday.", "USA", "California"),
        ("BRACKENHOLME, North Yorkshire — Police arrested two men after a robbery on Monday.", "GBR",
         "North Yorkshire"),
        ("KIBWEZI, Kenya — Police arrested two men after a robbery on Monday.", "KEN", "Kenya"),
    ):
        arrests = [e for e in run(text).events if e.event == "COERCE"]
        assert arrests and [a.code for a in arrests[0].actor] == [code], text
        assert arrests[0].event_loc is not None and arrests[0].event_loc.name == region, text
    # the region chooses among towns of one name, and an Irish county is named with "Co"
    for text, code, town in (("LONDON, Ontario — Police arrested two men after a robbery on Monday.", "CAN", "London"),
                             ("PARIS, Texas — Police arrested two men after a robbery on Monday.", "USA", "Paris"),
                             ("KILMURRAGH, Co Clare — Gardaí arrested two men after a robbery on Monday.", "IRL",
                              "Clare")):
        arrests = [e for e in run(text).events if e.event == "COERCE"]
        assert arrests and [a.code for a in arrests[0].actor] == [code], text
        assert arrests[0].event_loc is not None and arrests[0].event_loc.name == town, text
    # a date after the town, or a name that is a city elsewhere, places nothing
    for text in ("CRESTLINE, Apr 5 — Police arrested two men after a robbery on Monday.",
                 "CRESTLINE, Victoria — Police arrested two men after a robbery on Monday."):
        arrests = [e for e in run(text).events if e.event == "COERCE"]
        assert arrests and [a.code for a in arrests[0].actor] == [None], text


@pytest.mark.slow
def test_a_place_inside_an_actors_phrase_is_not_the_actor(run):
    doc = run("Police said a Brooklyn man threatened a neighbour with a knife on Tuesday.")
    parties = [p for e in doc.events for p in (*e.actor, *e.recipient) if "Brooklyn" in p.text]
    assert parties and all(p.code == "USA" for p in parties)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The Police Minister condemned the killing of two farmers in a statement.",
    "The Union official condemned the arrest of the striking dockworkers.",
])
def test_an_ordinary_word_in_an_actors_name_is_no_town(run, text):
    """'Police' and 'Union' are towns in Poland and New Jersey, but in 'The Police Minister' or
    'The Union official' they are the words ([places] generic_place_names)."""
    condemners = [a for e in run(text).events if e.event == "ACCUSE" for a in e.actor]
    assert condemners and all(a.code not in ("POL", "USA") for a in condemners), condemners


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,actor",
    [
        # sector words for local actors: detectives are police, a council governs
        ("Detectives arrested two men in Belfast on Tuesday.", "COERCE", ("GBR", "COP")),
        # a group of people is a party even with no sector of its own
        ("The tribal elders in Waziristan thanked the Pakistan Army for restoring peace.", "SUPPORT", ("PAK", "CVL")),
        # members of a party are a party, of the article's country
        ("LONDON, May 3 (Reuters) - The Tories accused the minister of misleading parliament.", "ACCUSE",
         ("GBR", "PTY")),
    ],
)
def test_local_actors_are_parties_with_a_sector_and_a_country(run, text, event, actor):
    found = [e for e in run(text).events if e.event == event]
    assert found and (found[0].actor[0].code, found[0].actor[0].sector) == actor


@pytest.mark.parametrize("text, code_", [
    ("LJUBLJANA - Slovenia's government condemned the expulsions by Slovenian police on Monday. Slovenia's "
     "foreign minister said the ambassador to Russia had criticised the decision.", "SVN"),
    ("NAIROBI - Kenya's government condemned the vote on Monday. Officials said the high commissioner in Uganda "
     "had rejected the results.", "KEN"),
])
def test_an_envoy_who_acts_is_not_of_the_country_he_is_posted_to(run, text, code_):
    """'the ambassador to Russia criticised': Russia is where he is posted, not whose envoy he
    is; its code had become his (as the one recalled, the host stays the target:
    test_a_party_owned_by_its_keeps_the_name_inside_its_phrase)."""
    acts = [e for e in run(text).events if e.event in ("ACCUSE", "REJECT") and e.sentence_index == 1]
    assert acts and [a.code for a in acts[0].actor] == [code_]


@pytest.mark.slow
def test_a_thing_in_a_place_is_not_the_doer(run):
    doc = run("An army spokesman said the soldier was killed by a roadside bomb in Syria.")
    killings = [e for e in doc.events if e.event == "ASSAULT"]
    assert killings
    assert not [a for e in killings for a in e.actor if "bomb" in a.text]
    # but what is condemned in a place is about that place
    doc = run("Kenya condemned the coup in Niger and recalled its ambassador.")
    assert [r.code for e in doc.events if e.event == "ACCUSE" for r in e.recipient] == ["NER"]


@pytest.mark.slow
def test_a_council_is_a_local_government(run):
    doc = run("Kenyan nurses thanked the council for the new clinic in Nakuru.")
    thanks = [e for e in doc.events if e.event == "SUPPORT"]
    assert thanks and [(r.code, r.sector) for r in thanks[0].recipient] == [("KEN", "GOV")]


@pytest.mark.slow
def test_a_time_is_not_a_prime_minister(run):
    doc = run("Police said the clashes began at 5 pm on Monday in Lagos.")
    assert not [m for m in doc.mentions_of("actor") if "pm" in m.text]
    doc = run("Outgoing PM Miro Cerar condemned the attack.")
    assert [(a.sector) for e in doc.events for a in e.actor] == ["GOV"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,sector",
    [
        ("Weapons were seized in a raid on a farm near Lagos on Monday.", "COP"),  # "seized": not "seiz"
        ("Two men were sentenced to life in prison in Nairobi on Monday.", "JUD"),
    ],
)
def test_agentless_raids_seizures_and_sentences_have_implied_authorities(run, text, sector):
    events = [e for e in run(text).events if e.event == "COERCE"]
    assert events and [(a.sector, a.start) for a in events[0].actor] == [(sector, None)]
    assert events[0].actor[0].code is not None


@pytest.mark.slow
def test_an_agentless_attack_has_implied_unknown_attackers_where_it_happened(run):
    attacks = [e for e in run("A shopkeeper was shot dead in Lagos on Monday.", date="2019-03-05").events
               if e.event == "ASSAULT"]
    assert attacks
    assert [(a.text, a.sector, a.code, a.start) for a in attacks[0].actor] == [("(unknown attackers)", "UAF", "NGA", None)]
    assert any(f["kind"] == "inferred_country" and f["text"] == "(unknown attackers)" for f in attacks[0].flags)
    # a named attacker stays the only actor; an attack that did not happen has no attackers
    named = [e for e in run("Gunmen shot a shopkeeper dead in Lagos on Monday.").events if e.event == "ASSAULT"]
    assert named and [a.text for a in named[0].actor] == ["Gunmen"]
    feared = [e for e in run("A shopkeeper could be attacked in Lagos, police warned.").events if e.event == "ASSAULT"]
    assert feared and all(a.text != "(unknown attackers)" for e in feared for a in e.actor)


@pytest.mark.slow
@pytest.mark.parametrize("text, victim", [
    ("A pharmacist was stabbed outside his shop in Leeds on Monday.", "A pharmacist"),
    ("Police in Nairobi arrested two mechanics on Friday.", "two mechanics"),
])
def test_the_people_of_a_trade_are_parties_not_things(run, text, victim):
    events = [e for e in run(text, date="2019-03-05").events if e.event in ("ASSAULT", "COERCE")]
    assert events and [r.text for r in events[0].recipient] == [victim]


@pytest.mark.slow
def test_a_visit_or_attack_abroad_with_no_recipient_is_received_where_it_took_place(run):
    visits = [e for e in run("Indian Prime Minister Narendra Modi began a two-day visit in Tokyo on Monday.").events
              if e.event == "CONSULT"]
    assert visits and [(r.text, r.code) for r in visits[0].recipient] == [("Tokyo", "JPN")]
    assert any(f["kind"] == "inferred_country" and f["code"] == "JPN" for f in visits[0].flags)
    # a meeting held abroad is not aimed at its host; a deployment at home has no target country
    meeting = [e for e in run("A US delegation met Russian officials in Geneva on Monday.").events if e.event == "CONSULT"]
    assert meeting and meeting[0].recipient == []
    home = [e for e in run("Nigerian troops were deployed in Lagos on Monday ahead of the protests.").events
            if e.event == "MOBILIZE"]
    assert home and home[0].recipient == []


@pytest.mark.slow
def test_countries_in_general_take_no_inferred_country(run):
    doc = run("Russia will expel as many diplomats as the number of Russian envoys who were expelled from "
              "other countries, Russia's foreign minister said.")
    expulsions = [e for e in doc.events if any("other countries" in a.text for a in e.actor)]
    assert expulsions and [a.code for a in expulsions[0].actor] == [None]


@pytest.mark.slow
def test_a_party_named_by_its_relation_to_another_takes_no_inferred_country(run):
    """'her allies', 'its donors' are other countries than the one the article is about."""
    doc = run("Kenya's president praised his allies in Nairobi on Monday. Police in Mombasa arrested "
              "two men. Kenya's army said on Tuesday it had killed six militants near Lamu.")
    praise = [e for e in doc.events if e.event == "SUPPORT"]
    assert praise and [(r.text, r.code) for r in praise[0].recipient] == [("his allies", None)]


@pytest.mark.slow
def test_a_local_event_with_no_place_in_its_text_is_placed_at_the_dateline(run):
    events = [e for e in run("WINNIPEG — Police arrested two men after a robbery on Monday.").events
              if e.event == "COERCE"]
    assert events and (events[0].event_loc.text, events[0].event_loc.country_code) == ("WINNIPEG", "CAN")
    assert any(f["kind"] == "dateline_location" for f in events[0].flags)
    assert all(f["why"] == HOME_COUNTRY for f in events[0].flags if f["kind"] == "inferred_country")
    # foreign parties reported from a capital did not act there; no dateline, no place
    foreign = [e for e in run("WASHINGTON (AP) — China accused Japan of provoking tensions on Friday.").events
               if e.event == "ACCUSE"]
    assert foreign and foreign[0].event_loc is None
    bare = [e for e in run("Police arrested two men after a robbery on Monday.").events if e.event == "COERCE"]
    assert bare and bare[0].event_loc is None
    # a story filed from one country about others: its local events did not happen at the dateline
    abroad = run("ALMATY — Armenia and Azerbaijan signed a border protocol on Thursday. Armenia's prime "
                 "minister praised the deal, and Azerbaijan's president welcomed it. Police detained "
                 "several demonstrators on Friday.")
    detentions = [e for e in abroad.events if e.event == "COERCE"]
    assert detentions and detentions[0].event_loc is None


@pytest.mark.slow
def test_an_event_at_home_with_no_place_in_its_text_is_placed_in_the_article_country(run):
    doc = run("Kenyan police arrested two opposition organisers on Monday. The Kenyan government said "
              "they had planned an unlawful march. The United States criticised the arrests.")
    arrests = [e for e in doc.events if e.event == "COERCE"]
    assert arrests and (arrests[0].event_loc.country_code, arrests[0].event_loc.precision) == ("KEN", "country")
    assert any(f["kind"] == "article_location" and f["code"] == "KEN" for f in arrests[0].flags)
    # an event with a foreign party did not necessarily happen there
    criticism = [e for e in doc.events if e.event == "ACCUSE"]
    assert criticism and criticism[0].event_loc is None
    # a place in the text still wins
    doc = run("Kenyan police arrested two opposition organisers in Mombasa on Monday. The Kenyan "
              "government said they had planned an unlawful march.")
    arrests = [e for e in doc.events if e.event == "COERCE"]
    assert arrests and arrests[0].event_loc.text == "Mombasa"
    assert not any(f["kind"] == "article_location" for f in arrests[0].flags)


@pytest.mark.slow
def test_counted_people_are_a_party_and_a_protest_never_loses_its_protesters(run):
    """'hundreds of boda boda riders', 'dozens of tenants': the people after 'of' make the phrase
    a party; a protest whose named crowd is not one still has its (protesters)."""
    doc = run("Hundreds of boda boda riders protested in Nairobi on Friday.", date="2024-03-10")
    (protest,) = [e for e in doc.events if e.event == "PROTEST"]
    assert [(a.text, a.code) for a in protest.actor] == [("Hundreds of boda boda riders", "KEN")]
    doc = run("Hundreds of mannequins protested in Nairobi on Friday.", date="2024-03-10")
    assert [a.text for e in doc.events if e.event == "PROTEST" for a in e.actor] == ["(protesters)"]


@pytest.mark.slow
def test_an_international_organisation_is_not_the_articles_country(run):
    """'The IMF said ... police arrested': IMF is a code of three letters but no country, so the
    police take none from it (they took 'IMF' before)."""
    doc = run("The IMF said on Monday that police arrested two protesters outside its office.", date="2024-03-10")
    arrests = [e for e in doc.events if e.event == "COERCE"]
    assert arrests and all(a.code is None for a in arrests[0].actor)


@pytest.mark.slow
def test_a_conjoined_act_of_the_same_kind_with_no_recipient_shares_the_first_ones(full_pipeline):
    """'delivered trucks to Senegal's army ... and handed over two patrol boats': the boats go to
    Senegal too; 'arrested two protesters and detained three more' detains others. (A promised
    handover is AGREE by PLOVER's rule for promises, hence a past one here.)"""
    from dotterel import Document

    doc = full_pipeline(Document.from_text(
        "Canada delivered four armoured trucks to Senegal's army on Tuesday and handed over two "
        "patrol boats on Wednesday.", date="2024-03-10"))
    aid = [e for e in doc.events if e.event == "AID"]
    assert len(aid) == 2 and all([r.code for r in e.recipient] == ["SEN"] for e in aid), doc.events
    doc = full_pipeline(Document.from_text("Police arrested two protesters and detained three more on Monday.",
                                           date="2024-03-10"))
    detained = [e for e in doc.events if e.event == "COERCE" and "detained" in [t.text for t in e.trigger]]
    assert all("two protesters" not in [r.text for r in e.recipient] for e in detained), doc.events


@pytest.mark.slow
def test_a_visitor_takes_no_country_from_where_he_goes(run):
    """'X will visit Peru': the visitor comes from elsewhere, so the place of the visit gives
    him no country; a local party of the same place still takes it."""
    doc = run("Cardinal Tagliaferri will visit Peru in November.", date="2024-03-10")
    visits = [e for e in doc.events if "visit" in {t.text for t in e.trigger}]
    assert visits, doc.events
    assert [a.code for a in visits[0].actor] == [None], visits[0]
    assert [r.code for r in visits[0].recipient] == ["PER"], visits[0]
    local = run("Police detained two men in Lima on Monday.", date="2024-03-10").events
    assert [a.code for e in local if e.event == "COERCE" for a in e.actor] == ["PER"], local


@pytest.mark.slow
@pytest.mark.parametrize("text, country", [
    ("The man, who was charged with murder on Sunday, will appear at Parramatta Local Court on Monday.", "AUS"),
    ("A woman arrested over the fire was remanded in custody and will appear before Limerick District Court.", "IRL"),
])
def test_a_town_at_the_start_of_an_organisations_name_places_the_article(run, text, country):
    events = [e for e in run(text).events if e.event == "COERCE"]
    assert events and {r.code for e in events for r in e.recipient} == {country}


@pytest.mark.slow
@pytest.mark.parametrize("text, actor, code", [
    # the parser calls these towns organisations or people, so no place mention names them:
    # the town's own name, where it says whose the party is, still does
    ("Bulawayo's police chief apologised on Friday to the family of a teenager.", "Bulawayo's police chief", "ZWE"),
    ("The mayor of Maracaibo pleaded for federal troops on Tuesday.", "The mayor of Maracaibo", "VEN"),
    ("Sulu Governor Amina Dato criticised the army on Monday.", "Sulu Governor Amina Dato", "PHL"),
    # a hyphenated name is one name: not Natal, Brazil
    ("The premier of KwaZulu-Natal criticised the police on Monday.", "The premier of KwaZulu-Natal", "ZAF"),
])
def test_a_town_that_says_whose_a_party_is_gives_its_country(run, text, actor, code):
    events = run(text).events
    assert events and [(a.text, a.code) for a in events[0].actor] == [(actor, code)], events


@pytest.mark.slow
@pytest.mark.parametrize("text, actor", [
    # a person's name that starts with a town's, or a person after 'of', is no town
    ("Jackson Smith's lawyers criticised the ruling on Monday.", "Jackson Smith's lawyers"),
    ("Supporters of Jackson protested outside the court on Monday.", "Supporters of Jackson"),
])
def test_a_persons_name_is_no_town_a_party_belongs_to(run, text, actor):
    events = run(text).events
    assert events and [(a.text, a.code) for a in events[0].actor] == [(actor, None)], events


@pytest.mark.slow
@pytest.mark.parametrize("text, actor, sector", [
    # who chairs a body is a party, as a chairwoman is; a presidency and a city hall are governments
    ("The chairman of the Kestrel Foundation declined the invitation on Monday.",
     "The chairman of the Kestrel Foundation", None),
    ("The presidency rejected the report on Monday.", "The presidency", "GOV"),
    ("Lusaka city hall rejected the traders' demand on Monday.", "Lusaka city hall", "GOV"),
])
def test_a_chairman_or_a_presidency_acts(run, text, actor, sector):
    events = run(text).events
    assert events and [(a.text, a.sector) for a in events[0].actor] == [(actor, sector)], events


@pytest.mark.slow
def test_a_given_name_is_no_town(run):
    """'Kim' is a town in India and 'George' one in South Africa, but in a person's name they
    are the person's: the name says no country."""
    for text in ("Kim Yo Jong warned South Korea of strong retaliation on Sunday.",
                 "Police said George Ramsay was stabbed outside a bar on Friday."):
        parties = [p for e in run(text).events for p in (*e.actor, *e.recipient)
                   if p.text.startswith(("Kim", "George"))]
        assert parties and all(p.code not in ("IND", "ZAF") for p in parties), parties


@pytest.mark.slow
def test_a_passive_appeal_to_contact_the_police_is_the_polices(run):
    text = ("Police in Mzuzu are searching for a man who stole a motorcycle on Sunday. "
            "Anyone with information is asked to call police at Mzuzu station on 0999 000 111.")
    (appeal,) = [e for e in run(text, date="2024-03-04").events if e.event == "REQUEST"]
    assert [(a.text, a.sector, a.code) for a in appeal.actor] == [("(police)", "COP", "MWI")]
    # an appeal that names who makes it, or asks for nothing from the police, has no implied police
    named = [e for e in run("Voters in Mzuzu were urged by the electoral commission to call the helpline.",
                            date="2024-03-04").events if e.event == "REQUEST"]
    assert all(a.text != "(police)" for e in named for a in e.actor)
    other = [e for e in run("Voters in Mzuzu are asked to bring their identity cards on Tuesday.",
                            date="2024-03-04").events if e.event == "REQUEST"]
    assert all(a.text != "(police)" for e in other for a in e.actor)


@pytest.mark.slow
@pytest.mark.parametrize("text, police", [
    ("WINNIPEG — A man arrested at the scene has since been released without charge, police said.", True),
    ("WINNIPEG — Police said two students were detained for questioning and were released on Sunday.", True),
    ("WINNIPEG — A spokesman for the city police said the two men were freed later in the evening.", True),
    # no one reports it, the releaser is named, or a ministry reports it
    ("WINNIPEG — Two men arrested at a protest were released without charge on Sunday.", False),
    ("WINNIPEG — Police said the hostages were freed by their captors on Sunday.", False),
    ("WINNIPEG — The ministry said the hostages were released on Friday.", False),
])
def test_a_release_the_police_report_with_no_one_releasing_is_the_polices(run, text, police):
    releases = [e for e in run(text, date="2024-03-04").events if e.event == "RETREAT"]
    assert releases
    actors = [(a.text, a.sector, a.code) for e in releases for a in e.actor]
    assert (actors == [("(police)", "COP", "CAN")]) if police else ("(police)", "COP", "CAN") not in actors


@pytest.mark.slow
@pytest.mark.parametrize("text, actor, code", [
    # a side taken is not a nationality: the protesters are where they march
    ("Anti-Japanese protesters marched through Manila on Saturday.", "Anti-Japanese protesters", "PHL"),
    ("Pro-Russian separatists shelled Donetsk on Monday.", "Pro-Russian separatists", "UKR"),
    # a sentence's first word, capitalised, is no known person's name ("Gang" of Qin Gang)
    ("Gang members fired at a police station in Port-au-Prince on Monday.", "Gang members", "HTI"),
])
def test_a_side_taken_or_a_capitalised_common_noun_gives_no_country(run, text, actor, code):
    events = run(text, date="2024-03-04").events
    assert events and [(a.text, a.code) for a in events[0].actor] == [(actor, code)]


@pytest.mark.slow
def test_a_protest_against_a_country_named_by_anti_is_received_by_it(run):
    (protest,) = [e for e in run("Anti-Japanese protesters marched through Manila on Saturday.",
                                 date="2024-03-04").events if e.event == "PROTEST"]
    assert [r.code for r in protest.recipient] == ["JPN"]
    (rally,) = [e for e in run("Pro-Russian activists held a rally in Donetsk on Monday.",
                               date="2024-03-04").events if e.event == "PROTEST"]
    assert not rally.recipient  # a side supported receives nothing



@pytest.mark.slow
def test_aid_approved_for_a_country_is_received_by_it(run):
    (aid,) = [e for e in run("The World Bank approved a $500 million loan for Zambia on Tuesday.",
                             date="2024-03-04").events if e.event == "AID"]
    assert [r.code for r in aid.recipient] == ["ZMB"]


@pytest.mark.slow
def test_support_pledged_for_a_party_is_received_by_it(run):
    """'pledged support for X': the object is part of the trigger (pledge + support), and what
    it is for receives it, as for aid."""
    (support,) = [e for e in run("The Danish foreign minister pledged support for Moldova's government on Monday.",
                                 date="2024-03-04").events if e.event == "SUPPORT"]
    assert [r.code for r in support.recipient] == ["MDA"]


@pytest.mark.slow
def test_the_one_spoken_with_is_the_him_a_participle_clause_urges(run):
    text = "Zambia's president spoke by phone with Malawi's president on Monday, urging him to reopen the border."
    (request,) = [e for e in run(text, date="2024-03-04").events if e.event == "REQUEST"]
    assert [r.code for r in request.recipient] == ["MWI"]
    # a head the sector table does not know alone ("chief") in a phrase that has a sector
    text = "Zambia's president spoke by phone with Malawi's army chief on Monday and urged him to withdraw."
    (request,) = [e for e in run(text, date="2024-03-04").events if e.event == "REQUEST"]
    assert [(r.code, r.sector) for r in request.recipient] == [("MWI", "MIL")]


@pytest.mark.parametrize(("text", "event", "role", "phrase", "sector"), [
    ("Gunmen killed 19 people in Benue State on Sunday.", "ASSAULT", "recipient", "19 people", "CVL"),
    ("A woman was stabbed in Toronto on Friday night.", "ASSAULT", "recipient", "A woman", "CVL"),
    ("Thousands of people marched in Bogota on Saturday.", "PROTEST", "actor", "Thousands of people", "CVL"),
    ("Soldiers killed five militants on Monday.", "ASSAULT", "recipient", "five militants", "REB"),
    # those arrested, charged or sentenced are held as criminals; a deportation holds no suspect
    ("Police in Mombasa arrested two men on Monday.", "COERCE", "recipient", "two men", "CRM"),
    ("A court in Lahore sentenced a 19-year-old man to five years.", "COERCE", "recipient", "a 19-year-old man", "CRM"),
    ("Police in Nairobi arrested three journalists on Monday.", "COERCE", "recipient", "three journalists", "MED"),
    ("Immigration officers in Texas deported 40 people on Monday.", "COERCE", "recipient", "40 people", None),
    # those released are civilians, those accused suspects
    ("The authorities in Lagos released 40 people held since the elections.", "RETREAT", "recipient",
     "40 people", "CVL"),
    ("Police in Leeds accused two men of stealing cars.", "ACCUSE", "recipient", "two men", "CRM"),
    # people arrested where a protest is named are protesters
    ("Riot police in Minsk detained more than 300 people at an opposition rally.", "COERCE", "recipient",
     "more than 300 people", "CVL"),
    # a person unknown to the knowledge base, arrested, is a suspect; a titled one keeps the title's sector
    ("Police in Leeds arrested Darren Stobbs at his home.", "COERCE", "recipient", "Darren Stobbs", "CRM"),
    ("Police in Kampala arrested opposition leader Kato Mubiru.", "COERCE", "recipient",
     "opposition leader Kato Mubiru", "OPP"),
    # those who attack or threaten are criminals, those who ask civilians
    ("Two men robbed a shop in Leeds on Monday.", "ASSAULT", "actor", "Two men", "CRM"),
    ("A man threatened staff with a knife in Leeds on Monday.", "THREATEN", "actor", "A man", "CRM"),
    # also where no country is named
    ("Hundreds of people demanded clean water in Kibera on Monday.", "REQUEST", "actor", "Hundreds of people", "CVL"),
    ("Four people were charged with fraud on Tuesday.", "COERCE", "recipient", "Four people", "CRM"),
    ("A woman was stabbed on Friday night.", "ASSAULT", "recipient", "A woman", "CVL"),
])
def test_people_named_only_as_people_take_their_roles_sector(run, text, event, role, phrase, sector):
    """A word for people with no sector of its own, attacked or protesting, is a civilian (the
    corpus guide's CVL), and arrested, charged or jailed a criminal (CRM); a word with a sector
    ("militants", "journalists") keeps it."""
    doc = run(text, date="2024-03-10")
    (ev,) = [e for e in doc.events if e.event == event]
    assert [(p.text, p.sector) for p in getattr(ev, role) if p.text == phrase] == [(phrase, sector)]


@pytest.mark.parametrize(("text", "event", "phrase", "sector"), [
    ("Nurses in Kisumu went on strike on Monday over unpaid allowances.", "PROTEST", "Nurses in Kisumu", "LAB"),
    ("Teachers in Kano began a strike on Monday to demand higher pay.", "PROTEST", "Teachers in Kano", "LAB"),
    # their other acts in the strike's sentence are labour's too
    ("Teachers in Kano began a strike on Monday to demand higher pay.", "REQUEST", "Teachers in Kano", "LAB"),
    # students who strike work for no one; people who march are civilians still
    ("Students in Kano went on strike on Friday.", "PROTEST", "Students in Kano", "EDU"),
    ("Thousands of people marched in Kano on Friday.", "PROTEST", "Thousands of people", "CVL"),
])
def test_people_who_strike_are_labour(run, text, event, phrase, sector):
    """Nurses or teachers who strike are labour (LAB), as the corpus codes strikers: they had
    been civilians or a school's (CVL, EDU)."""
    doc = run(text, date="2024-03-10")
    (ev,) = [e for e in doc.events if e.event == event]
    assert [(p.text, p.sector) for p in ev.actor if p.text == phrase] == [(phrase, sector)]


def test_a_force_sent_to_another_country_does_not_take_that_country(run):
    """'the National Guard would be sent to the Mexico border': a mobilisation towards a
    country; the force comes from elsewhere, so it is not coded with where it goes."""
    doc = run("The governor of Texas said on Monday that the National Guard would be sent to the Mexico border. "
              "Officials in Washington said the United States would pay for the operation.")
    sent = [e for e in doc.events if e.event == "MOBILIZE"]
    assert sent, "a National Guard sent to a border is a mobilisation"
    assert [a.text for a in sent[0].actor] == ["the National Guard"]
    assert all(a.code != "MEX" for a in sent[0].actor)
    assert {r.code for r in sent[0].recipient} == {"MEX"}


def test_a_force_sent_to_a_town_keeps_the_country_of_the_town(run):
    """'deployed soldiers to Maiduguri': a town, as likely at home; the army is Nigeria's."""
    doc = run("The army deployed soldiers to Maiduguri after the attack.")
    sent = [e for e in doc.events if e.event == "MOBILIZE"]
    assert sent and {a.code for a in sent[0].actor} == {"NGA"}
