"""Ticket numbers: prefix + date + daily serial, e.g. CS20231015001."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desktop.i18n import _

DEFAULT_PREFIX = "CS"
DEFAULT_SERIAL_WIDTH = 3
MAX_SERIAL = 999_999_999
_PREFIX = re.compile(r"[A-Z]{1,6}")
_NUMBER = re.compile(r"([A-Z]{1,6})([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{1,9})")
_PARTIAL = re.compile(r"[A-Za-z]{1,6}[0-9]{1,17}")


@dataclass(frozen=True)
class TicketNumber:
    prefix: str
    day: date
    serial: int


def validate_prefix(prefix: str) -> str | None:
    """A message saying what is wrong with a ticket number prefix, or None when it is fine."""
    if not prefix:
        return _("Type a ticket number prefix of 1 to 6 letters, for example CS.")
    if _PREFIX.fullmatch(prefix):
        return None
    if _PREFIX.fullmatch(prefix.upper()) and prefix.isascii():
        return _("Use capital letters in the ticket number prefix, for example CS instead of cs.")
    return _("A ticket number prefix has 1 to 6 capital letters A–Z, for example CS or GD. "
             "Remove digits, spaces and other characters.")


def format_ticket_number(prefix: str, day: date, serial: int, width: int = DEFAULT_SERIAL_WIDTH) -> str:
    """"CS" + 2023-10-15 + 1 -> "CS20231015001"; a serial wider than ``width`` is written in full."""
    problem = validate_prefix(prefix)
    if problem:
        raise ValueError(problem)
    if not 1 <= serial <= MAX_SERIAL:
        raise ValueError(f"ticket serial must be between 1 and {MAX_SERIAL}, got {serial}")
    if not 1 <= width <= 9:
        raise ValueError(f"serial width must be between 1 and 9, got {width}")
    return f"{prefix}{day.year:04d}{day.month:02d}{day.day:02d}{serial:0{width}d}"


def parse_ticket_number(text: str) -> TicketNumber | None:
    """The parts of a ticket number (spaces and lower case tolerated), or None when it is not one."""
    candidate = (text or "").strip().upper()
    if not candidate.isascii():
        return None
    match = _NUMBER.fullmatch(candidate)
    if not match:
        return None
    prefix, year, month, day_of_month, serial = match.groups()
    try:
        day = date(int(year), int(month), int(day_of_month))
    except ValueError:
        return None
    if int(serial) < 1:
        return None
    return TicketNumber(prefix, day, int(serial))


def looks_like_ticket_number(text: str) -> bool:
    """True for a whole or partly typed ticket number ("CS2023"): letters, then digits."""
    candidate = (text or "").strip()
    return candidate.isascii() and _PARTIAL.fullmatch(candidate) is not None


def missing_serials(serials: Iterable[int]) -> list[int]:
    """The serials missing between 1 and the highest one used, for the daily "no gaps" check."""
    used = {serial for serial in serials if serial >= 1}
    if not used:
        return []
    return [serial for serial in range(1, max(used) + 1) if serial not in used]
