"""Payments received from customers, applied to their open invoices or kept as credit.

An application lowers the balance of the invoice's node; what is not applied lowers the
balance of the node the payment was received on (see ``core.balances``). A void payment
keeps its applications as history and gives the invoices it paid back their open amount.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.inputs import as_date, as_id, as_money, as_text, required_text
from officemgr.core.records import PaymentRecord
from officemgr.core.services import _billing as billing
from officemgr.core.services import _billing_records as records
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import reads
from officemgr.core.types import utcnow
from officemgr.errors import NotFoundError, ValidationError

__all__ = ["add", "apply_credit", "get", "list_for", "void"]

PAY = records.PAYMENTS
INV = records.INVOICES


def _amount(value: Any) -> Decimal:
    amount = as_money(value, field="amount", label="The amount")
    if amount is None or amount <= 0:
        raise ValidationError("A payment must be for more than 0.00.", field="amount")
    return amount


def _payment_method(session: Session, value: Any) -> int | None:
    ref = as_id(value, field="payment_method_id", label="Payment method")
    if ref is not None and session.get(m.PaymentMethod, ref) is None:
        raise ValidationError(
            "That payment method is not in the office list any more.", field="payment_method_id"
        )
    return ref


def _wanted(applications: Mapping[Any, Any]) -> dict[int, Decimal]:
    """invoice id -> amount, zero amounts dropped (rows the user left empty)."""
    if not isinstance(applications, Mapping):
        raise ValidationError(
            "Say how much goes to each invoice (invoice -> amount).", field="applications"
        )
    wanted: dict[int, Decimal] = {}
    for invoice_id, value in applications.items():
        records.check_invoice_id(invoice_id, field="applications")
        amount = as_money(value, field="applications", label="The amount applied")
        if amount is None or amount == 0:
            continue
        if amount < 0:
            raise ValidationError(
                "The amount applied to an invoice cannot be negative.", field="applications"
            )
        wanted[invoice_id] = amount
    return wanted


def _automatic(session: Session, customer_id: int, available: Decimal) -> dict[int, Decimal]:
    """Spread ``available`` over the customer's open invoices, oldest due first."""
    wanted: dict[int, Decimal] = {}
    rows = session.execute(
        select(INV.c.id, INV.c.total, INV.c.amount_paid)
        .where(INV.c.customer_id == customer_id, INV.c.status == "open")
        .order_by(INV.c.due_date, INV.c.number)
    )
    for row in rows:
        if available <= 0:
            break
        part = min(available, row.total - row.amount_paid)
        if part > 0:
            wanted[row.id] = part
            available -= part
    return wanted


def _checked_invoices(
    session: Session, customer_id: int, wanted: dict[int, Decimal], available: Decimal
) -> list[m.Invoice]:
    """The invoices to apply to, each checked: this customer's, open, not over-applied."""
    total = sum(wanted.values(), Decimal(0))
    if total > available:
        raise ValidationError(
            f"{billing.amount_text(session, total)} is applied to invoices, but only "
            f"{billing.amount_text(session, available)} of the payment is left to apply.",
            field="applications",
        )
    found = {
        invoice.id: invoice
        for invoice in session.scalars(select(m.Invoice).where(m.Invoice.id.in_(list(wanted))))
    }
    chosen = []
    for invoice_id, amount in wanted.items():
        invoice = found.get(invoice_id)
        if invoice is None:
            raise ValidationError(
                f"There is no invoice with id {invoice_id}.", field="applications"
            )
        label = f"Invoice {invoice.number}"
        if invoice.customer_id != customer_id:
            raise ValidationError(f"{label} belongs to another customer.", field="applications")
        if invoice.status == "void":
            raise ValidationError(f"{label} is void.", field="applications")
        if invoice.status == "paid":
            raise ValidationError(f"{label} is already paid.", field="applications")
        owed = invoice.total - invoice.amount_paid
        if amount > owed:
            raise ValidationError(
                f"{label} has {billing.amount_text(session, owed)} open; "
                f"{billing.amount_text(session, amount)} cannot be applied to it.",
                field="applications",
            )
        chosen.append(invoice)
    return chosen


def _apply(
    session: Session, payment: m.Payment, invoices: list[m.Invoice], wanted: dict[int, Decimal]
) -> None:
    """Apply the payment to the invoices and move the balances with it.

    What is applied leaves the payment's unapplied credit (on ``payment.node_id``) and
    lowers each invoice's node instead.
    """
    existing = {a.invoice_id: a for a in payment.applications}
    for invoice in invoices:
        amount = wanted[invoice.id]
        if invoice.id in existing:
            existing[invoice.id].amount += amount
        else:
            payment.applications.append(m.PaymentApplication(invoice_id=invoice.id, amount=amount))
        invoice.amount_paid += amount
        if invoice.amount_paid >= invoice.total:
            invoice.status = "paid"
        nodes.flush(session, record_id=invoice.id, what=f"Invoice {invoice.number}")
        billing.move_balance(session, invoice.node_id, -amount)
        billing.move_balance(session, payment.node_id, amount)


def add(
    session: Session,
    *,
    customer: int,
    amount: Decimal | str | int,
    received_on: date | str | None = None,
    payment_method_id: int | None = None,
    reference: str | None = None,
    memo: str | None = None,
    applications: Mapping[int, Any] | None = None,
    node: int | None = None,
) -> PaymentRecord:
    """Record a payment from a customer (or from one of its jobs: the payment is then
    received on that job).

    ``applications`` maps invoice ids to amounts; None applies the payment to the
    customer's open invoices, oldest due first; ``{}`` keeps it all as credit.
    """
    payer = nodes.get_node(session, customer, field="customer")
    assert payer.customer_id is not None
    root_id = payer.customer_id
    received = payer
    if node is not None:
        received = nodes.get_node(session, node, field="node")
        if received.customer_id != root_id:
            raise ValidationError(
                f"“{received.full_name}” is not one of this customer's jobs.", field="node"
            )
    total = _amount(amount)
    day = as_date(received_on, field="received_on", label="The date received") or date.today()
    method = _payment_method(session, payment_method_id)
    ref = as_text(reference, field="reference", label="The reference", max_length=m.SHORT)
    memo_text = as_text(memo, field="memo", label="The memo", max_length=m.LONG)
    wanted = _automatic(session, root_id, total) if applications is None else _wanted(applications)
    chosen = _checked_invoices(session, root_id, wanted, total)
    payment = m.Payment(
        customer_id=root_id,
        node_id=received.id,
        received_on=day,
        amount=total,
        payment_method_id=method,
        reference=ref,
        memo=memo_text,
        is_void=False,
        applications=[],
    )
    session.add(payment)
    session.flush()
    # Received in full as credit first; each application then moves its part to an invoice.
    billing.move_balance(session, received.id, -total)
    _apply(session, payment, chosen, wanted)
    return records.payment(session, payment.id)


@reads
def get(session: Session, payment_id: int) -> PaymentRecord:
    """A payment with its applications."""
    return records.payment(session, payment_id)


@reads
def list_for(
    session: Session, node: int, *, include_jobs: bool = True, include_void: bool = True
) -> list[PaymentRecord]:
    """The payments received on a customer or job, newest first; ``include_jobs`` adds
    those received on its jobs."""
    target = nodes.get_node(session, node, field="node")
    where = billing.belonging_to(
        target, node_id=PAY.c.node_id, customer_id=PAY.c.customer_id, include_jobs=include_jobs
    )
    if not include_void:
        where = where & PAY.c.is_void.is_(False)
    stmt = records.newest_payments_first(records.payment_select().where(where))
    return records.payments(session, stmt, where=where)


def _load(session: Session, payment_id: Any) -> m.Payment:
    payment = session.get(m.Payment, records.check_payment_id(payment_id))
    if payment is None:
        raise NotFoundError(f"There is no payment with id {payment_id}.")
    return payment


def _label(session: Session, payment: m.Payment) -> str:
    amount = billing.amount_text(session, payment.amount)
    return f"Payment of {amount} received {payment.received_on}"


def void(
    session: Session,
    payment_id: int,
    *,
    reason: str,
    by: str,
    expected_version: int | None = None,
) -> PaymentRecord:
    """Void a payment (a bounced check, a mistake): the invoices it paid are owed again.

    Its applications stay, as the history of what it paid.
    """
    payment = _load(session, payment_id)
    label = _label(session, payment)
    why = required_text(
        reason,
        field="reason",
        label="The reason",
        max_length=m.LONG,
        missing="Give a reason for voiding the payment.",
    )
    who = required_text(
        by,
        field="by",
        label="Who voids the payment",
        max_length=m.NAME_LENGTH,
        missing="Say who is voiding the payment.",
    )
    nodes.check_version(payment, expected_version, label)
    if payment.is_void:
        raise ValidationError("This payment is already void.", field="is_void")
    unapplied = payment.amount
    for application in payment.applications:
        invoice = session.get(m.Invoice, application.invoice_id)
        assert invoice is not None
        invoice.amount_paid -= application.amount
        if invoice.status == "paid" and invoice.amount_paid < invoice.total:
            invoice.status = "open"
        billing.move_balance(session, invoice.node_id, application.amount)
        unapplied -= application.amount
    billing.move_balance(session, payment.node_id, unapplied)
    payment.is_void = True
    payment.void_reason = why
    payment.voided_at = utcnow()
    payment.voided_by = who
    nodes.flush(session, record_id=payment.id, what=label)
    billing.log_system(
        session,
        payment.node_id,
        subject="Payment voided",
        details=f"{label} voided by {who}. Reason: {why}",
        by=who,
    )
    return records.payment(session, payment.id)


def apply_credit(
    session: Session, payment_id: int, *, applications: Mapping[int, Any]
) -> PaymentRecord:
    """Apply the unapplied part of a payment to open invoices of its customer."""
    payment = _load(session, payment_id)
    if payment.is_void:
        raise ValidationError("A void payment cannot be applied.", field="applications")
    available = payment.amount - sum((a.amount for a in payment.applications), Decimal(0))
    wanted = _wanted(applications)
    if not wanted:
        raise ValidationError("Say how much goes to which invoice.", field="applications")
    chosen = _checked_invoices(session, payment.customer_id, wanted, available)
    _apply(session, payment, chosen, wanted)
    nodes.touch(payment)
    nodes.flush(session, record_id=payment.id, what=_label(session, payment))
    return records.payment(session, payment.id)
