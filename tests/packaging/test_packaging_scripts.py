"""The packaging helpers: one version number, the icons made at build time, the frozen
entry point, and installer scripts that read the version instead of repeating it."""

from __future__ import annotations

import importlib.util
import plistlib
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import officemgr
from officemgr.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """A module of packaging/ (not a package: PyInstaller and CI run its files directly)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


app_version = load("app_version")
build_icons = load("build_icons")
entry = load("officemgr_entry")


def test_the_version_lives_in_one_place(capsys: pytest.CaptureFixture[str]) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" in config["project"]["dynamic"]
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "officemgr._version.__version__"
    }
    assert app_version.read_version() == officemgr.__version__
    with pytest.raises(SystemExit) as done:
        cli_main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"OfficeMgr {officemgr.__version__}"


def test_no_installer_file_types_the_version() -> None:
    typed = re.compile(rf"(?<![\d.]){re.escape(officemgr.__version__)}(?![\d.])")
    files = [
        *PACKAGING.rglob("*.py"),
        *PACKAGING.rglob("*.spec"),
        *PACKAGING.rglob("*.iss"),
        *PACKAGING.rglob("*.sh"),
        *(ROOT / ".github" / "workflows").glob("*.yml"),
    ]
    assert len(files) >= 8
    for path in files:
        assert not typed.search(path.read_text(encoding="utf-8")), f"{path} types the version"


def test_read_version_refuses_a_file_without_one(tmp_path: Path) -> None:
    path = tmp_path / "_version.py"
    path.write_text('"""No version here."""\n')
    with pytest.raises(ValueError, match="no __version__"):
        app_version.read_version(path)
    path.write_text('__version__ = "2.5.1rc2"\n')
    assert app_version.read_version(path) == "2.5.1rc2"


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2", (2, 0, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 0)),
        ("1.2.3.4.5", (1, 2, 3, 4)),
    ],
)
def test_windows_gets_four_version_numbers(version: str, numbers: tuple[int, ...]) -> None:
    assert app_version.numeric_version(version) == numbers


def test_windows_version_resource(monkeypatch: pytest.MonkeyPatch) -> None:
    """What Explorer shows under Details, for both programs (needs PyInstaller: `[dist]`)."""
    pytest.importorskip("PyInstaller")
    import PyInstaller.compat as compat

    # Off Windows the module only lacks these two names; it builds the resource all the same.
    if not hasattr(compat, "win32api"):
        monkeypatch.setattr(compat, "win32api", ModuleType("win32api"), raising=False)
    if importlib.util.find_spec("pefile") is None:
        monkeypatch.setitem(sys.modules, "pefile", ModuleType("pefile"))
    info = app_version.windows_version_info("1.2.3rc1", "officemgr-cli")
    text = str(info)
    assert "filevers=(1, 2, 3, 0)" in text and "prodvers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductVersion', '1.2.3rc1')" in text
    assert "StringStruct('FileVersion', '1.2.3rc1')" in text
    assert "StringStruct('OriginalFilename', 'officemgr-cli.exe')" in text
    assert "StringStruct('ProductName', 'OfficeMgr')" in text
    assert len(info.toRaw()) > 500


def test_icons_are_made_from_the_svg(tmp_path: Path) -> None:
    from PIL import Image

    icons = build_icons.build_icons(tmp_path)
    with Image.open(icons["png"]) as png:
        assert png.size == (1024, 1024)
        assert png.getpixel((0, 0))[3] == 0  # transparent corner
        assert png.getpixel((512, 700))[3] == 255  # the briefcase itself
    with Image.open(icons["ico"]) as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icons["icns"]) as icns:
        assert (512, 512, 2) in icns.info["sizes"]  # the 1024-pixel Retina size
        assert (16, 16, 2) in icns.info["sizes"] or (16, 16, 1) in icns.info["sizes"]


def test_a_file_opened_from_the_finder_becomes_the_company_file() -> None:
    assert entry.command_line(["/Users/dana/Acme.officemgr"]) == [
        "--db",
        "/Users/dana/Acme.officemgr",
    ]
    assert entry.command_line(["C:\\Data\\ACME.OFFICEMGR"]) == ["--db", "C:\\Data\\ACME.OFFICEMGR"]
    for argv in (
        [],
        ["--version"],
        ["check", "--db", "a.officemgr"],
        ["--db", "a.officemgr"],
        ["notes.txt"],
    ):
        assert entry.command_line(argv) == argv


def test_the_spec_bundles_only_the_qt_modules_the_source_imports() -> None:
    spec = (PACKAGING / "officemgr.spec").read_text(encoding="utf-8")
    used_block = re.search(r"QT_USED = \{(.*?)\}", spec, re.DOTALL)
    assert used_block is not None
    listed = set(re.findall(r'"(Qt\w+)"', used_block.group(1)))
    imported = {
        match
        for path in (ROOT / "src").rglob("*.py")
        for match in re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))
    }
    assert imported == listed, "keep QT_USED in packaging/officemgr.spec in step with src/"


def test_inno_setup_script_reads_the_version_and_keeps_user_data() -> None:
    iss = (PACKAGING / "windows" / "officemgr.iss").read_text(encoding="utf-8")
    assert 'GetStringFileInfo(AppExePath, "ProductVersion")' in iss
    assert "AppVersion={#AppVersion}" in iss
    assert "ChangesAssociations=yes" in iss
    assert '--db ""%1""' in iss  # the association hands the file to the window
    assert "{autoprograms}" in iss  # the Start Menu entry
    sections = re.findall(r"^\[(\w+)\]", iss, re.MULTILINE)
    assert {"Setup", "Files", "Icons", "Registry"} <= set(sections)
    assert "UninstallDelete" not in sections  # nothing but what Setup installed is removed


def test_make_dmg_reads_the_version_from_the_bundle() -> None:
    script = (PACKAGING / "macos" / "make_dmg.sh").read_text(encoding="utf-8")
    assert "CFBundleShortVersionString" in script
    assert "hdiutil create" in script and "/Applications" in script


def test_the_app_bundle_declares_the_company_file_type() -> None:
    plist = app_version.macos_info_plist("3.4.5", "officemgr.icns")
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == "3.4.5"
    assert plist["NSHighResolutionCapable"] is True
    (document,) = plist["CFBundleDocumentTypes"]
    (declared,) = plist["UTExportedTypeDeclarations"]
    assert document["LSItemContentTypes"] == [declared["UTTypeIdentifier"]]
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == ["officemgr"]
    assert document["CFBundleTypeIconFile"] == declared["UTTypeIconFile"] == "officemgr.icns"
    # Every value has a plist type: a bad one keeps the .app from starting.
    assert plistlib.loads(plistlib.dumps(plist)) == plist
    spec = (PACKAGING / "officemgr.spec").read_text(encoding="utf-8")
    assert "info_plist=app_version.macos_info_plist(VERSION" in spec
