"""Hostile and odd text through the report renderer: every report is made, markup-looking
and SQL-looking text prints literally, and control characters never crash it.

Text with control characters cannot be stored through the services (they refuse it), so
those examples write it into the file directly, as an older version or another tool
might have, and the renderer must still cope.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import update

from officemgr.core import models as m
from officemgr.errors import ValidationError

RUN = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    assert len(reader.pages) >= 1
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squeezed(text: str) -> str:
    """Text without whitespace: a wrapped line still matches what was typed."""
    return "".join(text.split())


def stored_or(call: Any, fallback: Any) -> Any:
    """The call's result, or ``fallback`` when the services refuse the odd input."""
    try:
        return call()
    except ValidationError as error:
        assert error.field and str(error).strip()
        return fallback


def render_all(co: Any, customer: int, invoice: int, folder: Path) -> dict[str, Path]:
    """Every report about ``customer`` (and the invoice), each checked to be a PDF."""
    out = {
        "contact log": co.reports.contact_log(
            folder / "log.pdf", customer=customer, include_jobs=True, group_by_customer=True
        ),
        "contact list": co.reports.customer_contact_list(
            folder / "list.pdf", customer=customer, include_jobs=True
        ),
        "open balances": co.reports.open_balances(folder / "open.pdf", customers=[customer]),
        "invoice": co.reports.invoice(invoice, folder / "invoice.pdf"),
    }
    for name, result in out.items():
        assert result.pages >= 1, name
        assert result.path.read_bytes().startswith(b"%PDF"), name
    return {name: result.path for name, result in out.items()}


def test_any_text_renders_in_every_report(company: Any, odd: Any, tmp_path: Path) -> None:
    co = company
    fallback = co.customers.add(name="Fallback Customer").id
    made: list[int] = []

    @RUN
    @given(
        name=odd.some_text(),
        contact=odd.some_text(),
        subject=odd.some_text(),
        details=st.one_of(odd.any_text(300), odd.long_text(5000)),
        description=odd.some_text(),
        memo=odd.any_text(),
        raw=st.sampled_from([*odd.CONTROL, "\x00<b>x</b>\x1b", "tab\there", "\r\n\r"]),
    )
    def run(
        name: str,
        contact: str,
        subject: str,
        details: str,
        description: str,
        memo: str,
        raw: str,
    ) -> None:
        customer = stored_or(lambda: co.customers.add(name=name).id, fallback)
        stored_or(lambda: co.contacts.add(owner=customer, name=contact, role=memo), None)
        entry = (
            stored_or(
                lambda: (
                    co.contact_log.add(
                        owner=customer,
                        kind="Note",
                        subject=subject,
                        details=details,
                        contact=contact,
                    ).id
                ),
                None,
            )
            or co.contact_log.add(owner=customer, kind="Note", subject="Plain").id
        )
        invoice = (
            stored_or(
                lambda: (
                    co.invoices.add(
                        node=customer,
                        lines=[{"description": description, "rate": "12.50"}],
                        memo=memo,
                    ).id
                ),
                None,
            )
            or co.invoices.add(node=customer, lines=[{"description": "Plain", "rate": "1"}]).id
        )
        # What the services would refuse, written straight into the file.
        with co.write() as session:
            session.execute(
                update(m.ContactLogEntry)
                .where(m.ContactLogEntry.id == entry)
                .values(subject=f"{subject}{raw}", details=f"{raw}{details}{raw}")
            )
            session.execute(update(m.Invoice).where(m.Invoice.id == invoice).values(memo=raw))
        render_all(co, customer, invoice, tmp_path)
        made.append(customer)

    run()
    print(f"\n{len(made)} examples rendered in four reports each")
    assert len(made) >= 10


MARKUP_AND_SQL = [
    "<b>x</b> & y",
    "<script>alert(1)</script>",
    "&amp; &lt; &#65; &nbsp;",
    "<br/><para>",
    '<font color="red">red</font>',
    "'; DROP TABLE customer_jobs; --",
    "1 OR 1=1 /* %s %(x)s {0} */",
]


def test_markup_and_sql_print_literally_in_every_report(company: Any, tmp_path: Path) -> None:
    co = company
    placed: dict[str, list[str]] = {}
    customer = co.customers.add(name="<b>Bold</b> & Sons <i>Ltd</i>", email="a&b@example.com").id
    for number, text in enumerate(MARKUP_AND_SQL):
        co.contacts.add(owner=customer, name=f"C{number} {text}"[:100], role="<u>role</u>")
        co.contact_log.add(
            owner=customer, kind="Call In", subject=f"S{number} {text}", details=f"D {text}"
        )
    invoice = co.invoices.add(
        node=customer,
        lines=[
            {"description": f"L{n} {text}", "rate": "10"} for n, text in enumerate(MARKUP_AND_SQL)
        ],
        memo="M <b>memo</b> & more",
    ).id
    placed["contact log"] = [f"S{n} {t}" for n, t in enumerate(MARKUP_AND_SQL)] + [
        f"D {t}" for t in MARKUP_AND_SQL
    ]
    placed["contact list"] = [f"C{n} {t}" for n, t in enumerate(MARKUP_AND_SQL)] + [
        "<u>role</u>",
        "a&b@example.com",
    ]
    placed["open balances"] = ["<b>Bold</b> & Sons <i>Ltd</i>"]
    placed["invoice"] = [f"L{n} {t}" for n, t in enumerate(MARKUP_AND_SQL)] + [
        "M <b>memo</b> & more"
    ]

    for report, path in render_all(co, customer, invoice, tmp_path).items():
        text = squeezed(pdf_text(path))
        assert squeezed("<b>Bold</b> & Sons <i>Ltd</i>") in text, report
        for literal in placed[report]:
            assert squeezed(literal) in text, (report, literal)


def test_contact_log_filters_by_an_employee_with_a_non_ascii_name(
    company: Any, tmp_path: Path
) -> None:
    """SQLite's lower() folds ASCII only: "Émile Zoë" once matched none of its entries."""
    co = company
    co.lists.add_employee(name="Émile Zoë")
    customer = co.customers.add(name="Filter By Staff").id
    co.contact_log.add(owner=customer, kind="Note", subject="By Émile", employee="émile zoë")
    co.contact_log.add(owner=customer, kind="Note", subject="By Dana", employee="Dana")
    result = co.reports.contact_log(tmp_path / "emile.pdf", employee="Émile Zoë")
    assert result.entries == 1
    text = pdf_text(result.path)
    assert "By Émile" in text and "By Dana" not in text
