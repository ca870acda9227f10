"""Qt-free reports: reportlab (platypus) PDFs, one module per report.

    from officemgr.reports import registry
    info = registry.get("contact-log")
    info.render(company, info.options_type(period="last_month"), "out.pdf")

The window previews and prints the same PDF; the command line and ``co.reports`` write it.
"""

from officemgr.reports.base import ReportCancelled, ReportInfo, ReportResult

__all__ = ["ReportCancelled", "ReportInfo", "ReportResult"]
