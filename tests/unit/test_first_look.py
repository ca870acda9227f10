"""The first page read before the program has loaded is the page the tree service lists."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from officemgr.core import first_look as looking
from officemgr.core.first_look import first_look


def _varied(company: Any, data: Any) -> None:
    """Every kind of row the first page shows something different for."""
    held = data.add("Held Co", hold=True, balance="120.50")
    data.add("Job Under Held", held, balance="20.25")
    data.add("Prospect Co", prospect=True)
    data.add("Gone Co", active=False)
    quiet = data.add("Quiet Co")
    data.add("Old Job", quiet, active=False)  # an inactive job: no arrow under "active"
    noted = data.add("Noted Co", note=True)
    data.add("Noted Job", noted)
    job_note = data.add("Job Note Co")
    data.note(data.add("Job With Note", job_note))  # a job's note is not its customer's
    data.note(data.add("Expired Co"), until=date.today() - timedelta(days=1))
    data.note(data.add("Silenced Co"), active=False)
    data.add("Owes Co", balance="-3.10")
    data.add("O'Neil Co")  # sorts by its key, not its letters
    data.add("ONeil Co")
    data.add_customers(30, prefix="Bulk")


def test_the_first_page_is_the_tree_services_first_page(
    company: Any, tree_data: Any, company_path: Path
) -> None:
    _varied(company, tree_data)
    for limit in (1, 7, 200):
        look = first_look(company_path, limit=limit)
        assert look is not None
        assert list(look.rows) == company.tree.children(parent_id=None, limit=limit)
        assert len(look.rows) == min(limit, 30 + 10)


def test_it_reads_the_offices_name_and_number_format(company: Any, company_path: Path) -> None:
    company.settings.update(company_name="Müller Heizung", number_locale="de_DE")
    look = first_look(company_path)
    assert look is not None
    assert (look.company_name, look.number_locale) == ("Müller Heizung", "de_DE")
    assert look.currency == company.settings.get().currency
    assert look.path == company_path.absolute()


def test_a_new_file_is_left_to_the_ordinary_opening(tmp_path: Path) -> None:
    path = tmp_path / "New.officemgr"
    assert first_look(path) is None
    assert not path.exists()  # nothing made beside it either
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 50],
)
def test_a_foreign_or_damaged_file_is_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "Odd.officemgr"
    path.write_bytes(content)
    assert first_look(path) is None
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Odd.officemgr"]


def test_an_older_file_waits_for_its_upgrade(old_company_file: Path) -> None:
    before = old_company_file.read_bytes()
    assert first_look(old_company_file) is None
    assert old_company_file.read_bytes() == before


def test_a_file_it_cannot_read_is_left_to_the_ordinary_opening(
    company_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(looking, "_read", locked)
    assert first_look(company_path) is None


def test_a_file_without_office_settings_has_no_first_look(
    company_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy" / "No Office.officemgr"
    copy.parent.mkdir()
    shutil.copy(company_path, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM office_settings")
    assert first_look(copy) is None


def test_the_look_loads_neither_sqlalchemy_nor_qt(company_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from officemgr.core.first_look import first_look\n"
        f"assert first_look(Path({str(company_path)!r})) is not None\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'PySide6', 'alembic', 'phonenumbers', 'nameparser'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
