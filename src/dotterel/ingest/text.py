"""Plain text: one file, one document; the text is kept as it is.

A first line that looks like a heading stays in the text: the segmenter marks
it as the title and no event is coded from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from ..document import Document, Failure
from ._common import ReadProblem, failure, make_document, read_source_text

__all__ = ["read_text"]


def read_text(path: str | Path, *, date: dt.date | None = None) -> Iterator[Document | Failure]:
    source = str(path)
    try:
        text = read_source_text(path)
    except ReadProblem as problem:
        yield failure(source, problem)
        return
    yield from text_documents(text, source=source, date=date)


def text_documents(text: str, *, source: str, date: dt.date | None) -> Iterator[Document | Failure]:
    try:
        yield make_document(text.strip("\n"), source=source, date=date)
    except ReadProblem as problem:  # nothing left once markup is removed
        yield failure(source, problem)
