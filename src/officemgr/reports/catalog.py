"""What reports there are — key, name, category, description — without loading them.

The window lists the reports in its menu at start-up; importing the report modules
(reportlab and all) would cost a quarter of a second before the list paints. Each report
module builds its `ReportInfo` from its entry here, so every name and description is
written once; `registry` imports a module when its report is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from officemgr.core.choices import JOB_STATUSES

OptionKind = Literal["date", "flag", "customers", "choice", "choices", "int", "text"]


@dataclass(frozen=True)
class OptionSpec:
    """One choice of a report as the command line and the options dialog offer it; the
    report's options dataclass has a field of this ``name`` and checks the value."""

    name: str  # the options field: "as_of"
    kind: OptionKind
    label: str  # "Open balances &as of" (the dialog's; its help text on the command line)
    choices: tuple[tuple[str, str], ...] = ()  # (value, text) of a choice or choices

    @property
    def flag(self) -> str:
        """The command-line option: ``--as-of``; ``--customer`` for the customers."""
        return "--customer" if self.kind == "customers" else "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class ReportEntry:
    key: str  # "contact-log": the command-line name
    name: str  # "Contact Log (Customer)"
    category: str  # "Contacts & Jobs"
    description: str
    module: str  # the module under officemgr.reports that renders it
    # The choices the generic command line and options dialog offer (the first reports
    # have their own: empty here).
    options: tuple[OptionSpec, ...] = ()


# The periods a dated report offers (the Contact Log's and the follow-ups'), by key.
PERIODS: dict[str, str] = {
    "all": "All dates",
    "today": "Today",
    "this_week": "This week",
    "last_week": "Last week",
    "this_month": "This month",
    "last_month": "Last month",
    "this_quarter": "This quarter",
    "last_quarter": "Last quarter",
    "this_year": "This year",
    "last_year": "Last year",
    "last_30_days": "Last 30 days",
    "last_90_days": "Last 90 days",
    "custom": "Custom",
}

CATEGORIES = ("Contacts & Jobs", "Customers & Receivables")

CONTACT_LOG = ReportEntry(
    key="contact-log",
    name="Contact Log (Customer)",
    category="Contacts & Jobs",
    description=(
        "The contact log entries — calls, emails, visits, notes — of all customers or the "
        "ones you choose (with their jobs if you like), for a period, by kind and employee; "
        "sorted by date or customer, optionally grouped by customer with counts."
    ),
    module="contact_log",
)
CUSTOMER_CONTACT_LIST = ReportEntry(
    key="customer-contact-list",
    name="Customer Contact List",
    category="Contacts & Jobs",
    description=(
        "Every customer — or the ones you choose, with their jobs if you like — with its "
        "phone numbers, email addresses and contacts (primary contact first); active "
        "customers or inactive ones too, or prospects only; sorted by name."
    ),
    module="customer_contact_list",
)
OPEN_BALANCES = ReportEntry(
    key="open-balances",
    name="Open Balances by Customer",
    category="Customers & Receivables",
    description=(
        "What each customer owes as of a date: every open invoice with its job, number, "
        "date and due date, aged into Current, 1–30, 31–60, 61–90 and over 90 days past "
        "due, with unapplied credits, a subtotal per customer and a grand total."
    ),
    module="open_balances",
)

COLLECTIONS = ReportEntry(
    key="collections",
    name="Collections Report",
    category="Customers & Receivables",
    description=(
        "Every customer with something overdue as of a date — the amount overdue, the "
        "whole balance and how many days the oldest overdue item is late — with the main "
        "phone, the primary contact and the last contact-log entry, so you know whom to "
        "call and when they were last called; most days overdue (or largest amount) first."
    ),
    module="collections",
    options=(
        OptionSpec("as_of", "date", "Overdue &as of"),
        OptionSpec("customers", "customers", "Customers"),
        OptionSpec("min_days", "int", "At least this many &days overdue"),
        OptionSpec(
            "sort",
            "choice",
            "&Sort",
            (("days", "Most days overdue first"), ("amount", "Largest amount first")),
        ),
    ),
)
FOLLOW_UPS = ReportEntry(
    key="follow-ups",
    name="Follow-ups Due",
    category="Contacts & Jobs",
    description=(
        "The contact-log entries with a follow-up date in a period — this week unless you "
        "choose another, or your own dates — grouped by employee and then by date, with "
        "the customer and job, contact, subject, when it was logged and how many days "
        "late a past follow-up is."
    ),
    module="follow_ups",
    options=(
        OptionSpec("period", "choice", "&Period", tuple(PERIODS.items())),
        OptionSpec("date_from", "date", "&From (Custom)"),
        OptionSpec("date_to", "date", "&To (Custom)"),
        OptionSpec("employee", "text", "&Employee"),
    ),
)
JOBS_BY_STATUS = ReportEntry(
    key="jobs-by-status",
    name="Jobs by Status",
    category="Contacts & Jobs",
    description=(
        "Every job — or the ones of the customers you choose — grouped by status (Pending, "
        "Awarded, In Progress, Closed …), with its foreman, start, projected end and "
        "completion dates, the estimate and final totals of its Work Order and the "
        "variance between them; a subtotal per status and a grand total."
    ),
    module="jobs_by_status",
    options=(
        OptionSpec("statuses", "choices", "&Statuses", tuple((s, s) for s in JOB_STATUSES)),
        OptionSpec("customers", "customers", "Customers"),
        OptionSpec("include_inactive", "flag", "Include &inactive jobs and customers"),
    ),
)
JOB_ESTIMATES = ReportEntry(
    key="job-estimates-vs-actuals",
    name="Job Estimates vs. Actuals",
    category="Contacts & Jobs",
    description=(
        "Each job's Work Order estimate beside its final figures: the estimate and final "
        "totals, the variance between them and the variance as a percent of the estimate; "
        "largest overrun first (or by name), with totals. Jobs without figures are left "
        "out unless you ask for them."
    ),
    module="job_estimates",
    options=(
        OptionSpec("customers", "customers", "Customers"),
        OptionSpec("statuses", "choices", "&Statuses", tuple((s, s) for s in JOB_STATUSES)),
        OptionSpec("include_inactive", "flag", "Include &inactive jobs and customers"),
        OptionSpec("include_without_figures", "flag", "Include jobs &without figures"),
        OptionSpec(
            "sort", "choice", "&Sort", (("variance", "Largest overrun first"), ("name", "By name"))
        ),
    ),
)
AR_AGING_SUMMARY = ReportEntry(
    key="ar-aging-summary",
    name="A/R Aging Summary",
    category="Customers & Receivables",
    description=(
        "What each customer owes as of a date, one line each: Current, 1–30, 31–60, "
        "61–90 and over 90 days past due and the total, with the company's totals."
    ),
    module="ar_aging",
    options=(
        OptionSpec("as_of", "date", "Aged &as of"),
        OptionSpec("customers", "customers", "Customers"),
        OptionSpec("include_zero", "flag", "Include customers with a &zero balance"),
    ),
)
AR_AGING_DETAIL = ReportEntry(
    key="ar-aging-detail",
    name="A/R Aging Detail",
    category="Customers & Receivables",
    description=(
        "Every open invoice, opening balance and unapplied credit as of a date, grouped by "
        "how far past due it is (Current, 1–30, 31–60, 61–90, over 90 days), with its "
        "customer:job, number, dates and days past due, a subtotal per group and a grand "
        "total."
    ),
    module="ar_aging",
    options=(
        OptionSpec("as_of", "date", "Aged &as of"),
        OptionSpec("customers", "customers", "Customers"),
    ),
)
CUSTOMER_BALANCE_DETAIL = ReportEntry(
    key="customer-balance-detail",
    name="Customer Balance Detail",
    category="Customers & Receivables",
    description=(
        "For each customer with a balance or activity — or the ones you choose — every "
        "invoice, payment, opening balance and void of a period in date order, with its "
        "amount and the running balance from the balance the day before, and the balance "
        "at the end."
    ),
    module="customer_balance_detail",
    options=(
        OptionSpec("date_from", "date", "&From"),
        OptionSpec("date_to", "date", "&To"),
        OptionSpec("customers", "customers", "Customers"),
        OptionSpec("include_zero", "flag", "Include customers with no balance or activity"),
    ),
)
STATEMENTS = ReportEntry(
    key="statements",
    name="Customer Statements",
    category="Customers & Receivables",
    description=(
        "A statement for each customer to mail: your address and where to send payment, "
        "the customer's Bill To address, the opening balance, every invoice, payment and "
        "void of the period with a running balance, the closing balance and what of it is "
        "current or 1–30, 31–60, 61–90 or over 90 days past due; for every customer with "
        "a balance, only those with something overdue, or the ones you choose."
    ),
    module="statements",
    options=(
        OptionSpec("date_from", "date", "Period &from"),
        OptionSpec("date_to", "date", "Statement &date"),
        OptionSpec(
            "which",
            "choice",
            "&For",
            (
                ("balance", "Every customer with a balance"),
                ("overdue", "Customers with something overdue"),
                ("chosen", "The customers chosen below"),
            ),
        ),
        OptionSpec("customers", "customers", "Customers"),
        OptionSpec("include_zero", "flag", "Chosen customers with a &zero balance too"),
    ),
)

ENTRIES: dict[str, ReportEntry] = {
    entry.key: entry
    for entry in (
        CONTACT_LOG,
        CUSTOMER_CONTACT_LIST,
        OPEN_BALANCES,
        COLLECTIONS,
        FOLLOW_UPS,
        JOBS_BY_STATUS,
        JOB_ESTIMATES,
        AR_AGING_SUMMARY,
        AR_AGING_DETAIL,
        CUSTOMER_BALANCE_DETAIL,
        STATEMENTS,
    )
}


def by_category() -> dict[str, list[ReportEntry]]:
    """Every report, by category (in menu order) and then by name."""
    order = {category: i for i, category in enumerate(CATEGORIES)}
    ranked = sorted(ENTRIES.values(), key=lambda e: (order.get(e.category, len(order)), e.name))
    grouped: dict[str, list[ReportEntry]] = {}
    for entry in ranked:
        grouped.setdefault(entry.category, []).append(entry)
    return grouped
