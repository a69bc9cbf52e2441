"""Which days the automatic archive writes, and when it runs next (pure rules, no clock, no Qt)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from desktop.rules.auto_archive import (
    MAX_CATCH_UP_DAYS,
    day_of_file,
    due_days,
    file_name,
    next_run,
    parse_time,
    written_days,
)
from desktop.rules.working_days import OFFICIAL, WorkCalendar

AT = time(18, 0)


def weekdays(day: date) -> bool:
    return day.weekday() < 5


def test_file_names_round_trip_and_other_files_are_ignored() -> None:
    assert file_name(date(2026, 11, 22)) == "2026-11-22.pdf"
    assert day_of_file("2026-11-22.pdf") == date(2026, 11, 22)
    assert day_of_file("2026-11-22.PDF") == date(2026, 11, 22)
    for other in ("2026-13-01.pdf", "notes.pdf", "2026-11-22.pdf.part", "2026-11-22.txt", "x2026-11-22.pdf"):
        assert day_of_file(other) is None
    assert written_days(["2026-11-20.pdf", "readme.txt", "2026-11-21.pdf"]) == {date(2026, 11, 20),
                                                                                 date(2026, 11, 21)}


def test_parse_time() -> None:
    assert parse_time("18:00") == time(18, 0)
    assert parse_time(" 07:30 ") == time(7, 30)
    for bad in ("25:00", "six", "", "18h"):
        assert parse_time(bad) is None


def test_today_only_after_the_set_time() -> None:
    friday = date(2026, 11, 20)
    before = datetime.combine(friday, time(17, 59))
    after = datetime.combine(friday, time(18, 0))
    seen = {friday - timedelta(days=n) for n in range(1, 40)}
    assert due_days(before, AT, written=seen, is_working_day=weekdays) == []
    assert due_days(after, AT, written=seen, is_working_day=weekdays) == [friday]


def test_missed_working_days_are_caught_up_oldest_first_and_written_ones_skipped() -> None:
    monday = date(2026, 11, 23)
    now = datetime.combine(monday, time(9, 0))  # before the set time: today is not due yet
    written = {date(2026, 11, 18)}
    since = date(2026, 11, 16)
    due = due_days(now, AT, written=written, is_working_day=weekdays, since=since)
    assert due == [date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 19), date(2026, 11, 20)]


def test_a_weekend_day_is_written_only_when_it_had_calls() -> None:
    monday = date(2026, 11, 23)
    now = datetime.combine(monday, time(19, 0))
    saturday, sunday = date(2026, 11, 21), date(2026, 11, 22)
    due = due_days(now, AT, written=set(), is_working_day=weekdays, days_with_calls={saturday},
                   since=date(2026, 11, 20))
    assert due == [date(2026, 11, 20), saturday, monday]
    assert sunday not in due


def test_never_more_than_31_days_back() -> None:
    now = datetime(2026, 11, 23, 19, 0)
    due = due_days(now, AT, written=set(), is_working_day=lambda _day: True)
    assert due[0] == now.date() - timedelta(days=MAX_CATCH_UP_DAYS)
    assert due[-1] == now.date()
    assert len(due) == MAX_CATCH_UP_DAYS + 1
    assert due_days(now, AT, written=set(), is_working_day=lambda _day: True, since=date(2026, 11, 24)) == []


def test_holidays_of_the_official_calendar_and_swapped_weekends() -> None:
    # 2025: National Day holiday 1–8 October; Saturday 11 October is a swapped working day.
    now = datetime(2025, 10, 13, 8, 0)
    due = due_days(now, AT, written=set(), is_working_day=OFFICIAL.is_working_day, since=date(2025, 9, 30))
    assert due == [date(2025, 9, 30), date(2025, 10, 9), date(2025, 10, 10), date(2025, 10, 11)]


def test_next_run_is_the_set_time_of_the_next_working_day() -> None:
    friday = date(2026, 11, 20)
    assert next_run(datetime.combine(friday, time(9, 0)), AT, weekdays) == datetime.combine(friday, AT)
    assert next_run(datetime.combine(friday, AT), AT, weekdays) == datetime(2026, 11, 23, 18, 0)
    calendar = WorkCalendar(extra_holidays=frozenset({date(2026, 11, 23)}))
    assert next_run(datetime.combine(friday, time(19, 0)), AT, calendar.is_working_day) == datetime(2026, 11, 24, 18)


def test_next_run_keeps_the_time_zone_of_now() -> None:
    from datetime import UTC

    now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert next_run(now, AT, weekdays).tzinfo is UTC
