"""Open candidates: verbs the rules made no candidate of, proposed for the learned classifier to judge.

The lexicon only knows the words its authors listed; real news reports events with many
others ("smashed a door", "paid tribute to", "is facing charges"), and a verb it knows may
form no candidate where the parse is unusual ("is considering a fresh strike", "held a video
call"; skipping every verb the lexicon knows lost such events: all corpus sentences' recall
0.787 -> 0.783 on 2026-12-04). Verbs the rules judged no event by their context are not
proposed: those the coder declined or the lexicon switches off, what someone can do, a tally over
a period, a warning that foretells no act and what it foretells. When a classifier is in the
pipeline, each body sentence in which the rules coded nothing gets up to `MAX_PER_SENTENCE`
open candidates: main-clause verbs with a subject (or a passive verb),
with the subject (or the passive's agent) as actor and the direct object as recipient (or,
when the object names no party, the party after "to": "transferred 4.5 billion euros to
Ukraine"), when one of them is a party with a country or a sector (a political actor; "the
company said", "he smiled" are not proposed).
They carry ``evidence["cls"] == "open"`` and no rule type; the classifier gives them a type
or drops them, and without a classifier they are never proposed. Verbs too general to be an
event are never proposed: the plain reporting verbs and the ``skip_lemmas`` of the document's
language (lang/<code>/events.toml, tables [reporting] and [proposals]).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from ..document import Document, Event, Trigger
from .lexicon import comment_sought, question_complement
from .roles import listed_with
from .status import clause_status
from .triggers import gathering_occasion, is_ability, is_tally

MAX_PER_SENTENCE = 3


def _answers_a_source(tok, words) -> bool:
    """The verb's object, or the object of its preposition, asks for comment ('did not respond
    to a faxed request for comment', 'declined requests for comment')."""
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for p in tok.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    return any(comment_sought(n, words.coder.sourcing_contents) for n in objects)
OPEN = "OPEN"  # the placeholder type of an open candidate until the classifier decides
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "xcomp", "parataxis"})


def switched_off(entry) -> bool:
    """A lexicon row that rules its word's sense out under a condition (an `off` row, or a light
    row with no type, no weight and a condition: "ordered 20 Boeing jets", "a leopard killed two
    goats"): a judgement of the rules, as a declined candidate is."""
    return entry is not None and (entry.cls == "off" or (
        entry.cls == "light" and not entry.event and entry.conditional
        and not entry.weight))


def propose(doc: Document, coder, args, sent, tokens, speaker, declined: AbstractSet[int] = frozenset()) -> list[Event]:
    """Open candidates of one sentence (see the module docstring); `declined`: the indices of
    trigger words the rules judged to be no event, never proposed."""
    out: list[Event] = []
    skip, plain = coder.words.proposals.skip_lemmas, coder.words.reporting.plain
    for tok in tokens:
        if len(out) >= MAX_PER_SENTENCE:
            break
        lemma = tok.lemma_.lower()
        if (tok.pos_ != "VERB" or tok.dep_ not in CLAUSE_DEPS or lemma in skip or lemma in plain
                or tok.i in declined or is_ability(tok, coder.words)
                or is_tally(tok, None, coder.words)):
            continue
        if switched_off(coder.lex.lookup(tok)):
            continue  # "ordered 20 Boeing jets", "banned the bowler": a sense the lexicon rules out
        if _answers_a_source(tok, coder.words):
            continue  # "did not respond to a request for comment": how the news was sourced
        if question_complement(tok):
            continue  # "asked whether China would send an envoy": an act asked about, not reported
        if gathering_occasion(tok, coder.lex, coder.words) is not None or (
                tok.dep_ in ("advcl", "xcomp") and gathering_occasion(tok.head, coder.lex, coder.words) == tok):
            continue  # "parishioners packed the church for the feast", "gathered to mark the anniversary"
        subj, passive = coder.subject(tok)
        actor_tok = coder.agent(tok) if passive else subj
        if actor_tok is None and not passive:
            continue
        # a headline's "Vietnam, Indonesia conclude talks": the names listed with the subject
        listed = listed_with(actor_tok) if actor_tok is not None and not passive else []
        actors = [e for t in (*listed, actor_tok) if t is not None for e in args.entities(t, speaker=speaker)]
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
        if passive and subj is not None:
            obj = subj
        recipients = args.entities(obj, speaker=speaker) if obj is not None else []
        recipients = [r for r in recipients if r.code or r.sector]
        if not recipients and not passive:
            recipients = _to_party(tok, args, speaker)
        if not any(a.code or a.sector for a in actors) and not recipients:
            continue  # "the company said", "he smiled": no political party takes part
        if lemma in coder.words.proposals.press_verbs and recipients and all(r.sector == "MED" for r in recipients):
            continue  # "the minister spoke to Reuters": how the news is sourced
        status = clause_status(tok, coder.lex, coder.words)
        trig = Trigger(tok.text, tok.idx, tok.idx + len(tok.text))
        out.append(Event(
            event=OPEN,
            sentence_index=sent.index,
            trigger=[trig],
            status=status.status,
            actor=actors,
            recipient=[r for r in recipients if r.code not in {a.code for a in actors if a.code}],
            confidence=0.3,
            evidence={"rule_event": None, "cls": "open", "lemma": tok.lemma_.lower(), "pos": "V",
                      "noun": False, "weight": 0.0, "rule_confidence": 0.0, "rule_status": status.status},
        ))
    return out


def _to_party(verb, args, speaker) -> list:
    """The party a verb's "to" phrase names ("transferred 4.5 billion euros to Ukraine", "sent
    rescuers to Morocco"): the recipient when the object names none."""
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ == "to":
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return [r for r in args.entities(obj, speaker=speaker) if r.code or r.sector]
    return []
