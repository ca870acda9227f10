"""Merge: moving the merged customer's records onto the kept one, money in step.

Not a service module: `merge.merge` builds on it. Jobs move as `jobs.move` moves them
(`_tree_ops.move`: full names and keys of the whole subtree, depth, the customer column
of their log entries, invoices and payments, and the stored balances out of one customer
and into the other). What belongs to the merged customer itself moves with set-based
UPDATEs, each row's version moved on so that a desk holding an old copy is refused.
Before the merged customer is deleted, `refuse_leftovers` makes sure nothing that would
be deleted with it (or would block its deletion) is still attached.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.check import TABLE_WORDS
from officemgr.core.services import _billing as billing
from officemgr.core.services import _tree_ops as tree_ops
from officemgr.errors import ValidationError

N = m.CustomerJob
# Rows that go with the merged customer when it is deleted, on purpose: what of them was
# worth keeping has been moved or written into the log (`_merge_fields`) by then.
GONE_WITH_CUSTOMER = frozenset(
    {"addresses", "phones", "emails", "custom_field_values", "job_info", "search_terms"}
)
# Rows of a node that move with it as they are (a customer has work-order rows only if it
# was once a job; they are kept all the same).
_NODE_ROWS: tuple[tuple[type[m.Base], str], ...] = (
    (m.PopupNote, "owner_id"),
    (m.PopupAcknowledgement, "node_id"),
    (m.JobServiceLine, "job_id"),
    (m.JobStop, "job_id"),
    (m.JobInventoryItem, "job_id"),
    (m.JobFigureLine, "job_id"),
)


@dataclass(frozen=True)
class Moved:
    """How many of the merged customer's records a merge moves (its jobs' included)."""

    jobs: int
    contacts: int
    log_entries: int
    invoices: int
    payments: int
    popup_notes: int


def count(session: Session, merged_id: int) -> Moved:
    """What will move, counted before anything does (for the System entry)."""

    def rows(model: Any, condition: ColumnElement[bool]) -> int:
        return int(
            session.execute(select(func.count()).select_from(model).where(condition)).scalar_one()
        )

    subtree = select(N.id).where(N.customer_id == merged_id)
    return Moved(
        jobs=rows(N, (N.customer_id == merged_id) & N.parent_id.is_not(None)),
        contacts=rows(m.Contact, m.Contact.owner_id.in_(subtree)),
        log_entries=rows(m.ContactLogEntry, m.ContactLogEntry.customer_id == merged_id),
        invoices=rows(m.Invoice, m.Invoice.customer_id == merged_id),
        payments=rows(m.Payment, m.Payment.customer_id == merged_id),
        popup_notes=rows(m.PopupNote, m.PopupNote.owner_id.in_(subtree)),
    )


# ------------------------------------------------------------------------------ jobs


def _free_name(name: str, taken: set[str]) -> str:
    """``name`` with " (2)", " (3)" … appended, cut to fit, whose key is not in ``taken``."""
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: m.NAME_LENGTH - len(suffix)].rstrip() + suffix
        if keys.name_key(candidate) not in taken:
            return candidate
        number += 1


def move_jobs(session: Session, merged_id: int, kept_id: int) -> list[tuple[str, str]]:
    """Make the merged customer's jobs the kept one's; returns (old, new) of each job
    renamed because the kept customer already had a job of that name."""
    jobs = (
        session.execute(select(N).where(N.parent_id == merged_id).order_by(N.sort_key, N.id))
        .scalars()
        .all()
    )
    kept_names = session.execute(select(N.name).where(N.parent_id == kept_id)).scalars()
    taken = {keys.name_key(name) for name in kept_names}
    # A new name must not be one of the merged customer's other jobs' either: the rename
    # happens under it, before the move.
    theirs = {keys.name_key(job.name) for job in jobs}
    renamed: list[tuple[str, str]] = []
    for job in jobs:
        key = keys.name_key(job.name)
        if key in taken:
            old = job.name
            new = _free_name(old, taken | theirs)
            tree_ops.rename(session, job, new)
            renamed.append((old, new))
            key = keys.name_key(new)
            theirs.add(key)
        taken.add(key)
        tree_ops.move(session, job, kept_id)
    return renamed


# ------------------------------------------------------------------- its own rows


def _move_rows(session: Session, model: Any, column: str, merged_id: int, kept_id: int) -> None:
    target = getattr(model, column)
    values: dict[Any, Any] = {target: kept_id}
    if hasattr(model, "version"):
        values[model.version] = model.version + 1
    session.execute(
        update(model)
        .where(target == merged_id)
        .values(values)
        .execution_options(synchronize_session=False)
    )


def move_own_rows(session: Session, merged_id: int, kept_id: int) -> None:
    """Move what hangs on the merged customer itself: log entries, invoices, payments
    (their node and customer both), contacts, pop-up notes and their acknowledgements."""
    for model in (m.ContactLogEntry, m.Invoice, m.Payment):
        session.execute(
            update(model)
            .where(model.node_id == merged_id)
            .values(node_id=kept_id, customer_id=kept_id, version=model.version + 1)
            .execution_options(synchronize_session=False)
        )
    for node_model, column in _NODE_ROWS:
        _move_rows(session, node_model, column, merged_id, kept_id)
    _move_contacts(session, merged_id, kept_id)


def _move_contacts(session: Session, merged_id: int, kept_id: int) -> None:
    """Contacts go after the kept customer's own, and its primary contact stays the one."""
    c = m.Contact
    after = session.execute(
        select(func.coalesce(func.max(c.position) + 1, 0)).where(c.owner_id == kept_id)
    ).scalar_one()
    has_primary = session.execute(
        select(exists().where(c.owner_id == kept_id, c.is_primary.is_(True)))
    ).scalar()
    values: dict[Any, Any] = {
        c.owner_id: kept_id,
        c.position: c.position + after,
        c.version: c.version + 1,
    }
    if has_primary:
        values[c.is_primary] = False
    session.execute(
        update(c)
        .where(c.owner_id == merged_id)
        .values(values)
        .execution_options(synchronize_session=False)
    )


def move_own_balance(session: Session, merged_id: int, kept_id: int) -> Decimal:
    """Add the merged customer's own balance (its opening balance, and its invoices and
    payments, which now stand on the kept customer) to the kept one's stored balances.

    Called after its jobs have moved (they took their totals along) and its own rows
    have: the kept customer then owes exactly what both owed before.
    """
    session.flush()
    own: Decimal = session.execute(select(N.balance).where(N.id == merged_id)).scalar_one()
    if own:
        billing.move_balance(session, kept_id, own)
    return own


# ------------------------------------------------------------------ the last check


def refuse_leftovers(session: Session, merged_id: int, merged_name: str) -> None:
    """Refuse the merge (and so roll it all back) when a record still points at the
    merged customer that a merge does not know how to move — a kind of record added
    after this was written — rather than let its deletion take that record along."""
    left: list[str] = []
    for table in m.Base.metadata.sorted_tables:
        if table.name in GONE_WITH_CUSTOMER:
            continue
        columns = [
            fk.parent for fk in table.foreign_keys if fk.column.table.name == N.__tablename__
        ]
        if not columns:
            continue
        condition: ColumnElement[bool] = or_(*(column == merged_id for column in columns))
        if table.name == N.__tablename__:
            condition = condition & (table.c.id != merged_id)
        found = session.execute(
            select(func.count()).select_from(table).where(condition)
        ).scalar_one()
        if found:
            words = TABLE_WORDS.get(table.name, table.name.replace("_", " "))
            left.append(f"{found} {words} record(s)")
    if left:
        raise ValidationError(
            f"“{merged_name}” still has {', '.join(left)} that a merge cannot move, so "
            "nothing was merged.",
            field="merge",
        )
