"""Customers and jobs streamed out of a company, with everything an export writes of them.

One select lists the nodes in Customer:Job order with their list entries by name and
their Job Info; it is read a batch at a time (``yield_per``), and each batch's phones,
emails, addresses, contacts and custom values come in one select each. Memory stays at
one batch whatever the size of the company.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from officemgr.core import models as m
from officemgr.core.exports import details
from officemgr.core.exports.records import JobOut, NodeOut
from officemgr.core.exports.scope import NODES, shown, tree_order
from officemgr.core.exports.tracker import Tracker
from officemgr.core.tree_queries import office_region

__all__ = ["BATCH", "nodes"]

BATCH = 500  # customers and jobs read (and written) at a time

N = NODES
CUSTOMER_TYPES = m.table(m.ListItem).alias("customer_type")
TERMS = m.table(m.Terms)
REPS = m.table(m.Employee).alias("sales_rep")
TAX_CODES = m.table(m.TaxCode)
JOB_INFO = m.table(m.JobInfo)
JOB_TYPES = m.table(m.JobType)


def nodes(
    session: Session, *, include_inactive: bool, tracker: Tracker, customers_only: bool = False
) -> Iterator[NodeOut]:
    """Every customer (and, unless ``customers_only``, every job) in Customer:Job order,
    inactive ones too when ``include_inactive``."""
    where = [shown(N, include_inactive=include_inactive)]
    if customers_only:
        where.append(N.c.parent_id.is_(None))
    total = session.execute(select(func.count()).select_from(N).where(*where)).scalar()
    tracker.start(int(total or 0))
    region = office_region(session)
    stmt = _select().where(*where).execution_options(yield_per=BATCH)
    for batch in session.execute(stmt).partitions():
        yield from _with_details(session, batch, region)
        tracker.read(len(batch))


def _select() -> Select[Any]:
    """The nodes with their list entries' names and their Job Info, in tree order."""
    return (
        select(
            N,
            CUSTOMER_TYPES.c.name.label("customer_type_name"),
            TERMS.c.name.label("terms_name"),
            REPS.c.name.label("sales_rep_name"),
            REPS.c.initials.label("sales_rep_initials"),
            TAX_CODES.c.name.label("tax_code_name"),
            TAX_CODES.c.is_taxable.label("tax_code_taxable"),
            JOB_INFO.c.job_id,
            JOB_INFO.c.status,
            JOB_INFO.c.description,
            JOB_INFO.c.start_date,
            JOB_INFO.c.projected_end_date,
            JOB_INFO.c.completion_date,
            JOB_TYPES.c.full_name.label("job_type_name"),
        )
        .select_from(
            N.outerjoin(CUSTOMER_TYPES, CUSTOMER_TYPES.c.id == N.c.customer_type_id)
            .outerjoin(TERMS, TERMS.c.id == N.c.terms_id)
            .outerjoin(REPS, REPS.c.id == N.c.sales_rep_id)
            .outerjoin(TAX_CODES, TAX_CODES.c.id == N.c.tax_code_id)
            .outerjoin(JOB_INFO, JOB_INFO.c.job_id == N.c.id)
            .outerjoin(JOB_TYPES, JOB_TYPES.c.id == JOB_INFO.c.job_type_id)
        )
        .order_by(tree_order(), N.c.id)
    )


def _with_details(session: Session, batch: Any, region: str) -> Iterator[NodeOut]:
    """The batch's rows as `NodeOut`, their details fetched for the whole batch at once."""
    ids = [row.id for row in batch]
    addresses = details.addresses_of(session, ids)
    phones = details.phones_of(session, details.PHONES.c.owner_id, ids, region)
    emails = details.emails_of(session, details.EMAILS.c.owner_id, ids)
    contacts = details.contact_names_of(session, ids)
    custom = details.custom_values_of(session, ids)
    for row in batch:
        yield NodeOut(
            full_name=row.full_name,
            name=row.name,
            depth=row.depth,
            is_active=bool(row.is_active),
            company_name=row.company_name,
            salutation=row.salutation,
            first_name=row.first_name,
            middle_initial=row.middle_initial,
            last_name=row.last_name,
            website=row.website,
            account_number=row.account_number,
            resale_number=row.resale_number,
            notepad=row.notepad,
            credit_limit=row.credit_limit,
            customer_type=row.customer_type_name,
            terms=row.terms_name,
            sales_rep=row.sales_rep_name,
            sales_rep_initials=row.sales_rep_initials,
            tax_code=row.tax_code_name,
            taxable=None if row.tax_code_name is None else bool(row.tax_code_taxable),
            job=_job(row),
            bill_to=addresses.get((row.id, "bill_to")),
            work=addresses.get((row.id, "work")),
            phones=phones.get(row.id, ()),
            emails=emails.get(row.id, ()),
            contacts=contacts.get(row.id, ()),
            custom=custom.get(row.id, {}),
        )


def _job(row: Any) -> JobOut | None:
    if row.job_id is None or row.parent_id is None:
        return None
    return JobOut(
        status=row.status,
        description=row.description,
        job_type=row.job_type_name,
        start_date=row.start_date,
        projected_end_date=row.projected_end_date,
        completion_date=row.completion_date,
    )
