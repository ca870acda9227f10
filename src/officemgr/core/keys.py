"""The stored keys of names, in one place: services, the sample company and Verify Data
must compute them the same way or a correct file would look damaged."""

from __future__ import annotations

import unicodedata

from officemgr.core.models import NAME_LENGTH


def name_key(text: str) -> str:
    """The unique, case-insensitive key of a (full) name: NFC, case-folded, NFC again.

    Case folding can undo composition (``ǰ``), hence the second NFC.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def sort_key(text: str) -> str:
    """How a name sorts and matches loosely: case-folded, accents dropped (Å sorts with A)."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))[:NAME_LENGTH]
