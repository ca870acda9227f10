"""A call handed to the open window: the phone system's launch started → the record painted.

A window runs on the company file (`launch_child.py calls`). Each call starts
``officemgr --incoming-call NUMBER`` as the phone system would (no ``--db``) and times
until the window has painted the caller's record; the launch's own peak memory is read
when it ends. The floor is the least a launch can be: a Python process that sends the
same message with a plain socket (and nothing else), timed the same way to the painted
record.
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

from .launch import CHILD, TIMEOUT_S
from .launch_child import MARKER, RECORD
from .measure import Metric

HANDOFF_MS = 250.0
HANDOFF_RSS_MB = 40.0

# The floor's whole program: the message, sent to the window's socket, one reply read.
_BARE_SENDER = """
import json, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(json.dumps({"action": "incoming_call", "number": sys.argv[2]}).encode() + b"\\n")
s.recv(100)
"""
# The launch as the phone system makes it, then its peak memory on stdout. VmHWM, not
# ru_maxrss: Linux carries ru_maxrss over exec, so a child would count this process's
# memory from before its exec.
_HANDOFF = """
import sys
from officemgr.__main__ import main
code = main(["--incoming-call", sys.argv[1]])
"""
_PEAK = """
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print("PEAK", line.split()[1], flush=True)
sys.exit(code if "code" in globals() else 0)
"""


def callers(conn: sqlite3.Connection, count: int) -> list[tuple[str, int]]:
    """(number as typed, customer id) of customers whose main phone no other record has
    and who have no pop-up notes (a note would wait for the dispatcher's click)."""
    rows = conn.execute(
        """
        SELECT p.as_typed, p.owner_id FROM phones p
        JOIN customer_jobs n ON n.id = p.owner_id AND n.parent_id IS NULL
        WHERE p.kind = 'main' AND p.e164 LIKE '+1%'
          AND NOT EXISTS (SELECT 1 FROM popup_notes w WHERE w.owner_id = p.owner_id)
          AND (SELECT count(*) FROM phones q WHERE q.digits_key = p.digits_key) = 1
        ORDER BY p.owner_id LIMIT ?
        """,
        (count,),
    ).fetchall()
    return [(number, owner) for number, owner in rows]


def measure(path: Path, conn: sqlite3.Connection, runs: int) -> list[Metric]:
    calls = callers(conn, runs * 2)
    window = subprocess.Popen(
        [sys.executable, str(CHILD), "calls", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert window.stdout is not None
        _wait_for(window.stdout, MARKER)
        address = _window_address(path)
        app_ms, app_kib, floor_ms, floor_kib = [], [], [], []
        for index in range(runs):
            number, owner = calls[2 * index]
            ms, kib = _call(_HANDOFF, [number], window.stdout, owner)
            app_ms.append(ms)
            app_kib.append(kib)
            number, owner = calls[2 * index + 1]
            ms, kib = _call("import sys\n" + _BARE_SENDER, [address, number], window.stdout, owner)
            floor_ms.append(ms)
            floor_kib.append(kib)
    finally:
        window.terminate()
        window.wait(TIMEOUT_S)
    return [
        Metric(
            "handoff_to_record",
            statistics.median(app_ms),
            statistics.median(floor_ms),
            target_of="app",
            limit=HANDOFF_MS,
            note=f"median of {runs} calls, `officemgr --incoming-call` start to record painted",
        ),
        Metric(
            "handoff_rss",
            max(app_kib) / 1024,
            max(floor_kib) / 1024,
            unit="MB",
            target_of="app",
            limit=HANDOFF_RSS_MB,
            note="peak memory of the handing-off launch",
        ),
    ]


def _call(program: str, args: list[str], window_out: IO[str], owner: int) -> tuple[float, int]:
    """Milliseconds from starting ``program`` to the window painting ``owner``; the
    program's peak memory in KiB."""
    started = time.perf_counter()
    launch = subprocess.Popen(
        [sys.executable, "-c", program + _PEAK, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    _wait_for(window_out, f"{RECORD} {owner}")
    painted = time.perf_counter()
    out, _ = launch.communicate(timeout=TIMEOUT_S)
    if launch.returncode != 0 or "PEAK" not in out:
        raise RuntimeError(f"The launch ended with {launch.returncode}: {out[-500:]}")
    return (painted - started) * 1000, int(out.split("PEAK")[1].split()[0])


def _wait_for(out: IO[str], prefix: str) -> None:
    for line in out:
        if line.startswith(prefix):
            return
    raise RuntimeError(f"The window ended before saying {prefix!r}.")


def _window_address(path: Path) -> str:
    from officemgr.handoff import open_windows, same_file_key

    wanted = same_file_key(path)
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        for window in open_windows():
            if window.company == wanted:
                return window.address
        time.sleep(0.05)
    raise RuntimeError("The window never said where it takes calls.")
