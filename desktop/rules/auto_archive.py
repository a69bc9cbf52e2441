"""When the automatic daily archive writes which day (pure: no clock, no files, no Qt).

At the set time of each working day the program writes that day's archive PDF, named by date
(``2026-11-22.pdf``), and at start-up it writes the days it missed. Which days get a file:

- every **working day** (the centre's calendar): a day with no calls gets its one-page "no calls were
  recorded" archive, so the folder shows the day was not forgotten;
- any **other day that had calls** (a weekend or holiday on duty): written at the next run;
- never a day before the automatic archive was switched on (``since``), never more than
  :data:`MAX_CATCH_UP_DAYS` days back, and never a day whose file is already there;
- today only once the set time has passed (the calls logged after it are not in that file: print the
  day again by hand when needed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime, time, timedelta

MAX_CATCH_UP_DAYS = 31
DEFAULT_TIME = time(18, 0)
# Never look further than this for the next working day (a calendar made all holidays by mistake).
_MAX_AHEAD = 366

_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.pdf$", re.IGNORECASE)


def file_name(day: date) -> str:
    return f"{day.isoformat()}.pdf"


def day_of_file(name: str) -> date | None:
    """The day a file of the archive folder holds (None for any other file)."""
    match = _FILE.match(name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def written_days(names: Iterable[str]) -> set[date]:
    return {day for day in map(day_of_file, names) if day is not None}


def parse_time(text: str) -> time | None:
    """``"18:00"`` as a time of day (None when it is not one)."""
    try:
        value = time.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        return None
    return value.replace(second=0, microsecond=0, tzinfo=None)


def window(now: datetime, at: time, since: date | None = None) -> tuple[date, date] | None:
    """The first and last day the archive may hold by ``now`` (local); None when there is none yet."""
    today = now.date()
    last = today if now.time() >= at else today - timedelta(days=1)
    first = today - timedelta(days=MAX_CATCH_UP_DAYS)
    if since is not None:
        first = max(first, since)
    return (first, last) if first <= last else None


def due_days(now: datetime, at: time, *, written: Collection[date], is_working_day: Callable[[date], bool],
             days_with_calls: Collection[date] = (), since: date | None = None) -> list[date]:
    """The days whose archive should exist by ``now`` (local time) and does not, oldest first."""
    span = window(now, at, since)
    if span is None:
        return []
    first, last = span
    days = []
    day = first
    while day <= last:
        if day not in written and (day in days_with_calls or is_working_day(day)):
            days.append(day)
        day += timedelta(days=1)
    return days


def next_run(now: datetime, at: time, is_working_day: Callable[[date], bool]) -> datetime:
    """The next moment after ``now`` (local, naive or aware alike) at ``at`` on a working day."""
    day = now.date()
    for _step in range(_MAX_AHEAD):
        moment = datetime.combine(day, at, tzinfo=now.tzinfo)
        if moment > now and is_working_day(day):
            return moment
        day += timedelta(days=1)
    return datetime.combine(now.date() + timedelta(days=1), at, tzinfo=now.tzinfo)
