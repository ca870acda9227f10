"""The log: one rotating file in the user's log folder, with what support needs to know."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from officemgr.app import LOG_BACKUPS, LOG_FILE_NAME, LOG_MAX_BYTES, configure_logging
from officemgr.core import paths
from officemgr.core.backup import auto_backup, make_backup, restore_backup

LOG = logging.getLogger("officemgr")


@pytest.fixture
def log_file() -> Iterator[Path]:
    """The app's log set up as the window does it; taken down again afterwards."""
    handlers, level = list(LOG.handlers), LOG.level
    configure_logging()
    yield paths.log_dir() / LOG_FILE_NAME
    for handler in LOG.handlers[:]:
        if handler not in handlers:
            LOG.removeHandler(handler)
            handler.close()
    LOG.setLevel(level)


def flushed(path: Path) -> str:
    for handler in LOG.handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_the_log_is_one_rotating_file_in_the_user_log_folder(
    log_file: Path, isolated_user_folders: Path
) -> None:
    configure_logging()  # a second call adds no second handler
    (handler,) = [h for h in LOG.handlers if isinstance(h, logging.FileHandler)]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert Path(handler.baseFilename) == log_file
    assert log_file.is_relative_to(isolated_user_folders)
    line = "x" * 1000
    for number in range(LOG_MAX_BYTES * (LOG_BACKUPS + 2) // 1000):
        logging.getLogger("officemgr.core.backup").info("%06d %s", number, line)
    logged = sorted(p.name for p in log_file.parent.iterdir())
    assert logged == [LOG_FILE_NAME] + [f"{LOG_FILE_NAME}.{n}" for n in range(1, LOG_BACKUPS + 1)]
    assert all(p.stat().st_size <= LOG_MAX_BYTES for p in log_file.parent.iterdir())
    text = flushed(log_file)
    assert f"{number:06d}" in text, "the newest lines are in the current file"
    assert "INFO officemgr.core.backup:" in text, "each line says its level and where"


def test_backups_and_restores_are_logged(
    log_file: Path, company: Any, company_path: Path, tmp_path: Path
) -> None:
    manual = make_backup(company_path, to_dir=tmp_path / "backups")
    automatic = auto_backup(company_path, reason="close", keep=1)
    auto_backup(company_path, reason="daily", keep=1)  # rotates the one above away
    company.close()
    restore_backup(manual, target=company_path)
    text = flushed(log_file)
    assert f"Backed up {company_path} to {manual}" in text
    assert f"Backed up {company_path} to {automatic}" in text
    assert f"Deleted the old automatic backup {automatic}" in text
    assert f"Restored {company_path} from {manual}" in text


def test_a_log_folder_that_cannot_be_made_does_not_stop_the_program(
    capsys: pytest.CaptureFixture[str],
) -> None:
    handlers = list(LOG.handlers)
    blocker = paths.log_dir().parent
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the log folder's parent should be")
    configure_logging()
    assert LOG.handlers == handlers
    assert "cannot write the log" in capsys.readouterr().err
