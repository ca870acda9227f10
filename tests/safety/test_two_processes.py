"""Two desks on one file: two real processes writing the same and different records.

Different records: both desks' saves all land, and "database is locked" never escapes (the
busy timeout queues them). The same record: of two saves from the same version exactly one
wins and the other gets ConflictError. A file held locked by someone else: the save waits
the busy timeout and then says, in words, that the file is busy — and reads go on meanwhile.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from officemgr import Company
from officemgr.core import models as m
from officemgr.core.company_file import BUSY_TIMEOUT_MS

NODES = m.table(m.CustomerJob)
SAVES_EACH = 150


def add_customer(path: Path, name: str) -> tuple[int, int]:
    with Company.open(path) as co:
        record = co.customers.add(name=name, notepad="start")
        return record.id, co.customers.get(record.id).version


def notepads(read_only: Any, path: Path) -> dict[str, str | None]:
    engine = read_only(path)
    try:
        with engine.connect() as conn:
            return {r.name: r.notepad for r in conn.execute(select(NODES))}
    finally:
        engine.dispose()


def test_two_desks_saving_different_records_all_land(
    company_path: Path, children: Any, read_only: Any
) -> None:
    own = {tag: add_customer(company_path, f"Own {tag}")[0] for tag in ("A", "B")}
    desks = {tag: children("desk", company_path) for tag in ("A", "B")}
    for desk in desks.values():
        desk.expect("ready")
    # Both queues are filled at once, so the two processes save side by side.
    for tag, desk in desks.items():
        desk.send(
            *(
                line
                for n in range(SAVES_EACH)
                for line in (f"add {tag}{n}", f"edit {own[tag]} {tag}edit{n}")
            )
        )
    started = time.monotonic()
    for tag, desk in desks.items():
        desk.send("quit")
        assert desk.finish(timeout=300) == 0, desk.describe()
        errors = [line for line in desk.lines if not line.startswith(("ok", "ready", "started"))]
        assert not errors, f"desk {tag}: {errors[:5]}"
        assert sum(line.startswith("ok ") for line in desk.lines) == 2 * SAVES_EACH
    print(f"{4 * SAVES_EACH} saves from two desks in {time.monotonic() - started:.1f} s")

    stored = notepads(read_only, company_path)
    for tag in ("A", "B"):
        for n in range(SAVES_EACH):
            assert stored.get(f"Desk {tag}{n}") == f"{tag}{n}"
        assert stored[f"Own {tag}"] == f"{tag}edit{SAVES_EACH - 1}"


def test_two_desks_saving_one_record_from_one_version_one_wins(
    company_path: Path, children: Any, read_only: Any
) -> None:
    customer, _ = add_customer(company_path, "Shared Customer")
    desks = {tag: children("desk", company_path) for tag in ("A", "B")}
    for desk in desks.values():
        desk.expect("ready")
    rounds, conflicts, last_winner = 20, 0, ""
    for number in range(rounds):
        versions = set()
        for desk in desks.values():
            desk.send(f"get {customer}")
            versions.add(desk.expect("got").split()[2])
        assert len(versions) == 1, "both desks must start from the same version"
        version = versions.pop()
        for tag, desk in desks.items():
            desk.send(f"update {customer} {version} {tag}{number}")
        outcomes = {tag: desk.expect(("ok", "conflict", "error")) for tag, desk in desks.items()}
        won = [tag for tag, line in outcomes.items() if line.startswith("ok")]
        lost = [tag for tag, line in outcomes.items() if line == f"conflict {customer}"]
        assert len(won) == 1 and len(lost) == 1, f"round {number}: {outcomes}"
        conflicts += 1
        last_winner = f"{won[0]}{number}"
    print(f"{rounds} races on one record: {conflicts} conflicts detected, none overwritten")

    assert notepads(read_only, company_path)["Shared Customer"] == last_winner
    with Company.open(company_path) as co:
        # One save per round moved the version on; no refused save changed anything.
        assert co.customers.get(customer).version == int(version) + 1


def test_a_locked_file_says_busy_after_the_timeout_and_reads_go_on(
    company_path: Path, children: Any, read_only: Any
) -> None:
    customer, version = add_customer(company_path, "Locked Customer")
    holder = children("hold", company_path, "--node", customer)
    desk = children("desk", company_path)
    desk.expect("ready")
    holder.expect("holding")

    # A read in another process is not blocked by the held write lock (WAL), and does not
    # see the holder's unsaved change.
    desk.send(f"read {customer}")
    _, _, notepad, seconds = desk.expect("read").split()
    assert notepad == "start"
    assert float(seconds) < 2.0  # well inside the busy timeout: it did not wait for the lock

    desk.send(f"update {customer} {version} mine")
    started = time.monotonic()
    # While that save waits for the lock, this process reads too.
    assert notepads(read_only, company_path)["Locked Customer"] == "start"
    assert time.monotonic() - started < 2.0
    reply = desk.expect(("ok", "conflict", "error"), timeout=BUSY_TIMEOUT_MS / 1000 + 30)
    kind, error_class, waited, cause, message = reply.split(" ", 4)
    assert (kind, error_class, cause) == ("error", "CompanyBusyError", "cause=OperationalError")
    assert float(waited) >= BUSY_TIMEOUT_MS / 1000 * 0.9  # it waited, then gave up
    assert float(waited) < BUSY_TIMEOUT_MS / 1000 + 5
    assert "is busy" in message and "Nothing was saved" in message and "try again" in message

    # Once the other side lets go, the same save goes through.
    holder.send("release")
    holder.expect("released")
    desk.send(f"update {customer} {version} mine")
    assert desk.expect(("ok", "conflict", "error")).startswith(f"ok update {customer} mine")


def test_a_desk_killed_while_holding_the_lock_does_not_lock_the_file(
    company_path: Path, children: Any
) -> None:
    customer, version = add_customer(company_path, "Orphan Lock Customer")
    holder = children("hold", company_path, "--node", customer)
    holder.expect("holding")
    holder.kill()  # the OS drops its locks with it; its unsaved change is gone
    desk = children("desk", company_path)
    desk.send(f"update {customer} {version} after")
    line = desk.expect(("ok", "conflict", "error"))
    assert line.startswith(f"ok update {customer} after"), line
    assert float(line.split()[-1]) < 2.0
