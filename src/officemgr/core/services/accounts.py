"""The account of a customer or job: balances, the customer page, the credit check.

The customer page is built from a constant number of Core selects, whatever the number of
jobs, invoices and payments.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from officemgr.core import balances, tree_queries
from officemgr.core import models as m
from officemgr.core.inputs import as_date, required_text
from officemgr.core.records import AccountJobRow, AccountSummary, CreditCheck, LogEntryRecord
from officemgr.core.services import _billing as billing
from officemgr.core.services import _billing_records as records
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import invoices as invoice_service
from officemgr.core.services import reads

__all__ = ["balance", "credit_check", "record_override", "summary"]

N = m.CustomerJob
ZERO = Decimal("0.00")
PAY = records.PAYMENTS
INV = records.INVOICES
APPS = records.APPLICATIONS


def _scope(target: m.CustomerJob) -> balances.Scope:
    return balances.Scope.of_node(target.id, target.parent_id, target.full_name_key)


def _day(value: Any) -> date | None:
    return as_date(value, field="as_of", label="The “as of” date")


@reads
def balance(session: Session, node: int, *, as_of: date | str | None = None) -> Decimal:
    """What a customer or job owes, its jobs included: as recorded now, or as of the end
    of the day ``as_of`` (see ``core.balances`` for what counts)."""
    target = nodes.get_node(session, node, field="node")
    day = _day(as_of)
    if day is None:
        total: Decimal = session.execute(
            select(N.balance_total).where(N.id == target.id)
        ).scalar_one()
        return total
    return balances.owed(session.connection(), day, _scope(target))


def _jobs_under(session: Session, target: m.CustomerJob) -> list[AccountJobRow]:
    below = (
        (N.customer_id == target.id) & N.parent_id.is_not(None)
        if target.parent_id is None
        else tree_queries.descendants_of(target.full_name_key)
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
def summary(session: Session, node: int, *, as_of: date | str | None = None) -> AccountSummary:
    """The customer page: jobs with status and balances, every invoice and payment
    (newest first), the balance, what is overdue, unapplied and available credit.

    The figures are as recorded now, with overdue meaning due before today; or, with
    ``as_of``, as of the end of that day (overdue: due before it). The lists are the whole
    history either way. For a job, the same limited to the job and its sub-jobs.
    """
    target = nodes.get_node(session, node, field="node")
    day = _day(as_of)
    customer = billing.customer_of(session, target)
    jobs = _jobs_under(session, target)
    invoices = invoice_service.list_for(session, target.id, include_jobs=True)
    where = _payments_where(target)
    stmt = records.newest_payments_first(records.payment_select().where(where))
    payments = records.payments(session, stmt, where=where)
    conn = session.connection()
    items = [i for batch in balances.open_items(conn, day, _scope(target)) for i in batch]
    if day is None:
        totals = dict(
            session.execute(
                select(N.id, N.balance_total).where(N.id.in_([target.id, customer.id]))
            ).all()
        )
        owed, customer_owes = totals[target.id], totals[customer.id]
    else:
        owed = balances.owed(conn, day, _scope(target))
        customer_owes = balances.owed(conn, day, _scope(customer))
    overdue_on = day or date.today()
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
        balance=owed,
        overdue=balances.overdue_amount(items, overdue_on),
        unapplied_credit=-sum((i.amount for i in items if i.kind == balances.CREDIT), ZERO),
        available_credit=None if limit is None else limit - customer_owes,
        jobs=tuple(jobs),
        invoices=tuple(invoices),
        payments=tuple(payments),
        as_of=overdue_on,
        opening_balance=sum((i.amount for i in items if i.kind == balances.OPENING), ZERO),
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
