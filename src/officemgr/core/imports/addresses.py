"""Free address lines, as QuickBooks keeps them, made into `AddressParts`.

QuickBooks Desktop stores an address as five free lines (IIF ``BADDR1``–``BADDR5`` and
``SADDR1``–``SADDR5``): people type the customer's name on the first line, the street on
the next, "City, ST 12345" below and sometimes a country last. OfficeMgr keeps an address
as parts (two street lines, city, region, postal code, country), so the lines are read
from the bottom up:

1. empty lines are dropped;
2. a last line naming a country (a small table of common names: "USA", "United
   Kingdom", "Deutschland" …) becomes the two-letter ``country``;
3. the last remaining line, if it reads as a locality, gives ``city``, ``region`` and
   ``postal_code``:

   - US: "Bayshore, CA 94326", "Bayshore CA  94326-1234", "Springfield, Illinois 62701",
     "Springfield, IL" (country "US" when no country line says otherwise);
   - Canada: "Ottawa, ON K1A 0B1", "Ottawa ON K1A0B1" (country "CA");
   - UK: "London SW1A 1AA", or a postcode alone on its line with the town on the line
     above ("Oxford" / "OX1 1AA");
   - postcode first, as most of Europe writes it: "75008 Paris", "D-10115 Berlin",
     "1012 AB Amsterdam" — only when the rest does not look like a street, because
     "1800 Appleseed Ct" is a US street, not postcode 1800 in the town of Appleseed Ct;

4. first lines repeating the customer's name, company name or contact are dropped
   (compared by their words, case- and punctuation-insensitively, titles such as "Mr"
   aside: "Cristina Andres" repeats "Andres, Cristina") — unless it is the only street
   line left and holds a digit: a customer named after its address ("12 Oak Lane")
   keeps its street. Those names are kept elsewhere, so nothing is lost;
5. what is left are street lines: ``line1`` and ``line2``; a third or fourth is joined
   into ``line2`` with ", " and a warning says so.

Nothing is ever lost: a line that reads as none of the above is a street line. Only the
standard library is used (no Qt, no database).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from officemgr.core.fields import AddressParts

__all__ = ["COUNTRY_NAMES", "parse_address"]

# Country names people type on an address's last line, by their normalized spelling
# (`_country_key`), with the ISO 3166 two-letter code. Two-letter codes that are also US
# states or Canadian provinces ("CA", "DE", "IN" …) are left out: a lone "CA" line is
# more likely California than Canada.
COUNTRY_NAMES: dict[str, str] = {
    **dict.fromkeys(
        ("united states", "united states of america", "usa", "us", "america", "u s a"),
        "US",
    ),
    **dict.fromkeys(("canada",), "CA"),
    **dict.fromkeys(
        (
            "united kingdom",
            "uk",
            "u k",
            "gb",
            "great britain",
            "england",
            "scotland",
            "wales",
            "northern ireland",
        ),
        "GB",
    ),
    **dict.fromkeys(("ireland", "republic of ireland", "eire", "éire"), "IE"),
    **dict.fromkeys(("mexico", "méxico"), "MX"),
    **dict.fromkeys(("australia",), "AU"),
    **dict.fromkeys(("new zealand",), "NZ"),
    **dict.fromkeys(("germany", "deutschland"), "DE"),
    **dict.fromkeys(("france",), "FR"),
    **dict.fromkeys(("italy", "italia"), "IT"),
    **dict.fromkeys(("spain", "españa", "espana"), "ES"),
    **dict.fromkeys(("portugal",), "PT"),
    **dict.fromkeys(("netherlands", "the netherlands", "holland", "nederland"), "NL"),
    **dict.fromkeys(("belgium", "belgique", "belgië"), "BE"),
    **dict.fromkeys(("switzerland", "schweiz", "suisse"), "CH"),
    **dict.fromkeys(("austria", "österreich"), "AT"),
    **dict.fromkeys(("denmark",), "DK"),
    **dict.fromkeys(("sweden",), "SE"),
    **dict.fromkeys(("norway",), "NO"),
    **dict.fromkeys(("finland",), "FI"),
    **dict.fromkeys(("poland",), "PL"),
    **dict.fromkeys(("puerto rico",), "PR"),
    **dict.fromkeys(("japan",), "JP"),
    **dict.fromkeys(("china",), "CN"),
    **dict.fromkeys(("india",), "IN"),
    **dict.fromkeys(("singapore",), "SG"),
    **dict.fromkeys(("hong kong",), "HK"),
    **dict.fromkeys(("philippines",), "PH"),
    **dict.fromkeys(("south africa",), "ZA"),
    **dict.fromkeys(("brazil", "brasil"), "BR"),
    **dict.fromkeys(("israel",), "IL"),
}


def _word_set(text: str) -> frozenset[str]:
    """The space-separated words of ``text``: long code tables stay readable."""
    return frozenset(text.split())


US_STATES = _word_set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
    "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY "
    "AS GU MP PR VI AA AE AP"
)
CA_PROVINCES = _word_set("AB BC MB NB NL NS NT NU ON PE QC SK YT PQ")

_US_ZIP = r"\d{5}(?:-\d{4})?"
# "Bayshore, CA 94326", "East Bayshore CA  94327", "Springfield IL 62701-1234"
_US_CODE_LINE = re.compile(
    rf"(?P<city>.+?)[,\s]\s*(?P<region>[A-Za-z]{{2}})\.?\s+(?P<zip>{_US_ZIP})"
)
# "Springfield, Illinois 62701": a region spelt out needs the comma to mark the city.
_US_NAMED_LINE = re.compile(
    rf"(?P<city>[^,]+),\s*(?P<region>[A-Za-z][A-Za-z .]*?)\s+(?P<zip>{_US_ZIP})"
)
# "Springfield, IL" (no ZIP): the code in capitals, so "Lee, Al" stays a name
_REGION_ONLY_LINE = re.compile(r"(?P<city>[^,]+),\s*(?P<region>[A-Z]{2})\.?")
_CA_POSTAL = r"[A-Za-z]\d[A-Za-z]\s?\d[A-Za-z]\d"
# "Ottawa, ON K1A 0B1", "Ottawa ON K1A0B1", "Ottawa, Ontario K1A 0B1"
_CA_LINE = re.compile(rf"(?P<rest>.+?)\s+(?P<postal>{_CA_POSTAL})")
_UK_POSTCODE = r"[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}"
_UK_LINE = re.compile(rf"(?:(?P<city>.*?\D)[,\s]\s*)?(?P<postal>{_UK_POSTCODE})")
# "75008 Paris", "D-10115 Berlin", "1012 AB Amsterdam", "1010 Wien"
_POSTCODE_FIRST = re.compile(
    r"(?P<postal>(?:[A-Za-z]{1,2}-)?(?:\d{4}\s?[A-Z]{2}(?=\s)|\d{4,5}))\s+(?P<city>\D.*)"
)
# Words that make "1800 Appleseed Ct" a street rather than postcode + town.
_STREET_WORDS = _word_set(
    "st street rd road ave av avenue blvd boulevard ln lane dr drive ct court cir circle "
    "way hwy highway pkwy parkway pl place ter terrace trl trail sq square loop row "
    "suite ste apt unit box po floor fl bldg"
)
_TITLES = _word_set("mr mrs ms miss mx dr")


@dataclass
class _Locality:
    """What a "City, ST 12345" line says."""

    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


def parse_address(
    lines: Sequence[str], *, name: str | Sequence[str] | None = None
) -> tuple[AddressParts, list[str]]:
    """The parts of an address typed as free lines, and warnings for the user.

    ``name`` is the customer's name (or several: its name, company name, "First Last")
    so that a first line repeating it is not taken for a street. Only parts found are in
    the result; an empty block gives ``{}``. Never raises.
    """
    kept = [_clean(line) for line in lines]
    kept = [line for line in kept if line]
    parts: AddressParts = {}
    if not kept:
        return parts, []
    country = _country(kept[-1])
    if country:
        kept.pop()
    locality = _take_locality(kept, country)
    streets = _drop_name_line(kept, _names(name))
    warnings = _set_streets(parts, streets)
    _set(parts, "city", locality.city)
    _set(parts, "region", locality.region)
    _set(parts, "postal_code", locality.postal_code)
    _set(parts, "country", country or locality.country)
    return parts, warnings


def _clean(line: str) -> str:
    return " ".join(line.split())


AddressKey = Literal["line1", "line2", "city", "region", "postal_code", "country"]


def _set(parts: AddressParts, key: AddressKey, value: str | None) -> None:
    if value:
        parts[key] = value


def _country_key(text: str) -> str:
    """A country name as the table spells it: lower case, no dots or commas."""
    return " ".join(re.sub(r"[.,]", " ", text.casefold()).split())


def _country(line: str) -> str | None:
    return COUNTRY_NAMES.get(_country_key(line))


def _take_locality(lines: list[str], country: str | None) -> _Locality:
    """Read the last line as a locality and remove it (and, for a UK postcode alone, the
    town line above it) from ``lines``; an empty `_Locality` when it is not one."""
    if not lines:
        return _Locality()
    found = _read_locality(lines[-1], country, street_lines_above=len(lines) - 1)
    if found is None:
        return _Locality()
    lines.pop()
    if found.city is None and found.postal_code and len(lines) >= 2 and _town_like(lines[-1]):
        found.city = lines.pop()
    return found


def _read_locality(line: str, country: str | None, *, street_lines_above: int) -> _Locality | None:
    """The locality a line states, trying the formats the module docstring lists."""
    if country in (None, "US", "PR"):
        found = _us_locality(line)
        if found:
            return found
    if country in (None, "CA"):
        found = _canadian_locality(line)
        if found:
            return found
    if country in (None, "GB", "IE"):
        found = _uk_locality(line)
        if found:
            return found
    if country not in (None, "US", "CA") or street_lines_above > 0:
        return _postcode_first_locality(line)
    return None


def _us_locality(line: str) -> _Locality | None:
    match = _US_CODE_LINE.fullmatch(line)
    if match and match["region"].upper() in US_STATES:
        return _Locality(_city(match["city"]), match["region"].upper(), match["zip"], "US")
    match = _US_NAMED_LINE.fullmatch(line)
    if match and not _country(match["region"]):  # "Berlin, Germany 10115" is not US
        return _Locality(_city(match["city"]), match["region"].strip(), match["zip"], "US")
    match = _REGION_ONLY_LINE.fullmatch(line)
    if match and match["region"] in US_STATES | CA_PROVINCES:
        region = match["region"]
        country = "US" if region in US_STATES else "CA"
        return _Locality(_city(match["city"]), region, None, country)
    return None


def _canadian_locality(line: str) -> _Locality | None:
    match = _CA_LINE.fullmatch(line)
    if not match:
        return None
    postal = match["postal"].replace(" ", "").upper()
    postal = f"{postal[:3]} {postal[3:]}"
    rest = match["rest"].strip().rstrip(",")
    if "," in rest:
        city, region = (part.strip() for part in rest.rsplit(",", 1))
    else:
        city, _, last = rest.rpartition(" ")
        city, region = (city, last) if last.upper().rstrip(".") in CA_PROVINCES else (rest, "")
    region = region.rstrip(".")
    if region.upper() in CA_PROVINCES:
        region = region.upper()
    return _Locality(_city(city), region or None, postal, "CA")


def _uk_locality(line: str) -> _Locality | None:
    match = _UK_LINE.fullmatch(line)
    if not match:
        return None
    postal = match["postal"].replace(" ", "").upper()
    postal = f"{postal[:-3]} {postal[-3:]}"
    return _Locality(_city(match["city"] or ""), None, postal, None)


def _postcode_first_locality(line: str) -> _Locality | None:
    match = _POSTCODE_FIRST.fullmatch(line)
    if not match or _street_like(match["city"]):
        return None
    return _Locality(_city(match["city"]), None, match["postal"].upper(), None)


def _city(text: str) -> str | None:
    city = text.strip().rstrip(",").strip()
    return city or None


def _words(text: str) -> list[str]:
    """Lower-case words of ``text``, apostrophes and dots dropped ("Adam's" → "adams")."""
    squeezed = re.sub(r"['’`.]", "", unicodedata.normalize("NFKC", text).casefold())
    return re.findall(r"\w+", squeezed)


def _street_like(text: str) -> bool:
    words = _words(text)
    return any(ch.isdigit() for ch in text) or any(word in _STREET_WORDS for word in words)


def _town_like(text: str) -> bool:
    return not any(ch.isdigit() for ch in text)


def _names(name: str | Sequence[str] | None) -> list[list[str]]:
    """Each name as its sorted words, titles ("Mr", "Dr") left out."""
    if name is None:
        return []
    names = [name] if isinstance(name, str) else list(name)
    keys = [_name_key(one) for one in names]
    return [key for key in keys if key]


def _drop_name_line(lines: list[str], names: list[list[str]]) -> list[str]:
    """The street lines without the leading lines that repeat the customer's names
    ("Adam's Candy Shop" / "Adam Bradley" / "1528 Main St": the street is left)."""
    kept = list(lines)
    while kept and names and _name_key(kept[0]) in names:
        if len(kept) == 1 and any(ch.isdigit() for ch in kept[0]):
            break  # "12 Oak Lane", the customer named after its street
        kept.pop(0)
    return kept


def _name_key(text: str) -> list[str]:
    return sorted(word for word in _words(text) if word not in _TITLES)


def _set_streets(parts: AddressParts, streets: list[str]) -> list[str]:
    """Put the street lines in ``line1``/``line2``; more than two are joined into
    ``line2`` (so nothing is lost) and said in a warning."""
    if streets:
        parts["line1"] = streets[0]
    if len(streets) == 2:
        parts["line2"] = streets[1]
    if len(streets) > 2:
        parts["line2"] = ", ".join(streets[1:])
        return [
            f"The address has {len(streets)} street lines; lines 2 to {len(streets)} "
            f"were joined into the second line: “{parts['line2']}”."
        ]
    return []
