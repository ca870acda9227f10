"""The whole domain model of a company file, as SQLAlchemy 2.0 typed models.

Portable SQLAlchemy only: SQLite specifics live in ``company_file`` and ``search``.
Every table keeps when a row was created and last changed; every editable row carries a
``version`` that SQLAlchemy checks on update (optimistic locking: a save over someone
else's newer change fails instead of overwriting it).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import cast

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

# The choices and lengths live in an ORM-free module; the services read them from here too.
from officemgr.core.choices import (
    ADDRESS_KINDS as ADDRESS_KINDS,
)
from officemgr.core.choices import (
    CONTACT_METHODS as CONTACT_METHODS,
)
from officemgr.core.choices import (
    EMAIL_KINDS as EMAIL_KINDS,
)
from officemgr.core.choices import (
    ESTIMATE_TYPES as ESTIMATE_TYPES,
)
from officemgr.core.choices import (
    FIELD_APPLIES_TO as FIELD_APPLIES_TO,
)
from officemgr.core.choices import (
    FIELD_TYPES as FIELD_TYPES,
)
from officemgr.core.choices import (
    FIGURE_PHASES as FIGURE_PHASES,
)
from officemgr.core.choices import (
    INVOICE_STATUSES as INVOICE_STATUSES,
)
from officemgr.core.choices import (
    JOB_STATUSES as JOB_STATUSES,
)
from officemgr.core.choices import (
    LOG_KINDS as LOG_KINDS,
)
from officemgr.core.choices import (
    LONG as LONG,
)
from officemgr.core.choices import (
    MAX_DEPTH as MAX_DEPTH,
)
from officemgr.core.choices import (
    NAME_LENGTH as NAME_LENGTH,
)
from officemgr.core.choices import (
    PAYMENT_KINDS as PAYMENT_KINDS,
)
from officemgr.core.choices import (
    PHONE_KINDS as PHONE_KINDS,
)
from officemgr.core.choices import (
    SHORT as SHORT,
)
from officemgr.core.choices import (
    SIMPLE_LISTS as SIMPLE_LISTS,
)
from officemgr.core.choices import (
    STOP_KINDS as STOP_KINDS,
)
from officemgr.core.choices import (
    TITLE_CASE_MODES as TITLE_CASE_MODES,
)
from officemgr.core.types import Money, Quantity, UTCDateTime, key_string, utcnow

# Stable constraint names, so Alembic batch migrations can address them on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def table(model: type[Base]) -> Table:
    """The Core ``Table`` of a model, typed as one, for set-based selects and updates."""
    return cast(Table, model.__table__)


class Timestamped:
    """When a row was created and last changed (UTC)."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class Versioned(Timestamped):
    """An editable row: timestamps plus an optimistic-locking version counter."""

    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- office


class OfficeSettings(Versioned, Base):
    """The one row of company-wide settings."""

    __tablename__ = "office_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(_one_of("title_case_mode", TITLE_CASE_MODES), name="title_case_mode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    company_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="My Company")
    line1: Mapped[str | None] = mapped_column(String(LONG))
    line2: Mapped[str | None] = mapped_column(String(LONG))
    city: Mapped[str | None] = mapped_column(String(SHORT))
    region: Mapped[str | None] = mapped_column(String(SHORT))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str] = mapped_column(String(2), default="US")
    phone: Mapped[str | None] = mapped_column(String(SHORT))
    email: Mapped[str | None] = mapped_column(String(LONG))
    default_phone_region: Mapped[str] = mapped_column(String(2), default="US")
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    title_case_mode: Mapped[str] = mapped_column(String(10), default="suggest")
    paper_size: Mapped[str] = mapped_column(String(10), default="letter")
    backups_to_keep: Mapped[int] = mapped_column(Integer, default=10)
    # How numbers are typed and shown ("de_DE"); None: the computer's own locale.
    number_locale: Mapped[str | None] = mapped_column(String(20))


class Employee(Versioned, Base):
    __tablename__ = "employees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    initials: Mapped[str | None] = mapped_column(String(8))
    email: Mapped[str | None] = mapped_column(String(LONG))
    phone: Mapped[str | None] = mapped_column(String(SHORT))
    is_sales_rep: Mapped[bool] = mapped_column(Boolean, default=False)
    is_foreman: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class ListItem(Versioned, Base):
    """An entry of a simple office list (customer types, departments, sources, …)."""

    __tablename__ = "list_items"
    __table_args__ = (
        UniqueConstraint("list_name", "name"),
        CheckConstraint(_one_of("list_name", SIMPLE_LISTS), name="list_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_name: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Terms(Versioned, Base):
    """Payment terms: due in ``net_days``, optionally a discount for paying early."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    net_days: Mapped[int] = mapped_column(Integer, default=0)
    discount_percent: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    discount_days: Mapped[int] = mapped_column(Integer, default=0)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class TaxCode(Versioned, Base):
    __tablename__ = "tax_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    description: Mapped[str | None] = mapped_column(String(LONG))
    rate_percent: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    is_taxable: Mapped[bool] = mapped_column(Boolean, default=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class JobType(Versioned, Base):
    """A hierarchical office list: ``Install:Furnace`` is Furnace under Install."""

    __tablename__ = "job_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("job_types.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    full_name: Mapped[str] = mapped_column(key_string(LONG), unique=True)  # ordered as a path
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class PaymentMethod(Versioned, Base):
    __tablename__ = "payment_methods"
    __table_args__ = (CheckConstraint(_one_of("kind", PAYMENT_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    kind: Mapped[str] = mapped_column(String(10), default="other")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class CustomFieldDef(Versioned, Base):
    """A user-defined field the office adds to the Additional Info tab."""

    __tablename__ = "custom_field_defs"
    __table_args__ = (
        CheckConstraint(_one_of("field_type", FIELD_TYPES), name="field_type"),
        CheckConstraint(_one_of("applies_to", FIELD_APPLIES_TO), name="applies_to"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT), unique=True)
    field_type: Mapped[str] = mapped_column(String(10), default="text")
    choices: Mapped[str | None] = mapped_column(Text)  # one choice a line, for "choice"
    applies_to: Mapped[str] = mapped_column(String(10), default="both")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


# ------------------------------------------------------------------ Customer:Job tree


class CustomerJob(Versioned, Base):
    """A node of the Customer:Job tree: a customer (no parent) or a job under one.

    ``customer_id`` is the root of the node (a customer's own id), ``depth`` is 0 for a
    customer, and ``full_name`` (``Smith, John:Furnace``) is unique case-insensitively
    through ``full_name_key``, which also makes sibling names unique.
    """

    __tablename__ = "customer_jobs"
    __table_args__ = (
        CheckConstraint(f"depth >= 0 AND depth < {MAX_DEPTH}", name="depth"),
        CheckConstraint(
            "(parent_id IS NULL AND depth = 0) OR (parent_id IS NOT NULL AND depth > 0)",
            name="root_has_no_parent",
        ),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        CheckConstraint(_one_of("preferred_contact", CONTACT_METHODS), name="preferred_contact"),
        CheckConstraint("card_last4 IS NULL OR length(card_last4) = 4", name="card_last4_only"),
        Index("ix_customer_jobs_parent_sort", "parent_id", "is_active", "sort_key"),
        Index("ix_customer_jobs_customer", "customer_id", "depth"),
        Index("ix_customer_jobs_sort_key", "sort_key"),  # the quick filter's name prefix
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="RESTRICT")
    )
    customer_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="RESTRICT")
    )
    depth: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    full_name: Mapped[str] = mapped_column(String(MAX_DEPTH * (NAME_LENGTH + 1)))
    full_name_key: Mapped[str] = mapped_column(
        key_string(MAX_DEPTH * (NAME_LENGTH + 1)), unique=True
    )
    sort_key: Mapped[str] = mapped_column(key_string(NAME_LENGTH))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_prospect: Mapped[bool] = mapped_column(Boolean, default=False)

    # Address Info
    company_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    salutation: Mapped[str | None] = mapped_column(String(20))
    first_name: Mapped[str | None] = mapped_column(String(SHORT))
    middle_initial: Mapped[str | None] = mapped_column(String(5))
    last_name: Mapped[str | None] = mapped_column(String(SHORT))
    pronounced: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    website: Mapped[str | None] = mapped_column(String(LONG))
    alt_contact_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    preferred_contact: Mapped[str] = mapped_column(String(10), default="phone")
    work_same_as_bill_to: Mapped[bool] = mapped_column(Boolean, default=True)

    # Additional Info
    customer_type_id: Mapped[int | None] = mapped_column(ForeignKey("list_items.id"))
    terms_id: Mapped[int | None] = mapped_column(ForeignKey("terms.id"))
    sales_rep_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    inside_rep_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("list_items.id"))
    marketing_source_id: Mapped[int | None] = mapped_column(ForeignKey("list_items.id"))
    tax_code_id: Mapped[int | None] = mapped_column(ForeignKey("tax_codes.id"))
    price_level_id: Mapped[int | None] = mapped_column(ForeignKey("list_items.id"))
    resale_number: Mapped[str | None] = mapped_column(String(SHORT))
    notepad: Mapped[str | None] = mapped_column(Text)

    # Payment Info: card brand and last four only; the full number and CVV never arrive here
    account_number: Mapped[str | None] = mapped_column(String(SHORT), unique=True)
    ar_account: Mapped[str | None] = mapped_column(String(SHORT))
    credit_limit: Mapped[Decimal | None] = mapped_column(Money())
    opening_balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    opening_balance_date: Mapped[date | None] = mapped_column(Date)
    payment_method_id: Mapped[int | None] = mapped_column(ForeignKey("payment_methods.id"))
    card_holder: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    card_brand: Mapped[str | None] = mapped_column(String(20))
    card_last4: Mapped[str | None] = mapped_column(String(4))
    card_exp_month: Mapped[int | None] = mapped_column(Integer)
    card_exp_year: Mapped[int | None] = mapped_column(Integer)
    billing_postal_code: Mapped[str | None] = mapped_column(String(20))
    is_debit_card: Mapped[bool] = mapped_column(Boolean, default=False)

    # Credit hold (placed on a customer; its jobs show it through customer_id)
    credit_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_hold_reason: Mapped[str | None] = mapped_column(String(LONG))
    credit_hold_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    credit_hold_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))

    # Kept by the billing services in the same transaction as the money that moves them;
    # `officemgr check` recomputes both. balance_total includes every descendant job.
    balance: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    balance_total: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))

    addresses: Mapped[list[Address]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", order_by="Address.kind"
    )
    phones: Mapped[list[Phone]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", order_by="Phone.position"
    )
    emails: Mapped[list[Email]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", order_by="Email.position"
    )
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", order_by="Contact.position"
    )
    custom_values: Mapped[list[CustomFieldValue]] = relationship(cascade="all, delete-orphan")
    popup_notes: Mapped[list[PopupNote]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", order_by="PopupNote.id"
    )
    job_info: Mapped[JobInfo | None] = relationship(
        back_populates="job", cascade="all, delete-orphan", uselist=False
    )


class Address(Versioned, Base):
    __tablename__ = "addresses"
    __table_args__ = (
        UniqueConstraint("owner_id", "kind"),
        CheckConstraint(_one_of("kind", ADDRESS_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("customer_jobs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    line1: Mapped[str | None] = mapped_column(String(LONG))
    line2: Mapped[str | None] = mapped_column(String(LONG))
    city: Mapped[str | None] = mapped_column(String(SHORT))
    region: Mapped[str | None] = mapped_column(String(SHORT))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2))

    owner: Mapped[CustomerJob] = relationship(back_populates="addresses")


class Contact(Versioned, Base):
    """An additional contact of a customer or job: electronic details only."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    role: Mapped[str | None] = mapped_column(String(SHORT))
    notes: Mapped[str | None] = mapped_column(Text)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    owner: Mapped[CustomerJob] = relationship(back_populates="contacts")
    phones: Mapped[list[Phone]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="Phone.position"
    )
    emails: Mapped[list[Email]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", order_by="Email.position"
    )


class Phone(Versioned, Base):
    """A phone of a node or of a contact: the text as typed is always kept.

    ``e164`` is the normalized number when it parsed; ``digits_key`` is the last ten
    digits reversed, indexed, so caller ID finds a number whatever format it was typed in.
    """

    __tablename__ = "phones"
    __table_args__ = (
        CheckConstraint("(owner_id IS NULL) <> (contact_id IS NULL)", name="one_owner"),
        CheckConstraint(_one_of("kind", PHONE_KINDS), name="kind"),
        Index("ix_phones_digits_key", "digits_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10), default="main")
    position: Mapped[int] = mapped_column(Integer, default=0)
    as_typed: Mapped[str] = mapped_column(String(SHORT))
    extension: Mapped[str | None] = mapped_column(String(10))
    e164: Mapped[str | None] = mapped_column(String(20))
    digits_key: Mapped[str] = mapped_column(key_string(10), default="")
    is_valid: Mapped[bool] = mapped_column(Boolean, default=False)

    owner: Mapped[CustomerJob | None] = relationship(back_populates="phones")
    contact: Mapped[Contact | None] = relationship(back_populates="phones")


class Email(Versioned, Base):
    __tablename__ = "emails"
    __table_args__ = (
        CheckConstraint("(owner_id IS NULL) <> (contact_id IS NULL)", name="one_owner"),
        CheckConstraint(_one_of("kind", EMAIL_KINDS), name="kind"),
        Index("ix_emails_normalized", "normalized"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10), default="main")
    position: Mapped[int] = mapped_column(Integer, default=0)
    address: Mapped[str] = mapped_column(String(LONG))  # as typed
    normalized: Mapped[str | None] = mapped_column(String(LONG))  # lower-cased, when valid
    is_valid: Mapped[bool] = mapped_column(Boolean, default=False)

    owner: Mapped[CustomerJob | None] = relationship(back_populates="emails")
    contact: Mapped[Contact | None] = relationship(back_populates="emails")


class CustomFieldValue(Versioned, Base):
    """A node's value of a user-defined field, stored as canonical text."""

    __tablename__ = "custom_field_values"

    node_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    field_id: Mapped[int] = mapped_column(
        ForeignKey("custom_field_defs.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str | None] = mapped_column(Text)


class PopupNote(Versioned, Base):
    """A short warning that pops up by itself on its triggers; jobs inherit their customer's."""

    __tablename__ = "popup_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    on_open: Mapped[bool] = mapped_column(Boolean, default=True)
    on_caller_id: Mapped[bool] = mapped_column(Boolean, default=False)
    on_new_job: Mapped[bool] = mapped_column(Boolean, default=False)
    on_billing: Mapped[bool] = mapped_column(Boolean, default=False)
    only_when_overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    active_from: Mapped[date | None] = mapped_column(Date)
    active_until: Mapped[date | None] = mapped_column(Date)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    owner: Mapped[CustomerJob] = relationship(back_populates="popup_notes")


class PopupAcknowledgement(Timestamped, Base):
    """Who acknowledged a pop-up note, on which record, and when (never edited)."""

    __tablename__ = "popup_acknowledgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(
        ForeignKey("popup_notes.id", ondelete="CASCADE"), index=True
    )
    node_id: Mapped[int] = mapped_column(ForeignKey("customer_jobs.id", ondelete="CASCADE"))
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    employee_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))


# --------------------------------------------------------------------------- jobs


class JobInfo(Versioned, Base):
    """The Job Info tab of a job (one row per job node)."""

    __tablename__ = "job_info"
    __table_args__ = (
        CheckConstraint(_one_of("status", JOB_STATUSES), name="status"),
        CheckConstraint(
            "estimate_type IS NULL OR " + _one_of("estimate_type", ESTIMATE_TYPES),
            name="estimate_type",
        ),
        Index("ix_job_info_status", "status"),
    )

    job_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    job_type_id: Mapped[int | None] = mapped_column(ForeignKey("job_types.id"))
    status: Mapped[str] = mapped_column(String(12), default="None")
    foreman_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    start_date: Mapped[date | None] = mapped_column(Date)
    projected_end_date: Mapped[date | None] = mapped_column(Date)
    completion_date: Mapped[date | None] = mapped_column(Date)
    projected_total: Mapped[Decimal | None] = mapped_column(Money())
    description: Mapped[str | None] = mapped_column(String(LONG))
    details: Mapped[str | None] = mapped_column(Text)
    estimate_type: Mapped[str | None] = mapped_column(String(15))

    job: Mapped[CustomerJob] = relationship(back_populates="job_info")


class JobServiceLine(Versioned, Base):
    """A requested service of a job: quantity × rate."""

    __tablename__ = "job_service_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    service: Mapped[str] = mapped_column(String(NAME_LENGTH))
    quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    unit: Mapped[str | None] = mapped_column(String(20))
    rate: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    notes: Mapped[str | None] = mapped_column(Text)


class JobStop(Versioned, Base):
    """An ordered pickup, delivery or extra stop of a job, with its access details."""

    __tablename__ = "job_stops"
    __table_args__ = (CheckConstraint(_one_of("kind", STOP_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10), default="pickup")
    line1: Mapped[str | None] = mapped_column(String(LONG))
    line2: Mapped[str | None] = mapped_column(String(LONG))
    city: Mapped[str | None] = mapped_column(String(SHORT))
    region: Mapped[str | None] = mapped_column(String(SHORT))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2))
    floor: Mapped[str | None] = mapped_column(String(10))
    stairs: Mapped[int | None] = mapped_column(Integer)  # flights of stairs
    has_elevator: Mapped[bool] = mapped_column(Boolean, default=False)
    parking_distance: Mapped[str | None] = mapped_column(String(SHORT))
    notes: Mapped[str | None] = mapped_column(Text)


class JobInventoryItem(Versioned, Base):
    __tablename__ = "job_inventory_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    room: Mapped[str | None] = mapped_column(String(SHORT))
    item: Mapped[str] = mapped_column(String(NAME_LENGTH))
    quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    cubic_feet: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    weight: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    special_handling: Mapped[str | None] = mapped_column(String(LONG))
    notes: Mapped[str | None] = mapped_column(Text)


class JobFigureLine(Versioned, Base):
    """A line of a job's estimate or of its final (actual) figures."""

    __tablename__ = "job_figure_lines"
    __table_args__ = (CheckConstraint(_one_of("phase", FIGURE_PHASES), name="phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), index=True
    )
    phase: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(String(LONG))
    quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    rate: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))


# ------------------------------------------------------------------- receivables


class Invoice(Versioned, Base):
    """An invoice for a customer or one of its jobs; voided, never deleted."""

    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint(_one_of("status", INVOICE_STATUSES), name="status"),
        Index("ix_invoices_customer_status", "customer_id", "status"),
        Index("ix_invoices_node", "node_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("customer_jobs.id", ondelete="RESTRICT"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer_jobs.id", ondelete="RESTRICT"))
    invoice_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    terms_id: Mapped[int | None] = mapped_column(ForeignKey("terms.id"))
    tax_code_id: Mapped[int | None] = mapped_column(ForeignKey("tax_codes.id"))
    tax_rate_percent: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    memo: Mapped[str | None] = mapped_column(String(LONG))
    subtotal: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    total: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    amount_paid: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    status: Mapped[str] = mapped_column(String(6), default="open")
    void_reason: Mapped[str | None] = mapped_column(String(LONG))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    voided_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))

    lines: Mapped[list[InvoiceLine]] = relationship(
        cascade="all, delete-orphan", order_by="InvoiceLine.position"
    )


class InvoiceLine(Versioned, Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(String(LONG))
    quantity: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(1))
    rate: Mapped[Decimal] = mapped_column(Quantity(), default=Decimal(0))
    amount: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    is_taxable: Mapped[bool] = mapped_column(Boolean, default=True)


class Payment(Versioned, Base):
    """Money received from a customer, applied to one or more of its open invoices."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_customer", "customer_id", "received_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer_jobs.id", ondelete="RESTRICT"))
    node_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="RESTRICT"), index=True
    )
    received_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money())
    payment_method_id: Mapped[int | None] = mapped_column(ForeignKey("payment_methods.id"))
    reference: Mapped[str | None] = mapped_column(String(SHORT))  # check number, …
    memo: Mapped[str | None] = mapped_column(String(LONG))
    is_void: Mapped[bool] = mapped_column(Boolean, default=False)
    void_reason: Mapped[str | None] = mapped_column(String(LONG))
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    voided_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))

    applications: Mapped[list[PaymentApplication]] = relationship(cascade="all, delete-orphan")


class PaymentApplication(Versioned, Base):
    __tablename__ = "payment_applications"
    __table_args__ = (
        UniqueConstraint("payment_id", "invoice_id"),
        CheckConstraint("amount > 0", name="positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id", ondelete="CASCADE"))
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="RESTRICT"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(Money())


# -------------------------------------------------------------------- contact log


class ContactLogEntry(Versioned, Base):
    """One call, email, visit or note on a customer's or job's contact log.

    ``customer_id`` repeats the node's root so the Contact Log (Customer) report selects
    by customer and date from one index.
    """

    __tablename__ = "contact_log_entries"
    __table_args__ = (
        CheckConstraint(_one_of("kind", LOG_KINDS), name="kind"),
        Index("ix_contact_log_node_at", "node_id", "at"),
        Index("ix_contact_log_customer_at", "customer_id", "at"),
        Index("ix_contact_log_at", "at"),
        Index("ix_contact_log_employee", "employee_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("customer_jobs.id", ondelete="RESTRICT"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer_jobs.id", ondelete="RESTRICT"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    kind: Mapped[str] = mapped_column(String(10))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    contact_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    subject: Mapped[str] = mapped_column(String(LONG), default="")
    details: Mapped[str | None] = mapped_column(Text)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"))
    employee_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    is_system: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactLogRevision(Timestamped, Base):
    """What a log entry said before a correction, who corrected it and when."""

    __tablename__ = "contact_log_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("contact_log_entries.id", ondelete="CASCADE"), index=True
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changed_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    previous: Mapped[str] = mapped_column(Text)  # the replaced values, as JSON


# ------------------------------------------------------------------------- search


class SearchTerm(Base):
    """One folded field value ("=acme heating llc") or word ("heating") of a node.

    Written only by ``officemgr.core.search`` in the same transaction as the data it
    mirrors; the primary key answers "a field or word starts with …" by an index range.
    """

    __tablename__ = "search_terms"
    __table_args__ = (
        Index("ix_search_terms_node", "node_id"),
        # The key is the row: millions of short rows, no second copy in a rowid table.
        {"sqlite_with_rowid": False},
    )

    term: Mapped[str] = mapped_column(key_string(SHORT), primary_key=True)
    node_id: Mapped[int] = mapped_column(
        ForeignKey("customer_jobs.id", ondelete="CASCADE"), primary_key=True
    )
