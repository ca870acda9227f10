"""The contact log of customers and jobs: calls, emails, visits, notes, system entries.

Entries are never silently edited: `correct` keeps the replaced values, who changed them
and when, in a ContactLogRevision.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, Unpack

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.fields import LogEntryCorrection, keys_of
from officemgr.core.inputs import (
    as_bool,
    as_choice,
    as_date,
    as_text,
    check_count,
    check_id,
    required_text,
    shown,
)
from officemgr.core.records import LogEntryRecord, LogRevisionRecord
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import reads
from officemgr.core.types import utcnow
from officemgr.errors import NotFoundError, ValidationError

__all__ = ["add", "correct", "get", "list_for", "revisions"]

E = m.ContactLogEntry
N = m.CustomerJob

_CORRECTABLE = keys_of(LogEntryCorrection)


def _kind(value: Any) -> str:
    return as_choice(value, m.LOG_KINDS, field="kind", label="The kind of entry")


def _at(value: Any) -> datetime:
    """Aware UTC; a naive time is the user's local wall-clock time."""
    if value is None:
        return utcnow()
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                "The date and time must look like 2026-11-02 09:30.", field="at"
            ) from None
    if not isinstance(value, datetime):
        raise ValidationError("The date and time must look like 2026-11-02 09:30.", field="at")
    try:
        if value.tzinfo is None:
            value = value.astimezone()
        return value.astimezone(UTC)
    except (OverflowError, ValueError):  # within a day of year 1 or 9999, no UTC time exists
        raise ValidationError(
            "The date and time are out of range; use a year from 2 to 9998.", field="at"
        ) from None


def _subject(value: Any) -> str:
    return required_text(
        value,
        field="subject",
        label="The subject",
        max_length=m.LONG,
        missing="Give the log entry a subject.",
    )


def _details(value: Any) -> str | None:
    return as_text(value, field="details", label="The details", max_length=100_000, multiline=True)


def _contact(session: Session, owner: m.CustomerJob, value: Any) -> tuple[int | None, str | None]:
    """(contact id, contact name): one of the owner's (or its customer's) contacts, or free text."""
    if value is None or value == "":
        return None, None
    lineage = select(N.id).where(
        N.full_name_key.in_([*nodes.ancestor_keys(owner.full_name_key), owner.full_name_key])
    )
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValidationError("Choose a contact or type a name.", field="contact")
    if isinstance(value, int):
        check_id(value, field="contact", label="contact")
        contact = session.get(m.Contact, value)
        in_lineage = (
            contact is not None
            and session.execute(
                select(N.id).where(N.id == contact.owner_id, N.id.in_(lineage))
            ).first()
        )
        if contact is None or not in_lineage:
            raise ValidationError(
                "That contact does not belong to this customer or job.", field="contact"
            )
        return contact.id, contact.name
    name = as_text(value, field="contact", label="The contact", max_length=m.NAME_LENGTH)
    if name is None:
        return None, None
    candidates = session.execute(
        select(m.Contact.id, m.Contact.name, m.Contact.owner_id).where(
            m.Contact.owner_id.in_(lineage)
        )
    ).all()
    wanted = keys.name_key(name)
    # The owner's own contact wins over one of its customer's with the same name.
    matches = sorted(
        (c for c in candidates if keys.name_key(c.name) == wanted),
        key=lambda c: c.owner_id != owner.id,
    )
    if matches:
        return matches[0].id, matches[0].name
    return None, name


def _employee(session: Session, value: Any) -> tuple[int | None, str | None]:
    name = as_text(value, field="employee", label="The employee", max_length=m.NAME_LENGTH)
    if name is None:
        return None, None
    # Matched here as search matches (case and accents folded: "emile" is Émile), not with
    # SQL lower(), which in SQLite folds ASCII letters only; an office has few employees.
    wanted = keys.fold(name)
    staff = session.execute(
        select(m.Employee.id, m.Employee.name).order_by(m.Employee.is_active.desc(), m.Employee.id)
    )
    found = next((e for e in staff if keys.fold(e.name) == wanted), None)
    if found is None:
        return None, name
    return found.id, found.name


def _follow_up(value: Any) -> date | None:
    return as_date(value, field="follow_up_on", label="The follow-up date")


def add(
    session: Session,
    *,
    owner: int,
    at: datetime | None = None,
    kind: str,
    subject: str,
    details: str | None = None,
    contact: str | int | None = None,
    follow_up_on: date | None = None,
    employee: str | None = None,
    is_system: bool = False,
) -> LogEntryRecord:
    """Log a call, email, visit, note … on a customer or job (``at`` None is now)."""
    node = nodes.get_node(session, owner, field="owner")
    contact_id, contact_name = _contact(session, node, contact)
    employee_id, employee_name = _employee(session, employee)
    assert node.customer_id is not None
    entry = E(
        node_id=node.id,
        customer_id=node.customer_id,
        at=_at(at),
        kind=_kind(kind),
        subject=_subject(subject),
        details=_details(details),
        contact_id=contact_id,
        contact_name=contact_name,
        follow_up_on=_follow_up(follow_up_on),
        employee_id=employee_id,
        employee_name=employee_name,
        is_system=as_bool(is_system, field="is_system", label="System entry"),
    )
    session.add(entry)
    session.flush()
    return _record(entry, node.full_name, 0)


def _record(entry: m.ContactLogEntry, full_name: str, revision_count: int) -> LogEntryRecord:
    return LogEntryRecord(
        id=entry.id,
        node_id=entry.node_id,
        customer_id=entry.customer_id,
        node_full_name=full_name,
        at=entry.at,
        kind=entry.kind,
        subject=entry.subject,
        details=entry.details,
        contact_id=entry.contact_id,
        contact_name=entry.contact_name,
        follow_up_on=entry.follow_up_on,
        employee_id=entry.employee_id,
        employee_name=entry.employee_name,
        is_system=entry.is_system,
        revision_count=revision_count,
        created_at=entry.created_at,
        version=entry.version,
    )


def _revision_count() -> Any:
    return (
        select(func.count(m.ContactLogRevision.id))
        .where(m.ContactLogRevision.entry_id == E.id)
        .correlate(E)
        .scalar_subquery()
    )


@reads
def list_for(
    session: Session, owner: int, *, include_jobs: bool = False, limit: int | None = None
) -> list[LogEntryRecord]:
    """A customer's or job's log, newest first; ``include_jobs`` adds its jobs' entries."""
    node = nodes.get_node(session, owner, field="owner")
    stmt = select(E, N.full_name, _revision_count()).join(N, N.id == E.node_id)
    if not include_jobs:
        stmt = stmt.where(E.node_id == node.id)
    elif node.parent_id is None:
        stmt = stmt.where(E.customer_id == node.id)
    else:
        stmt = stmt.where(
            E.node_id.in_(select(N.id).where(nodes.subtree_of(node.id, node.full_name_key)))
        )
    stmt = stmt.order_by(E.at.desc(), E.id.desc())
    if limit is not None:
        check_count(
            limit,
            field="limit",
            message="The number of entries must be a positive whole number.",
        )
        stmt = stmt.limit(limit)
    return [_record(entry, full_name, count) for entry, full_name, count in session.execute(stmt)]


@reads
def get(session: Session, entry_id: int) -> LogEntryRecord:
    _check_entry_id(entry_id)
    row = session.execute(
        select(E, N.full_name, _revision_count()).join(N, N.id == E.node_id).where(E.id == entry_id)
    ).first()
    if row is None:
        raise NotFoundError(f"There is no contact log entry with id {entry_id}.")
    return _record(row[0], row[1], row[2])


def _check_entry_id(entry_id: Any) -> int:
    return check_id(
        entry_id, field="entry", label="contact log entry", message="Choose a contact log entry."
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def correct(
    session: Session,
    entry_id: int,
    *,
    by: str,
    expected_version: int | None = None,
    **changes: Unpack[LogEntryCorrection],
) -> LogEntryRecord:
    """Correct a log entry, keeping what it said before, who corrected it and when.

    Takes ``at``, ``kind``, ``subject``, ``details``, ``contact``, ``follow_up_on`` and
    ``employee``. Entries the program wrote itself (credit holds, overrides) are records
    of what happened and cannot be corrected.
    """
    entry = session.get(E, _check_entry_id(entry_id))
    if entry is None:
        raise NotFoundError(f"There is no contact log entry with id {entry_id}.")
    who = required_text(
        by,
        field="by",
        label="Who corrects the entry",
        max_length=m.NAME_LENGTH,
        missing="Say who is correcting the log entry.",
    )
    if entry.is_system:
        raise ValidationError(
            "This entry was written by OfficeMgr itself and cannot be corrected; "
            "add a note instead.",
            field="entry",
        )
    nodes.check_version(entry, expected_version, entry.subject)
    unknown = set(changes) - _CORRECTABLE
    if unknown:
        field = sorted(unknown)[0]
        raise ValidationError(f"“{shown(field)}” is not part of a log entry.", field=field)
    node = nodes.get_node(session, entry.node_id)
    new: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "at":
            new["at"] = _at(value) if value is not None else entry.at
        elif key == "kind":
            new["kind"] = _kind(value)
        elif key == "subject":
            new["subject"] = _subject(value)
        elif key == "details":
            new["details"] = _details(value)
        elif key == "contact":
            new["contact_id"], new["contact_name"] = _contact(session, node, value)
        elif key == "follow_up_on":
            new["follow_up_on"] = _follow_up(value)
        elif key == "employee":
            new["employee_id"], new["employee_name"] = _employee(session, value)
    previous = {
        key: _jsonable(getattr(entry, key))
        for key, value in new.items()
        if getattr(entry, key) != value
    }
    if previous:
        session.add(
            m.ContactLogRevision(
                entry_id=entry.id,
                changed_at=utcnow(),
                changed_by=who,
                previous=json.dumps(previous, ensure_ascii=False, sort_keys=True),
            )
        )
        for key in previous:
            setattr(entry, key, new[key])
        nodes.flush(session, record_id=entry.id, what=entry.subject)
    return get(session, entry.id)


@reads
def revisions(session: Session, entry_id: int) -> list[LogRevisionRecord]:
    """The corrections of an entry, oldest first: what it said before each."""
    _check_entry_id(entry_id)
    rows = session.scalars(
        select(m.ContactLogRevision)
        .where(m.ContactLogRevision.entry_id == entry_id)
        .order_by(m.ContactLogRevision.changed_at, m.ContactLogRevision.id)
    )
    return [
        LogRevisionRecord(
            id=r.id,
            entry_id=r.entry_id,
            changed_at=r.changed_at,
            changed_by=r.changed_by,
            previous=json.loads(r.previous),
        )
        for r in rows
    ]
