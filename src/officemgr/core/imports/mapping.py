"""Which column of a table holds which field, and the table's rows as customers and jobs.

A CSV or Excel file names its columns as the program that wrote it chose ("Customer",
"E-mail", "Zip", "Billing Address City" …). `guess_mapping` proposes a `ColumnMapping`
from the header names, which the user corrects in the import dialog and may save
(`mapping_to_json`) to use again, on the command line with ``--mapping``. `rows_to_nodes`
then turns each row into a `NodeIn` — the neutral form every reader produces — with
text converted to the field's type: amounts, dates, yes/no, job statuses. A value that
cannot be converted is a warning and is left out (the row still imports); a row without
a name is an error (it cannot be found or created by name).

The targets are the keys of `TARGETS`; a custom field is ``custom:<Label>``. Our own
CSV export names its columns by these keys, so a file we wrote maps itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from officemgr.core.choices import JOB_STATUSES, MAX_DEPTH
from officemgr.core.imports.records import (
    LIST_REFERENCES,
    NODE_VALUES,
    ContactIn,
    NodeIn,
    ParsedFile,
    Problem,
    cut_raw,
)
from officemgr.core.imports.tables import Table, TableRow
from officemgr.core.validation.names import check_node_name
from officemgr.errors import ValidationError

__all__ = [
    "ADDRESSES",
    "ADDRESS_PARTS",
    "CUSTOM_PREFIX",
    "MAPPING_FORMAT",
    "MAPPING_VERSION",
    "TARGETS",
    "ColumnMapping",
    "guess_mapping",
    "is_target",
    "mapping_from_json",
    "mapping_to_json",
    "rows_to_nodes",
    "target_label",
]

CUSTOM_PREFIX = "custom:"  # "custom:Gate Code": the custom field labelled "Gate Code"
MAPPING_FORMAT = "officemgr-import-mapping"
MAPPING_VERSION = 1

ADDRESSES = {"bill_to": "Bill to", "work": "Work site"}
ADDRESS_PARTS = {
    "line1": "street",
    "line2": "street, line 2",
    "city": "city",
    "region": "state or province",
    "postal_code": "ZIP or postal code",
    "country": "country (two letters)",
}
_DATES = ("start_date", "projected_end_date", "completion_date")

# Every field a column can go to, with the label the import dialog shows for it.
TARGETS: Mapping[str, str] = MappingProxyType(
    {
        "name": "Name (customer or job)",
        "full_name": "Full name (Customer:Job)",
        "parent": "Parent (the customer or job it goes under)",
        "company_name": "Company name",
        "salutation": "Mr./Ms.",
        "first_name": "First name",
        "middle_initial": "M.I.",
        "last_name": "Last name",
        "phone": "Phone",
        "alt_phone": "Alt. phone",
        "cell": "Cell",
        "fax": "Fax",
        "email": "Email",
        "cc_email": "Cc email",
        "website": "Website",
        "account_number": "Account number",
        "resale_number": "Resale number",
        "notepad": "Notes",
        **{
            f"{kind}.{part}": f"{label}: {part_label}"
            for kind, label in ADDRESSES.items()
            for part, part_label in ADDRESS_PARTS.items()
        },
        "credit_limit": "Credit limit",
        "is_active": "Active (yes/no)",
        "inactive": "Inactive (yes = inactive)",
        "taxable": "Taxable (yes/no)",
        "customer_type": "Customer type",
        "terms": "Terms",
        "sales_rep": "Rep",
        "tax_code": "Tax code",
        "job_type": "Job type",
        "contact1": "Contact 1",
        "contact2": "Contact 2",
        "description": "Job description",
        "status": "Job status",
        "start_date": "Job start date",
        "projected_end_date": "Job projected end",
        "completion_date": "Job end date",
    }
)
_TEXT_VALUES = tuple(key for key, kind in NODE_VALUES.items() if kind is str and key != "status")


def is_target(target: str) -> bool:
    """Whether a column may go to ``target``: a key of `TARGETS` or ``custom:<Label>``."""
    if target.startswith(CUSTOM_PREFIX):
        return bool(target[len(CUSTOM_PREFIX) :].strip())
    return target in TARGETS


def target_label(target: str) -> str:
    """What the import dialog calls ``target`` ("Custom field: Gate Code" for a custom)."""
    if target.startswith(CUSTOM_PREFIX):
        return f"Custom field: {target[len(CUSTOM_PREFIX) :].strip()}"
    return TARGETS.get(target, target)


@dataclass(frozen=True)
class ColumnMapping:
    """Which field each column goes to, by the column's header (a column not named is
    not imported). The columns are kept read-only, so a mapping can be shared."""

    columns: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Copy the caller's dict, read-only: changing it later cannot change the mapping."""
        object.__setattr__(self, "columns", MappingProxyType(dict(self.columns)))


# ------------------------------------------------------------------------- guessing


def _key(header: str) -> str:
    """A header as compared: case-folded, letters and digits only ("E-mail" → "email")."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "customer", "customername", "displayname", "client", "clientname"),
    "full_name": ("fullname", "customerjob", "customerandjob", "customerjobname"),
    "parent": ("parent", "parentname", "parentcustomer", "subjobof", "customerofjob"),
    "company_name": ("company", "companyname", "business", "businessname", "organization"),
    "salutation": ("salutation", "mrms", "mrmsetc", "prefix"),
    "first_name": ("first", "firstname", "givenname", "forename"),
    "middle_initial": ("mi", "middle", "middleinitial", "middlename"),
    "last_name": ("last", "lastname", "surname", "familyname"),
    "phone": ("phone", "phonenumber", "telephone", "tel", "mainphone", "workphone"),
    "alt_phone": ("altphone", "alternatephone", "phone2", "otherphone", "homephone"),
    "cell": ("cell", "mobile", "cellphone", "mobilephone", "cellnumber", "mobilenumber"),
    "fax": ("fax", "faxnumber"),
    "email": ("email", "emailaddress", "mail", "mainemail"),
    "cc_email": ("cc", "ccemail", "emailcc"),
    "website": ("website", "web", "url", "webpage", "homepage"),
    "account_number": ("accountnumber", "account", "accountno", "acctno", "acct"),
    "resale_number": ("resalenumber", "resale", "resaleno"),
    "notepad": ("notes", "note", "notepad", "comments", "comment", "memo"),
    "credit_limit": ("creditlimit", "credit"),
    "is_active": ("active", "isactive", "activestatus"),
    "inactive": ("inactive", "isinactive", "hidden", "ishidden"),
    "taxable": ("taxable", "istaxable"),
    "customer_type": ("type", "customertype"),
    "terms": ("terms", "paymentterms"),
    "sales_rep": ("rep", "salesrep", "salesperson"),
    "tax_code": ("taxcode", "salestaxcode", "tax"),
    "job_type": ("jobtype",),
    "contact1": ("contact", "contact1", "contactname", "primarycontact"),
    "contact2": ("contact2", "altcontact", "alternatecontact", "secondarycontact"),
    "description": ("description", "jobdescription", "desc"),
    "status": ("status", "jobstatus"),
    "start_date": ("startdate", "start", "jobstartdate"),
    "projected_end_date": ("projectedend", "projectedenddate", "estimatedenddate"),
    "completion_date": ("enddate", "end", "completiondate", "completed", "datecompleted"),
}
_ADDRESS_PREFIXES = {
    "bill_to": ("billto", "billingaddress", "billing", "bill", "mailingaddress", "mailing"),
    "work": (
        "work",
        "workaddress",
        "worksite",
        "jobsite",
        "jobaddress",
        "site",
        "siteaddress",
        "serviceaddress",
        "shipto",
        "shippingaddress",
        "shipping",
    ),
}
_ADDRESS_WORDS = {
    "line1": ("1", "line1", "address", "address1", "addressline1", "street", "street1"),
    "line2": ("2", "line2", "address2", "addressline2", "street2", "suite", "apt"),
    "city": ("city", "town", "addresscity"),
    "region": ("state", "province", "region", "stateprovince", "addressstate"),
    "postal_code": ("zip", "zipcode", "postalcode", "postcode", "zippostalcode", "addresszip"),
    "country": ("country", "addresscountry", "countrycode"),
}


def _synonym_table() -> dict[str, str]:
    """Normalized header → target: the synonyms, the address names with and without a
    prefix (no prefix: the bill-to address), the labels the dialog shows, and every
    target's own key (our export's column names), which win."""
    table: dict[str, str] = {}
    for part, words in _ADDRESS_WORDS.items():
        for word in words:
            table.setdefault(word, f"bill_to.{part}")
            for kind, prefixes in _ADDRESS_PREFIXES.items():
                for prefix in prefixes:
                    table.setdefault(prefix + word, f"{kind}.{part}")
    for target, words in _SYNONYMS.items():
        for word in words:
            table[word] = target
    for target, label in TARGETS.items():
        table.setdefault(_key(label), target)  # a header that is one of our labels
    for target in TARGETS:
        table[_key(target)] = target
    return table


_GUESSES = _synonym_table()
_JOB_HEADERS = ("job", "jobname")
_CUSTOMER_HEADERS = ("customer", "customername", "client", "clientname")


def _guess_one(header: str, jobs_listed: bool) -> str | None:
    """The target ``header`` suggests, or None. With a job column next to it
    (``jobs_listed``), a customer column names the job's parent and the job column the
    node: "Customer: Smith, Job: Kitchen" is the job Smith:Kitchen."""
    text = header.strip()
    if text.casefold().startswith(CUSTOM_PREFIX):
        label = text[len(CUSTOM_PREFIX) :].strip()
        return CUSTOM_PREFIX + label if label else None
    key = _key(text)
    if jobs_listed and key in _JOB_HEADERS:
        return "name"
    if jobs_listed and key in _CUSTOMER_HEADERS:
        return "parent"
    if key in _JOB_HEADERS:
        return "name"
    return _GUESSES.get(key)


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """The mapping the header names suggest, case, space and punctuation ignored. Each
    target goes to the first column that suggests it; a header that suggests nothing, or
    a target already taken, is left unmapped for the user to choose."""
    keys = {_key(header) for header in headers}
    jobs_listed = bool(keys & set(_JOB_HEADERS)) and bool(keys & set(_CUSTOMER_HEADERS))
    columns: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        target = _guess_one(header, jobs_listed)
        if target is not None and target not in taken and header not in columns:
            columns[header] = target
            taken.add(target)
    return ColumnMapping(columns)


# ----------------------------------------------------------------------- save, load


def mapping_to_json(mapping: ColumnMapping) -> str:
    """``mapping`` as the small versioned JSON document a user saves and ``--mapping``
    reads back."""
    document = {
        "version": MAPPING_VERSION,
        "format": MAPPING_FORMAT,
        "columns": dict(mapping.columns),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def mapping_from_json(text: str) -> ColumnMapping:
    """The mapping saved by `mapping_to_json`. Raises ValueError, with one sentence for
    the user, when ``text`` is not such a document or names a field we do not import."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"The mapping is not valid JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno})."
        ) from None
    except RecursionError:
        raise ValueError("The mapping is not valid JSON (it is nested too deeply).") from None
    if not isinstance(document, dict) or document.get("format") != MAPPING_FORMAT:
        raise ValueError(
            f"This is not an OfficeMgr import mapping: it lacks “format”: “{MAPPING_FORMAT}”."
        )
    version = document.get("version")
    if type(version) is not int or version != MAPPING_VERSION:
        raise ValueError(
            f"This import mapping has version {cut_raw(repr(version))}; this OfficeMgr reads "
            f"version {MAPPING_VERSION}."
        )
    columns = document.get("columns")
    if not isinstance(columns, dict):
        raise ValueError("The mapping has no “columns” object naming a field for each column.")
    for header, target in columns.items():
        if not isinstance(target, str) or not is_target(target):
            raise ValueError(
                f"The mapping sends column “{cut_raw(header)}” to "
                f"“{cut_raw(str(target))}”, which is not a field OfficeMgr imports."
            )
    return ColumnMapping(columns)


# ------------------------------------------------------------------- rows to nodes


def rows_to_nodes(table: Table, mapping: ColumnMapping) -> ParsedFile:
    """Each row of ``table`` as a customer or job, by ``mapping``. The table's problems
    come along; a row without a usable name is an error, a value that cannot be read a
    warning. Columns the mapping names but the table lacks are ignored (a saved mapping
    fits files with fewer columns); a mapping to an unknown field is a line-0 warning."""
    problems = list(table.problems)
    plan = _plan(table, mapping, problems)
    orders = {target: _day_order(table, [i for i, t in plan if t == target]) for target in _DATES}
    nodes: list[NodeIn] = []
    for row in table.rows:
        texts = _texts(row, plan)
        path = _node_path(texts)
        if isinstance(path, str):
            problems.append(Problem(row.line, path, cut_raw(row.raw)))
            continue
        warnings: list[str] = []
        node = NodeIn(
            line=row.line,
            raw=row.raw,
            path=path,
            values=_values(texts, orders, warnings),
            lists={key: texts[key] for key in LIST_REFERENCES if key in texts},
            contacts=tuple(ContactIn(texts[k]) for k in ("contact1", "contact2") if k in texts),
            custom={
                t[len(CUSTOM_PREFIX) :].strip(): v
                for t, v in texts.items()
                if t.startswith(CUSTOM_PREFIX)
            },
            taxable=_taxable(texts.get("taxable"), warnings),
        )
        nodes.append(node)
        problems += [Problem(row.line, w, cut_raw(row.raw), "warning") for w in warnings]
    problems.sort(key=lambda problem: problem.line)
    return ParsedFile(format=table.format, nodes=tuple(nodes), problems=tuple(problems))


def _plan(table: Table, mapping: ColumnMapping, problems: list[Problem]) -> list[tuple[int, str]]:
    """(column index, target) for each mapped column the table has, in column order."""
    index: dict[str, int] = {}
    for number, header in enumerate(table.headers):
        index.setdefault(header, number)
    plan: list[tuple[int, str]] = []
    for header, target in mapping.columns.items():
        if not is_target(target):
            message = (
                f"Column “{cut_raw(header)}” goes to “{cut_raw(target)}”, which is not a field: "
                "it is ignored."
            )
            problems.append(Problem(0, message, severity="warning"))
        elif header in index:
            plan.append((index[header], target))
    return sorted(plan)


def _texts(row: TableRow, plan: list[tuple[int, str]]) -> dict[str, str]:
    """Target → the row's trimmed text, empty cells left out; when two columns go to one
    target, the first that is not empty."""
    texts: dict[str, str] = {}
    for number, target in plan:
        text = row.cells[number].strip() if number < len(row.cells) else ""
        if text and target not in texts:
            texts[target] = text
    return texts


def _node_path(texts: Mapping[str, str]) -> tuple[str, ...] | str:
    """The node's path, or why there is none. Full name first; else the name under the
    parent (a name with ":" is a path itself; no name but a parent: the parent itself);
    else the person's "Last, First", or the company's name."""
    if "full_name" in texts:
        source, parts = texts["full_name"], texts["full_name"].split(":")
    elif "name" in texts or "parent" in texts:
        parent, name = texts.get("parent"), texts.get("name")
        source = ":".join(text for text in (parent, name) if text)
        parts = source.split(":")
    else:
        first, last = texts.get("first_name"), texts.get("last_name")
        person = f"{last}, {first}" if first and last else (last or first)
        source = person or texts.get("company_name") or ""
        if not source:
            return "This row has no name: fill in the column of names, or map one to Name."
        parts = [source]
    return _checked_path(source, parts)


def _checked_path(source: str, parts: list[str]) -> tuple[str, ...] | str:
    """``parts`` as names the company file accepts, or what is wrong with them."""
    if len(parts) > MAX_DEPTH:
        return (
            f"“{cut_raw(source)}” has {len(parts)} levels; a customer can have jobs "
            f"{MAX_DEPTH - 1} levels deep at most."
        )
    names: list[str] = []
    for part in parts:
        if not part.strip():
            return f"“{cut_raw(source)}” has an empty name (a “:” at an end, or two together)."
        try:
            names.append(check_node_name(part))
        except ValidationError as error:
            return f"“{cut_raw(part)}”: {error.message}"
    return tuple(names)


def _values(
    texts: Mapping[str, str], orders: Mapping[str, str], warnings: list[str]
) -> dict[str, object]:
    """The `NODE_VALUES` of a row, converted; what cannot be is warned of and left out."""
    values: dict[str, object] = {key: texts[key] for key in _TEXT_VALUES if key in texts}
    for kind in ADDRESSES:
        parts = {
            part: texts[f"{kind}.{part}"] for part in ADDRESS_PARTS if f"{kind}.{part}" in texts
        }
        if "country" in parts:
            country = _country(parts.pop("country"), warnings)
            if country is not None:
                parts["country"] = country
        if parts:
            values[kind] = parts
    if "credit_limit" in texts:
        amount = _money(texts["credit_limit"])
        if amount is None:
            warnings.append(
                f"Credit limit “{cut_raw(texts['credit_limit'])}” is not an amount such as "
                "1,234.50: it is left out."
            )
        else:
            values["credit_limit"] = amount
    active = _activity(texts, warnings)
    if active is not None:
        values["is_active"] = active
    if "status" in texts:
        status = _status(texts["status"])
        if status is None:
            shown = ", ".join(JOB_STATUSES)
            warnings.append(
                f"Job status “{cut_raw(texts['status'])}” is not one of {shown}: it is left out."
            )
        else:
            values["status"] = status
    for key in _DATES:
        if key in texts:
            when = _date(texts[key], orders[key], TARGETS[key], warnings)
            if when is not None:
                values[key] = when
    return values


# -------------------------------------------------------------------- conversions

_YES = frozenset({"yes", "y", "true", "t", "1", "x", "on", "checked"})
_NO = frozenset({"no", "n", "false", "f", "0", "off", "unchecked"})
_ACTIVITY = {"active": True, "inactive": False, "hidden": False}


def _yes_no(label: str, text: str | None, warnings: list[str]) -> bool | None:
    """Yes/no text as a bool; None for no text, or with a warning for something else."""
    if text is None:
        return None
    word = text.strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    warnings.append(f"{label} “{cut_raw(text)}” is neither yes nor no: it is left out.")
    return None


_TAX_WORDS = {"tax": True, "taxable": True, "non": False, "nontaxable": False}


def _taxable(text: str | None, warnings: list[str]) -> bool | None:
    """Whether sales tax applies: yes/no, or QuickBooks' tax codes "Tax" and "Non"."""
    if text is not None and _key(text) in _TAX_WORDS:
        return _TAX_WORDS[_key(text)]
    return _yes_no("Taxable", text, warnings)


def _activity(texts: Mapping[str, str], warnings: list[str]) -> bool | None:
    """Whether the node is active, from an Active column (yes: active) or an Inactive or
    Hidden one (yes: inactive); "Active"/"Inactive" written out mean what they say."""
    for target, label, active_when_yes in (
        ("is_active", "Active", True),
        ("inactive", "Inactive", False),
    ):
        text = texts.get(target)
        if text is None:
            continue
        word = text.strip().casefold()
        if word in _ACTIVITY:
            return _ACTIVITY[word]
        said = _yes_no(label, text, warnings)
        if said is not None:
            return said if active_when_yes else not said
    return None


_STATUSES = {_key(status): status for status in JOB_STATUSES}


def _status(text: str) -> str | None:
    """A job status as `JOB_STATUSES` spells it ("in progress" → "In Progress")."""
    return _STATUSES.get(_key(text))


_COUNTRIES = {
    "usa": "US",
    "unitedstates": "US",
    "unitedstatesofamerica": "US",
    "canada": "CA",
    "mexico": "MX",
    "unitedkingdom": "GB",
    "uk": "GB",
    "greatbritain": "GB",
}


def _country(text: str, warnings: list[str]) -> str | None:
    """A two-letter country code ("us" → "US"; a few country names too), or a warning."""
    if len(text) == 2 and text.isascii() and text.isalpha():
        return text.upper()
    code = _COUNTRIES.get(_key(text))
    if code is None:
        warnings.append(
            f"Country “{cut_raw(text)}” is not a two-letter country code such as US: "
            "it is left out."
        )
    return code


_DOT_DECIMAL = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_COMMA_DECIMAL = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+,\d{1,2}")


def _money(text: str) -> Decimal | None:
    """An amount of dollars and cents: "$1,234.50", "1234.5", or with a decimal comma
    where it cannot be a thousands separator ("1.234,50", "12,5"); "1,500" is 1500.
    None for anything else, a negative amount or more than two decimals."""
    plain = text.strip().strip("$€£").replace("\u00a0", "").replace(" ", "")
    if _DOT_DECIMAL.fullmatch(plain):
        plain = plain.replace(",", "")
    elif _COMMA_DECIMAL.fullmatch(plain):
        plain = plain.replace(".", "").replace(",", ".")
    else:
        return None
    try:
        amount = Decimal(plain)
    except InvalidOperation:
        return None
    exponent = amount.as_tuple().exponent
    return amount if isinstance(exponent, int) and exponent >= -2 else None


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_YMD = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})")


def _day_order(table: Table, columns: Sequence[int]) -> str:
    """How a date column writes D/M dates: "mdy" (US), "dmy" when some dates can only be
    day first and none only month first, "mixed" when both occur (then a date that reads
    both ways is ambiguous and left out)."""
    day_first = month_first = False
    for row in table.rows:
        for number in columns:
            match = (
                _SLASHED.fullmatch(row.cells[number].strip()) if number < len(row.cells) else None
            )
            if match is not None:
                first, second = int(match.group(1)), int(match.group(2))
                day_first |= first > 12 >= second
                month_first |= second > 12 >= first
    if day_first and month_first:
        return "mixed"
    return "dmy" if day_first else "mdy"


def _date(text: str, order: str, label: str, warnings: list[str]) -> date | None:
    """A date from ISO "2025-03-04", "2025/03/04", "3/4/2025" (in the column's `_day_order`)
    or "4.3.2025" (day first); a two-digit year is 20YY below 70, else 19YY."""
    text = text.strip()
    parts: tuple[int, int, int] | None = None
    if match := _ISO.fullmatch(text) or _YMD.fullmatch(text):
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    elif match := _SLASHED.fullmatch(text):
        first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3))
        if order == "mixed" and first != second and first <= 12 and second <= 12:
            warnings.append(
                f"{label} “{cut_raw(text)}” could be day/month or month/day (the column has "
                "both): it is left out."
            )
            return None
        day_first = order == "dmy" or (order == "mixed" and first > 12)
        parts = (year, second, first) if day_first else (year, first, second)
    elif match := _DOTTED.fullmatch(text):
        parts = (_year(match.group(3)), int(match.group(2)), int(match.group(1)))
    if parts is not None:
        try:
            return date(*parts)
        except ValueError:
            pass
    warnings.append(f"{label} “{cut_raw(text)}” is not a date such as 2025-03-31: it is left out.")
    return None


def _year(text: str) -> int:
    """A year as written: "25" is 2025 and "85" 1985 (jobs are recent, people older)."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year
