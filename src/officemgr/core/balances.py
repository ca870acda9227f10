"""How balances are defined, in one place, as set-based SQL.

A node's own ``balance`` is its opening balance, plus the totals of its non-void invoices,
minus what non-void payments applied to those invoices, minus the unapplied remainder of the
non-void payments received on the node (``payments.node_id``). So when one payment pays
invoices of several jobs, each job's balance drops by what was applied to it, and credit
nobody has used yet stays where it was received. ``balance_total`` adds the
``balance_total`` of every child job. The billing services keep both in step with each
write; ``recompute`` rebuilds them after a bulk load, and ``officemgr check`` compares the
stored values with ``expected``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Integer, bindparam, func, select, update
from sqlalchemy.sql import ColumnElement

from officemgr.core.models import (
    MAX_DEPTH,
    CustomerJob,
    Invoice,
    Payment,
    PaymentApplication,
    table,
)

_nodes = table(CustomerJob)
_invoices = table(Invoice)
_payments = table(Payment)
_applications = table(PaymentApplication)


def _cents(column: ColumnElement[Any]) -> ColumnElement[int]:
    """The raw integer cents of a Money column: the Money type would make it a Decimal."""
    return func.coalesce(func.sum(column.cast(Integer)), 0)


def _own_balance_cents() -> ColumnElement[int]:
    """Per node, in integer cents (the stored unit), so sums stay exact in SQL."""
    live_payment = _payments.c.is_void.is_(False)
    invoiced = (
        select(_cents(_invoices.c.total))
        .where(_invoices.c.node_id == _nodes.c.id, _invoices.c.status != "void")
        .scalar_subquery()
    )
    applied_here = (
        select(_cents(_applications.c.amount))
        .select_from(
            _applications.join(_invoices, _invoices.c.id == _applications.c.invoice_id).join(
                _payments, _payments.c.id == _applications.c.payment_id
            )
        )
        .where(_invoices.c.node_id == _nodes.c.id, live_payment)
        .scalar_subquery()
    )
    received_here = (
        select(_cents(_payments.c.amount))
        .where(_payments.c.node_id == _nodes.c.id, live_payment)
        .scalar_subquery()
    )
    applied_from_here = (
        select(_cents(_applications.c.amount))
        .select_from(_applications.join(_payments, _payments.c.id == _applications.c.payment_id))
        .where(_payments.c.node_id == _nodes.c.id, live_payment)
        .scalar_subquery()
    )
    unapplied_here = received_here - applied_from_here
    opening = func.coalesce(_nodes.c.opening_balance.cast(Integer), 0)
    return opening + invoiced - applied_here - unapplied_here


def expected(conn: Connection) -> dict[int, tuple[Decimal, Decimal]]:
    """Every node's (balance, balance_total) as the definition above computes them."""
    own = {
        node_id: int(cents)
        for node_id, cents in conn.execute(select(_nodes.c.id, _own_balance_cents()))
    }
    parents = dict(conn.execute(select(_nodes.c.id, _nodes.c.parent_id)).all())
    depths = dict(conn.execute(select(_nodes.c.id, _nodes.c.depth)).all())
    totals = dict(own)
    for node_id in sorted(own, key=lambda n: -depths[n]):  # deepest first
        parent = parents[node_id]
        if parent is not None and parent in totals:
            totals[parent] += totals[node_id]
    cents = Decimal("0.01")
    return {n: (Decimal(own[n]) * cents, Decimal(totals[n]) * cents) for n in own}


def recompute(conn: Connection) -> None:
    """Rewrite every stored balance from the invoices and payments (after a bulk load)."""
    # Keep updated_at: a recomputed balance is not a change someone made to the record.
    unchanged = {"updated_at": _nodes.c.updated_at}
    conn.execute(update(_nodes).values(balance=_own_balance_cents(), balance_total=0, **unchanged))
    conn.execute(
        update(_nodes).where(_nodes.c.depth == MAX_DEPTH - 1).values(balance_total=_nodes.c.balance)
    )
    child = _nodes.alias("child")
    for depth in range(MAX_DEPTH - 2, -1, -1):
        children_total = (
            select(func.coalesce(func.sum(child.c.balance_total.cast(Integer)), 0))
            .where(child.c.parent_id == _nodes.c.id)
            .scalar_subquery()
        )
        conn.execute(
            update(_nodes)
            .where(_nodes.c.depth == depth)
            .values(balance_total=_nodes.c.balance.cast(Integer) + children_total, **unchanged)
        )


def add_to_balance(conn: Connection, node_id: int, delta: Decimal) -> None:
    """Move a node's balance by ``delta`` and every ancestor's total with it."""
    cents = int((delta * 100).to_integral_value())
    if cents == 0:
        return
    ancestors = _ancestor_ids(conn, node_id)
    conn.execute(
        update(_nodes)
        .where(_nodes.c.id == node_id)
        .values(balance=_nodes.c.balance.cast(Integer) + cents)
    )
    conn.execute(
        update(_nodes)
        .where(_nodes.c.id.in_(bindparam("ids", expanding=True)))
        .values(balance_total=_nodes.c.balance_total.cast(Integer) + cents),
        {"ids": [node_id, *ancestors]},
    )


def _ancestor_ids(conn: Connection, node_id: int) -> list[int]:
    ids: list[int] = []
    current: int | None = conn.execute(
        select(_nodes.c.parent_id).where(_nodes.c.id == node_id)
    ).scalar_one()
    while current is not None:
        ids.append(current)
        current = conn.execute(
            select(_nodes.c.parent_id).where(_nodes.c.id == current)
        ).scalar_one()
    return ids
