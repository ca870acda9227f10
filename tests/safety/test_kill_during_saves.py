"""Crash safety: SIGKILL in the middle of saves loses nothing that was confirmed.

A writer process makes bursts of real saves on one company file and is killed at a random
moment, again and again on the same file. After every kill ``officemgr check`` (the real
command line) must pass and every save the writer saw return must be in the file, with
what it wrote. The kill moments come from a printed seed (OFFICEMGR_SAFETY_SEED repeats a
run); the figures are printed and written to ``safety-figures.txt`` in the test's tmp dir.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, func, select

from officemgr.core import models as m

NODES = m.table(m.CustomerJob)
LOG = m.table(m.ContactLogEntry)
INVOICES = m.table(m.Invoice)
PAYMENTS = m.table(m.Payment)
PHONES = m.table(m.Phone)
EMAILS = m.table(m.Email)


def seed_for_run() -> int:
    text = os.environ.get("OFFICEMGR_SAFETY_SEED")
    seed = int(text) if text else random.SystemRandom().randrange(1_000_000)
    print(f"kill moments: OFFICEMGR_SAFETY_SEED={seed}")
    return seed


def pairs(conn: Connection, key: Any, value: Any) -> dict[Any, Any]:
    return {row[0]: row[1] for row in conn.execute(select(key, value))}


@dataclass
class Ledger:
    """What the writers confirmed (``ok``) and what was in flight (``try``) when killed."""

    created: dict[str, dict[int, str]] = field(default_factory=dict)  # kind -> id -> marker
    # (kind, id) -> the values the record may hold now: the last confirmed one, plus the
    # one in flight at the kill (which may or may not have committed).
    current: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    confirmed: int = 0
    kills_during: Counter[str] = field(default_factory=Counter)

    def take(self, lines: list[str], *, ready: bool) -> str:
        """Add one run's lines; return what the kill interrupted."""
        pending: list[str] | None = None
        for line in lines:
            words = line.split(" ")
            if words[0] == "try":
                pending = words[1:]
            elif words[0] == "ok":
                kind, record, marker = words[1], int(words[2]), words[3]
                pending = None
                self.confirmed += 1
                if kind in ("update", "move"):
                    self.current[kind, record] = {marker}
                else:
                    self.created.setdefault(kind, {})[record] = marker
                    if kind == "customer":
                        self.current["update", record] = {marker}  # its first notepad
        if pending is not None and pending[0] in ("update", "move"):
            changed = (pending[0], int(pending[1]))
            # Without a confirmed value before it (a job's first parent is not printed),
            # the record may still hold anything: there is nothing to hold it to.
            if changed in self.current:
                self.current[changed].add(pending[2])
        during = pending[0] if pending else ("between saves" if ready else "opening")
        self.kills_during[during] += 1
        return during

    def verify(self, engine: Engine) -> int:
        """Assert every confirmed save is in the file; return how many were checked."""
        with engine.connect() as conn:
            nodes = {r.id: r for r in conn.execute(select(NODES))}
            log = pairs(conn, LOG.c.id, LOG.c.subject)
            invoices = pairs(conn, INVOICES.c.id, INVOICES.c.memo)
            payments = pairs(conn, PAYMENTS.c.id, PAYMENTS.c.memo)
            phones = set(conn.execute(select(PHONES.c.owner_id)).scalars())
            emails = {(r.owner_id, r.address) for r in conn.execute(select(EMAILS))}
        missing: list[str] = []
        for record, marker in self.created.get("customer", {}).items():
            row = nodes.get(record)
            if row is None or row.name != f"Safety {marker}":
                missing.append(f"customer {record} {marker}")
            elif record not in phones or (record, f"{marker}@example.com") not in emails:
                missing.append(f"phone or email of customer {record} {marker}")
        for record, marker in self.created.get("job", {}).items():
            if record not in nodes or nodes[record].name != marker:
                missing.append(f"job {record} {marker}")
        for kind, stored in (("log", log), ("invoice", invoices), ("payment", payments)):
            for record, marker in self.created.get(kind, {}).items():
                if stored.get(record) != marker:
                    missing.append(f"{kind} {record} {marker}: found {stored.get(record)!r}")
        for (kind, record), allowed in self.current.items():
            row = nodes.get(record)
            now = None if row is None else row.notepad if kind == "update" else str(row.parent_id)
            if now not in allowed:
                missing.append(f"{kind} of {record}: {now!r}, expected one of {allowed}")
        twice = [
            marker
            for stored in (log, invoices, payments)
            for marker, n in Counter(stored.values()).items()
            if n > 1 and marker and marker.startswith("r")
        ]
        assert not missing, f"confirmed saves lost: {missing[:10]} ({len(missing)} in all)"
        assert not twice, f"saves stored twice: {twice[:10]}"
        return sum(len(records) for records in self.created.values()) + len(self.current)


def kill_loop(
    kills: int,
    path: Path,
    children: Callable[..., Any],
    cli: Callable[..., Any],
    read_only: Callable[[Path], Engine],
) -> str:
    """Kill a burst writer ``kills`` times on ``path``; check the file after each kill."""
    seed = seed_for_run()
    chance = random.Random(seed)
    ledger = Ledger()
    moments: list[str] = []
    started = time.monotonic()
    engine = read_only(path)
    try:
        for run in range(1, kills + 1):
            writer = children("burst", path, "--run", run, "--seed", seed + run)
            # One kill in five lands from the start (opening the file, recovering the last
            # crash's WAL); the others at a random moment of the burst.
            early = chance.random() < 0.2
            if not early:
                writer.expect("ready")
            delay = chance.uniform(0.0, 0.6 if early else 1.5)
            time.sleep(delay)  # the kill moment itself is what is being varied
            assert writer.process.poll() is None, f"the writer stopped: {writer.describe()}"
            writer.kill()
            # Kept for diagnosis: what this writer said before the kill.
            (path.parent / f"run-{run}.txt").write_text("\n".join(writer.lines) + "\n")
            during = ledger.take(writer.lines, ready="ready" in writer.lines)
            moments.append(f"{run}:{delay:.2f}s{' from start' if early else ''}/{during}")
            check = cli("check", "--db", path)
            assert check.returncode == 0, f"run {run} ({during}): {check.stdout}{check.stderr}"
            verified = ledger.verify(engine)
    finally:
        engine.dispose()
    figures = (
        f"{kills} kills (seed {seed}) in {time.monotonic() - started:.0f} s; "
        f"killed during: {dict(ledger.kills_during)}; {ledger.confirmed} saves confirmed, "
        f"{verified} records verified present after the last kill; "
        f"`officemgr check` passed after every kill.\nmoments: {' '.join(moments)}"
    )
    print(figures)
    (path.parent / "safety-figures.txt").write_text(figures + "\n")
    return figures


def test_kill_during_saves_loses_nothing_confirmed(
    company_path: Path, children: Any, cli: Any, read_only: Any
) -> None:
    kill_loop(15, company_path, children, cli, read_only)  # 100 under -m slow (CI)


@pytest.mark.slow
def test_a_hundred_kills_lose_nothing_confirmed(
    company_path: Path, children: Any, cli: Any, read_only: Any
) -> None:
    kill_loop(100, company_path, children, cli, read_only)


def test_kill_inside_one_big_unit_of_work_keeps_all_or_nothing(
    company_path: Path, children: Any, cli: Any, read_only: Any
) -> None:
    """5,000 log entries in one transaction: a kill keeps none of them, never a part."""
    chance = random.Random(seed_for_run())
    stop_after = chance.randrange(0, 4500, 500)
    writer = children("bulk", company_path, "--run", 1, "--rows", 5000)
    writer.expect(f"progress {stop_after}")
    writer.kill()
    assert "ok bulk" not in " ".join(writer.lines), "the kill came too late to test anything"

    check = cli("check", "--db", company_path)
    assert check.returncode == 0, check.stdout + check.stderr
    engine = read_only(company_path)
    try:
        with engine.connect() as conn:
            kept = conn.execute(
                select(func.count()).select_from(LOG).where(LOG.c.subject == "bulk1")
            ).scalar_one()
            owner = conn.execute(select(NODES.c.id).where(NODES.c.name == "Bulk bulk1")).scalar()
    finally:
        engine.dispose()
    assert kept == 0, f"killed after entry {stop_after}: {kept} of the 5,000 entries were kept"
    assert owner is not None  # saved (and confirmed by "ready") before the big unit began

    # The same writer, not killed, commits all 5,000 at once.
    again = children("bulk", company_path, "--run", 2, "--rows", 5000)
    again.expect("ok bulk")
    assert again.finish() == 0, again.describe()
    engine = read_only(company_path)
    try:
        with engine.connect() as conn:
            count = select(func.count()).select_from(LOG).where(LOG.c.subject == "bulk2")
            assert conn.execute(count).scalar_one() == 5000
    finally:
        engine.dispose()


def test_kill_during_demo_leaves_no_target_and_demo_can_run_again(tmp_path: Path, cli: Any) -> None:
    """``officemgr demo`` writes beside the target: a kill leaves no half-made company."""
    chance = random.Random(seed_for_run())
    target = tmp_path / "Demo.officemgr"
    partial = tmp_path / "Demo (being made).officemgr"
    demo = subprocess.Popen(
        [sys.executable, "-m", "officemgr", "demo", "--db", str(target), "--customers", "3000"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not partial.exists() and demo.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # polling for the file the child is making
        assert partial.exists(), "the demo never started writing"
        time.sleep(chance.uniform(0.2, 1.5))
        assert demo.poll() is None, "the demo finished before the kill: make it bigger"
        demo.send_signal(signal.SIGKILL)
        demo.wait(timeout=30)
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait(timeout=30)

    assert not target.exists()
    refused = cli("check", "--db", target)
    assert refused.returncode != 0
    assert "does not exist" in refused.stderr

    again = cli("demo", "--db", target, "--customers", "50")
    assert again.returncode == 0, again.stderr
    assert not partial.exists()
    check = cli("check", "--db", target)
    assert check.returncode == 0, check.stdout + check.stderr
