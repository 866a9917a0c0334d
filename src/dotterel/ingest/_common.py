"""What every reader shares: loading bytes, decoding them, naming failures.

A reader never raises for a bad input: it yields a `Failure` in the place of
the document it could not read, so that a batch goes on. Each failure names
its source (the path, plus ``:LINE`` for a JSONL line) and a reason with a
code from the E1xx range (see `dotterel.errors`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import os
import re
import stat
import sys
import weakref
from pathlib import Path

from ..document import Document, Failure, content_id, publication_date
from ..errors import InputError

# Reasons, by code. The message is completed by the reader.
E_MISSING = "E101"
E_EMPTY = "E102"
E_BINARY = "E103"
E_JSONL = "E104"
E_NO_TEXT = "E105"
E_DATE = "E106"
E_FEED = "E107"
E_NOT_FILE = "E108"
E_ID = "E109"
E_NO_FILES = "E110"  # the code evaluation gives a folder without gold files
E_LINK_LOOP = "E114"  # a link to a folder that holds the folder being read
E_FORMAT = "E115"  # a format no reader takes (CSV)

#: The longest document id a store keeps (a longer one is that document's failure).
MAX_ID_CHARS = 1000



class ReadProblem(Exception):
    """Internal: a reason why a source cannot be read (becomes a `Failure`)."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(f"{message} ({code})")


def failure(source: str, problem: ReadProblem, doc_id: str | None = None) -> Failure:
    # a failure row must be storable and printable too: an id the reader refused is hashed
    if doc_id is not None and (len(doc_id) > MAX_ID_CHARS or _ID_BREAK.search(doc_id)
                               or _UNSTORABLE.search(doc_id) or not doc_id.strip()):
        doc_id = content_id(doc_id, prefix="id")
    return Failure(doc_id or content_id(source, prefix="src"), str(problem), source)


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# what an id cannot hold: it is one line of a table, a CSV field, a URL path segment
_ID_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean(value: str) -> str:
    """Text every backend can hold, same length: NUL becomes a space, a lone surrogate U+FFFD."""
    if not _UNSTORABLE.search(value):
        return value
    return _UNSTORABLE.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", value)


# characters that join or break a word without showing: a soft hyphen ("ac\u00adcused"), a
# zero-width space, a word joiner, a byte-order mark inside the text. Left in, they make the
# parser read "ac\u00adcused" as a word no lexicon knows (the accusation was lost) or cut a
# word in two; a reader drops them, as a browser hides them (the HTML reader's extraction does
# the same). Joiners that shape scripts (U+200C, U+200D) stay.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


# HTML left in a text or JSONL document ("<p>Kenya accused Uganda.</p><p>Police arrested ...",
# "accused <b>Uganda</b>"): the parser read the tags as words, joined the paragraphs into one
# sentence and took "<p>Kenya" for the police's doer. Known tags only, so that "a < b" and
# "<3" stay as they are; block tags end a paragraph, inline ones go, scripts and styles go
# with their content, and the entities of such a text are read ("&amp;" is "&").
_BLOCK_TAGS = "article|blockquote|br|div|figcaption|figure|footer|h[1-6]|header|hr|li|ol|p|section|table|tr|ul"
_INLINE_TAGS = "a|abbr|b|caption|cite|em|font|i|img|small|span|strong|sub|sup|tbody|td|th|thead|u"
_SCRIPT = re.compile(r"(?is)<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>")
_BLOCK = re.compile(rf"(?i)<\s*/?\s*(?:{_BLOCK_TAGS})\b[^<>]*>")
_INLINE = re.compile(rf"(?i)<\s*/?\s*(?:{_INLINE_TAGS})\b[^<>]*>")


def markup_to_text(text: str) -> str:
    """The text of an HTML fragment left in a plain text (see `_BLOCK_TAGS`); a text without
    any known tag is returned as it is."""
    if not (_BLOCK.search(text) or _INLINE.search(text) or _SCRIPT.search(text)):
        return text
    text = _SCRIPT.sub(" ", text)
    text = _BLOCK.sub("\n\n", text)
    text = html.unescape(_INLINE.sub("", text))
    text = re.sub(r"[ \t]*\n[ \t\n]*\n[ \t]*", "\n\n", text)  # one blank line between paragraphs
    return text.strip()


def invalid_json(exc: ValueError) -> str:
    """``invalid JSON (MESSAGE at column N)`` from a JSONDecodeError. Some of json's messages
    end in "at" already ('Invalid control character at', 'Unterminated string starting at'),
    for the position it appends; that word is not written twice."""
    msg = str(getattr(exc, "msg", exc)).removesuffix(" at")
    return f"invalid JSON ({msg} at column {getattr(exc, 'colno', '?')})"


def check_id(doc_id: str | None) -> str | None:
    """A document id as given, or a `ReadProblem` (E109): over `MAX_ID_CHARS` characters,
    holding a control character or line break, or only white space."""
    if doc_id is None:
        return None
    if len(doc_id) > MAX_ID_CHARS:
        raise ReadProblem(E_ID, f"id is {len(doc_id)} characters long; the limit is {MAX_ID_CHARS}")
    bad = _ID_BREAK.search(doc_id)
    if bad:
        shown = doc_id if len(doc_id) <= 60 else doc_id[:60] + "..."
        raise ReadProblem(
            E_ID, f"id {shown!r} holds a control character (U+{ord(bad.group()):04X}); an id is one line of text"
        )
    if not doc_id.strip():
        raise ReadProblem(E_ID, f"id {doc_id!r} is blank")
    return doc_id


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file, or of standard input for ``-``."""
    if str(path) == "-":
        return _read_stdin()
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        raise ReadProblem(E_MISSING, "no such file or directory") from None
    except OSError as exc:
        raise ReadProblem(E_MISSING, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise ReadProblem(E_MISSING, "is a directory, not a file")
    if not stat.S_ISREG(mode):  # a named pipe would block the run forever, a device never end
        raise ReadProblem(E_NOT_FILE, f"not a regular file ({_kind(mode)}); not read")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise ReadProblem(E_MISSING, f"cannot read: {exc.strerror or exc}") from exc


# standard input streams read to their end: a second '-' finds nothing left, which is no empty file
_STDIN_READ: weakref.WeakSet = weakref.WeakSet()


def _read_stdin() -> bytes:
    stream = sys.stdin.buffer
    data = stream.read()
    if not data.strip() and stream in _STDIN_READ:
        raise ReadProblem(E_EMPTY, "standard input was already read to its end by an earlier '-'; give '-' once")
    try:
        _STDIN_READ.add(stream)
    except TypeError:  # a stream that takes no weak reference: the second '-' reads as empty
        pass
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def decode(data: bytes, *, nul_ok: bool = False) -> str:
    """UTF-8 text (a BOM is dropped); binary or undecodable input is refused.

    A NUL byte anywhere makes a file binary, unless `nul_ok` (JSONL: the line
    holding it fails alone, the other lines are read).
    """
    if not data.strip():
        raise ReadProblem(E_EMPTY, "empty file")
    other = other_encoding(data)
    if other:  # UTF-16 holds NUL bytes: it was refused as a binary file, as if it were a PDF
        raise ReadProblem(E_BINARY, other)
    if not nul_ok and b"\x00" in data:
        raise ReadProblem(E_BINARY, "binary file (NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadProblem(
            E_BINARY, f"not UTF-8 text (undecodable byte at offset {exc.start}); {TO_UTF8}"
        ) from exc
    return normalise_newlines(text)


#: What to do with a file in another encoding.
TO_UTF8 = "convert the file to UTF-8 first, e.g. with `iconv -f LATIN1 -t UTF-8` for Latin-1"

_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),  # before UTF-16: FF FE 00 00
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def other_encoding(data: bytes) -> str | None:
    """Why bytes in UTF-16 or UTF-32 are not read, and what to do; None for other bytes. A
    byte-order mark says so; without one, UTF-16 is recognised in its common case (see
    `_utf16_without_bom`)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return (f"{name} text (a byte-order mark); expected UTF-8: convert the file first, "
                    f"e.g. with `iconv -f {name} -t UTF-8`")
    name = _utf16_without_bom(data)
    if name:
        return (f"{name} text (no byte-order mark: every other byte is NUL); expected UTF-8: convert "
                f"the file first, e.g. with `iconv -f {name} -t UTF-8`")
    return None


def _utf16_without_bom(data: bytes, sample: int = 4096) -> str | None:
    """"UTF-16LE" or "UTF-16BE" for text in UTF-16 without a byte-order mark, as far as its
    first `sample` bytes show: mostly Latin-script characters, so that the high byte of each
    is NUL and the low byte a printable character (a binary file does not alternate so)."""
    head = data[: min(len(data), sample) // 2 * 2]
    if len(head) < 4:
        return None
    for name, high, low in (("UTF-16LE", head[1::2], head[0::2]), ("UTF-16BE", head[0::2], head[1::2])):
        if b"\x00" in low or high.count(0) < 0.9 * len(high):
            continue
        printable = sum(1 for b in low if 0x20 <= b < 0x7F or b in b"\t\n\r" or b >= 0xA0)
        if printable >= 0.9 * len(low):
            return name
    return None


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_source_text(path: str | Path) -> str:
    return decode(read_bytes(path))


def parse_date(value: object) -> dt.date | None:
    """A publication date from ISO text (``2022-05-23``, or a timestamp starting so), as
    `document.publication_date` reads it; a bad one is this reader's E106."""
    try:
        return publication_date(value)
    except InputError:
        day = no_such_day(value)
        if day:  # "2023-02-30" is written as asked: 'expected YYYY-MM-DD' alone misleads
            raise ReadProblem(E_DATE, f"bad date {value!r}: {day}") from None
        raise ReadProblem(E_DATE, f"bad date {value!r}; expected YYYY-MM-DD") from None


def no_such_day(value: object) -> str | None:
    """Why a date written as YYYY-MM-DD names no day ("no such day (month must be in 1..12)"),
    or None for a value not written so."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d-])", value) if isinstance(value, str) else None
    if not m:
        return None
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        return f"no such day ({exc})"
    return None


def make_document(
    text: str,
    *,
    source: str,
    id: str | None = None,
    date: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
) -> Document:
    text = markup_to_text(_INVISIBLE.sub("", clean(text)))
    if not text.strip():
        raise ReadProblem(E_NO_TEXT, "no text once its HTML tags are removed")
    return Document.from_text(
        text,
        id=clean(check_id(id)) if id else content_id(text),
        date=date,
        title=clean(title) if title else None,
        url=clean(url) if url else None,
        publisher=clean(publisher) if publisher else None,
        source=clean(source),
        language=language_code(language),
    )


def language_code(value: str | None, default: str = "en") -> str:
    """The primary language subtag of a declared language ("en-US", "EN_gb" -> "en"); the
    default when none is declared. A language dotterel has no data for fails per document,
    naming it (`dotterel.lang`), rather than being coded with English rules."""
    if not value or not value.strip():
        return default
    code = re.split(r"[-_\s]", value.strip().lower(), maxsplit=1)[0] or default
    if len(code) != 2:  # "eng", "English": the ISO 639-1 code where pycountry knows one
        import pycountry

        try:
            found = pycountry.languages.lookup(value.strip())
        except LookupError:
            return code
        return getattr(found, "alpha_2", None) or code
    return code
