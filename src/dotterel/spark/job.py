"""The `dotterel spark` job: read a corpus, code it on the executors, write Parquet, fuse, store.

    spark = get_session("local[2]")
    report = run(spark, ["archive/*.jsonl"], "out/", formats=("records", "gdelt"), fuse_events=True)

Output folder (Parquet datasets, Spark's usual part files):

    events/          one row per event record, the store's ``events`` layout (the full
                     output-contract record is the JSON column ``record``), partitioned
                     by ``date_part`` (the event's day, month or year; ``unknown``)
    documents/       one row per coded document (metadata, counts; no text)
    failures/        doc_id, source, stage, reason: documents that could not be read or coded
    fused_events/    with fusion: one row per real-world event (docs/fusion.md), partitioned
                     like events; fused_mentions/: event_id -> fused_id
    polecat/, gdelt/ the POLECAT and GDELT layouts of ``dotterel export`` (one row per fused
                     event, every field a string as in the TSV; spaces in names become ``_``)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Sequence
from typing import Any

from .code import FAILURE_COLUMNS, OUTPUT_COLUMNS, SparkError, code_frames, object_frame
from .session import get_session, spark_type_ddl

__all__ = ["read_corpus", "code", "run", "add_arguments", "main", "FORMATS", "INPUT_FORMATS"]

FORMATS = ("records", "polecat", "gdelt")
INPUT_FORMATS = ("auto", "jsonl", "parquet", "files")
PARTITIONS = ("day", "month", "year")
MODES = ("overwrite", "append")

_JSONL = (".jsonl", ".ndjson", ".json")


def _input_format(paths: Sequence[str], wanted: str) -> str:
    if wanted != "auto":
        return wanted
    kinds = set()
    for p in paths:
        name = p.rstrip("/").lower()
        for ext in (".gz", ".bz2"):
            name = name.removesuffix(ext)
        kinds.add("jsonl" if name.endswith(_JSONL) else "parquet" if name.endswith(".parquet") else "files")
    if len(kinds) > 1:
        raise SparkError("E504", f"inputs mix formats ({', '.join(sorted(kinds))}); run one job per format "
                         "or give --input-format")
    return kinds.pop()


def read_corpus(spark: Any, paths: Sequence[str], input_format: str = "auto") -> Any:
    """A DataFrame of raw input rows (``source``, ``kind``, ``payload``), not yet read into documents.

    ``jsonl``: JSONL files, one row per line. ``parquet``: Parquet with ``text``
    and optionally ``id``, ``date``, ``title``, ``url``, ``publisher``, ``language`` (each row
    is read as a JSONL line would be). ``files``: files and folders (recursively;
    hidden files skipped) of text, HTML, JSONL or feeds, one row per file.
    ``auto`` decides by the paths' names (``.jsonl``/``.ndjson``/``.json``,
    ``.parquet``, anything else: files). Any path Spark reads works (local, HDFS,
    ``s3a://``).
    """
    from pyspark.sql import functions as F

    paths = [str(p) for p in paths]
    if not paths:
        raise SparkError("E504", "no input paths")
    fmt = _input_format(paths, input_format)
    _check_local(paths)
    if fmt == "jsonl":
        df = spark.read.text(paths)
        return _with_empty_files(spark, paths, df.where(F.trim("value") != "").select(
            F.input_file_name().alias("source"), F.lit("jsonl").alias("kind"),
            F.encode("value", "UTF-8").alias("payload")), blank=True)
    if fmt == "parquet":
        df = spark.read.parquet(*paths)
        if "text" not in df.columns:
            raise SparkError("E504", f"{paths[0]}: Parquet input needs a `text` column; it has {df.columns}")
        cols = [c for c in ("id", "text", "date", "title", "url", "publisher", "language") if c in df.columns]
        line = F.to_json(F.struct(*[F.col(c).cast("string").alias(c) for c in cols]))
        return df.select(F.input_file_name().alias("source"), F.lit("jsonl").alias("kind"),
                         F.encode(line, "UTF-8").alias("payload"))
    if fmt == "files":
        df = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(paths)
        df = df.where(~F.col("path").rlike(r"/[._][^/]*$|/\.[^/]*/"))  # hidden files and folders
        return _with_empty_files(spark, paths, df.select(F.col("path").alias("source"), F.lit("file").alias("kind"),
                                                          F.col("content").alias("payload")))
    raise SparkError("E504", f"--input-format {input_format!r}: use one of {', '.join(INPUT_FORMATS)}")


def _with_empty_files(spark: Any, paths: Sequence[str], raw: Any, *, blank: bool = False) -> Any:
    """`raw` plus one row for each local file named in `paths` that Spark reads no row from: an
    empty one (``blank``: one of white space alone, as JSONL lines are read).

    Read whole, such a file becomes the failure `dotterel extract` gives it (empty file, E102).
    Files found in a named folder are not looked at.
    """
    import glob
    import os

    empty = []
    for p in paths:
        if "://" in p and not p.startswith("file:"):
            continue
        for name in glob.glob(p.removeprefix("file:")):
            if os.path.isfile(name) and os.path.getsize(name) <= (4096 if blank else 0):
                with open(name, "rb") as fh:
                    if not fh.read().strip():
                        empty.append((os.path.abspath(name), "file", bytearray()))
    if not empty:
        return raw
    return raw.unionByName(spark.createDataFrame(empty, "source string, kind string, payload binary"))


def _check_local(paths: Sequence[str]) -> None:
    import glob

    for p in paths:
        if "://" in p and not p.startswith("file:"):
            continue
        local = p.removeprefix("file:")
        if not glob.glob(local):
            raise SparkError("E504", f"{p}: no such file or folder")


def _output_schema() -> str:
    return ", ".join(f"`{c}` {spark_type_ddl(t)}" for c, t in OUTPUT_COLUMNS)


def code(raw: Any, *, config: dict[str, Any] | None = None, pipeline: str | None = None,
         batch_size: int = 32, date: dt.date | None = None, partitions: int | None = None) -> Any:
    """Code raw rows (`read_corpus`) on the executors: a DataFrame of store rows tagged by ``table``.

    ``config`` holds the keyword options of ``Pipeline.default`` (model_path,
    use_classifier, ...); ``pipeline`` a ``module:function`` factory called with
    them instead. Each Python worker builds its pipeline once, on first use.
    """
    spec = (pipeline, tuple(sorted((config or {}).items())))
    day = date.isoformat() if date else None
    spark = raw.sparkSession
    n = partitions or 0
    if not n:
        parallelism = spark.sparkContext.defaultParallelism
        if raw.rdd.getNumPartitions() < parallelism:
            n = 2 * parallelism
    if n:
        raw = raw.repartition(n)

    def body(frames):
        return code_frames(frames, spec, batch_size=batch_size, date=day)

    return raw.mapInPandas(body, schema=_output_schema())


def table(coded: Any, name: str) -> Any:
    """One table of `code`'s output (documents, events, actors, event_dyads, failures)."""
    from pyspark.sql import functions as F

    from ..store.schema import columns

    cols = list(FAILURE_COLUMNS) if name == "failures" else columns(name)
    return coded.where(F.col("table") == name).select(*cols)


def _date_part(df: Any, column: str, partition: str) -> Any:
    from pyspark.sql import functions as F

    fmt = {"day": "yyyy-MM-dd", "month": "yyyy-MM", "year": "yyyy"}[partition]
    return df.withColumn("date_part", F.coalesce(F.date_format(F.col(column), fmt), F.lit("unknown")))


def _exists(spark: Any, path: str) -> bool:
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return bool(fs.exists(hpath))


def _check_output(spark: Any, path: str) -> None:
    """Refuse an output folder that cannot be written, before any coding: a file, a folder
    under a file, a local folder that cannot be created or written."""
    import os

    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if fs.exists(hpath) and not fs.getFileStatus(hpath).isDirectory():
        raise SparkError("E505", f"--out {path}: a file is there; give a folder")
    if fs.getScheme() != "file":
        return
    local = fs.makeQualified(hpath).toUri().getPath()
    try:
        os.makedirs(local, exist_ok=True)
    except OSError as exc:
        raise SparkError("E505", f"--out {path}: cannot create the folder ({exc.strerror})") from None
    if not os.access(local, os.W_OK | os.X_OK):
        raise SparkError("E505", f"--out {path}: the folder is not writable")


def _read(spark: Any, path: str, schema: Any) -> Any:
    """A dataset this job wrote, read with the schema it was written with: a partitioned dataset
    with no rows (no event found) has no Parquet file to infer a schema from."""
    return spark.read.schema(schema).parquet(path)


def _write(df: Any, path: str, *, mode: str, key: str | None = None, partition: bool = False) -> Any:
    """Write `df`; in append mode only the rows whose `key` is not yet in the dataset (idempotent)."""
    spark = df.sparkSession
    if mode == "append" and key and _exists(spark, path):
        old = _read(spark, path, df.schema).select(key).distinct()
        df = df.join(old, key, "left_anti")
    writer = df.write.mode(mode)
    if partition:
        writer = writer.partitionBy("date_part")
    writer.parquet(path)
    return df


def _layout_frames(frames, fmt: str):
    from ..store import export as ex
    from .fusion import _value

    build = ex._polecat_row if fmt == "polecat" else ex._gdelt_row
    header = ex.POLECAT_COLUMNS if fmt == "polecat" else ex.GDELT_COLUMNS
    names = [_layout_name(h) for h in header]
    for frame in frames:
        rows = []
        for row in frame.to_dict("records"):
            fused = {k: _value(v) for k, v in row.items() if k not in ("record", "url")}
            record = json.loads(row["record"]) if row.get("record") else {}
            record["_url"] = _value(row.get("url"))
            rows.append([ex.clean(v) for v in build(fused, record)])
        yield object_frame(rows, names)


def _layout_name(header: str) -> str:
    return header.replace(" ", "_")


def layout(fused: Any, events: Any, fmt: str) -> Any:
    """The POLECAT or GDELT rows of fused events (``dotterel export``'s column logic)."""
    from ..store import export as ex

    header = ex.POLECAT_COLUMNS if fmt == "polecat" else ex.GDELT_COLUMNS
    schema = ", ".join(f"`{_layout_name(h)}` string" for h in header)
    reps = events.select(events["id"].alias("rep_event_id"), "record", "url")
    joined = fused.join(reps, "rep_event_id", "left")
    return joined.mapInPandas(lambda frames: _layout_frames(frames, fmt), schema=schema)


def run(spark: Any, inputs: Sequence[str], output: str, *, input_format: str = "auto",
        config: dict[str, Any] | None = None, pipeline: str | None = None, formats: Sequence[str] = ("records",),
        fuse_events: bool = False, store: str | None = None, mode: str = "overwrite", partition: str = "month",
        batch_size: int = 32, date: dt.date | None = None, partitions: int | None = None) -> dict[str, Any]:
    """Code `inputs` on the cluster and write Parquet under `output` (see the module docstring).

    ``mode="append"`` adds only records, documents and failures whose ids are not
    yet in `output` (re-running on the same input adds nothing) and then fuses
    everything in `output` again. ``store`` (a DuckDB file or ``postgresql://``
    URL) also appends the coded documents to a dotterel store through the store
    API, from the driver, idempotently (content ids, ``ON CONFLICT DO NOTHING``),
    and refreshes its fused events. Returns counts and timings.
    """
    from pyspark import StorageLevel

    formats = tuple(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad or mode not in MODES or partition not in PARTITIONS:
        raise SparkError("E505", f"bad option: formats {formats}, mode {mode!r}, partition {partition!r}; "
                         f"use formats from {FORMATS}, mode from {MODES}, partition from {PARTITIONS}")
    if set(formats) & {"polecat", "gdelt"}:
        fuse_events = True
    out = output.rstrip("/")
    _check_output(spark, out)
    started = time.perf_counter()
    raw = read_corpus(spark, inputs, input_format)
    coded = code(raw, config=config, pipeline=pipeline, batch_size=batch_size, date=date,
                 partitions=partitions).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = {r["table"]: r["count"] for r in coded.groupBy("table").count().collect()}
        coded_s = time.perf_counter() - started
        events = _date_part(table(coded, "events"), "day", partition)
        docs = table(coded, "documents").drop("text")
        failures = table(coded, "failures")
        if "records" in formats or mode == "append" or fuse_events:
            _write(events, f"{out}/events", mode=mode, key="id", partition=True)
        _write(docs, f"{out}/documents", mode=mode, key="doc_id")
        _write(failures, f"{out}/failures", mode=mode, key="doc_id")
        report: dict[str, Any] = {
            "documents": counts.get("documents", 0), "events": counts.get("events", 0),
            "failures": counts.get("failures", 0), "coding_seconds": round(coded_s, 2),
        }
        if fuse_events:
            from pyspark.sql import functions as F

            from .fusion import fused_with_members

            all_events = _read(spark, f"{out}/events", events.schema)
            members = fused_with_members(all_events).persist(StorageLevel.MEMORY_AND_DISK)
            try:
                fused = members.drop("members")
                _date_part(fused, "day", partition).write.mode("overwrite").partitionBy("date_part").parquet(
                    f"{out}/fused_events")
                members.select(F.explode("members").alias("event_id"), "fused_id").write.mode(
                    "overwrite").parquet(f"{out}/fused_mentions")
                for fmt in formats:
                    if fmt in ("polecat", "gdelt"):
                        layout(fused, all_events, fmt).write.mode("overwrite").parquet(f"{out}/{fmt}")
                report["fused_events"] = members.count()
            finally:
                members.unpersist()
        if store:
            report["store"] = append_to_store(coded, store, batch_size=max(200, batch_size))
    finally:
        coded.unpersist()
    report["seconds"] = round(time.perf_counter() - started, 2)
    return report


def append_to_store(coded: Any, url: str, *, batch_size: int = 200) -> dict[str, Any]:
    """Write coded rows into the store at `url` (idempotent), then refresh its fusion.

    Rows stream to the driver partition by partition; every `batch_size`
    documents are one transaction (the store's own write: documents, events,
    actors, dyads and failures together). Ids derive from content, and the store
    ignores rows it already has, so re-running adds nothing.
    """
    from ..document import Failure
    from ..store import open_store
    from ..store.rows import ROW_TABLES, new_rows

    wanted = ["table"] + [c for c, _ in OUTPUT_COLUMNS if c != "table"]
    before = None
    with open_store(url) as st:
        before = st.status()
        rows, fails, ndocs = new_rows(), [], 0

        def flush() -> None:
            nonlocal rows, fails, ndocs
            if ndocs or fails:
                st._write(rows, fails)
            rows, fails, ndocs = new_rows(), [], 0

        for r in coded.select(*wanted).toLocalIterator(prefetchPartitions=True):
            t = r["table"]
            if t == "failures":
                # as the store's own ingest has it: a reader's reason alone, a stage's named
                reason = r["reason"] if r["stage"] == "read" else f"stage {r['stage']!r}: {r['reason']}"
                fails.append(Failure(r["doc_id"], reason, r["source"]))
                continue
            if t == "documents" and ndocs >= batch_size:
                flush()
            if t == "documents":
                ndocs += 1
            if t in ROW_TABLES:
                for c, values in rows[t].items():
                    values.append(r[c])
        flush()
        st.refuse()
        st.backend.execute("DELETE FROM failures WHERE doc_id IN (SELECT doc_id FROM documents)")
        after = st.status()
    return {k: after[k] - before[k] for k in ("documents", "events", "failures")} | {
        "fused_events": after["fused_events"]}


# --------------------------------------------------------------------------- command line


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `dotterel spark` (shared with ``python -m dotterel.spark`` for spark-submit)."""
    from ..cli.extract_cmd import iso_date

    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="JSONL files, Parquet files or folders, or folders of text/HTML (any path Spark reads)")
    p.add_argument("--out", "-o", required=True, metavar="DIR", help="output folder (Parquet datasets)")
    p.add_argument("--master", metavar="URL", default=None,
                   help="Spark master (default: the session's under spark-submit, else local[*])")
    p.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                   help="how to read PATHs (default auto: by their names)")
    p.add_argument("--date", type=iso_date, help="publication date for every document (YYYY-MM-DD)")
    p.add_argument("--formats", default="records", metavar="LIST",
                   help="comma-separated output layouts: records (default), polecat, gdelt (the last two fuse)")
    p.add_argument("--fuse", action="store_true", help="also fuse events across documents (fused_events/)")
    p.add_argument("--store", "--db", dest="store", metavar="URL", default=None,
                   help="also append to this store (DuckDB file or postgresql:// URL), idempotently; "
                   "--db as in ingest, status and the query commands")
    p.add_argument("--mode", choices=MODES, default="overwrite",
                   help="overwrite the output (default) or append only what it lacks")
    p.add_argument("--partition", choices=PARTITIONS, default="month",
                   help="date partitions of events/ and fused_events/ (default month)")
    p.add_argument("--batch-size", type=int, default=32, metavar="N", help="documents per pipeline batch (default 32)")
    p.add_argument("--partitions", type=int, default=None, metavar="N",
                   help="repartition the input into N tasks (default: as read, at least 2 per core)")
    p.add_argument("--pipeline", metavar="MODULE:FUNC", default=None,
                   help="advanced: a factory returning the Pipeline, built on each executor")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--model", metavar="PATH",
                   help="event classifier folder written by `dotterel train` (it must exist on every executor)")
    p.add_argument("--no-model", action="store_true", help="code with the rules alone (no event classifier)")
    p.add_argument("--lexicon", metavar="PATH",
                   help="trigger words of your own, as in extract (it must exist on every executor)")


def config_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword options of `Pipeline.default` that --model / --no-model / --lexicon ask for
    ({} = the default)."""
    lexicon = getattr(args, "lexicon", None)
    if not args.model and not args.no_model and not lexicon:
        return {}
    return {"model_path": args.model, "use_classifier": not args.no_model,
            **({"lexicon": lexicon} if lexicon else {})}


def spark_problem(exc: BaseException) -> SparkError | None:
    """One line saying why Spark failed (`exc` raised by pyspark or py4j), or None for another error.

    An error a Python worker raised (a --model folder it cannot load, a --pipeline factory
    that fails) keeps dotterel's own code and message, where it is one; else E506 and the
    exception's first line.
    """
    import re

    from pyspark.errors import PySparkException, PythonException
    from py4j.protocol import Py4JError, Py4JJavaError

    if isinstance(exc, PythonException):
        text = str(exc)
        found = re.findall(r"^dotterel\.[\w.]+: \[(E\d+)\] (.*)$", text, re.M)
        if found:
            return SparkError(*found[-1])
        lines = [line for line in text.splitlines() if line.strip() and not line.startswith((" ", "\t"))]
        return SparkError("E506", f"a Spark task failed: {lines[-1] if lines else type(exc).__name__}")
    if isinstance(exc, Py4JJavaError):
        text = str(exc.java_exception.toString())
    elif isinstance(exc, (PySparkException, Py4JError)):
        text = str(exc)
    else:
        return None
    first = next((line.strip() for line in text.splitlines() if line.strip()), type(exc).__name__)
    return SparkError("E506", f"Spark failed: {first}")


def run_args(args: argparse.Namespace) -> int:
    import sys

    from ..errors import DotterelError

    try:
        spark = get_session(args.master)
        report = run(
            spark, args.paths, args.out, input_format=args.input_format, config=config_from_args(args),
            pipeline=args.pipeline, formats=[f.strip() for f in args.formats.split(",") if f.strip()],
            fuse_events=args.fuse, store=args.store, mode=args.mode, partition=args.partition,
            batch_size=max(1, args.batch_size), date=args.date, partitions=args.partitions,
        )
    except DotterelError:  # ours already (no pyspark, a bad option): as it is
        raise
    except Exception as exc:  # noqa: BLE001 - Spark's own exceptions become one line (E506)
        problem = spark_problem(exc)
        if problem is None:
            raise
        raise problem from None
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        line = (f"coded {report['documents']} documents ({report['events']} events), "
                f"{report['failures']} failed, in {report['seconds']} s")
        if "fused_events" in report:
            line += f"; {report['fused_events']} fused events"
        if "store" in report:
            s = report["store"]
            line += f"; store: +{s['documents']} documents, +{s['events']} events"
        print(line + f"; output in {args.out}", file=sys.stderr)
    return 1 if report["failures"] else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``spark-submit`` (``python -m dotterel.spark``): same options as `dotterel spark`."""
    import sys

    from ..errors import DotterelError

    p = argparse.ArgumentParser(prog="dotterel-spark", description="Code a corpus on Spark (see docs/spark.md).")
    add_arguments(p)
    args = p.parse_args(argv)
    try:
        return run_args(args)
    except DotterelError as exc:
        print(f"dotterel spark: error: {exc}", file=sys.stderr)
        return 1
