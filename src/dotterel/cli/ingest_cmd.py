"""`dotterel ingest PATH...`: read, code and store documents (idempotent, crash-safe)."""

from __future__ import annotations

import argparse
import signal
import sys


def add_parser(sub) -> None:
    from ..store.cli_common import add_db, positive
    from .extract_cmd import add_doc_timeout, add_model_options, worker_count

    p = sub.add_parser("ingest", help="code documents and store them (DuckDB or PostgreSQL)",
                       description="Read files, folders, feeds, JSONL or - (stdin), code them and store "
                       "documents, events, actors and failures. Documents already stored are skipped.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="file, folder (read recursively), RSS/Atom feed, JSONL file, or - for stdin")
    add_db(p)
    p.add_argument("--workers", type=worker_count, default=1, metavar="N",
                   help="processes coding in parallel, from 1 up to the number of CPUs (default 1)")
    add_doc_timeout(p)
    p.add_argument("--batch-size", type=positive, default=200, metavar="N",
                   help="documents written per transaction (1 or more; default 200)")
    p.add_argument("--pipeline", metavar="MODULE:FUNC", default=None,
                   help="advanced: a factory returning the Pipeline (default: the built-in coder)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (there is none when stderr is not a terminal)")
    p.add_argument("-v", "--verbose", action="store_true", help="print a line after each committed batch")
    add_model_options(p)
    p.set_defaults(func=run)


def _with_timeout(pipeline, seconds: float):
    """The pipeline with its per-document limit set. With no model option and no --pipeline
    the store would build the default pipeline itself, where no limit can reach it, so the
    same default is built here to carry it."""
    if pipeline is None:
        from ..pipeline import Pipeline

        pipeline = Pipeline.default()
    pipeline.doc_timeout = max(0.0, seconds)
    return pipeline


def run(args: argparse.Namespace) -> int:
    from ..store.cli_common import load_factory, open_db

    from .extract_cmd import pipeline_from_args

    pipeline = load_factory(args.pipeline) if args.pipeline else pipeline_from_args(args)
    if args.doc_timeout is not None:
        pipeline = _with_timeout(pipeline, args.doc_timeout)

    told = 0
    # a bar only on a terminal: in a log or a pipe its redraws were noise, glued to the failure lines
    progress = not args.no_progress and sys.stderr.isatty()

    def say(line: str) -> None:
        if progress:  # above the bar, which is drawn again below
            from tqdm import tqdm

            tqdm.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def committed(report) -> None:
        nonlocal told
        for where, reason in report.failures[told:]:  # each failed document, one line, as it is committed
            say(f"dotterel ingest: {where}: {reason}")
        told = len(report.failures)
        if args.verbose:
            say(f"committed {report.stored} documents, {report.failed} failures")

    def terminated(signum, frame):  # `kill`: stop like Ctrl-C (committed batches stay), no traceback
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminated)
    with open_db(args) as store:
        report = store.ingest(
            args.paths,
            workers=args.workers,
            pipeline=pipeline,
            batch_size=args.batch_size,
            progress=progress,
            on_commit=committed,
        )
    print(
        f"stored {report.stored} documents ({report.events} events), skipped {report.skipped} already "
        f"stored, {report.failed} failed, {report.docs_per_second:.1f} documents/s",
        file=sys.stderr,
    )
    return 1 if report.failed else 0
