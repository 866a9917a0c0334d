"""Score dotterel on whole folders of annotated news articles, and on the project's corpus.

A *news folder* (the layout of ``../shared/eval/news_dev``) holds, per article NAME,
``NAME.txt``, ``NAME.meta.json`` (``publication_date`` may be null), ``NAME.gold.jsonl``
(EXHAUSTIVE: every event of the article, so a record that matches none is a false event)
and ``NAME.notes.json`` (``{"political": true|false}``).

The rules (the folder's README states them; this module is their one implementation):

- a record *aligns* with a gold event when its sentence (``event_text``, or the text of one
  of a fused record's ``mentions``) contains the gold ``quote`` or one of its ``also``
  quotes (case-, dash- and quote-insensitive), or shares 80% of the quote's words;
- type precision = records aligned to a gold event whose ``event`` list holds the record's
  type, over all records; type recall = gold events with such a record, over all gold events;
- full precision/recall: the same, where also every gold actor and recipient code appears
  among the record's codes and, when gold has actors, one of them is among the record's
  actors;
- status: among gold events found (by type) that give a status, the share with a record of
  the same status (gold ``historical`` accepts ``occurred`` when the article has no
  publication date);
- records from articles marked non-political are counted apart (they are all false);
- sector: among the parties of type-right records whose country (or IGO) code a gold event
  of that type names, the share whose sector is the one the gold gives that code (``sectors``
  of a news gold line, "JUD/GOV" accepting either; the corpus's party triples).

The *corpus* (``corpus/``, see its GUIDE.md) is scored by the same rules, each line being a
one-sentence article whose gold quote is the whole sentence: every record of the line aligns
with its gold events, also one from a part of it that the coder read as a sentence of its
own (a headline's clauses either side of a semicolon, a line the segmenter split).
Consecutive lines that share an ``article`` id are one whole article instead, coded as one
document (its lines as paragraphs; a first line of register ``headline`` is the document's
title, which the coder does not read, so its events are not scored): each line's events align
by the news rule (the record's sentence holds the line, or shares 80% of its words), and an
article without any event is non-political.

Calibration: records are binned by ``confidence``; the expected calibration error (ECE) is
the weighted mean gap between confidence and type precision per bin.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest._common import language_code
from .evaluate import check_gold, json_object, numbered_jsonl, publication_date, text_overlaps

__all__ = [
    "Article",
    "NewsReport",
    "load_news_folder",
    "load_corpus",
    "score_articles",
    "record_outcomes",
    "calibration",
    "evaluate_news",
    "render_news",
]


@dataclass(slots=True)
class Article:
    """One scored unit: a text, its publication date and its exhaustive gold events."""

    id: str
    text: str
    date: dt.date | None
    gold: list[dict[str, Any]]
    political: bool = True
    source: str | None = None
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    language: str = "en"


@dataclass
class NewsReport:
    name: str
    n_articles: int
    n_gold: int
    n_records: int
    type_p: float | None
    type_r: float | None
    full_p: float | None
    full_r: float | None
    status: float | None
    status_n: int
    nonpolitical_records: int
    nonpolitical_articles: int
    # among the events found that the gold places in a country: event_loc names that country
    location: float | None = None
    location_n: int = 0
    # among coded parties of type-right records that the gold names: the sector the gold gives
    sector: float | None = None
    sector_n: int = 0
    per_type: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    calibration: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def type_f1(self) -> float | None:
        return _f1(self.type_p, self.type_r)

    @property
    def full_f1(self) -> float | None:
        return _f1(self.full_p, self.full_r)

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "errors"}
        out["type_f1"] = self.type_f1
        out["full_f1"] = self.full_f1
        return out


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None if p is None or r is None else 0.0
    return 2 * p * r / (p + r)


# --------------------------------------------------------------------------- loading


def load_news_folder(path: str | Path) -> list[Article]:
    """Read a news folder (NAME.txt + NAME.gold.jsonl [+ .meta.json, .notes.json])."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError("E101", "no such folder", source=str(folder))
    articles = []
    for gold_path in sorted(folder.glob("*.gold.jsonl")):
        name = gold_path.name[: -len(".gold.jsonl")]
        text_path = folder / f"{name}.txt"
        if not text_path.is_file():
            raise InputError("E101", f"{name}.txt not found beside its gold file", source=str(gold_path))
        meta = json_object(folder / f"{name}.meta.json")
        notes = json_object(folder / f"{name}.notes.json")
        numbered = numbered_jsonl(gold_path)
        check_gold(numbered, "article", gold_path, optional=("id",))
        gold = [line for _, line in numbered]
        articles.append(Article(
            id=name,
            text=text_path.read_text(encoding="utf-8"),
            date=publication_date(meta, folder / f"{name}.meta.json"),
            gold=gold,
            political=bool(notes.get("political", True)),
            source=str(text_path),
            url=meta.get("url"),
            publisher=meta.get("publisher"),
            title=meta.get("title"),
            language=language_code(meta.get("language")),
        ))
    if not articles:
        raise InputError("E110", "no NAME.gold.jsonl files in the folder", source=str(folder))
    return articles


def corpus_gold(line: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The events of one corpus line in the news-gold shape (quote = the whole sentence)."""
    out = []
    for n, ev in enumerate(line.get("events") or [], 1):
        out.append({
            "id": f"{line['id']}#{n}",
            "quote": line["text"],
            "also": [],
            "event": list(ev["event"]),
            "actors": [p[1] for p in ev.get("actor") or [] if p[1]],
            "recipient": [p[1] for p in ev.get("recipient") or [] if p[1]],
            "sectors": _corpus_sectors(ev),
            "status": ev.get("status"),
            "trigger": ev.get("trigger"),
            "whole_line": True,  # every record of the line is from its one sentence
        })
    return out


def _corpus_sectors(ev: Mapping[str, Any]) -> dict[str, str]:
    """code -> its sectors ("JUD/GOV" for two), from a corpus event's [text, code, sector] parties."""
    out: dict[str, list[str]] = {}
    for p in (ev.get("actor") or []) + (ev.get("recipient") or []):
        if len(p) > 2 and p[1] and p[2] and p[2] not in out.setdefault(p[1], []):
            out[p[1]].append(p[2])
    return {code: "/".join(secs) for code, secs in out.items() if secs}


def _sector_right(typed: Sequence[Mapping[str, Any]], record: Mapping[str, Any]) -> tuple[int, int]:
    """(parties the gold gives a sector, of them with that sector) among a record's coded parties."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for g in typed:
        for code, secs in (g.get("sectors") or {}).items():
            wanted[code] |= set(str(secs).split("/"))
    n = ok = 0
    for e in (record.get("actor") or []) + (record.get("recipient") or []):
        if e.get("code") in wanted:
            n += 1
            ok += e.get("sector") in wanted[e["code"]]
    return n, ok


def load_corpus(paths: Iterable[str | Path]) -> list[Article]:
    """Read corpus JSONL files (corpus/GUIDE.md) as one-sentence articles; consecutive lines
    that share an ``article`` id are one whole article (its lines joined as paragraphs, a
    first headline line as its title, each body line's events aligned by its text), and a
    whole article without any event is scored as non-political (its records are all false,
    counted apart)."""
    from .classifier.corpus import read_lines

    articles: list[Article] = []
    seen: dict[str, Path] = {}
    for path in map(Path, paths):
        for article_id, group in groupby(read_lines([path]), key=lambda line: line.get("article")):
            lines = list(group)
            new = ([_whole_article(str(article_id), lines, path)] if article_id
                   else [_sentence_article(line, path) for line in lines])
            for art in new:
                # records are scored by their document's id: two articles under one id would mix
                if art.id in seen:
                    raise InputError("E113", f"id {art.id!r} names two articles (first in {seen[art.id]}); give each "
                                     "line its own id and keep an article's lines together", source=str(path))
                seen[art.id] = path
            articles += new
    return articles


def _date(line: Mapping[str, Any]) -> dt.date | None:
    return dt.date.fromisoformat(line["date"]) if line.get("date") else None


def _sentence_article(line: Mapping[str, Any], path: Path) -> Article:
    return Article(id=str(line["id"]), text=line["text"], date=_date(line), gold=corpus_gold(line),
                   political=True, source=str(path))


def _whole_article(article_id: str, lines: list[dict[str, Any]], path: Path) -> Article:
    # a headline first is the article's title, as in a news folder (NAME.meta.json): the
    # coder reads the body, and the title's own events are not scored
    title = lines[0]["text"] if lines[0].get("reg") == "headline" and len(lines) > 1 else None
    body = lines[1:] if title else lines
    # a record aligns with a line by its text, no longer by coming from the line's document
    gold = [dict(g, whole_line=False) for line in body for g in corpus_gold(line)]
    return Article(id=article_id, text="\n\n".join(line["text"] for line in body), date=_date(lines[0]),
                   gold=gold, political=bool(gold) or any(line["events"] for line in lines), source=str(path),
                   title=title)


# --------------------------------------------------------------------------- scoring


def _codes(entities: Iterable[Mapping[str, Any]] | None) -> set[str]:
    return {e["code"] for e in entities or [] if e.get("code")}


def _sides(actors: set[str], recipients: set[str]) -> str:
    """'KEN>UGA': actor codes, then recipient codes ('-' for none)."""
    return f"{','.join(sorted(actors)) or '-'}>{','.join(sorted(recipients)) or '-'}"


def _texts(record: Mapping[str, Any]) -> list[str]:
    texts = [record.get("event_text") or ""]
    texts += [m.get("text", "") for m in record.get("mentions") or []]
    return [t for t in texts if t]


def _aligns(gold: Mapping[str, Any], record: Mapping[str, Any]) -> bool:
    if gold.get("whole_line"):
        # a corpus line is one sentence (or a headline): a record from any part of it, such
        # as a clause of "Man shot outside bar; police seek witnesses" that the coder reads
        # on its own, is from that sentence
        return True
    quotes = [gold.get("quote") or ""] + list(gold.get("also") or [])
    return any(text_overlaps(q, t) for q in quotes if q for t in _texts(record))


def _full(gold: Mapping[str, Any], record: Mapping[str, Any]) -> bool:
    actors, recips = _codes(record.get("actor")), _codes(record.get("recipient"))
    wanted = set(gold.get("actors") or []) | set(gold.get("recipient") or [])
    if not wanted <= actors | recips:
        return False
    gold_actors = set(gold.get("actors") or [])
    return not gold_actors or bool(gold_actors & actors)


def _status_ok(gold: Mapping[str, Any], record: Mapping[str, Any], has_date: bool) -> bool:
    g, p = gold.get("status"), record.get("status")
    return g == p or (g == "historical" and p == "occurred" and not has_date)


def score_articles(
    articles: Sequence[Article],
    records_by_article: Mapping[str, Sequence[Mapping[str, Any]]],
    *,
    name: str = "news",
    bins: int = 5,
) -> NewsReport:
    """Score records against exhaustive gold, by the rules in this module's docstring."""
    n_gold = n_rec = type_ok_rec = full_ok_rec = 0
    type_found = full_found = status_ok = status_n = 0
    location_ok = location_n = 0
    sector_ok = sector_n = 0
    np_records = np_articles = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    errors: list[dict[str, Any]] = []
    for art in articles:
        records = list(records_by_article.get(art.id, []))
        n_gold += len(art.gold)
        n_rec += len(records)
        if not art.political:
            np_articles += 1
            np_records += len(records)
        for rec in records:
            aligned = [g for g in art.gold if _aligns(g, rec)]
            typed = [g for g in aligned if rec.get("event") in (g.get("event") or [])]
            ok_type = bool(typed)
            ok_full = any(_full(g, rec) for g in typed)
            n_sec, ok_sec = _sector_right(typed, rec)
            sector_n, sector_ok = sector_n + n_sec, sector_ok + ok_sec
            type_ok_rec += ok_type
            full_ok_rec += ok_full
            per_type[rec.get("event") or "?"]["pred"] += 1
            per_type[rec.get("event") or "?"]["pred_ok"] += ok_type
            if not ok_type:
                errors.append({
                    "article": art.id, "kind": "false" if not aligned else "wrong_type",
                    "event": rec.get("event"), "gold": [g.get("event") for g in aligned],
                    "text": (rec.get("event_text") or "")[:200],
                    "trigger": [t.get("text") for t in rec.get("trigger") or []],
                })
            elif not ok_full:  # the right type with the wrong parties: show both sides' codes
                errors.append({
                    "article": art.id, "kind": "wrong_parties",
                    "event": f"{rec.get('event')} {_sides(_codes(rec.get('actor')), _codes(rec.get('recipient')))}",
                    "gold": " / ".join(_sides(set(g.get("actors") or []), set(g.get("recipient") or []))
                                       for g in typed),
                    "text": (rec.get("event_text") or "")[:200],
                    "trigger": [t.get("text") for t in rec.get("trigger") or []],
                })
        for g in art.gold:
            per_type[(g.get("event") or ["?"])[0]]["gold"] += 1
            typed = [r for r in records if _aligns(g, r) and r.get("event") in (g.get("event") or [])]
            if typed:
                type_found += 1
                per_type[(g.get("event") or ["?"])[0]]["gold_ok"] += 1
                if g.get("status"):  # a gold event silent on status is left out of the figure
                    status_n += 1
                    status_ok += any(_status_ok(g, r, art.date is not None) for r in typed)
                where = (g.get("location") or {}).get("country")
                if where:
                    location_n += 1
                    location_ok += any((r.get("event_loc") or {}).get("country_code") == where for r in typed)
                full_found += any(_full(g, r) for r in typed)
            else:
                errors.append({
                    "article": art.id, "kind": "missed", "gold": g.get("event"),
                    "text": (g.get("quote") or "")[:200],
                })
    return NewsReport(
        name=name,
        n_articles=len(articles),
        n_gold=n_gold,
        n_records=n_rec,
        type_p=type_ok_rec / n_rec if n_rec else None,
        type_r=type_found / n_gold if n_gold else None,
        full_p=full_ok_rec / n_rec if n_rec else None,
        full_r=full_found / n_gold if n_gold else None,
        status=status_ok / status_n if status_n else None,
        status_n=status_n,
        location=location_ok / location_n if location_n else None,
        location_n=location_n,
        sector=sector_ok / sector_n if sector_n else None,
        sector_n=sector_n,
        nonpolitical_records=np_records,
        nonpolitical_articles=np_articles,
        per_type={
            t: {
                "gold": c["gold"], "pred": c["pred"],
                "precision": c["pred_ok"] / c["pred"] if c["pred"] else None,
                "recall": c["gold_ok"] / c["gold"] if c["gold"] else None,
            }
            for t, c in sorted(per_type.items())
        },
        calibration=calibration(record_outcomes(articles, records_by_article), bins=bins),
        errors=errors,
    )


def record_outcomes(
    articles: Sequence[Article], records_by_article: Mapping[str, Sequence[Mapping[str, Any]]]
) -> list[tuple[float, bool]]:
    """(confidence, type right) of every record, in article order: the pairs `calibration`
    bins, and those `dotterel.classifier.calibrate.fit_confidence` fits a model's confidence to."""
    return [
        (float(rec.get("confidence") or 0.0),
         any(_aligns(g, rec) and rec.get("event") in (g.get("event") or []) for g in art.gold))
        for art in articles for rec in records_by_article.get(art.id, [])
    ]


def calibration(pairs: Sequence[tuple[float, bool]], *, bins: int = 5) -> dict[str, Any]:
    """Reliability table and expected calibration error of (confidence, correct) pairs."""
    if not pairs:
        return {"ece": None, "bins": []}
    table = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": 0, "confidence": None, "precision": None})
            continue
        conf = sum(c for c, _ in inside) / len(inside)
        prec = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(conf - prec)
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inside), "confidence": conf, "precision": prec})
    return {"ece": ece, "bins": table}


# --------------------------------------------------------------------------- coding + scoring


def code_articles(
    articles: Sequence[Article], *, pipeline: Any = None, n_process: int = 1, progress: bool = False
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Run the pipeline over the articles: records per article id, and failure lines."""
    from .api import extract
    from .document import Document, Failure

    docs = [
        Document.from_text(
            a.text, id=a.id, date=a.date, source=a.source or a.id, url=a.url, publisher=a.publisher, title=a.title,
            language=a.language,
        )
        for a in articles
    ]
    records: dict[str, list[dict[str, Any]]] = {}
    failures: list[str] = []
    stream = extract(docs, pipeline=pipeline, n_process=n_process, batch_size=32)
    if progress:
        from tqdm import tqdm

        stream = tqdm(stream, total=len(docs), unit="doc", desc="coding", leave=False)
    for item, recs in stream:
        if isinstance(item, Failure):
            failures.append(f"{item.doc_id}: {item.reason}")
        else:
            records[item.id] = recs
    return records, failures


def evaluate_news(
    path: str | Path | Sequence[str | Path],
    *,
    pipeline: Any = None,
    n_process: int = 1,
    progress: bool = False,
) -> NewsReport:
    """Code and score a news folder, or corpus files/folders (corpus/GUIDE.md)."""
    paths = [Path(p) for p in ([path] if isinstance(path, (str, Path)) else path)]
    if len(paths) == 1 and paths[0].is_dir() and any(paths[0].glob("*.gold.jsonl")):
        articles = load_news_folder(paths[0])
        name = paths[0].name
    else:
        from .classifier.corpus import corpus_files

        files = corpus_files(paths)
        if not files:
            raise InputError("E110", "no gold files found", source=", ".join(map(str, paths)))
        articles = load_corpus(files)
        name = ", ".join(str(p) for p in paths)
    records, failures = code_articles(articles, pipeline=pipeline, n_process=n_process, progress=progress)
    report = score_articles(articles, records, name=name)
    report.failures = failures
    return report


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def render_news(report: NewsReport, *, errors: int = 0) -> str:
    lines = [
        f"dotterel eval: {report.name}",
        f"  articles {report.n_articles}, gold events {report.n_gold}, records {report.n_records}",
        "",
        "              precision  recall     F1",
        f"  type        {_fmt(report.type_p):>9}  {_fmt(report.type_r):>6}  {_fmt(report.type_f1):>5}",
        f"  full record {_fmt(report.full_p):>9}  {_fmt(report.full_r):>6}  {_fmt(report.full_f1):>5}",
        f"  status right among found: {_fmt(report.status)} (of {report.status_n})",
    ]
    if report.location_n:
        lines.append(f"  location country right among found: {_fmt(report.location)} (of {report.location_n} placed by the gold)")
    if report.sector_n:
        lines.append(f"  sector right among coded parties: {_fmt(report.sector)} (of {report.sector_n} the gold names)")
    if report.nonpolitical_articles:
        lines.append(
            f"  records in {report.nonpolitical_articles} non-political articles: "
            f"{report.nonpolitical_records} (all false)"
        )
    lines += ["", "  per type      gold  records  precision  recall"]
    for t, row in report.per_type.items():
        lines.append(
            f"  {t:<12} {row['gold']:>5}  {row['pred']:>7}  {_fmt(row['precision']):>9}  {_fmt(row['recall']):>6}"
        )
    cal = report.calibration
    if cal.get("bins"):
        lines += ["", f"  calibration (ECE {_fmt(cal['ece'])}): confidence bin, records, mean confidence, precision"]
        for b in cal["bins"]:
            lines.append(f"    {b['bin']}  {b['n']:>6}  {_fmt(b['confidence']):>6}  {_fmt(b['precision']):>6}")
    if report.failures:
        lines += ["", f"  {len(report.failures)} documents failed:"] + [f"    {f}" for f in report.failures[:20]]
    if errors:
        lines += ["", f"  first {errors} errors:"]
        for e in report.errors[:errors]:
            lines.append(f"    [{e['kind']}] {e['article']}: {e.get('event')} vs {e.get('gold')}: {e['text'][:120]}")
    return "\n".join(lines) + "\n"
