"""Compare event coders: rules alone, a frozen encoder, fine-tuned without and with the rules' evidence.

    .venv/bin/python benchmarks/bench_classifier.py --out /tmp/clf [--configs hybrid,plain,frozen] [--seeds 13,7]

Labels the corpus (corpus/raw, split by file hash) once, trains each configuration and seed on
a CPU, and scores every resulting model, and the rules alone, on
- the corpus dev split (record level: type and full precision/recall, as `dotterel eval --corpus`),
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


def score(pipeline, dev_files):
    from dotterel.evaluate import evaluate
    from dotterel.evaluate_news import evaluate_news

    out = {}
    rep = evaluate_news(dev_files, pipeline=pipeline)
    out["corpus_dev"] = {k: rep.to_dict()[k] for k in ("type_p", "type_r", "type_f1", "full_p", "full_r", "status")}
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
    ap.add_argument("--out", required=True)
    ap.add_argument("--configs", default="hybrid,plain,frozen")
    ap.add_argument("--seeds", default="13")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--threads", type=int, default=None, help="torch threads (1 is best on a busy machine)")
    ap.add_argument("--rules", action="store_true", help="also score the rules alone")
    ap.add_argument("--json", metavar="PATH")
    args = ap.parse_args()
    from dotterel.classifier.train import TrainConfig, train
    from dotterel.pipeline import Pipeline

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
                                                           threads=args.threads, **CONFIGS[name]),
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


if __name__ == "__main__":
    sys.exit(main())
