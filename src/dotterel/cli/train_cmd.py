"""`dotterel train CORPUS...`: fine-tune the event classifier on annotated sentences."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO


def _share(value: str) -> float:
    """An argparse type: a share from 0 to 1."""
    try:
        x = float(value)
    except ValueError:
        x = -1.0
    if not 0 <= x <= 1:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be a share from 0 to 1, not {value!r}")
    return x


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    from ..store.cli_common import positive

    p = subparsers.add_parser(
        "train",
        help="fine-tune the event classifier on your own annotated sentences (needs the train extra)",
        description=(
            "Fine-tune the event classifier on annotated sentences in the corpus format "
            "(corpus/GUIDE.md: one JSON object per line with text and events; your own event "
            "types beyond PLOVER are allowed). Files are split into train and dev by a stable "
            "hash of their names (about 15% of the files to dev: with a few files, one side may be "
            "empty, which is an error) unless --dev is given; then every file of PATH trains but "
            "the --dev files (a dev file or folder that lies under PATH is left out of training). "
            "Writes a model folder (int8 ONNX, tokenizer, config, MODEL_CARD.md) to use with "
            "`--model PATH` in extract, ingest and eval; a folder that holds a model already is "
            "refused before any work, unless --force. Runs on a CPU. Needs torch: `pip install "
            "torch==2.13.0` first, then `pip install 'dotterel[train]'`."
        ),
    )
    p.add_argument("corpus", nargs="+", metavar="PATH", help="corpus JSONL files or folders")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="folder to write the model to: missing, empty, or without a model in it (else --force)")
    p.add_argument("--force", action="store_true",
                   help="replace a model already in --out (its files are overwritten, and its lexicon.tsv "
                   "removed unless --lexicon gives one)")
    p.add_argument("--dev", nargs="+", metavar="PATH",
                   help="dev files or folders, never trained on, even where they lie under PATH "
                   "(default: a hash split of PATH)")
    p.add_argument("--epochs", type=positive, default=3, metavar="N",
                   help="passes over the training data, 1 or more (default 3)")
    p.add_argument("--layers", type=int, default=6, metavar="N",
                   help="encoder layers to keep, 1-6 (default 6; fewer is faster)")
    p.add_argument("--batch-size", type=positive, default=32, metavar="N",
                   help="examples per step, 1 or more (default 32)")
    p.add_argument("--seed", type=int, default=13, metavar="N", help="random seed (default 13)")
    p.add_argument("--threads", type=positive, default=None, metavar="N",
                   help="CPU threads for torch, 1 or more (default: all)")
    p.add_argument("--device", default="cpu", metavar="DEVICE",
                   help="torch device to train on (default cpu; 'cuda' trains on a GPU when torch sees one)")
    p.add_argument("--lexicon", metavar="PATH",
                   help="trigger words of your own (a TSV in the columns of dotterel/data/events/lexicon.tsv; "
                   "a type of your own named by a noun the shipped lexicon lacks needs one): the rules "
                   "propose candidates with it, and it is copied into the model folder, so that --model "
                   "brings it along")
    p.add_argument("--vary-names", type=_share, default=0.3, metavar="SHARE",
                   help="share of examples (0-1) added again with other actor names (default 0.3)")
    p.add_argument("--vary-surface", type=_share, default=0.0, metavar="SHARE",
                   help="share of examples (0-1) added again without their weekday ('on Sunday') or, for a "
                        "headline, with a full stop (default 0)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from ..classifier.train import TrainConfig, base_model_dir, check_device, require_torch, train

    out = out or sys.stderr
    check_device(require_torch(), args.device)  # clear messages before any work: no torch, no such device
    base_model_dir()  # ... and no base model
    from ..errors import InputError

    if not 1 <= args.layers <= 6:
        raise InputError("E120", f"--layers must be between 1 and 6 (got {args.layers})")
    # the folder is written after training: a path that cannot be one fails now
    target = Path(args.out)
    there = next(p for p in (target, *target.parents) if p.exists())
    reason = ("a file, not a folder" if there == target else f"{there} is a file") if not there.is_dir() else (
        None if os.access(there, os.W_OK | os.X_OK) else f"{there} is not writable")
    if reason:
        raise InputError("E120", f"--out cannot be the model's folder: {reason}", source=args.out)
    lexicon = getattr(args, "lexicon", None)
    # a model there (a previous run's) would be replaced after the training, without a word
    taken = _model_files_in(target, lexicon)
    if taken and not getattr(args, "force", False):
        raise InputError("E122", f"--out already holds a model ({', '.join(taken)}): give --force to replace it, "
                         "or another folder", source=args.out)
    if lexicon:
        from ..events.lexicon import load_lexicon

        load_lexicon(lexicon)  # a missing or malformed file fails now, before any work
    items, dev, described, dev_files = build_examples(args.corpus, args.dev, vary=args.vary_names,
                                                      seed=args.seed, surface=args.vary_surface,
                                                      log=lambda m: print(m, file=out), lexicon=lexicon)
    cfg = TrainConfig(epochs=args.epochs, layers=args.layers, batch_size=args.batch_size,
                      seed=args.seed, threads=args.threads, device=args.device)
    if lexicon:
        described["Trigger words"] = f"the shipped lexicon and {Path(lexicon).name} (copied here as lexicon.tsv)"
    conf = train(items, dev, args.out, cfg, log=lambda m: print(m, file=out), card_extra=described)
    from ..events.lexicon import USER_LEXICON

    own = Path(args.out) / USER_LEXICON
    if lexicon:
        import shutil

        if not (own.exists() and own.samefile(lexicon)):
            shutil.copyfile(lexicon, own)
    elif own.exists():  # a replaced model's trigger words: --model would bring them along
        own.unlink()
        print(f"removed the replaced model's {USER_LEXICON} from {args.out}", file=out)
    # the records' confidence, fitted on the dev files coded with the finished model folder
    # (its trigger words included): the probability that a record's type is right
    from ..classifier.calibrate import fit_confidence
    from ..classifier.train import write_card

    fitted = fit_confidence(args.out, dev_files, log=lambda m: print(m, file=out))
    if "a" in fitted:
        print(f"records' confidence fitted on dev: {json.dumps(fitted)}", file=out)
    else:
        print(f"records' confidence not fitted (the {fitted['records']} dev record(s) cannot fix it: "
              "fewer than 20, or all right or all wrong); it stays the type's probability", file=out)
    write_card(Path(args.out), json.loads((Path(args.out) / "config.json").read_text(encoding="utf-8")), described)
    # the dev figures of config.json's "dev": the full-precision model's at its own threshold,
    # before int8 quantisation and calibration (their figures are logged above, and in "calibration")
    print(f"model written to {args.out} (dev, full precision before int8 calibration: {conf['dev']})", file=out)
    return 0


def _model_files_in(folder: Path, lexicon: str | None = None) -> list[str]:
    """The files of a model (those `train` writes) already in ``folder``; the user's own
    ``--lexicon`` file, where it lies there as ``lexicon.tsv``, is not one."""
    from ..classifier import MODEL_FILES
    from ..events.lexicon import USER_LEXICON

    if not folder.is_dir():
        return []
    names = (*MODEL_FILES, "MODEL_CARD.md", USER_LEXICON)
    there = [n for n in names if (folder / n).exists()]
    if lexicon and USER_LEXICON in there and Path(lexicon).exists() and (folder / USER_LEXICON).samefile(lexicon):
        there.remove(USER_LEXICON)
    return there


def build_examples(corpus: list[str], dev_paths: list[str] | None, *, vary: float, seed: int, log: Any,
                   surface: float = 0.0, lexicon: str | None = None):
    """The labelled train and dev candidates, the model card's lines on the data, and the dev
    files (which also fit the records' confidence once the model is written)."""
    from ..classifier.corpus import (corpus_files, label_lines, read_lines, rules_pipeline, split_of, vary_names,
                                     vary_surface)
    from ..errors import InputError

    files = corpus_files(corpus)
    if not files:
        raise InputError("E110", "no corpus files found", source=", ".join(corpus))
    left_out = 0
    if dev_paths:
        # a dev file also under PATH would be trained on, and the dev figures and the
        # calibration measured on training data: it is left out of training (a dev folder
        # takes every file under it)
        dev_files = corpus_files(dev_paths)
        held = {f.resolve() for f in dev_files}
        held_dirs = [d.resolve() for d in map(Path, dev_paths) if d.is_dir()]
        train_files = [f for f, r in ((f, f.resolve()) for f in files)
                       if r not in held and not any(r.is_relative_to(d) for d in held_dirs)]
        left_out = len(files) - len(train_files)
        if not train_files:
            raise InputError("E121", f"nothing to train on: all {len(files)} file(s) of PATH are --dev files "
                             "(dev is never trained on); give --dev other files", source=", ".join(corpus))
        if left_out:
            log(f"--dev: {left_out} file(s) of PATH left out of training")
    else:
        train_files = [f for f in files if split_of(f) == "train"]
        dev_files = [f for f in files if split_of(f) == "dev"]
    train_lines, dev_lines = read_lines(train_files), read_lines(dev_files)
    log(f"corpus: {len(train_lines)} train sentences in {len(train_files)} files, "
        f"{len(dev_lines)} dev sentences in {len(dev_files)} files")
    # the split is by file, about 15% of them to dev: a few files may all fall on one side
    split = "" if dev_paths else f" (the hash split of {len(files)} file(s) put none there; give --dev PATH)"
    if not train_lines:
        raise InputError("E110", f"no sentences to train on{split}", source=", ".join(corpus))
    if not dev_lines:
        # the model's calibration (temperature, NONE thresholds) and its card's figures come from dev
        raise InputError("E110", f"no dev sentences to calibrate the model on{split}",
                         source=", ".join(dev_paths or corpus))
    _log_own_types(train_lines + dev_lines, log)
    progress = sys.stderr.isatty()
    pipeline = rules_pipeline(lexicon=lexicon) if lexicon else None
    items = label_lines(train_lines, progress=progress, pipeline=pipeline)
    dev = label_lines(dev_lines, progress=progress, pipeline=pipeline)
    if vary > 0:
        names = _names()
        items = items + vary_names(items, names, share=vary, seed=seed)
    if surface > 0:
        items = items + vary_surface(items, share=surface, seed=seed)
    folders = ", ".join(sorted({f.parent.name for f in train_files}))
    dev_from = (f"--dev {' '.join(dev_paths)}" if dev_paths
                else f"the hash split of {' '.join(corpus)}: {', '.join('/'.join(f.parts[-2:]) for f in dev_files)}")
    described = {
        "Training data": f"{len(train_lines)} sentences from {len(train_files)} files ({folders}) "
                         f"in {' '.join(corpus)}" + (f", less the {left_out} --dev file(s)" if left_out else ""),
        "Dev data": f"{len(dev_lines)} sentences from {len(dev_files)} files ({dev_from})",
    }
    return items, dev, described, dev_files


def _log_own_types(lines: list[dict[str, Any]], log: Any) -> None:
    """Name the types beyond PLOVER, so that a typo ("ACUSE": a label of its own) shows."""
    from collections import Counter
    from difflib import get_close_matches

    from ..classifier.features import PLOVER_TYPES

    own = Counter(t for line in lines for ev in line["events"] for t in ev["event"] if t not in PLOVER_TYPES)
    if own:
        log("types of your own (not PLOVER; each becomes a label): " + ", ".join(
            f"{t} {n}" + "".join(f" (a typo for {m}?)" for m in get_close_matches(t, PLOVER_TYPES, 1, 0.8))
            for t, n in own.most_common()))


def _names() -> list[str]:
    """Country names and demonyms from dotterel's own country table, for name variation."""
    from importlib import resources

    path = resources.files("dotterel") / "data" / "actors" / "countries.tsv"
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) > 1 and cols[1]:
            names.append(cols[1])
    return names or ["Freedonia", "Sylvania"]
