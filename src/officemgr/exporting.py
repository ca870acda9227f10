"""``co.exports``: a company's lists out to CSV, Excel, QuickBooks IIF or vCard files.

    co.exports.write("customers.csv")                          # format from the name
    co.exports.write("customers.iif")                          # for QuickBooks Desktop
    co.exports.write("phone book.vcf", what="contacts")
    co.exports.write("log.xlsx", what="contact-log", include_inactive=False)

Which list, which format and where are checked before anything is read: a list or
format that does not exist or does not go together, or a target that is company data (a
company file, a backup, SQLite's files beside one), is refused with one sentence
(ValidationError). The list is then read in one read transaction, a batch at a time,
and written beside the target; the file is moved into place only when whole, so Cancel
or a failure leaves no part of a file and a file already there as it was. The columns
of every list are in `officemgr.core.exports.columns` (and the README).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from officemgr.core.exports.choices import FORMATS, LISTS, ExportFormat, ListName
from officemgr.core.exports.result import ExportResult
from officemgr.core.exports.tracker import Cancelled, ExportCancelled, Progress

if TYPE_CHECKING:
    from officemgr.company import Company

__all__ = [
    "FORMATS",
    "LISTS",
    "ExportCancelled",
    "ExportFormat",
    "ExportResult",
    "Exports",
    "ListName",
]


class Exports:
    """The exports of one company (``co.exports``)."""

    def __init__(self, company: Company) -> None:
        self.company = company

    def write(
        self,
        out: str | os.PathLike[str],
        *,
        what: ListName = "customers",
        format: ExportFormat | None = None,
        include_inactive: bool = True,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportResult:
        """Write the list ``what`` to the file ``out`` and say how many records it holds.

        ``what`` is "customers" (customers and jobs), "contacts", "contact-log",
        "invoices" or "payments"; ``format`` "csv", "xlsx", "iif" (customers only) or
        "vcf" (customers or contacts), found from the file's name when not given.
        ``include_inactive`` False leaves out inactive customers and jobs, those under
        them, and what is theirs. ``progress(done, total)`` is told after each batch;
        ``cancelled()`` turning true stops the export (ExportCancelled, no file).
        """
        from officemgr.core.exports.run import export, plan  # the readers and writers

        planned = plan(out, what=what, format=format)
        with self.company.read() as session:
            return export(
                session,
                planned,
                include_inactive=include_inactive,
                progress=progress,
                cancelled=cancelled,
            )
