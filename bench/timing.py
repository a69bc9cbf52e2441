"""Repeated measurements and their summary (min / median / max, p95, p99)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One operation measured one way: times in milliseconds, or a note why it was not measured."""

    times_ms: list[float] = field(default_factory=list)
    note: str = ""
    value: float | None = None  # for figures that are not times (memory, MB)

    def summary(self) -> dict[str, object]:
        if self.value is not None:
            return {"value": round(self.value, 1), "note": self.note}
        if not self.times_ms:
            return {"note": self.note or "not measured"}
        ordered = sorted(self.times_ms)
        result: dict[str, object] = {
            "runs": len(ordered), "min": round(ordered[0], 2), "median": round(statistics.median(ordered), 2),
            "max": round(ordered[-1], 2)}
        if len(ordered) >= 20:
            result["p95"] = round(ordered[int(0.95 * (len(ordered) - 1))], 2)
            result["p99"] = round(ordered[int(0.99 * (len(ordered) - 1))], 2)
        if self.note:
            result["note"] = self.note
        return result

    @property
    def median(self) -> float | None:
        return statistics.median(self.times_ms) if self.times_ms else None


def measure(operation: Callable[[], object], repeat: int, *, before: Callable[[], object] | None = None) -> Figure:
    """Run ``operation`` ``repeat`` times (``before`` runs untimed ahead of each)."""
    figure = Figure()
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        operation()
        figure.times_ms.append((time.perf_counter() - start) * 1000)
    return figure
