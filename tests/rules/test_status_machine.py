"""The status machine: every allowed and every refused move, and what each state requires."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import product

import pytest

from desktop.rules import status_machine as sm

FULL = {
    "handler": "李工", "department_id": 1, "coordinator": "王主管",
    "coordinator_reply_at": datetime(2025, 10, 9, tzinfo=UTC), "escalated_to": "刘经理",
    "final_position": "要求全额退款", "solution": "更换主板", "satisfaction": "satisfied",
    "satisfaction_reason": "", "plan": "上门检测",
}

ALLOWED = {
    ("pending", "in_progress"), ("pending", "resolved"),
    ("in_progress", "transfer"), ("in_progress", "coordinating"), ("in_progress", "awaiting_customer"),
    ("in_progress", "escalate"), ("in_progress", "resolved"),
    ("transfer", "in_progress"), ("transfer", "coordinating"), ("transfer", "escalate"), ("transfer", "resolved"),
    ("coordinating", "in_progress"), ("coordinating", "awaiting_customer"), ("coordinating", "escalate"),
    ("coordinating", "resolved"),
    ("awaiting_customer", "in_progress"), ("awaiting_customer", "coordinating"), ("awaiting_customer", "escalate"),
    ("awaiting_customer", "resolved"),
    ("escalate", "in_progress"), ("escalate", "resolved"),
    ("resolved", "closed"), ("resolved", "in_progress"),
}
ALL_MOVES = [(a, b) for a, b in product(sm.STATUSES, repeat=2) if a != b]


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed_move_passes_with_its_fields(current: str, target: str) -> None:
    assert sm.check_move(current, target, FULL).ok
    assert target in sm.allowed_moves(current)


@pytest.mark.parametrize(("current", "target"), [m for m in ALL_MOVES if m not in ALLOWED])
def test_refused_move_says_why(current: str, target: str) -> None:
    check = sm.check_move(current, target, FULL)
    assert not check.ok
    assert sm.status_label(target) in (check.reason or "") or current == "closed"
    assert target not in sm.allowed_moves(current)


def test_refusal_is_in_the_users_language() -> None:
    check = sm.check_move("pending", "closed", FULL)
    assert "已关闭" in (check.reason or "")
    assert "处理中" in (check.reason or "")  # where it can go instead


def test_refusal_in_english(english: None) -> None:
    assert "cannot go from" in (sm.check_move("pending", "closed", FULL).reason or "")


def test_closed_is_final() -> None:
    assert sm.allowed_moves("closed") == ()
    assert "关闭" in (sm.check_move("closed", "in_progress", FULL).reason or "")


def test_staying_put_is_not_a_move() -> None:
    assert sm.check_move("closed", "closed", {}).ok


REQUIRED_CASES = [
    ("pending", "in_progress", {"handler"}),
    ("in_progress", "transfer", {"department_id"}),
    ("in_progress", "coordinating", {"coordinator", "coordinator_reply_at"}),
    ("in_progress", "awaiting_customer", set()),
    ("in_progress", "escalate", {"escalated_to", "final_position"}),
    ("in_progress", "resolved", {"solution"}),
    ("pending", "resolved", {"solution"}),
    ("resolved", "closed", {"satisfaction"}),
    ("resolved", "in_progress", {"handler", "plan"}),
]


@pytest.mark.parametrize(("current", "target", "fields"), REQUIRED_CASES)
def test_required_fields_per_state(current: str, target: str, fields: set[str]) -> None:
    check = sm.check_move(current, target, {})
    assert set(check.missing) == fields
    assert check.ok == (not fields)
    for name in fields:  # each one alone is still missing
        partial = {k: v for k, v in FULL.items() if k != name}
        assert set(sm.check_move(current, target, partial).missing) == {name}


def test_blank_text_counts_as_missing() -> None:
    assert set(sm.check_move("pending", "in_progress", {"handler": "  "}).missing) == {"handler"}


def test_closing_an_unsatisfied_ticket_needs_reason_and_final_position() -> None:
    facts = dict(FULL, satisfaction="unsatisfied", final_position="")
    check = sm.check_move("resolved", "closed", facts)
    assert set(check.missing) == {"satisfaction_reason", "final_position"}
    assert "第二轮" in (check.reason or "") or "升级" in (check.reason or "")
    ok = dict(FULL, satisfaction="unsatisfied", satisfaction_reason="未按时上门", final_position="接受补偿")
    assert sm.check_move("resolved", "closed", ok).ok


def test_open_states() -> None:
    assert {s for s in sm.STATUSES if sm.is_open(s)} == set(sm.OPEN_STATUSES)
    assert not sm.is_open("resolved") and not sm.is_open("closed")
    assert sm.is_reopen("resolved", "in_progress") and not sm.is_reopen("pending", "in_progress")
