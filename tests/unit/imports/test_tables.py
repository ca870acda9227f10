"""`read_table` on CSV files: encodings, delimiters, quoting, ragged and broken rows, files
that are not tables at all. Every file is made here from text, so each case shows the
bytes it is about."""

from __future__ import annotations

import time
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officemgr.core.imports.tables import FIELD_LIMIT, Table, TableFormat, read_table

DATA = Path(__file__).parent / "data" / "tables"

PEOPLE = "Name,City\nRené Müller,Zürich\n“Smart” Café,Köln\n"


def rows(table: Table) -> list[tuple[str, ...]]:
    return [row.cells for row in table.rows]


def errors(table: Table) -> list[int]:
    return [p.line for p in table.problems if p.severity == "error"]


def warnings_of(table: Table) -> list[int]:
    return [p.line for p in table.problems if p.severity == "warning"]


# ---------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PEOPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + PEOPLE.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + PEOPLE.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + PEOPLE.encode("utf-16-be"), "utf-16-be"),
        (PEOPLE.encode("utf-16-le"), "utf-16-le"),  # no byte order mark: told by NULs
        (PEOPLE.encode("utf-16-be"), "utf-16-be"),
        (PEOPLE.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "cp1252"],
)
def test_each_encoding_reads_the_same_table(data: bytes, encoding: str) -> None:
    table = read_table(data)
    assert (table.format, table.encoding, table.delimiter) == ("csv", encoding, ",")
    assert table.headers == ("Name", "City")  # no BOM left on the first header
    assert rows(table) == [("René Müller", "Zürich"), ("“Smart” Café", "Köln")]
    assert table.problems == ()


def test_a_latin1_file_reads_as_windows_1252() -> None:
    text = "Name,Note\nJosé,½ price ±5 ©\n"
    table = read_table(text.encode("latin-1"))
    assert table.encoding == "cp1252"
    assert rows(table) == [("José", "½ price ±5 ©")]


def test_windows_1252_punctuation_is_read_as_windows_1252() -> None:
    table = read_table("Name\n“Quotes” – dash … €\n".encode("cp1252"))
    assert rows(table) == [("“Quotes” – dash … €",)]


def test_a_damaged_utf16_file_warns_and_keeps_the_rest() -> None:
    data = b"\xff\xfe" + "Name\nAnn\n".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    table = read_table(data)
    assert table.encoding == "utf-16-le"
    assert rows(table)[0] == ("Ann",)
    assert warnings_of(table) == [0]


# --------------------------------------------------------------------- delimiters


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_found(delimiter: str) -> None:
    lines = [["Name", "Phone", "City"], ["Smith, John", "555-1234", "Springfield"], ["A", "", ""]]
    text = "\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in r) for r in lines)
    table = read_table(text.encode())
    assert table.delimiter == delimiter
    assert table.headers == ("Name", "Phone", "City")
    assert rows(table) == [("Smith, John", "555-1234", "Springfield"), ("A", "", "")]


def test_semicolons_win_over_decimal_commas() -> None:
    table = read_table(b"Name;Credit\nSmith;1,5\nJones;2\nLee;3,25\n")
    assert table.delimiter == ";"
    assert rows(table) == [("Smith", "1,5"), ("Jones", "2"), ("Lee", "3,25")]


def test_delimiters_inside_quotes_do_not_count() -> None:
    text = 'Name;City\n"Smith, John; Jr";Boston\n"Lee, Ann";Salem\n"A, B, C";X\n'
    table = read_table(text.encode())
    assert table.delimiter == ";"
    assert rows(table)[0] == ("Smith, John; Jr", "Boston")


def test_a_single_column_file() -> None:
    table = read_table(b"Name\nSmith\nJones\n")
    assert (table.delimiter, table.headers, rows(table)) == (
        ",",
        ("Name",),
        [("Smith",), ("Jones",)],
    )


# ----------------------------------------------------------------- quoting, lines


def test_quoted_newlines_keep_the_line_the_record_starts_on() -> None:
    text = (
        'Name,Notes\r\nSmith,"first\r\nsecond\r\nthird"\r\nJones,"a ""quoted"" word"\r\nLee,x\r\n'
    )
    table = read_table(text.encode())
    assert [row.line for row in table.rows] == [2, 5, 6]
    assert table.rows[0].cells == ("Smith", "first\r\nsecond\r\nthird")
    assert table.rows[0].raw == 'Smith,"first\r\nsecond\r\nthird"'
    assert table.rows[1].cells == ("Jones", 'a "quoted" word')


def test_line_numbers_count_blank_lines_and_old_mac_line_ends() -> None:
    table = read_table(b"Name\r\r\nSmith\rJones\n\n\n,\nLee")
    assert [(row.line, row.cells) for row in table.rows] == [
        (3, ("Smith",)),
        (4, ("Jones",)),
        (8, ("Lee",)),
    ]


def test_fully_empty_rows_are_skipped_silently() -> None:
    table = read_table(b"\n\nName,City\n,\n , \n\nSmith,Boston\n,,\n")
    assert table.headers == ("Name", "City")
    assert [row.line for row in table.rows] == [7]
    assert table.problems == ()


def test_a_quote_inside_an_unquoted_value_is_kept() -> None:
    table = read_table(b'Item,Size\nPipe,6" wide\n')
    assert rows(table) == [("Pipe", '6" wide')]
    assert table.problems == ()


def test_a_quote_never_closed_loses_only_its_line() -> None:
    table = read_table(b'Name,Notes\nSmith,"never closed\nJones,ok\nLee,ok\n')
    assert rows(table) == [("Jones", "ok"), ("Lee", "ok")]
    (problem,) = table.problems
    assert (problem.line, problem.severity) == (2, "error")
    assert "never closed" in problem.message
    assert problem.raw == 'Smith,"never closed'


def test_text_after_a_closing_quote_is_an_error_on_its_line() -> None:
    table = read_table(b'Name,Notes\nSmith,"5" wide\nJones,ok\n')
    assert rows(table) == [("Jones", "ok")]
    assert errors(table) == [2]
    assert "closing quote" in table.problems[0].message


def test_a_broken_header_refuses_the_file() -> None:
    table = read_table(b'Name,"Notes\nSmith,x\n')
    assert table.headers == () and table.rows == ()
    assert errors(table) == [1]


# ----------------------------------------------------------------- ragged, headers


def test_short_rows_are_padded_and_long_rows_trimmed_with_a_warning() -> None:
    table = read_table(b"Name,Phone,City\nSmith,555\nJones,556,Boston,extra\nLee,1,X\n")
    assert rows(table) == [("Smith", "555", ""), ("Jones", "556", "Boston"), ("Lee", "1", "X")]
    assert warnings_of(table) == [2, 3]
    assert "2 values" in table.problems[0].message
    assert table.problems[1].raw == "Jones,556,Boston,extra"


def test_trailing_delimiters_are_not_columns() -> None:
    table = read_table(b"Name,City,\nSmith,Boston,\nJones,Salem,,\n")
    assert table.headers == ("Name", "City")
    assert rows(table) == [("Smith", "Boston"), ("Jones", "Salem")]
    assert table.problems == ()


def test_blank_and_repeated_headers_get_names_of_their_own() -> None:
    table = read_table(b" Name ,,Phone,phone\nSmith,x,1,2\n")
    assert table.headers == ("Name", "Column 2", "Phone", "phone (2)")
    assert warnings_of(table) == [1]


# ------------------------------------------------------------------- long values


def test_a_value_over_the_limit_keeps_its_row_out() -> None:
    long_value = "x" * (FIELD_LIMIT + 1)
    table = read_table(f"Name,Notes\nSmith,{long_value}\nJones,{'y' * FIELD_LIMIT}\n".encode())
    assert [row.cells[0] for row in table.rows] == ["Jones"]
    assert errors(table) == [2]
    assert len(table.problems[0].raw) <= 200


@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "unquoted"])
def test_a_3_mb_field_is_refused_quickly(quoted: bool) -> None:
    big = "z" * 3_000_000
    value = f'"{big}\n{big}"' if quoted else big
    data = f"Name,Notes\nSmith,{value}\nJones,ok\n".encode()
    started = time.perf_counter()
    table = read_table(data)
    assert time.perf_counter() - started < 1.0
    assert rows(table) == [("Jones", "ok")]
    assert errors(table) == [2]
    assert table.rows[0].line == (4 if quoted else 3)


# ------------------------------------------------------------- not a table at all


def _zip(names: list[str]) -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (_zip(["word/document.xml"]), "zip"),
        (b"PK\x03\x04 truncated", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "binary"),
    ],
    ids=["empty", "blank", "pdf", "zip", "bad-zip", "xls", "noise", "png"],
)
def test_files_that_are_not_tables_are_refused_on_line_0(data: bytes, words: str) -> None:
    table = read_table(data)
    assert table.headers == () and table.rows == ()
    (problem,) = table.problems
    assert (problem.line, problem.severity) == (0, "error")
    assert words in problem.message


def test_the_format_asked_for_is_checked_against_the_content() -> None:
    assert "not an Excel workbook" in read_table(b"a,b\n1,2\n", format="xlsx").problems[0].message
    workbook = _zip(["xl/workbook.xml"])
    assert "not a CSV file" in read_table(workbook, format="csv").problems[0].message


def test_a_few_stray_control_characters_are_removed_with_a_warning() -> None:
    text = "Name,City\n" + "Smith\x00,Boston\n" * 10 + "Jones,Sa\x1blem\n" + "Lee,X\n" * 200
    table = read_table(text.encode())
    assert rows(table)[0] == ("Smith", "Boston")
    assert rows(table)[10] == ("Jones", "Salem")
    assert warnings_of(table) == [0]


def test_vertical_tabs_inside_values_are_not_binary_data() -> None:
    text = "Name,Notes\n" + "Smith,first\x0bsecond\x0bthird\n" * 50  # FileMaker's line breaks
    table = read_table(text.encode())
    assert rows(table)[0] == ("Smith", "firstsecondthird")
    assert warnings_of(table) == [0]


def test_a_first_row_too_long_for_a_header_refuses_the_file() -> None:
    table = read_table(("x" * (FIELD_LIMIT + 1) + "\nSmith\n").encode())
    assert table.rows == ()
    assert errors(table) == [1]


def test_a_header_wider_than_most_rows_still_sets_the_delimiter() -> None:
    table = read_table(b"Full Name,Phone\nSmith\nJones\nLee:Deck,1\nKim\n")
    assert table.delimiter == ","
    assert table.headers == ("Full Name", "Phone")


@pytest.mark.parametrize(
    "data",
    [
        b'a,"' * 50_000,
        b'"' * 150_000,
        b"\n".join([b'a,"x'] * 30_000),
        b'"' + b'""' * 75_000,
        b'a,b\n"x' + b"\n" * 50_000 + b'"y",z\n' * 5_000,
        b"," * 200_000,
    ],
    ids=["open-quotes", "quotes", "unclosed-lines", "escaped", "late-close", "commas"],
)
def test_hostile_quoting_is_read_quickly(data: bytes) -> None:
    # Guards against time that grows with the square of the input (minutes at these
    # sizes), not speed: about 0.04 s here, and a loaded CI machine once took over 1 s.
    started = time.perf_counter()
    table = read_table(data)
    assert time.perf_counter() - started < 10.0
    assert all(len(row.cells) == len(table.headers) for row in table.rows)


def test_a_quickbooks_style_export_fixture() -> None:
    table = read_table((DATA / "customer_list.csv").read_bytes())
    assert table.headers[:3] == ("Customer", "Company", "First Name")
    assert len(table.rows) == 4
    assert table.rows[1].cells[0] == "Abercrombie, Kristy:Family Room"
    assert table.problems == ()


# -------------------------------------------------------------------- never raises


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), format=st.sampled_from([None, "csv", "xlsx"]))
def test_read_table_never_raises_on_any_bytes(data: bytes, format: TableFormat | None) -> None:
    table = read_table(data, format=format)
    assert all(len(row.cells) == len(table.headers) for row in table.rows)
    assert all(problem.line >= 0 for problem in table.problems)


_CSV_ALPHABET = st.sampled_from(list(',;\t|"\r\n ab\x00é€\ufeff'))


@settings(max_examples=300, deadline=None)
@given(text=st.text(_CSV_ALPHABET, max_size=300), encoding=st.sampled_from(["utf-8", "utf-16"]))
def test_read_table_never_raises_on_csv_like_text(text: str, encoding: str) -> None:
    table = read_table(text.encode(encoding))
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    assert all(1 <= row.line <= lines for row in table.rows)
    assert all(len(row.cells) == len(table.headers) for row in table.rows)
