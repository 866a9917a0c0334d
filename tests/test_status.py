"""Unit tests of event status (`dotterel.events.status`) over real parses.

Each case names the word that carries the event; the test finds it in the parse and asks
`clause_status` (verbs) or `noun_status` (event nouns) for the status. The spaCy model is
loaded once per process by `dotterel.nlp.load()`.
"""

from __future__ import annotations

import pytest

from dotterel import lang
from dotterel.events.lexicon import default_lexicon
from dotterel.events.status import clause_status, noun_status


@pytest.fixture(scope="module")
def parse():
    from dotterel.nlp import load

    nlp = load()
    lex = default_lexicon()

    def _status(text: str, word: str, kind: str = "clause"):
        doc = nlp(text)
        matches = [t for t in doc if t.text == word]
        assert matches, f"{word!r} not in {text!r}"
        fn = clause_status if kind == "clause" else noun_status
        return fn(matches[0], lex, lang.words("en"))

    return _status


CLAUSE = [
    # occurred
    ("Japan imposed sanctions on Russia.", "imposed", "occurred"),
    ("The two leaders met in Tokyo on Friday.", "met", "occurred"),
    ("Russia has already withdrawn its troops from the town.", "withdrawn", "occurred"),
    ("Kenya recently signed a trade pact with Uganda.", "signed", "occurred"),
    # a headline's bare "to" infinitive announces what is to happen; one governed by a finite
    # verb, or an aside inside a sentence, does not
    ("Zambia to send troops to the Congo border", "send", "future"),
    ("Two men to be charged over the Kisumu shooting", "charged", "future"),
    ("Kenya agreed to deploy police officers to Haiti.", "agreed", "occurred"),
    ("Police said the man, to be charged on Monday, was arrested in Kisumu.", "arrested", "occurred"),
    # ongoing
    ("The armies are conducting joint drills near the coast.", "conducting", "ongoing"),
    ("The two sides are negotiating a truce.", "negotiating", "ongoing"),
    ("Police continue to detain protesters in the capital.", "detain", "ongoing"),
    ("Troops press into the enclave for the fourth straight day.", "press", "ongoing"),
    ("The opposition has long accused the minister of graft.", "accused", "ongoing"),
    ("Five journalists are imprisoned in the capital.", "imprisoned", "ongoing"),
    ("The shooting is being investigated by state police.", "investigated", "ongoing"),
    ("Huseynov, serving a two-year sentence, wrote to the court.", "serving", "ongoing"),
    ("Zuma denies any wrongdoing.", "denies", "ongoing"),
    ("Detectives are investigating the robbery.", "investigating", "ongoing"),
    # the progressive of a speech act reports an act already done
    ("Police are asking the public for help in finding the men.", "asking", "occurred"),
    ("He is facing multiple charges.", "facing", "occurred"),
    # a headline's present tells what happened; a past run is over
    ("Zuma denies wrongdoing", "denies", "occurred"),
    ("Troops pressed into the enclave for a fourth straight day.", "pressed", "occurred"),
    ("He has been held in custody for a week.", "held", "occurred"),
    # a participle qualifying a noun goes on when its clause is in the present
    ("Protesting teachers continue to fill the state Capitol.", "Protesting", "ongoing"),
    ("Protesting teachers filled the state Capitol on Monday.", "Protesting", "occurred"),
    # future
    ("India and Japan will meet next month.", "meet", "future"),
    ("The minister is expected to visit Delhi in May.", "visit", "future"),
    ("Brazil plans to sign the deal this year.", "sign", "future"),
    ("The ministers will visit Paris and meet their counterparts.", "meet", "future"),
    ("Officials said Kenya would send police officers to Haiti.", "send", "future"),
    ("The president is on his way to Tokyo to attend the summit.", "attend", "future"),
    ("The minister will visit the area when the fighting stops.", "stops", "future"),
    # a clause past in its own right happened, whatever the main clause plans
    ("Police will increase patrols after shots were fired at a mosque.", "fired", "occurred"),
    ("The army will stay in the town after rebels attacked a convoy.", "attacked", "occurred"),
    ("The army vowed to punish the gang after it attacked the convoy.", "attacked", "occurred"),
    ("The premier is scheduled to travel to Rome on Monday.", "travel", "future"),
    # hypothetical
    ("China may attack Taiwan, analysts said.", "attack", "hypothetical"),
    ("The court could release the prisoners next week.", "release", "hypothetical"),
    ("If Iran attacks, Israel will respond.", "attacks", "hypothetical"),
    ("Israel would respond if Iran attacked its bases.", "attacked", "hypothetical"),
    ("The government is considering expelling the diplomats.", "expelling", "hypothetical"),
    ("The two countries might resume talks.", "resume", "hypothetical"),
    # negated
    ("Russia did not attack the convoy.", "attack", "negated"),
    ("China will not lift the ban on seafood imports.", "lift", "negated"),
    ("No agreement has been signed between the two sides.", "signed", "negated"),
    ("The talks failed to reach a deal.", "reach", "negated"),
    ("India never recognised the annexation.", "recognised", "negated"),
    ("Soldiers would not be allowed to arrest people at the border.", "arrest", "negated"),
    ("Journalists were not permitted to enter the court.", "enter", "negated"),
    # a negative pronoun as subject or object, "neither ... nor", a conjunct after "nor", and
    # what no order or plan is for
    ("Nobody protested outside the ministry on Friday.", "protested", "negated"),
    ("None of the factions signed the accord.", "signed", "negated"),
    ("The soldiers arrested nobody at the checkpoint.", "arrested", "negated"),
    ("The militia neither attacked nor looted the village.", "attacked", "negated"),
    ("The militia neither attacked nor looted the village.", "looted", "negated"),
    ("The junta has set no date for the vote, nor released the detained ministers.", "released", "negated"),
    ("Rebels did not free the hostages, and nor did they release the soldiers.", "release", "negated"),
    ("The premier gave no order to withdraw the troops.", "withdraw", "negated"),
    # ... while "and", "or" and a plan that is there leave a conjunct alone
    ("The militia attacked and looted the village.", "looted", "occurred"),
    ("The junta set a date for the vote and released the detained ministers.", "released", "occurred"),
    ("The premier gave an order to withdraw the troops.", "withdraw", "occurred"),
    # a verb that only hedges is no purpose: what the footage appears to show happened; one
    # with a place or object of its own still has one
    ("Footage appears to show soldiers throwing a man from a roof.", "throwing", "occurred"),
    ("The video seems to show police officers beating a student.", "beating", "occurred"),
    ("The minister appears before the committee today to defend the budget.", "defend", "future"),
    ("The suspect appears in court on Monday to answer the charges.", "answer", "future"),
    # a course an anticipatory 'it' stands for is weighed, not taken; a past one was taken
    ("It would be wrong to attack Iran now, the senator said.", "attack", "hypothetical"),
    ("It is time to negotiate with the rebels, the bishop said.", "negotiate", "hypothetical"),
    ("The minister said it was important to hold talks with the Taliban.", "hold", "hypothetical"),
    ("It was a mistake to invade Iraq, the former minister said.", "invade", "occurred"),
    ("It is ready to sign the deal, the ministry said.", "sign", "occurred"),
    # a participle set off by a comma is told at the sentence's own time, not as part of what is
    # asked or threatened
    ("Chad asked the council to close the mission, accusing its envoy of bias.", "accusing", "occurred"),
    ("Peru threatened to recall its ambassador, accusing Quito of meddling.", "accusing", "occurred"),
    ("Peru will ask the council to close the mission, accusing its envoy of bias.", "accusing", "future"),
    ("The minister did not attend the summit, citing threats against him.", "citing", "occurred"),
]

NOUN = [
    ("No agreement was reached on Sunday.", "agreement", "negated"),
    ("The upcoming summit will be held in Jakarta.", "summit", "future"),
    ("Officials discussed the possibility of a summit in Seoul.", "summit", "hypothetical"),
    ("Officials discussed plans for a summit in Seoul.", "summit", "future"),
    ("Japan and India are in talks over the project.", "talks", "ongoing"),
    ("The recent talks in Geneva ended without agreement.", "talks", "occurred"),
    ("Kenyan nurses are on strike in Nairobi.", "strike", "ongoing"),
    ("The senator, who is on a visit to Morocco, praised the king.", "visit", "ongoing"),
    ("The senator was on a visit to Morocco last week.", "visit", "occurred"),
    ("The dialogue, which is expected to take place in April, will cover trade.", "dialogue", "future"),
    ("Diplomats described a potential deal with Iran.", "deal", "hypothetical"),
    ("The next meeting of the council is due in June.", "meeting", "future"),
    # what an inquiry looks into has happened, however long the inquiry goes on
    ("Police are investigating the killing of a trader in Kumasi.", "killing", "occurred"),
    ("Detectives have opened an inquiry into the shooting of two men.", "shooting", "occurred"),
    ("Police are investigating claims of a planned attack on the station.", "attack", "future"),
    # a meeting named as the time of a clause's news took place, unless that news is still to come
    ("Kenya agreed to a ceasefire after talks in Nairobi.", "talks", "occurred"),
    ("The rebels failed to agree after two days of talks.", "talks", "occurred"),
    ("Peru will lift the tariff after talks with Chile.", "talks", "occurred"),
    ("Peru said it would lift the tariff after talks with Chile.", "talks", "occurred"),
    ("Ruto will raise the issue during talks with Modi on Friday.", "talks", "future"),
    ("Chile agreed to open its ports to Peru, ending a dispute, during talks in Lima.", "talks", "occurred"),
    # an attack or protest that a clause comes after took place, whatever the clause's status
    ("The cabinet agreed to scrap the levy after a week of protests in Lusaka.", "protests", "occurred"),
    ("The council plans to rebuild the market following the attack by gunmen.", "attack", "occurred"),
    ("Police will reopen the road after clashes near the border.", "clashes", "occurred"),
    ("Organisers will hold a vigil after a planned protest on Friday.", "protest", "future"),
]


def _id(case) -> str:
    text, word, _ = case.values if hasattr(case, "values") else case
    return f"{word}:{text[:30]}"


@pytest.mark.parametrize(("text", "word", "expected"), CLAUSE, ids=[_id(c) for c in CLAUSE])
def test_clause_status(parse, text, word, expected):
    assert parse(text, word).status == expected


@pytest.mark.parametrize(("text", "word", "expected"), NOUN, ids=[_id(c) for c in NOUN])
def test_noun_status(parse, text, word, expected):
    assert parse(text, word, "noun").status == expected


@pytest.mark.parametrize(
    ("text", "word", "volitional"),
    [
        ("China will not lift the ban on seafood imports.", "lift", True),  # a refusal
        ("Kenya did not agree to extend the truce.", "extend", True),  # a refused commitment
        ("The talks failed to reach a deal.", "reach", False),  # did not happen; nobody refused
        ("No agreement has been signed between the two sides.", "signed", False),  # a non-event
    ],
)
def test_refusal_is_volitional_negation(parse, text, word, volitional):
    res = parse(text, word)
    assert res.status == "negated"
    assert res.volitional_negation is volitional


def test_reported_clause_is_embedded(parse):
    res = parse("Officials said Kenya would send police officers to Haiti.", "send")
    assert res.embedded is True
    assert parse("Japan imposed sanctions on Russia.", "imposed").embedded is False


def test_status_values_are_known():
    from dotterel.ontology import STATUSES

    for case in CLAUSE + NOUN:
        expected = (case.values if hasattr(case, "values") else case)[2]
        assert expected in STATUSES
