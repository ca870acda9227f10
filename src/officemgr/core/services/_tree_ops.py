"""Tree operations on Customer:Job nodes: rename, move, and the rewrite of descendants.

A rename or a move changes a node's full name, and with it every descendant's; see
``_nodes`` for why one set-based UPDATE over a key range reaches all of them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, func, literal, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.keys import sort_key
from officemgr.core.services._nodes import (
    clean_node_name,
    ensure_name_free,
    flush,
    full_names_under,
    get_node,
    subtree_of,
    taken_message,
)
from officemgr.core.tree_queries import descendants_of
from officemgr.errors import ValidationError

N = m.CustomerJob


def set_own_customer_id(session: Session, node: m.CustomerJob) -> None:
    """A new customer is its own root: set ``customer_id`` without a second version."""
    session.execute(
        update(N)
        .where(N.id == node.id)
        .values(customer_id=node.id, updated_at=node.updated_at)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(node, "customer_id", node.id)


# --------------------------------------------------------------- tree rewrites


def rewrite_descendants(
    session: Session,
    *,
    old_full: str,
    old_key: str,
    new_full: str,
    new_key: str,
    depth_delta: int = 0,
    customer_id: int | None = None,
) -> None:
    """Give every descendant of a renamed or moved node its new full name, in one UPDATE."""
    values: dict[Any, Any] = {
        N.full_name: literal(new_full, String()) + func.substr(N.full_name, len(old_full) + 1),
        N.full_name_key: literal(new_key, String())
        + func.substr(N.full_name_key, len(old_key) + 1),
        N.version: N.version + 1,
    }
    if depth_delta:
        values[N.depth] = N.depth + depth_delta
    if customer_id is not None:
        values[N.customer_id] = customer_id
    session.execute(
        update(N)
        .where(descendants_of(old_key))
        .values(values)
        .execution_options(synchronize_session=False)
    )


def rename(session: Session, node: m.CustomerJob, new_name: Any) -> None:
    """Rename a node; its full name and every descendant's follow."""
    name = clean_node_name(new_name)
    if name == node.name:
        return
    parent = session.get(N, node.parent_id) if node.parent_id is not None else None
    new_full, new_key = full_names_under(parent, name)
    ensure_name_free(session, new_key, message=taken_message(parent), exclude_id=node.id)
    old_full, old_key = node.full_name, node.full_name_key
    node.name = name
    node.full_name = new_full
    node.full_name_key = new_key
    node.sort_key = sort_key(name)
    flush(session, record_id=node.id, what=old_full)
    rewrite_descendants(
        session, old_full=old_full, old_key=old_key, new_full=new_full, new_key=new_key
    )


def move(session: Session, node: m.CustomerJob, new_parent_id: int | None) -> None:
    """Move a node (with its jobs) under another node, or to the top as a customer."""
    if new_parent_id == node.parent_id:
        return
    if node.parent_id is None and node.credit_hold:
        raise ValidationError(
            f"“{node.full_name}” is on credit hold. Release the hold before making it a job "
            "of another customer.",
            field="parent",
        )
    parent: m.CustomerJob | None = None
    if new_parent_id is not None:
        parent = get_node(session, new_parent_id, field="parent")
        if parent.id == node.id or parent.full_name_key.startswith(node.full_name_key + ":"):
            raise ValidationError(
                f"“{node.full_name}” cannot be moved under itself or under one of its own jobs.",
                field="parent",
            )
        new_depth = parent.depth + 1
        new_root = parent.customer_id
        assert new_root is not None
    else:
        new_depth, new_root = 0, node.id
    new_full, new_key = full_names_under(parent, node.name)
    deepest = session.execute(
        select(func.max(N.depth)).where(descendants_of(node.full_name_key))
    ).scalar()
    levels_below = (deepest - node.depth) if deepest is not None else 0
    if new_depth + levels_below >= m.MAX_DEPTH:
        raise ValidationError(
            f"Moving “{node.full_name}” there would put jobs more than {m.MAX_DEPTH} levels "
            "deep; the Customer:Job list has at most five levels.",
            field="parent",
        )
    ensure_name_free(
        session, new_key, message=taken_message(parent), field="parent", exclude_id=node.id
    )

    flush(session, record_id=node.id, what=node.full_name)
    session.refresh(node, ["balance_total"])
    moved_total = node.balance_total
    conn = session.connection()
    balances.add_to_balance(conn, node.id, -moved_total)  # out of the old ancestors' totals

    old_full, old_key, old_depth = node.full_name, node.full_name_key, node.depth
    if new_parent_id is not None:
        node.is_prospect = False  # a job shows its customer's prospect status
        if session.get(m.JobInfo, node.id) is None:
            session.add(m.JobInfo(job_id=node.id, status="None"))
    node.parent_id = new_parent_id
    node.depth = new_depth
    node.customer_id = new_root
    node.full_name = new_full
    node.full_name_key = new_key
    flush(session, record_id=node.id, what=old_full)
    rewrite_descendants(
        session,
        old_full=old_full,
        old_key=old_key,
        new_full=new_full,
        new_key=new_key,
        depth_delta=new_depth - old_depth,
        customer_id=new_root,
    )
    moved_ids = select(N.id).where(subtree_of(node.id, new_key))
    for model in (m.ContactLogEntry, m.Invoice, m.Payment):
        session.execute(
            update(model)
            .where(model.node_id.in_(moved_ids))
            .values(customer_id=new_root)
            .execution_options(synchronize_session=False)
        )
    balances.add_to_balance(conn, node.id, moved_total)  # into the new ancestors' totals
    session.expire_all()
