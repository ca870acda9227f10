"""Collections Report: who owes what overdue, whom to call — the same money as Open Balances."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from officemgr import Company
from officemgr.core.numbers import number_format
from officemgr.errors import NotFoundError, ValidationError
from officemgr.reports import ReportCancelled, catalog, tables
from officemgr.reports.collections import (
    ENTRY,
    INFO,
    CollectionsOptions,
    overdue_customers,
    render,
    table,
)
from officemgr.reports.open_balances import OpenBalancesOptions
from officemgr.reports.open_balances import table as open_balances_table

AS_OF = date(2026, 11, 30)
OFFICE_TZ = ZoneInfo("America/New_York")
money_text = number_format("en_US").money


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def lines(path: Path) -> list[str]:
    return [line.strip() for line in pdf_text(path).splitlines()]


def net30(co: Any) -> int:
    return int(next(t.id for t in co.lists.all().terms if t.name == "Net 30"))


def invoice(co: Any, node: int, amount: str, *, days_ago: int) -> int:
    """An invoice dated ``days_ago`` before AS_OF (its customer's terms: Net 30)."""
    day = AS_OF - timedelta(days=days_ago)
    line = {"description": "Work", "rate": amount}
    return int(co.invoices.add(node=node, invoice_date=day, lines=[line]).id)


@pytest.fixture
def office(company: Any) -> dict[str, int]:
    """Customers in every state a collections list must tell apart."""
    co = company
    terms = net30(co)
    acme = co.customers.add(name="Acme Heating", terms_id=terms, phone="614-555-0101").id
    co.contacts.add(owner=acme, name="Sam Other", phone="614-555-0100")
    co.contacts.add(owner=acme, name="Pat Lee", phone="614-555-0199", is_primary=True)
    invoice(co, acme, "500.00", days_ago=75)  # due 45 days ago
    invoice(co, acme, "100.00", days_ago=10)  # not due yet
    at = datetime(2026, 11, 20, 10, 0, tzinfo=OFFICE_TZ)
    co.contact_log.add(owner=acme, at=at - timedelta(days=30), kind="Call Out", subject="Old")
    co.contact_log.add(owner=acme, at=at, kind="Email", subject="Sent statement", employee="Dana")
    later = at + timedelta(days=5)
    co.contact_log.add(owner=acme, at=later, kind="System", subject="Hold", is_system=True)

    bell = co.customers.add(name="Bell Plumbing", terms_id=terms).id
    repipe = co.jobs.add(parent=bell, name="Repipe").id
    invoice(co, repipe, "80.00", days_ago=130)  # due 100 days ago, on the job
    co.contact_log.add(owner=repipe, at=at - timedelta(days=1), kind="Visit", subject="On site")

    cell_only = co.customers.add(name="Cell Only", terms_id=terms, cell="614-555-0142").id
    overpaid = cell_only
    invoice(co, overpaid, "200.00", days_ago=50)  # due 20 days ago
    co.payments.add(customer=overpaid, amount="300.00", received_on=AS_OF, applications={})

    credit = co.customers.add(name="Credit Only", terms_id=terms).id
    co.payments.add(customer=credit, amount="50.00", received_on=AS_OF, applications={})
    current = co.customers.add(name="Current Co", terms_id=terms).id
    invoice(co, current, "75.00", days_ago=5)
    paid_late = co.customers.add(name="Paid After", terms_id=terms).id
    late = invoice(co, paid_late, "60.00", days_ago=90)
    co.payments.add(
        customer=paid_late, amount="60.00", received_on=AS_OF + timedelta(days=3),
        applications={late: Decimal("60.00")},
    )  # fmt: skip
    return {
        "acme": acme,
        "bell": bell,
        "cell": cell_only,
        "credit": credit,
        "current": current,
        "paid_late": paid_late,
    }


def report(company: Any, tmp_path: Path, **options: Any) -> tuple[Any, list[str]]:
    out = tmp_path / "collections.pdf"
    options.setdefault("as_of", AS_OF)
    result = render(company, CollectionsOptions(**options), out)
    return result, lines(out)


def test_rows_figures_contacts_and_order(
    company: Any, office: dict[str, int], tmp_path: Path
) -> None:
    result, text = report(company, tmp_path)
    # Paid After: paid three days after the date, still owed on it (as Open Balances).
    assert result.entries == 4 and result.pages == 1
    names = ["Bell Plumbing", "Paid After", "Acme Heating", "Cell Only"]  # most days first
    assert [text.index(n) for n in names] == sorted(text.index(n) for n in names)
    for absent in ("Credit Only", "Current Co"):
        assert absent not in text
    acme = text.index("Acme Heating")
    assert text[acme : acme + 10] == [
        "Acme Heating", "(614) 555-0101", "Pat Lee", "(614) 555-0199",
        "500.00", "600.00", "45", "2026-11-20", "Email", "Sent statement",
    ]  # fmt: skip
    bell = text.index("Bell Plumbing")
    assert text[bell : bell + 7] == [
        "Bell Plumbing", "80.00", "80.00", "100", "2026-11-19", "Visit", "On site",
    ]  # fmt: skip
    cell = text.index("Cell Only")
    assert text[cell : cell + 5] == ["Cell Only", "Cell: (614) 555-0142", "200.00", "-100.00", "20"]
    total = text.index("Total: 4 customers")
    assert text[total + 1 : total + 3] == [money_text(Decimal("840")), money_text(Decimal("640"))]
    assert "Sorted by most days overdue" in pdf_text(tmp_path / "collections.pdf")


def test_table_rows_match_the_pdf(company: Any, office: dict[str, int]) -> None:
    with company.read() as session:
        listed = table(session, CollectionsOptions(as_of=AS_OF))
        rows = list(listed.rows)
    assert listed.total == 4 and [c.key for c in listed.columns][:3] == [
        "customer", "main_phone", "primary_contact",
    ]  # fmt: skip
    by_name = {row[0]: row for row in rows}
    acme = by_name["Acme Heating"]
    assert acme[1:8] == (
        "(614) 555-0101", "Pat Lee", "(614) 555-0199",
        Decimal("500.00"), Decimal("600.00"), 45, AS_OF - timedelta(days=45),
    )  # fmt: skip
    assert acme[8].date() == date(2026, 11, 20) and acme[9:] == ("Email", "Sent statement", "Dana")
    assert by_name["Bell Plumbing"][1:3] == (None, None)
    assert by_name["Cell Only"][4:7] == (Decimal("200.00"), Decimal("-100.00"), 20)
    assert [row[0] for row in rows] == ["Bell Plumbing", "Paid After", "Acme Heating", "Cell Only"]


def test_sort_by_amount_min_days_and_choices(
    company: Any, office: dict[str, int], tmp_path: Path
) -> None:
    _, text = report(company, tmp_path, sort="amount")
    names = ["Acme Heating", "Cell Only", "Bell Plumbing", "Paid After"]
    assert [text.index(n) for n in names] == sorted(text.index(n) for n in names)
    result, text = report(company, tmp_path, min_days=46)
    assert result.entries == 2 and "Acme Heating" not in text and "Bell Plumbing" in text
    result, text = report(company, tmp_path, customers=["Bell Plumbing:Repipe", office["acme"]])
    assert result.entries == 2 and "Paid After" not in text
    with pytest.raises(NotFoundError, match="Nobody"):
        report(company, tmp_path, customers=["Nobody"])


def test_nothing_overdue_says_so(company: Any, office: dict[str, int], tmp_path: Path) -> None:
    result, text = report(company, tmp_path, min_days=1000)
    assert result.entries == 0 and result.pages == 1
    assert "No customer has anything overdue for these choices." in text
    # A customer with a credit only is never listed; nor is anything before it was owed.
    _, text = report(company, tmp_path, customers=["Credit Only"])
    assert "No customer has anything overdue for these choices." in text
    result, _ = report(company, tmp_path, as_of=AS_OF - timedelta(days=400))
    assert result.entries == 0


def test_the_largest_amount_prints_whole(company: Any, tmp_path: Path) -> None:
    big = company.customers.add(name="Big Owner", terms_id=net30(company)).id
    invoice(company, big, "9999999999999.99", days_ago=45)
    _, text = report(company, tmp_path)
    assert text[text.index("Big Owner") + 1 : text.index("Big Owner") + 3] == [
        "9,999,999,999,999.99",
        "9,999,999,999,999.99",
    ]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"as_of": "2026-13-01"}, "as_of"),
        ({"as_of": 5}, "as_of"),
        ({"min_days": 0}, "min_days"),
        ({"min_days": "soon"}, "min_days"),
        ({"min_days": None}, "min_days"),
        ({"sort": "name"}, "sort"),
        ({"sort": 3}, "sort"),
        ({"paper": "legal"}, "paper"),
        ({"customers": "Acme"}, "customers"),
        ({"customers": [True]}, "customers"),
    ],
)
def test_bad_options_name_their_field(
    company: Any, tmp_path: Path, options: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        render(company, CollectionsOptions(**options), tmp_path / "x.pdf")
    assert error.value.field == field
    assert not (tmp_path / "x.pdf").exists()


def test_entry_progress_cancel_and_csv(
    company: Any, office: dict[str, int], tmp_path: Path
) -> None:
    assert ENTRY.key == INFO.key == "collections" and ENTRY.category in catalog.CATEGORIES
    assert INFO.options_type is CollectionsOptions and INFO.table is table
    seen: list[tuple[int, int]] = []
    out = tmp_path / "c.pdf"
    render(company, CollectionsOptions(as_of=AS_OF), out, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (4, 8) and seen[-1] == (8, 8)
    with pytest.raises(ReportCancelled):
        render(
            company, CollectionsOptions(as_of=AS_OF), tmp_path / "no.pdf", cancelled=lambda: True
        )
    assert not (tmp_path / "no.pdf").exists()
    csv = tmp_path / "c.csv"
    written = tables.write_table(
        company, ENTRY.name, table, CollectionsOptions(as_of=AS_OF), csv, "csv"
    )
    assert written.entries == 4
    assert "Acme Heating,(614) 555-0101,Pat Lee,(614) 555-0199,500.00,600.00,45," in (
        csv.read_text(encoding="utf-8-sig")
    )


# ----------------------------------------------------------------- against Open Balances

START = date(2026, 1, 1)
DAYS = 60
NODES = ("acme", "acme:roof", "bell", "bell:duct", "cole")
day = st.integers(min_value=0, max_value=DAYS).map(lambda d: START + timedelta(days=d))
amounts = st.integers(min_value=1, max_value=900_00).map(lambda c: Decimal(c) / 100)


@dataclass(frozen=True)
class Invoice:
    node: str
    day: date
    amount: Decimal


@dataclass(frozen=True)
class Payment:
    customer: str
    day: date
    amount: Decimal
    credit: bool  # kept unapplied; else applied oldest due first


@dataclass(frozen=True)
class Opening:
    node: str
    amount: Decimal
    day: date


@dataclass(frozen=True)
class Void:
    pick: int


operations = st.lists(
    st.one_of(
        st.builds(Invoice, st.sampled_from(NODES), day, amounts),
        st.builds(Payment, st.sampled_from(("acme", "bell", "cole")), day, amounts, st.booleans()),
        st.builds(
            Opening,
            st.sampled_from(NODES),
            st.integers(-300_00, 900_00).map(lambda c: Decimal(c) / 100),
            day,
        ),
        st.builds(Void, st.integers(0, 10)),
    ),
    min_size=1,
    max_size=12,
)


def play(co: Any, ops: list[Any]) -> dict[str, int]:
    terms = {t.name: t.id for t in co.lists.all().terms}
    ids: dict[str, int] = {}
    for name, term in (("acme", "Net 30"), ("bell", "Net 15"), ("cole", None)):
        ids[name] = co.customers.add(name=name.title(), terms_id=terms.get(term or "")).id
    ids["acme:roof"] = co.jobs.add(parent=ids["acme"], name="Roof").id
    ids["bell:duct"] = co.jobs.add(parent=ids["bell"], name="Duct").id
    invoices: list[int] = []
    for op in ops:
        try:
            if isinstance(op, Invoice):
                line = {"description": "Work", "rate": op.amount}
                invoices.append(
                    co.invoices.add(node=ids[op.node], invoice_date=op.day, lines=[line]).id
                )
            elif isinstance(op, Payment):
                applications = {} if op.credit else None
                co.payments.add(
                    customer=ids[op.customer], amount=op.amount, received_on=op.day,
                    applications=applications,
                )  # fmt: skip
            elif isinstance(op, Opening):
                update = co.jobs.update if ":" in op.node else co.customers.update
                update(ids[op.node], opening_balance=op.amount, opening_balance_date=op.day)
            elif isinstance(op, Void) and invoices:
                co.invoices.void(invoices[op.pick % len(invoices)], reason="Test", by="Dana")
        except ValidationError:
            pass  # refused (already void, paid …): the history goes on without it
    return ids


def past_due_by_customer(session: Any, as_of: date) -> dict[str, tuple[Decimal, int]]:
    """What Open Balances (its table, as exported) shows past due per customer, and the
    days late of the oldest positive past-due item."""
    found: dict[str, tuple[Decimal, int]] = {}
    for row in open_balances_table(session, OpenBalancesOptions(as_of=as_of)).rows:
        customer, aging, due, amount = row[0], row[6], row[5], row[7]
        if aging == "Current":
            continue
        owed, days = found.get(customer, (Decimal(0), 0))
        late = (as_of - due).days if amount > 0 else 0
        found[customer] = (owed + amount, max(days, late))
    return found


def check_history(template: Path, folder: Path, ops: list[Any]) -> None:
    path = folder / "History.officemgr"
    shutil.copyfile(template, path)
    with Company.open(path) as co:
        ids = play(co, ops)
        for offset in (0, 20, 45, 75, 120):
            as_of = START + timedelta(days=offset)
            with co.read() as session:
                rows = overdue_customers(session, CollectionsOptions(as_of=as_of))
                shown = past_due_by_customer(session, as_of)
            expected = {name for name, (owed, _) in shown.items() if owed > 0}
            assert {row.customer_name for row in rows} == expected, as_of
            for row in rows:
                owed, days = shown[row.customer_name]
                assert row.overdue == owed, (as_of, row)
                assert row.days_overdue == days, (as_of, row)
                assert row.balance == co.accounts.balance(row.customer_id, as_of=as_of)
            assert [r.days_overdue for r in rows] == sorted(
                (r.days_overdue for r in rows), reverse=True
            )
        assert set(ids)  # every customer was made


def test_overdue_is_open_balances_past_due_and_balance_the_account(
    template_company_file: Path, tmp_path: Path
) -> None:
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(ops=operations)
    def run(ops: list[Any]) -> None:
        check_history(template_company_file, tmp_path, ops)

    run()


def test_names_print_literally_and_wrap_in_their_cell(company: Any, tmp_path: Path) -> None:
    terms = net30(company)
    odd = company.customers.add(name="<b>Bold</b> & Sons", terms_id=terms).id
    long_name = "Greater Columbus Riverside Property Management Cooperative Association"
    wide = company.customers.add(name=long_name, terms_id=terms).id
    invoice(company, odd, "10.00", days_ago=40)
    invoice(company, wide, "20.00", days_ago=50)
    _, text = report(company, tmp_path)
    assert "<b>Bold</b> & Sons" in " ".join(text)  # markup printed as typed (and wrapped)
    start = text.index("Greater Columbus")
    printed = []
    for line in text[start:]:
        printed.append(line)
        if " ".join(printed) == long_name:
            break
    assert len(printed) > 1 and " ".join(printed) == long_name  # wrapped, every word kept


def test_amounts_and_days_in_the_office_number_format(company: Any, tmp_path: Path) -> None:
    company.settings.update(number_locale="de_DE")
    owes = company.customers.add(name="Old Debt", terms_id=net30(company)).id
    invoice(company, owes, "1234.50", days_ago=1500)  # due 1,470 days ago
    _, text = report(company, tmp_path)
    at = text.index("Old Debt")
    assert text[at + 1 : at + 4] == ["1.234,50", "1.234,50", "1.470"]
