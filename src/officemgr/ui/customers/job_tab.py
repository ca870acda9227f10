"""Job Info (jobs only): title, type, status, foreman, dates, projected total, details."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from officemgr.core.models import JOB_STATUSES
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

TEXT_FIELDS = {"title": "jobTitleEdit", "description": "descriptionEdit"}
DATE_FIELDS = {
    "start_date": ("startDateEdit", "startDateMessage"),
    "projected_end_date": ("projectedEndEdit", "projectedEndMessage"),
    "completion_date": ("completionDateEdit", "completionDateMessage"),
}


class JobTab(FormTab):
    form_name = "customer_job_tab"
    title = "Job Info"

    def __init__(self, ctx: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        for field, name in TEXT_FIELDS.items():
            self.field(field, self.w(name))
        self.job_type: QComboBox = self.field("job_type_id", self.w("jobTypeCombo"))
        self.status: QComboBox = self.field("status", self.w("jobStatusCombo"))
        fill_combo(self.status, [(s, s, True) for s in JOB_STATUSES], "None", blank=None)
        self.foreman: QComboBox = self.field("foreman_id", self.w("foremanCombo"))
        self.dates: dict[str, DateField] = {}
        for field, (name, message) in DATE_FIELDS.items():
            self.dates[field] = DateField(self.w(name))
            self.field(field, self.w(name), message)
        self.field("projected_total", self.w("projectedTotalEdit"), "projectedTotalMessage")
        self.details = self.field("details", self.w("jobDetailsEdit"))

    @staticmethod
    def info(detail: NodeDetail) -> JobInfoRecord | None:
        return detail.job_info

    def fill(self, detail: NodeDetail) -> None:
        info = detail.job_info
        for field, name in TEXT_FIELDS.items():
            self.w(name).setText((getattr(info, field) if info else None) or "")
        self._fill_lists(info.job_type_id if info else None, info.foreman_id if info else None)
        index = self.status.findData(info.status if info else "None")
        self.status.setCurrentIndex(max(index, 0))
        for field, date_field in self.dates.items():
            date_field.set_value(getattr(info, field) if info else None)
        total = info.projected_total if info else None
        self.w("projectedTotalEdit").setText(money_text(total))
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

        for field, name in TEXT_FIELDS.items():
            value = text_or_none(self.w(name).text())
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
        total = money_value(self.w("projectedTotalEdit").text(), what="The projected total")
        if money_changed(total, was("projected_total")):
            out["projected_total"] = total
        details = self.details.toPlainText()
        if details.strip() != (was("details") or "").strip():
            out["details"] = details if details.strip() else None
        return out
