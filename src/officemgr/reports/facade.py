"""``co.reports``: the reports of an open company, as the public API offers them."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from officemgr.core.inputs import has_surrogates, shown
from officemgr.errors import ValidationError
from officemgr.reports import catalog, registry, tables, template
from officemgr.reports import invoice as invoice_pdf
from officemgr.reports.base import Cancelled, Progress, ReadSource, ReportInfo, ReportResult
from officemgr.reports.contact_log import ContactLogOptions
from officemgr.reports.customer_contact_list import CustomerContactListOptions
from officemgr.reports.open_balances import OpenBalancesOptions

# The longest file name (and path) most file systems take, in bytes on Linux and macOS:
# a longer one fails inside the file system calls that look at the path.
NAME_MAX = 255
PATH_MAX = 4096


def checked_out(out: Any) -> Path:
    """The PDF file to write, refused before any file system call sees it when it is not
    a file name at all: not text, empty, holding a character no file system takes (a NUL,
    half a character), or longer than a file system takes. (Where it points — a folder, a
    missing folder, company data — the report's own `output_path` checks.)"""
    try:
        raw = os.fspath(out) if isinstance(out, os.PathLike) else out
    except TypeError:  # its __fspath__ gives neither text nor bytes
        raw = None
    if not isinstance(raw, str) or not raw.strip():  # bytes too: a file name is text here
        raise ValidationError("Say where to write the report: a file name.", field="out")
    path = Path(raw)
    text = str(path)
    if text in (".", ".."):
        raise ValidationError("Say where to write the report: a file name.", field="out")
    if "\x00" in text or has_surrogates(text):
        raise ValidationError(
            f"“{shown(text)}” cannot be a file name: it holds a character no file system takes.",
            field="out",
        )
    if any(len(os.fsencode(part)) > NAME_MAX for part in path.parts):
        raise ValidationError(
            f"A file or folder name is too long: at most {NAME_MAX} bytes each.", field="out"
        )
    if len(os.fsencode(text)) > PATH_MAX:
        raise ValidationError(f"The file name is too long: at most {PATH_MAX} bytes.", field="out")
    return path


def _listed(values: Any) -> Any:
    """Any iterable of choices as a tuple; a single value or a non-iterable is left for
    the options' ``checked()`` to refuse."""
    if isinstance(values, Iterable) and not isinstance(values, (str, bytes, dict)):
        return tuple(values)
    return values


def _chosen(customer: Any, customers: Any) -> Any:
    """``customer`` and ``customers`` as one tuple of choices (checked by the options)."""
    more = _listed(customers)
    if customer is None:
        return more
    return (customer, *more) if isinstance(more, tuple) else more


def _check_more(more: dict[str, Any], options_type: type[Any]) -> None:
    """Extra options (``tz``, ``today``) must be fields of the report's options."""
    known = {f.name for f in dataclasses.fields(options_type)}
    for key in more:
        if key not in known:
            raise ValidationError(f"The report has no option “{shown(key)}”.", field=key)


def _catalog_call(key: str) -> Callable[..., ReportResult]:
    """``co.reports.<key with underscores>(out, **choices)`` for a report whose choices its
    catalog entry lists: `Reports.render_with` under the report's own name."""
    entry = catalog.ENTRIES[key]

    def call(
        self: Reports,
        out: str | Path,
        *,
        format: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        **choices: Any,
    ) -> ReportResult:
        return self.render_with(
            key, out, format=format, progress=progress, cancelled=cancelled, **choices
        )

    names = ", ".join(spec.name for spec in entry.options)
    call.__name__ = key.replace("-", "_")
    call.__doc__ = f"{entry.name}: {entry.description}\n\nChoices: {names}, paper."
    return call


class Reports:
    """Writes a company's reports as PDF files, or their rows as CSV or Excel."""

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
        format: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        first_pages: Callable[[Path], None] | None = None,
    ) -> ReportResult:
        """Write the report called ``key`` with ``options`` (its options object) to ``out``:
        a PDF, or its rows as CSV or an Excel workbook (``format`` "pdf", "csv" or "xlsx";
        by default what ``out``'s suffix says, else PDF).

        ``first_pages(path)`` is called, for a PDF longer than a few pages, with a PDF of
        its first pages as soon as they are laid out (a preview shows them while the rest
        is made); that file is written in ``out``'s folder and is the caller's to delete."""
        if not isinstance(key, str) or key not in catalog.ENTRIES:
            raise ValidationError(
                f"There is no report called “{shown(key)}”; the reports are "
                f"{', '.join(sorted(catalog.ENTRIES))}.",
                field="key",
            )
        info = registry.get(key)
        chosen = info.options_type() if options is None else options
        if not isinstance(chosen, info.options_type):
            raise ValidationError(
                f"The options of {info.name} must be a {info.options_type.__name__}.",
                field="options",
            )
        callbacks = ((progress, "progress"), (cancelled, "cancelled"), (first_pages, "first_pages"))
        for callback, what in callbacks:
            if callback is not None and not callable(callback):
                raise ValidationError(f"“{what}” must be a function.", field=what)
        path = checked_out(out)
        fmt = tables.format_of(path, format)
        if fmt == "pdf" and first_pages is not None:
            with template.showing_first_pages(first_pages, path.parent):
                return info.render(
                    self._source, chosen, path, progress=progress, cancelled=cancelled
                )
        if fmt == "pdf":
            return info.render(self._source, chosen, path, progress=progress, cancelled=cancelled)
        if info.table is None:
            raise ValidationError(f"{info.name} is written as a PDF only.", field="format")
        return tables.write_table(
            self._source,
            info.name,
            info.table,
            chosen,
            path,
            "csv" if fmt == "csv" else "xlsx",
            progress=progress,
            cancelled=cancelled,
        )

    def render_with(
        self,
        key: str,
        out: str | Path,
        *,
        format: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        **choices: Any,
    ) -> ReportResult:
        """The report called ``key`` with ``choices`` (fields of its options: ``as_of=…``,
        ``customers=[…]``), written to ``out`` as `render` writes it."""
        if not isinstance(key, str) or key not in catalog.ENTRIES:
            return self.render(key, out, format=format)  # says which reports there are
        options_type = registry.get(key).options_type
        _check_more(choices, options_type)
        if "customers" in choices:
            choices["customers"] = _listed(choices["customers"])
        options = options_type(**choices)
        return self.render(key, out, options, format=format, progress=progress, cancelled=cancelled)

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
        format: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        **more: Any,
    ) -> ReportResult:
        """The Contact Log (Customer) report as a PDF at ``out``.

        ``period`` is one of ``contact_log.PERIODS`` (default all dates, or custom when
        ``date_from`` / ``date_to`` are given); ``customer`` / ``customers`` are ids or
        full names. Returns the path, the number of entries and of pages.
        """
        chosen = _chosen(customer, customers)
        if period is None:
            period = "custom" if (date_from or date_to) else "all"
        _check_more(more, ContactLogOptions)
        options = ContactLogOptions(
            period=period,
            date_from=date_from,
            date_to=date_to,
            customers=chosen,
            include_jobs=include_jobs,
            include_inactive=include_inactive,
            kinds=(kinds,) if isinstance(kinds, str) else _listed(kinds),
            employee=employee,
            sort=sort,
            group_by_customer=group_by_customer,
            paper=paper,
            **more,
        )
        return self.render(
            "contact-log", out, options, format=format, progress=progress, cancelled=cancelled
        )

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
        format: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ReportResult:
        """The Customer Contact List as a PDF at ``out``.

        ``customer`` / ``customers`` are ids or full names (default: every customer).
        Returns the path, the number of customers and jobs listed, and of pages.
        """
        options = CustomerContactListOptions(
            customers=_chosen(customer, customers),
            include_jobs=include_jobs,
            include_inactive=include_inactive,
            prospects_only=prospects_only,
            sort=sort,
            paper=paper,
        )
        return self.render(
            "customer-contact-list",
            out,
            options,
            format=format,
            progress=progress,
            cancelled=cancelled,
        )

    def open_balances(
        self,
        out: str | Path,
        *,
        as_of: date | None = None,
        customers: Iterable[int | str] = (),
        include_zero: bool = False,
        paper: str | None = None,
        format: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ReportResult:
        """Open Balances by Customer as a PDF at ``out``, aged as of ``as_of`` (default today).

        ``customers`` are ids or full names (default: every customer with something open).
        Returns the path, the number of open items listed (invoices, opening balances,
        credits), and of pages.
        """
        options = OpenBalancesOptions(
            as_of=as_of, customers=_listed(customers), include_zero=include_zero, paper=paper
        )
        return self.render(
            "open-balances", out, options, format=format, progress=progress, cancelled=cancelled
        )

    collections = _catalog_call("collections")
    follow_ups = _catalog_call("follow-ups")
    jobs_by_status = _catalog_call("jobs-by-status")
    job_estimates_vs_actuals = _catalog_call("job-estimates-vs-actuals")
    ar_aging_summary = _catalog_call("ar-aging-summary")
    ar_aging_detail = _catalog_call("ar-aging-detail")
    customer_balance_detail = _catalog_call("customer-balance-detail")
    statements = _catalog_call("statements")

    def invoice(
        self, invoice_id: int, out: str | Path, *, paper: str | None = None
    ) -> ReportResult:
        """The invoice with id ``invoice_id`` as a PDF at ``out``; entries = its lines."""
        options = invoice_pdf.InvoiceOptions(invoice_id=invoice_id, paper=paper)
        return invoice_pdf.render(self._source, options.checked(), checked_out(out))

    def invoice_by_number(
        self, number: int, out: str | Path, *, paper: str | None = None
    ) -> ReportResult:
        """The invoice numbered ``number`` (1042) as a PDF at ``out``."""
        options = invoice_pdf.InvoiceOptions(number=number, paper=paper)
        return invoice_pdf.render(self._source, options.checked(), checked_out(out))
