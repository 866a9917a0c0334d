"""Prebuilt resource indexes, built on first use into a versioned cache directory.

The gazetteer and the actor knowledge base are built from their sources (GeoNames
tables, the project's actor tables, the user's imported dictionaries) once, then
stored in a compact form that loads in a fraction of the time:

    cache_dir()     $DOTTEREL_CACHE, else $XDG_CACHE_HOME/dotterel, else ~/.cache/dotterel
    fingerprint()   a hash of a resource's sources (file contents, package versions, the
                    code that builds it; a large package data file by its size and
                    modification time); a changed source gives a new file name
    load_or_build() the cached index for that fingerprint, else build, store and return it

A file is named ``<name>-v<FORMAT>-<python cache tag>-<fingerprint>.marshal``: a new
index format, another Python or a changed source never reads an old file. Indexes are
plain builtins written with `marshal` (no code runs when one is read). Nothing is ever
downloaded. When the directory is missing and cannot be created, or is read-only, the
index is built in memory and used; a damaged file is rebuilt. The few most recent
indexes of each resource are kept (`KEEP`), older ones removed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["FORMAT", "cache_dir", "fingerprint", "load_or_build", "index_path"]

#: bump when the layout of any cached index changes
FORMAT = 1
#: indexes kept per resource name (older ones are removed when a new one is written)
KEEP = 4


def cache_dir() -> Path:
    """Where prebuilt indexes live: ``$DOTTEREL_CACHE``, else the user cache directory."""
    env = os.environ.get("DOTTEREL_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dotterel"


def fingerprint(
    *, files: Iterable[Path | str] = (), texts: Iterable[str] = (), stat_files: Iterable[Path | str] = ()
) -> str:
    """A short hash of the contents of `files` (a missing file counts as absent), of
    `texts` (versions, options) and of the path, size and modification time of
    `stat_files` (large data files of an installed package, which change only with it:
    hashing their 17 MB in every process would cost more than it saves)."""
    h = hashlib.sha256()
    for t in texts:
        h.update(b"t\0" + t.encode("utf-8") + b"\0")
    for f in stat_files:
        try:
            st = os.stat(f)
            h.update(f"s\0{f}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        except OSError:
            h.update(f"s\0{f}\0<missing>\0".encode())
    for f in files:
        path = Path(f)
        h.update(b"f\0" + path.name.encode("utf-8") + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    return h.hexdigest()[:16]


def index_path(name: str, key: str, directory: Path | None = None) -> Path:
    tag = sys.implementation.cache_tag or "py"
    return (directory or cache_dir()) / f"{name}-v{FORMAT}-{tag}-{key}.marshal"


def load_or_build(name: str, key: str, build: Callable[[], Any], *, directory: Path | None = None) -> Any:
    """The index `name` for fingerprint `key`: read from the cache, else ``build()``,
    written to the cache when it can be, and returned. `build` must return builtins
    (dict, list, tuple, str, int, float, bool, None, bytes, set)."""
    path = index_path(name, key, directory)
    try:
        return marshal.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError):
        pass  # unreadable or damaged: rebuild it
    data = build()
    _store(path, name, data)
    return data


def _store(path: Path, name: str, data: Any) -> None:
    """Write atomically (a reader never sees half a file); give up quietly on a read-only
    or impossible directory: the caller already has the index in memory."""
    try:
        blob = marshal.dumps(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return
    # indexes of older sources: keep the few most recent (tests and users switch between
    # knowledge base folders), remove the rest
    try:
        siblings = sorted(path.parent.glob(f"{name}-v*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in siblings[KEEP:]:
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
