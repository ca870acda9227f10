"""Where OfficeMgr keeps its files on this computer (per-user folders from platformdirs)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "OfficeMgr"
COMPANY_SUFFIX = ".officemgr"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def backup_dir() -> Path:
    return data_dir() / "Backups"


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def default_company_file() -> Path:
    return data_dir() / f"My Company{COMPANY_SUFFIX}"


def sample_company_file() -> Path:
    return data_dir() / f"Sample Company{COMPANY_SUFFIX}"
