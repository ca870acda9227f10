"""Customer Statements: opening, lines, running balance, closing and aging, each checked
against ``co.accounts.balance`` — on hand-made books, on a sample company and on random
books with voids around the period's edges — and the choices, pages and refusals."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from officemgr import Company
from officemgr.core import models as m
from officemgr.errors import NotFoundError, ValidationError
from officemgr.reports import open_balances, statements
from officemgr.reports.base import ReportCancelled
from officemgr.reports.statements import StatementsOptions
from officemgr.samples import make_demo_company

FIRST = date(2026, 10, 1)
LAST = date(2026, 10, 31)
BEFORE = FIRST - timedelta(days=1)
ZERO = Decimal("0.00")


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdf_lines(path: Path) -> list[str]:
    return [line.strip() for page in pdf_pages(path) for line in page.splitlines()]


def read(co: Any, **choices: Any) -> list[statements.Statement]:
    choices.setdefault("date_from", FIRST)
    choices.setdefault("date_to", LAST)
    with co.read() as session:
        return list(statements.statements(session, StatementsOptions(**choices)))


def rows(co: Any, **choices: Any) -> list[tuple[Any, ...]]:
    choices.setdefault("date_from", FIRST)
    choices.setdefault("date_to", LAST)
    with co.read() as session:
        return [tuple(r) for r in statements.table(session, StatementsOptions(**choices)).rows]


def render(co: Any, out: Path, **choices: Any) -> Any:
    choices.setdefault("date_from", FIRST)
    choices.setdefault("date_to", LAST)
    return statements.render(co, StatementsOptions(**choices), out)


def local(day: date, at: time = time(10, 0)) -> datetime:
    """``at`` on ``day`` in this computer's time zone (the office's day, as balances count)."""
    return datetime.combine(day, at).astimezone()


def set_voided_at(co: Any, model: type[Any], record_id: int, when: datetime) -> None:
    """Move a void (made now through the service) to ``when``."""
    with co.write() as session:
        session.get(model, record_id).voided_at = when


def open_balances_aging(co: Any, customer: int) -> tuple[Decimal, ...]:
    """A customer's bucket totals in Open Balances by Customer as of the statement date."""
    buckets = [ZERO] * len(open_balances.BUCKETS)
    options = open_balances.OpenBalancesOptions(as_of=LAST, customers=(customer,))
    with co.read() as session:
        for listed in open_balances.customer_balances(session, options):
            for item in listed.items:
                buckets[open_balances.item_column(item, LAST)] += item.amount
    return tuple(buckets)


class Books:
    """An office with an address and customers with Bill To addresses, billed through the
    services."""

    def __init__(self, co: Any) -> None:
        self.co = co
        with co.write() as session:
            office = session.get(m.OfficeSettings, 1) or m.OfficeSettings(id=1)
            office.company_name = "Acme Heating & Air"
            office.line1 = "500 Main St"
            office.city = "Dayton"
            office.region = "OH"
            office.postal_code = "45402"
            office.phone = "937-555-0100"
            office.email = "office@acme.example"
            session.add(office)
            net30 = session.query(m.Terms).filter_by(name="Net 30").one_or_none()
            if net30 is None:
                net30 = m.Terms(name="Net 30", net_days=30)
                session.add(net30)
                session.flush()
            assert net30.net_days == 30
            self.net30 = net30.id

    def customer(self, name: str, **fields: Any) -> int:
        bill_to = {"line1": "12 Oak St", "city": "Dayton", "region": "OH", "postal_code": "45402"}
        return int(self.co.customers.add(name=name, bill_to=bill_to, **fields).id)

    def job(self, customer: int, name: str) -> int:
        return int(self.co.jobs.add(parent=customer, name=name, status="Pending").id)

    def invoice(self, node: int, amount: str, day: date, **more: Any) -> Any:
        lines = [{"description": "Service", "rate": amount, "is_taxable": False}]
        return self.co.invoices.add(node=node, lines=lines, invoice_date=day, **more)

    def pay(self, customer: int, amount: str, day: date, **more: Any) -> Any:
        return self.co.payments.add(customer=customer, amount=amount, received_on=day, **more)


@pytest.fixture
def books(company: Any) -> Books:
    return Books(company)


# ---------------------------------------------------------------- one statement


def test_opening_lines_running_balance_closing_and_aging(
    company: Any, books: Books, tmp_path: Path
) -> None:
    smith = books.customer("Smith, John", account_number="A-1001")
    furnace = books.job(smith, "Furnace")
    old = books.invoice(smith, "100.00", date(2026, 9, 15))  # before: the opening balance
    big = books.invoice(furnace, "2500.00", date(2026, 10, 5))
    books.pay(
        smith, "40.00", date(2026, 10, 10), reference="Check 2231", applications={old.id: "40"}
    )
    late = books.invoice(smith, "250.00", date(2026, 10, 20))
    net30 = books.invoice(smith, "75.50", date(2026, 10, 31), terms_id=books.net30)
    books.invoice(smith, "999.00", date(2026, 11, 2))  # after the period: not on it

    assert company.accounts.balance(smith, as_of=BEFORE) == Decimal("100.00")
    closing = company.accounts.balance(smith, as_of=LAST)
    assert closing == Decimal("2885.50")

    [statement] = read(company)
    assert statement.opening == Decimal("100.00")
    assert statement.closing == closing == statement.amount_due
    d = Decimal
    assert [(x.day, x.kind, x.number, x.job, x.amount, x.balance) for x in statement.lines] == [
        (date(2026, 10, 5), "Invoice", str(big.number), "Furnace", d("2500.00"), d("2600.00")),
        (date(2026, 10, 10), "Payment", "Check 2231", None, d("-40.00"), d("2560.00")),
        (date(2026, 10, 20), "Invoice", str(late.number), None, d("250.00"), d("2810.00")),
        (date(2026, 10, 31), "Invoice", str(net30.number), None, d("75.50"), d("2885.50")),
    ]
    # Current: due Nov 30; 1–30: 26 and 11 days past due; 31–60: 60.00 left of Sep 15's.
    assert statement.aging == (Decimal("75.50"), Decimal("2750.00"), Decimal("60.00"), ZERO, ZERO)
    assert sum(statement.aging, ZERO) == closing

    lines = [
        ("Smith, John", x.day, x.kind, x.number, x.job, x.amount, x.balance)
        for x in statement.lines
    ]
    assert rows(company) == [
        ("Smith, John", BEFORE, "Opening balance", None, None, None, Decimal("100.00")),
        *lines,
        ("Smith, John", LAST, "Closing balance", None, None, None, closing),
    ]

    out = tmp_path / "statements.pdf"
    result = render(company, out)
    assert (result.entries, result.pages) == (1, 1)
    text = pdf_lines(out)
    joined = "\n".join(text)
    for expected in (
        "Acme Heating & Air",
        "500 Main St",
        "Dayton, OH 45402",
        "Statement date",
        "2026-10-01 to 2026-10-31",
        "Account A-1001",
        "Smith, John",
        "12 Oak St",
        "2026-09-30 Opening balance 100.00",
        f"2026-10-05 Invoice {big.number} Furnace 2,500.00 2,600.00",
        "2026-10-10 Payment Check 2231 -40.00 2,560.00",
        f"2026-10-20 Invoice {late.number} 250.00 2,810.00",
        f"2026-10-31 Invoice {net30.number} 75.50 2,885.50",
        "Closing balance",
        "75.50 2,750.00 60.00 0.00 0.00 2,885.50",  # the aging strip, then the amount due
        "Page 1 of 1",
    ):
        assert expected in text, expected
    assert "Please make checks payable to Acme Heating & Air and send them to 500 Main St" in joined
    assert "999.00" not in joined
    assert text.count("2,885.50") == 2  # amount due at the top, closing balance at the end


def test_a_customer_with_nothing_in_the_period_but_an_opening_balance(
    company: Any, books: Books, tmp_path: Path
) -> None:
    quiet = books.customer(
        "Quiet Ltd", opening_balance="420.00", opening_balance_date=date(2026, 3, 1)
    )
    assert company.accounts.balance(quiet, as_of=LAST) == Decimal("420.00")
    [statement] = read(company)
    assert statement.lines == ()
    assert statement.opening == statement.closing == Decimal("420.00")
    assert statement.aging[-1] == Decimal("420.00")  # due long ago: over 90
    assert rows(company) == [
        ("Quiet Ltd", BEFORE, "Opening balance", None, None, None, Decimal("420.00")),
        ("Quiet Ltd", LAST, "Closing balance", None, None, None, Decimal("420.00")),
    ]
    out = tmp_path / "s.pdf"
    render(company, out)
    text = pdf_lines(out)
    assert "2026-09-30 Opening balance 420.00" in text
    assert "0.00 0.00 0.00 0.00 420.00 420.00" in text


def test_an_opening_balance_dated_in_the_period_is_a_line(company: Any, books: Books) -> None:
    owes = books.customer("Owes", opening_balance="80.00", opening_balance_date=date(2026, 10, 7))
    owed = books.customer("Owed", opening_balance="-30.00", opening_balance_date=date(2026, 10, 8))
    by_id = {s.customer_id: s for s in read(company)}
    assert by_id[owes].opening == ZERO
    assert [(x.kind, x.amount) for x in by_id[owes].lines] == [("Starting balance", Decimal("80"))]
    assert [(x.kind, x.amount) for x in by_id[owed].lines] == [("Starting credit", Decimal("-30"))]
    assert by_id[owed].closing == company.accounts.balance(owed, as_of=LAST) == Decimal("-30.00")
    assert by_id[owed].aging[0] == ZERO  # a negative opening balance is aged by its date


def test_voids_in_the_period(company: Any, books: Books, tmp_path: Path) -> None:
    acme = books.customer("Acme")
    before = books.invoice(acme, "300.00", date(2026, 9, 20))  # voided in the period
    company.invoices.void(before.id, reason="Billed twice", by="Dana")
    set_voided_at(company, m.Invoice, before.id, local(date(2026, 10, 12)))
    paid = books.invoice(acme, "50.00", date(2026, 9, 21))
    check = books.pay(acme, "50.00", date(2026, 9, 25), applications={paid.id: "50"})
    company.payments.void(check.id, reason="Returned check", by="Dana")
    set_voided_at(company, m.Payment, check.id, local(date(2026, 10, 15)))
    within = books.invoice(acme, "70.00", date(2026, 10, 3))  # made and voided in the period
    company.invoices.void(within.id, reason="Wrong customer", by="Dana")
    set_voided_at(company, m.Invoice, within.id, local(date(2026, 10, 4)))
    same_day = books.invoice(acme, "900.00", date(2026, 10, 6))  # void by the end of its day
    company.invoices.void(same_day.id, reason="Typo", by="Dana")
    set_voided_at(company, m.Invoice, same_day.id, local(date(2026, 10, 6), time(23, 59, 59)))
    at_midnight = books.invoice(acme, "11.00", date(2026, 9, 29))  # void the first moment of Oct 1
    company.invoices.void(at_midnight.id, reason="Typo", by="Dana")
    set_voided_at(company, m.Invoice, at_midnight.id, local(FIRST, time(0, 0)))
    gone = books.invoice(acme, "13.00", date(2026, 9, 29))  # void the last moment of Sep 30
    company.invoices.void(gone.id, reason="Typo", by="Dana")
    set_voided_at(company, m.Invoice, gone.id, local(BEFORE, time(23, 59, 59)))

    assert company.accounts.balance(acme, as_of=BEFORE) == Decimal("311.00")  # 300 + 11
    assert company.accounts.balance(acme, as_of=LAST) == Decimal("50.00")  # paid again by nobody
    [statement] = read(company)
    assert statement.opening == Decimal("311.00")
    assert [(x.day, x.kind, x.number, x.amount) for x in statement.lines] == [
        (FIRST, "Void invoice", str(at_midnight.number), Decimal("-11.00")),
        (date(2026, 10, 3), "Invoice", str(within.number), Decimal("70.00")),
        (date(2026, 10, 4), "Void invoice", str(within.number), Decimal("-70.00")),
        (date(2026, 10, 12), "Void invoice", str(before.number), Decimal("-300.00")),
        (date(2026, 10, 15), "Void payment", None, Decimal("50.00")),
    ]
    assert statement.lines[-1].balance == statement.closing == Decimal("50.00")
    out = tmp_path / "s.pdf"
    render(company, out)
    text = pdf_lines(out)
    assert f"2026-10-12 Void invoice {before.number} -300.00 0.00" in text
    assert "2026-10-15 Void payment 50.00 50.00" in text
    assert str(same_day.number) not in "\n".join(text)
    assert str(gone.number) not in "\n".join(text)


def paid_twice(company: Any, books: Books) -> int:
    """A check that bounces after the statement date, and a new payment dated before it:
    on the statement date both count, and the invoice is paid twice."""
    bell = books.customer("Bell")
    books.invoice(bell, "100.00", date(2026, 9, 1))
    bounced = books.pay(bell, "100.00", date(2026, 9, 1))
    company.payments.void(bounced.id, reason="Bounced", by="Dana")
    set_voided_at(company, m.Payment, bounced.id, local(date(2026, 11, 9)))
    books.pay(bell, "100.00", date(2026, 10, 2))
    return bell


def test_an_invoice_paid_twice_on_the_statement_date(company: Any, books: Books) -> None:
    bell = paid_twice(company, books)
    [statement] = read(company)
    assert statement.opening == company.accounts.balance(bell, as_of=BEFORE) == ZERO
    assert statement.closing == company.accounts.balance(bell, as_of=LAST) == Decimal("-100.00")
    assert [(x.kind, x.balance) for x in statement.lines] == [("Payment", Decimal("-100.00"))]
    assert statement.aging == open_balances_aging(company, bell)  # Open Balances' rule


def test_the_aging_strip_of_an_invoice_paid_twice_adds_up_to_the_amount_due(
    company: Any, books: Books
) -> None:
    paid_twice(company, books)
    [statement] = read(company)
    assert sum(statement.aging, ZERO) == statement.amount_due


# ---------------------------------------------------------------- who gets one


def test_overdue_lists_exactly_the_customers_with_something_past_due(
    company: Any, books: Books
) -> None:
    late = books.customer("Late")
    books.invoice(late, "100.00", date(2026, 10, 1))  # due Oct 1: past due on Oct 31
    fresh = books.customer("Fresh")
    books.invoice(fresh, "100.00", date(2026, 10, 20), terms_id=books.net30)  # due in Nov
    evened = books.customer("Evened")  # past due, and a credit as large: owes nothing
    books.invoice(evened, "60.00", date(2026, 9, 1))
    books.pay(evened, "60.00", date(2026, 9, 2), applications={})
    paid = books.customer("Paid")
    books.invoice(paid, "10.00", date(2026, 9, 1))
    books.pay(paid, "10.00", date(2026, 9, 3))
    later = books.customer("Paid Later")  # paid after the statement date: overdue on it
    books.invoice(later, "20.00", date(2026, 9, 1))
    books.pay(later, "20.00", date(2026, 11, 3))
    books.customer("Nothing")

    everyone = [late, fresh, evened, paid, later]
    expected = [c for c in everyone if company.accounts.summary(c, as_of=LAST).overdue > 0]
    assert sorted(expected) == sorted([late, evened, later])
    overdue = read(company, which="overdue")
    assert sorted(s.customer_id for s in overdue) == sorted(expected)
    assert {s.customer_id: s.closing for s in overdue}[evened] == ZERO
    with_balance = read(company)  # the default: every customer with a balance
    assert sorted(s.customer_id for s in with_balance) == sorted([late, fresh, later])


def test_chosen_customers_by_id_or_name_zero_balances_when_asked(
    company: Any, books: Books, tmp_path: Path
) -> None:
    zed = books.customer("Zed Owes")
    books.invoice(zed, "5.00", date(2026, 10, 2))
    amy = books.customer("Amy Owes")
    books.invoice(amy, "7.00", date(2026, 10, 2))
    settled = books.customer("Settled")
    books.invoice(settled, "9.00", date(2026, 10, 2))
    books.pay(settled, "9.00", date(2026, 10, 3))

    chosen = read(company, which="chosen", customers=[zed, "amy owes", settled])
    assert [s.customer_name for s in chosen] == ["Amy Owes", "Zed Owes"]  # list order
    with_zero = read(company, which="chosen", customers=[settled, zed], include_zero=True)
    assert [s.customer_name for s in with_zero] == ["Settled", "Zed Owes"]
    assert [(x.kind, x.balance) for x in with_zero[0].lines] == [
        ("Invoice", Decimal("9.00")),
        ("Payment", ZERO),
    ]
    out = tmp_path / "s.pdf"
    result = render(company, out, which="chosen", customers=[settled])
    assert (result.entries, result.pages) == (0, 1)
    assert any("No customer has a statement" in line for line in pdf_lines(out))
    job = books.job(zed, "Roof")
    with pytest.raises(ValidationError) as refused:
        read(company, which="chosen", customers=[job])
    assert refused.value.field == "customers"
    with pytest.raises(NotFoundError, match="Nobody"):
        read(company, which="chosen", customers=["Nobody"])


def test_names_in_other_scripts_and_markup_print_as_typed(
    company: Any, books: Books, tmp_path: Path
) -> None:
    for name in ("<b>Bold</b> & Sons", "Παπαδόπουλος, Νίκος", "田中 太郎"):
        node = books.customer(name)
        books.invoice(books.job(node, "Κουζίνα <i>"), "12.00", date(2026, 10, 2))
    out = tmp_path / "s.pdf"
    assert render(company, out).entries == 3
    text = "\n".join(pdf_lines(out))
    for expected in ("<b>Bold</b> & Sons", "Παπαδόπουλος, Νίκος", "田中 太郎", "Κουζίνα <i>"):
        assert expected in text, expected


# ---------------------------------------------------------------- pages


def test_page_numbers_restart_for_each_customer(company: Any, books: Books, tmp_path: Path) -> None:
    busy = books.customer("Busy Bee")
    shop = books.job(busy, "A job with a name long enough to wrap onto a second line of its cell")
    for n in range(80):
        books.invoice(shop if n % 2 else busy, f"{n + 1}.00", FIRST + timedelta(days=n % 30))
    small = books.customer("Small")
    books.invoice(small, "3.00", date(2026, 10, 9))
    out = tmp_path / "s.pdf"
    result = render(company, out)
    pages = pdf_pages(out)
    footers = [page.strip().splitlines()[-1] for page in pages]
    count = len(pages) - 1  # Busy Bee's pages, then Small's one
    assert count >= 2
    assert footers == [f"Page {n} of {count}" for n in range(1, count + 1)] + ["Page 1 of 1"]
    assert result.pages == len(pages) and result.entries == 2
    assert "Busy Bee (continued)" in pages[1]
    assert "Small" in pages[-1] and "Busy Bee" not in pages[-1]
    busy_text = "\n".join(pages[:-1])
    assert busy_text.count("Invoice") == 80
    [statement, _] = read(company)
    assert statement.lines[-1].balance == statement.closing == Decimal(sum(range(1, 81)))


def test_paper_sizes(company: Any, books: Books, tmp_path: Path) -> None:
    books.invoice(books.customer("Paper"), "1.00", date(2026, 10, 5))
    for paper, width in (("a4", 595), ("letter", 612)):
        out = tmp_path / f"{paper}.pdf"
        render(company, out, paper=paper)
        page = PdfReader(out).pages[0]
        assert round(float(page.mediabox.width)) == width
        assert float(page.mediabox.height) > float(page.mediabox.width)  # portrait


def test_progress_and_cancel(company: Any, books: Books, tmp_path: Path) -> None:
    for n in range(5):
        books.invoice(books.customer(f"Customer {n}"), "10.00", date(2026, 10, 5))
    seen: list[tuple[int, int]] = []
    out = tmp_path / "s.pdf"
    options = StatementsOptions(date_from=FIRST, date_to=LAST)
    statements.render(company, options, out, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    stop = tmp_path / "stopped.pdf"
    with pytest.raises(ReportCancelled):
        statements.render(company, options, stop, cancelled=lambda: True)
    assert not stop.exists()
    assert list(tmp_path.glob("*.partial")) == []


# ---------------------------------------------------------------- options


@pytest.mark.parametrize(
    ("choices", "field"),
    [
        ({"date_from": "2026-11-01", "date_to": "2026-10-31"}, "date_from"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"date_to": 20261031}, "date_to"),
        ({"date_to": date(9999, 12, 31)}, "date_to"),
        ({"which": "everyone"}, "which"),
        ({"which": None}, "which"),
        ({"which": "chosen"}, "customers"),
        ({"which": "chosen", "customers": "Smith"}, "customers"),
        ({"which": "chosen", "customers": (True,)}, "customers"),
        ({"which": "overdue", "customers": (1,)}, "customers"),
        ({"include_zero": True}, "include_zero"),
        ({"which": "chosen", "customers": (1,), "include_zero": "maybe"}, "include_zero"),
        ({"paper": "legal"}, "paper"),
        ({"today": "soon"}, "today"),
    ],
)
def test_bad_options_are_refused_naming_the_field(
    company: Any, tmp_path: Path, choices: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        StatementsOptions(**choices).checked()
    assert refused.value.field == field
    with pytest.raises(ValidationError):
        statements.render(company, StatementsOptions(**choices), tmp_path / "s.pdf")
    assert not (tmp_path / "s.pdf").exists()


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (date(2026, 12, 7), date(2026, 11, 1), date(2026, 11, 30)),
        (date(2026, 1, 1), date(2025, 12, 1), date(2025, 12, 31)),
        (date(2024, 3, 31), date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_the_default_period_is_the_last_full_month(today: date, first: date, last: date) -> None:
    checked = StatementsOptions(today=today).checked()
    assert checked.period() == (first, last)
    assert StatementsOptions(date_to=date(2026, 5, 20)).checked().period() == (
        date(2026, 5, 1),
        date(2026, 5, 20),
    )


def test_the_report_entry() -> None:
    info = statements.INFO
    assert (info.key, info.name, info.category) == (
        "statements",
        "Customer Statements",
        "Customers & Receivables",
    )
    assert info.options_type is StatementsOptions and info.table is statements.table
    assert statements.ENTRY.module == "statements"


# ---------------------------------------------------------------- one truth


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("sample") / "Sample.officemgr"
    make_demo_company(path, customers=300, seed=7)
    with Company.open(path) as co:
        yield co


def customer_ids(co: Any) -> list[int]:
    return [row.id for row in co.tree.children(parent_id=None, show="all", limit=10_000)]


@pytest.mark.parametrize("all_at_once", [False, True])
def test_every_closing_balance_is_the_customers_balance_on_a_sample_company(
    sample: Any, all_at_once: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Batches of 37 customers; figures read batch by batch, or for the whole company.
    monkeypatch.setattr(statements, "BATCH", 37)
    monkeypatch.setattr(statements, "WHOLE", 0 if all_at_once else 10**9)
    options = StatementsOptions(today=date.today())
    first, last = options.checked().period()
    everyone = customer_ids(sample)
    assert len(everyone) == 300
    owed = {c: sample.accounts.balance(c, as_of=last) for c in everyone}
    before = {c: sample.accounts.balance(c, as_of=first - timedelta(days=1)) for c in everyone}

    with sample.read() as session:
        listed = list(statements.statements(session, options))
        every = list(
            statements.statements(
                session,
                StatementsOptions(which="chosen", customers=tuple(everyone), include_zero=True),
            )
        )
    assert sorted(s.customer_id for s in listed) == sorted(c for c in everyone if owed[c] != 0)
    assert len(every) == 300
    for statement in every:
        customer = statement.customer_id
        assert statement.closing == owed[customer], statement.customer_name
        assert statement.opening == before[customer], statement.customer_name
        running = statement.lines[-1].balance if statement.lines else statement.opening
        assert running == statement.closing, statement.customer_name
        assert sum(statement.aging, ZERO) == statement.closing, statement.customer_name
    assert any(s.lines for s in listed)
    assert any(
        x.kind in ("Payment", "Void invoice", "Void payment") for s in every for x in s.lines
    )

    out = tmp_path / "sample.pdf"
    result = statements.render(sample, options, out)
    assert result.entries == len(listed) and result.pages >= len(listed)
    pages = pdf_pages(out)
    assert len(pages) == result.pages
    assert sum(1 for page in pages if "Page 1 of" in page) == len(listed)


# Days around the period's edges, and times around midnight for voids.
DAYS = [FIRST + timedelta(days=n) for n in (-40, -2, -1, 0, 1, 15, 29, 30, 31, 32)]
TIMES = [time(0, 0), time(0, 0, 1), time(12, 0), time(23, 59, 59)]
AMOUNTS = ["0.01", "10.00", "99.99", "250.00"]
# A void on one of DAYS, or the day before, of or after the record's own date.
VOID_DAYS = st.one_of(st.sampled_from(DAYS), st.integers(-1, 1))

ON_DAY = st.sampled_from(DAYS)
AMOUNT = st.sampled_from(AMOUNTS)
AT = st.sampled_from(TIMES)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("invoice"), st.integers(0, 3), ON_DAY, AMOUNT),
        st.tuples(st.just("payment"), st.integers(0, 3), ON_DAY, AMOUNT, st.booleans()),
        st.tuples(st.just("void invoice"), st.integers(0, 20), VOID_DAYS, AT),
        st.tuples(st.just("void payment"), st.integers(0, 20), VOID_DAYS, AT),
    ),
    min_size=1,
    max_size=14,
)
openings = st.lists(
    st.tuples(st.sampled_from(["0", "35.00", "-20.00"]), st.sampled_from(DAYS)),
    min_size=2,
    max_size=2,
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations, opening=openings)
def test_random_books_statements_agree_with_the_balances(
    template_company_file: Path,
    tmp_path_factory: pytest.TempPathFactory,
    ops: list[tuple[Any, ...]],
    opening: list[tuple[str, date]],
) -> None:
    path = tmp_path_factory.mktemp("books") / "Books.officemgr"
    shutil.copyfile(template_company_file, path)
    with Company.open(path) as co:
        books = Books(co)
        customers = [
            books.customer(f"Customer {n}", opening_balance=amount, opening_balance_date=day)
            for n, (amount, day) in enumerate(opening)
        ]
        nodes = [*customers, books.job(customers[0], "Job A"), books.job(customers[1], "Job B")]
        invoices: list[tuple[int, date]] = []
        payments: list[tuple[int, date]] = []
        for op in ops:
            kind = op[0]
            try:
                if kind == "invoice":
                    invoices.append((books.invoice(nodes[op[1]], op[3], op[2]).id, op[2]))
                elif kind == "payment":
                    applications = None if op[4] else {}
                    payment = books.pay(
                        customers[op[1] % 2], op[3], op[2], applications=applications
                    )
                    payments.append((payment.id, op[2]))
                elif kind == "void invoice" and invoices:
                    invoice_id, dated = invoices[op[1] % len(invoices)]
                    co.invoices.void(invoice_id, reason="Test", by="Tests")
                    when = dated + timedelta(days=op[2]) if isinstance(op[2], int) else op[2]
                    set_voided_at(co, m.Invoice, invoice_id, local(when, op[3]))
                elif kind == "void payment" and payments:
                    payment_id, dated = payments[op[1] % len(payments)]
                    co.payments.void(payment_id, reason="Test", by="Tests")
                    when = dated + timedelta(days=op[2]) if isinstance(op[2], int) else op[2]
                    set_voided_at(co, m.Payment, payment_id, local(when, op[3]))
            except ValidationError:
                pass  # already void, or an invoice with payments applied: as the office is

        everyone = read(co, which="chosen", customers=customers, include_zero=True)
        made = {s.customer_id: s for s in everyone}
        assert sorted(made) == sorted(customers)
        for customer in customers:
            statement = made[customer]
            assert statement.opening == co.accounts.balance(customer, as_of=BEFORE)
            assert statement.closing == co.accounts.balance(customer, as_of=LAST)
            running = statement.opening
            for line in statement.lines:
                assert FIRST <= line.day <= LAST
                running += line.amount
                assert line.balance == running
            assert running == statement.closing
            assert statement.aging == open_balances_aging(co, customer)
        with_balance = {s.customer_id for s in read(co)}
        assert with_balance == {c for c in customers if made[c].closing != 0}
        table = rows(co, which="chosen", customers=customers, include_zero=True)
        closings = [r[-1] for r in table if r[2] == "Closing balance"]
        assert closings == [made[c].closing for c in sorted(customers)]


def test_naming_customers_chooses_them(company: Any) -> None:
    """The default is every customer with a balance; naming customers (``--customer`` on
    the command line, "Only these" in the window) makes statements for those."""
    from officemgr.reports.statements import StatementsOptions

    checked = StatementsOptions(customers=("Smith, John",)).checked()
    assert checked.which == "chosen" and checked.customers == ("Smith, John",)
