"""ISO weeks ("2026-W47", Monday to Sunday) as the weekly report names them. Pure."""

from __future__ import annotations

import re
from datetime import date, timedelta

from desktop.i18n import _

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


class WeekError(ValueError):
    """Not an ISO week; ``str()`` says how to write one."""


def week_of(day: date) -> str:
    """The ISO week ``day`` falls in, e.g. "2026-W47"."""
    year, week, _weekday = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_week(text: str) -> date:
    """The Monday of ISO week ``text`` ("2026-W47", "2026W47"); WeekError when it is not one."""
    match = _WEEK.match(text or "")
    if match is None:
        raise WeekError(_("{value!r} is not a week: write the year and the ISO week number, e.g. 2026-W47.").format(
            value=text))
    year, week = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise WeekError(_("{year} has no week {week}: ISO weeks run from 1 to 52 or 53.").format(
            year=year, week=week)) from None
    return monday


def week_days(week: str) -> tuple[date, date]:
    """Monday (included) and the next Monday (excluded) of ISO week ``week``."""
    monday = parse_week(week)
    return monday, monday + timedelta(days=7)
