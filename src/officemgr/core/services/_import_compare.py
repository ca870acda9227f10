"""How an import row compares with the record it matches (``services.imports``).

A second import of the same file must find nothing to change, so values are compared
as the office sees them: phones by their digits and extension, emails without case,
text with its spaces collapsed, an address by the parts the row gives.
"""

from __future__ import annotations

from typing import Any

from officemgr.core import keys
from officemgr.core.imports.records import NodeIn
from officemgr.core.records import NodeDetail
from officemgr.core.services import _nodes as nodes
from officemgr.core.services._contact_details import ADDRESS_PARTS
from officemgr.core.validation import parse_phone

__all__ = ["JOB_FIELDS", "custom_differs", "differs", "new_contacts"]

# The node's phone fields and the kind of phone each is (as the services keep them).
_PHONE_KINDS = {field: kind for field, (kind, _label, _order) in nodes.PHONE_FIELDS.items()}
JOB_FIELDS = ("description", "status", "start_date", "projected_end_date", "completion_date")


def differs(detail: NodeDetail, name: str, value: Any, region: str, *, fill: bool) -> bool:
    """Whether writing ``value`` to field ``name`` of ``detail`` would change it (when
    filling: whether the field is empty and ``value`` is not)."""
    current = _stored(detail, name)
    if fill and not _is_empty(current):
        return False
    if name in _PHONE_KINDS:
        return _phone_text(current) != _phone_text(value, region)
    if name in ("bill_to", "work"):
        given = {part: value.get(part) for part in ADDRESS_PARTS if value.get(part)}
        return any(_text(current.get(part)) != _text(v) for part, v in given.items())
    if name == "email":
        return _text(current).casefold() != _text(value).casefold()
    if isinstance(value, str):
        return _text(current) != _text(value)
    return bool(current != value)


def _stored(detail: NodeDetail, name: str) -> Any:
    if name in _PHONE_KINDS:
        phone = detail.phone_of(_PHONE_KINDS[name])
        return phone.as_typed if phone is not None else None
    if name == "email":
        email = detail.email_of("main")
        return email.address if email is not None else None
    if name in ("bill_to", "work"):
        address = getattr(detail, name)
        if address is None:
            return {}
        return {part: getattr(address, part) for part in ADDRESS_PARTS}
    if name in JOB_FIELDS:
        info = detail.job_info
        return getattr(info, name) if info is not None else None
    if name == "job_type_id":
        return detail.job_info.job_type_id if detail.job_info is not None else None
    return getattr(detail, name, None)


def _is_empty(value: Any) -> bool:
    if isinstance(value, dict):
        return not any(value.values())
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == "None"  # a job's status "None" is no status


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _phone_text(value: Any, region: str = "US") -> str:
    if not value:
        return ""
    parsed = parse_phone(str(value), region)
    return f"{parsed.digits_key};{parsed.extension or ''}" if parsed.digits_key else _text(value)


def custom_differs(detail: NodeDetail, field_id: int, value: str, *, fill: bool) -> bool:
    current = detail.custom_fields.get(field_id)
    if fill and not _is_empty(current):
        return False
    return _text(current) != _text(value)


def new_contacts(node: NodeIn, detail: NodeDetail) -> list[str]:
    have = {keys.fold(contact.name) for contact in detail.contacts}
    return [c.name for c in node.contacts if keys.fold(c.name) not in have]
