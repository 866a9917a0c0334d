"""Scoring event records against human gold labels; returns data, prints nothing.

Two gold formats are recognised from their first line:

``article`` (the seed-article format): one gold event per line with ``quote``,
``event`` (every acceptable PLOVER type), ``actors``, ``recipient``,
``status``, ``date``, ``location`` and ``para``. Each gold event is aligned
with the predicted events whose ``event_text`` (or one of whose
``mentions[].text``, for fused events) contains or overlaps its quote; of
those, the one that agrees on most fields is chosen. Scores per field:

    recall     = gold events whose aligned prediction agrees / gold events the field applies to
    precision  = predictions aligned to a gold event they agree with / predictions the field applies to

so an unaligned (spurious or duplicate) prediction counts against precision; a
prediction aligned only to gold events that say nothing about a field (no status,
no date, no place) is left out of that field's precision, as such a gold event is of its
recall.
Sibling files of ``NAME.gold.jsonl`` are used when present: ``NAME.txt`` (the
text to code when no predictions are given), ``NAME.meta.json`` (its
``publication_date``) and ``NAME.checks.json`` (``must_not_produce`` and
``expected_flags``).

``sentences`` (plv_dev format): one sentence per line with ``sentence``,
``source``, ``target`` and ``gold_root``. Each sentence is coded as its own
document; the prediction whose actor and recipient overlap the source and
target spans (either way round) is chosen, else the most confident one.
Root accuracy counts every sentence (no event is wrong; YIELD accepts CONCEDE
and RETREAT).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest._common import invalid_json

__all__ = ["PRF", "Report", "evaluate", "detect_format", "load_jsonl", "render"]

NONE = "(none)"
YIELD_TYPES = {"CONCEDE", "RETREAT"}
SENTENCE_DATE = dt.date(2020, 1, 1)  # plv sentences have no publication date
CONFIDENCE_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
ASSERTED = {"occurred", "historical"}


@dataclass(slots=True)
class PRF:
    """Precision, recall and F1 from counts (kept, so that they can be summed)."""

    correct_pred: int = 0
    n_pred: int = 0
    correct_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct_pred / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.correct_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "correct_pred": self.correct_pred,
            "n_pred": self.n_pred,
            "correct_gold": self.correct_gold,
            "n_gold": self.n_gold,
        }


@dataclass
class Report:
    """What `evaluate` found. `to_dict()` is the ``--json`` form; `render()` the text form."""

    format: str  # "article" | "sentences"
    gold: str
    n_gold: int
    n_pred: int
    fields: dict[str, PRF] = field(default_factory=dict)
    per_type: dict[str, PRF] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    checks: dict[str, Any] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)  # one per gold line
    source: dict[str, Any] = field(default_factory=dict)  # what was coded, or the pred file

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "gold": self.gold,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "source": self.source,
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "per_type": {k: v.to_dict() for k, v in self.per_type.items()},
            "confusion": self.confusion,
            "checks": self.checks,
            "items": self.items,
        }

    def to_text(self) -> str:
        return render(self)


# --------------------------------------------------------------------------- entry point


def evaluate(
    gold_path: str | Path,
    pred_records: Iterable[Mapping[str, Any]] | str | Path | None = None,
    *,
    text_path: str | Path | None = None,
    date: dt.date | str | None = None,
    pipeline: Any = None,
    n_process: int = 1,
) -> Report:
    """Score predictions (records, or a JSONL path of them) against a gold file.

    Without ``pred_records`` dotterel codes the text itself: the sibling
    ``.txt`` of an article gold file (or ``text_path``), or each sentence of a
    sentence gold file.
    """
    gold_path = Path(gold_path)
    numbered = numbered_jsonl(gold_path)
    if not numbered:
        raise InputError("E110", "the gold file has no lines", source=str(gold_path))
    gold = [line for _, line in numbered]
    kind = detect_format(gold[0], source=str(gold_path))
    check_gold(numbered, kind, gold_path)
    if isinstance(pred_records, (str, Path)):
        preds: list[dict[str, Any]] | None = load_jsonl(Path(pred_records))
        pred_source: dict[str, Any] = {"pred": str(pred_records)}
    elif pred_records is not None:
        preds = [dict(r) for r in pred_records]
        pred_source = {"pred": "<records>"}
    else:
        preds, pred_source = None, {}
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    if kind == "article":
        return _evaluate_article(gold_path, gold, preds, pred_source, text_path, date, pipeline)
    return _evaluate_sentences(gold_path, gold, preds, pred_source, pipeline, n_process)


def detect_format(line: Mapping[str, Any], *, source: str = "gold") -> str:
    if "sentence" in line and "gold_root" in line:
        return "sentences"
    if "quote" in line and "event" in line:
        return "article"
    corpus = " (text/events: the corpus format of `dotterel train`; add --corpus)" if (
        "text" in line and "events" in line) else ""
    raise InputError(
        "E111",
        "unknown gold format: expected lines with quote/event/actors (article) "
        f"or sentence/source/target/gold_root (sentences){corpus}",
        source=source,
    )


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [obj for _, obj in numbered_jsonl(path)]


def numbered_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The objects of a JSONL file with their line numbers (blank lines skipped), so that a
    bad line can be named; a line that is not a JSON object is E104."""
    if not path.is_file():
        raise InputError("E101", "no such file", source=str(path))
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError("E104", invalid_json(exc), source=f"{path}:{n}") from exc
            if not isinstance(obj, dict):
                raise InputError("E104", f"not a JSON object: {_shown(obj)}", source=f"{path}:{n}")
            out.append((n, obj))
    return out


def _strings(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _place(v: Any) -> bool:
    return isinstance(v, dict) and isinstance(v.get("place") or "", str) and isinstance(v.get("country") or "", str)


_STRING = (lambda v: isinstance(v, str), "a string")
_STRINGS = (_strings, "a list of strings")

#: what the scoring reads of a gold line, per format: field -> (required, test, what it must be)
GOLD_FIELDS: dict[str, dict[str, tuple[bool, Any, str]]] = {
    "article": {
        "id": (True, *_STRING),
        "quote": (True, *_STRING),
        "event": (True, _strings, "a list of PLOVER types"),
        "actors": (False, *_STRINGS),
        "recipient": (False, *_STRINGS),
        "status": (False, *_STRING),
        "date": (False, *_STRING),
        "location": (False, _place, 'an object {"country": ..., "place": ...}'),
        "context": (False, *_STRINGS),
        "also": (False, *_STRINGS),
        "sectors": (False, lambda v: isinstance(v, dict), "an object"),
    },
    "sentences": {
        "id": (True, lambda v: isinstance(v, (str, int)) and not isinstance(v, bool), "a string or a number"),
        "sentence": (True, *_STRING),
        "source": (False, *_STRING),
        "target": (False, *_STRING),
        "gold_root": (True, *_STRING),
    },
}


def check_gold(lines: Iterable[tuple[int, Mapping[str, Any]]], kind: str, path: Path | str,
               *, optional: tuple[str, ...] = ()) -> None:
    """Every field the scoring reads has the type it needs: a malformed gold line is one clear
    error (E111) naming the file, the line and the field, not a traceback from deep in the
    scoring, nor (a string where a list of types belongs) a silently wrong score. `optional`:
    fields this caller does not need although the format requires them."""
    for n, line in lines:
        for name, (required, ok, what) in GOLD_FIELDS[kind].items():
            value = line.get(name)
            if value is None:
                if required and name not in optional:
                    raise InputError("E111", f"missing `{name}` ({what})", source=f"{path}:{n}")
            elif not ok(value):
                raise InputError("E111", f"`{name}` must be {what}, not {_shown(value)}", source=f"{path}:{n}")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def json_object(path: Path) -> dict[str, Any]:
    """A sibling JSON file (NAME.meta.json, NAME.checks.json) as a dict, {} when absent; one
    that is not a JSON object is E104, naming the file."""
    if not path.is_file():
        return {}
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError("E104", f"invalid JSON ({exc.msg} at line {exc.lineno})", source=str(path)) from None
    if not isinstance(obj, dict):
        raise InputError("E104", f"not a JSON object: {_shown(obj)}", source=str(path))
    return obj


def publication_date(meta: Mapping[str, Any], path: Path | str) -> dt.date | None:
    """The ``publication_date`` of a NAME.meta.json (None when absent or null); one that is
    not YYYY-MM-DD is E106, naming the file, as a bad date of a JSONL line is."""
    value = meta.get("publication_date")
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError("E106", f"bad `publication_date` {_shown(value)}; expected YYYY-MM-DD",
                         source=str(path)) from None


# --------------------------------------------------------------------------- text matching


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).lower()
    return re.findall(r"\w+", text)


def _joined(text: str) -> str:
    return " " + " ".join(_tokens(text)) + " "


def text_overlaps(quote: str, sentence: str) -> bool:
    """The gold quote lies in the sentence (or the sentence in the quote, or 80% of its words)."""
    q, s = _joined(quote), _joined(sentence)
    if not q.strip() or not s.strip():
        return False
    if q in s:
        return True
    if len(s.split()) >= 4 and s in q:
        return True
    qt = set(q.split())
    return len(qt) >= 3 and len(qt & set(s.split())) / len(qt) >= 0.8


def _texts_of(record: Mapping[str, Any]) -> list[str]:
    texts = [record.get("event_text") or ""]
    texts += [m.get("text", "") for m in record.get("mentions") or []]
    return [t for t in texts if t]


# --------------------------------------------------------------------------- article format


def _codes(entities: Iterable[Mapping[str, Any]] | None) -> set[str]:
    return {e["code"] for e in entities or [] if e.get("code")}


def _alpha3(code: str | None) -> str | None:
    if not code:
        return None
    code = code.upper()
    if len(code) == 2:
        try:
            import pycountry

            country = pycountry.countries.get(alpha_2=code)
            return country.alpha_3 if country else code
        except ImportError:  # pragma: no cover - pycountry is a dependency
            return code
    return code


ARTICLE_FIELDS = (
    "type", "actor", "recipient", "countries", "direction", "status", "date", "location",
    "mode", "context",
)


def _agreement(g: Mapping[str, Any], p: Mapping[str, Any]) -> dict[str, bool | None]:
    """Per field: does prediction p agree with gold g (None: the field does not apply)."""
    ga, gr = set(g.get("actors") or []), set(g.get("recipient") or [])
    pa, pr = _codes(p.get("actor")), _codes(p.get("recipient"))
    out: dict[str, bool | None] = {
        "type": p.get("event") in (g.get("event") or []),
        "actor": pa == ga,
        "recipient": pr == gr,
        "countries": (pa | pr) == (ga | gr),
        "direction": None,
        "status": None,
        "date": None,
        "location": None,
        "mode": None,
        "context": None,
    }
    if g.get("status"):  # a gold event silent on status leaves it out, like date and place
        out["status"] = p.get("status") == g["status"]
    if gr:
        out["direction"] = bool(pa & ga) and bool(pr & gr) and not (pa & gr)
    if g.get("date"):
        out["date"] = _date_within(p.get("date"), g["date"])
    loc = g.get("location")
    if loc:
        ploc = p.get("event_loc") or {}
        ok = _alpha3(ploc.get("country_code")) == loc.get("country")
        if ok and loc.get("place"):
            names = {(ploc.get("name") or "").lower(), (ploc.get("text") or "").lower()}
            ok = loc["place"].lower() in names
        out["location"] = ok
    if g.get("mode"):
        out["mode"] = p.get("mode") == g["mode"]
    if g.get("context"):
        out["context"] = set(g["context"]) <= set(p.get("context") or [])
    return out


def _date_within(pred: str | None, gold: str) -> bool:
    """A predicted date is right when it names the gold period or lies inside it: gold
    "2024-09" accepts "2024-09", "2024-09-23" and the range "2024-09-23/2024-09-29"."""
    if not pred:
        return False
    if pred == gold:
        return True
    return all(part.startswith(gold) for part in pred.split("/"))


def _pred_applies(fld: str, p: Mapping[str, Any]) -> bool:
    if fld == "direction":
        return bool(_codes(p.get("recipient")))
    if fld == "date":
        return bool(p.get("date"))
    if fld == "location":
        return bool(p.get("event_loc"))
    if fld == "mode":
        return bool(p.get("mode"))
    if fld == "context":
        return bool(p.get("context"))
    return True


_WEIGHTS = {"type": 3, "countries": 2}


def _agreement_score(agree: Mapping[str, bool | None], p: Mapping[str, Any]) -> tuple[float, float]:
    score = sum(_WEIGHTS.get(k, 1) for k, v in agree.items() if v)
    return score, float(p.get("confidence") or 0.0)


def _sibling(gold_path: Path, suffix: str) -> Path:
    stem = gold_path.name
    for ending in (".jsonl", ".gold"):
        if stem.endswith(ending):
            stem = stem[: -len(ending)]
    return gold_path.with_name(stem + suffix)


def _duplicate_groups(gold: list[dict[str, Any]]) -> list[list[str]]:
    """Gold events that are one real-world event: ``same_as``/``duplicate_of`` or a note naming ids."""
    ids = {g["id"] for g in gold}
    parent = {i: i for i in ids}

    def find(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    for g in gold:
        others: list[str] = []
        for key in ("same_as", "duplicate_of", "duplicates"):
            v = g.get(key)
            others += [v] if isinstance(v, str) else list(v or [])
        note = g.get("note") or ""
        if re.search(r"(?i)duplicate|same (?:real-world )?(?:event|meeting)", note):
            others += [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", note)]
        for o in others:
            if o in ids and o != g["id"]:
                parent[find(o)] = find(g["id"])
    groups: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        groups[find(g["id"])].append(g["id"])
    return [sorted(v) for v in groups.values() if len(v) > 1]


def _code_article(text_path: Path, date: dt.date | None, meta: dict[str, Any], pipeline: Any):
    from .api import extract
    from .document import Document, Failure

    text = text_path.read_text(encoding="utf-8")
    doc = Document.from_text(
        text, date=date, title=meta.get("title"), publisher=meta.get("publisher"),
        source=str(text_path),
    )
    records: list[dict[str, Any]] = []
    doc_flags: list[dict[str, Any]] = []
    kinds: list[tuple[str, str]] = []
    for item, recs in extract([doc], pipeline=pipeline):
        if isinstance(item, Failure):
            raise InputError("E112", f"coding failed: {item.reason}", source=str(text_path))
        records += recs
        doc_flags += list(item.flags)
        kinds = [(item.sentence_text(s.index), s.kind) for s in item.sentences]
    return records, doc_flags, kinds


def _evaluate_article(gold_path, gold, preds, pred_source, text_path, date, pipeline) -> Report:
    checks_path = _sibling(gold_path, ".checks.json")
    checks_spec = json_object(checks_path)
    doc_flags: list[dict[str, Any]] = []
    sentence_kinds: list[tuple[str, str]] | None = None
    if preds is None:
        text_path = Path(text_path) if text_path else _sibling(gold_path, ".txt")
        if not text_path.is_file():
            raise InputError(
                "E101",
                f"no text to code ({text_path.name} not found); give --text PATH or --pred PRED.jsonl",
                source=str(gold_path),
            )
        meta_path = _sibling(gold_path, ".meta.json")
        meta = json_object(meta_path)
        if date is None:
            date = publication_date(meta, meta_path)
        preds, doc_flags, sentence_kinds = _code_article(text_path, date, meta, pipeline)
        pred_source = {"text": str(text_path), "date": date.isoformat() if date else None}
    pred_ids = [p.get("id") or f"pred-{i}" for i, p in enumerate(preds)]

    # align every gold event with its best-agreeing candidate
    items: list[dict[str, Any]] = []
    aligned: dict[int, list[tuple[dict[str, Any], dict[str, bool | None]]]] = defaultdict(list)
    candidates_of: dict[str, list[int]] = {}
    for g in gold:
        cands = [i for i, p in enumerate(preds) if any(text_overlaps(g["quote"], t) for t in _texts_of(p))]
        candidates_of[g["id"]] = cands
        best, best_agree, best_score = None, None, None
        for i in cands:
            agree = _agreement(g, preds[i])
            score = _agreement_score(agree, preds[i])
            if best_score is None or score > best_score:
                best, best_agree, best_score = i, agree, score
        if best is not None:
            aligned[best].append((g, best_agree))
        items.append({
            "id": g["id"],
            "gold_event": list(g.get("event") or []),
            "pred": pred_ids[best] if best is not None else None,
            "pred_event": preds[best].get("event") if best is not None else None,
            "pred_status": preds[best].get("status") if best is not None else None,
            "pred_codes": (
                [sorted(_codes(preds[best].get("actor"))), sorted(_codes(preds[best].get("recipient")))]
                if best is not None else None
            ),
            "agree": best_agree or {},
            "candidates": len(cands),
        })

    fields = {f: PRF() for f in ARTICLE_FIELDS}
    by_id = {g["id"]: g for g in gold}
    for item in items:
        g = by_id[item["id"]]
        empty = _agreement(g, {})
        for f in ARTICLE_FIELDS:
            if empty[f] is None:  # not applicable to this gold event
                continue
            fields[f].n_gold += 1
            fields[f].correct_gold += int(bool(item["agree"].get(f)))
    for i, p in enumerate(preds):
        for f in ARTICLE_FIELDS:
            if not _pred_applies(f, p):
                continue
            verdicts = [a.get(f) for _, a in aligned.get(i, [])]
            if verdicts and all(v is None for v in verdicts):
                continue  # aligned, but the gold says nothing about this field
            fields[f].n_pred += 1
            fields[f].correct_pred += int(any(verdicts))

    # confusion: the gold row is the predicted type when it is accepted, else the first accepted
    confusion: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        col = item["pred_event"] or NONE
        accepted = item["gold_event"]
        row = col if col in accepted else (accepted[0] if accepted else NONE)
        confusion[row][col] += 1
    for i, p in enumerate(preds):
        if i not in aligned:
            confusion[NONE][p.get("event") or NONE] += 1

    # the check figures
    found = [it["id"] for it in items if it["agree"].get("type") and it["agree"].get("countries")]
    with_status = [i for i in found if by_id[i].get("status")]  # the gold says which status
    status_ok = [i for i in with_status if next(it for it in items if it["id"] == i)["agree"].get("status")]
    item_by_id = {it["id"]: it for it in items}
    duplicates = []
    for group in _duplicate_groups(gold):
        matched = {gid: item_by_id[gid]["pred"] for gid in group}
        distinct = {v for v in matched.values() if v is not None}
        duplicates.append({
            "gold": group,
            "matched_by": matched,
            "one_event": len(distinct) == 1 and all(v is not None for v in matched.values()),
        })
    checks: dict[str, Any] = {
        "found": {"n": len(found), "of": len(gold), "ids": found},
        "status_among_found": {
            "correct": len(status_ok), "of": len(with_status),
            "accuracy": _round(len(status_ok) / len(with_status)) if with_status else None,
        },
        "duplicates": duplicates,
    }
    if checks_spec:
        checks["must_not_produce"] = _must_not_produce(
            checks_spec, preds, by_id, candidates_of, sentence_kinds
        )
        checks["expected_flags"] = _expected_flags(checks_spec, preds, doc_flags)
    return Report(
        format="article",
        gold=str(gold_path),
        n_gold=len(gold),
        n_pred=len(preds),
        fields=fields,
        per_type=_per_type({r: dict(c) for r, c in confusion.items()}),
        confusion={r: dict(c) for r, c in sorted(confusion.items())},
        checks=checks,
        items=items,
        source=pred_source,
    )


def _must_not_produce(spec, preds, gold_by_id, candidates_of, sentence_kinds=None) -> list[dict[str, Any]]:
    """Violations of each rule; when dotterel coded the text, also whether the segmenter
    kept every forbidden text out of the body (``segmented_out``), events or not."""
    out = []
    for rule in spec.get("must_not_produce", []):
        violations = []
        segmented: list[bool] = []
        for text in rule.get("texts", []) if sentence_kinds is not None else []:
            forbidden = _joined(text)
            pieces = [k for t, k in sentence_kinds if _joined(t) in forbidden or forbidden in _joined(t)]
            segmented.append(bool(pieces) and all(k != "body" for k in pieces))
        for text in rule.get("texts", []):
            forbidden = _joined(text)
            for p in preds:
                et = p.get("event_text") or ""
                if _joined(et) in forbidden or et.strip().startswith(text.strip() + "\n"):
                    violations.append({"text": text, "event": p.get("event"), "event_text": et})
        if rule.get("event_id"):
            gid = rule["event_id"]
            g = gold_by_id.get(gid)
            if g is not None:
                for i in candidates_of.get(gid, []):
                    p = preds[i]
                    if p.get("event") in (g.get("event") or []) and p.get("status") in ASSERTED:
                        violations.append({
                            "event_id": gid, "event": p.get("event"), "status": p.get("status"),
                            "event_text": p.get("event_text"),
                        })
        entry = {
            "why": rule.get("why", ""),
            "what": rule.get("event_id") or rule.get("texts"),
            "ok": not violations,
            "violations": violations,
        }
        if segmented:
            entry["segmented_out"] = {"n": sum(segmented), "of": len(segmented)}
        out.append(entry)
    return out


def _flag_strings(flag: Mapping[str, Any]) -> list[str]:
    return [v for k, v in flag.items() if k != "kind" and isinstance(v, str) and len(v) >= 3]


def _expected_flags(spec, preds, doc_flags) -> list[dict[str, Any]]:
    pool: list[tuple[dict[str, Any], str]] = [(f, "") for f in doc_flags]
    for p in preds:
        pool += [(f, p.get("event_text") or "") for f in p.get("flags") or []]
    out = []
    for exp in spec.get("expected_flags", []):
        want = _joined(exp.get("text", ""))
        hit = False
        for flag, event_text in pool:
            if flag.get("kind") != exp.get("kind"):
                continue
            strings = _flag_strings(flag)
            if any(_joined(s) in want or want in _joined(s) for s in strings) or (
                event_text and want in _joined(event_text)
            ):
                hit = True
                break
        out.append({"kind": exp.get("kind"), "text": exp.get("text"), "found": hit})
    return out


# --------------------------------------------------------------------------- sentence format


def _find_span(sentence: str, span: str | None) -> tuple[int, int] | None:
    if not span:
        return None
    i = sentence.find(span)
    if i < 0:
        i = sentence.lower().find(span.lower())
    return (i, i + len(span)) if i >= 0 else None


def _entity_overlaps(e: Mapping[str, Any], span_text: str, span: tuple[int, int] | None) -> bool:
    if span is not None and e.get("start") is not None and e.get("end") is not None:
        return e["start"] < span[1] and span[0] < e["end"]
    a, b = _joined(e.get("text") or ""), _joined(span_text or "")
    return bool(a.strip()) and bool(b.strip()) and (a in b or b in a)


def _role_overlaps(entities, span_text, span) -> bool:
    return any(_entity_overlaps(e, span_text, span) for e in entities or [])


def _root(event: str | None) -> str:
    if not event:
        return NONE
    return "YIELD" if event in YIELD_TYPES else event


def _code_sentences(gold, pipeline, n_process) -> list[dict[str, Any]]:
    from .api import extract
    from .document import Document

    docs = (Document.from_text(g["sentence"], id=str(g["id"]), date=SENTENCE_DATE) for g in gold)
    records: list[dict[str, Any]] = []
    for _item, recs in extract(docs, pipeline=pipeline, n_process=n_process, batch_size=64):
        records += recs
    return records


def _evaluate_sentences(gold_path, gold, preds, pred_source, pipeline, n_process) -> Report:
    if preds is None:
        preds = _code_sentences(gold, pipeline, n_process)
        pred_source = {"coded": "each sentence as its own document", "date": SENTENCE_DATE.isoformat()}
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in preds:
        by_doc[str(p.get("doc_id"))].append(p)

    items = []
    confusion: dict[str, Counter] = defaultdict(Counter)
    n_root = n_with_event = n_args = n_direct = 0
    quad_ok = quad_n = 0
    bins = [{"min": lo, "max": hi, "n": 0, "correct": 0} for lo, hi in zip(CONFIDENCE_BINS, CONFIDENCE_BINS[1:])]
    for g in gold:
        sentence = g["sentence"]
        src, tgt = g.get("source") or "", g.get("target") or ""
        s_span, t_span = _find_span(sentence, src), _find_span(sentence, tgt)
        cands = by_doc.get(str(g["id"]), [])
        matched = []
        for p in cands:
            actors, recipients = p.get("actor") or [], p.get("recipient") or []
            if not recipients and len(actors) > 1:
                # a reciprocal event (PLOVER: all parties are actors): the first actor is the
                # grammatical subject, the others its partners
                first, others = actors[:1], actors[1:]
                direct = _role_overlaps(first, src, s_span) and _role_overlaps(others, tgt, t_span)
                swapped = _role_overlaps(first, tgt, t_span) and _role_overlaps(others, src, s_span)
            else:
                direct = _role_overlaps(actors, src, s_span) and _role_overlaps(recipients, tgt, t_span)
                swapped = _role_overlaps(actors, tgt, t_span) and _role_overlaps(recipients, src, s_span)
            if direct or swapped:
                matched.append((p, direct))
        chosen, direct = None, None
        if matched:
            chosen, direct = max(matched, key=lambda pd: float(pd[0].get("confidence") or 0))
        elif cands:
            chosen = max(cands, key=lambda p: float(p.get("confidence") or 0))
        pred_root = _root(chosen.get("event") if chosen else None)
        ok = pred_root == g["gold_root"]
        n_root += ok
        if chosen is not None:
            n_with_event += 1
            conf = float(chosen.get("confidence") or 0)
            for b in bins:
                if b["min"] <= conf < b["max"] or (b["max"] == 1.0 and conf == 1.0):
                    b["n"] += 1
                    b["correct"] += ok
                    break
            if g.get("gold_penta") is not None and chosen.get("quad_code") is not None:
                quad_n += 1
                quad_ok += chosen["quad_code"] == g["gold_penta"]
        if direct is not None:
            n_args += 1
            n_direct += bool(direct)
        confusion[g["gold_root"]][pred_root] += 1
        items.append({
            "id": g["id"], "gold_root": g["gold_root"], "pred_root": pred_root, "correct": ok,
            "args_matched": direct is not None, "direction_ok": direct,
            "confidence": chosen.get("confidence") if chosen else None,
        })
    n = len(gold)
    for b in bins:
        b["accuracy"] = _round(b["correct"] / b["n"]) if b["n"] else None
    accs = [b["accuracy"] for b in bins if b["n"]]
    root = PRF(correct_pred=n_root, n_pred=n_with_event, correct_gold=n_root, n_gold=n)
    direction = PRF(correct_pred=n_direct, n_pred=n_args, correct_gold=n_direct, n_gold=n)
    conf_plain = {r: dict(c) for r, c in sorted(confusion.items())}
    checks = {
        "root_accuracy": {"correct": n_root, "of": n, "accuracy": _round(n_root / n)},
        "direction_accuracy": {
            "correct": n_direct, "of": n_args, "accuracy": _round(n_direct / n_args) if n_args else None,
        },
        "coverage": {"with_event": n_with_event, "of": n, "rate": _round(n_with_event / n)},
        "args_matched": {"n": n_args, "of": n, "rate": _round(n_args / n)},
        "quad_accuracy": {"correct": quad_ok, "of": quad_n, "accuracy": _round(quad_ok / quad_n) if quad_n else None},
        "by_confidence": bins,
        "confidence_monotone": all(a <= b for a, b in zip(accs, accs[1:])) if len(accs) > 1 else None,
    }
    return Report(
        format="sentences",
        gold=str(gold_path),
        n_gold=n,
        n_pred=len(preds),
        fields={"root": root, "direction": direction},
        per_type=_per_type(conf_plain),
        confusion=conf_plain,
        checks=checks,
        items=items,
        source=pred_source,
    )


# --------------------------------------------------------------------------- shared


def _per_type(confusion: Mapping[str, Mapping[str, int]]) -> dict[str, PRF]:
    types = sorted({*confusion, *(c for row in confusion.values() for c in row)} - {NONE})
    out = {}
    for t in types:
        tp = confusion.get(t, {}).get(t, 0)
        n_pred = sum(row.get(t, 0) for r, row in confusion.items())
        n_gold = sum(confusion.get(t, {}).values())
        out[t] = PRF(correct_pred=tp, n_pred=n_pred, correct_gold=tp, n_gold=n_gold)
    return out


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


# --------------------------------------------------------------------------- text form


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def _table(rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    right = right or set()
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  " + "  ".join(cells).rstrip())
        if k == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return lines


def _prf_rows(prfs: Mapping[str, PRF], label: str) -> list[str]:
    rows = [[label, "P", "R", "F1", "pred ok/n", "gold ok/n"]]
    for name, s in prfs.items():
        rows.append([
            name, _pct(s.precision), _pct(s.recall), _pct(s.f1),
            f"{s.correct_pred}/{s.n_pred}", f"{s.correct_gold}/{s.n_gold}",
        ])
    return _table(rows, right={1, 2, 3, 4, 5})


def _confusion_rows(confusion: Mapping[str, Mapping[str, int]]) -> list[str]:
    if not confusion:
        return ["  (empty)"]
    cols = sorted({c for row in confusion.values() for c in row}, key=lambda c: (c == NONE, c))
    rows = [["gold \\ pred"] + cols]
    for r in sorted(confusion, key=lambda c: (c == NONE, c)):
        rows.append([r] + [str(confusion[r].get(c, "")) or "." for c in cols])
    return _table(rows, right=set(range(1, len(cols) + 1)))


def render(report: Report) -> str:
    """The report as readable text (what ``dotterel eval`` prints without --json)."""
    L: list[str] = []
    src = ", ".join(f"{k}={v}" for k, v in report.source.items())
    L.append(f"dotterel eval — {report.format} gold: {report.gold}")
    L.append(f"  {report.n_gold} gold items, {report.n_pred} predicted events" + (f" ({src})" if src else ""))
    L.append("")
    c = report.checks
    if report.format == "article":
        f = c["found"]
        s = c["status_among_found"]
        L.append(f"Found (accepted type and right countries): {f['n']} of {f['of']}")
        L.append(f"Status right among found: {s['correct']} of {s['of']}")
        for d in c["duplicates"]:
            verdict = "one event" if d["one_event"] else "NOT one event"
            matched = ", ".join(f"{k}->{v or '-'}" for k, v in d["matched_by"].items())
            L.append(f"Duplicates {'/'.join(d['gold'])}: {verdict} ({matched})")
        for rule in c.get("must_not_produce", []):
            what = rule["what"] if isinstance(rule["what"], str) else f"{len(rule['what'])} texts"
            seg = rule.get("segmented_out")
            L.append(
                f"Must not produce ({rule['why']}; {what}): "
                + ("ok" if rule["ok"] else f"{len(rule['violations'])} VIOLATION(S)")
                + (f"; not body text: {seg['n']}/{seg['of']}" if seg else "")
            )
            for v in rule["violations"][:5]:
                L.append(f"    {v.get('event')} {v.get('status', '')}: {(v.get('event_text') or '')[:70]!r}")
        flags = c.get("expected_flags", [])
        if flags:
            L.append(f"Expected flags found: {sum(x['found'] for x in flags)} of {len(flags)}")
            for x in flags:
                L.append(f"    [{'x' if x['found'] else ' '}] {x['kind']}: {x['text'][:60]}")
        L.append("")
        L.append("Fields (recall over gold events the field applies to; precision over predictions):")
        L += _prf_rows(report.fields, "field")
        L.append("")
        L.append("Gold events:")
        rows = [["id", "gold types", "predicted", "status", "codes (actor | recipient)", "wrong fields"]]
        for it in report.items:
            wrong = [k for k, v in it["agree"].items() if v is False]
            codes = "-" if not it["pred_codes"] else (
                ",".join(it["pred_codes"][0]) + " | " + ",".join(it["pred_codes"][1])
            )
            rows.append([
                it["id"], "/".join(it["gold_event"]), it["pred_event"] or "(missed)",
                it["pred_status"] or "-", codes, ",".join(wrong) if it["pred"] else "-",
            ])
        L += _table(rows)
    else:
        r, d, cov = c["root_accuracy"], c["direction_accuracy"], c["coverage"]
        L.append(f"Root accuracy (all sentences; no event = wrong): {_pct(r['accuracy']).strip()} ({r['correct']}/{r['of']})")
        L.append(f"Direction accuracy (where both arguments matched): {_pct(d['accuracy']).strip()} ({d['correct']}/{d['of']})")
        L.append(f"Coverage (sentences with an event): {_pct(cov['rate']).strip()} ({cov['with_event']}/{cov['of']})")
        am = c["args_matched"]
        L.append(f"Arguments matched source and target: {_pct(am['rate']).strip()} ({am['n']}/{am['of']})")
        q = c["quad_accuracy"]
        L.append(f"Quad class accuracy (chosen events): {_pct(q['accuracy']).strip()} ({q['correct']}/{q['of']})")
        L.append("")
        L.append("Precision by confidence:")
        rows = [["confidence", "events", "correct", "precision"]]
        for b in c["by_confidence"]:
            rows.append([f"{b['min']:.1f}-{b['max']:.1f}", str(b["n"]), str(b["correct"]), _pct(b["accuracy"])])
        L += _table(rows, right={1, 2, 3})
        mono = c["confidence_monotone"]
        L.append("  higher confidence, higher precision: " + ("-" if mono is None else ("yes" if mono else "NO")))
    L.append("")
    L.append("Per event type:")
    L += _prf_rows(report.per_type, "type")
    L.append("")
    L.append("Confusion (rows gold, columns predicted):")
    L += _confusion_rows(report.confusion)
    return "\n".join(L) + "\n"


def report_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=_jsonable)


def _jsonable(o: Any) -> Any:
    if isinstance(o, (dt.date, Path)):
        return str(o)
    if hasattr(o, "__dataclass_fields__"):
        return asdict(o)
    raise TypeError(type(o).__name__)
