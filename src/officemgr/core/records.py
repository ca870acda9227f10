"""Plain, frozen records the services return: safe to keep after the session closes.

Every record has at least ``id`` and ``name`` (a field or a property). Money is
``Decimal``, timestamps are aware UTC datetimes, dates are ``date``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple

from officemgr.core.fields import AddressParts
from officemgr.core.numbers import NumberFormat, number_format

__all__ = [
    "DEFAULT_PAGE",
    "AccountJobRow",
    "AccountSummary",
    "AddressRecord",
    "CallerCard",
    "ContactRecord",
    "CreditCheck",
    "CustomFieldRecord",
    "DuplicatePair",
    "EmailRecord",
    "EmployeeRecord",
    "FigureLineRecord",
    "InventoryItemRecord",
    "InventoryList",
    "InvoiceLineRecord",
    "InvoiceRecord",
    "JobFigures",
    "JobInfoRecord",
    "JobTypeRecord",
    "ListItemRecord",
    "LogEntryRecord",
    "LogRevisionRecord",
    "NodeDetail",
    "NodeKind",
    "NodeSummary",
    "OfficeLists",
    "OfficeSettingsRecord",
    "PaymentApplicationRecord",
    "PaymentMethodRecord",
    "PaymentRecord",
    "PhoneMatch",
    "PhoneRecord",
    "PopupNoteRecord",
    "ServiceLineRecord",
    "StopRecord",
    "TaxCodeRecord",
    "TermsRecord",
    "TreeCounts",
    "TreeKey",
    "TreePlace",
    "TreeRow",
]

NodeKind = Literal["customer", "job"]

_ADDRESS_LABELS = {"bill_to": "Bill To", "work": "Work / Service"}


# ------------------------------------------------------------------ Customer:Job tree

DEFAULT_PAGE = 200  # rows of the tree read at a time


@dataclass(frozen=True)
class TreeRow:
    """One node of the Customer:Job tree, with what the list shows beside its name."""

    id: int
    name: str
    full_name: str
    parent_id: int | None
    customer_id: int
    depth: int
    is_active: bool
    is_prospect: bool
    on_credit_hold: bool  # the node's customer is on credit hold (jobs show their root's)
    has_popup_notes: bool  # an active pop-up note on the node or on its customer
    has_children: bool  # at least one child is listed under the same ``show``
    balance_total: Decimal  # open balance including every job below
    sort_key: str = ""  # what the list is ordered by (with ``id`` for equal keys)

    @property
    def is_customer(self) -> bool:
        return self.parent_id is None

    @classmethod
    def of_columns(cls, row: Sequence[Any]) -> TreeRow:
        """A row of the list's query, its columns in this record's order (the five flags
        as 0 or 1, no balance as 0.00): the tree service and the first look share it."""
        node_id, name, full_name, parent_id, customer_id, depth, *flags, balance, sort_key = row
        active, prospect, hold, notes, kids = (bool(flag) for flag in flags)
        return cls(
            node_id,
            name,
            full_name,
            parent_id,
            customer_id,
            depth,
            active,
            prospect,
            hold,
            notes,
            kids,
            balance if balance is not None else Decimal("0.00"),
            sort_key,
        )

    @property
    def key(self) -> TreeKey:
        """Where the row sits among its siblings: the list order is ``(sort_key, id)``."""
        return TreeKey(self.sort_key, self.id)


class TreeKey(NamedTuple):
    """A place in a list of siblings: rows are ordered by ``(sort_key, id)``.

    Pages are read after or before a key (keyset pagination): one index range each, and
    rows added or removed elsewhere in the list do not shift them as an OFFSET would.
    """

    sort_key: str
    id: int


@dataclass(frozen=True)
class TreePlace:
    """One step of the path to a node: the node, its key among its siblings, and
    whether the list shows it under the ``show`` it was asked for."""

    id: int
    parent_id: int | None
    sort_key: str
    listed: bool

    @property
    def key(self) -> TreeKey:
        return TreeKey(self.sort_key, self.id)


@dataclass(frozen=True)
class NodeSummary:
    """One row of the Customer:Job list (the tree, search results, duplicates).

    ``is_prospect`` and ``credit_hold`` are the customer's: a job shows its customer's.
    ``status`` is the job status (``None`` for a customer).
    """

    id: int
    name: str
    full_name: str
    parent_id: int | None
    customer_id: int
    depth: int
    is_active: bool
    is_prospect: bool
    credit_hold: bool
    balance: Decimal
    balance_total: Decimal
    kind: NodeKind
    version: int
    status: str | None = None
    has_popup_notes: bool = False  # an active pop-up note on the node or its customer


@dataclass(frozen=True)
class AddressRecord:
    id: int
    kind: str  # "bill_to" | "work"
    line1: str | None
    line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None

    @property
    def name(self) -> str:
        return _ADDRESS_LABELS.get(self.kind, self.kind)

    def as_dict(self) -> AddressParts:
        """The address fields, as ``update(bill_to=...)`` takes them."""
        return {
            "line1": self.line1,
            "line2": self.line2,
            "city": self.city,
            "region": self.region,
            "postal_code": self.postal_code,
            "country": self.country,
        }


@dataclass(frozen=True)
class PhoneRecord:
    """A stored phone: what was typed, and how it reads now (formatted at read time)."""

    id: int
    kind: str
    as_typed: str
    formatted: str
    extension: str | None
    e164: str | None
    is_valid: bool
    warning: str | None

    @property
    def name(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        """The formatted number with its extension, as a list shows it."""
        if self.extension and self.is_valid:
            return f"{self.formatted} ext. {self.extension}"
        return self.formatted


@dataclass(frozen=True)
class EmailRecord:
    id: int
    kind: str
    address: str  # as typed
    normalized: str | None
    is_valid: bool
    warning: str | None

    @property
    def name(self) -> str:
        return self.address


@dataclass(frozen=True)
class ContactRecord:
    id: int
    owner_id: int
    name: str
    role: str | None
    notes: str | None
    is_primary: bool
    position: int
    phones: tuple[PhoneRecord, ...]
    emails: tuple[EmailRecord, ...]
    version: int

    @property
    def phone(self) -> PhoneRecord | None:
        return self.phones[0] if self.phones else None

    @property
    def email(self) -> EmailRecord | None:
        return self.emails[0] if self.emails else None


@dataclass(frozen=True)
class PopupNoteRecord:
    """A pop-up note; ``inherited`` when it belongs to an ancestor of the record shown."""

    id: int
    owner_id: int
    text: str
    on_open: bool
    on_caller_id: bool
    on_new_job: bool
    on_billing: bool
    only_when_overdue: bool
    active_from: date | None
    active_until: date | None
    is_active: bool
    inherited: bool
    version: int

    @property
    def name(self) -> str:
        return self.text.split("\n", 1)[0]


@dataclass(frozen=True)
class JobInfoRecord:
    """The Job Info tab; ``id`` is the job's id."""

    id: int
    title: str | None
    job_type_id: int | None
    job_type_name: str | None  # the full name, "Install:Furnace"
    status: str
    foreman_id: int | None
    foreman_name: str | None
    start_date: date | None
    projected_end_date: date | None
    completion_date: date | None
    projected_total: Decimal | None
    description: str | None
    details: str | None
    estimate_type: str | None
    version: int

    @property
    def name(self) -> str:
        return self.title or ""


@dataclass(frozen=True)
class NodeDetail:
    """Everything the five-tab Customer:Job form shows.

    ``credit_hold*`` are the customer's hold (a job shows its customer's); ``warnings``
    holds sentences about kept-as-typed phones and odd emails.
    """

    id: int
    name: str
    full_name: str
    kind: NodeKind
    parent_id: int | None
    parent_full_name: str | None
    customer_id: int
    customer_name: str
    depth: int
    is_active: bool
    is_prospect: bool
    # Address Info
    company_name: str | None
    salutation: str | None
    first_name: str | None
    middle_initial: str | None
    last_name: str | None
    pronounced: str | None
    website: str | None
    alt_contact_name: str | None
    preferred_contact: str
    work_same_as_bill_to: bool
    bill_to: AddressRecord | None
    work: AddressRecord | None
    phones: tuple[PhoneRecord, ...]
    emails: tuple[EmailRecord, ...]
    # Additional Info
    customer_type_id: int | None
    terms_id: int | None
    sales_rep_id: int | None
    inside_rep_id: int | None
    department_id: int | None
    marketing_source_id: int | None
    tax_code_id: int | None
    price_level_id: int | None
    resale_number: str | None
    notepad: str | None
    custom_fields: Mapping[int, Any]
    popup_notes: tuple[PopupNoteRecord, ...]
    # Payment Info
    account_number: str | None
    ar_account: str | None
    credit_limit: Decimal | None
    opening_balance: Decimal
    opening_balance_date: date | None
    payment_method_id: int | None
    card_holder: str | None
    card_brand: str | None
    card_last4: str | None
    card_exp_month: int | None
    card_exp_year: int | None
    billing_postal_code: str | None
    is_debit_card: bool
    credit_hold: bool
    credit_hold_reason: str | None
    credit_hold_at: datetime | None
    credit_hold_by: str | None
    balance: Decimal
    balance_total: Decimal
    # Contacts and Job Info
    contacts: tuple[ContactRecord, ...]
    job_info: JobInfoRecord | None
    warnings: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    version: int

    def phone_of(self, kind: str) -> PhoneRecord | None:
        return next((p for p in self.phones if p.kind == kind), None)

    def email_of(self, kind: str) -> EmailRecord | None:
        return next((e for e in self.emails if e.kind == kind), None)

    @property
    def phone(self) -> PhoneRecord | None:
        return self.phone_of("main")

    @property
    def alt_phone(self) -> PhoneRecord | None:
        return self.phone_of("alt")

    @property
    def cell(self) -> PhoneRecord | None:
        return self.phone_of("cell")

    @property
    def fax(self) -> PhoneRecord | None:
        return self.phone_of("fax")

    @property
    def email(self) -> EmailRecord | None:
        return self.email_of("main")

    @property
    def cc_email(self) -> EmailRecord | None:
        return self.email_of("cc")


# ------------------------------------------------------------------------ contact log


@dataclass(frozen=True)
class LogEntryRecord:
    """One contact-log entry; ``name`` is its subject."""

    id: int
    node_id: int
    customer_id: int
    node_full_name: str
    at: datetime
    kind: str
    subject: str
    details: str | None
    contact_id: int | None
    contact_name: str | None
    follow_up_on: date | None
    employee_id: int | None
    employee_name: str | None
    is_system: bool
    revision_count: int
    created_at: datetime
    version: int

    @property
    def name(self) -> str:
        return self.subject


@dataclass(frozen=True)
class LogRevisionRecord:
    """What an entry said before one correction, and who corrected it when."""

    id: int
    entry_id: int
    changed_at: datetime
    changed_by: str | None
    previous: Mapping[str, Any]

    @property
    def name(self) -> str:
        return self.changed_by or ""


# ------------------------------------------------------------------------- caller ID


@dataclass(frozen=True)
class PhoneMatch:
    """A caller-ID hit: a customer, a job or a contact (``node_id`` is the contact's owner)."""

    kind: Literal["customer", "job", "contact"]
    id: int
    name: str
    customer_id: int
    node_id: int
    full_name: str
    phone: str  # formatted
    is_active: bool


@dataclass(frozen=True)
class CallerCard:
    """A customer as the caller-ID chooser shows it (``co.customers.caller_cards``)."""

    customer_id: int
    full_name: str
    balance: Decimal  # what it owes, its jobs included (the Account tab's balance)
    overdue: Decimal  # of which past due today
    credit_hold: bool
    has_popup_notes: bool
    is_prospect: bool
    is_active: bool
    open_jobs: int  # active jobs not Closed or Not Awarded
    last_contact: datetime | None  # its newest Contact Log entry (jobs' included)


# ----------------------------------------------------------------------- office lists


@dataclass(frozen=True)
class ListItemRecord:
    id: int
    name: str
    list_kind: str
    sort_order: int
    is_active: bool
    version: int


@dataclass(frozen=True)
class TermsRecord:
    id: int
    name: str
    net_days: int
    discount_percent: Decimal
    discount_days: int
    sort_order: int
    is_active: bool
    version: int


@dataclass(frozen=True)
class TaxCodeRecord:
    id: int
    name: str
    description: str | None
    rate_percent: Decimal
    is_taxable: bool
    is_active: bool
    version: int


@dataclass(frozen=True)
class JobTypeRecord:
    id: int
    name: str
    full_name: str
    parent_id: int | None
    is_active: bool
    version: int


@dataclass(frozen=True)
class PaymentMethodRecord:
    id: int
    name: str
    kind: str
    sort_order: int
    is_active: bool
    version: int


@dataclass(frozen=True)
class EmployeeRecord:
    id: int
    name: str
    initials: str | None
    email: str | None
    phone: str | None
    is_sales_rep: bool
    is_foreman: bool
    is_active: bool
    version: int


@dataclass(frozen=True)
class CustomFieldRecord:
    id: int
    name: str
    field_type: str
    choices: tuple[str, ...]
    applies_to: str
    sort_order: int
    is_active: bool
    version: int


@dataclass(frozen=True)
class OfficeLists:
    """Every office list the forms offer, inactive entries included (marked)."""

    customer_types: tuple[ListItemRecord, ...]
    departments: tuple[ListItemRecord, ...]
    marketing_sources: tuple[ListItemRecord, ...]
    price_levels: tuple[ListItemRecord, ...]
    terms: tuple[TermsRecord, ...]
    tax_codes: tuple[TaxCodeRecord, ...]
    job_types: tuple[JobTypeRecord, ...]
    payment_methods: tuple[PaymentMethodRecord, ...]
    employees: tuple[EmployeeRecord, ...]
    custom_fields: tuple[CustomFieldRecord, ...]

    @property
    def sales_reps(self) -> tuple[EmployeeRecord, ...]:
        return tuple(e for e in self.employees if e.is_sales_rep)

    @property
    def foremen(self) -> tuple[EmployeeRecord, ...]:
        return tuple(e for e in self.employees if e.is_foreman)


# ------------------------------------------------------------------ job pages (movers)

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """``value`` rounded to cents, halves away from zero (how invoices round)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ServiceLineRecord:
    """A requested service of a job; ``amount`` is quantity × rate in cents."""

    id: int
    job_id: int
    position: int
    service: str
    quantity: Decimal
    unit: str | None
    rate: Decimal
    notes: str | None
    version: int

    @property
    def name(self) -> str:
        return self.service

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.rate)


@dataclass(frozen=True)
class StopRecord:
    """An ordered pickup, delivery or extra stop with its access details."""

    id: int
    job_id: int
    position: int
    kind: str  # one of models.STOP_KINDS
    line1: str | None
    line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    floor: str | None
    stairs: int | None  # flights of stairs
    has_elevator: bool
    parking_distance: str | None
    notes: str | None
    version: int

    @property
    def name(self) -> str:
        """The address on one line: "12 Oak St, Dayton OH 45402"."""
        place = " ".join(p for p in (self.city, self.region, self.postal_code) if p)
        return ", ".join(p for p in (self.line1, self.line2, place) if p)


@dataclass(frozen=True)
class InventoryItemRecord:
    id: int
    job_id: int
    position: int
    room: str | None
    item: str
    quantity: Decimal
    cubic_feet: Decimal  # per piece
    weight: Decimal  # per piece, pounds
    special_handling: str | None
    notes: str | None
    version: int

    @property
    def name(self) -> str:
        return self.item


@dataclass(frozen=True)
class InventoryList:
    """A job's inventory and its totals (pieces, cubic feet and weight × quantity)."""

    job_id: int
    items: tuple[InventoryItemRecord, ...]
    total_quantity: Decimal
    total_cubic_feet: Decimal
    total_weight: Decimal


@dataclass(frozen=True)
class FigureLineRecord:
    """A line of a job's estimate or of its final (actual) figures."""

    id: int
    job_id: int
    phase: str  # "estimate" or "final"
    position: int
    description: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    version: int

    @property
    def name(self) -> str:
        return self.description


@dataclass(frozen=True)
class JobFigures:
    """Estimate beside final figures; variance is final − estimate (None without both)."""

    job_id: int
    estimate_type: str | None  # one of models.ESTIMATE_TYPES
    estimate: tuple[FigureLineRecord, ...]
    final: tuple[FigureLineRecord, ...]
    estimate_total: Decimal
    final_total: Decimal
    variance: Decimal | None
    variance_percent: Decimal | None  # of the estimate, one decimal place; None if no estimate


# ------------------------------------------------------------------------ receivables


@dataclass(frozen=True)
class InvoiceLineRecord:
    id: int
    position: int
    description: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    is_taxable: bool

    @property
    def name(self) -> str:
        return self.description


@dataclass(frozen=True)
class InvoiceRecord:
    """An invoice; ``open_amount`` is what is still owed (0 when paid or void)."""

    id: int
    number: int
    node_id: int
    node_full_name: str
    customer_id: int
    customer_name: str
    invoice_date: date
    due_date: date
    terms_id: int | None
    terms_name: str | None
    tax_code_id: int | None
    tax_code_name: str | None
    tax_rate_percent: Decimal
    memo: str | None
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    amount_paid: Decimal
    status: str  # open, paid, void
    void_reason: str | None
    voided_at: datetime | None
    voided_by: str | None
    lines: tuple[InvoiceLineRecord, ...]  # empty in lists (account page), filled by get()
    version: int

    @property
    def name(self) -> str:
        return f"Invoice {self.number}"

    @property
    def open_amount(self) -> Decimal:
        return Decimal(0) if self.status == "void" else self.total - self.amount_paid

    def days_overdue(self, today: date) -> int:
        """Days past the due date while something is owed; 0 otherwise."""
        if self.open_amount <= 0 or today <= self.due_date:
            return 0
        return (today - self.due_date).days


@dataclass(frozen=True)
class PaymentApplicationRecord:
    invoice_id: int
    invoice_number: int
    amount: Decimal


@dataclass(frozen=True)
class PaymentRecord:
    """A payment received; ``unapplied`` is the credit not applied to any invoice."""

    id: int
    customer_id: int
    customer_name: str
    node_id: int
    node_full_name: str
    received_on: date
    amount: Decimal
    payment_method_id: int | None
    payment_method_name: str | None
    reference: str | None
    memo: str | None
    is_void: bool
    void_reason: str | None
    voided_at: datetime | None
    voided_by: str | None
    applications: tuple[PaymentApplicationRecord, ...]
    unapplied: Decimal
    version: int

    @property
    def name(self) -> str:
        return f"Payment of {self.amount:,.2f} on {self.received_on.isoformat()}"


@dataclass(frozen=True)
class CreditCheck:
    """Whether billable work of ``amount`` may start for a customer or job without an override.

    ``problems`` are sentences (the hold and its reason, the limit and how far it would be
    passed); ``needs_override`` is True when there is at least one.
    """

    node_id: int
    customer_id: int
    customer_name: str
    credit_hold: bool
    credit_hold_reason: str | None
    credit_limit: Decimal | None
    balance: Decimal  # the customer's open balance, all jobs included
    new_balance: Decimal  # balance + amount
    over_limit: bool
    problems: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.customer_name

    @property
    def id(self) -> int:
        return self.node_id

    @property
    def needs_override(self) -> bool:
        return bool(self.problems)


@dataclass(frozen=True)
class AccountJobRow:
    """A job on the customer page: status, creation date and its open balance."""

    id: int
    name: str
    full_name: str
    parent_id: int | None
    depth: int
    status: str
    is_active: bool
    created_at: datetime
    balance: Decimal  # this job's own balance
    balance_total: Decimal  # with its sub-jobs


@dataclass(frozen=True)
class AccountSummary:
    """The customer page (account view) of a customer, or of one job and its sub-jobs."""

    id: int  # the customer or job shown
    name: str  # its full name
    customer_id: int
    customer_name: str
    is_prospect: bool
    credit_hold: bool
    credit_hold_reason: str | None
    credit_limit: Decimal | None
    terms_name: str | None
    balance: Decimal  # open balance, sub-jobs included (balance_total)
    overdue: Decimal  # open amount of invoices past their due date
    unapplied_credit: Decimal  # payments not applied to any invoice
    available_credit: Decimal | None  # credit_limit − balance; None without a limit
    jobs: tuple[AccountJobRow, ...]  # every job under it, in tree order
    invoices: tuple[InvoiceRecord, ...]  # newest first, lines empty
    payments: tuple[PaymentRecord, ...]  # newest first
    as_of: date
    opening_balance: Decimal = Decimal(0)  # brought forward from before, jobs included


@dataclass(frozen=True)
class TreeCounts:
    """Totals for the status bar."""

    customers: int
    jobs: int
    active_customers: int
    inactive_customers: int
    inactive_jobs: int
    prospects: int  # active customers marked as prospects
    on_hold: int  # customers on credit hold


# ------------------------------------------------------------------ office settings


@dataclass(frozen=True)
class OfficeSettingsRecord:
    company_name: str
    line1: str | None
    line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str
    phone: str | None
    email: str | None
    default_phone_region: str
    currency: str
    title_case_mode: str
    paper_size: str
    backups_to_keep: int
    number_locale: str | None  # how numbers are typed and shown; None: the computer's
    version: int

    @property
    def numbers(self) -> NumberFormat:
        """The office's way of writing numbers (its locale, or the computer's)."""
        return number_format(self.number_locale, self.currency)


# ------------------------------------------------------------------ duplicates


@dataclass(frozen=True)
class DuplicatePair:
    """Two active customers that may be one and the same (Customers › Find Duplicates…).

    ``first_id`` is the older record (the lower id), which an office usually keeps;
    ``reasons`` says what they share: "same name", "same phone" and/or "same email".
    """

    first_id: int
    first_name: str
    second_id: int
    second_name: str
    reasons: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.first_name} / {self.second_name}"
