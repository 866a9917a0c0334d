"""dotterel on Apache Spark: bulk coding and cross-document fusion for corpora that outgrow one machine.

    from dotterel.spark import get_session, run
    spark = get_session()                       # the active session, or a local one
    run(spark, ["s3a://news/2019/*.jsonl"], "s3a://coded/2019", formats=("records", "gdelt"))

or from a shell: ``dotterel spark PATH... --out DIR`` (``spark-submit`` runs the same
options through ``python -m dotterel.spark``; see docs/spark.md). The pieces:

- `read_corpus` — JSONL, Parquet or folders of text/HTML into raw rows;
- `code` — ``mapInPandas`` over the raw rows: each Python worker builds the
  pipeline once from its config, codes documents in batches and emits the
  store's rows; a failed document is a failure row (doc id, stage, reason);
- `fuse` — cross-document fusion (docs/fusion.md) blocked by type, dyad and date window;
- `run` — all of it, writing Parquet (records, POLECAT, GDELT layouts, failures)
  and, optionally, appending to a dotterel store.

pyspark is optional (``pip install -e '.[spark]'``); importing this package does
not import it.
"""

from __future__ import annotations

from .code import SparkError
from .job import FORMATS, INPUT_FORMATS, add_arguments, code, main, read_corpus, run
from .session import get_session


def fuse(events):
    """Fuse an events DataFrame; returns (fused_events, fused_mentions). See `dotterel.spark.fusion`."""
    from .fusion import fuse as _fuse

    return _fuse(events)


__all__ = ["get_session", "read_corpus", "code", "fuse", "run", "main", "add_arguments", "SparkError",
           "FORMATS", "INPUT_FORMATS"]
