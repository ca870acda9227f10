"""What a customer or job owes, as of a date: the one definition every money figure uses.

As of the end of day D (the office's local day), a customer or job owes

  its **opening balance**, when dated on or before D,
+ the totals of its **invoices** dated on or before D and not void by the end of D,
− what **payments** received on or before D (and not void by then) applied to those
  invoices,
− the **unapplied** rest of such payments received on the customer or job itself.

So a payment received after D does not pay an invoice as of D, an invoice voided after D
was still owed on D, and credit that nobody has used stays where it was received (a job's
balance drops only by what was applied to its own invoices). With no date (``as_of=None``)
every record counts as it stands now, future-dated ones included: the stored
``balance`` / ``balance_total`` of each node are this figure, kept in step by the billing
services (``add_to_balance``), rebuilt by ``recompute`` and checked by Verify Data against
``expected``. The account page, the tree's balance column, Open Balances by Customer, the
invoice PDF and Verify Data all read it from here (`owed`, `owed_by_node`, `open_items`).

`open_items` lists what makes up the figure, one row each: open invoices, opening
balances and unapplied payments. Their sum is `owed` for the same date and scope, which a
property test holds to the cent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Select,
    and_,
    bindparam,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.sql import ColumnElement, FromClause
from sqlalchemy.sql.elements import BindParameter

from officemgr.core.keys import descendant_range
from officemgr.core.models import (
    CustomerJob,
    Invoice,
    Payment,
    PaymentApplication,
    Terms,
    table,
)

NODES = table(CustomerJob)
INVOICES = table(Invoice)
PAYMENTS = table(Payment)
APPLICATIONS = table(PaymentApplication)
TERMS = table(Terms)
CENT = Decimal("0.01")

INVOICE = "invoice"
OPENING = "opening"
CREDIT = "credit"


def cents(value: int) -> Decimal:
    return Decimal(int(value)) * CENT


def _raw(column: ColumnElement[Any]) -> ColumnElement[int]:
    """The integer cents of a Money column (the Money type would make it a Decimal)."""
    return column.cast(BigInteger)  # 64-bit, as stored: INTEGER is 32-bit on a server


def _sum(column: ColumnElement[Any]) -> ColumnElement[int]:
    return func.coalesce(func.sum(_raw(column)), 0)


# ------------------------------------------------------------------ what counts


def day_end(as_of: date) -> datetime | None:
    """The instant the office's local day ``as_of`` ends; None past the calendar's end."""
    try:
        return datetime.combine(as_of + timedelta(days=1), time()).astimezone()
    except OverflowError:
        return None


def _not_void_by(is_void: ColumnElement[bool], voided_at: Any, as_of: date) -> Any:
    end = day_end(as_of)
    return is_void if end is None else or_(is_void, voided_at >= end)


def invoice_counts(as_of: date | None, table: FromClause = INVOICES) -> ColumnElement[bool]:
    """An invoice counts as of ``as_of``: dated by then and not void by its end."""
    live = table.c.status != "void"
    if as_of is None:
        return live
    return and_(table.c.invoice_date <= as_of, _not_void_by(live, table.c.voided_at, as_of))


def payment_counts(as_of: date | None, table: FromClause = PAYMENTS) -> ColumnElement[bool]:
    """A payment counts as of ``as_of``: received by then and not void by its end."""
    live = table.c.is_void.is_(False)
    if as_of is None:
        return live
    return and_(table.c.received_on <= as_of, _not_void_by(live, table.c.voided_at, as_of))


def opening_counts(as_of: date | None, node: FromClause = NODES) -> ColumnElement[bool]:
    """An opening balance counts from its date (one without a date, always)."""
    has_one = _raw(node.c.opening_balance) != 0
    if as_of is None:
        return has_one
    dated = or_(node.c.opening_balance_date.is_(None), node.c.opening_balance_date <= as_of)
    return and_(has_one, dated)


def _counted_applications(as_of: date | None) -> FromClause:
    """Applications whose payment and invoice both count as of ``as_of``."""
    return APPLICATIONS.join(
        PAYMENTS, and_(PAYMENTS.c.id == APPLICATIONS.c.payment_id, payment_counts(as_of))
    ).join(INVOICES, and_(INVOICES.c.id == APPLICATIONS.c.invoice_id, invoice_counts(as_of)))


# ------------------------------------------------------------------------ scope


@dataclass(frozen=True)
class Scope:
    """Whose money is counted: whole customers (with all their jobs) and jobs (with their
    sub-jobs). Empty: the whole company."""

    customers: tuple[int, ...] = ()
    jobs: tuple[tuple[int, str], ...] = ()  # (id, full_name_key)

    @classmethod
    def of_node(cls, node_id: int, parent_id: int | None, full_name_key: str) -> Scope:
        if parent_id is None:
            return cls(customers=(node_id,))
        return cls(jobs=((node_id, full_name_key),))

    @property
    def everything(self) -> bool:
        return not self.customers and not self.jobs

    def nodes(self, node: FromClause = NODES) -> ColumnElement[bool] | None:
        """The nodes in scope, as a condition on a customer_jobs table."""
        return self._where(node.c.id, node.c.customer_id)

    def rows(self, node_id: Any, customer_id: Any) -> ColumnElement[bool] | None:
        """Invoices or payments in scope, by their node and customer columns."""
        return self._where(node_id, customer_id)

    def _where(self, node_id: Any, customer_id: Any) -> ColumnElement[bool] | None:
        if self.everything:
            return None
        picks: list[ColumnElement[bool]] = []
        if self.customers:
            # Inlined: thousands of chosen customers must not run out of SQL parameters.
            chosen: BindParameter[list[int]] = bindparam(
                "scope_customers", list(self.customers), expanding=True, literal_execute=True
            )
            picks.append(customer_id.in_(chosen))
        if self.jobs:
            below = []
            for job_id, key in self.jobs:
                low, high = descendant_range(key)
                key_column = NODES.c.full_name_key
                below.append(or_(NODES.c.id == job_id, and_(key_column >= low, key_column < high)))
            picks.append(node_id.in_(select(NODES.c.id).where(or_(*below))))
        return or_(*picks)


def _where(stmt: Select[Any], *conditions: ColumnElement[bool] | None) -> Select[Any]:
    for condition in conditions:
        if condition is not None:
            stmt = stmt.where(condition)
    return stmt


# ---------------------------------------------------------------------- figures


def owed_by_node(
    conn: Connection, as_of: date | None = None, scope: Scope | None = None
) -> dict[int, int]:
    """Each node's own balance in integer cents as of ``as_of`` (nodes owing nothing may be
    left out), for the nodes in ``scope`` (None: every node)."""
    scope = scope or Scope()
    counted = _counted_applications(as_of)
    parts: list[tuple[int, Select[Any]]] = [
        (
            1,
            _where(
                select(NODES.c.id, _raw(NODES.c.opening_balance)),
                opening_counts(as_of),
                scope.nodes(),
            ),
        ),
        (
            1,
            _where(
                select(INVOICES.c.node_id, _sum(INVOICES.c.total)),
                invoice_counts(as_of),
                scope.rows(INVOICES.c.node_id, INVOICES.c.customer_id),
            ).group_by(INVOICES.c.node_id),
        ),
        (
            -1,
            _where(
                select(INVOICES.c.node_id, _sum(APPLICATIONS.c.amount)).select_from(counted),
                scope.rows(INVOICES.c.node_id, INVOICES.c.customer_id),
            ).group_by(INVOICES.c.node_id),
        ),
        (
            -1,
            _where(
                select(PAYMENTS.c.node_id, _sum(PAYMENTS.c.amount)),
                payment_counts(as_of),
                scope.rows(PAYMENTS.c.node_id, PAYMENTS.c.customer_id),
            ).group_by(PAYMENTS.c.node_id),
        ),
        (
            1,
            _where(
                select(PAYMENTS.c.node_id, _sum(APPLICATIONS.c.amount)).select_from(counted),
                scope.rows(PAYMENTS.c.node_id, PAYMENTS.c.customer_id),
            ).group_by(PAYMENTS.c.node_id),
        ),
    ]
    owed: dict[int, int] = {}
    for sign, stmt in parts:
        for node_id, amount in conn.execute(stmt):
            owed[node_id] = owed.get(node_id, 0) + sign * int(amount)
    return owed


def owed(conn: Connection, as_of: date | None = None, scope: Scope | None = None) -> Decimal:
    """What the nodes in ``scope`` owe together as of ``as_of`` (None: as recorded now)."""
    return cents(sum(owed_by_node(conn, as_of, scope).values()))


def expected(conn: Connection) -> dict[int, tuple[Decimal, Decimal]]:
    """Every node's (balance, balance_total) as the definition computes them now."""
    own = owed_by_node(conn)
    parents = dict(conn.execute(select(NODES.c.id, NODES.c.parent_id)).all())
    depths = dict(conn.execute(select(NODES.c.id, NODES.c.depth)).all())
    own = {node_id: own.get(node_id, 0) for node_id in parents}
    totals = dict(own)
    for node_id in sorted(own, key=lambda n: -depths[n]):  # deepest first
        parent = parents[node_id]
        if parent is not None and parent in totals:
            totals[parent] += totals[node_id]
    return {n: (cents(own[n]), cents(totals[n])) for n in own}


def recompute(conn: Connection) -> None:
    """Rewrite the stored balances that differ from `expected` (after a bulk load or in a
    repair)."""
    wanted = expected(conn)
    stored = {
        row.id: (row.balance, row.balance_total)
        for row in conn.execute(select(NODES.c.id, NODES.c.balance, NODES.c.balance_total))
    }
    changes = [
        {"node": node_id, "own": own, "total": total}
        for node_id, (own, total) in wanted.items()
        if stored.get(node_id) != (own, total)
    ]
    if not changes:
        return
    # Keep updated_at: a recomputed balance is not a change someone made to the record.
    conn.execute(
        update(NODES)
        .where(NODES.c.id == bindparam("node"))
        .values(
            balance=bindparam("own", type_=NODES.c.balance.type),
            balance_total=bindparam("total", type_=NODES.c.balance_total.type),
            updated_at=NODES.c.updated_at,
        ),
        changes,
    )


def invoice_open_amounts(
    conn: Connection, invoice_ids: Sequence[int], as_of: date | None = None
) -> dict[int, Decimal]:
    """What is still owed on each invoice as of ``as_of`` (0 for one that does not count)."""
    open_cents = _invoice_open_cents(as_of, INVOICES)
    stmt = select(INVOICES.c.id, invoice_counts(as_of), open_cents).where(
        INVOICES.c.id.in_(list(invoice_ids))
    )
    return {
        invoice_id: cents(amount) if counts else Decimal(0)
        for invoice_id, counts, amount in conn.execute(stmt)
    }


# -------------------------------------------------------------------- open items


@dataclass(frozen=True)
class OpenItem:
    """One part of what a customer owes as of a date: an open invoice, an opening balance
    or the unapplied credit of a payment (a negative amount)."""

    kind: str  # INVOICE, OPENING or CREDIT
    customer_id: int
    customer_name: str
    node_id: int
    node_full_name: str
    number: int | None  # the invoice's
    reference: str | None  # the payment's (check number, …)
    day: date | None  # invoice date, opening balance date, date received
    due_date: date | None  # invoices, and opening balances by their terms
    amount: Decimal

    @property
    def is_job(self) -> bool:
        return self.node_id != self.customer_id

    def days_past_due(self, as_of: date) -> int:
        return 0 if self.due_date is None else (as_of - self.due_date).days


def _applied(as_of: date | None, *, to: FromClause) -> ColumnElement[int]:
    """What was applied to the invoice ``to`` (from payments that count as of ``as_of``)
    or from the payment ``to`` (to invoices that count), in cents, for a correlated row."""
    if to is PAYMENTS:
        other, other_id, own_id, counts = INVOICES, "invoice_id", "payment_id", invoice_counts
    else:
        other, other_id, own_id, counts = PAYMENTS, "payment_id", "invoice_id", payment_counts
    return (
        select(_sum(APPLICATIONS.c.amount))
        .select_from(
            APPLICATIONS.join(other, and_(other.c.id == APPLICATIONS.c[other_id], counts(as_of)))
        )
        .where(APPLICATIONS.c[own_id] == to.c.id)
        .scalar_subquery()
    )


def _invoice_open_cents(as_of: date | None, inv: FromClause) -> ColumnElement[int]:
    return _raw(inv.c.total) - _applied(as_of, to=inv)


def _invoice_items(as_of: date | None, scope: Scope) -> Select[Any]:
    inv = INVOICES
    open_cents = _invoice_open_cents(as_of, inv)
    if as_of is None:
        candidates = inv.c.status == "open"
    else:
        # Open as of a past day: open now, void only later, or paid by a later payment; or
        # paid twice that day by a payment voided only later (open below zero: a credit).
        end = day_end(as_of)
        later = PAYMENTS.c.received_on > as_of
        if end is not None:
            later = or_(later, and_(PAYMENTS.c.is_void.is_(True), PAYMENTS.c.voided_at >= end))
        touched_later = (
            select(APPLICATIONS.c.invoice_id)
            .join(PAYMENTS, PAYMENTS.c.id == APPLICATIONS.c.payment_id)
            .where(later)
        )
        candidates = or_(inv.c.status.in_(("open", "void")), inv.c.id.in_(touched_later))
    stmt = select(
        literal(INVOICE).label("kind"),
        inv.c.node_id,
        inv.c.customer_id,
        inv.c.number,
        null().label("reference"),
        inv.c.invoice_date.label("day"),
        inv.c.due_date,
        null().label("net_days"),
        open_cents.label("cents"),
    )
    return _where(
        stmt,
        candidates,
        invoice_counts(as_of, inv),
        scope.rows(inv.c.node_id, inv.c.customer_id),
        open_cents != 0,  # below zero only when over-applied as of a past day
    )


def _opening_items(as_of: date | None, scope: Scope) -> Select[Any]:
    node = NODES.alias("opening_node")
    customer = NODES.alias("opening_customer")
    node_terms = TERMS.alias("node_terms")
    customer_terms = TERMS.alias("customer_terms")
    stmt = select(
        literal(OPENING).label("kind"),
        node.c.id.label("node_id"),
        node.c.customer_id,
        null().label("number"),
        null().label("reference"),
        node.c.opening_balance_date.label("day"),
        null().label("due_date"),
        # Aged by the job's own terms, else its customer's.
        func.coalesce(node_terms.c.net_days, customer_terms.c.net_days, 0).label("net_days"),
        _raw(node.c.opening_balance).label("cents"),
    ).select_from(
        node.join(customer, customer.c.id == node.c.customer_id)
        .outerjoin(node_terms, node_terms.c.id == node.c.terms_id)
        .outerjoin(customer_terms, customer_terms.c.id == customer.c.terms_id)
    )
    return _where(stmt, opening_counts(as_of, node), scope.nodes(node))


def _credit_items(as_of: date | None, scope: Scope) -> Select[Any]:
    pay = PAYMENTS
    unapplied = _raw(pay.c.amount) - _applied(as_of, to=pay)
    stmt = select(
        literal(CREDIT).label("kind"),
        pay.c.node_id,
        pay.c.customer_id,
        null().label("number"),
        pay.c.reference,
        pay.c.received_on.label("day"),
        null().label("due_date"),
        null().label("net_days"),
        (-unapplied).label("cents"),
    )
    return _where(
        stmt,
        payment_counts(as_of, pay),
        scope.rows(pay.c.node_id, pay.c.customer_id),
        unapplied > 0,
    )


_KIND_ORDER = {OPENING: 0, INVOICE: 1, CREDIT: 2}


def open_items(
    conn: Connection, as_of: date | None = None, scope: Scope | None = None
) -> Iterator[list[OpenItem]]:
    """What the customers in ``scope`` owe as of ``as_of``, item by item: one list per
    customer, customers in list order (``sort_key``), each list oldest due first (opening
    balances, then invoices, then credits on a tie). Streams: fit for the whole company.
    """
    scope = scope or Scope()
    items = union_all(
        _opening_items(as_of, scope), _invoice_items(as_of, scope), _credit_items(as_of, scope)
    ).subquery("items")
    customer = NODES.alias("customer")
    node = NODES.alias("node")
    stmt = (
        select(items, customer.c.full_name.label("customer_name"), node.c.full_name.label("node"))
        .select_from(
            items.join(customer, customer.c.id == items.c.customer_id).join(
                node, node.c.id == items.c.node_id
            )
        )
        .order_by(customer.c.sort_key, customer.c.id)
        .execution_options(yield_per=1000)
    )
    batch: list[OpenItem] = []
    for row in conn.execute(stmt):
        item = _item(row)
        if batch and batch[0].customer_id != item.customer_id:
            yield _in_order(batch)
            batch = []
        batch.append(item)
    if batch:
        yield _in_order(batch)


def overdue_amount(items: Iterable[OpenItem], day: date) -> Decimal:
    """What of ``items`` is past due on ``day``: open invoices and opening balances due
    before it (credits are never overdue)."""
    return sum(
        (
            i.amount
            for i in items
            if i.kind != CREDIT and i.amount > 0 and i.due_date is not None and i.due_date < day
        ),
        Decimal("0.00"),
    )


def is_overdue(conn: Connection, customer_id: int, day: date) -> bool:
    """Whether a customer (its jobs included) has anything past due on ``day``."""
    scope = Scope(customers=(customer_id,))
    return any(overdue_amount(batch, day) > 0 for batch in open_items(conn, None, scope))


def _item(row: Any) -> OpenItem:
    day = _as_date(row.day)
    due = _as_date(row.due_date)
    if row.kind == OPENING and day is not None:
        try:
            due = day + timedelta(days=int(row.net_days))
        except OverflowError:
            due = date.max
    return OpenItem(
        kind=row.kind,
        customer_id=row.customer_id,
        customer_name=row.customer_name,
        node_id=row.node_id,
        node_full_name=row.node,
        number=row.number,
        reference=row.reference,
        day=day,
        due_date=due,
        amount=cents(row.cents),
    )


def _as_date(value: Any) -> date | None:
    """A date out of a UNION column, which loses the Date type on SQLite."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _in_order(items: list[OpenItem]) -> list[OpenItem]:
    return sorted(
        items,
        key=lambda i: (i.due_date or i.day or date.min, _KIND_ORDER[i.kind], i.number or 0),
    )


# ------------------------------------------------------------- keeping in step


def add_to_balance(conn: Connection, node_id: int, delta: Decimal) -> None:
    """Move a node's balance by ``delta`` and every ancestor's total with it."""
    amount = int((delta * 100).to_integral_value())
    if amount == 0:
        return
    ancestors = _ancestor_ids(conn, node_id)
    conn.execute(
        update(NODES).where(NODES.c.id == node_id).values(balance=_raw(NODES.c.balance) + amount)
    )
    conn.execute(
        update(NODES)
        .where(NODES.c.id.in_(bindparam("ids", expanding=True)))
        .values(balance_total=_raw(NODES.c.balance_total) + amount),
        {"ids": [node_id, *ancestors]},
    )


def _ancestor_ids(conn: Connection, node_id: int) -> list[int]:
    ids: list[int] = []
    current: int | None = conn.execute(
        select(NODES.c.parent_id).where(NODES.c.id == node_id)
    ).scalar_one()
    while current is not None:
        ids.append(current)
        current = conn.execute(select(NODES.c.parent_id).where(NODES.c.id == current)).scalar_one()
    return ids


__all__ = [
    "CREDIT",
    "INVOICE",
    "OPENING",
    "OpenItem",
    "Scope",
    "add_to_balance",
    "expected",
    "invoice_counts",
    "invoice_open_amounts",
    "is_overdue",
    "open_items",
    "opening_counts",
    "overdue_amount",
    "owed",
    "owed_by_node",
    "payment_counts",
    "recompute",
]
