"""Improvement actions: what a new one needs and when it is overdue."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.rules.improvements import DONE, IN_PROGRESS, OPEN, ActionDraft, is_overdue, validate_action

TODAY = date(2023, 10, 20)


def _draft(**values: object) -> ActionDraft:
    base: dict[str, object] = {"problem": "物流延误投诉集中", "action": "与快递公司复核地址校验",
                               "department_id": 3, "deadline": date(2023, 10, 31)}
    base.update(values)
    return ActionDraft(**base)  # type: ignore[arg-type]


def test_a_complete_action_passes() -> None:
    assert validate_action(_draft(), TODAY).ok


@pytest.mark.parametrize(("values", "field", "words"), [
    ({"problem": "  "}, "problem", "Describe the problem"),
    ({"action": ""}, "action", "Write the action"),
    ({"department_id": None}, "department", "department"),
    ({"deadline": None}, "deadline", "Set the deadline"),
    ({"deadline": date(2023, 10, 19)}, "deadline", "in the past"),
    ({"status": "later"}, "status", "Choose a status"),
])
def test_an_incomplete_action_is_refused(english: None, values: dict[str, object], field: str, words: str) -> None:
    report = validate_action(_draft(**values), TODAY)
    assert words in report.errors[field]


def test_an_existing_action_may_keep_a_past_deadline() -> None:
    assert validate_action(_draft(deadline=date(2023, 10, 1)), TODAY, new=False).ok


@pytest.mark.parametrize(("status", "deadline", "overdue"), [
    (OPEN, date(2023, 10, 19), True),
    (IN_PROGRESS, date(2023, 10, 19), True),
    (DONE, date(2023, 10, 19), False),
    (OPEN, TODAY, False),  # due today is not overdue yet
    (OPEN, date(2023, 10, 21), False),
])
def test_overdue(status: str, deadline: date, overdue: bool) -> None:
    assert is_overdue(status, deadline, TODAY) is overdue
