"""Password hashing (Argon2id), the password rules, and the lockout arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from desktop.rules.passwords import (
    LOCK_MINUTES,
    MAX_FAILURES,
    MIN_LENGTH,
    after_failure,
    hash_password,
    is_locked,
    make_hasher,
    password_problem,
    verify_password,
)

NOW = datetime(2023, 10, 15, 2, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def hasher() -> PasswordHasher:
    return make_hasher(fast=True)


def test_the_stored_hash_is_argon2id_and_not_the_password(hasher: PasswordHasher) -> None:
    stored = hash_password(hasher, "lamp4Desk")
    assert stored.startswith("$argon2id$")
    assert "lamp4Desk" not in stored


def test_the_same_password_hashes_differently_each_time(hasher: PasswordHasher) -> None:
    assert hash_password(hasher, "lamp4Desk") != hash_password(hasher, "lamp4Desk")


def test_the_real_hasher_uses_argon2id_with_stronger_parameters() -> None:
    real, fast = make_hasher(), make_hasher(fast=True)
    assert real.type.name == "ID"
    assert real.memory_cost > fast.memory_cost
    assert real.time_cost >= fast.time_cost


def test_verify_accepts_the_right_password(hasher: PasswordHasher) -> None:
    assert verify_password(hasher, hash_password(hasher, "lamp4Desk"), "lamp4Desk") is True


@pytest.mark.parametrize("attempt", ["lamp4desk", "lamp4Desk ", "", "LAMP4DESK", "lamp4Des"])
def test_verify_refuses_any_other_password(hasher: PasswordHasher, attempt: str) -> None:
    assert verify_password(hasher, hash_password(hasher, "lamp4Desk"), attempt) is False


@pytest.mark.parametrize("stored", [None, "", "lamp4Desk", "$argon2id$broken"])
def test_verify_refuses_a_missing_or_damaged_hash(hasher: PasswordHasher, stored: str | None) -> None:
    assert verify_password(hasher, stored, "lamp4Desk") is False


def test_a_hash_made_by_the_fast_hasher_verifies_with_the_real_one(hasher: PasswordHasher) -> None:
    """Parameters travel inside the hash: tuning the hasher never locks anybody out."""
    assert verify_password(make_hasher(), hash_password(hasher, "lamp4Desk"), "lamp4Desk") is True


@pytest.mark.parametrize("password", ["lamp4Desk", "12345abc", "客服热线2023", "a1b2c3d4e5"])
def test_acceptable_passwords(password: str) -> None:
    assert password_problem(password, code="A1001") is None


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("", "8"),
        ("ab12", "8"),
        ("abc1234", "8"),  # one short of the minimum
        ("abcdefgh", "letters and digits"),
        ("12345678", "letters and digits"),
        ("A1001pass", "agent ID"),
        ("xx-a1001-yy", "agent ID"),  # case does not hide the ID
    ],
)
def test_password_problems_say_what_to_change(password: str, expected: str) -> None:
    from desktop import i18n

    i18n.set_language("en")
    problem = password_problem(password, code="A1001")
    assert problem is not None
    assert expected in problem


def test_the_minimum_length_is_eight() -> None:
    assert MIN_LENGTH == 8
    assert password_problem("abcdef1" + "x") is None


def test_without_an_agent_id_only_the_content_counts() -> None:
    assert password_problem("A1001pass") is None


def test_failures_below_the_limit_only_count() -> None:
    lockout = after_failure(0, NOW)
    assert (lockout.failures, lockout.locked_until) == (1, None)
    lockout = after_failure(MAX_FAILURES - 2, NOW)
    assert (lockout.failures, lockout.locked_until) == (MAX_FAILURES - 1, None)


def test_the_fifth_failure_in_a_row_locks_for_lock_minutes_and_restarts_the_count() -> None:
    assert MAX_FAILURES == 5
    failures = 0
    for _attempt in range(4):
        lockout = after_failure(failures, NOW)
        assert lockout.locked_until is None
        failures = lockout.failures
    lockout = after_failure(failures, NOW)
    assert lockout.locked_until == NOW + timedelta(minutes=LOCK_MINUTES)
    assert lockout.failures == 0


def test_a_lock_holds_until_its_time_and_not_a_moment_longer() -> None:
    until = NOW + timedelta(minutes=LOCK_MINUTES)
    assert is_locked(until, NOW)
    assert is_locked(until, until - timedelta(seconds=1))
    assert not is_locked(until, until)
    assert not is_locked(until, until + timedelta(seconds=1))
    assert not is_locked(None, NOW)
