"""Caller ID: who has this phone number, whatever format it was typed in.

Every stored phone has a ``digits_key`` (its last ten digits, reversed) under an index;
`caller_id_query` turns the incoming number into exact keys and, for a number sent
without its area code, a key prefix. The keys find the candidates through the index;
the country then keeps the countries apart (`_same_country`): a stored number with its
country code matches only a caller of that country. One query finds the customers, jobs
and contacts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, and_, bindparam, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from officemgr.core import models as m
from officemgr.core import tree_queries
from officemgr.core.inputs import query_text
from officemgr.core.records import PhoneMatch
from officemgr.core.services import reads
from officemgr.core.validation import CallerIdQuery, caller_id_query, parse_phone
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
    where = or_(*conditions)
    same_country, params = _same_country(query)
    if same_country is not None:
        where = and_(where, same_country)
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
        .where(where)
        .order_by(kind_order, N.full_name_key, C.name, C.id, P.position, P.id)
    )
    seen: set[tuple[str, int]] = set()
    matches: list[PhoneMatch] = []
    for row in session.execute(stmt, params):
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


def _same_country(query: CallerIdQuery) -> tuple[ColumnElement[bool] | None, dict[str, str]]:
    """Which of the rows the keys found may be the caller (``None``: all may), with the
    values of its parameters.

    A stored number with an E.164 form is complete: it is the caller only when it is the
    very number calling, or, for a caller that may lack its area code (a local number,
    or one its country does not assign, like the 555 demo numbers), when it is of the
    caller's country. A stored number without one matches on its digits, as typed: a
    local number of the office (not for a caller of another country) or a number kept
    as typed, whose country nobody knows. A caller whose number did not parse is
    matched on its digits alone. These only filter the few rows the index found.
    """
    if query.country is None:
        return None, {}
    if query.e164 is not None:
        return _SAME_NUMBER[query.local_numbers], {"caller_e164": query.e164}
    return _SAME_COUNTRY[query.local_numbers], {"caller_country": query.country}


def _or_without_e164(complete: ColumnElement[bool]) -> dict[bool, ColumnElement[bool]]:
    """``complete`` or a stored number without an E.164 form, by whether the office's
    local numbers (usable, without an area code) may match too."""
    return {
        True: or_(complete, P.e164.is_(None)),
        False: or_(complete, and_(P.e164.is_(None), P.is_valid.is_(False))),
    }


# Built once: a caller-ID lookup must stay well under two milliseconds.
_SAME_NUMBER = _or_without_e164(P.e164 == bindparam("caller_e164", type_=String))
# Not ``LIKE :country``: SQLite prepares a statement again for each value of a LIKE
# pattern given as a parameter, which costs more than the whole lookup.
_COUNTRY = bindparam("caller_country", type_=String)
_SAME_COUNTRY = _or_without_e164(func.substr(P.e164, 1, func.length(_COUNTRY)) == _COUNTRY)
