"""HTML pages: the article's main text (boilerplate removed) and its metadata.

trafilatura finds the main text; title, publication date (htmldate), canonical
url and site name come from the page where it gives them. Paragraphs are
separated by blank lines so that headings stay apart from sentences.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

from ..document import Document, Failure
from ._common import (
    E_NO_TEXT,
    ReadProblem,
    failure,
    make_document,
    parse_date,
    read_source_text,
)

__all__ = ["read_html", "html_document"]

# Fewer words than this is navigation or an error page, not an article.
MIN_WORDS = 8


def read_html(path: str | Path, *, date: dt.date | None = None) -> Iterator[Document | Failure]:
    source = str(path)
    try:
        yield html_document(read_source_text(path), source=source, date=date)
    except ReadProblem as problem:
        yield failure(source, problem)


def _date_params() -> dict:
    """htmldate's settings: trafilatura's own, but with the latest date a page may carry taken
    from the UTC calendar, one day ahead. Its default, the machine's local today, refused a
    page dated today east of the machine (Kiritimati's date on a machine in Samoa) and took
    another date from the page instead, so the same file was dated by where it was read."""
    tomorrow = dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1)
    return {"original_date": True, "extensive_search": True, "max_date": tomorrow.isoformat()}


def html_document(html: str, *, source: str, date: dt.date | None = None) -> Document:
    """One `Document` from the HTML of one page; raises `ReadProblem` if it has no main text."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        date_extraction_params=_date_params(),
    )
    text = getattr(result, "text", None) if result is not None else None
    paragraphs = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        raise ReadProblem(E_NO_TEXT, "no main text found in the HTML page")
    title = getattr(result, "title", None)
    page_date = None
    raw_date = getattr(result, "date", None)
    if raw_date:
        try:
            page_date = parse_date(raw_date)
        except ReadProblem:
            page_date = None
    return make_document(
        "\n\n".join(paragraphs),
        source=source,
        date=date or page_date,
        title=title,
        url=getattr(result, "url", None),
        publisher=getattr(result, "sitename", None) or getattr(result, "hostname", None),
    )
