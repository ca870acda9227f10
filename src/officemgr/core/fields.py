"""The keyword fields the services take, as TypedDicts, so a misspelt name is a type error.

Services that take a form's fields as keywords (``customers.update(node_id, **changes)``,
``contacts.update``, ``lists.add_item`` …) declare them as ``**changes: Unpack[X]``
(PEP 692) with one of these. Type checkers then refuse ``co.customers.update(1, nmae="x")``
and a value of the wrong kind, ``help()`` names the TypedDict, and the
``Company`` namespaces carry it through their ``ParamSpec``.

Every TypedDict is ``total=False`` (each key may be left out) and its keys are exactly the
names its service accepts at run time. The value types say what a caller may pass — an
amount as a ``Decimal``, an ``int`` or plain text such as ``"1234.56"``, a date as a
``date`` or ISO text, an id as an ``int`` (``None`` clears where a field may be empty).
The services still check every value at run time and refuse bad input with a
ValidationError naming the field: callers need not be type-checked.

The runtime name sets either come from here (`keys_of`) or are checked against these in
``tests/unit/services/test_field_types.py``, so the two cannot drift apart.

Qt-free and import-light: only the standard library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TypedDict

__all__ = [
    "AddressParts",
    "Amount",
    "ContactChanges",
    "CustomFieldValue",
    "CustomerAddFields",
    "FigureLineChanges",
    "InventoryItemChanges",
    "JobAddFields",
    "JobInfoFields",
    "ListItemChanges",
    "ListItemFields",
    "LogEntryCorrection",
    "NodeChanges",
    "NodeFields",
    "OfficeSettingsChanges",
    "PopupNoteChanges",
    "ServiceLineChanges",
    "StopChanges",
    "StopFields",
    "WholeNumber",
    "keys_of",
]

# A number as the services read it: exact (a Decimal or an int) or plain text such as
# "1234.56" (floats are refused: they are not exact).
Amount = Decimal | int | str
# A whole number: an int or whole-number text ("12").
WholeNumber = int | str
# A custom field's value, by its type: text, a number, a date, yes/no (a bool, or "yes" /
# "no"), a choice; None or blank text clears it.
CustomFieldValue = str | int | Decimal | float | date | None


def keys_of(typed_dict: type) -> frozenset[str]:
    """Every key of a TypedDict class (its own and its bases')."""
    return frozenset(typed_dict.__required_keys__ | typed_dict.__optional_keys__)  # type: ignore[attr-defined]


class AddressParts(TypedDict, total=False):
    """A postal address (``bill_to``, ``work``, a stop's address); a part left out stays
    as it was on an update, and a ``country`` is a two-letter code such as "US"."""

    line1: str | None
    line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None


# ------------------------------------------------------------- customers and jobs


class _ContactDetails(TypedDict, total=False):
    """The names, phones, emails and addresses `customers.add` names as parameters."""

    company_name: str | None
    salutation: str | None
    first_name: str | None
    middle_initial: str | None
    last_name: str | None
    phone: str | None
    alt_phone: str | None
    cell: str | None
    fax: str | None
    email: str | None
    bill_to: AddressParts | None
    work: AddressParts | None


class CustomerAddFields(TypedDict, total=False):
    """What `customers.add` takes as ``**fields``: the form fields it has no parameter for."""

    pronounced: str | None
    website: str | None
    alt_contact_name: str | None
    resale_number: str | None
    notepad: str | None
    ar_account: str | None
    card_holder: str | None
    card_brand: str | None
    billing_postal_code: str | None
    work_same_as_bill_to: bool
    is_debit_card: bool
    is_active: bool
    customer_type_id: int | None
    department_id: int | None
    marketing_source_id: int | None
    price_level_id: int | None
    terms_id: int | None
    sales_rep_id: int | None
    inside_rep_id: int | None
    tax_code_id: int | None
    payment_method_id: int | None
    cc_email: str | None
    account_number: str | None
    credit_limit: Amount | None
    opening_balance: Amount | None
    opening_balance_date: date | str | None
    card_number: str | None  # kept as its brand and last four only
    card_last4: str | None
    card_exp_month: WholeNumber | None
    card_exp_year: WholeNumber | None
    preferred_contact: str  # phone, cell, text, email, none
    custom_fields: Mapping[int, CustomFieldValue]  # {field id: value}


class _EstimateType(TypedDict, total=False):
    estimate_type: str | None  # binding, non_binding, not_to_exceed


class NodeFields(_ContactDetails, CustomerAddFields, total=False):
    """Every field of the Customer:Job form's customer tabs (``_nodes.NODE_FIELDS``)."""

    is_prospect: bool  # a customer's only


class JobAddFields(_ContactDetails, CustomerAddFields, _EstimateType, total=False):
    """What `jobs.add` takes as ``**fields``: the node fields that replace the copied
    ones (a job is never a prospect), and the estimate type."""


class JobInfoFields(_EstimateType, total=False):
    """The Job Info tab of a job (``_nodes.JOB_FIELDS``)."""

    title: str | None
    description: str | None
    details: str | None
    start_date: date | str | None
    projected_end_date: date | str | None
    completion_date: date | str | None
    job_type_id: int | None
    status: str  # None, Pending, Awarded, In Progress, Closed, Not Awarded
    foreman_id: int | None
    projected_total: Amount | None


class NodeChanges(NodeFields, JobInfoFields, total=False):
    """What `customers.update` and `jobs.update` take: any form field, a new ``name``
    and a new parent (``parent`` or its alias ``parent_id``; None makes a job a customer)."""

    name: str
    parent: int | None
    parent_id: int | None


# --------------------------------------------------------- contacts, notes, the log


class ContactChanges(TypedDict, total=False):
    """What `contacts.update` takes (``phone`` and ``phones`` not both)."""

    name: str
    role: str | None
    notes: str | None
    is_primary: bool
    position: WholeNumber | None
    phone: str | None  # the main phone; empty removes it
    phones: Sequence[tuple[str, str]] | None  # (type, number) pairs: replaces them all
    email: str | None  # the main email; empty removes it


class PopupNoteChanges(TypedDict, total=False):
    """What `popups.update` takes."""

    text: str
    on_open: bool
    on_caller_id: bool
    on_new_job: bool
    on_billing: bool
    only_when_overdue: bool
    is_active: bool
    active_from: date | str | None
    active_until: date | str | None


class LogEntryCorrection(TypedDict, total=False):
    """What `contact_log.correct` takes."""

    at: datetime | str | None  # None keeps the time it had
    kind: str
    subject: str
    details: str | None
    contact: int | str | None  # a contact's id, or a name typed in
    follow_up_on: date | str | None
    employee: str | None


# ------------------------------------------------------------------- settings, lists


class OfficeSettingsChanges(TypedDict, total=False):
    """What `settings.update` takes: the fields of ``OfficeSettingsRecord`` but its version."""

    company_name: str
    line1: str | None
    line2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str  # two letters, such as US
    phone: str | None
    email: str | None
    default_phone_region: str  # two letters
    currency: str  # three letters, such as USD
    title_case_mode: str  # off, suggest, automatic
    paper_size: str  # letter, a4
    backups_to_keep: WholeNumber
    number_locale: str | None  # en_US, de_DE …; None: the computer's


class _ListItemKindFields(TypedDict, total=False):
    """The fields of the list kinds that have more than a name (each kind takes its own)."""

    sort_order: WholeNumber | None  # lists kept in an order of their own
    net_days: WholeNumber | None  # terms
    discount_percent: Amount | None  # terms
    discount_days: WholeNumber | None  # terms
    description: str | None  # tax_code
    rate_percent: Amount | None  # tax_code
    is_taxable: bool  # tax_code
    kind: str  # payment_method: cash, check, card, ach, other
    initials: str | None  # employee
    email: str | None  # employee
    phone: str | None  # employee
    is_sales_rep: bool  # employee
    is_foreman: bool  # employee
    field_type: str  # custom_field: text, number, date, yes_no, choice
    choices: Sequence[str] | str | None  # custom_field (a choice list)
    applies_to: str  # custom_field: customer, job, both


class ListItemFields(_ListItemKindFields, total=False):
    """What `lists.add_item` takes as ``**fields`` (those of its list kind only)."""

    parent_id: int | None  # job_type: the type it goes under


class ListItemChanges(_ListItemKindFields, total=False):
    """What `lists.update_item` takes (``name``, ``is_active`` and those of its kind)."""

    name: str
    is_active: bool


# ----------------------------------------------------------------- a job's work order


class ServiceLineChanges(TypedDict, total=False):
    """What `job_work.update_service` takes."""

    service: str
    quantity: Amount
    unit: str | None
    rate: Amount | None
    notes: str | None


class StopFields(AddressParts, total=False):
    """What `job_work.add_stop` takes as ``**fields``: address parts and access details."""

    floor: str | None
    stairs: WholeNumber | None  # flights
    has_elevator: bool
    parking_distance: str | None
    notes: str | None


class StopChanges(StopFields, total=False):
    """What `job_work.update_stop` takes."""

    kind: str  # pickup, delivery, extra


class InventoryItemChanges(TypedDict, total=False):
    """What `job_work.update_inventory_item` takes."""

    room: str | None
    item: str
    quantity: Amount
    cubic_feet: Amount | None
    weight: Amount | None
    special_handling: str | None
    notes: str | None


class FigureLineChanges(TypedDict, total=False):
    """What `job_work.update_figure_line` takes."""

    description: str
    quantity: Amount
    rate: Amount | None
