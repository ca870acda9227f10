"""The report windows: options dialogs, the PDF preview, the Report Navigator, the menu.

    from officemgr.ui.reports import open_report_dialog
    dialog = open_report_dialog("contact-log", company, parent=window)

Reports render off the GUI thread (``runner.ReportJob``), each from its own Company opened
from the file path; the preview shows the PDF with QtPdf and prints it page by page.
"""

from __future__ import annotations

from typing import Any

# Loaded on first use: the menu is built at start-up, the windows only when opened.
_EXPORTS = {
    "ContactLogOptionsDialog": "options_dialog",
    "PdfPreviewWindow": "preview",
    "ReportNavigator": "navigator",
    "ReportOptionsDialog": "options_dialog",
    "fill_reports_menu": "menu",
    "open_report_dialog": "menu",
    "print_pdf": "preview",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
