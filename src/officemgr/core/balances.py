"""How balances are defined, in one place, as set-based SQL.

A node's own ``balance`` is its opening balance plus its non-void invoice totals minus its
non-void payments; ``balance_total`` adds the ``balance_total`` of every child job. The
billing services keep both in step with each write; ``recompute`` rebuilds them after a
bulk load, and ``officemgr check`` compares the stored values with ``expected``.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Connection, Integer, bindparam, func, select, update
from sqlalchemy.sql import ColumnElement

from officemgr.core.models import MAX_DEPTH, CustomerJob, Invoice, Payment, table

_nodes = table(CustomerJob)
_invoices = table(Invoice)
_payments = table(Payment)


def _own_balance_cents() -> ColumnElement[int]:
    """Per node, in integer cents (the stored unit), so sums stay exact in SQL."""
    invoiced = (
        select(func.coalesce(func.sum(_invoices.c.total.cast(Integer)), 0))
        .where(_invoices.c.node_id == _nodes.c.id, _invoices.c.status != "void")
        .scalar_subquery()
    )
    paid = (
        select(func.coalesce(func.sum(_payments.c.amount.cast(Integer)), 0))
        .where(_payments.c.node_id == _nodes.c.id, _payments.c.is_void.is_(False))
        .scalar_subquery()
    )
    # Read the raw integer column: the Money type would turn the expression into a Decimal.
    opening = func.coalesce(_nodes.c.opening_balance.cast(Integer), 0)
    return opening + invoiced - paid


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
