"""Pop-up notes: short warnings that pop up by themselves on their triggers.

A note belongs to a customer or job and has one or more triggers: when the record is
opened (``open``), when a caller's number matches it (``caller_id``), when a new job is
started for it (``new_job``), when a payment or invoice is entered (``billing``). A note
marked ``only_when_overdue`` pops up only while its customer has an overdue invoice, and
``active_from``/``active_until`` limit it to a period. Jobs inherit the notes of their
customer (and of the jobs above them). Acknowledging a note is recorded, with who and
when, and written to the contact log as a System entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, Unpack

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.choices import POPUP_REPEATS
from officemgr.core.fields import PopupNoteChanges, keys_of
from officemgr.core.inputs import (
    as_bool,
    as_date,
    as_text,
    check_id,
    is_id,
    required_text,
    shown,
)
from officemgr.core.records import PopupNoteRecord
from officemgr.core.services import _node_records as node_records
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import contact_log, reads
from officemgr.core.types import utcnow
from officemgr.errors import NotFoundError, ValidationError

__all__ = [
    "TRIGGERS",
    "AcknowledgementRecord",
    "acknowledge",
    "add",
    "due",
    "get",
    "list_for",
    "remove",
    "update",
]

P = m.PopupNote
N = m.CustomerJob

# trigger name -> the note's column
TRIGGERS = {
    "open": "on_open",
    "caller_id": "on_caller_id",
    "new_job": "on_new_job",
    "billing": "on_billing",
}
_FLAGS = {
    "on_open": "When the record is opened",
    "on_caller_id": "When the caller's number matches",
    "on_new_job": "When a new job is started",
    "on_billing": "When a payment or invoice is entered",
    "only_when_overdue": "Only while the balance is overdue",
    "is_active": "Active",
}
_FIELDS = keys_of(PopupNoteChanges)  # "text", the _FLAGS, "active_from", "active_until"
TEXT_LENGTH = 2000


@dataclass(frozen=True)
class AcknowledgementRecord:
    """One note acknowledged on one record: who, when, and the log entry written."""

    id: int
    note_id: int
    node_id: int
    acknowledged_at: datetime
    employee_name: str | None
    log_entry_id: int

    @property
    def name(self) -> str:
        return self.employee_name or ""


def _text(value: Any) -> str:
    text = required_text(
        value,
        field="text",
        label="The note",
        max_length=TEXT_LENGTH,
        missing="Write the text of the pop-up note.",
    )
    return text.replace("\r\n", "\n")


def _check(note: m.PopupNote) -> None:
    if not (note.on_open or note.on_caller_id or note.on_new_job or note.on_billing):
        raise ValidationError(
            "Choose at least one moment for the note to pop up (for example, when the "
            "record is opened).",
            field="triggers",
        )
    if note.active_from and note.active_until and note.active_until < note.active_from:
        raise ValidationError(
            "The note stops before it starts: “active until” is before “active from”.",
            field="active_until",
        )


def _load(session: Session, note_id: Any) -> m.PopupNote:
    check_id(note_id, field="note", label="pop-up note", message="Choose a pop-up note.")
    note = session.get(P, note_id)
    if note is None:
        raise NotFoundError(f"There is no pop-up note with id {note_id}; it may have been removed.")
    return note


def add(
    session: Session,
    *,
    owner: int,
    text: str,
    on_open: bool = True,
    on_caller_id: bool = False,
    on_new_job: bool = False,
    on_billing: bool = False,
    only_when_overdue: bool = False,
    active_from: date | str | None = None,
    active_until: date | str | None = None,
    is_active: bool = True,
) -> PopupNoteRecord:
    """Add a pop-up note to a customer or job (its jobs inherit it)."""
    node = nodes.get_node(session, owner, field="owner")
    flags = {
        "on_open": on_open,
        "on_caller_id": on_caller_id,
        "on_new_job": on_new_job,
        "on_billing": on_billing,
        "only_when_overdue": only_when_overdue,
        "is_active": is_active,
    }
    note = P(
        owner_id=node.id,
        text=_text(text),
        active_from=as_date(active_from, field="active_from", label="Active from"),
        active_until=as_date(active_until, field="active_until", label="Active until"),
        **{key: as_bool(value, field=key, label=_FLAGS[key]) for key, value in flags.items()},
    )
    _check(note)
    session.add(note)
    session.flush()
    return node_records.popup_record(note)


@reads
def get(session: Session, note_id: int) -> PopupNoteRecord:
    return node_records.popup_record(_load(session, note_id))


def update(
    session: Session,
    note_id: int,
    *,
    expected_version: int | None = None,
    **changes: Unpack[PopupNoteChanges],
) -> PopupNoteRecord:
    """Change a note's ``text``, triggers (``on_open`` …), ``only_when_overdue``,
    ``is_active``, ``active_from`` or ``active_until``."""
    note = _load(session, note_id)
    nodes.check_version(note, expected_version, "This pop-up note")
    unknown = set(changes) - _FIELDS
    if unknown:
        field = sorted(unknown)[0]
        raise ValidationError(f"“{shown(field)}” is not a field of a pop-up note.", field=field)
    for key, value in changes.items():
        if key == "text":
            note.text = _text(value)
        elif key in _FLAGS:
            setattr(note, key, as_bool(value, field=key, label=_FLAGS[key]))
        else:
            label = "Active from" if key == "active_from" else "Active until"
            setattr(note, key, as_date(value, field=key, label=label))
    _check(note)
    nodes.flush(session, record_id=note.id, what="This pop-up note")
    return node_records.popup_record(note)


def remove(session: Session, note_id: int) -> None:
    """Remove a pop-up note (its acknowledgements go with it; the contact log keeps them)."""
    note = _load(session, note_id)
    session.delete(note)
    nodes.flush(session, record_id=note.id, what="This pop-up note")


def _lineage(session: Session, node: m.CustomerJob) -> list[int]:
    """The ids of the node and of the customer and jobs above it."""
    above = session.scalars(
        select(N.id).where(N.full_name_key.in_(nodes.ancestor_keys(node.full_name_key)))
    ).all()
    return [*above, node.id]


@reads
def list_for(session: Session, node_id: int, *, inherited: bool = True) -> list[PopupNoteRecord]:
    """The notes of a customer or job (with ``inherited``, those above it too), oldest first."""
    node = nodes.get_node(session, node_id)
    owners = _lineage(session, node) if inherited else [node.id]
    rows = session.scalars(select(P).where(P.owner_id.in_(owners)).order_by(P.id)).all()
    return [node_records.popup_record(row, inherited=row.owner_id != node.id) for row in rows]


def _is_overdue(session: Session, customer_id: int, today: date) -> bool:
    return balances.is_overdue(session.connection(), customer_id, today)


@reads
def due(
    session: Session,
    node_id: int,
    *,
    trigger: str = "open",
    today: date | None = None,
    quiet_for: str | None = None,
    repeat: str = "every_open",
) -> list[PopupNoteRecord]:
    """The notes that pop up now for ``trigger`` on a customer or job (inherited included).

    Active notes with that trigger, within their active dates (``today`` defaults to the
    local date), and — for notes marked so — only while the customer is overdue.

    ``quiet_for`` (who works at this desk) with ``repeat`` keeps a note this person has
    acknowledged quiet (on the record or any other it shows on): ``"daily"`` for the rest
    of the day, ``"until_changed"`` until the note is edited, ``"every_open"`` not at
    all. An edited note shows again either way; caller-ID notes show on every call.
    """
    column = TRIGGERS.get(trigger) if isinstance(trigger, str) else None
    if column is None:
        raise ValidationError(
            f"A pop-up trigger is one of: {', '.join(TRIGGERS)}.", field="trigger"
        )
    if not isinstance(repeat, str) or repeat not in POPUP_REPEATS:
        raise ValidationError(
            f"A pop-up note shows again {', '.join(POPUP_REPEATS)}; not “{shown(repeat)}”.",
            field="repeat",
        )
    day = as_date(today, field="today", label="Today") or date.today()
    node = nodes.get_node(session, node_id)
    stmt = (
        select(P)
        .where(
            P.owner_id.in_(_lineage(session, node)),
            P.is_active.is_(True),
            getattr(P, column).is_(True),
            (P.active_from.is_(None)) | (P.active_from <= day),
            (P.active_until.is_(None)) | (P.active_until >= day),
        )
        .order_by(P.id)
    )
    who = as_text(quiet_for, field="quiet_for", label="Who works here", max_length=m.NAME_LENGTH)
    if who and trigger != "caller_id" and repeat != "every_open":
        stmt = stmt.where(~_acknowledged(who, day if repeat == "daily" else None))
    rows = session.scalars(stmt).all()
    if any(row.only_when_overdue for row in rows):
        assert node.customer_id is not None
        if not _is_overdue(session, node.customer_id, day):
            rows = [row for row in rows if not row.only_when_overdue]
    return [node_records.popup_record(row, inherited=row.owner_id != node.id) for row in rows]


def _acknowledged(who: str, day: date | None) -> ColumnElement[bool]:
    """The note was acknowledged by ``who`` since it was last changed (and, with ``day``,
    on that local day)."""
    ack = m.PopupAcknowledgement
    since = ack.acknowledged_at >= P.updated_at
    if day is not None:
        start = datetime.combine(day, time.min).astimezone(UTC)  # local midnight
        since = since & (ack.acknowledged_at >= start)
    return exists().where(ack.note_id == P.id, ack.employee_name == who, since)


def acknowledge(
    session: Session, node_id: int, *, note_ids: Sequence[int], by: str
) -> list[AcknowledgementRecord]:
    """Record that ``by`` read the notes on this record, and log it as a System entry."""
    node = nodes.get_node(session, node_id)
    who = required_text(
        by,
        field="by",
        label="Who acknowledged",
        max_length=m.NAME_LENGTH,
        missing="Say who is acknowledging the note.",
    )
    if (
        isinstance(note_ids, (str, bytes))
        or not isinstance(note_ids, Sequence)
        or not note_ids
        or not all(is_id(note_id) for note_id in note_ids)
    ):
        raise ValidationError("Choose the pop-up notes to acknowledge.", field="note")
    notes = [_load(session, note_id) for note_id in dict.fromkeys(note_ids)]
    lineage = set(_lineage(session, node))
    for note in notes:
        if note.owner_id not in lineage:
            raise ValidationError(
                "That pop-up note does not belong to this customer or job.", field="note"
            )
    texts = "\n".join(f"• {note.text}" for note in notes)
    noun = "note" if len(notes) == 1 else "notes"
    entry = contact_log.add(
        session,
        owner=node.id,
        kind="System",
        subject=f"Pop-up {noun} acknowledged",
        details=f"{who} acknowledged the pop-up {noun}:\n{texts}",
        employee=who,
        is_system=True,
    )
    now = utcnow()
    rows = [
        m.PopupAcknowledgement(
            note_id=note.id, node_id=node.id, acknowledged_at=now, employee_name=who
        )
        for note in notes
    ]
    session.add_all(rows)
    session.flush()
    return [
        AcknowledgementRecord(
            id=row.id,
            note_id=row.note_id,
            node_id=row.node_id,
            acknowledged_at=now,
            employee_name=who,
            log_entry_id=entry.id,
        )
        for row in rows
    ]
