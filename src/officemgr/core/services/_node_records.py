"""The records the Customer:Job list and form show: `NodeSummary` and `NodeDetail`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from officemgr.core import models as m
from officemgr.core.records import JobInfoRecord, NodeDetail, NodeSummary, PopupNoteRecord
from officemgr.core.services._contact_details import (
    address_record,
    contact_record,
    email_record,
    phone_record,
)
from officemgr.core.services._custom_fields import decode_custom
from officemgr.core.services._nodes import ancestor_keys, check_node_id, node_not_found
from officemgr.core.tree_queries import has_popup_notes, office_region

N = m.CustomerJob
ROOT = aliased(m.CustomerJob, name="root_node")

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
            has_popup_notes(N.id, ROOT.id, date.today()).label("has_popup_notes"),
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
            has_popup_notes=bool(row.has_popup_notes),
        )
        for row in session.execute(stmt)
    ]


def summary(session: Session, node_id: int) -> NodeSummary:
    found = summaries(session, summary_select().where(N.id == node_id))
    if not found:
        raise node_not_found(node_id)
    return found[0]


# ------------------------------------------------------------------------ detail


class _Loaded(SimpleNamespace):
    """A record as read for the form: its columns as attributes (as the ORM object has
    them), and the rows it owns in lists."""


_NODES = m.table(m.CustomerJob)
_ADDRESSES = m.table(m.Address)
_PHONES = m.table(m.Phone)
_EMAILS = m.table(m.Email)
_CONTACTS = m.table(m.Contact)
_JOB_INFO = m.table(m.JobInfo)


def _load_full(session: Session, node_id: int) -> Any:
    """Customer or job ``node_id`` with its addresses, phones, e-mails, contacts (each
    with theirs) and Job Info: six Core selects on the session's connection, in the
    ORM relationships' order, without building ORM objects (the form reads it on every
    selection, and a save gives it back)."""
    conn = session.connection()
    found = conn.execute(select(_NODES).where(_NODES.c.id == node_id)).first()
    if found is None:
        raise node_not_found(node_id)
    node = _Loaded(**found._mapping)
    node.addresses = [
        _Loaded(**row._mapping)
        for row in conn.execute(
            select(_ADDRESSES).where(_ADDRESSES.c.owner_id == node_id).order_by(_ADDRESSES.c.kind)
        )
    ]
    contacts = [
        _Loaded(**row._mapping, phones=[], emails=[])
        for row in conn.execute(
            select(_CONTACTS)
            .where(_CONTACTS.c.owner_id == node_id)
            .order_by(_CONTACTS.c.position, _CONTACTS.c.id)
        )
    ]
    by_contact = {contact.id: contact for contact in contacts}
    node.contacts = contacts
    for name, owned in (("phones", _PHONES), ("emails", _EMAILS)):
        mine: list[_Loaded] = []
        setattr(node, name, mine)
        owners = [owned.c.owner_id == node_id]
        if by_contact:
            owners.append(owned.c.contact_id.in_(list(by_contact)))
        rows = conn.execute(
            select(owned).where(or_(*owners)).order_by(owned.c.position, owned.c.id)
        )
        for row in rows:
            item = _Loaded(**row._mapping)
            holder = by_contact.get(item.contact_id)
            (getattr(holder, name) if holder is not None else mine).append(item)
    info = conn.execute(select(_JOB_INFO).where(_JOB_INFO.c.job_id == node_id)).first()
    node.job_info = _Loaded(**info._mapping) if info is not None else None
    return node


def detail(session: Session, node_id: Any) -> NodeDetail:
    check_node_id(node_id)
    session.flush()  # what this session changed is what the Core selects then read
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
        bill_to=address_record(addresses.get("bill_to")),
        work=address_record(addresses.get("work")),
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
        popup_notes=tuple(popup_record(n, inherited=n.owner_id != node.id) for n in notes),
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


def popup_record(row: m.PopupNote, *, inherited: bool = False) -> PopupNoteRecord:
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
