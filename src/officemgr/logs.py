"""The program's log: one rotating file in the user's log folder (Qt-free).

The window sets it up as it starts (``app.run_gui``); the unexpected-error dialog names
the file (``ui/errors.py``). Both read it from here, so neither imports the other.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from officemgr.core import paths

LOG_FILE_NAME = "officemgr.log"
LOG_MAX_BYTES = 1_000_000  # a few weeks of a busy office, then the oldest part goes
LOG_BACKUPS = 3

log = logging.getLogger("officemgr")


def configure_logging() -> None:
    """Write the ``officemgr`` log to a rotating file in the user's log folder (once)."""
    if any(isinstance(h, logging.FileHandler) for h in log.handlers):
        return
    folder = paths.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_FILE_NAME,
            maxBytes=LOG_MAX_BYTES,
            backupCount=LOG_BACKUPS,
            encoding="utf-8",
        )
    except OSError as error:  # a read-only home folder must not stop the window
        print(f"OfficeMgr: cannot write the log in {folder}: {error}", file=sys.stderr)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def log_file() -> Path:
    """The file the ``officemgr`` log is written to (the default place if not set up)."""
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return paths.log_dir() / LOG_FILE_NAME
