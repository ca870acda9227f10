"""Job Info (jobs only): title, type, status, foreman, dates, projected total, details."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from officemgr.core.choices import JOB_STATUSES
from officemgr.core.records import JobInfoRecord, NodeDetail
from officemgr.ui.customers.fields import (
    DateField,
    fill_combo,
    money_changed,
    money_text,
    money_value,
    text_or_none,
)
from officemgr.ui.customers.tab_base import FormContext, FormTab
from officemgr.ui.form_loader import DesignerForm

DATE_FIELDS = ("start_date", "projected_end_date", "completion_date")


class JobForm(DesignerForm):
    """``forms/customer_job_tab.ui``."""

    ui_file = "customer_job_tab"
    job_title_edit: QLineEdit
    job_type_combo: QComboBox
    job_status_combo: QComboBox
    foreman_combo: QComboBox
    start_date_edit: QDateEdit
    start_date_message: QLabel
    projected_end_edit: QDateEdit
    projected_end_message: QLabel
    completion_date_edit: QDateEdit
    completion_date_message: QLabel
    projected_total_edit: QLineEdit
    projected_total_message: QLabel
    description_edit: QLineEdit
    job_details_edit: QPlainTextEdit

    def text_edits(self) -> dict[str, QLineEdit]:
        return {"title": self.job_title_edit, "description": self.description_edit}

    def dates(self) -> dict[str, tuple[QDateEdit, QLabel]]:
        """Each date field: its edit and its message line."""
        return {
            "start_date": (self.start_date_edit, self.start_date_message),
            "projected_end_date": (self.projected_end_edit, self.projected_end_message),
            "completion_date": (self.completion_date_edit, self.completion_date_message),
        }


class JobTab(FormTab[JobForm]):
    title = "Job Info"

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, JobForm(), parent)
        f = self.form
        self.text_edits = {field: self.field(field, edit) for field, edit in f.text_edits().items()}
        self.job_type = self.field("job_type_id", f.job_type_combo)
        self.status = self.field("status", f.job_status_combo)
        fill_combo(self.status, [(s, s, True) for s in JOB_STATUSES], "None", blank=None)
        self.foreman = self.field("foreman_id", f.foreman_combo)
        self.dates: dict[str, DateField] = {}
        for field, (edit, message) in f.dates().items():
            self.dates[field] = DateField(edit)
            self.field(field, edit, message)
        self.projected_total = self.field(
            "projected_total", f.projected_total_edit, f.projected_total_message
        )
        self.details = self.field("details", f.job_details_edit)

    @staticmethod
    def info(detail: NodeDetail) -> JobInfoRecord | None:
        return detail.job_info

    def fill(self, detail: NodeDetail) -> None:
        info = detail.job_info
        for field, edit in self.text_edits.items():
            edit.setText((getattr(info, field) if info else None) or "")
        self._fill_lists(info.job_type_id if info else None, info.foreman_id if info else None)
        index = self.status.findData(info.status if info else "None")
        self.status.setCurrentIndex(max(index, 0))
        for field, date_field in self.dates.items():
            date_field.set_value(getattr(info, field) if info else None)
        total = info.projected_total if info else None
        self.projected_total.setText(money_text(total))
        self.details.setPlainText((info.details if info else None) or "")

    def refill(self) -> None:
        was_loading, self.loading = self.loading, True
        try:
            self._fill_lists(self.job_type.currentData(), self.foreman.currentData())
        finally:
            self.loading = was_loading

    def _fill_lists(self, job_type: Any, foreman: Any) -> None:
        lists = self.ctx.lists
        assert lists is not None
        types = sorted(lists.job_types, key=lambda t: t.full_name.casefold())
        fill_combo(self.job_type, [(t.full_name, t.id, t.is_active) for t in types], job_type)
        fill_combo(self.foreman, [(e.name, e.id, e.is_active) for e in lists.foremen], foreman)

    def changes(self) -> dict[str, Any]:
        d = self.detail
        if d is None or d.kind != "job":
            return {}
        info = d.job_info
        out: dict[str, Any] = {}

        def was(field: str) -> Any:
            return getattr(info, field) if info is not None else None

        for field, edit in self.text_edits.items():
            value = text_or_none(edit.text())
            if value != was(field):
                out[field] = value
        if self.job_type.currentData() != was("job_type_id"):
            out["job_type_id"] = self.job_type.currentData()
        if self.status.currentData() != (was("status") or "None"):
            out["status"] = self.status.currentData()
        if self.foreman.currentData() != was("foreman_id"):
            out["foreman_id"] = self.foreman.currentData()
        for field, date_field in self.dates.items():
            if date_field.value() != was(field):
                out[field] = date_field.value()
        total = money_value(self.projected_total.text(), what="The projected total")
        if money_changed(total, was("projected_total")):
            out["projected_total"] = total
        details = self.details.toPlainText()
        if details.strip() != (was("details") or "").strip():
            out["details"] = details if details.strip() else None
        return out
