"""Export, import into an empty company, export again: the very same bytes, for CSV and
for QuickBooks IIF. What the first file says is what the second company holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from officemgr.core.exports.choices import ExportFormat


def round_trip(company: Any, other: Any, folder: Path, format: ExportFormat) -> tuple[bytes, bytes]:
    """The first export of ``company`` and the export of ``other`` after importing it."""
    first = company.exports.write(folder / f"first.{format}")
    parsed = other.imports.read(first.path)
    assert not parsed.problems, parsed.problems
    result = other.imports.commit(parsed, backup_dir=folder)
    assert result.report.count("create") == first.rows
    assert not result.report.problems, result.report.problems
    again = other.exports.write(folder / f"again.{format}")
    assert (again.rows, again.jobs) == (first.rows, first.jobs)
    return first.path.read_bytes(), again.path.read_bytes()


@pytest.mark.parametrize("format", ["csv", "iif"])
def test_export_import_export_gives_the_same_file(
    company: Any,
    office: Any,
    new_company: Callable[[str], Any],
    tmp_path: Path,
    format: ExportFormat,
) -> None:
    first, again = round_trip(company, new_company("Copy"), tmp_path, format)
    assert b"\xc3\x98deg\xc3\xa5rd" in first  # Ødegård, and Chinese: UTF-8 (with a BOM)
    assert "王小明".encode() in first
    assert again == first


def test_an_iif_round_trip_in_windows_1252(
    company: Any, latin_office: Any, new_company: Callable[[str], Any], tmp_path: Path
) -> None:
    first, again = round_trip(company, new_company("Copy"), tmp_path, "iif")
    assert "Ødegård".encode("cp1252") in first and not first.startswith(b"\xef\xbb\xbf")
    assert again == first


@pytest.mark.parametrize("format", ["csv", "iif"])
def test_a_round_trip_keeps_the_contacts_of_jobs(
    company: Any, new_company: Callable[[str], Any], tmp_path: Path, format: ExportFormat
) -> None:
    smith = company.customers.add(name="Smith, John").id
    company.contacts.add(owner=smith, name="Mary Smith")
    company.jobs.add(parent=smith, name="Furnace")  # starts with Mary Smith, copied
    first, again = round_trip(company, new_company("Copy"), tmp_path, format)
    assert again == first
