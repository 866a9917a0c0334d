"""Getting a SparkSession, and clear errors where pyspark or Java is missing."""

from __future__ import annotations

import os
import re
import shutil
import sys
from typing import Any

from .code import SparkError

_SPARK_TYPES = {"TEXT": "string", "INTEGER": "bigint", "DOUBLE": "double", "DATE": "date", "TIMESTAMP": "timestamp"}


def spark_type_ddl(generic: str) -> str:
    """A store schema type (TEXT, INTEGER, ...) as a Spark SQL type."""
    return _SPARK_TYPES[generic]


def require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkError(
            "E501",
            "pyspark is not installed; install the spark extra: .venv/bin/pip install -r requirements/spark.txt "
            "(or bash scripts/setup --spark)",
        ) from None


def java_problem() -> str | None:
    """Why a local Spark cannot start here (no Java), or None."""
    home = os.environ.get("JAVA_HOME")
    if home:  # Spark's launcher then runs $JAVA_HOME/bin/java, whatever is on PATH
        if os.path.exists(os.path.join(home, "bin", "java")):
            return None
        return (f"JAVA_HOME={home} has no bin/java (Spark runs that one, not the java on PATH); "
                "unset JAVA_HOME or point it at a Java 17 runtime")
    if shutil.which("java"):
        return None
    return ("no Java runtime (java not on PATH, JAVA_HOME unset); Spark 4 needs Java 17: "
            "sudo apt-get install openjdk-17-jre-headless (or bash scripts/setup --spark)")


# In local mode the JVM only moves rows between files and the Python workers, which do the
# coding, on the same cores. Its optimising JIT compiler (C2) and parallel GC threads took
# 12.6% of the workers' CPU time on 1,000 documents; the quick compiler alone and the serial
# collector take 5.6% (docs/spark.md). Clusters (spark-submit) keep their own settings.
LOCAL_JAVA_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"


# the master URLs Spark 4 takes (anything else makes its JVM exit before the session starts)
_MASTER = re.compile(r"local(\[(\*|[1-9]\d*)(,\s*\d+)?\])?|local-cluster\[\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]"
                     r"|yarn|(spark|k8s)://\S+")


def check_master(master: str) -> None:
    """Refuse a master that is no Spark master URL, before a JVM is started for it."""
    if not _MASTER.fullmatch(master):
        raise SparkError("E505", f"--master {master}: not a Spark master URL; use local[N], local[*], "
                         "spark://HOST:PORT, yarn or k8s://URL")


def get_session(master: str | None = None, *, app_name: str = "dotterel", conf: dict[str, str] | None = None) -> Any:
    """The active SparkSession, or a new one.

    Under ``spark-submit`` (or in a notebook with a session) the existing session
    and its master are used. Otherwise a local session is started (``master``,
    default ``local[*]``) whose Python workers run this interpreter.
    """
    if master is not None:
        check_master(master)
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    launched = "SPARK_SUBMIT_OPTS" in os.environ or os.environ.get("PYSPARK_GATEWAY_PORT")
    local = master is None and not launched or (master or "").startswith("local")
    if local:
        problem = java_problem()
        if problem:
            raise SparkError("E503", problem)
        # workers must run the interpreter that has dotterel; bind to loopback (no DNS wait)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.appName(app_name)
    if master or local:
        builder = builder.master(master or "local[*]")
    if local:
        builder = (builder.config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.driver.host", "127.0.0.1")
                   .config("spark.sql.shuffle.partitions", "8")
                   .config("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
