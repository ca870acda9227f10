"""Paths are paths: a company file may be called anything a file can be called, and every
operation (open, write, report, back up, restore, check) works on that file and no other.

Once, the database URL was built from the raw path: "Smith?Sons" wrote into "Smith",
"pct %41" into "pct A", "#1" cut the name short.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from officemgr import Company
from officemgr.cli import main as cli_main
from officemgr.core import desks, paths
from officemgr.core.backup import make_backup, restore_backup
from officemgr.core.check import verify

# At the limit of a file name (with room for SQLite's "-journal" beside it).
LONG_LATIN = "L" * (paths.MAX_COMPANY_NAME_BYTES - len(paths.COMPANY_SUFFIX))
LONG_GREEK = "Ω" * ((paths.MAX_COMPANY_NAME_BYTES - len(paths.COMPANY_SUFFIX)) // 2)

NAMES = [
    "Smith?Sons",
    "pct %41",
    "Q? #1 100% a&b=c",
    "semi;colon,comma",
    'it\'s "quoted"',
    "  spaced  out ",
    ".leading dot",
    "file:like",
    "Παπαδόπουλος & Υιοί",
    "東京設備株式会社",
    "شركة التكييف",
    "emoji 🔧 service",
    LONG_LATIN,
    LONG_GREEK,
]


@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_every_operation_works_on_the_file_of_that_name(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    path = folder / f"{name}{paths.COMPANY_SUFFIX}"
    with Company.open(path) as co:
        co.customers.add(name="Only Here")
        assert desks.folder_of(path).is_dir()  # marked as open, beside it
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # nothing else made

    with Company.open(path, create=False) as co:
        assert [r.name for r in co.customers.search("Only Here")] == ["Only Here"]
        result = co.reports.contact_log(tmp_path / "log.pdf")
        assert result.path.exists()
    kept = make_backup(path)
    assert len(kept.name.encode()) <= paths.MAX_NAME_BYTES
    with Company.open(path) as co:
        co.customers.add(name="After The Backup")
    assert restore_backup(kept, target=path) is not None
    assert verify(path).ok
    assert cli_main(["check", "--db", str(path)]) == 0
    assert "No problems found" in capsys.readouterr().out
    with Company.open(path, create=False) as co:
        assert co.customers.search("After The Backup") == []  # the restore took its place
        assert [r.name for r in co.customers.search("Only Here")] == ["Only Here"]
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_two_names_that_a_url_would_confuse_stay_two_files(tmp_path: Path) -> None:
    first, second = tmp_path / "Smith?Sons.officemgr", tmp_path / "Smith?Jones.officemgr"
    with Company.open(first) as co:
        co.customers.add(name="Sons Customer")
    with Company.open(second) as co:
        assert co.customers.search("Sons Customer") == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [second.name, first.name]
