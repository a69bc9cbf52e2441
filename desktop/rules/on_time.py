"""The day's figures of SPEC §4: on-time rate (处理及时率) and the satisfied share (CSAT), as pure formulas.

On time: the first response (the ticket left 待处理) came no later than the response deadline. A ticket not
yet responded to counts as late once its deadline has passed, and is left out while the deadline is still
ahead (its outcome is not known yet); a ticket without a deadline is left out.

Satisfied share: tickets rated 满意 (or scored 4–5 when only a score was recorded) over the tickets that
have a rating. 基本满意 is not counted as satisfied, as in CSAT = (非常满意 + 满意) / surveyed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

SATISFIED = "satisfied"
SATISFIED_MIN_SCORE = 4


@dataclass(frozen=True)
class Share:
    """``part`` of ``whole``; ``ratio`` is None when there is nothing to divide."""

    part: int
    whole: int

    @property
    def ratio(self) -> float | None:
        return self.part / self.whole if self.whole else None


def on_time(due: datetime | None, responded: datetime | None, now: datetime) -> bool | None:
    """True when responded by the deadline, False when late, None when not known (yet)."""
    if due is None:
        return None
    if responded is not None:
        return responded <= due
    return False if now > due else None


def on_time_share(tickets: Iterable[tuple[datetime | None, datetime | None]], now: datetime) -> Share:
    """The on-time rate over (response deadline, first response) pairs."""
    judged = kept = 0
    for due, responded in tickets:
        verdict = on_time(due, responded, now)
        if verdict is None:
            continue
        judged += 1
        kept += verdict
    return Share(kept, judged)


def is_satisfied(satisfaction: str | None, score: int | None) -> bool | None:
    """True/False for a rated ticket, None when no rating was recorded."""
    if satisfaction:
        return satisfaction == SATISFIED
    if score is not None:
        return score >= SATISFIED_MIN_SCORE
    return None


def satisfied_share(ratings: Iterable[tuple[str | None, int | None]]) -> Share:
    """The satisfied share over (satisfaction code, 1–5 score) pairs."""
    rated = satisfied = 0
    for satisfaction, score in ratings:
        verdict = is_satisfied(satisfaction, score)
        if verdict is None:
            continue
        rated += 1
        satisfied += verdict
    return Share(satisfied, rated)
