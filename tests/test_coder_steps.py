"""The event coder's steps (events/triggers.py, roles.py, rules.py, coder.py) and their contract.

The golden cases (test_events_golden.py) check what is coded; these check how the steps fit:
typed roles, the rule list, and that a coder keeps nothing from one sentence to the next.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from dotterel import lang
from dotterel.events.rules import PLOVER_RULES, Coding, RuleInput, apply_rules
from dotterel.events.status import StatusResult

pytestmark = pytest.mark.slow

TEXTS = [
    "BERLIN -- A court in Bavaria convicted two men of spying for Russia on Tuesday. "
    "Germany expelled two Russian diplomats. Japan and India will hold a summit next month.",
    "Police fired tear gas at protesters in Nairobi. China will not lift the ban on Japanese seafood. "
    "The United States imposed sanctions on Iran, officials said.",
]


def _coder(pipeline):
    return dict(zip(pipeline.names, pipeline.stages))["events"].coder


def _summary(events) -> list[tuple]:
    return [(e.sentence_index, e.event, e.status, tuple(a.text for a in e.actor), tuple(r.text for r in e.recipient))
            for e in events]


@pytest.fixture(scope="module")
def parsed(pipeline, run):
    return [run(text, date="2024-03-10") for text in TEXTS]


def test_one_coder_codes_two_documents_at_once(pipeline, parsed):
    coder = _coder(pipeline)
    alone = [_summary(coder.code(doc)) for doc in parsed]
    assert all(alone)
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda doc: _summary(coder.code(doc)), parsed * 8))
    assert together == alone * 8


def test_roles_are_typed(pipeline, parsed):
    coder = _coder(pipeline)
    doc = parsed[1]
    sent = doc.sentences[0]
    tokens = list(doc.parse.char_span(sent.start, sent.end, alignment_mode="expand"))
    steps = coder.steps("en")
    (cand,) = [c for c in steps.triggers.candidates(tokens) if c.token.lemma_ == "fire"]
    roles = steps.roles.roles(cand, sent.start)
    assert [t.text for t in roles.actor] == ["Police"]
    assert [t.text for t in roles.means] == ["gas"]  # the means, never the recipient
    assert [t.text for t in roles.recipient] == ["protesters"]


def test_the_rules_run_in_order_and_stop_at_a_final_coding(pipeline, parsed):
    coder = _coder(pipeline)
    doc = parsed[0]
    sent = doc.sentences[2]
    tokens = list(doc.parse.char_span(sent.start, sent.end, alignment_mode="expand"))
    (cand,) = coder.steps("en").triggers.candidates(tokens)
    future = StatusResult("future")
    x = RuleInput(cand, future, [], lang.words("en"))
    assert apply_rules(Coding("CONSULT", None, "future"), x) == Coding("AGREE", None, "future")
    assert apply_rules(Coding("CONSULT", None, "future"), x, rules=()) == Coding("CONSULT", None, "future")
    # peacekeeping re-types (not final) and the later rules see AID: promised aid is AGREE
    x = RuleInput(cand, future, ["peacekeeping"], lang.words("en"))
    assert apply_rules(Coding("MOBILIZE", None, "future"), x) == Coding("AGREE", None, "future")
    assert [r.__name__ for r in PLOVER_RULES][:3] == ["refusal_is_reject", "no_refusal_is_agree", "peacekeepers_are_aid"]


@pytest.mark.parametrize("text, kept", [
    ("Ten Azerbaijani journalists are imprisoned on politically motivated charges.", ["imprisoned"]),
    ("The court jailed the Belarusian activist over charges of treason.", ["jailed"]),
])
def test_the_legal_grounds_of_an_act_are_not_a_second_event(run, text, kept):
    # "jailed on charges of X": the charges are why, not an act of their own (an actor-less
    # COERCE with the jailed as its doer)
    doc = run(text, date="2024-03-10")
    assert [t.text for e in doc.events for t in e.trigger] == kept


@pytest.mark.parametrize("text, kept", [
    # the act an accuser names is alleged, not reported as done
    ("The Tanzanian opposition accused the army of torturing dozens of its supporters.", ["accused"]),
    ("Nepal's prime minister blamed the governor for freezing the budget.", ["blamed"]),
    ("The minister was accused by rights groups of detaining journalists.", ["accused"]),
    # a suspect described with no accuser: the act is the news
    ("Okafor is accused of stabbing a trader at a market in Onitsha on March 3.", ["stabbing"]),
    # what an act caused is no act of its own
    ("Rebels attacked the town of Kiwanja on Wednesday, forcing thousands of residents to flee.", ["attacked"]),
    ("Police forced the protesters to leave the square in Harare.", ["forced"]),
    # a naming participle says what the praise or condemnation was ...
    ("The Zambian president praised the vote in Malawi, calling it a model for the region.", ["praised"]),
    # ... and after another act it is the actor's comment on that act
    ("Opposition parties in Togo boycotted the election, calling it a sham.", ["boycotted", "calling"]),
])
def test_an_alleged_act_a_consequence_or_a_naming_participle_is_no_second_event(run, text, kept):
    assert _trigger_words(run, text) == kept


def _trigger_words(run, text: str) -> list[str]:
    return [e.trigger[0].text for e in run(text, date="2024-03-10").events]


@pytest.mark.parametrize("text, kept", [
    # what someone can do is a power or a permission, not an act done
    ("Under the new law, Tanzanian police can detain suspects for up to 14 days without charge.", []),
    ("Candidates who fail to declare their assets can be barred from the Kenyan election.", []),
    # the act beside it still happened; a refusal with "cannot" is left to the status
    ("Ugandan police arrested 20 protesters in Kampala, and more can be detained later.", ["arrested"]),
    ("Iran said it cannot accept the demands of the European Union.", ["accept"]),
    # what someone is permitted to do is no act either, refused or not ...
    ("Under the deal, Kenyan police are authorised to detain suspects for 48 hours.", []),
    ("Opposition parties in Zimbabwe will be free to hold rallies in Harare.", []),
    ("Ghanaian soldiers would not be allowed to arrest civilians under the new rules.", []),
    # ... while the allowing itself is an act
    ("Israel allowed aid trucks to enter Gaza on Sunday.", ["allowed"]),
    # a count of acts, or of those they befell, over a period is a statistic
    ("The Dominican Republic deported more than 270,000 Haitians last year, its migration agency said.", []),
    ("Zambian police made 1,850 arrests for knife possession in the first half of the year.", []),
    ("Bhutan and China have held 25 rounds of boundary talks since 1984.", []),
    ("Every year around Eid, the Somali government pardons hundreds of prisoners.", []),
    ("Greece deports about 15,000 migrants a year.", []),
    # a few acts over the period, or many on one day, are events
    ("The Kenyan athletics federation last year suspended two coaches for doping.", ["suspended"]),
    ("Ugandan police arrested 300 protesters in Kampala on Monday.", ["arrested"]),
    # what is to come is a plan; a headline's present with "this year" is one act
    ("Chile will expel about 1,800 undocumented migrants on military flights this year.", ["expel"]),
    ("China sends 45 warplanes toward Taiwan in largest show of force this year", ["sends"]),
    # a quantity of goods is no count of acts
    ("China has donated 1,000 tonnes of rice to Cuba, its second such shipment this year.", ["donated"]),
    # a statement about what was counted is one act
    ("A Venezuelan NGO has denounced 49 journalist detentions in Caracas so far this year.", ["denounced"]),
])
def test_a_power_or_a_tally_over_a_period_is_no_event(run, text, kept):
    assert _trigger_words(run, text) == kept


def test_a_tally_over_a_period_is_no_open_candidate(full_pipeline):
    assert _open_events(full_pipeline, "The Kenyan army shuttered more than 300 radio stations last year.") == []


def test_what_someone_can_do_is_no_open_candidate(full_pipeline):
    assert _open_events(full_pipeline, "The Kenyan army can shutter radio stations in Garissa under the decree.") == []
    assert _open_events(full_pipeline, "The Kenyan army will be free to shutter radio stations in Garissa.") == []
    assert len(_open_events(full_pipeline, "The Kenyan army shuttered three radio stations in Garissa on Monday.")) == 1


def test_the_one_who_condemns_an_attack_is_not_its_doer(run):
    """The attack took place (its target is named), by attackers the sentence does not name;
    what it hit does not receive the condemnation."""
    doc = run("The Austrian government condemned the attack on the hospital.", date="2024-03-10")
    assert sorted(e.event for e in doc.events) == ["ACCUSE", "ASSAULT"]
    accuse = next(e for e in doc.events if e.event == "ACCUSE")
    attack = next(e for e in doc.events if e.event == "ASSAULT")
    assert [a.code for a in accuse.actor] == ["AUT"] and accuse.recipient == []
    assert [a.text for a in attack.actor] == ["(unknown attackers)"]
    assert [r.text for r in attack.recipient] == ["the hospital"]


@pytest.mark.parametrize("text, namer", [
    # the parser hangs the naming participle on the reported act, not on the speaker's verb
    ("Eritrea's foreign ministry said Ethiopian troops had shelled two villages near the border, "
     "calling it a provocation.", "ERI"),
    ("Ghana's government said Togo had closed the border, calling the move regrettable.", "GHA"),
    ("Ethiopian troops shelled two villages near the border, Eritrea's foreign ministry said, "
     "calling it a provocation.", "ERI"),
    # with no reporting verb, the one who acts names it
    ("Kenya's president welcomed the peace deal in Addis Ababa, calling it a victory for Africa.", "KEN"),
])
def test_the_speaker_names_the_act_reported(run, text, namer):
    """'X said Y did Z, calling it W': X, who reports the act, calls it W, not Y who did it."""
    doc = run(text, date="2024-03-10")
    naming = [e for e in doc.events if e.event in ("ACCUSE", "SUPPORT")]
    assert naming and all([a.code for a in e.actor] == [namer] for e in naming)


@pytest.mark.parametrize("text, event, actor", [
    # the parser hangs the second act on the reported clause, whose subject it then lent it
    ("Hungary's foreign minister said the European Commission was using frozen funds to blackmail Budapest "
     "and warned that Hungary could block the package.", "THREATEN", "HUN"),
    ("China's foreign ministry said the Philippine vessel had entered Chinese waters and warned Manila to "
     "stop its provocations.", "THREATEN", "CHN"),
    ("Ukraine's human rights ombudsman said Russia had deported thousands of children and called on the "
     "Red Cross to help trace them.", "REQUEST", "UKR"),
    # said after the clause: the clause's subject does both acts
    ("Gunmen seized twelve passengers from a bus in Kogi and demanded a ransom, Nigerian police said.",
     "REQUEST", "NGA"),
])
def test_a_second_act_joined_to_a_reported_clause_is_the_speakers(run, text, event, actor):
    """'X said Y did Z and warned W': X warns; the parser joins 'warned' to 'did', and Y had been
    its actor."""
    found = [e for e in run(text, date="2024-03-10").events if e.event == event]
    assert found and all([a.code for a in e.actor] == [actor] for e in found), [
        (e.event, [(a.text, a.code) for a in e.actor]) for e in found]


@pytest.mark.parametrize("text, event, recipient", [
    ("The new measures target two Tanzanian companies that Kenya accuses of smuggling fuel.", "ACCUSE",
     "two Tanzanian companies"),
    ("Britain imposed sanctions on fuel suppliers to the junta, which it accuses of bombing villages.", "ACCUSE",
     "the junta"),
    ("A judge issued a warrant for opposition leader Juan Pardo, whom prosecutors accuse of fraud.", "ACCUSE",
     "opposition leader Juan Pardo"),
])
def test_a_relative_pronoun_as_object_stands_for_the_party_it_follows(run, text, event, recipient):
    """'two companies that Kenya accuses of smuggling': the pronoun names no one, so the
    accusation had had no recipient; the party the clause follows is it."""
    found = [e for e in run(text, date="2024-03-10").events if e.event == event]
    assert found and [r.text for r in found[0].recipient] == [recipient], [
        (e.event, [r.text for r in e.recipient]) for e in found]


def test_a_relative_pronoun_for_a_thing_or_a_place_is_no_recipient(run):
    # what is denounced is a decision; the clause after a place is not about the place
    for text in ("The court suspended the assembly, a decision that the opposition denounced as a coup.",
                 "Police detained the activist after the riots in Leh, which the government blamed on him."):
        found = [e for e in run(text, date="2024-03-10").events if e.event == "ACCUSE"]
        assert all(not r.text.endswith(("decision", "Leh")) for e in found for r in e.recipient), text


@pytest.mark.parametrize("text, target", [
    # the condition hangs on the threatened act, which the parser makes an adverbial clause
    ("Hungary's prime minister threatened on Thursday to block the package unless Brussels released "
     "the frozen funds.", "EU"),
    ("Russia threatened to cut gas supplies if Ukraine did not pay its debts.", "UKR"),
])
def test_a_threats_target_is_who_must_act_for_it_to_be_carried_out(run, text, target):
    (threat,) = [e for e in run(text, date="2024-03-10").events if e.event == "THREATEN"]
    assert target in [r.code for r in threat.recipient]


def test_a_dateline_the_parser_takes_for_the_speaker_is_not_who_speaks(run):
    """"NAIROBI -- Kenya's foreign minister Jane Doe said that she had rejected ...": the
    speaker, and the pronoun that stands for her, is the minister, not the dateline."""
    doc = run("NAIROBI -- Kenyan Foreign Minister Jane Wanjiru said on Monday that she had rejected "
              "a request from her Ugandan counterpart to reopen the border crossing.", date="2024-03-10")
    (reject,) = [e for e in doc.events if e.event == "REJECT"]
    assert [a.text for a in reject.actor] == ["Kenyan Foreign Minister Jane Wanjiru"]
    assert [a.code for a in reject.actor] == ["KEN"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Niger's army said on Wednesday that Tuesday's attack on a police post in Tillaberi was repelled.",
         "a police post in Tillaberi"),
        ("Police arrested six men on Monday after last week's bombing of a checkpoint near Kohat.",
         "a checkpoint near Kohat"),
        ("The ministry condemned the raid against the embassy in Juba.", "the embassy in Juba"),
    ],
)
def test_a_harm_noun_whose_target_is_named_took_place(run, text, target):
    """'the attack on a police post', 'the bombing of a checkpoint': the post was attacked;
    'Tuesday's' says when, not who."""
    doc = run(text, date="2024-03-10")
    harms = [e for e in doc.events if e.event in ("ASSAULT", "COERCE") and e.trigger[0].text in ("attack", "raid", "bombing")]
    assert harms and [r.text for r in harms[0].recipient] == [target]
    assert not any("Tuesday" in a.text for a in harms[0].actor)


def test_an_attack_on_an_idea_names_no_target(run):
    doc = run("The senator condemned the attack on democracy.", date="2024-03-10")
    assert [e.event for e in doc.events] == ["ACCUSE"]


@pytest.mark.parametrize("text, subject, listed", [
    ("Indonesia, Malaysia to hold naval drills off Borneo", "Indonesia", ["Malaysia"]),  # named after
    ("Japan, Vietnam sign a maritime pact", "Vietnam", ["Japan"]),  # named before
    ("US, UK warn Iran over the seizure of a tanker", "UK", ["US"]),  # a short acronym is a name
    ("Egypt, Jordan and Iraq leaders meet in Baghdad", "leaders", ["Egypt", "Jordan"]),
    ("LAGOS, Nigeria -- Soldiers killed five gunmen on Sunday.", "Soldiers", []),  # a dateline
    ("Kenya's president, William Ruto, met the envoy.", "president", []),  # an apposition
])
def test_a_headline_lists_its_parties_with_commas(text, subject, listed):
    """Headlines join the parties of an event with commas alone ("Indonesia, Malaysia to hold
    drills"), and the parser links them in many ways; every name listed from the start of the
    sentence to the verb takes part with the subject."""
    from dotterel import nlp
    from dotterel.events.roles import listed_with

    doc = nlp.load()(text)
    token = next(t for t in doc if t.text == subject)
    assert [t.text for t in listed_with(token)] == listed


def test_an_open_candidate_takes_the_parties_a_headline_lists(full_pipeline):
    """An open candidate's subject brings the names a headline lists with it."""
    (found,) = _open_events(full_pipeline, "Chile, Peru redraw their maritime boundary")
    assert sorted(a.code for a in found.actor) == ["CHL", "PER"]


def _open_events(full_pipeline, text: str) -> list:
    """The open candidates of a text, before the classifier judges them."""
    from dotterel import Document, Pipeline

    names = full_pipeline.names
    upto = Pipeline(list(full_pipeline.stages[: names.index("events") + 1]))  # no classifier yet
    doc = upto(Document.from_text(text, date="2024-03-10"))
    return [e for e in doc.events if e.evidence.get("cls") == "open"]


def test_open_candidates_need_a_political_party(full_pipeline):
    """Verbs the lexicon does not know are proposed to the classifier only when a party with a
    country or sector takes part: "the bakery chain smiled" is no candidate, "the army shut"
    one is."""

    def open_events(text: str) -> list:
        return _open_events(full_pipeline, text)

    (found,) = open_events("The Kenyan army shuttered three radio stations in Garissa on Monday.")
    assert found.actor[0].code == "KEN"
    assert open_events("The bakery chain smiled at the new spring menu on Monday.") == []
    assert open_events("He sighed and walked slowly home after the match.") == []


def test_a_source_speaking_to_the_press_is_no_open_candidate(full_pipeline):
    """'spoke to Reuters' is how the news is sourced; two leaders who spoke on the sidelines
    still met."""
    assert _open_events(full_pipeline, "Kenya's foreign minister spoke to Reuters in Nairobi on Monday.") == []
    assert _open_events(full_pipeline, "Kenya's foreign minister talked to reporters in Nairobi on Monday.") == []
    (met,) = _open_events(full_pipeline, "Kenya's President William Ruto and Ugandan President Yoweri "
                                         "Museveni spoke briefly on the sidelines of the summit in Addis Ababa.")
    assert {a.code for a in met.actor} == {"KEN", "UGA"}


def test_an_open_candidate_takes_its_recipient_from_to_when_the_object_names_no_party(full_pipeline):
    """'transferred 2 billion kroner to Zambia': the money is no party; the one it went to is
    the recipient. An object that names a party keeps precedence."""

    def recipients(text: str) -> list:
        return [[r.code for r in e.recipient] for e in _open_events(full_pipeline, text)]

    assert recipients("Norway transferred 2 billion kroner to Zambia on Thursday.") == [["ZMB"]]
    assert recipients("Norway flew Zambian officials to Oslo on Thursday.") == [["ZMB"]]


@pytest.mark.parametrize("text, actor", [
    ("Lumeria's President Adaeze Okonkwo visited Kenya on Monday.", "Lumeria's President Adaeze Okonkwo"),
    ("Kenya's Foreign Minister Tobias Mwangi met his Ugandan counterpart in Kampala.",
     "Kenya's Foreign Minister Tobias Mwangi"),
    # with a comma the name is an apposition of its own, outside the phrase
    ("Kenya's foreign minister, Tobias Mwangi, met his Ugandan counterpart in Kampala.", "Kenya's foreign minister"),
])
def test_a_name_right_after_its_title_belongs_to_the_actor(run, text, actor):
    doc = run(text, date="2024-03-10")
    assert doc.events[0].actor[0].text == actor


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,recipient",
    [
        # spaCy parses the 'to' of 'send X to Y' as a dative: still the recipient, not the means
        ("Zubrovia sent warships to Taiwan on Monday.", "MOBILIZE", "TWN"),
        ("Japan gave $10 million in aid to the Philippines on Monday.", "AID", "PHL"),
    ],
)
def test_the_dative_to_names_the_recipient(run, text, event, recipient):
    events = [e for e in run(text, date="2024-03-10").events if e.event == event]
    assert events and [r.code for r in events[0].recipient] == [recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,recipient",
    [
        # the parser hangs the charge on the accused; it is not part of their name
        ("Rights groups accused the police of brutality during the crackdown.", "the police"),
        ("The governor blamed the militia for the ambush on the highway.", "the militia"),
        ("A Minsk court convicted the opposition activist of extremism on Friday.", "the opposition activist"),
        # the verb's own 'of', and a party inside the phrase, keep it
        ("The minister accused the leader of the opposition of lying to voters.", "the leader of the opposition"),
        ("The senator accused the leader of the opposition.", "the leader of the opposition"),
    ],
)
def test_the_charge_is_not_part_of_the_accused(run, text, recipient):
    events = [e for e in run(text, date="2024-03-10").events if e.event == "ACCUSE"]
    assert events and [r.text for r in events[0].recipient] == [recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,code",
    [
        ("Nigerian mobile operator Zentel has sued the state over a new levy on calls.", "NGA"),
        ("Ghanaian police dispersed the marchers in Accra. Rights groups accused the country of silencing dissent.", "GHA"),
    ],
)
def test_that_country_is_its_state_whatever_its_last_mention(run, text, code):
    """'the state', 'the country' stand for the last country named, as its state (GOV): they had
    taken the sector of that country's last mention (a business, the police)."""
    parties = [p for e in run(text, date="2024-03-10").events for p in e.actor + e.recipient
               if p.text.lower() in ("the state", "the country")]
    assert parties and all((p.code, p.sector) == (code, "GOV") for p in parties), parties


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,role",
    [
        ("The state accused the pharmacy chain of fraud.", "ACCUSE", "actor"),
        ("The state filed a lawsuit against the bus company on Friday.", "ACCUSE", "actor"),
        ("The mining company sued the state over the new royalty rules.", "ACCUSE", "recipient"),
    ],
)
def test_the_state_acts_where_no_country_was_named(run, text, event, role):
    """'the state' with no country named before is still a state's government, uncoded: the event
    had been dropped for want of a party ("The state accused ..." coded nothing)."""
    found = [e for e in run(text, date=None).events if e.event == event]
    assert found, run(text, date=None).events
    parties = [p for p in getattr(found[0], role) if p.text.lower() == "the state"]
    assert [(p.code, p.sector) for p in parties] == [(None, "GOV")], getattr(found[0], role)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,role,code",
    [
        ("SADC leaders met in Lusaka on Friday. Malawi's president thanked the leaders for their support.",
         "SUPPORT", "recipient", "SADC"),
        ("ASEAN foreign ministers met in Vientiane on Saturday. Member states agreed to hold talks with Myanmar.",
         "AGREE", "actor", "ASEAN"),
        ("Caricom leaders gathered in Georgetown on Monday. Leaders urged Canada to send more armoured vehicles.",
         "REQUEST", "actor", "CARICOM"),
    ],
)
def test_the_leaders_of_a_summit_are_its_organisations(run, text, event, role, code):
    """'the leaders', 'member states' after an organisation of states was named are its states'
    governments, coded with it: they had taken the article's country (Malawi thanked Malawi)."""
    found = [e for e in run(text, date="2024-03-10").events if e.event == event]
    assert found, run(text, date="2024-03-10").events
    parties = getattr(found[0], role)
    assert [(p.code, p.sector) for p in parties if p.code] == [(code, "GOV")], parties


def test_leaders_met_are_not_an_organisation_named_before(run):
    """A bare 'leaders' that is not the subject stays what it was ("bilateral meetings with
    leaders" in a story about the Quad is no meeting with the Quad)."""
    doc = run("Quad leaders will meet in Tokyo on Tuesday. Modi will also hold bilateral meetings with leaders.",
              date="2024-03-10")
    assert not [p for e in doc.events for p in e.actor + e.recipient
                if p.text == "leaders" and p.code == "QUAD"], doc.events


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,code",
    [
        ("Turkey shot down a Syrian warplane near the border on Tuesday.", "ASSAULT", "SYR"),
        ("Japan accused a Chinese fighter jet on Monday of flying dangerously close to a patrol plane.",
         "ACCUSE", "CHN"),
        ("Vietnam protested after a Chinese warship rammed a fishing boat near the Paracels.", "ASSAULT", "CHN"),
    ],
)
def test_a_warplane_or_warship_is_the_military(run, text, event, code):
    """A warplane, a warship or a fighter jet is its country's military (MIL), as the corpus
    codes them; attacked or accused, it had taken the country's default, its government."""
    parties = [p for e in run(text, date="2024-03-10").events if e.event == event for p in e.actor + e.recipient
               if p.code == code]
    assert parties and all(p.sector == "MIL" for p in parties), parties


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,code,sector",
    [
        ("A spokesman for the Ghanaian police said the force had deployed extra officers to Tamale on Monday.",
         "GHA", "COP"),
        ("Rights groups accused the Kenyan army of abuses in Mandera. The force denied the allegations on Friday.",
         "KEN", "MIL"),
    ],
)
def test_the_force_is_the_police_or_army_named_before(run, text, code, sector):
    """'the force' stands for the police or armed force named last: it had been no party."""
    parties = [p for e in run(text, date="2024-03-10").events for p in e.actor
               if p.text.lower() == "the force"]
    assert parties and all((p.code, p.sector) == (code, sector) for p in parties), parties
    # with no police or army named before, it stays what it was: no party
    assert not [p for e in run("The force denied the allegations on Friday.", date="2024-03-10").events
                for p in e.actor if p.text.lower() == "the force"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,recipients",
    [
        ("Kenya accused Uganda of harbouring rebels on Monday. Uganda denied the claim.", ["KEN"]),
        ("Zambia blames Malawi for the raid, which Malawi denies.", ["ZMB"]),
        # the one who denies was not accused; the accusation is three sentences back
        ("Kenya accused Uganda of harbouring rebels on Monday. Tanzania denied the claim.", []),
        ("Kenya accused Uganda of harbouring rebels on Monday. The talks went on. Officials met again. "
         "Uganda denied the claim.", []),
    ],
)
def test_a_denial_answers_the_accuser_of_its_own_or_the_previous_sentence(run, text, recipients):
    denials = [e for e in run(text, date="2024-03-10").events if e.event == "REJECT"]
    assert denials and [r.code for r in denials[0].recipient if r.code] == recipients


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,recipients",
    [
        # an answer to a request made earlier in its sentence is aimed at the askers
        ("Malawi asked Zambia on Monday to send more troops to the border, and Lusaka said it would "
         "deploy 300 soldiers.", "MOBILIZE", ["MWI"]),
        ("Kenya urged Uganda to extradite the suspect, and Kampala agreed to speed up the procedure.",
         "AGREE", ["KEN"]),
        ("Kenya urged Uganda to free the fishermen, but Uganda refused.", "REJECT", ["KEN"]),
        # an answer before the request, or by a party nobody asked, answers no one
        ("Uganda agreed to speed up the procedure after Kenya urged Uganda to extradite the suspect.",
         "AGREE", []),
        ("Kenya urged Uganda to free the fishermen, but Tanzania refused.", "REJECT", []),
        # a verbal act after a sanction, accusation or demand by the same party presses the same target
        ("Zambia imposed sanctions on Malawi on Monday and warned of further steps.", "THREATEN", ["MWI"]),
        ("The Arab League condemned Kenya's decision to close the border and demanded that it be "
         "reversed.", "REQUEST", ["KEN"]),
        # another party's warning, or one before the sanction, presses no one
        ("Zambia imposed sanctions on Malawi on Monday, and Tanzania warned of further steps.", "THREATEN", []),
        ("Zambia warned of further steps before it imposed sanctions on Malawi.", "THREATEN", []),
        # an act of conflict by a party targeted earlier in its sentence answers the one who targeted it
        ("Zambia imposed tariffs on Malawian sugar on Monday, and Malawi warned of countermeasures.",
         "THREATEN", ["ZMB"]),
        ("Zambian troops shelled Malawian positions near the border, and Malawi vowed retaliation.",
         "THREATEN", ["ZMB"]),
        ("Zambia imposed sanctions on two Malawian banks on Friday, a move Malawi condemned as illegal.",
         "ACCUSE", ["ZMB"]),
        # the act an answer responds to is aimed at the one who answers
        ("Zambia imposed tariffs on Malawian sugar in response to Malawi's threats.", "THREATEN", ["ZMB"]),
        # a party nobody targeted answers no one, and what the act's words say its target did answers nothing
        ("Zambia imposed tariffs on Malawian sugar on Monday, and Tanzania warned of countermeasures.",
         "THREATEN", []),
        ("Zambian police arrested a Malawian trader for allegedly making a false accusation.", "ACCUSE", []),
    ],
)
def test_an_act_naming_no_one_takes_its_target_from_an_earlier_act_of_its_sentence(run, text, event, recipients):
    act = _first(run, text, event)
    assert sorted(r.code for r in act.recipient if r.code) == recipients


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,accusations",
    [
        ("A man accused of killing his neighbour in Enugu was remanded in custody on Monday.", 0),
        ("Okafor is accused of stabbing a trader at a market in Onitsha on March 3.", 0),
        # with the accuser named it is an accusation
        ("The minister was accused by the opposition of lying to parliament.", 1),
        ("Kenya accused Uganda of spying on Monday.", 1),
    ],
)
def test_an_agentless_accused_of_describes_a_suspect(run, text, accusations):
    assert _count(run, text, "ACCUSE") == accusations


@pytest.mark.slow
def test_a_country_accused_with_no_accuser_is_still_accused(run):
    events = [e for e in run("Zubrovia was accused of supplying drones to the rebels.", date="2024-03-10").events
              if e.event == "ACCUSE"]
    assert len(events) == 1 and events[0].actor == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,accusations",
    [
        # the police investigating a crime accuse no one
        ("Police are investigating after two bodies were found on a beach near Mombasa.", 0),
        ("Detectives in Leeds are investigating the stabbing of a teenager outside a takeaway.", 0),
        # an inquiry into a named party, by prosecutors, or opened (the noun) still is one
        ("Police are investigating Okafor over the missing funds.", 1),
        ("Federal prosecutors are investigating the mayor of Springvale over bribes.", 1),
        ("Police in Kano have launched an investigation into the attack on a mosque.", 1),
        ("Police in Kano launched a probe into the attack on a mosque.", 1),
        # a missing person's complaint accuses no one; a complaint against someone does
        ("Her family lodged a missing person complaint at the Kitwe police station on Monday.", 0),
        ("The opposition lodged a complaint against the governor with the anti-graft agency.", 1),
    ],
)
def test_police_investigating_a_crime_is_no_accusation(run, text, accusations):
    assert _count(run, text, "ACCUSE") == accusations


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,recipient",
    [
        ("Protesters in Lusaka called for the Zambian interior minister to resign.", "ZMB"),
        ("The opposition called for the Malawian army to withdraw from the capital.", "MWI"),
        ("Unions in Lagos called on the Nigerian government to release the detained leaders.", "NGA"),
    ],
)
def test_a_call_for_someone_to_act_is_a_request_to_them(run, text, recipient):
    """'called for X to resign': the parser makes 'for' the mark of the infinitive; the call is
    the event and X its recipient, and the demanded act is not coded as done."""
    events = run(text, date="2024-03-10").events
    assert [e.event for e in events] == ["REQUEST"]
    assert recipient in [r.code for r in events[0].recipient]


@pytest.mark.slow
def test_a_call_for_a_resignation_is_a_request(run):
    events = run("Two senators joined civic groups in calling for the minister's resignation.", date="2024-03-10").events
    assert [e.event for e in events] == ["REQUEST"]


@pytest.mark.slow
def test_he_never_stands_for_an_organisation(run):
    text = ("Sergeant Okoro was killed in Borno while fighting Boko Haram. After his training he joined "
            "the 7th Division in Maiduguri, where he arrested two smugglers in 2019.")
    arrests = [e for e in run(text, date="2024-03-10").events if e.event == "COERCE"]
    assert arrests and all(a.name != "Boko Haram" and a.sector != "REB" for a in arrests[0].actor)


@pytest.mark.slow
def test_a_trigger_the_rules_declined_is_not_proposed_again(full_pipeline):
    """'police are investigating after ...' is no event by the rules; the open proposer must not
    hand the same verb to the classifier, which would type it again."""
    from dotterel import Document, Pipeline

    names = full_pipeline.names
    upto = Pipeline(list(full_pipeline.stages[: names.index("events") + 1]))  # no classifier yet
    doc = upto(Document.from_text("Police are investigating after two bodies were found on a beach near Mombasa.",
                                  date="2024-03-10"))
    assert doc.events == []
    doc = upto(Document.from_text("Police in Mombasa shuttered three bars near the beach on Monday.",
                                  date="2024-03-10"))
    assert [e.evidence.get("cls") for e in doc.events] == ["open"]  # the proposer still works here



@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The Kenyan army attended Mass at the cathedral in Nairobi on Sunday.",
    "The Nigerian navy released turtles into the lagoon at Badagry.",
])
def test_a_sense_the_lexicon_switches_off_is_not_proposed_again(full_pipeline, text):
    """A lexicon row that rules a sense out ('attended Mass', 'released turtles': a light row
    with no type under a condition) is a judgement of the rules, as a declined candidate is:
    the open proposer must not hand the verb to the classifier, which would type it again."""
    from dotterel import Document, Pipeline

    names = full_pipeline.names
    upto = Pipeline(list(full_pipeline.stages[: names.index("events") + 1]))  # no classifier yet
    assert upto(Document.from_text(text, date="2024-03-10")).events == []

@pytest.mark.slow
@pytest.mark.parametrize(
    "text,threats",
    [
        # a warning of a danger threatens no one
        ("Police in Lusaka are warning residents about a rise in phone scams.", 0),
        ("Police warned motorists of icy roads on Sunday.", 0),
        # a warning of consequences, of a sanction, or a warning off, is a threat
        ("Zambia warned Malawi of consequences over the border raids.", 1),
        ("Zambia warned Malawi of further sanctions.", 1),
        ("Zambia warned Malawi against any incursion.", 1),
        ("Zambia warned Malawi that it would retaliate.", 1),
    ],
)
def test_a_warning_of_a_danger_is_no_threat(run, text, threats):
    assert _count(run, text, "THREATEN") == threats


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,attacks",
    [
        ("Two people were killed in a road accident near Kisumu on Sunday.", 0),
        ("Police said the man killed in a single-vehicle crash near Kisumu was a farmer.", 0),
        ("A woman was killed in a house fire in Ndola on Friday.", 0),
        ("Two soldiers were killed in a roadside bomb attack in Kidal.", 1),
        ("A man was killed in a shooting in Lagos.", 1),
        ("A cyclist was killed in a hit-and-run on the Ndola road on Sunday.", 0),
        ("A man was killed in a hit on a Lusaka street, police said.", 1),
        # an accident the verbs tell
        ("Zambia's defence minister was killed when his helicopter crashed in fog near Mansa.", 0),
        ("A bus carrying pilgrims plunged into a ravine in Kenya on Wednesday, killing 17 people.", 0),
        ("Two soldiers were killed when their vehicle hit a roadside bomb in Kidal.", 1),
        ("A building in Kidal collapsed after an air strike, killing 12 people.", 1),
    ],
)
def test_killed_in_an_accident_is_no_attack(run, text, attacks):
    assert _count(run, text, "ASSAULT") == attacks


@pytest.mark.parametrize(
    "text, event, count",
    [
        # people named by what was done to them: no act of the sentence's own
        ("The ministry said those expelled were intelligence officers working under cover.", "SANCTION", 0),
        ("The ministry said those expelled were intelligence officers working under cover.", "COERCE", 0),
        ("Relatives of those killed in the floods gathered at the church on Sunday.", "ASSAULT", 0),
        # ... the act itself, or a relative clause about it, stays
        ("Police arrested those who attacked the convoy on Monday.", "COERCE", 1),
        ("Gunmen killed those guarding the depot.", "ASSAULT", 1),
        # a judgement in the passive with 'as' and no one who passes it: a description
        ("The ceremony honoured a Ghanaian migrant hailed as a hero for stopping a thief.", "SUPPORT", 0),
        ("The border police has long been criticised as too small for the country.", "ACCUSE", 0),
        # ... with its judge named, or active, it is one
        ("The law was condemned as draconian by rights groups.", "ACCUSE", 1),
        ("Critics condemned the law as draconian.", "ACCUSE", 1),
    ],
)
def test_people_named_by_an_act_or_a_judgement_no_one_passes_report_no_act(run, text, event, count):
    """A participle on 'those' names people (`_people_named_by_it`); a passive judgement with
    'as' and no judge describes (`_characterised_by_no_one`)."""
    assert _count(run, text, event) == count


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,victims",
    [
        ("Two villagers died in an Israeli airstrike on the town.", "Two villagers"),
        ("Three soldiers lost their lives in the attack on the base.", "Three soldiers"),
        ("A policeman died in an attack by militants in Quetta.", "A policeman"),
    ],
)
def test_who_died_in_an_attack_is_struck_by_it_not_its_doer(run, text, victims):
    """'two villagers died in an airstrike': the subject of a verb of dying is who the harm named
    after 'in' struck (the recipient), never the one who did it (the actor, as it had been)."""
    attacks = [e for e in run(text, date="2024-03-10").events if e.event == "ASSAULT"]
    assert attacks, run(text, date="2024-03-10").events
    assert all(victims not in [a.text for a in e.actor] for e in attacks), attacks
    assert any(victims in [r.text for r in e.recipient] for e in attacks), attacks


def test_losing_tanks_in_an_attack_is_no_casualty(run):
    """'lose' is a verb of dying only with 'life': in 'the rebels lost two tanks in an attack on
    the army base' the rebels still attack."""
    (attack,) = [e for e in run("The rebels lost two tanks in an attack on the army base.").events
                 if e.event == "ASSAULT"]
    assert [a.text for a in attack.actor] == ["The rebels"]
    assert [r.text for r in attack.recipient] == ["the army base"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,bearer",
    [
        ("Officers found a 24-year-old man lying in a car park with gunshot wounds to his chest on Sunday.",
         "a 24-year-old man"),
        ("A 16-year-old boy was treated for a stab wound to the leg after a fight in Kumasi.", "A 16-year-old boy"),
        ("Police found a man suffering from a gunshot wound on Oak Street early on Sunday.", "a man"),
        ("The driver later died of his wounds in hospital.", None),
    ],
)
def test_a_wound_dealt_with_a_weapon_is_an_attack_on_who_bears_it(run, text, bearer):
    """'found a man with gunshot wounds': an attack (its weapon named), on the man, by no one
    the clause names (the officers found him); a wound with no weapon named is no new event."""
    doc = run(text, date="2024-03-10")
    attacks = [e for e in doc.events if e.event == "ASSAULT" and e.trigger[0].text.startswith("wound")]
    if bearer is None:
        assert attacks == []
        return
    assert [[r.text for r in e.recipient] for e in attacks] == [[bearer]]
    assert not any(a.text in ("Officers", "Police") for e in attacks for a in e.actor)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,actor",
    [
        ("A Kumasi judge sentenced Kofi Mensah to 18 years in prison on Thursday for the 2021 shooting death "
         "of a man outside a nightclub.", "Kofi Mensah"),
        ("Police in Accra are investigating the stabbing death of a 23-year-old trader.", None),
    ],
)
def test_a_shooting_or_stabbing_death_is_an_attack(run, text, actor):
    """'the shooting death of X' (local news' phrase): an attack on X, by the one a court holds
    for it; a death alone ('the death of the former president') is none."""
    doc = run(text, date="2024-03-10")
    attacks = [e for e in doc.events if e.event == "ASSAULT" and e.trigger[0].text == "death"]
    assert len(attacks) == 1 and attacks[0].recipient
    if actor:
        assert [a.text for a in attacks[0].actor] == [actor]
    doc = run("The death of the former president was announced on Monday.", date="2024-03-10")
    assert not [e for e in doc.events if e.event == "ASSAULT"]


@pytest.mark.slow
def test_only_personal_pronouns_stand_for_the_speaker(run):
    """'X said ... all those wrongfully imprisoned': 'those' is not the speaker (it was, and the
    speaker became the one imprisoned); 'it' in reported speech still is."""
    doc = run("Amnesty International said Zubrovia should release all those wrongfully imprisoned.", date="2024-03-10")
    assert not any(r.code == "AMN" for e in doc.events for r in e.recipient)
    doc = run("Kenya said it would deploy troops to the border with Somalia.", date="2024-03-10")
    assert [a.code for e in doc.events for a in e.actor][:1] == ["KEN"]


def _count(run, text: str, event: str) -> int:
    """How many events of one type the rules code in a made-up sentence."""
    return len([e for e in run(text, date="2024-03-10").events if e.event == event])


def _first(run, text: str, event: str):
    """The first event of one type the rules code in a made-up sentence (the test fails if none)."""
    found = [e for e in run(text).events if e.event == event]
    assert found, f"no {event} in {text!r}"
    return found[0]


@pytest.mark.slow
def test_who_inquires_into_an_attack_is_not_its_doer(run):
    doc = run("Police in Kano launched a probe into the attack on a mosque.", date="2024-03-10")
    assert not any(a.sector == "COP" for e in doc.events if e.event == "ASSAULT" for a in e.actor)
    doc = run("The Malawian army launched an attack on rebel positions near Mzuzu.", date="2024-03-10")
    assert [a.code for e in doc.events if e.event == "ASSAULT" for a in e.actor] == ["MWI"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The Zambian opposition leader pleaded with the president to release the detained journalists.",
        "The Zambian opposition leader begged the president to release the detained journalists.",
        "The Zambian opposition leader urged the president to release the detained journalists.",
    ],
)
def test_what_a_plea_asks_for_is_not_done_by_the_pleader(run, text):
    """The release is what is asked: no RETREAT (done) or AGREE (promised) by the one who asks,
    also when the parser makes the infinitive a purpose clause ('pleaded with X to release')."""
    doc = run(text, date="2024-03-10")
    assert [(e.event, [r.text for r in e.recipient]) for e in doc.events] == [("REQUEST", ["the president"])]


@pytest.mark.slow
def test_a_package_of_sanctions_is_one_sanction_on_its_target(run):
    """'approved a package of sanctions on X': the package holds the event noun (as 'a round of
    talks' does) and is no recipient; no SUPPORT of the package is coded beside it."""
    doc = run("European Union foreign ministers approved a new package of sanctions on Belarus.", date="2024-03-10")
    assert [(e.event, [r.code for r in e.recipient]) for e in doc.events] == [("SANCTION", ["BLR"])]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Germany expelled two Russian diplomats over the poisoning of a journalist in Berlin.",
        "Thousands marched in Nairobi after the killing of a student by police.",
    ],
)
def test_who_reacts_to_a_harm_is_not_its_doer(run, text):
    """A harm named after 'over' or 'after' is what the clause reacts to: neither Germany nor
    the marchers did it."""
    doc = run(text, date="2024-03-10")
    attacks = [e for e in doc.events if e.event == "ASSAULT"]
    assert attacks and not any(a.text in ("Germany", "Thousands", "(protesters)") for e in attacks for a in e.actor), attacks


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The government imposed a curfew in the capital amid protests over fuel prices.",
        "The provincial governor resigned on Friday after weeks of protests against his rule.",
    ],
)
def test_who_acts_amid_or_after_protests_is_not_the_protester(run, text):
    """'imposed a curfew amid protests': the government reacts to the protests; they are not
    its own (the unnamed protesters are)."""
    doc = run(text, date="2024-03-10")
    protests = [e for e in doc.events if e.event == "PROTEST"]
    assert protests and all(a.sector == "CVL" for e in protests for a in e.actor), protests


@pytest.mark.slow
def test_the_occasion_of_an_act_is_no_party_to_it(run):
    """'freed the prisoners on the eve of ...', 'met ... on the sidelines of a summit': when, or
    at which gathering, not to whom."""
    doc = run("The Vietnamese authorities freed 11 political prisoners on the eve of a visit by the president "
              "to France.", date="2024-03-10")
    freed = [e for e in doc.events if e.trigger[0].text == "freed"]
    assert freed and not any("eve" in r.text for e in freed for r in e.recipient), freed


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Police in Kericho arrested two men over the killing of a Somali national.", "a Somali national"),
        ("Lawyers marched in Harare after the abduction of a judge on Monday.", "a judge"),
        ("Police in Kisumu arrested a man over the murder of a radio presenter.", "a radio presenter"),
        ("Villagers in Kano marched after the abduction of a local landowner.", "a local landowner"),
    ],
)
def test_a_harm_to_a_person_named_by_nationality_or_office_is_an_event(run, text, victim):
    """'the killing of a Somali national', 'the abduction of a judge': a word for people
    (`[agents] people`) or a title of the sector table after 'of' is the one harmed."""
    doc = run(text, date="2024-03-10")
    attacks = [e for e in doc.events if e.event == "ASSAULT"]
    assert [[r.text for r in e.recipient] for e in attacks] == [[victim]]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "accused", "harm"),
    [
        ("Dylan Okafor, 19, appeared in Ottawa court on Thursday charged with attempted murder in connection "
         "with a stabbing at a bus shelter.", "Dylan Okafor", "stabbing"),
        ("A Tema man was remanded in custody on Monday, charged over the shooting at a bar in Ashaiman.",
         "A Tema man", "shooting"),
    ],
)
def test_one_harm_a_legal_action_holds_someone_for_took_place(run, text, accused, harm):
    """'charged ... in connection with a stabbing at a bus shelter': one act named as the
    grounds of a charge or arrest took place, and the one held for it did it (a bare participle
    hung on the clause speaks of that clause's subject)."""
    doc = run(text, date="2024-03-10")
    attacks = [e for e in doc.events if e.event == "ASSAULT"]
    assert [(e.trigger[0].text, [a.text for a in e.actor]) for e in attacks] == [(harm, [accused])]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "A 31-year-old man was charged with murder on Friday.",
        "Police arrested the county treasurer on Monday over the theft of public funds.",
    ],
)
def test_a_charge_named_alone_is_no_act(run, text):
    """'charged with murder' names the offence, not one act; a theft held against an official is
    as often a fraud: neither is an attack of its own."""
    doc = run(text, date="2024-03-10")
    assert not [e for e in doc.events if e.event == "ASSAULT"], doc.events


@pytest.mark.slow
def test_a_bare_participle_of_a_harm_befalls_the_clause_subject(run):
    """'X appeared in court charged with ...': X is charged, by the courts; 'met the father,
    condoled with him' (a past tense tagged as a participle) keeps its doer."""
    doc = run("Dylan Okafor appeared in court on Thursday charged with the stabbing of a man.", date="2024-03-10")
    charged = [e for e in doc.events if e.trigger[0].text == "charged"]
    assert charged and all("Dylan Okafor" not in [a.text for a in e.actor] for e in charged), charged
    assert any("Dylan Okafor" in [r.text for r in e.recipient] for e in charged), charged
    doc = run("The army chief met the father of the slain student in Quetta and condoled with him.", date="2024-03-10")
    condoled = [e for e in doc.events if e.trigger[0].text == "condoled"]
    assert [[a.text for a in e.actor] for e in condoled] == [["The army chief"]]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "subject", "status"),
    [
        ("Four former bank executives went on trial in Lagos on Monday over a pension fraud.",
         "Four former bank executives", "occurred"),
        ("The two customs officers are on trial for taking bribes at the Tunduma border post.",
         "The two customs officers", "ongoing"),
        ("The former mayor, who has been on trial since March, told reporters he was innocent.",
         "The former mayor", "ongoing"),
    ],
)
def test_going_or_being_on_trial_is_a_legal_step_the_subject_undergoes(run, text, subject, status):
    """'went on trial', 'are on trial': the courts (COERCE, legal) act on the subject, as in
    'will stand trial'; in the present it is a state that goes on."""
    doc = run(text, date="2024-03-10")
    trial = [e for e in doc.events if e.event == "COERCE"]
    assert len(trial) == 1, doc.events
    assert [a.text for a in trial[0].actor] == ["(judicial authorities)"]
    assert [r.text for r in trial[0].recipient] == [subject]
    assert trial[0].status == status


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The bill went on to pass the Senate by two votes.", None),
        ("Nurses in Kisumu went on strike on Monday over unpaid allowances.", "PROTEST"),
        ("The new tariff schedule is on the agenda for the trade talks.", None),
    ],
)
def test_a_copula_or_go_is_no_trial_without_one(run, text, event):
    """Only 'on trial' makes 'be' or 'go' a legal step: other phrases keep their own reading."""
    doc = run(text, date="2024-03-10")
    assert not [e for e in doc.events if e.event == "COERCE"], doc.events
    if event is not None:
        assert [e.event for e in doc.events] == [event]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event", "trigger", "status"),
    [
        ("Police in Mbale arrested 14 people on Friday over a mob attack at a cattle market.",
         "ASSAULT", "attack", "occurred"),
        ("Security forces detained the opposition leader on Monday ahead of a planned protest.",
         "PROTEST", "protest", "future"),
        ("The governor imposed a curfew in the town on Sunday after a week of protests.", "PROTEST", "protests", None),
        # a span counted in nights or weekends counts as one in days or weeks does
        ("The governor lifted the fuel levy on Sunday after three nights of protests in the north.",
         "PROTEST", "protests", "occurred"),
        ("Police arrested 40 people on Monday after a weekend of riots in the port city.", "PROTEST", "riots", "occurred"),
    ],
)
def test_an_attack_or_protest_that_the_clause_reacts_to_is_an_event(run, text, event, trigger, status):
    """'over a mob attack', 'ahead of a planned protest', 'after a week of protests': what the
    clause reacts to took place (or is planned), though the noun names no party of its own."""
    doc = run(text, date="2024-03-10")
    found = [e for e in doc.events if e.event == event]
    assert [e.trigger[0].text for e in found] == [trigger]
    if status:
        assert found[0].status == status


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Authorities cut mobile internet on Tuesday as protests erupted in the capital.", "PROTEST"),
        ("Demonstrations spread to three more cities in Kenya on Friday.", "PROTEST"),
    ],
)
def test_an_event_noun_that_erupts_or_resumes_happens(run, text, event):
    """'protests erupted', 'demonstrations spread': an event noun that is the subject of a verb
    of occurrence ([triggers] occurrence_verbs) took place."""
    doc = run(text, date="2024-03-10")
    assert event in [e.event for e in doc.events]


@pytest.mark.slow
def test_a_meeting_and_the_agreement_it_reached_are_two_events(run):
    """'met ... and agreed to set up': the meeting took place and the agreement is an event of
    its own; a visit and a meeting ('will visit X and meet Y') stay one."""
    doc = run("The foreign ministers of Kenya and Uganda met in Kampala on Monday and agreed to set up "
              "a joint border commission.", date="2024-03-10")
    assert sorted(e.event for e in doc.events) == ["AGREE", "CONSULT"]
    doc = run("The Kenyan foreign minister will visit Uganda next week and meet President Museveni.", date="2024-03-10")
    assert len(doc.events) == 1


@pytest.mark.slow
def test_an_attack_told_before_is_not_coded_again(run):
    """'after the attack': a definite article names an attack the story has told already."""
    doc = run("The president addressed the nation on Sunday after the attack.", date="2024-03-10")
    assert not any(e.event == "ASSAULT" for e in doc.events)


@pytest.mark.slow
def test_the_shooting_of_a_film_is_no_attack(run):
    """Only a person or a group after 'of' makes a harm noun an event with a victim."""
    doc = run("The film crew in Toronto finished the shooting of the final scene.", date="2024-03-10")
    assert not any(e.event == "ASSAULT" for e in doc.events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Kenya rejected a request from Uganda to allow Ugandan trucks to use the port of Mombasa.",
        "Zambia turned down Malawi's offer to reopen the border crossing at Mchinji.",
    ],
)
def test_what_a_request_or_offer_noun_asks_is_not_done(run, text):
    """'a request to allow ...', 'an offer to reopen ...': the noun's infinitive is its content,
    not a RETREAT that happened (nor one done by the request)."""
    doc = run(text, date="2024-03-10")
    assert not any(e.event == "RETREAT" for e in doc.events), doc.events


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, kept",
    [
        ("Tanzania released 40 Kenyan fishermen from a Dar es Salaam prison on Monday.", ["released"]),
        ("Egypt freed the two reporters from Tora jail on Sunday after a presidential pardon.", ["freed"]),
        # an arrest with its own 'of' did happen, whatever 'from' it follows
        ("The lawsuit stems from the arrest of a Nigerian journalist in Lagos in 2021.", ["arrest"]),
    ],
)
def test_custody_one_leaves_is_no_detention(run, text, kept):
    """'released from a Karachi jail': the jail is the state left, not a second event; a place
    before it ('a Dar es Salaam prison') is where, not who."""
    doc = run(text, date="2024-03-10")
    assert [t.text for e in doc.events for t in e.trigger] == kept, doc.events


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, trigger, actor",
    [
        ("Norway gave Malawi $5 million on Friday, adding to the $8 million it donated last year.", "donated", "NOR"),
        ("Bahrain cut ties with Qatar, which it accused of funding militant groups.", "accused", "BHR"),
    ],
)
def test_it_in_a_relative_clause_is_the_clause_subject(run, text, trigger, actor):
    """'the $8 million it donated': a pronoun subject of a relative clause stands for the
    sentence's subject, not for the nearest name (Malawi, Qatar)."""
    doc = run(text, date="2024-03-10")
    found = [e for e in doc.events if trigger in [t.text for t in e.trigger]]
    assert found and [a.code for a in found[0].actor] == [actor], doc.events


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, recipient",
    [
        ("Latvia on Monday ordered a Belarusian diplomat to leave within three days, accusing him of spying.", "BLR"),
        ("Estonia expelled two Russian diplomats on Friday, accusing them of interfering in its affairs.", "RUS"),
        # "it" is a thing or a country, not the person named as the object
        ("Peru recalled its ambassador from Bolivia, accusing it of meddling.", "BOL"),
    ],
)
def test_the_object_of_a_participle_clause_is_the_main_clauses_object(run, text, recipient):
    """'expelled two diplomats, accusing them of ...': 'them' are the diplomats; before, the
    pronoun took the country of the event (the expelling country)."""
    doc = run(text, date="2024-03-10")
    accused = [e for e in doc.events if e.event == "ACCUSE"]
    assert accused and [r.code for r in accused[0].recipient] == [recipient], doc.events


@pytest.mark.slow
def test_the_author_of_a_thing_rejected_or_condemned_receives_it_but_not_of_people(run):
    """'rejected the plan drawn up by Kenya': Kenya's plan is rejected, so Kenya receives the
    REJECT; in 'condemned the men arrested by Ugandan police' the men, not the police, are
    condemned."""
    doc = run("Rwanda rejected the plan drawn up by Kenya on Monday.", date="2024-03-10")
    assert [r.code for e in doc.events if e.event == "REJECT" for r in e.recipient] == ["KEN"]
    doc = run("Kenya condemned the men arrested by Ugandan police.", date="2024-03-10")
    condemned = [e for e in doc.events if e.event == "ACCUSE"]
    # the men may take Uganda, the article's country, as a party with no country of its own does
    assert condemned and [r.text for e in condemned for r in e.recipient] == ["the men"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, event, parties",
    [
        # a town that alone modifies an event noun says where it happened; the parties are elsewhere
        ("The Doha agreement, signed by the United States and the Taliban in 2020, set a timeline.",
         "SUPPORT", {"USA", "AFG"}),
        ("The Minsk agreements were signed by Russia and Ukraine in 2015.", "SUPPORT", {"RUS", "UKR"}),
        # two towns, or a possessive, still name the parties
        ("The Washington-Beijing talks ended without a deal on Friday.", "CONSULT", {"USA", "CHN"}),
        ("Moscow's offensive in the east continued on Monday.", "ASSAULT", {"RUS"}),
    ],
)
def test_a_town_naming_an_event_is_where_it_happened_not_a_party(run, text, event, parties):
    doc = run(text, date="2024-03-10")
    found = [e for e in doc.events if e.event == event]
    assert found, doc.events
    assert all({a.code for a in (*e.actor, *e.recipient) if a.code} <= parties for e in found), doc.events
    assert any({a.code for a in e.actor} == parties for e in found), doc.events


@pytest.mark.slow
def test_a_speakers_own_must_asks_nothing_of_anyone(run):
    """'"We must stand together," the president said' is no request (before, the president
    asked it of himself); 'the opposition must accept the result' still is one."""
    for text in ('"We must stand together against terrorism," the president said on Monday.',
                 '"I should have acted sooner," the minister said on Monday.'):
        assert not [e for e in run(text, date="2024-03-10").events if e.event == "REQUEST"], text
    doc = run("The president said on Monday the opposition must accept the election result.", date="2024-03-10")
    asked = [e for e in doc.events if e.event == "REQUEST"]
    assert asked and [r.text for r in asked[0].recipient] == ["the opposition"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Russian forces withdrew from the western bank of the river on Friday.", "RETREAT"),
        ("The rebels withdrew from the town on Tuesday night.", "RETREAT"),
        ("Burkina Faso withdrew from the regional bloc on Sunday.", "SANCTION"),
        ("Peru withdrew from the trade agreement in March.", "SANCTION"),
        ("Norway withdrew its ambassador from Tehran on Monday.", "SANCTION"),
    ],
)
def test_withdrawing_from_a_place_is_a_retreat_and_from_an_organisation_a_sanction(run, text, event):
    """PLOVER: forces leaving a place retreat; a state leaving a bloc or an agreement, or
    recalling its envoy, sanctions."""
    doc = run(text, date="2024-03-10")
    assert [e.event for e in doc.events] == [event]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "requests"),
    [
        ("Ghana's finance ministry said it must cut spending to meet the targets.", 0),
        ("Ghana's finance ministry said the central bank must cut its lending rate.", 1),
        ("The foreign minister, Ana Torres, said she should have acted sooner.", 0),
        # news a party must tell is told, not asked for; what one must explain is asked
        ('A spokesman said: "With sadness the Ministry of Defence must confirm that a soldier was killed."', 0),
        ("The opposition said the Kenyan government must explain why the funds were missing.", 1),
    ],
)
def test_what_the_speaker_says_it_must_do_itself_is_no_request(run, text, requests):
    """'X said it must act': X's own resolve, asked of no one; 'X said Y must act' asks Y."""
    doc = run(text, date="2024-03-10")
    assert sum(e.event == "REQUEST" for e in doc.events) == requests


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Taiwan scrambled fighter jets on Monday after bombers flew near the island.", "MOBILIZE"),
        ("Russia annexed two provinces of its neighbour in 2022.", "COERCE"),
        ("Washington designated the militia a terrorist organisation on Friday.", "SANCTION"),
        ("The prime minister nominated the president for the Nobel Peace Prize on Thursday.", "SUPPORT"),
        ("Angry residents barricaded roads in the township on Monday.", "PROTEST"),
        ("Hundreds of farmers have been camped outside the ministry for a week.", "PROTEST"),
        ("The interior minister apologised on Friday to the families of the miners.", "CONCEDE"),
        ("The regional bloc suspended Guinea from all its activities on Monday.", "SANCTION"),
        ("The development bank halted new lending to Malawi on Tuesday.", "SANCTION"),
        ("The militia has handed in its weapons to the army.", "RETREAT"),
        ("Tanzania expelled two senior UN officials on Thursday.", "SANCTION"),
        ("Seoul banned imports of fish from the region on Thursday.", "SANCTION"),
        ("Tokyo tightened controls on exports of chip materials on Monday.", "SANCTION"),
        ("Students occupied the rector's office on Tuesday.", "PROTEST"),
        ("A magistrate granted bail to twelve opposition activists on Monday.", "RETREAT"),
        ("The ministry teamed up with the Red Cross in Malawi to vaccinate cattle.", "COOPERATE"),
        ("The brothers' clan vowed revenge at the funeral in Kismayo.", "THREATEN"),
        ("The last peacekeepers left their base near Gao on Tuesday.", "RETREAT"),
        ("Gunmen seized a district officer near Ekiti on Friday.", "ASSAULT"),
        ("The navy seized the disputed island in 1974.", "ASSAULT"),
        ("Customs officers seized two tonnes of cocaine on Monday.", "COERCE"),
        ("Spain handed back to Peru two gold masks taken from a tomb.", "RETREAT"),
        ("The development bank approved a $200 million loan for Malawi on Wednesday.", "AID"),
        ("Tehran on Friday ruled out any talks over its drone programme.", "REJECT"),
        ("Parliament voted down an opposition motion on Wednesday.", "REJECT"),
        ("The constitutional court struck down the new press law on Monday.", "COERCE"),
        ("A magistrate in Lusaka denied bail to three activists on Monday.", "COERCE"),
        ("The anti-graft court froze the bank accounts of a former governor.", "COERCE"),
        ("The media regulator revoked the accreditation of two foreign reporters.", "COERCE"),
        ("A high court restrained the party from expelling its chairman.", "COERCE"),
        ("Police in Accra worked together with Togolese detectives to find the suspect.", "COOPERATE"),
        ("Asmara ordered the mobilisation of all reservists under 50 on Wednesday.", "MOBILIZE"),
        ("Motorcycle taxi riders blocked the airport road for a second day on Tuesday.", "PROTEST"),
        ("The anti-graft commission found that the governor had diverted relief funds.", "ACCUSE"),
        ("The Netherlands sent 18 howitzers to Ukraine on Monday.", "AID"),
        # idioms of the press: a petition to a court, criticism "taken" at someone
        ("The Kerala government moved the Supreme Court against the Centre on Monday.", "ACCUSE"),
        ("Uganda's opposition leader took a swipe at the president over corruption.", "ACCUSE"),
        ("The Nigerian senator flayed the governor over the unpaid salaries.", "ACCUSE"),
        ("US senators grilled the Pentagon chief over the withdrawal.", "ACCUSE"),
        ("The CBI quizzed the former minister for six hours on Monday.", "ACCUSE"),
        ("Protesters gheraoed the district collector's office in Patna.", "PROTEST"),
        ("Traders observed a bandh in Srinagar on Friday.", "PROTEST"),
        ("Farmers began an indefinite dharna outside the Punjab assembly on Monday.", "PROTEST"),
        ("The union leader upbraided the minister for the unpaid wages.", "ACCUSE"),
        ("The governor chided the lawmakers in Lagos over the budget delay.", "ACCUSE"),
        ("The Ghanaian minister paid a courtesy visit to the governor of Kaduna.", "CONSULT"),
    ],
)
def test_words_the_corpus_reports_events_with(run, text, event):
    doc = run(text, date="2024-03-10")
    assert [e.event for e in doc.events] == [event]


def test_a_case_moved_to_a_court_is_no_petition(run):
    assert run("The trial of the Kenyan activists moved to a military court in March.", date="2024-03-10").events == []


@pytest.mark.slow
@pytest.mark.parametrize("text", ["The army camped near the river.", "The council designated the site a heritage area.",
                                  "The studio nominated its film for an award."])
def test_the_same_words_in_another_sense_report_none(run, text):
    assert run(text, date="2024-03-10").events == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("Teachers marched in Lusaka on Friday to demand the release of two colleagues held without charge.",
         ("COERCE", "two colleagues")),
        ("The union called for the release of the journalists who were arrested in May.",
         ("COERCE", "the journalists")),
        ("Kenya asked Ethiopia to withdraw troops stationed near the border.", None),
    ],
)
def test_a_harm_told_inside_what_is_asked_for_took_place(run, text, told):
    """What a request asks for is no event of its own, but a clause that tells what was done
    to one of its people is a fact ('the release of two colleagues held without charge')."""
    doc = run(text, date="2024-03-10")
    facts = [(e.event, r.text) for e in doc.events if e.event != "REQUEST" and e.event != "PROTEST"
             for r in e.recipient]
    assert facts == ([told] if told else [])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("The fishermen have been held since August, their families said.", "The fishermen"),
        ("Two men held over killing of shopkeeper in Eldoret", "Two men"),
        ("Police said three suspects were being held at the central station.", "three suspects"),
        ("Talks were held in Doha on Monday.", None),
        ("The minister was held responsible for the delays.", None),
    ],
)
def test_people_held_are_in_custody(run, text, held):
    """'Held' with people as its undergoer (its passive subject, or the noun it describes in a
    headline) is custody; talks held, or a minister held responsible, are not."""
    doc = run(text, date="2024-03-10")
    custody = [[r.text for r in e.recipient] for e in doc.events if e.event == "COERCE" and e.trigger[0].text == "held"]
    assert custody == ([[held]] if held else [])


@pytest.mark.slow
def test_the_harm_an_accusation_blames_someone_for_took_place(run):
    """'blamed X for the attacks on two cargo ships': the attacks happened (by someone the
    sentence does not establish); 'blamed X for the violence' names no target and no victim."""
    doc = run("Washington blamed Tehran for Thursday's attacks on two cargo ships in the Red Sea.", date="2024-03-10")
    assert sorted(e.event for e in doc.events) == ["ACCUSE", "ASSAULT"]
    doc = run("The governor blamed bandits for the killing of six farmers near Gusau.", date="2024-03-10")
    assert [[r.text for r in e.recipient] for e in doc.events if e.event == "ASSAULT"] == [["six farmers"]]
    assert [e.event for e in run("Kenya blamed the opposition for the violence.", date="2024-03-10").events] == ["ACCUSE"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Police in Harare fired tear gas to break up a protest over unpaid wages.",
        "The killing of a local chief set off protests across the district.",
    ],
)
def test_a_protest_broken_up_or_set_off_took_place_by_protesters(run, text):
    """The object of 'break up', 'set off', 'spark' (`[triggers] outbreak_verbs`) took place;
    neither the police nor the killing protested."""
    doc = run(text, date="2024-03-10")
    protests = [e for e in doc.events if e.event == "PROTEST"]
    assert protests and not any(a.text.startswith(("Police", "The killing")) for e in protests for a in e.actor)


def test_an_outbreak_verb_without_an_attack_or_protest_codes_nothing(run):
    assert run("The government sparked anger with the new tax.", date="2024-03-10").events == []



@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president left Lusaka on Friday after a two-day visit.",
        "The ministry banned smoking in public offices on Monday.",
        "The clerk kept withdrawing his late aunt's pension for three years.",
        "Two rockets struck down a power line near the airport.",
    ],
)
def test_the_same_words_without_their_condition_are_no_such_event(run, text):
    assert not any(e.event in ("RETREAT", "SANCTION") for e in run(text, date="2024-03-10").events)


@pytest.mark.slow
def test_what_a_gerund_after_without_tells_did_not_happen(run):
    """'The talks ended without agreeing on a ceasefire': the agreement is negated, the talks took place."""
    doc = run("Talks between Sudan and Chad ended in Doha without agreeing on a ceasefire.", date="2024-03-10")
    assert sorted((e.event, e.status) for e in doc.events) == [("AGREE", "negated"), ("CONSULT", "occurred")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "accuses"),
    [
        ("Zambia said a rebel faction was behind the attack on the border post.", True),
        ("The minister said Ghana was behind the peace talks.", False),
        # a wrong done by a party, in reported speech
        ("The teachers' union said the education ministry had ignored its demands for months.", True),
        ("The senator said the state government had abandoned flood victims in the delta.", True),
        ("Engineers said the pump had failed on Monday.", False),
        ("The minister said the ministry had not ignored the warnings.", False),
    ],
)
def test_saying_someone_was_behind_a_harm_accuses_them(run, text, accuses):
    """'X said Y was behind the attack' accuses Y as 'was responsible for' does, and so does
    'X said Y had ignored its demands' ([triggers] wrongdoing_verbs); being behind talks is no
    harm, and a machine failing or a denied wrong accuses no one."""
    doc = run(text, date="2024-03-10")
    assert any(e.event == "ACCUSE" for e in doc.events) is accuses


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "supports"),
    [
        ("The Ghanaian envoy said Togo's decision to reopen the border was appropriate.", True),
        ("The Ghanaian envoy said Togo's decision to reopen the border was not appropriate.", False),
        # only asked about, not judged
        ("Ghana said its envoy would study whether Togo's decision to reopen the border was appropriate.", False),
    ],
)
def test_praise_in_reported_speech_supports(run, text, supports):
    """'X said Y's decision was appropriate' supports Y, as 'was illegal' condemns; not negated,
    not a question ('whether it was appropriate')."""
    doc = run(text, date="2024-03-10")
    assert any(e.event == "SUPPORT" for e in doc.events) is supports



@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "accused", "others"),
    [
        ("'It is disgraceful for the port authority to ignore the fishermen,' a Wexford councillor said.",
         "the port authority", []),
        ("The Senegalese envoy said it was unacceptable that the tribunal had ignored the evidence.",
         "the tribunal", []),
        # the judged act stays an event of its own when it is one
        ("The bishop said it was unacceptable that soldiers had shot at villagers near Bunia.",
         "soldiers", ["ASSAULT"]),
    ],
)
def test_a_judgement_of_what_it_stands_for_accuses_the_clause_subject(run, text, accused, others):
    """'X said it was unacceptable for Y to ...' / '... that Y had ...': X condemns Y (the
    subject of the clause the anticipatory 'it' stands for), never X itself; a wrong that is
    no PLOVER act ('ignore') is the judgement's content, not an event of its own."""
    doc = run(text, date="2024-03-10")
    accusations = [e for e in doc.events if e.event == "ACCUSE"]
    assert len(accusations) == 1
    assert [r.text for r in accusations[0].recipient] == [accused]
    assert sorted(e.event for e in doc.events if e.event != "ACCUSE") == others

@pytest.mark.slow
def test_a_verb_the_parser_tags_as_an_adjective_still_triggers(run):
    """The small parser tags the second verb of 'will close the mission and expel ten
    diplomats' as an adjective; a word with a direct object is a verb all the same."""
    doc = run("Hungary will close the Slovak mission in Debrecen and expel ten diplomats.", date="2024-03-10")
    assert "SANCTION" in [e.event for e in doc.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Hanoi called the move unacceptable and demanded that it be withdrawn.", ["ACCUSE", "REQUEST"]),
        ("The minister called the Ghanaian president on Monday.", ["CONSULT"]),
        ("The opposition called the verdict 'a travesty of justice'.", ["ACCUSE"]),
        ("The envoy called the accord 'a breakthrough for the region'.", ["SUPPORT"]),
    ],
)
def test_calling_something_a_name_is_no_phone_call(run, text, event):
    """'called the move unacceptable': the parser hangs 'unacceptable' on the object as an
    adjective after it; that is naming (ACCUSE), not a call. A name in quotes it reads as the
    object's apposition ("called the verdict 'a travesty of justice'"): naming all the same, and
    what the name is decides praise or accusation."""
    assert [e.event for e in run(text, date="2024-03-10").events] == event


@pytest.mark.slow
def test_what_someone_is_kept_from_doing_is_no_event(run):
    """'restrained the party from expelling its chairman': the restraint is the event; the
    expulsion it prevents is none ([triggers] preventing_verbs)."""
    doc = run("A high court restrained the party from expelling its chairman.", date="2024-03-10")
    assert [e.trigger[0].text for e in doc.events] == ["restrained"]
    assert run("Riot police stopped the students from marching to the palace.", date="2024-03-10").events == []


@pytest.mark.slow
def test_dozens_of_requests_are_requests_and_a_complaint_with_someone_goes_to_them(run):
    """'made dozens of requests': the event noun after a quantity ([triggers] quantity_nouns);
    'lodged a complaint with the commission': the commission receives it, it does not join in
    ([roles] with_recipient_words)."""
    doc = run("The activist has made dozens of requests to the Ghanaian police for the files.", date="2024-03-10")
    assert [e.event for e in doc.events] == ["REQUEST"]
    doc = run("The Zambian opposition lodged a complaint with the electoral commission.", date="2024-03-10")
    assert [([a.text for a in e.actor], [r.text for r in e.recipient]) for e in doc.events] == [
        (["The Zambian opposition"], ["the electoral commission"])]


@pytest.mark.slow
@pytest.mark.parametrize("text", ["The kwacha arrested its slide against the dollar on Friday.",
                                  "A landslide blocked the main road to the capital for three days.",
                                  "The draft agreement calls for the two parties to share the revenue.",
                                  "Finance ministers struck a cautious tone on the new levy on Tuesday.",
                                  "A stray dog attacked a schoolgirl in a park in Kumasi.",
                                  "The mayor's office has been bombarded with calls from angry residents.",
                                  "Asked whether Ghana would send troops, the minister declined to comment.",
                                  "The safety bureau is investigating the cause of the derailment near Kisumu.",
                                  "The new levy, which is charged at 2 percent of each transfer, took effect on Monday.",
                                  "Farmers in the district are charged for irrigation water by the hour."])
def test_the_same_words_in_a_sense_that_reports_no_event(run, text):
    """A currency arresting its slide, a landslide blocking a road, what an agreement calls for, a
    tone struck, an animal's attack, an office bombarded with calls, a question put to a source,
    the inquiry into an accident, a price charged: no event."""
    assert run(text, date="2024-03-10").events == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, event, recipient",
    [
        # the object's possessor is the party, not a name in a phrase that hangs on the object
        ("Thailand supports Timor-Leste's bid for full ASEAN membership.", "SUPPORT", "TLS"),
        ("Portugal backed Morocco's autonomy plan for Western Sahara on Tuesday.", "SUPPORT", "MAR"),
        ("The minister condemned Russia's invasion of Ukraine on Monday.", "ACCUSE", "RUS"),
        # the author of an act named as the object receives: accepting an offer agrees with its maker
        ("Zambia rejected Malawi's demand for compensation on Monday.", "REJECT", "MWI"),
        ("Zambia accepted Malawi's offer of talks on Monday.", "AGREE", "MWI"),
        ("Zambia has not accepted a Kenyan offer of flood relief.", "AGREE", "KEN"),
        # 'the bloc' after an organisation is that organisation
        ("Guinea and Chad left the regional body on Sunday, accusing the bloc of serving foreign interests.",
         "ACCUSE", None),
        ("Chad announced its withdrawal from ECOWAS, accusing the bloc of ignoring its security needs.",
         "ACCUSE", "ECOWAS"),
        ("NATO ministers met in Oslo, and Belarus accused the alliance of provoking a crisis.", "ACCUSE", "NATO"),
        # 'with immediate effect' is how, not with whom
        ("The African Union suspended Guinea's membership with immediate effect on Tuesday.", "SANCTION", "GIN"),
        # whom the aid or the pledge helps receives it
        ("Korea donated $2 million on Monday to help Fiji rebuild a clinic.", "AID", "FJI"),
        ("Japan pledged on Monday to provide $3 billion to help Moldova repair its power grid.", "AGREE", "MDA"),
    ],
)
def test_recipients_named_by_possession_reference_or_purpose(run, text, event, recipient):
    doc = run(text, date="2024-03-10")
    found = [e for e in doc.events if e.event == event]
    assert found, doc.events
    assert [r.code for r in found[0].recipient if r.code] == ([recipient] if recipient else []), found[0]


@pytest.mark.slow
def test_the_help_a_donation_is_for_is_no_second_act_of_aid(run):
    doc = run("Norway gave $20 million on Monday to help Sudan feed refugees.", date="2024-03-10")
    aid = [e for e in doc.events if e.event == "AID"]
    assert len(aid) == 1 and [r.code for r in aid[0].recipient] == ["SDN"], doc.events
    # help that is the act itself still is one
    assert [e.event for e in run("Volunteers from Kenya helped Somali refugees on Sunday.", date="2024-03-10").events] == ["AID"]


@pytest.mark.slow
def test_cooperation_among_businesses_alone_is_no_event(run):
    for text in ("An Indian carmaker and a Japanese battery maker launched a partnership on Monday to make cells.",
                 "The carmaker signed a supply agreement with a Korean steel company on Monday."):
        assert not [e for e in run(text, date="2024-03-10").events
                    if e.event in ("COOPERATE", "AGREE", "SUPPORT")], text
    # with a government among the parties it is one
    doc = run("The mining company signed an agreement with the government of Guinea on Tuesday.", date="2024-03-10")
    assert [e.event for e in doc.events] == ["SUPPORT"]


@pytest.mark.slow
def test_a_business_acting_toward_no_one_or_toward_a_party_of_no_known_sector_is_commerce(run):
    for text in ("The retailer pledged on Monday to open 30 new stores next year.",
                 "The airline warned on Tuesday that engine repairs would keep six jets grounded.",
                 "The insurer rejected a takeover bid from a rival lender on Friday.",
                 "The telecom company signed a supply agreement with Zentrix Holdings on Monday.",
                 "A Japanese utility signed a supply agreement with Zentrix Holdings on Monday.",
                 # those it pledges to hire are no party to the pledge
                 "The company pledged on Monday to hire 200 seasonal workers at its new plant."):
        assert run(text, date="2024-03-10").events == [], text
    # a state's promise to hire stays one, made to no one
    (agree,) = run("The county council pledged on Monday to hire 200 more nurses.", date="2024-03-10").events
    assert agree.event == "AGREE" and agree.recipient == []
    # toward a state, a court or the public it acts politically
    for text, event in (("The oil company threatened on Monday to leave Nigeria if the new tax is passed.", "THREATEN"),
                        ("The mining company rejected the Zambian government's demand for higher royalties.", "REJECT"),
                        ("The telecom company donated 500 computers to schools in Kano on Monday.", "AID")):
        assert event in [e.event for e in run(text, date="2024-03-10").events], text


@pytest.mark.slow
@pytest.mark.parametrize("text, phrase, sector", [
    # private people of a country are its civilians, not its government
    ("A Japanese man criticised the verdict on Monday.", "A Japanese man", "CVL"),
    ("Two Chinese nationals accused the landlord of fraud.", "Two Chinese nationals", "CVL"),
    ("A Vietnamese fisherman criticised the verdict on Monday.", "A Vietnamese fisherman", "CVL"),
    ("A Kenyan scientist criticised the verdict on Monday.", "A Kenyan scientist", "CVL"),
    ("Israeli settlers criticised the verdict on Monday.", "Israeli settlers", "CVL"),
    # a nun or a pastor is the clergy's
    ("A Nigerian pastor criticised the verdict on Monday.", "A Nigerian pastor", "REL"),
    # the country, or a state noun of it, acts as its government
    ("Japan criticised the verdict on Monday.", "Japan", "GOV"),
    ("The Japanese side criticised the verdict on Monday.", "The Japanese side", "GOV"),
    # a utility, a consortium or a tycoon is a business; a regulator of one is the state's
    ("A Japanese utility criticised the verdict on Monday.", "A Japanese utility", "BUS"),
    ("A Turkish consortium criticised the verdict on Monday.", "A Turkish consortium", "BUS"),
    ("Kenya's energy regulator criticised the verdict on Monday.", "Kenya's energy regulator", "GOV"),
    # a junta that threatens is a government, not a gang
    ("The junta gave protesters a 48-hour ultimatum to leave the square.", "The junta", "GOV"),
    ("The state utility regulator criticised the verdict on Monday.", "The state utility regulator", "GOV"),
])
def test_a_country_acts_as_its_government_and_its_private_people_as_civilians(run, text, phrase, sector):
    (e,) = [a for ev in run(text, date="2024-03-10").events for a in ev.actor if a.text == phrase]
    assert e.sector == sector


@pytest.mark.slow
@pytest.mark.parametrize("text, event", [
    ("The opposition leader saluted the court's ruling on Tuesday.", "SUPPORT"),
    ("The Competition Commission fined the cement maker 3 million rand on Monday.", "COERCE"),
    ("Police halted the march in Kampala on Sunday.", "COERCE"),
])
def test_press_verbs_of_praise_penalty_and_policing(run, text, event):
    assert event in [e.event for e in run(text, date="2024-03-10").events], text


@pytest.mark.slow
def test_what_can_be_done_to_offenders_and_their_property_is_a_power_not_an_act(run):
    """'can be jailed and their property seized': the gapped passive shares the modal."""
    assert run("Offenders can be jailed for up to five years and their property seized.", date="2024-03-10").events == []
    # an act of its own beside a power still is one
    doc = run("Police can detain suspects for 48 hours and arrested five men on Monday.", date="2024-03-10")
    assert [e.event for e in doc.events] == ["COERCE"]


@pytest.mark.slow
def test_a_blaze_and_a_blamed_cause_are_no_events(run):
    """'A fire broke out in a clinic' is a blaze, not gunfire; 'blamed faulty wiring for the
    blaze' blames a cause and accuses no one. Gunfire with its party, a party blamed and a harm
    blamed on someone stay events."""
    for text in ("A fire broke out in a hospital in Kano on Monday, killing four patients, fire officials said.",
                 "Officials blamed faulty wiring for the blaze that killed nine people."):
        assert run(text, date="2024-03-10").events == [], text
    assert [e.event for e in run("Troops opened fire on protesters in Lome on Sunday.", date="2024-03-10").events] == ["ASSAULT"]
    for text in ("Kenya blamed Somalia for the raid on Monday.", "The government blamed the bombing on the militia."):
        assert "ACCUSE" in [e.event for e in run(text, date="2024-03-10").events], text


@pytest.mark.parametrize("text, trigger, acted_on", [
    ("The Chilean president cancelled a planned visit to Lima.", "cancelled", "CONSULT"),
    ("Dock workers in Mombasa called off their strike on Friday.", "called", "PROTEST"),
    ("Norway reduced humanitarian aid to Sudan.", "reduced", "AID"),
    # a verb that brings its object about is that event ([coder] causing_verbs)
    ("Police in Kampala reopened the inquiry into the killing of a lawyer.", "reopened", None),
    ("Biden ordered new tariffs on Brazilian steel.", "ordered", None),
    ("Chile imposed a curfew in Valparaiso.", "imposed", None),  # a light verb: the noun is the trigger
])
def test_an_act_on_another_event_names_that_events_type_for_the_classifier(run, text, trigger, acted_on):
    events = [e for e in run(text).events if any(t.text == trigger for t in e.trigger)]
    assert events
    assert {e.evidence.get("object_event") for e in events} == {acted_on}


@pytest.mark.parametrize("text, trigger, alike", [
    ("Negotiators from Peru and Bolivia reached an agreement on the border on Tuesday.", "agreement", "AGREE"),
    ("Ghana and Togo agreed a new maritime treaty in Accra.", "agreed", "AGREE"),
    ("Finland concluded a defence accord with Estonia.", "concluded", "AGREE"),
    # not a formal agreement: support pledged, a law signed
    ("Canada pledged support for the Ukrainian government.", "pledged", None),
    ("The Senate of Chile approved a reform of the pension system.", "approved", None),
])
def test_a_formal_agreement_concluded_names_agree_as_its_other_reading(run, text, trigger, alike):
    events = [e for e in run(text).events if any(trigger in t.text for t in e.trigger)]
    assert events, text
    assert {e.evidence.get("alike_event") for e in events} == {alike}
    if alike:
        assert {e.event for e in events} == {"SUPPORT"}


@pytest.mark.parametrize("text, actor, recipient", [
    ("Kisumu County received $3 million in grants from the Kenyan government.", "the Kenyan government", "Kisumu County"),
    ("The United States gave $2 billion in military aid to Ukraine.", "The United States", "Ukraine"),
])
def test_a_sum_given_is_neither_recipient_nor_hides_the_giver(run, text, actor, recipient):
    aid = [e for e in run(text).events if e.event == "AID"]
    assert [(tuple(a.text for a in e.actor), tuple(r.text for r in e.recipient)) for e in aid] == [((actor,), (recipient,))]


@pytest.mark.parametrize("text, trigger, actors", [
    ("Kigali and Kampala are conducting a joint feasibility study on a new railway.", "study", {"RWA", "UGA"}),
    ("Troops from Ghana and Togo wrapped up a joint training exercise near Lome on Friday.", "exercise", {"GHA", "TGO"}),
    ("Zambia and Malawi have been jointly rebuilding the bridge at Chitipa since May.", "rebuilding", {"ZMB", "MWI"}),
])
def test_what_parties_do_together_is_material_cooperation(run, text, trigger, actors):
    events = [e for e in run(text).events if any(t.text == trigger for t in e.trigger)]
    assert [e.event for e in events] == ["COOPERATE"]
    assert {a.code for a in events[0].actor} == actors


@pytest.mark.parametrize("text", [
    "The two foreign ministers issued a joint statement after the talks in Lusaka.",
    "Zambia suspended joint patrols with Malawi on Monday.",  # the verb's own event: no cooperation
])
def test_a_joint_statement_or_a_suspended_joint_act_is_no_cooperation(run, text):
    assert not [e for e in run(text).events if e.event == "COOPERATE"]



@pytest.mark.parametrize("text, trigger", [
    ("No arrests have been made over the arson attack on the market in Kisumu, police said.", "arrests"),
    ("Six months after the abduction of the Ghanaian activist, no one has been charged.", "charged"),
])
def test_an_arrest_or_charge_not_made_is_a_negated_coercion(run, text, trigger):
    events = [e for e in run(text).events if any(t.text == trigger for t in e.trigger)]
    assert [(e.event, e.status) for e in events] == [("COERCE", "negated")]
    assert [a.sector for a in events[0].actor] in (["COP"], ["JUD"])  # the authorities, implied


@pytest.mark.parametrize("text, event", [
    ("Mercosur suspended Paraguay indefinitely on Saturday for breaking the bloc's rules.", "SANCTION"),
    ("Zambia will close the Malawian consulate in Chipata.", "SANCTION"),
    ("Zambia ordered two Malawian diplomats to leave the country within 48 hours.", "SANCTION"),
    ("Zambia ordered two Malawian reporters to leave the country.", "COERCE"),  # no state's mission
    ("Zambian police restricted Malawian access to the border market.", "COERCE"),  # police at work, no relations cut
    ("Zambia suspended the licences of three local radio stations.", "COERCE"),  # at home
])
def test_a_restriction_on_another_state_cuts_relations(run, text, event):
    events = [e for e in run(text).events if e.event in ("SANCTION", "COERCE")]
    assert [e.event for e in events] == [event]


@pytest.mark.parametrize("text, trigger, actors", [
    ("Kenya's opposition criticised the decision to deploy troops to Haiti.", "deploy", set()),
    ("Ghana's opposition challenged the plan to expel the Nigerian traders.", "expel", set()),
    ("Kenya's president announced plans to deploy troops to Haiti.", "deploy", {"KEN"}),
])
def test_whoever_criticises_a_decision_to_act_does_not_act(run, text, trigger, actors):
    acts = [e for e in run(text, date="2024-03-10").events if trigger in [t.text for t in e.trigger]]
    assert acts and {a.code for e in acts for a in e.actor if a.code} == actors


@pytest.mark.parametrize("text, trigger, event, undergoer", [
    ("Activist detained over protest in Harare", "detained", "COERCE", "Activist"),
    ("Man held for killing wife over dowry in Meerut", "held", "COERCE", "Man"),
    ("Opposition leader freed after two years in Kenya", "freed", "RETREAT", "Opposition leader"),
    ("Protesters clashed with police in Nairobi", "clashed", "ASSAULT", None),
])
def test_a_headline_drops_the_passives_auxiliary(run, text, trigger, event, undergoer):
    acts = [e for e in run(text, date="2024-03-10").events if e.trigger[0].text == trigger]
    assert [e.event for e in acts] == [event]
    assert [r.text for r in acts[0].recipient] == ([undergoer] if undergoer else [])
    assert undergoer not in [a.text for a in acts[0].actor]


@pytest.mark.parametrize("text, trigger, event, undergoer", [
    ("Man shot outside Tema bar; police seek witnesses", "shot", "ASSAULT", "Man"),
    ("Two constables shot dead in Kumasi ambush; suspect arrested", "shot", "ASSAULT", "Two constables"),
    ("Teenager stabbed near Ashaiman market; two held", "stabbed", "ASSAULT", "Teenager"),
])
def test_a_headlines_clauses_either_side_of_a_semicolon_are_read_apart(run, text, trigger, event, undergoer):
    """'Man shot outside Tema bar; police seek witnesses': the parser had hung the shooting
    under 'seek' (a wish: no event, or a threat); each clause is a headline of its own, and its
    participle the passive's, 'shot dead' too."""
    doc = run(text, date="2024-03-10")
    acts = [e for e in doc.events if e.trigger[0].text == trigger]
    assert [e.event for e in acts] == [event] and acts[0].status == "occurred"
    assert [r.text for r in acts[0].recipient] == [undergoer]
    assert undergoer not in [a.text for a in acts[0].actor]


@pytest.mark.parametrize("text, happened", [
    ("The army vowed to hit back after rebels attacked a base near Goma.", True),
    ("Kenya urged the rebels to withdraw after they attacked a base near Goma.", True),
    ("The army threatened to strike if the rebels attacked a base near Goma.", False),
])
def test_what_happened_before_a_promise_or_request_is_an_event_of_its_own(run, text, happened):
    attacks = [e for e in run(text, date="2024-03-10").events if e.trigger[0].text == "attacked"]
    assert [(e.event, e.status) for e in attacks] == ([("ASSAULT", "occurred")] if happened else [])


@pytest.mark.parametrize("text, trigger", [
    ("Kenya sent troops into Somalia in 2011 to fight al-Shabaab.", "sent"),
    ("Kenya will send police officers to Haiti to fight the gangs.", "send"),
    ("Nigeria deployed soldiers to Jos on Monday to quell the riots.", "deployed"),
])
def test_a_force_sent_to_fight_is_a_deployment_not_an_attack(run, text, trigger):
    events = run(text, date="2024-03-10").events
    assert [e.event for e in events if e.trigger[0].text == trigger] == ["MOBILIZE"]
    assert not [e for e in events if e.event in ("ASSAULT", "THREATEN", "COERCE")]


@pytest.mark.parametrize("text, act, doer", [
    ("Police in Kano arrested two men for attacking a bus conductor.", "attacking", "two men"),
    # the parser hangs "for shooting" on "hanging": the sentenced man still did it
    ("A Lagos judge sentenced a former police corporal to death by hanging on Thursday for shooting a bus "
     "conductor.", "shooting", "a former police corporal"),
])
def test_the_one_punished_for_an_act_did_it(run, text, act, doer):
    acts = [e for e in run(text, date="2024-03-10").events if e.trigger[0].text == act]
    assert acts and all(any(a.text.startswith(doer) for a in e.actor) for e in acts)
    assert not any("judge" in a.text.lower() for e in acts for a in e.actor)


@pytest.mark.parametrize("text, trigger, who", [
    ("Beijing imposed sanctions on U.S. House Speaker Nancy Pelosi on Friday over her visit to Taiwan.", "visit",
     "Speaker Nancy Pelosi"),
    ("A Turkish court released German journalist Mesale Tolu but barred her from leaving Turkey, German officials "
     "said.", "barred", "German journalist Mesale Tolu"),
])
def test_a_pronoun_finds_a_person_known_only_by_title(run, text, trigger, who):
    (event,) = [e for e in run(text, date="2024-03-10").events if e.trigger[0].text == trigger]
    assert who in [p.text for p in (*event.actor, *event.recipient)]


@pytest.mark.parametrize("text, who", [
    ("A Kenyan lawyer filed a lawsuit in a Nairobi court against visiting Ugandan President Amos Kato, "
     "accusing him of torture.", "Ugandan President Amos Kato"),
    ("A Zambian lawyer filed a complaint with the police against the visiting Malawian trade minister, "
     "accusing him of assault.", "the visiting Malawian trade minister"),
])
def test_an_object_pronoun_is_never_its_own_verbs_subject(run, text, who):
    """'the lawyer sued the president, accusing him of torture': the lawyer accuses, so 'him'
    is not the lawyer (it had become the lawyer once lawyers were a sector's role, and so a
    person the pronoun could stand for, preferred as the clause's subject)."""
    accusations = [e for e in run(text, date="2024-03-10").events if e.event == "ACCUSE"]
    assert any(who in [r.text for r in e.recipient] for e in accusations), accusations
    assert not any({a.text for a in e.actor} & {r.text for r in e.recipient} or
                   any("lawyer" in r.text for r in e.recipient) for e in accusations), accusations


@pytest.mark.parametrize("text, trigger, code_", [
    ("NAIROBI - The Ugandan foreign minister arrived on Monday. He accused Kenya of blocking trade.", "accused",
     "UGA"),
    ("BAMAKO - Mali's rulers expelled the German ambassador, giving him 72 hours to leave after he criticised "
     "the junta.", "criticised", "DEU"),
])
def test_a_personal_pronoun_finds_a_person_named_by_a_title_word_alone(run, text, trigger, code_):
    """'the Ugandan foreign minister ... He accused Kenya': a title or role word for one person
    heads the antecedent; "he" had found no name, and the article's country had become his."""
    (event,) = [e for e in run(text, date="2024-03-10").events if e.trigger[0].text == trigger]
    assert [a.code for a in event.actor] == [code_]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Russia deployed troops to the border with Finland on Monday.", ("RUS", "MIL"), None),
    ("China and Pakistan held joint naval drills in the Arabian Sea on Tuesday.", ("CHN", "MIL"), None),
    ("Azerbaijan shelled Armenian villages on Sunday.", ("AZE", "MIL"), None),
    ("Russia vetoed the resolution on Tuesday.", ("RUS", "GOV"), None),
    ("Turkey launched air strikes on Syria on Friday.", ("TUR", "MIL"), ("SYR", "GOV")),
])
def test_a_country_that_attacks_or_mobilises_acts_as_its_armed_forces(run, text, actor, recipient):
    """A country named alone is its government by default, its armed forces when it attacks,
    mobilises or drills (corpus guide: MIL); the country attacked is not its army."""
    doc = run(text, date="2024-03-10")
    (ev,) = [e for e in doc.events if any(a.code == actor[0] for a in e.actor)][:1]
    assert (ev.actor[0].code, ev.actor[0].sector) == actor
    if recipient:
        assert [(r.code, r.sector) for r in ev.recipient if r.code] == [recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,actor",
    [
        ("The Kenyan government said on Monday that 40 Ugandan diplomats would be expelled.", "SANCTION", "KEN"),
        ("Britain's foreign secretary said 23 Russian diplomats had been expelled.", "SANCTION", "GBR"),
        ("Russia said its diplomats had been expelled.", "SANCTION", None),  # another state expelled them
        ("Russia said 23 Russian diplomats had been expelled.", "SANCTION", None),
        ("Police said two men were arrested in Nairobi.", "COERCE", "KEN"),  # the implied police stay
    ],
)
def test_a_state_act_announced_in_the_passive_is_the_announcing_governments(run, text, event, actor):
    """'X said 40 diplomats would be expelled': the government that says so expels them, unless
    they are its own."""
    assert [a.code for a in _first(run, text, event).actor] == ([actor] if actor else [])


@pytest.mark.slow
def test_their_in_the_clause_of_a_plural_subject_is_that_subject(run):
    """'... shook hands in Singapore at the start of their first summit': the summit is the
    leaders', not Singapore's (the last country named before the pronoun)."""
    doc = run("The leaders of the United States and North Korea shook hands at a hotel in Singapore "
              "on Tuesday at the start of their first summit.")
    summits = [e for e in doc.events if e.event == "CONSULT"]
    assert summits and {a.code for a in summits[0].actor} == {"USA", "PRK"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,recipient",
    [
        ("Russia on Tuesday rejected as 'absurd' Britain's accusation that Moscow was behind the attack.", "GBR"),
        ("Mali's junta on Monday rejected as illegal the sanctions imposed by Ecowas.", "ECOWAS"),
        ("Denmark's prime minister dismissed as absurd a U.S. suggestion that it could buy Greenland.", "USA"),
    ],
)
def test_what_is_rejected_after_its_judgement_is_the_object(run, text, recipient):
    """'rejected as absurd X's accusation': the parser hangs the object on 'as'; its author
    receives the rejection."""
    assert [r.code for r in _first(run, text, "REJECT").recipient] == [recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,recipient",
    [
        ("Pakistan on Monday condemned what it called India's 'illegal steps' in Kashmir.", "ACCUSE", "IND"),
        ("Kenya rejected what it called a Ugandan attempt to annex the island.", "REJECT", "UGA"),
    ],
)
def test_what_the_object_is_called_names_it(run, text, event, recipient):
    """'condemned what it called India's illegal steps': the parser makes 'what' the object of
    'called'; the thing it is called receives the condemnation."""
    assert [r.code for r in _first(run, text, event).recipient] == [recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,recipient",
    [
        ("Beijing pledged 2 billion yuan in grants to Laos on Friday.", "AGREE", "Laos"),  # 'in grants' on the verb
        ("Tokyo gave 500 million yen in loans to Laos on Friday.", "AID", "Laos"),  # ... or on the sum
        ("Japan pledged 12 billion dollars for Ukraine reconstruction at a Tokyo conference.", "AGREE",
         "Ukraine reconstruction"),  # the venue does not stop the search
    ],
)
def test_a_sum_given_is_no_party_and_what_it_is_for_names_the_recipient(run, text, event, recipient):
    found = _first(run, text, event)
    assert [r.text for r in found.recipient if r.code] == [recipient]
    assert all(r.code is None or r.code in ("LAO", "UKR") for r in found.recipient)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Zambia cut ties with Malawi on Monday, citing what it called repeated border violations.",
        "Zambia summoned Malawi's envoy to lodge a protest over what it called repeated border violations.",
    ],
)
def test_who_names_a_thing_with_what_it_called_is_the_clauses_subject(run, text):
    """'what it called X': 'it' is whoever names X so, the subject of the clause above, not the
    last country named before the pronoun."""
    namers = [a.code for e in run(text).events if e.event == "ACCUSE" for a in e.actor]
    assert namers and set(namers) == {"ZMB"}, namers


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,actors",
    [
        # 'its' stands for the country named before, where the phrase names no other
        ("Zambia will not join the mission, its foreign minister said, rejecting any role for Malawian "
         "forces.", "REJECT", [("ZMB", "GOV")]),
        # 'their' in the subject of a clause stands for the plural subject of the clause above
        ("Zambia and Malawi agreed on Monday to reopen the border after their foreign ministers met in "
         "Lusaka.", "CONSULT", [("MWI", "GOV"), ("ZMB", "GOV")]),
        # 'the bloc's' stands for the grouping named before
        ("Sadc defence chiefs said on Friday the bloc's standby force could be deployed to Malawi.",
         "MOBILIZE", [("SADC", "MIL")]),
        # a sector named by a compound ("fighter jets"), not by the head word alone ("jets")
        ("The Kenyan military said its fighter jets had bombed al-Shabaab camps in Somalia.",
         "ASSAULT", [("KEN", "MIL")]),
    ],
)
def test_a_party_owned_by_its_or_their_belongs_to_what_the_pronoun_stands_for(run, text, event, actors):
    act = _first(run, text, event)
    assert sorted((a.code, a.sector) for a in act.actor) == actors


@pytest.mark.slow
def test_a_party_owned_by_its_keeps_the_name_inside_its_phrase(run):
    (recall,) = [e for e in run("Zambia has recalled its ambassador to Malawi.").events if e.event == "SANCTION"]
    assert [r.code for r in recall.recipient] == ["MWI"]


@pytest.mark.slow
def test_their_in_the_subject_it_belongs_to_is_no_endless_search(full_pipeline):
    """'their' in 'the diplomats and their families' stands for no subject it is part of: its
    search must not go round in a circle (a first form of the step for a party owned by 'its'
    or 'their' raised RecursionError here, for the verbs the classifier is asked about)."""
    from dotterel import Document

    doc = full_pipeline(Document.from_text(
        "The first group of expelled diplomats and their families left the embassy compound on Saturday."))
    assert "events" in doc.done


@pytest.mark.slow
def test_the_subject_above_a_naming_clause_is_found_or_none_in_bounded_time(run):
    """'what it called' with no clause above that has a subject (a headline of nouns): the
    search up the parse ends at the root (it once went round the root for ever). Also for
    'their' in a clause's subject."""
    import signal

    def _stuck(*_):
        raise TimeoutError("the search up the parse did not end")

    old = signal.signal(signal.SIGALRM, _stuck)
    signal.alarm(30)
    try:
        for text in ("Anger in Zambia at what it called Malawi's repeated border violations.",
                     "Workers at a Zambian copper mine downed tools, and their union warned of a long strike."):
            assert run(text, date="2024-03-10") is not None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,threats",
    [
        # an ultimatum: a span of time, or 'until', to do something
        ("The Zambian labour congress gave the government seven days to reverse the fuel price rise.", 1),
        ("Zambia gave Malawian forces until the end of March to pull back from the border posts.", 1),
        # time given with no act to do in it, or money to do something with, is no ultimatum
        ("The ministry gave teachers two weeks of extra leave.", 0),
        ("The government gave farmers 20 million kwacha to rebuild their homes.", 0),
    ],
)
def test_time_given_to_do_something_is_an_ultimatum(run, text, threats):
    assert _count(run, text, "THREATEN") == threats


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,event,actor",
    [
        ("Zambian President Hakainde Hichilema signed a decree that bans protests in Lusaka.", "COERCE", "ZMB"),
        ("The Kenyan parliament passed a bill which imposes sanctions on Uganda.", "SANCTION", "KEN"),
        # the document as a subject stays what it is: no author to climb to
        ("A bill that imposes sanctions on Uganda was tabled in the Kenyan parliament.", "SANCTION", None),
        # nor does one who vetoes it, or acts over it
        ("Kenya vetoed a resolution that would impose sanctions on Uganda.", "SANCTION", None),
        ("The African Union took Zambia to court over a law banning protests.", "COERCE", None),
    ],
)
def test_what_a_signed_or_passed_document_does_its_author_does(run, text, event, actor):
    act = _first(run, text, event)
    assert ([a.code for a in act.actor if a.code] or [None])[:1] == [actor]


@pytest.mark.slow
def test_talks_hosted_between_two_parties_are_a_meeting_of_all_three(run):
    talks = _first(run, "Kenya hosted talks between Ethiopia and Eritrea in Nairobi on Monday.", "CONSULT")
    assert sorted(a.code for a in talks.actor) == ["ERI", "ETH", "KEN"] and not talks.recipient
    visit = _first(run, "Kenya hosted Ethiopia's prime minister in Nairobi on Monday.", "CONSULT")
    assert [a.code for a in visit.actor] == ["ETH"] and [r.code for r in visit.recipient] == ["KEN"]


@pytest.mark.slow
@pytest.mark.parametrize("text, event, parties", [
    ("Clashes erupted between Ugandan troops and Congolese militiamen near Bunia on Friday.", "ASSAULT",
     ["COD", "UGA"]),
    ("Heavy fighting broke out between Sudanese soldiers and Ethiopian forces along the border on Sunday.",
     "ASSAULT", ["ETH", "SDN"]),
    ("Talks resumed on Monday between Serbia and Kosovo, the mediators said.", "CONSULT", ["SRB", "XKX"]),
])
def test_an_event_that_breaks_out_between_parties_is_theirs(run, text, event, parties):
    """The parser hangs 'between' on the verb that says the event noun happened; those it
    names are the event's parties all the same."""
    act = _first(run, text, event)
    assert sorted({a.code for a in act.actor if a.code}) == parties and not act.recipient


@pytest.mark.slow
def test_a_fire_that_breaks_out_between_buildings_has_no_parties(run):
    assert not [e for e in run("A fire broke out between two warehouses in Apapa on Sunday.").events]


@pytest.mark.slow
@pytest.mark.parametrize("text, actor, recipient", [
    ("Chad's government asked the Security Council on Monday to end the mission in N'Djamena, accusing Sudan "
     "of arming the rebels.", "TCD", "SDN"),
    ("The Kenyan nurses' union urged the health ministry to raise pay, accusing Uganda of poaching its staff.",
     "KEN", "UGA"),
])
def test_a_participle_after_a_request_is_the_askers_act(run, text, actor, recipient):
    """'asked X to end the mission, accusing Y': the parser hangs the participle inside what is
    asked, but the one who asks accuses, now."""
    act = _first(run, text, "ACCUSE")
    assert [a.code for a in act.actor] == [actor] and recipient in [r.code for r in act.recipient]
    assert act.status == "occurred"


@pytest.mark.slow
def test_talks_hosted_by_a_third_country_are_no_visit_of_their_own(run):
    doc = run("The foreign ministers of Kenya and Uganda agreed on Friday to reopen the border, after two days "
              "of talks hosted by Tanzania.")
    meetings = [e for e in doc.events if e.event == "CONSULT"]
    assert len(meetings) == 1
    assert sorted(a.code for a in meetings[0].actor) == ["KEN", "UGA"] and not meetings[0].recipient


def test_their_meeting_in_apposition_is_the_talks_of_both(run):
    """'X's leader held talks with Y's president ..., their first summit': 'their' is the two
    who met, so the summit is the same meeting, never one of Y's alone."""
    doc = run("Japan's prime minister held talks with India's president in Osaka on Friday, their first summit.")
    consults = [e for e in doc.events if e.event == "CONSULT"]
    assert consults
    assert all({"JPN", "IND"} <= {a.code for a in e.actor} for e in consults)


def test_it_in_what_a_participle_says_is_the_one_saying(run):
    """'Ghana rejected Togo's demand ..., saying it would not accept any new conditions': 'it'
    is Ghana, who says so, not Togo, the last country named."""
    doc = run("Ghana rejected Togo's demand for compensation on Monday, saying it would not accept any new conditions.")
    rejects = [e for e in doc.events if e.event == "REJECT"]
    assert rejects
    assert all({a.code for a in e.actor} == {"GHA"} for e in rejects)


@pytest.mark.parametrize(
    "text,event,actor",
    [
        ("During his visit to Paris, President Lula signed a trade agreement with France.", "CONSULT", "BRA"),
        ("On the sidelines of her trip to Jakarta, the Australian foreign minister Penny Wong met "
         "Indonesian officials.", "CONSULT", "AUS"),
    ],
)
def test_a_possessive_in_a_phrase_before_the_subject_is_that_subject(run, text, event, actor):
    """'During his visit to Paris, President Lula signed ...': the visit is Lula's, named after
    the pronoun (no name before it in the text)."""
    visits = [e for e in run(text).events if e.event == event and any(t.text in ("visit", "trip") for t in e.trigger)]
    assert visits and {a.code for a in visits[0].actor} == {actor}


def test_his_before_a_subject_that_is_no_person_is_not_that_subject(run):
    """'After his arrest, police said ...': 'his' is not the police."""
    doc = run("After his arrest, police said the suspect had confessed.")
    arrests = [e for e in doc.events if any(t.text == "arrest" for t in e.trigger)]
    assert all(not any(r.text == "police" for r in e.recipient) for e in arrests)


@pytest.mark.parametrize(
    "text",
    [
        "Skripal, who lived in Moscow and was visiting her father in Salisbury, fell ill on Sunday.",
        "The president visited his ailing mother in hospital on Sunday.",
        "The senator flew home on a visit to his family in Ohio.",
        "Russian state TV reported that Yulia had phoned her cousin in Russia on Thursday.",
        "The minister called his wife from the airport.",
    ],
)
def test_a_visit_or_call_to_ones_family_is_no_meeting(run, text):
    """PLOVER's CONSULT is a meeting between parties; visiting or calling a relative is
    private life."""
    assert not [e for e in run(text).events if e.event == "CONSULT"]


@pytest.mark.parametrize("text", [
    "Modi visited Japan on Monday, his first visit to the country since 2019.",
    "Putin phoned Erdogan on Monday.",
])
def test_a_visit_or_call_between_states_is_still_a_meeting(run, text):
    assert [e for e in run(text).events if e.event == "CONSULT"]


@pytest.mark.parametrize(
    "text",
    [
        "It remains unclear whether police arrested the suspect.",
        "It was not clear on Wednesday whether the army had shelled the village.",
        "The spokesman did not say whether the army had attacked the village.",
        "He declined to say whether the government had protested to Moscow.",
    ],
)
def test_an_act_only_asked_about_is_no_event(run, text):
    """'unclear whether', 'did not say whether': the act is a question, not a report."""
    assert run(text).events == []


@pytest.mark.parametrize(
    "text, event",
    [
        ("South Africa has not decided whether to withdraw its troops from eastern Congo.", None),
        ("If the talks fail, the army will attack the town.", "ASSAULT"),
        ("The minister did not say whether he would resign, but confirmed that police had arrested two men.",
         "COERCE"),
    ],
)
def test_a_question_leaves_possible_and_reported_acts_alone(run, text, event):
    """'has not decided whether to withdraw' is a possible act; a conditional 'if' is left to
    the status; an act reported beside a question is still reported."""
    doc = run(text)
    assert doc.events
    if event:
        assert event in {e.event for e in doc.events}


@pytest.mark.parametrize(
    "text, kept",
    [
        ("A federal judge in Seattle halted the new asylum rule, ruling that it likely violated federal law.",
         "COERCE"),
        ("The High Court blocked the council's eviction order, finding the council had offered the families "
         "no alternative accommodation.", "COERCE"),
        ("The judge rejected a request to move him to house arrest, ruling that he could flee abroad if released.",
         "REJECT"),
    ],
)
def test_what_a_ruling_finds_not_done_is_no_event(run, text, kept):
    """A court's reasoning: what it finds was not done, or only may have been, is not reported
    as an event; the ruling itself is."""
    doc = run(text)
    assert kept in {e.event for e in doc.events}
    assert all(e.status not in ("negated", "hypothetical") for e in doc.events)


@pytest.mark.parametrize(
    "text, met",
    [
        ("Speaking to the local tribal elders, General Bajwa said the army would stay.", True),
        ("The president spoke to officials in Kabul about the security situation.", True),
        ("The minister spoke to reporters after the ceremony.", False),
    ],
)
def test_speaking_to_officials_or_elders_is_a_meeting(run, text, met):
    """'spoke to the tribal elders' meets them as 'spoke to Erdogan' does; speaking to
    reporters is how news is given, no meeting."""
    consults = [e for e in run(text).events if e.event == "CONSULT" and any(t.text.lower().startswith("sp") for t in e.trigger)]
    assert bool(consults) is met


def test_he_in_a_clause_before_the_subject_is_that_subject(run):
    """'When he appeared before Members of Parliament, Matiangi accused ...': the appearance is
    Matiangi's, a name given only after the pronoun (and 'Members', capitalised, are members)."""
    doc = run("When he appeared before Members of Parliament on Tuesday, Interior Minister Fred Matiangi "
              "of Kenya accused the judiciary of bias.")
    hearings = [e for e in doc.events if e.event == "CONSULT"]
    assert hearings and {a.code for a in hearings[0].actor} == {"KEN"}


def test_a_capitalised_plural_in_a_name_is_no_trigger(run):
    """The singular of a capitalised plural helps a condition ('before Members of Parliament'),
    never the trigger itself: 'the Directorate of Criminal Investigations' investigates nothing."""
    doc = run("Officers from the Directorate of Criminal Investigations arrested two suspects in Eldoret on Tuesday.")
    assert {e.event for e in doc.events} == {"COERCE"}


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("After he was arrested, police said the suspect had confessed.", "police"),
        ("Officials said he would visit Kenya next week.", "Officials"),
    ],
)
def test_he_is_never_a_speaking_body(run, text, wrong):
    """'he' or 'she' in what police or officials say is not the police or the officials."""
    for e in run(text).events:
        assert all(p.text != wrong for p in (*e.actor, *e.recipient))


@pytest.mark.parametrize(
    "text, status, recipient",
    [
        ("The Danish prime minister arrived in Hanoi on Tuesday for a three-day visit.", "occurred", "VNM"),
        ("Kenya's foreign minister arrived in Lima on Sunday for a two-day visit.", "occurred", "PER"),
        ("The Danish prime minister arrived in Hanoi on Tuesday for a three-day visit, during which the two "
         "countries are expected to sign a trade deal.", "occurred", "VNM"),
        ("The Danish prime minister will arrive in Hanoi next week for a state visit.", "future", None),
    ],
)
def test_a_visit_a_leader_arrives_for_takes_place(run, text, status, recipient):
    """'arrived in Hanoi for a three-day visit': the visit an arrival is for is a meeting
    (CONSULT, the host country its recipient) with the arrival's status, not a purpose still
    to come; a team arriving for a sports tour is none, and 'if he came for the talks' no
    meeting."""
    (event,) = [e for e in run(text).events if any(t.text == "visit" for t in e.trigger)]
    assert event.status == status
    if recipient:
        assert event.event == "CONSULT" and recipient in [r.code for r in event.recipient]
    assert not run("The Danish cricket team arrived in Hanoi on Sunday for its first tour in 24 years.").events
    assert not [e for e in run("Denmark said it would not arrest the general if he came for the talks.").events
                if any(t.text == "talks" for t in e.trigger)]


def test_both_countries_are_two_countries_not_an_organisation_named_more(run):
    """'both countries' is the two most mentioned countries, never an international
    organisation however often it is named: India and Pakistan reject the UN's report."""
    doc = run(
        "The UN human rights office accused India and Pakistan of abuses in Kashmir in its first report on "
        "the region. The UN office said it would send a team. Both countries rejected the report."
    )
    (rejection,) = [e for e in doc.events if e.event == "REJECT"]
    assert sorted(a.code for a in rejection.actor) == ["IND", "PAK"]


@pytest.mark.parametrize("text, kept", [
    ("Rajawali rejected a takeover bid from a regional rival in 2021.", False),
    ("The board of Hartwell & Pine rejected an unsolicited takeover bid from Calder Ridge.", False),
    ("The government rejected the takeover bid for the state airline.", True),
    ("The junta rejected a takeover bid by the rebels.", True),
    # a party of no known sector dealing with a business: commerce; warning one: not a deal
    ("Kilele's board rejected an unsolicited bid by fintech Zenara Holdings.", False),
    ("Mr Ochieng's cooperative rejected an offer from a Dutch flower company.", False),
    # a country's smelter, retail chain or tour operator is a business, not its government
    ("The couple rejected an offer from a Vancouver restaurant group.", False),
    ("Qatar Airways rejected an offer from a German tour operator.", False),
    ("The club rejected an offer from a Manitoba credit union.", False),
])
def test_a_takeover_bid_between_companies_is_commerce(run, text, kept):
    """A deal a word like 'takeover' or 'offtake' makes commercial, between parties with no
    sector but a business's (an unknown company has none), is no political event; a state or
    an armed group in it keeps it one."""
    rejections = [e for e in run(text).events if e.event == "REJECT"]
    assert bool(rejections) is kept


@pytest.mark.parametrize("text, kept", [
    ("Skyvale signed a provisional agreement with Airbus in September to buy 60 jets.", False),
    ("Norvik Air said it had signed an agreement with Boeing to lease 12 aircraft.", False),
    ("The two firms signed a deal to supply cobalt to battery makers.", False),
    # a state or an armed group in the deal keeps it an event, whatever it is for
    ("Kenya signed an agreement with Airbus to buy 12 aircraft.", True),
    ("The rebels signed an agreement with the smugglers to buy weapons.", True),
    # a deal for something else between the same parties is left to the rules
    ("Skyvale signed an agreement with Airbus to share pilot training.", True),
    # a promise to buy is the buying's: between companies commerce, by a state an agreement
    ("Shares of Redfern Gold rose after it agreed to buy a smaller explorer for C$95 million.", False),
    ("Petrovia Energy agreed to buy rival Caddo Basin Resources for $4.6 billion in stock.", False),
    ("Kenya agreed to buy 12 aircraft from Airbus.", True),
    # a deal with a price between the same parties
    ("Almadena had rejected two earlier bids, worth 60 million pounds, from the English club.", False),
    ("Protesters rejected a $500 compensation offer from the mining company.", True),
])
def test_a_deal_made_to_buy_or_lease_between_companies_is_commerce(run, text, kept):
    """A deal made to buy, lease or supply something (`[coder] commercial_deal_verbs`, on the
    deal noun or on the verb that made it), a promise to do so ('agreed to buy'), or a deal
    with a price, between parties with no sector but a business's is no political event."""
    deals = [e for e in run(text).events if e.event in ("SUPPORT", "AGREE", "COOPERATE", "REJECT") and
             any(t.text.startswith(("sign", "agree", "deal", "reject")) for t in e.trigger)]
    assert bool(deals) is kept


@pytest.mark.parametrize("text, kept", [
    ("The first Test ended in a draw. Afghanistan captain Hashmat Sultani rejected suggestions that "
     "his side had grown complacent.", False),
    ("England captain Ben Stokes praised his bowlers after the win.", False),
    # a ship's captain, an army captain: no side's
    ("The Filipino captain of the fishing boat accused the Chinese coast guard of ramming his vessel.", True),
    ("Pakistan Army captain Ali Khan rejected the claims.", True),
])
def test_a_national_sides_captain_acts_in_sport(run, text, kept):
    """'captain' right after a country's name names a national side's captain: sport, no
    political event. After a nationality or a service it is a ship's or an officer's."""
    assert bool([e for e in run(text).events if e.event in ("REJECT", "SUPPORT", "ACCUSE")]) is kept


@pytest.mark.parametrize("text", [
    "Kenya's Foreign Minister Amina Mohamed and Uganda's Trade Minister Joseph Otim held talks in Nairobi.",
    "Kenya's Foreign Minister Amina Mohamed and Uganda's Foreign Minister Sam Kutesa held talks in Nairobi.",
])
def test_a_coordinated_official_runs_as_far_as_the_mention(run, text):
    """The parser left the second party only "Uganda's" and hung its title and name on the
    first; the mention that starts there gives the party its full span and its sector."""
    (talks,) = [e for e in run(text).events if e.event == "CONSULT"]
    second = [a for a in talks.actor if a.code == "UGA"]
    assert second and second[0].text.startswith("Uganda's") and second[0].text.endswith(("Otim", "Kutesa"))
    assert second[0].sector == "GOV"


@pytest.mark.parametrize("text, kept", [
    ("Skyvale signed a provisional agreement with Airbus in September to buy 60 jets.", False),
    ("Norvik Air plans to buy 12 jets from Boeing.", False),
    ("Kenya will buy 12 jets from Boeing.", True),
    ("Iran supplied drones to the Houthis.", True),
])
def test_buying_and_supplying_between_companies_is_commerce(run, text, kept):
    """The verbs of `[coder] commercial_deal_verbs` are commerce themselves between parties with
    no sector but a business's: the purchase a commercial deal was made for stayed a COOPERATE."""
    assert bool([e for e in run(text).events if e.event in ("COOPERATE", "AID", "AGREE")]) is kept


@pytest.mark.parametrize("text, event, coded", [
    # 'take' knew control, custody and aim, not streets
    ("Thousands took to the streets of the capital on Friday.", "PROTEST", True),
    ("Residents of the town took to the streets in protest.", "PROTEST", True),
    ("The rebels took control of the town.", "PROTEST", False),
    # 'form' is a light verb only for 'chain' and 'picket'; a chain is a protest when human
    ("Thousands of students formed a human chain around the parliament building on Tuesday.", "PROTEST", True),
    ("Hundreds of farmers formed a human chain on the dry river bed, demanding water.", "PROTEST", True),
    ("The company formed a supply chain with local firms.", "PROTEST", False),
    # clearing protesters or their camp is a dispersal; clearing a road is none
    ("Riot police cleared the protest camp outside parliament on Friday.", "COERCE", True),
    ("Security forces cleared the protesters from the square before dawn.", "COERCE", True),
    ("Road crews cleared one section of the highway by Monday afternoon.", "COERCE", False),
    # workers who down tools strike; rebels who down a helicopter do not
    ("Workers at the copper mine downed tools on Monday.", "PROTEST", True),
    ("The rebels downed a helicopter.", "PROTEST", False),
    # an impeachment is a legal accusation
    ("Parliament impeached the president on Friday.", "ACCUSE", True),
    # a diplomatic protest lodged is an accusation (the corpus guide's ACCUSE), not a demonstration
    ("Japan lodged a protest with South Korea on Friday.", "ACCUSE", True),
    ("Japan lodged a protest with South Korea on Friday.", "PROTEST", False),
    # 'hit out at' criticises; 'lash out' already did
    ("The minister hit out at the opposition over the delays.", "ACCUSE", True),
    # a siege laid is an attack
    ("Bandits have laid siege to three villages in Zamfara for a week.", "ASSAULT", True),
    ("The rebels laid down their weapons.", "ASSAULT", False),
    # going, or setting off, on a march is a protest ('go' knew only strikes)
    ("Hundreds of supporters went on a march to the parliament.", "PROTEST", True),
    ("A group of supporters set off on Wednesday on a march to the detention centre.", "PROTEST", True),
    ("The committee set a date for the vote.", "PROTEST", False),
])
def test_phrases_of_protest_coercion_and_impeachment(run, text, event, coded):
    """Phrases the lexicon lacked: 'took to the streets', 'formed a human chain', 'cleared the
    protest camp', 'downed tools', 'impeached the president', 'lodged a protest', 'hit out at',
    'laid siege to', 'went on a march'."""
    assert any(e.event == event for e in run(text).events) is coded

@pytest.mark.parametrize("text, event, coded", [
    # seeking a thing is asking for it; seeking votes or office is none; "seeks to" is a plan
    ("The chief minister sought the prime minister's intervention in the dispute.", "REQUEST", True),
    ("Zambia's opposition sought a recount in three constituencies.", "REQUEST", True),
    ("The candidate sought votes in the northern districts.", "REQUEST", False),
    # money or funds released are aid; prisoners released are a release
    ("Japan released $40 million in emergency aid to Mozambique.", "AID", True),
    ("The Centre released funds for flood relief to Assam.", "AID", True),
    ("The junta released 40 political prisoners on Monday.", "RETREAT", True),
    # services restored are a concession; a diplomat declared persona non grata is expelled
    ("The authorities restored mobile internet services in the northern province on Friday.", "CONCEDE", True),
    ("Islamabad declared an Indian diplomat persona non grata.", "SANCTION", True),
    ("The army expressed regret for the shelling of the border village.", "CONCEDE", True),
    # a court awarding a sentence coerces; awarding a medal supports
    ("The sessions court awarded life imprisonment to the three accused.", "COERCE", True),
    ("The sessions court awarded life imprisonment to the three accused.", "AID", False),
    # shooting down a proposal rejects it; shooting people is an attack
    ("The opposition shot down the government's proposal.", "REJECT", True),
    ("Police shot two robbers in Lagos.", "ASSAULT", True),
    # markets rallying protest nothing; supporters rallying do
    ("Lagos stocks rallied on Monday.", "PROTEST", False),
    ("Opposition supporters rallied in Harare.", "PROTEST", True),
    # an export ban is a sanction, as the verb's row already had it
    ("India imposed a ban on wheat exports.", "SANCTION", True),
    # explosions set off, vehicles impounded, bases overrun, buses hijacked, stones thrown
    ("Militants blew up a gas pipeline in Balochistan.", "ASSAULT", True),
    ("Insurgents detonated a roadside bomb near Kandahar.", "ASSAULT", True),
    ("Police impounded 12 trucks at the border.", "COERCE", True),
    ("Security forces neutralised three terrorists in Kupwara.", "ASSAULT", True),
    ("Al-Shabaab fighters overran a military base in Lower Shabelle.", "ASSAULT", True),
    ("Gunmen hijacked a bus carrying 40 passengers.", "ASSAULT", True),
    ("Protesters pelted police with stones.", "ASSAULT", True),
    # vigils and chanted slogans are demonstrations
    ("Villagers held a candlelight vigil for the victims.", "PROTEST", True),
    ("Protesters chanted slogans against the governor.", "PROTEST", True),
    # warships dispatched are a deployment; a missile test is a show of force, not an attack
    ("Britain dispatched a destroyer to the Gulf.", "MOBILIZE", True),
    ("North Korea test-fired two ballistic missiles into the sea on Sunday.", "MOBILIZE", True),
    ("North Korea test-fired two ballistic missiles into the sea on Sunday.", "ASSAULT", False),
    ("Russia fired cruise missiles at Kyiv.", "ASSAULT", True),
    # a weapon brandished threatens; praise heaped supports; supplies airlifted or gifted are aid
    ("Armed men brandished rifles at polling officials.", "THREATEN", True),
    ("The prime minister heaped praise on the scientists.", "SUPPORT", True),
    ("India airlifted relief supplies to Turkey.", "AID", True),
    ("India gifted two helicopters to the Maldives.", "AID", True),
    # support lent and condolences extended are verbal support; a loan extended is aid
    ("The opposition lent its support to the bill.", "SUPPORT", True),
    ("The opposition lent its support to the bill.", "AID", False),
    ("The president extended condolences to the families of the victims.", "SUPPORT", True),
    ("The bank extended a loan of $2 billion to Egypt.", "AID", True),
    # a candidate disqualified is coerced; men booked under a section of the penal code are charged
    ("The election commission disqualified the candidate over vote-buying.", "COERCE", True),
    ("Police booked three men under Section 302 of the penal code.", "COERCE", True),
    # a figure reached is no agreement; a consensus reached is one
    ("Temperatures in the capital reached 47 degrees on Sunday.", "AGREE", False),
    ("Rice exports reached a record 9 million tonnes last year.", "AGREE", False),
    ("The coalition partners reached a consensus on the budget.", "AGREE", True),
    # troops destroy in an attack; floods destroy in no event
    ("Government troops destroyed a rebel ammunition depot near the border.", "ASSAULT", True),
    ("Floods destroyed more than 2,000 homes in the delta.", "ASSAULT", False),
    # concern or dissatisfaction expressed is criticism
    ("The foreign ministry expressed concern over the detention of the journalists.", "ACCUSE", True),
    ("Beijing voiced strong dissatisfaction with the new tariffs.", "ACCUSE", True),
    # bail refused is coercion, also in the passive
    ("A magistrate refused bail to the 24-year-old driver.", "COERCE", True),
    ("A Darwin man has been refused bail over the stabbing.", "COERCE", True),
    # a barrage fired is an attack; representations lodged are a diplomatic protest
    ("Militants fired a barrage of rockets at the border town.", "ASSAULT", True),
    ("Beijing lodged solemn representations with Tokyo over the visit.", "ACCUSE", True),
    # a building set ablaze, in either word order
    ("Rioters set ablaze a police station in the city.", "ASSAULT", True),
    ("Rioters set a police station ablaze in the city.", "ASSAULT", True),
    # road blockades by farmers or truckers are protests; a blockade of ports is an attack
    ("Coffee growers blocked the highway to the capital for a week.", "PROTEST", True),
    ("Villagers blockaded the main road for a third day.", "PROTEST", True),
    ("The navy imposed a blockade on the rebels' ports.", "ASSAULT", True),
    # a telephone conversation or video call held is a consultation
    ("The two presidents held a telephone conversation on Tuesday.", "CONSULT", True),
    ("The prime minister held a video call with the chancellor.", "CONSULT", True),
    # fighters captured are detained; hostages captured are abducted; a moment captured is none
    ("Soldiers captured six fighters in the raid.", "COERCE", True),
    ("The photographer captured the moment on camera.", "ASSAULT", False),
    # a strike suspended is a concession; a strike joined is a protest
    ("Lecturers suspended their strike after talks with the ministry.", "CONCEDE", True),
    ("Thousands of students participated in the march to parliament.", "PROTEST", True),
    # views exchanged are a consultation; an emergency decreed is a declared one
    ("The two foreign ministers exchanged views on regional security.", "CONSULT", True),
    ("The president decreed a state of emergency in three provinces.", "COERCE", True),
    # an ambush laid and a village razed by soldiers are attacks; a fire razing stalls is none
    ("Bandits laid an ambush for the convoy on the highway.", "ASSAULT", True),
    ("Soldiers razed the village after the attack.", "ASSAULT", True),
    ("Fire razed more than 200 market stalls.", "ASSAULT", False),
    # whisked away, tasered, pepper-sprayed, placed on leave, subpoenaed, internet cut
    ("The journalist was whisked away by security agents.", "COERCE", True),
    ("Police tasered the man twice during the arrest.", "COERCE", True),
    ("Officers pepper-sprayed the protesters outside the courthouse.", "COERCE", True),
    ("Two deputies were placed on administrative leave after the shooting.", "SANCTION", True),
    ("The committee subpoenaed the former minister.", "ACCUSE", True),
    ("Authorities cut mobile internet in the region on Friday.", "COERCE", True),
])
def test_phrases_of_news_the_lexicon_lacked(run, text, event, coded):
    """Phrases of wire and regional news the rules coded as nothing or as the wrong type
    (lexicon rows of 2026-12-05): each as the corpus guide codes it, with a look-alike."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # the army called out is a deployment; called on to act, a request
    ("The governor called out the army to restore order in the capital.", "MOBILIZE", True),
    ("The governor called on the army to restore order in the capital.", "REQUEST", True),
    # idioms of jail, court and arrest
    ("The magistrate put the two smugglers behind bars for six years.", "COERCE", True),
    ("The editor was hauled before a military tribunal in Bamako.", "COERCE", True),
    ("A court handed the former mayor a five-year sentence for graft.", "COERCE", True),
    ("The junta proscribed the students' union on Monday.", "COERCE", True),
    # attacks by a named kind of attacker; the same verb with prices or rain is none
    ("Warplanes pounded rebel positions near the airport overnight.", "ASSAULT", True),
    ("Heavy rain pounded the coast overnight.", "ASSAULT", False),
    ("Bandits waylaid a bus of traders on the Kaduna road.", "ASSAULT", True),
    # blasted or hammered with weapons, or by warplanes and gunboats; criticism, music, rain and
    # a deal hammered out are not attacks
    ("Rebels blasted the convoy with rockets near Goma.", "ASSAULT", True),
    ("Gunboats blasted the harbour at dawn.", "ASSAULT", True),
    ("Warplanes hammered the town overnight.", "ASSAULT", True),
    ("Government troops hammered rebel positions with artillery.", "ASSAULT", True),
    ("Critics blasted the budget as reckless.", "ASSAULT", False),
    ("Critics blasted the budget as reckless.", "ACCUSE", True),
    ("The DJ blasted music until dawn.", "ASSAULT", False),
    ("Heavy rain hammered the coast.", "ASSAULT", False),
    ("Negotiators hammered out a deal on the budget.", "ASSAULT", False),
    # ceding, relinquishing, standing down, vacating ground
    ("The ministers relinquished their posts after the vote.", "RETREAT", True),
    ("The rebels ceded two border towns to the army.", "RETREAT", True),
    ("The visitors ceded possession in the second half.", "RETREAT", False),
    ("Militia fighters vacated the checkpoint after the talks.", "RETREAT", True),
    # concessions in idiom
    ("The government bowed to pressure from the unions and scrapped the levy.", "CONCEDE", True),
    ("The council caved in to the traders' demands.", "CONCEDE", True),
    ("The roof of the old market caved in after the rains.", "CONCEDE", False),
    # rejection and criticism in idiom
    ("The appeals court threw out the petition of the former governor.", "REJECT", True),
    ("The minister brushed aside calls for his resignation.", "REJECT", True),
    ("The opposition cried foul over the delayed count.", "ACCUSE", True),
    ("The bishop railed against the new levy in his sermon.", "ACCUSE", True),
    # support, cooperation, consultation, requests
    ("The president conveyed his condolences to the families of the miners.", "SUPPORT", True),
    ("The two navies exchanged intelligence on pirate boats.", "COOPERATE", True),
    ("The pope granted an audience to the Lebanese president.", "CONSULT", True),
    ("Traders have been clamouring for the reopening of the border.", "REQUEST", True),
    # a work stoppage is a strike; stoppage time is football
    ("Dock workers began an indefinite stoppage at the port.", "PROTEST", True),
    ("The winner came in stoppage time.", "PROTEST", False),
])
def test_idioms_of_translated_and_regional_news(run, text, event, coded):
    """Idioms the lexicon lacked (rows of 2026-12-05, a hunt in Southeast Asian, African,
    Arabic, Balkan and Caribbean registers): each as the corpus guide codes it, with a
    look-alike that stays uncoded."""
    assert any(e.event == event for e in run(text).events) is coded

@pytest.mark.parametrize("text, event, coded", [
    # a leader welcomed is hosted (the guest visits); a baby or tourists welcomed are none
    ("The Ghanaian president welcomed Emmanuel Macron at the airport in Accra.", "CONSULT", True),
    ("The couple welcomed a baby girl on Sunday.", "SUPPORT", False),
    ("The island welcomed 40,000 tourists in June.", "SUPPORT", False),
    # prices and inflation ease; restrictions eased are a concession
    ("Inflation eased to 4 percent in March.", "RETREAT", False),
    ("The junta eased restrictions on public gatherings.", "CONCEDE", True),
    # schools and museums reopen; a border reopened by a government is access granted
    ("The museum reopened after a two-year renovation.", "RETREAT", False),
    ("Pakistan reopened the Torkham crossing after a week.", "RETREAT", True),
    # wildlife, cells and software
    ("A leopard killed two goats near the village.", "ASSAULT", False),
    ("The dam released water into the river after heavy rain.", "RETREAT", False),
    ("The browser now blocks tracking cookies by default.", "REJECT", False),
    ("Rangers captured a crocodile in the canal.", "ASSAULT", False),
    # drugs seized are a seizure, not an attack
    ("Customs officers seized 300 kilograms of cocaine at the port.", "COERCE", True),
    ("Customs officers seized 300 kilograms of cocaine at the port.", "ASSAULT", False),
    # a place taken is the direct object; goods seized at a border post or airport are a seizure
    ("Police seized 40 sacks of smuggled sugar at the border crossing.", "ASSAULT", False),
    ("Police seized 40 sacks of smuggled sugar at the border crossing.", "COERCE", True),
    ("Rebels seized the airport on Monday.", "ASSAULT", True),
    # prizes awarded, Mass attended, volunteers mobilised, a film pulled
    ("The university awarded degrees to 3,000 graduates.", "AID", False),
    ("The president attended Mass at the cathedral on Sunday.", "CONSULT", False),
    ("The charity mobilised volunteers to clean the beach.", "MOBILIZE", False),
    ("The army mobilised reservists along the border.", "MOBILIZE", True),
])
def test_non_political_senses_of_event_words(run, text, event, coded):
    """Senses a hunt of look-alikes (education, science, religion, wildlife, transport) found
    coded as events (rows of 2026-12-05), each beside a political use that stays coded."""
    assert any(e.event == event for e in run(text).events) is coded

@pytest.mark.slow
@pytest.mark.parametrize("text, coded", [
    # a sports body's ban, an airliner order, a storm's force, dancing, a long-held view: no act
    ("The Pakistan Cricket Board banned the fast bowler for two years.", []),
    ("Ethiopian Airlines ordered eight Airbus A350 jets on Monday.", []),
    ("The storm forced the Kenyan government to close three ports.", []),
    ("Opposition supporters danced in the streets of Harare after the verdict.", []),
    ("Moscow has long viewed NATO's eastern members with suspicion.", []),
    # a contract awarded is an agreement, not aid; a ban on a party is coercion
    ("The ministry awarded the road contract to a Chinese firm.", ["AGREE"]),
    ("The junta banned the main opposition party on Monday.", ["COERCE"]),
])
def test_what_survived_the_classifier_in_local_and_business_news(full_pipeline, text, coded):
    """False events a helper's made-up local, business and obituary articles showed the
    classifier letting through (rows of 2026-12-05), each as the rules now propose it, before
    the classifier: nothing, not even an open candidate, or the type the guide gives."""
    from dotterel import Document, Pipeline

    names = full_pipeline.names
    upto = Pipeline(list(full_pipeline.stages[: names.index("events") + 1]))  # no classifier yet
    assert [e.event for e in upto(Document.from_text(text, date="2024-03-10")).events] == coded

@pytest.mark.slow
@pytest.mark.parametrize("text, coded", [
    # a treaty, a jail or an aid agency named in capitals is a thing, not an act
    ("The Nile Basin Cooperative Framework Agreement is due for review next year.", []),
    ("Relatives waited outside Kondengui Central Prison in Yaounde.", []),
    ("Ghana's parliament debated the Mining Sector Support Agreement on Tuesday.", []),
    # a summit named in capitals took place; a headline capitalises every word
    ("At the 9th Kenya-Ethiopia Joint Summit in May, the leaders discussed the dam.", ["CONSULT"]),
    ("Kenya, Uganda Sign Trade Agreement In Kampala", ["SUPPORT"]),
])
def test_a_trigger_word_ending_a_name_names_a_thing(run, text, coded):
    """A noun of agreement, custody, aid or cooperation that ends a name in capitals (not at
    the start of the sentence, not in a headline) names a treaty, a jail or an agency; a
    summit's or a massacre's name names an event that took place."""
    assert sorted({e.event for e in run(text, date="2024-03-10").events}) == coded

@pytest.mark.parametrize("text, event, coded", [
    # rejection in a chamber or an office
    ("The county board voted down the rezoning plan on Tuesday.", "REJECT", True),
    ("Senators killed the bill in committee.", "REJECT", True),
    ("The governor withheld assent to the land bill.", "REJECT", True),
    ("The assembly defeated the opposition's amendment by 40 votes to 31.", "REJECT", True),
    ("The referee disallowed the equaliser.", "REJECT", False),
    # concessions in idiom
    ("The ministry gave in to the nurses' demands after a week.", "CONCEDE", True),
    ("The council reversed course on the parking fees.", "CONCEDE", True),
    ("The government's climbdown on the fuel levy came after protests.", "CONCEDE", True),
    ("Shares reversed early gains on Friday.", "CONCEDE", False),
    # protest, deployment, criticism, cooperation, agreement
    ("The opposition called a shutdown across the state on Monday.", "PROTEST", True),
    ("Activists chained themselves to the gates of the ministry.", "PROTEST", True),
    ("The government drafted in the army to guard polling stations.", "MOBILIZE", True),
    ("Police positioned snipers on the rooftops around the square.", "MOBILIZE", True),
    ("The Auditor General flagged irregular expenditure of 2 billion shillings at the ministry.", "ACCUSE", True),
    ("The opposition leader tore into the budget in parliament.", "ACCUSE", True),
    ("Critics panned the new film.", "ACCUSE", False),
    ("The two police forces pooled resources to track the gang.", "COOPERATE", True),
    # a deal hammered out is a formal agreement concluded (SUPPORT, as 'reached a deal')
    ("Kenya and Somalia hammered out a deal on the border.", "SUPPORT", True),
])
def test_rejections_and_concessions_of_local_and_national_news(run, text, event, coded):
    """Phrasings of the types the rules found least often in real news (REJECT, CONCEDE,
    PROTEST, MOBILIZE, ACCUSE, COOPERATE, AGREE; rows of 2026-12-05 from a helper's hunt in
    English-language local and national news), each with a look-alike."""
    assert any(e.event == event for e in run(text).events) is coded

@pytest.mark.parametrize("text, coded", [
    ("Police have placed riot units on standby in Kisumu ahead of the rally.", True),
    ("Police have placed riot units on high alert in Kisumu ahead of the rally.", True),
    ("About 2,000 soldiers have been put on standby.", True),
    ("Paramedics were on standby at the stadium for the final.", False),
])
def test_forces_put_on_alert_or_standby_are_mobilised(run, text, coded):
    """'placed riot units on standby' is MOBILIZE as 'on alert' is, also where the parser hangs
    the state on the object ('units on high alert') rather than on the verb."""
    assert any(e.event == "MOBILIZE" for e in run(text, date="2024-03-10").events) is coded

@pytest.mark.parametrize("text, event, coded", [
    # criticism without an accusing verb
    ("The opposition described the budget as a betrayal of farmers.", "ACCUSE", True),
    ("The bishops expressed disappointment at the court's ruling.", "ACCUSE", True),
    ("The senator blasted the governor over the unpaid salaries.", "ACCUSE", True),
    ("Union leaders poured scorn on the wage offer.", "ACCUSE", True),
    ("The striker blasted the ball over the bar.", "ACCUSE", False),
    ("Fans lamented the death of the club's founder.", "ACCUSE", False),
    # demands and praise
    ("Traders' associations exhorted the government to reopen the market.", "REQUEST", True),
    ("Elders enjoined the two factions to keep the peace.", "REQUEST", True),
    ("The party threw its weight behind the two bills.", "SUPPORT", True),
    ("The party threw its weight behind the two bills.", "REJECT", False),
    ("The chiefs pledged loyalty to the new king.", "SUPPORT", True),
    ("The minister expressed gratitude to Japan for the grant.", "SUPPORT", True),
    # opposing in Nigerian usage
    ("Labour unions kicked against the planned hike in fuel prices.", "REJECT", True),
])
def test_criticism_demands_and_praise_in_quoted_news(run, text, event, coded):
    """Criticism, demands and praise in the words of party politics and press statements
    (rows of 2026-12-05 from a helper's hunt in African, South Asian, Irish, British and North
    American news), each with a look-alike from sport or private life."""
    assert any(e.event == event for e in run(text).events) is coded

@pytest.mark.parametrize("text, event, coded", [
    # custody in the words of police statements and local courts
    ("Two men have been held for questioning in Tralee.", "COERCE", True),
    ("The court committed the former mayor to prison for contempt.", "COERCE", True),
    ("Detectives swooped on a house in Mitchells Plain and collared three suspects.", "COERCE", True),
    ("The disciplinary tribunal struck off the surgeon.", "SANCTION", True),
    # violence in the same registers; the same verbs in sport stay none
    ("A shopkeeper was knifed outside his store in Kingston.", "ASSAULT", True),
    ("Youths stoned a police van in the township.", "ASSAULT", True),
    ("Gunmen set alight two trucks on the highway.", "ASSAULT", True),
    ("The striker kicked the ball into the empty net.", "ASSAULT", False),
    ("The regiment kicked off the joint exercise on Monday.", "ASSAULT", False),
])
def test_custody_and_violence_in_police_and_court_news(run, text, event, coded):
    """Police, court and crime phrasings the lexicon lacked (rows of 2026-12-05 from a helper's
    hunt in local news from the Caribbean, Africa, South Asia and English-speaking countries),
    each with a look-alike from sport."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, coded", [
    # a trend or a danger foretold threatens no one
    ("The central bank warned that inflation could climb further next year.", False),
    ("Engineers warned that the old bridge could collapse within a decade.", False),
    ("The port authority warned that delays could last into next week.", False),
    ("Hospital managers warned that rising energy bills would force wards to close.", False),
    # an act foretold: by a party, to someone, someone's own, met with "any", or of consequences
    ("Beijing warned that it would take resolute measures.", True),
    ("The interior ministry warned that anyone found carrying weapons at the rally would be arrested.", True),
    ("The rebels warned that their attacks would continue until the troops left.", True),
    ("The miners' union warned that the strike could spread to other pits.", True),
    ("Officials warned that any incursion would be met with force.", True),
])
def test_a_warning_threatens_only_when_it_foretells_an_act(run, text, coded):
    """'warned that X would ...' is THREATEN when X is an act: done by a party or a pronoun, done
    to someone (a passive), someone's, an event noun, met with 'any', or one of threat_objects;
    a foretold trend or danger is a statement, and what it foretells ('would force wards to
    close') is no event of its own."""
    events = [e.event for e in run(text).events]
    assert ("THREATEN" in events) is coded
    if not coded:
        assert events == []


def test_a_warning_of_a_trend_is_declined_with_what_it_foretells(pipeline, run):
    """The trigger finder reports the words it judged to be no event (the warning and the clause
    it foretells), which the coder never offers again as open candidates; a warning of an act
    is a candidate and declines nothing."""
    triggers = _coder(pipeline).steps("en").triggers

    def declined(text):
        doc = run(text)
        tokens = list(doc.parse)
        out: set[int] = set()
        found = triggers.candidates(tokens, out)
        return [c.token.text for c in found], sorted(tokens[i].text for i in out)

    assert declined("Engineers warned that the old bridge could collapse within a decade.") == (
        [], sorted(["warned", "the", "old", "bridge", "could", "collapse", "within", "a", "decade", "that"]))
    assert declined("Beijing warned that it would take resolute measures.") == (["warned"], [])


@pytest.mark.parametrize("text, event, coded", [
    # an `off` row: the market's demand is no meeting and no request
    ("Officials hope the new port will meet rising demand from exporters.", "REQUEST", False),
    ("Analysts expect the refinery to meet surging demand from Asian buyers.", "REQUEST", False),
    ("Analysts expect the refinery to meet surging demand from Asian buyers.", "CONSULT", False),
    # the same words where the demand is someone's
    ("Teachers renewed their demands for higher pay from the government.", "REQUEST", True),
    ("The council finally met the demands of the striking teachers.", "CONCEDE", True),
])
def test_an_off_row_codes_neither_its_word_nor_the_event_noun_it_governs(run, text, event, coded):
    """A lexicon row of class `off` rules its word's sense out under its condition, and the event
    noun the word governs with it: a light row with no type would still code 'demand'."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # courts and legislatures
    ("The Kerala High Court quashed the state transport department's order raising bus permit fees on Wednesday.", "COERCE", True),
    ("An appeals court in Manchester quashed the conviction of a retired nurse jailed for fraud in 2016.", "RETREAT", True),
    ("An appeals court in Manchester quashed the conviction of a retired nurse jailed for fraud in 2016.", "REJECT", False),
    ("The Gauteng High Court stayed the municipality's demolition notices for 40 informal traders in Tembisa.", "COERCE", True),
    ("Ontario prosecutors stayed the fraud charges against the former councillor on Friday.", "RETREAT", True),
    ("The Labour Court set aside the ministry's decision to deregister the teachers' union.", "COERCE", True),
    ("A federal judge ordered the Interior Department to halt drilling permits on tribal land.", "COERCE", True),
    ("The Kenyan government withdrew the housing levy bill after weeks of street protests.", "CONCEDE", True),
    ("The Lagos High Court granted an interim injunction restraining the state government from demolishing the market.", "COERCE", True),
    ("The Maharashtra anti-corruption bureau filed a chargesheet against the former municipal commissioner.", "COERCE", True),
    # the same verbs outside a court
    ("The striker's family set aside the trophy for the museum.", "COERCE", False),
    ("The coach ordered the squad to halt training because of the heat.", "COERCE", False),
    ("The delegation stayed the night in Nairobi before the summit.", "COERCE", False),
])
def test_court_and_legislature_acts(run, text, event, coded):
    """What courts, prosecutors and legislatures do in the words of court and parliamentary
    reporting (rows of 2026-12-05 from a helper's hunt in North American, British, Irish,
    Indian, Nigerian, Kenyan and South African news), each with a look-alike."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    ("Kyrgyzstan and Tajikistan initialled a border demarcation agreement in Bishkek on Friday.", "AGREE", True),
    ("Erdogan assured Aliyev that Turkey would stand by Azerbaijan.", "AGREE", True),
    ("The Emir of Qatar sent a cable of congratulations to the President of Kazakhstan on his re-election.", "SUPPORT", True),
    ("Uzbekistan introduced visa-free travel for citizens of 86 countries on Monday.", "CONCEDE", True),
    ("Oman eased visa rules for Indian tourists on Sunday.", "CONCEDE", True),
    ("The Uzbek foreign minister paid a courtesy call on the Emir of Qatar in Doha on Tuesday.", "CONSULT", True),
    ("The Amir received the ambassador of Kazakhstan at Bayan Palace on Monday.", "CONSULT", True),
    # courtesy outside politics
    ("A taxi driver recognised him outside the embassy in Nairobi.", "SUPPORT", False),
    ("The Lima symphony orchestra paid tribute to the late conductor with a gala concert.", "SUPPORT", False),
    ("Samsung partnered with a fashion brand to launch a new phone.", "COOPERATE", False),
])
def test_diplomatic_courtesy_and_relations(run, text, event, coded):
    """Courtesy, assurances and eased rules in the words of state news agencies and foreign
    ministry readouts (rows of 2026-12-05 from a helper's hunt in Central Asian, Gulf, East
    African, Southeast Asian and Latin American news), each with a look-alike from culture or
    business."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    ("Police cordoned off the bazaar in Peshawar after a grenade attack.", "COERCE", True),
    ("Mexico's defence ministry ordered 4,000 soldiers to Sinaloa after a wave of killings.", "MOBILIZE", True),
    ("Myanmar's army flew in reinforcements to Lashio on Sunday.", "MOBILIZE", True),
    ("Wagner mercenaries withdrew from the gold mine near Intahaka on Tuesday.", "RETREAT", True),
    ("Militant hideouts in the Tirah valley were pounded by artillery overnight.", "ASSAULT", True),
    ("Armed men ransacked the election office in Tillaberi.", "ASSAULT", True),
    # the same words in money, sport, careers and bomb disposal
    ("He shelled out 40 million dollars for a villa in Dubai.", "ASSAULT", False),
    ("Mbappe torched the defence in the second half.", "ASSAULT", False),
    ("The bank deployed 2 billion dollars of capital into solar projects in Kenya.", "MOBILIZE", False),
    ("The general, who deployed to Iraq twice during his service, took command on Monday.", "MOBILIZE", False),
    ("Army engineers disarmed a bomb found near the market in Mogadishu.", "RETREAT", False),
])
def test_security_forces_in_conflict_wire_copy(run, text, event, coded):
    """Deployments, attacks, cordons and withdrawals in the words of wire copy and military
    communiques (rows of 2026-12-05 from a helper's hunt in news from the Sahel, the Horn of
    Africa, the Middle East, South Asia, Myanmar and Latin America), each with a look-alike."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    ("The nurses' union served a fresh strike notice on the hospital board.", "THREATEN", True),
    ("Residents handed a petition to the mayor on Tuesday.", "REQUEST", True),
    ("The teachers' association submitted a memorandum to the education minister.", "REQUEST", True),
    ("Railway staff withdrew their labour across the network on Wednesday.", "PROTEST", True),
    ("The province struck a deal with the nurses' union on Tuesday.", "AGREE", True),
    ("The government met the key demands of the striking lecturers.", "CONCEDE", True),
    ("Mill hands staged a sit-down strike inside the plant.", "PROTEST", True),
    # demand in business, a strike that is no attack
    ("Ferry operators laid on extra sailings to meet seasonal demand.", "CONSULT", False),
    ("Refiners boosted runs to meet growing demand for diesel.", "CONSULT", False),
    ("Mill hands staged a sit-down strike inside the plant.", "ASSAULT", False),
])
def test_labour_and_protest_phrasings(run, text, event, coded):
    """Strike notices, petitions, withdrawn labour, deals struck and demands met in the words
    of labour and civil-society reporting (rows of 2026-12-05 from a helper's hunt in Nigerian,
    Indian, Bangladeshi, Latin American, European, Korean and US local news), each with a
    look-alike from business."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    ("The PDP rubbished the governor's claims of a plot against his administration.", "REJECT", True),
    ("The Senate caucus distanced itself from the remarks of its former leader.", "REJECT", True),
    ("The President prevailed upon the governors to sign the accord.", "REQUEST", True),
    ("The Police Service Commission dismissed two constables for extortion at checkpoints.", "SANCTION", True),
    ("The interior minister dismissed the charge as cheap blackmail by rivals.", "REJECT", True),
    ("The governor charged party members to work for the victory of the candidate.", "REQUEST", True),
    # the same verbs at home, in hospital, in sport and in court
    ("She charged the phone overnight before the trip.", "COERCE", False),
    ("The winger was ruled out for the season with a hamstring injury.", "REJECT", False),
    ("The transplanted kidney was rejected by the body within weeks.", "REJECT", False),
    ("The judge charged the jury to weigh only the evidence presented in court.", "COERCE", False),
    ("The DJ turned down the volume after midnight.", "REJECT", False),
    ("The ministry dismissed forty employees of the agency last month.", "REJECT", False),
])
def test_rejection_criticism_and_exhortation_in_party_politics(run, text, event, coded):
    """Rejections, dismissals and exhortations in the words of party politics and diplomatic
    statements (rows of 2026-12-05 from a helper's hunt in Nigerian, Pakistani, Indian, Kenyan,
    Philippine and Middle Eastern English-language press), each with a look-alike."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    ("The Australian High Commission handed over two ambulances to Tonga's health ministry on Monday.", "AID", True),
    ("Britain shipped 300,000 vaccine doses to Ghana on Tuesday.", "AID", True),
    ("Kenyan and Ugandan troops are training together near Jinja.", "COOPERATE", True),
    ("Qatar bankrolled the reconstruction of schools in Gaza.", "AID", True),
    # giving and working together outside politics
    ("Hundreds of students donated blood at a camp on Monday.", "AID", False),
    ("The concert was funded by ticket sales.", "AID", False),
    ("The singer teamed up with a rapper for her new single.", "COOPERATE", False),
    ("The developer handed over the keys to the first buyers of the new apartments.", "RETREAT", False),
    ("She trained as a nurse in Manila.", "AID", False),
])
def test_aid_and_cooperation_in_development_news(run, text, event, coded):
    """Aid handed over, shipped and bankrolled, and forces training together, in the
    words of development, relief and cooperation news (rows of 2026-12-05 from a helper's hunt
    in West and East African, South Asian, Pacific, Caribbean and Central American news), each
    with a look-alike from private life, business or culture."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # headline and South Asian press verbs
    ("Police in Lucknow booked a ruling party MLA for hate speech on Sunday.", "COERCE", True),
    ("Two men were arrested after a woman was raped in the village.", "ASSAULT", True),  # 'raped': lemma 'rap'
    ("The appellate court junked the opposition's plea for a recount.", "REJECT", True),
    ("The governor nixed the bill passed by lawmakers last week.", "REJECT", True),
    ("The two factions clinched a ceasefire agreement after talks in Doha.", "AGREE", True),
    ("Babar slammed a brilliant hundred as Pakistan cruised past Zimbabwe.", "ACCUSE", False),
    ("Mbappe slams hat-trick as PSG thrash Lyon", "ACCUSE", False),
    ("Vigil held for slain activist in Quetta", "COERCE", False),
    # elections and parties
    ("The Supreme Court annulled the results of the municipal runoff in Villa Verde, citing irregularities.", "COERCE", True),
    ("The electoral tribunal overturned the commission's decision to certify the governor's re-election.", "COERCE", True),
    ("The opposition party expelled three rebel councillors on Wednesday.", "SANCTION", True),
    ("The ruling party suspended its deputy leader from the party on Friday for anti-party conduct.", "SANCTION", True),
    ("The new electoral law bars former army officers from standing for parliament for ten years.", "COERCE", False),
    ("The suspect then walked out.", "PROTEST", False),
    ("Opposition MPs walked out of the National Assembly in protest on Tuesday.", "PROTEST", True),  # 'prep=out & subj=...'
    ("The former minister walked out of prison on Monday after serving four years.", "PROTEST", False),
    # borders and trade
    ("The ministry added 14 foreign firms to its export control list on Monday.", "SANCTION", True),
    ("Ottawa paused its retaliatory tariffs for 30 days.", "CONCEDE", True),
    ("The president ordered a 20 percent duty on imported steel.", "SANCTION", True),
    ("Hungary expelled the Dutch charg\u00e9 d'affaires on Friday.", "SANCTION", True),
    ("The State Department revoked the visas of five officials.", "SANCTION", True),
    ("Coast guards turned back migrants trying to reach Lampedusa.", "COERCE", True),
    ("Peru exports about 40 percent of its copper to China.", "COOPERATE", False),
    ("Japan imported 3 million tonnes of Australian coal last year.", "COOPERATE", False),
    ("Canada admits about 400,000 immigrants a year.", "CONCEDE", False),
])
def test_headline_election_and_border_phrasings(run, text, event, coded):
    """Rows of 2026-12-05 from three helpers' hunts: headline verbs of South Asian, African and
    British press ('booked', 'junked', 'nixed', 'clinched'), elections and party
    discipline, and borders and trade disputes, each with look-alikes from sport, law texts and
    trade statistics."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    ("The Kazakh government lifted its ban on Telegram on Wednesday.", "CONCEDE", True),
    ("Kyrgyz authorities unblocked the website of the independent outlet Kloop on Friday.", "CONCEDE", True),
    ("Malaysia's internet shutdown in Sabah entered its second day on Sunday.", "COERCE", True),
    ("Tajik security police released the blogger on Monday after holding her for six weeks without access to a lawyer.", "COERCE", True),
    ("Hackers defaced the websites of two Senegalese ministries on Sunday.", "ASSAULT", True),
    # the same words in technology, business and accidents
    ("The platform suspended the account for spam after users flagged hundreds of identical posts.", "COERCE", False),
    ("A rival firm blocked the merger by raising its stake to 30 percent.", "COERCE", False),
    ("A lightning strike at a substation shut down the internet in the northern provinces for six hours.", "COERCE", False),
])
def test_press_freedom_and_internet_acts(run, text, event, coded):
    """Rows of 2026-12-05 from a helper's hunt in NGO statements and African, Central Asian and
    Southeast Asian press: bans on platforms lifted are concessions, internet shutdowns and
    defaced sites are acts, each with a look-alike."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # Latin American news in translation
    ("Dairy farmers in Jalisco banged pots and pans outside the governor's office on Wednesday night.", "PROTEST", True),
    ("A riot police officer blinded a teenage protester with a rubber pellet in Santiago last week.", "ASSAULT", True),
    ("Bolivia's legislature summoned the economy minister on Monday to explain the fuel shortages.", "REQUEST", True),
    ("Guyana recalled its high commissioner from Port of Spain on Thursday.", "SANCTION", True),
    ("The Colombian leader compared the Salvadoran police to the Gestapo during a speech on Sunday.", "ACCUSE", True),
    ("Marines captured the cartel boss known as El Toro at a ranch near Culiacan.", "COERCE", True),
    ("Federal police dismantled a human smuggling cell in Chiapas on Friday.", "COERCE", True),
    ("Atletico's midfield neutralized the Argentine striker throughout the second half.", "ASSAULT", False),
    ("The central bank neutralized the inflationary pressure with a rate increase.", "ASSAULT", False),
    ("The company dismantled its distribution network in the south.", "COERCE", False),
    # coast guards and navies in East Asian and Pacific news
    ("A Chinese frigate shadowed a Canadian destroyer through the Taiwan Strait on Saturday, Ottawa said.", "MOBILIZE", True),
    ("China's coast guard water-cannoned a Philippine supply vessel on Monday.", "COERCE", True),
    ("An American destroyer sailed through the Taiwan Strait on Wednesday, the Seventh Fleet said.", "MOBILIZE", True),
    ("Pyongyang launched an intercontinental ballistic missile on Friday.", "MOBILIZE", True),
    ("Japan scrambled jets 669 times in the last fiscal year.", "MOBILIZE", False),
    ("The bill sailed through the Senate with bipartisan support.", "MOBILIZE", False),
    ("The intern shadowed the chief executive for a week.", "MOBILIZE", False),
    # humanitarian response and releases
    ("Morocco sent a field hospital to eastern Chad for Sudanese refugees on Wednesday.", "AID", True),
    ("Kuwait dispatched medical teams and ambulances to Benghazi after the floods.", "AID", True),
    ("Egyptian planes airdropped flour and medicine over besieged villages in South Kordofan.", "AID", True),
    ("Armenia and Azerbaijan swapped the bodies of dead soldiers at the border on Tuesday.", "RETREAT", True),
    ("Firefighters evacuated the office building after a gas leak.", "AID", False),
    ("Parishioners raised funds for the flood victims at a Sunday bake sale.", "AID", False),
    ("The bank freed up 2 billion dollars for new lending.", "RETREAT", False),
])
def test_latin_american_maritime_and_relief_phrasings(run, text, event, coded):
    """Rows of 2026-12-05 from three helpers' hunts: Latin American news in translation (pots
    banged, a legislature's summons, cells dismantled), coast guards and navies (ships shadowed,
    water cannon, missile tests), and relief and releases (field hospitals, airdrops, bodies
    swapped), each with look-alikes from sport, business, statistics and charity."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # Russia, Ukraine, the Caucasus and Central Asia
    ("Belarusian air defences downed two Ukrainian drones near Gomel on Tuesday.", "ASSAULT", True),
    ("Moscow put the exiled Kyrgyz journalist on its wanted list on Thursday.", "COERCE", True),
    ("The justice ministry designated the Tbilisi broadcaster as a foreign agent.", "COERCE", True),
    ("Aliyev announced a partial mobilisation of reservists on Sunday.", "MOBILIZE", True),
    ("Kazakh forces retook the border post of Karakol on Monday.", "ASSAULT", True),
    ("Georgia has frozen its membership of the Russian-led bloc.", "SANCTION", True),
    ("Minsk downed Gomel 3-1 in the cup final.", "ASSAULT", False),
    ("The trade unions announced a general mobilisation against the pension reform.", "MOBILIZE", False),
    ("Dinamo retook the top spot in the league with a win over Ordabasy.", "ASSAULT", False),
    ("The magazine placed the new crossover on its most wanted list.", "COERCE", False),
    # coups, juntas and regional blocs in West and Central Africa
    ("Mutinous paratroopers ousted the president of Gabon on Wednesday.", "COERCE", True),
    ("Army officers deposed the head of state on Sunday.", "COERCE", True),
    ("The junta dissolved the government and the national assembly on Thursday.", "COERCE", True),
    ("Mali announced on Sunday that it would quit Ecowas.", "SANCTION", True),
    ("Lawmakers toppled the government in a no-confidence vote on Wednesday.", "REJECT", True),
    ("The army toppled the president in a coup after a disputed vote.", "REJECT", False),
    ("The junta ordered the French diplomats out on Friday.", "SANCTION", True),
    ("Senegal toppled Egypt 2-1 in the semi-final on Saturday.", "ASSAULT", False),
    ("The upstart toppled the market leader in smartphone sales last quarter.", "ASSAULT", False),
    ("A crane toppled onto a car in Lagos on Monday.", "ASSAULT", False),
    ("The club hopes to seize power in the title race.", "COERCE", False),
    ("The tablet dissolved in water within a minute.", "COERCE", False),
])
def test_post_soviet_and_sahel_phrasings(run, text, event, coded):
    """Rows of 2026-12-05 from two helpers' hunts: wire copy from Russia, Ukraine, the Caucasus
    and Central Asia (drones downed, wanted lists, foreign-agent labels, mobilisation) and from
    the Sahel's coups and regional blocs (ousted, deposed, dissolved, quitting a bloc), each with
    look-alikes from sport, business, accidents and chemistry."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    ("The high court ordered the forfeiture of the former minister's villa.", "COERCE", True),
    ("The supreme court ordered the dissolution of the opposition party.", "COERCE", True),
    ("A magistrate ordered the eviction of the squatters from the disused mill.", "COERCE", True),
    ("The judge ordered the seizure of the governor's ranch.", "COERCE", True),
    # look-alikes: a release ordered, a retrial, the court's own procedure, a general's order,
    # and a party told to do something (plv_dev's REQUEST)
    ("The tribunal ordered the ministry to pay compensation to the evicted traders.", "REQUEST", True),
    ("The high court ordered the release of the detained activist.", "RETREAT", True),
    ("A judge ordered a new trial for the former mayor.", "COERCE", False),
    ("The judge ordered the jury to disregard the remark.", "COERCE", False),
    ("The general ordered his troops to hold their positions.", "COERCE", False),
])
def test_a_court_order_is_coercion(run, text, event, coded):
    """What a court, judge or magistrate orders done to a party ('ordered the seizure', 'ordered
    him held') is COERCE, the order being the coercion, as the corpus codes it; a release it
    orders stays RETREAT and a retrial ACCUSE, as before; a party told to do something ('ordered
    the ministry to pay') stays REQUEST, as plv_dev codes it; and an order to the jury, a lawyer
    or a witness is the court's own procedure."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # European institutions and parliaments
    ("Vienna lifted its veto on Croatia's bid to join the passport-free zone.", "CONCEDE", True),
    ("Latvia withdrew its objections to the new grain quotas late on Tuesday.", "CONCEDE", True),
    ("Brussels opened an infringement procedure against Slovakia over its media law.", "ACCUSE", True),
    ("Liberal deputies tabled a motion of no confidence in the Dutch cabinet on Wednesday.", "ACCUSE", True),
    ("The federal parliament voted to waive the immunity of a far-right deputy.", "COERCE", True),
    ("The Finnish Eduskunta voted against the government's energy bill on Thursday.", "REJECT", True),
    ("Portugal's parliament approved the 2026 state budget on Friday.", "SUPPORT", False),
    ("The Riksdag will debate the motion of no confidence on Tuesday.", "ACCUSE", False),
    ("Engineers lifted the collapsed roof off the trapped car.", "CONCEDE", False),
    # criticism and blame in South Asian and African press
    ("Rival candidates traded insults during Tuesday's televised debate in Nairobi.", "ACCUSE", True),
    ("The chief minister came down heavily on the district collector over the relief delays.", "ACCUSE", True),
    ("The Awami League pinned the blame for the unrest on BNP activists.", "ACCUSE", True),
    ("Nepal's former premier fired a broadside at the ruling coalition over the budget.", "ASSAULT", False),
    ("Heavy rain came down hard on Colombo on Monday.", "ACCUSE", False),
    ("Pakistan hit back with two late goals to draw the match.", "ACCUSE", False),
    # praise, welcomes and calls in Middle Eastern and East Asian wire copy
    ("The Indonesian foreign minister singled out Malaysia for praise over its refugee policy.", "SUPPORT", True),
    ("Critics in Busan heaped praise on the director's latest thriller.", "SUPPORT", False),
    ("Government forecasters in Tokyo are calling for heavy rain across Kyushu this weekend.", "REQUEST", False),
    ("The Japanese prime minister, asked about the missile launch, declined to comment further.", "REQUEST", False),
    ("Oman welcomed the new year with fireworks over Muscat.", "SUPPORT", False),
    ("The coach called up three uncapped players for the qualifiers.", "CONSULT", False),
    ("The army called up 5,000 reservists on Monday.", "MOBILIZE", True),
    # local police and court news
    ("He could face 14 years in prison.", "COERCE", True),
    ("Police are holding three men over the burglary.", "COERCE", True),
    ("Firefighters searched the house for survivors after the blaze.", "ACCUSE", False),
    ("Residents face two years of disruption from the works.", "COERCE", False),
    ("Police held a press conference on Tuesday.", "COERCE", False),
])
def test_european_criticism_praise_and_police_phrasings(run, text, event, coded):
    """Rows of 2026-12-05 from four helpers' hunts: European institutions (vetoes lifted,
    no-confidence motions, infringement procedures, immunity waived, bills voted down, a
    parliament passing its own budget), criticism idioms of South Asian and African press
    (insults traded, came down heavily on, blame pinned), praise and calls in wire copy
    (singled out for praise; critics' praise, forecasts, 'asked about', a new year welcomed,
    a squad call-up), and local police and court news (could face years in prison, police
    holding suspects, searches for survivors), each with look-alikes."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # refusals and concessions, and their look-alikes in sport, markets and police work
    ("The transport ministry finally relented and lowered bus fares.", "CONCEDE", True),
    ("The military council capitulated to the protesters' demands on Friday.", "CONCEDE", True),
    ("The mayor conceded to the strikers twice last year.", "CONCEDE", True),
    ("The prime minister ruled out early elections.", "REJECT", True),
    ("The visitors conceded three goals before half-time in Lagos.", "CONCEDE", False),
    ("Coffee exports declined sharply in the second quarter.", "REJECT", False),
    ("The talks yielded no agreement.", "CONCEDE", False),
    ("Detectives have ruled out foul play in the death of the trader.", "REJECT", False),
    ("The studio rejected a fresh offer from a streaming service for the film.", "REJECT", False),
    # cooperation and meetings in official press, and fixtures, pilgrims and targets
    ("Thai and Lao border police coordinated closely with each other during the manhunt.", "COOPERATE", True),
    ("Engineers from the Bangladesh Army worked alongside district officials to repair the embankment.",
     "COOPERATE", True),
    ("The foreign ministers of Nepal and Sri Lanka spoke by telephone on Wednesday.", "CONSULT", True),
    ("Cambodian and Vietnamese customs have started sharing shipping data at the Moc Bai crossing.",
     "COOPERATE", True),
    ("Zimbabwe and Afghanistan will meet in the semi-final in Harare on Friday.", "AGREE", False),
    ("Thousands of pilgrims visited the sacred city of Anuradhapura during the Poson festival.", "CONSULT", False),
    ("The province met its revenue target for the quarter.", "CONSULT", False),
    # mobilisation, protest and threats, and a volcano's alert level
    ("Armenia's military raised its alert level along the Azerbaijani frontier on Sunday.", "MOBILIZE", True),
    ("Bolivia's army called up retired officers and former conscripts after the border clash.", "MOBILIZE", True),
    ("Hezbollah vowed a crushing response to the drone strike in Beirut.", "THREATEN", True),
    ("Public school teachers in Asuncion stayed off work on Wednesday over unpaid wages.", "PROTEST", True),
    ("Hundreds of demonstrators stormed the electoral tribunal in La Paz.", "ASSAULT", False),
    ("Quito's civil protection agency raised the alert level for the Cotopaxi volcano.", "MOBILIZE", False),
])
def test_refusal_cooperation_and_mobilisation_phrasings(run, text, event, coded):
    """Rows of 2026-12-05 from three more helpers' hunts: refusals and concessions (relented,
    capitulated; goals conceded, exports declining, talks yielding nothing, foul play ruled out
    and a studio's rejected offer are none), cooperation and meetings in official press
    (coordinated, worked alongside, spoke by telephone, shared data; fixtures, pilgrims' visits
    and targets met are none), and mobilisation, protest and threats (alert raised, officers
    called up, a crushing response vowed, staying off work; demonstrators who storm a building
    protest)."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # violence in conflict zones, and records, runways and budgets held hostage
    ("Al-Shabaab fighters took six aid workers hostage near Baidoa on Thursday.", "ASSAULT", True),
    ("The militia forcibly conscripted teenagers from the camps near Goma.", "COERCE", True),
    ("Taliban officials publicly flogged two men in a stadium in Ghazni.", "ASSAULT", True),
    ("Residents endured a months-long siege by RSF fighters in El Fasher.", "ASSAULT", True),
    ("Kidnappers held the engineers hostage for a week.", "ASSAULT", True),
    ("The opposition is holding the budget hostage to win concessions, the finance minister complained.",
     "ASSAULT", False),
    ("The striker stormed away from the touchline after being substituted.", "ASSAULT", False),
    ("The sprinter demolished the national record in Nairobi.", "COERCE", False),
    ("The contractor executed the upgrade of the airport runway on schedule.", "ASSAULT", False),
    # aid and development finance, and mortgages, liquidity and the law's provisions
    ("Oman deposited $700 million in Yemen's central bank on Sunday.", "AID", True),
    ("The Qatar Red Crescent distributed blankets and tents to flood survivors in Sindh.", "AID", True),
    ("New Zealand pledged NZ$15 million in recovery support to Tonga.", "AGREE", True),
    ("The European Union provides 45 million euros in support for farmers in Niger.", "AID", True),
    ("Barclays granted a mortgage to the Smiths.", "CONCEDE", False),
    ("The central bank provided liquidity to the markets.", "AID", False),
    ("The law provides for a fine of up to 5,000 dollars.", "AID", False),
    # headline verbs, and sports and aviation headlines
    ("Tehran vows reprisals after strikes on its air bases", "THREATEN", True),
    ("The provincial police chief sacked three constables who were filmed taking bribes.", "SANCTION", True),
    ("Militants shoot down army helicopter in Balochistan", "ASSAULT", True),
    ("Celtics rally past Knicks in double overtime", "PROTEST", False),
    ("Panthers shoot down Lightning in overtime thriller", "ASSAULT", False),
    ("Vistara orders 50 jets from Airbus at Paris show", "REQUEST", False),
])
def test_conflict_aid_and_headline_phrasings(run, text, event, coded):
    """Rows of 2026-12-05 from the day's last three helpers' hunts: violence in conflict zones
    (hostages taken, forced conscription, floggings, sieges by fighters; budgets held hostage,
    records demolished, works executed are none), aid and development finance (money deposited
    in a central bank, relief goods distributed, sums pledged as AGREE; mortgages, liquidity and
    what a law provides for are none), and headline verbs (reprisals vowed, constables sacked;
    teams rallying past or shooting down each other and airlines ordering jets are none)."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, coded", [
    ("According to data released by the transport ministry, road deaths fell last year.", []),
    ("Police released data on road deaths on Tuesday.", []),
    ("The rebels released 20 hostages on Tuesday.", ["RETREAT"]),
])
def test_data_released_is_no_release_of_people(run, text, coded):
    """Plural 'data' is lemmatised 'datum' by spaCy, so the release row's `notobj=data` never
    held for it: statistics released read as a release (RETREAT) of people."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("Firefighters from Ghana helped fight fires in the north of Togo.", ["AID"]),
    ("Firefighters fought the fire at the depot for six hours.", []),
    ("Detectives are investigating a fire at the market in Kumasi.", []),
    ("Higher interest rates have killed demand for new flats.", []),
    ("The state cabinet sanctioned the release of 5 billion rupees for the new dam.", []),
    ("The port authority mobilised investment for a second container terminal.", []),
    ("The referee disallowed his strike for offside.", []),
    ("She booked a trip to Lisbon for the summer.", []),
    ("The space agency released the probe from the orbiter.", []),
    # the same words still code an event where the row's condition does not hold
    ("Rebels fought government troops near the border.", ["ASSAULT"]),
    ("The rebels released 20 hostages near the border.", ["RETREAT"]),
    ("The army mobilised reservists on Sunday.", ["MOBILIZE"]),
])
def test_a_sense_switched_off_codes_no_event_noun_either(run, text, coded):
    """Rows that rule a word's sense out ('fight fires', 'investigating a fire', 'killed
    demand', 'sanctioned the release of funds', 'mobilised investment', a disallowed strike, a
    booked trip) are `off`, not `light`: a light row passes its object's event on, so the fire
    was coded as an attack, the demand as a request, the release of funds as a release."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("Police said the man pointed an object at the approaching officers.", ["THREATEN"]),
    ("The suspect pointed a revolver at a shop assistant in Enugu.", ["THREATEN"]),
    ("The guide pointed at an object in the night sky.", []),
])
def test_an_object_pointed_at_someone_is_a_threat(run, text, coded):
    """'Pointed an object at the officers', as police describe a weapon they cannot name, is a
    threat, as a gun pointed at them is; pointing at an object is nothing."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("During Sunday's service the archbishop will welcome into the faith twelve adults.", []),
    ("The bishop welcomed forty converts into the church on Sunday.", []),
    ("Ghana welcomed the ceasefire agreement between the two factions.", ["SUPPORT"]),
])
def test_a_welcome_into_a_faith_is_a_rite(run, text, coded):
    """Adults welcomed into a faith or a church are received in a rite, no one's support."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("During his 12 years of service, Sgt Mark Ellery deployed three times to Afghanistan.", []),
    ("Maj Helen Cho deployed twice to Mali with the UN mission.", []),
    ("Hundreds of troops deployed to the northern border on Monday.", ["MOBILIZE"]),
])
def test_a_soldiers_tours_are_no_mobilisation(run, text, coded):
    """A titled soldier who 'deployed three times' tells a career, as a sergeant or a colonel
    already did; troops deploying are a mobilisation."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("Aid agencies said the violence had forced about 2,000 people to flee their homes.", []),
    ("A months-long budget standoff forced several state agencies to borrow money.", []),
    ("Soldiers forced villagers to leave their homes near the border.", ["COERCE"]),
])
def test_what_a_conflict_or_standoff_forces_is_no_coercion(run, text, coded):
    """Violence, fighting or a standoff that forces people to act is a circumstance, as a
    storm or a shortage is: no one coerces them."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, attack", [
    ("The farm minister called the tariffs a blatant attack on growers.", False),
    ("The ministry condemned the raid as an assault on press freedom.", False),
    ("The foreign ministry condemned what it called the massacre of villagers.", False),
    # the thing characterised stays an event, and so does one the parser hangs after 'as'
    ("Rebels attacked the convoy, and the ministry condemned the attack as cowardly.", True),
    ("Moscow rejected as absurd Britain's accusation that its agents shot the defector.", True),
])
def test_the_event_a_thing_is_named_as_is_no_event(run, text, attack):
    """'Called the tariffs an attack on growers', 'condemned the raid as an assault on press
    freedom': the event noun a thing is named or characterised as is the speaker's word for
    it, no attack of its own; the naming is still the speaker's accusation."""
    events = [e.event for e in run(text).events]
    assert "ACCUSE" in events
    assert ("ASSAULT" in events) is attack


@pytest.mark.parametrize("text, coded", [
    ("The governor praised the fire service for what she called its tireless work.", ["SUPPORT"]),
    ("The minister thanked Japan for what he called decades of friendship.", ["SUPPORT"]),
    ("The army staged drills near the border in what it called a routine exercise.", ["MOBILIZE"]),
    # a condemning word in the naming is still the speaker's accusation
    ("A Chinese warship sailed within a few metres of the patrol boat in what Manila called a reckless manoeuvre.",
     ["ACCUSE"]),
    ("The ministry raised tariffs on steel, citing what it called discriminatory trade practices by its neighbour.",
     ["ACCUSE", "SANCTION"]),
])
def test_what_someone_calls_a_thing_is_an_accusation_only_in_condemning_words(run, text, coded):
    """'Thanked Japan for what he called decades of friendship', 'in what it called a routine
    exercise': the free relative names the thing the other verb is about; only a condemning
    word in it ('a reckless manoeuvre', 'discriminatory practices') makes the naming an accusation."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("Judge Amina Rauf granted a seven-day remand of the two suspects.", ["COERCE"]),
    ("An anti-terrorism court granted police physical remand of the three suspects.", ["COERCE"]),
    ("A family court granted the mother sole custody of her two children.", []),
    ("The court granted him bail on Monday.", ["RETREAT"]),
])
def test_a_remand_granted_is_custody_and_custody_of_children_no_event(run, text, coded):
    """'Granted a seven-day remand', 'granted police physical remand': the court sends the
    suspects into custody; custody of children granted to a parent is a family matter."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("Ghana took over the rotating chairmanship of the bloc on January 1.", []),
    ("Colonel Amadou Diallo took over as commander of the northern zone in March.", []),
    ("The regional council, which took over from the old assembly in 2019, sits in Cotabato.", []),
    ("The Crime Branch has taken over the investigation into the student's death.", ["ACCUSE"]),
    ("Rebels took over the town of Bunagana on Monday.", ["ASSAULT"]),
])
def test_an_office_or_a_case_taken_over_is_no_seizure(run, text, coded):
    """'Took over the rotating chairmanship', 'took over as commander', 'took over from the
    old assembly': a post passed on, no seizure; an investigation taken over is still the
    investigation; a town taken over is."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("The Road Traffic Act allows motorists to drive at 120 kilometres an hour on highways.", []),
    ("The 2019 ruling permits regional courts to hear such appeals.", []),
    ("The junta allowed aid convoys into the besieged town on Monday.", ["RETREAT"]),
    ("Kestrel Mining said quarterly profit rose 12 percent, helped by higher copper prices.", []),
    ("Japan helped Fiji rebuild its schools after the cyclone.", ["AID"]),
])
def test_what_a_law_allows_and_what_prices_help_are_no_events(run, text, coded):
    """'The Public Order Act allows police to hold suspects', 'a ruling permits courts to hear
    appeals': a standing rule, no one easing anything; 'profit rose, helped by higher prices':
    a market, no one's aid. A junta letting convoys in, Japan helping Fiji, stay events."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("The director said the money raised on Sunday would fund two more nurses for the hospice.", []),
    ("Japan will fund a new bridge over the Nile at Jinja.", ["AGREE"]),
    ("Norway funded the new clinic in Gulu.", ["AID"]),
])
def test_what_money_funds_is_no_ones_pledge(run, text, coded):
    """'The money raised would fund two more nurses': a sum, not a party, pays; a state that
    will fund a bridge pledges aid, and one that funded a clinic gave it."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("The Lagos charity, which supports young mothers, opened a second shelter.", []),
    ("Kestrel Agritech offers seeds and training to smallholder farmers.", []),
    ("Norway provides the island's clinics with doctors and nurses every year.", []),
    # a headline's present tells an act of the day, and so does a promise
    ("Senegal offers to host talks on Guinea-Bissau crisis", ["AGREE"]),
    ("Iran offers to mediate between the two sides, the minister said.", ["AGREE"]),
    ("Norway provided the island with $20 million in budget support on Monday.", ["AID"]),
    # a stance someone states in the present is one, and so are a stance on a bid and a sum
    ("The foreign ministry said it supports the UN call for a ceasefire.", ["SUPPORT"]),
    ("Thailand supports Timor-Leste's bid for full ASEAN membership.", ["SUPPORT"]),
    ("The European Union provides 45 million euros in support for farmers in Niger.", ["AID"]),
])
def test_what_a_party_does_in_the_present_is_no_act_of_the_day(run, text, coded):
    """'The charity, which supports young mothers', 'Kestrel Agritech offers seeds': the simple
    present of a body sentence describes what a party does (the `habitual` condition), no act of
    the day; a headline's present, a present promise ('offers to mediate'), a stance someone
    states ('said it supports the UN call') or takes on a bid, and a sum provided are acts."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("A jailed lawmaker who has refused food for two months was moved to hospital.", ["PROTEST"]),
    ("Detainees at the camp have refused meals since Monday over their conditions.", ["PROTEST"]),
    ("The junta refused food aid from the United Nations.", ["REJECT"]),
])
def test_refusing_food_is_a_hunger_strike(run, text, coded):
    """A prisoner who refuses food or meals is on hunger strike, a protest; a government that
    refuses food aid rejects it."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("A man threw a chair at the referee after the final whistle.", ["ASSAULT"]),
    ("A man threw a hand truck at a bus carrying rival fighters.", ["ASSAULT"]),
    ("Climate activists threw paint at the energy ministry on Monday.", ["PROTEST"]),
    ("The mayor threw a party at the town hall for volunteers.", []),
])
def test_anything_thrown_at_someone_is_an_attack(run, text, coded):
    """Not only stones and bottles: a chair or a hand truck thrown at people is an attack, and
    paint thrown by activists a protest; a party thrown at the town hall is nothing."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("Ghana's president called the summit a success for West African diplomacy.", ["SUPPORT"]),
    ("The junta leader called Moscow a reliable partner.", ["SUPPORT"]),
    ("The opposition leader called the election a sham.", ["ACCUSE"]),
    ("The minister called the new tariffs a provocation.", ["ACCUSE"]),
    # a strike named something else is no strike called
    ("The interior ministry called the strike an act of sabotage.", ["ACCUSE"]),
])
def test_naming_a_thing_a_success_is_praise(run, text, coded):
    """'Called the summit a success', 'called Moscow a reliable partner': a naming whose
    predicate is praise is SUPPORT; any other naming stays ACCUSE, also of a strike ('called
    the strike an act of sabotage' calls no strike)."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("3 held over killing of shopkeeper in Kaduna", ["ASSAULT", "COERCE"]),
    ("Two arrested over killing of radio presenter in Jos", ["ASSAULT", "COERCE"]),
    # a count of something else, or of those the number is 'of', is no bare count
    ("3 of the suspects held over killing of shopkeeper in Kaduna", ["ASSAULT", "COERCE"]),
    ("12 percent of the budget held back over audit", []),
])
def test_a_headlines_bare_number_is_the_people_it_counts(run, text, coded):
    """A headline's bare number as the subject ("3 held over killing") counts people: the
    parser makes it the subject of a past tense, or hangs the participle on it, and those
    held are the arrest's recipient."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    ("The dockworkers' union voted on Monday to strike from next week.", ["PROTEST"]),
    ("The teachers' union will decide on Friday whether to strike.", ["PROTEST"]),
    ("Garment workers continued to block the highway for a second day.", ["PROTEST"]),
    ("Students continued to occupy the rector's office in Quito.", ["PROTEST"]),
    # an infinitive whose doer is a striking force, or a storm, keeps its reading
    ("The air force vowed to strike militant camps in the north.", ["THREATEN"]),
])
def test_an_infinitive_takes_its_doer_from_the_verb_it_completes(run, text, coded):
    """`subj=` conditions of an infinitive with no subject of its own read the subject of the
    verb it completes ("the union voted to strike": the union strikes, a protest, not an
    attack), or that verb's object ("told its members to strike")."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    # a named storm is a storm: it neither attacks, accuses, coerces nor threatens
    ("Cyclone Marisol struck the coast of Madagascar on Friday, killing at least 30 people.", []),
    ("Hurricane Delphine slams Gulf coast as Category 4 storm", []),
    ("Typhoon Kiro forced the cancellation of hundreds of flights in Taipei.", []),
    ("Two fishermen were killed by Cyclone Marisol off the Malagasy coast.", []),
    # a title before a name says who acts
    ("Justice Ama Boateng of the High Court halted the sale of the state refinery on Monday.", ["COERCE"]),
    # an organisation's name keeps its words: a law society is no law, and still makes demands
    ("The Zambia Law Society called on the police to release the opposition leader.", ["REQUEST"]),
    # a storm's name is no shield for those who attack
    ("Gunmen killed 12 villagers in the north on Sunday.", ["ASSAULT"]),
])
def test_the_word_before_a_name_says_what_it_is(run, text, coded):
    """'Cyclone Marisol', 'Justice Boateng': a name's title says what the named one is, for
    the lexicon's subj= conditions and for nature as no actor; a name with an article ('the
    Zambia Law Society') is an organisation's, and its words are no kind."""
    assert sorted({e.event for e in run(text).events}) == coded


def test_a_grant_of_money_is_aid_not_a_priced_deal(run):
    """A price makes a deal between companies commerce; money given as a grant is still aid."""
    doc = run("The town recently got $1.2 million in federal and provincial grants to study the project.")
    assert [e.event for e in doc.events] == ["AID"]


def test_a_warning_to_businesses_by_an_unknown_group_is_no_deal(run):
    """An armed group the base does not know ('the RSF' without its long form) has no sector;
    its warning to airlines stays an event (only deals are commerce)."""
    doc = run("The RSF warned airlines on Saturday that it would treat the airport as a military target.")
    assert [e.event for e in doc.events] == ["THREATEN"]


@pytest.mark.parametrize("text", [
    "The company rejected a takeover approach from a larger Gulf rival last year.",
    "The board of Hartwell & Pine rejected an unsolicited takeover bid from Calder Ridge.",
])
def test_commerce_is_not_proposed_again_as_an_open_candidate(text):
    """The rules' judgement that a deal is commerce stands when a classifier follows: the verb
    was proposed again as an open candidate (the rules coded nothing in its sentence), and the
    classifier kept it as a REJECT."""
    from dotterel import Document
    from dotterel.classifier.corpus import rules_pipeline

    doc = rules_pipeline(open_candidates=True)(Document.from_text(text, date="2024-05-02"))
    assert not [e for e in doc.events if e.trigger[0].text == "rejected"]


@pytest.mark.parametrize("text", [
    "A reporter from a news agency asked whether China would send a special envoy to the peace conference.",
    "The Tianjin public security bureau did not respond to a faxed request for comment on Tuesday.",
])
def test_questions_and_requests_for_comment_are_how_news_is_sourced(text):
    """A journalist's question asks for no act, and what it asks about is not reported; an
    unanswered request for comment is sourcing. Neither the rules nor the open proposer (which
    had offered 'send' and 'respond' to the classifier) make an event of them."""
    from dotterel import Document
    from dotterel.classifier.corpus import rules_pipeline

    doc = rules_pipeline(open_candidates=True)(Document.from_text(text, date="2024-05-02"))
    assert doc.events == []


def test_a_question_put_to_a_party_is_still_a_request(run):
    doc = run("Kenya asked Uganda whether it would reopen the border.")
    assert [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in doc.events] == [
        ("REQUEST", ["KEN"], ["UGA"])]


@pytest.mark.parametrize("text, refusal", [
    ("Ruelas declined to respond to the criticism but said he would review the case.", False),
    ("The owner declined to speak to reporters as she left the courthouse.", False),
    ("The minister declined to elaborate.", False),
    ("Russia refused to respond to the ultimatum.", True),
    ("The former adviser refused to speak to the congressional committee.", True),
    ("The navy spokesman declined to answer further questions from reporters.", False),
    ("The minister refused to answer questions from opposition lawmakers.", True),
    ("The governor refused to answer the tribunal's summons.", True),
])
def test_questions_of_the_press_left_unanswered_are_sourcing(run, text, refusal):
    """Declining to speak to reporters, to answer their questions or criticism is how a story is
    sourced; a refusal to answer another party is a REJECT."""
    assert bool([e for e in run(text).events if e.event == "REJECT"]) is refusal


@pytest.mark.parametrize("text, kept", [
    ("Iraq coach Ivan Peric defended the decision and praised his players.", False),
    ("Seladang coach Azman Hakim rejected suggestions that the referee had decided the title.", False),
    ("Police arrested the striker after the match in Lagos.", True),
    ("Colombia's professional footballers' union called a strike on Thursday.", True),
])
def test_sport_is_no_political_event(run, text, kept):
    """A coach's praise or a coach's rejection is sport; an arrest or a players' strike is not."""
    assert bool(run(text).events) is kept


@pytest.mark.parametrize("text, mobilized", [
    ("KayraPay deployed a new version of its app in September.", False),
    ("The carrier will deploy a new booking app next month.", False),
    ("Japan will deploy more missile systems on Yonaguni this year.", True),
    ("Russia deployed troops to the border.", True),
])
def test_deploying_software_is_no_mobilisation(run, text, mobilized):
    """An app, a tool or a new version deployed is no show of force; troops and missile systems are."""
    assert bool([e for e in run(text).events if e.event == "MOBILIZE"]) is mobilized


@pytest.mark.parametrize("text, event", [
    ("Both sides agreed to a ceasefire on Saturday.", "AGREE"),
    ("The two leaders agreed to raise bilateral trade by 2030.", "AGREE"),
])
def test_a_pair_the_text_does_not_name_is_still_a_party(run, text, event):
    """'both sides', 'the two leaders' in a text that names no one else: the pair had resolved
    to nobody and the event was dropped; it stays, with an uncoded party."""
    assert [e.event for e in run(text).events] == [event]


def test_a_pair_named_before_takes_its_codes(run):
    doc = run("Kenya and Uganda held talks in Nairobi on Monday. Both sides agreed to reopen the border.")
    agree = [e for e in doc.events if e.event == "AGREE"]
    assert agree and {a.code for a in agree[0].actor} == {"KEN", "UGA"}


@pytest.mark.parametrize("text, event, coded", [
    # a disease, an accident or a figure of speech kills no one in an attack; gunmen do
    ("Cholera killed more than 300 people in the camps last year.", "ASSAULT", False),
    ("The late goal killed off the visitors' hopes of a draw.", "ASSAULT", False),
    ("Gunmen killed 12 villagers at a market in the north.", "ASSAULT", True),
    # lightning, a striker or the woodwork strikes in no attack; drones do
    ("Lightning struck a church tower in the village.", "ASSAULT", False),
    ("The striker struck the crossbar twice in the first half.", "ASSAULT", False),
    ("Drones struck two oil facilities near the border.", "ASSAULT", True),
    # a side beats its rivals; police beat protesters
    ("The home side beat their rivals 3-0 in the derby.", "ASSAULT", False),
    ("Police beat protesters with batons outside parliament.", "ASSAULT", True),
    # a film attacks hypocrisy; a senator attacking a bill criticises it; militants attack a post
    ("The film attacks the hypocrisy of the upper classes.", "ASSAULT", False),
    ("The senator attacked the bill in a speech on Tuesday.", "ACCUSE", True),
    ("Militants attacked an army post near the border.", "ASSAULT", True),
    # hosting a qualifier or refugees is no meeting; hosting counterparts is
    ("Brazil will host Argentina in a World Cup qualifier.", "AGREE", False),
    ("The country hosts about 200,000 refugees.", "CONSULT", False),
    ("The foreign minister hosted his Saudi counterpart in Cairo.", "CONSULT", True),
    # a club signing a winger supports no agreement; a government signing one does
    ("The club signed the Nigerian winger from Lyon on Friday.", "SUPPORT", False),
    ("Pakistan signed a loan agreement with the IMF.", "SUPPORT", True),
    # a film shot, a player withdrawn from a tournament, a concert cancelled: no event
    ("The film was shot in Morocco last summer.", "ASSAULT", False),
    ("The champion withdrew from the tournament with a knee injury.", "SANCTION", False),
    ("The singer cancelled her concert because of the storm.", "SANCTION", False),
    # forecasters warn of weather; a government warns of retaliation
    ("Forecasters warned that heavy rain could flood the coast.", "THREATEN", False),
    ("North Korea warned it would strike US bases if provoked.", "THREATEN", True),
    # fans are a side's: their criticism of a referee is sport; their protest still codes
    ("Home fans attacked the referee's decision after the match.", "ACCUSE", False),
    ("Football fans chanted slogans against the government outside the stadium.", "PROTEST", True),
    # trains that collide kill in an accident, no attack
    ("Two trains collided near the junction, killing 30 passengers.", "ASSAULT", False),
    # an award received from a president is no visit; a delegation received is
    ("The young officer received a bravery award from the president.", "CONSULT", False),
    ("The president received the Kenyan delegation in Nairobi.", "CONSULT", True),
    # a comeback staged is no protest; a walkout staged is
    ("The visitors staged a late comeback to win 3-2.", "PROTEST", False),
    ("Workers staged a walkout on Monday.", "PROTEST", True),
    # heat or carbon captured is engineering; soldiers captured are not
    ("The pilot plant captured the heat that the water brought to the surface.", "ASSAULT", False),
    ("Rebels captured three soldiers near the border.", "ASSAULT", True),
    # a commentator calls a game's moments; a president calls his counterpart
    ("Jerry Howarth called many of the team's big moments.", "CONSULT", False),
    ("The president called his Kenyan counterpart on Monday.", "CONSULT", True),
    # portraits or a series' scenes shot are photography; a driver shot is not
    ("A photographer shot portraits of 40 police officers for an exhibition.", "ASSAULT", False),
    ("The crew will shoot the final scenes of the series in Lamu next month.", "THREATEN", False),
    ("A soldier shot a commercial driver at a checkpoint on Friday.", "ASSAULT", True),
    # turbines deployed off a coast are no troops
    ("Engineers deployed a string of turbines off the coast.", "MOBILIZE", False),
    ("The army deployed 300 troops to the border.", "MOBILIZE", True),
])
def test_words_of_events_used_of_sport_business_and_nature(run, text, event, coded):
    """Switch-offs for the lexicon's triggers in sport, business, disease and weather (rows
    of 2026-12-05, from a helper's 536 look-alike sentences checked against the corpus), each
    with a political use of the same word that must still code."""
    assert any(e.event == event for e in run(text).events) is coded


@pytest.mark.parametrize("text, protest", [
    # a crowd gathered to commemorate, celebrate, pray, mourn, watch or welcome: no protest
    ("Residents gathered at the waterfront on Sunday to remember the victims of the cyclone.", False),
    ("Students gathered in the college courtyard to celebrate the centenary of its founding.", False),
    ("Villagers gathered at the shrine on Friday to pray for rain.", False),
    ("Traders gathered at the market to mourn the vendor who was shot by police.", False),
    ("Crowds gathered along the river on Saturday for the boat festival.", False),
    ("Farmers poured into the town square for the harvest festival.", False),
    ("Supporters gathered at the airport to welcome the cricket team home.", False),
    # ... to protest, to demand, to observe a strike, for a vigil, or to cheer a political leader: a protest
    ("Residents gathered outside the town hall to protest the closure of the clinic.", True),
    ("Students gathered at the gates to demand the reinstatement of their lecturers.", True),
    ("Workers gathered outside the factory gates to observe the general strike.", True),
    ("Supporters gathered outside the courthouse to cheer opposition leader Amos Kirui as he arrived.", True),
    ("Crowds gathered at the roundabout with placards for a third evening.", True),
])
def test_a_crowd_gathered_for_an_occasion_is_no_protest(run, text, protest):
    """A gathering whose purpose (a to-infinitive or a 'for' phrase) is a commemoration, a
    celebration, prayer, mourning, watching or welcoming is no protest ([triggers]
    gathering_verbs, occasion_purposes, greeting_purposes, occasion_nouns); one to protest or
    demand, or to cheer a political figure, stays one."""
    assert any(e.event == "PROTEST" for e in run(text).events) is protest


@pytest.mark.parametrize("text, proposed", [
    ("Hundreds of parishioners packed the church for the Easter feast.", []),
    ("Alumni gathered on Saturday to mark the school's 75th anniversary.", []),
    ("Hundreds of parishioners packed the church on Sunday.", ["packed"]),
])
def test_a_crowd_gathered_for_an_occasion_is_not_proposed_as_an_open_candidate(text, proposed):
    """The open proposer (which had offered 'packed' and 'mark' to the classifier) skips a
    gathering for an occasion, and the occasion it is for, as the rules do."""
    from dotterel import Document
    from dotterel.classifier.corpus import rules_pipeline

    doc = rules_pipeline(open_candidates=True)(Document.from_text(text, date="2024-05-02"))
    assert [e.trigger[0].text for e in doc.events if e.event == "OPEN"] == proposed


@pytest.mark.parametrize("text, proposed", [
    # a policy, a strategy or a goal pursued is a course held, no act: not offered to the classifier
    ("France and Italy pursued their own policy line on the Gulf.", []),
    ("The ruling party has pursued a strategy of slow reform.", []),
    ("The island's government is pursuing independence.", []),
    # fighters pursued are chased: still offered
    ("Government troops pursued the fighters into the hills.", ["pursued"]),
])
def test_a_course_pursued_is_not_proposed_as_an_open_candidate(text, proposed):
    from dotterel import Document
    from dotterel.classifier.corpus import rules_pipeline

    doc = rules_pipeline(open_candidates=True)(Document.from_text(text, date="2024-05-02"))
    assert [e.trigger[0].text for e in doc.events if e.event == "OPEN"] == proposed


@pytest.mark.parametrize("text, coded", [
    # lobbied, pressed, pushed or petitioned X to V: the asking is the event, what is asked its content
    ("He lobbied successive defence secretaries to fund a veterans' mental health service.", ["REQUEST"]),
    ("She lobbied ministers to ban the chemicals.", ["REQUEST"]),
    ("The union pushed the government to release the detained organisers.", ["REQUEST"]),
    ("Campaigners pressed the council to close the road.", ["REQUEST"]),
    ("Residents petitioned the governor to pardon the jailed farmers.", ["REQUEST"]),
    ("Farmers lobbied for higher subsidies.", ["REQUEST"]),
    ("The opposition pushed for sanctions against the regime.", ["REQUEST"]),
    # look-alikes: charges pressed, an offensive pressed, pressing ahead, pushing back, a press conference
    ("The prosecutor pressed charges against the governor.", ["COERCE"]),
    ("Rebel forces pressed their offensive on the provincial capital.", ["ASSAULT"]),
    ("The government pressed ahead with the demolitions.", []),
    ("The ministry pushed ahead with the fuel levy.", []),
    ("Troops pushed back the rebels from the town.", []),
    ("Hunger has pushed herders in the north to sell their cattle.", []),
    ("The minister held a press conference on Monday.", []),
])
def test_what_someone_is_lobbied_pressed_or_pushed_to_do_is_the_requests_content(run, text, coded):
    """'lobbied X to V', 'pushed X to V' are REQUEST, as 'urged X to V' is, and what X is to do
    is no event of the asker's (also where the parser reads the infinitive as a purpose); 'pressed
    charges' is the charging, 'pressed their offensive' the offensive, 'pressed ahead with' no
    request."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize("text, coded", [
    # wants X to V / wants X V-ed: a demand of X, what X is to do its content
    ("The opposition wants the finance minister to resign over the bond scandal.", ["REQUEST"]),
    ("Residents want the council to repair the bridge before the rains.", ["REQUEST"]),
    ("Senators want judge probed", ["REQUEST"]),
    ("Activists want the two constables charged.", ["REQUEST"]),
    ("The teachers' union said it wanted the governor sacked.", ["REQUEST"]),
    # look-alikes: no party asked, or nothing asked of anyone
    ("The ruling party wants peace in the region.", []),
    ("The mayor wants more money for the clinics.", []),
    ("The bakery wants customers to download its new app.", []),
    ("Nobody in the cabinet wanted it to fail.", []),
    ("Lawmakers want the levy lowered to 2 percent.", []),
])
def test_wanting_a_party_to_act_is_a_request(run, text, coded):
    """'wants X to V' and 'wants X probed' are REQUEST of X (lexicon condition `bidden`), and
    what X is to do is no event of its own; a wish for a thing, a wish of a business's
    customers, or of a thing ('the levy lowered') is none."""
    assert sorted(e.event for e in run(text).events) == coded


@pytest.mark.parametrize(("text", "role", "party"), [
    ("The U.N. special envoy for Yemen, who briefed the council last week, welcomed the talks.",
     "actor", "The U.N. special envoy for Yemen"),
    ("The minister defended the record of the border police, who she said had stopped more crossings.",
     "recipient", "the record of the border police"),
])
def test_a_party_ends_before_the_comma_of_a_clause_hung_inside_it(run, text, role, party):
    """The comma before a relative clause that the parser hangs on a word inside the phrase
    ('Yemen', 'police') is the clause's, not the party's."""
    doc = run(text, date="2024-03-10")
    assert [[p.text for p in getattr(e, role)] for e in doc.events] == [[party]]


@pytest.mark.parametrize(("text", "event", "status"), [
    # what may happen, as others weigh it, keeps its own type
    ("Kuwait may fund the rebuilding of two hospitals in Mosul, officials said.", "AID", "hypothetical"),
    ("Washington could lift some sanctions on Venezuela's oil sector within weeks.", "RETREAT", "hypothetical"),
    # a promise, a commitment that may come and a possible signing are agreements
    ("Norway will fund the rebuilding of two schools in Gaza.", "AGREE", "future"),
    ("Nepal could agree to send peacekeepers to Haiti.", "AGREE", "hypothetical"),
    ("Chile and Peru may sign a fisheries accord later this year.", "AGREE", "hypothetical"),
])
def test_a_possible_act_is_no_promise(run, text, event, status):
    """'may fund', 'could lift': a possibility, not a promise to give (AGREE); the act keeps its
    type with status hypothetical ([rules] possibility_modals)."""
    doc = run(text, date="2024-03-10")
    assert [(e.event, e.status) for e in doc.events] == [(event, status)]


@pytest.mark.parametrize(("text", "events"), [
    ("Israel refused to rule out an invasion of Lebanon.", [("THREATEN", "occurred")]),
    # what is not ruled out is no force: no threat
    ("Iran on Friday ruled out any negotiations over its missile programme.", [("REJECT", "occurred")]),
    ("Police have not ruled out any line of inquiry into the fire.", []),
])
def test_force_not_ruled_out_is_a_threat(run, text, events):
    """'did not rule out military action', 'refused to rule out an invasion': force kept open
    ([rules] open_force_words) is THREATEN; ruling out talks stays a refusal."""
    doc = run(text, date="2024-03-10")
    assert [(e.event, e.status) for e in doc.events] == events


@pytest.mark.parametrize(("text", "trigger", "actor"), [
    ("Shells fired by the militia hit a market in Kadugli.", "hit", "the militia"),
    ("Mortars fired by the rebels hit a school in Goma.", "hit", "the rebels"),
    ("A drone launched by the Houthis struck a tanker in the Red Sea.", "struck", "the Houthis"),
])
def test_who_fires_a_weapon_strikes_with_it(run, text, trigger, actor):
    """'rockets fired by X hit Y': X attacks, in one event; the firing that names the weapon is
    not a second attack, and the weapon is no actor."""
    doc = run(text, date="2024-03-10")
    assert [(e.event, e.trigger[0].text, [a.text for a in e.actor]) for e in doc.events] == [
        ("ASSAULT", trigger, [actor])]


@pytest.mark.parametrize("text, coded", [
    # arms given, and relief given or shipped in kind, are aid
    ("Iran armed the Houthi rebels.", True),
    ("The United States is arming Ukraine.", True),
    ("Washington equipped the Kurdish fighters with anti-tank weapons.", True),
    ("Japan gave 50,000 tonnes of rice to Sri Lanka.", True),
    ("Qatar shipped food and tents to Gaza.", True),
    ("Germany resettled 500 Syrian refugees.", True),
    ("Chad has taken in more than 600,000 Sudanese refugees since last year.", True),
    ("Egypt dispatched two planeloads of medical aid to Libya.", True),
    ("Navy helicopters ferried food and drinking water to stranded villagers.", True),
    ("The United States shipped 30,000 artillery shells to Ukraine.", True),
    ("USAID channelled $45 million in emergency food aid to Malawi.", True),
    ("Washington transferred three coast guard cutters to Vietnam's navy.", True),
    # a man armed with a knife, a bomb armed, grain sold abroad, cameras for one's own police
    ("A gunman armed with a knife attacked a guard.", False),
    ("The suspect armed himself with a machete.", False),
    ("The bomber armed the device before boarding.", False),
    ("Ukraine shipped 3 million tonnes of grain through the corridor.", False),
    ("Police equipped officers with body cameras.", False),
    ("Drones equipped with sonars and missiles scoured the lake.", False),
    ("The bank transferred the money to his account.", False),
    ("The hospital took in 40 wounded.", False),
    ("The company channelled its profits into offshore accounts.", False),
])
def test_arms_and_relief_in_kind_are_aid(run, text, coded):
    """'armed the rebels', 'equipped X with weapons', 'gave tonnes of rice', 'shipped food',
    'resettled refugees', 'took in refugees', 'ferried food', 'transferred cutters': aid the
    rules had coded as nothing."""
    assert any(e.event == "AID" for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, actor, recipient", [
    ("Russia supplied Syria with fighter jets.", ["Russia"], ["SYR"]),
    ("The United States provided Ukraine with air defence systems.", ["The United States"], ["UKR"]),
    ("The European Union equipped Mauritania's navy with six patrol boats.", ["The European Union"], ["MRT"]),
])
def test_what_a_party_is_supplied_with_is_given_not_a_partner(run, text, actor, recipient):
    """'supplied Syria with fighter jets': the jets are what is given ([roles] furnishing_verbs),
    not a second giver beside Russia, and Syria receives."""
    (aid,) = [e for e in run(text, date="2024-03-10").events if e.event == "AID"]
    assert [a.text for a in aid.actor] == actor
    assert [r.code for r in aid.recipient if r.code] == recipient


@pytest.mark.parametrize("text, triggers", [
    ("Niger threatened to expel the Nigerian ambassador unless Abuja reopened the border.", ["threatened"]),
    ("The gang's leader warned of civil war if the council ignores its demands.", ["warned"]),
    ("China warned of countermeasures if Manila continued to send supply boats to the shoal.", ["warned"]),
    ("The rebel commander said his fighters would storm the capital unless the government resigned.",
     ["storm"]),
    # nor is what an offer asks of the other side
    ("Israel will release 50 prisoners if Hamas frees the hostages.", ["release"]),
    ("Iran offered to cut enrichment if Washington lifts sanctions.", ["offered"]),
    # a fact a relative clause tells inside the condition is still told
    ("Budapest threatened to veto the budget unless Brussels released funds that were suspended in 2022.",
     ["suspended", "threatened"]),
    # a condition that hangs on no threat keeps its event
    ("Police arrested two men after the council rejected the permit.", ["arrested", "rejected"]),
])
def test_what_a_threat_demands_is_no_event_of_its_own(run, text, triggers):
    """'threatened to expel the ambassador unless Abuja reopened the border': reopening is
    what the threat demands, no act of Abuja's (as what a request asks for is none); 'will
    release 50 prisoners if Hamas frees the hostages': the freeing is what the offer asks."""
    assert sorted(e.trigger[0].text for e in run(text, date="2024-03-10").events) == triggers


@pytest.mark.parametrize("text, event, coded", [
    # sanctions placed or slapped on a party, a suspension from a bloc's bodies, a debarment
    ("Seoul placed eleven North Korean bankers under unilateral sanctions.", "SANCTION", True),
    ("Washington slapped sanctions on two Russian banks.", "SANCTION", True),
    ("ECOWAS suspended Guinea-Bissau from all its decision-making bodies.", "SANCTION", True),
    ("The Asian Development Bank debarred a Chinese construction company for five years.", "SANCTION", True),
    # curfews clamped, crackdowns, dissidents picked up, charges slapped, licences pulled
    ("Authorities clamped a dusk-to-dawn curfew on the town on Monday.", "COERCE", True),
    ("The government clamped down on dissent after the coup.", "COERCE", True),
    ("Plainclothes agents picked up a prominent dissident outside his home.", "COERCE", True),
    ("Three journalists were slapped with charges of spreading false news.", "COERCE", True),
    ("The regulator pulled the licence of a private television station.", "COERCE", True),
    ("The striker picked up an injury in training.", "COERCE", False),
    ("The studio pulled the film from cinemas.", "COERCE", False),
    # people snatched, victims battered, rebels crushed; storms batter and voters crush no one
    ("Bandits snatched 15 passengers from a bus on the highway.", "ASSAULT", True),
    ("The defendant battered the victim with a metal bar.", "ASSAULT", True),
    ("The army crushed the rebellion in the north.", "ASSAULT", True),
    ("Storms battered the coast for a third day.", "ASSAULT", False),
    ("The opposition crushed the ruling party in the election.", "ASSAULT", False),
    # conscripts summoned, troops pouring in; demonstrators assembled; a stoppage called
    ("The junta summoned the first batch of 5,000 conscripts for training.", "MOBILIZE", True),
    ("Thousands of troops poured into the region this week.", "MOBILIZE", True),
    ("About 200 demonstrators assembled outside the parliament.", "PROTEST", True),
    ("The port was paralysed by a 24-hour stoppage called by dockworkers' unions.", "PROTEST", True),
    ("The port was paralysed by a 24-hour stoppage called by dockworkers' unions.", "CONSULT", False),
    ("Workers assembled the first cars at the new plant.", "PROTEST", False),
])
def test_phrases_of_sanction_coercion_force_and_protest(run, text, event, coded):
    """Wordings of sanctions, coercion, force, deployment and protest the rules had coded as
    nothing or as another type ('slapped sanctions on', 'clamped a curfew', 'picked up a
    dissident', 'snatched passengers', 'summoned conscripts', 'a stoppage called by unions')."""
    assert any(e.event == event for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, event, coded", [
    # bodies given back, prisoners exchanged, a contingent recalled, positions abandoned or
    # evacuated, funds unfrozen, a hostage set free, a minister who quits (RETREAT)
    ("The Azerbaijani side gave back the bodies of two Armenian servicemen.", "RETREAT", True),
    ("Russia and Ukraine exchanged 75 prisoners of war each on Saturday.", "RETREAT", True),
    ("Chad recalled its contingent from the regional force.", "RETREAT", True),
    ("Hezbollah fighters abandoned positions south of the river on Thursday.", "RETREAT", True),
    ("Ethiopian troops evacuated three bases in the region.", "RETREAT", True),
    ("Washington unfroze $6 billion in Iranian oil revenue.", "RETREAT", True),
    ("Kidnappers set free a Chinese mining engineer on Monday.", "RETREAT", True),
    ("Deputy PM quits over land deal row", "RETREAT", True),
    ("The two teams exchanged goals in the first half.", "RETREAT", False),
    ("Chad recalled its ambassador from Paris.", "RETREAT", False),
    # ground given, a remark walked back, hostilities halted, curbs loosened (CONCEDE)
    ("Iran gave ground on inspections after weeks of talks.", "CONCEDE", True),
    ("The White House walked back the president's remark on Taiwan.", "CONCEDE", True),
    ("Ethnic armed groups halted hostilities on Thursday.", "CONCEDE", True),
    ("Cuba loosened restrictions on private businesses.", "CONCEDE", True),
    ("The mechanic loosened the bolts on the wheel.", "CONCEDE", False),
    # a back turned, a deaf ear, a balk, a scoff, cold water poured (REJECT)
    ("Fiji turned its back on a security pact offered by Beijing.", "REJECT", True),
    ("Authorities have turned a deaf ear to traders at the market.", "REJECT", True),
    ("India balked at wording in the G20 draft communique.", "REJECT", True),
    ("The Kremlin scoffed at Kyiv's peace formula.", "REJECT", True),
    ("The chancellor poured cold water on the idea of joint borrowing.", "REJECT", True),
    ("Police turned back the marchers at the bridge.", "REJECT", False),
    # a blessing given, a defence come to, a vouch (SUPPORT); a vouch for a fact supports no one
    ("The clerics gave their blessing to the government's campaign.", "SUPPORT", True),
    ("The prime minister came to the defence of the canal project.", "SUPPORT", True),
    ("Senior Democrats vouched for the judge's independence.", "SUPPORT", True),
    ("State television said it could not vouch for the authenticity of the quotes.", "SUPPORT", False),
    # assurances given, a deployment consented to (AGREE); a sit-down (CONSULT); a prod (REQUEST)
    ("Beijing gave assurances to Colombo that it would not send research vessels.", "AGREE", True),
    ("The transitional authorities consented to the deployment of an observer mission.", "AGREE", True),
    ("The prime minister sat down with the opposition leader on Sunday.", "CONSULT", True),
    ("The administration prodded South Korea to supply more shells to Ukraine.", "REQUEST", True),
    # a country called out (ACCUSE); members or the guard called out are not accused
    ("The prime minister called out Australia for failing to honour its pledges.", "ACCUSE", True),
    ("The union called out its members on strike.", "ACCUSE", False),
    ("The governor called out the National Guard.", "ACCUSE", False),
    # satellite imagery shared is intelligence shared (COOPERATE)
    ("Britain shared satellite imagery of Russian positions with Ukraine.", "COOPERATE", True),
])
def test_idioms_of_yielding_refusing_backing_and_blaming(run, text, event, coded):
    """Wordings of yielding, refusing, backing, agreeing, meeting, asking and blaming the
    rules had coded as nothing or as another type ('gave back the bodies', 'walked back the
    remark', 'turned its back on', 'poured cold water on', 'came to the defence of',
    'called out Australia', 'sat down with')."""
    assert any(e.event == event for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, event, recipient", [
    ("The UN accused Russian forces of war crimes.", "ACCUSE", "Russian forces"),
    ("The president praised the troops for their courage.", "SUPPORT", "the troops"),
    ("Kenya condemned the security forces for the killings.", "ACCUSE", "the security forces"),
    # in an act of force the forces or the weapons are what is used, not who is hit
    ("Police fired tear gas at the crowd.", "ASSAULT", "the crowd"),
])
def test_forces_praised_or_accused_receive_the_act(run, text, event, recipient):
    """'accused Russian forces of war crimes': the forces are accused, not the means of the
    accusation ([roles] instrument_events: only acts where a thing can be used have means)."""
    (ev,) = [e for e in run(text, date="2024-03-10").events if e.event == event]
    assert [r.text for r in ev.recipient] == [recipient]


@pytest.mark.parametrize("text, event, recipient", [
    # the parser reads 'persona' as a verb with the diplomats for its subject
    ("Russia declared the German ambassador persona non grata.", "SANCTION", "DEU"),
    ("Kenya declared two Ugandan diplomats persona non grata on Tuesday.", "SANCTION", "UGA"),
    # what a party is threatened with is the threat, no partner beside the threatener
    ("Brussels threatened Budapest with a funding freeze over its asylum law.", "THREATEN", "HUN"),
    ("The EU threatened Hungary with a freeze of its funds.", "THREATEN", "HUN"),
])
def test_the_party_declared_unwelcome_or_threatened_with_a_measure_receives_it(run, text, event, recipient):
    """'declared two diplomats persona non grata', 'threatened Budapest with a funding freeze':
    the diplomats and Budapest receive the act; they had been lost to the parse."""
    (ev,) = [e for e in run(text, date="2024-03-10").events if e.event == event]
    assert [r.code for r in ev.recipient if r.code] == [recipient]


@pytest.mark.parametrize("text, event", [
    # restrictions eased or relaxed are a concession, as the corpus guide codes them
    ("Israeli authorities eased restrictions on worshippers entering the compound.", "CONCEDE"),
    ("The government relaxed the curfew in the capital on Monday.", "CONCEDE"),
    # sanctions eased are still lifted (RETREAT)
    ("Israel eased sanctions on the Palestinian Authority.", "RETREAT"),
    # disbursements paused are aid halted
    ("The World Bank paused all disbursements to Gabon pending a review.", "SANCTION"),
])
def test_restrictions_eased_and_disbursements_paused(run, text, event):
    assert event in [e.event for e in run(text, date="2024-03-10").events], text


@pytest.mark.parametrize("text, event, coded", [
    # aid in kind: asylum seekers taken in, a force equipped with vehicles, a field hospital or
    # medical teams deployed, debts written off or cancelled
    ("Kenya took in 9,000 asylum seekers from Somalia.", "AID", True),
    ("Ankara equipped the Somali army with armoured vehicles and radios.", "AID", True),
    ("Morocco deployed a field hospital to the quake zone in Turkey.", "AID", True),
    ("Cuba deployed medical teams to Peru.", "AID", True),
    ("Beijing has written off interest-free loans owed by Zambia.", "AID", True),
    ("Moscow cancelled North Korea's Soviet-era debt.", "AID", True),
    # ... but not police given cameras, a bank's bad loans, troops deployed
    ("Police equipped officers with body cameras.", "AID", False),
    ("The bank wrote off bad loans worth $3 billion.", "AID", False),
    ("The army deployed troops to the border.", "AID", False),
    # information and surveillance shared or coordinated between two sides
    ("Kenya and Uganda began sharing cargo manifests at the border.", "COOPERATE", True),
    ("Malian and Nigerien soldiers are coordinating patrols along the river.", "COOPERATE", True),
    ("The two water ministries began an exchange of river data on Monday.", "COOPERATE", True),
    # ... but not one official coordinating a rescue
    ("The interior minister was coordinating the emergency response.", "COOPERATE", False),
])
def test_aid_in_kind_and_shared_work(run, text, event, coded):
    """Asylum seekers taken in, a force equipped with vehicles, a field hospital deployed, a
    debt written off; manifests shared, patrols coordinated: wordings the rules had coded as
    nothing or as a deployment (corpus/raw/wd)."""
    assert any(e.event == event for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, event", [
    # a government's or a bloc's protest, addressed to someone or about something, is a complaint
    ("Beijing protested to Washington over the arms sale.", "ACCUSE"),
    ("Kenya's foreign ministry protested the detention of its citizens.", "ACCUSE"),
    ("The Ministry of Foreign Affairs of Tajikistan expressed strong protest to the Kyrgyz side.", "ACCUSE"),
    # a crowd, civil servants over pay, a protest staged: demonstrations
    ("Tens of thousands of people in Pakistan have protested the killing of a tribal leader.", "PROTEST"),
    ("Nigerian civil servants protested in Abuja over pay.", "PROTEST"),
    ("Thousands of farmers protested in Paris on Monday.", "PROTEST"),
    ("Kenyan teachers staged a protest outside parliament on Tuesday.", "PROTEST"),
    # a person the sectors read as official is not a state named as one
    ("A jailed Bahraini rights defender protested his treatment in prison.", "PROTEST"),
])
def test_a_governments_protest_is_a_complaint(run, text, event):
    """'Beijing protested to Washington': ACCUSE, as the corpus codes a state's protest;
    people who protest demonstrate."""
    assert [e.event for e in run(text, date="2024-03-10").events] == [event]


@pytest.mark.parametrize("text, events", [
    # a measure hinted at is a threat, not the measure
    ("Brazil's government hinted at retaliatory tariffs on American goods.", ["THREATEN"]),
    ("Beijing hinted at sanctions against the defence firms.", ["THREATEN"]),
    # a rate cut or a new lineup hinted at is no event
    ("The central bank hinted at a rate cut.", []),
    ("The coach hinted at changes to the lineup.", []),
])
def test_a_measure_hinted_at_is_a_threat(run, text, events):
    """'hinted at retaliatory tariffs' was a SANCTION that had happened."""
    assert [e.event for e in run(text, date="2024-03-10").events] == events


@pytest.mark.parametrize("text, events", [
    # what a party says it will not hesitate to do is its stated intention: force announced
    ("India's army chief said the force would not hesitate to strike militant camps.", [("THREATEN", "occurred")]),
    ("Caracas said its forces will not hesitate to use force against any incursion.", [("THREATEN", "occurred")]),
    ("Ankara said its jets would not hesitate to bomb the militants' bases.", [("THREATEN", "occurred")]),
    # ... what it did not hesitate to do, it did
    ("Police did not hesitate to open fire on the crowd.", [("ASSAULT", "occurred")]),
])
def test_what_a_party_will_not_hesitate_to_do_lies_ahead(run, text, events):
    """'would not hesitate to strike' was a strike that had happened."""
    assert [(e.event, e.status) for e in run(text, date="2024-03-10").events] == events


@pytest.mark.parametrize("text, event, coded", [
    ("A driver deliberately mowed down three protesters at a rally.", "ASSAULT", True),
    ("Gunmen snatched a village councillor from his home on Tuesday night.", "ASSAULT", True),
    ("Trinidad will place its defence force on a heightened state of readiness from Friday.", "MOBILIZE", True),
    ("National Guard units were brought to a state of increased combat readiness.", "MOBILIZE", True),
    ("Haiti's police poured officers into the Solino neighbourhood.", "MOBILIZE", True),
    ("The Turkmen side consented to increase gas supplies to Uzbekistan.", "AGREE", True),
    # grass mown, money poured in, a purse snatched: no event
    ("The farmer mowed down the grass along the verge.", "ASSAULT", False),
    ("Investors poured money into the sector.", "MOBILIZE", False),
    ("A thief snatched her purse on the bus.", "ASSAULT", False),
])
def test_idioms_of_force_readiness_and_consent(run, text, event, coded):
    """'mowed down protesters', 'snatched a councillor', 'placed on a state of readiness',
    'poured officers into', 'consented to increase': wordings the rules had coded as nothing."""
    assert any(e.event == event for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, actors", [
    # a country whose name joins two words with "and" is one party, coded
    ("Bosnia and Herzegovina expelled two Russian diplomats on Monday.", [("Bosnia and Herzegovina", "BIH")]),
    ("Antigua and Barbuda accused Venezuela of meddling in its elections.", [("Antigua and Barbuda", "ATG")]),
    ("Trinidad and Tobago accused Venezuela of firing on its fishermen.", [("Trinidad and Tobago", "TTO")]),
    # ... also in a list, and two countries joined by "and" stay two parties
    ("Serbia, Bosnia and Herzegovina and Montenegro accused Croatia of blocking the talks.",
     [("Serbia", "SRB"), ("Bosnia and Herzegovina", "BIH"), ("Montenegro", "MNE")]),
    ("Serbia and Croatia accused Hungary of meddling in the talks.", [("Serbia", "SRB"), ("Croatia", "HRV")]),
])
def test_a_country_named_with_and_is_one_party(run, text, actors):
    """'Bosnia and Herzegovina expelled two diplomats' had two uncoded actors, Bosnia and
    Herzegovina: the conjuncts only spell one name."""
    (event,) = run(text, date="2024-03-10").events
    assert [(a.text, a.code) for a in event.actor] == actors


@pytest.mark.parametrize("text, coded", [
    ("Qatari mediators kept up shuttle diplomacy between Israel and Hamas on Tuesday.", True),
    ("The US envoy began shuttle diplomacy between Kigali and Kinshasa.", True),
    # diplomacy as a subject of study or a style is no meeting
    ("She teaches diplomacy at the university in Geneva.", False),
])
def test_diplomacy_between_two_sides_is_mediation(run, text, coded):
    """'shuttle diplomacy between Israel and Hamas': a third party's consultations."""
    assert any(e.event == "CONSULT" and e.mode == "third-party"
               for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, coded", [
    # the name given can hang, for the parser, inside the object's to-infinitive
    ("The ombudsman called the cabinet's decision to close the northern crossings unlawful.", True),
    ("The growers' union described the ministry's plan to cut diesel subsidies as a betrayal.", True),
    ("The opposition termed the government's move to extend the emergency as unconstitutional.", True),
    # a name that condemns nothing is no accusation
    ("The coach described the decision to start him as a gamble.", False),
])
def test_a_name_given_inside_the_objects_clause_condemns(run, text, coded):
    """'called the decision to close the border unlawful' was a phone call, and 'described the
    plan to cut subsidies as a betrayal' nothing: the parser hangs the name on the clause."""
    assert any(e.event == "ACCUSE" for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, accused", [
    ("Kyiv said Moscow bears full responsibility for the deaths of the villagers.", "RUS"),
    ("Cairo said Addis Ababa would bear responsibility for any harm caused by the dam.", "ETH"),
    ("The rights council said soldiers had committed abuses in four towns of Amhara.", None),
    ("The opposition said the ruling party had rigged the election in Mutare.", None),
    ("The alliance said the presidential vote had been stolen.", None),
    # a duty, no blame borne, a crime that is no wrong by a party, a vote counted
    ("The ministry said the contractor bears responsibility for maintaining the road.", False),
    ("Kyiv said Moscow bore no responsibility for the shelling of the village.", False),
    ("The firm said hackers had stolen customer records.", False),
])
def test_blame_borne_wrongs_committed_and_votes_stolen_are_accusations(run, text, accused):
    """'X said Y bears responsibility for the deaths', 'said soldiers had committed abuses',
    'said the vote had been stolen': the speaker accuses (the vote's thief may go unnamed)."""
    events = run(text, date="2024-03-10").events
    accusations = [e for e in events if e.event == "ACCUSE"]
    if accused is False:
        assert not accusations
    else:
        (event,) = accusations
        assert event.trigger[0].text == "said"
        if accused:
            assert [r.code for r in event.recipient] == [accused]
        assert not any(e.event == "ASSAULT" for e in events)  # the vote stolen is no theft


@pytest.mark.parametrize("text, event", [
    ("The teachers' union charged that the provincial government had diverted school funds.", "ACCUSE"),
    ("A former aide implicated the mayor in a kickback scheme.", "ACCUSE"),
    # a charge in court stays one
    ("Prosecutors charged the driver with manslaughter.", "COERCE"),
])
def test_charged_that_and_implicated_in_accuse(run, text, event):
    """'charged that the government had diverted funds' was a charge in court, 'implicated the
    mayor in' nothing."""
    assert [e.event for e in run(text, date="2024-03-10").events][:1] == ([event] if event else [])


def test_an_accusation_dismissed_as_groundless_is_coded_with_its_maker(run):
    """'dismissed as groundless accusations by Greece that ...': the parser's 'as' takes the
    accusations, which had been read as the name given to them."""
    events = run("Ankara dismissed as groundless accusations by Athens that its ships had entered Greek waters.",
                 date="2024-03-10").events
    assert {(e.event, tuple(a.code for a in e.actor), tuple(r.code for r in e.recipient)) for e in events} == {
        ("REJECT", ("TUR",), ("GRC",)), ("ACCUSE", ("GRC",), ("TUR",))}
    # ... while what a thing is called stays the speaker's word for it
    events = run("Teachers' unions in Argentina decried the budget cuts as an assault on public schools.",
                 date="2024-03-10").events
    assert [e.event for e in events] == ["ACCUSE"]


@pytest.mark.parametrize("text, coded", [
    ("Traffic police in Accra routinely impound minibuses that flout noise rules.", False),
    ("Harare usually dismisses criticism from UN rights investigators as interference.", False),
    ("The opposition often boycotts the president's annual address.", False),
    ("The party has always criticised race-based quotas.", False),
    # a pledge with a modal, and denials reported, are acts
    ("Delhi will always support its friends in Colombo, the envoy said.", True),
    ("Minsk has repeatedly denied the accusations.", True),
    ("Traffic police in Accra impounded 40 minibuses on Monday.", True),
])
def test_a_habit_is_no_act_of_the_day(run, text, coded):
    """'police routinely impound minibuses', 'usually dismisses criticism': what a party does
    as a habit is background, as a generic statement is."""
    assert bool(run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, coded", [
    ("'This is an act of aggression, pure and simple,' Baku's foreign minister said of the shelling.", True),
    ("'These are war crimes,' the governor said of the drone attacks on the port.", True),
    ("The government said the envoy's remarks amounted to unacceptable interference.", True),
    ("The ministry said that the drills constitute a violation of the armistice.", True),
    # a wrong denied, a plain description, the speaker's own words about a game
    ("'This is not a provocation,' the minister said of the patrols.", False),
    ("Officials said the visit represents a new chapter in relations.", False),
    ("'It was a great victory,' the coach said.", False),
])
def test_a_wrong_named_in_reported_speech_is_an_accusation(run, text, coded):
    """'X said this was an act of aggression', 'said the remarks amounted to interference':
    as 'said the sanctions were illegal', the speaker condemns what it names."""
    assert any(e.event == "ACCUSE" for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, accuser", [
    ("According to the Malian army, jihadist fighters were behind the attack on the convoy.", "MLI"),
    ("According to Kenya's interior ministry, al-Shabaab was behind the ambush near Lamu.", "KEN"),
    ("Nairobi said al-Shabaab militants were behind the car bomb in Mandera.", "KEN"),
    ("Kyiv said Russian saboteurs were responsible for the blast on the railway line.", "UKR"),
    # a source of facts, not of blame
    ("According to the Malian army, the convoy reached Gao on Tuesday.", None),
])
def test_blame_for_an_attack_by_its_source(run, text, accuser):
    """'According to the army, X were behind the attack' accuses as 'the army said' does;
    a car bomb, a blast and an ambush are harms one is blamed for."""
    accusations = [e for e in run(text, date="2024-03-10").events if e.event == "ACCUSE"]
    if accuser is None:
        assert not accusations
    else:
        (event,) = accusations
        assert [a.code for a in event.actor] == [accuser]


@pytest.mark.parametrize("text, event", [
    ("The Congress leader filed an FIR against the BJP candidate at the Saket police station.", "ACCUSE"),
    ("The minister filed a defamation suit against the news channel.", "ACCUSE"),
    ("The Election Commission served a show-cause notice on the transport minister.", "ACCUSE"),
    ("The party issued a show-cause notice to the rebel MLA.", "ACCUSE"),
    # a notice to staff, a petition for something, are no accusation
    ("The hotel served a notice to its staff about the new shifts.", None),
    ("The farmers filed a petition for higher compensation.", "REQUEST"),
])
def test_complaints_cases_and_show_cause_notices_accuse(run, text, event):
    """'filed an FIR against', 'served a show-cause notice on': the accusations of South Asian
    politics and courts (the rules' reading; the classifier had not seen them)."""
    events = run(text, date="2024-03-10").events
    assert [e.event for e in events][:1] == ([event] if event else [])


@pytest.mark.parametrize("text, event", [
    ("'We will fight the election on jobs and nothing else,' the party's state president said.", None),
    ("The alliance will fight the by-election in Kasaragod.", None),
    ("Motorists will be charged Rs 40 an hour at the new parking lot.", None),
    # a fight threatened against a party, a charge in court, stay
    ("Rebels will fight the army until it withdraws, their commander said.", "THREATEN"),
    ("Police charged the driver with manslaughter.", "COERCE"),
])
def test_an_election_fought_and_a_fare_in_rupees_are_no_events(run, text, event):
    """'will fight the election' was a threat, 'will be charged Rs 40' a charge in court."""
    assert [e.event for e in run(text, date="2024-03-10").events][:1] == ([event] if event else [])


@pytest.mark.parametrize("text, coded", [
    ("Tehran considers the new sanctions a clear violation of international law.", True),
    ("Caracas regards the naval drills as a provocation.", True),
    ("Moscow views the expulsions as illegal.", True),
    # a plan weighed, a view of a thing that condemns no one
    ("The government is considering new sanctions on steel imports.", False),
    ("Beijing views the talks as constructive.", False),
])
def test_considering_a_thing_a_violation_condemns_it(run, text, coded):
    """'considers the sanctions a violation', 'regards the drills as a provocation': a naming
    verb with a condemning name, as 'called the move a provocation' is."""
    assert any(e.event == "ACCUSE" for e in run(text, date="2024-03-10").events) is coded


@pytest.mark.parametrize("text, event", [
    ("Ottawa said it would respond with tariffs of its own if Washington imposed the levy.", "THREATEN"),
    ("Baku said it would respond with force if the provocations on the border continued.", "THREATEN"),
    ("Tehran said it would retaliate with strikes on the bases if it was attacked.", "THREATEN"),
    ("Beijing responded with tariffs on American soybeans.", "SANCTION"),
    # a response in words, or a show of force not made, is neither
    ("The ministry responded with a statement on Monday.", None),
])
def test_a_response_with_force_or_tariffs_on_a_condition_threatens(run, text, event):
    """'would respond with tariffs if Washington imposed a levy': a conditional measure the
    speaker announces is a threat; 'respond' had been no event."""
    assert [e.event for e in run(text, date="2024-03-10").events][:1] == ([event] if event else [])


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The teachers' union renewed calls for the education minister to resign.",
        "Opposition parties repeated their demands for the release of the detained journalists.",
        "The United States put pressure on the junta to allow aid convoys into the north.",
        "Donors stepped up pressure on the government to free the activists.",
    ],
)
def test_a_call_or_pressure_for_an_act_is_a_request_and_the_act_is_not_done(run, text):
    """'renewed calls for the minister to resign': the call is the request (a `call` noun with
    'for'; renew and repeat are light verbs), and the resignation it asks for did not happen;
    'put pressure on X to allow' and 'stepped up pressure on X to free' likewise
    ([triggers] content_nouns)."""
    assert [e.event for e in run(text, date="2024-03-10").events] == ["REQUEST"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["High fuel prices have put pressure on the rupee.", "The minister's call with his counterpart lasted an hour."],
)
def test_pressure_on_a_currency_and_a_call_are_no_requests(run, text):
    assert "REQUEST" not in [e.event for e in run(text, date="2024-03-10").events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("The main opposition party renewed its call for the home minister to resign.", "the home minister"),
        ("Students repeated their demands for the government to scrap the fee.", "the government"),
        ("Rights groups renewed their appeal to the army to free the detainees.", "the army"),
    ],
)
def test_whom_a_call_asks_to_act_receives_it(run, text, asked):
    """The one a call's clause says is to act receives the request, also where the parser hangs
    the infinitive on the verb and the 'for' or 'to' phrase on the noun or the verb."""
    doc = run(text, date="2024-03-10")
    assert [(e.event, [r.text for r in e.recipient]) for e in doc.events] == [("REQUEST", [asked])]


@pytest.mark.slow
def test_a_rejected_call_goes_back_to_its_maker_named_before_it(run):
    """'rejecting opposition calls for his dismissal': the opposition made the calls and
    receives the rejection (a word of the sectors table before the request noun)."""
    doc = run("The party's executive stood by the police minister, rejecting opposition calls for his dismissal.",
              date="2024-03-10")
    assert [(e.event, [r.text for r in e.recipient]) for e in doc.events] == [("REJECT", ["opposition"])]


@pytest.mark.slow
def test_the_backing_of_a_named_party_is_given_by_it(run):
    """'won the backing of ASEAN foreign ministers': backing received, whose giver the 'of'
    phrase names after 'the' (as 'received backing from X' does)."""
    doc = run("Thailand's bid won the backing of ASEAN foreign ministers on Thursday.", date="2024-03-10")
    assert [(e.event, [a.code for a in e.actor]) for e in doc.events] == [("SUPPORT", ["ASEAN"])]
    assert run("The mayor faced charges of corruption.", date="2024-03-10").events[0].event != "SUPPORT"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Chile's foreign ministry said it stood firmly with the people of Ecuador.", "SUPPORT"),
        ("The business federation came out in favour of the plan to raise the minimum wage.", "SUPPORT"),
        ("The interior minister leapt to the defence of the national police on Wednesday.", "SUPPORT"),
        ("The governor went to bat for the embattled education secretary on Friday.", "SUPPORT"),
        ("The government acquiesced to a key demand of the striking doctors.", "CONCEDE"),
        ("The government watered down its planning reforms on Wednesday.", "CONCEDE"),
        ("India gave short shrift to a Pakistani proposal for a neutral expert.", "REJECT"),
        ("The president shrugged off the unions' demands for wage talks.", "REJECT"),
        ("The president dug in his heels over the judicial overhaul.", "REJECT"),
        ("Iran slams door on direct talks with Washington", "REJECT"),
        ("The prime minister gave his word to the regional president that the state would pay.", "AGREE"),
        ("Vietnam and China expressed willingness to strengthen exchanges between their navies.", "AGREE"),
    ],
)
def test_idioms_of_support_concession_refusal_and_promise(run, text, event):
    """Wordings real news uses for these types beyond the plain verbs (lexicon rows); 'stood
    with X' has X as recipient ([roles] with_recipient_words)."""
    doc = run(text, date="2024-03-10")
    assert event in [e.event for e in doc.events]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The president stood with his wife at the ceremony.",
        "The striker shrugged off a knee injury to score twice.",
        "The bartender watered down the whisky.",
        "Tourists thronged the beaches on Saturday.",
        "The champion bows out of the tournament with a knee injury",
        "The boxer's corner threw in the towel in the ninth round.",
    ],
)
def test_look_alikes_of_those_idioms_are_no_events(run, text):
    """The idioms' everyday senses: a spouse, an injury, a drink, tourists, a tournament, a
    boxer's corner."""
    assert run(text, date="2024-03-10").events == []


@pytest.mark.slow
def test_whom_one_stands_with_receives_the_support(run):
    doc = run("Germany stands with Israel, the chancellor said on Tuesday.", date="2024-03-10")
    assert [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient]) for e in doc.events] == [
        ("SUPPORT", ["DEU"], ["ISR"])]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The opposition said on Friday that the ruling coalition had rigged the appointment of police chiefs.",
        "The auditor-general said officials had embezzled funds meant for flood victims.",
        "The president rounds on judges over bail for treason suspects",
        "The party leader lays into the militia for dragging the country toward war",
        "The foreign ministry laid the blame on the neighbouring government.",
        "The union federation singled out the economy minister for blame over the fall in wages.",
        "Police attributed Sunday's car bomb attack outside the prison to a local gang.",
    ],
)
def test_wordings_of_blame_and_wrongs_alleged_are_accusations(run, text):
    """Idioms of blame ('rounds on', 'lays into', 'laid the blame', 'singled out for blame',
    'attributed the attack to') and a wrong alleged in reported speech ('said X had rigged',
    '... had embezzled': [triggers] wrongdoing_verbs)."""
    assert "ACCUSE" in [e.event for e in run(text, date="2024-03-10").events]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["Workers laid into the foundations with shovels.", "The report attributed the rise in sales to the warm weather."],
)
def test_look_alikes_of_blame_idioms_are_no_events(run, text):
    assert run(text, date="2024-03-10").events == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "maker"),
    [
        ("The island state knocked back a Chinese request for a research vessel to dock at its port.", "CHN"),
        ("Beijing nixed a request from Washington for a meeting between the defence chiefs.", "USA"),
        ("The junta refused to reopen the schools, defying repeated appeals from the United Nations.", "UNO"),
    ],
)
def test_a_request_knocked_back_nixed_or_defied_was_made(run, text, maker):
    """A request that is knocked back, nixed or defied ([roles] answering_verbs) was made: an
    event of its maker's."""
    doc = run(text, date="2024-03-10")
    assert [[a.code for a in e.actor] for e in doc.events if e.event == "REQUEST"] == [[maker]]


@pytest.mark.slow
def test_what_a_call_asks_for_is_no_event(run):
    """'calls for his resignation': the resignation is asked for, not done."""
    doc = run("The president shrugged off opposition calls for his resignation.", date="2024-03-10")
    assert [e.event for e in doc.events] == ["REJECT"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Police detained four men over the lynching of a cattle trader.",
        "Militants were blamed for a deadly ambush on an army patrol near the border.",
        "Two gang members died in a shootout with police on Sunday.",
    ],
)
def test_nouns_of_a_lynching_an_ambush_and_a_shootout_are_assaults(run, text):
    assert "ASSAULT" in [e.event for e in run(text, date="2024-03-10").events]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The junta shows door to French ambassador, gives him 48 hours to leave", "SANCTION"),
        ("Russia boots out six British diplomats, accuses them of spying", "SANCTION"),
        ("The president announced a rupture of diplomatic relations with Ecuador on Friday.", "SANCTION"),
        ("Hundreds of thousands of protesters thronged the capital on Saturday night.", "PROTEST"),
        ("Young protesters converged on parliament on Tuesday to oppose a finance bill.", "PROTEST"),
        ("Hundreds of party cadres were seen raising slogans in favour of the monarchy.", "PROTEST"),
        ("The culture minister bows out amid theatre funding row", "RETREAT"),
        ("The home minister threw in the towel on Friday after a botched passport rollout.", "RETREAT"),
    ],
)
def test_idioms_of_expulsion_crowds_and_resignation(run, text, event):
    assert event in [e.event for e in run(text, date="2024-03-10").events]


@pytest.mark.slow
def test_prisoners_paroled_are_released(run):
    doc = run("The government paroles 70 teenagers detained in the post-election crackdown", date="2024-03-10")
    assert "RETREAT" in [e.event for e in doc.events]


@pytest.mark.parametrize("text, doer", [
    ("A Russian drone attack on Odesa wounded eight civilians, Ukrainian officials said.", "RUS"),
    ("An Israeli air strike on a school killed five people in Gaza on Sunday.", "ISR"),
    ("An attack by Somali gunmen on a police post killed four officers.", "SOM"),
])
def test_an_attack_that_harms_is_one_event_by_the_party_it_names(run, text, doer):
    """'An Israeli air strike killed five people': whoever the attack names as its doer
    kills them -- not the attack itself, nor those who report it -- and the attack and the
    killing are one event."""
    attacks = [e for e in run(text, date="2024-03-10").events if e.event == "ASSAULT"]
    assert len(attacks) == 1, [(e.trigger[0].text, [a.text for a in e.actor]) for e in attacks]
    assert {a.code for a in attacks[0].actor} == {doer}
