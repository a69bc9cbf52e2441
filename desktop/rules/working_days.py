"""Working days on China's official calendar (holidays and swapped working weekends) plus centre overrides.

The official calendar comes from ``chinese_calendar`` (maintained each year from the State Council's
notice). Outside the years it covers, Monday to Friday are working days. A centre's own overrides win
over both: extra holidays (a closure) and extra working days (a weekend the centre works).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

# Never search further than this for the next working day (a calendar made all holidays by mistake).
_MAX_STEPS = 3660


@lru_cache(maxsize=16384)
def _official_working_day(day: date) -> bool:
    """China's official calendar (the library validates every call: cached, a year is 366 entries)."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # a year the library has no notice for yet
        return day.weekday() < 5


def parse_days(values: Iterable[str]) -> frozenset[date]:
    """ISO dates (``2025-10-09``) as a set; raises ValueError naming the first bad one."""
    days = set()
    for value in values:
        try:
            days.add(date.fromisoformat(value.strip()))
        except ValueError:
            raise ValueError(value) from None
    return frozenset(days)


@dataclass(frozen=True)
class WorkCalendar:
    extra_holidays: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_settings(cls, holidays: Iterable[str] = (), working_days: Iterable[str] = ()) -> WorkCalendar:
        return cls(parse_days(holidays), parse_days(working_days))

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_holidays:
            return False
        if day in self.extra_working_days:
            return True
        return _official_working_day(day)

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, otherwise the first working day after it."""
        for _step in range(_MAX_STEPS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError("no working day within ten years")

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself when ``count`` is 0)."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        for _n in range(count):
            day = self.next_working_day(day + timedelta(days=1))
        return day


OFFICIAL = WorkCalendar()
