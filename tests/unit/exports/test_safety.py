"""An export never writes over company data, never leaves half a file, never touches a
file already at its target until the new one is whole, and streams in batches."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any

import pytest

from officemgr.core.exports import lists, node_reader
from officemgr.core.exports.tracker import Tracker
from officemgr.errors import ValidationError
from officemgr.exporting import ExportCancelled

# About the company file itself (its path, its backups): no server counterpart.
pytestmark = pytest.mark.sqlite_only


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(node_reader, "BATCH", 2)


def test_the_company_file_is_never_a_target(company: Any, office: Any) -> None:
    before = digest(company.path)
    with pytest.raises(ValidationError) as refused:
        company.exports.write(company.path, format="csv")
    assert "never written over company data" in str(refused.value)
    assert str(refused.value).count(".") <= 2  # one sentence (the name has its own dot)
    for name in ("Acme.officemgr-wal", "Acme.OFFICEMGR", "x.officemgr-journal"):
        with pytest.raises(ValidationError):
            company.exports.write(company.path.with_name(name), format="csv")
    link = company.path.with_name("customers.csv")
    link.symlink_to(company.path)
    with pytest.raises(ValidationError):
        company.exports.write(link)
    assert digest(company.path) == before


def test_a_backup_or_any_database_is_never_a_target(company: Any, tmp_path: Path) -> None:
    backup = tmp_path / "old copy.csv"
    backup.write_bytes(company.path.read_bytes())
    with pytest.raises(ValidationError, match="is a company file or a backup"):
        company.exports.write(backup)
    assert backup.read_bytes() == company.path.read_bytes()


@pytest.mark.parametrize(
    ("out", "options", "says"),
    [
        ("customers.txt", {}, "does not say which format"),
        ("log.iif", {"what": "contact-log"}, "cannot be written as QuickBooks IIF"),
        ("invoices.vcf", {"what": "invoices"}, "cannot be written as vCard"),
        ("x.csv", {"what": "jobs"}, "is not a list OfficeMgr exports"),
        ("x.csv", {"format": "pdf"}, "is not an export format"),
        ("missing folder/x.csv", {}, "does not exist"),
    ],
)
def test_wrong_choices_are_refused_before_anything_is_read(
    company: Any, tmp_path: Path, out: str, options: dict[str, Any], says: str
) -> None:
    with pytest.raises(ValidationError, match=says):
        company.exports.write(tmp_path / out, **options)
    assert not (tmp_path / out).exists() and not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize("name", ["customers.csv", "customers.xlsx", "customers.iif", "c.vcf"])
def test_cancel_midway_leaves_no_file_and_the_old_one_untouched(
    company: Any, office: Any, tmp_path: Path, small_batches: None, name: str
) -> None:
    target = tmp_path / "out" / name
    target.parent.mkdir()
    target.write_text("the export of last week", encoding="utf-8")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 3  # after the first batch or two were written

    temp_before = set(Path(tempfile.gettempdir()).glob("openpyxl.*"))
    with pytest.raises(ExportCancelled, match="cancelled: no file was written"):
        company.exports.write(target, cancelled=cancelled)
    assert target.read_text(encoding="utf-8") == "the export of last week"
    assert [p.name for p in target.parent.iterdir()] == [name]  # no partial file left
    assert set(Path(tempfile.gettempdir()).glob("openpyxl.*")) <= temp_before  # nor there


def test_a_failing_disk_leaves_no_file(
    company: Any, office: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from officemgr.core.exports import csv_file
    from officemgr.core.outputs import WriteFailedError

    def full_disk(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_file.csv, "writer", full_disk)
    with pytest.raises(WriteFailedError, match=r"the disk is full\. Nothing was written\."):
        company.exports.write(tmp_path / "out.csv")
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".csv", ".partial")]


def test_progress_runs_batch_by_batch_to_the_total(
    company: Any, office: Any, tmp_path: Path, small_batches: None
) -> None:
    told: list[tuple[int, int]] = []
    result = company.exports.write(tmp_path / "c.csv", progress=lambda *step: told.append(step))
    assert told[0] == (0, 7) and told[-1] == (7, 7)
    assert [done for done, _ in told] == sorted(done for done, _ in told)
    assert len(told) == 1 + 4  # started, then after each batch of two
    assert result.rows == 7


def test_rows_are_written_before_the_rest_is_read(
    company: Any, office: Any, small_batches: None
) -> None:
    """Streaming: the first row reaches the writer while most of the list is unread."""
    tracker = Tracker()
    with company.read() as session:
        table = lists.table_of(session, "customers", include_inactive=True, tracker=tracker)
        rows = iter(table.rows)
        next(rows)
        assert (tracker.done, tracker.total) == (0, 7)
        remaining = sum(1 for _ in rows)
    assert remaining == 6 and tracker.done == 7
