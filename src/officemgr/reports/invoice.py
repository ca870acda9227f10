"""One invoice as a PDF, on the page every report shares (fonts, header, page X of Y).

Printed from the account page, not listed in the Report Navigator. The invoice, its
lines and its Bill To address are read with a few Core selects; a job without a Bill To
address of its own is billed at its customer's.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from sqlalchemy import select
from sqlalchemy.orm import Session

from officemgr.core import balances
from officemgr.core import models as m
from officemgr.core.inputs import MAX_ID, as_paper, is_id
from officemgr.core.numbers import NumberFormat
from officemgr.core.services import invoices
from officemgr.errors import NotFoundError, ValidationError
from officemgr.reports import fonts, template
from officemgr.reports.base import ReadSource, ReportResult, output_path
from officemgr.reports.story import finish

I = m.table(m.Invoice)  # noqa: E741 - the invoices table
L = m.table(m.InvoiceLine)
N = m.table(m.CustomerJob)
A = m.table(m.Address)
T = m.table(m.Terms)
X = m.table(m.TaxCode)
S = m.table(m.OfficeSettings)


@dataclass(frozen=True)
class InvoiceOptions:
    """Which invoice: by id or by number (exactly one)."""

    invoice_id: int | None = None
    number: int | None = None
    paper: str | None = None  # "letter" or "a4"; None: the office setting

    def checked(self) -> InvoiceOptions:
        if (self.invoice_id is None) == (self.number is None):
            raise ValidationError("Choose the invoice by its id or by its number.", field="number")
        for value in (self.invoice_id, self.number):
            if value is None or is_id(value):
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError("An invoice number is a whole number.", field="number")
            raise ValidationError(
                "There is no such invoice: invoice numbers and ids are whole numbers no "
                f"larger than {MAX_ID:,}.",
                field="number",
            )
        return replace(self, paper=as_paper(self.paper, field="paper"))


def _address_lines(address: Any) -> list[str]:
    if address is None:
        return []
    place = " ".join(p for p in (address.region, address.postal_code) if p)
    city = ", ".join(p for p in (address.city, place) if p)
    lines = [address.line1, address.line2, city]
    return [template.clean(line) for line in lines if line]


def _load(session: Session, options: InvoiceOptions) -> tuple[Any, list[Any], Any, Any]:
    """The invoice row (with names), its lines, the Bill To address and the office row."""
    condition = (
        I.c.id == options.invoice_id
        if options.invoice_id is not None
        else (I.c.number == options.number)
    )
    invoice = session.execute(
        select(
            I,
            N.c.full_name.label("node_full_name"),
            N.c.company_name,
            N.c.customer_id.label("root_id"),
            T.c.name.label("terms_name"),
            X.c.name.label("tax_code_name"),
        )
        .select_from(
            I.join(N, N.c.id == I.c.node_id)
            .outerjoin(T, T.c.id == I.c.terms_id)
            .outerjoin(X, X.c.id == I.c.tax_code_id)
        )
        .where(condition)
    ).first()
    if invoice is None:
        which = (
            f"number {options.number}" if options.number is not None else f"id {options.invoice_id}"
        )
        raise NotFoundError(f"There is no invoice with {which}.")
    lines = list(
        session.execute(
            select(L.c.description, L.c.quantity, L.c.rate, L.c.amount, L.c.is_taxable)
            .where(L.c.invoice_id == invoice.id)
            .order_by(L.c.position, L.c.id)
        )
    )
    addresses = {
        row.owner_id: row
        for row in session.execute(
            select(A).where(
                A.c.owner_id.in_({invoice.node_id, invoice.root_id}), A.c.kind == "bill_to"
            )
        )
    }
    bill_to = addresses.get(invoice.node_id) or addresses.get(invoice.root_id)
    office = session.execute(select(S)).first()
    return invoice, lines, bill_to, office


class _Layout:
    def __init__(self, width: float, numbers: NumberFormat) -> None:
        self.width = width
        self.numbers = numbers
        self.cell = template.style("cell", size=8.5)
        self.number_style = template.style("number", size=8.5, alignment=TA_RIGHT)
        self.label = template.style("label", size=7.5, textColor=colors.dimgrey)
        self.void = template.style(
            "void", size=16, bold=True, textColor=colors.red, spaceBefore=4, spaceAfter=6
        )
        self.memo = template.style("memo", size=8.5, spaceBefore=8)
        self.grid = [
            ("FONT", (0, 0), (-1, -1), template.FONT, 8.5),
            ("LEADING", (0, 0), (-1, -1), 10.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]

    def para(self, text: template.Pieces | None, style: Any = None) -> Flowable:
        return template.text(text or "", style or self.cell)

    def number(self, text: str) -> str | Flowable:
        return template.cell(text, self.number_style)

    def heading_block(self, invoice: Any, bill_to: Any) -> Table:
        """Bill To on the left; number, dates and terms on the right."""
        bill_lines: list[tuple[str | None, bool]] = [(invoice.node_full_name, True)]
        if invoice.company_name and invoice.company_name != invoice.node_full_name:
            bill_lines.append(("\n" + template.clean(invoice.company_name), False))
        bill_lines += [("\n" + line, False) for line in _address_lines(bill_to)]
        bill = [self.para("Bill To", self.label), self.para(bill_lines)]
        facts = [
            ("Invoice", str(invoice.number)),
            ("Date", f"{invoice.invoice_date:%Y-%m-%d}"),
            ("Due date", f"{invoice.due_date:%Y-%m-%d}"),
            ("Terms", template.clean(invoice.terms_name) or "—"),
        ]
        # Sized to their text as an automatic width would be, which a flowable has not.
        widths = [
            max(fonts.width(text, 8.5) for text in column) + 6
            for column in zip(*facts, strict=True)
        ]
        cells = [[label, template.cell(value, self.cell)] for label, value in facts]
        facts_table = Table(cells, colWidths=widths, style=TableStyle(self.grid), hAlign="RIGHT")
        return Table(
            [[bill, facts_table]],
            colWidths=[self.width * 0.6, self.width * 0.4],
            style=TableStyle([*self.grid, ("ALIGN", (1, 0), (1, 0), "RIGHT")]),
            hAlign="LEFT",
        )

    def line_tables(self, lines: list[Any]) -> list[Table]:
        """The lines in one table whose heading row repeats at the top of every page; "T"
        marks a taxable line (the tax line says on what base the tax was figured)."""
        widths = [self.width * share for share in (0.54, 0.04, 0.12, 0.15, 0.15)]
        head = ["Description", "T", "Quantity", "Rate", "Amount"]
        style = TableStyle(
            [
                *self.grid,
                ("FONT", (0, 0), (-1, 0), template.FONT_BOLD, 8.5),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("ALIGN", (1, 0), (1, -1), "CENTER"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.grey),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
            ]
        )
        body = [
            [
                self.para(line.description),
                "T" if line.is_taxable else "",
                self.number(self.numbers.quantity(line.quantity)),
                self.number(self.numbers.rate(line.rate)),
                self.number(self.numbers.money(line.amount)),
            ]
            for line in lines
        ] or [[self.para("(no lines)"), "", "", "", ""]]
        return [Table([head, *body], colWidths=widths, style=style, repeatRows=1)]

    def totals(self, invoice: Any, balance_due: Decimal, lines: list[Any]) -> Table:
        """Subtotal, tax, total, what was paid and the balance due (``core.balances``: what
        is still owed on it now; nothing on a void invoice)."""

        def money(amount: Decimal) -> str | Flowable:
            return self.number(self.numbers.money(amount))

        percent = f"{self.numbers.quantity(invoice.tax_rate_percent)}%"
        if invoice.tax_rate_percent:  # the base: what was taxed, to check the tax against
            percent += f" of {self.numbers.money(invoices.taxable_base(lines))}"
        tax_label = "Tax"
        if invoice.tax_code_name:
            tax_label += f" ({template.clean(invoice.tax_code_name)}, {percent})"
        elif invoice.tax_rate_percent:
            tax_label += f" ({percent})"
        paid = invoice.amount_paid if invoice.status == "void" else invoice.total - balance_due
        rows = [
            ["Subtotal", money(invoice.subtotal)],
            [template.cell(tax_label, self.cell), money(invoice.tax)],
            ["Total", money(invoice.total)],
            ["Amount paid", money(paid)],
            ["Balance due", money(balance_due)],
        ]
        style = TableStyle(
            [
                *self.grid,
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("FONT", (0, 2), (-1, 2), template.FONT_BOLD, 8.5),
                ("FONT", (0, -1), (-1, -1), template.FONT_BOLD, 9.5),
                ("LINEABOVE", (0, 2), (-1, 2), 0.6, colors.grey),
                ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.grey),
            ]
        )
        return Table(
            rows, colWidths=[self.width * 0.25, self.width * 0.15], style=style, hAlign="RIGHT"
        )


def _office_text(office: Any) -> str:
    """The company's address, phone and email for the page header's second line."""
    if office is None:
        return ""
    lines = _address_lines(office)
    lines += [template.clean(v) for v in (office.phone, office.email) if v]
    return " · ".join(lines)


def render(source: ReadSource, options: InvoiceOptions, out_path: str | Path) -> ReportResult:
    """Write the invoice chosen by ``options`` to the PDF ``out_path``."""
    options = options.checked()
    out = output_path(out_path)
    with source.read() as session:
        page = template.office(session, options.paper, portrait=True)
        invoice, lines, bill_to, office = _load(session, options)
        owed = balances.invoice_open_amounts(session.connection(), [invoice.id])[invoice.id]
    layout = _Layout(page.width, page.numbers)

    story: list[Flowable] = []
    if invoice.status == "void":
        reason = (
            [("VOID: ", False), (invoice.void_reason, False)] if invoice.void_reason else "VOID"
        )
        story.append(layout.para(reason, layout.void))
    story += [layout.heading_block(invoice, bill_to), Spacer(1, 10)]
    story += layout.line_tables(lines)
    story += [Spacer(1, 6), layout.totals(invoice, owed, lines)]
    if invoice.memo:
        story.append(layout.para([("Memo: ", True), (invoice.memo, False)], layout.memo))

    title = f"Invoice {invoice.number}" + (" — VOID" if invoice.status == "void" else "")
    return finish(out, story, page, title=title, filters=_office_text(office), entries=len(lines))
