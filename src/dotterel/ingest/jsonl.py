"""JSONL: one document per line.

Each line is an object with ``text`` (a string) and optionally ``id`` (a string
or an integer, one line of text), ``date`` (YYYY-MM-DD), and ``title``, ``url``,
``publisher``, ``language`` (strings; null or absent for none). A field of another
type fails its line (E104), as does an id with a control character (E109): nothing
is stored as Python's text for a number, list or object. ``-`` reads standard input.
A malformed line becomes a `Failure` naming ``FILE:LINE``; the other lines
still come out. Each line is decoded alone, so a line that is not UTF-8 fails
alone (E103, with the byte's offset in the file); a UTF-8 BOM at the start of
the file is dropped. Lines end at ``\n`` (``\r\n`` and a lone ``\r`` too;
U+2028 and U+0085 are valid inside JSON strings); a NUL byte fails its line,
not the file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..document import Document, Failure
from ._common import (
    E_BINARY,
    E_EMPTY,
    E_JSONL,
    ReadProblem,
    failure,
    invalid_json,
    make_document,
    other_encoding,
    parse_date,
    read_bytes,
)

__all__ = ["read_jsonl", "read_json", "jsonl_documents", "jsonl_bytes_documents", "json_documents", "looks_like_jsonl"]

# the line ends `_common.normalise_newlines` knows; neither byte occurs inside a UTF-8 sequence
_LINE_END = re.compile(rb"\r\n|\r|\n")


def looks_like_jsonl(data: bytes) -> bool:
    """Bytes whose name does not say what they are read as JSONL: they start with ``{`` (after
    a UTF-8 BOM and white space)."""
    return data.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{")


def read_jsonl(path: str | Path, *, date: dt.date | None = None) -> Iterator[Document | Failure]:
    source = "<stdin>" if str(path) == "-" else str(path)
    try:
        data = read_bytes(path)
    except ReadProblem as problem:
        yield failure(source, problem)
        return
    yield from jsonl_bytes_documents(data, source=source, date=date)


def read_json(path: str | Path, *, date: dt.date | None = None) -> Iterator[Document | Failure]:
    """A ``.json`` file: one object (one document) or an array of objects (one each)."""
    from ._common import read_source_text

    source = str(path)
    try:
        yield from json_documents(read_source_text(path), source=source, date=date)
    except ReadProblem as problem:
        yield failure(source, problem)


def jsonl_bytes_documents(
    data: bytes, *, source: str, date: dt.date | None = None
) -> Iterator[Document | Failure]:
    """The documents of JSONL bytes, each line decoded alone: a line that is not UTF-8 is
    that line's failure (E103, naming ``SOURCE:LINE`` and the byte's offset in the file)."""
    pos = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if not data[pos:].strip():
        yield failure(source, ReadProblem(E_EMPTY, "empty file"))
        return
    other = other_encoding(data)
    if other:  # another encoding throughout, not a bad line: one failure for the file, not one a line
        yield failure(source, ReadProblem(E_BINARY, other))
        return
    lineno = 0
    while True:
        end = _LINE_END.search(data, pos)
        raw = data[pos:end.start() if end else len(data)]
        lineno += 1
        where = f"{source}:{lineno}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = ReadProblem(
                E_BINARY,
                f"not UTF-8 text (undecodable byte at offset {pos + exc.start} of the file, "
                f"byte {exc.start + 1} of the line)",
            )
            yield failure(where, problem, _id_of(raw.decode("utf-8", "replace")))
        else:
            yield from _line_documents(line, where=where, date=date)
        if end is None:
            return
        pos = end.end()


def jsonl_documents(
    text: str, *, source: str, date: dt.date | None = None
) -> Iterator[Document | Failure]:
    """The documents of decoded JSONL text (newlines already ``\n``)."""
    # lines end at \n only: U+2028, U+0085 and the like are valid inside JSON strings
    for lineno, line in enumerate(text.split("\n"), start=1):
        yield from _line_documents(line, where=f"{source}:{lineno}", date=date)


def _line_documents(line: str, *, where: str, date: dt.date | None) -> Iterator[Document | Failure]:
    """The document of one JSONL line, its failure, or nothing for a blank line."""
    if not line.strip():
        return
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        yield failure(where, ReadProblem(E_JSONL, invalid_json(exc)))
        return
    yield from _object_documents(obj, where=where, date=date)


def json_documents(text: str, *, source: str, date: dt.date | None = None) -> Iterator[Document | Failure]:
    """The documents of a JSON file (not JSONL): one object, the document ``SOURCE``, or an
    array of objects, the documents ``SOURCE#1``, ``SOURCE#2``... each read as a JSONL line is."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = str(getattr(exc, "msg", exc)).removesuffix(" at")
        raise ReadProblem(E_JSONL, f"invalid JSON ({msg} at line {exc.lineno}, column {exc.colno})") from exc
    if isinstance(value, list):
        if not value:
            raise ReadProblem(E_EMPTY, "an empty JSON array: no documents")
        for n, obj in enumerate(value, start=1):
            yield from _object_documents(obj, where=f"{source}#{n}", date=date)
    elif isinstance(value, dict):
        yield from _object_documents(value, where=source, date=date)
    else:
        raise ReadProblem(E_JSONL, f"expected a JSON object or an array of objects, got {_json_type(value)}")


def whole_json(text: str) -> object | None:
    """The value of a text that is one JSON array, or one object over several lines (a JSON
    file, not JSONL); None for anything else."""
    head = text.lstrip()[:1]
    if head not in ("[", "{") or (head == "{" and len([x for x in text.splitlines() if x.strip()]) < 2):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, (list, dict)) else None


def _object_documents(obj: object, *, where: str, date: dt.date | None) -> Iterator[Document | Failure]:
    """The document of one JSON object (a JSONL line, a JSON file or an item of its array)."""
    doc_id = None
    try:
        if not isinstance(obj, dict):
            raise ReadProblem(E_JSONL, f"expected a JSON object, got {type(obj).__name__}")
        doc_id = _id(obj.get("id"))
        body = obj.get("text")
        if body is None:
            raise ReadProblem(E_JSONL, "missing `text` (a string)")
        if not isinstance(body, str):
            raise ReadProblem(E_JSONL, f"`text` must be a string, not {_json_type(body)}")
        if not body.strip():
            raise ReadProblem(E_JSONL, "empty `text`")
        pub = parse_date(obj.get("date"))
        yield make_document(
            body.replace("\r\n", "\n"),
            source=where,
            id=doc_id,
            date=date or pub,
            title=_str(obj, "title"),
            url=_str(obj, "url"),
            publisher=_str(obj, "publisher"),
            language=_str(obj, "language"),
        )
    except ReadProblem as problem:
        yield failure(where, problem, doc_id)


def _id_of(line: str) -> str | None:
    """The ``id`` of a line that could not be read, where it can still be made out."""
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    value = obj.get("id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) and value else None


def _id(value: object) -> str | None:
    """The ``id`` of a line: a string, or an integer in decimal; absent, null or "" is none."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ReadProblem(E_JSONL, f"`id` must be a string or an integer, not {_json_type(value)}")


def _str(obj: dict, name: str) -> str | None:
    """An optional text field: a string, or null/absent/"" for none; any other type is refused."""
    value = obj.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    raise ReadProblem(E_JSONL, f"`{name}` must be a string or null, not {_json_type(value)}")


def _json_type(value: object) -> str:
    kind = {bool: "a boolean", int: "a number", float: "a number", list: "an array", dict: "an object"}
    shown = json.dumps(value, ensure_ascii=False)
    return f"{kind.get(type(value), type(value).__name__)} ({shown if len(shown) <= 40 else shown[:40] + '...'})"
