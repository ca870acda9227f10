"""A child process for the safety tests: real saves on one company file, each one reported.

    python tests/safety/writer.py burst FILE --seed S --run R   random saves until killed
    python tests/safety/writer.py bulk FILE --run R --rows N    N log entries in one unit
    python tests/safety/writer.py desk FILE                     commands from stdin, one a line
    python tests/safety/writer.py hold FILE --node ID           hold the write lock

Before each save it prints ``try <kind> <id> <marker>`` and after the save returned
``ok <kind> <id> <marker>`` (``-`` where the id is not known yet), flushed at once: when the
parent kills this process, the lines it has read say exactly which saves were confirmed
and which one (at most) was in flight.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from officemgr import Company
from officemgr.errors import ConflictError, OfficeMgrError


def say(*words: object) -> None:
    print(*words, flush=True)


def saved(kind: str, record_id: object, marker: str, action: Any) -> Any:
    """Run one save between its ``try`` and ``ok`` lines."""
    say("try", kind, record_id, marker)
    result = action()
    say("ok", kind, result.id if record_id == "-" else record_id, marker)
    return result


class Burst:
    """Random real saves, as an office makes them: customers, edits, calls, bills, jobs."""

    def __init__(self, co: Company, run: int, seed: int) -> None:
        self.co = co
        self.run = run
        self.random = random.Random(seed)
        self.count = 0
        self.customers: list[int] = []
        self.jobs: list[int] = []

    def marker(self) -> str:
        self.count += 1
        return f"r{self.run}n{self.count}"

    def step(self) -> None:
        if len(self.customers) < 3:
            self.add_customer()
            return
        choice = self.random.choices(
            (self.add_customer, self.update, self.log, self.bill, self.add_job, self.move),
            weights=(3, 3, 4, 2, 2, 1),
        )[0]
        choice()

    def add_customer(self) -> None:
        marker = self.marker()
        phone = f"(937) 555-{self.random.randrange(10000):04d}"
        record = saved(
            "customer",
            "-",
            marker,
            lambda: self.co.customers.add(
                name=f"Safety {marker}",
                first_name="Pat",
                last_name=marker,
                phone=phone,
                email=f"{marker}@example.com",
                notepad=marker,
            ),
        )
        self.customers.append(record.id)

    def update(self) -> None:
        customer = self.random.choice(self.customers)
        version = self.co.customers.get(customer).version
        marker = self.marker()
        saved(
            "update",
            customer,
            marker,
            lambda: self.co.customers.update(customer, expected_version=version, notepad=marker),
        )

    def log(self) -> None:
        owner = self.random.choice(self.customers + self.jobs)
        marker = self.marker()
        saved(
            "log",
            "-",
            marker,
            lambda: self.co.contact_log.add(
                owner=owner, kind="Call In", subject=marker, employee="Dana"
            ),
        )

    def bill(self) -> None:
        customer = self.random.choice(self.customers)
        rate = f"{self.random.randrange(2000, 90000) / 100:.2f}"
        marker = self.marker()
        invoice = saved(
            "invoice",
            "-",
            marker,
            lambda: self.co.invoices.add(
                node=customer, lines=[{"description": "Service call", "rate": rate}], memo=marker
            ),
        )
        paid = self.marker()
        saved(
            "payment",
            "-",
            paid,
            lambda: self.co.payments.add(customer=customer, amount=invoice.total, memo=paid),
        )

    def add_job(self) -> None:
        parent = self.random.choice(self.customers)
        marker = self.marker()
        job = saved(
            "job",
            "-",
            marker,
            lambda: self.co.jobs.add(parent=parent, name=marker, status="Pending"),
        )
        self.jobs.append(job.id)

    def move(self) -> None:
        if not self.jobs:
            self.add_job()
            return
        job = self.random.choice(self.jobs)
        target = self.random.choice(self.customers)
        # The marker of a move is the new parent: the test finds it in parent_id.
        saved("move", job, str(target), lambda: self.co.jobs.move(job, new_parent=target))


def burst(path: Path, run: int, seed: int) -> None:
    with Company.open(path) as co:
        saves = Burst(co, run, seed)
        say("ready")
        while True:
            saves.step()


def bulk(path: Path, run: int, rows: int) -> None:
    """``rows`` contact-log entries through the service, in one unit of work."""
    from officemgr.core.services import contact_log

    marker = f"bulk{run}"
    with Company.open(path) as co:
        owner = co.customers.add(name=f"Bulk {marker}").id
        say("ready")
        say("try", "bulk", owner, marker)
        with co.write() as session:
            for number in range(rows):
                contact_log.add(
                    session, owner=owner, kind="Note", subject=marker, details=str(number)
                )
                if number % 500 == 0:
                    say("progress", number)
        say("ok", "bulk", owner, marker)


def desk(path: Path) -> None:
    """One desk on the file, driven line by line so two desks can be made to race.

    get ID                 -> got ID VERSION
    update ID VERSION TEXT -> ok update ID TEXT SECONDS | conflict ID | error CLASS SECONDS MSG
    add TEXT               -> ok customer ID TEXT | error CLASS SECONDS MSG
    edit ID TEXT           -> the same, from the version it reads first
    read ID                -> read ID NOTEPAD SECONDS | error CLASS SECONDS MSG
    """
    with Company.open(path) as co:
        say("ready")
        for line in sys.stdin:
            command, *args = line.split()
            started = time.perf_counter()
            try:
                if command == "get":
                    say("got", args[0], co.customers.get(int(args[0])).version)
                elif command == "update":
                    node, version, text = int(args[0]), int(args[1]), args[2]
                    co.customers.update(node, expected_version=version, notepad=text)
                    say("ok", "update", node, text, f"{time.perf_counter() - started:.2f}")
                elif command == "edit":
                    node, text = int(args[0]), args[1]
                    version = co.customers.get(node).version
                    co.customers.update(node, expected_version=version, notepad=text)
                    say("ok", "update", node, text, f"{time.perf_counter() - started:.2f}")
                elif command == "add":
                    record = co.customers.add(name=f"Desk {args[0]}", notepad=args[0])
                    say("ok", "customer", record.id, args[0])
                elif command == "read":
                    notepad = co.customers.get(int(args[0])).notepad
                    say("read", args[0], notepad, f"{time.perf_counter() - started:.2f}")
                elif command == "quit":
                    return
                else:
                    say("error", "UnknownCommand", 0, command)
            except ConflictError as error:
                say("conflict", error.record_id)
            except OfficeMgrError as error:
                seconds = f"{time.perf_counter() - started:.2f}"
                cause = type(error.__cause__).__name__
                say("error", type(error).__name__, seconds, f"cause={cause}", error)
            except Exception as error:  # the test must see anything that escaped raw
                say("error", type(error).__name__, f"{time.perf_counter() - started:.2f}", error)


def hold(path: Path, node: int) -> None:
    """Hold the write lock, with an unsaved change, until a line arrives on stdin.

    A raw connection, as another program (or a desk stuck mid-save) would hold it.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE customer_jobs SET notepad = 'held' WHERE id = ?", (node,))
        say("holding")
        sys.stdin.readline()
        conn.execute("ROLLBACK")
        say("released")
    finally:
        conn.close()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("burst", "bulk", "desk", "hold"))
    parser.add_argument("db", type=Path)
    parser.add_argument("--run", type=int, default=0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--node", type=int, default=0)
    args = parser.parse_args(argv)
    say("started", datetime.now().isoformat(timespec="milliseconds"))
    if args.mode == "burst":
        burst(args.db, args.run, args.seed)
    elif args.mode == "bulk":
        bulk(args.db, args.run, args.rows)
    elif args.mode == "desk":
        desk(args.db)
    else:
        hold(args.db, args.node)


if __name__ == "__main__":
    main(sys.argv[1:])
