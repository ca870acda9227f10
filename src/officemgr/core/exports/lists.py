"""Each list as a table: its columns (`columns`) and its rows, streamed from the company."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from officemgr.core.exports import details
from officemgr.core.exports.billing_reader import invoice_rows, payment_rows
from officemgr.core.exports.choices import ListName
from officemgr.core.exports.columns import (
    CONTACT_COLUMNS,
    CUSTOMER_COLUMNS,
    INVOICE_COLUMNS,
    LOG_COLUMNS,
    PAYMENT_COLUMNS,
    Column,
    custom_column,
)
from officemgr.core.exports.contact_reader import contacts
from officemgr.core.exports.log_reader import log_rows
from officemgr.core.exports.node_reader import nodes
from officemgr.core.exports.rows import contact_row, customer_row
from officemgr.core.exports.tracker import Tracker
from officemgr.core.exports.values import Value

__all__ = ["SHEET_TITLES", "Table", "table_of"]

SHEET_TITLES = {
    "customers": "Customers",
    "contacts": "Contacts",
    "contact-log": "Contact log",
    "invoices": "Invoices",
    "payments": "Payments",
}


@dataclass(frozen=True)
class Table:
    """A list's header and its rows; the rows are read from the company as they are taken."""

    columns: tuple[Column, ...]
    rows: Iterable[Sequence[Value]]


def table_of(
    session: Session, what: ListName, *, include_inactive: bool, tracker: Tracker
) -> Table:
    """The table of ``what``, counting each row into ``tracker`` as it is taken."""
    if what == "customers":
        labels = details.custom_labels(session)
        columns = (*CUSTOMER_COLUMNS, *(custom_column(label) for label in labels))
        return Table(columns, _customer_rows(session, labels, include_inactive, tracker))
    if what == "contacts":
        found = contacts(session, include_inactive=include_inactive, tracker=tracker)
        return Table(CONTACT_COLUMNS, _counted(map(contact_row, found), tracker))
    readers = {"contact-log": log_rows, "invoices": invoice_rows, "payments": payment_rows}
    headers = {"contact-log": LOG_COLUMNS, "invoices": INVOICE_COLUMNS, "payments": PAYMENT_COLUMNS}
    rows = readers[what](session, include_inactive=include_inactive, tracker=tracker)
    return Table(headers[what], _counted(rows, tracker))


def _customer_rows(
    session: Session, labels: Sequence[str], include_inactive: bool, tracker: Tracker
) -> Iterator[Sequence[Value]]:
    for node in nodes(session, include_inactive=include_inactive, tracker=tracker):
        yield customer_row(node, labels)
        tracker.wrote(job=not node.is_customer)


def _counted(rows: Iterable[Sequence[Value]], tracker: Tracker) -> Iterator[Sequence[Value]]:
    for row in rows:
        yield row
        tracker.wrote()
