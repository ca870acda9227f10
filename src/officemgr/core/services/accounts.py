"""The account of a customer or job: balances, the customer page, the credit check.

The customer page is built from a constant number of Core selects, whatever the number of
jobs, invoices and payments.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.records import AccountJobRow, AccountSummary, CreditCheck, LogEntryRecord
from officemgr.core.services import _billing as billing
from officemgr.core.services import _billing_records as records
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import invoices as invoice_service
from officemgr.core.services import reads
from officemgr.core.services._fields import as_date, required_text

__all__ = ["balance", "credit_check", "record_override", "summary"]

N = m.CustomerJob
PAY = records.PAYMENTS
INV = records.INVOICES
APPS = records.APPLICATIONS


@reads
def balance(session: Session, node: int) -> Decimal:
    """The open balance of a customer or job, its jobs included."""
    target = nodes.get_node(session, node, field="node")
    total: Decimal = session.execute(select(N.balance_total).where(N.id == target.id)).scalar_one()
    return total


def _jobs_under(session: Session, target: m.CustomerJob) -> list[AccountJobRow]:
    below = (
        (N.customer_id == target.id) & N.parent_id.is_not(None)
        if target.parent_id is None
        else nodes.descendants_of(target.full_name_key)
    )
    rows = session.execute(
        select(
            N.id,
            N.name,
            N.full_name,
            N.parent_id,
            N.depth,
            m.JobInfo.status,
            N.is_active,
            N.created_at,
            N.balance,
            N.balance_total,
        )
        .outerjoin(m.JobInfo, m.JobInfo.job_id == N.id)
        .where(below)
        .order_by(N.full_name_key)
    )
    return [
        AccountJobRow(
            id=row.id,
            name=row.name,
            full_name=row.full_name,
            parent_id=row.parent_id,
            depth=row.depth,
            status=row.status or "None",
            is_active=bool(row.is_active),
            created_at=row.created_at,
            balance=row.balance,
            balance_total=row.balance_total,
        )
        for row in rows
    ]


def _payments_where(target: m.CustomerJob) -> ColumnElement[bool]:
    """A customer's payments; for a job, those received on it or its sub-jobs and those
    applied to their invoices."""
    if target.parent_id is None:
        return PAY.c.customer_id == target.id
    subtree = select(N.id).where(nodes.subtree_of(target.id, target.full_name_key))
    paid_here = (
        select(APPS.c.payment_id)
        .join(INV, INV.c.id == APPS.c.invoice_id)
        .where(INV.c.node_id.in_(subtree))
    )
    return or_(PAY.c.node_id.in_(subtree), PAY.c.id.in_(paid_here))


@reads
def summary(session: Session, node: int, *, today: date | None = None) -> AccountSummary:
    """The customer page: jobs with status and balances, every invoice and payment
    (newest first), overdue amount (due before ``today``), unapplied and available credit.

    For a job, the same limited to the job and its sub-jobs.
    """
    target = nodes.get_node(session, node, field="node")
    as_of = as_date(today, field="today", label="Today") or date.today()
    customer = billing.customer_of(session, target)
    jobs = _jobs_under(session, target)
    invoices = invoice_service.list_for(session, target.id, include_jobs=True)
    where = _payments_where(target)
    stmt = records.newest_payments_first(records.payment_select().where(where))
    payments = records.payments(session, stmt, where=where)
    in_view = {target.id, *(job.id for job in jobs)}
    overdue = sum(
        (i.open_amount for i in invoices if i.status == "open" and i.due_date < as_of),
        Decimal("0.00"),
    )
    unapplied = sum((p.unapplied for p in payments if p.node_id in in_view), Decimal("0.00"))
    totals = dict(
        session.execute(
            select(N.id, N.balance_total).where(N.id.in_([target.id, customer.id]))
        ).all()
    )
    opening = sum(
        session.execute(select(N.opening_balance).where(N.id.in_(sorted(in_view)))).scalars(),
        Decimal("0.00"),
    )
    limit = customer.credit_limit
    terms = session.get(m.Terms, target.terms_id) if target.terms_id is not None else None
    return AccountSummary(
        id=target.id,
        name=target.full_name,
        customer_id=customer.id,
        customer_name=customer.full_name,
        is_prospect=customer.is_prospect,
        credit_hold=customer.credit_hold,
        credit_hold_reason=customer.credit_hold_reason,
        credit_limit=limit,
        terms_name=terms.name if terms is not None else None,
        balance=totals[target.id],
        overdue=overdue,
        unapplied_credit=unapplied,
        available_credit=None if limit is None else limit - totals[customer.id],
        jobs=tuple(jobs),
        invoices=tuple(invoices),
        payments=tuple(payments),
        as_of=as_of,
        opening_balance=opening,
    )


@reads
def credit_check(session: Session, node: int, *, amount: Decimal | str | int = 0) -> CreditCheck:
    """Whether billable work of ``amount`` for a customer or job needs an override: the
    customer is on credit hold, or its balance plus ``amount`` passes its credit limit.
    A job answers for its customer."""
    target = nodes.get_node(session, node, field="node")
    return billing.check_credit(session, target, billing.check_amount(amount))


def record_override(
    session: Session,
    node: int,
    *,
    action: str,
    reason: str,
    by: str,
    amount: Decimal | str | int = 0,
) -> LogEntryRecord:
    """Log an override the window collected (``action`` such as "New job Furnace
    Replacement"): the credit problems of the moment, the reason and who gave it."""
    target = nodes.get_node(session, node, field="node")
    what = required_text(
        action, field="action", label="The action", max_length=m.LONG, missing="Say what was done."
    )
    why = required_text(
        reason,
        field="credit_override",
        label="The override reason",
        max_length=m.LONG,
        missing="Give a reason for overriding the credit warning.",
    )
    who = billing.override_by(by)
    check = billing.check_credit(session, target, billing.check_amount(amount))
    return billing.log_override(session, target.id, check=check, action=what, reason=why, by=who)
