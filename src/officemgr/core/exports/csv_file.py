"""A table written as CSV, row by row as it is read: RFC 4180 (comma-separated, CRLF,
quotes where a value holds a comma, a quote or a line break), UTF-8 with a byte-order
mark so that Excel shows every language's letters rightly; the import reads it back."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from officemgr.core.exports.columns import Column
from officemgr.core.exports.values import Value, text_of

__all__ = ["write_csv"]


def write_csv(path: Path, columns: Sequence[Column], rows: Iterable[Sequence[Value]]) -> None:
    """Write the header and ``rows`` to ``path``, each row as soon as it comes."""
    kinds = [column.kind for column in columns]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([column.key for column in columns])
        for row in rows:
            writer.writerow([text_of(value, kind) for value, kind in zip(row, kinds, strict=True)])
