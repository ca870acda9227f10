"""Jobs: nodes under a customer (or under another job), with their Job Info tab.

A new job starts with its parent's contact details copied in — addresses, phones,
emails, contacts, names, terms, type, reps, tax code — so nothing is retyped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from officemgr.core import keys, tree_queries
from officemgr.core import models as m
from officemgr.core.fields import JobAddFields, NodeChanges
from officemgr.core.inputs import as_bool, as_choice, as_id
from officemgr.core.records import JobInfoRecord, NodeDetail, NodeSummary
from officemgr.core.services import _contact_details as contact_details
from officemgr.core.services import _node_records as node_records
from officemgr.core.services import _node_save as node_save
from officemgr.core.services import _nodes as nodes
from officemgr.core.services import _tree_ops as tree_ops
from officemgr.core.services import reads
from officemgr.errors import ValidationError

__all__ = [
    "add",
    "get",
    "move",
    "new_defaults",
    "set_status",
    "update",
]

N = m.CustomerJob


def load_parent(session: Session, parent: Any) -> m.CustomerJob:
    """The node a new job goes under, with the details a job copies from it."""
    nodes.get_node(session, parent, field="parent")
    return session.execute(
        select(N)
        .where(N.id == parent)
        .options(
            selectinload(N.addresses),
            selectinload(N.phones),
            selectinload(N.emails),
            selectinload(N.contacts).selectinload(m.Contact.phones),
            selectinload(N.contacts).selectinload(m.Contact.emails),
        )
    ).scalar_one()


def _copy_details(source: m.CustomerJob, job: m.CustomerJob) -> None:
    for field in nodes.COPIED_FIELDS:
        setattr(job, field, getattr(source, field))
    job.addresses = [contact_details.copy_address(a) for a in source.addresses]
    job.phones = [contact_details.copy_phone(p) for p in source.phones]
    job.emails = [contact_details.copy_email(e) for e in source.emails]
    job.contacts = [
        m.Contact(
            name=c.name,
            role=c.role,
            notes=c.notes,
            is_primary=c.is_primary,
            position=c.position,
            phones=[contact_details.copy_phone(p) for p in c.phones],
            emails=[contact_details.copy_email(e) for e in c.emails],
        )
        for c in source.contacts
    ]


def add(
    session: Session,
    *,
    parent: int,
    name: str,
    status: str = "None",
    copy_details: bool = True,
    title: str | None = None,
    job_type_id: int | None = None,
    foreman_id: int | None = None,
    start_date: date | str | None = None,
    projected_end_date: date | str | None = None,
    completion_date: date | str | None = None,
    projected_total: Decimal | str | int | None = None,
    description: str | None = None,
    details: str | None = None,
    credit_override: str | None = None,
    by: str | None = None,
    **fields: Unpack[JobAddFields],
) -> NodeSummary:
    """Add a job under a customer or a job (at most five levels deep in all).

    Unless ``copy_details`` is False the job starts with its parent's contact details;
    any node field given (``phone=…``, ``bill_to={…}``, ``terms_id=…``) replaces the
    copied value.

    A new job under a customer on credit hold needs ``credit_override`` (the reason) and
    ``by``, logged on the customer; without them CreditHoldError.
    """
    source = load_parent(session, parent)
    job, finish = build(
        session,
        source,
        name=name,
        given={
            **fields,
            "status": status,
            "title": title,
            "job_type_id": job_type_id,
            "foreman_id": foreman_id,
            "start_date": start_date,
            "projected_end_date": projected_end_date,
            "completion_date": completion_date,
            "projected_total": projected_total,
            "description": description,
            "details": details,
        },
        copy_details=copy_details,
        credit_override=credit_override,
        by=by,
    )
    session.flush()
    finish()
    return node_records.summary(session, job.id)


def build(
    session: Session,
    source: m.CustomerJob,
    *,
    name: str,
    given: dict[str, Any],
    copy_details: bool = True,
    credit_override: str | None = None,
    by: str | None = None,
) -> tuple[m.CustomerJob, Callable[[], None]]:
    """A new job under ``source`` (loaded with its details, as `load_parent` does),
    checked and added to the session but not flushed; with what to do once it is
    flushed (its opening balance, a credit override's log entry)."""
    # Imported here: this function is the only part of jobs that bills.
    from officemgr.core.services import _billing as billing

    check, override, override_by = billing.enforce_credit(
        session, source, amount=Decimal(0), what="New job", override=credit_override, by=by
    )
    nodes.check_room_under(source)
    clean = nodes.clean_node_name(name)
    full_name, key = nodes.full_names_under(source, clean)
    nodes.ensure_name_free(session, key, message=nodes.taken_message(source))
    nodes.check_field_names(given, is_job=True)
    copy = as_bool(copy_details, field="copy_details", label="Copy details")
    job = _new_job_node(source, clean, full_name, key)
    if copy:
        _copy_details(source, job)
    job.job_info = m.JobInfo(status="None")
    # Filled in before it joins the session, so it is inserted once, at version 1.
    delta = nodes.apply_fields(
        session,
        job,
        given,
        region=tree_queries.office_region(session),
        replace_addresses=True,
        is_job=True,
    )
    session.add(job)

    def finish() -> None:
        nodes.apply_opening_balance(session, job, delta)
        if check is not None and override is not None and override_by is not None:
            billing.log_override(
                session,
                check.customer_id,
                check=check,
                action=f"New job {job.full_name}",
                reason=override,
                by=override_by,
            )

    return job, finish


def _new_job_node(source: m.CustomerJob, clean: str, full_name: str, key: str) -> m.CustomerJob:
    assert source.customer_id is not None
    return N(
        parent_id=source.id,
        customer_id=source.customer_id,
        depth=source.depth + 1,
        name=clean,
        full_name=full_name,
        full_name_key=key,
        sort_key=keys.sort_key(clean),
        addresses=[],
        phones=[],
        emails=[],
        contacts=[],
        custom_values=[],
    )


@reads
def get(session: Session, job_id: int) -> NodeDetail:
    """Everything the Customer:Job form shows (same as ``customers.get``)."""
    return node_records.detail(session, job_id)


# NodeDetail fields a new job takes from its parent besides nodes.COPIED_FIELDS: its
# contact details, and the customer's status (prospect, credit hold) that jobs show.
_DETAIL_COPIED = (
    "bill_to",
    "work",
    "phones",
    "emails",
    "contacts",
    "customer_id",
    "customer_name",
    "is_prospect",
    "credit_hold",
    "credit_hold_reason",
    "credit_hold_at",
    "credit_hold_by",
)


@reads
def new_defaults(session: Session, parent: int) -> NodeDetail:
    """What the form shows for a new job under ``parent`` before anything is typed.

    Exactly what `add` would give the job (with ``copy_details``): the parent's contact
    details, names, terms, type, reps and tax code, and the customer's pop-up notes (as
    inherited). Everything else is blank; ``id`` and ``version`` are 0, the name empty.
    """
    source = node_records.detail(session, parent)
    blank = dataclasses.asdict(_customer_defaults(session))
    kept = {name: getattr(source, name) for name in (*nodes.COPIED_FIELDS, *_DETAIL_COPIED)}
    values = {field.name: blank[field.name] for field in dataclasses.fields(NodeDetail)}
    values.update(kept)
    values.update(
        kind="job",
        full_name=f"{source.full_name}:",
        parent_id=source.id,
        parent_full_name=source.full_name,
        depth=source.depth + 1,
        popup_notes=tuple(dataclasses.replace(n, inherited=True) for n in source.popup_notes),
        job_info=JobInfoRecord(
            id=0,
            title=None,
            job_type_id=None,
            job_type_name=None,
            status="None",
            foreman_id=None,
            foreman_name=None,
            start_date=None,
            projected_end_date=None,
            completion_date=None,
            projected_total=None,
            description=None,
            details=None,
            estimate_type=None,
            version=0,
        ),
    )
    return NodeDetail(**values)


def _customer_defaults(session: Session) -> NodeDetail:
    from officemgr.core.services.customers import new_defaults as customer_defaults

    return customer_defaults(session)


def update(
    session: Session,
    job_id: int,
    *,
    expected_version: int | None = None,
    **changes: Unpack[NodeChanges],
) -> NodeDetail:
    """Save form fields of a job (same as ``customers.update``)."""
    return node_save.update_node(
        session, job_id, expected_version=expected_version, changes=changes
    )


def set_status(session: Session, job_id: int, *, status: str) -> NodeSummary:
    """Set a job's status (None, Pending, Awarded, In Progress, Closed, Not Awarded)."""
    job = nodes.load_for_edit(session, job_id)
    if job.parent_id is None:
        raise ValidationError("Only a job has a status; this is a customer.", field="status")
    value = as_choice(status, m.JOB_STATUSES, field="status", label="Job status")
    if job.job_info is None:
        job.job_info = m.JobInfo(status=value)
    if job.job_info.status != value:
        job.job_info.status = value
        nodes.touch(job)
        nodes.flush(session, record_id=job.id, what=job.full_name)
    return node_records.summary(session, job.id)


def move(session: Session, node_id: int, *, new_parent: int | None) -> NodeSummary:
    """Move a job (with its own jobs) under another customer or job.

    Never under itself or its own jobs; the moved jobs must stay within five levels; the
    new parent must not already have a job of that name. Full names, depths, the
    customer of the moved jobs and of their log entries, invoices and payments, and the
    balances of the old and new parents all follow. ``new_parent`` None makes the job a
    customer of its own.
    """
    node = nodes.load_for_edit(session, node_id)
    if new_parent is not None:
        new_parent = as_id(new_parent, field="parent", label="Parent")
    tree_ops.move(session, node, new_parent)
    return node_records.summary(session, node_id)
