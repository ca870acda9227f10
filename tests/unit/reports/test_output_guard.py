"""A report is never written over company data: the company file itself, another company
file, a backup, or SQLite's files beside one — by name, through a link, in another letter
case — whatever way the path is given. The company stays exactly as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from officemgr.cli import main as cli_main
from officemgr.core.backup import make_backup
from officemgr.errors import ValidationError

# About the company file itself (its path, its backups): no server counterpart.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def office(company: Any, tmp_path: Path) -> dict[str, Any]:
    company.customers.add(name="Keep Me")
    invoice = company.invoices.add(
        node=company.customers.search("Keep Me")[0].id,
        lines=[{"description": "Visit", "rate": "90"}],
    )
    other = tmp_path / "Other Company.officemgr"
    shutil.copyfile(company.path, other)
    return {"co": company, "other": other, "invoice": invoice, "backup": make_backup(company.path)}


def targets(office: dict[str, Any], tmp_path: Path) -> dict[str, Path]:
    co_path = Path(office["co"].path)
    link = tmp_path / "looks like a report.pdf"
    link.symlink_to(co_path)
    hard = tmp_path / "hard link.pdf"
    os.link(office["other"], hard)
    return {
        "the company file": co_path,
        "another company file": office["other"],
        "a backup": office["backup"],
        "a link to the company file": link,
        "a hard link to another company": hard,
        "the name in capitals": co_path.with_name(co_path.name.upper()),
        "the file by way of ..": co_path.parent / "x" / ".." / co_path.name,
        "its -wal": co_path.with_name(co_path.name + "-wal"),
        "a -shm": tmp_path / "report.pdf-shm",
        "a -journal": tmp_path / "Other Company.officemgr-journal",
    }


def fingerprint(paths: list[Path]) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths if p.exists() and p.is_file()}


def test_reports_refuse_every_way_of_naming_company_data(
    office: dict[str, Any], tmp_path: Path, capsys: Any
) -> None:
    co = office["co"]
    (tmp_path / "x").mkdir()
    chosen = targets(office, tmp_path)
    data = [Path(co.path), office["other"], office["backup"]]
    before = fingerprint(data)
    for why, out in chosen.items():
        with pytest.raises(ValidationError) as refused:
            co.reports.contact_log(out)
        assert refused.value.field == "out", why
        assert "never written over company data" in str(refused.value) or (
            "is a company file or a backup" in str(refused.value)
        ), why
        with pytest.raises(ValidationError):
            co.reports.invoice(office["invoice"].id, out)
        code = cli_main(["report", "open-balances", "--db", str(co.path), "--out", str(out)])
        err = capsys.readouterr().err
        assert code == 1 and err.startswith("officemgr: “"), (why, err)
    assert fingerprint(data) == before
    assert [r.name for r in co.customers.search("Keep Me")] == ["Keep Me"]


def test_a_folder_is_not_a_file_to_write(company: Any, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="is a folder; give the name of the file"):
        company.reports.contact_log(tmp_path)


def test_an_ordinary_pdf_is_replaced_whole(company: Any, tmp_path: Path) -> None:
    out = tmp_path / "log.pdf"
    out.write_bytes(b"%PDF-1.4 an older report")
    company.reports.contact_log(out)
    assert out.read_bytes().startswith(b"%PDF") and b"older report" not in out.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")) == []
