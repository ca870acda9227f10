"""Office settings: the one row of company-wide preferences, and a new file's defaults."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.fields import OfficeSettingsChanges, keys_of
from officemgr.core.inputs import as_int, as_paper, as_text, check_version, shown
from officemgr.core.numbers import locale_name
from officemgr.core.records import OfficeSettingsRecord
from officemgr.core.services import reads
from officemgr.core.validation import TitleCaseMode
from officemgr.errors import ConflictError, ValidationError

__all__ = ["OfficeSettingsRecord", "ensure_defaults", "get", "has_defaults", "update"]


# Every field of OfficeSettingsRecord but its version (tests/unit/services/test_field_types.py)
_FIELDS = keys_of(OfficeSettingsChanges)
# Free-text settings: label, longest length
_TEXTS = {
    "line1": ("Address line 1", m.LONG),
    "line2": ("Address line 2", m.LONG),
    "city": ("City", m.SHORT),
    "region": ("State or region", m.SHORT),
    "postal_code": ("ZIP or postal code", 20),
    "phone": ("Phone", m.SHORT),
    "email": ("Email", m.LONG),
}


def _code(value: Any, *, field: str, length: int, message: str) -> str:
    """A country or currency code: ``length`` ASCII letters, upper case."""
    code = value.strip().upper() if isinstance(value, str) else ""
    if len(code) != length or not code.isascii() or not code.isalpha():
        raise ValidationError(message, field=field)
    return code


def _record(row: m.OfficeSettings) -> OfficeSettingsRecord:
    return OfficeSettingsRecord(
        **{f.name: getattr(row, f.name) for f in fields(OfficeSettingsRecord)}
    )


@reads
def get(session: Session) -> OfficeSettingsRecord:
    row = session.get(m.OfficeSettings, 1)
    if row is None:  # a file made before defaults existed: show the defaults
        row = m.OfficeSettings(id=1, version=0)
        for column in m.OfficeSettings.__table__.columns:
            if column.default is not None and getattr(row, column.key) is None:
                setattr(row, column.key, column.default.arg)
    return _record(row)


def update(
    session: Session,
    *,
    expected_version: int | None = None,
    **changes: Unpack[OfficeSettingsChanges],
) -> OfficeSettingsRecord:
    """Change office settings; ``expected_version`` refuses a save over a newer one."""
    values: dict[str, Any] = dict(changes)  # checked and made as stored, key by key
    unknown = sorted(set(values) - _FIELDS)
    if unknown:
        raise ValidationError(
            f"Unknown office setting: {', '.join(shown(key) for key in unknown)}.",
            field=unknown[0],
        )
    row = session.get(m.OfficeSettings, 1) or m.OfficeSettings(id=1)
    session.add(row)
    expected_version = check_version(expected_version)
    if expected_version is not None and row.version is not None and row.version != expected_version:
        raise ConflictError("Someone else changed the office settings since you opened them.")
    if "company_name" in values:
        name = as_text(
            values["company_name"],
            field="company_name",
            label="Company name",
            max_length=m.NAME_LENGTH,
        )
        if not name:
            raise ValidationError("The company needs a name.", field="company_name")
        values["company_name"] = name
    if "title_case_mode" in values:
        try:
            values["title_case_mode"] = TitleCaseMode(values["title_case_mode"]).value
        except ValueError:
            raise ValidationError(
                "Title Case must be off, suggest or automatic.", field="title_case_mode"
            ) from None
    for field, (label, max_length) in _TEXTS.items():
        if field in values:
            values[field] = as_text(values[field], field=field, label=label, max_length=max_length)
    for field in ("default_phone_region", "country"):
        if field in values:
            values[field] = _code(
                values[field],
                field=field,
                length=2,
                message="Use a two-letter country code, such as US.",
            )
    if "currency" in values:
        values["currency"] = _code(
            values["currency"],
            field="currency",
            length=3,
            message="Use a three-letter currency code, such as USD.",
        )
    if "paper_size" in values:
        values["paper_size"] = as_paper(values["paper_size"], field="paper_size")
        if values["paper_size"] is None:
            raise ValidationError("The paper size must be letter or A4.", field="paper_size")
    if "number_locale" in values:
        wanted = values["number_locale"]
        if wanted is None or (isinstance(wanted, str) and not wanted.strip()):
            values["number_locale"] = None
        else:
            known = locale_name(wanted) if isinstance(wanted, str) else None
            if known is None:
                raise ValidationError(
                    f"“{shown(wanted)}” is not a locale OfficeMgr knows; use a name such as en_US "
                    "or de_DE, or none for the computer's own.",
                    field="number_locale",
                )
            values["number_locale"] = known
    if "backups_to_keep" in values:
        keep = as_int(
            values["backups_to_keep"],
            field="backups_to_keep",
            label="The number of backups to keep",
            low=1,
            high=1000,
        )
        if keep is None:
            raise ValidationError("Keep between 1 and 1000 backups.", field="backups_to_keep")
        values["backups_to_keep"] = keep
    for key, value in values.items():
        setattr(row, key, value)
    session.flush()
    return _record(row)


DEFAULT_LISTS = {
    "customer_type": ["Residential", "Commercial", "Government", "Property Management"],
    "department": ["Service", "Installation", "Sales"],
    "marketing_source": ["Referral", "Website", "Yard Sign", "Truck", "Repeat Customer"],
    "price_level": ["Standard", "Member", "Commercial"],
}
DEFAULT_TERMS = [  # name, net days, discount %, discount days
    ("Due on receipt", 0, 0, 0),
    ("Net 15", 15, 0, 0),
    ("Net 30", 30, 0, 0),
    ("2% 10 Net 30", 30, 2, 10),
]
DEFAULT_PAYMENT_METHODS = [
    ("Cash", "cash"),
    ("Check", "check"),
    ("Visa", "card"),
    ("MasterCard", "card"),
    ("American Express", "card"),
    ("Discover", "card"),
    ("ACH", "ach"),
]


@reads
def has_defaults(session: Session) -> bool:
    return session.execute(select(m.OfficeSettings.id)).first() is not None


def ensure_defaults(session: Session) -> bool:
    """Give a new company file its settings row and starter office lists.

    Reads first, so opening an existing file does not write. Returns True when it wrote.
    """
    if has_defaults(session):
        return False
    session.add(m.OfficeSettings(id=1))
    for list_name, names in DEFAULT_LISTS.items():
        for order, name in enumerate(names):
            session.add(m.ListItem(list_name=list_name, name=name, sort_order=order))
    for order, (name, net, discount, days) in enumerate(DEFAULT_TERMS):
        session.add(
            m.Terms(
                name=name,
                net_days=net,
                discount_percent=discount,
                discount_days=days,
                sort_order=order,
            )
        )
    for order, (name, kind) in enumerate(DEFAULT_PAYMENT_METHODS):
        session.add(m.PaymentMethod(name=name, kind=kind, sort_order=order))
    session.add(m.TaxCode(name="Tax", description="Sales tax", rate_percent=0))
    session.add(m.TaxCode(name="Non", description="Not taxable", rate_percent=0, is_taxable=False))
    session.flush()
    return True
