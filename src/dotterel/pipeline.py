"""Run stages over documents.

A stage is any callable ``Document -> Document`` that carries two class (or
instance) attributes, ``requires`` and ``assigns``: lists of annotation names
such as ``"sentences"``, ``"parse"``, ``"mentions.actor"`` or ``"events"``.
`Pipeline` checks, when it is built, that every requirement is assigned by an
earlier stage (error E002), and, while it runs, that each stage returned a
`Document` (error E005).

Documents that fail inside a stage are not allowed to stop a batch: `pipe`
yields a `Failure` naming the document and the reason, and goes on. A
document that takes longer than the per-document limit fails the same way
instead of holding up the run: `DOC_TIMEOUT` seconds (``$DOTTEREL_DOC_TIMEOUT``
or ``Pipeline.doc_timeout``; 0 for none) plus `DOC_TIMEOUT_PER_KB` seconds per
1,000 characters, so that a long text is coded and a pathological one is not
waited for.
"""

from __future__ import annotations

import collections
import multiprocessing as mp
import os
import signal
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, runtime_checkable

from .document import Document, Failure
from .errors import InputError, PipelineError

__all__ = ["Stage", "Pipeline", "stage_names"]

#: Seconds the stages may spend on one document in `Pipeline.pipe` before it becomes a
#: failure (a pathological input must not hang a run), plus DOC_TIMEOUT_PER_KB seconds
#: per 1,000 characters of text. 0 or less: no limit.
DOC_TIMEOUT = 300.0
DOC_TIMEOUT_PER_KB = 0.5


class DocumentTimeout(BaseException):
    """Raised inside a stage when a document's time is up (a BaseException: no stage swallows it)."""


def doc_timeout() -> float:
    """The per-document limit: ``$DOTTEREL_DOC_TIMEOUT`` if set, else `DOC_TIMEOUT`. A value
    that is no number of seconds, 0 or more, is said in a warning, and the default holds."""
    raw = os.environ.get("DOTTEREL_DOC_TIMEOUT")
    if raw is None:
        return DOC_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        warnings.warn(f"DOTTEREL_DOC_TIMEOUT={raw!r} is not a number of seconds (0 or more); "
                      f"using the default {DOC_TIMEOUT:g}", stacklevel=2)
        return DOC_TIMEOUT
    return value


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise `DocumentTimeout` after `seconds` (POSIX, main thread; elsewhere no limit)."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# options of `default_stages` that are objects, described by their stages' configs instead
_RESOURCES = ("kb", "gazetteer")


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: Sequence[str]
    assigns: Sequence[str]

    def __call__(self, doc: Document) -> Document: ...


def stage_names(stages: Iterable[Any]) -> list[str]:
    return [getattr(s, "name", type(s).__name__) for s in stages]


def _check_declarations(stages: Sequence[Any]) -> None:
    provided: set[str] = {"text", "meta"}
    for position, stage in enumerate(stages):
        name = getattr(stage, "name", type(stage).__name__)
        for attr in ("requires", "assigns"):
            if not hasattr(stage, attr):
                raise PipelineError(
                    "E001",
                    f"stage {name!r} (position {position}) does not declare `{attr}`; "
                    "give it `requires` and `assigns` lists",
                )
        missing = [r for r in stage.requires if r not in provided]
        if missing:
            raise PipelineError(
                "E002",
                f"stage {name!r} requires {missing} but no earlier stage assigns it; "
                f"available so far: {sorted(provided)}",
            )
        provided.update(stage.assigns)


class Pipeline:
    """An ordered list of stages, checked when built.

    >>> pipeline = Pipeline.default()          # doctest: +SKIP
    >>> doc = pipeline(Document.from_text("Japan and India signed a pact."))  # doctest: +SKIP
    """

    def __init__(self, stages: Sequence[Callable[[Document], Document]], config: dict[str, Any] | None = None):
        stages = list(stages)
        _check_declarations(stages)
        self.stages = stages
        self.config: dict[str, Any] = dict(config or {})

    @classmethod
    def default(cls, **config: Any) -> Pipeline:
        """`from_config` with keyword arguments."""
        return cls.from_config(config)

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> Pipeline:
        """The default stages built from `config`: the keyword arguments of
        `dotterel.stages.default_stages` (``model``, ``model_path``, ``use_classifier``,
        ``open_candidates``, ``kb_dir``, ``user_kb``; ``kb`` and ``gazetteer`` inject
        resources). Each resource is built once and shared by the stages that use it.

        ``Pipeline.config`` describes what was built: the options, the stage names and
        each stage's own ``config`` (the fingerprints of its knowledge base, gazetteer or
        classifier); `records.coder` hashes it into ``coder.config``. Pickled (for a worker
        process), the stages carry their resources, which rebuild there from their options.
        """
        from .stages import default_stages

        config = dict(config or {})
        stages = default_stages(**config)
        described: dict[str, Any] = {
            k: str(v) for k, v in config.items() if v is not None and k not in _RESOURCES
        }
        described["stages"] = stage_names(stages)
        for stage in stages:
            if hasattr(stage, "config"):
                described[getattr(stage, "name", type(stage).__name__)] = stage.config
        return cls(stages, described)

    @property
    def names(self) -> list[str]:
        return stage_names(self.stages)

    def analyze(self) -> list[dict[str, Any]]:
        """What each stage requires and assigns, in order (like spaCy's analyze_pipes)."""
        return [
            {"name": n, "requires": list(s.requires), "assigns": list(s.assigns)}
            for n, s in zip(self.names, self.stages)
        ]

    def __call__(self, doc: Document) -> Document:
        if not isinstance(doc, Document) or not isinstance(doc.text, str):
            raise InputError("E104", _not_a_document(doc))
        if any(name in doc.done for name in self.names):
            self._start_over(doc)
        for name, stage in zip(self.names, self.stages):
            result = stage(doc)
            if not isinstance(result, Document):
                raise PipelineError(
                    "E005",
                    f"stage {name!r} returned {type(result).__name__}, not a Document; "
                    "maybe you forgot to return the processed Document?",
                )
            doc = result
            doc.done.append(name)
        return doc

    def _start_over(self, doc: Document) -> None:
        """A document these stages have coded before is coded afresh: the mentions, events and
        flags they assign are cleared first, or a second run would add its own beside the
        first run's (the mentions of a document coded three times were three times as many).
        A parse of the same text is kept."""
        fields = {a.split(".")[0] for stage in self.stages for a in getattr(stage, "assigns", ())}
        for name in fields & _RECODED:
            setattr(doc, name, [])
        doc.done = [n for n in doc.done if n not in self.names]

    #: seconds one document may take in `pipe` (None: `doc_timeout()`; 0: no limit)
    doc_timeout: float | None = None

    def _safe(self, doc: Document) -> Document | Failure:
        limit = self.doc_timeout if self.doc_timeout is not None else doc_timeout()
        if limit > 0:
            limit += DOC_TIMEOUT_PER_KB * len(doc.text) / 1000
        try:
            with _time_limit(limit):
                return self(doc)
        except PipelineError:
            raise
        except DocumentTimeout:
            stage = next((n for n in self.names if n not in doc.done), "?")
            return Failure(
                doc.id,
                f"stage {stage!r}: gave up after {limit:.1f} s (the per-document limit; "
                f"{len(doc.text):,} characters; raise it with DOTTEREL_DOC_TIMEOUT)",
                doc.meta.source,
            )
        except Exception as exc:  # noqa: BLE001 - one odd document must not stop a corpus
            # a stage that trips on one document (a parse it did not expect, a broken
            # character) becomes that document's failure; the batch goes on
            stage = next((n for n in self.names if n not in doc.done), "?")
            return Failure(doc.id, f"stage {stage!r}: {type(exc).__name__}: {exc}", doc.meta.source)

    def pipe(
        self,
        docs: Iterable[Document | Failure],
        *,
        n_process: int = 1,
        batch_size: int = 16,
        keep_parse: bool = False,
    ) -> Iterator[Document | Failure]:
        """Run over many documents; failures are yielded, not raised.

        With ``n_process > 1`` documents are sent to worker processes in chunks
        of ``batch_size``; each worker builds its own pipeline once (and loads
        spaCy once) and runs the single-process, batched ``pipe`` over each chunk,
        so the parser still works on batches. Results come back in input order,
        failures in place, without their parse. A `Failure` among the inputs (a
        reader's) is passed on in its place. The input is read in the calling
        thread, a few chunks ahead of the workers, never all at once.
        """
        docs = _documents_or_failures(docs)
        if n_process <= 1:
            batch = getattr(self.stages[0], "pipe_batch", None) if self.stages else None
            for doc in _batched_prepare(docs, batch, batch_size, self.stages):
                if isinstance(doc, Failure):
                    yield doc
                    continue
                out = self._safe(doc)
                if isinstance(out, Document) and not keep_parse:
                    out.without_parse()
                yield out
            return
        ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
        with ctx.Pool(n_process, initializer=_init_worker, initargs=(self,)) as pool:
            ahead: collections.deque = collections.deque()  # chunks sent, in input order
            for chunk in _chunks(docs, batch_size):
                ahead.append(pool.apply_async(_work_chunk, (chunk,)))
                while len(ahead) >= 4 * n_process:  # keep every worker busy, memory bounded
                    yield from ahead.popleft().get()
            while ahead:
                yield from ahead.popleft().get()


# what a stage adds to rather than replaces: cleared before a document is coded again
_RECODED = frozenset({"mentions", "events", "flags"})


def _not_a_document(item: Any) -> str:
    if isinstance(item, Document):
        return f"document {item.id!r}: its text must be a string, not {type(item.text).__name__}"
    return (f"a Pipeline codes Documents, not {type(item).__name__}: make one with "
            "Document.from_text(text), or use dotterel.extract_text(text)")


def _documents_or_failures(docs: Iterable[Any]) -> Iterator[Document | Failure]:
    """The inputs of `pipe`, each a Document with a text or a Failure; anything else becomes
    a Failure in its place (failures are yielded, not raised)."""
    from .document import content_id

    for i, item in enumerate(docs):
        if isinstance(item, Failure) or (isinstance(item, Document) and isinstance(item.text, str)):
            yield item
        else:
            doc_id = item.id if isinstance(item, Document) else content_id(repr(item)[:200], prefix="input")
            yield Failure(doc_id, f"{_not_a_document(item)} (E104)", f"input {i + 1}")


def _batched_prepare(docs, batch_fn, batch_size, stages):
    """Let the first stage (the parser) work on batches, as spaCy's nlp.pipe does."""
    if batch_fn is None:
        yield from docs
        return
    buf: list[Document | Failure] = []
    for doc in docs:
        buf.append(doc)
        if len(buf) >= batch_size:
            yield from _prepare(buf, batch_fn)
            buf = []
    if buf:
        yield from _prepare(buf, batch_fn)


def _prepare(buf: list[Document | Failure], batch_fn) -> Iterator[Document | Failure]:
    prepared = iter(list(batch_fn([d for d in buf if not isinstance(d, Failure)])))
    for item in buf:
        yield item if isinstance(item, Failure) else next(prepared)


_WORKER: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER
    _WORKER = pipeline  # spawned: unpickled here, and a classifier reloads from its folder
    # the parent decides how a run stops: Ctrl-C reaches it alone, SIGTERM ends a worker
    # quietly (no traceback, no broken pipe), whatever handler the parent had installed
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _chunks(docs: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    buf: list[Document | Failure] = []
    for doc in docs:
        buf.append(doc)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _work_chunk(docs: list[Document | Failure]) -> list[Document | Failure]:
    assert _WORKER is not None
    return list(_WORKER.pipe(docs, n_process=1, batch_size=len(docs), keep_parse=False))
