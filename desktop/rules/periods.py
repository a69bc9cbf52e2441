"""The dashboard's periods as local days [first, end): this week, last week, this month, the last 30 days."""

from __future__ import annotations

from datetime import date, timedelta

THIS_WEEK, LAST_WEEK, THIS_MONTH, LAST_30_DAYS, CUSTOM = "this_week", "last_week", "this_month", "last_30", "custom"
PRESETS = (THIS_WEEK, LAST_WEEK, THIS_MONTH, LAST_30_DAYS)


def period_days(preset: str, today: date) -> tuple[date, date]:
    """Monday to Sunday of this or last week, the whole calendar month, or the 30 days ending today."""
    monday = today - timedelta(days=today.weekday())
    if preset == THIS_WEEK:
        return monday, monday + timedelta(days=7)
    if preset == LAST_WEEK:
        return monday - timedelta(days=7), monday
    if preset == THIS_MONTH:
        first = today.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1)
    if preset == LAST_30_DAYS:
        return today - timedelta(days=29), today + timedelta(days=1)
    raise ValueError(f"no period {preset!r}")
