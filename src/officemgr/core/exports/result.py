"""What an export wrote, said for the user: kept free of the database and the writers so
the window can name it without loading them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from officemgr.core.exports.choices import ExportFormat, ListName

__all__ = ["ExportResult"]

_NOUNS = {
    "customers": ("customer", "customers"),
    "contacts": ("contact", "contacts"),
    "contact-log": ("log entry", "log entries"),
    "invoices": ("invoice", "invoices"),
    "payments": ("payment", "payments"),
}


def _counted(number: int, nouns: tuple[str, str]) -> str:
    return f"{number:,} {nouns[0] if number == 1 else nouns[1]}"


@dataclass(frozen=True)
class ExportResult:
    """A file written: where, how many records (``jobs`` of them jobs, in the customer
    list), and sentences about values the format could not hold whole."""

    path: Path
    rows: int
    what: ListName
    format: ExportFormat
    jobs: int = 0
    warnings: tuple[str, ...] = ()

    def summary(self) -> str:
        """ "12 customers and 30 jobs", "1 invoice", "0 contacts"."""
        if self.jobs:
            customers = _counted(self.rows - self.jobs, _NOUNS["customers"])
            return f"{customers} and {_counted(self.jobs, ('job', 'jobs'))}"
        return _counted(self.rows, _NOUNS[self.what])
