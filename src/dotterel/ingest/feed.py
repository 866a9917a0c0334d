"""RSS and Atom feeds: one document per item.

The text of an item is its title, then its content (or summary) with markup
removed, separated by a blank line; the link becomes the url and the item's
published (or updated) date the publication date; an item whose date cannot be
read is a failure (E106), as a JSONL line with a bad date is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ..document import Document, Failure
from ._common import E_DATE, E_FEED, ReadProblem, failure, make_document, read_source_text

__all__ = ["read_feed", "feed_documents"]

_BLOCK = re.compile(r"(?i)</?(?:p|div|br|li|h[1-6]|blockquote)\b[^>]*>")


def read_feed(path: str | Path, *, date: dt.date | None = None) -> Iterator[Document | Failure]:
    source = str(path)
    try:
        text = read_source_text(path)
        yield from feed_documents(text, source=source, date=date)
    except ReadProblem as problem:
        yield failure(source, problem)


def feed_documents(
    xml: str, *, source: str, date: dt.date | None = None
) -> Iterator[Document | Failure]:
    import feedparser

    parsed = feedparser.parse(xml)
    if not parsed.entries:
        why = getattr(parsed, "bozo_exception", None)
        raise ReadProblem(E_FEED, "no items in the feed" + (f" ({why})" if why else ""))
    publisher = parsed.feed.get("title") if parsed.get("feed") else None
    language = parsed.feed.get("language") if parsed.get("feed") else None  # RSS <language>
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{n}"
        title = _plain(entry.get("title", ""))
        body = ""
        if entry.get("content"):
            body = "\n\n".join(_plain(c.get("value", "")) for c in entry.content)
        if not body.strip():
            body = _plain(entry.get("summary", "") or entry.get("description", ""))
        parts = [p for p in (title, body) if p.strip()]
        if not parts:
            yield failure(where, ReadProblem(E_FEED, _empty_item(n, parsed)))
            continue
        try:
            pub = _item_date(entry, n)
        except ReadProblem as problem:
            yield failure(where, problem)
            continue
        try:
            doc = make_document(
                "\n\n".join(parts),
                source=where,
                date=date or pub,
                title=title or None,
                url=entry.get("link"),
                publisher=publisher,
                language=language,
            )
        except ReadProblem as problem:  # nothing left once markup is removed
            yield failure(where, problem)
            continue
        yield doc


def _item_date(entry, n: int) -> dt.date | None:
    """The item's published (else updated) date. A date the item gives but that cannot be
    read fails the item (E106), as a bad ``date`` fails a JSONL line, rather than leaving
    the document undated without a word."""
    # feedparser maps a missing "updated" to "published", with a DeprecationWarning for each
    # item: ask for "updated" only where the item has one of its own
    stamp = entry.get("published_parsed") or (entry.get("updated_parsed") if "updated_parsed" in entry else None)
    if stamp:
        return dt.date(*stamp[:3])
    given = entry.get("published") or (entry.get("updated") if "updated" in entry else None)
    if given and str(given).strip():
        raise ReadProblem(E_DATE, f"item {n} has a bad date {given!r}; expected an RFC 822 or ISO 8601 date")
    return None


def _empty_item(n: int, parsed) -> str:
    """Why item `n` has no text. In a feed cut short (``<item><title>x`` and no more) the
    parser keeps the item but drops its unclosed title: the item is not empty, the feed is
    broken, and the message must say so."""
    from xml.sax import SAXException

    why = getattr(parsed, "bozo_exception", None)
    if isinstance(why, SAXException):  # not well-formed XML (a wrong declared encoding is no matter here)
        return f"item {n} could not be read: the feed is truncated or malformed ({why})"
    return f"item {n} has no title or text"


def _plain(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block, blank lines between."""
    if "<" not in fragment:
        return _tidy(fragment)
    import lxml.etree
    import lxml.html

    marked = _BLOCK.sub("\n\n", fragment)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except (lxml.etree.ParserError, ValueError):
        text = re.sub(r"<[^>]+>", " ", marked)
    return _tidy(text)


def _tidy(text: str) -> str:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)
