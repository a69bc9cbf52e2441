"""Response deadlines: the centre's policy (one of the three forms' presets) by priority level.

Form 001 (default): 紧急 1 h, 重要 4 h, 一般 24 h. Form 002: 紧急 2 h, 一般 24 h, 复杂 48 h (复杂 is
stored as the 重要 level). Form 000: 紧急 24 h, 一般 3 working days (重要 like 紧急). Hours are clock
hours; working days count on :class:`~desktop.rules.working_days.WorkCalendar` and keep the time of day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from desktop.i18n import N_, _
from desktop.rules.working_days import OFFICIAL, WorkCalendar

HOURS = "hours"
WORKING_DAYS = "working_days"


@dataclass(frozen=True)
class Allowance:
    amount: int
    unit: str = HOURS

    def label(self) -> str:
        if self.unit == WORKING_DAYS:
            return _("{count} working days").format(count=self.amount)
        return _("{count} h").format(count=self.amount)


FORM_001 = "form_001"
FORM_002 = "form_002"
FORM_000 = "form_000"
DEFAULT_PRESET = FORM_001

PRESETS: dict[str, dict[str, Allowance]] = {
    FORM_001: {"urgent": Allowance(1), "important": Allowance(4), "normal": Allowance(24)},
    FORM_002: {"urgent": Allowance(2), "important": Allowance(48), "normal": Allowance(24)},
    FORM_000: {"urgent": Allowance(24), "important": Allowance(24), "normal": Allowance(3, WORKING_DAYS)},
}

PRESET_LABELS: dict[str, str] = {
    FORM_001: N_("Form 001: urgent 1 h, important 4 h, normal 24 h"),
    FORM_002: N_("Form 002: urgent 2 h, normal 24 h, complex 48 h"),
    FORM_000: N_("Form 000: urgent 24 h, normal 3 working days"),
}

# A level the policy does not name (a centre's own priority) gets the most lenient allowance of the preset.
_FALLBACK_LEVEL = "normal"


def allowance(preset: str, priority: str) -> Allowance:
    table = PRESETS.get(preset, PRESETS[DEFAULT_PRESET])
    return table.get(priority, table[_FALLBACK_LEVEL])


def response_due(
    start: datetime,
    priority: str,
    preset: str = DEFAULT_PRESET,
    calendar: WorkCalendar = OFFICIAL,
    local_zone: tzinfo | None = None,
) -> datetime:
    """When the first response is due for a ticket of ``priority`` opened at ``start`` (aware), in UTC.

    Working days are counted on local dates (``local_zone``, default the workstation's): a ticket
    opened on a non-working day starts counting from the next working day at the start of the day.
    """
    given = allowance(preset, priority)
    if given.unit == HOURS:
        return (start + timedelta(hours=given.amount)).astimezone(UTC)
    local = start.astimezone(local_zone)
    day = local.date()
    clock_time = local.timetz().replace(tzinfo=None)
    if not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
        clock_time = time.min
    due_day = calendar.add_working_days(day, given.amount)
    zone = local.tzinfo
    due = datetime.combine(due_day, clock_time, tzinfo=zone)
    return due.astimezone(UTC)


STALE_AFTER = timedelta(hours=6)


def is_overdue(open_: bool, due: datetime | None, now: datetime) -> bool:
    return open_ and due is not None and now > due


def is_stale(open_: bool, last_progress: datetime | None, now: datetime, after: timedelta = STALE_AFTER) -> bool:
    return open_ and last_progress is not None and now - last_progress > after
