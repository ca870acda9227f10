"""How an import row compares with the record it matches (``services.imports``).

A second import of the same file must find nothing to change, so values are compared
as the office sees them: phones by their digits and extension, emails without case,
text with its spaces collapsed, an address by the parts the row gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core import keys
from officemgr.core import models as m
from officemgr.core.imports.records import NODE_VALUES, NodeIn
from officemgr.core.services import _nodes as nodes
from officemgr.core.services._contact_details import ADDRESS_PARTS
from officemgr.core.services._custom_fields import decode_custom
from officemgr.core.validation import parse_phone

__all__ = ["JOB_FIELDS", "Current", "custom_differs", "differs", "load_current", "new_contacts"]

# The node's phone fields and the kind of phone each is (as the services keep them).
_PHONE_KINDS = {field: kind for field, (kind, _label, _order) in nodes.PHONE_FIELDS.items()}
_PHONE_FIELD_OF = {kind: name for name, kind in _PHONE_KINDS.items()}
JOB_FIELDS = ("description", "status", "start_date", "projected_end_date", "completion_date")
# The columns an import row can bring, of the node and of its Job Info.
_NODE_COLUMNS = (
    *(name for name in NODE_VALUES if name in m.table(m.CustomerJob).c),
    *("customer_type_id", "terms_id", "sales_rep_id", "tax_code_id"),
)
_JOB_COLUMNS = (*JOB_FIELDS, "job_type_id")
ROUND = 500  # records read per round of selects


@dataclass
class Current:
    """What a record has now, as an import compares it: ``fields`` by the import's field
    names (a phone's text as typed, the main email, an address's parts, Job Info), its
    custom values by field id, its contacts' folded names."""

    fields: dict[str, Any] = field(default_factory=dict)
    custom: dict[int, Any] = field(default_factory=dict)
    contacts: set[str] = field(default_factory=set)


def load_current(session: Session, node_ids: Iterable[int]) -> dict[int, Current]:
    """`Current` of each node in ``node_ids``: seven selects for any number of nodes
    (in rounds of `ROUND`), not a form's worth of reads each."""
    found: dict[int, Current] = {}
    ids = sorted(set(node_ids))
    for start in range(0, len(ids), ROUND):
        found.update(_load_round(session, ids[start : start + ROUND]))
    return found


def _load_round(session: Session, ids: list[int]) -> dict[int, Current]:
    found = {node_id: Current() for node_id in ids}
    nodes_table = m.table(m.CustomerJob)
    columns = [nodes_table.c[name] for name in _NODE_COLUMNS]
    for node_id, *values in session.execute(
        select(nodes_table.c.id, *columns).where(nodes_table.c.id.in_(ids))
    ):
        found[node_id].fields.update(zip(_NODE_COLUMNS, values, strict=True))
    info = m.table(m.JobInfo)
    job_columns = [info.c[name] for name in _JOB_COLUMNS]
    for job_id, *values in session.execute(
        select(info.c.job_id, *job_columns).where(info.c.job_id.in_(ids))
    ):
        found[job_id].fields.update(zip(_JOB_COLUMNS, values, strict=True))
    phones = m.table(m.Phone)
    for owner, kind, as_typed in session.execute(
        select(phones.c.owner_id, phones.c.kind, phones.c.as_typed).where(
            phones.c.owner_id.in_(ids)
        )
    ):
        if kind in _PHONE_FIELD_OF:
            found[owner].fields[_PHONE_FIELD_OF[kind]] = as_typed
    emails = m.table(m.Email)
    for owner, address in session.execute(
        select(emails.c.owner_id, emails.c.address).where(
            emails.c.owner_id.in_(ids), emails.c.kind == "main"
        )
    ):
        found[owner].fields["email"] = address
    addresses = m.table(m.Address)
    parts = [addresses.c[part] for part in ADDRESS_PARTS]
    for owner, kind, *values in session.execute(
        select(addresses.c.owner_id, addresses.c.kind, *parts).where(addresses.c.owner_id.in_(ids))
    ):
        found[owner].fields[kind] = dict(zip(ADDRESS_PARTS, values, strict=True))
    custom, defs = m.table(m.CustomFieldValue), m.table(m.CustomFieldDef)
    for node_id, field_id, value, field_type in session.execute(
        select(custom.c.node_id, custom.c.field_id, custom.c.value, defs.c.field_type)
        .join(defs, defs.c.id == custom.c.field_id)
        .where(custom.c.node_id.in_(ids))
    ):
        found[node_id].custom[field_id] = decode_custom(field_type, value)
    contacts = m.table(m.Contact)
    for owner, name in session.execute(
        select(contacts.c.owner_id, contacts.c.name).where(contacts.c.owner_id.in_(ids))
    ):
        found[owner].contacts.add(keys.fold(name))
    return found


def differs(current: Current, name: str, value: Any, region: str, *, fill: bool) -> bool:
    """Whether writing ``value`` to field ``name`` of a record that has ``current`` would
    change it (when filling: whether the field is empty and ``value`` is not)."""
    stored: Any = current.fields.get(name)
    if name in ("bill_to", "work") and stored is None:
        stored = {}
    if fill and not _is_empty(stored):
        return False
    if name in _PHONE_KINDS:
        return _phone_text(stored) != _phone_text(value, region)
    if name in ("bill_to", "work"):
        given = {part: value.get(part) for part in ADDRESS_PARTS if value.get(part)}
        return any(_text(stored.get(part)) != _text(v) for part, v in given.items())
    if name == "email":
        return _text(stored).casefold() != _text(value).casefold()
    if isinstance(value, str):
        return _text(stored) != _text(value)
    return bool(stored != value)


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


def custom_differs(current: Current, field_id: int, value: str, *, fill: bool) -> bool:
    stored = current.custom.get(field_id)
    if fill and not _is_empty(stored):
        return False
    return _text(stored) != _text(value)


def new_contacts(node: NodeIn, current: Current) -> list[str]:
    return [c.name for c in node.contacts if keys.fold(c.name) not in current.contacts]
