"""Title Case for names and addresses, with the exceptions an office expects.

Text typed all in capitals or all in lower case is converted word by word. In text that
already mixes cases the user's capitals are trusted: a word with capitals in it is kept
(an all-caps word is an acronym, "ABC Plumbing"; "DeLuca" stays "DeLuca") and only
lower-case words are capitalised. Some exceptions hold whatever was typed: McDonald,
O'Brien, LLC, HVAC, II/III/IV, ordinals, and in addresses NE/SW, state and province
codes, PO Box and postal codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["TitleCaseMode", "suggest_title_case", "title_case"]


class TitleCaseMode(StrEnum):
    """The office setting for Title Case on name and address fields."""

    OFF = "off"
    SUGGEST = "suggest"
    AUTOMATIC = "automatic"


_KINDS = frozenset({"name", "address"})

_ALWAYS_UPPER = frozenset({"llc", "llp", "plc", "hvac", "usa", "dba", "ii", "iii", "iv"})
_PARTICLES = frozenset(
    {"van", "der", "den", "de", "von", "da", "di", "du", "la", "le", "del", "dos", "das"}
    | {"y", "ter"}
)
# "Allied Van Lines": before these words a particle-looking word ("van") is a noun.
_BUSINESS_WORDS = frozenset(
    {"lines", "line", "service", "services", "rental", "rentals", "storage", "moving", "movers"}
)
_SMALL_WORDS = frozenset({"and", "of", "the", "at", "for", "on"})
_DIRECTIONS = frozenset({"ne", "nw", "se", "sw"})
_REGION_CODES = frozenset(
    {
        # US states, DC and territories
        "al", "ak", "az", "ar", "ca", "co", "ct", "de", "fl", "ga", "hi", "id", "il", "in",
        "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv",
        "nh", "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn",
        "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc", "pr", "gu", "vi", "as", "mp",
        # Canadian provinces and territories
        "ab", "bc", "mb", "nb", "nl", "ns", "nt", "nu", "on", "pe", "qc", "sk", "yt",
    }
)  # fmt: skip
_COUNTRY_WORDS = frozenset({"usa", "us", "canada"})
# Runs that come out all in capitals whatever was typed say nothing about how the user
# typed the rest; counting them would flip the mode on the second pass.
_ADDRESS_UPPER = _ALWAYS_UPPER | _DIRECTIONS | _REGION_CODES | {"po"}
_NAME_UPPER = _ALWAYS_UPPER | {"po"}

_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\.?", re.IGNORECASE)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_SEGMENT_SEPARATORS = re.compile(r"([-‐‑–—/.])")
_APOSTROPHES = re.compile(r"(['’])")
_ELIDED_PREFIXES = frozenset({"o", "d", "l"})  # O'Brien, D'Angelo, L'Auberge


def _upper_char(ch: str) -> str:
    # Title case first, for digraphs such as "ǆ" → "ǅ"; a mapping that needs more than
    # one character ("ß" → "SS") would change the word, so the letter is left alone.
    for mapped in (ch.title(), ch.upper()):
        if len(mapped) == 1:
            return mapped
    return ch


def _upper(text: str) -> str:
    return "".join(up if len(up := ch.upper()) == 1 else ch for ch in text)


def _lower(text: str) -> str:
    lowered = text.lower()  # whole-string, so a Greek final sigma comes out right
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _capitalise_first(text: str) -> str:
    if not text:
        return text
    return _upper_char(text[0]) + text[1:]


def _has_upper(text: str) -> bool:
    return any(ch.isupper() for ch in text)


def _has_lower(text: str) -> bool:
    return any(ch.islower() for ch in text)


def _cap_with_mc(word: str) -> str:
    """Capitalise a lower-case word, spelling Mc-names as McDonald."""
    if len(word) > 2 and word[:2] == "mc" and word[2].isalpha():
        return "Mc" + _capitalise_first(word[2:])
    return _capitalise_first(word)


def _capitalise_segment(segment: str) -> str:
    """Capitalise a lower-case segment (no hyphens or dots), minding apostrophes."""
    pieces = _APOSTROPHES.split(segment)
    head = pieces[0]
    out = [_cap_with_mc(head)]
    for i in range(1, len(pieces), 2):
        mark, tail = pieces[i], pieces[i + 1]
        # O'Brien, but Joe's, don't, rock'n'roll keep the part after the mark small.
        if i == 1 and head in _ELIDED_PREFIXES and len(tail) > 1:
            tail = _cap_with_mc(tail)
        out.extend((mark, tail))
    return "".join(out)


def _fix_typed_segment(segment: str) -> str:
    """A segment the user capitalised: keep it, except for Mc and O' names."""
    if len(segment) > 2 and segment[:2] in ("Mc", "mc") and segment[2].isalpha():
        return "Mc" + _capitalise_first(segment[2:])
    pieces = _APOSTROPHES.split(segment)
    if len(pieces) >= 3 and pieces[0].lower() in _ELIDED_PREFIXES and len(pieces[2]) > 1:
        head = _capitalise_first(pieces[0])
        return head + pieces[1] + _capitalise_first(pieces[2]) + "".join(pieces[3:])
    return segment


@dataclass(frozen=True)
class _Context:
    kind: str
    mixed: bool
    first: bool
    last: bool
    next_core: str


def _split_affixes(word: str) -> tuple[str, str, str]:
    """Leading punctuation, the core, trailing punctuation (a trailing "." stays in the core)."""
    start = 0
    while start < len(word) and not word[start].isalnum():
        start += 1
    end = len(word)
    while end > start and not (word[end - 1].isalnum() or word[end - 1] == "."):
        end -= 1
    return word[:start], word[start:end], word[end:]


def _is_region_code_position(ctx: _Context) -> bool:
    # "Dayton OH", "Dayton OH 45402", "Toronto ON M5V 2T6", "Dayton, OH, USA" — but
    # not "Rue de la Paix", where "de" and "la" are words.
    if ctx.last:
        return True
    following = ctx.next_core
    return any(ch.isdigit() for ch in following) or _lower(following) in _COUNTRY_WORDS


def _convert_core(core: str, ctx: _Context) -> str:
    low = _lower(core)
    key = low.replace(".", "")
    if key in _ALWAYS_UPPER:
        return _upper(core)
    if key == "po" and _lower(ctx.next_core).replace(".", "") == "box":
        return _upper(core)
    if ctx.kind == "address":
        if key in _DIRECTIONS:
            return _upper(core)
        if key in _REGION_CODES and _is_region_code_position(ctx):
            return _upper(core)
    if _ORDINAL.fullmatch(core):
        return low
    if core[0].isdigit():
        if ctx.kind == "address" and core.isalnum():
            return _upper(core)  # unit numbers and postcode halves: 12B, 1AA
        return core  # "3M", "24HR": nothing to go by, so keep what was typed
    if ctx.kind == "address" and core.isalnum() and any(ch.isdigit() for ch in core):
        return _upper(core)  # postcodes: M5V, SW1A

    typed_upper = _has_upper(core)
    if ctx.mixed and typed_upper and not _has_lower(core):
        return core  # an acronym typed in capitals
    if not ctx.mixed or not typed_upper:
        if (
            ctx.kind == "name"
            and low in _PARTICLES
            and not (ctx.first or ctx.last)
            and _lower(ctx.next_core).rstrip(".") not in _BUSINESS_WORDS
        ):
            return low
        if low in _SMALL_WORDS and not ctx.first and not ctx.last:
            return low

    pieces = _SEGMENT_SEPARATORS.split(core)
    for i in range(0, len(pieces), 2):
        segment = pieces[i]
        if ctx.mixed and _has_upper(segment):
            pieces[i] = _fix_typed_segment(segment)
        else:
            pieces[i] = _capitalise_segment(_lower(segment))
    return "".join(pieces)


def _is_mixed(text: str, kind: str) -> bool:
    """Whether the text already mixes capitals and small letters (so capitals are meant)."""
    always_upper = _ADDRESS_UPPER if kind == "address" else _NAME_UPPER
    seen_upper = seen_lower = False
    for match in _LETTER_RUN.finditer(text):
        run = match.group()
        if sum(1 for ch in run if ch.isupper() or ch.islower()) < 2:
            continue  # initials and single letters fit either way
        if _lower(run) in always_upper:
            continue
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if before.isdigit() or after.isdigit():
            continue  # "1ST", "24HR", "SW1A": letters touching digits are codes, not words
        seen_upper = seen_upper or _has_upper(run)
        seen_lower = seen_lower or _has_lower(run)
        if seen_upper and seen_lower:
            return True
    return False


def title_case(text: str, *, kind: str = "name") -> str:
    """``text`` in Title Case; ``kind`` is "name" (people, companies, jobs) or "address".

    Leading and trailing whitespace is removed; whitespace between words is kept as typed.
    Only letter case changes, never letters or punctuation.
    """
    if kind not in _KINDS:
        raise ValueError(f"kind must be 'name' or 'address', not {kind!r}")
    stripped = text.strip()
    if not stripped:
        return ""
    parts = re.split(r"(\s+)", stripped)
    words = parts[0::2]
    cores = [_split_affixes(word)[1] for word in words]
    mixed = _is_mixed(stripped, kind)
    for index, word in enumerate(words):
        lead, core, trail = _split_affixes(word)
        if not core:
            continue
        ctx = _Context(
            kind=kind,
            mixed=mixed,
            first=index == 0,
            last=index == len(words) - 1,
            next_core=cores[index + 1] if index + 1 < len(words) else "",
        )
        parts[2 * index] = lead + _convert_core(core, ctx) + trail
    return "".join(parts)


def suggest_title_case(text: str, *, kind: str = "name") -> str | None:
    """The Title Case form of ``text`` when it differs from what was typed, else ``None``.

    Leading and trailing whitespace alone is not a reason to suggest anything.
    """
    suggestion = title_case(text, kind=kind)
    return suggestion if suggestion != text.strip() else None
