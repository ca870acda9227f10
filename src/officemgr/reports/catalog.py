"""What reports there are — key, name, category, description — without loading them.

The window lists the reports in its menu at start-up; importing the report modules
(reportlab and all) would cost a quarter of a second before the list paints. Each report
module builds its `ReportInfo` from its entry here, so every name and description is
written once; `registry` imports a module when its report is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportEntry:
    key: str  # "contact-log": the command-line name
    name: str  # "Contact Log (Customer)"
    category: str  # "Contacts & Jobs"
    description: str
    module: str  # the module under officemgr.reports that renders it


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

ENTRIES: dict[str, ReportEntry] = {
    entry.key: entry for entry in (CONTACT_LOG, CUSTOMER_CONTACT_LIST, OPEN_BALANCES)
}


def by_category() -> dict[str, list[ReportEntry]]:
    """Every report, by category (in menu order) and then by name."""
    order = {category: i for i, category in enumerate(CATEGORIES)}
    ranked = sorted(ENTRIES.values(), key=lambda e: (order.get(e.category, len(order)), e.name))
    grouped: dict[str, list[ReportEntry]] = {}
    for entry in ranked:
        grouped.setdefault(entry.category, []).append(entry)
    return grouped
