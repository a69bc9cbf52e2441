"""The figures of SPEC §4, each formula once. Pure: counts in, ratio out; no data gives None (shown "—").

What is counted (the services count it in SQL, see desktop/services/figures.py):

- **CSAT** = (非常满意 + 满意) / surveyed × 100%. A ticket is *surveyed* when it has a satisfaction rating or,
  failing that, a 1–5 score; it is *satisfied* when rated 满意 (the list's top answer) or, with a score
  only, scored 4–5 (``desktop/rules/on_time.is_satisfied``). 基本满意 is not satisfied.
- **NPS** = (promoters 9–10 − detractors 0–6) / surveyed × 100, over 0–10 recommendation scores
  (follow-up visits record them; tickets carry none, so a ticket period has no NPS).
- **问题解决率** resolution rate = resolved / all complaints and problems × 100%: tickets of type complaint or
  fault (:data:`PROBLEM_TYPES`); resolved once a resolution time is recorded.
- **FCR** 首次呼叫解决率 = resolved on the first call / calls × 100%, over the calls whose first-contact result
  was recorded (yes or no); calls without the answer are left out, as unrated calls are from CSAT.
- **AHT** 平均通话时长 = total handle seconds / calls with a handle time, in seconds.
- **处理及时率** on-time rate = handled within the deadline / all with a deadline: the first response came no
  later than the response deadline; one not yet answered is late once the deadline has passed and left
  out while it is still ahead (``desktop/rules/on_time.on_time``).

Void tickets count nowhere. Every figure is a ratio of sums, so a :class:`Tally` of one day, agent or type
adds up to the tally of a week or a year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from operator import add, attrgetter

PROBLEM_TYPES = ("complaint", "fault")
PROMOTER_MIN = 9
DETRACTOR_MAX = 6


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def csat(satisfied: int, surveyed: int) -> float | None:
    """CSAT as a share (0.9 = 90 %); None when nobody was surveyed."""
    return _ratio(satisfied, surveyed)


def nps(promoters: int, detractors: int, surveyed: int) -> float | None:
    """NPS on its −100…100 scale; None when nobody gave a recommendation score."""
    if not surveyed:
        return None
    return (promoters - detractors) / surveyed * 100


def nps_of_scores(scores: Iterable[int]) -> float | None:
    """NPS of 0–10 recommendation scores (promoters 9–10, detractors 0–6)."""
    given = list(scores)
    promoters = sum(1 for score in given if score >= PROMOTER_MIN)
    detractors = sum(1 for score in given if score <= DETRACTOR_MAX)
    return nps(promoters, detractors, len(given))


def resolution_rate(resolved: int, problems: int) -> float | None:
    """问题解决率 as a share; None when there were no complaints or problems."""
    return _ratio(resolved, problems)


def fcr(first_call: int, recorded: int) -> float | None:
    """FCR as a share; None when no call has its first-contact result recorded."""
    return _ratio(first_call, recorded)


def aht(total_seconds: float, calls: int) -> float | None:
    """Average handle time in seconds; None without a call that has a handle time."""
    return _ratio(total_seconds, calls)


def on_time_rate(kept: int, judged: int) -> float | None:
    """处理及时率 as a share; None when no deadline could be judged yet."""
    return _ratio(kept, judged)


def average(total: float, count: int) -> float | None:
    """A plain average (e.g. the 1–5 satisfaction score); None without values."""
    return _ratio(total, count)


@dataclass(frozen=True)
class Tally:
    """The sums every figure is made of, for one group of calls (a day, an agent, a type, a period)."""

    calls: int = 0
    surveyed: int = 0
    satisfied: int = 0
    scored: int = 0
    score_total: int = 0
    problems: int = 0
    problems_resolved: int = 0
    fcr_recorded: int = 0
    fcr_yes: int = 0
    timed: int = 0
    handle_total: int = 0
    judged: int = 0
    kept: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*map(add, _sums_of(self), _sums_of(other)))

    @classmethod
    def total(cls, tallies: Iterable[Tally]) -> Tally:
        columns = list(zip(*map(_sums_of, tallies), strict=True))
        return cls(*map(sum, columns)) if columns else cls()

    @property
    def csat(self) -> float | None:
        return csat(self.satisfied, self.surveyed)

    @property
    def average_score(self) -> float | None:
        return average(self.score_total, self.scored)

    @property
    def resolution_rate(self) -> float | None:
        return resolution_rate(self.problems_resolved, self.problems)

    @property
    def fcr(self) -> float | None:
        return fcr(self.fcr_yes, self.fcr_recorded)

    @property
    def aht(self) -> float | None:
        return aht(self.handle_total, self.timed)

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.kept, self.judged)


_sums_of = attrgetter(*(f.name for f in fields(Tally)))  # a Tally's sums as a tuple, in field order


@dataclass(frozen=True)
class TypeShare:
    """One issue type's calls and their share of all calls ("30% of calls ask about …")."""

    code: str
    calls: int
    share: float | None


def top_shares(calls_by_type: Mapping[str, int], limit: int = 5) -> tuple[TypeShare, ...]:
    """The ``limit`` most frequent types, most calls first (ties by code), with their share of all calls."""
    whole = sum(calls_by_type.values())
    ranked = sorted(((code, n) for code, n in calls_by_type.items() if n), key=lambda item: (-item[1], item[0]))
    return tuple(TypeShare(code, n, _ratio(n, whole)) for code, n in ranked[:limit])
