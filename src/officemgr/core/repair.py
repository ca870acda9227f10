"""Verify Data's repair: recompute the derived data it found wrong, and nothing else.

Only what is computed from other records is ever rewritten — stored balances, an
invoice's paid amount and status (from the payments applied to it), the quick filter's
index — so a repair cannot lose anything the office typed. A file with any other kind of
problem is refused whole: fixing some problems and leaving others would hide them.

A verified backup is written first; the check runs again afterwards and its report is
what the user sees.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, Engine, case, func, select, update

from officemgr.core import balances, search
from officemgr.core import models as m
from officemgr.core.backup import make_backup
from officemgr.core.check import CheckReport, verify
from officemgr.core.company_file import open_engine, writer
from officemgr.core.desks import alone
from officemgr.core.file_header import describe
from officemgr.errors import CompanyFileError

__all__ = ["RepairResult", "repair", "repair_server"]

log = logging.getLogger(__name__)

invoices = m.table(m.Invoice)
payments = m.table(m.Payment)
applications = m.table(m.PaymentApplication)


@dataclass(frozen=True)
class RepairResult:
    """What a repair did: the backup made first, what it fixed, and the check after it."""

    backup: Path
    fixed: tuple[str, ...]
    report: CheckReport


def repair(path: Path, *, backup_dir: Path | None = None) -> RepairResult:
    """Back ``path`` up, recompute its derived data, and check it again.

    Raises ``CompanyFileError`` — the file left unchanged — when it has no problems, or
    has any problem a repair cannot safely fix.
    """
    path = path.expanduser().absolute()
    before = verify(path)
    _refuse_unless_repairable(before)
    with alone(path, doing="repaired", action="repair it"):
        kept = make_backup(path, to_dir=backup_dir, label="before-repair")
        engine = open_engine(path, create=False)
        try:
            _recompute(engine)
        finally:
            engine.dispose()
    return _repaired(before, kept, verify(path))


def repair_server(text: str, *, backup_dir: Path | None = None) -> RepairResult:
    """`repair` for a company on a PostgreSQL server: its backup is a company file. Other
    desks may go on working: the recomputing is one writer's transaction like any save."""
    from officemgr.core.check import verify_server
    from officemgr.core.server import check_current, server_url

    before = verify_server(text)
    _refuse_unless_repairable(before)
    kept = make_backup(text, to_dir=backup_dir, label="before-repair")
    with check_current(server_url(text)) as engine:
        _recompute(engine)
    return _repaired(before, kept, verify_server(text))


def _refuse_unless_repairable(before: CheckReport) -> None:
    if before.ok:
        raise CompanyFileError(f"{_sentence(before)} has no problems to repair.")
    if not before.repairable:
        raise CompanyFileError(
            f"{_sentence(before)} has problems a repair cannot safely fix (only balances, "
            "paid amounts and the quick filter's index can be recomputed); it was left "
            "unchanged: restore a backup, or pass the Verify Data report on to your support."
        )


def _sentence(report: CheckReport) -> str:
    where = describe(report.path) if report.path is not None else report.where
    return where[:1].upper() + where[1:]


def _recompute(engine: Engine) -> None:
    """Derived data from the records, in one writer's transaction."""
    with writer(engine).begin() as conn:
        _recompute_invoices(conn)
        balances.recompute(conn)
        search.rebuild(conn)


def _repaired(before: CheckReport, kept: Path, after: CheckReport) -> RepairResult:
    fixed = tuple(before.problems)
    log.info(
        "Repaired %s (backup %s): %d problem(s) before, %d after",
        after.path or after.where,
        kept,
        len(fixed),
        len(after.problems),
    )
    return RepairResult(backup=kept, fixed=fixed, report=after)


def _recompute_invoices(conn: Connection) -> None:
    """Each invoice's paid amount from its non-void applications; open/paid from that."""
    paid = (
        select(func.coalesce(func.sum(applications.c.amount), Decimal(0)))
        .join(payments, payments.c.id == applications.c.payment_id)
        .where(
            applications.c.invoice_id == invoices.c.id,
            payments.c.is_void.is_(False),
        )
        .scalar_subquery()
    )
    # Keep updated_at: a recomputed figure is not a change someone made to the invoice.
    unchanged = {"updated_at": invoices.c.updated_at}
    conn.execute(update(invoices).values(amount_paid=paid, **unchanged))
    conn.execute(
        update(invoices)
        .where(invoices.c.status != "void")
        .values(
            status=case((invoices.c.amount_paid >= invoices.c.total, "paid"), else_="open"),
            **unchanged,
        )
    )
