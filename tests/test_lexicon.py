"""The event lexicon (``dotterel/data/events/lexicon.tsv``): it parses, it speaks PLOVER,
bad rows are refused with their line number, and its conditions hold on real parses."""

from __future__ import annotations

import pytest

from dotterel.events.lexicon import Lexicon, default_lexicon
from dotterel.ontology import CONTEXTS, EVENT_TYPES, crosswalk, table

HEADER = "lemma\tpos\tclass\tevent\tmode\tcontext\tcond\tweight\n"

def _entries(lex: Lexicon):
    return [e for rows in (lex.verbs, lex.nouns, lex.adjectives) for es in rows.values() for e in es]


@pytest.fixture(scope="module")
def shipped() -> Lexicon:
    return default_lexicon()


@pytest.fixture(scope="module")
def nlp():
    from dotterel.nlp import load

    return load()


def _write(tmp_path, rows: str):
    path = tmp_path / "lexicon.tsv"
    path.write_text("# a test lexicon\n" + HEADER + rows, encoding="utf-8")
    return path


def _token(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


# ------------------------------------------------------------------ the shipped table
def test_shipped_lexicon_parses(shipped):
    entries = _entries(shipped)
    assert len(entries) > 400
    assert any(e.event == "CONSULT" for e in shipped.verbs["meet"])
    assert all(0.0 <= e.weight <= 1.0 for e in entries)


def test_every_event_is_a_plover_type(shipped):
    bad = sorted({(e.lemma, e.event) for e in _entries(shipped) if e.event and e.event not in EVENT_TYPES})
    assert bad == []


def test_event_rows_name_their_event(shipped):
    # event and commit rows must say which event they report; future/hypo/neg/report never do
    for e in _entries(shipped):
        if e.cls in ("event", "commit"):
            assert e.event, e
        if e.cls in ("future", "hypo", "neg", "report"):
            assert e.event is None, e


def test_every_context_is_a_plover_context(shipped):
    bad = sorted({(e.lemma, e.context) for e in _entries(shipped) if e.context and e.context not in CONTEXTS})
    assert bad == []


def test_every_mode_falls_back_to_a_crosswalk_row(shipped):
    for e in _entries(shipped):
        if e.event:
            assert crosswalk(e.event, e.mode).event == e.event


def test_every_mode_has_its_own_crosswalk_row(shipped):
    missing = {(e.event, e.mode) for e in _entries(shipped) if e.mode and (e.event, e.mode) not in table()}
    assert missing == set()


def test_conditions_are_known_kinds(shipped):
    from dotterel.events.lexicon import CONDITION_KINDS

    kinds = {e.cond[0] for e in _entries(shipped) if e.cond} | {k for e in _entries(shipped) for k, _, _ in e.more}
    assert kinds <= set(CONDITION_KINDS) == {
        "obj", "notobj", "prt", "prep", "dobj", "objent", "toent", "notent", "intrans", "oprd", "subj", "directive",
        "stance", "habitual", "comp", "undergone", "placeobj", "deadline", "bidden", "named", "ccomp"}


def test_stance_condition(nlp):
    lex = default_lexicon()
    view = _token(nlp, "Analysts agree that the economy is weak.", "agree")
    promise = _token(nlp, "Kenya agrees to send police officers to Haiti.", "agrees")
    past = _token(nlp, "The two leaders agreed to meet again in May.", "agreed")
    assert lex.lookup(view).cls == "report"
    assert (lex.lookup(promise).event, lex.lookup(promise).cls) == ("AGREE", "commit")
    assert (lex.lookup(past).event, lex.lookup(past).cls) == ("AGREE", "commit")


def test_directive_condition(nlp):
    lex = default_lexicon()
    asks = _token(nlp, "The minister told the governor to resign.", "told")
    reports = _token(nlp, "The minister told reporters that the talks had failed.", "told")
    assert (lex.lookup(asks).event, lex.lookup(asks).cls) == ("REQUEST", "commit")
    assert lex.lookup(reports).cls == "report"


def test_intransitive_condition(nlp):
    lex = default_lexicon()
    protest = _token(nlp, "Thousands of students demonstrated outside parliament.", "demonstrated")
    shows = _token(nlp, "The refusal demonstrates that the talks have failed.", "demonstrates")
    assert lex.lookup(protest).event == "PROTEST"
    assert lex.lookup(shows) is None


def test_complement_condition(nlp):
    """A plea's adjectival complement decides its sense; a negated complement reads "not X"."""
    lex = default_lexicon()
    denies = _token(nlp, "Three men pleaded not guilty to robbery.", "pleaded")
    admits = _token(nlp, "The former mayor pleaded guilty to fraud.", "pleaded")
    asks = _token(nlp, "The mother pleaded with the judge for leniency.", "pleaded")
    assert (lex.lookup(denies).event, lex.lookup(denies).cls) == ("REJECT", "event")
    assert (lex.lookup(admits).event, lex.lookup(admits).cls) == ("CONCEDE", "event")
    assert (lex.lookup(asks).event, lex.lookup(asks).cls) == ("REQUEST", "commit")


# ------------------------------------------------------------------ malformed tables
def test_wrong_column_count_names_the_line(tmp_path):
    path = _write(tmp_path, "meet\tV\tevent\tCONSULT\t\t\t\t0.9\nvisit\tV\tevent\tCONSULT\t\t0.9\n")
    with pytest.raises(ValueError, match=r"line 4\b.*6 columns"):
        Lexicon.from_tsv(path)


def test_unknown_class_names_the_line(tmp_path):
    path = _write(tmp_path, "meet\tV\tverbal\tCONSULT\t\t\t\t0.9\n")
    with pytest.raises(ValueError, match=r"line 3\b.*verbal"):
        Lexicon.from_tsv(path)


def test_unknown_pos_names_the_line(tmp_path):
    path = _write(tmp_path, "meet\tX\tevent\tCONSULT\t\t\t\t0.9\n")
    with pytest.raises(ValueError, match=r"line 3\b"):
        Lexicon.from_tsv(path)


def test_unknown_condition_is_refused_at_load(tmp_path):
    path = _write(tmp_path, "meet\tV\tevent\tCONSULT\t\t\tsubject=x\t0.9\n")
    with pytest.raises(ValueError, match=r"line 3\b"):
        Lexicon.from_tsv(path)


def test_unknown_condition_after_an_ampersand_is_refused_at_load(tmp_path):
    path = _write(tmp_path, "hand\tV\tevent\tAID\t\t\tprt=over & !object=aid\t0.9\n")
    with pytest.raises(ValueError, match=r"line 3\b.*'object'"):
        Lexicon.from_tsv(path)


def test_joined_conditions_are_parsed_in_order(tmp_path):
    lex = Lexicon.from_tsv(_write(tmp_path, "hand\tV\tevent\tAID\t\t\t!dobj=key & prt=over & obj=aid|food\t0.9\n"))
    (entry,) = lex.verbs["hand"]
    # the first condition that is not negated is the row's `cond`; the others follow in order
    assert entry.cond == ("prt", frozenset({"over"}))
    assert entry.more == (("dobj", frozenset({"key"}), True), ("obj", frozenset({"aid", "food"}), False))
    # what the coding steps read off the row: a condition of a kind that must hold, wherever it stands
    assert entry.condition("obj") == frozenset({"aid", "food"})
    assert entry.condition("prt") == frozenset({"over"})
    assert entry.condition("dobj") is None  # negated: it must not hold
    assert entry.conditional


def test_comments_blank_lines_and_header_are_skipped(tmp_path):
    lex = Lexicon.from_tsv(_write(tmp_path, "\n# comment\nmeet\tV\tevent\tCONSULT\tvisit\tdiplomatic\t\t\n"))
    (entry,) = lex.verbs["meet"]
    assert (entry.event, entry.mode, entry.context, entry.cond, entry.weight) == (
        "CONSULT", "visit", "diplomatic", None, 0.0)


# ------------------------------------------------------------------ conditions on parses
@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Lexicon:
    rows = (
        "lift\tV\tevent\tRETREAT\t\t\tobj=sanction|ban\t0.8\n"
        "shut\tV\tevent\tCOERCE\t\t\tprt=down\t0.8\n"
        "call\tV\tcommit\tREQUEST\t\t\tprep=for|on\t0.8\n"
        "withdraw\tV\tevent\tSANCTION\twithdraw\t\tobj=ambassador|envoy\t0.8\n"
        "withdraw\tV\tevent\tRETREAT\twithdraw\t\t\t0.7\n"
        "beat\tV\tevent\tASSAULT\tbeat\t\tnotent=PERSON|ORG|GPE|NORP\t0.6\n"
        "hand\tV\tevent\tAID\t\t\tprt=over & obj=aid|food|supply\t0.8\n"
        "meet\tV\tevent\tCONSULT\t\t\t!obj=demand|target|deadline\t0.8\n"
        "stage\tV\tevent\tPROTEST\t\t\tobj=protest|rally & !subj=team|club|side\t0.8\n"
    )
    path = tmp_path_factory.mktemp("lex") / "lexicon.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return Lexicon.from_tsv(path)


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        ("The United States lifted sanctions on Iran.", "lifted", "RETREAT"),  # obj= holds
        ("Japan lifted the ban on beef imports.", "lifted", "RETREAT"),
        ("The crane lifted the container.", "lifted", None),  # obj= fails
        ("Authorities shut down the newspaper.", "shut", "COERCE"),  # prt= holds
        ("Authorities shut the door.", "shut", None),  # prt= fails
        ("Activists called for a boycott.", "called", "REQUEST"),  # prep= holds
        ("Kenya called on Ethiopia to withdraw.", "called", "REQUEST"),
        ("The minister called Ethiopia on Monday.", "called", None),  # a date's preposition does not count
        ("Norway withdrew its ambassador from Iran.", "withdrew", "SANCTION"),  # first row whose cond holds
        ("Mali withdrew its troops from the town.", "withdrew", "RETREAT"),  # falls through to the next row
        ("Soldiers beat a group of traders at the checkpoint.", "beat", "ASSAULT"),  # notent= holds
        ("A reporter was beaten by guards outside the court.", "beaten", "ASSAULT"),
        ("Nigeria beat Ghana in the final.", "beat", None),  # a named object: a contest
        ("Lula was beaten by Bolsonaro in the first round.", "beaten", None),  # a named agent
        # conditions joined by '&' must all hold; '!' before one: it must not hold
        ("Japan handed over food aid to the flood victims.", "handed", "AID"),  # both hold
        ("The mayor handed over the keys of the city hall.", "handed", None),  # only the particle
        ("Volunteers handed out food to the flood victims.", "handed", None),  # only the object
        ("The president met the Kenyan foreign minister.", "met", "CONSULT"),  # the negated one fails
        ("The utility met rising demand for power.", "met", None),  # the negated one holds
        ("Farmers staged a rally outside parliament.", "staged", "PROTEST"),
        ("The home team staged a rally in the second half.", "staged", None),  # the subject rules it out
    ],
)
def test_conditions_on_parsed_examples(small, nlp, text, word, event):
    entry = small.lookup(_token(nlp, text, word))
    assert (entry.event if entry else None) == event


@pytest.mark.parametrize(
    ("text", "word", "event"),
    [
        ("Britain expelled two Russian diplomats.", "expelled", "SANCTION"),  # expelling diplomats
        ("Kuwait expelled hundreds of migrants.", "expelled", "COERCE"),  # expelling people: deport
        ("The army withdrew its troops from the border.", "withdrew", "RETREAT"),
        ("Norway withdrew its ambassador from Iran.", "withdrew", "SANCTION"),
        ("Workers went on strike over pay.", "strike", "PROTEST"),
        ("Israel launched an air strike on the camp.", "strike", "ASSAULT"),
        ("The marchers arrived on March 28.", "March", None),  # dates are never triggers
        ("The minister admitted that police had used excessive force.", "admitted", "CONCEDE"),
        ("The injured driver was admitted to hospital on Friday.", "admitted", None),
        ("The general acknowledged the elders for their support.", "acknowledged", None),  # thanks
        ("The army acknowledged that its soldiers had fired on the crowd.", "acknowledged", "CONCEDE"),
        ("Protesters threw stones at the police station.", "threw", "ASSAULT"),
        ("Iran launched dozens of drones at Israel on Saturday.", "launched", "ASSAULT"),
        ("The government launched a campaign against corruption.", "launched", None),
        ("Jets dropped bombs on the village overnight.", "dropped", "ASSAULT"),
        ("Prosecutors dropped the charges against the activist.", "dropped", "CONCEDE"),
        ("Rebels lobbed mortars at the army base.", "lobbed", "ASSAULT"),
        ("Ruto spoke to Museveni by phone on Friday.", "spoke", "CONSULT"),
        ("The minister spoke to reporters in Nairobi on Monday.", "spoke", None),
        # an object relative clause is about its noun: "a statement he signed"
        ("Frank criticised the ruling in a statement he signed on Friday.", "signed", None),
        ("The accord that Kenya and Uganda signed on Monday cuts tariffs.", "signed", "SUPPORT"),
        ("The party threw its support behind the governor.", "threw", "SUPPORT"),
        ("The ball was thrown back into play.", "thrown", None),
        ("A man pointed a replica pistol at two officers.", "pointed", "THREATEN"),
        ("The report pointed to failures in planning.", "pointed", None),
        ("Fiji broke off diplomatic relations with Taiwan.", "broke", "SANCTION"),
        ("The court barred the opposition leader from running for office.", "barred", "COERCE"),
        ("The two sides sealed a deal on grain exports.", "sealed", "AGREE"),
        ("Police sealed off the city centre.", "sealed", "COERCE"),
        ("Authorities rushed 2,000 troops to the region.", "rushed", "MOBILIZE"),
        ("Staff rushed to the scene.", "rushed", None),
        ("The premier sent condolences to Vietnam after the typhoon.", "sent", "SUPPORT"),
        ("Canada sent firefighting crews to California.", "sent", "AID"),
        ("The government sent reinforcements to the border town.", "sent", "MOBILIZE"),
        ("The magistrate sent the accused to judicial custody for 14 days.", "sent", "COERCE"),
        ("Dozens of parents held banners outside the court.", "held", "PROTEST"),
        ("Police dispersed the protesters with tear gas.", "dispersed", "COERCE"),
        # who is dispersed: any crowd of protesters, or whoever security forces disperse
        ("Riot police dispersed hundreds of teachers marching on the ministry.", "dispersed", "COERCE"),
        ("The journalists held a sit-in until officers dispersed them.", "dispersed", "COERCE"),
        ("The wind dispersed the smoke over the harbour.", "dispersed", None),
        ("Thousands of supporters gathered outside the court.", "gathered", "PROTEST"),
        ("Police questioned the editor for three hours.", "questioned", "ACCUSE"),
        ("The ministry paused the grants pending a review.", "paused", "SANCTION"),
        ("The opposition objected to the new electoral map.", "objected", "REJECT"),
        ("Bahrain stripped the cleric of his citizenship.", "stripped", "COERCE"),
        # a participle's noun: the subject of an active one, the object of a passive one
        ("Nurses striking in Enugu marched to the ministry.", "striking", "PROTEST"),
        ("The four Danish diplomats being expelled from Norway left on Sunday.", "expelled", "SANCTION"),
        # what a sum is in ("received $3 million in grants")
        ("The county received $3 million in grants last year.", "received", "AID"),
        # a condition's hyphenated word that the tokenizer split ("anti-dumping duties")
        ("India imposed anti-dumping duties on glass from Vietnam.", "duties", "SANCTION"),
        ("The farmers paid duties on their grain.", "duties", None),
        # a raid by police or troops coerces; one by gunmen or warplanes attacks
        ("Police in Jos arrested six men during a raid on a warehouse.", "raid", "COERCE"),
        ("Bandits raided a village in Katsina on Sunday.", "raided", "ASSAULT"),
        ("Customs officers raided three shops in Mombasa.", "raided", "COERCE"),
        ("The air raid on Odesa damaged a school.", "raid", "ASSAULT"),
        # the subject of a coordinated verb is its first verb's
        ("Armed robbers shot and wounded a guard during a raid on a bank.", "raid", "ASSAULT"),
        ("Officers executed a search warrant at a flat in Leeds.", "executed", "COERCE"),
        ("The ministry executed the plan ahead of schedule.", "executed", None),
        ("Iran executed two men convicted of spying.", "executed", "ASSAULT"),
        # a named place taken is an attack; goods or a ship seized are coerced
        ("Rebel fighters seized control of Kabul on Sunday.", "seized", "ASSAULT"),
        ("Turkish troops took control of the centre of Afrin.", "took", "ASSAULT"),
        ("Police seized 40 rifles in Lagos.", "seized", "COERCE"),
        ("Police took control of the stadium.", "took", "COERCE"),
        ("The 20 students seized from a school in Kebbi were freed on Sunday.", "seized", "ASSAULT"),
        ("Police seized the suspect at his home.", "seized", "COERCE"),
        ("Customs officers seized 12 kilograms of gold from two passengers.", "seized", "COERCE"),
        ("Jordan took Israel to court over the water deal.", "took", None),
        # an idea that appeals to someone attracts; a party that appeals to someone asks
        ("The party's pledge to cut fuel prices appealed to young voters.", "appealed", None),
        ("The governor appealed to residents to stay indoors.", "appealed", "REQUEST"),
        # what a weapon hits, or what is hit by or with one, is attacked; a storm, a price,
        # sanctions or protesters taking to the streets attack no one
        ("A Russian missile hit an apartment block in Dnipro on Sunday.", "hit", "ASSAULT"),
        ("Two farmers were hit by mortar shells near the border.", "hit", "ASSAULT"),
        ("A shopkeeper was hit with a brick by a man who fled with the cash box.", "hit", "ASSAULT"),
        ("The storm hit the coast on Monday.", "hit", None),
        ("Food prices hit a record high in June.", "hit", None),
        ("Sanctions hit Russia's economy hard.", "hit", None),
        ("Protesters hit the streets of Nairobi on Tuesday.", "hit", None),
    ],
)
def test_shipped_lexicon_on_parsed_examples(shipped, nlp, text, word, event):
    entry = shipped.lookup(_token(nlp, text, word))
    assert (entry.event if entry else None) == event


def test_no_row_is_shadowed_by_an_unconditional_row(shipped):
    # rows are tried in order: a row without a condition always matches, so any row after it
    # for the same word would never be used
    shadowed = [
        (lemma, rows[i].pos)
        for table in (shipped.verbs, shipped.nouns, shipped.adjectives)
        for lemma, rows in table.items()
        for i in range(len(rows) - 1)
        if rows[i].cond is None and not rows[i].more
    ]
    assert shadowed == []


def test_particle_condition_holds_when_the_parser_hangs_the_particle_elsewhere(nlp):
    # the tagger calls "over" a particle (RP) but the parser reads "over 20" as "more than 20"
    lex = default_lexicon()
    handed = _token(nlp, "Germany handed over 20 bronze artefacts held in its museums to Nigeria.", "handed")
    assert not any(c.dep_ == "prt" for c in handed.children)
    assert lex.lookup(handed).event == "RETREAT"


def test_the_quick_answer_for_unlisted_words_never_changes_a_lookup(shipped, nlp, monkeypatch):
    """`lookup` first asks whether any table can hold the word (a speed-up: most words are in
    none); every word of these sentences gets the row the full lookup gives, among them a
    hyphenated trigger split by the tokenizer, a lemmatizer's slip, an adjective read as a
    verb, a date and words in no table."""
    text = ("Both armies agreed to a cease-fire on March 28. Farmers staged a rally. The rebels "
            "co-operate with police and will expel 60 diplomats. He made a u-turn, and the "
            "bakery released a spring menu while water-cannon trucks stood by.")
    doc = nlp(text)
    quick = [shipped.lookup(t) for t in doc]
    monkeypatch.setattr(Lexicon, "_unlisted", lambda self, token, lemma: False)
    assert quick == [shipped.lookup(t) for t in doc]
    assert any(e is not None and e.lemma == "cease-fire" for e in quick)  # the hyphenated word
    assert sum(e is not None for e in quick) >= 5 and sum(e is None for e in quick) >= 20
