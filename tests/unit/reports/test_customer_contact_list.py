"""Customer Contact List: what the PDF says, checked through its extracted text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from officemgr.cli import main
from officemgr.errors import NotFoundError
from officemgr.reports import ReportCancelled, registry
from officemgr.reports.customer_contact_list import CustomerContactListOptions


def report(company: Any, tmp_path: Path, read_pdf: Any, **options: Any) -> tuple[Any, str]:
    out = tmp_path / "list.pdf"
    result = company.reports.customer_contact_list(out, **options)
    return result, "\n".join(read_pdf(out))


def positions(text: str, *names: str) -> list[int]:
    found = [text.find(name) for name in names]
    assert -1 not in found, [n for n, at in zip(names, found, strict=True) if at < 0]
    return found


@pytest.fixture
def office(company: Any) -> dict[str, int]:
    """Three customers (one inactive, one a prospect) with jobs, phones, emails, contacts."""
    acme = company.customers.add(name="Acme Heating", phone="555-201-9000", email="a@acme.test")
    roof = company.jobs.add(parent=acme.id, name="Roof", copy_details=False, phone="5552019100")
    company.contacts.add(owner=acme.id, name="Zed Helper", role="Clerk", phone="555-201-9002")
    company.contacts.add(
        owner=acme.id,
        name="Mary Smith",
        role="Office Manager",
        phones=[("cell", "555.201.9001")],
        email="mary@acme.test",
        is_primary=True,
    )
    company.contacts.add(owner=roof.id, name="Roofer Ron", role="Foreman")
    beta = company.customers.add(name="Beta Builders", phone="555-201-8000")
    old = company.customers.add(name="Old Customer")
    company.customers.set_active(old.id, active=False)
    maybe = company.customers.add(name="Maybe Prospect", is_prospect=True)
    return {"acme": acme.id, "roof": roof.id, "beta": beta.id, "old": old.id, "maybe": maybe.id}


def test_registered_in_contacts_and_jobs() -> None:
    info = registry.get("customer-contact-list")
    assert info.name == "Customer Contact List" and info.category == "Contacts & Jobs"
    assert info.description and info.options_type is CustomerContactListOptions
    assert info in registry.by_category()["Contacts & Jobs"]


def test_all_active_customers_in_name_order_with_contacts_and_phones(
    company: Any, office: dict[str, int], tmp_path: Path, read_pdf: Any
) -> None:
    result, text = report(company, tmp_path, read_pdf)
    assert result.entries == 3 and result.pages == 1
    acme, mary, zed, beta, maybe = positions(
        text, "Acme Heating", "Mary Smith", "Zed Helper", "Beta Builders", "Maybe Prospect"
    )
    assert acme < mary < zed < beta < maybe  # primary contact first, under its customer
    assert "(555) 201-9000" in text and "Cell: (555) 201-9001" in text
    assert "mary@acme.test" in text and "Office Manager" in text
    assert "Old Customer" not in text
    assert "Roof" not in text  # no jobs unless asked
    assert "Total: 3 customers, 2 contacts" in text


def test_inactive_only_when_asked(
    company: Any, office: dict[str, int], tmp_path: Path, read_pdf: Any
) -> None:
    _, text = report(company, tmp_path, read_pdf, include_inactive=True)
    assert "Old Customer" in text and "Customer (inactive)" in text


def test_prospects_only(
    company: Any, office: dict[str, int], tmp_path: Path, read_pdf: Any
) -> None:
    result, text = report(company, tmp_path, read_pdf, prospects_only=True)
    assert result.entries == 1 and "Maybe Prospect" in text
    assert "Acme Heating" not in text and "Beta Builders" not in text


def test_a_chosen_customer_with_and_without_jobs(
    company: Any, office: dict[str, int], tmp_path: Path, read_pdf: Any
) -> None:
    result, text = report(company, tmp_path, read_pdf, customer="acme heating")
    assert result.entries == 1 and "Acme Heating" in text and "Roof" not in text
    assert "Beta Builders" not in text

    result, text = report(company, tmp_path, read_pdf, customer="Acme Heating", include_jobs=True)
    assert result.entries == 2
    acme, zed, roof, ron = positions(text, "Acme Heating", "Zed Helper", "Roof", "Roofer Ron")
    assert acme < zed < roof < ron  # the job under its customer, its contact under it
    assert "(555) 201-9100" in text and "Beta Builders" not in text


def test_jobs_sit_right_under_their_customer(company: Any, tmp_path: Path, read_pdf: Any) -> None:
    # "Smith-Jones" sorts between "Smith" and "Smith:Job" by plain character order.
    smith = company.customers.add(name="Smith").id
    company.jobs.add(parent=smith, name="Zebra Job")
    company.customers.add(name="Smith-Jones")
    _, text = report(company, tmp_path, read_pdf, include_jobs=True)
    smith_at, job_at, jones_at = positions(text, "Smith\n", "Zebra Job", "Smith-Jones")
    assert smith_at < job_at < jones_at


def test_unknown_customer(company: Any, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no customer or job called “Nobody”"):
        company.reports.customer_contact_list(tmp_path / "x.pdf", customer="Nobody")
    assert not (tmp_path / "x.pdf").exists()


def test_non_ascii_names_and_markup_print_literally(
    company: Any, tmp_path: Path, read_pdf: Any
) -> None:
    c = company.customers.add(name="Ωmega & Søn <b>Ltd</b>").id
    company.contacts.add(owner=c, name="Zoë Łukasz <br/> Ödön", role="Owner & CEO")
    _, text = report(company, tmp_path, read_pdf)
    assert "Ωmega & Søn <b>Ltd</b>" in text
    assert "Zoë Łukasz <br/> Ödön" in text and "Owner & CEO" in text


def test_page_x_of_y_on_every_page_and_progress_and_cancel(
    company: Any, tmp_path: Path, read_pdf: Any
) -> None:
    for i in range(120):
        c = company.customers.add(name=f"Customer {i:03}", phone=f"555-201-{i:04}").id
        company.contacts.add(owner=c, name=f"Person {i:03}", phones=[("cell", "555-301-0000")])
    seen: list[tuple[int, int]] = []
    out = tmp_path / "long.pdf"
    result = company.reports.customer_contact_list(
        out, progress=lambda done, total: seen.append((done, total))
    )
    pages = read_pdf(out)
    assert result.pages == len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Customer Contact List" in page
    text = "\n".join(pages)
    first, last = positions(text, "Customer 000", "Customer 119")
    assert first < last
    assert seen and seen[-1][0] == seen[-1][1]

    with pytest.raises(ReportCancelled):
        company.reports.customer_contact_list(tmp_path / "stop.pdf", cancelled=lambda: True)
    assert not (tmp_path / "stop.pdf").exists()


def test_cli_writes_the_same_report(
    company: Any,
    company_path: Path,
    office: dict[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    read_pdf: Any,
) -> None:
    api_pdf = tmp_path / "api.pdf"
    company.reports.customer_contact_list(api_pdf, customer="Acme Heating", include_jobs=True)
    cli_pdf = tmp_path / "cli.pdf"
    argv = ["report", "customer-contact-list", "--db", str(company_path), "--out", str(cli_pdf)]
    code = main([*argv, "--customer", "Acme Heating", "--include-jobs"])
    assert code == 0
    assert "2 customers and jobs on 1 page" in capsys.readouterr().out

    def without_made(pages: list[str]) -> list[str]:
        return [re.sub(r"Made \S+ \S+", "", page) for page in pages]

    assert without_made(read_pdf(cli_pdf)) == without_made(read_pdf(api_pdf))

    code = main([*argv, "--prospects-only", "--include-inactive"])
    assert code == 0 and "1 customer or job on 1 page" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("out_name", "extra", "message"),
    [
        ("x.pdf", ["--customer", "Nobody"], "no customer or job called “Nobody”"),
        ("missing/x.pdf", ["--paper", "a4"], "does not exist"),
    ],
)
def test_cli_errors_are_one_sentence(
    company_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    out_name: str,
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / out_name
    argv = ["report", "customer-contact-list", "--db", str(company_path), "--out", str(out)]
    code = main([*argv, *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and err.count("\n") == 1 and err.rstrip().endswith(".")
    assert not out.exists()
