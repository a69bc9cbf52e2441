"""Password hashing (Argon2id), the rules a password must meet, and the lockout arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from desktop.i18n import _

MIN_LENGTH = 8
MAX_FAILURES = 5
LOCK_MINUTES = 5


def make_hasher(*, fast: bool = False) -> PasswordHasher:
    """The hasher; ``fast`` is for tests only (same algorithm, cheap parameters)."""
    if fast:
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def hash_password(hasher: PasswordHasher, password: str) -> str:
    return hasher.hash(password)


def verify_password(hasher: PasswordHasher, stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problem(password: str, *, code: str = "") -> str | None:
    """None when the password is acceptable; otherwise what to change."""
    if len(password) < MIN_LENGTH:
        return _("Use at least {count} characters.").format(count=MIN_LENGTH)
    if not any(c.isdigit() for c in password) or not any(c.isalpha() for c in password):
        return _("Use letters and digits together.")
    if code and code.lower() in password.lower():
        return _("Do not put your agent ID in the password.")
    return None


@dataclass(frozen=True)
class Lockout:
    failures: int
    locked_until: datetime | None


def after_failure(failures: int, now: datetime) -> Lockout:
    """One more wrong password: the fifth in a row locks the account for a few minutes."""
    failures += 1
    if failures >= MAX_FAILURES:
        return Lockout(0, now + timedelta(minutes=LOCK_MINUTES))
    return Lockout(failures, None)


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and now < locked_until
