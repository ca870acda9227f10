"""Every Designer form loads into its typed `DesignerForm` class.

The classes are found by importing every module of ``officemgr.ui``, so a widget renamed,
removed or changed to another class in a .ui file fails here, naming the form and the
widget, before any window opens it.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit

import officemgr.ui
from officemgr.ui import form_loader
from officemgr.ui.form_loader import DesignerForm, declared_widgets, form_names, object_name


def form_classes() -> list[type[DesignerForm]]:
    """Every DesignerForm subclass of ``officemgr.ui`` (its modules imported first)."""
    for module in pkgutil.walk_packages(officemgr.ui.__path__, "officemgr.ui."):
        importlib.import_module(module.name)
    found: list[type[DesignerForm]] = []
    pending = list(DesignerForm.__subclasses__())
    while pending:
        form_class = pending.pop()
        pending += form_class.__subclasses__()
        if form_class.__module__.startswith("officemgr.ui."):
            found.append(form_class)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORM_CLASSES = form_classes()


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: c.__qualname__)
def test_every_form_class_loads_its_widgets_typed(qtbot: Any, form_class: type) -> None:
    form = form_class()
    qtbot.addWidget(form.root)
    declared = declared_widgets(form_class)
    assert len(declared) > 1, "a form class declares the widgets it uses"
    for attribute, kind in declared.items():
        widget = getattr(form, attribute)
        assert isinstance(widget, kind), attribute
        if attribute != "root":
            assert widget.objectName() == object_name(attribute)


def test_every_shipped_form_has_a_typed_class() -> None:
    assert sorted({c.ui_file for c in FORM_CLASSES}) == form_names()


def test_attribute_names_map_to_designer_names() -> None:
    assert object_name("bill_to_line1_edit") == "billToLine1Edit"
    assert object_name("work_same_as_bill_to") == "workSameAsBillTo"
    assert object_name("currency") == "currency"


class StopForm(DesignerForm):
    ui_file = "stop_dialog"
    root: QDialog
    line1_edit: QLineEdit


def test_a_widget_renamed_in_the_ui_file_names_the_form_and_the_widget(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert StopForm().line1_edit.objectName() == "line1Edit"
    shipped = form_loader.form_data

    def renamed(name: str) -> bytes:
        return shipped(name).replace(b'name="line1Edit"', b'name="streetEdit"')

    monkeypatch.setattr(form_loader, "form_data", renamed)
    with pytest.raises(LookupError) as raised:
        StopForm()
    assert str(raised.value) == (
        "The form stop_dialog.ui has no widget called 'line1Edit' (StopForm.line1_edit)."
    )


def test_a_widget_of_another_class_names_the_form_the_widget_and_both_classes(
    qtbot: Any,
) -> None:
    class WrongClass(DesignerForm):
        ui_file = "stop_dialog"
        line1_edit: QComboBox

    with pytest.raises(LookupError) as raised:
        WrongClass()
    assert str(raised.value) == (
        "The form stop_dialog.ui: 'line1Edit' is a QLineEdit, not a QComboBox "
        "(WrongClass.line1_edit)."
    )


def test_a_form_of_another_top_level_class_is_refused(qtbot: Any) -> None:
    class NotADialog(DesignerForm):
        ui_file = "customer_job_tab"
        root: QDialog

    with pytest.raises(LookupError, match=r"customer_job_tab\.ui: 'CustomerJobTab' is a QWidget"):
        NotADialog()


def test_a_form_declares_only_qt_objects() -> None:
    class Counted(DesignerForm):
        ui_file = "stop_dialog"
        stops: int

    with pytest.raises(TypeError, match=r"Counted\.stops"):
        Counted()
