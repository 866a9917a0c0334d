"""Domestic actors: "police", "protesters", "the army" take the country where they act.

News rarely says whose police detained protesters in Tbilisi: the place says it. PLOVER
data sets (POLECAT) code such actors with the country of the event. This stage gives an
actor or recipient that has a sector but no country code

1. the country of the event's location, when the event has one; else
2. the document's dominant country, when one country clearly dominates the actors and
   places it names, or else the article's home country (its dateline's, or its web
   domain's) when no country is named `lead` times as often (`dominant_country`);

and records a flag `inferred_country` on the event, so that users can tell inferred codes
from stated ones.

Only *agents* take part in events: a person, an organisation, a group, a country. Before
inferring countries the stage removes from an event's roles what the parse took for a
party but names a thing — a weapon, a crime, a document, a topic ("charged with murder",
"killed by a buried bomb") — i.e. an entity with no code, no sector, no knowledge-base
name, not a person/organisation/group in the parser's entities and not headed by a word
for people or groups of them (lang/<code>/events.toml, table [agents]). Named people
and organisations that the knowledge base does not know take the inferred country like role-only actors do (PLOVER codes a local official by the country
where he acts). An arrest, charge or sentence reported with no agent ("X was arrested",
"X was charged with murder") was done by the authorities: the event gets an implied actor (police for arrests and
detentions, the judiciary for charges and sentences), whose country is inferred the same
way and flagged. An attack that took place with no attacker named ("a shopkeeper was shot dead
in Lagos") gets implied unknown attackers (sector UAF), placed the same way. A visit or a
military act with no recipient, that took place in another country than its actors', is
received by that country ("arrived in Tokyo for a visit"). An act conjoined to one of the same
type and actors, with no recipient (and no object, unless what it gives or sends), has the
first one's ("delivered trucks to Senegal's army and will hand over two patrol boats").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from .. import lang
from ..fuse import status_class
from ..document import Document, Entity
from ..nlp import sentence_tokens, token_at
from ..actors.kb import igo_codes
from ..actors import sectors
from ..places import _fold, _hyphen_joins, dateline_place, one_of
from .counterparts import add_counterparts
from .lexicon import in_headline

ALPHA3_LEN = 3
# country-code domains sold for other uses: no country ("news.tv", "app.io")
GENERIC_CCTLDS = frozenset({"ac", "ag", "ai", "am", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "md",
                            "ms", "nu", "sc", "sh", "tk", "to", "tv", "vc", "ws", "eu"})
CCTLD_ALPHA2 = {"uk": "GB"}
AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PERSON_LABELS = frozenset({"PERSON", "ORG"})
SUM_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})  # a number that counts no one ("$3 billion")
PLACE_PREPOSITIONS = frozenset({"to", "in", "into", "at", "near", "towards", "toward", "across", "inside", "outside"})
# an attack reported with no attacker ("a shopkeeper was shot dead in Lagos", "killed by a buried
# bomb in Manbij") was still done by someone there: PLOVER data sets (ICEWS's "Unidentified
# Gunmen (Nigeria)") place the unknown attackers in the country where they struck
UNKNOWN_ATTACKERS = "(unknown attackers)"
# events whose target may be a place: its country is the target ("shelled Gaza", "aid into
# Gaza", "hospitals in Goma", "drills around Taiwan")
PLACE_TARGETS = frozenset({"AID", "ASSAULT", "MOBILIZE", "RETREAT", "SANCTION", "THREATEN"})


def dominant_country(
    doc: Document, share: float = 0.3, lead: float = 1.5, gazetteer: Any = None
) -> str | None:
    """The country an article is about: the one its actors and places name most often,
    with at least `share` of all country references and `lead` times the runner-up (with
    fewer than three references, only when no other country is named).

    Where no country dominates that way, the article's home country (`home_country`: where
    its dateline was filed, else the country of its publisher's web domain) decides, if it
    is named too and no country is named `lead` times as often as it (a story filed from home
    about a neighbour: "PESHAWAR: ... the Afghan chargé d'affaires"), or if nothing is named at
    all: local news names its own country little ("Nenagh", "Peel Regional Police") and a
    stray foreign word as often. A country that dominates with only one or two references
    does not outweigh a home country that the article names too ("LAHORE: ... called from an
    Afghan SIM number")."""
    return article_country(doc, share, lead, gazetteer)[0]


MAIN_COUNTRY = "the article's main country"
# at most this many references, a country is named in passing (article_country)
PASSING = 2
HOME_COUNTRY = "the article's home country (its dateline's or its web domain's)"


def article_country(
    doc: Document, share: float = 0.3, lead: float = 1.5, gazetteer: Any = None
) -> tuple[str | None, str]:
    """`dominant_country` and why: `MAIN_COUNTRY` (named most) or `HOME_COUNTRY`."""
    counts = country_references(doc, gazetteer)
    total = sum(counts.values())
    ranked = counts.most_common(2)
    if ranked:
        code, n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        # too few references to tell two countries apart
        clear = not (total < 3 and runner_up)
        # an article that names a single country (local news) is about that country
        if clear and n / total >= share and n >= lead * runner_up:
            # "LAHORE: ... called from an Afghan SIM number": a country named once or twice in
            # passing does not outweigh the dateline's own country, named too
            home = home_country(doc, gazetteer) if n <= PASSING else None
            if home and home != code and counts.get(home):
                return home, HOME_COUNTRY
            return code, MAIN_COUNTRY
    home = home_country(doc, gazetteer)
    # no country leads the home country by `lead` ("PESHAWAR: ..." naming Afghanistan 16
    # times and Pakistan 15): the article is told from home
    if home and (not counts or counts.get(home, 0) * lead > ranked[0][1]):
        return home, HOME_COUNTRY
    return None, MAIN_COUNTRY


def country_references(doc: Document, gazetteer: Any = None) -> Counter[str]:
    """How often each country is named: coded actors, places, and places named inside an
    uncoded actor's phrase ("Belfast Magistrate's Court", "Manitoba's Opposition")."""
    counts: Counter[str] = Counter()
    counted: dict[tuple[int, int], str] = {}  # the kind of mention each counted name was
    for m in doc.mentions:
        if counted.get((m.start, m.end), m.kind) != m.kind:
            continue  # "bound for China": one name, both an actor's and a place's mention, counts once
        if m.kind == "actor" and m.entity and not m.members:
            code = m.entity.code or _place_inside(doc, m, gazetteer)
        elif m.kind == "place" and m.data.get("location") is not None:
            code = m.data["location"].country_code
        else:
            continue
        if code and len(code) == ALPHA3_LEN and code not in igo_codes():  # "Amnesty said": AMN is no country
            counts[code] += 1
            counted[(m.start, m.end)] = m.kind
    return counts


def _place_inside(doc: Document, mention: Any, gazetteer: Any) -> str | None:
    """The country of a place the parser found inside an actor's phrase, not its head."""
    if gazetteer is None or doc.parse is None:
        return None
    span = doc.parse.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    for ent in span.ents:
        if ent.label_ == "GPE" and span.root not in ent:
            loc = gazetteer.resolve(ent.text)
            if loc is not None and loc.country_code:
                return loc.country_code
    tokens = list(span)  # a town the parser took as part of a name ("Limerick District Court")
    return _town_in_name(doc, tokens, _heads(tokens), gazetteer)


def home_country(doc: Document, gazetteer: Any = None) -> str | None:
    """Where the article comes from: the country of its dateline ("WINNIPEG —"), else of
    its publisher's country-code web domain (".ie", ".co.uk"; not ".com" or a domain
    sold for other uses, like ".tv")."""
    loc = dateline_place(doc, gazetteer) if gazetteer is not None else None
    return loc.country_code if loc is not None else domain_country(doc.meta.url or doc.meta.publisher)


def domain_country(address: str | None) -> str | None:
    """The country of a web address's country-code top-level domain ("tipperarystar.ie")."""
    if not address or " " in address.strip():
        return None
    try:
        host = urlsplit(address if "//" in address else "//" + address).hostname or ""
    except ValueError:  # a malformed address ("http://[bad") says nothing
        return None
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(tld) != 2 or tld in GENERIC_CCTLDS:
        return None
    return _alpha3(CCTLD_ALPHA2.get(tld, tld.upper()))


@lru_cache(maxsize=256)
def _alpha3(alpha2: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country is not None else None


class InferActorCountry:
    """Pipeline stage: country codes for domestic actors named only by their role; last, the
    other side of a dispute for a one-sided act of conflict (`counterparts.add_counterparts`)."""

    name = "actor_countries"
    requires = ("events", "events.location")
    assigns = ("events.actor_countries",)

    def __init__(self, gazetteer: Any = None):
        # places that act ("Tamil Nadu accused the Centre") take their country from it
        self.gazetteer = gazetteer

    @property
    def config(self) -> dict[str, Any]:
        return {"gazetteer": getattr(self.gazetteer, "config", None)}

    def __call__(self, doc: Document) -> Document:
        fallback, why = article_country(doc, gazetteer=self.gazetteer)
        for event in doc.events:
            for entity in (*event.actor, *event.recipient):
                self._place_party(doc, event, entity, fallback)
            if event.event in PLACE_TARGETS:
                for entity in event.recipient:
                    _target_place(doc, event, entity)
            for entity in event.actor:
                self._place_in_name(doc, event, entity, fallback, doer=True)
            for entity in event.recipient:
                self._place_in_name(doc, event, entity, fallback)
        self._infer(doc, fallback, why)
        visit_words = lang.for_document(doc).agents.visit_words
        for event in doc.events:
            _place_as_recipient(event, visit_words)
        add_counterparts(doc)
        return doc

    def _place_party(self, doc: Document, event: Any, entity: Entity, fallback: str | None) -> None:
        """A state or province named as a party, not as where something happened ("Tamil
        Nadu moved the court"): its government, coded with its country."""
        if self.gazetteer is None or entity.code or entity.name or entity.start is None or doc.parse is None:
            return
        if not _named_as_party(doc, entity):
            return
        loc = self.gazetteer.resolve(entity.text, countries_in_doc=[fallback] if fallback else [])
        # states and provinces act through their governments; a town name is as likely a
        # person's ("Jackson said") or a fictional country's ("Sylvania")
        if loc is None or not loc.country_code or loc.precision != "admin1" or not _full_name(loc.name, entity.text):
            return
        entity.code = loc.country_code
        entity.sector = entity.sector or "GOV"  # its government acts
        event.flags.append({"kind": "inferred_country", "text": entity.text, "code": loc.country_code,
                            "why": "the country of the place named as a party"})

    def _place_in_name(self, doc: Document, event: Any, entity: Entity, fallback: str | None,
                       doer: bool = False) -> None:
        """Local officials, workers or institutions named with their town ("Durban police",
        "nurses at three Winnipeg hospitals", "The City of Cape Town"): the town's country,
        also where the parser took the town for a person or an organisation -- but a town the
        parser did not recognise must lie in the article's country when it has one ("the Delft
        police station" in a South African story is not in the Netherlands)."""
        if self.gazetteer is None or entity.code or entity.name or entity.start is None or doc.parse is None:
            return
        tokens = _span_tokens(doc, entity)
        heads = _heads(tokens)
        words = lang.for_document(doc)
        city_government = any(h.lemma_.lower() in words.agents.city_heads for h in heads)
        if not heads or not (entity.sector or city_government or _named(doc, entity, PERSON_LABELS)):
            return

        def posting(m) -> bool:  # "the ambassador to Russia" who acts: where he is posted, not his
            return doer and any(posted_to(h, t, words.arguments) for h in heads for t in _heads(_span_tokens(doc, m)))

        code = None
        for m in doc.mentions:
            loc = m.data.get("location") if m.kind == "place" else None
            if (loc is not None and loc.country_code and entity.start <= m.start and m.end <= entity.end
                    and not posting(m)):
                code = loc.country_code
                break
        if code is None:
            code = _town_in_name(doc, tokens, heads, self.gazetteer, fallback)
        if code:
            entity.code = code
            event.flags.append({"kind": "inferred_country", "text": entity.text, "code": code,
                                "why": "the country of the place in its name"})

    def _infer(self, doc: Document, fallback: str | None, why: str = MAIN_COUNTRY) -> None:
        words = lang.for_document(doc)
        agents = words.agents
        for event in doc.events:
            event.actor[:] = [e for e in event.actor if is_agent(doc, e)]
            event.recipient[:] = [e for e in event.recipient if is_agent(doc, e)]
        share_conjoined_recipients(doc, doc.events)
        for event in doc.events:
            if not event.actor and event.event in ("COERCE", "ACCUSE"):
                implied = implied_authority(event, agents, words.roles.undergoing_verbs)
                if implied is not None:
                    event.actor.append(implied)
            if not event.actor and event.event == "REQUEST" and police_appeal(doc, event, agents):
                event.actor.append(Entity(text="(police)", sector="COP"))
            if not event.actor and event.event == "RETREAT" and released_by_police(doc, event, agents):
                event.actor.append(Entity(text="(police)", sector="COP"))
            if not event.actor and event.event == "PROTEST":
                # "hundreds of riders protested": demonstrators the agent test did not know
                event.actor.append(implied_protesters())
            if not event.actor and event.event == "ASSAULT" and status_class(event.status) == "real":
                event.actor.append(Entity(text=UNKNOWN_ATTACKERS, sector="UAF"))
            place = event.event_loc.country_code if event.event_loc else None
            if place and any(f["kind"] == "dateline_location" for f in event.flags):
                code, why_here = place, HOME_COUNTRY  # placed by the article's dateline, not its text
            elif place and any(f["kind"] == "article_location" for f in event.flags):
                code, why_here = place, why  # placed in the article's country, not by its text
            else:
                code, why_here = place or fallback, "where the event took place" if place else why
            if not code:
                _people_sectors(doc, event, agents)  # who people are does not need their country
                continue
            # "Pope Leo will visit Peru": a visitor comes from elsewhere than where he goes
            # and forces sent somewhere come from elsewhere ("the National Guard would be sent to
            # the Mexico border")
            visitors = (event.actor if why_here == "where the event took place" and (
                event.mode == "visit" or event.evidence.get("lemma") in agents.visit_words
                or event.event == "MOBILIZE" and _sent_to(doc, event)) else [])
            for entity in (*event.actor, *event.recipient):
                if any(entity is v for v in visitors):
                    continue
                # an unknown place-like name (a region, a fictional country) is not given the
                # country of the article: it may be another country; nor is a phrase for
                # countries in general ("other countries", "several nations")
                if entity.code is None and entity.name is None and not _headed_by(doc, entity, agents.any_country) and (
                    entity.sector or (_named(doc, entity, PERSON_LABELS) and not _is_place(doc, entity))
                ) and not _foreign(doc, entity, agents):
                    entity.code = code
                    event.flags.append(
                        {
                            "kind": "inferred_country",
                            "text": entity.text,
                            "code": code,
                            "why": why_here,
                        }
                    )
            _people_sectors(doc, event, agents)
            event.actor[:] = _unique(event.actor)
            event.recipient[:] = _unique(event.recipient)
        _strikers(doc, doc.events, agents.not_workers)


# the sector of parties a word for people names when nothing says more: the attacked, the
# aided, the released, protesters and those who ask are civilians ("five people were killed",
# "a woman was stabbed", "thousands of people marched", "residents demanded"); those arrested,
# charged, jailed or accused are held as criminals ("police arrested two men", "four people
# were charged"), as the corpus guide codes arrests of ordinary suspects, and so are those who
# attack or threaten ("two men robbed a shop", "a man threatened staff with a knife")
PEOPLE_ROLES = (
    ("ASSAULT", "recipient", "CVL"), ("AID", "recipient", "CVL"), ("PROTEST", "actor", "CVL"),
    ("REQUEST", "actor", "CVL"), ("COERCE", "recipient", "CRM"), ("ASSAULT", "actor", "CRM"),
    ("THREATEN", "actor", "CRM"), ("RETREAT", "recipient", "CVL"), ("ACCUSE", "recipient", "CRM"),
)
# coercion that holds no one as a suspect: a deportation, a ban, a curfew
NOT_SUSPECTS = frozenset({"deport", "ban", "censor", "curfew", "restrict", "seize"})
# the parser's label of a named person, who in a criminal's role is one
NAMED_PERSON = frozenset({"PERSON"})


def _people_sectors(doc: Document, event: Any, agents: Any) -> None:
    """People named only as people ("19 people", "a woman", "two men") take the sector of their
    role (`PEOPLE_ROLES`): civilians (CVL) when attacked, aided, released, protesting or asking,
    criminals (CRM) when accused, when they attack or threaten, or when a legal act coerces them
    (an arrest, a charge, a sentence; civilians again where the sentence names a protest:
    "detained 500 people at a rally"), as the corpus guide codes them. In a criminal's role a
    person named but unknown to the knowledge base is one too ("police arrested Darren
    Stobbs"); a known person, a word with a sector of its own ("soldiers", "journalists",
    "opposition leader X") or another phrase the parser names keeps what it has. `agents` is
    the document's language's [agents] table, looked up once by the caller."""
    for etype, role, sector in PEOPLE_ROLES:
        if event.event != etype or (etype == "COERCE" and event.mode in NOT_SUSPECTS):
            continue
        if etype == "COERCE" and _protest_scene(doc, event, agents.protest_scene):
            sector = "CVL"  # arrested at a rally or a march: protesters
        for entity in getattr(event, role):
            if entity.sector is not None or entity.name is not None or entity.start is None:
                continue
            heads = _heads(_span_tokens(doc, entity))
            if (_named(doc, entity, frozenset()) and not _labelled(heads, PERSON_LABELS)) or (
                    sector == "CRM" and _labelled(heads, NAMED_PERSON)):
                entity.sector = sector


# a strike's mode, and the sectors of people who strike as workers, not as civilians or staff
# of a school ("nurses went on strike", "teachers began a strike": the corpus codes strikers
# named by their trade LAB 35 times in 39)
STRIKE_MODE = "strike"
STRIKER_SECTORS = frozenset({"CVL", "EDU"})


def _strikers(doc: Document, events: list, not_workers: frozenset[str]) -> None:
    """People who strike are labour (LAB), in the strike and in their other acts in its
    sentence ("teachers began a strike to demand higher pay"), unless their word names people
    who are no one's workers ([agents] not_workers: "students", "pupils")."""
    strikers: set[tuple[int, int, int]] = set()
    for event in events:
        if event.event != "PROTEST" or event.mode != STRIKE_MODE:
            continue
        for entity in event.actor:
            if entity.sector in STRIKER_SECTORS and entity.name is None and entity.start is not None and not any(
                    h.lemma_.lower() in not_workers for h in _heads(_span_tokens(doc, entity))):
                strikers.add((event.sentence_index, entity.start, entity.end))
    for event in events:
        for entity in event.actor:
            if (event.sentence_index, entity.start, entity.end) in strikers:
                entity.sector = "LAB"


def _protest_scene(doc: Document, event: Any, scene: frozenset[str]) -> bool:
    """The event's sentence names a protest (`scene`, [agents] protest_scene: "detained 500
    people at a rally", "arrested dozens of marchers")."""
    if doc.parse is None or event.sentence_index >= len(doc.sentences):
        return False
    return any(t.lemma_.lower() in scene for t in sentence_tokens(doc.parse, doc.sentences[event.sentence_index]))


# events whose object is what is given or sent, not who receives it
GIVING_EVENTS = frozenset({"AID", "MOBILIZE"})


def share_conjoined_recipients(doc: Document, events: list) -> None:
    """'delivered six vehicles to Ghana's armed forces ... and will hand over two patrol boats':
    a verb conjoined to one of the same type and the same actors, with no recipient and no
    object of its own (but what an AID or MOBILIZE verb gives or sends), has the first one's
    recipients."""
    if doc.parse is None or len(events) < 2:
        return
    heads = {id(ev): token_at(doc.parse, ev.trigger[0].start, ev.trigger[0].end) if ev.trigger else None
             for ev in events}
    by_token = {tok.i: ev for ev in events if (tok := heads[id(ev)]) is not None}
    for ev in events:
        tok = heads[id(ev)]
        if ev.recipient or tok is None or tok.dep_ != "conj" or tok.pos_ != "VERB":
            continue
        if ev.event not in GIVING_EVENTS and any(c.dep_ in ("dobj", "obj", "dative") for c in tok.children):
            continue  # "arrested two men and detained three more": its own object, a patient
        first = by_token.get(tok.head.i)
        if (first is not None and first is not ev and first.event == ev.event and first.recipient
                and {a.code for a in first.actor} == {a.code for a in ev.actor}):
            ev.recipient = [replace(r) for r in first.recipient]


def _town_in_name(doc: Document, tokens: list, heads: list, gazetteer: Any, fallback: str | None = None) -> str | None:
    """The country of a town (or province) the gazetteer knows by exactly the name that
    modifies a phrase's head ("Durban police", "Limerick District Court", "Winnipeg's police
    chief", "the mayor of Tijuana", "villagers in Morigaon"), or that comes before the title
    of a person named by it ("Basilan Governor Nurhan Abubakar"); with `fallback` (the
    article's country), only a town there."""
    words = lang.for_document(doc)
    agents, generic = words.agents, words.places.generic_place_names
    person = _personal_name(heads)
    for run in _proper_runs(tokens, heads, agents.town_heads, agents.origin_prepositions):
        if any(posted_to(h, t, words.arguments) for h in heads for t in run):
            continue  # "the ambassador in Kabul": where he is posted, not whose he is
        root = _run_root(run)
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
            continue  # "the University of Fort Hare", "the Bank of Ghana": an institution's name
        modifier = root.dep_ == "compound"  # "Mumias sugar factory", however the parser labels it
        for n in range(len(run), 0, -1):  # "Limerick District Court": the town is the run's start
            titled = any(_is_title(t.text) for t in run[n:])  # "Basilan Governor Nurhan Abubakar"
            if person and not titled:
                continue  # "Kim Yo Jong": a given name, not a town (Kim, India)
            if (not titled and not modifier and any(t.ent_type_ == "PERSON" for t in run[:n])
                    and not 1 < n == len(run)):
                continue  # an owner or an object the parser takes for a person is a town only
                # as a whole ("Tamil Nadu's"), not by its first word ("Jackson Smith's") or alone
            text = doc.text[run[0].idx:run[n - 1].idx + len(run[n - 1].text)]
            if text.lower() in generic:
                continue  # "the Federal Government", "Central Police": a word, not a town
            key = _fold(text).casefold()  # "Tamil Nadu" is GeoNames' "Tamil Nādu"
            towns = [c for c in gazetteer.lookup(text)
                     if _fold(c.name).casefold() == key and c.precision in ("city", "admin1") and c.country3
                     and (fallback is None or c.country3 == fallback)]
            if towns:
                return towns[0].country3
    return None


def _is_title(word: str) -> bool:
    """The word is a title in the sector table ("Governor", "Minister")."""
    term = sectors.lookup(word)
    return term is not None and term.kind == "title"


def _personal_name(heads: list) -> bool:
    """The phrase is a person's name: its head a proper noun the parser names a person."""
    return bool(heads) and all(h.pos_ == "PROPN" and h.ent_type_ == "PERSON" for h in heads)


def _proper_runs(tokens: list, heads: list, town_heads: frozenset[str],
                 origin_prepositions: frozenset[str] = frozenset()) -> list[list]:
    """Runs of proper nouns in a phrase that name where its head is: a modifier ("Durban
    police", "three Lubbock officers", "Winnipeg's police chief"), the town of a city's
    government ("The City of Cape Town"), or the town after one of `origin_prepositions` that
    a common noun of the phrase governs ("the mayor of Tijuana", "villagers in Morigaon");
    not a person the head relates to ("supporters of Jackson": the parser names him)."""
    runs, cur = [], []
    for t in tokens:
        if t.pos_ == "PROPN" and t not in heads or (cur and _hyphen_joins(cur[-1], t)):  # "KwaZulu-Natal"
            cur.append(t)
            continue
        if cur:
            runs.append(cur)
        cur = []
    if cur:
        runs.append(cur)
    runs = [run[:-1] if run[-1].pos_ == "PUNCT" else run for run in runs]
    inside = {t.i for t in tokens}
    out = []
    for run in runs:
        root = _run_root(run)
        prep = root.head if root.dep_ == "pobj" else None
        of_town = (prep is not None and prep.lower_ == "of" and prep.head.lemma_.lower() in town_heads)
        from_town = (prep is not None and prep.lower_ in origin_prepositions and prep.head.i in inside
                     and prep.head.pos_ == "NOUN")
        if root.dep_ in ("compound", "poss") or of_town or from_town:
            out.append(run)
    return out


def _run_root(run: list):
    return next((t for t in run if t.head not in run), run[-1])


def posted_to(head, token, words: Any) -> bool:
    """'the ambassador to Russia', 'the envoy in Kabul': `token` names where the envoy `head`
    names is posted (`[arguments] envoy_heads` with one of `posting_preps`), not whose envoy he
    is."""
    prev = head.doc[head.i - 1].lower_ if head.i > 0 else ""
    if head.lemma_.lower() not in words.envoy_heads and f"{prev} {head.lower_}" not in words.envoy_heads:
        return False
    while token.dep_ in ("compound", "conj", "appos") and token.head != token:
        token = token.head  # "to the United States", "to Russia and Belarus"
    return token.dep_ == "pobj" and token.head.lower_ in words.posting_preps and token.head.head == head


def _target_place(doc: Document, event: Any, entity: Entity) -> None:
    """An uncoded target that is, or lies in, a place the places stage resolved ("shelled
    Gaza", "supplies to hospitals in Goma"): the place's country is the target."""
    if entity.code or entity.name or entity.start is None or entity.end is None:
        return
    for m in doc.mentions:
        loc = m.data.get("location") if m.kind == "place" else None
        if loc is not None and loc.country_code and entity.start <= m.start and m.end <= entity.end:
            entity.code = loc.country_code
            event.flags.append({"kind": "inferred_country", "text": entity.text, "code": loc.country_code,
                                "why": "the country of the place targeted"})
            return


def _sent_to(doc: Document, event: Any) -> bool:
    """The event's place is a country named as where something went ('to the Mexico border',
    'into Ukraine'; `[agents] destination_prepositions`), not where it happened (a town:
    'deployed soldiers to Maiduguri' is as likely at home)."""
    agents = lang.for_document(doc).agents
    loc = event.event_loc
    if loc is None or not loc.text or loc.precision != "country" or event.sentence_index >= len(doc.sentences):
        return False
    sent = doc.sentences[event.sentence_index]
    text = doc.text[sent.start : sent.end]
    at = text.find(loc.text)
    words = text[:at].lower().split() if at >= 0 else []
    while words and words[-1] in agents.determiners:
        words.pop()
    return bool(words) and words[-1] in agents.destination_prepositions


def _place_as_recipient(event: Any, visit_words: frozenset[str]) -> None:
    """A visit or a military act with no recipient named, that took place in another country
    than its actors': that country receives it ("arrived in Tokyo for a visit", "troops
    crossed into Ukraine", "shelled towns in Syria"). A meeting held abroad ("met in
    Geneva") is not aimed at its host, nor is an act at home."""
    loc = event.event_loc
    if event.recipient or loc is None or not loc.country_code or loc.precision == "region":
        return
    visit = event.event == "CONSULT" and len(event.actor) == 1 and (
        event.mode == "visit" or event.evidence.get("lemma") in visit_words)
    if not (visit or event.event in PLACE_TARGETS):
        return
    actors = {e.code for e in event.actor}
    if not actors or None in actors or loc.country_code in actors:
        return
    event.recipient.append(Entity(text=loc.text, code=loc.country_code))
    event.flags.append({"kind": "inferred_country", "text": loc.text, "code": loc.country_code,
                        "why": "the country where the event took place receives it"})


def _span_tokens(doc: Document, entity: Entity) -> list:
    if doc.parse is None or entity.start is None or entity.end is None:
        return []
    span = doc.parse.char_span(entity.start, entity.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _headed_by(doc: Document, entity: Entity, words: frozenset[str]) -> bool:
    """The phrase's head is one of the words ("other countries")."""
    return any(names_people(t, words) for t in _heads(_span_tokens(doc, entity)))


def _foreign(doc: Document, entity: Entity, agents: Any) -> bool:
    """A party said to come from abroad ("the first foreign leader to visit", "foreign
    fighters"; `[agents] foreign_words`) is not of the country where it acts; a foreign
    minister or ministry is (`[agents] foreign_office_heads`)."""
    return any(t.lemma_.lower() not in agents.foreign_office_heads
               and any(c.dep_ == "amod" and c.lower_ in agents.foreign_words for c in t.children)
               for t in _heads(_span_tokens(doc, entity)))


def _named(doc: Document, entity: Entity, labels: frozenset[str] = AGENT_LABELS) -> bool:
    """A person, organisation or group in the parser's entities, or a word for people."""
    # judged by the phrase's head: "murder in Chicago" names a crime, not the city
    heads = _heads(_span_tokens(doc, entity))
    if _labelled(heads, labels):
        return True
    agents = lang.for_document(doc).agents
    heads += [g for t in heads for g in counted(t, agents.quantity_heads)]  # "hundreds of riders"
    if any(bare_count(t) and (t.head.pos_ == "VERB" or t.dep_ == "ROOT") for t in heads):
        return True  # "killing eight", "arrested 49": a bare count of those the act befalls is people
    return any(names_people(t, agents.people) for t in heads)


def _labelled(heads: list, labels: frozenset[str]) -> bool:
    """A head of the phrase is one of the parser's entities of these labels."""
    return any(t.ent_type_ in labels for t in heads)


def bare_count(token) -> bool:
    """A number standing alone as an object, counting people ("killing eight", "arrested 49"),
    or as a headline's subject ("3 held over killing of trader", "Two arrested over church
    attack": the parser makes the number the subject of a past tense or hangs the participle
    on it), not a sum, a percentage or a quantity ("provide $3 billion")."""
    if token.tag_ != "CD" or token.ent_type_ in SUM_LABELS:
        return False
    if token.dep_ == "dobj":
        return True
    if not in_headline(token) or any(c.dep_ == "prep" for c in token.children):
        return False  # "3 of the suspects": the suspects are the party
    if token.dep_ in ("nsubj", "nsubjpass"):  # also an active past ("3 attacked the guard"),
        # so not `lexicon.headline_participle`, which wants the participle alone
        return token.head.tag_ in ("VBD", "VBN") and token.head.dep_ == "ROOT"
    return token.dep_ == "ROOT" and any(c.dep_ == "acl" and c.tag_ == "VBN" for c in token.children)


def nominalised(token) -> bool:
    """A participle or adjective standing as a noun after a determiner, naming people ("the
    accused was remanded in custody", "police questioned the injured"): the parser tags the
    word a verb or an adjective, but it heads the argument."""
    return (token.pos_ in ("VERB", "ADJ") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
            and any(c.dep_ == "det" and c.i < token.i for c in token.children))


def implied_protesters() -> Entity:
    """The unnamed demonstrators of a protest ("protests entered a third week")."""
    return Entity(text="(protesters)", sector="CVL")


def counted(token, quantity_heads: frozenset[str]) -> list:
    """Whom a count counts: "hundreds of riders", "dozens of tenants", "40 of its members",
    "some of the detainees" (a number, or one of `[agents] quantity_heads`, with 'of'); [] for
    anything else, and for a sum ("$3 billion of aid")."""
    if token.lemma_.lower() not in quantity_heads and (token.tag_ != "CD" or token.ent_type_ in SUM_LABELS):
        return []
    return [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


def names_people(token, words: frozenset[str]) -> bool:
    """The word, or its lemma, is one of `words` (`[agents] people`: "elders", "men")."""
    return one_of(token, words)


def _heads(tokens: list) -> list:
    """The tokens of a phrase that head it (their head lies outside, or they are the root)."""
    return [t for t in tokens if t.head not in tokens or t.head == t]


def _is_place(doc: Document, entity: Entity) -> bool:
    """The entity is a place the gazetteer knows, a location rather than a party: judged by
    its head, so that "a Brooklyn man" and "the Walker County Sheriff's Office" are not."""
    if entity.start is None or entity.end is None:
        return False
    places = [m for m in doc.mentions if m.kind == "place" and m.start < entity.end and entity.start < m.end]
    tokens = _span_tokens(doc, entity)
    heads = _heads(tokens)
    if places and not heads:
        return True
    if any(m.start <= t.idx < m.end for t in heads for m in places):
        return True
    return _after_place_preposition(tokens)


def _after_place_preposition(tokens: list) -> bool:
    """The phrase is the object of a preposition of place ("deployed troops to Ladakh"),
    whatever the parser's label."""
    heads = [t for t in tokens if t.head not in tokens]
    return any(t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPOSITIONS for t in heads)


def _full_name(name: str, text: str) -> bool:
    """The phrase names the place in full ("Tamil Nadu", not an abbreviation like "Ga.")."""
    return _fold(name).lower() in _fold(text).lower()


def _named_as_party(doc: Document, entity: Entity) -> bool:
    """Not the object of a preposition of place ("deployed troops to Kerala")."""
    tokens = _span_tokens(doc, entity)
    return bool(tokens) and not _after_place_preposition(tokens)


def is_agent(doc: Document, entity: Entity) -> bool:
    """Could this entity act or be acted upon as a party (see the module docstring)?"""
    if entity.code or entity.sector or entity.name or entity.kb_id:
        return True
    if entity.start is None:  # an implied party the coder added on purpose
        return True
    if doc.parse is None:
        return True  # nothing to judge by: keep it
    return _named(doc, entity)


def implied_authority(event, words: Any = None, undergoing: frozenset[str] = frozenset()) -> Entity | None:
    """The unnamed authorities behind an agentless arrest, raid, charge or sentence: the
    trigger words of each are the language's ([agents] arrest_words, court_words). A legal step
    its subject undergoes (`undergoing`, [roles] undergoing_verbs: "went on trial", "are on
    trial") is the court's too."""
    table = words if words is not None else lang.words("en").agents
    said = [t.text.lower() for t in event.trigger]
    if event.event == "COERCE" and event.evidence.get("lemma") in undergoing:
        return Entity(text="(judicial authorities)", sector="JUD")

    def named(word: str) -> bool:  # "raided", "seized", "sentences": the word's forms
        stem = word[:-1] if word.endswith("e") else word
        return any(s.startswith(stem) for s in said)

    if any(named(w) for w in table.court_words):
        return Entity(text="(judicial authorities)", sector="JUD")
    if any(named(w) for w in table.arrest_words) or event.mode == "arrest":
        return Entity(text="(police)", sector="COP")
    return None


def police_appeal(doc: Document, event: Any, words: Any) -> bool:
    """'Anyone with information is asked to call police', 'witnesses are urged to contact
    Kisumu police station': a passive appeal ([agents] appeal_words) whose request names the
    police, with no one named making it, is the police's."""
    verb = _agentless_passive(doc, event, words.appeal_words)
    return verb is not None and _names_police(
        t for c in verb.children if c.dep_ in ("xcomp", "prep") for t in c.subtree)


def released_by_police(doc: Document, event: Any, words: Any) -> bool:
    """'A man arrested at the scene has since been released without charge, police said',
    'A spokesman for the Islamabad police said all those held were released': an agentless
    release from custody ([agents] release_words) that the police report is the police's."""
    verb = _agentless_passive(doc, event, words.release_words)
    if verb is None:
        return False
    reporting = lang.for_document(doc).reporting.verbs
    # the statement the release is reported in, or one hung on the release ("..., police said")
    statements = [t for t in (*verb.ancestors, *verb.children)
                  if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in reporting]
    police = [m for m in doc.mentions_of("actor") if m.entity is not None and m.entity.sector == "COP"]
    for said in statements:
        for subject in (c for c in said.children if c.dep_ in ("nsubj", "nsubjpass")):
            start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
            if _names_police(subject.subtree) or any(start <= m.start and m.end <= end for m in police):
                return True  # "police said", or a police body the knowledge base knows ("ICE said")
    return False


def _agentless_passive(doc: Document, event: Any, lemmas: Any):
    """The event's trigger verb when it is one of `lemmas` in the passive with no agent
    ("is asked to", "was released"), else None."""
    if doc.parse is None or not event.trigger:
        return None
    verb = token_at(doc.parse, event.trigger[0].start, event.trigger[0].end)
    if verb is None or verb.lemma_.lower() not in lemmas:
        return None
    if not any(c.dep_ == "auxpass" for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
        return None
    return verb


def _names_police(tokens) -> bool:
    """A word of the sector table for the police among `tokens` ("police", "officers")."""
    return any((term := sectors.lookup(t.lemma_)) is not None and term.sector == "COP" for t in tokens)


def _unique(entities):
    """One entity per (code, sector) in a role: "students marched to the parliament" -> GEO once."""
    seen, out = set(), []
    for e in entities:
        key = (e.code, e.sector) if e.code else (e.text, e.start)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
