"""Demo data: a made-up service company with realistic customers, jobs, logs and money.

``generate`` fills an empty company file (inside the caller's transaction) with office
settings, employees, the office lists and as many customers as asked, each with jobs,
contacts, phones, emails, a contact log, invoices and payments, with their stored
balances and their search index. The same ``seed``, ``customers`` and ``today`` always
give the same rows: all randomness comes from one ``random.Random(seed)`` and every
timestamp is derived from ``today``, never from the clock.

Speed matters (100,000 customers make about 3.5 million rows and 4 million search terms),
so rows are built as tuples in the form the database stores them (money in integer cents,
quantities in 1/10,000 units, timestamps as SQLAlchemy's SQLite text), primary keys
assigned here, and written with ``executemany`` in large statements, on SQLite by a
second thread while the next batch is made (`bulk.WriteBehind`). The balances and the
search index come from the rows as they are made, not from reading them back; the
secondary indexes are built once, after the rows. On a database other than SQLite the
same rows are converted back to Python values and written with Core ``insert()``, which
applies the column types.

The word lists live in ``resources/sample/*.txt``; everything in them is made up. Phone
numbers use the fictional 555 area code.
"""

from __future__ import annotations

import json
import random
import sqlite3
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from string import Formatter
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    Integer,
    MetaData,
    Table,
    Text,
    func,
    insert,
    select,
    update,
)

from officemgr.core import demo_data as data
from officemgr.core import keys, models, search
from officemgr.core.bulk import Statement, WriteBehind, bulk_writing
from officemgr.core.models import CONTACT_METHODS, ESTIMATE_TYPES
from officemgr.core.types import ScaledDecimal, UTCDateTime

__all__ = ["DemoSummary", "generate"]

ProgressFn = Callable[[int, int], None]
Row = tuple[Any, ...]
_Address = tuple[str, str | None, str, str, str]  # line 1, line 2, city, region, postal code
_Line = tuple[str, int, int, int]  # description, quantity (1/10,000), rate (cents), taxable
RATE_SCALE = 100  # rates are stored in 1/10,000 of the currency; the demo prices in cents

CHUNK = 1000  # customers generated and written per batch (one progress call each)
DAY = 86_400
HISTORY_DAYS = 12 * 366  # the oldest timestamp the demo uses, before ``today``
FUTURE_DAYS = 1_000  # the latest date the demo uses, after ``today``
LOG_DAYS = 730  # contact-log entries spread over the two years before ``today``
BOOKS_DAYS = 3 * 365  # the office started keeping its books here this long ago
FIRST_INVOICE_NUMBER = 1001
AREA_CODE = "555"
# bound parameters per statement: see _variables
_MIN_VARIABLES = 999  # what every SQLite takes
_MAX_VARIABLES = 32_766
NULL = float("nan")  # what SQLite stores as NULL; see _Rows


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind ``generate`` wrote (plus a few customer counts)."""

    office_settings: int
    employees: int
    list_items: int
    terms: int
    tax_codes: int
    job_types: int
    payment_methods: int
    custom_field_defs: int
    customers: int
    jobs: int
    addresses: int
    contacts: int
    phones: int
    emails: int
    custom_field_values: int
    popup_notes: int
    popup_acknowledgements: int
    job_info: int
    job_service_lines: int
    job_stops: int
    job_inventory_items: int
    job_figure_lines: int
    invoices: int
    invoice_lines: int
    payments: int
    payment_applications: int
    contact_log_entries: int
    contact_log_revisions: int
    prospects: int
    inactive_customers: int
    credit_holds: int

    @property
    def rows(self) -> int:
        """Every row written (the customer counts at the end are not rows of their own)."""
        skip = {"prospects", "inactive_customers", "credit_holds"}
        return sum(v for k, v in vars(self).items() if k not in skip)


# ------------------------------------------------------------------------ text helpers

_FOLD = str.maketrans({"ø": "o", "ß": "ss", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=65_536)
def _ascii_fold(text: str) -> str:
    """Lower-case ASCII letters and digits of a Latin name ("" for other scripts)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def _money_text(cents: int) -> str:
    return f"${cents // 100:,}.{cents % 100:02d}"


def _times(quantity: int, rate: int) -> int:
    """Amount in cents of ``quantity`` (1/10,000 units) at ``rate`` cents, half-up."""
    product = quantity * rate
    sign = -1 if product < 0 else 1
    return sign * ((abs(product) + 5_000) // 10_000)


def _tax(taxable: int, rate: int) -> int:
    """Tax in cents on an exact taxable base (Σ quantity × rate: 1/10,000 of a cent) at
    ``rate`` percent (in 1/10,000 units), rounded half-up once, as invoices are taxed."""
    return (taxable * rate + 5 * 10**9) // 10**10


def _scaled(value: str, places: int) -> int:
    return int(Decimal(value).scaleb(places))


# ------------------------------------------------------------------------ row writers


class _Rows:
    """Rows of one table in storage form: the generator appends them to ``rows``;
    `statements` (SQLite) or `write_core` (elsewhere) takes those made since the last call.

    On SQLite the rows go to the driver in the shape it binds fastest: many rows per
    statement (a CHECK with an ``IN`` list builds its lookup table once per statement, not
    once per row; fewer, larger statements cost less) and NULL passed as a float NaN,
    which SQLite stores as NULL (``sqlite3VdbeMemSetDouble``); the ``sqlite3`` module
    binds ``None`` itself only after a slow adapter lookup, and most rows here carry many
    NULLs.
    """

    def __init__(
        self, table: Table, columns: str, *, variables: int, nan_for_null: bool = False
    ) -> None:
        """``variables``: bound parameters per statement. ``nan_for_null``: the
        generator already puts ``NULL`` (NaN) in its rows."""
        self.table = table
        self.columns = columns.split()
        for column in self.columns:
            table.c[column]  # a misspelt column fails here, not in SQL
        self._map_nulls = not nan_for_null and any(table.c[c].nullable for c in self.columns)
        self.rows: list[Row] = []
        self.count = 0
        self._held: list[Row] = []  # rows kept back for a later statement
        names = ", ".join(f'"{c}"' for c in self.columns)
        one = "(" + ", ".join("?" * len(self.columns)) + ")"
        self._per = max(1, variables // len(self.columns))
        self._insert_many = f'INSERT INTO "{table.name}" ({names}) VALUES ' + ", ".join(
            [one] * self._per
        )
        self._insert_one = f'INSERT INTO "{table.name}" ({names}) VALUES {one}'

    def statements(self, *, hold_back: bool = False) -> list[Statement]:
        """The SQLite statements that write the rows made since the last call (from now
        on counted as written), after any held back before.

        ``hold_back``: keep the last rows that would not fill a whole statement for a
        later call (the rest of a batch would otherwise go one row per statement, up to
        thousands of them). Only where foreign keys are not enforced: a row held back
        may be the parent of one written now.
        """
        self.count += len(self.rows)
        rows, self.rows, self._held = self._held + self.rows, [], []
        whole = len(rows) - len(rows) % self._per
        rest = rows[whole:]
        out: list[Statement] = []
        if whole:
            out.append((self._insert_many, self._many(rows, whole)))
        if hold_back:
            self._held = rest
        elif rest:
            if self._map_nulls:
                rest = [tuple([NULL if v is None else v for v in row]) for row in rest]
            out.append((self._insert_one, rest))
        return out

    def write_core(self, conn: Connection) -> None:
        """Write the rows made since the last call with Core ``insert()`` (not SQLite)."""
        self.count += len(self.rows)
        rows, self.rows = self.rows, []
        if rows:
            conn.execute(insert(self.table), self._as_python(rows))

    def _many(self, rows: list[Row], whole: int) -> list[Row]:
        """The parameters of the first ``whole`` rows, ``_per`` rows to a statement."""
        per = self._per
        if self._map_nulls:
            return [
                tuple([NULL if v is None else v for row in rows[i : i + per] for v in row])
                for i in range(0, whole, per)
            ]
        return [tuple(chain.from_iterable(rows[i : i + per])) for i in range(0, whole, per)]

    def _as_python(self, rows: list[Row]) -> list[dict[str, Any]]:
        """The rows as Python values, for Core ``insert()`` and the column types."""
        converters = [_to_python(self.table.c[c].type) for c in self.columns]
        return [
            {
                c: (None if v is None or v != v else conv(v))  # NaN: NULL, see _Rows
                for c, conv, v in zip(self.columns, converters, row, strict=True)
            }
            for row in rows
        ]


def _fast_path(conn: Connection) -> bool:
    """Rows go straight to the driver (SQLite's ``?`` parameters); else through Core."""
    return conn.dialect.name == "sqlite" and conn.dialect.paramstyle == "qmark"


def _variables(conn: Connection) -> int:
    """Bound parameters per statement: as many as the driver's SQLite takes, up to
    `_MAX_VARIABLES` (999 before SQLite 3.32, 32,766 since, unless built otherwise)."""
    driver = conn.connection.driver_connection
    getlimit = getattr(driver, "getlimit", None)  # Python 3.11's sqlite3 has it
    if not _fast_path(conn) or getlimit is None:
        return _MIN_VARIABLES
    return min(_MAX_VARIABLES, getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


def _foreign_keys_enforced(conn: Connection) -> bool:
    """Whether a row must come after the rows it refers to (see `_Rows.statements`)."""
    if conn.dialect.name != "sqlite":
        return True
    return bool(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())


def _parts(parts: dict[int, tuple[list[Any], ...]], node: int) -> tuple[list[Any], ...]:
    """``parts[node]``, made empty first if need be (see `_Generator.search_texts`)."""
    found = parts.get(node)
    if found is None:
        found = parts[node] = ([], [], [], [], [], [])
    return found


def _by_owner_or_contact(
    parts: dict[int, tuple[list[Any], ...]], owner_of: dict[int, int], row: Row, own: int
) -> list[Any]:
    """The list a phone or e-mail row (id, owner, contact, …) goes to: its node's own
    (``parts[node][own]``) or, for a contact's, the one after it."""
    if row[1] is not None:
        return _parts(parts, row[1])[own]
    return _parts(parts, owner_of[row[2]])[own + 1]


def _to_python(column_type: Any) -> Callable[[Any], Any]:
    if isinstance(column_type, ScaledDecimal):
        places = column_type.places
        return lambda v: Decimal(v).scaleb(-places)
    if isinstance(column_type, UTCDateTime):
        return lambda v: datetime.fromisoformat(v).replace(tzinfo=UTC)
    if isinstance(column_type, Date):
        return date.fromisoformat
    if isinstance(column_type, Boolean):
        return bool
    return lambda v: v


_VERSIONED = "created_at updated_at version"
_NODE_COLUMNS = (
    "id parent_id customer_id depth name full_name full_name_key sort_key is_active "
    "is_prospect company_name salutation first_name middle_initial last_name pronounced "
    "website alt_contact_name preferred_contact work_same_as_bill_to customer_type_id "
    "terms_id sales_rep_id inside_rep_id department_id marketing_source_id tax_code_id "
    "price_level_id resale_number notepad account_number ar_account credit_limit "
    "opening_balance opening_balance_date payment_method_id card_holder card_brand "
    "card_last4 card_exp_month card_exp_year billing_postal_code is_debit_card "
    "credit_hold credit_hold_reason credit_hold_at credit_hold_by balance balance_total"
)


# where the node rows hold balance and balance_total (see _NODE_COLUMNS)
_NODE_BALANCE = _NODE_COLUMNS.split().index("balance")


def _writers(variables: int) -> dict[str, _Rows]:
    t = models.Base.metadata.tables
    spec = {
        "customers": _NODE_COLUMNS,
        "jobs": _NODE_COLUMNS,
        "addresses": "id owner_id kind line1 line2 city region postal_code country",
        "contacts": "id owner_id name role notes is_primary position",
        "phones": (
            "id owner_id contact_id kind position as_typed extension e164 digits_key is_valid"
        ),
        "emails": "id owner_id contact_id kind position address normalized is_valid",
        "custom_field_values": "node_id field_id value",
        "popup_notes": (
            "id owner_id text on_open on_caller_id on_new_job on_billing only_when_overdue "
            "active_from active_until is_active"
        ),
        "popup_acknowledgements": "id note_id node_id acknowledged_at employee_name",
        "job_info": (
            "job_id title job_type_id status foreman_id start_date projected_end_date "
            "completion_date projected_total description details estimate_type"
        ),
        "job_service_lines": "id job_id position service quantity unit rate notes",
        "job_stops": (
            "id job_id position kind line1 line2 city region postal_code country floor stairs "
            "has_elevator parking_distance notes"
        ),
        "job_inventory_items": (
            "id job_id position room item quantity cubic_feet weight special_handling notes"
        ),
        "job_figure_lines": "id job_id phase position description quantity rate amount",
        "invoices": (
            "id number node_id customer_id invoice_date due_date terms_id tax_code_id "
            "tax_rate_percent memo subtotal tax total amount_paid status void_reason voided_at "
            "voided_by"
        ),
        "invoice_lines": "id invoice_id position description quantity rate amount is_taxable",
        "payments": (
            "id customer_id node_id received_on amount payment_method_id reference memo is_void "
            "void_reason voided_at voided_by"
        ),
        "payment_applications": "id payment_id invoice_id amount",
        "contact_log_entries": (
            "id node_id customer_id at kind contact_id contact_name subject details follow_up_on "
            "employee_id employee_name is_system"
        ),
        "contact_log_revisions": "id entry_id changed_at changed_by previous",
    }
    unversioned = {"popup_acknowledgements", "contact_log_revisions"}
    out = {}
    for name, columns in spec.items():  # in foreign-key order: parents first
        table = t["customer_jobs" if name in ("customers", "jobs") else name]
        extra = "created_at updated_at" if name in unversioned else _VERSIONED
        nan = name == "contact_log_entries"
        out[name] = _Rows(table, f"{columns} {extra}", variables=variables, nan_for_null=nan)
    return out


def _search_writers(variables: int) -> tuple[_Rows, _Rows]:
    """The quick filter's two structures (see `search`): its terms and its FTS5 text."""
    text = Table(
        search.FTS_TABLE,
        MetaData(),  # not a model: SQLite makes it from the migration's CREATE VIRTUAL TABLE
        Column("rowid", Integer, primary_key=True),
        Column("body", Text, nullable=False),
    )
    terms = models.Base.metadata.tables["search_terms"]
    return (
        _Rows(terms, "term node_id", variables=variables),
        _Rows(text, "rowid body", variables=variables),
    )


# ------------------------------------------------------------------------- the clock


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class _Clock:
    """Timestamps as integer seconds since ``today`` minus ``HISTORY_DAYS``, and their text.

    Dates are day numbers on the same scale. Text is what SQLAlchemy's SQLite types store
    (``2024-05-01 13:45:00.000000`` and ``2024-05-01``), built from tables, since millions
    of ``strftime`` calls would be slow.
    """

    def __init__(self, today: date) -> None:
        self.base = today - timedelta(days=HISTORY_DAYS)
        self.today = HISTORY_DAYS  # day number of ``today``
        self.now = HISTORY_DAYS * DAY + 21 * 3600  # generation time: today, 21:00 UTC
        days = [self.base + timedelta(days=d) for d in range(HISTORY_DAYS + FUTURE_DAYS + 1)]
        self.dates = [d.isoformat() for d in days]
        # "Tue 3/14" for the log's texts, in English whatever the locale
        self.short = [f"{_DAY_NAMES[d.weekday()]} {d.month}/{d.day}" for d in days]
        self.times = [
            f" {h:02d}:{m:02d}:{s:02d}.000000"
            for h in range(24)
            for m in range(60)
            for s in range(60)
        ]

    def ts(self, t: int) -> str:
        return self.dates[t // DAY] + self.times[t % DAY]

    def clamp_day(self, day: int) -> int:
        return max(0, min(day, HISTORY_DAYS + FUTURE_DAYS))


# ------------------------------------------------------------------------- generator


@dataclass(slots=True)
class _Person:
    given: str
    family: str
    female: bool
    culture: str

    @property
    def file_as(self) -> str:
        """The customer-name form: "Family, Given" ("王伟" for names written family first)."""
        if self.culture in data.FAMILY_FIRST:
            return self.family + self.given
        return f"{self.family}, {self.given}"

    @property
    def natural(self) -> str:
        if self.culture in data.FAMILY_FIRST:
            return self.family + self.given
        return f"{self.given} {self.family}"


@dataclass(slots=True)
class _Node:
    """What the generator remembers about a node while it builds its customer."""

    id: int
    full_name: str
    depth: int
    name: str
    created: int  # seconds
    status: str | None = None
    job_type: str | None = None
    start: int | None = None  # day numbers
    end: int | None = None
    lines: list[_Line] | None = None  # planned invoice lines


class _Context(NamedTuple):
    """What the jobs of a customer take from it."""

    person: _Person
    bill: _Address
    work_addr: _Address | None
    ctype: str
    inactive: bool
    prospect: bool
    # copied into every new job: company, salutation, preferred contact, customer type,
    # terms, sales rep, tax code, price level
    copied: tuple[Any, ...]


class _Generator:
    def __init__(self, conn: Connection, customers: int, seed: int, today: date) -> None:
        self.conn = conn
        self.customers = customers
        self.rng = random.Random(seed)
        self.rnd = self.rng.random
        self.clock = _Clock(today)
        self.today = today
        variables = _variables(conn)
        self.w = _writers(variables)
        self.search_rows = _search_writers(variables)
        self.hold_back = False  # see _Rows.statements
        self.owed: dict[int, int] = {}  # the current customer's nodes: see settle
        self.taken_keys: set[str] = set()
        self.cultures, self.culture_cum = data.cultures()
        self.culture_by_name = {c.name: c for c in self.cultures}
        self.payment_method_cum = data.cumulative([10, 40, 22, 12, 5, 3, 8])
        self.preferred_method_cum = data.cumulative([12, 30, 20, 12, 5, 4, 10])
        self.pron = dict(data.pairs("pronunciations"))
        self.cities = [tuple(c.split("|")) for c in data.words("cities")]
        self.home_region = self.cities[0][1]
        self.local_cities = [c for c in self.cities if c[1] == self.home_region]
        self.other_cities = [c for c in self.cities if c[1] != self.home_region]
        self.streets = data.words("streets")
        self.street_types = data.words("street_types")
        self.biz_prefixes = data.words("business_prefixes")
        self.biz_kinds = data.words("business_kinds")
        self.biz_suffixes = data.words("business_suffixes")
        self.handles = data.words("handles")
        self.symptoms = data.words("symptoms")
        self.popup_texts = data.words("popup_notes")
        self.status_names = [s for s, _ in data.JOB_STATUS_WEIGHTS]
        self.status_cum = data.cumulative([w for _, w in data.JOB_STATUS_WEIGHTS])
        leaves = [(k, v) for k, v in data.JOB_TYPES.items() if v[0] > 0]
        self.type_names = [k for k, _ in leaves]
        self.type_cum = data.cumulative([v[0] for _, v in leaves])
        self.counts = {"prospects": 0, "inactive": 0, "holds": 0}
        self.index = 0  # customers generated so far
        self.summary_lists: dict[str, int] = {}
        self.phone_offset = self.rng.randrange(data.PHONE_SPACE)
        self.phone_next = 0

    # ---------------------------------------------------------------- setup

    def _load_templates(self) -> None:
        """Log templates for customers ("c"), service jobs ("s") and moves ("m").

        In the file a template's scope is one of those, "j" (any job) or "*" (customers
        and service jobs). Each: (kind, subject, details, the placeholders used, the
        employees who write it, is-system flag), with cumulative weights per scope.
        """
        pools = {"Visit": self.active_foremen, "Letter": self.office_staff}
        by_scope: dict[str, list[tuple[Any, ...]]] = {"c": [], "s": [], "m": []}
        targets = {"c": "c", "s": "s", "m": "m", "j": "sm", "*": "cs"}
        for entry in data.words("log_templates"):
            kind, scope, subject, details = entry.split("|", 3)
            if kind not in models.LOG_KINDS:
                raise ValueError(f"log template of unknown kind {kind!r}")
            needs = tuple(
                dict.fromkeys(
                    field
                    for text in (subject, details)
                    for _, field, _, _ in Formatter().parse(text)
                    if field
                )
            )
            unknown = set(needs) - data.PLACEHOLDERS
            if unknown:
                raise ValueError(f"log template with unknown placeholders {sorted(unknown)}")
            template = (
                kind,
                subject,
                details,
                needs,
                pools.get(kind, self.dispatchers),
                1 if kind == "System" else 0,
            )
            for target in targets[scope]:
                by_scope[target].append(template)
        self.templates: dict[str, tuple[list[tuple[Any, ...]], list[float]]] = {}
        for scope, templates in by_scope.items():
            per_kind: dict[str, int] = {}
            for template in templates:
                per_kind[template[0]] = per_kind.get(template[0], 0) + 1
            weights = [data.KIND_WEIGHTS[t[0]] / per_kind[t[0]] for t in templates]
            self.templates[scope] = (templates, data.cumulative(weights))

    def _next_id(self, table: str, column: str = "id") -> int:
        t = models.Base.metadata.tables[table]
        return (
            int(self.conn.execute(select(func.coalesce(func.max(t.c[column]), 0))).scalar_one()) + 1
        )

    def _ensure(self, table: str, key: str, rows: list[dict[str, Any]]) -> dict[str, int]:
        """Office-list rows by name: existing ones kept, missing ones inserted (Core)."""
        t = models.Base.metadata.tables[table]
        lookup_cols = [t.c[key]] + ([t.c.list_name] if table == "list_items" else [])
        existing: dict[str, int] = {}
        for found in self.conn.execute(select(t.c.id, *lookup_cols)):
            label = found[1] if table != "list_items" else f"{found[2]}/{found[1]}"
            existing[label] = found[0]
        next_id = self._next_id(table)
        created = self._stamp(-BOOKS_DAYS * DAY)
        new = []
        ids = {}
        for row in rows:
            label = row[key] if table != "list_items" else f"{row['list_name']}/{row[key]}"
            if label in existing:
                ids[label] = existing[label]
                continue
            ids[label] = next_id
            new.append(
                {"id": next_id, **row, "created_at": created, "updated_at": created, "version": 1}
            )
            next_id += 1
        if new:
            self.conn.execute(insert(t), new)
        self.summary_lists[table] = self.summary_lists.get(table, 0) + len(new)
        return ids

    def _tax_rates(self, ids: dict[str, int]) -> dict[str, tuple[int, int]]:
        """Tax code name -> (id, rate in 1/10,000 %): the rate each code says, so that
        new invoices are taxed as the sample's were. A taxable code a new file made with
        0 % (its placeholder "Tax") gets the sample's rate."""
        t = models.Base.metadata.tables["tax_codes"]
        rates = {}
        for name, _description, rate, taxable in data.TAX_CODES:
            row = self.conn.execute(
                select(t.c.rate_percent, t.c.is_taxable).where(t.c.id == ids[name])
            ).one()
            stored = row.rate_percent
            if row.is_taxable and taxable and stored == 0 and Decimal(rate) != 0:
                self.conn.execute(
                    update(t).where(t.c.id == ids[name]).values(rate_percent=Decimal(rate))
                )
                stored = Decimal(rate)
            rates[name] = (ids[name], _scaled(str(stored), 4) if row.is_taxable else 0)
        return rates

    def _stamp(self, offset_seconds: int) -> datetime:
        """An aware UTC datetime ``offset_seconds`` from the generation time (Core rows)."""
        base = datetime.combine(self.clock.base, time(), tzinfo=UTC)
        return base + timedelta(seconds=self.clock.now + offset_seconds)

    def setup(self) -> None:
        conn = self.conn
        nodes = models.Base.metadata.tables["customer_jobs"]
        if conn.execute(select(func.count()).select_from(nodes)).scalar_one():
            raise ValueError(
                "Demo data can only be generated into a company file without customers."
            )
        rng = self.rng
        self.company, slug = data.COMPANIES[rng.randrange(len(data.COMPANIES))]
        self.domain = f"{slug}.example.com"
        city = self.local_cities[0]
        settings = {
            "company_name": self.company,
            "line1": self.address()[0],
            "line2": None,
            "city": city[0],
            "region": city[1],
            "postal_code": f"{city[2]}{rng.randint(0, 99):02d}",
            "country": "US",
            "phone": f"({AREA_CODE}) 555-0100",
            "email": f"office@{self.domain}",
            "default_phone_region": "US",
            "currency": "USD",
            "title_case_mode": "suggest",
            "paper_size": "letter",
            "backups_to_keep": 10,
            "updated_at": self._stamp(-30 * DAY),
        }
        office = models.Base.metadata.tables["office_settings"]
        if conn.execute(select(office.c.id).where(office.c.id == 1)).first() is None:
            created = self._stamp(-BOOKS_DAYS * DAY)
            conn.execute(insert(office).values(id=1, created_at=created, version=1, **settings))
        else:
            conn.execute(update(office).where(office.c.id == 1).values(**settings))
        self.summary_lists["office_settings"] = 1

        employees = []
        for i, (name, initials, sales, foreman, is_active, _role) in enumerate(data.EMPLOYEES):
            first = _ascii_fold(name.split()[0])
            employees.append(
                {
                    "name": name,
                    "initials": initials,
                    "email": f"{first}@{self.domain}",
                    "phone": f"({AREA_CODE}) 555-{101 + i:04d}",
                    "is_sales_rep": sales,
                    "is_foreman": foreman,
                    "is_active": is_active,
                }
            )
        emp_ids = self._ensure("employees", "name", employees)
        # (id, name, role, is active, first name)
        self.employees = [
            (emp_ids[e[0]], e[0], e[5], e[4], e[0].split()[0]) for e in data.EMPLOYEES
        ]
        self.employee_by_name = {e[1]: e for e in self.employees}
        active = [e for e in self.employees if e[3]]
        self.dispatchers = [e for e in active if e[2] in ("dispatcher", "owner")]
        self.office_staff = [e for e in active if e[2] in ("bookkeeper", "owner")]
        self.sales_reps = [e for e in active if e[2] in ("sales", "owner")]
        self.foremen = [e for e in self.employees if e[2] == "foreman"]
        self.active_foremen = [e for e in self.foremen if e[3]]
        self.foreman_first = [e[4] for e in self.active_foremen]
        self.dispatcher_initials = [
            data.EMPLOYEES[i][1] for i, e in enumerate(self.employees) if e in self.dispatchers
        ]
        self._load_templates()

        list_rows = [
            {"list_name": list_name, "name": name, "sort_order": i, "is_active": True}
            for list_name, names in data.LISTS.items()
            for i, name in enumerate(names)
        ]
        items = self._ensure("list_items", "name", list_rows)
        self.lists = {
            list_name: {name: items[f"{list_name}/{name}"] for name in names}
            for list_name, names in data.LISTS.items()
        }
        sources = list(self.lists["marketing_source"].values())
        self.sources = sources
        self.source_cum = data.cumulative(
            [30, 14, 10, 6, 5, 6, 5, 4, 4, 2, 2, 15, 3][: len(sources)]
        )

        terms = self._ensure(
            "terms",
            "name",
            [
                {
                    "name": name,
                    "net_days": net,
                    "discount_percent": Decimal(pct),
                    "discount_days": days,
                    "sort_order": i,
                    "is_active": active_,
                }
                for i, (name, net, pct, days, active_) in enumerate(data.TERMS)
            ],
        )
        self.terms = {name: (terms[name], net) for name, net, _, _, _ in data.TERMS}
        taxes = self._ensure(
            "tax_codes",
            "name",
            [
                {
                    "name": n,
                    "description": d,
                    "rate_percent": Decimal(r),
                    "is_taxable": tx,
                    "is_active": True,
                }
                for n, d, r, tx in data.TAX_CODES
            ],
        )
        self.taxes = self._tax_rates(taxes)

        type_ids: dict[str, int] = {}
        t = models.Base.metadata.tables["job_types"]
        for row in self.conn.execute(select(t.c.id, t.c.full_name)):
            type_ids[row[1]] = row[0]
        next_type = self._next_id("job_types")
        created = self._stamp(-BOOKS_DAYS * DAY)
        new_types = []
        for full in data.JOB_TYPES:
            if full in type_ids:
                continue
            parent, _, name = full.rpartition(":")
            new_types.append(
                {
                    "id": next_type,
                    "parent_id": type_ids[parent] if parent else None,
                    "name": name,
                    "full_name": full,
                    "is_active": True,
                    "created_at": created,
                    "updated_at": created,
                    "version": 1,
                }
            )
            type_ids[full] = next_type
            next_type += 1
        if new_types:
            conn.execute(insert(t), new_types)
        self.summary_lists["job_types"] = len(new_types)
        self.type_ids = type_ids

        methods = self._ensure(
            "payment_methods",
            "name",
            [
                {"name": n, "kind": k, "sort_order": i, "is_active": True}
                for i, (n, k) in enumerate(data.PAYMENT_METHODS)
            ],
        )
        self.methods = methods
        self.method_names = [n for n, _ in data.PAYMENT_METHODS]
        fields_ = self._ensure(
            "custom_field_defs",
            "name",
            [
                {
                    "name": n,
                    "field_type": ft,
                    "choices": ch,
                    "applies_to": ap,
                    "sort_order": i,
                    "is_active": True,
                }
                for i, (n, ft, ch, ap) in enumerate(data.CUSTOM_FIELDS)
            ],
        )
        self.fields = fields_

        self.ids = {
            name: self._next_id(name)
            for name in self.w
            if name not in ("customers", "jobs", "job_info", "custom_field_values")
        }
        self.ids["customer_jobs"] = self._next_id("customer_jobs")
        self.invoice_number = max(FIRST_INVOICE_NUMBER, self._next_id("invoices", "number"))
        self.account_number = 10_000

    # ---------------------------------------------------------------- small pickers

    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rnd() * len(seq))]

    def weighted(self, seq: Sequence[Any], cum: Sequence[float]) -> Any:
        return seq[bisect_left(cum, self.rnd())]

    def between(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi] (both included)."""
        return lo + int(self.rnd() * (hi - lo + 1))

    def chance(self, p: float) -> int:
        """1 with probability ``p``, else 0 (booleans are stored as integers)."""
        return 1 if self.rnd() < p else 0

    def new_id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def person(self) -> _Person:
        culture = self.cultures[bisect_left(self.culture_cum, self.rnd())]
        given, female = self.pick(culture.given)
        masc, fem = self.pick(culture.family)
        return _Person(given, fem if female else masc, female, culture.name)

    def unique(
        self, parent_full: str | None, name: str, where: str | None = None
    ) -> tuple[str, str, str, str]:
        """(name, full name, full-name key, sort key) of a name not used yet.

        A second "Smith, John" becomes "Smith, John (Dayton)" when ``where`` is given, as
        offices tell namesakes apart; " 2", " 3"… are the last resort.
        """
        name = " ".join(name.replace(":", "-").split())[: models.NAME_LENGTH - 4]
        taken = self.taken_keys
        if where is not None:
            first_key = keys.name_key(name if parent_full is None else f"{parent_full}:{name}")
            if first_key in taken:
                name = f"{name} ({where})"[: models.NAME_LENGTH - 4]
        base = name
        n = 1
        while True:
            full = name if parent_full is None else f"{parent_full}:{name}"
            key = keys.name_key(full)
            if key not in taken:
                taken.add(key)
                return name, full, key, keys.sort_key(name)
            n += 1
            name = f"{base} {n}"

    def address(self, local: float = 0.93) -> tuple[str, str | None, str, str, str]:
        rnd, pick = self.rnd, self.pick
        city = pick(self.local_cities if rnd() < local else self.other_cities)
        street = pick(self.streets)
        if rnd() < 0.1:
            street = f"{pick(data.DIRECTIONS)} {street}"
        line1 = f"{10 + int(rnd() * 9890)} {street} {pick(self.street_types)}"
        line2 = pick(data.UNIT_LINE2) if rnd() < 0.12 else None
        zip_code = f"{city[2]}{int(rnd() * 100):02d}"
        if rnd() < 0.1:
            zip_code += f"-{1 + int(rnd() * 9999):04d}"
        return line1, line2, city[0], city[1], zip_code

    def add_address(self, owner: int, kind: str, addr: _Address, ts: str) -> None:
        self.w["addresses"].rows.append(
            (self.new_id("addresses"), owner, kind, *addr, "US", ts, ts, 1)
        )

    # ---------------------------------------------------------------- phones, emails

    def phone_number(self) -> tuple[str, str]:
        """A new (exchange, line) of 555-NXX-XXXX, never handed out before."""
        if self.phone_next >= data.PHONE_SPACE:
            raise ValueError("Too many demo phone numbers: ask for fewer customers.")
        p = (self.phone_next * data.PHONE_STEP + self.phone_offset) % data.PHONE_SPACE
        self.phone_next += 1
        exchange = 200 + p // 10_000
        if exchange >= 555:  # 555-555-01XX is the office's own
            exchange += 1
        return str(exchange), f"{p % 10_000:04d}"

    def add_phone(
        self,
        owner: int | None,
        contact: int | None,
        kind: str,
        position: int,
        ts: str,
        extension: bool = False,
    ) -> None:
        rnd = self.rnd
        exchange, line = self.phone_number()
        a = AREA_CODE
        r = rnd()
        if r < 0.40:
            typed = f"({a}) {exchange}-{line}"
        elif r < 0.64:
            typed = f"{a}-{exchange}-{line}"
        elif r < 0.74:
            typed = f"{a}.{exchange}.{line}"
        elif r < 0.82:
            typed = f"+1 {a} {exchange} {line}"
        elif r < 0.92:
            typed = f"{a}{exchange}{line}"
        elif r < 0.96:
            typed = f"1-{a}-{exchange}-{line}"
        else:
            typed = f"+1 ({a}) {exchange}-{line}"
        ext = None
        if extension:
            ext = str(2 + int(rnd() * 449))
            typed += self.pick(data.EXTENSION_MARKS) + ext
        national = a + exchange + line
        e164: str | None = "+1" + national
        key = national[::-1]
        if contact is not None and ext is None and rnd() < 0.02:  # no area code: local only
            typed, e164, key = f"{exchange}-{line}", None, key[:7]
        self.w["phones"].rows.append(
            (
                self.new_id("phones"), owner, contact, kind, position, typed, ext, e164, key, 1,
                ts, ts, 1,
            )
        )  # fmt: skip

    def add_junk_phone(
        self, owner: int | None, contact: int | None, position: int, ts: str
    ) -> None:
        typed = self.pick(data.JUNK_PHONES)
        digits = "".join(ch for ch in typed if ch.isdigit())
        key = digits[-10:][::-1] if len(digits) >= 4 else ""
        self.w["phones"].rows.append(
            (
                self.new_id("phones"), owner, contact, "other", position, typed, None, None, key,
                0, ts, ts, 1,
            )
        )  # fmt: skip

    def email_local(self, person: _Person) -> str:
        given, family = _ascii_fold(person.given), _ascii_fold(person.family)
        if not given or not family:
            return f"{self.pick(self.handles)}{self.between(1, 99)}"
        r = self.rnd()
        if r < 0.35:
            return f"{given}.{family}"
        if r < 0.55:
            return f"{given[0]}{family}"
        if r < 0.7:
            return f"{family}{given[0]}{self.between(1, 99)}"
        if r < 0.85:
            return f"{given}{family}{self.between(50, 99)}"
        return f"{given}_{family}"

    def add_email(
        self,
        owner: int | None,
        contact: int | None,
        kind: str,
        position: int,
        local: str,
        domain: str,
        ts: str,
    ) -> None:
        rnd = self.rnd
        address = f"{local}@{domain}"
        if rnd() < 0.06:  # typed with capitals
            address = f"{local.title()}@{domain.capitalize()}"
        normalized: str | None = address.lower()
        valid = 1
        if rnd() < 0.02:  # malformed, kept as typed
            valid, normalized = 0, None
            address = self.pick(
                (
                    f"{local}@@{domain}",
                    f"{local}@{domain.split('.')[0]}",
                    f"{local} @ {domain}",
                    f"{local}.{domain}",
                    f"{local}@{domain}..",
                    f"{local}@{domain.replace('.', ',', 1)}",
                )
            )
        self.w["emails"].rows.append(
            (
                self.new_id("emails"), owner, contact, kind, position, address, normalized,
                valid, ts, ts, 1,
            )
        )  # fmt: skip

    # ---------------------------------------------------------------- one customer

    def company_name(self, kind: str, city: str) -> str:
        rnd, pick = self.rnd, self.pick
        r = rnd()
        if kind == "Government":
            if r < 0.4:
                return f"City of {city} - {pick(data.GOV_DEPARTMENTS)}"
            if r < 0.6:
                return f"{city} City Schools - {pick(data.SCHOOL_SITES)}"
            if r < 0.8:
                return f"{city} Fire Station {self.between(1, 40)}"
            return f"{city} Public Library - {pick(data.LIBRARY_SITES)}"
        if kind == "Property Management":
            if r < 0.4:
                return f"{pick(self.biz_prefixes)} Property Management"
            if r < 0.6:
                return f"{pick(self.biz_prefixes)} Realty Group"
            if r < 0.8:
                return f"{self.person().family} Properties LLC"
            return f"{pick(self.biz_prefixes)} {pick(data.HOUSING)}"
        if r < 0.35:
            return f"{pick(self.biz_prefixes)} {pick(self.biz_kinds)}"
        if r < 0.68:
            return f"{pick(self.biz_prefixes)} {pick(self.biz_kinds)} {pick(self.biz_suffixes)}"
        person = self.person()
        if person.culture in data.FAMILY_FIRST or not _ascii_fold(person.family):
            return f"{pick(self.biz_prefixes)} {pick(self.biz_kinds)}"
        if r < 0.88:
            return f"{person.family} {pick(self.biz_kinds)}"
        if r < 0.96:
            return f"{person.family} & {self.person().family} {pick(self.biz_suffixes)}"
        return f"Café {person.family}"

    def customer(self) -> None:
        rnd, pick, between, chance = self.rnd, self.pick, self.between, self.chance
        clock = self.clock
        r = rnd()
        if r < 0.70:
            ctype = "Residential"
        elif r < 0.91:
            ctype = "Commercial"
        elif r < 0.96:
            ctype = "Property Management"
        elif r < 0.98:
            ctype = "Government"
        else:
            ctype = "Builder"
        residential = ctype == "Residential"
        r = rnd()
        # a few of each kind however few customers are asked for
        forced = data.FORCED.get(self.index, "")
        self.index += 1
        inactive = r < 0.08 or forced == "inactive"
        prospect = (0.08 <= r < 0.13 or forced == "prospect") and not inactive
        hold = (rnd() < 0.032 or forced == "hold") and not inactive and not prospect
        popup = rnd() < 0.04 or forced == "popup"
        counts = self.counts
        counts["inactive"] += inactive
        counts["prospects"] += prospect
        counts["holds"] += hold

        # when the customer came: prospects recently, inactive ones long ago
        if prospect:
            created = clock.now - between(2 * DAY, 300 * DAY)
        elif inactive:
            created = clock.now - between(800 * DAY, 4000 * DAY)
        else:
            created = clock.now - int(DAY * (20 + 3900 * rnd() ** 1.6))
        created -= created % 60
        ts_c = clock.ts(created)

        person = self.person()
        bill = self.address()
        company = None
        if residential:
            if rnd() < 0.05 and person.culture not in data.FAMILY_FIRST:
                partner = pick(self.culture_by_name[person.culture].given)[0]
                display = f"{person.family}, {person.given} & {partner}"
            else:
                display = person.file_as
        else:
            display = company = self.company_name(ctype, bill[2])
            if ctype == "Commercial" and any(w in display for w in data.NON_PROFIT_WORDS):
                ctype = "Non-profit"
            elif ctype == "Commercial" and any(w in display for w in data.BUILDER_WORDS):
                ctype = "Builder"
        if rnd() < 0.003 and not display.isascii():  # typed on a Mac: decomposed accents
            display = unicodedata.normalize("NFD", display)
        name, full, key, sort = self.unique(None, display, where=bill[2])
        cid = self.new_id("customer_jobs")
        slug = "" if residential else (_ascii_fold(display)[:24] or f"biz{cid}")

        # Additional Info
        if ctype in ("Government", "Non-profit") or (ctype == "Builder" and rnd() < 0.7):
            tax = "Non"
        elif bill[3] != self.home_region:
            tax = "Out of state"
        else:
            tax = "Tax"
        resale = None
        if ctype == "Builder" and tax == "Non":
            resale = f"{between(10, 99)}-{between(100000, 999999)}"
        terms: str | None
        if prospect and rnd() < 0.5:
            terms = None
        elif residential:
            terms = "Due on receipt" if rnd() < 0.7 else "Net 15"
        elif ctype == "Government":
            terms = "Net 30"
        else:
            r = rnd()
            terms = "Net 30" if r < 0.6 else ("2% 10 Net 30" if r < 0.85 else "Net 15")
        r = rnd()
        if residential:
            level = (
                "Standard" if r < 0.8 else ("Senior Discount" if r < 0.9 else "Service Agreement")
            )
            dept = "Residential Service"
        else:
            level = "Commercial" if r < 0.6 else ("Preferred" if r < 0.8 else "Service Agreement")
            dept = "Commercial Service"
        lists = self.lists
        sales_rep = pick(self.sales_reps)[0] if rnd() < 0.6 else None
        inside_rep = pick(self.dispatchers)[0] if rnd() < 0.3 else None
        source = self.weighted(self.sources, self.source_cum) if rnd() < 0.85 else None
        preferred = self.weighted(CONTACT_METHODS, data.PREFERRED_CUM)
        salutation = None
        if rnd() < 0.35:
            salutation = pick(data.SALUTATIONS_F if person.female else data.SALUTATIONS_M)
        middle = None
        if person.culture in data.WITH_MIDDLE_INITIAL and rnd() < 0.25:
            middle = pick(data.INITIALS) + "."
        pronounced = None
        if (person.given in self.pron or person.family in self.pron) and rnd() < 0.6:
            pronounced = " ".join(self.pron.get(p, p) for p in (person.given, person.family))
        website = f"www.{slug}.example.com" if not residential and rnd() < 0.4 else None
        alt_contact = self.person().natural if rnd() < 0.12 else None

        # Payment Info
        account = ar_account = None
        if not prospect and rnd() < 0.75:
            self.account_number += 1
            account = str(self.account_number)
            ar_account = "1200 Accounts Receivable"
        credit_limit = None
        if not residential and rnd() < 0.6:
            credit_limit = pick((500000, 1000000, 2500000))
        elif residential and rnd() < 0.1:
            credit_limit = 250000
        opening = 0
        opening_date = None
        books = clock.today - BOOKS_DAYS
        if not prospect and created < books * DAY and rnd() < 0.04:
            opening = between(2500, 250000)
            opening_date = clock.dates[books]
        method = card_holder = card_brand = card_last4 = billing_zip = None
        exp_month = exp_year = None
        debit = 0
        if not prospect and rnd() < 0.6:
            method_name = self.weighted(self.method_names, self.preferred_method_cum)
            method = self.methods[method_name]
            if method_name in data.CARD_METHODS:
                card_holder = person.natural
                card_brand = method_name
                card_last4 = f"{between(0, 9999):04d}"
                exp_month = between(1, 12)
                exp_year = self.today.year + between(-1, 4)
                billing_zip = bill[4][:5]
                debit = chance(0.2) if method_name in ("Visa", "MasterCard") else 0
        reason = hold_at = hold_by = None
        hold_t = 0
        if hold:
            reason = pick(data.HOLD_REASONS)
            hold_t = max(clock.now - between(3 * DAY, 200 * DAY), created + DAY)
            hold_t -= hold_t % 60
            hold_at = clock.ts(hold_t)
            hold_by = pick(self.office_staff)[1]
        notepad = self.notepad(created, person) if rnd() < 0.18 else None

        work_addr = None
        if rnd() < (0.25 if residential else 0.5):
            work_addr = self.address(local=0.97)
        if rnd() < 0.05:  # billing to a PO box
            bill = (f"PO Box {between(1, 9999)}", None, bill[2], bill[3], bill[4])
            if work_addr is None:
                work_addr = self.address(local=0.97)
        updated = max(created, hold_t)  # last changed when put on credit hold, if ever
        self.w["customers"].rows.append(
            (
                cid, None, cid, 0, name, full, key, sort, 0 if inactive else 1,
                1 if prospect else 0, company, salutation, person.given, middle, person.family,
                pronounced, website, alt_contact, preferred, 1 if work_addr is None else 0,
                lists["customer_type"][ctype], self.terms[terms][0] if terms else None,
                sales_rep, inside_rep, lists["department"][dept], source, self.taxes[tax][0],
                lists["price_level"][level], resale, notepad, account, ar_account, credit_limit,
                opening, opening_date, method, card_holder, card_brand, card_last4, exp_month,
                exp_year, billing_zip, debit, 1 if hold else 0, reason, hold_at, hold_by, 0, 0,
                ts_c, clock.ts(updated), 1,
            )
        )  # fmt: skip
        customer_row = len(self.w["customers"].rows) - 1
        self.owed = {cid: opening} if opening else {}
        if not prospect or rnd() < 0.6:
            self.add_address(cid, "bill_to", bill, ts_c)
        if work_addr is not None:
            self.add_address(cid, "work", work_addr, ts_c)

        # phones and emails of the customer itself
        position = 0
        if prospect or rnd() < 0.95:
            self.add_phone(cid, None, "main", 0, ts_c, not residential and rnd() < 0.12)
            position = 1
        for kind, p in data.EXTRA_PHONES_HOME if residential else data.EXTRA_PHONES_BUSINESS:
            if rnd() < p:
                self.add_phone(cid, None, kind, position, ts_c, kind == "work" and rnd() < 0.4)
                position += 1
        if rnd() < 0.03:
            self.add_junk_phone(cid, None, position, ts_c)
        if residential:
            if rnd() < 0.7:
                local = self.email_local(person)
                self.add_email(cid, None, "main", 0, local, pick(data.EMAIL_DOMAINS), ts_c)
        else:
            domain = f"{slug}.example.com"
            if rnd() < 0.85:
                self.add_email(cid, None, "main", 0, pick(data.BUSINESS_MAILBOXES), domain, ts_c)
            if rnd() < 0.25:
                self.add_email(cid, None, "cc", 1, "ap", domain, ts_c)

        contacts = self.contacts(cid, person, residential, slug, ts_c)

        # custom fields
        cf = self.w["custom_field_values"].rows
        fields_ = self.fields
        if residential and rnd() < 0.25:
            code = pick(
                (
                    f"#{between(1000, 9999)}",
                    f"{between(1000, 9999)}*",
                    f"Call box {between(1, 40)}",
                )
            )
            cf.append((cid, fields_["Gate code"], code, ts_c, ts_c, 1))
        if residential and rnd() < 0.35:
            cf.append((cid, fields_["Pets"], "yes" if rnd() < 0.55 else "no", ts_c, ts_c, 1))
        if rnd() < 0.15:
            cf.append((cid, fields_["Preferred day"], pick(data.WEEKDAYS), ts_c, ts_c, 1))

        # jobs
        root = _Node(cid, full, 0, name, created)
        jobs: list[_Node] = []
        if prospect:
            n_top = self.weighted((0, 1, 2), (0.4, 0.9, 1.0))
        else:
            n_top = self.weighted((0, 1, 2, 3, 4), (0.17, 0.49, 0.74, 0.89, 1.0))
        copied = (
            company,
            salutation,
            preferred,
            lists["customer_type"][ctype],
            self.terms[terms][0] if terms else None,
            sales_rep,
            self.taxes[tax][0],
            lists["price_level"][level],
        )
        ctx = _Context(person, bill, work_addr, ctype, inactive, prospect, copied)
        first_job_row = len(self.w["jobs"].rows)
        for _ in range(n_top):
            self.job(root, root, ctx, jobs)

        # money, pop-up notes and the contact log
        invoices = [] if prospect else self.billing(root, jobs, terms, tax, hold, ctype, inactive)
        acks = self.popups(root, jobs, created) if popup else []
        hold_info = (hold_t, hold_by or "", reason or "") if hold else None
        self.contact_log(root, jobs, person, contacts, invoices, acks, hold_info, inactive)
        self.settle(customer_row, first_job_row)

    def settle(self, customer_row: int, first_job_row: int) -> None:
        """Store the balances of the customer just made and of its jobs (rows from these
        on): each node's own, and its total with its jobs'.

        What a node owes is its opening balance and invoices less its payments, as
        `balances.expected` counts them; the applications cancel out, since a payment is
        only ever applied here to an invoice of its own node. Its tests and Verify Data
        hold these figures to that definition.
        """
        owed = self.owed
        if not owed:
            return
        totals = dict(owed)
        customers, jobs = self.w["customers"].rows, self.w["jobs"].rows
        # a sub-job comes after its job: going backwards, each total is whole when used
        for row in reversed(jobs[first_job_row:]):
            if row[0] in totals:
                totals[row[1]] = totals.get(row[1], 0) + totals[row[0]]
        at = _NODE_BALANCE
        for rows, first in ((customers, customer_row), (jobs, first_job_row)):
            for i in range(first, len(rows)):
                row = rows[i]
                if row[0] in totals:
                    rows[i] = (*row[:at], owed.get(row[0], 0), totals[row[0]], *row[at + 2 :])

    def notepad(self, created: int, person: _Person) -> str:
        """A few date-stamped lines, as the notepad's Date Stamp button writes them."""
        clock = self.clock
        lines = []
        t = created
        for text in self.rng.sample(data.NOTEPAD_LINES, self.between(1, 3)):
            t += int((clock.now - t) * self.rnd() * 0.5)
            t = t - t % DAY + 13 * 3600 + int(self.rnd() * 9 * 60) * 60  # office hours
            y, m, d = clock.dates[t // DAY].split("-")
            stamp = f"{int(m)}/{int(d)}/{y} {clock.times[t % DAY][1:6]}"
            initials = self.pick(self.dispatcher_initials)
            lines.append(f"{stamp} {initials}: {text.format(given=person.given)}")
        return "\n".join(lines)

    def contacts(
        self, owner: int, person: _Person, residential: bool, slug: str, ts: str
    ) -> list[tuple[int, str]]:
        rnd, pick = self.rnd, self.pick
        if residential:
            n = self.weighted((0, 1, 2, 3), (0.55, 0.85, 0.97, 1.0))
        else:
            n = self.weighted((0, 1, 2, 3), (0.1, 0.5, 0.8, 1.0))
        out = []
        for position in range(n):
            contact_id = self.new_id("contacts")
            if (
                residential
                and position == 0
                and person.culture not in data.FAMILY_FIRST
                and rnd() < 0.5
            ):
                culture = self.culture_by_name[person.culture]
                given, female = pick(culture.given)
                family = person.family
                for masc, fem in culture.family:  # Петров, Петрова: the spouse's own form
                    if family in (masc, fem):
                        family = fem if female else masc
                        break
                contact = _Person(given, family, female, person.culture)
                role = "Spouse"
            else:
                contact = self.person()
                role = pick(data.ROLES_HOME if residential else data.ROLES_BUSINESS)
            name = contact.natural
            notes = pick(data.CONTACT_NOTES) if rnd() < 0.1 else None
            primary = 1 if position == 0 and not residential and rnd() < 0.7 else 0
            self.w["contacts"].rows.append(
                (contact_id, owner, name, role, notes, primary, position, ts, ts, 1)
            )
            phones = self.weighted((0, 1, 2), (0.05, 0.85, 1.0))
            kinds = data.CONTACT_PHONES_HOME if residential else data.CONTACT_PHONES_BUSINESS
            for p in range(phones):
                kind = pick(kinds)
                self.add_phone(None, contact_id, kind, p, ts, kind == "work" and rnd() < 0.3)
            if rnd() < 0.01:
                self.add_junk_phone(None, contact_id, phones, ts)
            if rnd() < 0.5:
                domain = pick(data.EMAIL_DOMAINS) if residential else f"{slug}.example.com"
                self.add_email(None, contact_id, "main", 0, self.email_local(contact), domain, ts)
            out.append((contact_id, name))
        return out

    # ---------------------------------------------------------------- jobs

    def job(self, parent: _Node, root: _Node, ctx: _Context, jobs: list[_Node]) -> None:
        rnd, between, pick, clock = self.rnd, self.between, self.pick, self.clock
        inactive = ctx.inactive
        depth = parent.depth + 1
        today = clock.today
        if depth == 1:
            job_type = self.weighted(self.type_names, self.type_cum)
            _weight, names, titles, _kind = data.JOB_TYPES[job_type]
            base_name = pick(names)
        else:
            job_type = parent.job_type or "Estimate"
            titles = data.JOB_TYPES[job_type][2]
            base_name = pick(data.SUB_JOB_NAMES if depth == 2 else data.SUB_SUB_JOB_NAMES)
        if depth > 1 and parent.status is not None and rnd() < 0.7:
            status = parent.status  # sub-jobs mostly go the way of their job
        elif ctx.prospect:
            status = pick(data.PROSPECT_STATUSES)
        elif inactive:
            status = self.weighted(data.INACTIVE_STATUSES, data.INACTIVE_STATUS_CUM)
        else:
            status = self.weighted(self.status_names, self.status_cum)
        if job_type == "Estimate" and status in ("Closed", "In Progress"):
            status = "Pending" if status == "In Progress" else "Not Awarded"

        # dates consistent with the status (day numbers)
        parent_day = parent.created // DAY
        first_day = max(parent_day, today - (4000 if inactive else 3 * 365))
        last_day = max(first_day, today - 400) if inactive else today - 1
        start = end = done = None
        if status == "Closed":
            created_day = between(first_day, max(first_day, last_day - 3))
            start = min(created_day + between(0, 20), last_day)
            quick = job_type.startswith(("Repair", "Maintenance", "Inspection"))
            duration = between(0, 2) if quick else between(0, 12)
            done = min(start + duration, last_day)
            end = start + max(0, duration + between(-2, 2))
        elif status == "In Progress":
            start = today - between(0, 20)
            created_day = max(first_day, start - between(0, 30))
            end = max(today, start + between(1, 30))
        elif status == "Awarded":
            created_day = today - between(1, 60)
            start = today + between(1, 45)
            end = start + between(0, 10)
        elif status == "Pending":
            created_day = today - between(0, 90)
            if rnd() < 0.5:
                start = today + between(5, 60)
        elif status == "Not Awarded":
            created_day = between(first_day, max(first_day, last_day - 30))
        else:
            created_day = between(first_day, last_day)
        created = max(created_day, parent_day) * DAY + between(12 * 3600, 22 * 3600)
        created = min(max(created, parent.created + 60), clock.now - 3600)
        created -= created % 60
        if start is not None and start < created // DAY:
            start = created // DAY  # a sub-job started with (not before) its parent
            if done is not None:
                done = max(done, start)
            if end is not None:
                end = max(end, start)
        ts = clock.ts(created)
        updated_t = created
        if done is not None:
            updated_t = max(created, min(clock.now - 60, done * DAY + 20 * 3600))
        ts_u = clock.ts(updated_t)

        name, full, key, sort = self.unique(parent.full_name, base_name)
        jid = self.new_id("customer_jobs")
        active = 0 if inactive or (status == "Closed" and rnd() < 0.03) else 1
        person = ctx.person
        # a job at another site of a business has its own work address and site phone;
        # other jobs show their customer's addresses and phones
        own_site = depth == 1 and ctx.ctype != "Residential" and rnd() < 0.5
        company, salutation, preferred, ctype_id, terms_id, rep_id, tax_id, level_id = ctx.copied
        self.w["jobs"].rows.append(
            (
                jid, parent.id, root.id, depth, name, full, key, sort, active, 0,
                company, salutation, person.given, None, person.family, None, None, None,
                preferred, 0 if own_site else 1, ctype_id, terms_id, rep_id, None, None, None,
                tax_id, level_id, None, None, None, None, None, 0, None, None, None, None, None,
                None, None, None, 0, 0, None, None, None, 0, 0, ts, ts_u, 1,
            )
        )  # fmt: skip
        site = ctx.work_addr or ctx.bill
        if own_site:
            site = self.address(local=0.97)
            self.add_address(jid, "work", site, ts)
            if rnd() < 0.5:
                self.add_phone(jid, None, "work", 0, ts)

        kind_of_lines = data.JOB_TYPES[job_type][3]
        is_move = kind_of_lines == "move"
        lines = None
        if status != "None" and job_type != "Estimate":
            lines = self.planned_lines(job_type, kind_of_lines)
        if is_move and depth == 1:
            lines = self.move_details(jid, status, ctx.bill, site, ts)
        projected = None
        if lines and status != "None":
            projected = sum(_times(q, r) for _, q, r, _ in lines)
        foreman = None
        if status in ("Awarded", "In Progress", "Closed") and rnd() < 0.9:
            pool = self.foremen if inactive or status == "Closed" else self.active_foremen
            foreman = pick(pool)[0]
        title = pick(titles) if titles else name
        if depth > 1:
            title = f"{base_name} - {title}"
        description = f"{title} at {site[0]}"
        details = None
        if rnd() < 0.3:
            details = (
                f"{title}. Customer: {person.natural}. Access: {pick(data.ACCESS)}. "
                f"{pick(data.PERMITS)} {pick(data.SITE_NOTES)}"
            )
        estimate_type = self.weighted(ESTIMATE_TYPES, data.ESTIMATE_CUM) if is_move else None
        self.w["job_info"].rows.append(
            (
                jid, title, self.type_ids[job_type], status, foreman,
                None if start is None else clock.dates[start],
                None if end is None else clock.dates[end],
                None if done is None else clock.dates[done],
                projected, description, details, estimate_type, ts, ts_u, 1,
            )
        )  # fmt: skip
        cf = self.w["custom_field_values"].rows
        fields_ = self.fields
        if kind_of_lines in ("install", "repair", "maintenance") and rnd() < 0.25:
            cf.append((jid, fields_["Equipment age"], str(between(1, 30)), ts, ts, 1))
        if kind_of_lines == "install" and done is not None and rnd() < 0.5:
            warranty = clock.dates[clock.clamp_day(done + 3650)]
            cf.append((jid, fields_["Warranty expires"], warranty, ts, ts, 1))
        if job_type.startswith(("Install:Furnace", "Maintenance")) and rnd() < 0.2:
            cf.append((jid, fields_["Filter size"], pick(data.FILTERS), ts, ts, 1))

        node = _Node(jid, full, depth, name, created, status, job_type, start, done or end, lines)
        jobs.append(node)
        # sub-jobs
        if depth < 3 and rnd() < 0.1:
            for _ in range(between(1, 3 if depth == 1 else 2)):
                self.job(node, root, ctx, jobs)

    def planned_lines(self, job_type: str, kind: str) -> list[_Line]:
        """Invoice lines a job is expected to need: (description, quantity, rate, taxable)."""
        rnd, between, pick = self.rnd, self.between, self.pick
        one = 10_000
        lines: list[_Line] = []
        if kind == "install":
            for description, rate in data.EQUIPMENT.get(job_type, data.DEFAULT_EQUIPMENT)[
                : between(1, 2)
            ]:
                lines.append((description, one, rate, 1))
            lines.append(("Installation labor (hours)", between(8, 32) * 5_000, data.LABOR_RATE, 0))
            lines.append(("Installation materials", one, between(80, 450) * 100, 1))
            if rnd() < 0.6:
                lines.append(("Permit fee", one, 7500, 0))
            if rnd() < 0.5:
                lines.append(("Haul away old equipment", one, 9500, 0))
        elif kind == "repair":
            lines.append(("Service call / diagnostic", one, 8900, 0))
            lines.append(("Labor (hours)", between(2, 8) * 5_000, data.LABOR_RATE, 0))
            for _ in range(between(0, 2)):
                description, rate = pick(data.PARTS)
                lines.append((description, one * between(1, 2), rate, 1))
        elif kind == "maintenance":
            if job_type.endswith("Service Agreement"):
                lines.append(("Service agreement, annual", one, 22900, 0))
            else:
                lines.append(("Maintenance tune-up", one, 14900, 0))
            if rnd() < 0.6:
                lines.append(("Filter 16x25x1", one * between(1, 4), 1800, 1))
        elif kind == "inspection":
            lines.append(("Safety inspection", one, 19500, 0))
        elif kind == "remodel":
            lines.append(("Labor (hours)", between(40, 160) * 5_000, data.LABOR_RATE, 0))
            lines.append(("Materials", one, between(800, 6000) * 100, 1))
            lines.append(("Permit fee", one, 15000, 0))
        elif kind == "move":
            hours = between(8, 20) * 5_000
            lines.append(("Movers, 3-person crew (hours)", hours, data.MOVE_CREW_RATE, 0))
            lines.append(("Truck, 26 ft", one, 14500, 0))
            lines.append(("Packing materials", one, between(60, 300) * 100, 1))
            if rnd() < 0.5:
                lines.append(("Fuel & travel", one, 8500, 0))
        return lines

    def move_details(
        self, jid: int, status: str, bill: _Address, pickup: _Address, ts: str
    ) -> list[_Line]:
        """Requested services, stops, inventory and estimate/final figures of a move.

        Returns the lines to invoice: the final figures when the move is done, else the
        estimate.
        """
        rnd, between, pick, w = self.rnd, self.between, self.pick, self.w
        one = 10_000
        for position in range(between(2, 4)):
            service, unit, rate, (lo, hi) = pick(data.SERVICES)
            notes = pick(data.SERVICE_NOTES) if rnd() < 0.2 else None
            w["job_service_lines"].rows.append(
                (
                    self.new_id("job_service_lines"), jid, position, service,
                    between(lo, hi) * one, unit, rate * RATE_SCALE, notes, ts, ts, 1,
                )
            )  # fmt: skip
        stops = [("pickup", pickup), ("delivery", self.address(local=0.85))]
        if rnd() < 0.2:
            stops.insert(1, ("extra", self.address(local=0.95)))
        for position, (kind, addr) in enumerate(stops):
            floor = pick(data.FLOORS)
            elevator = 1 if floor in ("3", "5") and rnd() < 0.6 else 0
            stairs = 0 if elevator or floor in ("1", "G") else between(1, 3)
            notes = pick(data.STOP_NOTES) if rnd() < 0.25 else None
            w["job_stops"].rows.append(
                (
                    self.new_id("job_stops"), jid, position, kind, *addr, "US", floor, stairs,
                    elevator, pick(data.PARKING), notes, ts, ts, 1,
                )
            )  # fmt: skip
        piano = False
        for position in range(between(5, 15)):
            room, item, cubic, weight, special = pick(data.INVENTORY)
            qty = between(10, 40) if room == "Boxes" else between(1, 2)
            piano = piano or item.startswith("Piano")
            w["job_inventory_items"].rows.append(
                (
                    self.new_id("job_inventory_items"), jid, position, room, item, qty * one,
                    cubic * one, weight * one, special, None, ts, ts, 1,  # per piece
                )
            )  # fmt: skip
        estimate = self.planned_lines("Move:Local", "move")
        if piano:
            estimate.append(("Piano handling", one, 25000, 0))
        phases = [("estimate", estimate)]
        final = estimate
        if status == "Closed":
            final = []
            for description, qty, rate, taxable in estimate:
                if description.startswith("Movers"):
                    qty = max(one, qty + between(-4, 6) * 5_000)
                final.append((description, qty, rate, taxable))
            phases.append(("final", final))
        for phase, lines in phases:
            for position, (description, qty, rate, _) in enumerate(lines):
                w["job_figure_lines"].rows.append(
                    (
                        self.new_id("job_figure_lines"), jid, phase, position, description, qty,
                        rate * RATE_SCALE, _times(qty, rate), ts, ts, 1,
                    )
                )  # fmt: skip
        return final

    # ---------------------------------------------------------------- money

    def billing(
        self,
        root: _Node,
        jobs: list[_Node],
        terms: str | None,
        tax: str,
        hold: bool,
        ctype: str,
        inactive: bool,
    ) -> list[int]:
        """Invoices and payments of one customer; returns the invoice totals (cents)."""
        rnd, between, clock = self.rnd, self.between, self.clock
        today = clock.today
        # (node, invoice day, lines, must stay unpaid)
        planned: list[tuple[int, int, list[_Line], bool]] = []
        for job in jobs:
            lines = job.lines
            if not lines:
                continue
            if job.status == "Closed" and job.end is not None:
                day = min(job.end + between(0, 3), today)
                if rnd() < 0.1:  # a deposit at the start, the rest at the end
                    text, qty, rate, taxable = lines[0]
                    half = rate // 2
                    start = job.start if job.start is not None else day
                    planned.append(
                        (job.id, min(start, day), [(f"Deposit: {text}", qty, half, taxable)], False)
                    )
                    rest = [(f"Balance: {text}", qty, rate - half, taxable), *lines[1:]]
                    planned.append((job.id, day, rest, False))
                elif rnd() < 0.95:
                    planned.append((job.id, day, lines, False))
            elif job.status == "In Progress" and job.start is not None and rnd() < 0.5:
                text, qty, rate, taxable = lines[0]
                deposit = [(f"Deposit: {text}", qty, rate // 2, taxable)]
                planned.append((job.id, min(job.start, today), deposit, False))
        first_day = max(root.created // DAY, today - 3 * 365)
        last_day = today - 400 if inactive else today
        if last_day >= first_day and rnd() < 0.35:
            for _ in range(between(1, 2)):
                lines = self.planned_lines("Repair:Furnace", "repair")
                planned.append((root.id, between(first_day, last_day), lines, False))
        if hold:  # what put the customer on hold: a service call, unpaid and overdue
            day = max(first_day, today - between(45, 120))
            planned.append((root.id, day, self.planned_lines("Repair:Furnace", "repair"), True))
        planned.sort(key=itemgetter(1))

        terms_id, net_days = self.terms[terms] if terms else (None, 0)
        tax_id, rate = self.taxes[tax]
        totals = []
        w = self.w
        invoices, inv_lines = w["invoices"].rows, w["invoice_lines"].rows
        dates = clock.dates
        for node, day, lines, unpaid in planned:
            invoice_id = self.new_id("invoices")
            number = self.invoice_number
            self.invoice_number += 1
            t = day * DAY + between(13 * 3600, 22 * 3600)
            t = min(t - t % 60, clock.now - 60)
            ts = clock.ts(t)
            subtotal = taxable = 0
            line_id = self.ids["invoice_lines"]
            for position, (description, qty, unit_rate, is_taxable) in enumerate(lines):
                amount = _times(qty, unit_rate)
                subtotal += amount
                if is_taxable:
                    taxable += qty * unit_rate  # exact: tax is rounded once, below
                inv_lines.append(
                    (
                        line_id, invoice_id, position, description, qty,
                        unit_rate * RATE_SCALE, amount, is_taxable, ts, ts, 1,
                    )
                )  # fmt: skip
                line_id += 1
            self.ids["invoice_lines"] = line_id
            tax_cents = _tax(taxable, rate)
            total = subtotal + tax_cents
            due = day + net_days
            void = not unpaid and not hold and rnd() < 0.015
            memo = lines[0][0] if node != root.id else "Service call"
            paid = 0
            if not void:
                paid = self.payments(root, node, invoice_id, day, due, total, unpaid, ctype)
            status = "void" if void else ("paid" if paid == total else "open")
            void_reason = voided_at = voided_by = None
            updated = ts
            if void:
                void_reason = self.pick(data.VOID_REASONS)
                voided_at = updated = clock.ts(min(t + between(1, 10) * DAY, clock.now - 60))
                voided_by = self.pick(self.office_staff)[1]
            invoices.append(
                (
                    invoice_id, number, node, root.id, dates[day], dates[due], terms_id,
                    tax_id, rate, memo, subtotal, tax_cents, total, paid, status, void_reason,
                    voided_at, voided_by, ts, updated, 1,
                )
            )  # fmt: skip
            if not void:
                totals.append(total)
                self.owed[node] = self.owed.get(node, 0) + total
        return totals

    def payments(
        self,
        root: _Node,
        node: int,
        invoice_id: int,
        day: int,
        due: int,
        total: int,
        unpaid: bool,
        ctype: str,
    ) -> int:
        """Payments applied to one invoice; returns the amount applied."""
        rnd, between = self.rnd, self.between
        today = self.clock.today
        if unpaid:
            if rnd() < 0.3:  # a check that bounced: voided, applied to nothing
                self.payment(
                    root, node, None, min(today, day + between(5, 30)), total, "Check", True
                )
            return 0
        if due < today - 60:
            p = 0.97
        elif due < today:
            p = 0.8
        else:
            p = 0.45
        if rnd() >= p:
            return 0
        r = rnd()
        if r < 0.06:  # partly paid
            amounts = [max(1, total * between(25, 75) // 100)]
        elif r < 0.14 and total > 1:  # paid in two parts
            first = total // 2
            amounts = [first, total - first]
        else:
            amounts = [total]
        pay_day = day
        late = 45 if ctype != "Residential" else 20
        for amount in amounts:
            pay_day = min(today, pay_day + between(0, late))
            method = self.weighted(self.method_names, self.payment_method_cum)
            self.payment(root, node, invoice_id, pay_day, amount, method)
        return sum(amounts)

    def payment(
        self,
        root: _Node,
        node: int,
        invoice_id: int | None,
        day: int,
        amount: int,
        method: str,
        void: bool = False,
    ) -> None:
        clock, between = self.clock, self.between
        t = day * DAY + between(13 * 3600, 22 * 3600)
        t = min(t - t % 60, clock.now - 60)
        ts = clock.ts(t)
        reference: str | None = None
        if method == "Check":
            reference = str(between(1001, 9999))
        elif method in data.CARD_METHODS:
            reference = f"auth {between(100000, 999999)}"
        elif method == "ACH":
            reference = f"ACH {clock.dates[day].replace('-', '')}"
        payment_id = self.new_id("payments")
        void_reason = voided_at = voided_by = None
        updated = ts
        if void:
            void_reason = "Returned check - NSF"
            voided_at = updated = clock.ts(min(t + 5 * DAY, clock.now - 60))
            voided_by = self.pick(self.office_staff)[1]
        self.w["payments"].rows.append(
            (
                payment_id, root.id, node, clock.dates[day], amount, self.methods[method],
                reference, None, 1 if void else 0, void_reason, voided_at, voided_by, ts,
                updated, 1,
            )
        )  # fmt: skip
        if not void:
            self.owed[node] = self.owed.get(node, 0) - amount
        if invoice_id is not None:
            self.w["payment_applications"].rows.append(
                (self.new_id("payment_applications"), payment_id, invoice_id, amount, ts, ts, 1)
            )

    # ---------------------------------------------------------------- pop-ups

    def popups(
        self, root: _Node, jobs: list[_Node], created: int
    ) -> list[tuple[int, int, int, str]]:
        """Pop-up notes and their acknowledgements; returns (note, node, time, employee)."""
        rnd, between, chance, clock = self.rnd, self.between, self.chance, self.clock
        acks = []
        for _ in range(1 if rnd() < 0.8 else 2):
            note_id = self.new_id("popup_notes")
            text = self.pick(self.popup_texts)
            since = max(created, clock.now - LOG_DAYS * DAY)
            t = since + int((clock.now - since) * rnd() * 0.8)
            t -= t % 60
            ts = clock.ts(t)
            billing = "balance" in text or "COD" in text or "check" in text
            active_from = active_until = None
            if rnd() < 0.2:
                active_from = clock.dates[t // DAY]
                active_until = clock.dates[clock.today + between(-60, 365)]
            on_billing = 1 if billing else chance(0.15)
            overdue_only = chance(0.3) if billing else 0
            on_open, on_caller_id, on_new_job = chance(0.9), chance(0.5), chance(0.3)
            if not (on_open or on_caller_id or on_new_job or on_billing):
                on_open = 1
            self.w["popup_notes"].rows.append(
                (
                    note_id, root.id, text, on_open, on_caller_id, on_new_job, on_billing,
                    overdue_only, active_from, active_until, chance(0.95), ts, ts, 1,
                )
            )  # fmt: skip
            if rnd() < 0.4:
                for _ in range(between(1, 3)):
                    at = t + int((clock.now - 600 - t) * rnd())
                    at -= at % 60
                    node = root.id
                    if jobs and rnd() < 0.4:
                        job = self.pick(jobs)
                        node = job.id if job.created < at else root.id
                    employee = self.pick(self.dispatchers)[1]
                    ack_ts = clock.ts(at)
                    self.w["popup_acknowledgements"].rows.append(
                        (
                            self.new_id("popup_acknowledgements"), note_id, node, ack_ts,
                            employee, ack_ts, ack_ts,
                        )
                    )  # fmt: skip
                    acks.append((note_id, node, at, employee))
        return acks

    # ---------------------------------------------------------------- contact log

    def contact_log(
        self,
        root: _Node,
        jobs: list[_Node],
        person: _Person,
        contacts: list[tuple[int, str]],
        invoices: list[int],
        acks: list[tuple[int, int, int, str]],
        hold: tuple[int, str, str] | None,
        inactive: bool,
    ) -> None:
        """About ten log entries over the two years before today, plus the system's own.

        The hottest loop of the generator (a million entries for 100,000 customers), so it
        works on local names and draws only the placeholders a template uses.
        """
        rnd, clock = self.rnd, self.clock
        dates, times, short = clock.dates, clock.times, clock.short
        now = clock.now
        hi = now - 365 * DAY if inactive else now - 600
        lo = max(root.created, now - LOG_DAYS * DAY)
        if lo >= hi:
            lo = max(root.created, hi - 30 * DAY)
        cid = root.id
        rows = self.w["contact_log_entries"].rows
        entry_id = self.ids["contact_log_entries"]
        revisions: list[tuple[int, str, str]] = []
        n = int(self.rng.triangular(0, 22, 8))
        if n:
            templates_c, cum_c = self.templates["c"]
            by_job = [
                self.templates["m" if (j.job_type or "").startswith("Move") else "s"] for j in jobs
            ]
            windows = []
            for each in jobs:
                start = max(each.created, lo)
                end = min(hi, ((each.end if each.end is not None else clock.today) + 30) * DAY)
                windows.append((start, max(end - start, 2 * DAY)))
            amounts = [_money_text(total) for total in invoices[-6:]] or [
                _money_text(9000 + int(rnd() * 81000))
            ]
            techs = self.foreman_first
            symptoms = self.symptoms
            n_contacts = len(contacts)
            given = person.given
            n_jobs = len(jobs)
            last_follow_up = clock.today + FUTURE_DAYS - 30
            for _ in range(n):
                job: _Node | None = None
                if n_jobs and rnd() < 0.45:
                    k = int(rnd() * n_jobs)
                    job = jobs[k]
                    start, span = windows[k]
                    templates_j, cum_j = by_job[k]
                    kind, subject, details, needs, pool, system = templates_j[
                        bisect_left(cum_j, rnd())
                    ]
                    node = job.id
                else:
                    start, span = lo, hi - lo
                    kind, subject, details, needs, pool, system = templates_c[
                        bisect_left(cum_c, rnd())
                    ]
                    node = cid
                t = start + int(span * rnd())
                at = t - t % DAY + 43_200 + int(rnd() * 660) * 60  # 12:00-23:00 UTC
                if at > hi:
                    at = hi - hi % 60
                employee = pool[int(rnd() * len(pool))]
                contact_id: int | float = NULL
                contact_name: str | float = given
                r = rnd()
                if system:
                    contact_name = NULL
                elif n_contacts and r < 0.35:
                    contact_id, contact_name = contacts[int(rnd() * n_contacts)]
                elif r > 0.7:
                    contact_name = NULL
                if needs:
                    values = {}
                    for need in needs:
                        if need == "contact":
                            values[need] = given if contact_name is NULL else contact_name
                        elif need == "emp":
                            values[need] = employee[4]
                        elif need == "tech":
                            values[need] = techs[int(rnd() * len(techs))]
                        elif need == "day":
                            values[need] = short[at // DAY + 1 + int(rnd() * 6)]
                        elif need == "window":
                            values[need] = data.WINDOWS[int(rnd() * len(data.WINDOWS))]
                        elif need == "symptom":
                            values[need] = symptoms[int(rnd() * len(symptoms))]
                        elif need == "job":
                            values[need] = job.name if job else "the job"
                        else:
                            values[need] = amounts[int(rnd() * len(amounts))]
                    if "{" in subject:
                        subject = subject.format_map(values)
                    details = details.format_map(values)
                follow: str | float = NULL
                if rnd() < 0.12:
                    follow = dates[min(at // DAY + 1 + int(rnd() * 21), last_follow_up)]
                text = dates[at // DAY] + times[at % DAY]
                updated, version = text, 1
                if rnd() < 0.004:  # corrected later: what it said before is kept in a revision
                    changed = min(at + 300 + int(rnd() * 3 * DAY), now - 60)
                    changed -= changed % 60
                    updated = dates[changed // DAY] + times[changed % DAY]
                    version = 2
                    before = {"subject": subject, "details": details.replace(".", "", 1)}
                    revisions.append((entry_id, updated, json.dumps(before, ensure_ascii=False)))
                rows.append(
                    (
                        entry_id, node, cid, text, kind, contact_id, contact_name, subject,
                        details, follow, employee[0], employee[1], system, text, updated, version,
                    )
                )  # fmt: skip
                entry_id += 1
        # what the program itself wrote
        system_entries = []
        for note_id, node, at, employee_name in acks:
            details = f"Pop-up note {note_id} acknowledged by {employee_name}."
            system_entries.append((at, node, "Pop-up note acknowledged", details, employee_name))
        if hold is not None:
            hold_t, hold_by, reason = hold
            details = f"Credit hold placed by {hold_by}: {reason}."
            system_entries.append((hold_t, cid, "Credit hold placed", details, hold_by))
        for at, node, subject, details, employee_name in system_entries:
            employee = self.employee_by_name[employee_name]
            text = dates[at // DAY] + times[at % DAY]
            rows.append(
                (
                    entry_id, node, cid, text, "System", NULL, NULL, subject, details, NULL,
                    employee[0], employee[1], 1, text, text, 1,
                )
            )  # fmt: skip
            entry_id += 1
        self.ids["contact_log_entries"] = entry_id
        if revisions:
            out = self.w["contact_log_revisions"].rows
            for entry, changed_at, previous in revisions:
                by = self.pick(self.office_staff)[1]
                revision_id = self.new_id("contact_log_revisions")
                out.append((revision_id, entry, changed_at, by, previous, changed_at, changed_at))

    # ---------------------------------------------------------------- writing

    def write_batch(self, behind: WriteBehind) -> None:
        """Write the rows made since the last batch, with their search index rows: on
        SQLite by ``behind``'s thread, while the next batch is made."""
        texts = self.search_texts()
        if not _fast_path(self.conn):
            for rows in self.w.values():  # dict order is foreign-key order
                rows.write_core(self.conn)
            search.add_new(self.conn, texts)
            return
        writers = (*self.w.values(), *self.index_rows(texts))
        behind.submit([s for rows in writers for s in rows.statements(hold_back=self.hold_back)])

    def write_rest(self, behind: WriteBehind) -> None:
        """Write the rows the batches held back (see `_Rows.statements`)."""
        if _fast_path(self.conn):
            writers = (*self.w.values(), *self.search_rows)
            behind.submit([s for rows in writers for s in rows.statements()])

    # ---------------------------------------------------------------- search index

    def search_texts(self) -> dict[int, search.NodeText]:
        """What the quick filter indexes of each node among the rows not written yet.

        Built from the rows themselves (every customer's contacts, addresses, e-mails and
        phones are in the same batch as it), in the order `search` reads them back, so
        that Verify Data finds the index as the data gives it.
        """
        w = self.w
        # per node that has any: contact names, cities, e-mails, contacts' e-mails, phone
        # keys and contacts' phone keys, each in the order of the rows' ids
        parts: dict[int, tuple[list[Any], ...]] = {}
        owner_of: dict[int, int] = {}
        for contact_id, owner, name, *_ in w["contacts"].rows:
            owner_of[contact_id] = owner
            _parts(parts, owner)[0].append(name)
        city = w["addresses"].columns.index("city")
        for row in w["addresses"].rows:
            _parts(parts, row[1])[1].append(row[city])
        address = w["emails"].columns.index("address")
        for row in w["emails"].rows:
            _by_owner_or_contact(parts, owner_of, row, 2).append(row[address])
        digits_key = w["phones"].columns.index("digits_key")
        for row in w["phones"].rows:
            _by_owner_or_contact(parts, owner_of, row, 4).append(row[digits_key])
        names = search.NODE_COLUMNS
        values_of = itemgetter(*[w["customers"].columns.index(name) for name in names])
        none: tuple[list[Any], ...] = ([],) * 6
        texts = {}
        for row in chain(w["customers"].rows, w["jobs"].rows):
            contact_names, cities, emails, contact_emails, keys_, contact_keys = parts.get(
                row[0], none
            )
            texts[row[0]] = search.text_of_new(
                dict(zip(names, values_of(row), strict=True)),
                cities,
                emails,
                keys_,
                contact_names=contact_names,
                contact_emails=contact_emails,
                contact_digits_keys=contact_keys,
            )
        return texts

    def index_rows(self, texts: dict[int, search.NodeText]) -> tuple[_Rows, ...]:
        """The writers of the search index rows of ``texts``, on SQLite: they go in as
        the tables' rows do, in large statements (elsewhere `search.add_new` writes them)."""
        if not _fast_path(self.conn):
            return ()
        terms, bodies = self.search_rows
        for node_id, text in texts.items():
            terms.rows.extend([(term, node_id) for term in text.terms()])
            bodies.rows.append((node_id, text.body()))
        return terms, bodies

    def summary(self) -> DemoSummary:
        counts = {name: rows.count for name, rows in self.w.items()}
        lists = self.summary_lists
        return DemoSummary(
            office_settings=lists.get("office_settings", 0),
            employees=lists.get("employees", 0),
            list_items=lists.get("list_items", 0),
            terms=lists.get("terms", 0),
            tax_codes=lists.get("tax_codes", 0),
            job_types=lists.get("job_types", 0),
            payment_methods=lists.get("payment_methods", 0),
            custom_field_defs=lists.get("custom_field_defs", 0),
            customers=self.customers,
            jobs=counts["jobs"],
            addresses=counts["addresses"],
            contacts=counts["contacts"],
            phones=counts["phones"],
            emails=counts["emails"],
            custom_field_values=counts["custom_field_values"],
            popup_notes=counts["popup_notes"],
            popup_acknowledgements=counts["popup_acknowledgements"],
            job_info=counts["job_info"],
            job_service_lines=counts["job_service_lines"],
            job_stops=counts["job_stops"],
            job_inventory_items=counts["job_inventory_items"],
            job_figure_lines=counts["job_figure_lines"],
            invoices=counts["invoices"],
            invoice_lines=counts["invoice_lines"],
            payments=counts["payments"],
            payment_applications=counts["payment_applications"],
            contact_log_entries=counts["contact_log_entries"],
            contact_log_revisions=counts["contact_log_revisions"],
            prospects=self.counts["prospects"],
            inactive_customers=self.counts["inactive"],
            credit_holds=self.counts["holds"],
        )


def _drop_indexes(conn: Connection, tables: set[str]) -> list[str]:
    """Drop the secondary indexes of ``tables`` (SQLite); returns the SQL that recreates them.

    Building an index once over the loaded rows is much faster than keeping it up to date
    row by row. The statements are the file's own (``sqlite_master``), so a migrated file
    gets back exactly what it had; all of it is inside the caller's transaction. Indexes
    that belong to UNIQUE constraints stay, so uniqueness is checked as rows arrive.
    """
    found = conn.exec_driver_sql(
        "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).all()
    recreate = []
    for table, name, sql in found:
        if table in tables:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            recreate.append(sql)
    return recreate


def generate(
    conn: Connection,
    *,
    customers: int,
    seed: int,
    today: date | None = None,
    progress: ProgressFn | None = None,
) -> DemoSummary:
    """Fill the company file behind ``conn`` with demo data for ``customers`` customers.

    ``conn`` is inside a transaction the caller commits; the schema must exist and hold
    no customers yet (office lists already there are kept and reused by name). The same
    ``customers``, ``seed`` and ``today`` (default: the local date) give the same rows.
    ``progress(done, total)`` is called after every batch of customers; ``done == total``
    only once everything, balances included, is written.
    """
    if customers < 0:
        raise ValueError("customers must be zero or more")
    gen = _Generator(conn, customers, seed, today or date.today())
    gen.setup()
    total = customers + 1
    if progress is not None:
        progress(0, total)
    recreate: list[str] = []
    if conn.dialect.name == "sqlite":
        recreate = _drop_indexes(conn, {rows.table.name for rows in gen.w.values()})
    gen.hold_back = _fast_path(conn) and not _foreign_keys_enforced(conn)
    with bulk_writing(conn):
        with WriteBehind(conn) as behind:
            done = 0
            while done < customers:
                batch = min(CHUNK, customers - done)
                for _ in range(batch):
                    gen.customer()
                gen.write_batch(behind)
                done += batch
                if progress is not None and done < customers:
                    progress(done, total)
            gen.write_rest(behind)
        for sql in recreate:
            conn.exec_driver_sql(sql)
    if progress is not None:
        progress(total, total)
    return gen.summary()
