"""Readers: files, folders, feeds and standard input become `Document`s.

    read_paths(["news/", "page.html", "items.jsonl", "-"], date=None)

yields one `Document` per article, or a `Failure` in its place when a source
cannot be read (missing, empty, binary, malformed JSONL line, HTML without main
text), so that the rest of a batch goes on. Formats, by file name:

    .txt, other text files   plain text, one document
    .html, .htm               main text via trafilatura; title/date/url from the page
    .jsonl, .ndjson           one document per line (id, text, date, title, url, publisher, language)
    .json                     one such object, or an array of them (FILE#1, FILE#2...)
    .xml, .rss, .atom         RSS/Atom feed, one document per item
    a folder                  every file in it, recursively, sorted, hidden ones skipped, links followed
    -                         standard input (JSON, JSONL if it starts with '{', else text)

CSV and TSV files are refused (E115). Files with other names are sniffed (feed, HTML, else text). Document ids are
the JSONL ``id`` or derived from the text (`dotterel.document.content_id`).
``date`` overrides the publication date of every document.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..document import Document, Failure
from ._common import E_FORMAT, E_LINK_LOOP, E_MISSING, E_NO_FILES, ReadProblem, decode, failure, read_bytes
from .feed import feed_documents, read_feed
from .html import html_document, read_html
from .jsonl import (
    json_documents,
    jsonl_bytes_documents,
    jsonl_documents,
    looks_like_jsonl,
    read_json,
    read_jsonl,
    whole_json,
)
from .text import read_text, text_documents

__all__ = ["read_paths", "read_path", "read_text", "read_html", "read_jsonl", "read_feed", "sniff", "documents_of"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
# tables: read as text they were coded as one prose document, header and commas and all
TABLE_SUFFIXES = {".csv", ".tsv"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}


def read_paths(
    paths: Iterable[str | os.PathLike[str]], *, date: dt.date | None = None
) -> Iterator[Document | Failure]:
    """Documents (or failures) from files, folders and ``-``, in the order given."""
    for path in paths:
        yield from read_path(path, date=date)


def suffix_kind(name: str) -> str | None:
    """What a file's name says it holds: "html", "jsonl", "json", "feed", "text", or None (sniffed)."""
    suffix = os.path.splitext(name)[1].lower()
    for kind, suffixes in (("html", HTML_SUFFIXES), ("jsonl", JSONL_SUFFIXES), ("json", JSON_SUFFIXES),
                           ("feed", FEED_SUFFIXES), ("text", {".txt"})):
        if suffix in suffixes:
            return kind
    return None


def read_path(path: str | os.PathLike[str], *, date: dt.date | None = None) -> Iterator[Document | Failure]:
    name = os.fspath(path)
    if name == "-":
        yield from _read_sniffed("-", "<stdin>", date, stdin=True)
        return
    p = Path(name)
    if p.is_dir():
        for child in _walk(p):
            if isinstance(child, Failure):
                yield child
            else:
                yield from read_path(child, date=date)
        return
    if os.path.splitext(name)[1].lower() in TABLE_SUFFIXES:
        yield failure(name, ReadProblem(
            E_FORMAT, "a CSV/TSV file is not read (dotterel reads text, HTML, JSON, JSONL and RSS/Atom): "
            "write one JSON object per line with its `text` (and `id`, `date`...) and pass that .jsonl file"))
        return
    reader = {"html": read_html, "jsonl": read_jsonl, "json": read_json, "feed": read_feed,
              "text": read_text}.get(suffix_kind(name))
    if reader is not None:
        yield from reader(p, date=date)
    else:
        yield from _read_sniffed(p, name, date)


def sniff(text: str) -> str:
    """Guess the format of text whose file name does not say: feed, html, jsonl or text."""
    head = text.lstrip()[:2048].lower()
    if head.startswith("{"):
        return "jsonl"
    if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or "<html" in head[:512]:
        return "html"
    return "text"


def _read_sniffed(
    path: str | Path, source: str, date: dt.date | None, *, stdin: bool = False
) -> Iterator[Document | Failure]:
    try:
        data = read_bytes(path)
        if data.removeprefix(codecs.BOM_UTF8).lstrip()[:1] in (b"[", b"{"):
            # a JSON file (an array, or one object over several lines) was misread as text or JSONL
            try:
                text = decode(data)
            except ReadProblem:
                text = None
            if text is not None and whole_json(text) is not None:
                yield from json_documents(text, source=source, date=date)
                return
        if looks_like_jsonl(data):
            # JSONL: each line decoded alone (a NUL or a byte that is not UTF-8 fails its line)
            yield from jsonl_bytes_documents(data, source=source, date=date)
            return
        text = decode(data)
        kind = sniff(text)
        yield from documents_of(text, "text" if kind == "feed" and stdin else kind, source=source, date=date)
    except ReadProblem as problem:
        yield failure(source, problem)


def documents_of(text: str, kind: str, *, source: str, date: dt.date | None) -> Iterator[Document | Failure]:
    """The documents of a decoded text in a known format (`sniff`'s names: jsonl, feed, html,
    text), by the reader of that format."""
    if kind == "jsonl":
        yield from jsonl_documents(text, source=source, date=date)
    elif kind == "json":
        yield from json_documents(text, source=source, date=date)
    elif kind == "feed":
        yield from feed_documents(text, source=source, date=date)
    elif kind == "html":
        yield html_document(text, source=source, date=date)
    else:
        yield from text_documents(text, source=source, date=date)


def _walk(folder: Path) -> Iterator[Path | Failure]:
    """Files under a folder, recursively, sorted by path; hidden files and folders skipped,
    links to files and folders followed (a link that loops back is a `Failure`, E114).

    A sub-folder that cannot be listed is a `Failure` (never skipped without a word), and so
    is a folder with no file to read: a mistyped or not yet filled folder must not pass for
    a run with nothing to do, as a missing path does not (E101).
    """
    found: list[Path] = []
    unreadable: list[Failure] = []

    def complain(exc: OSError) -> None:
        where = exc.filename or str(folder)
        unreadable.append(failure(str(where), ReadProblem(E_MISSING, f"cannot read folder: {exc.strerror or exc}")))

    # links are followed, to folders as to files (os.walk's default left a linked folder out
    # without a word); a link to a folder that holds the one being walked would loop forever
    for root, dirs, files in os.walk(folder, onerror=complain, followlinks=True):
        here = os.path.realpath(root)
        keep = []
        for d in dirs:
            if d.startswith(".") or d == "__pycache__":
                continue
            link = os.path.join(root, d)
            if os.path.islink(link):
                target = os.path.realpath(link)
                if here == target or here.startswith(target.rstrip(os.sep) + os.sep):
                    unreadable.append(failure(link, ReadProblem(
                        E_LINK_LOOP, f"link to a folder loops back to {target}, which is being read; not followed")))
                    continue
            keep.append(d)
        dirs[:] = keep
        found += [Path(root) / f for f in files if not f.startswith(".")]
    yield from unreadable
    if not found and not unreadable:
        yield failure(str(folder), ReadProblem(E_NO_FILES, "no input files in the folder (hidden files are skipped)"))
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)
