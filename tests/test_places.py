"""Places: the offline gazetteer, place mentions and event location (issue 5)."""

from __future__ import annotations

import json

import pytest

from dotterel.document import Document, Entity, Event, Location, Trigger
from dotterel.places import AttachPlaces, Gazetteer, PlaceMentions, resolve_place

@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer().load()


CASES = [
    # (text, context, name, country_code, precision)
    ("Tokyo", (), "Tokyo", "JPN", "city"),
    ("Japan", (), "Japan", "JPN", "country"),
    ("the United States", (), "United States", "USA", "country"),
    ("U.S.", (), "United States", "USA", "country"),
    ("Britain", (), "United Kingdom", "GBR", "country"),
    ("Russia", (), "Russia", "RUS", "country"),
    ("South Korea", (), "South Korea", "KOR", "country"),
    ("Czech Republic", (), "Czechia", "CZE", "country"),
    ("Kiev", (), "Kyiv", "UKR", "city"),
    ("Bombay", (), "Mumbai", "IND", "city"),
    ("New Delhi", (), "New Delhi", "IND", "city"),
    ("Sao Paulo", (), "São Paulo", "BRA", "city"),
    ("Texas", (), "Texas", "USA", "admin1"),
    ("Ga.", (), "Georgia", "USA", "admin1"),  # the news agencies' abbreviation: never the country
    ("N.M.", (), "New Mexico", "USA", "admin1"),
    # Georgia: the country unless the document is about places in the US
    ("Georgia", (), "Georgia", "GEO", "country"),
    ("Georgia", ("USA",), "Georgia", "GEO", "country"),
    ("Georgia", ("USA", "US-AL"), "Georgia", "USA", "admin1"),
    # Paris: France unless Texas
    ("Paris", (), "Paris", "FRA", "city"),
    ("Paris", ("USA", "US-TX"), "Paris", "USA", "city"),
    # the US named in an international story does not move world cities to their US namesakes
    ("Paris", ("USA",), "Paris", "FRA", "city"),
    ("Geneva", ("USA", "RUS"), "Geneva", "CHE", "city"),
    ("Geneva", ("USA", "US-NY"), "Geneva", "USA", "city"),
    # Washington: the capital unless "Washington state"
    ("Washington", (), "Washington", "USA", "city"),
    ("Washington state", (), "Washington", "USA", "admin1"),
    ("Birmingham", (), "Birmingham", "GBR", "city"),
    ("Birmingham", ("US-AL",), "Birmingham", "USA", "city"),
    ("Cambridge", (), "Cambridge", "GBR", "city"),
    ("Cambridge", ("USA", "US-MA"), "Cambridge", "USA", "city"),
    # a capital is the likelier reading by as much as its size: not Hamilton, Bermuda (1,000 people)
    # over Hamilton, Ontario, unless the story is about Bermuda; Kingston is still Jamaica's
    ("Hamilton", (), "Hamilton", "CAN", "city"),
    ("Hamilton", ("BMU",), "Hamilton", "BMU", "city"),
    ("Kingston", (), "Kingston", "JAM", "city"),
    ("Valencia", (), "Valencia", "ESP", "city"),
    ("Valencia", ("VEN",), "Valencia", "VEN", "city"),
    ("Santiago", (), "Santiago", "CHL", "city"),
    ("Hyderabad", (), "Hyderabad", "IND", "city"),
    ("Hyderabad", ("PAK",), "Hyderabad", "PAK", "city"),
    ("Hyderabad", ("PK",), "Hyderabad", "PAK", "city"),  # alpha-2 context works too
    # the US capital is no namesake: a story naming the United States lifts it over the English town
    ("Washington", ("GBR", "RUS", "USA"), "Washington", "USA", "city"),
    # first-level subdivisions of other countries (ISO 3166-2), folded for diacritics
    ("Tamil Nadu", (), "Tamil Nādu", "IND", "admin1"),
    ("Borno", (), "Borno", "NGA", "admin1"),
    ("Sindh", (), "Sindh", "PAK", "admin1"),
    ("Punjab", ("PAK",), "Punjab", "PAK", "admin1"),
    ("Punjab", ("IND",), "Punjab", "IND", "admin1"),
    ("Ontario", (), "Ontario", "CAN", "admin1"),
    # ... also where a town of that country is called by the subdivision's name too (Johor
    # Bahru "Johor", Bihar Sharif "Bihar", Panaji's state "Goa" before a Philippine town)
    ("Johor", (), "Johor", "MYS", "admin1"),
    ("Bihar", (), "Bihār", "IND", "admin1"),
    ("Jalisco", (), "Jalisco", "MEX", "admin1"),
    ("Goa", (), "Goa", "IND", "admin1"),
    # the second level under a first level of regions or nations: the provinces of the
    # Philippines and Indonesia, Ireland's and England's counties; a better-known town
    # elsewhere (Norfolk, Virginia) wins unless the story names the subdivision's country
    ("Negros Oriental", (), "Negros Oriental", "PHL", "admin1"),
    ("Papua", (), "Papua", "IDN", "admin1"),
    ("Clare", (), "Clare", "IRL", "admin1"),
    ("Norfolk", (), "Norfolk", "USA", "city"),
    ("Norfolk", ("GBR",), "Norfolk", "GBR", "admin1"),
    # English names of subdivisions ISO 3166-2 writes in their own languages (Tigrai, Bayern),
    # and a region that is no subdivision
    ("Tigray", (), "Tigray", "ETH", "admin1"),
    ("Bavaria", (), "Bavaria", "DEU", "admin1"),
    ("Oromia", (), "Oromia", "ETH", "admin1"),
    ("Darfur", (), "Darfur", "SDN", "region"),
    # a subdivision with its kind word: the name without it ("Kisumu County", "Rakhine State")
    ("Kisumu County", (), "Kisumu", "KEN", "city"),
    ("Rakhine State", (), "Rakhine", "MMR", "admin1"),
    ("Lagos State", (), "Lagos", "NGA", "city"),
    # ... and a well-known town with its kind word ("Kaduna city")
    ("Kaduna city", (), "Kaduna", "NGA", "city"),
    # an Arab town GeoNames writes with the article, named without it
    ("Qamishli", (), "Al Qāmishlī", "SYR", "city"),
    # regions and seas are not countries
    ("the South China Sea", (), "South China Sea", None, "region"),
    ("Indo-Pacific region", (), "Indo-Pacific", None, "region"),
    ("the Korean Peninsula", (), "Korean Peninsula", None, "region"),
    ("Middle East", (), "Middle East", None, "region"),
]


@pytest.mark.parametrize(
    "text,context,name,code,precision", CASES, ids=[f"{c[0]}|{','.join(c[1])}" for c in CASES]
)
def test_resolve_place(text, context, name, code, precision, gaz):
    loc = resolve_place(text, countries_in_doc=context, gazetteer=gaz)
    assert isinstance(loc, Location)
    assert (loc.name, loc.country_code, loc.precision) == (name, code, precision)
    assert loc.text == text


def test_city_carries_geonames_fields(gaz):
    loc = resolve_place("Tokyo", gazetteer=gaz)
    assert loc.geonameid == 1850147 and loc.feature_code == "PPLC"
    assert loc.lat == pytest.approx(35.69, abs=0.1) and loc.lon == pytest.approx(139.69, abs=0.1)
    assert resolve_place("Japan", gazetteer=gaz).feature_code == "PCLI"


@pytest.mark.parametrize("text", ["Northeast", "Gondor", "Quad Leaders Summit", "", "Centre", "Capital",
                                  # a kind word after a name: never a country, never a namesake
                                  # that other countries rival ("Orange": AUS, FRA, USA)
                                  "Islamic State", "Orange County", "Plateau State",
                                  # only Arab towns lose their article: "El Paso" is no "Paso"
                                  "Paso",
                                  # a province's name that is an ordinary word: "Gulf states" are not
                                  # Papua New Guinea's Gulf province
                                  "Gulf"])
def test_unknown_places(text, gaz):
    assert resolve_place(text, gazetteer=gaz) is None


def test_resolve_place_without_a_gazetteer_loads_one():
    assert resolve_place("Tokyo").country_code == "JPN"


def test_places_stage_uses_the_gazetteer_it_is_given(parse):
    class OneCity(Gazetteer):
        """A fictional gazetteer: every name is the city of Ruritania."""

        def resolve(self, text, *, countries_in_doc=()):
            return Location(text=text, name="Strelsau", country_code="RUT", precision="city")

    fake = OneCity().load()
    stage = PlaceMentions(fake)
    assert stage.gazetteer is fake
    doc = stage(parse("The ministers met in Tokyo on Monday."))
    (m,) = [m for m in doc.mentions if m.kind == "place"]
    assert m.data["location"].country_code == "RUT"


# --------------------------------------------------------------------------- stages


@pytest.fixture(scope="module")
def parse():
    from dotterel.segment import Parse

    p = Parse()

    def _parse(text: str) -> Document:
        return p(Document.from_text(text, date="2022-05-23"))

    return _parse


def _event(doc: Document, word: str, status: str = "occurred", actors=("IND",), nth: int = 0) -> Event:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    ev = Event(
        "CONSULT",
        doc.sentence_at(start).index,
        [Trigger(word, start, start + len(word))],
        status=status,
        actor=[Entity(text=a, code=a) for a in actors],
    )
    doc.events.append(ev)
    return ev


_GAZ: list[Gazetteer] = []


def GAZ() -> Gazetteer:  # noqa: N802 - one gazetteer for the stage tests of this module
    if not _GAZ:
        _GAZ.append(Gazetteer().load())
    return _GAZ[0]


def _places(doc: Document) -> Document:
    return AttachPlaces()(PlaceMentions(GAZ())(doc))


def test_on_his_way_to_tokyo(parse):
    doc = parse(
        "Prime Minister Modi is on his way to Tokyo to attend the Quad Leaders Summit and will "
        "later hold bilateral meetings with leaders of other member countries."
    )
    attend = _event(doc, "attend", "future")
    meetings = _event(doc, "meetings", "future")
    _places(doc)
    assert attend.event_loc.name == "Tokyo" and attend.event_loc.country_code == "JPN"
    assert meetings.event_loc.name == "Tokyo"


def test_the_destination_of_another_journey_does_not_place_an_act(parse):
    """'freed prisoners on the eve of a visit to France': the visit goes to France, the
    release happened elsewhere; 'during a visit to Kabul, X met Y': the meeting is there."""
    doc = parse("The Iranian authorities freed 11 prisoners on the eve of a visit by the president to France.")
    freed = _event(doc, "freed", actors=("IRN",))
    visit = _event(doc, "visit", actors=("IRN",))
    _places(doc)
    assert freed.event_loc is None or freed.event_loc.country_code != "FRA"
    assert visit.event_loc.country_code == "FRA"
    doc = parse("During a visit to Kabul, the envoy met the Afghan president.")
    met = _event(doc, "met", actors=("USA",))
    _places(doc)
    assert met.event_loc.country_code == "AFG"


def test_held_in_and_visit_the_country(parse):
    doc = parse(
        "This time the dialogue will be held in Japan and the defence minister will visit "
        "the country and meet his counterpart."
    )
    held = _event(doc, "held", "future")
    visit = _event(doc, "visit", "future")
    _places(doc)
    assert held.event_loc.country_code == "JPN"
    assert visit.event_loc.country_code == "JPN"
    anaphor = [m for m in doc.mentions_of("place") if m.text == "the country"]
    assert anaphor and anaphor[0].data["location"].name == "Japan"


def test_that_country_refers_to_the_last_country(parse):
    doc = parse("Japan and Australia took a stand against Russia and imposed sanctions on that country.")
    PlaceMentions(GAZ())(doc)
    that = [m for m in doc.mentions_of("place") if m.text == "that country"]
    assert that[0].data["location"].country_code == "RUS"


@pytest.mark.parametrize(
    "text,word",
    [
        ("The United States imposed strict sanctions on Russia.", "imposed"),
        ("Both countries discussed the interests of the South China Sea.", "discussed"),
        ("India has urged the leaders of Russia and Ukraine to negotiate.", "urged"),
        ("Japan was invited to invest in infrastructure projects.", "invited"),
    ],
)
def test_mentioned_places_do_not_locate(parse, text, word):
    doc = parse(text)
    ev = _event(doc, word)
    _places(doc)
    assert ev.event_loc is None


def test_locative_in_city_with_country_context(parse):
    doc = parse("French and German ministers met in Paris on Monday.")
    ev = _event(doc, "met")
    _places(doc)
    assert (ev.event_loc.name, ev.event_loc.country_code) == ("Paris", "FRA")


def test_us_city_in_document_makes_georgia_the_state(parse):
    doc = PlaceMentions(GAZ())(parse("Officials in Atlanta said turnout in Georgia was high."))
    loc = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert (loc["Georgia"].country_code, loc["Georgia"].precision) == ("USA", "admin1")
    doc = PlaceMentions(GAZ())(parse("Officials in Tbilisi said turnout in Georgia was high."))
    loc = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert loc["Georgia"].country_code == "GEO"


def test_the_country_skips_persons_from_actor_mentions(parse):
    from dotterel.document import Mention

    doc = parse("The talks will be held in Japan, and Modi will visit the country next week.")
    k = doc.text.index("Modi")
    doc.mentions.append(Mention(k, k + 4, "Modi", "actor", 0, entity=Entity("Modi", code="IND", sector="GOV")))
    PlaceMentions(GAZ())(doc)
    the_country = [m for m in doc.mentions_of("place") if m.text == "the country"]
    assert the_country[0].data["location"].country_code == "JPN"


def test_texas_context_moves_paris(parse):
    doc = parse("The governor of Texas spoke in Paris at a rally of ranchers.")
    ev = _event(doc, "spoke")
    _places(doc)
    assert (ev.event_loc.name, ev.event_loc.country_code) == ("Paris", "USA")


def test_previous_sentence_same_actors(parse):
    doc = parse(
        "Modi arrived in Tokyo on Monday. He will hold talks with Kishida on trade.\n\n"
        "Biden met Albanese."
    )
    arrived = _event(doc, "arrived", actors=("IND",))
    talks = _event(doc, "talks", "future", actors=("IND", "JPN"))
    other = _event(doc, "met", actors=("USA", "AUS"))
    _places(doc)
    assert arrived.event_loc.name == "Tokyo"
    assert talks.event_loc.name == "Tokyo"  # same paragraph, shared actor IND
    assert other.event_loc is None  # other paragraph, other actors


def test_same_event_noun_in_next_sentence(parse):
    doc = parse(
        "The two countries are finalizing the date for the second ministerial dialogue, which is "
        "expected to take place in April. This time the dialogue will be held in Japan."
    )
    ev = _event(doc, "take place", "future")
    _places(doc)
    assert ev.event_loc is not None and ev.event_loc.country_code == "JPN"


def test_no_shared_actor_no_location(parse):
    doc = parse("Modi arrived in Tokyo on Monday. Biden spoke to reporters.")
    _event(doc, "arrived", actors=("IND",))
    spoke = _event(doc, "spoke", actors=("USA",))
    _places(doc)
    assert spoke.event_loc is None


def test_one_failing_place_leaves_the_rest(parse, monkeypatch):
    doc = parse("Ministers met in Tokyo, Paris and Berlin.")
    original = Gazetteer.resolve

    def flaky(self, text, *, countries_in_doc=()):
        if text == "Paris":
            raise KeyError("broken entry")
        return original(self, text, countries_in_doc=countries_in_doc)

    monkeypatch.setattr(Gazetteer, "resolve", flaky)
    ev = _event(doc, "met")
    _places(doc)
    places = {m.text: m.data for m in doc.mentions_of("place")}
    assert places["Paris"]["location"] is None and "KeyError" in places["Paris"]["error"]
    assert places["Tokyo"]["location"].country_code == "JPN"
    assert places["Berlin"]["location"].country_code == "DEU"
    assert ev.event_loc is not None and ev.event_loc.name in ("Tokyo", "Berlin")


def test_exercise_name_is_not_a_place(parse):
    doc = PlaceMentions(GAZ())(parse("Both navies took part in the recently concluded Milan 22 exercise."))
    assert all(m.text != "Milan" for m in doc.mentions_of("place"))


def test_a_town_taken_for_a_person_after_a_locative_is_a_place(parse):
    """The small model tags less-known towns PERSON; after 'in' the gazetteer decides."""
    doc = PlaceMentions(GAZ())(parse("Protesters in Kitengela blocked the highway on Monday."))
    places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert places["Kitengela"].country_code == "KEN"
    doc = PlaceMentions(GAZ())(parse("The meeting was chaired by Jackson on Friday."))
    assert all(m.text != "Jackson" for m in doc.mentions_of("place"))
    # ... and some PRODUCT
    doc = PlaceMentions(GAZ())(parse("Two escaped inmates were captured in Chattanooga on Friday."))
    places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert places["Chattanooga"].country_code == "USA"


def test_a_well_known_town_taken_for_a_date_or_a_building_is_a_place(parse):
    """The small parser calls some towns a date ("Police in Winnipeg say") or a building; after
    a locative preposition, or after "of" on a word for a town's parts ("the streets of
    Harare"), a well-known town with no rival namesake is a place. A month is not ("in
    March": March is also a small English town), nor is "of" on other words."""
    for text, town, code in (
        ("Police in Winnipeg say a man threatened a bus driver with a knife.", "Winnipeg", "CAN"),
        ("Police in Mbarara detained nine traders on Tuesday.", "Mbarara", "UGA"),
        ("Soldiers patrolled the streets of Harare on Wednesday.", "Harare", "ZWE"),
    ):
        doc = PlaceMentions(GAZ())(parse(text))
        assert {m.text: m.data["location"].country_code for m in doc.mentions_of("place")}.get(town) == code, text
    for text in ("Activists marched in March to demand reforms.", "The plan of Harare was rejected."):
        assert PlaceMentions(GAZ())(parse(text)).mentions_of("place") == [], text


def test_a_dative_to_after_a_movement_locates(parse):
    """'sent troops to Nepal': the parser calls this "to" a dative, not a preposition; it still
    says where the troops went."""
    doc = parse("Japan sent troops to Nepal on Sunday.")
    k = doc.text.index("sent")
    event = Event("MOBILIZE", 0, [Trigger("sent", k, k + 4)])
    doc.events.append(event)
    _places(doc)
    assert event.event_loc is not None and event.event_loc.country_code == "NPL"


def test_a_well_known_town_taken_for_an_organisation_is_a_place(run):
    """'a magistrate in Durban': the small parser calls Durban an ORG; a well-known town with no
    rival namesake is still a place, and gives the magistrate its country. An organisation the
    actor stage knows ('in Hamas') or a word that is not a known town ('in Congress') is not."""
    doc = run("A magistrate in Durban on Thursday refused bail to four men charged with robbery.", date="2024-03-10")
    places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert places["Durban"].country_code == "ZAF"
    refusal = [e for e in doc.events if e.trigger[0].text == "refused"]
    assert [a.code for e in refusal for a in e.actor] == ["ZAF"]
    for text in ("Rebels in Hamas said they would fight on.", "Senators in Congress criticised the plan."):
        assert run(text, date="2024-03-10").mentions_of("place") == []


def test_a_place_given_with_its_city_is_not_a_namesake_abroad(parse):
    """'Nyanga, Cape Town' is not Gabon's Nyanga province; 'Springfield, Illinois' stays."""
    doc = PlaceMentions(GAZ())(parse("Gunmen opened fire on a patrol vehicle in Nyanga, Cape Town, on Saturday."))
    places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert places["Nyanga"] is None and places["Cape Town"].country_code == "ZAF"
    doc = PlaceMentions(GAZ())(parse("Police arrested two men in Springfield, Illinois, on Friday."))
    places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert places["Springfield"].country_code == "USA"


def test_seed_article_places(shared, parse):
    ref = shared / "reference"
    text = (ref / "seed-article.txt").read_text(encoding="utf-8")
    gold = {g["id"]: g for g in map(json.loads, (ref / "seed-article.gold.jsonl").read_text().splitlines())}
    doc = parse(text)
    triggers = {"S02": "attend", "S03": "meetings", "S07": "visit", "S18": "imposed"}
    events = {}
    for gid, word in triggers.items():
        q = text.index(gold[gid]["quote"][:40])
        k = text.index(word, q)
        events[gid] = Event("CONSULT", doc.sentence_at(k).index, [Trigger(word, k, k + len(word))], status="future")
    doc.events.extend(events.values())
    _places(doc)
    assert (events["S02"].event_loc.name, events["S02"].event_loc.country_code) == ("Tokyo", "JPN")
    assert events["S03"].event_loc.name == "Tokyo"
    assert events["S07"].event_loc.country_code == "JPN"
    assert events["S18"].event_loc is None  # sanctions on Russia do not place the event there


def test_an_unlabelled_or_nationality_town_after_a_preposition_is_a_place(parse):
    """The small model leaves some towns unlabelled ("to Jos") or calls them a nationality
    ("in Surat"); after a locative or motion preposition the gazetteer decides."""
    doc = PlaceMentions(GAZ())(parse("The army sent troops to Jos after clashes between herders and farmers."))
    assert {m.text: m.data["location"].country_code for m in doc.mentions_of("place")}.get("Jos") == "NGA"
    doc = PlaceMentions(GAZ())(parse("Hundreds of workers stranded in Surat clashed with police on Saturday."))
    assert {m.text: m.data["location"].country_code for m in doc.mentions_of("place")}.get("Surat") == "IND"
    # an Arab town named without its article or its quote marks ("Qaim" for Al Qā’im)
    doc = PlaceMentions(GAZ())(parse("Clashes broke out in Qaim on Monday, residents said."))
    assert {m.text: m.data["location"].country_code for m in doc.mentions_of("place")}.get("Qaim") == "IRQ"
    # a town the tagger took for an adverb ("across Anantnag") is still a capitalised name
    doc = PlaceMentions(GAZ())(parse("Security forces were deployed across Anantnag after protesters attacked a police station."))
    assert {m.text: m.data["location"].country_code for m in doc.mentions_of("place")}.get("Anantnag") == "IND"
    # a name no town has, or one that well-known towns in several countries share, is no place
    doc = PlaceMentions(GAZ())(parse("The minister wrote to Okonkwo-Bassey on Friday."))
    assert not doc.mentions_of("place")


def test_a_well_known_town_modifying_local_people_is_a_place(run):
    """'Winnipeg police say', 'New York City police', 'a Jackson man': the town, whatever label
    the parser gave it, is a place, and the local people take its country."""
    doc = run("Winnipeg police say a man was shot in the leg early Monday.", date="2024-03-10")
    places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert places["Winnipeg"].country_code == "CAN"
    assert {r.code for e in doc.events for r in e.recipient} == {"CAN"}
    doc = run("New York City police arrested two men on Friday.", date="2024-03-10")
    assert [m.text for m in doc.mentions_of("place")] == ["New York City"]
    # the parser may hang the town on the noun as a noun modifier ("a Leicester secondary school")
    doc = run("Pupils at a Leicester secondary school staged a sit-in on Monday.", date="2024-03-10")
    assert [(m.text, m.data["location"].country_code) for m in doc.mentions_of("place")] == [("Leicester", "GBR")]
    # ... or as its owner, which the small parser may take for an organisation ("Karachi's police")
    doc = run("Karachi's police arrested two men on Saturday.", date="2024-03-10")
    assert [(m.text, m.data["location"].country_code) for m in doc.mentions_of("place")] == [("Karachi", "PAK")]
    assert [a.code for e in doc.events for a in e.actor] == ["PAK"]
    # a name that modifies something else, or no well-known town, is not a place
    assert run("Trump administration officials met Chinese officials.", date="2024-03-10").mentions_of("place") == []
    assert run("Arsenal's manager criticised the referee.", date="2024-03-10").mentions_of("place") == []


def test_a_town_an_attack_acts_on_is_a_place_and_the_target(run):
    """'shelled Kharkiv' (the small parser calls it a building), 'besieged Goma' (a person): a
    well-known town that an attack acts on is a place, where the attack happened, and its
    country is the target. A name the parser took for a person after a verb that also takes
    people ('attacked Jackson') is not."""
    for text, town, code in (
        ("Russian forces shelled Kharkiv on Sunday.", "Kharkiv", "UKR"),
        ("Rebels besieged Goma for a week.", "Goma", "COD"),
        # one word read as a person after "attacked": a major town
        ("Russia attacked Kharkiv on Monday.", "Kharkiv", "UKR"),
    ):
        doc = run(text, date="2024-03-10")
        places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
        assert places[town].country_code == code, text
        (attack,) = [e for e in doc.events if e.event == "ASSAULT"]
        assert attack.event_loc is not None and attack.event_loc.text == town, text
        assert code in {r.code for r in attack.recipient}, text
    doc = run("Gunmen attacked Jackson on Sunday.", date="2024-03-10")
    assert "Jackson" not in {m.text for m in doc.mentions_of("place")}


@pytest.mark.parametrize("text, town, code", [
    ("Russian troops withdrew from Kherson on Friday.", "Kherson", "UKR"),
    ("Russian troops pulled out of Kherson on Friday.", "Kherson", "UKR"),
    ("Russian troops retreated from Bakhmut.", "Bakhmut", "UKR"),
])
def test_a_town_a_force_withdraws_from_is_a_place_and_the_recipient(run, text, town, code):
    """'withdrew from Kherson' (a person to the small parser; Bakhmut an organisation): the
    town left is a place, where the withdrawal happened, and its country receives it -- not
    the country of the article, which made it Russia's."""
    doc = run(text, date="2024-03-10")
    places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert places[town].country_code == code
    (retreat,) = [e for e in doc.events if e.event == "RETREAT"]
    assert [r.code for r in retreat.recipient] == [code]


@pytest.mark.parametrize("text, event, where", [
    # the place that holds what an attack acts on, or where an act happened, is where it happened
    ("Turkish forces shelled a town in northern Syria on Tuesday.", "ASSAULT", "SYR"),
    ("Nigerian bandits raided a village in northern Cameroon on Sunday.", "ASSAULT", "CMR"),
    ("Two French soldiers were killed at a camp in Mali on Sunday.", "ASSAULT", "MLI"),
    # a building acted on is a container like a town: the act is where the building is
    ("Protesters stormed the French embassy in Niamey on Sunday.", "PROTEST", "NER"),
    ("Militants attacked a police station in Peshawar on Monday.", "ASSAULT", "PAK"),
])
def test_a_place_that_holds_the_town_acted_on_locates_the_act(run, text, event, where):
    doc = run(text, date="2024-03-10")
    (ev,) = [e for e in doc.events if e.event == event]
    assert ev.event_loc is not None and ev.event_loc.country_code == where, text


@pytest.mark.parametrize("text, name, code", [
    # a village the gazetteer lacks, and ones the parser does not label as places
    ("Gunmen attacked the Malian village of Tessogou on Sunday.", "Tessogou", "MLI"),
    ("Soldiers shelled the northern Syrian town of Kafr Dalna on Tuesday.", "Kafr Dalna", "SYR"),
    ("Police raided a house in the Kenyan town of Wamunyu on Friday.", "Wamunyu", "KEN"),
])
def test_a_place_named_after_a_nationality_and_a_container_lies_in_that_country(run, text, name, code):
    """'the Malian village of Tessogou': the nationality says the country, where the gazetteer
    has no such town or the parser reads the name as no place; the act is placed there."""
    doc = run(text, date="2024-03-10")
    places = {m.text: m.data["location"] for m in doc.mentions_of("place")}
    assert places[name] is not None and places[name].country_code == code
    (ev,) = doc.events
    assert ev.event_loc is not None and ev.event_loc.country_code == code


def test_a_town_that_owns_a_part_named_after_a_locative_is_a_place(parse):
    """'in Kano's Kantin Kwari market': the town owns the market, whatever label the parser
    gave it; a person who owns a home is no town ('at Jackson's home')."""
    doc = PlaceMentions(GAZ())(parse("Traders in Kano's Kantin Kwari market closed their shops on Monday."))
    assert {m.text: m.data["location"].country_code for m in doc.mentions_of("place")}.get("Kano") == "NGA"
    doc = PlaceMentions(GAZ())(parse("Police searched a car at Jackson's home on Friday."))
    assert all(m.text != "Jackson" for m in doc.mentions_of("place"))


def test_a_state_named_with_its_kind_word_and_a_town_on_whose_outskirts_are_places(parse):
    """'in Ogun state' (the parser labels neither word) and 'on the outskirts of El Fasher'
    (whose lemma the parser gives as 'outskirt', the town read as an organisation)."""
    doc = PlaceMentions(GAZ())(parse("A 15-year-old girl was abducted on her way to school in Ogun state on Monday."))
    assert {m.text: m.data["location"].country_code for m in doc.mentions_of("place")}.get("Ogun") == "NGA"
    doc = PlaceMentions(GAZ())(parse("Three nurses were hurt when their ambulance was shelled on the outskirts of El Fasher."))
    assert {m.text: m.data["location"].country_code for m in doc.mentions_of("place")}.get("El Fasher") == "SDN"


@pytest.mark.parametrize("text, places", [
    # the parser's entity is a piece of a hyphenated name: the place is the whole
    ("Soldiers in Guinea-Bissau arrested two ministers on Monday.", {"Guinea-Bissau": "GNB"}),
    ("Police in Emilia-Romagna arrested two men on Monday.", {"Emilia-Romagna": "ITA"}),
    # a piece is no town of its own (Natal, Brazil), and two places joined stay two
    ("KwaZulu-Natal police arrested two men on Monday.", {}),
    ("Troops clashed on the Iran-Iraq border on Monday.", {"Iran": "IRN", "Iraq": "IRQ"}),
])
def test_a_hyphenated_name_is_one_place(run, text, places):
    doc = run(text, date="2024-03-10")
    found = {m.text: m.data["location"] and m.data["location"].country_code for m in doc.mentions_of("place")}
    assert found == places
