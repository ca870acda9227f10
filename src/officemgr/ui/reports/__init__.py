"""The report windows: options dialogs, the PDF preview, the Report Navigator, the menu.

    from officemgr.ui.reports import open_report_dialog
    dialog = open_report_dialog("contact-log", company, parent=window)

Reports render off the GUI thread (``runner.ReportJob``), each from its own Company opened
from the file path; the preview shows the PDF with QtPdf and prints it page by page.
"""

from officemgr.ui.reports.menu import fill_reports_menu, open_report_dialog
from officemgr.ui.reports.navigator import ReportNavigator
from officemgr.ui.reports.options_dialog import ContactLogOptionsDialog, ReportOptionsDialog
from officemgr.ui.reports.preview import PdfPreviewWindow, print_pdf

__all__ = [
    "ContactLogOptionsDialog",
    "PdfPreviewWindow",
    "ReportNavigator",
    "ReportOptionsDialog",
    "fill_reports_menu",
    "open_report_dialog",
    "print_pdf",
]
