"""Machinery shared by the Customer:Job services: keys, field checks, records, tree moves.

Not a service module (no ``__all__`` of services): ``customers``, ``jobs``, ``contacts``,
``contact_log`` and ``phone_lookup`` build on it.

Full names: a node's ``full_name`` is its ancestors' names and its own joined by ":";
``full_name_key`` is the same, NFC-normalized and case-folded, and unique. Since a name
never contains ":", the descendants of a node are exactly the rows whose key lies in
``[key + ":", key + ";")`` — a range the unique index on ``full_name_key`` answers, so
renames and moves rewrite a whole subtree with one set-based UPDATE.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, func, literal, or_, select, update
from sqlalchemy.orm import Session, aliased, selectinload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.records import (
    AddressRecord,
    ContactRecord,
    EmailRecord,
    JobInfoRecord,
    NodeDetail,
    NodeSummary,
    PhoneRecord,
    PopupNoteRecord,
)
from officemgr.core.types import to_decimal, utcnow
from officemgr.core.validation import check_email, check_node_name, check_text, parse_phone
from officemgr.errors import ConflictError, DuplicateError, NotFoundError, ValidationError

N = m.CustomerJob
ROOT = aliased(m.CustomerJob, name="root_node")

# ------------------------------------------------------------------------------ keys


def name_key(text: str) -> str:
    """The unique, case-insensitive key of a (full) name: NFC, case-folded."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def make_sort_key(text: str) -> str:
    """How a name sorts and matches loosely: NFKD, case-folded, accents dropped."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))[: m.NAME_LENGTH]


def clean_node_name(value: Any, *, field: str = "name") -> str:
    """A node name as stored: checked (no ":", not empty, not too long), NFC."""
    if not isinstance(value, str):
        raise ValidationError("A name must be text.", field=field)
    return unicodedata.normalize("NFC", check_node_name(value, field=field))


def descendants_of(key: str) -> ColumnElement[bool]:
    """Rows below the node whose ``full_name_key`` is ``key`` (not the node itself).

    Relies on binary (code point) collation of ``full_name_key``, SQLite's default; a
    PostgreSQL port declares the column ``COLLATE "C"``.
    """
    return and_(N.full_name_key >= key + ":", N.full_name_key < key + ";")


def subtree_of(node_id: int, key: str) -> ColumnElement[bool]:
    return or_(N.id == node_id, descendants_of(key))


def ancestor_keys(key: str) -> list[str]:
    parts = key.split(":")
    return [":".join(parts[:i]) for i in range(1, len(parts))]


# ---------------------------------------------------------------------- lookups


def office_region(session: Session) -> str:
    """The office's default phone region (ISO country code), "US" before settings exist."""
    region = session.execute(select(m.OfficeSettings.default_phone_region)).scalar()
    return region or "US"


def get_node(session: Session, node_id: Any, *, field: str | None = None) -> m.CustomerJob:
    if isinstance(node_id, bool) or not isinstance(node_id, int):
        raise ValidationError("Choose a customer or job.", field=field)
    node = session.get(N, node_id)
    if node is None:
        raise NotFoundError(
            f"There is no customer or job with id {node_id}; it may have been deleted."
        )
    return node


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


def check_version(node: m.CustomerJob, expected_version: int | None) -> None:
    if expected_version is not None and node.version != expected_version:
        raise conflict(node.id, node.full_name)


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


# ---------------------------------------------------------------------- summaries


def summary_select() -> Select[*tuple[Any, ...]]:
    """The columns of a `NodeSummary`, with the customer's prospect and hold flags."""
    return (
        select(
            N.id,
            N.name,
            N.full_name,
            N.parent_id,
            N.customer_id,
            N.depth,
            N.is_active,
            ROOT.is_prospect,
            ROOT.credit_hold,
            N.balance,
            N.balance_total,
            N.version,
            m.JobInfo.status,
        )
        .join(ROOT, ROOT.id == N.customer_id)
        .outerjoin(m.JobInfo, m.JobInfo.job_id == N.id)
    )


def summaries(session: Session, stmt: Select[*tuple[Any, ...]]) -> list[NodeSummary]:
    return [
        NodeSummary(
            id=row.id,
            name=row.name,
            full_name=row.full_name,
            parent_id=row.parent_id,
            customer_id=row.customer_id,
            depth=row.depth,
            is_active=bool(row.is_active),
            is_prospect=bool(row.is_prospect),
            credit_hold=bool(row.credit_hold),
            balance=row.balance,
            balance_total=row.balance_total,
            kind="customer" if row.parent_id is None else "job",
            version=row.version,
            status=row.status,
        )
        for row in session.execute(stmt)
    ]


def summary(session: Session, node_id: int) -> NodeSummary:
    found = summaries(session, summary_select().where(N.id == node_id))
    if not found:
        raise NotFoundError(
            f"There is no customer or job with id {node_id}; it may have been deleted."
        )
    return found[0]


# ------------------------------------------------------------------ value checks


def as_text(
    value: Any, *, field: str, label: str, max_length: int, multiline: bool = False
) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", field=field)
    return check_text(value, field=field, max_length=max_length, label=label, multiline=multiline)


def required_text(value: Any, *, field: str, label: str, max_length: int, missing: str) -> str:
    text = as_text(value, field=field, label=label, max_length=max_length)
    if text is None:
        raise ValidationError(missing, field=field)
    return text


def as_bool(value: Any, *, field: str, label: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValidationError(f"{label} must be yes or no.", field=field)


def as_date(value: Any, *, field: str, label: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError(f"{label} must be a date, such as 2026-11-02.", field=field)


def as_money(value: Any, *, field: str, label: str, allow_negative: bool = True) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label} must be an amount of money.", field=field)
    try:
        if isinstance(value, str):
            value = value.strip().replace(",", "").replace("$", "")
        amount = to_decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(f"{label} must be an amount of money.", field=field) from None
    if not amount.is_finite() or abs(amount) >= Decimal("1e13"):
        raise ValidationError(f"{label} is too large.", field=field)
    if amount < 0 and not allow_negative:
        raise ValidationError(f"{label} cannot be negative.", field=field)
    return amount


def as_int(value: Any, *, field: str, label: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{label} must be a whole number.", field=field)
    try:
        number = int(str(value).strip()) if isinstance(value, str) else int(value)
    except (ValueError, TypeError):
        raise ValidationError(f"{label} must be a whole number.", field=field) from None
    if isinstance(value, float) and value != number:
        raise ValidationError(f"{label} must be a whole number.", field=field)
    if not low <= number <= high:
        raise ValidationError(f"{label} must be between {low} and {high}.", field=field)
    return number


def as_choice(value: Any, choices: Iterable[str], *, field: str, label: str) -> str:
    options = list(choices)
    if isinstance(value, str):
        wanted = value.strip().casefold()
        for option in options:
            if option.casefold() == wanted:
                return option
    raise ValidationError(f"{label} must be one of: {', '.join(options)}.", field=field)


def as_id(value: Any, *, field: str, label: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"Choose a {label.lower()} from the list.", field=field)
    return value


# ---------------------------------------------------------------- phones, emails


def phone_row(
    text: Any, *, kind: str, region: str, position: int, field: str, label: str
) -> m.Phone | None:
    """A new Phone row for ``text``; ``None`` when empty. Never refuses a bad number."""
    as_typed = as_text(text, field=field, label=label, max_length=m.SHORT)
    if as_typed is None:
        return None
    if kind not in m.PHONE_KINDS:
        raise ValidationError(
            f"A phone type must be one of: {', '.join(m.PHONE_KINDS)}.", field=field
        )
    parsed = parse_phone(as_typed, region)
    return m.Phone(
        kind=kind,
        position=position,
        as_typed=as_typed,
        extension=(parsed.extension or None) and parsed.extension[:10],
        e164=parsed.e164,
        digits_key=parsed.digits_key,
        is_valid=parsed.is_valid,
    )


def copy_phone(source: m.Phone) -> m.Phone:
    return m.Phone(
        kind=source.kind,
        position=source.position,
        as_typed=source.as_typed,
        extension=source.extension,
        e164=source.e164,
        digits_key=source.digits_key,
        is_valid=source.is_valid,
    )


_PHONE_COLUMNS = ("as_typed", "extension", "e164", "digits_key", "is_valid")


def set_phone(
    phones: list[m.Phone],
    text: Any,
    *,
    kind: str,
    region: str,
    position: int,
    field: str,
    label: str,
) -> None:
    """Set, replace or (for empty text) remove the phone of ``kind`` in a collection."""
    existing = next((p for p in phones if p.kind == kind), None)
    new = phone_row(text, kind=kind, region=region, position=position, field=field, label=label)
    if new is None:
        if existing is not None:
            phones.remove(existing)
    elif existing is None:
        phones.append(new)
    else:
        for column in _PHONE_COLUMNS:
            if getattr(existing, column) != getattr(new, column):
                setattr(existing, column, getattr(new, column))


def phone_record(row: m.Phone, region: str) -> PhoneRecord:
    parsed = parse_phone(row.as_typed, region)
    return PhoneRecord(
        id=row.id,
        kind=row.kind,
        as_typed=row.as_typed,
        formatted=parsed.formatted or row.as_typed,
        extension=row.extension,
        e164=row.e164,
        is_valid=row.is_valid,
        warning=parsed.warning,
    )


def email_row(text: Any, *, kind: str, position: int, field: str, label: str) -> m.Email | None:
    """A new Email row; a badly shaped address is kept with ``is_valid`` False."""
    address = as_text(text, field=field, label=label, max_length=m.LONG)
    if address is None:
        return None
    checked = check_email(address)
    return m.Email(
        kind=kind,
        position=position,
        address=address,
        normalized=checked.normalized.lower() if checked.normalized else None,
        is_valid=checked.is_valid,
    )


def copy_email(source: m.Email) -> m.Email:
    return m.Email(
        kind=source.kind,
        position=source.position,
        address=source.address,
        normalized=source.normalized,
        is_valid=source.is_valid,
    )


def set_email(
    emails: list[m.Email], text: Any, *, kind: str, position: int, field: str, label: str
) -> None:
    existing = next((e for e in emails if e.kind == kind), None)
    new = email_row(text, kind=kind, position=position, field=field, label=label)
    if new is None:
        if existing is not None:
            emails.remove(existing)
    elif existing is None:
        emails.append(new)
    else:
        for column in ("address", "normalized", "is_valid"):
            if getattr(existing, column) != getattr(new, column):
                setattr(existing, column, getattr(new, column))


def email_record(row: m.Email) -> EmailRecord:
    warning = None if row.is_valid else check_email(row.address).warning
    return EmailRecord(
        id=row.id,
        kind=row.kind,
        address=row.address,
        normalized=row.normalized,
        is_valid=row.is_valid,
        warning=warning,
    )


def normalized_email(text: str) -> str | None:
    checked = check_email(text)
    return checked.normalized.lower() if checked.normalized else None


def contact_record(row: m.Contact, region: str) -> ContactRecord:
    return ContactRecord(
        id=row.id,
        owner_id=row.owner_id,
        name=row.name,
        role=row.role,
        notes=row.notes,
        is_primary=row.is_primary,
        position=row.position,
        phones=tuple(phone_record(p, region) for p in row.phones),
        emails=tuple(email_record(e) for e in row.emails),
        version=row.version,
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
ADDRESS_PARTS: dict[str, tuple[str, int]] = {
    "line1": ("Address line 1", m.LONG),
    "line2": ("Address line 2", m.LONG),
    "city": ("City", m.SHORT),
    "region": ("State or province", m.SHORT),
    "postal_code": ("ZIP or postal code", 20),
    "country": ("Country", 2),
}
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
            raise ValidationError(f"“{key}” is kept by OfficeMgr and cannot be set.", field=key)
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
            raise ValidationError(f"“{key}” is not a field of a customer or job.", field=key)


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


_CARD_BRANDS = (
    (re.compile(r"^4"), "Visa"),
    (re.compile(r"^(5[1-5]|2(2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720))"), "MasterCard"),
    (re.compile(r"^3[47]"), "American Express"),
    (re.compile(r"^(6011|65|64[4-9])"), "Discover"),
)


def card_brand(digits: str) -> str:
    return next((brand for pattern, brand in _CARD_BRANDS if pattern.match(digits)), "Card")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_number(value: Any) -> tuple[str, str] | None:
    """(brand, last four) of a card number; the number itself is never kept."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError("Type the card number as it is printed.", field="card_number")
    digits = re.sub(r"[\s-]", "", value)
    if not digits.isascii() or not digits.isdigit() or not 12 <= len(digits) <= 19:
        raise ValidationError("A card number has 12 to 19 digits.", field="card_number")
    if not _luhn_ok(digits):
        raise ValidationError(
            "That card number is not valid; check the digits.", field="card_number"
        )
    return card_brand(digits), digits[-4:]


def set_address(node: m.CustomerJob, kind: str, data: Any, *, replace: bool) -> None:
    """Set the ``kind`` address from a dict; ``None`` removes it.

    With ``replace`` False the given keys change and the others stay; an address left
    with every part empty is removed.
    """
    existing = next((a for a in node.addresses if a.kind == kind), None)
    label = ADDRESS_FIELDS[kind]
    if data is None:
        if existing is not None:
            node.addresses.remove(existing)
        return
    if not isinstance(data, Mapping):
        raise ValidationError(f"{label} must be given as address parts.", field=kind)
    unknown = set(data) - set(ADDRESS_PARTS)
    if unknown:
        raise ValidationError(
            f"{label} has no part called “{sorted(unknown)[0]}”; use {', '.join(ADDRESS_PARTS)}.",
            field=kind,
        )
    values: dict[str, str | None] = {}
    for part, (part_label, max_length) in ADDRESS_PARTS.items():
        if part in data:
            text = as_text(
                data[part],
                field=f"{kind}.{part}",
                label=part_label,
                max_length=m.SHORT if part == "country" else max_length,
            )
            if part == "country" and text is not None:
                text = text.upper()
                if len(text) != 2 or not text.isascii() or not text.isalpha():
                    raise ValidationError(
                        "Use a two-letter country code, such as US.", field=f"{kind}.{part}"
                    )
            values[part] = text
        elif existing is not None and not replace:
            values[part] = getattr(existing, part)
        else:
            values[part] = None
    if all(v is None for v in values.values()):
        if existing is not None:
            node.addresses.remove(existing)
        return
    if existing is None:
        node.addresses.append(m.Address(kind=kind, **values))
        return
    for part, value in values.items():
        if getattr(existing, part) != value:
            setattr(existing, part, value)


def copy_address(source: m.Address) -> m.Address:
    return m.Address(kind=source.kind, **{part: getattr(source, part) for part in ADDRESS_PARTS})


# ---------------------------------------------------------------- custom fields


def _encode_custom(defn: m.CustomFieldDef, value: Any) -> str | None:
    field = f"custom_fields.{defn.id}"
    label = defn.name
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = defn.field_type
    if kind == "text":
        return as_text(value, field=field, label=label, max_length=1000)
    if kind == "number":
        if isinstance(value, bool):
            raise ValidationError(f"{label} must be a number.", field=field)
        try:
            text = value.strip().replace(",", "") if isinstance(value, str) else value
            number = Decimal(str(text)) if isinstance(text, float) else Decimal(text)
        except (InvalidOperation, ValueError, TypeError):
            raise ValidationError(f"{label} must be a number.", field=field) from None
        if not number.is_finite():
            raise ValidationError(f"{label} must be a number.", field=field)
        return str(number)
    if kind == "date":
        day = as_date(value, field=field, label=label)
        return day.isoformat() if day else None
    if kind == "yes_no":
        if isinstance(value, str):
            answer = value.strip().casefold()
            if answer in ("yes", "y", "true"):
                return "yes"
            if answer in ("no", "n", "false"):
                return "no"
        return "yes" if as_bool(value, field=field, label=label) else "no"
    choices = choice_list(defn.choices)
    return as_choice(value, choices, field=field, label=label)


def decode_custom(field_type: str, text: str | None) -> Any:
    """A stored custom value as Python: Decimal, date, bool or str."""
    if text is None:
        return None
    try:
        if field_type == "number":
            return Decimal(text)
        if field_type == "date":
            return date.fromisoformat(text)
    except (InvalidOperation, ValueError):
        return text
    if field_type == "yes_no":
        return text == "yes"
    return text


def choice_list(text: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def set_custom_values(session: Session, node: m.CustomerJob, values: Any, *, is_job: bool) -> None:
    if not isinstance(values, Mapping):
        raise ValidationError(
            "Custom fields are given as {field id: value}.", field="custom_fields"
        )
    if not values:
        return
    ids = list(values)
    if any(isinstance(i, bool) or not isinstance(i, int) for i in ids):
        raise ValidationError(
            "Custom fields are given as {field id: value}.", field="custom_fields"
        )
    defs = {
        d.id: d
        for d in session.scalars(select(m.CustomFieldDef).where(m.CustomFieldDef.id.in_(ids)))
    }
    current = {v.field_id: v for v in node.custom_values}
    for field_id, value in values.items():
        defn = defs.get(field_id)
        if defn is None:
            raise ValidationError(
                "That custom field no longer exists.", field=f"custom_fields.{field_id}"
            )
        if defn.applies_to == ("customer" if is_job else "job"):
            raise ValidationError(
                f"“{defn.name}” is a field for {defn.applies_to}s only.",
                field=f"custom_fields.{field_id}",
            )
        text = _encode_custom(defn, value)
        row = current.get(field_id)
        if text is None:
            if row is not None:
                node.custom_values.remove(row)
        elif row is None:
            node.custom_values.append(m.CustomFieldValue(field_id=field_id, value=text))
        elif row.value != text:
            row.value = text


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
        if key in TEXT_FIELDS:
            label, max_length, multiline = TEXT_FIELDS[key]
            setattr(
                node,
                key,
                as_text(value, field=key, label=label, max_length=max_length, multiline=multiline),
            )
        elif key in BOOL_FIELDS:
            setattr(node, key, as_bool(value, field=key, label=BOOL_FIELDS[key]))
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
            set_address(node, key, value, replace=replace_addresses)
            if key == "work" and "work_same_as_bill_to" not in changes:
                node.work_same_as_bill_to = value is None
        elif key == "preferred_contact":
            node.preferred_contact = as_choice(
                value, m.CONTACT_METHODS, field=key, label="Preferred contact method"
            )
        elif key == "custom_fields":
            set_custom_values(session, node, value, is_job=is_job)
        elif key == "account_number":
            number = as_text(value, field=key, label="Account number", max_length=m.SHORT)
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
        elif key == "credit_limit":
            node.credit_limit = as_money(
                value, field=key, label="Credit limit", allow_negative=False
            )
        elif key == "opening_balance":
            amount = as_money(value, field=key, label="Opening balance") or Decimal(0)
            delta += amount - (node.opening_balance or Decimal(0))
            node.opening_balance = amount
        elif key == "opening_balance_date":
            node.opening_balance_date = as_date(value, field=key, label="Opening balance date")
        elif key == "card_number":
            card = _card_number(value)
            node.card_last4 = card[1] if card else None
            if "card_brand" not in changes:
                node.card_brand = card[0] if card else None
        elif key == "card_last4":
            last4 = as_text(value, field=key, label="Card number", max_length=m.SHORT)
            if last4 is not None and (len(last4) != 4 or not last4.isdigit()):
                raise ValidationError(
                    "Keep only the last four digits of the card number.", field=key
                )
            node.card_last4 = last4
        elif key == "card_exp_month":
            node.card_exp_month = as_int(value, field=key, label="Expiry month", low=1, high=12)
        elif key == "card_exp_year":
            year = as_int(value, field=key, label="Expiry year", low=0, high=2200)
            if year is not None and year < 100:
                year += 2000
            if year is not None and not 2000 <= year <= 2200:
                raise ValidationError("Expiry year must be a year such as 2028.", field=key)
            node.card_exp_year = year
        elif key in JOB_FIELDS:
            _apply_job_field(session, node, key, value)
    if any(key in JOB_DATE_FIELDS for key in changes) and node.job_info is not None:
        _check_job_dates(node.job_info)
    return delta


def _apply_job_field(session: Session, node: m.CustomerJob, key: str, value: Any) -> None:
    info = node.job_info
    if info is None:
        info = node.job_info = m.JobInfo(status="None")
    if key in JOB_TEXT_FIELDS:
        label, max_length, multiline = JOB_TEXT_FIELDS[key]
        setattr(
            info,
            key,
            as_text(value, field=key, label=label, max_length=max_length, multiline=multiline),
        )
    elif key in JOB_DATE_FIELDS:
        setattr(info, key, as_date(value, field=key, label=JOB_DATE_FIELDS[key]))
    elif key == "status":
        info.status = as_choice(value, m.JOB_STATUSES, field=key, label="Job status")
    elif key == "estimate_type":
        info.estimate_type = (
            None
            if value is None or value == ""
            else as_choice(value, m.ESTIMATE_TYPES, field=key, label="Estimate type")
        )
    elif key == "projected_total":
        info.projected_total = as_money(
            value, field=key, label="Projected total", allow_negative=False
        )
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


def _check_job_dates(info: m.JobInfo) -> None:
    start = info.start_date
    if start is None:
        return
    if info.projected_end_date is not None and info.projected_end_date < start:
        raise ValidationError(
            "The projected end date is before the start date.", field="projected_end_date"
        )
    if info.completion_date is not None and info.completion_date < start:
        raise ValidationError(
            "The completion date is before the start date.", field="completion_date"
        )


def apply_opening_balance(session: Session, node: m.CustomerJob, delta: Decimal) -> None:
    """Move the stored balances by an opening-balance change (after a flush)."""
    if delta:
        balances.add_to_balance(session.connection(), node.id, delta)
        session.expire(node, ["balance", "balance_total"])


def set_own_customer_id(session: Session, node: m.CustomerJob) -> None:
    """A new customer is its own root: set ``customer_id`` without a second version."""
    session.execute(
        update(N)
        .where(N.id == node.id)
        .values(customer_id=node.id, updated_at=node.updated_at)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(node, "customer_id", node.id)


# --------------------------------------------------------------- tree rewrites


def rewrite_descendants(
    session: Session,
    *,
    old_full: str,
    old_key: str,
    new_full: str,
    new_key: str,
    depth_delta: int = 0,
    customer_id: int | None = None,
) -> None:
    """Give every descendant of a renamed or moved node its new full name, in one UPDATE."""
    values: dict[Any, Any] = {
        N.full_name: literal(new_full, String()) + func.substr(N.full_name, len(old_full) + 1),
        N.full_name_key: literal(new_key, String())
        + func.substr(N.full_name_key, len(old_key) + 1),
        N.version: N.version + 1,
    }
    if depth_delta:
        values[N.depth] = N.depth + depth_delta
    if customer_id is not None:
        values[N.customer_id] = customer_id
    session.execute(
        update(N)
        .where(descendants_of(old_key))
        .values(values)
        .execution_options(synchronize_session=False)
    )


def rename(session: Session, node: m.CustomerJob, new_name: Any) -> None:
    """Rename a node; its full name and every descendant's follow."""
    name = clean_node_name(new_name)
    if name == node.name:
        return
    parent = session.get(N, node.parent_id) if node.parent_id is not None else None
    new_full = f"{parent.full_name}:{name}" if parent else name
    new_key = f"{parent.full_name_key}:{name_key(name)}" if parent else name_key(name)
    ensure_name_free(session, new_key, message=taken_message(parent), exclude_id=node.id)
    old_full, old_key = node.full_name, node.full_name_key
    node.name = name
    node.full_name = new_full
    node.full_name_key = new_key
    node.sort_key = make_sort_key(name)
    flush(session, record_id=node.id, what=old_full)
    rewrite_descendants(
        session, old_full=old_full, old_key=old_key, new_full=new_full, new_key=new_key
    )


def move(session: Session, node: m.CustomerJob, new_parent_id: int | None) -> None:
    """Move a node (with its jobs) under another node, or to the top as a customer."""
    if new_parent_id == node.parent_id:
        return
    if node.parent_id is None and node.credit_hold:
        raise ValidationError(
            f"“{node.full_name}” is on credit hold. Release the hold before making it a job "
            "of another customer.",
            field="parent",
        )
    parent: m.CustomerJob | None = None
    if new_parent_id is not None:
        parent = get_node(session, new_parent_id, field="parent")
        if parent.id == node.id or parent.full_name_key.startswith(node.full_name_key + ":"):
            raise ValidationError(
                f"“{node.full_name}” cannot be moved under itself or under one of its own jobs.",
                field="parent",
            )
        new_depth = parent.depth + 1
        new_full = f"{parent.full_name}:{node.name}"
        new_key = f"{parent.full_name_key}:{name_key(node.name)}"
        new_root = parent.customer_id
        assert new_root is not None
    else:
        new_depth, new_full, new_key, new_root = 0, node.name, name_key(node.name), node.id
    deepest = session.execute(
        select(func.max(N.depth)).where(descendants_of(node.full_name_key))
    ).scalar()
    levels_below = (deepest - node.depth) if deepest is not None else 0
    if new_depth + levels_below >= m.MAX_DEPTH:
        raise ValidationError(
            f"Moving “{node.full_name}” there would put jobs more than {m.MAX_DEPTH} levels "
            "deep; the Customer:Job list has at most five levels.",
            field="parent",
        )
    ensure_name_free(
        session, new_key, message=taken_message(parent), field="parent", exclude_id=node.id
    )

    flush(session, record_id=node.id, what=node.full_name)
    session.refresh(node, ["balance_total"])
    moved_total = node.balance_total
    conn = session.connection()
    balances.add_to_balance(conn, node.id, -moved_total)  # out of the old ancestors' totals

    old_full, old_key, old_depth = node.full_name, node.full_name_key, node.depth
    if new_parent_id is not None:
        node.is_prospect = False  # a job shows its customer's prospect status
        if session.get(m.JobInfo, node.id) is None:
            session.add(m.JobInfo(job_id=node.id, status="None"))
    node.parent_id = new_parent_id
    node.depth = new_depth
    node.customer_id = new_root
    node.full_name = new_full
    node.full_name_key = new_key
    flush(session, record_id=node.id, what=old_full)
    rewrite_descendants(
        session,
        old_full=old_full,
        old_key=old_key,
        new_full=new_full,
        new_key=new_key,
        depth_delta=new_depth - old_depth,
        customer_id=new_root,
    )
    moved_ids = select(N.id).where(subtree_of(node.id, new_key))
    for model in (m.ContactLogEntry, m.Invoice, m.Payment):
        session.execute(
            update(model)
            .where(model.node_id.in_(moved_ids))
            .values(customer_id=new_root)
            .execution_options(synchronize_session=False)
        )
    balances.add_to_balance(conn, node.id, moved_total)  # into the new ancestors' totals
    session.expire_all()


# ------------------------------------------------------------------------ detail


def _load_full(session: Session, node_id: int) -> m.CustomerJob:
    node = session.execute(
        select(N)
        .where(N.id == node_id)
        .options(
            selectinload(N.addresses),
            selectinload(N.phones),
            selectinload(N.emails),
            selectinload(N.contacts).selectinload(m.Contact.phones),
            selectinload(N.contacts).selectinload(m.Contact.emails),
            selectinload(N.job_info),
        )
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if node is None:
        raise NotFoundError(
            f"There is no customer or job with id {node_id}; it may have been deleted."
        )
    return node


def load_for_edit(session: Session, node_id: Any) -> m.CustomerJob:
    """A node with the collections an update touches, loaded in a few queries."""
    get_node(session, node_id)
    node = session.execute(
        select(N)
        .where(N.id == node_id)
        .options(
            selectinload(N.addresses),
            selectinload(N.phones),
            selectinload(N.emails),
            selectinload(N.custom_values),
            selectinload(N.job_info),
        )
    ).scalar_one()
    return node


def detail(session: Session, node_id: Any) -> NodeDetail:
    get_node(session, node_id)
    session.flush()
    node = _load_full(session, node_id)
    region = office_region(session)
    lineage = {
        row.id: row
        for row in session.execute(
            select(
                N.id,
                N.full_name,
                N.is_prospect,
                N.credit_hold,
                N.credit_hold_reason,
                N.credit_hold_at,
                N.credit_hold_by,
            ).where(N.full_name_key.in_(ancestor_keys(node.full_name_key)))
        )
    }
    root = lineage.get(node.customer_id) if node.customer_id != node.id else None
    hold_source: Any = root if root is not None else node
    parent = lineage.get(node.parent_id) if node.parent_id is not None else None

    notes = session.scalars(
        select(m.PopupNote)
        .where(m.PopupNote.owner_id.in_([*lineage, node.id]))
        .order_by(m.PopupNote.id)
    ).all()
    custom = {
        field_id: decode_custom(field_type, value)
        for field_id, value, field_type in session.execute(
            select(
                m.CustomFieldValue.field_id, m.CustomFieldValue.value, m.CustomFieldDef.field_type
            )
            .join(m.CustomFieldDef, m.CustomFieldDef.id == m.CustomFieldValue.field_id)
            .where(m.CustomFieldValue.node_id == node.id)
            .order_by(m.CustomFieldDef.sort_order, m.CustomFieldDef.id)
        )
    }
    phones = tuple(phone_record(p, region) for p in node.phones)
    emails = tuple(email_record(e) for e in node.emails)
    contacts = tuple(contact_record(c, region) for c in node.contacts)
    warnings = [p.warning for p in phones if p.warning]
    warnings += [e.warning for e in emails if e.warning]
    for contact in contacts:
        warnings += [f"{contact.name}: {p.warning}" for p in contact.phones if p.warning]
        warnings += [f"{contact.name}: {e.warning}" for e in contact.emails if e.warning]
    addresses = {a.kind: a for a in node.addresses}
    assert node.customer_id is not None
    return NodeDetail(
        id=node.id,
        name=node.name,
        full_name=node.full_name,
        kind="customer" if node.parent_id is None else "job",
        parent_id=node.parent_id,
        parent_full_name=parent.full_name if parent is not None else None,
        customer_id=node.customer_id,
        customer_name=root.full_name if root is not None else node.full_name,
        depth=node.depth,
        is_active=node.is_active,
        is_prospect=bool((root if root is not None else node).is_prospect),
        company_name=node.company_name,
        salutation=node.salutation,
        first_name=node.first_name,
        middle_initial=node.middle_initial,
        last_name=node.last_name,
        pronounced=node.pronounced,
        website=node.website,
        alt_contact_name=node.alt_contact_name,
        preferred_contact=node.preferred_contact,
        work_same_as_bill_to=node.work_same_as_bill_to,
        bill_to=_address_record(addresses.get("bill_to")),
        work=_address_record(addresses.get("work")),
        phones=phones,
        emails=emails,
        customer_type_id=node.customer_type_id,
        terms_id=node.terms_id,
        sales_rep_id=node.sales_rep_id,
        inside_rep_id=node.inside_rep_id,
        department_id=node.department_id,
        marketing_source_id=node.marketing_source_id,
        tax_code_id=node.tax_code_id,
        price_level_id=node.price_level_id,
        resale_number=node.resale_number,
        notepad=node.notepad,
        custom_fields=custom,
        popup_notes=tuple(_popup_record(n, inherited=n.owner_id != node.id) for n in notes),
        account_number=node.account_number,
        ar_account=node.ar_account,
        credit_limit=node.credit_limit,
        opening_balance=node.opening_balance,
        opening_balance_date=node.opening_balance_date,
        payment_method_id=node.payment_method_id,
        card_holder=node.card_holder,
        card_brand=node.card_brand,
        card_last4=node.card_last4,
        card_exp_month=node.card_exp_month,
        card_exp_year=node.card_exp_year,
        billing_postal_code=node.billing_postal_code,
        is_debit_card=node.is_debit_card,
        credit_hold=bool(hold_source.credit_hold),
        credit_hold_reason=hold_source.credit_hold_reason,
        credit_hold_at=hold_source.credit_hold_at,
        credit_hold_by=hold_source.credit_hold_by,
        balance=node.balance,
        balance_total=node.balance_total,
        contacts=contacts,
        job_info=_job_info_record(session, node.job_info),
        warnings=tuple(warnings),
        created_at=_aware(node.created_at),
        updated_at=_aware(node.updated_at),
        version=node.version,
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _address_record(row: m.Address | None) -> AddressRecord | None:
    if row is None:
        return None
    return AddressRecord(
        id=row.id,
        kind=row.kind,
        line1=row.line1,
        line2=row.line2,
        city=row.city,
        region=row.region,
        postal_code=row.postal_code,
        country=row.country,
    )


def _popup_record(row: m.PopupNote, *, inherited: bool) -> PopupNoteRecord:
    return PopupNoteRecord(
        id=row.id,
        owner_id=row.owner_id,
        text=row.text,
        on_open=row.on_open,
        on_caller_id=row.on_caller_id,
        on_new_job=row.on_new_job,
        on_billing=row.on_billing,
        only_when_overdue=row.only_when_overdue,
        active_from=row.active_from,
        active_until=row.active_until,
        is_active=row.is_active,
        inherited=inherited,
        version=row.version,
    )


def _job_info_record(session: Session, info: m.JobInfo | None) -> JobInfoRecord | None:
    if info is None:
        return None
    job_type = session.get(m.JobType, info.job_type_id) if info.job_type_id else None
    foreman = session.get(m.Employee, info.foreman_id) if info.foreman_id else None
    return JobInfoRecord(
        id=info.job_id,
        title=info.title,
        job_type_id=info.job_type_id,
        job_type_name=job_type.full_name if job_type else None,
        status=info.status,
        foreman_id=info.foreman_id,
        foreman_name=foreman.name if foreman else None,
        start_date=info.start_date,
        projected_end_date=info.projected_end_date,
        completion_date=info.completion_date,
        projected_total=info.projected_total,
        description=info.description,
        details=info.details,
        estimate_type=info.estimate_type,
        version=info.version,
    )


# ------------------------------------------------------------------------ update

_UNSET: Any = object()


def has_changes(session: Session) -> bool:
    """Whether the session holds anything a flush would write."""
    return bool(
        session.new or session.deleted or any(session.is_modified(o) for o in session.dirty)
    )


def update_node(
    session: Session, node_id: Any, *, expected_version: int | None, changes: Mapping[str, Any]
) -> NodeDetail:
    """The form's save: every field of either tab, a rename and a new parent in one go."""
    node = load_for_edit(session, node_id)
    check_version(node, expected_version)
    fields = dict(changes)
    new_name = fields.pop("name", _UNSET)
    new_parent = fields.pop("parent", _UNSET)
    if "parent_id" in fields:
        if new_parent is not _UNSET:
            raise ValidationError("Give the new parent once.", field="parent")
        new_parent = fields.pop("parent_id")
    if new_parent is not _UNSET and new_parent is not None:
        new_parent = as_id(new_parent, field="parent", label="Parent")
    will_be_job = (node.parent_id is not None) if new_parent is _UNSET else new_parent is not None
    check_field_names(fields, is_job=will_be_job)
    what = node.full_name

    delta = apply_fields(
        session,
        node,
        fields,
        region=office_region(session),
        replace_addresses=False,
        is_job=will_be_job,
    )
    if new_name is not _UNSET:
        rename(session, node, new_name)
    if has_changes(session):
        touch(node)
    flush(session, record_id=node.id, what=what)
    if new_parent is not _UNSET:
        move(session, node, new_parent)
    apply_opening_balance(session, node, delta)
    return detail(session, node.id)
