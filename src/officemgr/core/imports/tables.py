"""A CSV or Excel file read as a header and rows of text, with what was wrong in it.

People bring customer lists from spreadsheets, web shops and other office programs, saved
with whatever encoding, delimiter and quoting that program chose. `read_table` finds those
out from the content (the user cannot be asked what "UTF-16 LE" means) and turns any file
into a `Table`: the first non-empty row is the header, the others are rows of text cells,
each with the line it started on, so the preview can point at the line in the file. It
never raises on bad input: a file it cannot read is one `Problem` on line 0, and a row it
cannot read is a `Problem` on its line while the other rows are kept.

Detection, in order:

- **format** — a zip holding ``xl/workbook.xml`` is an Excel workbook; another zip, a PDF,
  an old binary Office file or binary noise is refused; anything else is CSV text.
- **encoding** — a byte order mark says UTF-8 or UTF-16 LE/BE; without one, NUL bytes at
  every other position say UTF-16; then strict UTF-8; then Windows-1252, which reads a
  Latin-1 file too (the five bytes it leaves undefined are read as Latin-1).
- **delimiter** — of ``,`` ``;`` tab ``|``, the one that splits the first records (quotes
  respected) into the same number of fields, more than one; ties go in that order.

The CSV tokenizer is our own (RFC 4180 with Excel's habits) rather than the ``csv``
module: it must give each record's first line and raw text, recover from a broken quote
at the next line instead of swallowing the rest of the file, and read a field of
megabytes without the module's process-wide field size limit. Quoted fields are matched
by one regular expression, so a 3 MB field costs one C-level scan.

Excel workbooks are read with openpyxl (imported only when one is read), first worksheet,
read-only and values only: dates become ISO text and numbers plain text as Excel shows
them ("1234.5", "5551234"), never "1234.5000000001" or "5551234.0".
"""

from __future__ import annotations

import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal

from officemgr.core.imports.records import Problem, cut_raw

__all__ = [
    "DELIMITERS",
    "FIELD_LIMIT",
    "Table",
    "TableFormat",
    "TableRow",
    "read_table",
]

TableFormat = Literal["csv", "xlsx"]

DELIMITERS = (",", ";", "\t", "|")  # in the order that breaks a tie
FIELD_LIMIT = 4000  # characters in one cell; a longer one is not a customer's data
SNIFF_RECORDS = 50  # records read to choose the delimiter
SNIFF_CHARS = 64 * 1024  # characters looked at for the delimiter and for binary data
BINARY_SHARE = 0.01  # more control characters than this share: not a text file
MAX_UNPACKED = 512 * 1024 * 1024  # bytes a workbook may unpack to (a zip bomb is refused)

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc: the old Office files
_BREAK = re.compile(r"[\r\n]")
_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\r|\n)?")  # a line and its line break
# A quoted field: its quotes doubled inside; unrolled so a long field is one linear scan.
_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
# Control characters that are no part of text (tab, line feed and carriage return are);
# those that mark binary data leave out the vertical tab and form feed, which some
# programs write into text (FileMaker's line break inside a field).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BINARY = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class TableRow:
    """One record of the file: ``line`` is where it starts (1-based; a quoted field may
    carry it over several lines), ``cells`` one text per header column, ``raw`` its text
    as it stands in the file (for an Excel row, its cells joined by tabs)."""

    line: int
    cells: tuple[str, ...]
    raw: str


@dataclass(frozen=True)
class Table:
    """A file read as a header and rows; ``encoding`` and ``delimiter`` are what was found
    (None for a workbook, or when the file was refused); ``problems`` are in line order."""

    format: TableFormat
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    encoding: str | None = None
    delimiter: str | None = None
    problems: tuple[Problem, ...] = ()


@dataclass(slots=True)
class _Record:
    """A record as the tokenizer or the workbook gives it; ``problem`` set: unreadable."""

    line: int
    cells: list[str]
    raw: str
    problem: str | None = None


def read_table(data: bytes, *, format: TableFormat | None = None) -> Table:
    """The table in ``data``: a CSV text or an Excel workbook (``format`` None: told by
    the content). Never raises on bad input: a file that is not a table comes back
    without rows and with one `Problem` on line 0 saying what it is instead."""
    kind = _kind_of(data)
    refusal = _refusal(kind, format)
    if refusal is not None:
        as_format: TableFormat = format or ("xlsx" if kind in ("xlsx", "zip") else "csv")
        return _refused(as_format, refusal)
    if kind == "xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


def _refused(as_format: TableFormat, message: str, **found: str | None) -> Table:
    """A table without rows whose one problem, on line 0, says why the file is refused."""
    return Table(
        format=as_format,
        headers=(),
        rows=(),
        encoding=found.get("encoding"),
        delimiter=found.get("delimiter"),
        problems=(Problem(0, message),),
    )


# ------------------------------------------------------------------------- the format


def _kind_of(data: bytes) -> str:
    """What ``data`` is by its first bytes: "empty", "xlsx", "zip", "pdf", "ole" or "text"
    (text that may still turn out to be binary noise once decoded)."""
    if not data.strip():
        return "empty"
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except Exception:  # a damaged archive fails in many ways: it is no workbook
            return "zip"
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    return "text"


_WHAT_IT_IS = {
    "empty": "The file is empty.",
    "zip": "This is a zip archive, not an Excel workbook (.xlsx) or a CSV file.",
    "pdf": "This is a PDF document, not a CSV file or an Excel workbook (.xlsx).",
    "ole": (
        "This is an older Office file (such as an Excel 97–2003 .xls workbook): "
        "save it from Excel as .xlsx or CSV and import that."
    ),
}


def _refusal(kind: str, format: TableFormat | None) -> str | None:
    """Why a file of ``kind`` cannot be read as ``format``, or None when it can."""
    if kind in _WHAT_IT_IS:
        return _WHAT_IT_IS[kind]
    if format == "csv" and kind == "xlsx":
        return "This is an Excel workbook (.xlsx), not a CSV file: import it as a workbook."
    if format == "xlsx" and kind == "text":
        return "This is not an Excel workbook (.xlsx): it looks like a text file."
    return None


# ------------------------------------------------------------------------------ CSV


def _read_csv(data: bytes) -> Table:
    """A CSV file's table: decoded, checked for binary data, split by its delimiter."""
    encoding, text, problems = _decode(data)
    sample = text[:SNIFF_CHARS]
    controls = len(_BINARY.findall(sample))
    if controls > BINARY_SHARE * len(sample):
        return _refused(
            "csv",
            "This file holds binary data, not text: it is not a CSV file.",
            encoding=encoding,
        )
    text, removed = _CONTROL.subn("", text.removeprefix("\ufeff"))
    if removed:
        problems.append(
            Problem(
                0,
                f"{removed} control character(s) that are no part of text were removed.",
                severity="warning",
            )
        )
    delimiter = _guess_delimiter(text)
    return _build_table(
        "csv", _tokenize(text, delimiter), problems, encoding, delimiter, ragged=True
    )


def _decode(data: bytes) -> tuple[str, str, list[Problem]]:
    """``data`` as text, with the encoding used and a warning when bytes were replaced."""
    problems: list[Problem] = []
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return encoding, _decode_lax(data[len(bom) :], encoding, problems), problems
    utf16 = _utf16_by_nuls(data)
    if utf16 is not None:
        return utf16, _decode_lax(data, utf16, problems), problems
    try:
        return "utf-8", data.decode("utf-8"), problems
    except UnicodeDecodeError:
        return "cp1252", data.decode("latin-1").translate(_CP1252), problems


def _decode_lax(data: bytes, encoding: str, problems: list[Problem]) -> str:
    """``data`` in an encoding its mark or its NULs promise; bytes that break the promise
    become U+FFFD with a warning, rather than the whole file being refused."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        problems.append(
            Problem(
                0,
                f"Some bytes are not valid {encoding.upper()} and were replaced with “�”.",
                severity="warning",
            )
        )
        return data.decode(encoding, errors="replace")


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without a byte order mark, told by its NULs: text that is mostly ASCII has
    a NUL in every second byte (the high byte), and UTF-8 or Windows-1252 text has none."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0 : pairs * 2 : 2].count(0), sample[1 : pairs * 2 : 2].count(0)
    if odd >= 0.4 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _cp1252_table() -> dict[int, str]:
    """Windows-1252 for the bytes 0x80–0x9F where it differs from Latin-1; the five it
    leaves undefined stay Latin-1 (control characters, then removed as such)."""
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252 = _cp1252_table()


def _guess_delimiter(text: str) -> str:
    """The delimiter that splits the first records into one steady number of fields.

    Each candidate tokenizes the first `SNIFF_RECORDS` records (so a delimiter inside
    quotes does not count). It competes only if it splits the header or most records
    into more than one field; then the share of records having its usual field count
    wins, then that count. A file no candidate splits is one column: ",".
    """
    sample = text[:SNIFF_CHARS]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts: list[int] = []
        for record in _tokenize(sample, delimiter):
            if record.problem is None and any(cell.strip() for cell in record.cells):
                counts.append(len(record.cells))
            if len(counts) > SNIFF_RECORDS:
                break
        if len(text) > len(sample) and len(counts) > 1:
            counts.pop()  # the last record may be cut short by the sample's end
        if not counts:
            continue
        usual = max(set(counts), key=lambda n: (counts.count(n), n))
        score = (counts.count(usual) / len(counts), usual)
        if (usual > 1 or counts[0] > 1) and score > best_score:
            best, best_score = delimiter, score
    return best


def _tokenize(text: str, delimiter: str) -> Iterator[_Record]:
    """The records of ``text``. A line without a quote is split as it is (fast); a line
    with one goes through `_quoted_record`."""
    stop = re.compile(f"[{re.escape(delimiter)}\r\n]")
    pos, line, end = 0, 1, len(text)
    while pos < end:
        match = _LINE.match(text, pos)
        content = match.group(1) if match is not None else ""
        if match is not None and '"' not in content:
            yield _Record(line, content.split(delimiter), content)
            pos, line = match.end(), line + 1
            continue
        record, pos, line = _quoted_record(text, pos, line, delimiter, stop)
        yield record


def _quoted_record(
    text: str, start: int, line: int, delimiter: str, stop: re.Pattern[str]
) -> tuple[_Record, int, int]:
    """The record starting at ``start`` (on ``line``) that holds a quote, with where the
    next record starts and its line. A quote never closed, or text after a closing quote,
    makes the record broken up to the end of the line the trouble is on."""
    cells: list[str] = []
    pos, current, end = start, line, len(text)
    while True:
        if text.startswith('"', pos):
            match = _QUOTED.match(text, pos)
            if match is None:
                return _broken(text, start, pos, line, current, "a quote is never closed")
            cells.append(match.group(1).replace('""', '"'))
            current += _newlines(match.group(0))
            pos = match.end()
            if pos < end and text[pos] not in (delimiter, "\r", "\n"):
                return _broken(text, start, pos, line, current, "text follows a closing quote")
        else:
            field_end = _until(stop, text, pos)
            cells.append(text[pos:field_end])
            pos = field_end
        if pos < end and text[pos] == delimiter:
            pos += 1
            continue
        record = _Record(line, cells, text[start:pos])
        return record, _after_newline(text, pos), current + 1


def _until(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` next matches from ``pos``, or the end of ``text``."""
    found = pattern.search(text, pos)
    return len(text) if found is None else found.start()


def _broken(
    text: str, start: int, pos: int, line: int, current: int, why: str
) -> tuple[_Record, int, int]:
    """A broken record: it ends with the line ``pos`` is on, and reading goes on after."""
    line_end = _until(_BREAK, text, pos)
    message = f"This row cannot be read: {why} (quotes must come in pairs around a value)."
    record = _Record(line, [], text[start:line_end], message)
    return record, _after_newline(text, line_end), current + 1


def _after_newline(text: str, pos: int) -> int:
    """The position after the line break at ``pos`` (\\r\\n, \\r or \\n), or ``pos``."""
    if text.startswith("\r\n", pos):
        return pos + 2
    if text.startswith(("\r", "\n"), pos):
        return pos + 1
    return pos


def _newlines(text: str) -> int:
    """Line breaks in ``text``, counting \\r\\n once."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


# ----------------------------------------------------------------------------- Excel


def _read_xlsx(data: bytes) -> Table:
    """An Excel workbook's first worksheet as a table; a workbook openpyxl cannot read,
    for whatever reason, is refused with that reason rather than raising."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED:
            return _refused("xlsx", "This workbook is too large to import (over 512 MB unpacked).")
        records = list(_sheet_records(data))
    except Exception as error:  # openpyxl raises anything on a damaged file
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return _refused("xlsx", f"This Excel workbook cannot be read ({cut_raw(reason)}).")
    if records and records[0].problem is not None:
        return _refused("xlsx", records[0].problem)
    return _build_table("xlsx", records, [], None, None, ragged=False)


def _sheet_records(data: bytes) -> Iterator[_Record]:
    """The non-empty rows of the first worksheet, their cells as text, trailing empty
    cells dropped. The sheet's recorded size is ignored (`reset_dimensions`): programs
    that write a wrong one would otherwise lose rows in read-only mode."""
    import openpyxl  # loaded only when a workbook is read

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no default style", unsupported extensions …
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not book.worksheets:
                yield _Record(0, [], "", "This workbook has no worksheet.")
                return
            sheet = book.worksheets[0]
            sheet.reset_dimensions()
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(value) for value in values]
                while cells and not cells[-1].strip():
                    cells.pop()
                if cells:
                    yield _Record(number, cells, "\t".join(cells))
        finally:
            book.close()


def _cell_text(value: object) -> str:
    """A cell's value as the text Excel shows for it, in plain form: dates ISO, numbers
    without float noise or exponent, TRUE/FALSE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _float_text(value: float) -> str:
    """A float as Excel shows it: 15 significant digits, so 0.1 + 0.2 is "0.3", in plain
    notation ("100000000000000000000", not "1e+20"), a whole number without ".0"."""
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(f"{value:.15g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ------------------------------------------------------------------------ the table


def _build_table(
    as_format: TableFormat,
    records: Iterable[_Record],
    problems: list[Problem],
    encoding: str | None,
    delimiter: str | None,
    *,
    ragged: bool,
) -> Table:
    """Header and rows from ``records``: empty records skipped, broken or over-long ones
    kept out as errors. ``ragged``: rows of another width than the header are fitted to
    it with a warning (CSV); else the widest row sets the width silently (a worksheet)."""
    header: _Record | None = None
    kept: list[_Record] = []
    for record in records:
        if record.problem is None and not "".join(record.cells).strip():
            continue
        if header is not None:
            _keep(record, kept, problems)
            continue
        refusal = _not_a_header(record)
        if refusal is not None:
            problems.append(Problem(record.line, refusal, cut_raw(record.raw)))
            return _table(as_format, (), [], problems, encoding, delimiter)
        header = record
    if header is None:
        problems.append(Problem(0, "The file has no rows: not even a header row."))
        return _table(as_format, (), [], problems, encoding, delimiter)
    if ragged:  # a trailing delimiter in the header names no column
        width = len(header.cells)
        while width > 1 and not header.cells[width - 1].strip():
            width -= 1
    else:
        width = max(len(record.cells) for record in [header, *kept])
    headers = _header_names(header, width, problems)
    rows = [_fit(record, len(headers), problems if ragged else None) for record in kept]
    return _table(as_format, headers, rows, problems, encoding, delimiter)


def _not_a_header(record: _Record) -> str | None:
    """Why the first row cannot name the columns (then no row can be read), or None."""
    if record.problem is not None:
        return record.problem.replace("This row", "The header row", 1)
    if max(map(len, record.cells)) > FIELD_LIMIT:
        return "The first row is not a header row: it has a value too long for a name."
    return None


def _keep(record: _Record, kept: list[_Record], problems: list[Problem]) -> None:
    """Add ``record`` to the rows, or its problem to the problems when it cannot be one."""
    if record.problem is not None:
        problems.append(Problem(record.line, record.problem, cut_raw(record.raw)))
        return
    longest = max(map(len, record.cells))
    if longest > FIELD_LIMIT:
        problems.append(
            Problem(
                record.line,
                f"This row has a value of {longest:,} characters; a value can have at most "
                f"{FIELD_LIMIT:,}, so the row is left out.",
                cut_raw(record.raw),
            )
        )
        return
    kept.append(record)


def _header_names(header: _Record, width: int, problems: list[Problem]) -> tuple[str, ...]:
    """The column names: trimmed, a blank one called "Column N", a repeated one given
    " (2)", " (3)" … so that a mapping can name each column by its header."""
    cells = [cell.strip() for cell in header.cells[:width]]
    cells += [""] * (width - len(cells))
    names: list[str] = []
    seen: set[str] = set()
    for number, cell in enumerate(cells, start=1):
        cell = cut_raw(cell) or f"Column {number}"
        name, copy = cell, 1
        while name.casefold() in seen:
            copy += 1
            name = f"{cell} ({copy})"
        if copy > 1:
            message = f"Two columns are called “{cell}”; the later one is called “{name}” here."
            problems.append(Problem(header.line, message, cut_raw(header.raw), "warning"))
        seen.add(name.casefold())
        names.append(name)
    return tuple(names)


def _fit(record: _Record, width: int, problems: list[Problem] | None) -> TableRow:
    """``record`` as a row of ``width`` cells: padded, or trimmed of cells past the last
    column; with ``problems``, a warning when that changed a value's column or lost one."""
    cells = record.cells
    if len(cells) == width:
        return TableRow(record.line, tuple(cells), record.raw)
    extra = cells[width:]
    if problems is not None and (len(cells) < width or any(c.strip() for c in extra)):
        if len(cells) < width:
            what = "the missing ones are left empty"
        else:
            what = "the values past the last column are left out"
        problems.append(
            Problem(
                record.line,
                f"This row has {_count(len(cells), 'value')} where the header has {width} "
                f"columns: {what}.",
                cut_raw(record.raw),
                "warning",
            )
        )
    fitted = (cells + [""] * (width - len(cells)))[:width]
    return TableRow(record.line, tuple(fitted), record.raw)


def _table(
    as_format: TableFormat,
    headers: Sequence[str],
    rows: Sequence[TableRow],
    problems: list[Problem],
    encoding: str | None,
    delimiter: str | None,
) -> Table:
    """The finished table, its problems in line order as the preview lists them."""
    ordered = sorted(problems, key=lambda problem: problem.line)
    return Table(as_format, tuple(headers), tuple(rows), encoding, delimiter, tuple(ordered))


def _count(number: int, noun: str) -> str:
    """ "1 value", "3 values": messages the user reads should not say "1 values"."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
