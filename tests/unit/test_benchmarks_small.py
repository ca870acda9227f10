"""The benchmark suite (``make bench``) run tiny, so its code keeps working.

Figures are not checked here (a shared test machine makes them meaningless): only that
every metric is measured and reported with its floor, and that the cached sample file
is reused, not rebuilt.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
METRICS = {
    "ar_aging_summary",
    "launch_to_tree",
    "launch_to_ready",
    "first_paint_rss",
    "peak_rss",
    "search_median",
    "search_p95",
    "search_long_p95",
    "search_cold_first_ms",
    "caller_id",
    "selection",
    "selection_p95",
    "contact_log_pdf",
    "save_customer",
    "statements_pdf",
    "import_100k",
    "import_100k_again",
    "handoff_to_record",
    "handoff_rss",
}


# Not measured on a server: they are about the company file or a process starting on it.
FILE_ONLY = {
    "launch_to_tree",
    "launch_to_ready",
    "first_paint_rss",
    "peak_rss",
    "search_cold_first_ms",
    "import_100k",
    "import_100k_again",
    "handoff_to_record",
    "handoff_rss",
}


def run_bench(cache: Path, out: Path, home: Path, *more: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "tests.benchmarks", "--customers", "300",
         "--cache", str(cache), "--out", str(out), "--queries", "12", "--numbers", "50",
         "--selections", "6", "--saves", "3", "--log-entries", "200", "--launch-runs", "1",
         "--import-customers", "40", "--handoff-runs", "2", *more],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("bench")
    cache, out = folder / "cache", folder / "bench-results.json"
    done = run_bench(cache, out, folder / "home")
    assert done.returncode == 0, done.stderr[-3000:]
    return cache, out, done.stdout


def test_every_metric_has_app_floor_ratio_and_unit(small_run: tuple[Path, Path, str]) -> None:
    _cache, out, _stdout = small_run
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results["metrics"]) == METRICS
    for name, metric in results["metrics"].items():
        assert metric["unit"] in {"ms", "MB"}, name
        assert metric["app"] > 0 and metric["floor"] > 0, name
        assert metric["ratio"] == pytest.approx(metric["app"] / metric["floor"], rel=0.01), name


def test_the_scale_says_what_was_measured_on(small_run: tuple[Path, Path, str]) -> None:
    _cache, out, _stdout = small_run
    scale = json.loads(out.read_text(encoding="utf-8"))["scale"]
    assert scale["customers"] == 300 and scale["backend"] == "sqlite"
    assert scale["jobs"] > 0 and scale["contact_log_entries"] > 0 and scale["file_mb"] > 0
    assert set(scale["machine"]) >= {"cpus", "python", "sqlite"}


def test_the_table_lists_every_metric_with_its_target(small_run: tuple[Path, Path, str]) -> None:
    _cache, _out, stdout = small_run
    rows = {line.split()[0]: line for line in stdout.splitlines() if line.split()}
    assert set(rows) >= METRICS
    assert "<= 8 ms, <= 3 x floor" in rows["search_p95"]
    assert "<= 1.5 x floor" in rows["contact_log_pdf"] and "<= 5 ms" in rows["save_customer"]


def test_the_cached_sample_is_reused_and_the_run_leaves_only_it(
    small_run: tuple[Path, Path, str],
) -> None:
    cache, _out, stdout = small_run
    assert "Building the 300-customer sample company" in stdout
    sample = cache / "sample-300-seed1.officemgr"
    before = sample.stat().st_mtime_ns
    from tests.benchmarks.sample import cached_sample

    assert cached_sample(cache, customers=300, seed=1) == sample
    assert sample.stat().st_mtime_ns == before  # the saves went to a copy
    assert sorted(p.name for p in cache.iterdir()) == [sample.name]


@pytest.mark.postgresql
def test_the_postgresql_backend_measures_the_company_on_a_server(tmp_path: Path) -> None:
    """``--backend postgresql`` starts its own server, copies the sample to it and runs
    the metrics that go through a Company there; the file-only ones are listed skipped."""
    from tests.pg_cluster import find_bindir

    if find_bindir() is None:
        if os.environ.get("OFFICEMGR_REQUIRE_POSTGRES") == "1":
            pytest.fail("OFFICEMGR_REQUIRE_POSTGRES=1 but no PostgreSQL binaries found")
        pytest.skip("no PostgreSQL server binaries (initdb) found")
    out = tmp_path / "bench-results.json"
    done = run_bench(tmp_path / "cache", out, tmp_path / "home", "--backend", "postgresql")
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["scale"]["backend"] == "postgresql"
    assert results["scale"]["machine"]["postgresql"]
    assert set(results["metrics"]) == (METRICS - FILE_ONLY) | {"copy_to_server"}
    assert set(results["skipped"]) == FILE_ONLY and all(results["skipped"].values())
    for name, metric in results["metrics"].items():
        assert metric["app"] > 0 and metric["floor"] > 0, name
        if name != "copy_to_server":
            assert "floor: SQLite raw lookup of the same data" in metric["note"], name
    assert "backend postgresql" in done.stdout
    skipped_lines = [line for line in done.stdout.splitlines() if "Skipped on postgresql" in line]
    assert {n for line in skipped_lines for n in FILE_ONLY if n in line} == FILE_ONLY
