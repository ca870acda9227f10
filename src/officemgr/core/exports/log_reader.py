"""The contact log streamed out as rows of `columns.LOG_COLUMNS`, oldest entry first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.exports import node_reader
from officemgr.core.exports.scope import NODES, shown
from officemgr.core.exports.tracker import Tracker
from officemgr.core.exports.values import Value, local_time

__all__ = ["log_rows"]

E = m.table(m.ContactLogEntry)


def log_rows(
    session: Session, *, include_inactive: bool, tracker: Tracker
) -> Iterator[Sequence[Value]]:
    """Every entry on the customers and jobs an export covers, by time (then as logged)."""
    joined = E.join(NODES, NODES.c.id == E.c.node_id)
    where = shown(NODES, include_inactive=include_inactive)
    total = session.execute(select(func.count()).select_from(joined).where(where)).scalar()
    tracker.start(int(total or 0))
    stmt = (
        select(
            E.c.at,
            NODES.c.full_name,
            E.c.kind,
            E.c.subject,
            E.c.details,
            E.c.contact_name,
            E.c.employee_name,
            E.c.follow_up_on,
            E.c.is_system,
        )
        .select_from(joined)
        .where(where)
        .order_by(E.c.at, E.c.id)
        .execution_options(yield_per=node_reader.BATCH)
    )
    for batch in session.execute(stmt).partitions():
        for at, full_name, kind, subject, text, contact, employee, follow_up, system in batch:
            yield (
                local_time(at),
                full_name,
                kind,
                subject,
                text,
                contact,
                employee,
                follow_up,
                bool(system),
            )
        tracker.read(len(batch))
