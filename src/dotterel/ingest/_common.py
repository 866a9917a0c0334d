"""What every reader shares: loading bytes, decoding them, naming failures.

A reader never raises for a bad input: it yields a `Failure` in the place of
the document it could not read, so that a batch goes on. Each failure names
its source (the path, plus ``:LINE`` for a JSONL line) and a reason with a
code from the E1xx range (see `dotterel.errors`).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from ..document import Document, Failure, content_id

# Reasons, by code. The message is completed by the reader.
E_MISSING = "E101"
E_EMPTY = "E102"
E_BINARY = "E103"
E_JSONL = "E104"
E_NO_TEXT = "E105"
E_DATE = "E106"
E_FEED = "E107"

_SNIFF = 8192


class ReadProblem(Exception):
    """Internal: a reason why a source cannot be read (becomes a `Failure`)."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(f"{message} ({code})")


def failure(source: str, problem: ReadProblem, doc_id: str | None = None) -> Failure:
    return Failure(doc_id or content_id(source, prefix="src"), str(problem), source)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise ReadProblem(E_MISSING, "no such file or directory")
    if p.is_dir():
        raise ReadProblem(E_MISSING, "is a directory, not a file")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise ReadProblem(E_MISSING, f"cannot read: {exc.strerror or exc}") from exc


def decode(data: bytes) -> str:
    """UTF-8 text (a BOM is dropped); binary or undecodable input is refused."""
    if not data.strip():
        raise ReadProblem(E_EMPTY, "empty file")
    if b"\x00" in data[:_SNIFF]:
        raise ReadProblem(E_BINARY, "binary file (NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadProblem(
            E_BINARY, f"not UTF-8 text (undecodable byte at offset {exc.start})"
        ) from exc
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source_text(path: str | Path) -> str:
    return decode(read_bytes(path))


_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> dt.date | None:
    """A publication date from ISO text (``2022-05-23``, or a timestamp starting so)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _ISO.match(value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    raise ReadProblem(E_DATE, f"bad date {value!r}; expected YYYY-MM-DD")


def make_document(
    text: str,
    *,
    source: str,
    id: str | None = None,
    date: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
) -> Document:
    return Document.from_text(
        text,
        id=id or content_id(text),
        date=date,
        title=title or None,
        url=url or None,
        publisher=publisher or None,
        source=source,
    )
