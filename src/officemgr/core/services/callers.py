"""What a dispatcher sees of each customer a caller's number belongs to (the chooser).

One card per customer: its balance and what of it is overdue (the Account tab's own
definitions, `balances`), credit hold, pop-up notes, prospect, its open jobs and when
it was last in touch (the program's own "System" entries, such as a hold placed, are
not contacts) — read in a handful of selects for all the customers at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.choices import CLOSED_JOB_STATUSES
from officemgr.core.inputs import check_id
from officemgr.core.records import CallerCard
from officemgr.core.services import reads
from officemgr.core.tree_queries import has_popup_notes
from officemgr.errors import ValidationError

__all__ = ["cards"]

N = m.table(m.CustomerJob)
MAX_CARDS = 200  # a number shared by more customers than this is not a caller's


@reads
def cards(session: Session, customer_ids: Sequence[int]) -> list[CallerCard]:
    """A `CallerCard` for each of these customers (ids of jobs are refused), in the
    order given; customers that no longer exist are left out."""
    ids = _checked(customer_ids)
    if not ids:
        return []
    conn = session.connection()
    rows = {
        row.id: row
        for row in conn.execute(
            select(
                N.c.id, N.c.full_name, N.c.balance_total, N.c.credit_hold, N.c.is_prospect,
                N.c.is_active, N.c.parent_id,
                has_popup_notes(N.c.id, N.c.id, date.today()).label("has_popup_notes"),
            ).where(N.c.id.in_(ids))
        )
    }  # fmt: skip
    for row in rows.values():
        if row.parent_id is not None:
            raise ValidationError(
                f"{row.full_name} is a job, not a customer.", field="customer_ids"
            )
    today = date.today()
    overdue = {
        batch[0].customer_id: balances.overdue_amount(batch, today)
        for batch in balances.open_items(conn, None, balances.Scope(customers=tuple(rows)))
    }
    with_notes = {row.id for row in rows.values() if row.has_popup_notes}
    log = m.table(m.ContactLogEntry)
    last: dict[int, Any] = dict(
        conn.execute(
            select(log.c.customer_id, func.max(log.c.at))
            .where(log.c.customer_id.in_(rows), log.c.kind != "System")
            .group_by(log.c.customer_id)
        ).all()
    )
    info = m.table(m.JobInfo)
    open_jobs: dict[int, int] = dict(
        conn.execute(
            select(N.c.customer_id, func.count())
            .select_from(N.join(info, info.c.job_id == N.c.id))
            .where(
                N.c.customer_id.in_(rows),
                N.c.is_active,
                info.c.status.not_in(CLOSED_JOB_STATUSES),
            )
            .group_by(N.c.customer_id)
        ).all()
    )
    return [_card(rows[i], overdue, with_notes, last, open_jobs) for i in ids if i in rows]


def _card(
    row: Any,
    overdue: dict[int, Any],
    with_notes: set[int],
    last: dict[int, Any],
    open_jobs: dict[int, int],
) -> CallerCard:
    at = last.get(row.id)
    return CallerCard(
        customer_id=row.id,
        full_name=row.full_name,
        balance=row.balance_total,
        overdue=overdue.get(row.id, balances.cents(0)),
        credit_hold=bool(row.credit_hold),
        has_popup_notes=row.id in with_notes,
        is_prospect=bool(row.is_prospect),
        is_active=bool(row.is_active),
        open_jobs=int(open_jobs.get(row.id, 0)),
        last_contact=at,
    )


def _checked(customer_ids: Any) -> list[int]:
    if isinstance(customer_ids, (str, bytes)) or not isinstance(customer_ids, (list, tuple)):
        raise ValidationError("Give a list of customer ids.", field="customer_ids")
    if len(customer_ids) > MAX_CARDS:
        raise ValidationError(f"At most {MAX_CARDS} customers at a time.", field="customer_ids")
    ids: list[int] = []
    for value in customer_ids:
        checked = check_id(value, field="customer_ids", label="customer")
        if checked not in ids:
            ids.append(checked)
    return ids
