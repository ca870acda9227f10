"""Shared fixtures: a fresh company file per test, copied from one migrated template.

Migrating takes a while; copying a file takes a millisecond (Anki's getEmptyCol idea).
The user's real data folder is never touched: platformdirs is pointed at a temp folder.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Backups, logs and default files of every test go to a temp folder."""
    home = tmp_path_factory.mktemp("userdata")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    return home


@pytest.fixture(scope="session")
def template_company_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from officemgr import Company

    path = tmp_path_factory.mktemp("template") / "Template.officemgr"
    Company.open(path).close()
    return path


@pytest.fixture
def company_path(template_company_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "Test Company.officemgr"
    shutil.copyfile(template_company_file, path)
    return path


@pytest.fixture
def company(company_path: Path) -> Iterator[object]:
    from officemgr import Company

    with Company.open(company_path) as co:
        yield co
