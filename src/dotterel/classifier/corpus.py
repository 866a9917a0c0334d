"""From annotated sentences (corpus/GUIDE.md) to classifier examples.

The rules run over each sentence up to the events stage; every event they code becomes a
candidate, labelled with the gold type whose trigger it overlaps (the rules' type when the
gold accepts it). A candidate that overlaps no gold trigger keeps its type when a gold event of
the sentence accepts that type: annotators anchor an event at one word ("arrived in Hanoi for a
three-day visit", trigger "arrived"), and the rules may reach it at another ("visit"); scoring
aligns records to gold by sentence, so that candidate is the event, not a non-event. Any other
candidate is NONE. Gold events that no candidate reached are added as positives with no rule
evidence, so the model also learns types the lexicon does not know.

The train/dev split is by file, from a stable hash of the file's path inside the corpus,
so adding files never moves an old file from one side to the other.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .features import NONE, Example, Span, example_from_event

DEV_SHARE = 15  # percent of files


# the statuses the classifier learns; 'historical' comes from dates (the event_dates stage)
LEARNED_STATUSES: tuple[str, ...] = ("occurred", "ongoing", "future", "hypothetical", "negated")


@dataclass(slots=True)
class Labelled:
    example: Example
    label: str
    sentence_id: str
    from_rules: bool
    status: str | None = None  # gold status of a positive (historical read as occurred)


def learned_status(status: str | None) -> str | None:
    if status == "historical":
        return "occurred"
    return status if status in LEARNED_STATUSES else None


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.rglob("*.jsonl"))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError("E101", "no such file or folder", source=str(p))
    return files


def split_of(path: Path) -> str:
    """'dev' or 'train' for a corpus file, stable across corpus growth."""
    key = "/".join(path.parts[-2:])
    h = int(hashlib.sha1(key.encode()).hexdigest()[:8], 16)
    return "dev" if h % 100 < DEV_SHARE else "train"


def read_lines(files: Sequence[Path]) -> list[dict[str, Any]]:
    out = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("E103", f"not UTF-8 text (byte {exc.start})", source=str(path)) from None
        except OSError as exc:
            raise InputError("E101", f"cannot be read: {exc.strerror or exc}", source=str(path)) from None
        for n, raw in enumerate(text.splitlines(), 1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError("E104", f"invalid JSON ({exc.msg})", source=f"{path}:{n}") from exc
            if not isinstance(line, dict) or "text" not in line or "events" not in line:
                raise InputError("E105", "a corpus line needs 'text' and 'events'", source=f"{path}:{n}")
            problem = _line_problem(line)
            if problem:
                raise InputError("E105", f"{problem} (corpus/GUIDE.md)", source=f"{path}:{n}")
            line.setdefault("id", f"{path.stem}-{n}")
            out.append(line)
    return out


STATUSES = ("occurred", "ongoing", "future", "hypothetical", "negated", "historical")


def _line_problem(line: dict[str, Any]) -> str | None:
    """What makes a corpus line unusable (the first thing found), or None."""
    import datetime as dt

    from .features import PLOVER_TYPES

    text = line["text"]
    if not isinstance(text, str) or not text.strip():
        return "'text' must be a non-empty string"
    date = line.get("date")
    try:
        if date is not None:
            dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        return f"date {date!r} is not YYYY-MM-DD or null"
    if not isinstance(line["events"], list):
        return "'events' must be a list ([] for a sentence without events)"
    for k, ev in enumerate(line["events"], 1):
        where = f"event {k}"
        if not isinstance(ev, dict):
            return f"{where} is not a JSON object"
        types = ev.get("event")
        if not isinstance(types, list) or not types or not all(isinstance(t, str) and t.strip() for t in types):
            return f"{where}: 'event' must be a list of types, best first (not {types!r})"
        for t in types:
            if t not in PLOVER_TYPES and t.upper() in PLOVER_TYPES:
                return f"{where}: type {t!r} is PLOVER's {t.upper()}: write it in upper case"
        if ev.get("status") is not None and ev["status"] not in STATUSES:
            return f"{where}: status {ev['status']!r} is not one of {', '.join(STATUSES)} (or null)"
        trig = ev.get("trigger")
        if not isinstance(trig, str) or not trig or trig not in text:
            return f"{where}: trigger {trig!r} is not in the text (copy the word(s) exactly)"
        for role in ("actor", "recipient"):
            parties = ev.get(role)
            if parties is None:
                continue
            if not isinstance(parties, list) or not all(
                    isinstance(p, list) and len(p) == 3 and (p[0] is None or isinstance(p[0], str))
                    for p in parties):
                return f"{where}: '{role}' must be a list of [span, code, sector] (not {parties!r})"
    return None


def _find(text: str, span: str | None) -> Span | None:
    if not span:
        return None
    i = text.find(span)
    return Span(i, i + len(span)) if i >= 0 else None


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def rules_pipeline(*, open_candidates: bool = True, lexicon: str | None = None) -> Any:
    """The default pipeline cut after the rules' events stage (where the classifier sits),
    proposing open candidates as it does when a classifier follows; ``lexicon``: trigger
    words of one's own (`events.lexicon.load_lexicon`)."""
    from ..pipeline import Pipeline

    base = Pipeline.default(use_classifier=False, lexicon=lexicon)
    stages = base.stages[: base.names.index("events") + 1]
    events = stages[-1]
    events.coder.propose_open = events.propose_open = open_candidates  # same resources as the actors stage
    return Pipeline(stages)


def label_lines(
    lines: Sequence[dict[str, Any]], *, pipeline: Any = None, progress: bool = False,
    same_type_anywhere: bool = True,
) -> list[Labelled]:
    """Run the rules over corpus lines and label every candidate (see the module docstring).

    ``same_type_anywhere=False`` labels by trigger overlap alone (the labels before 2026-12-01).
    """
    import datetime as dt

    from ..document import Document, Failure

    pipeline = pipeline or rules_pipeline()
    docs = []
    for line in lines:
        date = line.get("date")
        docs.append(Document.from_text(
            line["text"], id=str(line["id"]), date=dt.date.fromisoformat(date) if date else None
        ))
    stream: Iterator[Any] = pipeline.pipe(docs, batch_size=64)
    if progress:
        from tqdm import tqdm

        stream = tqdm(stream, total=len(docs), unit="sent", desc="rules over corpus", leave=False)
    out: list[Labelled] = []
    for line, doc in zip(lines, stream):
        text = line["text"]
        golds = []
        for ev in line["events"]:
            trig = _find(text, ev.get("trigger"))
            if trig is not None:
                golds.append((ev, trig))
        covered: set[int] = set()
        if not isinstance(doc, Failure):
            for event in doc.events:
                ex = example_from_event(doc, event)
                sent_start = doc.sentences[event.sentence_index].start
                spans = [Span(t.start - sent_start, t.end - sent_start) for t in event.trigger]
                if ex.sentence != text:  # the parser split the line: re-anchor to the line
                    shift = text.find(ex.sentence)
                    if shift < 0:
                        continue
                    spans = [Span(s.start + shift, s.end + shift) for s in spans]
                    ex = _shift(ex, shift, text)
                match = next(
                    (k for k, (_, trig) in enumerate(golds) if any(_overlap(trig, s) for s in spans)), None
                )
                status = None
                if match is None:
                    # the gold may anchor the same event at another word of the sentence ("arrived
                    # in Hanoi for a three-day visit" with the trigger "arrived"): a candidate of a
                    # type that a gold event of the sentence accepts reports that event
                    same = [ev for ev, _ in golds if event.event in ev["event"]] if same_type_anywhere else []
                    label = event.event if same else NONE
                    if same:
                        status = learned_status(same[0].get("status"))
                else:
                    covered.add(match)
                    accepted = golds[match][0]["event"]
                    label = event.event if event.event in accepted else accepted[0]
                    status = learned_status(golds[match][0].get("status"))
                out.append(Labelled(ex, label, str(line["id"]), True, status))
        for k, (ev, trig) in enumerate(golds):
            if k in covered:
                continue
            source = _find(text, (ev.get("actor") or [[None]])[0][0])
            target = _find(text, (ev.get("recipient") or [[None]])[0][0])
            ex = Example(text, trig, source, target, {"rule_status": ev.get("status")})
            out.append(Labelled(ex, ev["event"][0], str(line["id"]), False, learned_status(ev.get("status"))))
    return out


def _shift(ex: Example, shift: int, text: str) -> Example:
    def mv(s: Span | None) -> Span | None:
        return None if s is None else Span(s.start + shift, s.end + shift)

    return Example(text, mv(ex.trigger), mv(ex.source), mv(ex.target), ex.evidence)


_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "on Sunday", "late Tuesday night", "yesterday": the corpus writers date most events with one
# (59% of the sentences with an event, 14% of those without), news mostly does not
_DAY_PHRASE = re.compile(
    rf"(?:\b(?i:on|late|early|last|this)\s+)?\b{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b(?!['’]s)"
    r"|\b(?i:yesterday|today)\b(?!['’]s)"
)
_END_PUNCT = tuple('.!?"\'”’:;)')


def _drop_day(ex: Example) -> Example | None:
    """The example without its first weekday phrase, or None where there is none to drop
    (or it touches the trigger, source or target)."""
    text = ex.sentence
    spans = [s for s in (ex.trigger, ex.source, ex.target) if s is not None]
    for m in _DAY_PHRASE.finditer(text):
        start, end = m.start(), m.end()
        if start == 0:  # "On Sunday, police arrested ..." -> "Police arrested ..."
            while end < len(text) and text[end] in " ,":
                end += 1
        else:
            while start > 0 and text[start - 1] == " ":
                start -= 1
            if start > 0 and text[start - 1] == "," and text[end:end + 1] == ",":
                start, end = start - 1, end + 1  # "police, on Sunday, said" -> "police said"
        cut = Span(start, end)
        if end >= len(text) or any(_overlap(cut, s) for s in spans):
            continue
        rest = text[end:]
        if start == 0:
            rest = rest[0].upper() + rest[1:]
        new = text[:start] + rest
        d = len(new) - len(text)

        def mv(s: Span | None, at: int = end, delta: int = d) -> Span | None:
            if s is None or s.start < at:
                return s
            return Span(s.start + delta, s.end + delta)

        return Example(new, mv(ex.trigger), mv(ex.source), mv(ex.target), ex.evidence)
    return None


def vary_surface(items: Sequence[Labelled], *, share: float, seed: int) -> list[Labelled]:
    """Copies of some examples with a surface cue of the corpus's writing taken away, so that
    the model does not learn it: the weekday that dates most of the corpus's events goes
    ("... released 300 prisoners on Sunday" -> "... released 300 prisoners"), and a headline
    gets the full stop that codebook sentences and some feeds give headlines."""
    rng = random.Random(seed)
    out = []
    for item in items:
        ex = item.example
        new = _drop_day(ex)
        if new is None and not ex.sentence.rstrip().endswith(_END_PUNCT):
            new = Example(ex.sentence.rstrip() + ".", ex.trigger, ex.source, ex.target, ex.evidence)
        if new is None or rng.random() >= share:
            continue
        out.append(Labelled(new, item.label, item.sentence_id, item.from_rules, item.status))
    return out


def vary_names(items: Sequence[Labelled], names: Sequence[str], *, share: float, seed: int) -> list[Labelled]:
    """Copies of some examples with their source/target replaced by other names, so the
    model learns the structure of a sentence rather than which countries act."""
    rng = random.Random(seed)
    out = []
    for item in items:
        ex = item.example
        spans = [s for s in (ex.source, ex.target) if s is not None]
        if not spans or rng.random() >= share:
            continue
        text, trig, src, tgt = ex.sentence, ex.trigger, ex.source, ex.target
        # replace from the right so earlier offsets stay valid
        for which in sorted(("source", "target"), key=lambda w: -(getattr(ex, w).start if getattr(ex, w) else -1)):
            span = src if which == "source" else tgt
            if span is None or _overlap(span, trig):
                continue
            new = rng.choice(names)
            delta = len(new) - (span.end - span.start)
            text = text[: span.start] + new + text[span.end :]

            def mv(s: Span | None, at: int = span.start, end: int = span.end, d: int = delta) -> Span | None:
                if s is None:
                    return None
                if s.start >= end:
                    return Span(s.start + d, s.end + d)
                if s.start == at:
                    return Span(at, end + d)
                return s

            trig, src, tgt = mv(trig), mv(src), mv(tgt)
        out.append(Labelled(Example(text, trig, src, tgt, ex.evidence), item.label, item.sentence_id,
                            item.from_rules, item.status))
    return out
