"""Contacts streamed out of a company with their owners, phones and emails: a batch at a
time, their owners in Customer:Job order and each owner's contacts in the form's order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from officemgr.core.exports import details, node_reader
from officemgr.core.exports.records import ContactOut
from officemgr.core.exports.scope import NODES, shown, tree_order
from officemgr.core.exports.tracker import Tracker
from officemgr.core.tree_queries import office_region

__all__ = ["contacts"]

K = details.CONTACTS
ROOT = NODES.alias("root")


def contacts(session: Session, *, include_inactive: bool, tracker: Tracker) -> Iterator[ContactOut]:
    """Every contact of the customers and jobs an export covers (see `scope.shown`)."""
    joined = K.join(NODES, NODES.c.id == K.c.owner_id).join(ROOT, ROOT.c.id == NODES.c.customer_id)
    where = shown(NODES, include_inactive=include_inactive)
    total = session.execute(select(func.count()).select_from(joined).where(where)).scalar()
    tracker.start(int(total or 0))
    region = office_region(session)
    stmt = (
        select(
            K.c.id,
            K.c.name,
            K.c.role,
            K.c.notes,
            K.c.is_primary,
            NODES.c.full_name.label("owner"),
            func.coalesce(NODES.c.company_name, ROOT.c.full_name).label("organization"),
        )
        .select_from(joined)
        .where(where)
        .order_by(tree_order(), K.c.position, K.c.id)
        .execution_options(yield_per=node_reader.BATCH)
    )
    for batch in session.execute(stmt).partitions():
        yield from _with_details(session, batch, region)
        tracker.read(len(batch))


def _with_details(session: Session, batch: Any, region: str) -> Iterator[ContactOut]:
    ids = [row.id for row in batch]
    phones = details.phones_of(session, details.PHONES.c.contact_id, ids, region)
    emails = details.emails_of(session, details.EMAILS.c.contact_id, ids)
    for row in batch:
        yield ContactOut(
            owner=row.owner,
            organization=row.organization,
            name=row.name,
            role=row.role,
            notes=row.notes,
            is_primary=bool(row.is_primary),
            phones=phones.get(row.id, ()),
            emails=emails.get(row.id, ()),
        )
