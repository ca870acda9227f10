"""``co.reports``: the reports of an open company, as the public API offers them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from officemgr.reports import invoice as invoice_pdf
from officemgr.reports import registry
from officemgr.reports.base import Cancelled, Progress, ReadSource, ReportInfo, ReportResult
from officemgr.reports.contact_log import ContactLogOptions
from officemgr.reports.customer_contact_list import CustomerContactListOptions
from officemgr.reports.open_balances import OpenBalancesOptions


class Reports:
    """Writes a company's reports as PDF files."""

    def __init__(self, source: ReadSource) -> None:
        self._source = source

    def available(self) -> list[ReportInfo]:
        """Every registered report, by category and name."""
        return registry.all_reports()

    def render(
        self,
        key: str,
        out: str | Path,
        options: Any = None,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ReportResult:
        """Write the report called ``key`` with ``options`` (its options object) to ``out``."""
        info = registry.get(key)
        chosen = info.options_type() if options is None else options
        return info.render(self._source, chosen, out, progress=progress, cancelled=cancelled)

    def contact_log(
        self,
        out: str | Path,
        *,
        period: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        customer: int | str | None = None,
        customers: Iterable[int | str] = (),
        include_jobs: bool = False,
        include_inactive: bool = False,
        kinds: Iterable[str] | str = (),
        employee: str | None = None,
        sort: str = "date",
        group_by_customer: bool = False,
        paper: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        **more: Any,
    ) -> ReportResult:
        """The Contact Log (Customer) report as a PDF at ``out``.

        ``period`` is one of ``contact_log.PERIODS`` (default all dates, or custom when
        ``date_from`` / ``date_to`` are given); ``customer`` / ``customers`` are ids or
        full names. Returns the path, the number of entries and of pages.
        """
        chosen = ([customer] if customer is not None else []) + list(customers)
        if period is None:
            period = "custom" if (date_from or date_to) else "all"
        options = ContactLogOptions(
            period=period,
            date_from=date_from,
            date_to=date_to,
            customers=tuple(chosen),
            include_jobs=include_jobs,
            include_inactive=include_inactive,
            kinds=(kinds,) if isinstance(kinds, str) else tuple(kinds),
            employee=employee,
            sort=sort,
            group_by_customer=group_by_customer,
            paper=paper,
            **more,
        )
        return self.render("contact-log", out, options, progress=progress, cancelled=cancelled)

    def customer_contact_list(
        self,
        out: str | Path,
        *,
        customer: int | str | None = None,
        customers: Iterable[int | str] = (),
        include_jobs: bool = False,
        include_inactive: bool = False,
        prospects_only: bool = False,
        sort: str = "name",
        paper: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ReportResult:
        """The Customer Contact List as a PDF at ``out``.

        ``customer`` / ``customers`` are ids or full names (default: every customer).
        Returns the path, the number of customers and jobs listed, and of pages.
        """
        chosen = ([customer] if customer is not None else []) + list(customers)
        options = CustomerContactListOptions(
            customers=tuple(chosen),
            include_jobs=include_jobs,
            include_inactive=include_inactive,
            prospects_only=prospects_only,
            sort=sort,
            paper=paper,
        )
        return self.render(
            "customer-contact-list", out, options, progress=progress, cancelled=cancelled
        )

    def open_balances(
        self,
        out: str | Path,
        *,
        as_of: date | None = None,
        customers: Iterable[int | str] = (),
        include_zero: bool = False,
        paper: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ReportResult:
        """Open Balances by Customer as a PDF at ``out``, aged as of ``as_of`` (default today).

        ``customers`` are ids or full names (default: every customer with something open).
        Returns the path, the number of open items listed (invoices, opening balances,
        credits), and of pages.
        """
        options = OpenBalancesOptions(
            as_of=as_of, customers=tuple(customers), include_zero=include_zero, paper=paper
        )
        return self.render("open-balances", out, options, progress=progress, cancelled=cancelled)

    def invoice(
        self, invoice_id: int, out: str | Path, *, paper: str | None = None
    ) -> ReportResult:
        """The invoice with id ``invoice_id`` as a PDF at ``out``; entries = its lines."""
        options = invoice_pdf.InvoiceOptions(invoice_id=invoice_id, paper=paper)
        return invoice_pdf.render(self._source, options, out)

    def invoice_by_number(
        self, number: int, out: str | Path, *, paper: str | None = None
    ) -> ReportResult:
        """The invoice numbered ``number`` (1042) as a PDF at ``out``."""
        options = invoice_pdf.InvoiceOptions(number=number, paper=paper)
        return invoice_pdf.render(self._source, options, out)
