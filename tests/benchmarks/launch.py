"""Launch to list painted, and the peak memory of that process, beside a bare Qt window."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .launch_child import MARKER, READY
from .measure import Metric

LAUNCH_MS = 600.0  # issue 19 (was 1000)
RSS_MB = 120.0  # issue 19 (was 200)
CHILD = Path(__file__).with_name("launch_child.py")
TIMEOUT_S = 180


@dataclass(frozen=True)
class Launch:
    ms: float  # to the list's first page painted
    first_paint_rss_mb: float
    ready_ms: float  # to the company file open and the whole window built
    peak_rss_mb: float  # when ready


def launch_once(*args: str) -> Launch:
    """Wall time from spawning the child until it says its list has painted."""
    # Errors go to a file, not a pipe: a chatty child never blocks on a full pipe.
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=errors, text=True
        )
        seen: dict[str, tuple[float, int]] = {}
        try:
            assert child.stdout is not None
            for line in child.stdout:
                word, _, kib = line.partition(" ")
                if word in (MARKER, READY):
                    seen[word] = (time.perf_counter(), int(kib))
                if word == READY:
                    break
            if len(seen) < 2:
                child.wait(TIMEOUT_S)
                errors.seek(0)
                raise RuntimeError(f"The {args[0]} launch never got ready: {errors.read()[-2000:]}")
            child.wait(TIMEOUT_S)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    (painted, paint_kib), (ready, ready_kib) = seen[MARKER], seen[READY]
    return Launch(
        ms=(painted - start) * 1000,
        first_paint_rss_mb=paint_kib / 1024,
        ready_ms=(ready - start) * 1000,
        peak_rss_mb=ready_kib / 1024,
    )


def byte_compile() -> None:
    """Compile the package as pip does when it installs the wheel: with
    PYTHONDONTWRITEBYTECODE set (as on this machine) every launch would compile every
    module again, which no installed copy does."""
    import compileall

    import officemgr

    compileall.compile_dir(Path(officemgr.__file__).parent, quiet=1)


def measure(path: Path, runs: int) -> list[Metric]:
    """Median launch time of ``runs`` launches; the largest peak RSS among them."""
    byte_compile()
    app = [launch_once("app", str(path)) for _ in range(runs)]
    bare = [launch_once("bare") for _ in range(runs)]
    return [
        Metric(
            "launch_to_tree",
            statistics.median(r.ms for r in app),
            statistics.median(r.ms for r in bare),
            target_of="app",
            limit=LAUNCH_MS,
            note=f"median of {runs}, process spawn to the list's first page painted",
        ),
        Metric(
            "launch_to_ready",
            statistics.median(r.ready_ms for r in app),
            statistics.median(r.ready_ms for r in bare),
            note=f"median of {runs}, process spawn to the company file open behind the list "
            "and the whole window built (no target of its own)",
        ),
        Metric(
            "peak_rss",
            max(r.peak_rss_mb for r in app),
            max(r.peak_rss_mb for r in bare),
            unit="MB",
            target_of="app",
            limit=RSS_MB,
            note="peak memory (VmHWM) with the file open and the list painted (the window ready)",
        ),
        Metric(
            "first_paint_rss",
            max(r.first_paint_rss_mb for r in app),
            max(r.first_paint_rss_mb for r in bare),
            unit="MB",
            note="peak memory (VmHWM) when the list's first page has painted (no target)",
        ),
    ]
