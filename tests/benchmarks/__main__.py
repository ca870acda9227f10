"""``python -m tests.benchmarks`` (``make bench``): run the benchmark suite.

Options shrink it for a quick look (``--customers 2000``); ``make test`` runs it tiny
(tests/unit/test_benchmarks_small.py) so the code cannot rot.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .suite import BACKENDS, BenchConfig, run


def parse(argv: list[str] | None = None) -> BenchConfig:
    d = BenchConfig()
    p = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    p.add_argument(
        "--customers",
        type=int,
        default=int(os.environ.get("BENCH_SCALE") or d.customers),
        help="customers in the sample company (default $BENCH_SCALE or %(default)s)",
    )
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--cache", type=Path, default=d.cache, help="where sample files are kept")
    p.add_argument("--out", type=Path, default=d.out, help="the JSON results file")
    p.add_argument("--queries", type=int, default=d.queries)
    p.add_argument("--repeats", type=int, default=d.repeats)
    p.add_argument("--numbers", type=int, default=d.numbers, help="caller-ID lookups")
    p.add_argument("--selections", type=int, default=d.selections)
    p.add_argument("--saves", type=int, default=d.saves)
    p.add_argument("--log-entries", type=int, default=d.log_entries)
    p.add_argument(
        "--import-customers",
        type=int,
        default=d.import_customers,
        help="customers (each with two jobs) in the list imported",
    )
    p.add_argument("--launch-runs", type=int, default=d.launch_runs)
    p.add_argument("--handoff-runs", type=int, default=d.handoff_runs, help="calls handed over")
    p.add_argument(
        "--backend",
        choices=BACKENDS,
        default=d.backend,
        help="where the company is measured: its file (default) or a throwaway local "
        "PostgreSQL server it is copied to (file-only metrics are then skipped)",
    )
    a = p.parse_args(argv)
    return BenchConfig(
        customers=a.customers,
        seed=a.seed,
        cache=a.cache,
        out=a.out,
        queries=a.queries,
        repeats=a.repeats,
        numbers=a.numbers,
        selections=a.selections,
        saves=a.saves,
        log_entries=a.log_entries,
        launch_runs=a.launch_runs,
        import_customers=a.import_customers,
        handoff_runs=a.handoff_runs,
        backend=a.backend,
    )


def main(argv: list[str] | None = None) -> int:
    run(parse(argv))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
