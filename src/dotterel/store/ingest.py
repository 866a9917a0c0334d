"""What `Store.ingest` reads: documents from sources, less those already stored.

Coding happens in `Pipeline.pipe` (worker processes included) and writing in
`Store.write`; this module only reads sources (`read_sources`, through
`dotterel.ingest.read_paths`) and drops documents the store holds already
(`skip_stored`), turning an id that repeats with another text into a failure.
Reader failures travel in place, in input order, with the documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from ..document import Document, Failure, content_id, repeated_id


def skip_stored(items: Iterable[Document | Failure], backend: Any, counts: Any) -> Iterator[Document | Failure]:
    """The documents of `items` the store does not hold yet, and every failure, in order.

    `counts` (an IngestReport) gets ``read`` and ``skipped``. A document whose id is
    stored (or seen earlier in this run) with the same text is skipped; with another
    text it becomes a failure (E113), never dropped in silence.
    """
    existing = {r[0] for r in backend.query("SELECT doc_id FROM documents")}
    # id -> (hash of its text, source) in this run: a hash, so that memory does not grow with the texts
    first_seen: dict[str, tuple[str, str | None]] = {}

    def clash(doc: Document) -> Failure | None:
        digest = content_id(doc.text)
        if doc.id == digest:
            return None  # an id derived from the text: same id, same text
        if doc.id in first_seen:
            seen, where = first_seen[doc.id]
        else:
            found = backend.query("SELECT text, source FROM documents WHERE doc_id = ?", [doc.id])
            if not found:
                return None
            seen, where = content_id(found[0][0] or ""), found[0][1]
        if seen == digest:
            return None
        return repeated_id(doc, where, "not stored")

    for item in items:
        counts.read += 1
        if isinstance(item, Failure):
            yield item
            continue
        if item.id in existing:
            failure = clash(item)
            if failure is not None:
                yield failure
            else:
                counts.skipped += 1
            continue
        existing.add(item.id)
        first_seen[item.id] = (content_id(item.text), item.meta.source)
        yield item


def read_sources(source: Any) -> Iterator[Document | Failure]:
    """Documents from paths (through dotterel.ingest.read_paths) or from an iterable of Documents."""
    if isinstance(source, (str, os.PathLike)):
        source = [source]
    items = list(source) if not isinstance(source, Iterator) else source
    if isinstance(items, list) and items and all(isinstance(p, (str, os.PathLike)) for p in items):
        yield from _read_paths([str(p) for p in items])
        return
    for item in items:
        if isinstance(item, (Document, Failure)):
            yield item
        elif isinstance(item, (str, os.PathLike)):
            yield from _read_paths([str(item)])
        else:
            yield Failure(repr(item)[:80], f"not a Document or a path: {type(item).__name__}")


def _read_paths(paths: list[str]) -> Iterable[Document | Failure]:
    from ..ingest import read_paths

    return read_paths(paths)
