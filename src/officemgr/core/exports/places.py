"""Addresses written out as lines, the way people (and QuickBooks) write them: "City, ST
ZIP" in North America, "City POSTCODE" in Britain, "POSTCODE City" elsewhere, and the
country by its name — the forms `core.imports.addresses` reads back into parts."""

from __future__ import annotations

from collections.abc import Mapping

from officemgr.core.fields import AddressParts
from officemgr.core.imports.addresses import COUNTRY_NAMES, US_STATES

__all__ = ["address_lines", "country_name", "locality_line"]


def _names_by_code() -> Mapping[str, str]:
    """Each country code's first name in the reader's table, capitalised: "United States"."""
    names: dict[str, str] = {}
    for name, code in COUNTRY_NAMES.items():
        names.setdefault(code, " ".join(word.capitalize() for word in name.split()))
    return names


_COUNTRY = _names_by_code()
_NORTH_AMERICA = (None, "US", "CA", "PR")


def country_name(code: str) -> str:
    """A country's name for an address ("CA" → "Canada"); the code when it has none."""
    return _COUNTRY.get(code.upper(), code)


def _join(*parts: str | None, separator: str = " ") -> str:
    return separator.join(part for part in parts if part)


def locality_line(parts: AddressParts) -> str:
    """City, region and postal code on one line, as the address's country writes them."""
    city, region, postal = parts.get("city"), parts.get("region"), parts.get("postal_code")
    country = (parts.get("country") or "").upper() or None
    if country in _NORTH_AMERICA:
        return _join(city, _join(region, postal), separator=", ")
    if country in ("GB", "IE"):
        return _join(_join(city, region, separator=", "), postal)
    return _join(_join(postal, city), region, separator=", ")


def address_lines(parts: AddressParts | None) -> list[str]:
    """The street lines, the locality and the country's name: a US address in a US state
    leaves the country out, as offices there write it (the reader takes it for US)."""
    if not parts:
        return []
    country = (parts.get("country") or "").upper()
    lines = [parts.get("line1") or "", parts.get("line2") or "", locality_line(parts)]
    in_us_state = country == "US" and (parts.get("region") or "").upper() in US_STATES
    if country and not in_us_state:
        lines.append(country_name(country))
    return [line for line in lines if line]
