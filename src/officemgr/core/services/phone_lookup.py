"""Caller ID: who has this phone number, whatever format it was typed in.

Every stored phone has a ``digits_key`` (its last ten digits, reversed) under an index;
`caller_id_query` turns the incoming number into exact keys and, for a number sent
without its area code, a key prefix. The keys find the candidates through the index;
the country then keeps the countries apart (`_lookup_select`): a stored number with its
country code matches only a caller of that country. One query finds the customers, jobs
and contacts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased

from officemgr.core import models as m
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
def lookup(session: Session | Connection, *, number: str) -> list[PhoneMatch]:
    """The customers, then jobs, then contacts that have ``number``; empty when nobody has.

    Inactive records are included (a former customer calling is worth knowing) and
    marked by ``is_active``. ``session`` may be a plain Connection: a call is answered
    without the ORM, by statements compiled once per shape (`_compiled`).
    """
    if not isinstance(number, str):
        raise ValidationError("Type a phone number.", field="number")
    query_text(number, field="number", label="The phone number")
    conn = session.connection() if isinstance(session, Session) else session
    found = _run(conn, ("region",), _region_select, {})
    region = (found[0][0] if found else None) or "US"
    query = caller_id_query(number, region)
    if not query.exact and not query.prefix:
        return []
    values: dict[str, Any] = {f"exact_{i}": key for i, key in enumerate(query.exact)}
    if query.prefix:
        values.update(prefix_low=query.prefix, prefix_high=query.prefix + "~")
    mode = None if query.country is None else ("number" if query.e164 else "country")
    if mode == "number":
        values["caller_e164"] = query.e164
    elif mode == "country":
        values["caller_country"] = query.country
    shape = (len(query.exact), bool(query.prefix), mode, query.local_numbers)
    rows = _run(conn, ("lookup", *shape), lambda: _lookup_select(*shape), values)
    seen: set[tuple[str, int]] = set()
    matches: list[PhoneMatch] = []
    for row in rows:
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


# Each statement's SQL and the order of its parameters, by shape: compiled once, so a call
# costs one parse, one indexed query and a few rows, not the building of a statement.
_COMPILED: dict[tuple[Any, ...], tuple[str, tuple[str, ...], dict[str, Any]]] = {}
_ROW_TYPES: dict[tuple[Any, ...], type[_Row]] = {}  # by shape: its columns by name


class _Row(tuple[Any, ...]):
    """A result row whose columns are read by name (``row.kind``)."""

    __slots__ = ()
    columns: ClassVar[dict[str, int]] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self[self.columns[name]]
        except KeyError:
            raise AttributeError(name) from None


def _run(
    conn: Connection,
    shape: tuple[Any, ...],
    build: Callable[[], Select[Any]],
    values: dict[str, Any],
) -> list[_Row]:
    """The rows of the statement ``build`` makes, run on the driver's own cursor (the
    statement is the dialect's SQL, compiled once; SQLAlchemy's execution layers cost
    more than the indexed query itself). A driver error is raised as SQLAlchemy raises
    it, so a busy or damaged file is told apart as for any other read."""
    key = (conn.dialect.name, *shape)  # the SQL is the dialect's own
    compiled = _COMPILED.get(key)
    if compiled is None:
        statement = build().compile(dialect=conn.dialect)
        compiled = (str(statement), tuple(statement.positiontup or ()), dict(statement.params))
        _COMPILED[key] = compiled
    sql, names, defaults = compiled
    given = {**defaults, **values}
    # sqlite3 takes ?-marks in order; psycopg's %(name)s marks take the names.
    parameters: tuple[Any, ...] | dict[str, Any] = (
        tuple(given[name] for name in names) if names else given
    )
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, parameters)
        found = cursor.fetchall()
        row_type = _ROW_TYPES.get(key)
        if row_type is None:
            columns = {column[0]: number for number, column in enumerate(cursor.description)}
            row_type = _ROW_TYPES[key] = type("Row", (_Row,), {"__slots__": (), "columns": columns})
    except dbapi.Error as error:
        raise DBAPIError.instance(sql, parameters, error, dbapi.Error) from error
    finally:
        cursor.close()
    return [row_type(row) for row in found]


def _region_select() -> Select[Any]:
    return select(m.OfficeSettings.default_phone_region).limit(1)


def _lookup_select(exact: int, prefix: bool, mode: str | None, local_numbers: bool) -> Select[Any]:
    """The lookup of ``exact`` whole keys and maybe a key ``prefix`` (a number without its
    area code), kept to the caller's number (``mode`` "number") or country ("country").

    A stored number with an E.164 form is complete: it is the caller only when it is the
    very number calling, or, for a caller that may lack its area code (a local number,
    or one its country does not assign, like the 555 demo numbers), when it is of the
    caller's country. A stored number without one matches on its digits, as typed: a
    local number of the office (not for a caller of another country) or a number kept
    as typed, whose country nobody knows. A caller whose number did not parse (``mode``
    None) is matched on its digits alone. These only filter the few rows the index found.
    """
    conditions: list[Any] = []
    if exact:
        conditions.append(P.digits_key.in_([bindparam(f"exact_{i}") for i in range(exact)]))
    if prefix:
        low = bindparam("prefix_low", type_=String)
        high = bindparam("prefix_high", type_=String)
        conditions.append(and_(P.digits_key >= low, P.digits_key < high))
    where = or_(*conditions)
    if mode == "number":
        where = and_(where, _SAME_NUMBER[local_numbers])
    elif mode == "country":
        where = and_(where, _SAME_COUNTRY[local_numbers])
    node_id = func.coalesce(P.owner_id, C.owner_id)
    kind = case(
        (P.contact_id.is_not(None), "contact"),
        (N.parent_id.is_(None), "customer"),
        else_="job",
    )
    kind_order = case((P.contact_id.is_not(None), 2), (N.parent_id.is_(None), 0), else_=1)
    return (
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
