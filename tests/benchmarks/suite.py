"""One benchmark run: the sample company, a working copy of it, every metric in turn."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import (
    aging,
    caller_id,
    handoff,
    importing,
    launch,
    report,
    results,
    sample,
    save,
    search,
    selection,
    server,
    statements,
)
from .measure import Metric

BACKENDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class BenchConfig:
    customers: int = 100_000
    seed: int = 1
    cache: Path = Path(".bench-cache")
    out: Path = Path("bench-results.json")
    queries: int = 50
    repeats: int = 3  # each search query is timed this many times (its median counts)
    numbers: int = 1000
    selections: int = 20
    saves: int = 20
    log_entries: int = 10_000
    launch_runs: int = 3
    import_customers: int = 100_000
    handoff_runs: int = 5
    backend: str = "sqlite"  # or "postgresql": a throwaway local server (see server.py)


def run(config: BenchConfig, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Measure everything, print the table, write the JSON; returns what was written."""
    cached = sample.cached_sample(config.cache, customers=config.customers, seed=config.seed)
    with tempfile.TemporaryDirectory(prefix="run-", dir=config.cache) as folder:
        work = Path(folder)
        _isolate_user_folders(work / "home")
        path = sample.working_copy(cached, work / "company")
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        skipped: dict[str, str] = {}
        try:
            scale = results.scale_of(raw, path, backend=config.backend)
            if config.backend == "postgresql":
                with server.company_on_server(path, work, say) as on_server:
                    scale["machine"]["postgresql"] = on_server.version
                    metrics = [on_server.copy]
                    metrics += _measure_all(config, path, raw, work, say, url=on_server.url)
                skipped = dict(server.SKIPPED_ON_SERVER)
            else:
                metrics = _measure_all(config, path, raw, work, say)
        finally:
            raw.close()
    results.write(config.out, scale, metrics, skipped)
    say(results.table(scale, metrics, skipped))
    say(f"Wrote {config.out}")
    return results.as_json(scale, metrics, skipped)


def _measure_all(
    config: BenchConfig,
    path: Path,
    raw: sqlite3.Connection,
    work: Path,
    say: Callable[[str], None],
    *,
    url: str | None = None,
) -> list[Metric]:
    """Every metric on the company file ``path``; with a server's ``url``, those that
    measure the app through a ``Company`` on the server (floors: still the file's)."""
    from officemgr import Company

    metrics: list[Metric] = []
    if url is None:
        say("Launch and memory …")
        metrics += launch.measure(path, config.launch_runs)
        say("A call handed to the open window …")
        metrics += handoff.measure(path, raw, config.handoff_runs)
    with Company.open(url or path, create=False) as co:
        say("Quick-filter search …")
        queries = search.varied_queries(raw, config.queries, config.seed)
        metrics += search.measure(co, raw, queries, config.repeats)
        pasted = search.long_queries(raw, config.queries, config.seed)
        metrics.append(search.measure_long(co, raw, pasted, config.repeats))
        say("Caller ID …")
        numbers = caller_id.incoming_numbers(raw, config.numbers, config.seed)
        metrics.append(caller_id.measure(co, raw, numbers))
        say("Selection …")
        nodes = selection.pick_nodes(raw, config.selections, config.seed)
        metrics += selection.measure(co, raw, nodes, settings_file=str(work / "home" / "bench.ini"))
        say("Contact Log PDF …")
        metrics.append(report.measure(co, raw, path, work, config.log_entries))
        say("A/R Aging Summary …")
        metrics.append(aging.measure(co, path, work))
        say("Customer Statements …")
        metrics.append(statements.measure(co, path, work))
        say("Saving a customer …")
        customers = save.pick_customers(raw, config.saves)
        metrics.append(save.measure(co, str(path), customers))
    if url is not None:
        return [server.with_sqlite_floor(m) for m in metrics]
    say("Importing a customer list …")
    metrics.extend(importing.measure(work, config.import_customers))
    say("The first search of a fresh process …")  # last: it empties the OS file cache
    metrics.append(search.measure_cold(path, queries))
    return metrics


def _isolate_user_folders(home: Path) -> None:
    """Settings, logs and backups of this run (and its launch children) stay in ``home``."""
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
