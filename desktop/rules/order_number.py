"""Order numbers (订单号): read back digit by digit, so the format is checked strictly."""

from __future__ import annotations

import re

from desktop.i18n import _

MIN_LENGTH = 6
MAX_LENGTH = 32
MIN_DIGITS = 4
_ALLOWED = re.compile(r"[A-Za-z0-9-]+")


def _is_full_width(ch: str) -> bool:
    return "\uff01" <= ch <= "\uff5e" or ch == "\u3000"


def check_order_number(text: str | None) -> str | None:
    """A message saying what is wrong, or None when the field is empty (it is optional) or valid."""
    stripped = (text or "").strip()
    if not stripped:
        return None
    if any(_is_full_width(ch) for ch in stripped):
        return _("The order number contains full-width characters. "
                 "Switch the input method to half-width and type the number again.")
    if any(ch.isspace() for ch in stripped):
        return _("An order number has no spaces. Remove the spaces and read the number back to the customer.")
    if not _ALLOWED.fullmatch(stripped):
        return _("An order number can contain only letters, digits and dashes. "
                 "Check it with the customer digit by digit.")
    if not MIN_LENGTH <= len(stripped) <= MAX_LENGTH:
        return _("An order number has 6 to 32 characters; this one has {count}. "
                 "Check it with the customer digit by digit.").format(count=len(stripped))
    if sum(ch.isdigit() for ch in stripped) < MIN_DIGITS:
        return _("An order number contains at least 4 digits. Check it with the customer digit by digit.")
    return None


def normalize_order_number(text: str | None) -> str:
    """The form to store: surrounding spaces removed, letters in upper case."""
    return (text or "").strip().upper()
