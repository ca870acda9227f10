"""Every report the program offers, by key, and by category for the Report Navigator."""

from __future__ import annotations

from officemgr.reports import contact_log, customer_contact_list, open_balances
from officemgr.reports.base import ReportInfo

REPORTS: dict[str, ReportInfo] = {
    info.key: info for info in (contact_log.INFO, customer_contact_list.INFO, open_balances.INFO)
}

CATEGORIES = ("Contacts & Jobs", "Customers & Receivables")


def get(key: str) -> ReportInfo:
    """The report called ``key`` ("contact-log"); KeyError for an unknown one."""
    return REPORTS[key]


def all_reports() -> list[ReportInfo]:
    """Every report, by category (in menu order) and then by name."""
    order = {category: i for i, category in enumerate(CATEGORIES)}
    return sorted(REPORTS.values(), key=lambda r: (order.get(r.category, len(order)), r.name))


def by_category() -> dict[str, list[ReportInfo]]:
    grouped: dict[str, list[ReportInfo]] = {}
    for info in all_reports():
        grouped.setdefault(info.category, []).append(info)
    return grouped
