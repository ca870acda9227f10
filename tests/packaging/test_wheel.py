"""The wheel holds the whole program: built from a clean copy of the sources, installed
into a new venv and run from a folder away from the source tree.

Two installs of the same wheel:

- ``make test`` (fast, about 30 s): the wheel goes in with ``--no-deps`` and the venv
  borrows the dependencies of the dev venv through a ``.pth`` line. Such a line only
  adds the folder to ``sys.path``; the dev venv's own ``.pth`` files (the editable
  install's finder, which would map ``officemgr`` back to ``src/``) are not run, so
  every ``officemgr`` module, form, icon, font and migration must come from the wheel.
- ``pytest -m slow`` (CI; a few minutes): a plain venv where pip installs the wheel with
  its declared dependencies from the package index, which also proves the metadata.

Both run ``officemgr --version``, ``demo``, ``check`` and ``report contact-log`` through
the installed console script, then open the main window offscreen and load every form.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

import officemgr

ROOT = Path(__file__).resolve().parents[2]
# What setuptools reads to build the wheel (pyproject's package-dir, readme).
SOURCES = ("pyproject.toml", "README.md", "src", "forms", "resources")
BIN = "Scripts" if sys.platform == "win32" else "bin"
EXE = ".exe" if sys.platform == "win32" else ""
TIMEOUT = 600

# Runs inside the new venv: the window and every form, from the installed package.
WINDOW_CHECK = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
import officemgr
from officemgr import Company
from officemgr.core import migrate
from officemgr.ui.form_loader import form_names, load_form
from officemgr.ui.main_window import MainWindow

app = QApplication([])
names = form_names()
for name in names:
    load_form(name).deleteLater()
company = Company.open(Path(sys.argv[1]), create=False)
window = MainWindow(company)
window.show()
app.processEvents()
image = window.grab()
print(json.dumps({
    "officemgr": officemgr.__file__,
    "migrations": str(migrate.MIGRATIONS_DIR),
    "forms": names,
    "title": window.windowTitle(),
    "about": window.about_text(),
    "painted": [image.width(), image.height()],
}))
window.close()
company.close()
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of the sources (no stale build/ of the work tree)."""
    copy = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=ignore)
        else:
            shutil.copy2(source, copy / name)
    out = tmp_path_factory.mktemp("wheelhouse")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", out, copy], cwd=copy)
    (built,) = out.glob("officemgr-*.whl")
    assert built.name == f"officemgr-{officemgr.__version__}-py3-none-any.whl"
    return built


def run(command: list[object], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, (
        f"{command} exited {done.returncode}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    )
    return done.stdout


def new_venv(folder: Path) -> Path:
    venv.EnvBuilder(with_pip=False, clear=True).create(folder)
    return folder / BIN / f"python{EXE}"


def site_packages(python: Path) -> Path:
    return Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )


def pip_install(python: Path, *args: object, cwd: Path) -> None:
    """The running pip, installing into the venv of ``python`` (pip's ``--python``)."""
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", *args], cwd=cwd)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # nothing from the work tree may leak in
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def assert_runs_from(venv_dir: Path, work: Path) -> None:
    """The installed program's CLI and window work, and load nothing from the sources."""
    officemgr_script = venv_dir / BIN / f"officemgr{EXE}"
    python = venv_dir / BIN / f"python{EXE}"
    env = child_env()
    company = work / "Wheel Test.officemgr"
    pdf = work / "contact-log.pdf"

    said = run([officemgr_script, "--version"], cwd=work, env=env)
    assert said.strip() == f"OfficeMgr {officemgr.__version__}"
    run(
        [officemgr_script, "demo", "--db", company, "--customers", "40", "--seed", "5"],
        cwd=work,
        env=env,
    )
    run([officemgr_script, "check", "--db", company], cwd=work, env=env)
    run(
        [
            officemgr_script,
            "report",
            "contact-log",
            "--db",
            company,
            "--out",
            pdf,
            "--period",
            "all",
        ],
        cwd=work,
        env=env,
    )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000

    found = json.loads(run([python, "-c", WINDOW_CHECK, company], cwd=work, env=env))
    installed = site_packages(python).resolve()
    for key in ("officemgr", "migrations"):
        assert Path(found[key]).resolve().is_relative_to(installed), (key, found[key])
    shipped = sorted(path.stem for path in (ROOT / "forms").glob("*.ui"))
    assert found["forms"] == shipped
    assert "Wheel Test" in found["title"]
    assert f"OfficeMgr {officemgr.__version__}" in found["about"]
    width, height = found["painted"]
    assert width > 200 and height > 200


def test_wheel_contents_match_the_source_tree(wheel: Path) -> None:
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    expected = (
        {f"officemgr/forms/{path.name}" for path in (ROOT / "forms").glob("*.ui")}
        | {
            "officemgr/" + path.relative_to(ROOT).as_posix()
            for path in (ROOT / "resources").rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        | {
            "officemgr/" + path.relative_to(ROOT / "src" / "officemgr").as_posix()
            for path in (ROOT / "src" / "officemgr" / "migrations").rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
    )
    assert expected - names == set()


def test_wheel_runs_in_a_new_venv_with_borrowed_dependencies(wheel: Path, tmp_path: Path) -> None:
    venv_dir = tmp_path / "venv"
    python = new_venv(venv_dir)
    pip_install(python, "--no-deps", "--no-index", wheel, cwd=tmp_path)
    # The dev venv's packages, appended to sys.path without running its .pth files.
    dev_site = Path(sysconfig.get_paths()["purelib"])
    (site_packages(python) / "zz_dev_dependencies.pth").write_text(f"{dev_site}\n")
    work = tmp_path / "work"
    work.mkdir()
    assert_runs_from(venv_dir, work)


@pytest.mark.slow
def test_wheel_installs_with_its_dependencies(wheel: Path, tmp_path: Path) -> None:
    venv_dir = tmp_path / "venv"
    python = new_venv(venv_dir)
    pip_install(python, wheel, cwd=tmp_path)
    run([sys.executable, "-m", "pip", "--python", python, "check"], cwd=tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    assert_runs_from(venv_dir, work)
