"""The library entry point: texts and files in, event records out.

    >>> for doc, records in extract(["news/"], date=None):   # doctest: +SKIP
    ...     for record in records:
    ...         print(record["event"], record["event_text"])

`extract` reads its inputs (see `dotterel.ingest`), runs the pipeline over them
and yields, in input order, ``(Document, records)`` for each document read and
coded, or ``(Failure, [])`` for each one that could not be read or coded.
Records follow the output contract (``schema/event.schema.json``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from .document import Document, Failure, content_id, publication_date, repeated_id
from .errors import InputError
from .pipeline import Pipeline
from .records import coder, to_records

__all__ = ["extract", "extract_text", "example_path", "default_pipeline"]

Input = str | os.PathLike[str] | Document

def default_pipeline() -> Pipeline:
    """A new `Pipeline.default()` (nothing is kept between calls: to code many inputs in
    several calls, build a pipeline once and pass it as ``pipeline=``)."""
    return Pipeline.default()


def extract(
    inputs: Input | Iterable[Input],
    *,
    date: dt.date | str | None = None,
    n_process: int = 1,
    pipeline: Pipeline | None = None,
    batch_size: int = 16,
) -> Iterator[tuple[Document | Failure, list[dict[str, Any]]]]:
    """Code every input and yield ``(document, records)`` or ``(failure, [])``, in order.

    Inputs may be `Document` objects, `pathlib.Path`s, or strings. A string is
    a path (a file, a folder, or ``-`` for standard input) unless it contains a
    line break, or contains a space and names no existing file: then it is the
    text of a document. ``date`` sets the publication date of every document.
    ``pipeline``: the pipeline to code with (default: a new `Pipeline.default()`);
    records carry the hash of its configuration as ``coder.config``.
    """
    date = publication_date(date)
    if isinstance(inputs, (str, os.PathLike, Document)):
        inputs = [inputs]
    elif isinstance(inputs, (bytes, bytearray)) or not isinstance(inputs, Iterable):
        raise InputError("E104", f"extract takes texts, paths or Documents (or a list of them), "
                         f"not {type(inputs).__name__}")
    pipeline = pipeline or default_pipeline()
    stream = _one_text_per_id(_documents(inputs, date))
    pending: deque[Document | Failure] = deque()

    def documents_only() -> Iterator[Document]:
        for item in stream:
            pending.append(item)
            if isinstance(item, Document):
                yield item

    coder_info = coder(getattr(pipeline, "config", None))
    for out in pipeline.pipe(documents_only(), n_process=n_process, batch_size=batch_size):
        while pending and isinstance(pending[0], Failure):
            yield pending.popleft(), []
        pending.popleft()  # the document `out` came from
        if isinstance(out, Failure):
            yield out, []
        else:
            yield out, to_records(out, coder_info=coder_info)
    while pending:  # failures read after the last document
        yield pending.popleft(), []


def extract_text(
    text: str, *, date: dt.date | str | None = None, pipeline: Pipeline | None = None, **meta: Any
) -> list[dict[str, Any]]:
    """The records of one text (raises nothing for text; a failing stage gives [])."""
    doc = Document.from_text(text, date=date, **meta)
    return [r for _, records in extract([doc], pipeline=pipeline) for r in records]


def example_path(name: str = "examples.jsonl") -> Path:
    """Path of a bundled example file (the articles under ``dotterel/examples``)."""
    return Path(str(resources.files("dotterel") / "examples" / name))


def _documents(inputs: Iterable[Input], date: dt.date | None) -> Iterator[Document | Failure]:
    from .ingest import read_path

    for i, item in enumerate(inputs):
        if isinstance(item, Document):
            if date is not None:
                item.meta.date = date
            yield item
        elif isinstance(item, str) and _is_text(item):
            yield Document.from_text(item, date=date, source="<text>")
        elif isinstance(item, (str, os.PathLike)):
            yield from read_path(item, date=date)
        else:  # a number, None, bytes: neither a text nor a path
            yield Failure(content_id(repr(item)[:200], prefix="input"),
                          f"input {i + 1} is {type(item).__name__}, not a text, a path or a Document (E104)",
                          f"input {i + 1}")


def _one_text_per_id(items: Iterator[Document | Failure]) -> Iterator[Document | Failure]:
    """The items, but a document whose id came earlier with another text becomes a failure
    (E113, as in `Store.ingest`): two articles under one doc_id could not be told apart in
    the records. The same id with the same text (a file given twice) is no clash."""
    first: dict[str, tuple[str, str | None]] = {}  # id -> (hash of its text, source)
    for item in items:
        if isinstance(item, Document):
            digest = content_id(item.text)
            if item.id != digest:  # an id derived from the text always has the same text
                seen = first.setdefault(item.id, (digest, item.meta.source))
                if seen[0] != digest:
                    yield repeated_id(item, seen[1], "not coded")
                    continue
        yield item


def _is_text(value: str) -> bool:
    if value == "-":
        return False
    if "\n" in value:
        return True
    return " " in value.strip() and not os.path.exists(value)
