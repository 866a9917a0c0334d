"""Segmentation: headings, captions and page boilerplate are never body text."""

from __future__ import annotations

import pytest

from dotterel.segment import classify_paragraph, for_parser, paragraphs


@pytest.mark.parametrize(
    "text",
    ["Leave a Reply", "Leave a comment", "Your email address will not be published.",
     "Your email address will not be published. Required fields are marked *",
     "Required fields are marked *", "Share this:", "Follow us on Twitter", "Read more: Quad leaders meet",
     "Also read: what the summit means", "Advertisement", "Copyright 2024 Example News", "Tags: India, Japan"],
)
def test_boilerplate(text):
    assert classify_paragraph(text) == "boilerplate"


@pytest.mark.parametrize(
    "text", ["Photo: Reuters", "File photo: the summit in Tokyo", "Image credit: AFP", "Source: ministry of defence"],
)
def test_captions(text):
    assert classify_paragraph(text) == "caption"


@pytest.mark.parametrize("text", ["QUAD Summit", "Military cooperation", "Trade and investment", "Drone attack"])
def test_headings(text):
    assert classify_paragraph(text) == "heading"
    assert classify_paragraph(text, first=True) == "title"


@pytest.mark.parametrize(
    "text",
    ["Kenya accused Uganda of violating the border agreement.",
     "The two prime ministers will meet on Tuesday to discuss economic cooperation.",
     '"We invite Korean companies to invest in the new capital," she said.',
     "Leaves fell as the talks went on."],
)
def test_normal_sentences_are_body(text):
    assert classify_paragraph(text) == "body"


def test_title_from_meta():
    assert classify_paragraph("Norway and Sweden agree pact.", title="Norway and Sweden agree pact") == "title"


def test_paragraph_offsets_and_kinds():
    text = "Quad leaders meet\n\nIndia and Japan met in Tokyo.\n  \nTrade and investment\n\nLeave a Reply\n"
    paras = paragraphs(text)
    assert [(text[p.start : p.end], p.kind) for p in paras] == [
        ("Quad leaders meet", "title"),
        ("India and Japan met in Tokyo.", "body"),
        ("Trade and investment", "heading"),
        ("Leave a Reply", "boilerplate"),
    ]
    assert [p.index for p in paras] == [0, 1, 2, 3]


def test_single_newlines_split_when_no_blank_lines():
    text = "Talks resume\nKenya and Uganda met on Monday.\nThey agreed to meet again."
    assert [text[p.start : p.end] for p in paragraphs(text)] == [
        "Talks resume", "Kenya and Uganda met on Monday.", "They agreed to meet again.",
    ]


@pytest.mark.slow
def test_parsed_sentences_keep_headings_and_boilerplate_out_of_body(run):
    text = (
        "Quad leaders meet in Tokyo\n\n"
        "India and Japan will hold talks on Tuesday. The two leaders last met in March.\n\n"
        "Military cooperation\n\n"
        "Both sides began negotiations for an armoured vehicle.\n\n"
        "Photo: Reuters\n\n"
        "Leave a Reply\n\n"
        "Your email address will not be published."
    )
    doc = run(text)
    kinds = {doc.sentence_text(s.index): s.kind for s in doc.sentences}
    assert kinds["Quad leaders meet in Tokyo"] == "title"
    assert kinds["Military cooperation"] == "heading"
    photo = text.index("Photo: Reuters")
    # spaCy may split a caption in two; every piece keeps its paragraph's kind
    assert {s.kind for s in doc.sentences if photo <= s.start < photo + 14} == {"caption"}
    assert kinds["Leave a Reply"] == "boilerplate"
    assert kinds["Your email address will not be published."] == "boilerplate"
    assert kinds["India and Japan will hold talks on Tuesday."] == "body"
    assert kinds["The two leaders last met in March."] == "body"
    # sentences carry their paragraph and slice the text exactly
    by_text = {doc.sentence_text(s.index): s for s in doc.sentences}
    assert by_text["The two leaders last met in March."].paragraph == 1
    assert by_text["Both sides began negotiations for an armoured vehicle."].paragraph == 3
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))


@pytest.mark.parametrize(
    "text, first_words",
    [
        ("TIRANA, Albania (AP) -- Albania's parliament passed a resolution on Thursday.", "Albania's parliament"),
        ("BERLIN -- A court in Bavaria convicted three men on Friday.", "A court in Bavaria"),
        ("KHARTOUM, March 16 (Xinhua) -- Sudan's president received an invitation.", "Sudan's president"),
        ("The US and China - rivals for decades - signed a deal.", "The US and China"),
        ("MEXICO CITY (AP) Mexico's Senate has passed a resolution.", "Mexico's Senate"),
        ("BOGOTA (Reuters) Colombia's Senate has passed a resolution.", "Colombia's Senate"),
        ("NATO (North Atlantic Treaty Organization) leaders met in Brussels.", "NATO (North Atlantic"),
        ("UN (AP) is not a place: it stays.", "UN (AP)"),
        # no space after the dash; a province with a lowercase particle in its name
        ("WASHINGTON—President Biden signed the bill on Friday.", "President Biden"),
        ("MARAWI CITY, Lanao del Sur — The army chief visited the city.", "The army chief"),
        ("NATO—the alliance of 32 states—met in Brussels.", "NATO—the alliance"),
        ("VLADIVOSTOK, April 16. /TASS/. More than 10,000 servicemen took part in drills.", "More than 10,000"),
    ],
)
def test_a_dateline_is_not_part_of_the_first_sentence(text, first_words):
    from dotterel.document import Document
    from dotterel.segment import Parse

    doc = Parse()(Document.from_text(text))
    body = [s for s in doc.sentences if s.codable]
    assert doc.sentence_text(body[0].index).startswith(first_words)
    assert all(s.kind == "dateline" for s in doc.sentences[: body[0].index])


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        ("Sudan gets an invitation\n\nKHARTOUM, March 16 (Xinhua) -- Sudan's president received an invitation.",
         "Sudan's president"),
        ("Insurer buys stake\n\nTOKYO/SÃO PAULO, May 22 - Hoshizora Life said it would buy a stake.", "Hoshizora Life"),
        ("Senate passes budget\n\nASUNCIÓN, Paraguay - The Senate passed the budget.", "The Senate"),
    ],
)
def test_a_dateline_under_a_headline_is_not_part_of_its_sentence(text, first_words):
    """The dateline is found where its paragraph starts, not only at the start of the text
    (an article given with its headline), and a city in capitals may hold a slash or an
    accented capital."""
    from dotterel.document import Document
    from dotterel.segment import Parse

    doc = Parse()(Document.from_text(text))
    body = [s for s in doc.sentences if s.codable]
    assert doc.sentence_text(body[0].index).startswith(first_words)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "verb", "event", "actor", "recipient"),
    [
        ("Peru expels Bolivian diplomats over election remarks", "expels", "SANCTION", "PER", "BOL"),
        ("Kenyan police arrest opposition senator at his Nakuru home", "arrest", "COERCE", "KEN", "KEN"),
        ("Ghana thanks Japan for new hospital in Tamale", "thanks", "SUPPORT", "GHA", "JPN"),
        # the verb read as the subject of its object ("calls", "walkout", "conscripts")
        ("Kenya's Ruto rejects calls for talks with opposition", "rejects", "REJECT", "KEN", None),
        ("Ghana's opposition stages walkout over loan deal", "stages", "PROTEST", "GHA", None),
        ("Kosovo summons conscripts as border row flares", "summons", "MOBILIZE", "XKX", None),
    ],
)
def test_a_headline_verb_read_as_a_noun_is_parsed_again(run, text, verb, event, actor, recipient):
    """A lone headline's verb that the parser took for a plural noun ("expels", "police
    arrest"), or for the subject of its object ("rejects calls for talks": "calls" the verb),
    is parsed again as the verb it is: one sentence, the verb its root, with its own text and
    a present-tense tag."""
    doc = run(text)
    assert len(doc.sentences) == 1
    tok = next(t for t in doc.parse if t.text == verb)
    assert (tok.dep_, tok.pos_, tok.tag_[:2]) == ("ROOT", "VERB", "VB")
    (found,) = doc.events
    assert found.event == event and actor in [a.code for a in found.actor]
    recipients = [r.code for r in found.recipient]
    assert recipient in recipients if recipient else recipients == []


@pytest.mark.slow
def test_a_headline_whose_subject_is_a_plural_noun_keeps_its_verb(run):
    """'Rebel attacks killed 12 soldiers': "attacks" is the noun it looks like; with "attacked"
    the parser still reads "killed" as a verb, so the first parse stands."""
    doc = run("Rebel attacks killed 12 soldiers")
    killed = next(t for t in doc.parse if t.text == "killed")
    assert killed.dep_ == "ROOT"
    assert [ev.event for ev in doc.events] == ["ASSAULT"]


@pytest.mark.slow
def test_a_semicolon_ends_a_clause_the_parser_reads_on_its_own(run):
    """'Peru summons envoy over shooting; La Paz rejects charge': two sentences (the parser had
    made one clause's verb depend on the other's), each a headline of its own."""
    doc = run("Peru summons Bolivian envoy over border shooting; La Paz rejects charge")
    assert [doc.sentence_text(s.index) for s in doc.sentences] == [
        "Peru summons Bolivian envoy over border shooting;", "La Paz rejects charge"]
    from dotterel.events.lexicon import in_headline

    assert in_headline(doc.parse[0])  # a clause that ends in a semicolon is read with the rest
    # in prose a semicolon stays inside its sentence: its reporting frame holds both clauses
    doc = run("Prosecutors said the man fired nine shots at the car; he faces life in prison if convicted.")
    assert len(doc.sentences) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "first", "second", "event", "actor", "recipient"),
    [
        ("The governor urged the strikers to return to work and accused union leaders of misleading them.",
         "urged", "accused", "ACCUSE", "The governor", "union leaders"),
        ("She asked the tribunal to dismiss the petition and criticised the police for the delay.",
         "asked", "criticised", "ACCUSE", "She", "the police"),
        ("The spokesman said the army would pull back its units and blamed the militia for the clashes.",
         "said", "blamed", "ACCUSE", "The spokesman", "the militia"),
    ],
)
def test_a_finite_verb_joined_to_an_infinitive_is_the_governing_partys_act(
        run, text, first, second, event, actor, recipient):
    """'urged X to return and accused Y', 'said X would pull back and blamed Y': the parser joins
    the past tense to the infinitive, which it can never be coordinated with; it is the second
    act of the one who urges or says, and took place."""
    doc = run(text, date="2024-03-10")
    tok = next(t for t in doc.parse if t.text == second)
    assert (tok.dep_, tok.head.text) == ("conj", first)
    found = [e for e in doc.events if e.trigger[0].text == second]
    assert [(e.event, e.status) for e in found] == [(event, "occurred")], doc.events
    assert [a.text for a in found[0].actor] == [actor]
    assert [r.text for r in found[0].recipient] == [recipient]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "verb", "head"),
    [
        ("The council voted to close the depot and sell the land.", "sell", "close"),  # two infinitives
        ("Rebels were seen to have fled and hidden in the hills.", "hidden", "fled"),  # participles
    ],
)
def test_infinitives_and_participles_keep_their_coordination(run, text, verb, head):
    """Only a past or present-tense verb is moved: a second infinitive or a participle is what
    the parser read."""
    doc = run(text, date="2024-03-10")
    tok = next(t for t in doc.parse if t.text == verb)
    assert (tok.dep_, tok.head.text) == ("conj", head)


@pytest.mark.slow
def test_prose_and_titles_are_not_parsed_again(run):
    """Only a body line without final punctuation is a headline to repair: a sentence keeps
    its parse, and a title codes nothing either way."""
    doc = run("Peru expels Bolivian diplomats\n\nLima said on Monday the envoys had meddled.")
    assert doc.sentences[0].kind == "title"
    assert not [e for e in doc.events if e.sentence_index == 0]


@pytest.mark.parametrize(
    ("text", "title", "actors"),
    [
        ("Sens. Tom Udall and Martin Heinrich criticized the decision.", "Sens.", 2),
        ("Police said Det. Sgt. Mark Lee arrested the suspect on Monday.", "Sgt.", 1),
        ("Supt. Ann Kuster said officers arrested two men in Dayton.", "Supt.", 1),
    ],
)
def test_an_abbreviated_title_keeps_its_stop_and_its_sentence(run, text, title, actors):
    """An abbreviated title is one token with its full stop (lang/en/tokens.toml): the stop
    neither ends the sentence nor leaves the title to be read as the doer, and a title the
    tagger reads as a state's abbreviation ("Det.") is no place."""
    doc = run(text)
    assert len(doc.sentences) == 1
    assert title in [t.text for t in doc.parse]
    (event,) = doc.events
    assert len([a for a in event.actor if a.text != "(police)"]) == actors
    assert all(title not in m.text for m in doc.mentions_of("place"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pair around a phrase, and a second pair: each doubled
        ("said Kadria 'respects the choices' and accused 'certain states' of it.",
         'said Kadria "respects the choices" and accused "certain states" of it.'),
        # typographic single quotes too
        ("\u2018No deal,\u2019 she said.", '"No deal," she said.'),
        # the closing quote after a comma, not the possessive inside the quotation
        ("'The nurses' pay is frozen,' he said.", '"The nurses\' pay is frozen," he said.'),
        # the closing quote after a comma, not the possessive after the quotation
        ("'Stop,' the teachers' union said.", '"Stop," the teachers\' union said.'),
        # apostrophes of other kinds stay: contractions, names, an elided year, a plural possessive
        ("It's O'Malley's view that the '90s hurt the farmers' savings.",
         "It's O'Malley's view that the '90s hurt the farmers' savings."),
        # a quotation left open at a paragraph's end (continued in the next) is not paired
        ("He said: 'We will fight.\n\nThe votes' count' went on.",
         "He said: 'We will fight.\n\nThe votes' count' went on."),
    ],
)
def test_single_quotation_marks_are_doubled_for_the_parser(text, expected):
    """A pair of single quotation marks is doubled, character for character; an apostrophe is
    not (segment's docstring)."""
    out = for_parser(text)
    assert out == expected
    assert len(out) == len(text)


@pytest.mark.slow
def test_a_single_quoted_phrase_does_not_hide_the_next_act(run):
    """The parser, reading single quotes as possessives, left 'accused' with no doer and no
    event; parsed as a quotation, the embassy accuses, and the parse keeps the text's own
    characters and offsets (no phrase takes a quotation mark with it)."""
    text = ("The embassy said in a statement that Beijing 'respects the choices of island nations' "
            "and accused 'certain countries' of stirring tension in the region.")
    doc = run(text, date="2024-03-10")
    assert doc.parse.text == text
    assert [t.text for t in doc.parse if t.is_quote] == ["'", "'", "'", "'"]
    found = [e for e in doc.events if e.trigger[0].text == "accused"]
    assert [(e.event, [a.text for a in e.actor], [r.text for r in e.recipient]) for e in found] == [
        ("ACCUSE", ["The embassy"], ["certain countries"])]
    parties = [p.text for e in doc.events for p in e.actor + e.recipient]
    assert parties and not any(p.endswith("'") or p.startswith("'") for p in parties)


@pytest.mark.slow
@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_verb_after_a_quotation_is_the_framing_partys_act(run, quote):
    """The parser joined 'accused' to 'staged', inside the quotation: the verb after a
    quotation is the act of who frames it."""
    text = (f"The home minister termed the boycott {quote}a drama staged for the cameras{quote} "
            "and accused the opposition of fleeing a debate it could not win.")
    doc = run(text, date="2024-03-10")
    tok = next(t for t in doc.parse if t.text == "accused")
    assert (tok.dep_, tok.head.text) == ("conj", "termed")
    found = [e for e in doc.events if e.trigger[0].text == "accused"]
    assert [(e.event, [a.text for a in e.actor]) for e in found] == [("ACCUSE", ["The home minister"])]


@pytest.mark.slow
def test_a_verb_inside_a_second_quotation_keeps_its_coordination(run):
    """Only a verb outside every quotation moves: in 'says the suspect "took a shooting stance"
    and "pointed an object at officers"' both acts are the suspect's, as quoted."""
    doc = run('The chief says the suspect "took a shooting stance" and "pointed an object at the officers."',
              date="2024-03-10")
    tok = next(t for t in doc.parse if t.text == "pointed")
    assert (tok.dep_, tok.head.text) == ("conj", "took")
