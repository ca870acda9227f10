"""Customers, jobs and contacts as the rows of a table (CSV, Excel), column by column
(`columns.CUSTOMER_COLUMNS`, `columns.CONTACT_COLUMNS`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import cast

from officemgr.core.exports.columns import CUSTOMER_COLUMNS
from officemgr.core.exports.records import ContactOut, NodeOut, PhoneOut
from officemgr.core.exports.values import Value

__all__ = ["contact_row", "customer_row"]

_NODE_PHONES = {"phone": "main", "alt_phone": "alt", "cell": "cell", "fax": "fax"}
_NODE_EMAILS = {"email": "main", "cc_email": "cc"}


def _phone(phone: PhoneOut | None) -> str | None:
    return phone.display if phone is not None else None


def _nth(items: Sequence[str], index: int) -> str | None:
    return items[index] if index < len(items) else None


def _job_value(name: str) -> Callable[[NodeOut], Value]:
    return lambda node: getattr(node.job, name) if node.job is not None else None


def _phone_value(kind: str) -> Callable[[NodeOut], Value]:
    return lambda node: _phone(node.phone(kind))


def _email_value(kind: str) -> Callable[[NodeOut], Value]:
    return lambda node: node.email(kind)


def _field_value(name: str) -> Callable[[NodeOut], Value]:
    return lambda node: getattr(node, name)


def _address_value(kind: str, part: str) -> Callable[[NodeOut], Value]:
    def value(node: NodeOut) -> Value:
        address = node.bill_to if kind == "bill_to" else node.work
        return None if address is None else cast(str | None, address.get(part))

    return value


def _customer_values() -> Mapping[str, Callable[[NodeOut], Value]]:
    """How each customer column is read off a `NodeOut`; the rest are its same-named fields."""
    values: dict[str, Callable[[NodeOut], Value]] = {
        "name": lambda node: node.name,
        "full_name": lambda node: node.full_name,
        "parent": lambda node: node.parent,
        "contact1": lambda node: _nth(node.contacts, 0),
        "contact2": lambda node: _nth(node.contacts, 1),
        "job_type": _job_value("job_type"),
    }
    values.update({key: _phone_value(kind) for key, kind in _NODE_PHONES.items()})
    values.update({key: _email_value(kind) for key, kind in _NODE_EMAILS.items()})
    for key in ("description", "status", "start_date", "projected_end_date", "completion_date"):
        values[key] = _job_value(key)
    for column in CUSTOMER_COLUMNS:
        kind, dot, part = column.key.partition(".")
        if dot:
            values[column.key] = _address_value(kind, part)
        values.setdefault(column.key, _field_value(column.key))
    return values


_CUSTOMER_VALUES = _customer_values()


def customer_row(node: NodeOut, custom_labels: Sequence[str]) -> list[Value]:
    """``node`` in the order of `CUSTOMER_COLUMNS`, then its custom fields by label."""
    row = [_CUSTOMER_VALUES[column.key](node) for column in CUSTOMER_COLUMNS]
    row.extend(node.custom.get(label) for label in custom_labels)
    return row


# Contact phone columns by phone kind; a kind not listed (none today) goes to "other".
_CONTACT_PHONES = {
    "main": 0,
    "alt": 1,
    "cell": 2,
    "fax": 3,
    "work": 4,
    "home": 5,
    "mobile": 6,
    "other": 7,
}
_CONTACT_EMAILS = {"main": 0, "cc": 1, "other": 2}


def _joined(slots: list[list[str]]) -> list[str | None]:
    return ["; ".join(texts) or None for texts in slots]


def contact_row(contact: ContactOut) -> list[Value]:
    """``contact`` in the order of `CONTACT_COLUMNS`: several phones (or emails) of one
    kind share their column, joined by "; "."""
    phones: list[list[str]] = [[] for _ in range(8)]
    for phone in contact.phones:
        phones[_CONTACT_PHONES.get(phone.kind, 7)].append(phone.display)
    emails: list[list[str]] = [[] for _ in range(3)]
    for email in contact.emails:
        emails[_CONTACT_EMAILS.get(email.kind, 2)].append(email.address)
    return [
        contact.owner,
        contact.name,
        contact.role,
        contact.is_primary,
        *_joined(phones),
        *_joined(emails),
        contact.notes,
    ]
