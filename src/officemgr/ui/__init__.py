"""The window (PySide6). Importing it first makes PySide6's import hook lighter."""

from officemgr.ui.import_hook import check_without_caching

check_without_caching()
