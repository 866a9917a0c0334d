"""JSONL: one document per line.

Each line is an object with ``text`` and optionally ``id``, ``date``
(YYYY-MM-DD), ``title``, ``url`` and ``publisher``. ``-`` reads standard input.
A malformed line becomes a `Failure` naming ``FILE:LINE``; the other lines
still come out. Lines end at ``\n`` only (U+2028 and U+0085 are valid inside
JSON strings); a NUL byte fails its line, not the file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from ..document import Document, Failure
from ._common import E_JSONL, ReadProblem, failure, make_document, parse_date, read_source_text

__all__ = ["read_jsonl", "jsonl_documents"]


def read_jsonl(path: str | Path, *, date: dt.date | None = None) -> Iterator[Document | Failure]:
    source = "<stdin>" if str(path) == "-" else str(path)
    try:
        text = read_source_text(path, nul_ok=True)  # a NUL fails its own line only
    except ReadProblem as problem:
        yield failure(source, problem)
        return
    yield from jsonl_documents(text, source=source, date=date)


def jsonl_documents(
    text: str, *, source: str, date: dt.date | None = None
) -> Iterator[Document | Failure]:
    # lines end at \n only: U+2028, U+0085 and the like are valid inside JSON strings
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        doc_id = None
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ReadProblem(E_JSONL, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
            if not isinstance(obj, dict):
                raise ReadProblem(E_JSONL, f"expected a JSON object, got {type(obj).__name__}")
            if obj.get("id") not in (None, ""):
                doc_id = str(obj["id"])
            body = obj.get("text")
            if not isinstance(body, str):
                raise ReadProblem(E_JSONL, "missing `text` (a string)")
            if not body.strip():
                raise ReadProblem(E_JSONL, "empty `text`")
            pub = parse_date(obj.get("date"))
            yield make_document(
                body.replace("\r\n", "\n"),
                source=where,
                id=doc_id,
                date=date or pub,
                title=_str(obj.get("title")),
                url=_str(obj.get("url")),
                publisher=_str(obj.get("publisher")),
                language=_str(obj.get("language")),
            )
        except ReadProblem as problem:
            yield failure(where, problem, doc_id)


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
