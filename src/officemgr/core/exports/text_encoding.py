"""Text written as it comes and given, at the end, the encoding its reader takes best.

QuickBooks Desktop reads and writes IIF files in Windows-1252, so a file whose every
character fits there is written in it. A name in Chinese or Greek does not fit: then the
file is UTF-8 with a byte-order mark, which `core.imports.iif` reads (as do recent
QuickBooks releases). Which one is known only once every line is written, so lines go
to disk as UTF-8 first and are re-encoded in one streaming pass at the end.

One trap is avoided: the IIF reader takes a file that is valid UTF-8 for UTF-8, so a
Windows-1252 file whose bytes happen to be valid UTF-8 ("Ã©" is) would be misread; such
a file stays UTF-8 with its mark.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

__all__ = ["TextSink"]

_CHUNK = 1024 * 1024  # characters re-encoded at a time
WINDOWS_1252 = "cp1252"
UTF8_WITH_BOM = "utf-8-sig"


class TextSink:
    """Lines written to ``handle`` (a UTF-8 text file opened with ``newline=""``), noting
    whether all of them fit Windows-1252 unambiguously; `finish` re-encodes the file."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.ascii = True  # every character is ASCII: every encoding writes the same bytes
        self.fits = True  # every character has a Windows-1252 byte
        self.telling = False  # some line's Windows-1252 bytes are not valid UTF-8

    def line(self, text: str) -> None:
        """Write ``text`` and a CRLF."""
        if not text.isascii():
            self.ascii = False
            self._note(text)
        self.handle.write(text)
        self.handle.write("\r\n")

    def _note(self, text: str) -> None:
        if not self.fits:
            return
        try:
            encoded = text.encode(WINDOWS_1252)
        except UnicodeEncodeError:
            self.fits = False
            return
        if not self.telling:
            try:
                encoded.decode("utf-8")
            except UnicodeDecodeError:
                self.telling = True

    @property
    def encoding(self) -> str:
        """Windows-1252 when every line fits it (and cannot be taken for UTF-8), else
        UTF-8 with a byte-order mark."""
        return WINDOWS_1252 if self.ascii or (self.fits and self.telling) else UTF8_WITH_BOM

    def finish(self, path: Path) -> str:
        """Re-encode the finished UTF-8 file at ``path`` (the handle closed) in `encoding`,
        in place; returns the encoding."""
        encoding = self.encoding
        if self.ascii:
            return encoding  # ASCII is the same bytes in both
        recoded = path.with_name(path.name + ".enc")
        try:
            with (
                path.open("r", encoding="utf-8", newline="") as source,
                recoded.open("w", encoding=encoding, newline="") as target,
            ):
                while chunk := source.read(_CHUNK):
                    target.write(chunk)
            os.replace(recoded, path)
        finally:
            recoded.unlink(missing_ok=True)
        return encoding
