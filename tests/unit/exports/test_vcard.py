"""vCard 4.0 of customers and contacts (RFC 6350): escaping, folding at 75 octets, CRLF,
and the properties a phone or mail program reads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from officemgr.core.exports.vcard_file import MAX_LINE, escape, fold


def unfold(text: str) -> list[str]:
    """The logical lines of a vCard file (RFC 6350 §3.2)."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def cards(path: Path) -> list[list[str]]:
    lines = unfold(path.read_bytes().decode("utf-8"))
    found: list[list[str]] = []
    for line in lines:
        if line == "BEGIN:VCARD":
            found.append([])
        found[-1].append(line)
    return found


def test_text_values_escape_backslash_comma_semicolon_and_line_breaks() -> None:
    assert escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    assert escape("plain text") == "plain text"


@pytest.mark.parametrize(
    "line",
    [
        "NOTE:" + "x" * 200,
        "NOTE:" + "ø" * 100,  # two octets each
        "FN:" + "王" * 60,  # three octets each
        "NOTE:" + "a😀" * 40,  # four octets
        "FN:" + "x" * 70,  # exactly 73 octets: not folded
    ],
)
def test_lines_fold_at_75_octets_never_inside_a_character(line: str) -> None:
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= MAX_LINE for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert folded.replace("\r\n ", "") == line
    if len(line.encode("utf-8")) <= MAX_LINE:
        assert folded == line


def test_a_customer_card(company: Any, office: Any, tmp_path: Path) -> None:
    company.customers.update(office.lars, notepad="Note " * 30 + "\nend; of, note\\")
    result = company.exports.write(tmp_path / "customers.vcf")
    assert result.summary() == "3 customers"  # customers only: jobs are no people
    raw = result.path.read_bytes().decode("utf-8")
    assert max(len(line.encode()) for line in raw.split("\r\n")) <= MAX_LINE
    found = {card[3]: card for card in cards(result.path)}
    assert set(found) == {"FN:Old Mill Bakery", "FN:Ødegård\\, Lars", "FN:王小明"}
    assert found["FN:Ødegård\\, Lars"] == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        "FN:Ødegård\\, Lars",
        "N:Ødegård;Lars;K;Mr.;",
        "ORG:Ødegård Rørlegger AS",
        "TEL;TYPE=voice;PREF=1:+1 555-201-3344 ext. 12",
        "TEL;TYPE=voice:+1 555-201-9000",
        "TEL;TYPE=cell:+1 555-201-7000",
        "TEL;TYPE=fax:+1 555-201-3345",
        "EMAIL;PREF=1:lars@example.com",
        "EMAIL:office@example.com",
        "ADR;PREF=1:;;12 Oak St\\nSuite 4;Dayton;OH;45402;United States",
        "ADR:;;300 Front St W;Toronto;ON;M5V 2T6;Canada",
        "NOTE:" + "Note " * 30 + "\\nend\\; of\\, note\\\\",
        "END:VCARD",
    ]
    bakery = found["FN:Old Mill Bakery"]
    assert "KIND:org" in bakery and "N:;;;;" in bakery and "TEL;TYPE=voice;PREF=1:555-01" in bakery
    assert "N:王;小明;;;" in found["FN:王小明"]


def test_contact_cards(company: Any, office: Any, tmp_path: Path) -> None:
    result = company.exports.write(tmp_path / "contacts.vcard", what="contacts")
    assert result.format == "vcf" and result.summary() == "2 contacts"
    li, zhang = cards(result.path)
    assert li == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:individual",
        "FN:Li Na",
        "N:Na;Li;;;",
        "ORG:王小明",
        "ROLE:Assistant",
        "TEL;TYPE=voice;PREF=1:+86 10 6552 9900",
        "TEL;TYPE=cell:+86 139 1234 5678",
        "EMAIL;PREF=1:li.na@example.cn",
        "END:VCARD",
    ]
    assert "NOTE:Speaks English\\; calls\\, mornings" in zhang
    assert all(re.fullmatch(r"[A-Z]+(;[^:]*)?:.*", line) for line in li)
