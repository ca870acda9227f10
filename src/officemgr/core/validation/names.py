"""Names of Customer:Job nodes and free-text fields: trimmed, bounded, printable, and
never holding a full card number or a card security code (see `card_numbers`); and a
customer's name as a person's parts (`split_person_name`) or made from them
(`default_customer_name`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from officemgr.core.validation.card_numbers import remove_card_data
from officemgr.errors import ValidationError

__all__ = [
    "MAX_NAME_LENGTH",
    "PersonName",
    "check_node_name",
    "check_text",
    "default_customer_name",
    "split_person_name",
]

MAX_NAME_LENGTH = 100

# The full name of a job is "Customer:Job:Sub-job", so a colon inside a name would make
# full names ambiguous.
_NAME_SEPARATOR = ":"


def _control_characters(text: str, allowed: str = "") -> list[str]:
    # A lone surrogate (Cs) is half of a character: it cannot even be stored as UTF-8.
    return [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed]


def _describe(chars: list[str]) -> str:
    codes = sorted({f"U+{ord(ch):04X}" for ch in chars})
    return ", ".join(codes)


def check_node_name(text: str, *, field: str = "name") -> str:
    """The name of a customer or job, trimmed with inner runs of whitespace collapsed,
    a card number in it reduced to "card ending NNNN" and a card security code removed.

    Raises `ValidationError` (with ``field``) when the name is empty, longer than
    `MAX_NAME_LENGTH`, contains ":" or contains control characters.
    """
    # Tabs and newlines (from pasting) are whitespace and get collapsed; other control
    # characters are never typed on purpose.
    bad = _control_characters(text, allowed="\t\n\r")
    if bad:
        raise ValidationError(
            f"A name cannot contain control characters ({_describe(bad)}).", field=field
        )
    name = remove_card_data(" ".join(text.split())).text
    if not name:
        raise ValidationError("A name is required.", field=field)
    if _NAME_SEPARATOR in name:
        raise ValidationError(
            "A name cannot contain “:”, because “:” separates a customer from its jobs "
            "in full names such as “Smith, John:Furnace Replacement”.",
            field=field,
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            f"A name can be at most {MAX_NAME_LENGTH} characters long; this one has {len(name)}.",
            field=field,
        )
    return name


def check_text(
    value: str | None,
    *,
    field: str,
    max_length: int,
    label: str,
    multiline: bool = False,
) -> str | None:
    """A free-text field, trimmed; ``None`` when empty. A card number in it is reduced to
    "card ending NNNN" and a card security code is removed (`remove_card_data`): this is
    the one place every service's free text passes on its way into the company file.

    ``label`` names the field in messages ("Company name"). Newlines are allowed only
    with ``multiline=True`` (and are normalized to "\\n"); tabs are always allowed,
    other control characters never. Raises `ValidationError` with ``field``.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    elif "\n" in text or "\r" in text:
        raise ValidationError(f"{label} must be a single line.", field=field)
    text = remove_card_data(text).text
    bad = _control_characters(text, allowed="\t\n")
    if bad:
        raise ValidationError(
            f"{label} cannot contain control characters ({_describe(bad)}).", field=field
        )
    if len(text) > max_length:
        raise ValidationError(
            f"{label} can be at most {max_length} characters long; this one has {len(text)}.",
            field=field,
        )
    return text


def default_customer_name(
    *, first_name: str | None, last_name: str | None, company_name: str | None
) -> str:
    """The name a new customer gets unless the user types one.

    "Last, First" when a person's name is given (either part alone when only one is),
    the company name otherwise, else "".
    """
    first = " ".join((first_name or "").split())
    last = " ".join((last_name or "").split())
    if first and last:
        return f"{last}, {first}"
    if first or last:
        return first or last
    return " ".join((company_name or "").split())


# -------------------------------------------------------------- a person's name, split


@dataclass(frozen=True)
class PersonName:
    """The parts of a person's name, as typed ("" for a part not given)."""

    salutation: str = ""  # "Dr.", "Mr. and Mrs."
    first: str = ""  # "Ana"; two people sharing a last name: "Heather & Zoë"
    middle_initial: str = ""  # "M." ("M.J." for two middle names)
    last: str = ""  # "de la Cruz"
    suffix: str = ""  # "Jr.", "III", "PhD"


# Words that make a customer's name a business, a public body or an institution rather
# than a person: legal forms first, then the trades and bodies an office serves. A word
# here that is also a surname ("Church", "Bank") costs only a name left unsplit, which
# is the safe way to be wrong: nothing is filled that the user must then clear.
_COMPANY_WORDS = frozenset(
    word
    for group in (
        # legal forms
        "inc incorporated llc lc llp lllp lp pllc plc pc corp corporation co company",
        "companies ltd limited gmbh sarl bv nv pty",
        # firms and trades
        "assn association associates assoc bros brothers sons enterprises enterprise",
        "group holdings industries partners partnership services service solutions",
        "systems supply supplies construction contractors contracting builders heating",
        "cooling plumbing electric electrical mechanical roofing hvac restaurant cafe",
        "bakery hotel motel store shop market farm farms studio studios",
        # public bodies and institutions
        "church ministries parish school schools academy college university institute",
        "hospital clinic foundation trust bank fund society club county township",
        "village department dept agency office apartments properties property realty",
        "management center centre",
    )
    for word in group.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"\w['’]s\b", re.IGNORECASE | re.UNICODE)  # "Bob's Plumbing"
_MAX_MIDDLE_INITIAL = 5  # the length of the Middle initial field


def _looks_like_a_company(text: str) -> bool:
    if any(ch.isdigit() for ch in text) or "@" in text or _POSSESSIVE.search(text):
        return True
    words = (word.replace(".", "").casefold() for word in _WORD.findall(text))
    return any(word in _COMPANY_WORDS for word in words)


def _initials(middle: str) -> str:
    letters = [next((ch for ch in word if ch.isalpha()), "") for word in middle.split()]
    initials = "".join(f"{letter.upper()}." for letter in letters if letter)
    return initials if len(initials) <= _MAX_MIDDLE_INITIAL else initials[:2]


def split_person_name(text: str) -> PersonName | None:
    """The parts of a person's name typed whole, "Last, First" or "First Last", with an
    optional salutation, middle names and suffix ("Dr. Ana María de la Cruz Jr."); None
    when ``text`` is not one person's (or one couple's) name: empty, a single word, or a
    company ("Acme Heating & Cooling, Inc.", "Bob's Plumbing", "Smith & Jones").

    The parts are kept as typed (Title Case is the form's business); the middle names
    become initials ("María" -> "M."). Parsing is the `nameparser` library's; this
    function only decides whether the text is a person's name at all.
    """
    text = " ".join(text.split())
    if not text or _looks_like_a_company(text):
        return None
    # nameparser's tables (about 1.5 MB) load when a name is first split, not with the window.
    from nameparser import Role, parse

    name = parse(text)
    if not name.family or not (name.given or name.title):
        return None  # one word ("Green": first or last?), or no last name
    if any("conjunction" in token.tags for token in name.tokens_for(Role.FAMILY)):
        return None  # "Smith & Jones": two families (or a firm), not one person
    return PersonName(
        salutation=name.title,
        first=name.given,
        middle_initial=_initials(name.middle),
        last=name.family,
        suffix=name.suffix,
    )
