"""ISO weeks for the weekly report."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.rules.weeks import WeekError, parse_week, week_days, week_of


def test_week_of_and_back() -> None:
    assert week_of(date(2026, 11, 19)) == "2026-W47"
    assert parse_week("2026-W47") == date(2026, 11, 16)
    assert parse_week("2026w47") == date(2026, 11, 16)
    assert week_days("2026-W01") == (date(2025, 12, 29), date(2026, 1, 5))  # ISO week 1 starts in December
    assert week_of(date(2027, 1, 1)) == "2026-W53"


@pytest.mark.parametrize("text", ["", "2026-47", "W47", "2026-W54", "2026-W00", "next week"])
def test_bad_weeks_say_how_to_write_one(text: str, english: None) -> None:
    with pytest.raises(WeekError, match="week"):
        parse_week(text)
