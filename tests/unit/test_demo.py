"""Demo data: deterministic, consistent with the schema's rules, and realistic enough."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from sqlalchemy import Engine, create_engine, event, text

from officemgr.core import balances, bulk, demo, demo_data, models, search
from officemgr.core import keys as keys_module

TODAY = date(2025, 6, 15)
CUSTOMERS = 200
SEED = 7


def _engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    models.Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(search.CREATE_FTS)  # made by a migration, not by the models
    return engine


def _generate(path: Path, **kwargs: Any) -> tuple[Engine, demo.DemoSummary]:
    engine = _engine(path)
    options: dict[str, Any] = {"customers": CUSTOMERS, "seed": SEED, "today": TODAY}
    options.update(kwargs)
    with engine.begin() as conn:
        summary = demo.generate(conn, **options)
    return engine, summary


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Any]]:
    engine, summary = _generate(tmp_path_factory.mktemp("demo") / "company.sqlite")
    yield engine, summary
    engine.dispose()


@pytest.fixture(scope="module")
def db(generated: tuple[Engine, Any]) -> Iterator[sqlite3.Connection]:
    """The generated file through plain sqlite3: raw stored values, one query each."""
    engine, _summary = generated
    path = engine.url.database
    assert path is not None
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


def _rows(db: sqlite3.Connection, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return db.execute(sql, args).fetchall()


def _dump(path: Path, tables: tuple[str, ...]) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    finally:
        conn.close()


SOME_TABLES = (
    "office_settings",
    "customer_jobs",
    "phones",
    "emails",
    "job_info",
    "invoices",
    "payment_applications",
    "contact_log_entries",
)


# ------------------------------------------------------------------ determinism


def test_same_seed_same_rows_other_seed_other_rows(tmp_path: Path) -> None:
    first, _ = _generate(tmp_path / "a.sqlite", customers=60)
    again, _ = _generate(tmp_path / "b.sqlite", customers=60)
    other, _ = _generate(tmp_path / "c.sqlite", customers=60, seed=SEED + 1)
    for engine in (first, again, other):
        engine.dispose()
    a = _dump(tmp_path / "a.sqlite", SOME_TABLES)
    assert a == _dump(tmp_path / "b.sqlite", SOME_TABLES)
    c = _dump(tmp_path / "c.sqlite", SOME_TABLES)
    assert a["customer_jobs"] != c["customer_jobs"]
    assert a["contact_log_entries"] != c["contact_log_entries"]


def _dump_all(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the models, and the search index's full text."""
    dump = _dump(path, tuple(models.Base.metadata.tables))
    conn = sqlite3.connect(path)
    try:
        dump[search.FTS_TABLE] = conn.execute(
            f"SELECT rowid, body FROM {search.FTS_TABLE} ORDER BY rowid"
        ).fetchall()
    finally:
        conn.close()
    return dump


def test_core_insert_path_writes_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SQLite fast path (NaN for NULL, text timestamps, large statements written on a
    second thread, the search index from the rows) equals plain Core inserts and the
    search index `search` writes."""
    fast, _ = _generate(tmp_path / "fast.sqlite", customers=40)
    monkeypatch.setattr(demo, "_fast_path", lambda conn: False)
    slow, _ = _generate(tmp_path / "core.sqlite", customers=40)
    for engine in (fast, slow):
        engine.dispose()
    fast_rows = _dump_all(tmp_path / "fast.sqlite")
    assert fast_rows == _dump_all(tmp_path / "core.sqlite")
    assert fast_rows["search_terms"] and fast_rows[search.FTS_TABLE]


def test_a_new_file_filled_in_bulk_gets_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Into a new file (no journal, no constraint checks, rows held back between
    batches to fill whole statements) the same rows go as into a file in use."""
    shared, _ = _generate(tmp_path / "shared.sqlite", customers=60)
    shared.dispose()
    monkeypatch.setattr(demo, "CHUNK", 25)  # several batches, each leaving rows behind
    monkeypatch.setattr(demo, "_MAX_VARIABLES", 999)  # statements the batches fill
    path = tmp_path / "new.sqlite"
    _engine(path).dispose()
    with bulk.filling_new_file(path) as conn:
        demo.generate(conn, customers=60, seed=SEED, today=TODAY)
    assert _dump_all(path) == _dump_all(tmp_path / "shared.sqlite")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_an_error_while_writing_reaches_the_caller(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "error.sqlite")
    try:
        with (
            engine.connect() as conn,
            pytest.raises(Exception, match="no such table"),
            bulk.WriteBehind(conn) as behind,
        ):
            behind.submit([("INSERT INTO no_such_table VALUES (?)", [(1,)])])
    finally:
        engine.dispose()


def test_timestamps_come_from_today_not_the_clock(db: sqlite3.Connection) -> None:
    limit = f"{TODAY.isoformat()} 23:59:59"
    for table in models.Base.metadata.tables.values():
        for column in ("created_at", "updated_at"):
            if column not in table.c:
                continue
            bad = _rows(
                db,
                f"SELECT count(*) FROM {table.name} WHERE {column} IS NULL OR {column} > ?",
                limit,
            )
            assert bad == [(0,)], (table.name, column)
        if "version" in table.c:
            assert _rows(db, f"SELECT count(*) FROM {table.name} WHERE version < 1") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM customer_jobs WHERE updated_at < created_at") == [(0,)]
    stamp = _rows(db, "SELECT created_at FROM contact_log_entries LIMIT 1")[0][0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", stamp)


def test_progress_is_reported_and_ends_at_the_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    engine, _ = _generate(
        tmp_path / "p.sqlite",
        customers=2 * demo.CHUNK + 5,
        progress=lambda d, t: calls.append((d, t)),
    )
    engine.dispose()
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(calls) >= 3
    assert calls[-1][0] == calls[-1][1]
    assert all(total == calls[-1][1] for _, total in calls)


def test_summary_counts_match_the_file(
    generated: tuple[Engine, demo.DemoSummary], db: sqlite3.Connection
) -> None:
    _, summary = generated
    count = {
        table: _rows(db, f"SELECT count(*) FROM {table}")[0][0]
        for table in models.Base.metadata.tables
        if table != "search_terms"  # the search index is derived from the rows, not made
    }
    assert summary.customers == CUSTOMERS
    assert summary.customers + summary.jobs == count["customer_jobs"]
    for field in (
        "employees",
        "list_items",
        "terms",
        "tax_codes",
        "job_types",
        "payment_methods",
        "custom_field_defs",
        "addresses",
        "contacts",
        "phones",
        "emails",
        "custom_field_values",
        "popup_notes",
        "popup_acknowledgements",
        "job_info",
        "job_service_lines",
        "job_stops",
        "job_inventory_items",
        "job_figure_lines",
        "invoices",
        "invoice_lines",
        "payments",
        "payment_applications",
        "contact_log_entries",
        "contact_log_revisions",
    ):
        assert getattr(summary, field) == count[field], field
    assert summary.office_settings == count["office_settings"] == 1
    assert summary.rows == sum(count.values())


def test_the_file_is_sound_and_keeps_its_indexes(db: sqlite3.Connection) -> None:
    assert _rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(db, "PRAGMA foreign_key_check") == []
    indexes = {name for (name,) in _rows(db, "SELECT name FROM sqlite_master WHERE type='index'")}
    for table in models.Base.metadata.tables.values():
        for index in table.indexes:
            assert index.name in indexes


def test_refuses_a_file_with_customers(generated: tuple[Engine, Any]) -> None:
    engine, _ = generated
    with engine.connect() as conn, pytest.raises(ValueError, match="without customers"):
        demo.generate(conn, customers=1, seed=1, today=TODAY)


def test_office_lists_already_there_are_reused(tmp_path: Path) -> None:
    engine = _engine(tmp_path / "lists.sqlite")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO terms (id, name, net_days, discount_percent, discount_days, "
                "sort_order, is_active, created_at, updated_at, version) "
                "VALUES (7, 'Net 30', 30, 0, 0, 0, 1, '2020-01-01 00:00:00.000000', "
                "'2020-01-01 00:00:00.000000', 1)"
            )
        )
        summary = demo.generate(conn, customers=20, seed=1, today=TODAY)
        used = conn.execute(text("SELECT count(*) FROM terms WHERE name = 'Net 30'")).scalar()
        on_customers = conn.execute(
            text("SELECT count(*) FROM customer_jobs WHERE terms_id = 7")
        ).scalar()
    engine.dispose()
    assert used == 1
    assert summary.terms == len(demo_data.TERMS) - 1
    assert on_customers


# ---------------------------------------------------------------- office lists


def test_office_settings_employees_and_lists(db: sqlite3.Connection) -> None:
    ((company, phone),) = _rows(db, "SELECT company_name, phone FROM office_settings WHERE id = 1")
    assert company in {name for name, _ in demo_data.COMPANIES}
    assert phone.startswith("(555)")
    roles = _rows(db, "SELECT sum(is_foreman), sum(is_sales_rep), count(*) FROM employees")[0]
    assert roles[0] >= 3 and roles[1] >= 2 and roles[2] > roles[0] + roles[1]
    lists = Counter(name for (name,) in _rows(db, "SELECT list_name FROM list_items"))
    assert set(lists) == set(models.SIMPLE_LISTS)
    types = {n for (n,) in _rows(db, "SELECT name FROM list_items WHERE list_name='customer_type'")}
    assert {"Residential", "Commercial", "Government", "Property Management"} <= types
    terms = {
        row[0]: row[1:]
        for row in _rows(db, "SELECT name, net_days, discount_percent, discount_days FROM terms")
    }
    assert terms["Due on receipt"] == (0, 0, 0)
    assert terms["Net 30"] == (30, 0, 0)
    assert terms["2% 10 Net 30"] == (30, 20_000, 10)  # 2 % in 1/10,000 units
    tax = {
        row[0]: row[1:] for row in _rows(db, "SELECT name, rate_percent, is_taxable FROM tax_codes")
    }
    assert tax["Tax"][0] > 0 and tax["Tax"][1] == 1
    assert tax["Non"] == (0, 0) and "Out of state" in tax
    methods = {n for (n,) in _rows(db, "SELECT name FROM payment_methods")}
    assert {"Cash", "Check", "Visa", "MasterCard", "American Express", "Discover", "ACH"} <= methods
    fields = dict(_rows(db, "SELECT name, field_type FROM custom_field_defs"))
    assert fields["Gate code"] == "text" and fields["Pets"] == "yes_no"
    assert fields["Equipment age"] == "number" and fields["Preferred day"] == "choice"


def test_job_types_are_a_hierarchy(db: sqlite3.Connection) -> None:
    types = {
        i: (p, n, f)
        for i, p, n, f in _rows(db, "SELECT id, parent_id, name, full_name FROM job_types")
    }
    for parent, name, full in types.values():
        expected = name if parent is None else f"{types[parent][2]}:{name}"
        assert full == expected
    names = {full for _, _, full in types.values()}
    assert {
        "Install",
        "Install:Furnace",
        "Install:AC",
        "Repair:Water Heater",
        "Move:Local",
    } <= names


# ------------------------------------------------------------------- the tree


def test_tree_columns_are_consistent(db: sqlite3.Connection) -> None:
    nodes = {
        row[0]: row
        for row in _rows(
            db,
            "SELECT id, parent_id, customer_id, depth, name, full_name, full_name_key, sort_key "
            "FROM customer_jobs",
        )
    }
    keys: Counter[str] = Counter()
    for node_id, parent, root, depth, name, full, key, sort in nodes.values():
        assert ":" not in name and name == name.strip() and name
        if parent is None:
            assert depth == 0 and root == node_id and full == name
        else:
            assert depth == nodes[parent][3] + 1 < models.MAX_DEPTH
            assert root == nodes[parent][2]
            assert full == f"{nodes[parent][5]}:{name}"
        assert key == keys_module.name_key(full)
        assert sort == keys_module.sort_key(name)
        keys[key] += 1
    assert max(keys.values()) == 1
    depths = Counter(row[3] for row in nodes.values())
    assert depths[0] == CUSTOMERS and depths[1] > CUSTOMERS and depths[2] > 0


def test_sort_key_puts_accented_and_special_latin_letters_with_plain_ones() -> None:
    assert keys_module.sort_key("Ångström, Lars") == "angstrom, lars"
    assert keys_module.sort_key("Nguyễn, Minh") == "nguyen, minh"
    assert keys_module.sort_key("Østergaard, Sanne") == "ostergaard, sanne"
    assert keys_module.sort_key("Jabłoński & Straße") == "jablonski & strasse"
    assert keys_module.sort_key("王伟") == "王伟"
    assert keys_module.name_key("Müller, JÜRGEN") == "müller, jürgen"
    decomposed = unicodedata.normalize("NFD", "José")
    assert keys_module.name_key(decomposed) == keys_module.name_key("José")


def test_every_job_status_and_job_info(db: sqlite3.Connection) -> None:
    statuses = Counter(s for (s,) in _rows(db, "SELECT status FROM job_info"))
    assert set(statuses) == set(models.JOB_STATUSES)
    missing = _rows(
        db,
        "SELECT count(*) FROM customer_jobs n LEFT JOIN job_info j ON j.job_id = n.id "
        "WHERE n.depth > 0 AND j.job_id IS NULL",
    )
    assert missing == [(0,)]
    today = TODAY.isoformat()
    for status, start, end, done, foreman, title, type_id in _rows(
        db,
        "SELECT status, start_date, projected_end_date, completion_date, foreman_id, title, "
        "job_type_id FROM job_info",
    ):
        assert title and type_id
        if status == "Closed":
            assert start is not None and done is not None and start <= done <= today
        else:
            assert done is None
        if status == "In Progress":
            assert start <= today <= end
        if status == "Awarded":
            assert start > today
        if status in ("None", "Not Awarded"):
            assert start is None and foreman is None
        if start is not None and end is not None:
            assert start <= end


def test_inactive_customers_have_inactive_jobs(db: sqlite3.Connection) -> None:
    ((inactive,),) = _rows(
        db, "SELECT count(*) FROM customer_jobs WHERE depth = 0 AND is_active = 0"
    )
    assert 0.03 * CUSTOMERS <= inactive <= 0.15 * CUSTOMERS
    active_jobs_of_inactive = _rows(
        db,
        "SELECT count(*) FROM customer_jobs j JOIN customer_jobs c ON c.id = j.customer_id "
        "WHERE j.depth > 0 AND c.is_active = 0 AND j.is_active = 1",
    )
    assert active_jobs_of_inactive == [(0,)]


def test_prospects_have_no_invoices_or_payments(db: sqlite3.Connection) -> None:
    prospects = [i for (i,) in _rows(db, "SELECT id FROM customer_jobs WHERE is_prospect = 1")]
    assert prospects
    assert _rows(db, "SELECT count(*) FROM customer_jobs WHERE is_prospect = 1 AND depth > 0") == [
        (0,)
    ]
    marks = ",".join("?" * len(prospects))
    assert _rows(
        db, f"SELECT count(*) FROM invoices WHERE customer_id IN ({marks})", *prospects
    ) == [(0,)]
    assert _rows(
        db, f"SELECT count(*) FROM payments WHERE customer_id IN ({marks})", *prospects
    ) == [(0,)]


def test_credit_holds_and_popup_notes(db: sqlite3.Connection) -> None:
    holds = _rows(
        db,
        "SELECT id, credit_hold_reason, credit_hold_at, credit_hold_by FROM customer_jobs "
        "WHERE credit_hold = 1",
    )
    assert holds
    employees = {n for (n,) in _rows(db, "SELECT name FROM employees")}
    for node_id, reason, at, by in holds:
        assert reason and at and by in employees
        overdue = _rows(
            db,
            "SELECT count(*) FROM invoices "
            "WHERE customer_id = ? AND status = 'open' AND due_date < ?",
            node_id,
            TODAY.isoformat(),
        )
        assert overdue[0][0] >= 1
    assert _rows(db, "SELECT count(*) FROM customer_jobs WHERE depth > 0 AND credit_hold = 1") == [
        (0,)
    ]
    notes = _rows(
        db, "SELECT text, on_open + on_caller_id + on_new_job + on_billing FROM popup_notes"
    )
    assert notes and all(text for text, _ in notes)
    assert any(triggers for _, triggers in notes)
    acks = _rows(
        db,
        "SELECT a.node_id, n.owner_id, a.employee_name FROM popup_acknowledgements a "
        "JOIN popup_notes n ON n.id = a.note_id",
    )
    assert acks
    roots = dict(_rows(db, "SELECT id, customer_id FROM customer_jobs"))
    for node, owner, employee in acks:
        assert roots[node] == owner and employee in employees


# ---------------------------------------------------------------- names, phones, emails


def test_names_are_varied_and_partly_non_ascii(db: sqlite3.Connection) -> None:
    names = [n for (n,) in _rows(db, "SELECT name FROM customer_jobs WHERE depth = 0")]
    non_ascii = [n for n in names if not n.isascii()]
    assert len(non_ascii) >= 0.05 * len(names)
    scripts = {unicodedata.name(ch).split()[0] for n in non_ascii for ch in n if not ch.isascii()}
    assert len(scripts) >= 3  # Latin with accents plus at least two other scripts
    assert any(", " in n for n in names)  # "Last, First"
    companies = _rows(
        db, "SELECT count(*) FROM customer_jobs WHERE depth = 0 AND company_name IS NOT NULL"
    )
    assert companies[0][0] >= 0.15 * CUSTOMERS


def test_addresses_are_us_style(db: sqlite3.Connection) -> None:
    rows = _rows(
        db, "SELECT owner_id, kind, line1, city, region, postal_code, country FROM addresses"
    )
    kinds = Counter(kind for _, kind, *_ in rows)
    assert kinds["bill_to"] >= 0.8 * CUSTOMERS and kinds["work"] > 0
    for _, _, line1, city, region, postal, country in rows:
        assert line1 and city and country == "US"
        assert re.fullmatch(r"[A-Z]{2}", region)
        assert re.fullmatch(r"\d{5}(-\d{4})?", postal)


def _typed_digits(as_typed: str, extension: str | None) -> str:
    digits = "".join(ch for ch in as_typed if ch.isdigit())
    if extension:
        assert digits.endswith(extension)
        digits = digits[: -len(extension)]
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def test_phones_keep_what_was_typed_and_a_consistent_key(db: sqlite3.Connection) -> None:
    phones = _rows(
        db,
        "SELECT owner_id, contact_id, kind, as_typed, extension, e164, digits_key, is_valid "
        "FROM phones",
    )
    assert phones
    formats: Counter[str] = Counter()
    for owner, contact, _kind, as_typed, extension, e164, key, valid in phones:
        assert (owner is None) != (contact is None)
        digits = _typed_digits(as_typed, extension)
        assert key == (digits[-10:][::-1] if len(digits) >= 4 else "")
        formats[re.sub(r"\d", "9", as_typed)] += 1
        if not valid:
            assert e164 is None
            with pytest.raises(phonenumbers.NumberParseException):
                number = phonenumbers.parse(as_typed, "US")
                if not phonenumbers.is_possible_number(number):
                    raise phonenumbers.NumberParseException(0, "impossible")
            continue
        number = phonenumbers.parse(as_typed, "US")
        assert phonenumbers.is_possible_number(number)
        assert (number.extension or None) == extension
        if len(digits) == 10:
            assert e164 == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            assert e164 == "+1" + digits
        else:  # typed without the area code: usable locally, no E.164 form
            assert e164 is None and len(digits) == 7
    assert {
        "(999) 999-9999",
        "999-999-9999",
        "999.999.9999",
        "+9 999 999 9999",
        "9999999999",
    } <= set(formats)
    assert any(" x" in typed or "ext" in typed for typed in (p[3] for p in phones))
    assert any(not p[7] for p in phones)  # junk kept as typed


def test_phones_agree_with_the_validation_module(db: sqlite3.Connection) -> None:
    validation = pytest.importorskip("officemgr.core.validation")
    for as_typed, extension, e164, key, valid in _rows(
        db, "SELECT as_typed, extension, e164, digits_key, is_valid FROM phones"
    ):
        parsed = validation.parse_phone(as_typed, "US")
        assert (parsed.is_valid, parsed.e164, parsed.extension, parsed.digits_key) == (
            bool(valid),
            e164,
            extension,
            key,
        ), as_typed


def test_main_phones_are_unique_across_customers(db: sqlite3.Connection) -> None:
    mains = _rows(
        db,
        "SELECT p.digits_key FROM phones p JOIN customer_jobs c ON c.id = p.owner_id "
        "WHERE c.depth = 0 AND p.kind = 'main'",
    )
    assert len(mains) >= 0.9 * CUSTOMERS
    assert len({k for (k,) in mains}) == len(mains)


def test_emails_valid_and_malformed(db: sqlite3.Connection) -> None:
    emails = _rows(db, "SELECT owner_id, contact_id, address, normalized, is_valid FROM emails")
    assert emails and any(not valid for *_, valid in emails)
    for owner, contact, address, normalized, valid in emails:
        assert (owner is None) != (contact is None)
        if valid:
            validate_email(address, check_deliverability=False)
            assert normalized == address.lower()
        else:
            assert normalized is None
            with pytest.raises(EmailNotValidError):
                validate_email(address, check_deliverability=False)


def test_contacts(db: sqlite3.Connection) -> None:
    per_customer = Counter(o for (o,) in _rows(db, "SELECT owner_id FROM contacts"))
    assert per_customer and max(per_customer.values()) <= 3
    with_phone = _rows(
        db, "SELECT count(DISTINCT contact_id) FROM phones WHERE contact_id IS NOT NULL"
    )
    assert with_phone[0][0] >= 0.8 * sum(per_customer.values())


# ----------------------------------------------------------------------- money


def test_invoice_totals_payments_and_statuses(db: sqlite3.Connection) -> None:
    invoices = _rows(
        db,
        "SELECT id, number, node_id, customer_id, invoice_date, due_date, terms_id, "
        "tax_rate_percent, subtotal, tax, total, amount_paid, status FROM invoices ORDER BY number",
    )
    assert invoices
    numbers = [row[1] for row in invoices]
    assert numbers == list(
        range(demo.FIRST_INVOICE_NUMBER, demo.FIRST_INVOICE_NUMBER + len(numbers))
    )
    lines: dict[int, list[tuple[int, int, int, int]]] = {}
    for invoice, qty, rate, amount, taxable in _rows(
        db, "SELECT invoice_id, quantity, rate, amount, is_taxable FROM invoice_lines"
    ):
        lines.setdefault(invoice, []).append((qty, rate, amount, taxable))
    applied = dict(
        _rows(db, "SELECT invoice_id, sum(amount) FROM payment_applications GROUP BY invoice_id")
    )
    net_days = dict(_rows(db, "SELECT id, net_days FROM terms"))
    roots = dict(_rows(db, "SELECT id, customer_id FROM customer_jobs"))
    statuses: Counter[str] = Counter()
    for (
        inv_id,
        _n,
        node,
        root,
        day,
        due,
        terms,
        rate,
        subtotal,
        tax,
        total,
        paid,
        status,
    ) in invoices:
        assert roots[node] == root
        assert lines[inv_id]
        # quantities and rates in 1/10,000, amounts and tax in cents
        for qty, unit, amount, _ in lines[inv_id]:
            exact = Decimal(qty) * unit / 1_000_000
            assert Decimal(amount) == exact.quantize(Decimal(1), rounding="ROUND_HALF_UP")
        assert subtotal == sum(line[2] for line in lines[inv_id])
        # Tax is rounded once, from the exact taxable base (not the rounded amounts).
        taxable = sum(Decimal(line[0]) * line[1] / 1_000_000 for line in lines[inv_id] if line[3])
        expected_tax = (taxable * Decimal(rate) / 1_000_000).quantize(
            Decimal(1), rounding="ROUND_HALF_UP"
        )
        assert tax == expected_tax
        assert total == subtotal + tax
        assert paid == applied.get(inv_id, 0)
        assert (status == "paid") == (status != "void" and paid == total)
        if status == "void":
            assert paid == 0
        expected_due = date.fromordinal(
            date.fromisoformat(day).toordinal() + net_days.get(terms, 0)
        )
        assert due == expected_due.isoformat()
        statuses[status] += 1
        if status == "open" and due < TODAY.isoformat():
            statuses["overdue"] += 1
    assert statuses["paid"] and statuses["open"] and statuses["overdue"]
    # Each invoice was taxed at the rate its tax code says (new invoices are taxed so too).
    untrue = _rows(
        db,
        "SELECT count(*) FROM invoices i JOIN tax_codes t ON t.id = i.tax_code_id "
        "WHERE i.tax_rate_percent <> CASE WHEN t.is_taxable THEN t.rate_percent ELSE 0 END",
    )
    assert untrue == [(0,)]
    assert _rows(db, "SELECT rate_percent FROM tax_codes WHERE name = 'Tax'") == [(75_000,)]
    partial = _rows(
        db, "SELECT count(*) FROM invoices WHERE amount_paid > 0 AND amount_paid < total"
    )
    assert partial[0][0] > 0


def test_payments_match_their_applications(db: sqlite3.Connection) -> None:
    for pid, amount, void, applied, day, root in _rows(
        db,
        "SELECT p.id, p.amount, p.is_void, coalesce(sum(a.amount), 0), p.received_on, "
        "p.customer_id FROM payments p LEFT JOIN payment_applications a ON a.payment_id = p.id "
        "GROUP BY p.id",
    ):
        assert day <= TODAY.isoformat()
        assert applied == (0 if void else amount), pid
        assert root
    crossed = _rows(
        db,
        "SELECT count(*) FROM payment_applications a JOIN payments p ON p.id = a.payment_id "
        "JOIN invoices i ON i.id = a.invoice_id WHERE p.customer_id <> i.customer_id "
        "OR p.received_on < i.invoice_date",
    )
    assert crossed == [(0,)]


def test_balances_are_recomputed(generated: tuple[Engine, Any]) -> None:
    engine, _ = generated
    with engine.connect() as conn:
        expected = balances.expected(conn)
        stored = {
            node_id: (balance, total)
            for node_id, balance, total in conn.execute(
                models.CustomerJob.__table__.select().with_only_columns(
                    models.CustomerJob.id,
                    models.CustomerJob.balance,
                    models.CustomerJob.balance_total,
                )
            )
        }
    assert stored == expected
    assert any(total > 0 for _, total in stored.values())


def test_the_search_index_is_what_search_makes_of_the_rows(
    generated: tuple[Engine, Any],
) -> None:
    """Made from the rows as they were generated, it is what Verify Data expects."""
    engine, _ = generated
    with engine.connect() as conn:
        assert search.out_of_date(conn) == ([], 0)
        nodes = conn.execute(text("SELECT count(*) FROM customer_jobs")).scalar_one()
        indexed = conn.exec_driver_sql(f"SELECT count(*) FROM {search.FTS_TABLE}").scalar_one()
        # a contact's e-mail finds the customer it belongs to
        owner, address = conn.execute(
            text(
                "SELECT c.owner_id, e.address FROM emails e JOIN contacts c ON c.id = e.contact_id"
                " WHERE e.is_valid LIMIT 1"
            )
        ).one()
        found = search.find(conn, address, show="all")
    assert indexed == nodes
    assert owner in found


def test_mover_jobs_have_services_stops_inventory_and_figures(db: sqlite3.Connection) -> None:
    moves = _rows(
        db,
        "SELECT j.job_id, j.status, j.estimate_type FROM job_info j "
        "JOIN job_types t ON t.id = j.job_type_id JOIN customer_jobs n ON n.id = j.job_id "
        "WHERE t.full_name LIKE 'Move:%' AND n.depth = 1",
    )
    assert moves
    for job_id, status, estimate_type in moves:
        assert estimate_type in models.ESTIMATE_TYPES
        assert _rows(db, "SELECT count(*) FROM job_service_lines WHERE job_id = ?", job_id)[0][0]
        kinds = [
            k
            for (k,) in _rows(
                db, "SELECT kind FROM job_stops WHERE job_id = ? ORDER BY position", job_id
            )
        ]
        assert kinds[0] == "pickup" and kinds[-1] == "delivery"
        assert _rows(db, "SELECT count(*) FROM job_inventory_items WHERE job_id = ?", job_id)[0][0]
        phases = Counter(
            p for (p,) in _rows(db, "SELECT phase FROM job_figure_lines WHERE job_id = ?", job_id)
        )
        assert phases["estimate"] > 0
        assert (phases["final"] > 0) == (status == "Closed")
    bad = _rows(
        db,
        "SELECT count(*) FROM job_figure_lines WHERE amount <> (quantity * rate + 500000) / "
        "1000000",
    )
    assert bad == [(0,)]


# -------------------------------------------------------------------- contact log


def test_contact_log(db: sqlite3.Connection) -> None:
    entries = _rows(
        db,
        "SELECT e.node_id, e.customer_id, n.customer_id, e.at, e.kind, e.subject, e.details, "
        "e.follow_up_on, e.employee_id, e.employee_name, e.is_system, e.contact_id "
        "FROM contact_log_entries e JOIN customer_jobs n ON n.id = e.node_id",
    )
    assert 6 * CUSTOMERS <= len(entries) <= 14 * CUSTOMERS
    employees = dict(_rows(db, "SELECT id, name FROM employees"))
    contact_owner = dict(_rows(db, "SELECT id, owner_id FROM contacts"))
    first = date.fromordinal(TODAY.toordinal() - demo.LOG_DAYS - 1).isoformat()
    kinds: Counter[str] = Counter()
    on_jobs = 0
    for (
        node,
        customer,
        root,
        at,
        kind,
        subject,
        details,
        follow,
        emp_id,
        emp_name,
        system,
        contact,
    ) in entries:
        assert customer == root
        on_jobs += node != customer
        assert first <= at < TODAY.isoformat() + " 23"
        assert subject and details and "{" not in subject + details
        assert employees[emp_id] == emp_name
        assert bool(system) == (kind == "System")
        if follow is not None:
            assert follow > at[:10]
        if contact is not None:
            assert contact_owner[contact] == customer
        kinds[kind] += 1
    assert set(kinds) == set(models.LOG_KINDS)
    assert on_jobs > 0.2 * len(entries)
    assert any("&" in details or "<b>" in details for *_, details, _f, _e, _n, _s, _c in entries)
    revisions = _rows(
        db,
        "SELECT r.changed_at, e.created_at, e.updated_at, e.version FROM contact_log_revisions r "
        "JOIN contact_log_entries e ON e.id = r.entry_id",
    )
    for changed, created, updated, version in revisions:
        assert created < changed == updated and version == 2
