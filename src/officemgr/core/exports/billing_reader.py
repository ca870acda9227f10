"""Invoices and payments streamed out as rows of `columns.INVOICE_COLUMNS` and
`columns.PAYMENT_COLUMNS`: invoices by number, payments by the day received."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.exports import node_reader
from officemgr.core.exports.scope import NODES, shown
from officemgr.core.exports.tracker import Tracker
from officemgr.core.exports.values import Value

__all__ = ["invoice_rows", "payment_rows"]

INVOICES = m.table(m.Invoice)
PAYMENTS = m.table(m.Payment)
APPLICATIONS = m.table(m.PaymentApplication)
ROOT = NODES.alias("root")
TERMS = m.table(m.Terms)
TAX_CODES = m.table(m.TaxCode)
METHODS = m.table(m.PaymentMethod)


def invoice_rows(
    session: Session, *, include_inactive: bool, tracker: Tracker
) -> Iterator[Sequence[Value]]:
    """Every invoice of the customers and jobs an export covers, void ones too."""
    joined = (
        INVOICES.join(NODES, NODES.c.id == INVOICES.c.node_id)
        .join(ROOT, ROOT.c.id == INVOICES.c.customer_id)
        .outerjoin(TERMS, TERMS.c.id == INVOICES.c.terms_id)
        .outerjoin(TAX_CODES, TAX_CODES.c.id == INVOICES.c.tax_code_id)
    )
    columns = (
        INVOICES,
        NODES.c.full_name.label("node_name"),
        NODES.c.parent_id.label("node_parent"),
        ROOT.c.full_name.label("customer_name"),
        TERMS.c.name.label("terms_name"),
        TAX_CODES.c.name.label("tax_code_name"),
    )
    batches = _batches(session, joined, columns, (INVOICES.c.number,), include_inactive, tracker)
    for batch in batches:
        yield from (_invoice(row) for row in batch)
        tracker.read(len(batch))


def _batches(
    session: Session,
    joined: Any,
    columns: Sequence[Any],
    order: Sequence[Any],
    include_inactive: bool,
    tracker: Tracker,
) -> Iterator[Sequence[Any]]:
    """The rows of ``joined`` an export covers, counted first (for the progress), then
    read a batch at a time in ``order``."""
    where = shown(NODES, include_inactive=include_inactive)
    total = session.execute(select(func.count()).select_from(joined).where(where)).scalar()
    tracker.start(int(total or 0))
    stmt = (
        select(*columns)
        .select_from(joined)
        .where(where)
        .order_by(*order)
        .execution_options(yield_per=node_reader.BATCH)
    )
    yield from session.execute(stmt).partitions()


def _invoice(row: Any) -> Sequence[Value]:
    is_void = row.status == "void"
    return (
        row.number,
        row.invoice_date,
        row.due_date,
        row.customer_name,
        row.node_name if row.node_parent is not None else None,
        row.terms_name,
        row.tax_code_name,
        row.tax_rate_percent,
        row.memo,
        row.subtotal,
        row.tax,
        row.total,
        row.amount_paid,
        Decimal(0) if is_void else row.total - row.amount_paid,
        row.status,
        row.void_reason,
    )


def payment_rows(
    session: Session, *, include_inactive: bool, tracker: Tracker
) -> Iterator[Sequence[Value]]:
    """Every payment received on the customers and jobs an export covers, void ones too,
    with the invoices each paid (one more select per batch)."""
    joined = (
        PAYMENTS.join(NODES, NODES.c.id == PAYMENTS.c.node_id)
        .join(ROOT, ROOT.c.id == PAYMENTS.c.customer_id)
        .outerjoin(METHODS, METHODS.c.id == PAYMENTS.c.payment_method_id)
    )
    columns = (
        PAYMENTS,
        NODES.c.full_name.label("node_name"),
        NODES.c.parent_id.label("node_parent"),
        ROOT.c.full_name.label("customer_name"),
        METHODS.c.name.label("method_name"),
    )
    order = (PAYMENTS.c.received_on, PAYMENTS.c.id)
    for batch in _batches(session, joined, columns, order, include_inactive, tracker):
        applied = _applications(session, [row.id for row in batch])
        yield from (_payment(row, applied.get(row.id, [])) for row in batch)
        tracker.read(len(batch))


def _applications(session: Session, ids: list[int]) -> dict[int, list[tuple[int, Decimal]]]:
    """(invoice number, amount) of each payment's applications, in the order made."""
    found: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    rows = session.execute(
        select(APPLICATIONS.c.payment_id, INVOICES.c.number, APPLICATIONS.c.amount)
        .join(INVOICES, INVOICES.c.id == APPLICATIONS.c.invoice_id)
        .where(APPLICATIONS.c.payment_id.in_(ids))
        .order_by(APPLICATIONS.c.id)
    )
    for payment_id, number, amount in rows:
        found[payment_id].append((number, amount))
    return found


def _payment(row: Any, applied: list[tuple[int, Decimal]]) -> Sequence[Value]:
    used = sum((amount for _, amount in applied), Decimal(0))
    return (
        row.received_on,
        row.customer_name,
        row.node_name if row.node_parent is not None else None,
        row.amount,
        row.method_name,
        row.reference,
        row.memo,
        used,
        # A void payment's applications stay as history; it is no credit to anyone.
        Decimal(0) if row.is_void else row.amount - used,
        "; ".join(f"{number}: {amount:.2f}" for number, amount in applied) or None,
        bool(row.is_void),
        row.void_reason,
    )
