"""Working days on China's calendar with centre overrides; response deadlines per policy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from desktop.rules.deadlines import (
    FORM_000,
    FORM_001,
    FORM_002,
    allowance,
    is_overdue,
    is_stale,
    response_due,
)
from desktop.rules.working_days import OFFICIAL, WorkCalendar

CST = timezone(timedelta(hours=8))
starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))
counts = st.integers(min_value=0, max_value=40)
overrides = st.frozensets(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)), max_size=8)


@given(starts, st.integers(min_value=1, max_value=40), overrides, overrides)
def test_adding_working_days_lands_on_a_working_day(start: date, n: int, holidays: frozenset[date],
                                                     extra: frozenset[date]) -> None:
    calendar = WorkCalendar(holidays, extra - holidays)
    landed = calendar.add_working_days(start, n)
    assert calendar.is_working_day(landed)
    assert landed not in holidays
    assert landed > start
    # exactly n working days lie in (start, landed]
    days = [start + timedelta(days=i) for i in range(1, (landed - start).days + 1)]
    assert sum(calendar.is_working_day(d) for d in days) == n


@given(starts, counts, counts)
def test_adding_working_days_is_monotonic(start: date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert OFFICIAL.add_working_days(start, low) <= OFFICIAL.add_working_days(start, high)
    if low < high:
        assert OFFICIAL.add_working_days(start, low) < OFFICIAL.add_working_days(start, high)


def test_national_day_week_2025() -> None:
    for day in range(1, 9):
        assert not OFFICIAL.is_working_day(date(2025, 10, day)), day
    assert OFFICIAL.is_working_day(date(2025, 10, 9))


def test_swapped_working_saturdays_2025() -> None:
    assert date(2025, 9, 28).weekday() == 6 and OFFICIAL.is_working_day(date(2025, 9, 28))
    assert date(2025, 10, 11).weekday() == 5 and OFFICIAL.is_working_day(date(2025, 10, 11))
    assert not OFFICIAL.is_working_day(date(2025, 10, 12))  # an ordinary Sunday


def test_across_the_holiday() -> None:
    # Tuesday Sep 30 + 1 working day skips Oct 1-8 → Thursday Oct 9; + 3 → Saturday Oct 11 (worked).
    assert OFFICIAL.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert OFFICIAL.add_working_days(date(2025, 9, 30), 3) == date(2025, 10, 11)
    assert OFFICIAL.add_working_days(date(2025, 9, 30), 4) == date(2025, 10, 13)


def test_centre_overrides_win() -> None:
    calendar = WorkCalendar.from_settings(holidays=["2025-10-09"], working_days=["2025-10-12"])
    assert not calendar.is_working_day(date(2025, 10, 9))
    assert calendar.is_working_day(date(2025, 10, 12))
    assert calendar.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 10)


def test_years_without_an_official_notice_use_weekdays() -> None:
    assert OFFICIAL.is_working_day(date(2027, 3, 1))  # Monday
    assert not OFFICIAL.is_working_day(date(2027, 3, 6))  # Saturday


def _cst(*args: int) -> datetime:
    return datetime(*args, tzinfo=CST)


def test_form_001_hours() -> None:
    start = _cst(2025, 10, 10, 10, 0)
    assert response_due(start, "urgent", FORM_001, local_zone=CST) == _cst(2025, 10, 10, 11, 0)
    assert response_due(start, "important", FORM_001, local_zone=CST) == _cst(2025, 10, 10, 14, 0)
    assert response_due(start, "normal", FORM_001, local_zone=CST) == _cst(2025, 10, 11, 10, 0)
    assert response_due(start, "urgent", FORM_001).tzinfo == UTC


def test_form_002_hours() -> None:
    start = _cst(2025, 10, 10, 10, 0)
    assert response_due(start, "urgent", FORM_002, local_zone=CST) == _cst(2025, 10, 10, 12, 0)
    assert response_due(start, "normal", FORM_002, local_zone=CST) == _cst(2025, 10, 11, 10, 0)
    assert response_due(start, "important", FORM_002, local_zone=CST) == _cst(2025, 10, 12, 10, 0)


def test_form_000_working_days_across_a_weekend() -> None:
    # Thursday Oct 16 2025 + 3 working days: Fri 17, Mon 20, Tue 21.
    start = _cst(2025, 10, 16, 15, 30)
    assert response_due(start, "normal", FORM_000, local_zone=CST) == _cst(2025, 10, 21, 15, 30)
    assert response_due(start, "urgent", FORM_000, local_zone=CST) == _cst(2025, 10, 17, 15, 30)


def test_form_000_working_days_across_the_holiday() -> None:
    # Tuesday Sep 30 2025: Oct 9, 10, 11 (the swapped Saturday).
    start = _cst(2025, 9, 30, 9, 0)
    assert response_due(start, "normal", FORM_000, local_zone=CST) == _cst(2025, 10, 11, 9, 0)
    # Opened during the holiday: counting starts on Oct 9 at the start of the day (Oct 9, 10, 11 → Oct 13 00:00).
    during = _cst(2025, 10, 3, 20, 0)
    assert response_due(during, "normal", FORM_000, local_zone=CST) == _cst(2025, 10, 13, 0, 0)


def test_unknown_level_and_preset_fall_back() -> None:
    assert allowance("nonsense", "urgent").amount == 1
    assert allowance(FORM_001, "centre_level").amount == 24


def test_overdue_and_stale() -> None:
    now = _cst(2025, 10, 10, 12, 0)
    assert is_overdue(True, now - timedelta(minutes=1), now)
    assert not is_overdue(False, now - timedelta(minutes=1), now)
    assert not is_overdue(True, now + timedelta(minutes=1), now)
    assert not is_overdue(True, None, now)
    assert is_stale(True, now - timedelta(hours=6, minutes=1), now)
    assert not is_stale(True, now - timedelta(hours=5), now)
    assert not is_stale(False, now - timedelta(hours=7), now)
