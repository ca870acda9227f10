"""The phones, emails, addresses, contacts and custom values of one batch of customers,
jobs or contacts: one select each per batch, never one per record."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Column, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.exports.records import EmailOut, PhoneOut
from officemgr.core.fields import AddressParts
from officemgr.core.validation import parse_phone

__all__ = [
    "addresses_of",
    "contact_names_of",
    "custom_labels",
    "custom_values_of",
    "emails_of",
    "phone_out",
    "phones_of",
]

PHONES = m.table(m.Phone)
EMAILS = m.table(m.Email)
ADDRESSES = m.table(m.Address)
CONTACTS = m.table(m.Contact)
VALUES = m.table(m.CustomFieldValue)
FIELDS = m.table(m.CustomFieldDef)
_PARTS = ("line1", "line2", "city", "region", "postal_code", "country")


def phone_out(
    kind: str, as_typed: str, extension: str | None, valid: bool, region: str
) -> PhoneOut:
    """A stored phone read as the window reads it (`PhoneRecord`): formatted from what
    was typed, in the office's region."""
    parsed = parse_phone(as_typed, region)
    return PhoneOut(kind, parsed.formatted or as_typed, parsed.e164, extension, bool(valid))


def phones_of(
    session: Session, owner: Column[int] | Column[int | None], ids: Sequence[int], region: str
) -> dict[int, tuple[PhoneOut, ...]]:
    """The phones whose ``owner`` column (``owner_id`` or ``contact_id``) is in ``ids``,
    in the form's order."""
    found: dict[int, list[PhoneOut]] = defaultdict(list)
    rows = session.execute(
        select(owner, PHONES.c.kind, PHONES.c.as_typed, PHONES.c.extension, PHONES.c.is_valid)
        .where(owner.in_(ids))
        .order_by(owner, PHONES.c.position, PHONES.c.id)
    )
    for key, kind, as_typed, extension, valid in rows:
        found[key].append(phone_out(kind, as_typed, extension, valid, region))
    return {key: tuple(phones) for key, phones in found.items()}


def emails_of(
    session: Session, owner: Column[int] | Column[int | None], ids: Sequence[int]
) -> dict[int, tuple[EmailOut, ...]]:
    """The emails whose ``owner`` column is in ``ids``, as typed, in the form's order."""
    found: dict[int, list[EmailOut]] = defaultdict(list)
    rows = session.execute(
        select(owner, EMAILS.c.kind, EMAILS.c.address)
        .where(owner.in_(ids))
        .order_by(owner, EMAILS.c.position, EMAILS.c.id)
    )
    for key, kind, address in rows:
        found[key].append(EmailOut(kind, address))
    return {key: tuple(emails) for key, emails in found.items()}


def addresses_of(session: Session, ids: Sequence[int]) -> dict[tuple[int, str], AddressParts]:
    """The bill-to and work addresses of the nodes ``ids``, by (node, kind); only the
    parts that are filled in."""
    found: dict[tuple[int, str], AddressParts] = {}
    columns = [ADDRESSES.c[part] for part in _PARTS]
    rows = session.execute(
        select(ADDRESSES.c.owner_id, ADDRESSES.c.kind, *columns).where(
            ADDRESSES.c.owner_id.in_(ids)
        )
    )
    for row in rows:
        parts: AddressParts = {}
        for part in _PARTS:
            value = row._mapping[part]
            if value:
                parts[part] = value  # type: ignore[literal-required]
        if parts:
            found[(row.owner_id, row.kind)] = parts
    return found


def contact_names_of(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The names of the contacts of the nodes ``ids``, in the form's order."""
    found: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(CONTACTS.c.owner_id, CONTACTS.c.name)
        .where(CONTACTS.c.owner_id.in_(ids))
        .order_by(CONTACTS.c.owner_id, CONTACTS.c.position, CONTACTS.c.id)
    )
    for owner, name in rows:
        found[owner].append(name)
    return {owner: tuple(names) for owner, names in found.items()}


def custom_values_of(session: Session, ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """The custom field values of the nodes ``ids`` as stored (canonical text), by label."""
    found: dict[int, dict[str, str]] = defaultdict(dict)
    rows = session.execute(
        select(VALUES.c.node_id, FIELDS.c.name, VALUES.c.value)
        .join(FIELDS, FIELDS.c.id == VALUES.c.field_id)
        .where(VALUES.c.node_id.in_(ids), VALUES.c.value.is_not(None))
    )
    for node_id, label, value in rows:
        if value.strip():
            found[node_id][label] = value
    return dict(found)


def custom_labels(session: Session) -> list[str]:
    """The labels of the custom fields that hold a value on some customer or job, A to Z:
    a field nobody filled in would come back from no import, so it is no column."""
    labels = session.scalars(
        select(FIELDS.c.name)
        .where(
            FIELDS.c.id.in_(
                select(VALUES.c.field_id).where(VALUES.c.value.is_not(None), VALUES.c.value != "")
            )
        )
        .distinct()
    )
    return sorted(labels, key=lambda label: (label.casefold(), label))
