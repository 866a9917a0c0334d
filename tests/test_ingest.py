"""Readers: text, HTML, JSONL, RSS/Atom, folders, standard input, and bad inputs."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from dotterel.document import Document, Failure, content_id
from dotterel.ingest import read_feed, read_html, read_jsonl, read_paths, read_text, sniff

FIX = Path(__file__).parent / "fixtures" / "ingest"


def docs(items):
    return [d for d in items if isinstance(d, Document)]


def failures(items):
    return [d for d in items if isinstance(d, Failure)]


def test_text_file_keeps_text_and_gets_content_id():
    [doc] = list(read_text(FIX / "note.txt"))
    assert doc.text.startswith("Ministers meet in Accra\n\nGhana and Togo")
    assert doc.id == content_id(doc.text)
    assert doc.meta.source == str(FIX / "note.txt")
    assert doc.meta.date is None


def test_date_option_sets_publication_date():
    [doc] = list(read_text(FIX / "note.txt", date=dt.date(2024, 1, 9)))
    assert doc.meta.date == dt.date(2024, 1, 9)


def test_html_main_text_title_date_url_publisher():
    [doc] = list(read_html(FIX / "page.html"))
    assert doc.meta.title == "Norway and Sweden agree energy pact"
    assert doc.meta.date == dt.date(2023, 4, 5)
    assert doc.meta.url == "https://news.example.org/2023/04/05/energy-pact"
    assert doc.meta.publisher == "Nordic Fixture News"
    assert "Norway and Sweden agreed on Tuesday" in doc.text
    # boilerplate and navigation are gone, paragraphs are separated by blank lines
    for junk in ("Leave a Reply", "email address", "Copyright", "Sport"):
        assert junk not in doc.text
    assert "\n\nGrid links\n\n" in doc.text


def test_html_date_option_overrides_page_date():
    [doc] = list(read_html(FIX / "page.html", date=dt.date(2023, 4, 6)))
    assert doc.meta.date == dt.date(2023, 4, 6)


def test_html_page_date_does_not_depend_on_the_machines_time_zone(monkeypatch):
    """A page dated today in the easternmost time zone (a day ahead of UTC) keeps its date on
    a machine in the westernmost one: htmldate's latest allowed date is no longer the local
    today, which refused the page's date and took another."""
    import time

    from dotterel.ingest.html import html_document

    day = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=14)).date()
    html = (f'<html><head><title>Police arrest protesters</title><meta property="article:published_time" '
            f'content="{day.isoformat()}T10:00:00+14:00"></head><body><article><h1>Police arrest protesters</h1>'
            "<p>Police in Nairobi arrested twenty protesters on Tuesday after clashes near parliament, officials "
            "said.</p><p>The government condemned the violence and promised an inquiry into the clashes in the "
            "capital.</p></article></body></html>")
    for zone in ("Pacific/Pago_Pago", "Pacific/Kiritimati"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        try:
            assert html_document(html, source="page.html").meta.date == day, zone
        finally:
            monkeypatch.undo()
            time.tzset()


def test_html_without_main_text_is_a_failure():
    [f] = list(read_html(FIX / "empty-page.html"))
    assert isinstance(f, Failure)
    assert "no main text" in f.reason and f.source.endswith("empty-page.html")


def test_rss_one_document_per_item():
    items = list(read_feed(FIX / "feed.rss"))
    assert len(items) == 2 and all(isinstance(d, Document) for d in items)
    first = items[0]
    assert first.text == (
        "Chile and Peru resume border talks\n\n"
        "Chile and Peru resumed talks on their maritime border on Monday.\n\n"
        "The foreign ministers will meet again in May."
    )
    assert first.meta.url == "https://wire.example.org/chile-peru"
    assert first.meta.date == dt.date(2023, 3, 7)
    assert first.meta.title == "Chile and Peru resume border talks"
    assert first.meta.publisher == "Fixture Wire"
    assert items[1].meta.date == dt.date(2024, 6, 26)


def test_atom_entry_content_and_published_date():
    [doc] = list(read_feed(FIX / "feed.atom"))
    assert "Ghana and Togo signed a protocol" in doc.text
    assert doc.meta.url == "https://atom.example.org/ghana-togo"
    assert doc.meta.date == dt.date(2024, 1, 9)


def test_jsonl_malformed_lines_fail_and_the_rest_comes_out():
    items = list(read_jsonl(FIX / "docs.jsonl"))
    good, bad = docs(items), failures(items)
    assert [d.id for d in good] == ["a1", content_id(good[1].text)]
    a1 = good[0]
    assert a1.meta.date == dt.date(2024, 2, 1)
    assert (a1.meta.title, a1.meta.url, a1.meta.publisher) == (
        "Kenya accuses Uganda", "https://example.org/a1", "Fixture",
    )
    reasons = {f.source.rsplit(":", 1)[1]: f.reason for f in bad}
    assert set(reasons) == {"2", "3", "4"}
    assert "invalid JSON" in reasons["2"]
    assert "missing `text`" in reasons["3"]
    assert "bad date" in reasons["4"]
    assert all(f.source.startswith(str(FIX / "docs.jsonl")) for f in bad)
    # failures come in place, in line order
    assert [type(x).__name__ for x in items] == ["Document", "Failure", "Failure", "Failure", "Document"]


def test_stdin_dash_reads_jsonl(monkeypatch):
    data = b'{"id": "s1", "text": "Kenya sent police officers to Haiti."}\nnot json\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read_paths(["-"]))
    assert isinstance(items[0], Document) and items[0].id == "s1"
    assert isinstance(items[1], Failure) and items[1].source == "<stdin>:2"


def test_stdin_dash_reads_plain_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Chile and Peru resumed talks.\n")))
    [doc] = list(read_paths(["-"], date=dt.date(2023, 3, 7)))
    assert doc.text == "Chile and Peru resumed talks." and doc.meta.date == dt.date(2023, 3, 7)


def test_stdin_given_twice_says_it_was_read_not_empty(monkeypatch):
    """`extract - -` reported the second '-' as '<stdin>: empty file (E102)', as if the input
    had been an empty file: the first '-' had read it all. The reason says so; an empty
    standard input given once is still an empty file."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Chile and Peru resumed talks.\n")))
    first, second = read_paths(["-", "-"])
    assert isinstance(first, Document) and isinstance(second, Failure) and second.source == "<stdin>"
    assert second.reason == ("standard input was already read to its end by an earlier '-'; "
                             "give '-' once (E102)")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    [empty] = read_paths(["-"])
    assert empty.reason == "empty file (E102)"


def test_folder_recursive_sorted_hidden_skipped():
    items = list(read_paths([FIX / "folder"]))
    sources = [Path(d.meta.source).relative_to(FIX / "folder").as_posix() for d in items]
    assert sources == ["a.txt", "b.txt", "sub/c.txt"]


def test_missing_empty_binary_and_undecodable(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "blob.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("Spain sent doctors to Morocco.\n")
    paths = [tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "blob.bin",
             tmp_path / "latin.txt", tmp_path / "ok.txt"]
    items = list(read_paths(paths))
    assert [type(x).__name__ for x in items] == ["Failure"] * 4 + ["Document"]
    missing, empty, blob, latin = items[:4]
    assert "no such file" in missing.reason and missing.source.endswith("missing.txt")
    assert "empty" in empty.reason
    assert "binary" in blob.reason
    assert "not UTF-8" in latin.reason


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "page").write_text((FIX / "page.html").read_text())
    (tmp_path / "feed").write_text((FIX / "feed.rss").read_text())
    (tmp_path / "plain.md").write_text("Kenya sent police officers to Haiti.")
    items = list(read_paths([tmp_path / "page", tmp_path / "feed", tmp_path / "plain.md"]))
    assert [d.meta.title for d in items[:1]] == ["Norway and Sweden agree energy pact"]
    assert len(items) == 4 and items[3].text == "Kenya sent police officers to Haiti."


@pytest.mark.parametrize(
    "text, kind",
    [('{"text": "x"}', "jsonl"), ("<?xml version='1.0'?><rss>", "feed"),
     ("<!DOCTYPE html><html>", "html"), ("Plain words.", "text")],
)
def test_sniff(text, kind):
    assert sniff(text) == kind


def test_example_articles_read_cleanly():
    from dotterel.api import example_path

    items = list(read_paths([example_path()]))
    assert len(items) >= 6 and not failures(items)
    for doc in items:
        assert doc.meta.date is not None and doc.meta.title
        assert 150 <= len(doc.text.split()) <= 400
    assert any("Leave a Reply" in d.text for d in items)


def test_a_declared_language_reaches_the_document_and_an_unknown_one_fails_alone(tmp_path):
    from dotterel.ingest._common import language_code

    assert [language_code(v) for v in ("en-GB", "EN_us", " fr ", "eng", "English", "", None)] == [
        "en", "en", "fr", "en", "en", "en", "en"]
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "e", "text": "Kenya accused Uganda of spying.", "language": "en-GB"}\n'
        '{"id": "f", "text": "Le Kenya a accusé l\'Ouganda.", "language": "fr"}\n', encoding="utf-8"
    )
    items = list(read_jsonl(path))
    assert [d.meta.language for d in docs(items)] == ["en", "fr"]
    from dotterel.api import extract

    out = list(extract(items))
    coded = [(getattr(d, "id", None), len(recs)) for d, recs in out if isinstance(d, Document)]
    failed = [d for d, _ in out if isinstance(d, Failure)]
    assert coded == [("e", 1)]
    assert len(failed) == 1 and "no language data for 'fr'" in failed[0].reason and "'f'" in failed[0].reason
    # a feed's <language> is its items' language
    rss = (FIX / "feed.rss").read_text().replace("<channel>", "<channel><language>fr-FR</language>", 1)
    (tmp_path / "lang.rss").write_text(rss, encoding="utf-8")
    assert {d.meta.language for d in read_feed(tmp_path / "lang.rss")} == {"fr"}


def test_a_jsonl_line_that_is_not_utf8_fails_alone(tmp_path, monkeypatch):
    # one undecodable byte used to fail the whole file (E103) and lose its good lines
    good = b'{"id": "u1", "text": "Kenya accused Uganda of violating the border deal."}'
    bad = b'{"id": "u2", "text": "France condemned Iran \xe9\xff over the test."}'
    last = b'{"id": "u3", "text": "Chile and Peru resumed talks."}'
    data = b"\xef\xbb\xbf" + good + b"\r\n" + bad + b"\r\n" + last + b"\r\n"  # a BOM and CRLF too
    (tmp_path / "l1.jsonl").write_bytes(data)
    (tmp_path / "l1.dat").write_bytes(data)  # sniffed as JSONL
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    for name, items in [("l1.jsonl", list(read_jsonl(tmp_path / "l1.jsonl"))),
                        ("l1.dat", list(read_paths([tmp_path / "l1.dat"]))),
                        ("<stdin>", list(read_paths(["-"])))]:
        assert [type(x).__name__ for x in items] == ["Document", "Failure", "Document"], name
        first, failed, third = items
        assert (first.id, third.id) == ("u1", "u3") and first.text.endswith("border deal.")
        assert third.meta.source.endswith(f"{name}:3")
        assert failed.source.endswith(f"{name}:2") and failed.doc_id == "u2"
        offset = data.index(b"\xe9")
        assert f"not UTF-8 text (undecodable byte at offset {offset} of the file" in failed.reason
        assert "E103" in failed.reason
    # a plain-text file is still one unit: refused whole
    (tmp_path / "l1.txt").write_bytes(bad)
    [whole] = list(read_paths([tmp_path / "l1.txt"]))
    assert isinstance(whole, Failure) and "not UTF-8" in whole.reason and whole.source.endswith("l1.txt")


def test_jsonl_fields_of_the_wrong_type_fail_their_line_and_ids_are_one_line(tmp_path):
    # these used to be stored as Python's text: title '5', url "['x']", publisher "{'a': 1}", id 'True'
    rows = [
        '{"id": "x1", "text": "Kenya met Norway.", "title": 5}',
        '{"id": "x2", "text": "Kenya met Norway.", "url": ["x"]}',
        '{"id": "x3", "text": "Kenya met Norway.", "publisher": {"a": 1}}',
        '{"id": true, "text": "Kenya met Norway."}',
        '{"id": 1.5, "text": "Kenya met Norway."}',
        '{"id": "a\\nb", "text": "Kenya met Norway."}',
        '{"id": "tab\\there", "text": "Kenya met Norway."}',
        '{"id": "   ", "text": "Kenya met Norway."}',
        '{"id": 7, "text": "Chile met Peru.", "title": null, "url": "", "publisher": "P"}',
        '{"id": "ok", "text": "Chile met Peru.", "title": "T", "url": "https://e.org/1", "language": "en"}',
    ]
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = list(read_jsonl(path))
    assert [type(x).__name__ for x in items] == ["Failure"] * 8 + ["Document"] * 2
    reasons = [f.reason for f in items[:8]]
    assert reasons[0] == "`title` must be a string or null, not a number (5) (E104)"
    assert reasons[1] == '`url` must be a string or null, not an array (["x"]) (E104)'
    assert reasons[2] == '`publisher` must be a string or null, not an object ({"a": 1}) (E104)'
    assert reasons[3] == "`id` must be a string or an integer, not a boolean (true) (E104)"
    assert reasons[4] == "`id` must be a string or an integer, not a number (1.5) (E104)"
    assert reasons[5] == "id 'a\\nb' holds a control character (U+000A); an id is one line of text (E109)"
    assert "U+0009" in reasons[6] and "E109" in reasons[6]
    assert reasons[7] == "id '   ' is blank (E109)"
    assert [f.source for f in items[:8]] == [f"{path}:{n}" for n in range(1, 9)]
    assert [f.doc_id for f in items[:3]] == ["x1", "x2", "x3"]  # a valid id names the failure
    for f in items[3:8]:  # a refused id never becomes a stored id: one line, hashed
        assert f.doc_id.startswith(("id-", "src-")) and f.doc_id.isprintable()
    seven, ok = items[8:]
    assert seven.id == "7" and (seven.meta.title, seven.meta.url, seven.meta.publisher) == (None, None, "P")
    assert ok.id == "ok" and (ok.meta.title, ok.meta.url) == ("T", "https://e.org/1")


def test_a_folder_without_files_is_a_failure(tmp_path):
    """An empty folder (or one of hidden files and empty sub-folders) used to yield nothing at all."""
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden.txt").write_text("Spain sent doctors to Morocco.\n")
    [f] = list(read_paths([tmp_path]))
    assert isinstance(f, Failure) and f.source == str(tmp_path)
    assert f.reason == "no input files in the folder (hidden files are skipped) (E110)"
    (tmp_path / "sub" / "a.txt").write_text("Spain sent doctors to Morocco.\n")
    assert [type(x).__name__ for x in read_paths([tmp_path])] == ["Document"]


def test_invalid_json_message_says_at_once(tmp_path):
    """json's 'Invalid control character at' was printed as '... at at column 11'."""
    path = tmp_path / "ctl.jsonl"
    path.write_text('{"text": "a\x01b"}\n{"text": "x\n', encoding="utf-8")
    first, second = list(read_jsonl(path))
    assert first.reason == "invalid JSON (Invalid control character at column 12) (E104)"
    assert second.reason == "invalid JSON (Unterminated string starting at column 10) (E104)"


def test_a_truncated_feed_item_says_the_feed_is_broken(tmp_path):
    """'<rss><channel><item><title>x' was reported as 'item 1 has no title or text', though
    it has a title: the parser dropped it because the feed is cut short."""
    path = tmp_path / "cut.rss"
    path.write_text("<rss><channel><item><title>x", encoding="utf-8")
    [f] = list(read_feed(path))
    assert isinstance(f, Failure) and f.source == f"{path}#1"
    assert f.reason.startswith("item 1 could not be read: the feed is truncated or malformed (")
    assert "no title or text" not in f.reason
    path.write_text("<rss><channel><item><link>https://x.example/a</link></item></channel></rss>", encoding="utf-8")
    [f] = list(read_feed(path))
    assert f.reason == "item 1 has no title or text (E107)"


@pytest.mark.filterwarnings("error::DeprecationWarning")  # feedparser's fallback from updated to published
def test_a_feed_item_with_a_bad_date_fails_like_a_jsonl_line(tmp_path):
    """An unreadable <pubDate> silently left the document undated, while a bad JSONL date is E106."""
    item = "<item><title>Kenya accused Uganda</title><description>Of spying.</description>{}</item>"
    path = tmp_path / "dates.rss"
    path.write_text("<rss><channel>" + item.format("<pubDate>sometime</pubDate>")
                    + item.format("<pubDate>Tue, 04 Apr 2023 10:00:00 GMT</pubDate>") + item.format("")
                    + "</channel></rss>", encoding="utf-8")
    bad, dated, undated = read_feed(path)
    assert isinstance(bad, Failure) and bad.source == f"{path}#1"
    assert bad.reason == "item 1 has a bad date 'sometime'; expected an RFC 822 or ISO 8601 date (E106)"
    assert dated.meta.date == dt.date(2023, 4, 4) and undated.meta.date is None


def test_a_utf16_jsonl_file_is_one_failure_not_one_a_line(tmp_path):
    """Decoding JSONL line by line must not turn a file in another encoding into a failure
    for every line: a byte-order mark of UTF-16 (or UTF-32) fails the file once, E103."""
    path = tmp_path / "u16.jsonl"
    path.write_bytes('{"id": "a", "text": "Kenya met Chile."}\n{"id": "b", "text": "Peru met Chile."}\n'
                     .encode("utf-16"))
    (only,) = list(read_jsonl(path))
    assert isinstance(only, Failure) and "UTF-16" in only.reason and "(E103)" in only.reason


def test_invisible_characters_in_a_word_are_dropped_by_the_readers(tmp_path):
    """A soft hyphen ('ac\\u00adcused') or a zero-width space beside a word made the parser read a
    word no lexicon knows: the accusation was lost, or another act coded. The JSONL and text
    readers drop them, as a browser hides them and the HTML reader's extraction drops them."""
    path = tmp_path / "inv.jsonl"
    lines = ["Kenya ac\u00adcused Uganda of violating the border deal.",
             "Kenya accused\u200b Uganda of violating the\u2060 border deal."]
    import json

    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(lines)),
                    encoding="utf-8")
    texts = [d.text for d in read_jsonl(path)]
    assert texts == ["Kenya accused Uganda of violating the border deal."] * 2
    (tmp_path / "inv.txt").write_text("Police ar\u00adrested two men.", encoding="utf-8")
    (doc,) = list(read_text(tmp_path / "inv.txt"))
    assert doc.text == "Police arrested two men."


def test_html_left_in_a_jsonl_text_is_read_as_text(tmp_path):
    """'<p>Kenya accused Uganda.</p><p>Police arrested two men.</p>' in a JSONL line had been
    parsed with its tags as words, one sentence across both paragraphs ('<p>Kenya' the police's
    doer): known tags are now read as an HTML reader would (paragraphs, no inline tags, no
    scripts, entities read); '<' that is no tag stays; a text of tags alone fails (E105)."""
    import json

    path = tmp_path / "m.jsonl"
    texts = ["<p>Kenya accused Uganda of violating the deal.</p><p>Police arrested two men.</p>",
             "Kenya accused <b onmouseover=alert(1)>Uganda</b> &amp; Chad.<script>alert(2)</script>",
             "Shares rose as 3 < 4 and fans sent <3 to AT&amp;T.", "<p> </p>"]
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
                    encoding="utf-8")
    out = list(read_jsonl(path))
    assert [o.text for o in out[:3]] == [
        "Kenya accused Uganda of violating the deal.\n\nPolice arrested two men.",
        "Kenya accused Uganda & Chad.", texts[2]]
    assert isinstance(out[3], Failure) and "(E105)" in out[3].reason


def test_folder_follows_linked_subfolders_and_names_a_link_loop(tmp_path):
    """A link to a folder inside the input folder is read, as a link to a file is; a link
    that loops back to a folder being read is a failure naming the link, never skipped
    in silence nor followed forever."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text("Ghana accused Togo of smuggling weapons across the border.\n")
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a.txt").write_text("Kenya accused Uganda of violating the border agreement.\n")
    (news / "linked").symlink_to(elsewhere, target_is_directory=True)
    (news / "sub" / "up").symlink_to(news, target_is_directory=True)
    items = list(read_paths([news]))
    assert [d.meta.source for d in docs(items)] == [str(news / "a.txt"), str(news / "linked" / "b.txt")]
    [loop] = failures(items)
    assert loop.source == str(news / "sub" / "up") and "loops back" in loop.reason and "(E114)" in loop.reason


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_text_file_in_utf16_says_so_and_how_to_convert_it(tmp_path, encoding, name):
    """A UTF-16 text file (a byte-order mark: what Notepad's 'Unicode' writes) was refused as
    'binary file (NUL bytes)', as if it were a PDF: the reason must name the encoding and say
    what to do, for a text file, a sniffed file and standard input alike."""
    text = "Kenya accused Uganda of violating the border agreement."
    data = ("\ufeff" + text if encoding == "utf-16-be" else text).encode(encoding)
    for path in (tmp_path / "u.txt", tmp_path / "u"):
        path.write_bytes(data)
        [failed] = list(read_paths([path]))
        assert isinstance(failed, Failure) and failed.source == str(path)
        assert f"{name} text (a byte-order mark); expected UTF-8" in failed.reason, failed.reason
        assert "iconv" in failed.reason and "(E103)" in failed.reason and "NUL" not in failed.reason


@pytest.mark.parametrize("encoding, name", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_a_text_file_in_utf16_without_a_bom_says_so_too(tmp_path, monkeypatch, encoding, name):
    """UTF-16 without a byte-order mark (what some exporters write) was still refused as
    'binary file (NUL bytes)': every other byte NUL in Latin-script text names the encoding,
    with the byte order iconv needs, for a text file, a sniffed file, JSONL and standard input."""
    text = "Kenya accused Uganda of violating the border agreement near Busia.\n"
    data = text.encode(encoding)
    jsonl = ('{"id": "a", "text": "Kenya met Chile."}\n' * 3).encode(encoding)
    for path, payload in ((tmp_path / "u.txt", data), (tmp_path / "u", data), (tmp_path / "u.jsonl", jsonl)):
        path.write_bytes(payload)
        [failed] = list(read_paths([path]))
        assert isinstance(failed, Failure) and failed.source == str(path)
        assert failed.reason == (f"{name} text (no byte-order mark: every other byte is NUL); expected UTF-8: "
                                 f"convert the file first, e.g. with `iconv -f {name} -t UTF-8` (E103)")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [failed] = list(read_paths(["-"]))
    assert failed.source == "<stdin>" and name in failed.reason and "NUL bytes" not in failed.reason
    # a binary file is still one: its NUL bytes do not alternate with printable text
    (tmp_path / "b.bin").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    [binary] = list(read_paths([tmp_path / "b.bin"]))
    assert binary.reason == "binary file (NUL bytes); expected UTF-8 text (E103)"


def test_a_text_file_not_utf8_says_how_to_convert_it(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 owners protested in Lyon.".encode("latin-1"))
    [failed] = list(read_paths([path]))
    assert failed.reason.startswith("not UTF-8 text (undecodable byte at offset 3)")
    assert "iconv" in failed.reason and failed.reason.endswith("(E103)")


def test_a_jsonl_text_of_the_wrong_type_is_not_called_missing(tmp_path):
    """`"text": 5` was reported as 'missing `text`': the field is there, of the wrong type, and
    the reason must say so as it does for title, url and the others."""
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "a", "text": 5}\n{"id": "b", "text": ["Kenya met Chile."]}\n{"id": "c"}\n'
                    '{"id": "d", "text": null}\n', encoding="utf-8")
    a, b, c, d = read_jsonl(path)
    assert a.reason == "`text` must be a string, not a number (5) (E104)"
    assert b.reason == '`text` must be a string, not an array (["Kenya met Chile."]) (E104)'
    assert c.reason == d.reason == "missing `text` (a string) (E104)"


def test_an_impossible_date_says_there_is_no_such_day(tmp_path):
    """'2023-02-30' is written as YYYY-MM-DD: 'expected YYYY-MM-DD' alone sent the reader looking
    for a format error; the reason must say the day does not exist."""
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "Kenya met Chile.", "date": "2023-02-30"}\n'
                    '{"text": "Peru met Chile.", "date": "May 3"}\n', encoding="utf-8")
    impossible, other = read_jsonl(path)
    assert impossible.reason == "bad date '2023-02-30': no such day (day is out of range for month) (E106)"
    assert other.reason == "bad date 'May 3'; expected YYYY-MM-DD (E106)"


def test_extract_date_option_says_there_is_no_such_day(capsys):
    from dotterel.cli.main import main

    with pytest.raises(SystemExit):
        main(["extract", "-", "--date", "2023-02-30"])
    assert "'2023-02-30': no such day (day is out of range for month)" in capsys.readouterr().err


def test_a_json_file_is_read_as_json_not_as_text(tmp_path):
    """A .json file (an array of articles, or one pretty-printed object) was coded as one plain
    text, JSON syntax and all, with exit status 0, or failed line by line as JSONL. Its objects
    are read as JSONL lines are: FILE#N for an array's items, the file for one object; a file
    without a known extension and standard input alike."""
    import json

    arts = [{"id": "j1", "text": "Kenya accused Uganda of violating the border agreement.", "date": "2024-02-01"},
            {"id": "j2", "text": 7}]
    (tmp_path / "arr.json").write_text(json.dumps(arts, indent=2), encoding="utf-8")
    (tmp_path / "arr").write_text(json.dumps(arts, indent=2), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps(arts[0], indent=2), encoding="utf-8")
    (tmp_path / "one").write_text(json.dumps(arts[0], indent=2), encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"text": "x",\n', encoding="utf-8")
    for name in ("arr.json", "arr"):
        ok, bad = read_paths([tmp_path / name])
        assert isinstance(ok, Document) and ok.id == "j1" and ok.meta.source == f"{tmp_path / name}#1"
        assert ok.text == arts[0]["text"] and ok.meta.date == dt.date(2024, 2, 1)
        assert isinstance(bad, Failure) and bad.source == f"{tmp_path / name}#2" and "`text` must be a string" in bad.reason
    for name in ("one.json", "one"):
        [one] = read_paths([tmp_path / name])
        assert isinstance(one, Document) and one.id == "j1" and one.meta.source == str(tmp_path / name)
    [bad] = read_paths([tmp_path / "bad.json"])
    assert isinstance(bad, Failure) and "invalid JSON" in bad.reason and "line 2" in bad.reason
    # JSONL without a known extension is still JSONL, and a text starting with '[' is still text
    (tmp_path / "lines").write_text(json.dumps(arts[0]) + "\n" + json.dumps({"text": "Peru met Chile."}) + "\n")
    (tmp_path / "note").write_text("[Reuters] Kenya accused Uganda of violating the border agreement.\n")
    a, b, note = read_paths([tmp_path / "lines", tmp_path / "note"])
    assert a.meta.source.endswith("lines:1") and b.meta.source.endswith("lines:2")
    assert note.text.startswith("[Reuters]")


def test_a_json_array_on_standard_input_is_read_as_json(monkeypatch):
    import json

    data = json.dumps([{"id": "s1", "text": "Kenya accused Uganda."}, {"id": "s2", "text": "Peru met Chile."}])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    a, b = read_paths(["-"])
    assert (a.id, a.meta.source, b.id, b.meta.source) == ("s1", "<stdin>#1", "s2", "<stdin>#2")


@pytest.mark.parametrize("name", ["rows.csv", "rows.TSV"])
def test_a_csv_file_is_refused_not_coded_as_prose(tmp_path, name):
    """A CSV of articles was read as one plain text (header, quotes, commas and all) and coded,
    exit status 0: its events came out under one made-up document. It is a failure naming the
    file and what to do; the other files of the batch are read."""
    (tmp_path / name).write_text('id,text\n1,"Kenya accused Uganda of violating the border."\n')
    (tmp_path / "ok.txt").write_text("Spain sent doctors to Morocco.\n")
    bad, ok = read_paths([tmp_path / name, tmp_path / "ok.txt"])
    assert isinstance(bad, Failure) and bad.source == str(tmp_path / name)
    assert "not read" in bad.reason and "JSONL" in bad.reason and bad.reason.endswith("(E115)")
    assert isinstance(ok, Document)
