"""The centre-wide options, declared once with their type, default and limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.i18n import N_, _
from desktop.rules.choices import DEFAULT_SENSITIVE_MODULES
from desktop.rules.deadlines import DEFAULT_PRESET, PRESETS
from desktop.rules.retention import MAXIMUM_YEARS, MINIMUM_YEARS


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    default: object
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] | None = None  # the allowed values of a text option
    dates: bool = False  # a list option holding ISO dates

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
        if isinstance(value, dict) and not all(
                isinstance(names, list) and all(isinstance(name, str) for name in names) for names in value.values()):
            return _("This value has the wrong kind.")
        if self.choices is not None and value not in self.choices:
            return _("Choose an entry from the list.")
        if self.dates and isinstance(value, list):
            for item in value:
                try:
                    date.fromisoformat(item)
                except ValueError:
                    return _("“{value}” is not a date; write it as 2025-10-09.").format(value=item)
        return None


IDLE_LOCK_MINUTES = Option("idle_lock_minutes", N_("Lock the screen after minutes without use"), 10, 1, 240)
SENSITIVE_MODULES = Option("sensitive_modules", N_("Business modules that need an identity check"),
                           list(DEFAULT_SENSITIVE_MODULES))

DEADLINE_PRESET = Option("deadline_preset", N_("Response deadline policy"), DEFAULT_PRESET,
                         choices=tuple(PRESETS))
EXTRA_HOLIDAYS = Option("extra_holidays", N_("Extra days off of the centre"), [], dates=True)
EXTRA_WORKING_DAYS = Option("extra_working_days", N_("Extra working days of the centre"), [], dates=True)
# Department id (as text) → the names offered as its handlers when routing.
HANDLERS = Option("handlers", N_("Handlers offered when routing"), {})

# Tickets are kept this many years (the forms: 2); older ones may be purged, exported first.
RETENTION_YEARS = Option("retention_years", N_("Years tickets are kept"), MINIMUM_YEARS, MINIMUM_YEARS, MAXIMUM_YEARS)

OPTIONS: dict[str, Option] = {option.key: option for option in (
    IDLE_LOCK_MINUTES, SENSITIVE_MODULES, DEADLINE_PRESET, EXTRA_HOLIDAYS, EXTRA_WORKING_DAYS, HANDLERS,
    RETENTION_YEARS)}
