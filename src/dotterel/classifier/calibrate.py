"""Calibrate an exported classifier on labelled dev candidates, with the int8 model itself.

Temperature scaling (grid search on the negative log-likelihood), then one NONE threshold
per kind of candidate — the rules' candidates and the open candidates (events/proposals.py)
have very different base rates — each chosen to maximise the F1 of kept-and-right
candidates of that kind. Writes ``temperature``, ``threshold`` and ``threshold_open`` into
the model's ``config.json``. Needs numpy and onnxruntime only.

`fit_confidence` then calibrates the records themselves: it codes the dev files with the
whole pipeline and the model, scores each record as ``dotterel eval --corpus`` does (type
right or not) and fits ``confidence_scale``, the two numbers of sigmoid(a * logit(p) + b)
that turn a kept record's type probability into the probability that its type is right
(Platt scaling). `dotterel train` runs it; for a model of one's own written before, or after
changing its config by hand::

    python -m dotterel.classifier.calibrate MODEL_DIR DEV_FILE_OR_FOLDER [...]
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import ClassifyEvents, scaled_confidence, sigmoid
from .corpus import Labelled
from .features import NONE


def is_open(item: Labelled) -> bool:
    return (item.example.evidence or {}).get("cls") == "open"


def calibrate(model_dir: str | Path, dev: Sequence[Labelled]) -> dict[str, Any]:
    import numpy as np

    from . import EventClassifier

    model_dir = Path(model_dir)
    clf = EventClassifier(model_dir)
    clf.temperature = 1.0
    # only candidates the run-time stage sees (rules and open proposals), not gold-only positives
    items = [it for it in dev if it.from_rules]
    logits_probs = clf.predict_proba([it.example for it in items])
    gold = [clf.labels.index(it.label) if it.label in clf.labels else 0 for it in items]
    logp = np.log(np.clip(np.asarray(logits_probs), 1e-9, 1.0))  # log-softmax at T=1, i.e. logits + c
    best_t, best_nll = 1.0, math.inf
    for t in np.arange(0.5, 3.01, 0.05):
        z = logp / t
        z = z - z.max(axis=1, keepdims=True)
        lse = np.log(np.exp(z).sum(axis=1))
        nll = float(np.mean(lse - z[np.arange(len(gold)), gold]))
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    z = logp / best_t
    z = np.exp(z - z.max(axis=1, keepdims=True))
    probs = (z / z.sum(axis=1, keepdims=True)).tolist()
    none = clf.labels.index(NONE)
    figures: dict[str, Any] = {"temperature": round(best_t, 2), "nll": round(best_nll, 4)}
    thresholds = {}
    for kind, select in (("rules", lambda it: not is_open(it)), ("open", is_open)):
        idx = [k for k, it in enumerate(items) if select(it)]
        th, fig = _best_threshold([probs[k] for k in idx], [gold[k] for k in idx], none)
        thresholds[kind] = th
        figures[kind] = fig
    conf = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    conf["temperature"] = best_t
    conf["threshold"] = thresholds["rules"]
    conf["threshold_open"] = thresholds["open"]
    conf["calibration"] = figures
    (model_dir / "config.json").write_text(json.dumps(conf, indent=2) + "\n", encoding="utf-8")
    return figures


def _best_threshold(probs: list[list[float]], gold: list[int], none: int) -> tuple[float, dict[str, Any]]:
    n_pos = sum(1 for g in gold if g != none)
    best_th, best_fig, best_f1 = 0.5, {"candidates": len(gold), "positives": n_pos}, -1.0
    for k in range(20, 96, 5):
        th = k / 100
        kept = right = 0
        for p, g in zip(probs, gold):
            if p[none] >= th:
                continue
            kept += 1
            right += max((i for i in range(len(p)) if i != none), key=lambda i: p[i]) == g
        prec = right / kept if kept else 0.0
        rec = right / n_pos if n_pos else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best_f1:
            best_th, best_f1 = th, f1
            best_fig = {"candidates": len(gold), "positives": n_pos, "kept": kept, "threshold": th,
                        "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3)}
    return best_th, best_fig


def fit_platt(pairs: Sequence[tuple[float, bool]], *, iterations: int = 100) -> tuple[float, float] | None:
    """``(a, b)`` of sigmoid(a * logit(c) + b) that minimise the log loss of (confidence, right)
    pairs (Newton's method with step halving), or None when the pairs cannot fix them: fewer
    than 20, all right or all wrong, or a fit that would not increase with the confidence
    (a <= 0), which would reorder the records."""
    right = sum(1 for _, ok in pairs if ok)
    if len(pairs) < 20 or right in (0, len(pairs)):
        return None
    xs = [math.log(c / (1.0 - c)) for c in (min(max(float(c), 1e-6), 1.0 - 1e-6) for c, _ in pairs)]
    ys = [1.0 if ok else 0.0 for _, ok in pairs]

    def loss(a: float, b: float) -> float:  # log(1 + e^-z) for the right ones, log(1 + e^z) for the wrong
        return sum(_softplus(-(a * x + b)) if y else _softplus(a * x + b) for x, y in zip(xs, ys))

    a, b = 1.0, 0.0
    current = loss(a, b)
    for _ in range(iterations):
        ga = gb = haa = hab = hbb = 0.0
        for x, y in zip(xs, ys):
            p = sigmoid(a * x + b)
            w = p * (1.0 - p)
            ga += (p - y) * x
            gb += p - y
            haa += w * x * x
            hab += w * x
            hbb += w
        det = haa * hbb - hab * hab
        if det <= 1e-12:
            break
        da = (hbb * ga - hab * gb) / det
        db = (haa * gb - hab * ga) / det
        step = 1.0
        while step > 1e-6 and loss(a - step * da, b - step * db) > current:
            step /= 2
        if step <= 1e-6:
            break
        a, b = a - step * da, b - step * db
        previous, current = current, loss(a, b)
        if previous - current < 1e-10:
            break
    return (a, b) if a > 0 and math.isfinite(a) and math.isfinite(b) else None


def _softplus(z: float) -> float:
    return z + math.log1p(math.exp(-z)) if z > 0 else math.log1p(math.exp(z))


def fit_confidence(model_dir: str | Path, dev_files: Sequence[str | Path], *,
                   log: Callable[[str], None] = print) -> dict[str, Any]:
    """Code ``dev_files`` (corpus JSONL, scored as ``dotterel eval --corpus`` scores them) with
    the model in ``model_dir`` and write the fitted ``confidence_scale`` into its config.json
    (none when `fit_platt` cannot fit one: the records' confidence stays their type's
    probability). Returns the figures: records, ECE before and after."""
    from ..evaluate_news import calibration, code_articles, load_corpus, record_outcomes
    from ..pipeline import Pipeline

    model_dir = Path(model_dir)
    articles = load_corpus(dev_files)
    pipeline = Pipeline.default(model_path=str(model_dir))
    for stage in pipeline.stages:
        if isinstance(stage, ClassifyEvents):
            stage.classifier.confidence_scale = None  # fitted on the probabilities themselves
    records, failures = code_articles(articles, pipeline=pipeline, progress=sys.stderr.isatty())
    for line in failures:
        log(f"not coded: {line}")
    pairs = record_outcomes(articles, records)
    fitted = fit_platt(pairs)
    figures: dict[str, Any] = {"records": len(pairs), "ece": _rounded(calibration(pairs)["ece"])}
    conf = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    conf.pop("confidence_scale", None)
    if fitted is not None:
        a, b = (round(v, 4) for v in fitted)
        scaled = [(scaled_confidence(c, a, b), ok) for c, ok in pairs]
        figures["ece_scaled"] = _rounded(calibration(scaled)["ece"])
        conf["confidence_scale"] = {"a": a, "b": b, "dev": dict(figures)}
        figures.update(a=a, b=b)
    (model_dir / "config.json").write_text(json.dumps(conf, indent=2) + "\n", encoding="utf-8")
    return figures


def _rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] in ("-h", "--help"):
        print("usage: python -m dotterel.classifier.calibrate MODEL_DIR DEV_FILE_OR_FOLDER [...]\n\n"
              "Fit the records' confidence of the model in MODEL_DIR (its config.json's confidence_scale)\n"
              "on dev files in the corpus format: never files it was trained on.")
        return 0 if args and args[0] in ("-h", "--help") else 2
    from ..errors import DotterelError
    from .corpus import corpus_files

    model_dir = Path(args[0])
    if not (model_dir / "config.json").is_file():
        print(f"{model_dir}: no model there (no config.json)", file=sys.stderr)
        return 2
    try:
        files = corpus_files(args[1:])
        figures = fit_confidence(model_dir, files, log=lambda m: print(m, file=sys.stderr))
    except DotterelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{model_dir}: records' confidence fitted on {len(files)} file(s): {json.dumps(figures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
