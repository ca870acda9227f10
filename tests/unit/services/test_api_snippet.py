"""The public API snippet of the architecture document runs as written, reports included.

The snippet is kept here verbatim; when the design documents sit beside the repository,
the test also checks that this copy still matches them.
"""

from __future__ import annotations

import ast
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from officemgr.core.records import ContactRecord, LogEntryRecord, NodeSummary, PhoneMatch

SNIPPET = """\
from officemgr import Company

with Company.open("Acme.officemgr") as co:      # creates + migrates if needed
    c = co.customers.add(name="Smith, John", first_name="John", last_name="Smith",
                         phone="(555) 201-3344", email="john@example.com",
                         bill_to={"line1": "12 Oak St", "city": "Dayton",
                                  "region": "OH", "postal_code": "45402", "country": "US"})
    b = co.customers.add(name="Acme Heating", company_name="Acme Heating LLC",
                         phone="937-555-0100")
    j = co.jobs.add(parent=c.id, name="Furnace Replacement", status="Pending")
    co.contacts.add(owner=c.id, name="Mary Smith", phone="555-201-9000")
    co.contact_log.add(owner=j.id, at=datetime(2026, 11, 2, 9, 30), kind="Call In",
                       subject="Asked for a quote", details="...", employee="Dana")
    co.customers.search("smi", limit=50)       # the quick filter, as the UI uses it
    co.phone_lookup("+1 555-201-3344")         # caller ID: customers, jobs, contacts
    co.reports.contact_log("out.pdf", date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
"""
ARCHITECTURE = Path(__file__).resolve().parents[4] / "shared" / "spec" / "architecture.md"


class _KeepResults(ast.NodeTransformer):
    """Turn each bare call statement into ``_results.append(<call>)``."""

    def visit_Expr(self, node: ast.Expr) -> ast.stmt:
        if not isinstance(node.value, ast.Call):
            return node
        append = ast.parse("_results.append(None)").body[0]
        assert isinstance(append, ast.Expr) and isinstance(append.value, ast.Call)
        append.value.args = [node.value]
        return ast.copy_location(append, node)


def test_the_kept_copy_matches_the_architecture_document() -> None:
    if not ARCHITECTURE.exists():
        pytest.skip("the design documents are not beside this checkout")
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = re.search(r"```python\n(from officemgr import Company\n.*?)```", text, re.S)
    assert block is not None
    assert block.group(1) == SNIPPET


def test_the_snippet_runs_and_every_result_is_plain_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = _KeepResults().visit(ast.parse(SNIPPET))
    ast.fix_missing_locations(tree)
    namespace: dict[str, Any] = {"datetime": datetime, "date": date, "_results": []}
    exec(compile(tree, "architecture.md", "exec"), namespace)

    assert (tmp_path / "Acme.officemgr").exists()
    c, b, j = namespace["c"], namespace["b"], namespace["j"]
    contact, entry, found, callers, report = namespace["_results"]

    assert isinstance(c, NodeSummary) and (c.name, c.kind) == ("Smith, John", "customer")
    assert isinstance(b, NodeSummary) and b.name == "Acme Heating"
    assert isinstance(j, NodeSummary)
    assert (j.full_name, j.kind, j.customer_id, j.status) == (
        "Smith, John:Furnace Replacement",
        "job",
        c.id,
        "Pending",
    )
    assert isinstance(contact, ContactRecord)
    assert (contact.name, contact.owner_id) == ("Mary Smith", c.id)
    assert contact.phones[0].formatted == "(555) 201-9000"
    assert isinstance(entry, LogEntryRecord)
    assert (entry.node_id, entry.customer_id, entry.kind) == (j.id, c.id, "Call In")
    assert entry.at == datetime(2026, 11, 2, 9, 30).astimezone()
    assert entry.at.tzinfo is not None and entry.at.astimezone(UTC) == entry.at
    assert (entry.subject, entry.details, entry.employee_name) == (
        "Asked for a quote",
        "...",
        "Dana",
    )
    assert [(r.id, r.name, r.kind) for r in found] == [
        (c.id, "Smith, John", "customer"),
        (j.id, "Furnace Replacement", "job"),
    ]
    assert all(isinstance(m, PhoneMatch) for m in callers)
    assert [(m.kind, m.id, m.name, m.customer_id) for m in callers] == [
        ("customer", c.id, "Smith, John", c.id),
        ("job", j.id, "Furnace Replacement", c.id),
    ]
    # the Contact Log (Customer) report of November holds the one entry of the snippet
    assert report.entries == 1 and report.pages == 1
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    # every record has an id and a name, and all of it outlived the closed company
    for record in (c, b, j, contact, entry, *found, *callers):
        assert isinstance(record.id, int) and isinstance(record.name, str)
