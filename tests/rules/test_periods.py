"""The dashboard's periods as local days [first, end)."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.rules.periods import LAST_30_DAYS, LAST_WEEK, THIS_MONTH, THIS_WEEK, period_days

THURSDAY = date(2023, 10, 19)


def test_this_and_last_week_run_monday_to_sunday() -> None:
    assert period_days(THIS_WEEK, THURSDAY) == (date(2023, 10, 16), date(2023, 10, 23))
    assert period_days(LAST_WEEK, THURSDAY) == (date(2023, 10, 9), date(2023, 10, 16))
    assert period_days(THIS_WEEK, date(2023, 10, 16))[0] == date(2023, 10, 16)  # a Monday starts its own week
    assert period_days(THIS_WEEK, date(2023, 10, 22))[0] == date(2023, 10, 16)  # and a Sunday ends it


def test_this_month_and_the_last_30_days() -> None:
    assert period_days(THIS_MONTH, THURSDAY) == (date(2023, 10, 1), date(2023, 11, 1))
    assert period_days(THIS_MONTH, date(2023, 12, 31)) == (date(2023, 12, 1), date(2024, 1, 1))
    assert period_days(THIS_MONTH, date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 3, 1))
    first, end = period_days(LAST_30_DAYS, THURSDAY)
    assert (end - first).days == 30 and end == date(2023, 10, 20)  # today included


def test_an_unknown_period_is_an_error() -> None:
    with pytest.raises(ValueError):
        period_days("custom", THURSDAY)
