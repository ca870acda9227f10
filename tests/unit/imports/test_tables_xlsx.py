"""`read_table` on Excel workbooks, made here with openpyxl: the first worksheet, dates as
ISO text, numbers without float noise, empty trailing columns dropped, damaged files
refused on line 0."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO
from typing import Any

import openpyxl
import pytest

from officemgr.core.imports.tables import FIELD_LIMIT, read_table


def workbook(*rows: list[Any], extra_sheet: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        book.create_sheet("Second").append(["Not", "this", "one"])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_first_worksheet_is_read_with_its_row_numbers() -> None:
    data = workbook(["Name", "Phone"], ["Smith", "555"], [], ["Jones", None], extra_sheet=True)
    table = read_table(data)
    assert (table.format, table.encoding, table.delimiter) == ("xlsx", None, None)
    assert table.headers == ("Name", "Phone")
    assert [(row.line, row.cells) for row in table.rows] == [
        (2, ("Smith", "555")),
        (4, ("Jones", "")),
    ]
    assert table.rows[0].raw == "Smith\t555"
    assert table.problems == ()


def test_dates_become_iso_text() -> None:
    table = read_table(
        workbook(
            ["Start", "When"],
            [date(2025, 3, 4), datetime(2025, 12, 31, 0, 0)],
            [datetime(2025, 1, 2, 13, 45, 10), time(8, 30)],
        )
    )
    assert [row.cells for row in table.rows] == [
        ("2025-03-04", "2025-12-31"),
        ("2025-01-02 13:45:10", "08:30:00"),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1234.5, "1234.5"),
        (5551234, "5551234"),
        (5551234.0, "5551234"),
        (0.1 + 0.2, "0.3"),
        (1e20, "100000000000000000000"),
        (1e-7, "0.0000001"),
        (-12.25, "-12.25"),
        (Decimal("19.90"), "19.9"),  # openpyxl stores a Decimal as a number
        (True, "TRUE"),
        (0, "0"),
    ],
)
def test_numbers_are_plain_text_without_float_noise(value: object, text: str) -> None:
    table = read_table(workbook(["Value"], [value]))
    assert table.rows[0].cells == (text,)


def test_empty_trailing_columns_are_dropped_and_headless_ones_named() -> None:
    data = workbook(
        ["Name", None, "City", None, None],
        ["Smith", "x", "Boston", None, None],
        ["Jones", None, None, "far", None],
    )
    table = read_table(data)
    assert table.headers == ("Name", "Column 2", "City", "Column 4")
    assert [row.cells for row in table.rows] == [
        ("Smith", "x", "Boston", ""),
        ("Jones", "", "", "far"),
    ]
    assert table.problems == ()  # a worksheet has no ragged rows


def test_a_wrong_recorded_size_loses_no_rows() -> None:
    data = workbook(["Name"], ["Smith"], ["Jones"], ["Lee"])
    damaged = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'ref="A1:A4"', b'ref="A1:A2"')
                assert b'ref="A1:A2"' in content
            target.writestr(item, content)
    table = read_table(damaged.getvalue())
    assert [row.cells for row in table.rows] == [("Smith",), ("Jones",), ("Lee",)]


def test_an_over_long_cell_keeps_its_row_out() -> None:
    table = read_table(
        workbook(["Name", "Notes"], ["Smith", "x" * (FIELD_LIMIT + 1)], ["Jones", "ok"])
    )
    assert [row.cells for row in table.rows] == [("Jones", "ok")]
    assert [(p.line, p.severity) for p in table.problems] == [(2, "error")]


def test_a_workbook_without_rows() -> None:
    table = read_table(workbook())
    assert table.rows == ()
    assert [p.line for p in table.problems] == [0]


def test_a_damaged_workbook_is_refused_on_line_0() -> None:
    data = workbook(["Name"], ["Smith"])
    damaged = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                content = content[: len(content) // 2]  # cut off mid-XML
            target.writestr(item, content)
    table = read_table(damaged.getvalue())
    assert table.rows == ()
    (problem,) = table.problems
    assert problem.line == 0
    assert "cannot be read" in problem.message
