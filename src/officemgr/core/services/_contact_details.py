"""Phones, emails, addresses and payment cards of customers, jobs and contacts.

Rows are built from what was typed (a number or address that does not check out is
kept as typed, with a warning), copied into a new job, set in place on a collection,
and turned into the records the forms show. What was typed passes `as_text` first, so a
card number typed into a phone, email or address part is kept as "card ending NNNN"
only, as in every other free-text field; the card-number field keeps brand and last four.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from officemgr.core import models as m
from officemgr.core.inputs import as_text, shown
from officemgr.core.records import AddressRecord, ContactRecord, EmailRecord, PhoneRecord
from officemgr.core.validation import (
    EmailAddress,
    card_brand,
    check_email,
    luhn_ok,
    parse_phone,
)
from officemgr.errors import ValidationError

_Row = TypeVar("_Row", bound=m.Base)

# The columns that follow from what was typed (kind and position are the row's place).
_PHONE_COLUMNS = ("as_typed", "extension", "e164", "digits_key", "is_valid")
_EMAIL_COLUMNS = ("address", "normalized", "is_valid")
ADDRESS_PARTS: dict[str, tuple[str, int]] = {
    "line1": ("Address line 1", m.LONG),
    "line2": ("Address line 2", m.LONG),
    "city": ("City", m.SHORT),
    "region": ("State or province", m.SHORT),
    "postal_code": ("ZIP or postal code", 20),
    "country": ("Country", 2),
}


def _replace_row(
    rows: list[_Row], existing: _Row | None, new: _Row | None, columns: Iterable[str]
) -> None:
    """Put ``new`` where ``existing`` was: remove it (``new`` None), add ``new`` (no
    ``existing``), or copy the ``columns`` that differ, so an unchanged row stays clean."""
    if new is None:
        if existing is not None:
            rows.remove(existing)
    elif existing is None:
        rows.append(new)
    else:
        for column in columns:
            if getattr(existing, column) != getattr(new, column):
                setattr(existing, column, getattr(new, column))


# ------------------------------------------------------------------------ phones


def phone_values(
    text: Any, *, kind: str, region: str, position: int, field: str, label: str
) -> dict[str, Any] | None:
    """The columns of a phone row for ``text``; ``None`` when empty. Never refuses a bad
    number (it is kept as typed, not valid)."""
    as_typed = as_text(text, field=field, label=label, max_length=m.SHORT)
    if as_typed is None:
        return None
    if kind not in m.PHONE_KINDS:
        raise ValidationError(
            f"A phone type must be one of: {', '.join(m.PHONE_KINDS)}.", field=field
        )
    parsed = parse_phone(as_typed, region)
    return {
        "kind": kind,
        "position": position,
        "as_typed": as_typed,
        "extension": (parsed.extension or None) and parsed.extension[:10],
        "e164": parsed.e164,
        "digits_key": parsed.digits_key,
        "is_valid": parsed.is_valid,
    }


def phone_row(
    text: Any, *, kind: str, region: str, position: int, field: str, label: str
) -> m.Phone | None:
    """A new Phone row for ``text``; ``None`` when empty. Never refuses a bad number."""
    values = phone_values(
        text, kind=kind, region=region, position=position, field=field, label=label
    )
    return None if values is None else m.Phone(**values)


def copy_phone(source: m.Phone) -> m.Phone:
    return m.Phone(
        kind=source.kind,
        position=source.position,
        **{column: getattr(source, column) for column in _PHONE_COLUMNS},
    )


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
    _replace_row(phones, existing, new, _PHONE_COLUMNS)


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


# ------------------------------------------------------------------------ emails


def _normalized(checked: EmailAddress) -> str | None:
    return checked.normalized.lower() if checked.normalized else None


def email_values(
    text: Any, *, kind: str, position: int, field: str, label: str
) -> dict[str, Any] | None:
    """The columns of an email row; a badly shaped address is kept, not valid."""
    address = as_text(text, field=field, label=label, max_length=m.LONG)
    if address is None:
        return None
    checked = check_email(address)
    return {
        "kind": kind,
        "position": position,
        "address": address,
        "normalized": _normalized(checked),
        "is_valid": checked.is_valid,
    }


def email_row(text: Any, *, kind: str, position: int, field: str, label: str) -> m.Email | None:
    """A new Email row; a badly shaped address is kept with ``is_valid`` False."""
    values = email_values(text, kind=kind, position=position, field=field, label=label)
    return None if values is None else m.Email(**values)


def copy_email(source: m.Email) -> m.Email:
    return m.Email(
        kind=source.kind,
        position=source.position,
        **{column: getattr(source, column) for column in _EMAIL_COLUMNS},
    )


def set_email(
    emails: list[m.Email], text: Any, *, kind: str, position: int, field: str, label: str
) -> None:
    existing = next((e for e in emails if e.kind == kind), None)
    new = email_row(text, kind=kind, position=position, field=field, label=label)
    _replace_row(emails, existing, new, _EMAIL_COLUMNS)


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
    return _normalized(check_email(text))


# ---------------------------------------------------------------------- contacts


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


# --------------------------------------------------------------------- addresses


def set_address(
    addresses: list[m.Address], kind: str, data: Any, *, label: str, replace: bool
) -> None:
    """Set the ``kind`` address from a dict; ``None`` removes it.

    With ``replace`` False the given keys change and the others stay; an address left
    with every part empty is removed.
    """
    existing = next((a for a in addresses if a.kind == kind), None)
    kept = None if existing is None or replace else {p: getattr(existing, p) for p in ADDRESS_PARTS}
    values = address_values(kind, data, label=label, kept=kept)
    new = None if values is None else m.Address(kind=kind, **values)
    _replace_row(addresses, existing, new, ADDRESS_PARTS)


def address_values(
    kind: str, data: Any, *, label: str, kept: Mapping[str, str | None] | None = None
) -> dict[str, str | None] | None:
    """The parts of the ``kind`` address from a dict (``None`` or every part empty: no
    address). Parts ``data`` does not give are taken from ``kept`` (the address as it
    is, when only some parts change)."""
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise ValidationError(f"{label} must be given as address parts.", field=kind)
    unknown = set(data) - set(ADDRESS_PARTS)
    if unknown:
        named = sorted(k for k in unknown if isinstance(k, str))
        which = f"no part called “{shown(named[0])}”" if named else "parts named by text only"
        raise ValidationError(
            f"{label} has {which}; use {', '.join(ADDRESS_PARTS)}.",
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
        else:
            values[part] = kept.get(part) if kept is not None else None
    return None if all(v is None for v in values.values()) else values


def copy_address(source: m.Address) -> m.Address:
    return m.Address(kind=source.kind, **{part: getattr(source, part) for part in ADDRESS_PARTS})


def address_record(row: m.Address | None) -> AddressRecord | None:
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


# ------------------------------------------------------------------------- cards


def check_card_number(value: Any) -> tuple[str, str] | None:
    """(brand, last four) of a card number; the number itself is never kept."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError("Type the card number as it is printed.", field="card_number")
    digits = re.sub(r"[\s-]", "", value)
    if not digits.isascii() or not digits.isdigit() or not 12 <= len(digits) <= 19:
        raise ValidationError("A card number has 12 to 19 digits.", field="card_number")
    if not luhn_ok(digits):
        raise ValidationError(
            "That card number is not valid; check the digits.", field="card_number"
        )
    return card_brand(digits), digits[-4:]
