"""Actors: aliases, regions, groupings, sectors, dates, variants, role mismatches, the stage."""

from __future__ import annotations

import datetime as dt

import pytest

from dotterel.actors import KnowledgeBase
from dotterel.actors import resolve as _resolve
from dotterel.actors.sectors import lexicon

D = dt.date(2022, 5, 23)
_KB: list[KnowledgeBase] = []  # the shipped base with an empty user folder, for this module


@pytest.fixture(autouse=True, scope="module")
def _empty_user_kb(tmp_path_factory):
    _KB.append(KnowledgeBase.load(tmp_path_factory.mktemp("kb")))
    yield
    _KB.clear()


def get_kb() -> KnowledgeBase:
    return _KB[0]


def resolve(text: str, date: dt.date | None = None):
    return _resolve(text, date, kb=get_kb())


@pytest.mark.parametrize(
    "text, code, sector",
    [
        ("US", "USA", "GOV"),
        ("U.S.", "USA", "GOV"),
        ("UK", "GBR", "GOV"),
        ("United States", "USA", "GOV"),
        ("Japan", "JPN", "GOV"),
        ("Japanese", "JPN", None),
        ("Indian", "IND", None),
        ("Tokyo", "JPN", "GOV"),
        ("New Delhi", "IND", "GOV"),
        ("Washington", "USA", "GOV"),
        ("Beijing", "CHN", "GOV"),
        ("the Kremlin", "RUS", "GOV"),
        ("Downing Street", "GBR", "GOV"),
        ("the White House", "USA", "GOV"),
        ("the Pentagon", "USA", "MIL"),
        ("the State Department", "USA", "GOV"),
        ("Treasury Department", "USA", "GOV"),
        ("Kosovo", "XKX", "GOV"),
        ("Bosnian Serb", "BIH", None),  # a Bosnian citizen, not Serbia's
        ("Bosnian Croats", "BIH", None),
        ("Côte d'Ivoire", "CIV", "GOV"),
        ("Russia", "RUS", "GOV"),
        ("South Korea", "KOR", "GOV"),
    ],
)
def test_country_aliases(text, code, sector):
    ent = resolve(text, D)
    assert ent is not None and ent.code == code and ent.sector == sector


def test_every_iso_country_resolves_by_its_name():
    import pycountry

    kb = get_kb()
    for c in pycountry.countries:
        if c.alpha_3 == "ATA":  # Antarctica is a region, not a country
            continue
        name = getattr(c, "common_name", None) or c.name
        if "," in name or c.alpha_3 == "COG":  # "Congo" alone is the DR Congo in news (AP style)
            continue
        m = kb.lookup(name)
        assert m is not None and m.code == c.alpha_3, name


def test_congo_alone_is_the_dr_congo_as_news_writes_it():
    kb = get_kb()
    assert kb.lookup("Congo").code == "COD" and kb.lookup("Congolese").code == "COD"
    assert kb.lookup("Republic of Congo").code == kb.lookup("Congo Republic").code == "COG"


@pytest.mark.slow
def test_brussels_as_a_party_is_the_european_union(run):
    """'Beijing urged Brussels', 'Kurti thanked Brussels': the city names the EU's institutions,
    as Washington names the US government; a meeting held there is still in Belgium."""
    assert get_kb().lookup("Brussels").code == "EU"
    doc = run("Beijing urged Brussels on Monday to remove the firms from the list.")
    requests = [e for e in doc.events if e.event == "REQUEST"]
    assert requests and [r.code for r in requests[0].recipient] == ["EU"]
    held = run("NATO leaders met in Brussels on Thursday.")
    meetings = [e for e in held.events if e.event == "CONSULT"]
    assert meetings and meetings[0].event_loc is not None and meetings[0].event_loc.country_code == "BEL"


@pytest.mark.slow
def test_a_bosnian_serb_is_bosnian(run):
    """'former Bosnian Serb commander Ratko Mladic': the tagger had taken the last demonym (SRB)."""
    doc = run("The tribunal in The Hague convicted former Bosnian Serb commander Ratko Mladic of genocide.")
    convictions = [e for e in doc.events if e.event == "ACCUSE"]
    assert convictions and [r.code for r in convictions[0].recipient] == ["BIH"]


def test_lower_case_pronoun_is_not_the_us():
    assert resolve("us", D) is None


def test_an_organisations_name_in_capitals_is_case_sensitive():
    """ "ICE", "HAL" name an agency and a company only in capitals: "Ice", "Hal" are words and names."""
    kb = get_kb()
    assert kb.lookup("ICE").code == "USA" and kb.lookup("HAL").code == "IND"
    assert kb.lookup("Ice") is None and kb.lookup("Hal") is None
    assert kb.lookup("Boko Haram").code == "NGA"  # names in ordinary case are not affected


def test_the_uns_officials_are_an_international_organisation():
    """The UN's secretary-general and its agencies' heads take the sector IGO, as the UN and its
    agencies do (their code naming the body); they had kept the sector UNO."""
    for name, code in (("Antonio Guterres", "UNO"), ("Volker Türk", "UNHRC"), ("Rafael Grossi", "IAEA")):
        ent = resolve(name, dt.date(2024, 3, 10))
        assert ent is not None and (ent.code, ent.sector) == (code, "IGO"), (name, ent)


@pytest.mark.parametrize("name, code, sector", [
    ("BSF", "IND", "MIL"), ("Border Guard Bangladesh", "BGD", "MIL"), ("ISI", "PAK", "SPY"),
    ("GCHQ", "GBR", "SPY"), ("Bundeswehr", "DEU", "MIL"), ("INEC", "NGA", "GOV"),
    ("Philippine National Police", "PHL", "COP"),
    # development agencies that aid news names by acronym act for their state
    ("USAID", "USA", "GOV"), ("JICA", "JPN", "GOV"), ("KOICA", "KOR", "GOV"), ("TIKA", "TUR", "GOV"),
    ("GIZ", "DEU", "GOV"), ("DFID", "GBR", "GOV"), ("Agence Française de Développement", "FRA", "GOV"),
])
def test_a_states_agencies_and_forces_are_its_own(name, code, sector):
    """Border forces, intelligence and police agencies and election commissions named alone
    ("the BSF said its patrol fired in self-defence") act for their state; they had been
    unknown, and took the article's country or none."""
    ent = resolve(name, D)
    assert ent is not None and (ent.code, ent.sector) == (code, sector), ent


@pytest.mark.parametrize("name", ["NIA", "PNP", "NBI", "FIA", "Border Security Force", "AFD"])
def test_an_acronym_other_countries_bodies_share_names_no_country(name):
    """India's and Nigeria's NIA, the Philippine police and Jamaica's People's National Party,
    the Philippine and the Finnish NBI: a shared acronym (or a generic name) gives no country."""
    ent = resolve(name, D)
    assert ent is None or ent.code is None, ent


@pytest.mark.parametrize("date, sector", [(dt.date(2019, 6, 10), "MIL"), (dt.date(2024, 3, 10), "REB")])
def test_an_organisations_sector_follows_the_date(date, sector):
    """Sudan's Rapid Support Forces were a state paramilitary until their war with the army began
    on 15 April 2023, rebels since (the corpus codes them REB 40 times): the sector of the date."""
    ent = resolve("Rapid Support Forces", date)
    assert ent is not None and (ent.code, ent.sector) == ("SDN", sector)


@pytest.mark.parametrize(
    "text",
    ["Indo-Pacific", "South China Sea", "Korean Peninsula", "the Northeast", "Middle East", "Europe", "Asia", "Persian Gulf"],
)
def test_regions_never_resolve(text):
    assert resolve(text, D) is None


@pytest.mark.parametrize("text", ["Queen Street", "King Fahd International Airport", "the President Mandela Square"])
def test_a_place_named_after_a_title_or_a_person_resolves_to_no_one(text):
    # a phrase without a parse (an argument no mention covers) is read by its capitals
    assert resolve(text, D) is None


def test_region_blocks_country_inside_it():
    kb = get_kb()
    assert kb.is_region("South China Sea") and kb.is_region("Korean Peninsula")


@pytest.mark.parametrize(
    "text, code",
    [
        # a region whose name holds another country's codes as its own country (issue 10:
        # a wrong code is worse than none)
        ("a New Mexico GOP state lawmaker", "USA"),
        ("Northern Ireland police", "GBR"),
        ("New Jersey Governor Phil Murphy", "USA"),
        ("the New South Wales government", "AUS"),
        ("British Columbia government employees", "CAN"),
        ("a New England fishing union", "USA"),
        ("Mexico", "MEX"),
        ("the Irish government", "IRL"),
    ],
)
def test_a_region_named_after_a_country_is_not_that_country(text, code):
    assert resolve(text, D).code == code


@pytest.mark.parametrize(
    "text, code, members",
    [
        ("the Quad", "QUAD", {"IND", "USA", "AUS", "JPN"}),
        ("NATO", "NATO", {"USA", "GBR", "TUR"}),
        ("G7", "G7", {"JPN", "CAN"}),
        ("BRICS", "BRICS", {"BRA", "RUS", "IND", "CHN", "ZAF"}),
        ("ASEAN", "ASEAN", {"VNM", "IDN"}),
        ("Gulf states", "GCC", {"SAU", "KWT"}),  # "Gulf states voiced support for ...": the bloc
    ],
)
def test_igos_with_members(text, code, members):
    m = get_kb().lookup(text, D)
    assert m is not None and m.code == code
    assert members <= set(m.entry.members)


def test_un_and_agencies():
    assert resolve("UN", D).code == "UNO"
    # the code names the UN body; its sector is IGO, as the corpus guide and the evaluation
    # sets' protocol write it (CAMEO's IGOUNO: country slot IGO, organisation UNO)
    assert (resolve("World Health Organization", D).code, resolve("World Health Organization", D).sector) == ("WHO", "IGO")
    assert resolve("UN Security Council", D).sector == "IGO"
    assert resolve("IMF", D).code == "IMF"
    assert resolve("World Bank", D).code == "WBK"


@pytest.mark.parametrize(
    "text, sector",
    [
        ("prime minister", "GOV"), ("foreign secretary", "GOV"), ("ministry", "GOV"), ("army", "MIL"),
        ("troops", "MIL"), ("armed forces", "MIL"), ("police", "COP"), ("rebels", "REB"), ("militants", "REB"),
        ("parliament", "LEG"), ("lawmakers", "LEG"), ("court", "JUD"), ("company", "BUS"), ("protesters", "CVL"),
        ("party", "PTY"), ("opposition", "OPP"), ("clergy", "REL"), ("intelligence agency", "SPY"),
        # CAMEO's codes, as the corpus guide and news_dev's protocol use them: MED is the media,
        # HLH health
        ("journalists", "MED"), ("newspaper", "MED"),
        # where CAMEO has codes of its own that neither annotation convention writes (REF, AGR,
        # HLH, UAF, SEP), the annotators' sector
        ("refugees", "CVL"), ("migrants", "CVL"), ("farmers", "CVL"), ("doctors", "CVL"), ("nurses", "CVL"),
        ("militia", "REB"), ("separatists", "REB"),
        # the opposition's own people are the opposition, not civilians
        ("opposition supporters", "OPP"), ("opposition activist", "OPP"), ("activists", "CVL"),
        # and so are its members of a legislature or a council, which the corpus codes OPP
        ("opposition lawmakers", "OPP"), ("opposition MPs", "OPP"), ("opposition senator", "OPP"),
        ("opposition councillors", "OPP"), ("senator", "LEG"),
        # border guards are a military force, as the corpus codes them; border police are police
        ("border guards", "MIL"), ("Border Security Force", "MIL"), ("border police", "COP"),
        # Ireland's police; the prosecution in Commonwealth courts
        ("Gardaí", "COP"), ("gardai", "COP"), ("the Crown", "JUD"), ("Crown Princess", "GOV"),
        # lawyers are the judiciary's, as CAMEO and most of the corpus code them (not a state's
        # government, as a nationality before them had made them)
        ("lawyers", "JUD"), ("defence lawyer", "JUD"), ("attorney", "JUD"), ("barrister", "JUD"),
        ("nun", "REL"), ("pastor", "REL"), ("preacher", "REL"), ("missionaries", "REL"),
        # groups named by what they are for, as the corpus's writers code them (rights groups NGO
        # 16 times of 16, armed groups REB 7 of 7, business groups BUS 4 of 4)
        ("rights group", "NGO"), ("environmental group", "NGO"), ("civil society organisation", "NGO"),
        ("armed group", "REB"), ("business group", "BUS"), ("opposition group", "OPP"),
        ("state television", "MED"),
        # a junta rules: the corpus's writers code it GOV 54 times of 80 (MIL the rest); with no
        # sector, a threat made it a criminal's
        ("junta", "GOV"), ("the juntas", "GOV"),
        # a freedom fighter of an independence struggle is a civilian veteran, a multinational
        # force no business, a Red Crescent society a charity
        ("freedom fighter", "CVL"), ("the multinational force", "MIL"), ("Red Crescent", "NGO"),
    ],
)  # fmt: skip
def test_sector_lexicon(text, sector):
    ent = resolve(text, D)
    assert ent is not None and ent.sector == sector and ent.code is None


def test_sector_lexicon_uses_plover_sectors():
    from dotterel.ontology import SECTORS

    assert all(t.sector in SECTORS or t.sector in "=~" for t in lexicon().values())


@pytest.mark.parametrize(
    "text, code, sector",
    [
        ("Indian Army", "IND", "MIL"),
        ("Chinese troops", "CHN", "MIL"),
        ("his Japanese counterpart", "JPN", "GOV"),
        ("their Japanese counterparts", "JPN", "GOV"),
        ("Indian private sector company", "IND", "BUS"),
        ("the Mitsubishi chief", "JPN", "BUS"),
        # armed groups, gangs and figures news names without their country
        ("The ELN", "COL", "REB"),
        ("the Sinaloa Cartel", "MEX", "CRM"),
        ("the TPLF", "ETH", "REB"),
        ("Islamic Jihad", "PSE", "REB"),
        ("Khalifa Haftar", "LBY", "MIL"),
        ("Kim Yo Jong", "PRK", "GOV"),
    ],
)
def test_nominal_and_named_actors(text, code, sector):
    ent = resolve(text, D)
    assert (ent.code, ent.sector) == (code, sector)


def test_date_aware_resolution():
    during = resolve("Prime Minister Fumio Kishida", dt.date(2022, 5, 23))
    assert (during.code, during.sector, during.name) == ("JPN", "GOV", "Fumio Kishida")
    after = resolve("Fumio Kishida", dt.date(2025, 3, 1))
    assert after.code == "JPN" and after.sector != "GOV"
    before = resolve("Fumio Kishida", dt.date(2019, 1, 1))
    assert before.sector != "GOV"
    assert resolve("Fumio Kishida", dt.date(2015, 1, 1)).sector == "GOV"  # foreign minister then


def test_a_un_office_holder_is_the_un_bodys_in_office_and_her_countrys_before():
    assert resolve("Michelle Bachelet", dt.date(2019, 6, 1)).code == "UNHRC"
    assert resolve("Michelle Bachelet", dt.date(2015, 6, 1)).code == "CHL"
    assert resolve("UN human rights chief Volker Türk", dt.date(2023, 6, 1)).code == "UNHRC"  # not Turkish


def test_person_carries_wikidata_id():
    ent = resolve("Narendra Modi", D)
    assert (ent.code, ent.sector, ent.kb_id) == ("IND", "GOV", "Q1058")


def test_kb_sizes():
    c = get_kb().counts
    assert c["countries"] >= 249 and c["igos"] >= 30 and c["people"] >= 200


@pytest.mark.parametrize(
    "text, code",
    [
        ("President Paul Kagame", "RWA"),
        ("Kagame", "RWA"),
        ("Prime Minister Abiy Ahmed", "ETH"),
        ("President Nayib Bukele", "SLV"),
        ("Prime Minister Kaja Kallas", "EST"),
        ("President Ferdinand Marcos Jr.", "PHL"),
    ],
)
def test_heads_of_state_and_government_beyond_the_g20_are_known(text, code):
    assert resolve(text, dt.date(2023, 6, 1)).code == code


def test_a_surname_names_a_person_alone_only_when_uncommon_and_whole():
    """'Kagame' names one person; 'Schmidt' (of Thorning-Schmidt), 'Carlos' (of Juan Carlos)
    and a common surname do not, while the whole double-barrelled surname does."""
    from dotterel.actors.kb import Entry

    kb = KnowledgeBase()
    kb.add_entry(Entry("person:a", "Helle Thorning-Schmidt", "person", code="DNK", sector="GOV"))
    kb.add_entry(Entry("person:b", "Juan Carlos", "person", code="ESP", sector="GOV"))
    kb.add_entry(Entry("person:c", "Amadou Traore", "person", code="MLI", sector="GOV"))
    kb._add_surnames()
    assert kb.lookup("Thorning-Schmidt").entry.id == "person:a"
    assert not kb.lookup("Schmidt") and not kb.lookup("Traore")


def test_a_name_variant_links_one_entity_never_a_generic_word_or_either_of_two():
    """'Department' in 'the Justice Department' had been linked, by whichever came first in a
    set, to the Los Angeles Police Department or the Department of Homeland Security."""
    from dotterel.actors.kb import Entry
    from dotterel.actors.variants import match_variant

    kb = KnowledgeBase()
    kb.add_entry(Entry("org:a", "Eastbrook Police Department", "org", code="USA", sector="COP"))
    kb.add_entry(Entry("org:b", "Homeland Security Department", "org", code="USA", sector="GOV"))
    kb.add_entry(Entry("org:c", "ShinMaywa", "org", code="JPN", sector="BUS"))
    kb.add_entry(Entry("person:d", "Vinay Kwatra", "person", code="IND", sector="GOV"))
    assert match_variant("Department", kb, doc_codes={"USA"}) is None
    assert match_variant("Shinmayawa", kb, codes={"JPN"}).entry.id == "org:c"
    assert match_variant("Binoy Quatra", kb, codes={"IND", "NPL"}).entry.id == "person:d"
    # a namesake that fits as well: no link
    kb.add_entry(Entry("person:e", "Vinay Kwatra", "person", code="NPL", sector="GOV"))
    assert match_variant("Binoy Quatra", kb, codes={"IND", "NPL"}) is None


@pytest.mark.parametrize("text, code", [
    ("the Malawi Red Cross", "MWI"),  # a national society is its country's own organisation
    ("the Peruvian Red Cross", "PER"),
    ("the Red Cross", "ICRC"),
    ("the International Committee of the Red Cross", "ICRC"),
])
def test_a_national_red_cross_society_is_its_countrys(text, code):
    ent = resolve(text, D)
    assert (ent.code, ent.sector) == (code, "NGO")
