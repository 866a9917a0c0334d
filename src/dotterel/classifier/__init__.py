"""The learned event classifier: for each candidate the rules propose, *no event* or a PLOVER type.

The rules keep what they are good at (roles, status, PLOVER's post-rules); the classifier
owns *whether* a candidate is an event and *which type* it is. See docs/classifier.md.

Run time needs ``onnxruntime`` and ``tokenizers`` only (never torch). A model is a folder:

    model.onnx       the fine-tuned encoder and head, int8-quantised
    tokenizer.json   the encoder's tokenizer, with the marker tokens registered
    config.json      labels, evidence size, max length, temperature, drop threshold
    MODEL_CARD.md    data, base model and its licence, figures

The model that ships lives in ``dotterel/data/classifier``; `dotterel train` writes new ones,
and ``--model PATH`` (``extract``, ``ingest``, ``eval``) uses them.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..document import Document, Event
from ..errors import DotterelError
from .features import NONE, PLOVER_TYPES, Example, evidence_vector, example_from_event, marked_text

__all__ = ["ClassifierError", "EventClassifier", "ClassifyEvents", "shipped_model_path", "PLOVER_TYPES", "NONE"]

MODEL_FILES = ("model.onnx", "tokenizer.json", "config.json")


class ClassifierError(DotterelError):
    code = "E601"


def shipped_model_path() -> Path | None:
    """The folder of the model that ships inside the package, or None when it is absent."""
    path = Path(str(resources.files("dotterel") / "data" / "classifier"))
    return path if all((path / f).is_file() for f in MODEL_FILES) else None


class EventClassifier:
    """An ONNX event classifier loaded from a model folder (once per process)."""

    open_min_type: float = 0.0  # see __init__ (config.json "open_min_type")
    threshold_dyad: float = 0.0  # see __init__ (config.json "threshold_dyad"); never below threshold

    def __init__(self, path: str | Path, *, threads: int | None = None, batch_size: int = 1):
        self.path = Path(path)
        missing = [f for f in MODEL_FILES if not (self.path / f).is_file()]
        if missing:
            raise ClassifierError(
                "E601",
                f"{self.path}: not a dotterel classifier folder (missing {', '.join(missing)}); "
                "give a folder written by `dotterel train`",
            )
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - both are dependencies
            raise ClassifierError("E602", f"the classifier needs onnxruntime and tokenizers ({exc})") from exc
        raw = (self.path / "config.json").read_bytes()
        graph = (self.path / "model.onnx").read_bytes()
        # what records' coder.config hashes: the decision settings and the graph as well as the
        # version (two models trained the same day share a version; a threshold changes
        # records, and so does a graph rewritten by dotterel.classifier.graph)
        self.fingerprint = hashlib.sha1(raw + graph).hexdigest()[:12]
        self.config: dict[str, Any] = json.loads(raw.decode("utf-8"))
        self.labels: list[str] = list(self.config["labels"])
        self.types: list[str] = list(self.config.get("evidence_types", PLOVER_TYPES))
        self.max_length = int(self.config.get("max_length", 128))
        self.temperature = float(self.config.get("temperature", 1.0))
        self.threshold = float(self.config.get("threshold", 0.5))
        self.threshold_open = float(self.config.get("threshold_open", self.threshold))
        # a rules candidate between two coded parties (other codes) is vetoed only at
        # this NONE probability: docs/classifier.md, "One guard keeps" (shipped: 0.9)
        self.threshold_dyad = float(self.config.get("threshold_dyad", self.threshold))
        self.retype_min = float(self.config.get("retype_min", 0.0))
        # an open candidate (a verb the lexicon does not know) is kept only when its best type
        # has at least this probability, besides passing its NONE threshold
        self.open_min_type = float(self.config.get("open_min_type", 0.0))
        gate = self.config.get("article_gate") or {}
        # an article of at least `min_sentences` whose best event is below `min_confidence`
        # holds no political event: sport, business and features have stray weak ones
        self.article_gate: tuple[int, float] | None = (
            (int(gate["min_sentences"]), float(gate["min_confidence"])) if gate else None
        )
        # the records' confidence: sigmoid(a * logit(p) + b) of the decided type's probability,
        # fitted on the dev split's records (`calibrate.fit_confidence`); none: p itself
        scale = self.config.get("confidence_scale") or {}
        self.confidence_scale: tuple[float, float] | None = (
            (float(scale["a"]), float(scale["b"])) if scale else None
        )
        self.batch_size = batch_size
        self.use_evidence = bool(self.config.get("use_evidence", True))
        self.statuses: list[str] = list(self.config.get("statuses", []))
        self.use_status = bool(self.config.get("use_status")) and bool(self.statuses)
        self.tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_length)
        self.marker_ids = {
            name: self.tokenizer.token_to_id(tok) for name, tok in self.config["markers"].items()
        }
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or 1
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(graph, sess_options=opts, providers=["CPUExecutionProvider"])
        self.outputs = [o.name for o in self.session.get_outputs()]
        if "status_logits" not in self.outputs:
            self.use_status = False
        self.last_status: list[str | None] = []

    def __reduce__(self):  # rebuilt from its folder in a worker process, never pickled whole
        return (EventClassifier, (self.path,), None)

    @property
    def version(self) -> str:
        return str(self.config.get("version", "?"))

    def encode(self, examples: Sequence[Example]) -> dict[str, Any]:
        import numpy as np

        texts = [marked_text(ex)[0] for ex in examples]
        rows = [e.ids for e in self.tokenizer.encode_batch(texts)]  # each .ids builds a new list
        length = max(len(r) for r in rows)
        ids = np.zeros((len(rows), length), dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.int64)
        pos = np.zeros((len(rows), 3), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
            for j, name in enumerate(("T", "S", "O")):
                mid = self.marker_ids[name]
                if mid in row:
                    pos[i, j] = row.index(mid)
        feats = np.asarray([evidence_vector(ex.evidence, self.types) for ex in examples], dtype=np.float32)
        if not self.use_evidence:
            feats[:] = 0.0
        return {"input_ids": ids, "attention_mask": mask, "marker_pos": pos, "evidence": feats}

    def predict_proba(self, examples: Sequence[Example]) -> list[list[float]]:
        """Calibrated class probabilities (in the order of ``self.labels``) per example.

        The status head's answer for each example (or None) is left in ``last_status``.
        """
        import numpy as np

        # One example per run by default: the int8 model quantises its activations with one
        # scale for the whole input tensor, so in a batch a sentence's probabilities would move
        # with its neighbours (up to 0.28 on news_dev, measured) and the same sentence could be
        # kept in one article and vetoed in another. Alone it costs little: no padding
        # (docs/classifier.md, "Design", gives the benchmark's figures).
        # A larger batch_size suits a float model; batches are sorted by length to pad little.
        order = sorted(range(len(examples)), key=lambda i: len(examples[i].sentence))
        probs: dict[int, list[float]] = {}
        statuses: dict[int, str | None] = {}
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            inputs = self.encode([examples[i] for i in idx])
            outs = dict(zip(self.outputs, self.session.run(self.outputs, inputs)))
            z = outs["logits"] / self.temperature
            z = z - z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            st = outs.get("status_logits")
            for k, (i, row) in enumerate(zip(idx, p.tolist())):
                probs[i] = row
                statuses[i] = self.statuses[int(st[k].argmax())] if st is not None and self.use_status else None
        self.last_status = [statuses[i] for i in range(len(examples))]
        return [probs[i] for i in range(len(examples))]

    def record_confidence(self, prob: float) -> float:
        """A kept record's ``confidence`` from its type's probability: the probability that a
        record the decision keeps has the right type. The temperature calibrates all the
        candidates, NONE included, and leaves a kept record's probability too low where it is
        low (on the dev split a record at 0.1-0.2 had the right type 35% of the time); the
        config's ``confidence_scale`` maps it, strictly increasing, so the records' order
        stays the same (`calibrate.fit_confidence`)."""
        if self.confidence_scale is None:
            return prob
        return scaled_confidence(prob, *self.confidence_scale)

    def decide(
        self, probs: Sequence[float], *, open_candidate: bool = False, rule_type: str | None = None,
        object_type: str | None = None, alike_type: str | None = None, lexicon_type: str | None = None,
        dyad: bool = False,
    ) -> tuple[str | None, float]:
        """(type or None for no event, probability of that type). Open candidates (verbs the
        lexicon does not know) have their own threshold: they are events far less often; and
        with no rule type to fall back on, their best type needs ``open_min_type``.
        The rules' type stands unless the classifier prefers another with at least
        ``retype_min`` probability (``config.json``; 0 always takes the classifier's type).
        ``object_type`` is the type of the event the trigger acts on ("cancelled the visit":
        CONSULT): never the act's own, so a classifier that prefers it leaves the rules' type,
        with the two types' probability (an event about that object, read the rules' way).
        ``alike_type`` is the type another convention gives the same act (a formal agreement
        concluded: SUPPORT in PLOVER, AGREE where the corpus guide reads 'reached a deal' as
        agreeing): a classifier that prefers it leaves the rules' type in the same way.
        ``lexicon_type`` is the lexicon's type before one of PLOVER's post-rules changed it (a
        promised release: RETREAT in the lexicon, AGREE after the rule for promises): a
        classifier that prefers it confirms the rules' reading, whatever its probability.
        ``dyad``: the rules found an actor and a recipient with codes, and not the same code,
        or actors of two codes with no recipient (`_coded_dyad`); such a candidate is vetoed
        only at ``threshold_dyad`` (at least ``threshold``)."""
        p_none = probs[self.labels.index(NONE)]
        best = max((i for i, lab in enumerate(self.labels) if lab != NONE), key=lambda i: probs[i])
        if open_candidate:
            threshold = self.threshold_open
        else:
            threshold = max(self.threshold, self.threshold_dyad) if dyad else self.threshold
        if p_none >= threshold:
            return None, p_none
        if open_candidate and probs[best] < self.open_min_type:
            return None, p_none  # no type the model names with conviction: no event
        if rule_type in self.labels and self.labels[best] != rule_type and self.labels[best] in (
                object_type, alike_type, lexicon_type):
            return rule_type, probs[best] + probs[self.labels.index(rule_type)]
        if rule_type in self.labels and self.labels[best] != rule_type and probs[best] < self.retype_min:
            return rule_type, probs[self.labels.index(rule_type)]
        # the probability that this record is right: its type's share
        return self.labels[best], probs[best]


def sigmoid(z: float) -> float:
    """1 / (1 + e^-z), without overflow for a large negative z."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def scaled_confidence(prob: float, a: float, b: float) -> float:
    """sigmoid(a * logit(prob) + b), with ``prob`` kept within (1e-6, 1 - 1e-6)."""
    p = min(max(prob, 1e-6), 1.0 - 1e-6)
    return sigmoid(a * math.log(p / (1.0 - p)) + b)


def _coded_dyad(ev: Event) -> bool:
    """An actor and a recipient with codes, and no code on both sides ("Kenya accused Uganda",
    not "Kenya's police arrested a Kenyan"); or, where PLOVER puts every party of a reciprocal
    event among the actors and none in the recipient ("Kenya and Uganda agreed to meet"), two
    actors' codes or more."""
    actors = {e.code for e in ev.actor if e.code}
    recipients = {e.code for e in ev.recipient if e.code}
    if not ev.recipient:
        return len(actors) > 1
    return bool(actors and recipients and not actors & recipients)


class ClassifyEvents:
    """Pipeline stage: the classifier vetoes or re-types each event the rules coded.

    Events the classifier calls *no event* are removed; the others take its type (a changed
    type drops the rules' mode, which belonged to the old type) and its calibrated
    probability as ``confidence``. With an ``article_gate`` in the model's config, an article
    (at least ``min_sentences`` sentences) whose most confident event stays below
    ``min_confidence`` keeps none: its weak events are the stray ones of a sports, business or
    feature story. A classifier that names the lexicon's own type where one
    of PLOVER's post-rules re-typed it (a promised release: RETREAT in the lexicon, AGREE
    after the rules) confirms the rules' reading, and the rules' type stays. The rules'
    reading stays in ``Event.evidence``.
    """

    name = "classify"
    requires = ("events", "sentences")
    assigns = ("events",)

    def __init__(self, classifier: EventClassifier | str | Path | None = None):
        if classifier is None:
            path = shipped_model_path()
            if path is None:
                raise ClassifierError("E603", "no classifier ships with this installation; pass a model folder")
            classifier = path
        # anything with `labels`, `predict_proba` and a `decide` that takes EventClassifier.decide's
        # keyword arguments will do (tests inject fakes)
        self.classifier = classifier if hasattr(classifier, "predict_proba") else EventClassifier(classifier)

    @property
    def config(self) -> dict[str, Any]:
        path = getattr(self.classifier, "path", None)
        described = {"model": path.name if path else type(self.classifier).__name__,
                     "version": getattr(self.classifier, "version", "?")}
        fingerprint = getattr(self.classifier, "fingerprint", None)
        if fingerprint:
            described["config"] = fingerprint
        return described

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        examples = [example_from_event(doc, ev) for ev in doc.events]
        probs = self.classifier.predict_proba(examples)
        statuses = list(getattr(self.classifier, "last_status", None) or [None] * len(probs))
        kept = []
        for ev, p, status in zip(doc.events, probs, statuses):
            if status and status != ev.status:
                ev.evidence = {**ev.evidence, "rule_status": ev.evidence.get("rule_status", ev.status)}
                ev.status = status
            is_open = ev.evidence.get("cls") == "open"
            label, prob = self.classifier.decide(
                p, open_candidate=is_open, rule_type=None if is_open else ev.event,
                object_type=ev.evidence.get("object_event"), alike_type=ev.evidence.get("alike_event"),
                lexicon_type=ev.evidence.get("lexicon_event"), dyad=_coded_dyad(ev),
            )
            ev.evidence = {**ev.evidence, "p_none": round(p[self.classifier.labels.index(NONE)], 4)}
            if label is None:
                continue
            if label != ev.event and label != ev.evidence.get("lexicon_event"):
                ev.evidence["retyped_from"] = ev.event
                ev.event, ev.mode = label, None
            ev.confidence = prob
            kept.append(ev)
        gate = getattr(self.classifier, "article_gate", None)
        if gate and kept and len(doc.sentences) >= gate[0] and max(ev.confidence for ev in kept) < gate[1]:
            kept = []
        scaled = getattr(self.classifier, "record_confidence", None)
        if scaled is not None:  # after the gate, whose bound is on the probabilities
            for ev in kept:
                ev.confidence = scaled(ev.confidence)
        doc.events = kept
        return doc
