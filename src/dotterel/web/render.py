"""Presentation helpers shared by the HTML pages and their JSON twins (no HTML is built here:
the templates escape every value)."""

from __future__ import annotations

from functools import cache
from typing import Any

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def highlights(record: dict[str, Any], doc_text: str | None) -> dict[str, Any]:
    """The record's sentence cut into segments: plain text, the trigger words, the actors and the
    recipients. Record offsets point into the document; `doc_text` locates the sentence in it.
    Without the document (or when the sentence is not found), words are found in the sentence."""
    sentence = record.get("event_text") or ""
    marks: list[tuple[int, int, str, str]] = []  # start, end (in the sentence), kind, label
    spans = [(t, "trigger", "trigger") for t in record.get("trigger") or []]
    for role in ("actor", "recipient"):
        for e in record.get(role) or []:
            label = " · ".join(str(x) for x in (e.get("code"), e.get("sector"), e.get("name")) if x)
            spans.append((e, role, label))
    offset = _sentence_start(sentence, doc_text, [s for s, _, _ in spans])
    for span, kind, label in spans:
        text = span.get("text") or ""
        start = end = None
        if offset is not None and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
            start, end = span["start"] - offset, span["end"] - offset
            if not (0 <= start < end <= len(sentence)) or sentence[start:end] != text:
                start = None
        if start is None and text:
            i = sentence.find(text)
            if i >= 0:
                start, end = i, i + len(text)
        if start is not None:
            marks.append((start, end, kind, label))
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    segments: list[dict[str, Any]] = []
    pos = 0
    for start, end, kind, label in marks:
        if start < pos:  # overlaps an earlier mark: keep the first
            continue
        if start > pos:
            segments.append({"text": sentence[pos:start], "kind": None})
        segments.append({"text": sentence[start:end], "kind": kind, "label": label})
        pos = end
    if pos < len(sentence) or not segments:
        segments.append({"text": sentence[pos:], "kind": None})
    return {"sentence": sentence, "segments": segments}


def _sentence_start(sentence: str, doc_text: str | None, spans: list[dict[str, Any]]) -> int | None:
    if not doc_text or not sentence:
        return None
    starts = [s["start"] for s in spans if isinstance(s.get("start"), int)]
    anchor = min(starts) if starts else 0
    best = None
    i = doc_text.find(sentence)
    while i >= 0:
        if i <= anchor and (best is None or i > best):
            best = i
        i = doc_text.find(sentence, i + 1)
    if best is None:
        best = doc_text.find(sentence)
    return best if best >= 0 else None


@cache
def numeric_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 -> numeric (the ids of the vendored world map)."""
    import pycountry

    return {c.alpha_3: c.numeric for c in pycountry.countries}


@cache
def country_names() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


def circle_layout(nodes: list[dict[str, Any]], radius: float = 1.0) -> dict[str, tuple[float, float]]:
    """Nodes on a circle in the given order (heaviest first, from the top, clockwise)."""
    import math

    n = max(1, len(nodes))
    return {
        node["code"]: (round(radius * math.sin(2 * math.pi * i / n), 4), round(radius * math.cos(2 * math.pi * i / n), 4))
        for i, node in enumerate(nodes)
    }
