"""File | Verify Data: what ``check.verify`` found, in words, and Repair where it is safe.

Repair is offered only when every problem found is derived data (``report.repairable``);
the dialog asks for it by ``repair_requested`` and the File menu does the work.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from officemgr.files import CheckReport

NO_PROBLEMS = "No problems found."


def _noun(count: int, plural: str) -> str:
    if count != 1:
        return plural
    return plural[:-3] + "y" if plural.endswith("ies") else plural.removesuffix("s")


def _counts_text(report: CheckReport) -> str:
    parts = [f"{count:,} {_noun(count, what)}" for what, count in report.counts.items()]
    return "Checked " + ", ".join(parts) + "." if parts else ""


def report_text(report: CheckReport) -> str:
    """The whole report as plain text (what Copy puts on the clipboard)."""
    lines = [f"Verify Data: {report.path or report.where}"]
    if report.ok:
        lines.append(NO_PROBLEMS)
    else:
        lines.append(f"{len(report.problems)} problem(s) found:")
        lines += [f"- {problem}" for problem in report.problems]
    counts = _counts_text(report)
    if counts:
        lines.append(counts)
    return "\n".join(lines)


def summary_html(report: CheckReport, note: str = "") -> str:
    """The dialog's summary: the verdict and what to do about it, then what was checked."""
    name = escape(report.name)
    if report.ok:
        headline = f"<b>{NO_PROBLEMS}</b><br>{name} is sound."
    elif report.repairable:
        count = len(report.problems)
        headline = (
            f"<b>{count} problem{'s' if count != 1 else ''} found in {name}.</b><br>"
            "Each is a figure or index computed from other records: Repair computes it "
            "again (a backup of the file is made first; nothing typed is changed)."
        )
    else:
        count = len(report.problems)
        headline = (
            f"<b>{count} problem{'s' if count != 1 else ''} found in {name}.</b><br>"
            "Make a backup before anything else, and pass this list on to whoever "
            "supports OfficeMgr for you."
        )
    if note:
        headline = f"{escape(note)}<br><br>{headline}"
    counts = _counts_text(report)
    return headline + (f"<br><br>{escape(counts)}" if counts else "")


class VerifyDialog(QDialog):
    """The result of Verify Data: "No problems found." or the list of problems."""

    repair_requested = Signal()

    def __init__(
        self, report: CheckReport, parent: QWidget | None = None, *, note: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle("Verify Data")
        self.report = report
        # Tab goes through the widgets in the order they are made here.
        picture = self._make_picture(report)
        self._make_summary_label(report, note)
        top = QHBoxLayout()
        top.addWidget(picture)
        top.addWidget(self.summary_label, 1)
        self._make_problem_list(report)
        self._make_buttons(report)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem_list, 1)
        layout.addWidget(self.buttons)
        if report.ok:
            self.summary_label.setMinimumWidth(380)
            self.adjustSize()
        else:
            self.resize(640, 440)

    def _make_picture(self, report: CheckReport) -> QLabel:
        picture = QLabel(self)
        pixmap = (
            QStyle.StandardPixmap.SP_DialogApplyButton
            if report.ok
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        picture.setPixmap(self.style().standardIcon(pixmap).pixmap(32, 32))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        return picture

    def _make_summary_label(self, report: CheckReport, note: str) -> None:
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("verifySummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setText(summary_html(report, note))

    def _make_problem_list(self, report: CheckReport) -> None:
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("verifyProblems")
        self.problem_list.setWordWrap(True)
        self.problem_list.setAccessibleName("Problems found")
        self.problem_list.setAlternatingRowColors(True)
        for problem in report.problems:
            QListWidgetItem(problem, self.problem_list)
        self.problem_list.setVisible(not report.ok)

    def _make_buttons(self, report: CheckReport) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy_button = buttons.addButton("&Copy Report", QDialogButtonBox.ButtonRole.ActionRole)
        copy_button.setAutoDefault(False)
        copy_button.clicked.connect(self.copy_report)
        self.repair_button = buttons.addButton("&Repair", QDialogButtonBox.ButtonRole.ActionRole)
        self.repair_button.setObjectName("repairButton")
        self.repair_button.setAutoDefault(False)
        self.repair_button.setToolTip(
            "Back up the file, then compute the figures and the index listed here again"
        )
        self.repair_button.setVisible(report.repairable)
        self.repair_button.clicked.connect(self._repair_clicked)
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        close_button.setDefault(True)  # Enter closes; copying is a deliberate click
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self.buttons = buttons

    def problems(self) -> list[str]:
        return [self.problem_list.item(i).text() for i in range(self.problem_list.count())]

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(report_text(self.report))

    def _repair_clicked(self) -> None:
        self.repair_requested.emit()
        self.accept()
