"""``officemgr report contact-log`` writes the same report as ``co.reports.contact_log``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from officemgr.cli import main


def without_made(pages: list[str]) -> list[str]:
    return ["\n".join(line for line in page.splitlines() if "Made " not in line) for page in pages]


def test_cli_writes_the_same_report(
    company: Any,
    company_path: Path,
    log: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    read_pdf: Any,
) -> None:
    acme = company.customers.add(name="Acme").id
    job = company.jobs.add(parent=acme, name="Roof", status="Pending").id
    log.add(acme, "acme-call", kind="Call In")
    log.add(job, "roof-email", kind="Email")
    log.add(company.customers.add(name="Other").id, "other-visit", kind="Visit")

    api_pdf = tmp_path / "api.pdf"
    company.reports.contact_log(
        api_pdf,
        customer="Acme",
        include_jobs=True,
        kinds=["Call In", "Email"],
        group_by_customer=True,
    )
    cli_pdf = tmp_path / "cli.pdf"
    code = main(
        [
            "report",
            "contact-log",
            "--db",
            str(company_path),
            "--out",
            str(cli_pdf),
            "--customer",
            "Acme",
            "--include-jobs",
            "--kind",
            "Call In",
            "--kind",
            "email",
            "--group-by-customer",
        ]
    )
    assert code == 0
    assert "2 entries on 1 page" in capsys.readouterr().out
    assert without_made(read_pdf(cli_pdf)) == without_made(read_pdf(api_pdf))
    assert "roof-email" in read_pdf(cli_pdf)[0]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2026-13-01"], "--from must be a date like 2026-11-30"),
        (["--period", "last_month", "--to", "2026-11-30"], "either --period or --from"),
        (["--period", "fortnight"], "not a date filter"),
        (["--customer", "Nobody"], "no customer or job called “Nobody”"),
    ],
)
def test_cli_errors_are_one_sentence(
    company_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.pdf"
    code = main(["report", "contact-log", "--db", str(company_path), "--out", str(out), *extra])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and err.count("\n") == 1 and err.rstrip().endswith(".")
    assert not out.exists()


def _bill(company: Any, node: int, number: int, total: str, due: str) -> None:
    from datetime import date
    from decimal import Decimal

    from officemgr.core import models as m

    with company.write() as session:
        session.add(
            m.Invoice(
                number=number,
                node_id=node,
                customer_id=node,
                invoice_date=date.fromisoformat(due),
                due_date=date.fromisoformat(due),
                subtotal=Decimal(total),
                total=Decimal(total),
            )
        )


def test_cli_open_balances_and_invoice(
    company: Any,
    company_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    read_pdf: Any,
) -> None:
    acme = company.customers.add(name="Acme").id
    other = company.customers.add(name="Other").id
    _bill(company, acme, 1042, "120.00", "2026-10-01")
    _bill(company, other, 1043, "80.00", "2026-11-01")
    out = tmp_path / "ob.pdf"
    db = ["--db", str(company_path)]
    choices = ["--as-of", "2026-11-15", "--customer", "Acme"]
    code = main(["report", "open-balances", *db, "--out", str(out), *choices])
    assert code == 0
    assert "1 open item on 1 page" in capsys.readouterr().out
    text = "\n".join(read_pdf(out))
    assert "1042" in text and "1043" not in text and "As of 2026-11-15" in text

    pdf = tmp_path / "inv.pdf"
    assert main(["report", "invoice", *db, "--number", "1043", "--out", str(pdf)]) == 0
    assert "invoice 1043" in capsys.readouterr().out
    assert "Invoice 1043" in read_pdf(pdf)[0]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["open-balances", "--as-of", "2026-02-30"], "--as-of must be a date like 2026-11-30"),
        (["open-balances", "--customer", "Nobody"], "no customer or job called “Nobody”"),
        (["invoice", "--number", "ten"], "--number must be an invoice number like 1042"),
        (["invoice", "--number", "999"], "There is no invoice with number 999."),
    ],
)
def test_cli_balance_and_invoice_errors_are_one_sentence(
    company_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.pdf"
    code = main(["report", *argv, "--db", str(company_path), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and err.count("\n") == 1 and err.rstrip().endswith(".")
    assert not out.exists()
