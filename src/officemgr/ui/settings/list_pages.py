"""The pages that edit office lists: Lists, Job types, Custom fields.

They save each change at once (the page says so); OK and Apply save what is still
typed in a form. Every write is announced with ``Changes(lists=True)``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from officemgr.ui.settings.list_editor import (
    NAME,
    EntryEditor,
    JobTypeEditor,
    ListEditor,
    ListField,
    ListSpec,
)
from officemgr.ui.settings.page import SettingsContext, SettingsPage, register_page

SAVED_AT_ONCE = "Changes to lists are saved at once."

PAYMENT_KINDS = (
    ("cash", "Cash"),
    ("check", "Check"),
    ("card", "Card"),
    ("ach", "ACH / bank transfer"),
    ("other", "Other"),
)
FIELD_TYPES = (
    ("text", "Text"),
    ("number", "Number"),
    ("date", "Date"),
    ("yes_no", "Yes / no"),
    ("choice", "Choice list"),
)
APPLIES_TO = (
    ("both", "Customers and jobs"),
    ("customer", "Customers only"),
    ("job", "Jobs only"),
)


def _simple(list_kind: str, attr: str, title: str, noun: str) -> ListSpec:
    return ListSpec(list_kind, attr, title, noun, (NAME,), ordered=True)


LIST_SPECS: tuple[ListSpec, ...] = (
    _simple("customer_type", "customer_types", "Customer types", "customer type"),
    _simple("department", "departments", "Departments", "department"),
    _simple("marketing_source", "marketing_sources", "Marketing sources", "marketing source"),
    _simple("price_level", "price_levels", "Price levels", "price level"),
    ListSpec(
        "payment_method",
        "payment_methods",
        "Payment methods",
        "payment method",
        (
            NAME,
            ListField(
                "kind", "&Kind:", "choice", column="Kind", choices=PAYMENT_KINDS, default="other"
            ),
        ),
        ordered=True,
    ),
    ListSpec(
        "terms",
        "terms",
        "Terms",
        "terms",
        (
            NAME,
            ListField("net_days", "Ne&t days:", "int", column="Net days", suffix=" days"),
            ListField(
                "discount_percent",
                "Dis&count %:",
                "decimal",
                column="Discount %",
                placeholder="0",
            ),
            ListField(
                "discount_days", "Discount &days:", "int", column="Disc. days", suffix=" days"
            ),
        ),
        ordered=True,
    ),
    ListSpec(
        "tax_code",
        "tax_codes",
        "Tax codes",
        "tax code",
        (
            NAME,
            ListField("description", "Descri&ption:", column="Description", max_length=200),
            ListField("rate_percent", "&Rate %:", "decimal", column="Rate %", placeholder="0"),
            ListField("is_taxable", "Ta&xable", "bool", column="Taxable", default=True),
        ),
    ),
    ListSpec(
        "employee",
        "employees",
        "Employees",
        "employee",
        (
            NAME,
            ListField("initials", "Ini&tials:", column="Initials", max_length=8),
            ListField("is_sales_rep", "Sales &rep", "bool", column="Sales rep"),
            ListField("is_foreman", "&Foreman", "bool", column="Foreman"),
        ),
    ),
)

CUSTOM_FIELD_SPEC = ListSpec(
    "custom_field",
    "custom_fields",
    "Custom fields",
    "custom field",
    (
        ListField("name", "Na&me:", column="Name", max_length=60),
        ListField(
            "field_type",
            "Field t&ype:",
            "choice",
            column="Type",
            choices=FIELD_TYPES,
            default="text",
        ),
        ListField(
            "applies_to",
            "Applies t&o:",
            "choice",
            column="Applies to",
            choices=APPLIES_TO,
            default="both",
        ),
        ListField(
            "choices",
            "C&hoices:",
            "lines",
            column="Choices",
            placeholder="One choice a line",
            enabled_when=("field_type", "choice"),
        ),
    ),
    ordered=True,
)


class EditorPage(SettingsPage):
    """A page of list editors: loads them, reloads them, saves what is left in their forms."""

    def editors(self) -> list[EntryEditor]:
        raise NotImplementedError

    def load(self, context: SettingsContext) -> None:
        for editor in self.editors():
            editor.load(context)

    def lists_changed(self, context: SettingsContext) -> None:
        for editor in self.editors():
            editor.reload()

    def finish_editing(self) -> None:
        for editor in self.editors():
            editor.finish_editing()


@register_page
class ListsPage(EditorPage):
    name = "lists"
    title = "Lists"
    icon_name = "lists"
    order = 40
    summary = f"The choices the Customer:Job form offers. {SAVED_AT_ONCE}"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("listChooser")
        self.stack = QStackedWidget(self)
        self.list_editors: dict[str, ListEditor] = {}
        for spec in LIST_SPECS:
            editor = ListEditor(spec, self.stack)
            self.list_editors[spec.list_kind] = editor
            self.stack.addWidget(editor)
            self.chooser.addItem(spec.title, spec.list_kind)
        self.chooser.currentIndexChanged.connect(self.stack.setCurrentIndex)
        self.stack.currentChanged.connect(self.chooser.setCurrentIndex)
        label = QLabel("&List:", self)
        label.setBuddy(self.chooser)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.chooser)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    def editors(self) -> list[EntryEditor]:
        return list(self.list_editors.values())

    def show_list(self, list_kind: str) -> ListEditor:
        editor = self.list_editors[list_kind]
        self.stack.setCurrentWidget(editor)
        return editor


@register_page
class JobTypesPage(EditorPage):
    name = "job_types"
    title = "Job types"
    icon_name = "job-types"
    order = 50
    summary = f"Job types and their sub-types, such as Install:Furnace. {SAVED_AT_ONCE}"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = JobTypeEditor(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)

    def editors(self) -> list[EntryEditor]:
        return [self.editor]


@register_page
class CustomFieldsPage(EditorPage):
    name = "custom_fields"
    title = "Custom fields"
    icon_name = "custom-fields"
    order = 60
    summary = f"Fields of your own on the Additional Info tab. {SAVED_AT_ONCE}"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = ListEditor(CUSTOM_FIELD_SPEC, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)

    def editors(self) -> list[EntryEditor]:
        return [self.editor]
