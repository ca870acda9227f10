"""Helpers for report tests: log entries at exact local times, and PDF text."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

OFFICE_TZ = ZoneInfo("America/New_York")


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


class Log:
    """Adds contact log entries at local office times through the service."""

    def __init__(self, company: Any) -> None:
        self.company = company

    def add(self, owner: int, subject: str, at: str = "2026-10-15 10:00", **fields: Any) -> None:
        local = datetime.fromisoformat(at).replace(tzinfo=OFFICE_TZ)
        fields.setdefault("kind", "Call In")
        self.company.contact_log.add(owner=owner, at=local, subject=subject, **fields)


@pytest.fixture
def log(company: Any) -> Log:
    return Log(company)


@pytest.fixture
def read_pdf() -> Any:
    """``read_pdf(path)``: the extracted text of each page."""
    return pdf_pages
