"""Compare event coders: rules alone, a frozen encoder, fine-tuned without and with the rules' evidence.

    .venv/bin/python benchmarks/bench_classifier.py --out /tmp/clf [--configs hybrid,plain,frozen] [--seeds 13,7]
        [--layers 3] [--device cuda]
    .venv/bin/python benchmarks/bench_classifier.py --models DIR[,DIR...] [--shipped-settings]

Labels the corpus (corpus/raw, split by file hash) once, trains each configuration and seed
(on the CPU unless --device names a GPU), and scores every resulting model, and the rules alone;
or, with --models, scores folders already written by `dotterel train` (with --shipped-settings,
each under the shipped model's decision settings, so that a comparison is of weights only), on
- the corpus dev split (record level: type and full precision/recall, as `dotterel eval --corpus`),
- the corpus blind test split (corpus/test), the same way,
- ../shared/eval/news_dev (real news with exhaustive gold), when ../shared is present,
- ../shared/eval/plv_dev (root accuracy), when present.
Needs the train extra. Prints one table; --json writes the figures too. Slow (minutes per model).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

CONFIGS = {
    "hybrid": {"evidence": True, "freeze": False},
    "plain": {"evidence": False, "freeze": False},
    "frozen": {"evidence": True, "freeze": True},
}


def label(cache: Path):
    from dotterel.classifier.corpus import corpus_files, label_lines, read_lines, split_of, vary_names
    from dotterel.cli.train_cmd import _names

    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    files = corpus_files([ROOT / "corpus" / "raw"])
    tr = read_lines([f for f in files if split_of(f) == "train"])
    dv = read_lines([f for f in files if split_of(f) == "dev"])
    items, dev = label_lines(tr, progress=True), label_lines(dv, progress=True)
    items = items + vary_names(items, _names(), share=0.3, seed=13)
    dev_files = [str(f) for f in files if split_of(f) == "dev"]
    cache.write_bytes(pickle.dumps((items, dev, dev_files)))
    return items, dev, dev_files


# what decides with the probabilities, as opposed to the weights that give them
DECISION_KEYS = (
    "threshold", "threshold_open", "threshold_dyad", "retype_min", "open_min_type", "article_gate", "use_status",
)


def with_settings(model: Path, settings: Path, into: Path) -> Path:
    """A copy of the model folder ``model`` whose decision settings are those of ``settings``."""
    import shutil

    into.mkdir(parents=True, exist_ok=True)
    for f in ("model.onnx", "tokenizer.json"):
        shutil.copyfile(model / f, into / f)
    conf = json.loads((model / "config.json").read_text(encoding="utf-8"))
    ref = json.loads((settings / "config.json").read_text(encoding="utf-8"))
    for key in DECISION_KEYS:
        if key in ref:
            conf[key] = ref[key]
        else:
            conf.pop(key, None)
    conf.pop("confidence_scale", None)  # fitted to the model's own decisions, not these
    (into / "config.json").write_text(json.dumps(conf, indent=2), encoding="utf-8")
    return into


def split_files(name: str) -> list[str]:
    from dotterel.classifier.corpus import corpus_files, split_of

    return [str(f) for f in corpus_files([ROOT / "corpus" / "raw"]) if split_of(f) == name]


def score(pipeline, dev_files):
    from dotterel.evaluate import evaluate
    from dotterel.evaluate_news import evaluate_news

    out = {}
    rep = evaluate_news(dev_files, pipeline=pipeline)
    out["corpus_dev"] = {k: rep.to_dict()[k] for k in ("type_p", "type_r", "type_f1", "full_p", "full_r", "status")}
    test = sorted(str(f) for f in (ROOT / "corpus" / "test").glob("*.jsonl"))
    if test:
        rep = evaluate_news(test, pipeline=pipeline)
        out["corpus_test"] = {k: rep.to_dict()[k] for k in ("type_p", "type_r", "type_f1", "full_p", "full_r",
                                                              "full_f1")}
    if (SHARED / "eval" / "news_dev").is_dir():
        rep = evaluate_news(SHARED / "eval" / "news_dev", pipeline=pipeline)
        out["news_dev"] = {k: rep.to_dict()[k] for k in ("type_p", "type_r", "type_f1", "full_p", "full_r", "status",
                                                          "nonpolitical_records")}
        out["news_dev"]["ece"] = rep.calibration.get("ece")
    plv = SHARED / "eval" / "plv_dev" / "plv_dev.jsonl"
    if plv.is_file():
        rep = evaluate(plv, pipeline=pipeline)
        out["plv_dev_root_accuracy"] = rep.checks.get("root_accuracy", {}).get("accuracy")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="folder for the labelled corpus and the trained models")
    ap.add_argument("--models", help="score these model folders (comma-separated) instead of training")
    ap.add_argument("--shipped-settings", action="store_true",
                    help="score each model under the shipped model's decision settings (thresholds, gates)")
    ap.add_argument("--device", default="cpu", help="torch device to train on (cuda only makes it faster)")
    ap.add_argument("--configs", default="hybrid,plain,frozen")
    ap.add_argument("--seeds", default="13")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--threads", type=int, default=None, help="torch threads (1 is best on a busy machine)")
    ap.add_argument("--rules", action="store_true", help="also score the rules alone")
    ap.add_argument("--json", metavar="PATH")
    args = ap.parse_args()
    from dotterel.pipeline import Pipeline

    if args.models:
        return score_models(args, Pipeline)
    if not args.out:
        ap.error("--out is needed to train (or give --models)")
    from dotterel.classifier.train import TrainConfig, train

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    items, dev, dev_files = label(out / "labelled.pkl")
    results = {}
    if args.rules:
        results["rules"] = score(Pipeline.default(use_classifier=False), dev_files)
        print("rules", json.dumps(results["rules"]), flush=True)
    for name in args.configs.split(","):
        for seed in map(int, args.seeds.split(",")):
            folder = out / f"{name}-s{seed}"
            started = time.time()
            conf = train(items, dev, folder, TrainConfig(epochs=args.epochs, layers=args.layers, seed=seed,
                                                           threads=args.threads, device=args.device,
                                                           **CONFIGS[name]),
                         log=lambda m: print(m, file=sys.stderr, flush=True))
            res = score(Pipeline.default(model_path=str(folder)), dev_files)
            res["train_seconds"] = round(time.time() - started)
            res["candidates_dev"] = conf["dev"]
            res["status_dev"] = conf["dev_status"]
            results[f"{name}-s{seed}"] = res
            print(name, seed, json.dumps(res), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


def score_models(args, pipeline_class) -> int:
    import tempfile

    from dotterel.classifier import shipped_model_path

    shipped = shipped_model_path()
    if args.shipped_settings and shipped is None:
        print("error: no shipped model to take decision settings from", file=sys.stderr)
        return 2
    dev_files = split_files("dev")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(m for m in args.models.split(",") if m):
            folder = Path(name)
            if not (folder / "config.json").is_file():
                print(f"error: {folder}: not a model folder (no config.json)", file=sys.stderr)
                return 2
            if args.shipped_settings:
                folder = with_settings(folder, Path(shipped), Path(tmp) / str(i))
            res = score(pipeline_class.default(model_path=str(folder)), dev_files)
            results[name] = res
            print(name, json.dumps(res), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
