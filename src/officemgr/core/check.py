"""Verify Data: SQLite's own checks plus OfficeMgr's invariants, reported in words.

Runs on a read-only connection and never migrates or repairs: a file is checked as it is.
Each problem has a kind; the kinds in ``REPAIRABLE`` are derived data that
``core/repair.py`` can safely compute again from the records they summarise.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, create_engine, func, select
from sqlalchemy.pool import NullPool

from officemgr.core import balances, search
from officemgr.core import models as m
from officemgr.core.company_file import is_damage
from officemgr.core.file_header import (
    SCHEMA_HEAD,
    busy_error,
    describe,
    inspect_file,
    is_busy,
    read_only_uri,
)
from officemgr.core.keys import name_key
from officemgr.errors import CompanyFileError

MAX_EXAMPLES = 10  # problems of one kind listed by name before "and N more"

nodes = m.table(m.CustomerJob)
invoices = m.table(m.Invoice)
invoice_lines = m.table(m.InvoiceLine)
payments = m.table(m.Payment)
applications = m.table(m.PaymentApplication)
log = m.table(m.ContactLogEntry)

# Tables named in foreign-key problems, in words.
TABLE_WORDS = {
    "customer_jobs": "customer or job",
    "addresses": "address",
    "phones": "phone number",
    "emails": "email address",
    "contacts": "contact",
    "contact_log_entries": "contact log entry",
    "invoices": "invoice",
    "invoice_lines": "invoice line",
    "payments": "payment",
    "payment_applications": "payment application",
    "popup_notes": "pop-up note",
    "job_info": "job's Job Info",
    "search_terms": "quick filter index",
}


# Problem kinds that are derived data: stored balances, an invoice's paid amount and
# status, the quick filter's index. Everything else is the office's own records, which
# only a person can put right.
BALANCES = "balances"
INVOICE_PAID = "invoice paid"
INVOICE_STATUS = "invoice status"
SEARCH_INDEX = "search index"
REPAIRABLE = frozenset({BALANCES, INVOICE_PAID, INVOICE_STATUS, SEARCH_INDEX})
OTHER = "other"


@dataclass
class CheckReport:
    path: Path | None  # the company file; None for a company on a server (see ``where``)
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)  # one per problem, in the same order
    note: str | None = None  # what the user should know besides the problems
    where: str = ""  # a server company's database and server

    @property
    def name(self) -> str:
        """What was checked, in a sentence: the file's name, or the server company."""
        return self.path.name if self.path is not None else self.where

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        """Problems were found, and every one of them is derived data a repair recomputes."""
        return bool(self.problems) and all(kind in REPAIRABLE for kind in self.kinds)

    def add(self, problem: str, kind: str = OTHER) -> None:
        self.problems.append(problem)
        self.kinds.append(kind)


@contextmanager
def _read_only(path: Path) -> Iterator[Connection]:
    def connect() -> sqlite3.Connection:
        # Nothing is written beside the file it checks (see read_only_uri).
        return sqlite3.connect(read_only_uri(path), uri=True)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def verify(path: Path) -> CheckReport:
    """Check the company file at ``path``; CompanyFileError if it cannot even be read."""
    path = path.expanduser().absolute()
    info = inspect_file(path)
    if not info.exists:
        raise CompanyFileError(f"{describe(path)} does not exist.")
    report = CheckReport(path=path)
    older = info.revision != SCHEMA_HEAD
    try:
        with _read_only(path) as conn:
            _sqlite_checks(conn, report)
            if older:
                # Its tables are not this version's yet: only SQLite's checks apply.
                report.note = (
                    f"{describe(path)} was made by an earlier version of OfficeMgr; it will be "
                    "upgraded (after a backup) when it is opened, and OfficeMgr's own checks "
                    "run then."
                )
            elif report.ok:  # the program's invariants mean little in a broken file
                for check in INVARIANT_CHECKS:
                    check(conn, report)
            if not older and report.ok:  # counting a damaged file may meet the damage
                report.counts = _counts(conn)
    except Exception as exc:  # SQLAlchemy wraps DBAPI errors
        orig = exc if isinstance(exc, sqlite3.Error) else getattr(exc, "orig", None)
        if not isinstance(orig, sqlite3.Error):
            raise
        raise _file_error(path, orig) from exc
    return report


def verify_server(text: str) -> CheckReport:
    """Check a company on a PostgreSQL server, reading only. The server itself keeps
    every reference sound and every page checked (what ``integrity_check`` and
    ``foreign_key_check`` look for in a file); OfficeMgr's own checks run as on a file."""
    from officemgr.core.server import check_current, describe_server, server_url

    url = server_url(text)
    report = CheckReport(path=None, where=describe_server(url))
    with check_current(url) as engine, engine.connect() as conn, conn.begin():
        for check in INVARIANT_CHECKS:
            check(conn, report)
        report.counts = _counts(conn)
    return report


def _file_error(path: Path, error: sqlite3.Error) -> CompanyFileError:
    """Busy and damaged told apart: a file another desk is writing is not damaged."""
    if is_busy(error):
        return busy_error(path)
    return CompanyFileError(f"{describe(path)} is damaged ({error}).")


def _add(report: CheckReport, summary: str, examples: list[str], kind: str = OTHER) -> None:
    if not examples:
        return
    shown = "; ".join(examples[:MAX_EXAMPLES])
    more = f"; and {len(examples) - MAX_EXAMPLES} more" if len(examples) > MAX_EXAMPLES else ""
    report.add(f"{summary} ({len(examples)}): {shown}{more}.", kind)


def _sqlite_checks(conn: Connection, report: CheckReport) -> None:
    try:
        rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    except Exception as exc:  # SQLAlchemy's wrapper of the DBAPI error
        orig = getattr(exc, "orig", None)
        if not (isinstance(orig, sqlite3.DatabaseError) and is_damage(orig)):
            raise
        rows = [f"it could not read the file through: {orig}"]
    if rows != ["ok"]:
        _add(report, "SQLite found damage in the file", rows)
        return  # the other checks would only meet the damage again
    broken: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
        broken[(table, parent)] = broken.get((table, parent), 0) + 1
    for (table, parent), count in sorted(broken.items()):
        report.add(
            f"{count} {TABLE_WORDS.get(table, table)} record(s) point to a "
            f"{TABLE_WORDS.get(parent, parent)} that does not exist.",
            SEARCH_INDEX if table == "search_terms" else OTHER,
        )


def _node_label(row: object) -> str:
    return f"“{row.full_name}” (id {row.id})"  # type: ignore[attr-defined]


def _check_tree(conn: Connection, report: CheckReport) -> None:
    parent = nodes.alias("parent")
    roots = conn.execute(
        select(nodes.c.id, nodes.c.full_name).where(
            nodes.c.parent_id.is_(None),
            (nodes.c.depth != 0)
            | (nodes.c.customer_id.is_(None))
            | (nodes.c.customer_id != nodes.c.id),
        )
    ).all()
    _add(
        report,
        "Customers not marked as the root of their own jobs",
        [_node_label(r) for r in roots],
    )
    jobs = conn.execute(
        select(
            nodes.c.id,
            nodes.c.name,
            nodes.c.full_name,
            nodes.c.full_name_key,
            nodes.c.depth,
            nodes.c.customer_id,
            parent.c.depth.label("parent_depth"),
            parent.c.customer_id.label("parent_customer"),
            parent.c.full_name.label("parent_full_name"),
        ).join(parent, parent.c.id == nodes.c.parent_id)
    ).all()
    wrong_root = [_node_label(j) for j in jobs if j.customer_id != j.parent_customer]
    _add(report, "Jobs whose customer does not match their parent's", wrong_root)
    wrong_depth = [_node_label(j) for j in jobs if j.depth != j.parent_depth + 1]
    _add(report, "Jobs at the wrong level of the tree", wrong_depth)
    wrong_name = [_node_label(j) for j in jobs if j.full_name != f"{j.parent_full_name}:{j.name}"]
    _add(report, "Jobs whose full name does not match their parent's", wrong_name)
    all_keys = conn.execute(select(nodes.c.id, nodes.c.full_name, nodes.c.full_name_key)).all()
    bad_keys = [_node_label(n) for n in all_keys if n.full_name_key != name_key(n.full_name)]
    _add(report, "Names whose search key is out of date", bad_keys)
    _check_cycles(conn, report)


def _check_cycles(conn: Connection, report: CheckReport) -> None:
    # Walk every node up to its root; a chain longer than the tree may be deep is a cycle.
    parents = dict(conn.execute(select(nodes.c.id, nodes.c.parent_id)).all())
    names = dict(conn.execute(select(nodes.c.id, nodes.c.full_name)).all())
    looping = []
    for start in parents:
        current, steps = start, 0
        while current is not None and steps <= m.MAX_DEPTH:
            current = parents.get(current)
            steps += 1
        if current is not None:
            looping.append(f"“{names[start]}” (id {start})")
    _add(report, "Jobs whose parents form a loop", looping)


def _check_denormalized_customer(conn: Connection, report: CheckReport) -> None:
    for table, words in (
        (log, "Contact log entries"),
        (invoices, "Invoices"),
        (payments, "Payments"),
    ):
        rows = conn.execute(
            select(table.c.id)
            .join(nodes, nodes.c.id == table.c.node_id)
            .where(table.c.customer_id != nodes.c.customer_id)
        ).all()
        _add(report, f"{words} filed under the wrong customer", [f"id {r.id}" for r in rows])


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _check_invoices(conn: Connection, report: CheckReport) -> None:
    line_sums = dict(
        conn.execute(
            select(invoice_lines.c.invoice_id, func.sum(invoice_lines.c.amount)).group_by(
                invoice_lines.c.invoice_id
            )
        ).all()
    )
    applied = dict(
        conn.execute(
            select(applications.c.invoice_id, func.sum(applications.c.amount))
            .join(payments, payments.c.id == applications.c.payment_id)
            .where(payments.c.is_void.is_(False))
            .group_by(applications.c.invoice_id)
        ).all()
    )
    wrong_total, wrong_paid, wrong_status = [], [], []
    for inv in conn.execute(select(invoices)).all():
        label = f"invoice {inv.number}"
        subtotal = line_sums.get(inv.id) or Decimal(0)
        if inv.subtotal != subtotal or inv.total != inv.subtotal + inv.tax:
            wrong_total.append(
                f"{label} says {_money(inv.total)}, its lines add up to "
                f"{_money(subtotal + inv.tax)}"
            )
        paid = applied.get(inv.id) or Decimal(0)
        if inv.amount_paid != paid:
            wrong_paid.append(
                f"{label} shows {_money(inv.amount_paid)} paid, payments applied "
                f"to it add up to {_money(paid)}"
            )
        if inv.status != "void":
            expected = "paid" if inv.amount_paid >= inv.total else "open"
            if inv.status != expected:
                wrong_status.append(f"{label} is marked {inv.status} but is {expected}")
    _add(report, "Invoices whose totals do not add up", wrong_total)
    _add(
        report,
        "Invoices whose paid amount does not match their payments",
        wrong_paid,
        INVOICE_PAID,
    )
    _add(report, "Invoices with the wrong status", wrong_status, INVOICE_STATUS)
    over = conn.execute(
        select(payments.c.id, payments.c.amount, func.sum(applications.c.amount).label("used"))
        .join(applications, applications.c.payment_id == payments.c.id)
        .group_by(payments.c.id)
    ).all()
    _add(
        report,
        "Payments applied for more than they were",
        [
            f"payment {p.id} of {_money(p.amount)} applied {_money(p.used)}"
            for p in over
            if p.used > p.amount
        ],
    )


def _check_balances(conn: Connection, report: CheckReport) -> None:
    stored = {
        r.id: (r.full_name, r.balance, r.balance_total)
        for r in conn.execute(
            select(nodes.c.id, nodes.c.full_name, nodes.c.balance, nodes.c.balance_total)
        )
    }
    wrong = []
    for node_id, (own, total) in balances.expected(conn).items():
        name, stored_own, stored_total = stored[node_id]
        if (stored_own, stored_total) != (own, total):
            wrong.append(
                f"“{name}” shows {_money(stored_total)}, "
                f"its invoices and payments give {_money(total)}"
            )
    _add(report, "Balances that do not add up", wrong, BALANCES)


def _check_search_index(conn: Connection, report: CheckReport) -> None:
    """The quick filter finds by its index: each node's stored terms and text must be what
    the node's data gives today, and no index row may point at a node that is gone."""
    stale_ids, orphans = search.out_of_date(conn)
    names: dict[int, str] = {
        row.id: row.full_name
        for row in conn.execute(
            select(nodes.c.id, nodes.c.full_name).where(nodes.c.id.in_(stale_ids))
        )
    }
    stale = [f"“{names[node_id]}” (id {node_id})" for node_id in stale_ids]
    _add(
        report,
        "Customers and jobs the quick filter's index has out of date",
        stale,
        SEARCH_INDEX,
    )
    if orphans:
        report.add(
            f"The quick filter's index has {orphans:,} entr{'y' if orphans == 1 else 'ies'} "
            "for customers or jobs that no longer exist.",
            SEARCH_INDEX,
        )


INVARIANT_CHECKS: list[Callable[[Connection, CheckReport], None]] = [
    _check_tree,
    _check_denormalized_customer,
    _check_invoices,
    _check_balances,
    _check_search_index,
]


def _counts(conn: Connection) -> dict[str, int]:
    def count(table: object, *where: object) -> int:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())  # type: ignore[arg-type]

    return {
        "customers": count(nodes, nodes.c.parent_id.is_(None)),
        "jobs": count(nodes, nodes.c.parent_id.is_not(None)),
        "contact log entries": count(log),
        "invoices": count(invoices),
        "payments": count(payments),
    }
