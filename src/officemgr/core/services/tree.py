"""The Customer:Job list as the tree view reads it: one page of children at a time.

Pages are read by key (keyset pagination): `children_after` and `children_before` a
`TreeKey` ``(sort_key, id)``, and `children_around` one, each a single range of the index
whatever the page's place in the list (an OFFSET walks every row above the page). The
`children` page by offset and `position` stay for callers that count rows.

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
from officemgr.core.inputs import MAX_ID, check_count, check_id, check_show
from officemgr.core.records import DEFAULT_PAGE, TreeCounts, TreeKey, TreePlace, TreeRow
from officemgr.core.services import reads
from officemgr.core.tree_queries import has_popup_notes
from officemgr.errors import NotFoundError, ValidationError

__all__ = [
    "TreeCounts",
    "TreeKey",
    "TreePlace",
    "TreeRow",
    "child_count",
    "children",
    "children_after",
    "children_around",
    "children_before",
    "count_between",
    "counts",
    "locate",
    "path_to",
    "position",
]

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
        node.c.sort_key,
    ).join_from(node, root, root.c.id == _root_of(node))


def _tree_row(row: Any) -> TreeRow:
    # Positional, in _row_select's column order: this runs once for every row listed.
    return TreeRow.of_columns(row)


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


# -- pages by key ---------------------------------------------------------------------
#
# A key bounds one index range: "sort_key >= k" (or "<= k") is what SQLite seeks to, and
# "sort_key != k OR id > n" only skips the few rows that share the key's sort_key (one OR
# condition on both columns made SQLite walk every sibling's index entry instead).

_BOUNDS = ("after", "from", "before")  # > key, >= key, < key


def _check_key(key: Any, *, field: str) -> TreeKey:
    """``key`` as a `TreeKey`: a ``(sort_key, id)`` pair, as a row's ``key`` gives it."""
    try:
        sort_key, node_id = key
    except (TypeError, ValueError):
        sort_key = node_id = None
    whole = isinstance(node_id, int) and not isinstance(node_id, bool)
    if not isinstance(sort_key, str) or not whole or not 0 <= node_id <= MAX_ID:
        raise ValidationError(
            "A place in the list is a row's key: its sort key and id, as the list gave them.",
            field=field,
        )
    return TreeKey(sort_key, node_id)


def _check_limit(limit: Any, *, field: str = "limit") -> int:
    return check_count(limit, field=field, message="A page needs a limit ≥ 1, a whole number.")


def _bound(node: NamedFromClause, bound: str) -> ColumnElement[bool]:
    """``node`` sorts after (``"after"``), at or after (``"from"``) the ``low_*`` key, or
    before (``"before"``) the ``high_*`` key."""
    side = "high" if bound == "before" else "low"
    key = bindparam(f"{side}_key", type_=String)
    node_id = bindparam(f"{side}_id", type_=Integer)
    if bound == "before":
        return and_(node.c.sort_key <= key, or_(node.c.sort_key != key, node.c.id < node_id))
    beyond = node.c.id > node_id if bound == "after" else node.c.id >= node_id
    return and_(node.c.sort_key >= key, or_(node.c.sort_key != key, beyond))


def _key_params(*, low: TreeKey | None = None, high: TreeKey | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if low is not None:
        params.update(low_key=low.sort_key, low_id=low.id)
    if high is not None:
        params.update(high_key=high.sort_key, high_id=high.id)
    return params


def _scans(show: Show, *, top_level: bool, bounds: tuple[str, ...], name: str) -> Any:
    """The ids and sort keys of the listed children within ``bounds``: one index range
    for each branch of ``show`` (UNION ALL of them when there are two)."""
    scans = []
    for number, branch in enumerate(_branches(show, top_level=top_level)):
        candidate = _nodes.alias(f"{name}{number}")
        scans.append(
            select(candidate.c.id, candidate.c.sort_key).where(
                _parent_is(candidate, top_level=top_level),
                branch(candidate),
                *(_bound(candidate, bound) for bound in bounds),
            )
        )
    return scans[0] if len(scans) == 1 else union_all(*scans)


def _keyed_page(show: Show, *, top_level: bool, bound: str | None, limit: str, name: str) -> Any:
    """The first ``:limit`` ids beyond the bound, nearest first (a ``"before"`` page is
    read backwards from its key)."""
    ordered = _scans(show, top_level=top_level, bounds=(bound,) if bound else (), name=name)
    columns = ordered.selected_columns
    if bound == "before":
        order = (columns.sort_key.desc(), columns.id.desc())
    else:
        order = (columns.sort_key, columns.id)
    return ordered.order_by(*order).limit(bindparam(limit, type_=Integer)).subquery(name)


def _rows_of(page: Any, show: Show) -> Select[Any]:
    """The TreeRows of the ids in ``page``, in list order."""
    node = _nodes.alias("node")
    return (
        _row_select(node, show)
        .join(page, page.c.id == node.c.id)
        .order_by(page.c.sort_key, page.c.id)
    )


@cache
def _keyed_query(show: Show, *, top_level: bool, bound: str | None) -> Select[Any]:
    page = _keyed_page(show, top_level=top_level, bound=bound, limit="limit", name="page")
    return _rows_of(page, show)


@cache
def _around_query(show: Show, *, top_level: bool) -> Select[Any]:
    before = _keyed_page(show, top_level=top_level, bound="before", limit="before", name="above")
    onward = _keyed_page(show, top_level=top_level, bound="from", limit="after", name="onward")
    page = union_all(
        select(before.c.id, before.c.sort_key), select(onward.c.id, onward.c.sort_key)
    ).subquery("page")
    return _rows_of(page, show)


def _read_rows(
    session: Session, query: Select[Any], parent_id: int | None, **params: Any
) -> list[TreeRow]:
    rows = session.execute(query, _params(parent_id, today=date.today(), **params))
    return [_tree_row(row) for row in rows]


@reads
def children_after(
    session: Session,
    *,
    parent_id: int | None,
    show: Show = "active",
    after: TreeKey | tuple[str, int] | None = None,
    limit: int = DEFAULT_PAGE,
) -> list[TreeRow]:
    """The ``limit`` children of ``parent_id`` (``None``: the customers) listed right after
    the row with key ``after`` (``None``: from the first), in list order.

    ``after`` need not be a row of the list any more (renamed, deleted): the page starts
    where that key would sort.
    """
    show = check_show(show)
    _check_parent(parent_id)
    limit = _check_limit(limit)
    top_level = parent_id is None
    if after is None:
        return _read_rows(
            session, _keyed_query(show, top_level=top_level, bound=None), parent_id, limit=limit
        )
    key = _check_key(after, field="after")
    query = _keyed_query(show, top_level=top_level, bound="after")
    return _read_rows(session, query, parent_id, limit=limit, **_key_params(low=key))


@reads
def children_before(
    session: Session,
    *,
    parent_id: int | None,
    show: Show = "active",
    before: TreeKey | tuple[str, int],
    limit: int = DEFAULT_PAGE,
) -> list[TreeRow]:
    """The ``limit`` children of ``parent_id`` listed right before the row with key
    ``before`` (the nearest ones), in list order; fewer when the list starts sooner."""
    show = check_show(show)
    _check_parent(parent_id)
    limit = _check_limit(limit)
    key = _check_key(before, field="before")
    query = _keyed_query(show, top_level=parent_id is None, bound="before")
    return _read_rows(session, query, parent_id, limit=limit, **_key_params(high=key))


@reads
def children_around(
    session: Session,
    *,
    parent_id: int | None,
    show: Show = "active",
    key: TreeKey | tuple[str, int],
    before: int = DEFAULT_PAGE // 2,
    after: int = DEFAULT_PAGE // 2,
) -> list[TreeRow]:
    """A page of the children of ``parent_id`` around ``key``, in list order: the
    ``before`` rows listed before it and the ``after`` rows from it on (the row with that
    key first, when listed). One query, whatever the key's place in the list."""
    show = check_show(show)
    _check_parent(parent_id)
    key = _check_key(key, field="key")
    check_count(before, field="before", message="Rows before a key: a whole number ≥ 0.", low=0)
    after = _check_limit(after, field="after")
    query = _around_query(show, top_level=parent_id is None)
    params = _key_params(low=key, high=key)
    return _read_rows(session, query, parent_id, before=before, after=after, **params)


@cache
def _between_query(show: Show, *, top_level: bool, from_start: bool) -> Select[Any]:
    bounds = ("before",) if from_start else ("from", "before")
    scans = _scans(show, top_level=top_level, bounds=bounds, name="counted")
    capped = scans.limit(bindparam("most", type_=Integer)).subquery("capped")
    return select(func.count()).select_from(capped)


@reads
def count_between(
    session: Session,
    *,
    parent_id: int | None,
    show: Show = "active",
    low: TreeKey | tuple[str, int] | None,
    high: TreeKey | tuple[str, int],
    most: int,
) -> int:
    """How many children of ``parent_id`` are listed from key ``low`` (``None``: the first
    child) up to, not including, key ``high`` — counting no further than ``most``, so that
    "is it near?" costs at most ``most`` index steps however long the list."""
    show = check_show(show)
    _check_parent(parent_id)
    most = _check_limit(most, field="most")
    high = _check_key(high, field="high")
    low = None if low is None else _check_key(low, field="low")
    query = _between_query(show, top_level=parent_id is None, from_start=low is None)
    params = _params(parent_id, most=most, **_key_params(low=low, high=high))
    return int(session.execute(query, params).scalar_one())


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


@reads
def locate(session: Session, *, node_id: int, show: Show = "active") -> list[TreePlace]:
    """The path to ``node_id`` (customer first), each step with its key among its siblings
    and whether ``show`` lists it: what a list needs to open the node, in one query."""
    show = check_show(show)
    _check_node(node_id)
    rows = session.execute(_locate_query(show), {"node_id": node_id}).all()
    if not rows:
        raise NotFoundError(f"There is no customer or job with id {node_id}.")
    return [TreePlace(row[0], row[1], row[2], bool(row[3])) for row in rows]


# The statements below are built once: aliasing the wide customer_jobs table costs more
# than running the query (a few milliseconds on every selection otherwise).


@cache
def _path_query() -> Select[Any]:
    chain = _path_chain()
    return select(chain.c.id).order_by(chain.c.depth)


@cache
def _path_chain() -> Any:
    """The ids, parents and depths from ``:node_id`` up to its customer (a recursive CTE)."""
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
    return chain


@cache
def _locate_query(show: Show) -> Select[Any]:
    chain = _path_chain()
    node = _nodes.alias("node")
    listed = case(
        (node.c.parent_id.is_(None), _visible(node, show, top_level=True)),
        else_=_visible(node, show, top_level=False),
    )
    return (
        select(node.c.id, node.c.parent_id, node.c.sort_key, listed)
        .join_from(chain, node, node.c.id == chain.c.id)
        .order_by(chain.c.depth)
    )


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
