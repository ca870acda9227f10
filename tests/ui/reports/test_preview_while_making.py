"""A long report's preview opens on its first pages while the rest is laid out, shows
how far it has got, can be cancelled there, and takes the whole report when it is made."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from officemgr.reports import template
from officemgr.ui.reports import ContactLogOptionsDialog, PdfPreviewWindow
from officemgr.ui.reports.runner import ProgressRelay

TIMEOUT = 20_000


def footers(path: str) -> list[str]:
    return [
        line
        for page in PdfReader(path).pages
        for line in (page.extract_text() or "").splitlines()
        if line.startswith("Page ")
    ]


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Once the first pages are handed over, the worker waits until this is set (so the
    test sees the window while the report is still being made)."""
    gate = threading.Event()
    handed_over = ProgressRelay.first_pages

    def first_pages_then_wait(relay: ProgressRelay, path: Any) -> None:
        handed_over(relay, path)
        gate.wait(TIMEOUT / 1000)

    monkeypatch.setattr(ProgressRelay, "first_pages", first_pages_then_wait)
    yield gate
    gate.set()


@pytest.fixture
def dialog(qtbot: Any, company: Any) -> ContactLogOptionsDialog:
    smith = company.customers.add(name="Smith, John").id
    at = datetime(2026, 11, 2, 10, 0)
    for i in range(150):  # about ten pages
        company.contact_log.add(owner=smith, at=at, kind="Note", subject=f"Line {i}")
    dlg = ContactLogOptionsDialog(company)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_period("all")
    return dlg


def making_preview(qtbot: Any, dlg: ContactLogOptionsDialog) -> PdfPreviewWindow:
    qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dlg.previews), timeout=TIMEOUT)
    preview = dlg.previews[-1]
    qtbot.addWidget(preview)
    qtbot.waitExposed(preview)
    return preview


def test_first_pages_show_while_the_rest_is_made(
    qtbot: Any, dialog: ContactLogOptionsDialog, held: threading.Event
) -> None:
    preview = making_preview(qtbot, dialog)
    assert not preview.complete
    assert preview.page_count == template.FIRST_PAGES
    assert preview.page_label.text() == f"Page 1 of {template.FIRST_PAGES} so far"
    assert footers(preview.path) == [f"Page {n} of …" for n in (1, 2, 3)]
    assert preview.cancel_action.isVisible() and preview.making_bar.isVisible()
    assert not preview.print_action.isEnabled() and not preview.save_action.isEnabled()
    assert "making the rest" in preview.windowTitle()
    assert not dialog.preview_button.isEnabled()
    assert dialog.progress_dialog is not None and not dialog.progress_dialog.isVisible()
    preview.next_action.trigger()
    qtbot.waitUntil(lambda: preview.current_page == 1)

    with qtbot.waitSignal(dialog.report_finished, timeout=TIMEOUT) as finished:
        held.set()
    assert preview.complete and preview.path == finished.args[0]
    assert preview.page_count > template.FIRST_PAGES
    assert footers(preview.path)[0] == f"Page 1 of {preview.page_count}"
    assert preview.current_page == 1  # still where the reader was
    assert preview.page_label.text() == f"Page 2 of {preview.page_count}"
    assert not preview.cancel_action.isVisible()
    assert preview.print_action.isEnabled() and preview.save_action.isEnabled()
    assert preview.windowTitle() == "Contact Log (Customer) — Preview"
    assert dialog.previews == [preview] and dialog.preview_button.isEnabled()
    preview.close()


def test_cancel_in_the_preview_stops_the_report(
    qtbot: Any, dialog: ContactLogOptionsDialog, held: threading.Event
) -> None:
    preview = making_preview(qtbot, dialog)
    with qtbot.waitSignal(dialog.report_cancelled, timeout=TIMEOUT):
        preview.cancel_action.trigger()
        held.set()
    assert not preview.isVisible()
    assert dialog.preview_button.isEnabled() and dialog.progress_dialog is None


def test_closing_the_preview_stops_the_report(
    qtbot: Any, dialog: ContactLogOptionsDialog, held: threading.Event
) -> None:
    preview = making_preview(qtbot, dialog)
    with qtbot.waitSignal(dialog.report_cancelled, timeout=TIMEOUT):
        preview.close()
        held.set()
    assert dialog.preview_button.isEnabled()


def test_a_short_report_opens_whole(qtbot: Any, company: Any, tmp_path: Path) -> None:
    smith = company.customers.add(name="Smith, John").id
    company.contact_log.add(
        owner=smith, at=datetime(2026, 11, 2, 10), kind="Note", subject="Only one"
    )
    dlg = ContactLogOptionsDialog(company)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.set_period("all")
    with qtbot.waitSignal(dlg.report_finished, timeout=TIMEOUT):
        qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    (preview,) = dlg.previews
    qtbot.addWidget(preview)
    assert preview.complete and preview.page_count == 1
    assert footers(preview.path) == ["Page 1 of 1"]
    assert not [p for p in Path(preview.path).parent.iterdir() if "first-pages" in p.name]
    preview.close()
