"""``--backend postgresql``: the same company on a throwaway local PostgreSQL server.

A cluster is started (``tests/pg_cluster.py``: its own temp folder, 127.0.0.1 only,
fsync off), a database that sorts as American English (ICU "en-US") is made, and the
working copy of the sample file is copied into it with ``officemgr.files.copy_company``.
That copy is timed (``copy_to_server``, ANALYZE at its end included) beside the same copy
to a new SQLite file. The metrics that measure the app through a ``Company`` then open
the server's URL; their floors stay the raw sqlite3 reads of the same data in the file:
there is no PostgreSQL floor. Metrics about the file itself or a process starting on it
are skipped.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .measure import Metric

DATABASE = "officemgr_bench"
SQLITE_FLOOR = "floor: SQLite raw lookup of the same data"

# Skipped on a server: what they measure is the company file or a process starting on it.
_LAUNCH = (
    "a window process started on the company file (its launch, memory and first paint); "
    "the launch child opens a file path"
)
SKIPPED_ON_SERVER: dict[str, str] = {
    "launch_to_tree": _LAUNCH,
    "launch_to_ready": _LAUNCH,
    "peak_rss": _LAUNCH,
    "first_paint_rss": _LAUNCH,
    "handoff_to_record": "the running window is found by its company file's key "
    "(handoff.same_file_key) and the launches start on the file",
    "handoff_rss": "the running window is found by its company file's key "
    "(handoff.same_file_key) and the launches start on the file",
    "import_100k": "imports into a new, empty company file (an office moving in), "
    "floored by sqlite3 inserts",
    "import_100k_again": "imports into a new, empty company file (an office moving in), "
    "floored by sqlite3 inserts",
    "search_cold_first_ms": "drops the OS file cache and reopens the company file in a "
    "fresh process",
}


@dataclass(frozen=True)
class Server:
    url: str
    version: str
    copy: Metric


@contextlib.contextmanager
def company_on_server(path: Path, work: Path, say: Callable[[str], None]) -> Iterator[Server]:
    """A started cluster holding a copy of the company file ``path``; always stopped
    (and its folder deleted) when done, also when anything fails."""
    from tests.pg_cluster import PgCluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(
            "No PostgreSQL server binaries (initdb, pg_ctl) found: install them with "
            "`apt-get install postgresql`, or run with --backend sqlite."
        )
    say(f"Starting a PostgreSQL cluster ({bindir}) …")
    cluster = PgCluster(bindir)  # its own temp folder: the class makes it
    try:
        cluster.create_database(DATABASE, icu_locale="en-US")
        url = cluster.url(DATABASE)
        version = str(cluster.execute("SHOW server_version")[0][0]).split()[0]
        say(f"Copying the company to PostgreSQL {version} …")
        copy = measure_copy(path, url, work)  # the copy ends with ANALYZE (copying.py)
        yield Server(url=url, version=version, copy=replace(copy, note=f"{copy.note}; no target"))
    finally:
        cluster.stop()


def measure_copy(path: Path, url: str, work: Path) -> Metric:
    """``copy_company`` of the file into the empty database, beside the same copy into a
    new SQLite file (deleted after): informational, no target."""
    from officemgr.files import copy_company

    start = time.perf_counter()
    result = copy_company(path, url)
    app = (time.perf_counter() - start) * 1000
    folder = work / "copy-floor"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "Copy.officemgr"
    start = time.perf_counter()
    copy_company(path, target)
    floor = (time.perf_counter() - start) * 1000
    for leftover in folder.iterdir():
        leftover.unlink()
    return Metric(
        "copy_to_server",
        app,
        floor,
        note=f"files.copy_company of the sample file ({result.rows:,} rows) into the empty "
        "en-US (ICU) database; floor: the same copy into a new SQLite file",
    )


def with_sqlite_floor(metric: Metric) -> Metric:
    """The metric measured on the server, its note saying its floor is still SQLite's."""
    note = f"{metric.note}; {SQLITE_FLOOR}" if metric.note else SQLITE_FLOOR
    return replace(metric, note=note)
