"""Timing and the record of one measured metric."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Metric:
    """One line of the results: the app's figure beside the floor's, in ``unit``."""

    name: str
    app: float
    floor: float
    unit: str = "ms"
    # The target, as a check on the figures: "app" (app <= limit) or "ratio".
    target_of: str | None = None
    limit: float | None = None
    note: str = ""
    # A second target beside an "app" limit: the app within this many times its floor.
    ratio_limit: float | None = None

    @property
    def ratio(self) -> float:
        return self.app / self.floor if self.floor else float("inf")

    @property
    def ok(self) -> bool | None:
        if self.target_of is None or self.limit is None:
            return None
        value = self.app if self.target_of == "app" else self.ratio
        within_ratio = self.ratio_limit is None or self.ratio <= self.ratio_limit
        return value <= self.limit and within_ratio

    @property
    def target(self) -> str:
        if self.target_of is None or self.limit is None:
            return ""
        if self.target_of == "app":
            also = f", <= {self.ratio_limit:g} x floor" if self.ratio_limit is not None else ""
            return f"<= {self.limit:g} {self.unit}{also}"
        return f"<= {self.limit:g} x floor"

    def as_json(self) -> dict[str, Any]:
        return {
            "app": round(self.app, 4),
            "floor": round(self.floor, 4),
            "ratio": round(self.ratio, 3),
            "unit": self.unit,
            "target": self.target or None,
            "ok": self.ok,
            "note": self.note,
        }


def elapsed_ms(work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def median_of(work: Callable[[], Any], repeats: int) -> float:
    """The median of ``repeats`` runs: one stray pause of a shared machine does not count."""
    return statistics.median(elapsed_ms(work) for _ in range(repeats))


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` 0.95 is the 95th)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values to take a percentile of")
    rank = min(len(ordered), max(1, math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]
