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
