"""A problem guide's steps and its expected handling time, compared with the call so far."""

from __future__ import annotations

import re
from enum import Enum

from desktop.i18n import _, format_duration

# "1 调取账单", "2. 核对明细", "3、解释说明", "(4) …", "Step 5: …" — the numbering is the list's own.
# A number needs a separator or a space after it, so "5G 套餐" keeps its "5G".
_NUMBERING = re.compile(r"^\s*(?:step\s*)?[(（]?\d{1,2}[)）]?(?:\s*[.、:：)）]\s*|\s+)", re.IGNORECASE)


def split_steps(text: str) -> list[str]:
    """The steps of a guide, one per non-empty line, without any numbering typed in front."""
    steps = []
    for line in text.splitlines():
        step = _NUMBERING.sub("", line, count=1).strip()
        if step:
            steps.append(step)
    return steps


def join_steps(steps: list[str]) -> str:
    """Steps as stored and edited: one per line, unnumbered (the panel numbers them)."""
    return "\n".join(step.strip() for step in steps if step.strip())


class Timing(Enum):
    EARLY = "early"  # below the expected range
    WITHIN = "within"
    OVER = "over"  # past the upper bound: the panel warns


def timing(elapsed_seconds: float, min_minutes: int, max_minutes: int) -> Timing:
    if elapsed_seconds > max_minutes * 60:
        return Timing.OVER
    if elapsed_seconds >= min_minutes * 60:
        return Timing.WITHIN
    return Timing.EARLY


def expected_text(min_minutes: int, max_minutes: int) -> str:
    if min_minutes == max_minutes:
        return _("expected {minutes} min").format(minutes=min_minutes)
    return _("expected {low}–{high} min").format(low=min_minutes, high=max_minutes)


def elapsed_text(elapsed_seconds: float | None, min_minutes: int, max_minutes: int) -> str:
    """"已用 6:12 / 预计 5–8 分钟"; past the upper bound the words say so too (not colour alone)."""
    expected = expected_text(min_minutes, max_minutes)
    if elapsed_seconds is None:
        return expected[:1].upper() + expected[1:]
    duration = format_duration(elapsed_seconds)
    if timing(elapsed_seconds, min_minutes, max_minutes) is Timing.OVER:
        return _("⚠ Over time: {elapsed} used / {expected}").format(elapsed=duration, expected=expected)
    return _("{elapsed} used / {expected}").format(elapsed=duration, expected=expected)
