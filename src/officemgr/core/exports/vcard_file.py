"""Customers and contacts as vCard 4.0 (RFC 6350), for phones and mail programs.

One card per customer (jobs are work, not people) or per contact: ``FN``, ``N``,
``ORG``, ``TEL`` with its type, ``EMAIL``, ``ADR``, ``NOTE``. The file is UTF-8 with
CRLF line ends, as the RFC requires. In values a backslash, a comma, a semicolon and a
line break are escaped (``\\\\``, ``\\,``, ``\\;``, ``\\n``); a line longer than 75
octets is folded (CRLF and a space) between characters, never inside one. Phones are
written in international form ("+1 555-201-3344 ext. 12", as text: what every address
book dials), a number that does not parse as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from officemgr.core.exports.places import country_name
from officemgr.core.exports.records import ContactOut, EmailOut, NodeOut, PhoneOut
from officemgr.core.exports.values import composed
from officemgr.core.fields import AddressParts

__all__ = ["MAX_LINE", "contact_card", "customer_card", "escape", "fold", "write_vcards"]

MAX_LINE = 75  # octets of a line, its CRLF not counted
# TYPE of a phone by its kind in OfficeMgr.
_PHONE_TYPES = {
    "main": "voice",
    "alt": "voice",
    "cell": "cell",
    "mobile": "cell",
    "fax": "fax",
    "work": "work,voice",
    "home": "home,voice",
    "other": "voice",
}


def write_vcards(path: Path, cards: Iterable[list[str]]) -> int:
    """Write ``cards`` (each its unfolded lines) to ``path``; returns how many."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        for card in cards:
            for line in card:
                handle.write(fold(line))
                handle.write("\r\n")
            count += 1
    return count


def escape(text: str) -> str:
    """A text value as RFC 6350 §3.4 escapes it (backslash, comma, semicolon, newline),
    composed (`values.composed`)."""
    text = composed(text).replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """``line`` folded into physical lines of at most `MAX_LINE` octets of UTF-8, each
    after the first starting with a space; a character's octets stay together."""
    if len(line) <= MAX_LINE // 4 or len(line.encode("utf-8")) <= MAX_LINE:
        return line
    pieces: list[str] = []
    current: list[str] = []
    room = MAX_LINE  # the first line has no leading space
    used = 0
    for char in line:
        size = len(char.encode("utf-8"))
        if used + size > room:
            pieces.append("".join(current))
            current, used, room = [], 0, MAX_LINE - 1
        current.append(char)
        used += size
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _card(*lines: str | None) -> list[str]:
    return ["BEGIN:VCARD", "VERSION:4.0", *(line for line in lines if line), "END:VCARD"]


def _text(name: str, value: str | None) -> str | None:
    return f"{name}:{escape(value)}" if value and value.strip() else None


def _compound(name: str, *parts: str | None) -> str:
    """A structured property (N, ADR): its parts escaped and joined by ";"."""
    return f"{name}:" + ";".join(escape(part or "") for part in parts)


def _phones(phones: Iterable[PhoneOut]) -> Iterator[str]:
    for number, phone in enumerate(phones):
        text = phone.with_extension(phone.international)
        preference = ";PREF=1" if number == 0 else ""
        yield f"TEL;TYPE={_PHONE_TYPES.get(phone.kind, 'voice')}{preference}:{escape(text)}"


def _emails(emails: Iterable[EmailOut]) -> Iterator[str]:
    for number, email in enumerate(emails):
        preference = ";PREF=1" if number == 0 else ""
        yield f"EMAIL{preference}:{escape(email.address)}"


def _address(parts: AddressParts | None, preferred: bool) -> str | None:
    """ADR: post office box and extended address empty (RFC 6350 advises so), the
    street lines as one street with a line break."""
    if not parts:
        return None
    street = "\n".join(part for part in (parts.get("line1"), parts.get("line2")) if part)
    country = parts.get("country")
    name = "ADR;PREF=1" if preferred else "ADR"
    return _compound(
        name,
        "",
        "",
        street,
        parts.get("city"),
        parts.get("region"),
        parts.get("postal_code"),
        country_name(country) if country else None,
    )


def customer_card(node: NodeOut) -> list[str]:
    """A customer's card: a person (``KIND:individual``) when it has a first or last
    name, else a company (``KIND:org``). ``FN`` is the customer's name as the office
    lists it ("Smith, John", "王小明"): names are not reordered by guesswork; ``N``
    holds the parts."""
    person = bool(node.first_name or node.last_name)
    work = node.work if node.work and node.work != node.bill_to else None
    return _card(
        f"KIND:{'individual' if person else 'org'}",
        _text("FN", node.name),
        _compound("N", node.last_name, node.first_name, node.middle_initial, node.salutation, ""),
        _text("ORG", node.company_name),
        *_phones(node.phones),
        *_emails(node.emails),
        _address(node.bill_to, preferred=True),
        _address(work, preferred=False),
        _text("NOTE", node.notepad),
    )


def contact_card(contact: ContactOut) -> list[str]:
    """A contact's card; ``N`` splits the one name field at its last space ("Mary Ann
    Smith": Smith; Mary Ann) or at a comma ("Smith, Mary")."""
    if "," in contact.name:
        family, _, given = contact.name.partition(",")
    else:
        given, _, family = contact.name.rpartition(" ")
    return _card(
        "KIND:individual",
        _text("FN", contact.name),
        _compound("N", family.strip(), given.strip(), "", "", ""),
        _text("ORG", contact.organization),
        _text("ROLE", contact.role),
        *_phones(contact.phones),
        *_emails(contact.emails),
        _text("NOTE", contact.notes),
    )
