"""The frozen app's entry point (PyInstaller runs this file, not a console script).

It is ``officemgr`` with one addition for the macOS ``.app``: a company file opened
from the Finder arrives as a lone path argument (PyInstaller's argv emulation turns the
launch's open-document event into it), which becomes ``--db PATH``. On Windows the
file association passes ``--db "%1"`` itself.
"""

from __future__ import annotations

import sys

from officemgr.__main__ import main

DOCUMENT_SUFFIX = ".officemgr"


def command_line(argv: list[str]) -> list[str]:
    """``argv`` with a lone company-file path turned into ``--db PATH``."""
    if len(argv) == 1 and argv[0].lower().endswith(DOCUMENT_SUFFIX) and argv[0][:1] != "-":
        return ["--db", argv[0]]
    return argv


if __name__ == "__main__":
    raise SystemExit(main(command_line(sys.argv[1:])))
