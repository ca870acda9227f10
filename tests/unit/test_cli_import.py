"""``officemgr import`` as an office runs it: a QuickBooks export in, a dry run that
writes nothing, a second run that finds nothing new, and refusals in one sentence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from officemgr import Company
from officemgr.cli import main

EXPORT = Path(__file__).parent / "imports" / "data" / "iif" / "customers_export.iif"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def empty_company(tmp_path: Path) -> Path:
    path = tmp_path / "Office.officemgr"
    Company.open(path).close()
    return path


def test_a_quickbooks_export_is_imported_once(
    empty_company: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["import", str(EXPORT), "--db", str(empty_company)]
    assert main([*args, "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "Would import customers_export.iif: 7 new, 0 updated, 0 unchanged" in said
    assert "TRNS" in said  # the sections that are not customer lists, counted

    assert main(args) == 0
    said = capsys.readouterr().out
    assert "Imported customers_export.iif: 7 new" in said
    assert "The file as it was is kept as" in said
    with Company.open(empty_company) as co:
        names = {row.full_name for row in co.customers.search("", show="all", limit=100)}
    assert len(names) == 7

    assert main(args) == 0
    assert "0 new, 0 updated, 7 unchanged" in capsys.readouterr().out


def test_a_dry_run_leaves_the_company_file_byte_identical(empty_company: Path) -> None:
    before = digest(empty_company)
    assert main(["import", str(EXPORT), "--db", str(empty_company), "--dry-run"]) == 0
    assert digest(empty_company) == before


def test_a_file_that_is_not_a_customer_list_is_refused_in_one_sentence(
    empty_company: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "customers.iif"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    before = digest(empty_company)
    assert main(["import", str(pdf), "--db", str(empty_company)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "PDF" in err
    assert digest(empty_company) == before


def test_a_missing_file_or_mapping_is_one_sentence(
    empty_company: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "nope.csv"), "--db", str(empty_company)]) == 1
    assert "There is no file" in capsys.readouterr().err
    bad_map = tmp_path / "map.json"
    bad_map.write_text("{not json", encoding="utf-8")
    code = main(["import", str(EXPORT), "--db", str(empty_company), "--mapping", str(bad_map)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("officemgr: map.json:") and "Traceback" not in err
