"""File › Import… driven as an office moving in would: a CSV file, its columns matched
(one changed by hand), a preview with a possible duplicate and a choice for it, then
Import; and a QuickBooks IIF file straight to its preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QWizard

from officemgr.ui.imports.models import DuplicatesModel
from officemgr.ui.imports.wizard import ImportWizard

EXPORT = Path(__file__).parents[1] / "unit" / "imports" / "data" / "iif" / "customers_export.iif"

CSV = (
    "Customer,Phone,E-mail,City,Referred\r\n"
    '"Smith, John",555-201-3344,john@example.com,Dayton,Radio\r\n'
    '"Ødegård, Zoë",555-777-1212,zoe@example.com,Oslo,Friend\r\n'
    "Acme Heating,555-300-4000,,Dayton,\r\n"
)


def test_a_csv_file_is_mapped_previewed_and_imported(
    qtbot: Any,
    make_window: Any,
    company: Any,
    tmp_path: Path,
    answer_modal: Any,
    open_by_action: Any,
) -> None:
    existing = company.customers.add(name="J. Smith", phone="(555) 201-3344")
    source = tmp_path / "customers.csv"
    source.write_text(CSV, encoding="utf-8")
    window = make_window()
    told: list[str] = []

    def steps(wizard: ImportWizard) -> None:
        page = wizard.file_page
        qtbot.keyClicks(page.path_edit, str(source))
        wizard.next()
        assert wizard.currentId() == 1, page.message.text()
        mapping = wizard.mapping_page
        headers = [
            mapping.table_view.item(r, 0).text() for r in range(mapping.table_view.rowCount())
        ]
        assert headers == ["Customer", "Phone", "E-mail", "City", "Referred"]
        guessed = [combo.currentData() for combo in mapping.combos]
        assert guessed[:4] == ["name", "phone", "email", "bill_to.city"]
        referred: QComboBox = mapping.combos[4]
        referred.setCurrentIndex(referred.findData("custom:Referred"))  # by hand
        wizard.next()
        preview = wizard.preview_page
        assert wizard.currentId() == 2
        assert preview.summary.text().startswith("<b>2 new, 0 updated, 0 unchanged, 1 skipped")
        duplicates = preview.duplicates
        assert duplicates.rowCount() == 1
        assert "J. Smith (same phone)" in duplicates.index(0, 2).data()
        choice = duplicates.index(0, DuplicatesModel.CHOICE)
        preview.duplicates_view.edit(choice)
        editor = preview.duplicates_view.findChild(QComboBox, "duplicateChoiceCombo")
        assert editor is not None
        editor.setCurrentIndex(editor.findData("fill"))
        preview.duplicates_view.commitData(editor)
        assert preview.refresh_button.isEnabled()
        qtbot.mouseClick(preview.refresh_button, Qt.MouseButton.LeftButton)
        assert "2 new, 1 updated" in preview.summary.text()

        def read(box: QMessageBox) -> None:
            told.append(box.text())
            box.accept()

        answer_modal(QMessageBox, read)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    wizard = open_by_action(window.file_actions.import_action, ImportWizard, steps)
    assert told and told[0].startswith("Imported: 2 new, 1 updated")
    assert wizard.imported is not None and wizard.imported.backup.exists()
    smith = company.customers.get(existing.id)
    assert smith.email_of("main").address == "john@example.com"  # filled, as chosen
    names = {row.full_name for row in company.customers.search("", show="all")}
    assert names == {"J. Smith", "Ødegård, Zoë", "Acme Heating"}
    referred = [f for f in company.lists.all().custom_fields if f.name == "Referred"]
    assert len(referred) == 1
    # The list shows what came in, without a reload by hand.
    qtbot.waitUntil(lambda: window.tree_model.rowCount() == 3)


def test_an_iif_file_goes_straight_to_its_preview(
    qtbot: Any, make_window: Any, company: Any, answer_modal: Any, open_by_action: Any
) -> None:
    window = make_window()

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path_edit.setText(str(EXPORT))
        wizard.next()
        assert wizard.currentId() == 2
        preview = wizard.preview_page
        assert "7 new" in preview.summary.text()
        assert "TRNS" in preview.summary.text()
        wizard.reject()  # Cancel: nothing is written

    open_by_action(window.file_actions.import_action, ImportWizard, steps)
    assert company.customers.search("", show="all") == []


def test_a_file_that_is_not_a_list_is_told_at_the_file_field(
    qtbot: Any, make_window: Any, tmp_path: Path, answer_modal: Any, open_by_action: Any
) -> None:
    bogus = tmp_path / "photo.csv"
    bogus.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    window = make_window()
    said: list[str] = []

    def steps(wizard: ImportWizard) -> None:
        wizard.file_page.path_edit.setText(str(bogus))
        wizard.next()
        assert wizard.currentId() == 0
        said.append(wizard.file_page.message.text())
        wizard.reject()

    open_by_action(window.file_actions.import_action, ImportWizard, steps)
    assert said and "PDF" in said[0]
