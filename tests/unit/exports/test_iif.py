"""The customer list as a QuickBooks IIF file: QuickBooks' own layout and conventions,
the encoding chosen by what the names need, and read back whole by the IIF reader."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from officemgr.core.exports.iif_file import HEADER
from officemgr.core.exports.text_encoding import TextSink
from officemgr.core.imports import iif


def cust_lines(path: Path, encoding: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The file's lines, and each CUST line's fields by column (quotes as written)."""
    text = path.read_bytes().decode(encoding)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    header = next(line for line in lines if line.startswith("!CUST\t")).split("\t")[1:]
    rows = {}
    for line in lines:
        if line.startswith("CUST\t"):
            fields = dict(zip(header, line.split("\t")[1:], strict=True))
            rows[fields["NAME"].strip('"')] = fields
    return lines, rows


def test_the_layout_is_quickbooks_own(company: Any, latin_office: Any, tmp_path: Path) -> None:
    result = company.exports.write(tmp_path / "customers.iif")
    assert result.summary() == "2 customers and 4 jobs" and not result.warnings
    data = result.path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and "Ø".encode("cp1252") in data
    lines, rows = cust_lines(result.path, "cp1252")
    assert lines[:6] == [
        "!CUSTNAMEDICT\tINDEX\tLABEL\tCUSTOMER\tVENDOR\tEMPLOYEE",
        "!ENDCUSTNAMEDICT",
        "CUSTNAMEDICT\t0\tCustomer Since\tY\tN\tN",
        "CUSTNAMEDICT\t1\tGate Code\tY\tN\tN",
        "CUSTNAMEDICT\t2\tPets\tY\tN\tN",
        "ENDCUSTNAMEDICT",
    ]
    assert lines[6] == "\t".join(("!CUST", *HEADER))

    assert list(rows) == [
        "Old Mill Bakery",
        "Ødegård, Lars",
        "Ødegård, Lars:Boiler",
        "Ødegård, Lars:Boiler:Valve",
        "Ødegård, Lars:Kitchen Remodel",
        "Ødegård, Lars:Kitchen Remodel:Cabinets",
    ]


def test_a_customer_line(company: Any, latin_office: Any, tmp_path: Path) -> None:
    _, rows = cust_lines(company.exports.write(tmp_path / "customers.iif").path, "cp1252")
    lars = rows["Ødegård, Lars"]
    assert lars["NAME"] == '"Ødegård, Lars"'  # a comma: in quotes
    assert [lars[f"BADDR{n}"] for n in range(1, 6)] == [
        "Ødegård Rørlegger AS",  # the name first, as QuickBooks prints a bill-to block
        "12 Oak St",
        "Suite 4",
        '"Dayton, OH 45402"',
        "",  # a US address in a US state: no country line
    ]
    assert [lars[f"SADDR{n}"] for n in range(1, 5)] == [
        "Ødegård Rørlegger AS",
        "300 Front St W",
        '"Toronto, ON M5V 2T6"',
        "Canada",
    ]
    assert (lars["PHONE1"], lars["PHONE2"], lars["FAXNUM"]) == (
        "(555) 201-3344 x12",  # QuickBooks' short form keeps to its 21 characters
        "(555) 201-9000",
        "(555) 201-3345",
    )
    assert (lars["EMAIL"], lars["NOTE"], lars["RESALENUM"]) == (
        "lars@example.com",
        "R-1042",
        "NH-88120",
    )
    assert (lars["CTYPE"], lars["TERMS"], lars["TAXABLE"], lars["SALESTAXCODE"]) == (
        "Residential",
        "Net 30",
        "Y",
        "Tax",
    )
    assert (lars["LIMIT"], lars["REP"], lars["HIDDEN"]) == ("2500.00", "DON", "N")
    assert lars["NOTEPAD"] == '"Dog in the yard.\\nUse the side gate, ""please""; thanks \\o/"'
    assert (lars["CUSTFLD1"], lars["CUSTFLD2"], lars["CUSTFLD3"]) == ("2020-05-01", "#4471", "yes")
    assert lars["JOBSTATUS"] == ""  # a customer has no job status
    assert rows["Old Mill Bakery"]["TAXABLE"] == "N"


def test_job_lines(company: Any, latin_office: Any, tmp_path: Path) -> None:
    _, rows = cust_lines(company.exports.write(tmp_path / "customers.iif").path, "cp1252")

    kitchen = rows["Ødegård, Lars:Kitchen Remodel"]
    assert (kitchen["JOBSTATUS"], kitchen["JOBTYPE"], kitchen["JOBDESC"]) == (
        "In progress",  # QuickBooks' spelling
        "Remodel:Kitchen",
        "Full kitchen remodel",
    )
    assert (kitchen["JOBSTART"], kitchen["JOBPROJEND"], kitchen["JOBEND"]) == (
        "3/3/2025",
        "6/30/2025",
        "",
    )
    assert rows["Ødegård, Lars:Boiler"]["HIDDEN"] == "Y"


def test_the_iif_reader_reads_it_whole(company: Any, office: Any, tmp_path: Path) -> None:
    path = company.exports.write(tmp_path / "customers.iif").path
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Chinese: UTF-8 with its mark
    parsed = iif.parse(path.read_bytes())
    assert not parsed.problems
    nodes = {node.full_name: node for node in parsed.nodes}
    lars = nodes["Ødegård, Lars"]
    assert lars.values["bill_to"] == {
        "line1": "12 Oak St",
        "line2": "Suite 4",
        "city": "Dayton",
        "region": "OH",
        "postal_code": "45402",
        "country": "US",
    }
    assert lars.values["work"] == {
        "line1": "300 Front St W",
        "city": "Toronto",
        "region": "ON",
        "postal_code": "M5V 2T6",
        "country": "CA",
    }
    assert lars.values["notepad"] == 'Dog in the yard.\nUse the side gate, "please"; thanks \\o/'
    assert lars.custom == {"Customer Since": "2020-05-01", "Gate Code": "#4471", "Pets": "yes"}
    assert lars.lists["sales_rep"] == "DON" and lars.taxable is True
    assert nodes["Ødegård, Lars:Kitchen Remodel"].values["status"] == "In Progress"
    assert nodes["Ødegård, Lars:Boiler"].values["is_active"] is False
    wang = nodes["王小明"]
    assert [c.name for c in wang.contacts] == ["Li Na", "Zhang Wei"]
    assert (wang.values["first_name"], wang.values["phone"]) == ("小明", "+86 10 6552 9988")


def test_a_sixteenth_custom_field_is_left_out_with_a_warning(company: Any, tmp_path: Path) -> None:
    values = {}
    for number in range(1, 18):
        field = company.lists.add_item(
            list_kind="custom_field", name=f"Field {number:02d}", field_type="text"
        )
        values[field.id] = f"value {number}"
    company.customers.add(name="Many Fields", custom_fields=values)
    result = company.exports.write(tmp_path / "many.iif")
    assert result.warnings == (
        "QuickBooks has 15 custom fields, so these were left out of the IIF file: "
        "Field 16, Field 17.",
    )
    parsed = iif.parse(result.path.read_bytes())
    assert parsed.nodes[0].custom == {f"Field {n:02d}": f"value {n}" for n in range(1, 16)}


def test_a_note_longer_than_a_field_holds_is_cut_with_a_warning(
    company: Any, tmp_path: Path
) -> None:
    company.customers.add(name="Long Notes", notepad="word " * 1500)
    result = company.exports.write(tmp_path / "long.iif")
    assert len(result.warnings) == 1 and "cut" in result.warnings[0]
    parsed = iif.parse(result.path.read_bytes())
    assert not parsed.problems
    assert len(str(parsed.nodes[0].values["notepad"])) <= iif.MAX_FIELD_LENGTH


def sink_bytes(*lines: str) -> tuple[str, bytes]:
    """What `TextSink` makes of ``lines``: its encoding and the finished bytes."""
    handle = io.StringIO(newline="")
    sink = TextSink(handle)
    for line in lines:
        sink.line(line)
    return sink.encoding, handle.getvalue().encode(sink.encoding)


def test_the_encoding_is_windows_1252_unless_a_character_needs_utf_8() -> None:
    assert sink_bytes("CUST\tSmith") == ("cp1252", b"CUST\tSmith\r\n")
    assert sink_bytes("CUST\tØdegård") == ("cp1252", b"CUST\t\xd8deg\xe5rd\r\n")
    encoding, data = sink_bytes("CUST\tØdegård", "CUST\t王小明")
    assert encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf")
    # Windows-1252 bytes that happen to be valid UTF-8 would be read as UTF-8: not used.
    encoding, data = sink_bytes("!CUST\tNAME", "CUST\tÃ©clair")
    assert "Ã©".encode("cp1252") == "é".encode()
    assert encoding == "utf-8-sig"
    assert iif.parse(data).nodes[0].full_name == "Ã©clair"


def test_the_file_on_disk_is_re_encoded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "list.iif"
    with path.open("w", encoding="utf-8", newline="") as handle:
        sink = TextSink(handle)
        sink.line("!CUST\tNAME")
        sink.line("CUST\tØdegård")
    assert sink.finish(path) == "cp1252"
    assert path.read_bytes() == b"!CUST\tNAME\r\nCUST\t\xd8deg\xe5rd\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["list.iif"]
    assert iif.parse(path.read_bytes()).nodes[0].full_name == "Ødegård"
