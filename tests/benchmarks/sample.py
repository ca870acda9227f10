"""The sample company the benchmarks run on: built once per scale and seed, then cached."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from officemgr.core.file_header import SCHEMA_HEAD


def cached_sample(cache: Path, *, customers: int, seed: int) -> Path:
    """The cached sample file, (re)built with ``officemgr demo`` when missing or stale."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"sample-{customers}-seed{seed}.officemgr"
    problem = stale_because(path, customers=customers)
    if problem is None:
        return path
    print(f"Building the {customers:,}-customer sample company ({problem}) …", flush=True)
    for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        old.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "officemgr", "demo", "--db", str(path),
         "--customers", str(customers), "--seed", str(seed)],
        check=True,
    )  # fmt: skip
    problem = stale_because(path, customers=customers)
    if problem is not None:
        raise RuntimeError(f"The sample company just built at {path} is unusable: {problem}")
    return path


def stale_because(path: Path, *, customers: int) -> str | None:
    """Why the cached file cannot be used (None when it can): missing, old schema, wrong size."""
    if not path.exists():
        return "not built yet"
    try:
        # immutable: no -wal or -shm files appear beside the cached sample
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            count = conn.execute(
                "SELECT count(*) FROM customer_jobs WHERE parent_id IS NULL"
            ).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return f"unreadable: {error}"
    if revision is None or revision[0] != SCHEMA_HEAD:
        return f"schema {revision[0] if revision else None}, the app is at {SCHEMA_HEAD}"
    if count != customers:
        return f"{count:,} customers instead of {customers:,}"
    return None


def working_copy(sample: Path, folder: Path) -> Path:
    """A copy to run on: saving benchmarks write to it, never to the cached file."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / sample.name
    for suffix in ("", "-wal"):  # pages not yet checkpointed live in the -wal file
        source = Path(f"{sample}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
    return target
