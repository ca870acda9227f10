"""Invoices for customers and jobs: numbered, taxed, due by terms, voided but never deleted.

Entering an invoice runs the credit check (a hold or a passed limit needs an override with
a reason, logged), turns a prospect into a customer, and moves the balances, all in the
invoice's own transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.inputs import (
    as_bool,
    as_date,
    as_decimal,
    as_id,
    as_text,
    line_amount,
    required_text,
)
from officemgr.core.records import InvoiceRecord, money
from officemgr.core.services import _billing as billing
from officemgr.core.services import _billing_records as records
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import reads
from officemgr.core.types import utcnow
from officemgr.errors import NotFoundError, ValidationError

__all__ = [
    "add",
    "due_date_for",
    "get",
    "list_for",
    "next_number",
    "open_for",
    "suggested_lines",
    "tax_for",
    "void",
]

FIRST_NUMBER = 1001
SOURCES = ("services", "final", "estimate")
INV = records.INVOICES


@dataclass(frozen=True)
class _Line:
    description: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    is_taxable: bool


@dataclass(frozen=True)
class _Figures:
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    tax_code_id: int | None
    tax_rate_percent: Decimal


def _parse_lines(lines: Any) -> list[_Line]:
    if isinstance(lines, (str, bytes, Mapping)) or not isinstance(lines, Sequence):
        raise ValidationError("The invoice lines must be a list of lines.", field="lines")
    if not lines:
        raise ValidationError("An invoice needs at least one line.", field="lines")
    return [_parse_line(number, line) for number, line in enumerate(lines, 1)]


def _parse_line(number: int, line: Any) -> _Line:
    where = f"Line {number}"
    if not isinstance(line, Mapping):
        raise ValidationError(f"{where} is not an invoice line.", field="lines")
    description = required_text(
        line.get("description"),
        field="lines",
        label=f"{where}: the description",
        max_length=m.LONG,
        missing=f"{where}: give the line a description.",
    )
    quantity = as_decimal(line.get("quantity", 1), field="lines", label=f"{where}: the quantity")
    rate = as_decimal(line.get("rate"), field="lines", label=f"{where}: the rate")
    taxable = as_bool(line.get("is_taxable", True), field="lines", label=f"{where}: taxable")
    quantity = Decimal(1) if quantity is None else quantity
    rate = Decimal(0) if rate is None else rate
    amount = line_amount(quantity, rate, field="lines", label=f"{where}: the amount")
    return _Line(description, quantity, rate, amount, taxable)


def taxable_base(lines: Iterable[Any]) -> Decimal:
    """What an invoice's tax is figured on: the exact quantity × rate of its taxable
    lines, not the sum of their rounded amounts (the invoice PDF prints it beside the tax)."""
    return sum((line.quantity * line.rate for line in lines if line.is_taxable), Decimal(0))


def _figures(session: Session, node: m.CustomerJob, lines: list[_Line]) -> _Figures:
    """Subtotal, tax and total as the invoice stores them, by the node's tax code.

    Each line's amount is its exact quantity × rate rounded once to the cent; the tax is
    rounded once from the exact taxable base (the unrounded products), not from the sum of
    rounded line amounts.
    """
    subtotal = sum((line.amount for line in lines), Decimal(0))
    taxable = taxable_base(lines)
    code = session.get(m.TaxCode, node.tax_code_id) if node.tax_code_id is not None else None
    rate = code.rate_percent if code is not None and code.is_taxable else Decimal(0)
    tax = money(taxable * rate / 100)
    total = subtotal + tax
    if total < 0:
        shown = billing.amount_text(session, total)
        raise ValidationError(
            f"The invoice total would be {shown}; it cannot be negative.", field="lines"
        )
    return _Figures(subtotal, tax, total, code.id if code is not None else None, rate)


def _terms(session: Session, node: m.CustomerJob, terms_id: Any) -> m.Terms | None:
    given = as_id(terms_id, field="terms_id", label="Terms")
    chosen = given if given is not None else node.terms_id
    if chosen is None:
        return None
    terms = session.get(m.Terms, chosen)
    if terms is None:
        raise ValidationError("Those terms are not in the office list any more.", field="terms_id")
    return terms


def _due(session: Session, node: m.CustomerJob, invoice_date: date, terms_id: Any) -> date:
    return _due_by(invoice_date, _terms(session, node, terms_id))


def _due_by(invoice_date: date, terms: m.Terms | None) -> date:
    try:
        return invoice_date + timedelta(days=terms.net_days if terms is not None else 0)
    except OverflowError:  # past 9999-12-31
        raise ValidationError(
            "The invoice date is so late that its due date would be past the year 9999.",
            field="invoice_date",
        ) from None


def _invoice_date(value: Any) -> date:
    return as_date(value, field="invoice_date", label="The invoice date") or date.today()


def _next_number(session: Session) -> int:
    # The writer holds BEGIN IMMEDIATE, so no one else can take this number meanwhile.
    highest = session.execute(select(func.max(INV.c.number))).scalar()
    return FIRST_NUMBER if highest is None else max(int(highest) + 1, FIRST_NUMBER)


def add(
    session: Session,
    *,
    node: int,
    lines: Sequence[Mapping[str, Any]],
    invoice_date: date | str | None = None,
    terms_id: int | None = None,
    memo: str | None = None,
    credit_override: str | None = None,
    by: str | None = None,
) -> InvoiceRecord:
    """Invoice a customer or job.

    ``lines`` are dicts with ``description``, ``quantity`` (1), ``rate`` and
    ``is_taxable`` (True). The date defaults to today, the terms to the node's, the tax to
    the node's tax code. A customer on credit hold, or a total that would pass its credit
    limit, needs ``credit_override`` (the reason) and ``by``; otherwise CreditHoldError.
    """
    target = nodes.get_node(session, node, field="node")
    parsed = _parse_lines(lines)
    day = _invoice_date(invoice_date)
    terms = _terms(session, target, terms_id)
    due = _due_by(day, terms)
    memo_text = as_text(memo, field="memo", label="The memo", max_length=m.LONG)
    figures = _figures(session, target, parsed)
    number = _next_number(session)
    what = f"Invoice {number} for {billing.amount_text(session, figures.total)}"
    check, reason, who = billing.enforce_credit(
        session, target, amount=figures.total, what=what, override=credit_override, by=by
    )
    customer = billing.customer_of(session, target)
    invoice = m.Invoice(
        number=number,
        node_id=target.id,
        customer_id=customer.id,
        invoice_date=day,
        due_date=due,
        terms_id=terms.id if terms is not None else None,
        tax_code_id=figures.tax_code_id,
        tax_rate_percent=figures.tax_rate_percent,
        memo=memo_text,
        subtotal=figures.subtotal,
        tax=figures.tax,
        total=figures.total,
        amount_paid=Decimal(0),
        # Nothing to pay makes it paid at once, as `officemgr check` expects.
        status="open" if figures.total > 0 else "paid",
        lines=[
            m.InvoiceLine(
                position=position,
                description=line.description,
                quantity=line.quantity,
                rate=line.rate,
                amount=line.amount,
                is_taxable=line.is_taxable,
            )
            for position, line in enumerate(parsed)
        ],
    )
    session.add(invoice)
    session.flush()
    billing.move_balance(session, target.id, figures.total)
    if reason is not None and who is not None:
        billing.log_override(session, target.id, check=check, action=what, reason=reason, by=who)
    by_name = as_text(by, field="by", label="Who enters the invoice", max_length=m.NAME_LENGTH)
    billing.convert_prospect(session, customer, because=what, by=by_name)
    return records.invoice(session, invoice.id)


@reads
def get(session: Session, invoice_id: int) -> InvoiceRecord:
    """An invoice with its lines."""
    return records.invoice(session, invoice_id)


@reads
def list_for(
    session: Session, node: int, *, include_jobs: bool = True, include_void: bool = True
) -> list[InvoiceRecord]:
    """A customer's or job's invoices, newest first (lines left empty); ``include_jobs``
    adds those of its jobs."""
    target = nodes.get_node(session, node, field="node")
    stmt = records.invoice_select().where(
        billing.belonging_to(
            target, node_id=INV.c.node_id, customer_id=INV.c.customer_id, include_jobs=include_jobs
        )
    )
    if not include_void:
        stmt = stmt.where(INV.c.status != "void")
    return records.invoices(session, records.newest_invoices_first(stmt))


@reads
def open_for(session: Session, customer: int) -> list[InvoiceRecord]:
    """Every open invoice of a customer and its jobs, oldest due first: what a payment can
    be applied to. A job gives its customer's."""
    target = nodes.get_node(session, customer, field="customer")
    stmt = (
        records.invoice_select()
        .where(INV.c.customer_id == target.customer_id, INV.c.status == "open")
        .order_by(INV.c.due_date, INV.c.number)
    )
    return records.invoices(session, stmt)


def void(
    session: Session,
    invoice_id: int,
    *,
    reason: str,
    by: str,
    expected_version: int | None = None,
) -> InvoiceRecord:
    """Void an invoice (nothing is deleted); refused while live payments are applied to it."""
    invoice = session.get(m.Invoice, records.check_invoice_id(invoice_id))
    if invoice is None:
        raise NotFoundError(f"There is no invoice with id {invoice_id}.")
    label = f"Invoice {invoice.number}"
    why = required_text(
        reason,
        field="reason",
        label="The reason",
        max_length=m.LONG,
        missing=f"Give a reason for voiding {label}.",
    )
    who = required_text(
        by,
        field="by",
        label="Who voids the invoice",
        max_length=m.NAME_LENGTH,
        missing="Say who is voiding the invoice.",
    )
    nodes.check_version(invoice, expected_version, label)
    if invoice.status == "void":
        raise ValidationError(f"{label} is already void.", field="status")
    paying = session.execute(
        select(records.PAYMENTS.c.received_on, records.APPLICATIONS.c.amount)
        .join(records.APPLICATIONS, records.APPLICATIONS.c.payment_id == records.PAYMENTS.c.id)
        .where(
            records.APPLICATIONS.c.invoice_id == invoice.id,
            records.PAYMENTS.c.is_void.is_(False),
        )
        .order_by(records.PAYMENTS.c.received_on, records.PAYMENTS.c.id)
    ).all()
    if paying:
        listed = ", ".join(
            f"{billing.amount_text(session, p.amount)} received {p.received_on.isoformat()}"
            for p in paying
        )
        raise ValidationError(
            f"{label} has payments applied to it ({listed}); void or re-apply those payments "
            "first.",
            field="payments",
        )
    invoice.status = "void"
    invoice.void_reason = why
    invoice.voided_at = utcnow()
    invoice.voided_by = who
    nodes.flush(session, record_id=invoice.id, what=label)
    billing.move_balance(session, invoice.node_id, -invoice.total)
    billing.log_system(
        session,
        invoice.node_id,
        subject="Invoice voided",
        details=(
            f"{label} for {billing.amount_text(session, invoice.total)} voided by {who}. "
            f"Reason: {why}"
        ),
        by=who,
    )
    return records.invoice(session, invoice.id)


@reads
def suggested_lines(session: Session, node: int, *, source: str) -> list[dict[str, Any]]:
    """Invoice lines taken from a job: its requested ``"services"``, its ``"final"``
    figures or its ``"estimate"``; dicts as `add` takes them."""
    target = nodes.get_node(session, node, field="node")
    if source not in SOURCES:
        raise ValidationError(
            f"Lines can come from: {', '.join(SOURCES)}.",
            field="source",
        )
    if source == "services":
        services = m.table(m.JobServiceLine)
        rows = session.execute(
            select(services.c.service, services.c.quantity, services.c.rate)
            .where(services.c.job_id == target.id)
            .order_by(services.c.position, services.c.id)
        ).all()
    else:
        figures = m.table(m.JobFigureLine)
        rows = session.execute(
            select(figures.c.description, figures.c.quantity, figures.c.rate)
            .where(figures.c.job_id == target.id, figures.c.phase == source)
            .order_by(figures.c.position, figures.c.id)
        ).all()
    return [
        {"description": description, "quantity": quantity, "rate": rate, "is_taxable": True}
        for description, quantity, rate in rows
    ]


@reads
def next_number(session: Session) -> int:
    """The number the next invoice will get (shown in the dialog)."""
    return _next_number(session)


@reads
def due_date_for(
    session: Session, node: int, *, invoice_date: date, terms_id: int | None = None
) -> date:
    """The due date `add` would give: the date plus the terms' days (the node's terms
    unless ``terms_id`` is given; none: due on the invoice date)."""
    target = nodes.get_node(session, node, field="node")
    return _due(session, target, _invoice_date(invoice_date), terms_id)


@reads
def tax_for(
    session: Session, node: int, *, lines: Sequence[Mapping[str, Any]]
) -> tuple[Decimal, Decimal, Decimal]:
    """(subtotal, tax, total) exactly as `add` would compute them for these lines."""
    target = nodes.get_node(session, node, field="node")
    figures = _figures(session, target, _parse_lines(lines))
    return figures.subtotal, figures.tax, figures.total
