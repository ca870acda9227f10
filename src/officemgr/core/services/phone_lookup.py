"""Caller ID: who has this phone number, whatever format it was typed in.

Every stored phone has a ``digits_key`` (its last ten digits, reversed) under an index;
`caller_id_query` turns the incoming number into exact keys and, for a number sent
without its area code, a key prefix. One query finds the customers, jobs and contacts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from officemgr.core import models as m
from officemgr.core import tree_queries
from officemgr.core.inputs import query_text
from officemgr.core.records import PhoneMatch
from officemgr.core.services import reads
from officemgr.core.validation import caller_id_query, parse_phone
from officemgr.errors import ValidationError

__all__ = ["lookup"]

P = m.Phone
C = m.Contact
N = aliased(m.CustomerJob, name="owner_node")


@reads
def lookup(session: Session, *, number: str) -> list[PhoneMatch]:
    """The customers, then jobs, then contacts that have ``number``; empty when nobody has.

    Inactive records are included (a former customer calling is worth knowing) and
    marked by ``is_active``.
    """
    if not isinstance(number, str):
        raise ValidationError("Type a phone number.", field="number")
    query_text(number, field="number", label="The phone number")
    region = tree_queries.office_region(session)
    query = caller_id_query(number, region)
    conditions: list[Any] = []
    if query.exact:
        conditions.append(P.digits_key.in_(query.exact))
    if query.prefix:
        conditions.append(and_(P.digits_key >= query.prefix, P.digits_key < query.prefix + "~"))
    if not conditions:
        return []
    node_id = func.coalesce(P.owner_id, C.owner_id)
    kind = case(
        (P.contact_id.is_not(None), "contact"),
        (N.parent_id.is_(None), "customer"),
        else_="job",
    )
    kind_order = case((P.contact_id.is_not(None), 2), (N.parent_id.is_(None), 0), else_=1)
    stmt = (
        select(
            kind.label("kind"),
            P.contact_id,
            C.name.label("contact_name"),
            P.as_typed,
            N.id.label("node_id"),
            N.name.label("node_name"),
            N.full_name,
            N.customer_id,
            N.is_active,
        )
        .select_from(P)
        .outerjoin(C, C.id == P.contact_id)
        .join(N, N.id == node_id)
        .where(or_(*conditions))
        .order_by(kind_order, N.full_name_key, C.name, C.id, P.position, P.id)
    )
    seen: set[tuple[str, int]] = set()
    matches: list[PhoneMatch] = []
    for row in session.execute(stmt):
        record_id = row.contact_id if row.kind == "contact" else row.node_id
        if (row.kind, record_id) in seen:
            continue
        seen.add((row.kind, record_id))
        parsed = parse_phone(row.as_typed, region)
        matches.append(
            PhoneMatch(
                kind=row.kind,
                id=record_id,
                name=row.contact_name if row.kind == "contact" else row.node_name,
                customer_id=row.customer_id,
                node_id=row.node_id,
                full_name=row.full_name,
                phone=parsed.formatted or row.as_typed,
                is_active=bool(row.is_active),
            )
        )
    return matches
