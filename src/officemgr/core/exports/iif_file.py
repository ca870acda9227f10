"""The Customer:Job list as a QuickBooks Desktop IIF file (File ▸ Utilities ▸ Import ▸
IIF Files), written the way QuickBooks writes one and `core.imports.iif` reads one.

- Tab-separated lines ending in CRLF; a field holding a comma, a double quote or a tab
  is put in double quotes, a quote inside doubled. A line break inside a field would end
  the line: the notepad's are written as the two characters ``\\n`` (as QuickBooks
  does), any other field's become a space. A field longer than the reader's 4,000
  characters is cut to that (with a warning).
- Windows-1252 when every character fits, else UTF-8 with a byte-order mark
  (`text_encoding`).
- A ``!CUSTNAMEDICT`` block labels the custom fields ``CUSTFLD1``–``15`` (QuickBooks has
  fifteen): those holding a value somewhere, A to Z; more are left out with a warning.
- One ``CUST`` line per customer and job in Customer:Job order (a customer before its
  jobs, as QuickBooks needs), ``NAME`` being the ``Customer:Job`` path.
- Addresses are QuickBooks' five free lines: the name (company, else "First Last", else
  the customer), the street lines, "City, ST ZIP" and the country. They are written as
  the reader reads them back (parsed, then written again), so exporting what an import
  made gives the very same lines.
- ``REP`` is the rep's initials, as QuickBooks keys its Sales Rep list (the name when
  there are none); ``JOBSTATUS`` QuickBooks' own spelling; dates month/day/year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from officemgr.core.exports import details
from officemgr.core.exports.node_reader import nodes
from officemgr.core.exports.places import address_lines
from officemgr.core.exports.records import NodeOut
from officemgr.core.exports.text_encoding import TextSink
from officemgr.core.exports.tracker import Tracker
from officemgr.core.exports.values import composed
from officemgr.core.fields import AddressParts
from officemgr.core.imports.addresses import parse_address
from officemgr.core.imports.iif import MAX_FIELD_LENGTH

__all__ = ["CUSTOM_FIELDS", "HEADER", "write_iif"]

CUSTOM_FIELDS = 15  # CUSTFLD1 … CUSTFLD15
ADDRESS_LINES = 5
HEADER = (
    "NAME",
    *(f"BADDR{n}" for n in range(1, ADDRESS_LINES + 1)),
    *(f"SADDR{n}" for n in range(1, ADDRESS_LINES + 1)),
    "PHONE1",
    "PHONE2",
    "FAXNUM",
    "EMAIL",
    "NOTE",
    "CONT1",
    "CONT2",
    "CTYPE",
    "TERMS",
    "TAXABLE",
    "SALESTAXCODE",
    "LIMIT",
    "RESALENUM",
    "REP",
    "NOTEPAD",
    "SALUTATION",
    "COMPANYNAME",
    "FIRSTNAME",
    "MIDINIT",
    "LASTNAME",
    *(f"CUSTFLD{n}" for n in range(1, CUSTOM_FIELDS + 1)),
    "JOBDESC",
    "JOBTYPE",
    "JOBSTATUS",
    "JOBSTART",
    "JOBPROJEND",
    "JOBEND",
    "HIDDEN",
)
# Our job statuses as QuickBooks spells them in its own exports.
_STATUSES = {"In Progress": "In progress", "Not Awarded": "Not awarded"}
_BREAKS = re.compile(r"\r\n|\r|\n")
_NEEDS_QUOTES = re.compile(r'[,"\t]')


def write_iif(path: Path, session: Session, *, include_inactive: bool, tracker: Tracker) -> None:
    """Write the customers and jobs an export covers to ``path`` as an IIF file."""
    labels = details.custom_labels(session)
    if len(labels) > CUSTOM_FIELDS:
        left_out = ", ".join(labels[CUSTOM_FIELDS:])
        tracker.warn(
            f"QuickBooks has {CUSTOM_FIELDS} custom fields, so these were left out of the "
            f"IIF file: {left_out}."
        )
        labels = labels[:CUSTOM_FIELDS]
    with path.open("w", encoding="utf-8", newline="") as handle:
        sink = TextSink(handle)
        if labels:
            _write_dictionary(sink, labels, tracker)
        sink.line("\t".join(("!CUST", *HEADER)))
        for node in nodes(session, include_inactive=include_inactive, tracker=tracker):
            sink.line("\t".join(("CUST", *_fields(node, labels, tracker))))
            tracker.wrote(job=not node.is_customer)
    sink.finish(path)


def _write_dictionary(sink: TextSink, labels: Sequence[str], tracker: Tracker) -> None:
    """The ``CUSTNAMEDICT`` block: custom field n+1's label at index n, for customers."""
    sink.line("!CUSTNAMEDICT\tINDEX\tLABEL\tCUSTOMER\tVENDOR\tEMPLOYEE")
    sink.line("!ENDCUSTNAMEDICT")
    for index, label in enumerate(labels):
        sink.line(f"CUSTNAMEDICT\t{index}\t{_field(label, tracker)}\tY\tN\tN")
    sink.line("ENDCUSTNAMEDICT")


def _fields(node: NodeOut, labels: Sequence[str], tracker: Tracker) -> list[str]:
    """The fields of ``node``'s ``CUST`` line, in `HEADER` order."""
    texts = _texts(node, labels)
    fields = [_field(texts.get(column), tracker) for column in HEADER]
    notepad = _BREAKS.sub("\n", node.notepad or "").strip().replace("\n", "\\n")
    fields[HEADER.index("NOTEPAD")] = _field(notepad, tracker)
    return fields


def _texts(node: NodeOut, labels: Sequence[str]) -> dict[str, str | None]:
    """Every column's text but the notepad's, by column."""
    main, alt, fax = node.phone("main"), node.phone("alt"), node.phone("fax")
    texts: dict[str, str | None] = {
        "NAME": node.full_name,
        "PHONE1": main.with_extension(main.formatted, " x") if main else None,
        "PHONE2": alt.with_extension(alt.formatted, " x") if alt else None,
        "FAXNUM": fax.with_extension(fax.formatted, " x") if fax else None,
        "EMAIL": node.email("main"),
        "NOTE": node.account_number,
        "CONT1": node.contacts[0] if node.contacts else None,
        "CONT2": node.contacts[1] if len(node.contacts) > 1 else None,
        "CTYPE": node.customer_type,
        "TERMS": node.terms,
        "TAXABLE": None if node.taxable is None else "Y" if node.taxable else "N",
        "SALESTAXCODE": node.tax_code,
        "LIMIT": None if node.credit_limit is None else f"{node.credit_limit:.2f}",
        "RESALENUM": node.resale_number,
        "REP": node.sales_rep_initials or node.sales_rep,
        "SALUTATION": node.salutation,
        "COMPANYNAME": node.company_name,
        "FIRSTNAME": node.first_name,
        "MIDINIT": node.middle_initial,
        "LASTNAME": node.last_name,
        "HIDDEN": "N" if node.is_active else "Y",
    }
    for number, label in enumerate(labels, start=1):
        texts[f"CUSTFLD{number}"] = node.custom.get(label)
    for prefix, address in (("BADDR", node.bill_to), ("SADDR", node.work)):
        for number, line in enumerate(_address(node, address), start=1):
            texts[f"{prefix}{number}"] = line
    if node.job is not None:
        job = node.job
        texts["JOBDESC"] = job.description
        texts["JOBTYPE"] = job.job_type
        texts["JOBSTATUS"] = _STATUSES.get(job.status, job.status)
        texts["JOBSTART"] = _date(job.start_date)
        texts["JOBPROJEND"] = _date(job.projected_end_date)
        texts["JOBEND"] = _date(job.completion_date)
    return texts


def _address(node: NodeOut, parts: AddressParts | None) -> list[str]:
    """An address as QuickBooks' five lines, the name first, in the form the reader gives
    back: the lines are read as the import reads them (with the names it compares
    with) and written again, so the second export of a round trip is the first."""
    if not parts:
        return []
    person = " ".join(_clean(name) for name in (node.first_name, node.last_name) if name)
    contact = node.contacts[0] if node.contacts else ""
    names = [_clean(node.path[0]), _clean(node.company_name), person, _clean(contact)]
    named = _clean(node.company_name) or person or node.path[0]
    read_back, _warnings = parse_address(
        _with_name(named, parts), name=[name for name in names if name]
    )
    return _with_name(named, read_back)


def _with_name(name: str, parts: AddressParts) -> list[str]:
    """The address's lines with the name first, as QuickBooks prints a bill-to block; no
    name before an address without a street (the reader would take a lone name line
    for the street)."""
    lines = address_lines(parts)
    has_street = bool(parts.get("line1") or parts.get("line2"))
    return [name, *lines] if has_street else lines


def _date(day: date | None) -> str | None:
    return f"{day.month}/{day.day}/{day.year}" if day is not None else None


def _clean(text: str | None) -> str:
    """A field's text on one line, trimmed (the reader trims every field), composed."""
    return composed(_BREAKS.sub(" ", text or "").strip())


def _field(text: str | None, tracker: Tracker) -> str:
    """``text`` as an IIF field: on one line, at most `MAX_FIELD_LENGTH` characters, in
    double quotes when it holds a comma, a quote or a tab."""
    value = _clean(text)
    if len(value) > MAX_FIELD_LENGTH:
        tracker.warn(
            f"Some fields were longer than the {MAX_FIELD_LENGTH:,} characters an IIF field "
            "holds and were cut to that length (a CSV file keeps them whole)."
        )
        value = value[:MAX_FIELD_LENGTH].rstrip()
    if _NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value
