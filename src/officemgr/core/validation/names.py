"""Names of Customer:Job nodes and free-text fields: trimmed, bounded, printable, and
never holding a full card number or a card security code (see `card_numbers`)."""

from __future__ import annotations

import unicodedata

from officemgr.core.validation.card_numbers import remove_card_data
from officemgr.errors import ValidationError

__all__ = ["MAX_NAME_LENGTH", "check_node_name", "check_text", "default_customer_name"]

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
