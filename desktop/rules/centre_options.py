"""The centre-wide options, declared once with their type, default and limits."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.i18n import N_, _
from desktop.rules.choices import DEFAULT_SENSITIVE_MODULES


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    default: object
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: object) -> str | None:
        """None when ``value`` fits this option; otherwise what is wrong."""
        if isinstance(self.default, bool) or not isinstance(value, type(self.default)):
            if not (isinstance(self.default, bool) and isinstance(value, bool)):
                return _("This value has the wrong kind.")
        if isinstance(value, int) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
                return _("Choose a number from {minimum} to {maximum}.").format(minimum=self.minimum,
                                                                                 maximum=self.maximum)
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            return _("This value has the wrong kind.")
        return None


IDLE_LOCK_MINUTES = Option("idle_lock_minutes", N_("Lock the screen after minutes without use"), 10, 1, 240)
SENSITIVE_MODULES = Option("sensitive_modules", N_("Business modules that need an identity check"),
                           list(DEFAULT_SENSITIVE_MODULES))

OPTIONS: dict[str, Option] = {option.key: option for option in (IDLE_LOCK_MINUTES, SENSITIVE_MODULES)}
