"""Which lists OfficeMgr exports, in which formats, and how a file's name says its format.

ORM-free and cheap to import, so the window and the command line can offer the choices
before anything is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Literal, get_args

from officemgr.errors import ValidationError

__all__ = [
    "FORMATS",
    "FORMATS_OF",
    "FORMAT_NAMES",
    "LISTS",
    "LIST_NAMES",
    "SUFFIXES",
    "ExportFormat",
    "ListName",
    "chosen_format",
    "chosen_list",
]

ListName = Literal["customers", "contacts", "contact-log", "invoices", "payments"]
ExportFormat = Literal["csv", "xlsx", "iif", "vcf"]
LISTS: tuple[ListName, ...] = get_args(ListName)
FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)

# What a sentence calls each list and each format.
LIST_NAMES: Mapping[ListName, str] = MappingProxyType(
    {
        "customers": "the customers and jobs",
        "contacts": "the contacts",
        "contact-log": "the contact log",
        "invoices": "the invoices",
        "payments": "the payments",
    }
)
FORMAT_NAMES: Mapping[ExportFormat, str] = MappingProxyType(
    {
        "csv": "CSV",
        "xlsx": "an Excel workbook (.xlsx)",
        "iif": "QuickBooks IIF",
        "vcf": "vCard",
    }
)

# The formats each list can be written in: IIF is QuickBooks' customer list, a vCard is
# a person or a company (customers and contacts); every list is a table.
FORMATS_OF: Mapping[ListName, tuple[ExportFormat, ...]] = MappingProxyType(
    {
        "customers": ("csv", "xlsx", "iif", "vcf"),
        "contacts": ("csv", "xlsx", "vcf"),
        "contact-log": ("csv", "xlsx"),
        "invoices": ("csv", "xlsx"),
        "payments": ("csv", "xlsx"),
    }
)
SUFFIXES: Mapping[str, ExportFormat] = MappingProxyType(
    {".csv": "csv", ".xlsx": "xlsx", ".iif": "iif", ".vcf": "vcf", ".vcard": "vcf"}
)


def chosen_list(what: object) -> ListName:
    """``what`` as a list name, or ValidationError naming the lists there are."""
    for name in LISTS:
        if isinstance(what, str) and what == name:
            return name
    raise ValidationError(
        f"“{what}” is not a list OfficeMgr exports; choose {_either(LISTS)}.", field="what"
    )


def chosen_format(path: Path, format: object, what: ListName) -> ExportFormat:
    """The format to write ``what`` in: ``format`` when given, else the one the file's
    name ends in; ValidationError when neither says one, or ``what`` has no such format."""
    if format is None:
        found = SUFFIXES.get(path.suffix.casefold())
        if found is None:
            raise ValidationError(
                f"“{path.name}” does not say which format to write: end its name in "
                f"{_either(tuple(SUFFIXES)[:4])}, or choose the format.",
                field="format",
            )
        chosen = found
    else:
        known = [f for f in FORMATS if isinstance(format, str) and format == f]
        if not known:
            raise ValidationError(
                f"“{format}” is not an export format; choose {_either(FORMATS)}.", field="format"
            )
        chosen = known[0]
    if chosen not in FORMATS_OF[what]:
        names = [FORMAT_NAMES[f] for f in FORMATS_OF[what]]
        raise ValidationError(
            f"{LIST_NAMES[what].capitalize()} cannot be written as {FORMAT_NAMES[chosen]}; "
            f"choose {_either(names)}.",
            field="format",
        )
    return chosen


def _either(choices: tuple[str, ...] | list[str]) -> str:
    """ "a, b or c"."""
    return ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
