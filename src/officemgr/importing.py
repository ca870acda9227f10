"""``co.imports``: customers and jobs in from QuickBooks IIF, CSV or Excel files.

Three steps, as the File › Import… wizard and ``officemgr import`` take them::

    parsed = co.imports.read("customers.iif")          # no company file is touched
    report = co.imports.preview(parsed)                # what would happen, row by row
    result = co.imports.commit(parsed)                 # a backup, then one transaction

The preview runs the very import the commit runs, in a transaction that is rolled back,
so its counts and problems are the import's. The commit backs the company file up first
and writes everything in one unit of work: Cancel, a refusal or a crash leaves the file
as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from officemgr.errors import ValidationError

if TYPE_CHECKING:
    from officemgr.company import Company
    from officemgr.core.imports.mapping import ColumnMapping
    from officemgr.core.imports.records import ImportReport, OnDuplicate, ParsedFile, RowChoice
    from officemgr.core.imports.tables import Table

__all__ = [
    "MAX_FILE_BYTES",
    "ImportResult",
    "Imports",
    "detect_format",
    "load_mapping",
    "nodes_of",
    "read_file",
    "read_source",
    "save_mapping",
]

FileFormat = Literal["iif", "csv", "xlsx"]
MAX_FILE_BYTES = 512 * 1024 * 1024  # read whole into memory: far above any customer list
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult:
    """An import written: what each row came to, and the backup made just before."""

    report: ImportReport
    backup: Path


def detect_format(name: str, data: bytes) -> FileFormat:
    """The format of a file from its content, its name breaking a tie: a zip is Excel,
    text whose first line starts with "!" is IIF, anything else is read as CSV."""
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if head.startswith(b"!") or name.lower().endswith(".iif"):
        return "iif"
    return "csv"


class Imports:
    """The imports of one company (``co.imports``)."""

    def __init__(self, company: Company) -> None:
        self.company = company

    def read(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        format: FileFormat | None = None,
        mapping: ColumnMapping | None = None,
    ) -> ParsedFile:
        """Read an import file (a path, or its bytes) into customers and jobs by name.

        ``format`` is found from the content when not given; a CSV or Excel file's
        columns follow ``mapping``, or a mapping guessed from its header row. Problems
        come back in the result, each on its line; only a file that cannot be read at
        all raises (ValidationError, in one sentence).
        """
        return read_file(source, format=format, mapping=mapping)

    def preview(
        self,
        parsed: ParsedFile,
        *,
        on_duplicate: OnDuplicate = "skip",
        choices: Mapping[int, RowChoice] | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """What `commit` would do with ``parsed``, nothing written (see the module doc)."""
        from officemgr.core.services import imports

        with self.company.rehearse() as session:
            return imports.run(
                session,
                parsed,
                on_duplicate=on_duplicate,
                choices=choices,
                progress=progress,
                cancelled=cancelled,
            )

    def commit(
        self,
        parsed: ParsedFile,
        *,
        on_duplicate: OnDuplicate = "skip",
        choices: Mapping[int, RowChoice] | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        backup_dir: Path | None = None,
    ) -> ImportResult:
        """Back the company file up, then import ``parsed`` in one unit of work.

        A file with nothing to import is refused (ValidationError, the file's own problem
        as the sentence) before anything is backed up or written.
        """
        from officemgr.core.services import imports
        from officemgr.files import make_backup

        imports.check_arguments(parsed, on_duplicate, choices)
        if not parsed.nodes:
            errors = [p.message for p in parsed.problems if p.severity == "error"]
            reason = errors[0] if errors else "The file holds no customers or jobs."
            raise ValidationError(reason, field="source")

        backup = make_backup(self.company.location, to_dir=backup_dir, label="before import")
        with self.company.write() as session:
            report = imports.run(
                session,
                parsed,
                on_duplicate=on_duplicate,
                choices=choices,
                progress=progress,
                cancelled=cancelled,
            )
        return ImportResult(report=report, backup=backup)


def read_file(
    source: str | os.PathLike[str] | bytes,
    *,
    format: FileFormat | None = None,
    mapping: ColumnMapping | None = None,
) -> ParsedFile:
    """`Imports.read` without a company: reading a file touches none."""
    from officemgr.core.imports.tables import Table

    read = read_source(source, format=format)
    return nodes_of(read, mapping) if isinstance(read, Table) else read


def read_source(
    source: str | os.PathLike[str] | bytes, *, format: FileFormat | None = None
) -> Table | ParsedFile:
    """A file read once: a CSV or Excel file as its header and rows (its columns to be
    matched to fields), an IIF file as its customers and jobs (QuickBooks names them)."""
    name, data = _load(source)
    chosen = format or detect_format(name, data)
    if chosen == "iif":
        from officemgr.core.imports import iif

        return iif.parse(data)
    from officemgr.core.imports.tables import read_table

    return read_table(data, format=chosen)


def nodes_of(table: Table, mapping: ColumnMapping | None = None) -> ParsedFile:
    """The rows of ``table`` as customers and jobs, its columns as ``mapping`` says (or
    as guessed from its header)."""
    from officemgr.core.imports.mapping import guess_mapping, rows_to_nodes

    return rows_to_nodes(table, mapping or guess_mapping(table.headers))


def save_mapping(path: str | os.PathLike[str], mapping: ColumnMapping) -> None:
    """Write ``mapping`` where the user chose, for ``--mapping`` or the next import."""
    from officemgr.core.imports.mapping import mapping_to_json

    target = Path(path)
    try:
        target.write_text(mapping_to_json(mapping), encoding="utf-8")
    except OSError as error:
        raise ValidationError(
            f"The mapping could not be saved as {target.name}: {error.strerror}.",
            field="mapping",
        ) from None


def load_mapping(path: str | os.PathLike[str]) -> ColumnMapping:
    """A column mapping saved by the window's Import (``--mapping MAP.json``)."""
    from officemgr.core.imports.mapping import mapping_from_json

    name, data = _load(path)
    try:
        return mapping_from_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(
            f"{name} is not a mapping file (not text).", field="mapping"
        ) from None
    except ValueError as error:
        raise ValidationError(f"{name}: {error}", field="mapping") from None


def _load(source: str | os.PathLike[str] | bytes) -> tuple[str, bytes]:
    if isinstance(source, bytes):
        return "", source
    if isinstance(source, bool) or not isinstance(source, (str, os.PathLike)):
        raise ValidationError("Give the file to import as a path.", field="source")
    path = Path(source).expanduser()
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ValidationError(f"{path.name} is a folder, not a file.", field="source")
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                f"{path.name} is {size / 2**20:,.0f} MB: too large to be a customer list.",
                field="source",
            )
        return path.name, path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"There is no file {path}.", field="source") from None
    except PermissionError:
        raise ValidationError(f"{path} cannot be read (no permission).", field="source") from None
    except OSError as error:
        raise ValidationError(f"{path} cannot be read: {error.strerror}.", field="source") from None
