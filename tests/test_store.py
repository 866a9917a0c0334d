"""The corpus store on both backends: idempotent, crash-safe ingest, fusion across documents, queries.

The backend-independent behaviour is the conformance suite (dotterel.store.conformance), run
here on DuckDB, PostgreSQL and a backend this file registers for its own URL scheme.

PostgreSQL variants are marked `postgres` and skip unless DOTTEREL_TEST_PG points at a
reachable server (.ci/postgres.sh starts one).
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dotterel.errors import StoreError
from dotterel.store import Backend, open_store, register_backend
from dotterel.store.backend import _OPENERS, schemes
from dotterel.store.conformance import CHECKS, check_backend
from dotterel.store.duckdb_backend import DuckDBBackend
from dotterel.store.testing import postgres_schema_url

ROOT = Path(__file__).resolve().parents[1]


class ScratchDuckDB(DuckDBBackend):
    """A backend from outside the store package: DuckDB files behind a ``scratch://`` scheme."""

    kind = "scratch"


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres), "registered"])
def new_url(request, tmp_path):
    """A callable that returns the URL of a new, empty store of one backend on each call."""
    counter = itertools.count()
    if request.param == "duckdb":
        yield lambda: str(tmp_path / f"s{next(counter)}.duckdb")
        return
    if request.param == "registered":
        register_backend("scratch", lambda url, **options: ScratchDuckDB(url[len("scratch://"):]))
        yield lambda: f"scratch://{tmp_path}/s{next(counter)}.duckdb"
        _OPENERS.pop("scratch")
        return
    drops = []

    def pg() -> str:
        try:
            url, drop = postgres_schema_url()
        except RuntimeError as exc:
            pytest.skip(str(exc))
        drops.append(drop)
        return url

    yield pg
    for drop in drops:
        drop()


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
def test_backend_conformance(check, new_url):
    """The conformance suite (dotterel.store.conformance) on every backend, one check per test."""
    check(new_url)


def test_check_backend_names_the_broken_check(tmp_path):
    class NoConflicts(ScratchDuckDB):  # a backend that stores a row twice breaks the contract
        def insert(self, table, rows, *, ignore_conflicts=True):
            super().insert(table, rows, ignore_conflicts=False)

    register_backend("broken", lambda url, **options: NoConflicts(url[len("broken://"):]))
    counter = itertools.count()
    try:
        with pytest.raises(AssertionError, match=r"^check_\w+: "):
            check_backend(lambda: f"broken://{tmp_path}/b{next(counter)}.duckdb")
    finally:
        _OPENERS.pop("broken")


def test_backends_come_from_the_url_scheme(tmp_path):
    assert {"duckdb", "postgresql", "postgres"} <= set(schemes())
    with open_store(f"duckdb://{tmp_path}/a.duckdb") as store:
        assert isinstance(store.backend, Backend) and store.kind == "duckdb"
    with pytest.raises(StoreError, match=r"E408.*no store backend for mysql:// URLs"):
        open_store("mysql://localhost/db")
    assert not list(tmp_path.glob("mysql*"))


def test_duckdb_file_in_use_is_a_clean_error(tmp_path):
    path = str(tmp_path / "locked.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({path!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use"):
            open_store(path)
    finally:
        holder.kill()
        holder.wait()


def _write_corpus(folder: Path, n: int) -> None:
    countries = ["Freedonia", "Sylvania", "Ruritania", "Kenya", "Norway", "Chile"]
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = countries[i % 6], countries[(i + 1 + i // 6) % 6]
            if a == b:
                b = "Mexico"
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
            text = f"Report {i}: {a} accused {b} on {day}. {a} and {b} met in Geneva."
            fh.write(json.dumps({"id": f"gen-{i:05d}", "text": text, "date": day,
                                 "publisher": f"Paper {i % 7}"}) + "\n")


def test_sigkill_mid_run_then_rerun_stores_every_document_once(db_url, tmp_path):
    n = 300
    _write_corpus(tmp_path, n)
    env = dict(os.environ, DOTTEREL_FAKE_DELAY="0.01", PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "dotterel.cli.main", "ingest", str(tmp_path / "corpus.jsonl"), "--db", db_url,
           "--pipeline", "dotterel.store.testing:fake_pipeline", "--batch-size", "10", "--no-progress", "-v"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    committed = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("committed"):
            committed = int(line.split()[1])
            if committed >= 50:
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    with open_store(db_url) as s:
        stored = s.status()["documents"]
    assert committed <= stored < n
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(db_url) as s:
        st = s.status()
        assert st["documents"] == n and st["failures"] == 0 and st["unfused"] == 0
        assert st["events"] == 2 * n
        docs = s.backend.query("SELECT count(DISTINCT doc_id), count(*) FROM documents")[0]
        assert tuple(docs) == (n, n)
        ev = s.backend.query("SELECT count(DISTINCT id), count(*) FROM events")[0]
        assert tuple(ev) == (2 * n, 2 * n)
        fm = s.backend.query("SELECT count(*) FROM fused_mentions")[0][0]
        assert fm == 2 * n
