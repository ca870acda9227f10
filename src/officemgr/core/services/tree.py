"""The Customer:Job list as the tree view reads it: one page of children at a time.

Every function is a read. Rows come from SQLAlchemy Core selects on ``customer_jobs``
(no ORM objects), ordered by ``(sort_key, id)`` so the index
``ix_customer_jobs_parent_sort (parent_id, is_active, sort_key)`` serves the filter and the
order. What a row shows about its neighbours (has children, its customer's credit hold,
pop-up notes) is computed by correlated subqueries in the same select: one query a page,
never one a row.

``show`` picks which nodes are listed:

``"active"``
    active nodes only (the default);
``"inactive"``
    inactive nodes, plus the active nodes that lead to one (so every inactive job can be
    reached);
``"all"``
    every node;
``"prospects"``
    active customers marked as prospects, with their active jobs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import NamedFromClause

from officemgr.core import models as m
from officemgr.core.choices import Show
from officemgr.core.inputs import check_count, check_id, check_show
from officemgr.core.records import DEFAULT_PAGE, TreeCounts, TreeRow
from officemgr.core.services import reads
from officemgr.core.tree_queries import has_popup_notes
from officemgr.errors import NotFoundError

__all__ = [
    "TreeCounts",
    "TreeRow",
    "child_count",
    "children",
    "counts",
    "path_to",
    "position",
]

_ZERO = Decimal("0.00")

_nodes = m.CustomerJob.__table__


def _check_parent(parent_id: Any) -> None:
    if parent_id is not None:
        check_id(parent_id, field="parent_id", label="customer or job")


def _check_node(node_id: Any) -> None:
    check_id(node_id, field="node_id", label="customer or job", message="Choose a customer or job.")


def _root_of(node: NamedFromClause) -> ColumnElement[Any]:
    # A customer's customer_id is its own id; coalesce covers a row written without it.
    return func.coalesce(node.c.customer_id, node.c.id)


def _has_inactive_descendant(node: NamedFromClause) -> ColumnElement[bool]:
    """EXISTS an inactive node anywhere below ``node``.

    Descendants share the node's customer (index ``ix_customer_jobs_customer``), sit deeper
    and have the node's full name followed by ":" as the start of theirs.
    """
    below = _nodes.alias("below")
    prefix = node.c.full_name + ":"
    return exists().where(
        below.c.customer_id == _root_of(node),
        below.c.depth > node.c.depth,
        below.c.is_active == false(),
        func.substr(below.c.full_name, 1, func.length(prefix)) == prefix,
    )


Branch = Callable[[NamedFromClause], ColumnElement[bool]]


def _active(node: NamedFromClause) -> ColumnElement[bool]:
    return node.c.is_active == true()


def _inactive(node: NamedFromClause) -> ColumnElement[bool]:
    return node.c.is_active == false()


def _active_prospect(node: NamedFromClause) -> ColumnElement[bool]:
    return and_(node.c.is_active == true(), node.c.is_prospect == true())


def _active_above_inactive(node: NamedFromClause) -> ColumnElement[bool]:
    return and_(node.c.is_active == true(), _has_inactive_descendant(node))


def _branches(show: Show, *, top_level: bool) -> tuple[Branch, ...]:
    """The nodes listed under ``show``, as conditions on a node (``top_level``: a customer).

    Each branch fixes ``is_active``, so it reads one ``(parent_id, is_active)`` range of the
    index, already in ``sort_key`` order: a page merges at most two index scans, never sorts.
    """
    if show == "all":
        return (_active, _inactive)
    if show == "inactive":
        return (_inactive, _active_above_inactive)
    if show == "prospects" and top_level:
        return (_active_prospect,)
    return (_active,)


def _visible(node: NamedFromClause, show: Show, *, top_level: bool) -> ColumnElement[bool]:
    """Whether ``node`` is listed under ``show``."""
    return or_(*(branch(node) for branch in _branches(show, top_level=top_level)))


def _parent_is(node: NamedFromClause, *, top_level: bool) -> ColumnElement[bool]:
    """The children of the customers' level, or of the ``:parent_id`` bound at execution."""
    if top_level:
        return node.c.parent_id.is_(None)
    return node.c.parent_id == bindparam("parent_id", type_=Integer)


def _params(parent_id: int | None, **more: Any) -> dict[str, Any]:
    return {"parent_id": parent_id, **more} if parent_id is not None else more


def _row_select(node: NamedFromClause, show: Show) -> Select[Any]:
    """The TreeRow columns of ``node``; the caller adds FROM restrictions and the order."""
    root = _nodes.alias("root")
    child = _nodes.alias("child")
    today = bindparam("today", type_=Date)
    if show == "inactive":
        has_children = _has_inactive_descendant(node)
    else:
        has_children = exists().where(
            child.c.parent_id == node.c.id, _visible(child, show, top_level=False)
        )
    has_notes = has_popup_notes(node.c.id, root.c.id, today)
    return select(
        node.c.id,
        node.c.name,
        node.c.full_name,
        node.c.parent_id,
        root.c.id.label("customer_id"),
        node.c.depth,
        node.c.is_active,
        node.c.is_prospect,
        root.c.credit_hold.label("on_credit_hold"),
        has_notes.label("has_popup_notes"),
        has_children.label("has_children"),
        node.c.balance_total,
    ).join_from(node, root, root.c.id == _root_of(node))


def _tree_row(row: Any) -> TreeRow:
    # Positional, in _row_select's column order: this runs once for every row listed.
    node_id, name, full_name, parent_id, customer_id, depth, *flags, balance = row
    active, prospect, hold, notes, kids = (bool(flag) for flag in flags)
    return TreeRow(
        node_id,
        name,
        full_name,
        parent_id,
        customer_id,
        depth,
        active,
        prospect,
        hold,
        notes,
        kids,
        balance if balance is not None else _ZERO,
    )


@reads
def children(
    session: Session,
    *,
    parent_id: int | None,
    show: Show = "active",
    offset: int = 0,
    limit: int = DEFAULT_PAGE,
) -> list[TreeRow]:
    """One page of the children of ``parent_id`` (``None``: the customers), in list order."""
    show = check_show(show)
    _check_parent(parent_id)
    page = "A page needs offset ≥ 0 and limit ≥ 1, whole numbers."
    check_count(offset, field="offset", message=page, low=0)
    check_count(limit, field="limit", message=page)
    rows = session.execute(
        _children_query(show, top_level=parent_id is None),
        _params(parent_id, offset=offset, limit=limit, today=date.today()),
    )
    return [_tree_row(row) for row in rows]


@cache
def _children_query(show: Show, *, top_level: bool) -> Select[Any]:
    """The page query for one show mode and level, built once (aliases are not cheap)."""
    # Pick the page's ids from the index first, then compute the extra columns for those
    # rows only (a LIMIT after the subqueries would evaluate them for every sibling).
    # Each branch reads one index range in sort order; UNION ALL ... ORDER BY merges them.
    scans = []
    for number, branch in enumerate(_branches(show, top_level=top_level)):
        candidate = _nodes.alias(f"candidate{number}")
        scans.append(
            select(candidate.c.id, candidate.c.sort_key).where(
                _parent_is(candidate, top_level=top_level), branch(candidate)
            )
        )
    ordered = scans[0] if len(scans) == 1 else union_all(*scans)
    page = (
        ordered.order_by(ordered.selected_columns.sort_key, ordered.selected_columns.id)
        .offset(bindparam("offset", type_=Integer))
        .limit(bindparam("limit", type_=Integer))
        .subquery("page")
    )
    node = _nodes.alias("node")
    return (
        _row_select(node, show)
        .join(page, page.c.id == node.c.id)
        .order_by(page.c.sort_key, page.c.id)
    )


@reads
def child_count(session: Session, *, parent_id: int | None, show: Show = "active") -> int:
    """How many children of ``parent_id`` (``None``: customers) are listed under ``show``."""
    show = check_show(show)
    _check_parent(parent_id)
    node = _nodes.alias("node")
    query = (
        select(func.count())
        .select_from(node)
        .where(
            _parent_is(node, top_level=parent_id is None),
            _visible(node, show, top_level=parent_id is None),
        )
    )
    return int(session.execute(query, _params(parent_id)).scalar_one())


@reads
def counts(session: Session) -> TreeCounts:
    """Customers, jobs, inactive ones, prospects and credit holds, in one query."""
    n = _nodes.alias("node")
    is_customer = n.c.parent_id.is_(None)
    is_job = n.c.parent_id.is_not(None)
    active = n.c.is_active == true()
    inactive = n.c.is_active == false()

    def count_where(*conditions: ColumnElement[bool]) -> Any:
        return func.count(case((and_(*conditions), 1)))

    row = session.execute(
        select(
            count_where(is_customer).label("customers"),
            count_where(is_job).label("jobs"),
            count_where(is_customer, active).label("active_customers"),
            count_where(is_customer, inactive).label("inactive_customers"),
            count_where(is_job, inactive).label("inactive_jobs"),
            count_where(is_customer, active, n.c.is_prospect == true()).label("prospects"),
            count_where(is_customer, n.c.credit_hold == true()).label("on_hold"),
        ).select_from(n)
    ).one()
    return TreeCounts(**{key: int(value or 0) for key, value in row._mapping.items()})


@reads
def path_to(session: Session, node_id: int) -> list[int]:
    """The ids from the customer down to ``node_id`` (root first, ``node_id`` last)."""
    _check_node(node_id)
    ids = list(session.execute(_path_query(), {"node_id": node_id}).scalars())
    if not ids:
        raise NotFoundError(f"There is no customer or job with id {node_id}.")
    return ids


# The statements below are built once: aliasing the wide customer_jobs table costs more
# than running the query (a few milliseconds on every selection otherwise).


@cache
def _path_query() -> Select[Any]:
    start = _nodes.alias("start")
    step = _nodes.alias("step")
    chain = (
        select(start.c.id, start.c.parent_id, start.c.depth)
        .where(start.c.id == bindparam("node_id", type_=Integer))
        .cte("chain", recursive=True)
    )
    chain = chain.union_all(
        select(step.c.id, step.c.parent_id, step.c.depth).where(step.c.id == chain.c.parent_id)
    )
    return select(chain.c.id).order_by(chain.c.depth)


@cache
def _listed_query(show: Show) -> Select[Any]:
    """A node's parent, sort key and whether ``show`` lists it (as a customer, as a job)."""
    node = _nodes.alias("node")
    return select(
        node.c.parent_id,
        node.c.sort_key,
        _visible(node, show, top_level=True).label("as_customer"),
        _visible(node, show, top_level=False).label("as_job"),
    ).where(node.c.id == bindparam("node_id", type_=Integer))


@cache
def _before_queries(show: Show, *, top_level: bool) -> tuple[Select[Any], Select[Any]]:
    """Listed siblings sorting before a node: two counts, each one index range
    ("sort_key < k OR (sort_key = k AND id < n)" as one condition made SQLite walk every
    sibling's index entry)."""
    sibling = _nodes.alias("sibling")
    key = bindparam("sort_key", type_=String)
    conditions = (
        sibling.c.sort_key < key,
        and_(sibling.c.sort_key == key, sibling.c.id < bindparam("node_id", type_=Integer)),
    )
    counts = tuple(
        select(func.count())
        .select_from(sibling)
        .where(
            _parent_is(sibling, top_level=top_level),
            _visible(sibling, show, top_level=top_level),
            before,
        )
        for before in conditions
    )
    return counts[0], counts[1]


@reads
def position(session: Session, *, node_id: int, show: Show = "active") -> int | None:
    """The row of ``node_id`` among its listed siblings, or None when ``show`` hides it."""
    show = check_show(show)
    _check_node(node_id)
    found = session.execute(_listed_query(show), {"node_id": node_id}).one_or_none()
    if found is None:
        raise NotFoundError(f"There is no customer or job with id {node_id}.")
    top_level = found.parent_id is None
    if not (found.as_customer if top_level else found.as_job):
        return None
    params = _params(found.parent_id, sort_key=found.sort_key, node_id=node_id)
    return sum(
        int(session.execute(query, params).scalar_one())
        for query in _before_queries(show, top_level=top_level)
    )
