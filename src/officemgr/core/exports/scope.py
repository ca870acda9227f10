"""Which customers and jobs an export covers, and the order it lists them in.

The order comes from names alone (never from ids, which a company that imported the
file gives out anew), so exporting, importing into another company and exporting
again lists everything in the same order: a round trip gives the same file.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Table, and_, exists, func, or_, select, true

from officemgr.core import models as m

__all__ = ["NODES", "shown", "tree_order"]

NODES = m.table(m.CustomerJob)


def tree_order(nodes: Table = NODES) -> ColumnElement[str]:
    """Customer:Job order: each customer, then its jobs and their sub-jobs right under
    it. ":" becomes a character below every other, so "Smith:Boiler" sorts between
    "Smith" and "Smith & Sons" (full-name keys are unique, so this is a total order)."""
    return func.replace(nodes.c.full_name_key, ":", "\x01")


def shown(nodes: Table, *, include_inactive: bool) -> ColumnElement[bool]:
    """The rows of ``nodes`` an export covers: all of them, or only those that are
    active and under no inactive customer or job (a job of an inactive customer is as
    retired as its customer). The ancestors are found among the nodes of the same
    customer, through its index: a few rows each."""
    if include_inactive:
        return true()
    other = NODES.alias("inactive_node")
    key = nodes.c.full_name_key
    retired = exists(
        select(1)
        .select_from(other)
        .where(
            other.c.customer_id == nodes.c.customer_id,
            other.c.is_active.is_(False),
            or_(
                other.c.id == nodes.c.id,
                and_(key > other.c.full_name_key + ":", key < other.c.full_name_key + ";"),
            ),
        )
    )
    return ~retired
