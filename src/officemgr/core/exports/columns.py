"""The columns of every exported list: stable names, what each holds, how it is written.

These tables are the documentation (the README quotes them) and the contract: a column
is never renamed, and new ones are added at the end. A column's ``kind`` says how a
value is written — in CSV as plain text (amounts ``1234.50``, dates ``2026-11-30``,
times ``2026-11-30 14:05:00`` in the exporting computer's local time, ``yes``/``no``),
in Excel as a number, date or text cell of that kind.

The customer columns are the import's own targets (``core.imports.mapping.TARGETS``),
so a CSV written here maps itself when imported: every target but ``inactive`` (the
same fact as ``is_active``, turned round), ``full_name`` first since it is what an
import matches on. Custom fields follow as ``custom:<Label>`` columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from officemgr.core.exports.choices import ListName
from officemgr.core.imports.mapping import CUSTOM_PREFIX, TARGETS

__all__ = [
    "COLUMNS",
    "CONTACT_COLUMNS",
    "CUSTOMER_COLUMNS",
    "CUSTOM_COLUMN",
    "INVOICE_COLUMNS",
    "LOG_COLUMNS",
    "PAYMENT_COLUMNS",
    "Column",
    "Kind",
    "custom_column",
]

Kind = Literal["text", "money", "number", "date", "datetime", "yes_no"]


@dataclass(frozen=True)
class Column:
    """One column: its header, how its values are written, and what it holds."""

    key: str
    kind: Kind
    meaning: str


# ------------------------------------------------------------------------ customers

_CUSTOMER_NOTES = {
    "full_name": "Customer:Job path (“Smith, John:Furnace”): what an import matches on",
    "name": "the customer's or job's own name",
    "parent": "full name of the customer or job it is under; empty for a customer",
    "salutation": "Mr., Ms., Dr. …",
    "middle_initial": "middle initial",
    "phone": "phone as the window shows it: “(555) 201-3344 ext. 12”",
    "alt_phone": "alternate phone",
    "cc_email": "Cc email",
    "credit_limit": "credit limit: 2500.00; empty for none",
    "is_active": "yes, or no for an inactive customer or job",
    "taxable": "yes or no, as its tax code says; empty without a tax code",
    "sales_rep": "the sales rep's name",
    "job_type": "job type, “Type:Subtype” (jobs only)",
    "contact1": "name of the first contact (every contact: the contacts list)",
    "contact2": "name of the second contact",
    "description": "job description (jobs only)",
    "status": "job status: None, Pending, Awarded, In Progress, Closed, Not Awarded (jobs only)",
    "start_date": "job start date (jobs only)",
    "projected_end_date": "job projected end (jobs only)",
    "completion_date": "job end date (jobs only)",
}
_CUSTOMER_KINDS: dict[str, Kind] = {
    "credit_limit": "money",
    "is_active": "yes_no",
    "taxable": "yes_no",
    "start_date": "date",
    "projected_end_date": "date",
    "completion_date": "date",
}


def _customer_columns() -> tuple[Column, ...]:
    keys = ["full_name", *(key for key in TARGETS if key not in ("full_name", "inactive"))]
    return tuple(
        Column(
            key,
            _CUSTOMER_KINDS.get(key, "text"),
            _CUSTOMER_NOTES.get(key, TARGETS[key][:1].lower() + TARGETS[key][1:]),
        )
        for key in keys
    )


CUSTOMER_COLUMNS = _customer_columns()
CUSTOM_COLUMN = Column(
    f"{CUSTOM_PREFIX}<Label>",
    "text",
    "one column for each custom field that holds a value somewhere, by label, A to Z",
)


def custom_column(label: str) -> Column:
    """The column of the custom field called ``label``."""
    return Column(CUSTOM_PREFIX + label, "text", f"custom field “{label}”")


# ------------------------------------------------------------------------ the rest

CONTACT_COLUMNS = (
    Column("owner", "text", "Customer:Job the contact belongs to (its full name)"),
    Column("name", "text", "the contact's name"),
    Column("role", "text", "role or title"),
    Column("primary", "yes_no", "yes for the primary contact"),
    Column("phone", "text", "main phone, as the window shows it"),
    Column("alt_phone", "text", "alternate phone"),
    Column("cell", "text", "cell phone"),
    Column("fax", "text", "fax"),
    Column("work_phone", "text", "work phone"),
    Column("home_phone", "text", "home phone"),
    Column("mobile", "text", "mobile phone"),
    Column("other_phone", "text", "other phone (several of one kind: joined by “; ”)"),
    Column("email", "text", "main email"),
    Column("cc_email", "text", "Cc email"),
    Column("other_email", "text", "other email"),
    Column("notes", "text", "notes"),
)

LOG_COLUMNS = (
    Column("at", "datetime", "date and time of the call, email or visit (local time)"),
    Column("customer", "text", "Customer:Job the entry is on (its full name)"),
    Column("kind", "text", "Call In, Call Out, Email, Text, Visit, Letter, Note or System"),
    Column("subject", "text", "subject"),
    Column("details", "text", "details"),
    Column("contact", "text", "the contact spoken to"),
    Column("employee", "text", "the employee who logged it"),
    Column("follow_up_on", "date", "follow-up date"),
    Column("system", "yes_no", "yes for an entry OfficeMgr wrote (a credit hold, an override)"),
)

INVOICE_COLUMNS = (
    Column("number", "number", "invoice number"),
    Column("invoice_date", "date", "invoice date"),
    Column("due_date", "date", "due date"),
    Column("customer", "text", "the customer"),
    Column("job", "text", "full name of the job invoiced; empty for the customer itself"),
    Column("terms", "text", "terms"),
    Column("tax_code", "text", "sales tax code"),
    Column("tax_rate_percent", "number", "tax rate in percent: 8.25"),
    Column("memo", "text", "memo"),
    Column("subtotal", "money", "total of the lines"),
    Column("tax", "money", "sales tax"),
    Column("total", "money", "subtotal plus tax"),
    Column("paid", "money", "paid on it so far"),
    Column("open", "money", "still owed (0 when paid or void)"),
    Column("status", "text", "open, paid or void"),
    Column("void_reason", "text", "why it was voided"),
)

PAYMENT_COLUMNS = (
    Column("received_on", "date", "date received"),
    Column("customer", "text", "the customer"),
    Column("job", "text", "full name of the job it was received on; empty for the customer"),
    Column("amount", "money", "amount received"),
    Column("method", "text", "payment method"),
    Column("reference", "text", "check number or other reference"),
    Column("memo", "text", "memo"),
    Column("applied", "money", "applied to invoices"),
    Column("unapplied", "money", "left as credit (0 when void)"),
    Column("applied_to", "text", "invoices paid: “1001: 50.00; 1002: 25.00”"),
    Column("void", "yes_no", "yes when voided"),
    Column("void_reason", "text", "why it was voided"),
)

# The columns of each list, as the README lists them (customers: their custom fields
# follow as `CUSTOM_COLUMN` says).
COLUMNS: Mapping[ListName, tuple[Column, ...]] = MappingProxyType(
    {
        "customers": (*CUSTOMER_COLUMNS, CUSTOM_COLUMN),
        "contacts": CONTACT_COLUMNS,
        "contact-log": LOG_COLUMNS,
        "invoices": INVOICE_COLUMNS,
        "payments": PAYMENT_COLUMNS,
    }
)
