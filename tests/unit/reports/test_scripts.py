"""Names in every script print in every report: the right font, shaped, in bidi order.

The PDFs are read back with poppler's ``pdftotext`` (the text a reader copies or searches),
and ``pdffonts`` says which fonts were embedded. Two things poppler does to right-to-left
text are undone before comparing: it marks each right-to-left word with embedding controls
(U+202A–U+202E), and on a page whose text runs mostly left to right it lists the words of
an Arabic or Hebrew phrase left to right, as they stand on the page (each word in its own
logical order). Arabic letters come back as their joined presentation forms (the glyphs
HarfBuzz chose): NFKC normalization turns them back into the letters typed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.platypus import SimpleDocTemplate

from officemgr.reports import catalog, fonts, template
from officemgr.reports.textblock import TextBlock, layout

NAMES = {
    "Chinese (simplified)": "王小明",
    "Chinese (traditional)": "陳大文",
    "Japanese": "田中 さくら",
    "Japanese (katakana)": "スズキ・イチロー",
    "Korean": "김민준",
    "Arabic": "منصور, سارة",
    "Hebrew": "כהן, דוד",
    "Thai": "สมชาย ใจดี",
    "Devanagari": "शर्मा, प्रिया",
    "Greek": "Παπαδόπουλος, Νίκος",
    "Vietnamese": "Nguyễn Văn Đức",
}
RTL = {"Arabic", "Hebrew"}
FALLBACKS = ("DroidSansFallback", "NotoSansArabic", "NotoSansHebrew", "NotoSansThai",
             "NotoSansDevanagari")  # fmt: skip

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)


def pdftotext(path: Path) -> str:
    """The PDF's text as poppler extracts it, embedding controls dropped, NFKC-normalized."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return unicodedata.normalize("NFKC", re.sub("[\u202a-\u202e]", "", out))


def embedded_fonts(path: Path) -> dict[str, tuple[str, str]]:
    """Font name (subset tag and "-Regular" dropped) -> (embedded, subset), from pdffonts."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    found: dict[str, tuple[str, str]] = {}
    for line in out.stdout.splitlines()[2:]:
        cells = line.split()
        name = cells[0].split("+", 1)[-1].removesuffix("-Regular")
        found[name] = (cells[-5], cells[-4])  # emb, sub
    return found


def assert_printed(text: str, name: str, script: str) -> None:
    if script in RTL:  # each word, each in logical order (see the module docstring)
        for word in name.split(", "):
            assert word in text, (script, word)
    else:
        assert name in text, (script, name)


@pytest.fixture
def customers(company: Any) -> dict[str, int]:
    """A customer for every script, with a contact of the same name."""
    ids = {}
    for script, name in NAMES.items():
        ids[script] = company.customers.add(name=name).id
        company.contacts.add(owner=ids[script], name=name, role=script, is_primary=True)
    return ids


# ----------------------------------------------------------------------- the reports


@needs_poppler
def test_customer_contact_list_prints_every_script(
    company: Any, customers: dict[str, int], tmp_path: Path
) -> None:
    company.settings.update(company_name="株式会社 山田 & שותפים")
    out = tmp_path / "list.pdf"
    result = company.reports.customer_contact_list(out)
    assert result.entries == len(NAMES) and result.pages == 1
    text = pdftotext(out)
    for script, name in NAMES.items():
        assert_printed(text, name, script)
    assert "株式会社 山田 &" in text and "שותפים" in text  # the page header
    assert "(primary)" in text
    used = embedded_fonts(out)
    for font in FALLBACKS:
        assert used[f"{font}-Bold" if font != "DroidSansFallback" else font] == ("yes", "yes")
        assert used[font] == ("yes", "yes")  # the contacts, in regular


@needs_poppler
def test_contact_log_prints_every_script(
    company: Any, customers: dict[str, int], log: Any, tmp_path: Path
) -> None:
    for script, name in NAMES.items():
        log.add(customers[script], f"Called {name}", contact=name, employee=name, details=name)
    out = tmp_path / "log.pdf"
    company.reports.contact_log(out, group_by_customer=True)
    text = pdftotext(out)
    for script, name in NAMES.items():
        assert_printed(text, name, script)
    assert "Called" in text and "entry" in text


@needs_poppler
def test_open_balances_prints_every_script(
    company: Any, customers: dict[str, int], tmp_path: Path
) -> None:
    for script in NAMES:
        company.invoices.add(
            node=customers[script],
            invoice_date="2026-10-01",
            lines=[{"description": "Service", "rate": "125.00"}],
        )
    out = tmp_path / "balances.pdf"
    result = company.reports.open_balances(out, as_of=date(2026, 11, 30))
    assert result.entries == len(NAMES)
    text = pdftotext(out)
    for script, name in NAMES.items():
        assert_printed(text, name, script)
        if script not in RTL:
            assert f"Total {name}" in text


@needs_poppler
def test_invoice_prints_every_script(company: Any, tmp_path: Path) -> None:
    customer = company.customers.add(
        name=NAMES["Arabic"],
        bill_to={"line1": "רחוב הרצל 12", "city": "תל אביב", "country": "IL"},
    ).id
    lines = [{"description": f"{script}: {name}", "rate": "10"} for script, name in NAMES.items()]
    invoice = company.invoices.add(node=customer, lines=lines, memo="शर्मा जी को धन्यवाद")
    out = tmp_path / "invoice.pdf"
    company.reports.invoice(invoice.id, out)
    text = pdftotext(out)
    for script, name in NAMES.items():
        assert_printed(text, name, script)
    for word in ("רחוב", "הרצל", "תל", "אביב"):
        assert word in text
    assert "Memo: शर्मा जी को धन्यवाद" in text


@needs_poppler
def test_a_page_of_every_script_stays_small(company: Any, tmp_path: Path) -> None:
    """The fonts are embedded as subsets of the glyphs used: one page in every script is
    a few tens of kilobytes, not the megabytes of the font files."""
    out = tmp_path / "page.pdf"
    story = [template.text(f"{script}: {name}", template.style("s")) for script, name in
             NAMES.items()]  # fmt: skip
    header = template.PageHeader("Every script", "Scripts", "", made=datetime(2026, 11, 30, 9))
    template.build(out, story, header=header, paper="a4")
    assert out.stat().st_size < 150_000
    assert set(FALLBACKS) <= set(embedded_fonts(out))


# ------------------------------------------------------------------- fonts and order


def test_each_character_is_set_in_a_font_that_has_it() -> None:
    expected = {
        "Chinese (simplified)": "DroidSansFallback",
        "Chinese (traditional)": "DroidSansFallback",
        "Japanese": "DroidSansFallback",
        "Japanese (katakana)": "DroidSansFallback",
        "Korean": "DroidSansFallback",
        "Arabic": "NotoSansArabic",
        "Hebrew": "NotoSansHebrew",
        "Thai": "NotoSansThai",
        "Devanagari": "NotoSansDevanagari",
        "Greek": "DejaVuSans",
        "Vietnamese": "DejaVuSans",
    }
    for script, name in NAMES.items():
        for bold in (False, True):
            runs = fonts.runs(name, bold)
            assert "".join(run for _, run in runs) == name
            for font, run in runs:
                assert all(fonts.has_glyph(font, char) for char in run), (script, font, run)
            letters = {font for font, run in runs if any(c.isalpha() for c in run)}
            wanted = fonts.face(expected[script] if script != "Greek" else "DejaVuSans")
            assert letters == {wanted.font(bold)}, script


def test_a_one_line_story_draws_each_run_in_its_font(tmp_path: Path) -> None:
    line = "Invoice 12 — 王小明, منصور (1500 درهم) שלום प्रिया OK"
    glyphs = fonts.line_glyphs(line, 10)
    actual = [(g.font, g.actual.strip()) for g in glyphs if g.actual]
    assert actual == [("NotoSansDevanagari", "प्रिया")]  # a conjunct, and i before its consonant
    drawn = {g.font for g in glyphs}
    assert drawn == {"DejaVuSans", "DroidSansFallback", "NotoSansArabic", "NotoSansHebrew",
                     "NotoSansDevanagari"}  # fmt: skip
    out = tmp_path / "line.pdf"
    SimpleDocTemplate(str(out)).build([TextBlock([(line, False)], template.style("l"))])
    if shutil.which("pdffonts"):
        assert drawn <= set(embedded_fonts(out))


def test_right_to_left_text_is_handed_to_reportlab_in_visual_order() -> None:
    from bidi import get_display

    for text in ("منصور, سارة", "כהן, דוד", "Ahmed أحمد 12 ok", "מספר 42 ו-7", "ادفع ٣٥٠ درهم"):
        assert fonts.visual_order(text) == get_display(text)
    # Brackets of right-to-left text are mirrored (python-bidi's Rust order does not).
    assert fonts.visual_order("(نقداً) دفع") == "عفد (ًادقن)"
    assert fonts.visual_order("Ahmed (أحمد) 12") == "Ahmed (دمحأ) 12"
    # The runs of "منصور, سارة", left to right: the second name first, each shaped.
    glyphs = fonts.line_glyphs("منصور, سارة", 10)
    assert [g.font for g in glyphs] == ["NotoSansArabic", "DejaVuSans", "NotoSansArabic"]
    first, comma, last = glyphs
    assert unicodedata.normalize("NFKC", str(first.text))[::-1] == "سارة"  # joined forms
    assert comma.text == " ," and unicodedata.normalize("NFKC", str(last.text))[::-1] == "منصور"
    assert str(first.text) != "سارة"[::-1]  # shaped: initial, medial and final forms


def test_bidi_levels_come_from_python_bidi() -> None:
    # Read from the Rust implementation's debug report: a python-bidi that stops giving
    # them fails here (the order would fall back to get_display, brackets unmirrored).
    assert fonts.bidi_levels("abc אבג") == [0, 0, 0, 0, 1, 1, 1]
    assert fonts.bidi_levels("אבג 12 ") == [1, 1, 1, 1, 2, 2, 1]
    assert fonts.reorder([0, 0, 1, 1, 2, 2, 1]) == [0, 1, 6, 4, 5, 3, 2]


def test_pure_latin_text_takes_the_fast_path() -> None:
    for text in ("Smith & <Sons>", "Ångström, Åsa", "Иван Петров", "Σοφία", "Nguyễn"):
        assert fonts.is_plain(text)
        assert fonts.runs(text) == [("DejaVuSans", text)]
        assert fonts.markup(text) == escape(text)
    assert not fonts.is_plain("王") and not fonts.is_plain("سارة")
    assert not fonts.is_plain("ـ")  # U+0640 is in DejaVu, but Arabic text goes to Noto


_SAMPLES = "".join(NAMES.values()) + "&<>\"' \u0301\u0308\u200d\u200c()[]0123456789٣٥\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        st.one_of(
            st.sampled_from(_SAMPLES),
            # what clean() lets through to a report: no control characters
            st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        ),
        max_size=40,
    ),
    st.booleans(),
)
def test_runs_round_trip_and_have_their_glyphs(text: str, bold: bool) -> None:
    text = text.replace("\n", " ")  # a line break, not a character drawn
    runs = fonts.runs(text, bold)
    assert "".join(run for _, run in runs) == text
    assert all(run for _, run in runs)
    assert re.sub(r'<font name="[^"]*">|</font>', "", fonts.markup(text, bold)) == escape(text)
    for font, run in runs:
        for char in run:
            assert fonts.has_glyph(font, char) or (
                font == fonts.PRIMARY.font(bold)
                and not any(fonts.has_glyph(face.font(bold), char) for face in fonts.CHAIN)
            ), (font, char)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(st.sampled_from(_SAMPLES + "abcdefgh     "), max_size=60), st.booleans()),
        max_size=4,
    ),
    st.floats(min_value=20, max_value=300),
)
def test_lines_fit_and_keep_the_text(pieces: list[tuple[str, bool]], width: float) -> None:
    lines = layout(pieces, width, 7.5)
    for line in lines:
        text = "".join(t for t, _, _ in line.fragments)
        assert line.width <= width + 1e-6 or len(text.strip()) <= 2 or len(text) == 1
    typed = "".join(text for text, _ in pieces)
    laid = "\n".join("".join(t for t, _, _ in line.fragments) for line in lines)
    assert "".join(laid.split()) == "".join(typed.split())  # only spaces and breaks differ


# ------------------------------------------------------------------------- long notes


@needs_poppler
def test_a_long_note_prints_as_one_flowing_text(company: Any, log: Any, tmp_path: Path) -> None:
    words = [f"w{i:04d}" for i in range(1700)]
    note = " ".join(words)
    assert len(note) > 10_000 and "\n" not in note
    c = company.customers.add(name="Verbose").id
    log.add(c, "The long one", details=note)
    out = tmp_path / "long.pdf"
    company.reports.contact_log(out)
    layout_text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True, text=True
    ).stdout
    printed = re.findall(r"w\d{4}", layout_text)
    assert printed == words  # every word once, in order: nothing cut or repeated
    lines = [line.strip() for line in layout_text.splitlines() if re.search(r"w\d{4}", line)]
    widths = [len(line) for line in lines]
    assert len(lines) > 5
    assert min(widths[:-1]) > 0.9 * max(widths)  # full lines: no break where none was typed


def test_long_text_is_one_block_laid_out_once() -> None:
    note = "lorem ipsum dolor " * 2000
    flowables = template.paragraphs(note, template.style("note"))
    assert len(flowables) == 1 and isinstance(flowables[0], TextBlock)
    block = flowables[0]
    _, height = block.wrap(500, 10_000)
    parts = block.split(500, height / 3)
    assert len(parts) == 2
    again = [
        "".join(t for t, _, _ in line.fragments) for part in parts for line in part._lines(500)
    ]
    assert " ".join(again).split() == note.split()


# Choices that make a catalog report list the records below (its defaults may not).
CATALOG_CHOICES: dict[str, dict[str, Any]] = {
    "job-estimates-vs-actuals": {"include_without_figures": True},
}


@needs_poppler
@pytest.mark.parametrize("key", [key for key, entry in catalog.ENTRIES.items() if entry.options])
def test_every_catalog_report_prints_every_script(
    company: Any, customers: dict[str, int], tmp_path: Path, key: str
) -> None:
    """Each customer (a name in each script) has a job of the same name, an overdue
    invoice on it and a follow-up due today: every report lists them, names printed."""
    for script, name in NAMES.items():
        job = company.jobs.add(parent=customers[script], name=name, status="Pending").id
        company.invoices.add(
            node=job, invoice_date="2026-09-01", lines=[{"description": "Service", "rate": "90"}]
        )
        company.contact_log.add(
            owner=job, kind="Call Out", subject=name, employee=name, follow_up_on=date.today()
        )
    out = tmp_path / f"{key}.pdf"
    company.reports.render_with(key, out, **CATALOG_CHOICES.get(key, {}))
    text = pdftotext(out)
    for script, name in NAMES.items():
        assert_printed(text, name, script)
    assert all(state == ("yes", "yes") for state in embedded_fonts(out).values())
