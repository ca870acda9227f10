"""Shared by the billing services: the credit check, override logging, prospect conversion.

Not a service module. ``invoices``, ``payments``, ``accounts`` and ``jobs.add`` build on
it; the records they return are built in ``_billing_records``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.inputs import as_money, as_text, required_text
from officemgr.core.records import CreditCheck, LogEntryRecord
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import contact_log, settings
from officemgr.errors import CreditHoldError

SYSTEM = "System"


def amount_text(session: Session, value: Decimal) -> str:
    """Money as the office writes it, for messages and the log: 1,234.50 (or 1.234,50)."""
    return settings.get(session).numbers.money(value)


def sentence(text: str) -> str:
    """``text`` ending as a sentence does: a full stop added unless it has its own."""
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def move_balance(session: Session, node_id: int, delta: Decimal) -> None:
    """Move a node's balance (and its ancestors' totals) in this transaction.

    The balances are written set-based, beside the ORM, so the copies the session holds
    are expired to be read again.
    """
    session.flush()
    balances.add_to_balance(session.connection(), node_id, delta)
    for row in list(session.identity_map.values()):
        if isinstance(row, m.CustomerJob):
            session.expire(row, ["balance", "balance_total"])


def customer_of(session: Session, node: m.CustomerJob) -> m.CustomerJob:
    if node.parent_id is None:
        return node
    assert node.customer_id is not None
    return nodes.get_node(session, node.customer_id)


def check_credit(session: Session, node: m.CustomerJob, amount: Decimal) -> CreditCheck:
    """The credit check of ``node`` (a job answers for its customer) for ``amount`` more.

    The limit is a problem only for a new amount: starting a job with no amount cannot
    pass a limit, even when the balance already stands over it (``over_limit`` says so).
    """
    customer = customer_of(session, node)
    session.flush()  # balances moved by earlier writes of this transaction
    session.refresh(customer, ["balance_total"])
    balance = customer.balance_total
    new_balance = balance + amount
    limit = customer.credit_limit
    over_limit = limit is not None and new_balance > limit
    problems: list[str] = []
    if customer.credit_hold:
        reason = f": {customer.credit_hold_reason}" if customer.credit_hold_reason else ""
        problems.append(f"{customer.full_name} is on credit hold{reason}.")
    if over_limit and amount > 0 and limit is not None:
        new_text, limit_text = amount_text(session, new_balance), amount_text(session, limit)
        problems.append(
            f"This would bring {customer.full_name}'s balance to {new_text}, "
            f"over its credit limit of {limit_text}."
        )
    return CreditCheck(
        node_id=node.id,
        customer_id=customer.id,
        customer_name=customer.full_name,
        credit_hold=customer.credit_hold,
        credit_hold_reason=customer.credit_hold_reason,
        credit_limit=limit,
        balance=balance,
        new_balance=new_balance,
        over_limit=over_limit,
        problems=tuple(problems),
    )


def check_amount(value: Any) -> Decimal:
    return as_money(value, field="amount", label="The amount") or Decimal(0)


def override_reason(value: Any) -> str | None:
    return as_text(value, field="credit_override", label="The override reason", max_length=m.LONG)


def override_by(value: Any) -> str:
    return required_text(
        value,
        field="by",
        label="Who overrides",
        max_length=m.NAME_LENGTH,
        missing="Say who is overriding the credit warning.",
    )


def enforce_credit(
    session: Session,
    node: m.CustomerJob,
    *,
    amount: Decimal,
    what: str,
    override: Any,
    by: Any,
) -> tuple[CreditCheck, str | None, str | None]:
    """Stop billable work that needs an override and has none; (check, reason, by) if it may go on.

    The caller logs the override (`log_override`) once the work is written, so the entry
    can name it; ``reason`` is None when no override was needed.
    """
    check = check_credit(session, node, amount)
    if not check.needs_override:
        return check, None, None
    reason = override_reason(override)
    if reason is None:
        raise CreditHoldError(
            f"{what}: {' '.join(check.problems)} An override with a reason is needed to go on.",
            check=check,
        )
    return check, reason, override_by(by)


def log_override(
    session: Session,
    owner: int,
    *,
    check: CreditCheck,
    action: str,
    reason: str,
    by: str,
) -> LogEntryRecord:
    """The System log entry that records an override: what, the problems, why and who."""
    subject = "Credit hold overridden" if check.credit_hold else "Credit limit overridden"
    problems = " ".join(check.problems) or "No credit problem was found at the time."
    details = f"{action}. {problems} Reason: {sentence(reason)} Overridden by {by}."
    return log_system(session, owner, subject=subject, details=details, by=by)


def convert_prospect(
    session: Session, customer: m.CustomerJob, *, because: str, by: str | None
) -> None:
    """The first invoice turns a prospect into a customer, and the log says when and why."""
    if not customer.is_prospect:
        return
    customer.is_prospect = False
    nodes.touch(customer)
    nodes.flush(session, record_id=customer.id, what=customer.full_name)
    log_system(
        session,
        customer.id,
        subject="Prospect became a customer",
        details=f"{because} turned the prospect into a customer.",
        by=by,
    )


def log_system(
    session: Session, owner: int, *, subject: str, details: str, by: str | None
) -> LogEntryRecord:
    return contact_log.add(
        session,
        owner=owner,
        kind=SYSTEM,
        subject=subject,
        details=details,
        employee=by,
        is_system=True,
    )


def belonging_to(
    target: m.CustomerJob, *, node_id: Any, customer_id: Any, include_jobs: bool
) -> ColumnElement[bool]:
    """Rows (invoices, payments) of ``target`` — with those of its jobs when asked: a
    customer's by its customer column, a job's by its subtree."""
    if not include_jobs:
        return node_id == target.id
    if target.parent_id is None:
        return customer_id == target.id
    subtree = select(nodes.N.id).where(nodes.subtree_of(target.id, target.full_name_key))
    return node_id.in_(subtree)
