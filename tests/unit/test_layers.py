"""The layers hold: the domain library and the reports never import Qt."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import officemgr

SRC = Path(officemgr.__file__).parent


def _modules_under(package: str) -> list[str]:
    root = SRC.joinpath(*package.split(".")[1:])
    names = [package]
    for info in pkgutil.walk_packages([str(root)], prefix=package + "."):
        names.append(info.name)
    return names


def test_core_reports_cli_and_api_import_no_qt() -> None:
    modules = [
        *_modules_under("officemgr.core"),
        *_modules_under("officemgr.reports"),
        "officemgr.company",
        "officemgr.cli",
        "officemgr.errors",
    ]
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(result.stdout) == []
    assert len(modules) > 10  # the walk really found the modules


def test_cli_help_starts_without_qt_or_the_orm() -> None:
    code = (
        "import sys\n"
        "from officemgr.cli import _parser\n"
        "_parser().format_help()\n"
        "print(any(m.startswith(('PySide6', 'sqlalchemy.orm')) for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_widgets_write_no_sql() -> None:
    offenders = []
    for path in (SRC / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for marker in ("session.add(", "session.execute(", "session.delete(", ".execute(select("):
            if marker in text:
                offenders.append(f"{path.relative_to(SRC)}: {marker}")
    assert offenders == []
