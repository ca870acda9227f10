"""Find Duplicates: candidate pairs of customers, found set-based in a few statements.

Not a service module: `merge.duplicate_pairs` is the service. Three keys make a pair —
the folded name, a phone's digits and an e-mail address — and each is answered by one
statement: the customers' keys, the keys shared by at least two customers (GROUP BY …
HAVING), and a self-join of the keyed rows on those keys. No statement runs per
customer, so a 100,000-customer company takes about as long as a few scans of its tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Select, and_, func, literal, select, union_all
from sqlalchemy.sql import ColumnElement, FromClause

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.records import DuplicatePair

NODES = m.table(m.CustomerJob)
PHONES = m.table(m.Phone)
EMAILS = m.table(m.Email)

SAME_NAME = "same name"
SAME_PHONE = "same phone"
SAME_EMAIL = "same email"
REASONS = (SAME_NAME, SAME_PHONE, SAME_EMAIL)
MIN_PHONE_DIGITS = 7  # fewer digits (an extension, "911", a typo) say nothing of a person
# A key shared by more customers than this is a placeholder ("555-555-5555"), a head
# office or a shared inbox, not a sign that any two of them are one: left out, so that
# one such key cannot fill the list with thousands of pairs.
MAX_SHARING = 25


def _active_customer(node: FromClause) -> ColumnElement[bool]:
    return and_(node.c.parent_id.is_(None), node.c.is_active.is_(True))


def _name_keys() -> Select[Any]:
    """(customer, folded name): ``sort_key`` is `keys.sort_key` of the name, stored and
    indexed, so the fold costs no Python call per customer."""
    return select(NODES.c.id.label("cid"), NODES.c.sort_key.label("k")).where(
        _active_customer(NODES)
    )


def _phone_keys() -> Select[Any]:
    """(customer, phone digits) of the customers' own phones. Contacts' phones are left
    out on purpose: a property manager or a spouse is often the contact of several
    customers, which makes none of them a duplicate."""
    return (
        select(PHONES.c.owner_id.label("cid"), PHONES.c.digits_key.label("k"))
        .join(NODES, NODES.c.id == PHONES.c.owner_id)
        .where(_active_customer(NODES), func.length(PHONES.c.digits_key) >= MIN_PHONE_DIGITS)
        .distinct()
    )


def _email_keys() -> Select[Any]:
    """(customer, address) of the customers' own e-mails, case folded (an address that
    did not check out has no ``normalized`` form: its lower-cased text stands in)."""
    address = func.coalesce(EMAILS.c.normalized, func.lower(func.trim(EMAILS.c.address)))
    return (
        select(EMAILS.c.owner_id.label("cid"), address.label("k"))
        .join(NODES, NODES.c.id == EMAILS.c.owner_id)
        .where(_active_customer(NODES), address != "")
        .distinct()
    )


def _pairs(keyed_rows: Select[Any], reason: str) -> Select[Any]:
    """(first id, first name, second id, second name, reason) of customers sharing a key."""
    keyed = keyed_rows.cte(f"keyed_{reason.replace(' ', '_')}")
    shared = (
        select(keyed.c.k)
        .group_by(keyed.c.k)
        .having(func.count().between(2, MAX_SHARING))
        .cte(f"shared_{reason.replace(' ', '_')}")
    )
    first, second = keyed.alias(), keyed.alias()
    first_node, second_node = NODES.alias(), NODES.alias()
    return (
        select(
            first.c.cid.label("first_id"),
            first_node.c.name.label("first_name"),
            second.c.cid.label("second_id"),
            second_node.c.name.label("second_name"),
            literal(reason).label("reason"),
        )
        .select_from(shared)
        .join(first, first.c.k == shared.c.k)
        .join(second, and_(second.c.k == shared.c.k, second.c.cid > first.c.cid))
        .join(first_node, first_node.c.id == first.c.cid)
        .join(second_node, second_node.c.id == second.c.cid)
    )


def _folded(name: str) -> str:
    return " ".join(keys.fold(name).split())


def find_pairs(conn: Connection, limit: int) -> list[DuplicatePair]:
    """The candidate pairs: most reasons first, then by the first customer's name."""
    stmt = union_all(
        _pairs(_name_keys(), SAME_NAME),
        _pairs(_phone_keys(), SAME_PHONE),
        _pairs(_email_keys(), SAME_EMAIL),
    )
    found: dict[tuple[int, int], tuple[str, str, set[str]]] = {}
    for row in conn.execute(stmt):
        # ``sort_key`` is cut to the name length: the full fold confirms a name match.
        if row.reason == SAME_NAME and _folded(row.first_name) != _folded(row.second_name):
            continue
        key = (row.first_id, row.second_id)
        entry = found.setdefault(key, (row.first_name, row.second_name, set()))
        entry[2].add(row.reason)
    return _ordered(found.items(), limit)


def _ordered(
    found: Iterable[tuple[tuple[int, int], tuple[str, str, set[str]]]], limit: int
) -> list[DuplicatePair]:
    pairs = [
        DuplicatePair(
            first_id=first_id,
            first_name=first_name,
            second_id=second_id,
            second_name=second_name,
            reasons=tuple(r for r in REASONS if r in reasons),
        )
        for (first_id, second_id), (first_name, second_name, reasons) in found
    ]
    pairs.sort(
        key=lambda p: (-len(p.reasons), keys.sort_key(p.first_name), p.first_id, p.second_id)
    )
    return pairs[:limit]
