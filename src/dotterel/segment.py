"""Paragraphs, sentences and what kind of text each one is.

Only ``body`` sentences may produce events: headings, captions and page
boilerplate ("Leave a Reply", "Your email address will not be published.")
are recognised here and marked, so that no later stage has to think about them.
The boilerplate and caption patterns are the document's language's
(lang/<code>/boilerplate.toml); a document whose language has no data fails here.

A headline ("Venezuela expels Chilean diplomats", "Ugandan police arrest opposition MP") is
parsed again when the parser, trained on running text, read its verb as a plural noun: a
body line without final punctuation (a lone headline, a document of one line; a title codes
nothing anyway) whose parse has no verb as its one root, with a word the event
lexicon knows as a verb ("expels", "arrest"), is parsed once more with that word in the past
tense ("expelled"), and when that parse makes it the one root, its tags, dependencies and
entities replace the first ones (the word keeps its text, and its tag says present tense).
The parser may also read the headline's verb as a plural noun and its object as the verb
("Kenya's Ruto rejects calls for talks": "rejects" the subject of "calls"); when the one root
has such a word right before it as its subject, that word is tried the same way, and the new
parse is taken only when the old root is then no verb of a clause (in "Rebel attacks killed 12
soldiers" "attacked killed" leaves "killed" a verb, and the first parse stands).
A headline's clauses either side of a semicolon ("Man shot outside bar; police seek
witnesses") are sentences of their own (`nlp` marks them before the parser runs), and each is
repaired alone; in prose a semicolon stays inside its sentence.

Quotation marks written with single quotes ('respects the choices', ‘certain countries’, the
British style) are read by the parser as doubled ones: the parser, trained on American text,
takes a single quote for a possessive or an apostrophe and misreads what follows ("said Beijing
'respects the choices of Pacific island countries' and accused 'certain countries' of ...": no
one accused). `for_parser` pairs them (an opening one after a space or a bracket before a word;
its closing one the first after it, before the next opening one, that ends a word: one after a
comma or a full stop first, a plural possessive inside a quotation otherwise) and the parse is
made of a copy of the text with each pair doubled, character for character the same length;
the parse then takes the text back, so that every token, offset and span is the text's own.
A finite verb after a quotation that the parser joins to a verb inside it ("termed the walkout
'a drama staged for the cameras' and accused ...") is hung on the verb that frames the
quotation (`repair_quoted_coordination`).

A text longer than `MAX_PART_CHARS` is parsed in parts, cut at paragraph
breaks (else line breaks, sentence ends, spaces), and the parts are joined
into one parse of the whole text: every offset stays an offset into the
document, and no length is refused (spaCy alone stops at 1,000,000 characters).
In a batch, a document the parser cannot take fails alone (its ``parse``
stage raises for it); the other documents of the batch are parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from . import lang
from .document import Document, Sentence, SentenceKind
from .lang import LanguageError
from .nlp import load

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")

# "TIRANA, Albania (AP) -- ", "BEIJING -- ", "KHARTOUM, March 16 (Xinhua) -- ",
# "TOKYO/SÃO PAULO, May 22 - ": where the story was filed, not part of the first sentence's
# grammar. Matched from where a paragraph starts (`re.match` with a position: a "^" would
# match only at the start of the text, and miss the dateline under a headline)
_CAPS = "A-ZÀ-ÖØ-Þ"  # capital letters, those of Latin-1 too ("ASUNCIÓN")
_DATELINE = re.compile(
    rf"""[{_CAPS}][{_CAPS}.'\-/]+(?:\s+[{_CAPS}][{_CAPS}.'\-/]+)*  # CITY in capitals, CITY/CITY
        (?:,\s*[A-Z][\w.'\-]*                              # , Country / , Month day / , Lanao del Sur
           (?:\s+(?:[A-Z0-9][\w.'\-]*|(?:de|del|do|da|dos|das|di|la|el|and|of)(?=\s+[A-Z])))*)*
        (?:(?:\s*\([^)]{{1,40}}\))?                         # (AP), (Reuters)
           \s*(?:(?:--|—|–)(?=[A-Z])                         # then a dash ("WASHINGTON—President")
              |(?:--|—|–|-|:)(?:\s+|$))                     # or a dash or a colon and a space
         |\.\s*/[A-Z]{{2,12}}/\.?\s+                         # or an agency between slashes: "MOSCOW, April 16. /TASS/."
         |\s*\([A-Z][A-Za-z]{{1,11}}\)(?=\s+[A-Z])\s+)       # or a news agency alone: "MEXICO CITY (AP) Mexico's"
        """,
    re.VERBOSE,
)

_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")

# a single quote that opens a quotation: after a space, a bracket or a dash (or first), before a
# word, but not an elided year ("the '90s")
_QUOTE_OPEN = re.compile(r"(?<![^\s(\[\u2014\u2013\"\u201c-])['\u2018](?=\w)(?!\d0s\b)")
# one that may close it: after a word or a stop, before a space, a stop or the end
_QUOTE_CLOSE = re.compile(r"(?<=[\w.,!?%)])['\u2019](?=[\s.,;:!?)\]\u2014\u2013-]|$)")
_AFTER_STOP = frozenset(".,!?")


def for_parser(text: str) -> str:
    """The text with each pair of single quotation marks doubled (`"`), for the parser alone
    (module docstring); the same length, so that every offset holds. Within a paragraph."""
    opens = [m.start() for m in _QUOTE_OPEN.finditer(text)]
    if not opens:
        return text
    closes = [m.start() for m in _QUOTE_CLOSE.finditer(text)]
    chars = list(text)
    for k, start in enumerate(opens):
        stop = opens[k + 1] if k + 1 < len(opens) else len(text)
        stop = min(stop, _paragraph_end(text, start))
        inside = [c for c in closes if start < c < stop]
        if not inside:
            continue  # no closing quote: an apostrophe of some other kind
        end = next((c for c in inside if text[c - 1] in _AFTER_STOP), inside[0])
        chars[start] = chars[end] = '"'
    return "".join(chars)


def _paragraph_end(text: str, at: int) -> int:
    found = text.find("\n", at)
    return len(text) if found < 0 else found


def _with_text(parsed, text: str):
    """The parse of `for_parser(text)` made a parse of `text`: the same tokens, tags,
    dependencies and entities, each token's text the text's own."""
    if parsed.text == text:
        return parsed
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    words = [text[t.idx:t.idx + len(t.text)] for t in parsed]
    out = Doc(parsed.vocab, words=words, spaces=[bool(t.whitespace_) for t in parsed])
    attrs = [TAG, POS, MORPH, DEP, HEAD, LEMMA, ENT_IOB, ENT_TYPE]
    out.from_array(attrs, parsed.to_array(attrs))
    for tok, old in zip(out, parsed):
        if tok.text != old.text:
            tok.lemma_ = tok.text  # the quotation mark's lemma is itself
    if out.text != text:  # offsets would point elsewhere: never code that
        raise ValueError("the parse does not join back into the text")
    return out


#: Texts longer than this are parsed in parts of at most this many characters.
MAX_PART_CHARS = 100_000
_CUTS = ("\n\n", "\n", ". ", " ")


def split_parts(text: str, limit: int = MAX_PART_CHARS) -> list[str]:
    """Consecutive slices of `text` (joined, they are the text), each at most `limit` long,
    cut after a paragraph break where one lies in the second half of a part, else after a
    line break, a sentence end or a space, else at the limit."""
    parts: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = limit
        for sep in _CUTS:
            at = window.rfind(sep, limit // 2)
            if at >= 0:
                cut = at + len(sep)
                break
        parts.append(text[pos : pos + cut])
        pos += cut
    parts.append(text[pos:])
    return parts


@dataclass(slots=True)
class Paragraph:
    index: int
    start: int
    end: int
    kind: SentenceKind


@cache
def _page_patterns(words: lang.Words) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A language's boilerplate and caption patterns (lang/<code>/boilerplate.toml), compiled once."""
    return _at_start(words.boilerplate.page), _at_start(words.boilerplate.caption)


def _at_start(alternatives: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{alternatives})", re.IGNORECASE | re.VERBOSE)


def classify_paragraph(
    text: str, *, first: bool = False, title: str | None = None, language: str = "en"
) -> SentenceKind:
    """Decide whether a paragraph is article body, a heading, a caption or boilerplate
    (the patterns of `language`)."""
    stripped = text.strip()
    boilerplate, caption = _page_patterns(lang.words(language))
    if boilerplate.match(stripped):
        return "boilerplate"
    if caption.match(stripped):
        return "caption"
    if title and stripped.rstrip(".") == title.strip().rstrip("."):
        return "title"
    if "\n" not in stripped and not _SENTENCE_END.search(stripped):
        words = stripped.split()
        # A line with no closing punctuation is a heading or a title; a long one
        # is more likely a sentence whose final stop the page lost.
        if len(words) <= 20 or first:
            return "title" if first else "heading"
    return "body"


def paragraphs(text: str, *, title: str | None = None, language: str = "en") -> list[Paragraph]:
    """Split text at blank lines (single newlines too when no blank line is used); each
    paragraph's kind is read with the patterns of `language`."""
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else re.compile(r"\n")
    out: list[Paragraph] = []
    pos = 0
    for m in list(breaks.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if chunk.strip():
            s, e = pos + lead, pos + trail
            kind = classify_paragraph(text[s:e], first=not out, title=title, language=language)
            out.append(Paragraph(len(out), s, e, kind))
        if m:
            pos = m.end()
    if len(out) == 1 and out[0].kind in ("title", "heading"):
        out[0].kind = "body"  # a lone line is the text itself, not a heading over nothing
    return out


class Parse:
    """Run spaCy over the text and record sentences with their paragraph and kind."""

    name = "parse"
    requires = ("text",)
    assigns = ("parse", "sentences")

    def __init__(self, model: str | None = None, batch_size: int = 32):
        self.model = model
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None:
            lang.for_document(doc)  # a language without data fails before the parse
            self._parse(load(self.model), [doc])  # raises for this document alone
        return doc

    def pipe_batch(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        nlp = load(self.model)
        # a document whose language has no data is left unparsed: it fails alone in __call__
        todo = [d for d in docs if d.parse is None and _has_language(d)]
        try:
            self._parse(nlp, todo)
        except Exception:  # noqa: BLE001 - one odd document must not take its batch with it
            for doc in todo:  # parse one by one; one that still fails keeps no parse and
                if doc.parse is None:  # fails alone when the pipeline runs its parse stage
                    try:
                        self._parse(nlp, [doc])
                    except Exception:  # noqa: BLE001
                        pass
        yield from docs

    def _parse(self, nlp, docs: list[Document]) -> None:
        short = [d for d in docs if len(d.text) <= MAX_PART_CHARS]
        for doc, parsed in zip(short, nlp.pipe((for_parser(d.text) for d in short), batch_size=self.batch_size)):
            _attach(doc, _with_text(parsed, doc.text), nlp)
        for doc in docs:
            if len(doc.text) > MAX_PART_CHARS:
                from spacy.tokens import Doc

                text = for_parser(doc.text)
                parts = list(nlp.pipe(split_parts(text, MAX_PART_CHARS), batch_size=self.batch_size))
                joined = Doc.from_docs(parts, ensure_whitespace=False)
                if joined.text != text:  # offsets would point elsewhere: never code that
                    raise ValueError("the parts of a long text do not join back into the text")
                _attach(doc, _with_text(joined, doc.text), nlp)


# ------------------------------------------------------------------ headlines

HEADLINE_MAX_TOKENS = 30
HEADLINE_TRIES = 2  # words tried per line: a long list of bullet lines costs at most two parses each
EVENT_CLASSES = frozenset({"event", "commit", "light"})  # a verb that can report an event, not "notes"
_TERMINAL = re.compile(r"[.!?:;\"'\u201d\u2019)\]]\s*$")
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# the relations of a clause's verb: a root that the parser still gives one of them once the
# headline's verb is in the past tense ("Rebel attacked killed 12 soldiers") was the verb
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "conj", "parataxis", "dep", "csubj", "relcl", "acl"})


def repair_headlines(nlp, doc: Document, parsed, paras: list[Paragraph]) -> None:
    """Parse again each headline among `paras` whose verb the parser read as a noun (module
    docstring)."""
    if (doc.meta.language or "en") != "en":
        return  # the past-tense rewrite is English
    from .events.lexicon import default_lexicon

    lex = default_lexicon()
    for para in paras:
        text = doc.text[para.start:para.end]
        if para.kind != "body" or "\n" in text or _TERMINAL.search(text):
            continue  # titles and headings code nothing; a line that ends a sentence is prose
        span = parsed.char_span(para.start, para.end, alignment_mode="expand")
        if span is None or not 3 <= len(span) <= HEADLINE_MAX_TOKENS:
            continue
        for clause in _clauses(span):  # "X summons envoy over firing; Delhi rejects charge": each clause
            if len(clause) < 3:
                continue
            fixed = _reparse_headline(nlp, clause, lex)
            if fixed is not None:
                _splice(parsed, clause, *fixed)


def _clauses(span) -> list:
    """The parts of a headline between semicolons (each read as a sentence of its own)."""
    out, start = [], span.start
    for tok in span:
        if tok.text == ";":
            out.append(span.doc[start:tok.i])
            start = tok.i + 1
    out.append(span.doc[start:span.end])
    return [c for c in out if len(c)]


def _headline_verb(tok, lex) -> str | None:
    """The lexicon verb a headline word read as a noun is: "expels" -> "expel", "arrest"
    after a noun ("police arrest"), or None."""
    word = tok.lower_
    if tok.tag_ in _NOUN_TAGS | {"VBZ"} and word.endswith("s"):
        stems = [word[:-3] + "y"] if word.endswith("ies") else []
        stems += [word[:-2], word[:-1]] if word.endswith("es") else [word[:-1]]
        for stem in stems:
            if len(stem) > 2 and _event_verb(lex, stem):
                return stem
        return None
    if tok.tag_ in ("NN", "NNP", "VBP") and _event_verb(lex, word) and tok.nbor(-1).tag_ in _NOUN_TAGS:
        return word
    return None


def _event_verb(lex, lemma: str) -> bool:
    return any(row.cls in EVENT_CLASSES for row in lex.verbs.get(lemma, ()))


def _past(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _reparse_headline(nlp, span, lex):
    """(the new parse, the verb's index in it, its lemma), or None when the parse stands."""
    toks = list(span)
    roots = [t for t in toks if t.dep_ == "ROOT"]
    rival = None  # the word the parser made the verb in place of the headline's own
    if len(roots) == 1 and roots[0].pos_ in ("VERB", "AUX"):
        rival = roots[0]
        subject = rival.nbor(-1) if rival.i > span.start + 1 else None
        if subject is None or subject.dep_ != "nsubj" or subject.head != rival or subject.tag_ not in ("NNS", "VBZ"):
            return None  # parsed as a clause
        candidates = [subject]  # "Sudan's leader rejects calls for talks": "rejects" the subject of "calls"
    else:
        candidates = toks[1:]
    tried = 0
    for tok in candidates:
        lemma = _headline_verb(tok, lex)
        if lemma is None:
            continue
        if tried == HEADLINE_TRIES:
            break
        tried += 1
        at = tok.i - span.start
        words = [t.text for t in toks]
        words[at] = _past(lemma)
        again = nlp("".join(w + t.whitespace_ for w, t in zip(words, toks)).rstrip())
        if len(again) != len(toks):
            continue
        if again[at].tag_ == "VBD" and again[at].dep_ == "ROOT" and sum(t.dep_ == "ROOT" for t in again) == 1 and (
                rival is None or again[rival.i - span.start].dep_ not in _CLAUSE_DEPS):
            return again, at, lemma
    return None


def _splice(parsed, span, again, at: int, lemma: str) -> None:
    """Write the headline's new parse into the document's parse."""
    from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG
    from spacy.tokens import Span

    attrs = [TAG, POS, DEP, HEAD, LEMMA]
    array = parsed.to_array(attrs)
    array[span.start:span.end] = again.to_array(attrs)
    parsed.from_array(attrs, array)
    verb = parsed[span.start + at]
    verb.tag_ = "VBZ" if verb.lower_.endswith("s") else "VBP"  # its own text: present tense
    verb.lemma_ = lemma
    kept = [e for e in parsed.ents if e.end <= span.start or e.start >= span.end]
    new = [Span(parsed, span.start + e.start, span.start + e.end, label=e.label_) for e in again.ents]
    parsed.ents = sorted(kept + new, key=lambda e: e.start)


FINITE_TAGS = frozenset({"VBD", "VBZ"})  # a past or third-person present form: never an infinitive's


def repair_coordination(parsed) -> None:
    """Hang a finite verb that the parser joined to an infinitive back on the verb the
    infinitive completes: in "urged the rebels to lay down their arms and accused neighbours of
    arming them" the parser makes "accused" a second thing the rebels are urged to do, and in
    "said the army would withdraw and accused the rebels of ..." a second thing said to come;
    but an infinitive ("to lay", "would withdraw") is never coordinated with a past tense
    ("accused"), which is the urging or saying party's second act. Its "and" moves with it."""
    for tok in parsed:
        inf = tok.head
        if (tok.dep_ != "conj" or tok.tag_ not in FINITE_TAGS or inf.dep_ not in ("xcomp", "ccomp")
                or inf.tag_ != "VB" or tok.i < inf.i or inf.head == inf
                or not any(c.dep_ == "aux" and (c.lower_ == "to" or c.tag_ == "MD") for c in inf.children)):
            continue
        gov = inf.head
        for c in [c for c in inf.children if c.dep_ == "cc" and inf.i < c.i < tok.i]:
            c.head = gov
        tok.head = gov


def repair_quoted_coordination(parsed) -> None:
    """Hang a finite verb after a quotation that the parser joined to a verb inside it on the
    verb that frames the quotation: in "termed the walkout 'a drama staged for the cameras' and
    accused the opposition of ..." the parser makes "accused" a second thing staged; but the
    words of a quotation are the quoted party's, and a verb after it, outside any quotation,
    is the framing party's next act. Its "and" moves with it."""
    for sent in parsed.sents:
        quotes, opened = [], None
        for tok in sent:
            if tok.tag_ == "``":
                opened = tok.i
            elif tok.tag_ == "''" and opened is not None:
                quotes.append((opened, tok.i))
                opened = None
        for first, last in quotes:
            for tok in parsed[last + 1:sent.end]:
                if not any(a < tok.i < b for a, b in quotes):
                    _rehang(tok, first, last)


def _rehang(tok, first: int, last: int) -> None:
    """`repair_quoted_coordination` for one verb and the quotation from token `first` to
    `last` before it."""
    inner = tok.head
    if tok.dep_ != "conj" or tok.tag_ not in FINITE_TAGS or not first < inner.i < last:
        return
    gov = inner
    while first < gov.i < last and gov.head != gov:
        gov = gov.head
    if first < gov.i < last or gov.pos_ not in ("VERB", "AUX"):
        return  # the quotation is the whole clause: nothing frames it
    for c in [c for c in inner.children if c.dep_ == "cc" and last < c.i < tok.i]:
        c.head = gov
    tok.head = gov


def _has_language(doc: Document) -> bool:
    try:
        lang.for_document(doc)
    except LanguageError:
        return False
    return True


def _attach(doc: Document, parsed, nlp=None) -> None:
    paras = paragraphs(doc.text, title=doc.meta.title, language=doc.meta.language)
    if nlp is not None:
        repair_headlines(nlp, doc, parsed, paras)
    if (doc.meta.language or "en") == "en":
        repair_coordination(parsed)
        repair_quoted_coordination(parsed)
    doc.parse = parsed
    try:
        doc.sentences = sentences(doc, paras)
    except Exception:
        doc.parse = None
        raise


def sentences(doc: Document, paras: list[Paragraph] | None = None) -> list[Sentence]:
    """Sentences of the parse, each tagged with its paragraph and kind (`paras`: the text's
    paragraphs, when the caller has them)."""
    if paras is None:
        paras = paragraphs(doc.text, title=doc.meta.title, language=doc.meta.language)
    out: list[Sentence] = []
    p = 0
    datelines: dict[int, int | None] = {}  # paragraph index -> where its dateline ends
    for sent in doc.parse.sents:
        text = sent.text
        if not text.strip():
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text.rstrip())
        while p + 1 < len(paras) and paras[p].end <= start:
            p += 1
        para = paras[p] if paras else Paragraph(0, 0, len(doc.text), "body")
        kind = para.kind
        if kind == "body":
            if para.index not in datelines:
                found = _DATELINE.match(doc.text, para.start, para.end)
                datelines[para.index] = found.end() if found else None
            stop = datelines[para.index]
            if stop is not None and start < stop:
                if end <= stop:
                    kind = "dateline"  # the parser made the dateline, or a part of it, a sentence
                else:
                    start = stop
        out.append(Sentence(len(out), start, end, para.index, kind))
    return out
