"""Customer:Job nodes: name and tree keys, lookups, version checks, form fields and apply.

Not a service module (no ``__all__`` of services): ``customers``, ``jobs``, ``contacts``,
``contact_log``, ``phone_lookup`` and ``lists`` build on it and on its siblings —
``_fields`` (input converters), ``_contact_details`` (phones, emails, addresses, cards),
``_custom_fields``, ``_tree_ops`` (rename, move), ``_node_records`` (summaries, the
form's detail) and ``_node_save`` (the form's save).

Full names: a node's ``full_name`` is its ancestors' names and its own joined by ":";
``full_name_key`` is the same, NFC-normalized and case-folded, and unique. Since a name
never contains ":", the descendants of a node are exactly the rows whose key lies in
``[key + ":", key + ";")`` — a range the unique index on ``full_name_key`` answers, so
renames and moves rewrite a whole subtree with one set-based UPDATE.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.inputs import (
    as_bool,
    as_choice,
    as_date,
    as_id,
    as_int,
    as_money,
    as_text,
    check_id,
    shown,
)
from officemgr.core.inputs import check_version as checked_version
from officemgr.core.keys import name_key
from officemgr.core.services._contact_details import (
    check_card_number,
    set_address,
    set_email,
    set_phone,
)
from officemgr.core.services._custom_fields import set_custom_values
from officemgr.core.tree_queries import descendants_of
from officemgr.core.types import utcnow
from officemgr.core.validation import check_node_name
from officemgr.errors import ConflictError, DuplicateError, NotFoundError, ValidationError

N = m.CustomerJob

# ------------------------------------------------------------------------------ keys


def clean_node_name(value: Any, *, field: str = "name") -> str:
    """A node name as stored: checked (no ":", not empty, not too long), NFC."""
    if not isinstance(value, str):
        raise ValidationError("A name must be text.", field=field)
    return unicodedata.normalize("NFC", check_node_name(value, field=field))


def subtree_of(node_id: int, key: str) -> ColumnElement[bool]:
    return or_(N.id == node_id, descendants_of(key))


def ancestor_keys(key: str) -> list[str]:
    parts = key.split(":")
    return [":".join(parts[:i]) for i in range(1, len(parts))]


class NamedNode(Protocol):
    """What naming a node under another needs of it (a loaded node, or a plain record)."""

    @property
    def full_name(self) -> str: ...

    @property
    def full_name_key(self) -> str: ...

    @property
    def depth(self) -> int: ...


def full_names_under(parent: m.CustomerJob | NamedNode | None, name: str) -> tuple[str, str]:
    """(full name, full name key) of a node called ``name`` under ``parent`` (None: a customer)."""
    if parent is None:
        return name, name_key(name)
    return f"{parent.full_name}:{name}", f"{parent.full_name_key}:{name_key(name)}"


def check_room_under(parent: m.CustomerJob | NamedNode) -> None:
    """Refuse a job under ``parent`` when the tree would get too deep."""
    if parent.depth + 1 >= m.MAX_DEPTH:
        raise ValidationError(
            f"“{parent.full_name}” is already {m.MAX_DEPTH} levels deep; the Customer:Job "
            f"list has at most {m.MAX_DEPTH} levels, so it cannot have jobs.",
            field="parent",
        )


# ---------------------------------------------------------------------- lookups


def node_not_found(node_id: Any) -> NotFoundError:
    return NotFoundError(
        f"There is no customer or job with id {node_id}; it may have been deleted."
    )


def check_node_id(node_id: Any, *, field: str = "node_id") -> None:
    """A ValidationError naming ``field`` when ``node_id`` cannot be a customer's or job's id."""
    check_id(node_id, field=field, label="customer or job", message="Choose a customer or job.")


def get_node(session: Session, node_id: Any, *, field: str = "node_id") -> m.CustomerJob:
    """The customer or job with id ``node_id``; a ValidationError naming ``field`` when the
    value cannot be an id, NotFoundError when there is none."""
    check_node_id(node_id, field=field)
    node = session.get(N, node_id)
    if node is None:
        raise node_not_found(node_id)
    return node


def load_for_edit(session: Session, node_id: Any) -> m.CustomerJob:
    """A node to change. Its collections (addresses, phones, e-mails, custom values, Job
    Info) load when a change reaches them, one query each: a save of a note or a credit
    limit reads none of them."""
    return get_node(session, node_id)


def ensure_name_free(
    session: Session,
    key: str,
    *,
    message: Callable[[str, str], str],
    field: str = "name",
    exclude_id: int | None = None,
) -> None:
    """Refuse a full name already taken; ``message(name, full_name)`` of the holder."""
    existing = session.execute(
        select(N.id, N.name, N.full_name).where(N.full_name_key == key)
    ).first()
    if existing is not None and existing.id != exclude_id:
        raise DuplicateError(
            message(existing.name, existing.full_name), field=field, existing_id=existing.id
        )


def taken_message(parent: m.CustomerJob | None) -> Callable[[str, str], str]:
    """How a name clash under ``parent`` (None: among customers) is told."""
    if parent is None:
        return lambda _name, full_name: f"There is already a customer called “{full_name}”."
    where = parent.full_name
    return lambda name, _full_name: f"“{where}” already has a job called “{name}”."


# ---------------------------------------------------------------------- versions


def check_version(row: Any, expected_version: int | None, what: str | None) -> None:
    """Refuse a save made from an out-of-date copy of ``row`` (its ``id`` and ``version``)."""
    expected_version = checked_version(expected_version)
    if expected_version is not None and row.version != expected_version:
        raise conflict(row.id, what)


def conflict(record_id: int | None, what: str | None) -> ConflictError:
    subject = f"“{what}”" if what else "This record"
    return ConflictError(
        f"{subject} was changed by someone else after you opened it. Your changes were not "
        "saved; open it again to see the latest version.",
        record_id=record_id,
    )


def flush(session: Session, *, record_id: int | None = None, what: str | None = None) -> None:
    """Flush, turning SQLAlchemy's optimistic-locking failure into a ConflictError."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise conflict(record_id, what) from exc


def touch(row: m.Timestamped) -> None:
    """Mark a row changed so its version moves even when only its child rows changed."""
    row.updated_at = utcnow()


def has_changes(session: Session) -> bool:
    """Whether the session holds anything a flush would write."""
    return bool(
        session.new or session.deleted or any(session.is_modified(o) for o in session.dirty)
    )


# ------------------------------------------------------------------- node fields

# form field -> (label, max length, multiline)
TEXT_FIELDS: dict[str, tuple[str, int, bool]] = {
    "company_name": ("Company name", m.NAME_LENGTH, False),
    "salutation": ("Salutation", 20, False),
    "first_name": ("First name", m.SHORT, False),
    "middle_initial": ("Middle initial", 5, False),
    "last_name": ("Last name", m.SHORT, False),
    "pronounced": ("Pronounced", m.NAME_LENGTH, False),
    "website": ("Website", m.LONG, False),
    "alt_contact_name": ("Alternate contact", m.NAME_LENGTH, False),
    "resale_number": ("Resale number", m.SHORT, False),
    "notepad": ("Notepad", 100_000, True),
    "ar_account": ("A/R account", m.SHORT, False),
    "card_holder": ("Card holder", m.NAME_LENGTH, False),
    "card_brand": ("Card brand", 20, False),
    "billing_postal_code": ("Billing ZIP", 20, False),
}
BOOL_FIELDS = {
    "work_same_as_bill_to": "Work address same as Bill To",
    "is_debit_card": "Debit card",
    "is_active": "Active",
    "is_prospect": "Prospect",
}
# form field -> (what it refers to, label); a str target is a simple list's name
REF_FIELDS: dict[str, tuple[type[m.Base] | str, str]] = {
    "customer_type_id": ("customer_type", "Customer type"),
    "department_id": ("department", "Department"),
    "marketing_source_id": ("marketing_source", "Marketing source"),
    "price_level_id": ("price_level", "Price level"),
    "terms_id": (m.Terms, "Terms"),
    "sales_rep_id": (m.Employee, "Sales rep"),
    "inside_rep_id": (m.Employee, "Inside sales rep"),
    "tax_code_id": (m.TaxCode, "Tax code"),
    "payment_method_id": (m.PaymentMethod, "Payment method"),
}
# form field -> (phone kind, label, position)
PHONE_FIELDS = {
    "phone": ("main", "Phone", 0),
    "alt_phone": ("alt", "Alternate phone", 1),
    "cell": ("cell", "Cell", 2),
    "fax": ("fax", "Fax", 3),
}
EMAIL_FIELDS = {"email": ("main", "Email", 0), "cc_email": ("cc", "Cc email", 1)}
ADDRESS_FIELDS = {"bill_to": "Bill To", "work": "Work address"}
PAYMENT_FIELDS = {
    "account_number",
    "credit_limit",
    "opening_balance",
    "opening_balance_date",
    "card_number",
    "card_last4",
    "card_exp_month",
    "card_exp_year",
}
OTHER_FIELDS = {"preferred_contact", "custom_fields"}
JOB_TEXT_FIELDS: dict[str, tuple[str, int, bool]] = {
    "title": ("Job title", m.NAME_LENGTH, False),
    "description": ("Job description", m.LONG, False),
    "details": ("Job details", 100_000, True),
}
JOB_DATE_FIELDS = {
    "start_date": "Start date",
    "projected_end_date": "Projected end date",
    "completion_date": "Completion date",
}
JOB_FIELDS = {
    *JOB_TEXT_FIELDS,
    *JOB_DATE_FIELDS,
    "job_type_id",
    "status",
    "foreman_id",
    "projected_total",
    "estimate_type",
}
NODE_FIELDS = {
    *TEXT_FIELDS,
    *BOOL_FIELDS,
    *REF_FIELDS,
    *PHONE_FIELDS,
    *EMAIL_FIELDS,
    *ADDRESS_FIELDS,
    *PAYMENT_FIELDS,
    *OTHER_FIELDS,
}
# Copied from the parent into a new job (its contact details, reused not retyped)
COPIED_FIELDS = (
    "company_name",
    "salutation",
    "first_name",
    "middle_initial",
    "last_name",
    "pronounced",
    "website",
    "alt_contact_name",
    "preferred_contact",
    "work_same_as_bill_to",
    "customer_type_id",
    "terms_id",
    "sales_rep_id",
    "inside_rep_id",
    "tax_code_id",
    "price_level_id",
)
_HOLD_FIELDS = {"credit_hold", "credit_hold_reason", "credit_hold_at", "credit_hold_by"}
_READ_ONLY = {
    "id",
    "parent_id",
    "customer_id",
    "depth",
    "full_name",
    "full_name_key",
    "sort_key",
    "balance",
    "balance_total",
    "version",
    "created_at",
    "updated_at",
}


def check_field_names(fields: Iterable[str], *, is_job: bool) -> None:
    """Refuse fields a customer or job does not have, with a sentence saying why."""
    for key in fields:
        if key in _HOLD_FIELDS:
            raise ValidationError(
                "A credit hold is placed and released with its own command, which records "
                "who did it and why.",
                field="credit_hold",
            )
        if key in _READ_ONLY:
            raise ValidationError(
                f"“{shown(key)}” is kept by OfficeMgr and cannot be set.", field=key
            )
        if key in JOB_FIELDS and not is_job:
            raise ValidationError(
                "Job Info (title, type, status, foreman, dates, totals) is for jobs only.",
                field=key,
            )
        if key == "is_prospect" and is_job:
            raise ValidationError(
                "Only a customer can be a prospect; its jobs show the customer's status.",
                field=key,
            )
        if key not in NODE_FIELDS and key not in JOB_FIELDS:
            raise ValidationError(f"“{shown(key)}” is not a field of a customer or job.", field=key)


def _check_ref(session: Session, field: str, value: Any) -> int | None:
    target, label = REF_FIELDS[field]
    ref = as_id(value, field=field, label=label)
    if ref is None:
        return None
    found: object | None
    if isinstance(target, str):
        found = session.execute(
            select(m.ListItem.id).where(m.ListItem.id == ref, m.ListItem.list_name == target)
        ).scalar()
    else:
        found = session.get(target, ref)
    if found is None:
        raise ValidationError(
            f"That {label.lower()} is not in the office list any more.", field=field
        )
    return ref


# ------------------------------------------------------------------ apply changes


def apply_fields(
    session: Session,
    node: m.CustomerJob,
    changes: Mapping[str, Any],
    *,
    region: str,
    replace_addresses: bool,
    is_job: bool | None = None,
) -> Decimal:
    """Check and set form fields on ``node`` (not name or parent).

    Returns the change of the opening balance, which the caller applies to the stored
    balances after flushing (`apply_opening_balance`).
    """
    if is_job is None:
        is_job = node.parent_id is not None
    check_field_names(changes, is_job=is_job)
    # One flush at the end, so a save moves the version once, not once per lookup.
    with session.no_autoflush:
        return _apply_fields(session, node, changes, region, replace_addresses, is_job)


def _apply_fields(
    session: Session,
    node: m.CustomerJob,
    changes: Mapping[str, Any],
    region: str,
    replace_addresses: bool,
    is_job: bool,
) -> Decimal:
    delta = Decimal(0)
    for key, value in changes.items():
        columns = checked_columns(key, value, changes)
        if columns is not None:
            for column, checked in columns.items():
                setattr(node, column, checked)
        elif key in REF_FIELDS:
            setattr(node, key, _check_ref(session, key, value))
        elif key in PHONE_FIELDS:
            kind, label, position = PHONE_FIELDS[key]
            set_phone(
                node.phones,
                value,
                kind=kind,
                region=region,
                position=position,
                field=key,
                label=label,
            )
        elif key in EMAIL_FIELDS:
            kind, label, position = EMAIL_FIELDS[key]
            set_email(node.emails, value, kind=kind, position=position, field=key, label=label)
        elif key in ADDRESS_FIELDS:
            set_address(
                node.addresses,
                key,
                value,
                label=ADDRESS_FIELDS[key],
                replace=replace_addresses,
            )
            for column, flag in address_columns(key, value, changes).items():
                setattr(node, column, flag)
        elif key == "custom_fields":
            set_custom_values(session, node, value, is_job=is_job)
        elif key == "account_number":
            number = checked_account_number(value)
            if number is not None:
                taken = select(N.id, N.full_name).where(N.account_number == number)
                if node.id is not None:
                    taken = taken.where(N.id != node.id)
                other = session.execute(taken).first()
                if other is not None:
                    raise DuplicateError(
                        f"Account number {number} is already used by “{other.full_name}”.",
                        field=key,
                        existing_id=other.id,
                    )
            node.account_number = number
        elif key == "opening_balance":
            amount = as_money(value, field=key, label="Opening balance") or Decimal(0)
            delta += amount - (node.opening_balance or Decimal(0))
            node.opening_balance = amount
        elif key in JOB_FIELDS:
            _apply_job_field(session, node, key, value)
    if any(key in JOB_DATE_FIELDS for key in changes) and node.job_info is not None:
        info = node.job_info
        check_job_dates(info.start_date, info.projected_end_date, info.completion_date)
    if node.opening_balance and node.opening_balance_date is None:
        # An opening balance counts, and is aged, from its date: brought forward today
        # unless the form says when.
        node.opening_balance_date = date.today()
    return delta


def checked_columns(key: str, value: Any, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    """The node columns form field ``key`` sets to ``value``, checked — for the fields
    that need nothing but the value (and the other ``changes``); None for the others."""
    if key in TEXT_FIELDS:
        label, max_length, multiline = TEXT_FIELDS[key]
        text = as_text(value, field=key, label=label, max_length=max_length, multiline=multiline)
        return {key: text}
    if key in BOOL_FIELDS:
        return {key: as_bool(value, field=key, label=BOOL_FIELDS[key])}
    if key == "preferred_contact":
        return {
            key: as_choice(value, m.CONTACT_METHODS, field=key, label="Preferred contact method")
        }
    if key == "credit_limit":
        return {key: as_money(value, field=key, label="Credit limit", allow_negative=False)}
    if key == "opening_balance_date":
        return {key: as_date(value, field=key, label="Opening balance date")}
    if key == "card_number":
        card = check_card_number(value)
        columns = {"card_last4": card[1] if card else None}
        if "card_brand" not in changes:
            columns["card_brand"] = card[0] if card else None
        return columns
    if key == "card_last4":
        last4 = as_text(value, field=key, label="Card number", max_length=m.SHORT)
        if last4 is not None and (len(last4) != 4 or not last4.isdigit()):
            raise ValidationError("Keep only the last four digits of the card number.", field=key)
        return {key: last4}
    if key == "card_exp_month":
        return {key: as_int(value, field=key, label="Expiry month", low=1, high=12)}
    if key == "card_exp_year":
        year = as_int(value, field=key, label="Expiry year", low=0, high=2200)
        if year is not None and year < 100:
            year += 2000
        if year is not None and not 2000 <= year <= 2200:
            raise ValidationError("Expiry year must be a year such as 2028.", field=key)
        return {key: year}
    return None


def checked_account_number(value: Any) -> str | None:
    """An account number as typed, checked (that no other record has it is the caller's
    check)."""
    return as_text(value, field="account_number", label="Account number", max_length=m.SHORT)


def address_columns(key: str, value: Any, changes: Mapping[str, Any]) -> dict[str, bool]:
    """The node columns an address field sets besides the address: giving a work
    address (unless the form says otherwise) means it is not the Bill To address."""
    if key == "work" and "work_same_as_bill_to" not in changes:
        return {"work_same_as_bill_to": value is None}
    return {}


def _apply_job_field(session: Session, node: m.CustomerJob, key: str, value: Any) -> None:
    info = node.job_info
    if info is None:
        info = node.job_info = m.JobInfo(status="None")
    columns = checked_job_columns(key, value)
    if columns is not None:
        for column, checked in columns.items():
            setattr(info, column, checked)
    elif key == "job_type_id":
        ref = as_id(value, field=key, label="Job type")
        if ref is not None and session.get(m.JobType, ref) is None:
            raise ValidationError("That job type is not in the office list any more.", field=key)
        info.job_type_id = ref
    elif key == "foreman_id":
        ref = as_id(value, field=key, label="Foreman")
        if ref is not None and session.get(m.Employee, ref) is None:
            raise ValidationError("That foreman is not in the employee list any more.", field=key)
        info.foreman_id = ref


def checked_job_columns(key: str, value: Any) -> dict[str, Any] | None:
    """The Job Info columns job field ``key`` sets to ``value``, checked — for the fields
    that need nothing but the value; None for the others (the list references)."""
    if key in JOB_TEXT_FIELDS:
        label, max_length, multiline = JOB_TEXT_FIELDS[key]
        text = as_text(value, field=key, label=label, max_length=max_length, multiline=multiline)
        return {key: text}
    if key in JOB_DATE_FIELDS:
        return {key: as_date(value, field=key, label=JOB_DATE_FIELDS[key])}
    if key == "status":
        return {key: as_choice(value, m.JOB_STATUSES, field=key, label="Job status")}
    if key == "estimate_type":
        if value is None or value == "":
            return {key: None}
        return {key: as_choice(value, m.ESTIMATE_TYPES, field=key, label="Estimate type")}
    if key == "projected_total":
        total = as_money(value, field=key, label="Projected total", allow_negative=False)
        return {key: total}
    return None


def check_job_dates(
    start: date | None, projected_end: date | None, completion: date | None
) -> None:
    """Refuse a job's end dates before its start."""
    if start is None:
        return
    if projected_end is not None and projected_end < start:
        raise ValidationError(
            "The projected end date is before the start date.", field="projected_end_date"
        )
    if completion is not None and completion < start:
        raise ValidationError(
            "The completion date is before the start date.", field="completion_date"
        )


def apply_opening_balance(session: Session, node: m.CustomerJob, delta: Decimal) -> None:
    """Move the stored balances by an opening-balance change (after a flush)."""
    if delta:
        balances.add_to_balance(session.connection(), node.id, delta)
        session.expire(node, ["balance", "balance_total"])
