"""Invoice and payment records, built from Core selects: a constant number of queries
whatever the number of rows (an account page may list thousands)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.inputs import check_id
from officemgr.core.records import (
    InvoiceLineRecord,
    InvoiceRecord,
    PaymentApplicationRecord,
    PaymentRecord,
)
from officemgr.errors import NotFoundError

INVOICES = m.table(m.Invoice)
LINES = m.table(m.InvoiceLine)
PAYMENTS = m.table(m.Payment)
APPLICATIONS = m.table(m.PaymentApplication)
NODES = m.table(m.CustomerJob)
NODE = NODES.alias("node")
ROOT = NODES.alias("root")
TERMS = m.table(m.Terms)
TAX_CODES = m.table(m.TaxCode)
METHODS = m.table(m.PaymentMethod)


def invoice_select() -> Select[Any]:
    """Every column an `InvoiceRecord` needs; callers add where and order by."""
    return select(
        INVOICES,
        NODE.c.full_name.label("node_full_name"),
        ROOT.c.full_name.label("customer_name"),
        TERMS.c.name.label("terms_name"),
        TAX_CODES.c.name.label("tax_code_name"),
    ).select_from(
        INVOICES.join(NODE, NODE.c.id == INVOICES.c.node_id)
        .join(ROOT, ROOT.c.id == INVOICES.c.customer_id)
        .outerjoin(TERMS, TERMS.c.id == INVOICES.c.terms_id)
        .outerjoin(TAX_CODES, TAX_CODES.c.id == INVOICES.c.tax_code_id)
    )


def _invoice(row: Any, lines: tuple[InvoiceLineRecord, ...]) -> InvoiceRecord:
    return InvoiceRecord(
        id=row.id,
        number=row.number,
        node_id=row.node_id,
        node_full_name=row.node_full_name,
        customer_id=row.customer_id,
        customer_name=row.customer_name,
        invoice_date=row.invoice_date,
        due_date=row.due_date,
        terms_id=row.terms_id,
        terms_name=row.terms_name,
        tax_code_id=row.tax_code_id,
        tax_code_name=row.tax_code_name,
        tax_rate_percent=row.tax_rate_percent,
        memo=row.memo,
        subtotal=row.subtotal,
        tax=row.tax,
        total=row.total,
        amount_paid=row.amount_paid,
        status=row.status,
        void_reason=row.void_reason,
        voided_at=row.voided_at,
        voided_by=row.voided_by,
        lines=lines,
        version=row.version,
    )


def invoices(session: Session, stmt: Select[Any]) -> list[InvoiceRecord]:
    """The invoices ``stmt`` (an `invoice_select`) finds, lines left empty."""
    return [_invoice(row, ()) for row in session.execute(stmt)]


def invoice(session: Session, invoice_id: Any) -> InvoiceRecord:
    """One invoice with its lines."""
    check_invoice_id(invoice_id)
    row = session.execute(invoice_select().where(INVOICES.c.id == invoice_id)).first()
    if row is None:
        raise NotFoundError(f"There is no invoice with id {invoice_id}.")
    lines = tuple(
        InvoiceLineRecord(
            id=line.id,
            position=line.position,
            description=line.description,
            quantity=line.quantity,
            rate=line.rate,
            amount=line.amount,
            is_taxable=bool(line.is_taxable),
        )
        for line in session.execute(
            select(LINES).where(LINES.c.invoice_id == row.id).order_by(LINES.c.position)
        )
    )
    return _invoice(row, lines)


def payment_select() -> Select[Any]:
    """Every column of a `PaymentRecord` but its applications (`payments` adds those)."""
    return select(
        PAYMENTS,
        NODE.c.full_name.label("node_full_name"),
        ROOT.c.full_name.label("customer_name"),
        METHODS.c.name.label("payment_method_name"),
    ).select_from(
        PAYMENTS.join(NODE, NODE.c.id == PAYMENTS.c.node_id)
        .join(ROOT, ROOT.c.id == PAYMENTS.c.customer_id)
        .outerjoin(METHODS, METHODS.c.id == PAYMENTS.c.payment_method_id)
    )


def payments(
    session: Session, stmt: Select[Any], *, where: ColumnElement[bool]
) -> list[PaymentRecord]:
    """The payments ``stmt`` (a `payment_select`) finds, with their applications.

    ``where`` is the condition on payments that ``stmt`` used, so the applications of all
    of them come in one more select instead of one per payment.
    """
    rows = session.execute(stmt).all()
    applied: dict[int, list[PaymentApplicationRecord]] = defaultdict(list)
    if rows:
        chosen = select(PAYMENTS.c.id).where(where)
        for app in session.execute(
            select(APPLICATIONS.c.payment_id, APPLICATIONS.c.invoice_id, INVOICES.c.number)
            .add_columns(APPLICATIONS.c.amount)
            .join(INVOICES, INVOICES.c.id == APPLICATIONS.c.invoice_id)
            .where(APPLICATIONS.c.payment_id.in_(chosen))
            .order_by(APPLICATIONS.c.id)
        ):
            applied[app.payment_id].append(
                PaymentApplicationRecord(
                    invoice_id=app.invoice_id, invoice_number=app.number, amount=app.amount
                )
            )
    return [_payment(row, tuple(applied.get(row.id, ()))) for row in rows]


def _payment(row: Any, applications: tuple[PaymentApplicationRecord, ...]) -> PaymentRecord:
    used = sum((a.amount for a in applications), Decimal(0))
    return PaymentRecord(
        id=row.id,
        customer_id=row.customer_id,
        customer_name=row.customer_name,
        node_id=row.node_id,
        node_full_name=row.node_full_name,
        received_on=row.received_on,
        amount=row.amount,
        payment_method_id=row.payment_method_id,
        payment_method_name=row.payment_method_name,
        reference=row.reference,
        memo=row.memo,
        is_void=bool(row.is_void),
        void_reason=row.void_reason,
        voided_at=row.voided_at,
        voided_by=row.voided_by,
        applications=applications,
        # A void payment's applications stay as history; it is no credit to anyone.
        unapplied=Decimal(0) if row.is_void else row.amount - used,
        version=row.version,
    )


def check_invoice_id(invoice_id: Any, *, field: str = "invoice") -> int:
    return check_id(invoice_id, field=field, label="invoice", message="Choose an invoice.")


def check_payment_id(payment_id: Any) -> int:
    return check_id(payment_id, field="payment", label="payment", message="Choose a payment.")


def payment(session: Session, payment_id: Any) -> PaymentRecord:
    check_payment_id(payment_id)
    where = PAYMENTS.c.id == payment_id
    found = payments(session, payment_select().where(where), where=where)
    if not found:
        raise NotFoundError(f"There is no payment with id {payment_id}.")
    return found[0]


def newest_invoices_first(stmt: Select[Any]) -> Select[Any]:
    return stmt.order_by(
        INVOICES.c.invoice_date.desc(), INVOICES.c.number.desc(), INVOICES.c.id.desc()
    )


def newest_payments_first(stmt: Select[Any]) -> Select[Any]:
    return stmt.order_by(PAYMENTS.c.received_on.desc(), PAYMENTS.c.id.desc())
