"""Real child processes on one company file: started, read line by line, always killed.

``children`` starts ``writer.py`` processes and kills every one of them when the test ends,
whatever happened; every wait has a timeout, so a stuck child fails the test, never hangs it.
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

WRITER = Path(__file__).with_name("writer.py")
STARTUP_TIMEOUT = 60.0  # a child imports SQLAlchemy and opens the file; slow CI machines
REPLY_TIMEOUT = 60.0


class Child:
    """A writer process; its stdout lines are collected as they arrive, in order."""

    def __init__(self, args: list[str], stderr: IO[str]) -> None:
        self.args = args
        self.started = time.monotonic()
        self.stderr = stderr
        self.process = subprocess.Popen(
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            bufsize=1,
        )
        self.lines: list[str] = []
        self._arrived: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            # A line cut off by the kill has no newline: it was never a confirmation.
            if line.endswith("\n"):
                self.lines.append(line.rstrip("\n"))
                self._arrived.put(self.lines[-1])
        self._arrived.put(None)

    def expect(self, prefix: str | tuple[str, ...], timeout: float = REPLY_TIMEOUT) -> str:
        """The next line starting with ``prefix`` (lines before it are skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {prefix!r} line within {timeout} s; {self.describe()}")
            try:
                line = self._arrived.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"the child ended before {prefix!r}; {self.describe()}")
            if line.startswith(prefix):
                return line

    def send(self, *lines: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("".join(f"{line}\n" for line in lines))
        self.process.stdin.flush()

    def kill(self) -> None:
        """SIGKILL (no clean-up of any kind runs in the child), then read what it said."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=30)

    def finish(self, timeout: float = REPLY_TIMEOUT) -> int:
        """Close stdin and wait for a clean exit."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=30)
        return code

    def error_output(self) -> str:
        self.stderr.flush()
        return Path(self.stderr.name).read_text(errors="replace")

    def describe(self) -> str:
        tail = "\n".join(self.lines[-5:])
        return f"exit {self.process.poll()}; last lines:\n{tail}\nstderr:\n{self.error_output()}"


@pytest.fixture
def children(tmp_path: Path) -> Iterator[Callable[..., Child]]:
    """``children("burst", path, "--run", "1")`` starts a writer; all die after the test."""
    started: list[Child] = []

    def start(*args: Any) -> Child:
        log = (tmp_path / f"child-{len(started)}.stderr").open("w+")
        child = Child([sys.executable, str(WRITER), *map(str, args)], log)
        started.append(child)
        return child

    try:
        yield start
    finally:
        for child in started:
            child.kill()
            child.stderr.close()


def officemgr(*args: object, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The command line, as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "officemgr", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def read_only_engine(path: Path) -> Engine:
    """Looks at the file as the crash left it: read-only, so it never checkpoints the WAL."""

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)

    return create_engine("sqlite+pysqlite://", creator=connect, poolclass=NullPool)


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """``cli("check", "--db", path)`` runs the command line as a real process."""
    return officemgr


@pytest.fixture
def read_only() -> Callable[[Path], Engine]:
    return read_only_engine
