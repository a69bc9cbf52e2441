"""Visit proposals by rule on an injected time and the centre calendar; the visit record's checks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.rules import visits as rules
from desktop.rules.working_days import OFFICIAL, WorkCalendar


def _at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def _served(issue_type: str = "complaint", *, module: str | None = None, priority: str = "normal",
            customer_type: str = "returning", resolved: str = "2023-10-13") -> rules.ServedTicket:
    return rules.ServedTicket(1, 7, issue_type, module, priority, customer_type, _at(resolved))


def _windows(found: list[rules.Proposal]) -> list[tuple[str, str, str]]:
    return [(p.kind, p.due_from.date().isoformat(), p.due_until.date().isoformat()) for p in found]


CASES = [
    # A complaint resolved on Friday: 24–48 h (over the weekend), then working days 3–5 (Wed–Fri next week).
    ("complaint on a Friday", _served(), OFFICIAL,
     [("after_resolution", "2023-10-14", "2023-10-15"), ("complaint_follow_up", "2023-10-18", "2023-10-20")]),
    # Resolved the day before the 2023 National Day holiday (09-29 … 10-06 off, Sat 10-07 and Sun 10-08 worked):
    # working days 1, 2 are the swapped weekend, 3 is Mon 10-09, 5 is Wed 10-11.
    ("complaint before the National Day holiday", _served(resolved="2023-09-28"), OFFICIAL,
     [("after_resolution", "2023-09-29", "2023-09-30"), ("complaint_follow_up", "2023-10-09", "2023-10-11")]),
    # The centre closes on Wed 10-18: the window moves one working day on.
    ("complaint with a centre closure", _served(), WorkCalendar(extra_holidays=frozenset({date(2023, 10, 18)})),
     [("after_resolution", "2023-10-14", "2023-10-15"), ("complaint_follow_up", "2023-10-19", "2023-10-23")]),
    ("after-sales complaint module", _served("consult", module="after_sales"), OFFICIAL,
     [("after_resolution", "2023-10-14", "2023-10-15"), ("complaint_follow_up", "2023-10-18", "2023-10-20")]),
    ("urgent repair: 24–48 h only", _served("fault", priority="urgent"), OFFICIAL,
     [("after_resolution", "2023-10-14", "2023-10-15")]),
    ("emergency-repair module", _served("consult", module="emergency_repair"), OFFICIAL,
     [("after_resolution", "2023-10-14", "2023-10-15")]),
    ("a normal fault of a returning customer: none", _served("fault"), OFFICIAL, []),
    # A new customer's first service on Friday: working days 1–3 are Mon 10-16 … Wed 10-18.
    ("new customer consult", _served("consult", customer_type="new"), OFFICIAL,
     [("new_customer", "2023-10-16", "2023-10-18")]),
    ("returning customer consult: none", _served("consult"), OFFICIAL, []),
]


@pytest.mark.parametrize(("ticket", "calendar", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_proposals_for_a_resolved_ticket(ticket: rules.ServedTicket, calendar: WorkCalendar,
                                         expected: list[tuple[str, str, str]]) -> None:
    found = rules.propose_for_ticket(ticket, calendar)
    assert _windows(found) == expected
    assert all(p.due_from.tzinfo is not None and p.due_from < p.due_until for p in found)


def test_the_24_to_48_hour_window_is_exact() -> None:
    [first, _second] = rules.propose_for_ticket(_served(), OFFICIAL)
    assert first.due_from == _at("2023-10-13") + timedelta(hours=24)
    assert first.due_until == _at("2023-10-13") + timedelta(hours=48)


def test_working_days_keep_the_local_time_of_day(shanghai: None) -> None:
    # 2023-10-13 17:00 UTC is Saturday 01:00 in Shanghai: the local date counts, working day 3 is Wed 10-18.
    ticket = rules.ServedTicket(1, 7, "complaint", None, "normal", "returning",
                                datetime(2023, 10, 13, 17, 0, tzinfo=UTC))
    follow_up = rules.propose_for_ticket(ticket, OFFICIAL)[1]
    assert follow_up.due_from == datetime(2023, 10, 17, 17, 0, tzinfo=UTC)  # Wed 10-18 01:00 local


@pytest.mark.parametrize(("period", "since", "now", "expected"), [
    ("monthly", "2023-09-15", "2023-10-01", None),  # due 10-15, too early to propose (look-ahead 7 days)
    ("monthly", "2023-09-15", "2023-10-08", "2023-10-15"),
    ("quarterly", "2023-07-15", "2023-10-10", "2023-10-15"),
    ("quarterly", "2023-08-15", "2023-10-10", None),
    ("monthly", "2023-01-31", "2023-02-27", "2023-02-28"),  # the 31st becomes the month's last day
    ("yearly", "2023-01-01", "2024-01-01", None),  # not a period the program knows
])
def test_periodic_visits(period: str, since: str, now: str, expected: str | None) -> None:
    found = rules.propose_periodic(7, 1, period, _at(since), _at(now))
    assert (found.due_from.date().isoformat() if found else None) == expected
    if found:
        assert found.kind == rules.PERIODIC and found.due_until - found.due_from == rules.PERIODIC_WINDOW


def test_a_record_later_than_2_working_days_is_late() -> None:
    visited = _at("2023-10-13", 15)  # Friday
    assert rules.record_deadline(visited, OFFICIAL) == datetime(2023, 10, 18, tzinfo=UTC)  # end of Tue 10-17
    assert not rules.is_late(visited, _at("2023-10-17", 23), OFFICIAL)
    assert rules.is_late(visited, _at("2023-10-18", 0), OFFICIAL)


def _record(**values: object) -> rules.VisitRecord:
    base: dict[str, object] = {
        "visited_at": _at("2023-10-14"), "scores": dict.fromkeys(rules.DIMENSIONS, 4),
        "recommendation": 9, "resolved": True, "customer_words": "换货很快，满意"}
    base.update(values)
    return rules.VisitRecord(**base)  # type: ignore[arg-type]


NOW = _at("2023-10-14", 12)


def test_a_complete_record_passes() -> None:
    assert rules.validate_record(_record(), NOW).ok


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"scores": {**dict.fromkeys(rules.DIMENSIONS, 4), "score_attitude": 6}}, "score_attitude", "6 is out of range"),
    ({"scores": {**dict.fromkeys(rules.DIMENSIONS, 4), "score_value": 0}}, "score_value", "0 is out of range"),
    ({"scores": {**dict.fromkeys(rules.DIMENSIONS, 4), "score_effect": None}}, "score_effect", "Give a score"),
    ({"recommendation": 11}, "recommendation", "11 is out of range"),
    ({"recommendation": -1}, "recommendation", "-1 is out of range"),
    ({"recommendation": None}, "recommendation", "recommendation score"),
    ({"resolved": None}, "resolved", "resolved"),
    ({"resolved": False}, "follow_up_action", "follow-up action"),
    ({"visited_at": NOW + timedelta(hours=1)}, "visited_at", "future"),
    ({"customer_words": "字" * 2001}, "customer_words", "2000"),
])
def test_a_record_is_refused_with_what_to_do(english: None, values: dict[str, object], field: str,
                                             words: str) -> None:
    report = rules.validate_record(_record(**values), NOW)
    assert not report.ok
    assert field in report.errors and words in report.errors[field]


def test_not_resolved_with_an_agreed_action_passes() -> None:
    assert rules.validate_record(_record(resolved=False, follow_up_action="周一技术部上门"), NOW).ok


def test_a_skipped_visit_needs_only_a_reason(english: None) -> None:
    skipped = rules.VisitRecord(visited_at=_at("2023-10-14"), status=rules.SKIPPED)
    assert "skipped" in rules.validate_record(skipped, NOW).errors["customer_words"]
    assert rules.validate_record(rules.VisitRecord(visited_at=_at("2023-10-14"), status=rules.SKIPPED,
                                                   customer_words="三次未接通"), NOW).ok
