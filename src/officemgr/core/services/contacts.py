"""The Contacts tab: additional people of a customer or job, with phones and emails.

Contacts carry electronic details only (no postal address); caller ID searches their
phones too. At most one contact of an owner is the primary one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Unpack

from sqlalchemy import func, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session, selectinload

from officemgr.core import models as m
from officemgr.core import tree_queries
from officemgr.core.fields import ContactChanges, keys_of
from officemgr.core.inputs import (
    as_bool,
    as_choice,
    as_int,
    as_text,
    check_id,
    required_text,
    shown,
)
from officemgr.core.records import ContactRecord
from officemgr.core.services import _contact_details as contact_details
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import reads
from officemgr.errors import NotFoundError, ValidationError

__all__ = ["add", "get", "list_for", "remove", "update"]

C = m.Contact
_FIELDS = keys_of(ContactChanges)


def _name(value: Any) -> str:
    return required_text(
        value,
        field="name",
        label="The contact's name",
        max_length=m.NAME_LENGTH,
        missing="Give the contact a name.",
    )


def _role(value: Any) -> str | None:
    return as_text(value, field="role", label="Role or title", max_length=m.SHORT)


def _notes(value: Any) -> str | None:
    return as_text(value, field="notes", label="Notes", max_length=100_000, multiline=True)


def _phone_rows(phone: Any, phones: Sequence[tuple[str, str]] | None, region: str) -> list[m.Phone]:
    """The contact's phones: ``phone`` (a "main" one) first, then ``phones`` (kind, text)."""
    pairs: list[tuple[Any, Any]] = []
    if phone is not None:
        pairs.append(("main", phone))
    if phones is not None:
        if isinstance(phones, (str, bytes)) or not isinstance(phones, Sequence):
            raise ValidationError(
                "Give the phones as a list of (type, number) pairs.", field="phones"
            )
        for pair in phones:
            if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
                raise ValidationError(
                    "Give the phones as a list of (type, number) pairs.", field="phones"
                )
            pairs.append((pair[0], pair[1]))
    rows: list[m.Phone] = []
    for kind, text in pairs:
        kind_name = as_choice(kind, m.PHONE_KINDS, field="phones", label="A phone type")
        row = contact_details.phone_row(
            text, kind=kind_name, region=region, position=len(rows), field="phones", label="Phone"
        )
        if row is not None:
            rows.append(row)
    return rows


def _load(session: Session, contact_id: Any) -> m.Contact:
    check_id(contact_id, field="contact", label="contact", message="Choose a contact.")
    contact = session.execute(
        select(C).where(C.id == contact_id).options(selectinload(C.phones), selectinload(C.emails))
    ).scalar_one_or_none()
    if contact is None:
        raise NotFoundError(f"There is no contact with id {contact_id}; it may have been removed.")
    return contact


def _only_primary(session: Session, contact: m.Contact) -> None:
    session.execute(
        sql_update(C)
        .where(C.owner_id == contact.owner_id, C.id != contact.id, C.is_primary.is_(True))
        .values(is_primary=False, version=C.version + 1)
        .execution_options(synchronize_session=False)
    )


def _record(session: Session, contact_id: int) -> ContactRecord:
    session.flush()
    contact = session.execute(
        select(C)
        .where(C.id == contact_id)
        .options(selectinload(C.phones), selectinload(C.emails))
        .execution_options(populate_existing=True)
    ).scalar_one()
    return contact_details.contact_record(contact, tree_queries.office_region(session))


def add(
    session: Session,
    *,
    owner: int,
    name: str,
    role: str | None = None,
    phone: str | None = None,
    phones: Sequence[tuple[str, str]] | None = None,
    email: str | None = None,
    notes: str | None = None,
    is_primary: bool = False,
) -> ContactRecord:
    """Add a contact to a customer or job; ``phones`` is a list of (type, number)."""
    node = nodes.get_node(session, owner, field="owner")
    primary = as_bool(is_primary, field="is_primary", label="Primary contact")
    last = session.execute(select(func.max(C.position)).where(C.owner_id == node.id)).scalar()
    contact = C(
        owner_id=node.id,
        name=_name(name),
        role=_role(role),
        notes=_notes(notes),
        is_primary=primary,
        position=0 if last is None else last + 1,
        phones=_phone_rows(phone, phones, tree_queries.office_region(session)),
        emails=[],
    )
    mail = contact_details.email_row(email, kind="main", position=0, field="email", label="Email")
    if mail is not None:
        contact.emails.append(mail)
    session.add(contact)
    session.flush()
    if primary:
        _only_primary(session, contact)
    return _record(session, contact.id)


@reads
def get(session: Session, contact_id: int) -> ContactRecord:
    return contact_details.contact_record(
        _load(session, contact_id), tree_queries.office_region(session)
    )


def update(
    session: Session,
    contact_id: int,
    *,
    expected_version: int | None = None,
    **changes: Unpack[ContactChanges],
) -> ContactRecord:
    """Change a contact: ``name``, ``role``, ``notes``, ``is_primary``, ``position``,
    ``phone`` (its main phone; empty removes it), ``phones`` (replaces them all) and
    ``email`` (its main email; empty removes it)."""
    contact = _load(session, contact_id)
    nodes.check_version(contact, expected_version, contact.name)
    unknown = set(changes) - _FIELDS
    if unknown:
        field = sorted(unknown)[0]
        raise ValidationError(f"“{shown(field)}” is not a field of a contact.", field=field)
    if "phone" in changes and "phones" in changes:
        raise ValidationError("Give either the main phone or the list of phones.", field="phones")
    region = tree_queries.office_region(session)
    what = contact.name
    if "name" in changes:
        contact.name = _name(changes["name"])
    if "role" in changes:
        contact.role = _role(changes["role"])
    if "notes" in changes:
        contact.notes = _notes(changes["notes"])
    if "position" in changes:
        position = as_int(
            changes["position"], field="position", label="Position", low=0, high=100_000
        )
        contact.position = position or 0
    if "is_primary" in changes:
        contact.is_primary = as_bool(
            changes["is_primary"], field="is_primary", label="Primary contact"
        )
    if "phone" in changes:
        contact_details.set_phone(
            contact.phones,
            changes["phone"],
            kind="main",
            region=region,
            position=0,
            field="phone",
            label="Phone",
        )
    if "phones" in changes:
        new_rows = _phone_rows(None, changes["phones"] or [], region)
        contact.phones[:] = new_rows
    if "email" in changes:
        contact_details.set_email(
            contact.emails, changes["email"], kind="main", position=0, field="email", label="Email"
        )
    if nodes.has_changes(session):
        nodes.touch(contact)
    nodes.flush(session, record_id=contact.id, what=what)
    if contact.is_primary and changes.get("is_primary"):
        _only_primary(session, contact)
    return _record(session, contact.id)


def remove(session: Session, contact_id: int) -> None:
    """Remove a contact; log entries that named it keep the name."""
    contact = _load(session, contact_id)
    session.delete(contact)
    nodes.flush(session, record_id=contact.id, what=contact.name)


@reads
def list_for(session: Session, owner: int) -> list[ContactRecord]:
    """The contacts of a customer or job, in their order."""
    node = nodes.get_node(session, owner, field="owner")
    region = tree_queries.office_region(session)
    rows = session.scalars(
        select(C)
        .where(C.owner_id == node.id)
        .options(selectinload(C.phones), selectinload(C.emails))
        .order_by(C.position, C.id)
    )
    return [contact_details.contact_record(c, region) for c in rows]
