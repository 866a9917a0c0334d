"""Calibrate an exported classifier on labelled dev candidates, with the int8 model itself.

Temperature scaling (grid search on the negative log-likelihood), then one NONE threshold
per kind of candidate — the rules' candidates and the open candidates (events/proposals.py)
have very different base rates — each chosen to maximise the F1 of kept-and-right
candidates of that kind. Writes ``temperature``, ``threshold`` and ``threshold_open`` into
the model's ``config.json``. Needs numpy and onnxruntime only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
