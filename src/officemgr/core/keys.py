"""The stored keys of names, in one place: services, the sample company and Verify Data
must compute them the same way or a correct file would look damaged."""

from __future__ import annotations

import unicodedata

from officemgr.core.choices import NAME_LENGTH

# Letters that carry no combining mark to drop but sort with a plain Latin letter.
_LATIN_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "þ": "th"})


def name_key(text: str) -> str:
    """The unique, case-insensitive key of a (full) name: NFC, case-folded, NFC again.

    Case folding can undo composition (``ǰ``), hence the second NFC.
    """
    if text.isascii():  # the common case, and 100,000 of them in a sample company
        return text.lower()
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def fold(text: str) -> str:
    """Text as search and loose matching see it: case-folded, accents dropped, any script.

    Ångström → "angstrom", Østergaard → "ostergaard", Straße → "strasse", ΆΡΗΣ → "αρησ".
    """
    if text.isascii():  # the common case, and 100,000 of them in a sample company
        return text.lower()
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_LATIN_FOLD))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def sort_key(text: str) -> str:
    """How a name sorts and matches loosely: `fold`, cut to the name length.

    Ångström sorts with A, Østergaard with O, Straße as "strasse".
    """
    return fold(text)[:NAME_LENGTH]


def descendant_range(key: str) -> tuple[str, str]:
    """The keys below the node whose full-name key is ``key``: at least ``low`` and less
    than ``high`` (":" separates the levels; ";" is the code point after it).

    Relies on binary (code point) collation of the keys, SQLite's default; PostgreSQL
    compares them ``COLLATE "C"``.
    """
    return key + ":", key + ";"
