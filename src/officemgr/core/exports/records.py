"""What the readers hand the writers: customers, jobs and contacts as plain, frozen data.

Built from Core selects a batch at a time (never ORM objects, which a session would keep
until the export ends), with each phone already read the way the office writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from officemgr.core.fields import AddressParts
from officemgr.core.validation import parse_phone

__all__ = ["ContactOut", "EmailOut", "JobOut", "NodeOut", "PhoneOut"]


@dataclass(frozen=True)
class PhoneOut:
    """A stored phone: ``formatted`` is the number as the window shows it (national in
    the office's country; as typed when it does not parse), ``e164`` its normalized
    form when it has one."""

    kind: str
    formatted: str
    e164: str | None
    extension: str | None
    is_valid: bool

    def with_extension(self, text: str, mark: str = " ext. ") -> str:
        """``text`` with the extension after ``mark``; a number kept as typed already
        holds its extension as typed."""
        return f"{text}{mark}{self.extension}" if self.extension and self.is_valid else text

    @property
    def display(self) -> str:
        """ "(555) 201-3344 ext. 12", as the window's lists show it."""
        return self.with_extension(self.formatted)

    @property
    def international(self) -> str:
        """ "+1 555-201-3344": with its country code, for a phone book that travels
        (worked out when asked: only vCards need it); as typed when it has no E.164."""
        if self.e164 is None:
            return self.formatted
        return parse_phone(self.e164, "ZZ").formatted or self.formatted


@dataclass(frozen=True)
class EmailOut:
    kind: str
    address: str


@dataclass(frozen=True)
class JobOut:
    """A job's Job Info: what a customer has none of."""

    status: str
    description: str | None
    job_type: str | None  # its full name, "Install:Furnace"
    start_date: date | None
    projected_end_date: date | None
    completion_date: date | None


@dataclass(frozen=True)
class NodeOut:
    """A customer or job with everything an export writes of it; list entries by name."""

    full_name: str
    name: str
    depth: int
    is_active: bool
    company_name: str | None
    salutation: str | None
    first_name: str | None
    middle_initial: str | None
    last_name: str | None
    website: str | None
    account_number: str | None
    resale_number: str | None
    notepad: str | None
    credit_limit: Decimal | None
    customer_type: str | None
    terms: str | None
    sales_rep: str | None
    sales_rep_initials: str | None
    tax_code: str | None
    taxable: bool | None  # as its tax code says; None without one
    job: JobOut | None
    bill_to: AddressParts | None = None
    work: AddressParts | None = None
    phones: tuple[PhoneOut, ...] = ()
    emails: tuple[EmailOut, ...] = ()
    contacts: tuple[str, ...] = ()  # names, in the form's order
    custom: Mapping[str, str] = field(default_factory=dict)  # stored text by field label

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.full_name.split(":"))

    @property
    def parent(self) -> str | None:
        return self.full_name.rpartition(":")[0] or None

    @property
    def is_customer(self) -> bool:
        return self.depth == 0

    def phone(self, kind: str) -> PhoneOut | None:
        return next((phone for phone in self.phones if phone.kind == kind), None)

    def email(self, kind: str) -> str | None:
        return next((email.address for email in self.emails if email.kind == kind), None)


@dataclass(frozen=True)
class ContactOut:
    """A contact with its owner: ``owner`` is the customer's or job's full name,
    ``organization`` its company name or, without one, its customer's name."""

    owner: str
    organization: str
    name: str
    role: str | None
    notes: str | None
    is_primary: bool
    phones: tuple[PhoneOut, ...] = ()
    emails: tuple[EmailOut, ...] = ()
