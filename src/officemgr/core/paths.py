"""Where OfficeMgr keeps its files on this computer (per-user folders from platformdirs)."""

from __future__ import annotations

import hashlib
import os
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


# File names are at most 255 bytes of UTF-8 on Linux (255 UTF-16 units on Windows and
# macOS). A company file may use all but what SQLite adds beside it ("-journal"); names
# OfficeMgr makes itself stay shorter, leaving room for ".partial-journal".
MAX_COMPANY_NAME_BYTES = 255 - len("-journal")
MAX_NAME_BYTES = 255 - len(".partial-journal") - 9


def path_tag(path: Path) -> str:
    """Eight hex digits naming ``path`` (its full path), to tell same-named files apart."""
    return hashlib.sha256(os.fsencode(path)).hexdigest()[:8]


def file_name_problem(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot name a file on any disk (None when it can): a name part longer
    than 255 bytes, a NUL, or half a character that no file system can store."""
    try:
        encoded = os.fsencode(path)
    except UnicodeEncodeError:
        return "it holds half a character, which no disk can store in a file name"
    if b"\0" in encoded:
        return "it holds a NUL character"
    if any(len(os.fsencode(part)) > 255 for part in Path(os.fsdecode(encoded)).parts):
        return "a name in it is longer than the 255 bytes a disk allows"
    return None


def short_name(name: str, tag: str, *, ending: str) -> str:
    """``name + ending``, or when that is too long for a file system, ``name`` cut short
    with ``tag`` so that it stays unique: "Very long …-1a2b3c4d-desks"."""
    if len(os.fsencode(name + ending)) <= MAX_NAME_BYTES:
        return name + ending
    kept = name
    while len(os.fsencode(f"{kept}-{tag}{ending}")) > MAX_NAME_BYTES:
        kept = kept[:-1]
    return f"{kept}-{tag}{ending}"


def beside(path: Path, ending: str) -> Path:
    """A file or folder beside ``path`` named after it (see `short_name`)."""
    return path.with_name(short_name(path.name, path_tag(path), ending=ending))
