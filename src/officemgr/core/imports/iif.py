"""The reader of QuickBooks Desktop IIF files: the Customer:Job list, as `ParsedFile`.

IIF ("Intuit Interchange Format") is what QuickBooks Desktop writes with File ▸ Utilities
▸ Export ▸ Lists to IIF Files. This reader takes what QuickBooks writes, and what people
typically do to such a file in a text editor or in Excel:

Text
    UTF-8 with or without a byte-order mark (UTF-16 with one, as Excel saves "Unicode
    text", is read too); anything else is Windows-1252, what QuickBooks itself writes
    (decided once per file: a file that is not valid UTF-8 is Windows-1252 throughout).
    Lines end in CRLF, LF or a lone CR; line numbers are physical lines, counted from 1.
    A file that is not text (a PDF, a zip or .xlsx, random bytes) or is text without IIF
    header lines (a CSV, a Quicken QIF file) gives no nodes and one line-0 problem that
    says what the file is not.

Fields
    Tab-separated. A field holding a comma or a double quote is written in double quotes
    (``"Andres, Cristina"``), a quote inside doubled (``"12"" pipe"``); a quoted field may
    also hold tabs. Quotes that do not pair up — a field that opens a quote and never
    closes it, or goes on after closing it — make the line a problem (an error; the line
    is skipped). A quote inside an unquoted field is just a character. A field may hold at
    most 4,000 characters (`MAX_FIELD_LENGTH`): a longer one makes its customer line an
    error. Fields are found with ``str.find`` and one possessive regular expression, so
    a 3 MB field costs milliseconds; lines of skipped sections are not split at all.

Sections
    A header line ``!KEYWORD<tab>COLUMN<tab>…`` names the columns of the data lines that
    follow with ``KEYWORD`` in their first field; a later header for the same keyword
    replaces the first. This reader imports ``CUST`` lines only and reads the labels of
    the custom fields from ``CUSTNAMEDICT`` lines (wherever they are in the file). Every
    other section — ``TRNS``/``SPL``/``ENDTRNS``, ``ACCNT``, ``VEND``, ``INVITEM``,
    ``EMP``, ``OTHERNAME``, ``CTYPE``, and also block ends without a header of their own
    such as ``ENDGRP`` or ``ENDTAX`` — is skipped, its data lines counted by keyword in
    ``ParsedFile.skipped`` (``HDR`` and ``ENDCUSTNAMEDICT`` lines are not counted: they
    hold no data of their own). Blank lines are ignored.

    Lines that fit no section are problems: a data line before any header line is an
    error (its columns are unknown), and so is a ``CUST`` line before the first
    ``!CUST`` header; after the first header, a line whose first field is not a keyword
    (upper-case letters, digits, spaces) — say the rest of a note that was broken over
    two lines — is a warning, and skipped. A file with no ``!CUST`` header at all gets a
    line-0 error saying it holds no customer list.

Field counts
    A data line shorter than its header has the missing fields empty (QuickBooks and
    hand-made files often leave trailing empty fields out). A longer one is read by the
    header's columns: extra fields that are empty are ignored silently (the IIF import
    kit's files pad lines with tabs), extra fields holding text are ignored with a
    warning, since the line was probably shifted by a stray tab.

``!CUST`` columns (columns named in the header, in any order; others are ignored quietly:
``REFNUM``, ``TIMESTAMP``, ``TAXITEM``, ``PRICELEVEL``, ``DELCOUNT`` and any unknown one)
    ``NAME``          the path: ``Customer:Job:Sub-job`` split on ":", each name trimmed
                      with inner runs of spaces collapsed; at most `MAX_DEPTH` names of
                      at most `NAME_LENGTH` characters, none empty, else an error. Jobs
                      may come before their customers: nodes are in file order.
    ``BADDR1``–``5``  ``values["bill_to"]``, ``SADDR1``–``5`` ``values["work"]``: free
                      lines made into parts by `addresses.parse_address`.
    ``PHONE1``, ``PHONE2``, ``FAXNUM``  phone, alt_phone, fax: text exactly as written
                      ("555-201-3344 x12"); the import service parses them.
    ``EMAIL``, ``SALUTATION``, ``FIRSTNAME``, ``MIDINIT``, ``LASTNAME``, ``COMPANYNAME``,
    ``RESALENUM``     the same-named text fields; ``NOTE`` is QuickBooks' "Account No."
                      (``account_number``).
    ``CONT1``, ``CONT2``  contacts, by name.
    ``CTYPE``, ``TERMS``, ``SALESTAXCODE``, ``JOBTYPE``  ``lists`` customer_type, terms,
                      tax_code, job_type (a ``Type:Subtype`` path, kept as text).
    ``REP``           ``lists["sales_rep"]``: newer QuickBooks writes "Name:type:initials"
                      ("Shane B. Hamby:3:SBH"), of which the name is taken; older files
                      hold the initials alone, kept as they are.
    ``TAXABLE``       Y/N → ``taxable``.   ``HIDDEN``  Y → ``is_active`` False.
    ``LIMIT``         ``credit_limit``, a Decimal ("$" and thousands commas allowed).
    ``NOTEPAD``       ``notepad``: QuickBooks writes a line break inside a field as the
                      two characters ``\\n``; they become real line breaks.
    ``CUSTFLD1``–``15``  ``custom[label]``, the label from ``CUSTNAMEDICT`` (its ``INDEX``
                      counts from 0: index 0 labels ``CUSTFLD1``), else "Custom n".
    ``JOBDESC``       description.   ``JOBSTATUS``  status, one of `JOB_STATUSES`, by name
                      in any case ("In progress") or by the number newer exports write
                      (0 None … 5 Not awarded, QuickBooks' order); "None" on a customer is
                      left out (QuickBooks writes it on every customer).
    ``JOBSTART``, ``JOBPROJEND``, ``JOBEND``  start_date, projected_end_date,
                      completion_date: M/D/YYYY or M/D/YY (00–69 → 2000s) or
                      YYYY-MM-DD; "0/0/0" or empty is not set.

A value that cannot be read (a date like 13/45/2025, a limit of "lots", a status QuickBooks
does not have, TAXABLE "maybe") is left out with a warning naming the line; the rest of
the line is still imported. Empty fields are left out of ``values``.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from officemgr.core.choices import JOB_STATUSES, MAX_DEPTH, NAME_LENGTH
from officemgr.core.imports.addresses import parse_address
from officemgr.core.imports.records import ContactIn, NodeIn, ParsedFile, Problem, cut_raw

__all__ = ["MAX_FIELD_LENGTH", "parse"]

MAX_FIELD_LENGTH = 4000

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HEADER_LINE = re.compile(r"!\s*[A-Za-z][A-Za-z0-9 _]*(?:\t|$)")
_KEYWORD = re.compile(r"[A-Z][A-Z0-9 _]{0,39}")
_QIF_START = re.compile(r"!(?:type:|account\b|option:|clear:)", re.IGNORECASE)
# A quoted field: no backtracking (possessive), so a 3 MB field is one pass.
_QUOTED = re.compile(r'"([^"]*+(?:""[^"]*+)*+)"')
_CUSTOM_FIELD = re.compile(r"CUSTFLD(\d{1,2})")
_AMOUNT = re.compile(r"\d{1,15}(?:\.\d{1,4})?")
_US_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{1,4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")

# Sections whose lines are neither imported nor worth counting as skipped data.
_UNCOUNTED = frozenset({"HDR", "CUSTNAMEDICT", "ENDCUSTNAMEDICT"})

_TEXT_COLUMNS = {
    "PHONE1": "phone",
    "PHONE2": "alt_phone",
    "FAXNUM": "fax",
    "EMAIL": "email",
    "SALUTATION": "salutation",
    "FIRSTNAME": "first_name",
    "MIDINIT": "middle_initial",
    "LASTNAME": "last_name",
    "COMPANYNAME": "company_name",
    "NOTE": "account_number",
    "RESALENUM": "resale_number",
    "JOBDESC": "description",
}
_LIST_COLUMNS = {
    "CTYPE": "customer_type",
    "TERMS": "terms",
    "SALESTAXCODE": "tax_code",
    "JOBTYPE": "job_type",
}
_ADDRESS_COLUMNS = {"bill_to": ("BADDR", "Bill-to address"), "work": ("SADDR", "Work address")}
_DATE_COLUMNS = {
    "JOBSTART": ("start_date", "job start date"),
    "JOBPROJEND": ("projected_end_date", "projected end date"),
    "JOBEND": ("completion_date", "job end date"),
}
# QuickBooks' job statuses by name (any case) and by their number in its list.
_STATUSES = {status.casefold(): status for status in JOB_STATUSES} | {
    str(number): status for number, status in enumerate(JOB_STATUSES)
}
_YES = frozenset({"Y", "YES", "T", "TRUE", "1"})
_NO = frozenset({"N", "NO", "F", "FALSE", "0"})

_Warn = Callable[[str], None]


@dataclass(frozen=True)
class _Row:
    """A data line read by its header: non-empty values by column, trimmed."""

    line: int
    text: str
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class _Scan:
    """What one pass over the lines found, before any customer line is interpreted."""

    customers: list[_Row] = field(default_factory=list)
    dictionary: list[_Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    headers: dict[str, tuple[str, ...]] = field(default_factory=dict)


def parse(data: bytes) -> ParsedFile:
    """The customers and jobs of a QuickBooks IIF file, with the problems found.

    Never raises on bad input: a file that is not IIF comes back with no nodes and one
    line-0 problem saying so (see the module docstring for what is read, and how).
    """
    text, refusal = _decode(data)
    lines = _LINE_BREAK.split(text) if refusal is None else []
    refusal = refusal or _not_iif(lines)
    if refusal is not None:
        return ParsedFile(format="iif", nodes=(), problems=(Problem(0, refusal),))
    scan = _scan(lines)
    labels = _custom_labels(scan.dictionary)
    nodes: list[NodeIn] = []
    problems = list(scan.problems)
    for row in scan.customers:
        node, found = _node(row, labels)
        problems.extend(found)
        if node is not None:
            nodes.append(node)
    if "CUST" not in scan.headers:
        problems.append(Problem(0, _NO_CUSTOMER_LIST))
    problems.sort(key=lambda problem: problem.line)
    return ParsedFile(
        format="iif", nodes=tuple(nodes), problems=tuple(problems), skipped=dict(scan.skipped)
    )


_NO_CUSTOMER_LIST = (
    "This IIF file holds no customer list (no “!CUST” header line); in QuickBooks, "
    "export the Customer:Job list with File ▸ Utilities ▸ Export ▸ Lists to IIF Files."
)

# ------------------------------------------------------------------ what the file is


_MAGIC = (
    (b"%PDF", "This is a PDF document, not a QuickBooks IIF file."),
    (
        b"PK\x03\x04",
        "This is a zip archive (an Excel .xlsx workbook is one too), not a QuickBooks IIF file.",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "This is an Office document (such as an Excel .xls workbook), not a QuickBooks IIF file.",
    ),
)
_NOT_TEXT = "This is not a text file, so it cannot be a QuickBooks IIF file."


def _decode(data: bytes) -> tuple[str, str | None]:
    """The file's text, or why it has none: UTF-8 (a BOM or not), UTF-16 with a BOM,
    else Windows-1252, the encoding QuickBooks writes."""
    if not data.strip():
        return "", "The file is empty, so it holds no QuickBooks IIF lists."
    for magic, message in _MAGIC:
        if data.startswith(magic):
            return "", message
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if _looks_binary(text):
        return "", _NOT_TEXT
    return text.rstrip("\x1a"), None  # a DOS end-of-file mark, if any


def _looks_binary(text: str) -> bool:
    """Whether decoded text holds control characters no text file has: a NUL, or more
    than 1 in 100 characters below a space (tabs and line ends aside)."""
    sample = text[:65536]
    if "\x00" in sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n\x0c\x1a")
    return controls > max(2, len(sample) // 100)


def _not_iif(lines: Sequence[str]) -> str | None:
    """Why text is not an IIF file, or None when it has an IIF header line."""
    first = next((line.strip() for line in lines if line.strip()), "")
    if not first:
        return "The file is empty, so it holds no QuickBooks IIF lists."
    if _QIF_START.match(first):
        return "This is a Quicken QIF file, not a QuickBooks IIF file."
    if any(_HEADER_LINE.match(line.lstrip(" ")) for line in lines):
        return None
    if _looks_like_csv(lines):
        return (
            "This looks like a comma-separated (CSV) file, not a QuickBooks IIF file, "
            "which is tab-separated with “!” header lines such as “!CUST”."
        )
    return "This is not a QuickBooks IIF file: it has no “!” header lines such as “!CUST”."


def _looks_like_csv(lines: Sequence[str]) -> bool:
    """Whether the first lines are separated by commas (or semicolons) and not tabs: the
    same separator count on the first two lines, or two or more on a lone first line."""
    first_two = [line for line in (line.strip() for line in lines[:50]) if line][:2]
    if not first_two or any("\t" in line for line in first_two):
        return False
    for separator in ",;":
        counts = [line.count(separator) for line in first_two]
        if counts[0] >= 2 or (len(counts) == 2 and counts[0] == counts[1] >= 1):
            return True
    return False


# ------------------------------------------------------------------ lines and fields


def _scan(lines: Sequence[str]) -> _Scan:
    """Sort the lines into headers, customer and dictionary rows, skipped sections and
    problems, in one pass."""
    scan = _Scan()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        tab = line.find("\t")
        head = (line if tab < 0 else line[:tab]).strip()
        if head.startswith("!"):
            columns = [column.strip().upper() for column in line.split("\t")]
            scan.headers[head[1:].strip().upper()] = tuple(columns[1:])
            continue
        keyword = head.upper()
        if keyword in ("CUST", "CUSTNAMEDICT"):
            _take_row(scan, number, line, keyword)
        elif not scan.headers:
            scan.problems.append(_error(number, line, _BEFORE_HEADERS))
        elif keyword in scan.headers or _KEYWORD.fullmatch(head):
            if keyword not in _UNCOUNTED:
                scan.skipped[keyword] += 1
        else:
            scan.problems.append(_warning(number, line, _NO_SECTION))
    return scan


_BEFORE_HEADERS = (
    "This line comes before any “!” header line, so its columns are unknown; it was skipped."
)
_NO_SECTION = (
    "This line does not start with a section name such as “CUST” (it may be the rest "
    "of a field broken over two lines); it was skipped."
)


def _take_row(scan: _Scan, number: int, line: str, keyword: str) -> None:
    """Read a ``CUST`` or ``CUSTNAMEDICT`` line by its header into ``scan``."""
    columns = scan.headers.get(keyword)
    if columns is None:
        message = (
            f"This “{keyword}” line comes before the “!{keyword}” header line that names "
            "its columns; it was skipped."
            if scan.headers
            else _BEFORE_HEADERS
        )
        scan.problems.append(_error(number, line, message))
        return
    fields = _split_fields(line)
    if fields is None:
        scan.problems.append(_error(number, line, _BROKEN_QUOTES))
        return
    data = fields[1:]
    too_long = _too_long(columns, data)
    if too_long:
        scan.problems.append(_error(number, line, too_long))
        return
    extra = data[len(columns) :]
    if any(value.strip() for value in extra):
        scan.problems.append(_warning(number, line, _extra_fields(len(extra), keyword)))
    row = _Row(number, line, _by_column(columns, data))
    (scan.customers if keyword == "CUST" else scan.dictionary).append(row)


_BROKEN_QUOTES = (
    "The double quotes on this line do not pair up (a field opens a quote and does not "
    "close it, or goes on after closing it); the line was skipped."
)


def _extra_fields(count: int, keyword: str) -> str:
    fields = "field" if count == 1 else "fields"
    return (
        f"This line has {count} more {fields} than its “!{keyword}” header names "
        f"(perhaps a stray tab); the extra {fields} were ignored."
    )


def _too_long(columns: Sequence[str], data: Sequence[str]) -> str | None:
    """Why a line is refused for a field over `MAX_FIELD_LENGTH` characters, or None."""
    for position, value in enumerate(data):
        if len(value) > MAX_FIELD_LENGTH:
            column = columns[position] if position < len(columns) else f"#{position + 2}"
            return (
                f"The “{column}” field on this line has {len(value):,} characters, more "
                f"than the {MAX_FIELD_LENGTH:,} a field may hold; the line was skipped."
            )
    return None


def _by_column(columns: Sequence[str], data: Sequence[str]) -> dict[str, str]:
    """The non-empty values by column name (the first of two same-named columns wins)."""
    values: dict[str, str] = {}
    for column, value in zip(columns, data, strict=False):
        value = value.strip()
        if value and column not in values:
            values[column] = value
    return values


def _split_fields(line: str) -> list[str] | None:
    """The tab-separated fields of a line, quotes removed; None when quotes do not pair."""
    fields: list[str] = []
    start = 0
    while True:
        if line.startswith('"', start):
            quoted = _QUOTED.match(line, start)
            if quoted is None:
                return None
            tab = line.find("\t", quoted.end())
            stop = len(line) if tab < 0 else tab
            if line[quoted.end() : stop].strip():
                return None  # "Bud" Smith: text after the closing quote
            fields.append(quoted[1].replace('""', '"'))
        else:
            tab = line.find("\t", start)
            stop = len(line) if tab < 0 else tab
            fields.append(line[start:stop])
        if tab < 0:
            return fields
        start = tab + 1


def _error(number: int, line: str, message: str) -> Problem:
    return Problem(number, message, cut_raw(line), "error")


def _warning(number: int, line: str, message: str) -> Problem:
    return Problem(number, message, cut_raw(line), "warning")


# ------------------------------------------------------------------ custom field labels


def _custom_labels(rows: Iterable[_Row]) -> dict[int, str]:
    """The label of each custom field by its number n (``CUSTFLDn``).

    A ``CUSTNAMEDICT`` line's ``INDEX`` counts from 0; a line without a readable index
    takes its place among the dictionary lines. Two fields with the same label are told
    apart by their number ("Notes", "Notes (7)").
    """
    labels: dict[int, str] = {}
    for position, row in enumerate(rows):
        index = row.get("INDEX")
        number = int(index) + 1 if index.isdecimal() and len(index) <= 3 else position + 1
        label = " ".join(row.get("LABEL").split())
        if label and number not in labels:
            labels[number] = label if label not in labels.values() else f"{label} ({number})"
    return labels


# ------------------------------------------------------------------ customer lines


def _node(row: _Row, labels: Mapping[int, str]) -> tuple[NodeIn | None, list[Problem]]:
    """The node a ``CUST`` line describes (None when it cannot be imported), and its
    problems."""
    raw = cut_raw(row.text)
    path, error = _path(row.get("NAME"))
    if error is not None:
        return None, [Problem(row.line, error, raw, "error")]
    problems: list[Problem] = []

    def warn(message: str) -> None:
        problems.append(Problem(row.line, message, raw, "warning"))

    values = _text_values(row)
    values.update(_address_values(row, path, warn))
    values.update(_typed_values(row, is_customer=len(path) == 1, warn=warn))
    node = NodeIn(
        line=row.line,
        raw=raw,
        path=path,
        values=values,
        lists=_lists(row),
        contacts=_contacts(row),
        custom=_custom(row, labels),
        taxable=_yes_no(row.get("TAXABLE"), "TAXABLE", warn),
    )
    return node, problems


def _path(name: str) -> tuple[tuple[str, ...], str | None]:
    """The names of a ``Customer:Job:Sub-job`` path, or why it cannot be imported."""
    if not name:
        return (), "This line has no customer name (its “NAME” field is empty); it was skipped."
    parts = tuple(" ".join(part.split()) for part in name.split(":"))
    if not all(parts):
        return (), (
            f"The name {_show(name)} has an empty part between colons (QuickBooks writes "
            "Customer:Job:Sub-job); the line was skipped."
        )
    if len(parts) > MAX_DEPTH:
        return (), (
            f"The name {_show(name)} is {len(parts)} levels deep; customers and their jobs "
            f"go at most {MAX_DEPTH} levels deep, so the line was skipped."
        )
    for part in parts:
        if len(part) > NAME_LENGTH:
            return (), (
                f"The name {_show(part)} has {len(part)} characters, more than the "
                f"{NAME_LENGTH} a customer or job name may have; the line was skipped."
            )
    return parts, None


def _show(text: str, limit: int = 60) -> str:
    """Text quoted for a message, cut short when long."""
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


def _text_values(row: _Row) -> dict[str, object]:
    """The fields copied as text; NOTEPAD's written ``\\n`` made real line breaks."""
    values: dict[str, object] = {
        key: row.get(column) for column, key in _TEXT_COLUMNS.items() if row.get(column)
    }
    notepad = row.get("NOTEPAD").replace("\\n", "\n").strip()
    if notepad:
        values["notepad"] = notepad
    return values


def _address_values(row: _Row, path: tuple[str, ...], warn: _Warn) -> dict[str, object]:
    """``bill_to`` and ``work`` from the five free lines of each; a first line that
    repeats the customer's name, company or contact is not a street."""
    person = " ".join(filter(None, (row.get("FIRSTNAME"), row.get("LASTNAME"))))
    names = [path[0], row.get("COMPANYNAME"), person, row.get("CONT1")]
    values: dict[str, object] = {}
    for key, (prefix, label) in _ADDRESS_COLUMNS.items():
        lines = [row.get(f"{prefix}{number}") for number in range(1, 6)]
        parts, warnings = parse_address(lines, name=[name for name in names if name])
        if parts:
            values[key] = dict(parts)
        for message in warnings:
            warn(f"{label}: {message}")
    return values


def _typed_values(row: _Row, *, is_customer: bool, warn: _Warn) -> dict[str, object]:
    """The credit limit, job status, job dates and HIDDEN, each left out with a warning
    when it cannot be read."""
    values: dict[str, object] = {}
    limit = row.get("LIMIT")
    if limit:
        amount = _amount(limit)
        if amount is None:
            warn(
                f"The credit limit {_show(limit)} is not an amount like 5,000.00; it was left out."
            )
        else:
            values["credit_limit"] = amount
    status = _status(row.get("JOBSTATUS"), is_customer=is_customer, warn=warn)
    if status:
        values["status"] = status
    for column, (key, label) in _DATE_COLUMNS.items():
        day = _date_value(row.get(column), label, warn)
        if day is not None:
            values[key] = day
    if _yes_no(row.get("HIDDEN"), "HIDDEN", warn):
        values["is_active"] = False
    return values


def _amount(text: str) -> Decimal | None:
    """An amount as QuickBooks writes one ("3,000.00", "$500"), or None."""
    cleaned = text.replace("$", "").replace(",", "").replace(" ", "")
    return Decimal(cleaned) if _AMOUNT.fullmatch(cleaned) else None


def _status(text: str, *, is_customer: bool, warn: _Warn) -> str | None:
    """The job status, or None; "None" on a customer means nothing and is left out."""
    if not text:
        return None
    status = _STATUSES.get(" ".join(text.split()).casefold())
    if status is None:
        choices = ", ".join(JOB_STATUSES)
        warn(f"The job status {_show(text)} is not one of {choices}; it was left out.")
        return None
    return None if is_customer and status == JOB_STATUSES[0] else status


def _date_value(text: str, label: str, warn: _Warn) -> date | None:
    """A job date, None when empty or "0/0/0"; an unreadable one is warned of."""
    if not text:
        return None
    try:
        return _date(text)
    except ValueError:
        warn(
            f"The {label} {_show(text)} is not a real date (QuickBooks writes month/day/"
            "year); it was left out."
        )
        return None


def _date(text: str) -> date | None:
    """A date written M/D/YYYY, M/D/YY or YYYY-MM-DD; None for all zeros ("0/0/0").

    Raises ValueError for anything else, and for a date that does not exist.
    """
    iso = _ISO_DATE.fullmatch(text)
    us = _US_DATE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif us:
        month, day, year = (int(part) for part in us.groups())
        if not (month or day or year):
            return None
        if len(us[3]) == 2:
            year += 2000 if year < 70 else 1900
        elif len(us[3]) != 4:
            raise ValueError(text)
    else:
        raise ValueError(text)
    return date(year, month, day)


def _yes_no(text: str, column: str, warn: _Warn) -> bool | None:
    """Y/N as a bool; None when empty or unreadable (the latter warned of)."""
    if not text:
        return None
    upper = text.upper()
    if upper in _YES or upper in _NO:
        return upper in _YES
    warn(f"“{column}” should be Y or N, not {_show(text)}; it was left out.")
    return None


def _lists(row: _Row) -> dict[str, str]:
    """The list entries the line names: customer type, terms, tax code, job type, rep."""
    lists = {key: row.get(column) for column, key in _LIST_COLUMNS.items() if row.get(column)}
    rep = _rep_name(row.get("REP"))
    if rep:
        lists["sales_rep"] = rep
    return lists


def _rep_name(text: str) -> str:
    """The sales rep's name from "Name:type:initials" (newer exports), else the text."""
    parts = [part.strip() for part in text.split(":")]
    if len(parts) == 3 and parts[0] and parts[1].isdecimal():
        return parts[0]
    return text


def _contacts(row: _Row) -> tuple[ContactIn, ...]:
    """``CONT1`` and ``CONT2`` as contacts by name (the second dropped if the same)."""
    names: list[str] = []
    for column in ("CONT1", "CONT2"):
        name = " ".join(row.get(column).split())
        if name and name.casefold() not in (known.casefold() for known in names):
            names.append(name)
    return tuple(ContactIn(name=name) for name in names)


def _custom(row: _Row, labels: Mapping[int, str]) -> dict[str, str]:
    """The custom field values by label, non-empty ones only."""
    custom: dict[str, str] = {}
    for column, value in row.values.items():
        match = _CUSTOM_FIELD.fullmatch(column)
        if match:
            number = int(match[1])
            custom[labels.get(number, f"Custom {number}")] = value
    return custom
