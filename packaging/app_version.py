"""The version the installers carry, read from src/officemgr/_version.py (its one place).

``python packaging/app_version.py`` prints it (CI names the installers with it); the
PyInstaller spec builds the Windows version resource from it with
:func:`windows_version_info`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VERSION_FILE = ROOT / "src" / "officemgr" / "_version.py"
APP_NAME = "OfficeMgr"
PUBLISHER = "OfficeMgr"
DESCRIPTION = "OfficeMgr, the office manager for small service businesses"
BUNDLE_ID = "com.officemgr.OfficeMgr"
DOCUMENT_UTI = "com.officemgr.company"
DOCUMENT_EXTENSION = "officemgr"

_LEADING_DIGITS = re.compile(r"\d*")
_VERSION_LINE = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.MULTILINE)


def read_version(path: Path = VERSION_FILE) -> str:
    """``__version__`` from ``_version.py``, without importing the package."""
    match = _VERSION_LINE.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"{path} has no __version__ line")
    return match.group(1)


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows wants: 1.2.3rc1 -> (1, 2, 3, 0); missing parts are 0."""
    numbers = [int(_LEADING_DIGITS.match(part).group() or 0) for part in version.split(".")[:4]]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def windows_version_info(version: str, exe_name: str) -> Any:
    """The VERSIONINFO resource of ``exe_name`` (what Explorer shows under Details)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = numeric_version(version)
    strings = [
        vi.StringStruct("CompanyName", PUBLISHER),
        vi.StringStruct("FileDescription", DESCRIPTION),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", exe_name),
        vi.StringStruct("LegalCopyright", f"Copyright (c) {PUBLISHER} contributors, MIT License"),
        vi.StringStruct("OriginalFilename", f"{exe_name}.exe"),
        vi.StringStruct("ProductName", APP_NAME),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),  # US English, Unicode
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )


def macos_info_plist(version: str, icon_file: str) -> dict[str, Any]:
    """What the spec adds to the .app's Info.plist: version, Retina, the document type.

    ``icon_file`` is the bundle's .icns name (in Contents/Resources), used for company
    files in the Finder as well."""
    document_name = f"{APP_NAME} Company File"
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
        "NSRequiresAquaSystemAppearance": False,  # follow Dark Mode
        "LSApplicationCategoryType": "public.app-category.business",
        "NSHumanReadableCopyright": f"Copyright (c) {PUBLISHER} contributors, MIT License",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": document_name,
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [DOCUMENT_UTI],
                "CFBundleTypeIconFile": icon_file,
            }
        ],
        # The app owns the type: the Finder learns the extension from this declaration.
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": DOCUMENT_UTI,
                "UTTypeDescription": document_name,
                "UTTypeConformsTo": ["public.data", "public.database"],
                "UTTypeIconFile": icon_file,
                "UTTypeTagSpecification": {"public.filename-extension": [DOCUMENT_EXTENSION]},
            }
        ],
    }


if __name__ == "__main__":
    sys.stdout.write(read_version() + "\n")
