"""Customers (and the form of any Customer:Job node): add, read, save, find, retire.

``get`` and ``update`` work for jobs too: the Customer:Job form is one form.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from decimal import Decimal
from typing import Any, Unpack

from sqlalchemy import case, exists, func, or_, select, union
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from officemgr.core import balances, keys, tree_queries
from officemgr.core import models as m
from officemgr.core import search as search_index
from officemgr.core.choices import SEARCH_MODES, SearchMode, Show
from officemgr.core.fields import AddressParts, CustomerAddFields, NodeChanges
from officemgr.core.inputs import (
    as_bool,
    as_text,
    check_count,
    check_id,
    check_show,
    query_text,
    required_text,
)
from officemgr.core.records import NodeDetail, NodeSummary
from officemgr.core.services import _contact_details as contact_details
from officemgr.core.services import _node_records as node_records
from officemgr.core.services import _node_save as node_save
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import _tree_ops as tree_ops
from officemgr.core.services import contact_log, reads
from officemgr.core.types import utcnow
from officemgr.core.validation import default_customer_name, parse_phone
from officemgr.errors import HasHistoryError, ValidationError

__all__ = [
    "add",
    "count",
    "delete",
    "find_duplicates",
    "get",
    "new_defaults",
    "place_credit_hold",
    "release_credit_hold",
    "search",
    "set_active",
    "update",
]

N = m.CustomerJob


def add(
    session: Session,
    *,
    name: str | None = None,
    company_name: str | None = None,
    salutation: str | None = None,
    first_name: str | None = None,
    middle_initial: str | None = None,
    last_name: str | None = None,
    phone: str | None = None,
    alt_phone: str | None = None,
    cell: str | None = None,
    fax: str | None = None,
    email: str | None = None,
    bill_to: AddressParts | None = None,
    work: AddressParts | None = None,
    is_prospect: bool = False,
    **fields: Unpack[CustomerAddFields],
) -> NodeSummary:
    """Add a customer. ``name`` defaults to "Last, First" or the company name.

    Every other form field may be given (see `update`). Phones and emails that do not
    check out are kept as typed and show a warning on the form.
    """
    node, delta = build(
        session,
        name=name,
        given={
            "company_name": company_name,
            "salutation": salutation,
            "first_name": first_name,
            "middle_initial": middle_initial,
            "last_name": last_name,
            "phone": phone,
            "alt_phone": alt_phone,
            "cell": cell,
            "fax": fax,
            "email": email,
            "bill_to": bill_to,
            "work": work,
            "is_prospect": is_prospect,
            **fields,
        },
    )
    session.flush()
    finish(session, node, delta)
    return node_records.summary(session, node.id)


def build(
    session: Session,
    *,
    name: str | None,
    given: dict[str, Any],
) -> tuple[m.CustomerJob, Decimal]:
    """A new customer, checked and added to the session but not flushed; with the
    opening-balance change `finish` applies once it is flushed."""
    first_name, last_name = given.get("first_name"), given.get("last_name")
    company_name = given.get("company_name")
    if name is None or (isinstance(name, str) and not name.strip()):
        name = default_customer_name(
            first_name=first_name if isinstance(first_name, str) else None,
            last_name=last_name if isinstance(last_name, str) else None,
            company_name=company_name if isinstance(company_name, str) else None,
        )
        if not name:
            raise ValidationError(
                "Give the customer a name, or a person's or company's name to make one from.",
                field="name",
            )
    clean = nodes.clean_node_name(name)
    key = keys.name_key(clean)
    nodes.ensure_name_free(session, key, message=nodes.taken_message(None))
    for blocked in ("parent", "parent_id"):
        if blocked in given:
            raise ValidationError(
                "A customer has no parent; add a job to put it under a customer.", field="parent"
            )
    given = {k: v for k, v in given.items() if not (k in ("bill_to", "work") and v is None)}
    nodes.check_field_names(given, is_job=False)
    node = N(
        parent_id=None,
        depth=0,
        name=clean,
        full_name=clean,
        full_name_key=key,
        sort_key=keys.sort_key(clean),
    )
    # Filled in before it joins the session, so it is inserted once, at version 1.
    delta = nodes.apply_fields(
        session,
        node,
        given,
        region=tree_queries.office_region(session),
        replace_addresses=True,
    )
    session.add(node)
    return node, delta


def finish(session: Session, node: m.CustomerJob, delta: Decimal) -> None:
    """After the flush of a `build`: the customer is its own root (unless the caller gave
    it its id, and so its root, before the insert); its opening balance."""
    if node.customer_id is None:
        tree_ops.set_own_customer_id(session, node)
    nodes.apply_opening_balance(session, node, delta)


@reads
def get(session: Session, node_id: int) -> NodeDetail:
    """Everything the Customer:Job form shows, for a customer or a job."""
    return node_records.detail(session, node_id)


def update(
    session: Session,
    node_id: int,
    *,
    expected_version: int | None = None,
    **changes: Unpack[NodeChanges],
) -> NodeDetail:
    """Save form fields of a customer or job.

    Takes any field of the form: names, phones (``phone``, ``alt_phone``, ``cell``,
    ``fax``; empty removes), ``email``/``cc_email``, ``bill_to``/``work`` dicts (the
    given parts change, ``None`` removes the address), list ids, payment info
    (``card_number`` is reduced to brand and last four), ``custom_fields`` {field id:
    value} (``None`` clears), ``name`` (descendants' full names follow), ``parent``
    (moves the node, see `jobs.move`) and the Job Info fields of a job. A stale
    ``expected_version`` raises ConflictError; any change moves the version on.
    """
    return node_save.update_node(
        session, node_id, expected_version=expected_version, changes=changes
    )


@reads
def new_defaults(session: Session) -> NodeDetail:
    """What the form shows for a new customer before anything is typed (id 0, version 0).

    The same defaults `add` gives a customer when a field is left out.
    """
    values: dict[str, Any] = {f.name: None for f in dataclass_fields(NodeDetail)}
    now = utcnow()
    values.update(
        id=0,
        name="",
        full_name="",
        kind="customer",
        customer_id=0,
        customer_name="",
        depth=0,
        is_active=True,
        is_prospect=False,
        preferred_contact="phone",
        work_same_as_bill_to=True,
        phones=(),
        emails=(),
        custom_fields={},
        popup_notes=(),
        opening_balance=Decimal(0),
        is_debit_card=False,
        credit_hold=False,
        balance=Decimal(0),
        balance_total=Decimal(0),
        contacts=(),
        warnings=(),
        created_at=now,
        updated_at=now,
        version=0,
    )
    return NodeDetail(**values)


# ------------------------------------------------------------------------- finding


@reads
def search(
    session: Session,
    text: str = "",
    *,
    limit: int = 50,
    mode: SearchMode = "contains",
    show: Show = "active",
) -> list[NodeSummary]:
    """The quick filter: customers and jobs whose name, full name, company, contact
    names, emails, city, account number or phone digits match ``text``.

    ``mode`` is contains, starts_with or equals; ``show`` is active, inactive, all or
    prospects (active prospect customers and their jobs). Best matches first: the exact
    name, names starting with the text, any word starting with it, then (contains) the
    text anywhere; case and accents never matter (see `officemgr.core.search`).
    """
    if mode not in SEARCH_MODES:
        raise ValidationError(
            f"Search mode must be one of: {', '.join(SEARCH_MODES)}.", field="mode"
        )
    show = check_show(show)
    check_count(
        limit, field="limit", message="The number of results must be a positive whole number."
    )
    if text is not None and not isinstance(text, str):
        raise ValidationError("The search text must be text.", field="text")
    # What cannot be text in a name (control characters, half a character) matches nothing
    # rather than being refused: the quick filter searches as the user types.
    words = " ".join((text or "").split())
    stmt = node_records.summary_select()
    if not words:
        stmt = _shown(stmt, show).order_by(N.full_name_key).limit(limit)
        return node_records.summaries(session, stmt)
    ranked = search_index.find(
        session.connection(),
        words,
        mode=mode,
        show=show,
        limit=limit,
        region=tree_queries.office_region(session),
    )
    found = {s.id: s for s in node_records.summaries(session, stmt.where(N.id.in_(ranked)))}
    return [found[node_id] for node_id in ranked if node_id in found]


def _shown(stmt: Any, show: Show) -> Any:
    if show == "active":
        return stmt.where(N.is_active.is_(True))
    if show == "inactive":
        return stmt.where(N.is_active.is_(False))
    if show == "prospects":
        return stmt.where(N.is_active.is_(True), node_records.ROOT.is_prospect.is_(True))
    return stmt


@reads
def count(session: Session) -> dict[str, int]:
    """How many customers, jobs, active, inactive nodes and prospect customers there are."""
    is_customer = N.parent_id.is_(None)

    def total(condition: ColumnElement[bool]) -> Any:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = session.execute(
        select(
            total(is_customer),
            total(N.parent_id.is_not(None)),
            total(N.is_active.is_(True)),
            total(N.is_active.is_(False)),
            total(is_customer & N.is_prospect.is_(True)),
        )
    ).one()
    return {
        "customers": int(row[0]),
        "jobs": int(row[1]),
        "active": int(row[2]),
        "inactive": int(row[3]),
        "prospects": int(row[4]),
    }


@reads
def find_duplicates(
    session: Session,
    *,
    name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    exclude_id: int | None = None,
) -> list[NodeSummary]:
    """Records that already have this full name, phone number or email address."""
    name = query_text(name, field="name", label="The name")
    phone = query_text(phone, field="phone", label="The phone number")
    email = query_text(email, field="email", label="The email address")
    if exclude_id is not None:
        check_id(exclude_id, field="exclude_id", label="customer or job")
    parts: list[Any] = []
    if name and name.strip():
        parts.append(select(N.id).where(N.full_name_key == keys.name_key(" ".join(name.split()))))
    if phone and phone.strip():
        key = parse_phone(phone, tree_queries.office_region(session)).digits_key
        if len(key) >= 7:
            parts.append(
                select(m.Phone.owner_id).where(
                    m.Phone.digits_key == key, m.Phone.owner_id.is_not(None)
                )
            )
            parts.append(
                select(m.Contact.owner_id)
                .join(m.Phone, m.Phone.contact_id == m.Contact.id)
                .where(m.Phone.digits_key == key)
            )
    if email and email.strip():
        normalized = contact_details.normalized_email(email)
        if normalized:
            parts.append(
                select(m.Email.owner_id).where(
                    m.Email.normalized == normalized, m.Email.owner_id.is_not(None)
                )
            )
            parts.append(
                select(m.Contact.owner_id)
                .join(m.Email, m.Email.contact_id == m.Contact.id)
                .where(m.Email.normalized == normalized)
            )
    if not parts:
        return []
    stmt = node_records.summary_select().where(N.id.in_(union(*parts)))
    if exclude_id is not None:
        stmt = stmt.where(N.id != exclude_id)
    return node_records.summaries(session, stmt.order_by(N.full_name_key))


# ---------------------------------------------------------------------- lifecycle


def set_active(
    session: Session, node_id: int, *, active: bool, include_jobs: bool = False
) -> NodeSummary:
    """Make a node active or inactive; ``include_jobs`` takes its jobs along.

    Making a job active also makes its inactive parents active, so it can be seen.
    """
    active = as_bool(active, field="is_active", label="Active")
    node = nodes.get_node(session, node_id)
    if node.is_active != active:
        node.is_active = active
        nodes.flush(session, record_id=node.id, what=node.full_name)
    targets: list[ColumnElement[bool]] = []
    if include_jobs:
        targets.append(tree_queries.descendants_of(node.full_name_key))
    if active and node.parent_id is not None:
        targets.append(N.full_name_key.in_(nodes.ancestor_keys(node.full_name_key)))
    if targets:
        session.execute(
            sql_update(N)
            .where(or_(*targets), N.is_active.is_not(active))
            .values(is_active=active, version=N.version + 1)
            .execution_options(synchronize_session=False)
        )
        session.expire_all()
    return node_records.summary(session, node.id)


def delete(session: Session, node_id: int) -> None:
    """Delete a customer or job that has no jobs and no history.

    Refuses (HasHistoryError) when it has contact log entries, invoices or payments —
    make it inactive instead — and (ValidationError) while it still has jobs.
    """
    node = nodes.get_node(session, node_id)
    subtree = select(N.id).where(nodes.subtree_of(node.id, node.full_name_key))
    history = []
    for model, what in (
        (m.ContactLogEntry, "contact log entries"),
        (m.Invoice, "invoices"),
        (m.Payment, "payments"),
    ):
        if session.execute(select(exists().where(model.node_id.in_(subtree)))).scalar():
            history.append(what)
    if history:
        listed = (
            history[0] if len(history) == 1 else ", ".join(history[:-1]) + " and " + history[-1]
        )
        raise HasHistoryError(
            f"“{node.full_name}” has {listed}, so it cannot be deleted. Make it inactive instead."
        )
    if session.execute(select(exists().where(N.parent_id == node.id))).scalar():
        raise ValidationError(
            f"“{node.full_name}” still has jobs. Delete or move its jobs first.", field=None
        )
    if node.balance_total:
        balances.add_to_balance(session.connection(), node.id, -node.balance_total)
    session.delete(node)
    nodes.flush(session, record_id=node.id, what=node.full_name)


# ------------------------------------------------------------------- credit hold


def _customer_for_hold(session: Session, node_id: int) -> m.CustomerJob:
    node = nodes.get_node(session, node_id)
    if node.parent_id is not None:
        raise ValidationError(
            "A credit hold is placed on the customer, not on one of its jobs; "
            "its jobs show the customer's hold.",
            field="credit_hold",
        )
    return node


def place_credit_hold(session: Session, node_id: int, *, reason: str, by: str) -> NodeSummary:
    """Put a customer (and so every job under it) on credit hold, and log who and why."""
    node = _customer_for_hold(session, node_id)
    reason_text = required_text(
        reason,
        field="credit_hold_reason",
        label="The reason",
        max_length=m.LONG,
        missing="Give a reason for the credit hold.",
    )
    who = required_text(
        by,
        field="credit_hold_by",
        label="Who placed the hold",
        max_length=m.NAME_LENGTH,
        missing="Say who is placing the credit hold.",
    )
    if node.credit_hold:
        raise ValidationError(
            f"“{node.full_name}” is already on credit hold ({node.credit_hold_reason}).",
            field="credit_hold",
        )
    node.credit_hold = True
    node.credit_hold_reason = reason_text
    node.credit_hold_at = utcnow()
    node.credit_hold_by = who
    nodes.flush(session, record_id=node.id, what=node.full_name)
    contact_log.add(
        session,
        owner=node.id,
        kind="System",
        subject="Credit hold placed",
        details=f"Credit hold placed by {who}. Reason: {reason_text}",
        employee=who,
        is_system=True,
    )
    return node_records.summary(session, node.id)


def release_credit_hold(
    session: Session, node_id: int, *, by: str, reason: str | None = None
) -> NodeSummary:
    """Take a customer off credit hold, and log who released it, when and why."""
    node = _customer_for_hold(session, node_id)
    who = required_text(
        by,
        field="credit_hold_by",
        label="Who released the hold",
        max_length=m.NAME_LENGTH,
        missing="Say who is releasing the credit hold.",
    )
    why = as_text(reason, field="credit_hold_reason", label="The reason", max_length=m.LONG)
    if not node.credit_hold:
        raise ValidationError(f"“{node.full_name}” is not on credit hold.", field="credit_hold")
    placed = node.credit_hold_reason
    node.credit_hold = False
    node.credit_hold_reason = None
    node.credit_hold_at = None
    node.credit_hold_by = None
    nodes.flush(session, record_id=node.id, what=node.full_name)
    details = f"Credit hold released by {who}."
    if why:
        details += f" Reason: {why}"
    if placed:
        details += f" (It was placed for: {placed})"
    contact_log.add(
        session,
        owner=node.id,
        kind="System",
        subject="Credit hold released",
        details=details,
        employee=who,
        is_system=True,
    )
    return node_records.summary(session, node.id)
