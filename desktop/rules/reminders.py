"""Reminders: what is due, when each one fires, snoozing, and what was missed while the program was closed.

A reminder is derived from a ticket's own due times (SPEC §2), never stored as such:

- ``feedback``: the feedback time promised to the customer (承诺反馈时间), fired ``lead`` before it;
- ``deadline``: the response deadline of an open ticket, fired at the deadline;
- ``callback``: a callback (回访) whose result is not recorded yet, fired at the callback time;
- ``stale``: an open ticket whose progress has not been updated for 6 hours, fired then;
- ``visit``: a planned follow-up visit (回访, desktop/rules/visits), fired when its window opens.

What the agent did with a reminder is a small state per (ticket, kind, due time): when it was last shown,
until when it is snoozed, and whether it is done. A changed due time is a new reminder. The functions
here are pure: the service reads the due times and states, the window only shows the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from desktop.i18n import N_, _, format_datetime, format_time, to_local
from desktop.rules.deadlines import STALE_AFTER

FEEDBACK = "feedback"
DEADLINE = "deadline"
CALLBACK = "callback"
STALE = "stale"
VISIT = "visit"
KINDS = (FEEDBACK, DEADLINE, CALLBACK, STALE, VISIT)

KIND_LABELS = {
    FEEDBACK: N_("Promised feedback"),
    DEADLINE: N_("Response deadline"),
    CALLBACK: N_("Callback"),
    STALE: N_("No progress"),
    VISIT: N_("Follow-up visit"),
}

# Marking these done is an act on the ticket (the customer was called back / given the feedback):
# it goes on the ticket's timeline. Deadline and stale reminders are only acknowledged.
RECORDED_KINDS = frozenset({FEEDBACK, CALLBACK})

DEFAULT_LEAD = timedelta(minutes=15)
MAX_LEAD_MINUTES = 240
SNOOZE_MINUTES = (5, 15, 60)
# How far back a reminder still counts (missed while closed, overdue in the tray). Older due times
# are visible in the ticket table's overdue filter but do not flood the reminders.
LOOKBACK = timedelta(days=7)


@dataclass(frozen=True)
class DueItem:
    """One due time of one ticket (phone already masked)."""

    ticket_id: int
    number: str
    customer: str
    kind: str
    due_at: datetime

    @property
    def key(self) -> tuple[int, str, datetime]:
        return self.ticket_id, self.kind, self.due_at


@dataclass(frozen=True)
class ReminderState:
    shown_at: datetime | None = None
    snoozed_until: datetime | None = None
    done: bool = False


@dataclass(frozen=True)
class Reminder:
    """A due item with what the agent did with it: when it fires (or fired) and whether it was shown."""

    item: DueItem
    fire_at: datetime
    shown: bool
    snoozed: bool

    @property
    def key(self) -> tuple[int, str, datetime]:
        return self.item.key

    def is_due(self, now: datetime) -> bool:
        """Fell due and not shown yet (or its snooze ran out): it pops up now."""
        return not self.shown and self.fire_at <= now

    def is_overdue(self, now: datetime) -> bool:
        """The promised or required moment itself has passed (not only the lead time)."""
        return self.item.due_at <= now


def first_fire(kind: str, due_at: datetime, lead: timedelta = DEFAULT_LEAD) -> datetime:
    """When a reminder of ``kind`` pops up first: ``lead`` before a promised feedback, else at the due time."""
    return due_at - lead if kind == FEEDBACK else due_at


def stale_due(last_progress_at: datetime) -> datetime:
    return last_progress_at + STALE_AFTER


def apply_state(item: DueItem, state: ReminderState | None, lead: timedelta = DEFAULT_LEAD) -> Reminder | None:
    """The reminder as the agent left it; None once it is done."""
    state = state or ReminderState()
    if state.done:
        return None
    if state.snoozed_until is not None:
        fire = state.snoozed_until
        shown = state.shown_at is not None and state.shown_at >= state.snoozed_until
        return Reminder(item, fire, shown, snoozed=True)
    return Reminder(item, first_fire(item.kind, item.due_at, lead), state.shown_at is not None, snoozed=False)


def reminders(items: Iterable[DueItem], states: dict[tuple[int, str, datetime], ReminderState],
              lead: timedelta = DEFAULT_LEAD) -> list[Reminder]:
    """Every live reminder, in the order they fire."""
    live = (apply_state(item, states.get(item.key), lead) for item in items)
    return sorted((r for r in live if r is not None), key=lambda r: (r.fire_at, r.item.number, r.item.kind))


def due_now(items: Sequence[Reminder], now: datetime) -> list[Reminder]:
    return [r for r in items if r.is_due(now)]


def after_shown(items: Sequence[Reminder], shown: Sequence[Reminder]) -> list[Reminder]:
    """``items`` once the ``shown`` ones have popped up (what reading them again would give)."""
    keys = {r.key for r in shown}
    return [replace(r, shown=True) if r.key in keys else r for r in items]


def next_fire(items: Sequence[Reminder], now: datetime) -> datetime | None:
    """The next moment a reminder pops up after ``now`` (the one timer is armed for it)."""
    later = [r.fire_at for r in items if not r.shown and r.fire_at > now]
    return min(later, default=None)


def snooze_until(now: datetime, minutes: int) -> datetime:
    if minutes not in SNOOZE_MINUTES:
        raise ValueError(f"snooze for {minutes} minutes is not offered")
    return now + timedelta(minutes=minutes)


def fire_window(kind: str, start: datetime, end: datetime, lead: timedelta = DEFAULT_LEAD
                ) -> tuple[datetime, datetime]:
    """The range of the stored column (due time, or last progress for ``stale``) whose first firing
    falls in [start, end]: what the service asks the index for."""
    if kind == FEEDBACK:
        return start + lead, end + lead
    if kind == STALE:
        return start - STALE_AFTER, end - STALE_AFTER
    return start, end


def counts(items: Sequence[Reminder], now: datetime) -> tuple[int, int]:
    """(overdue, due today): due moments already passed, and those on today's local date."""
    today = to_local(now).date()
    overdue = sum(1 for r in items if r.is_overdue(now))
    today_count = sum(1 for r in items if to_local(r.item.due_at).date() == today)
    return overdue, today_count


def span(delta: timedelta) -> str:
    """A stretch of time in whole minutes: "15 min", "2 h 5 min"."""
    minutes = max(0, round(delta.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    if hours:
        return _("{hours} h").format(hours=hours)
    return _("{minutes} min").format(minutes=minutes)


def _moment(moment: datetime, now: datetime) -> str:
    return format_time(moment) if to_local(moment).date() == to_local(now).date() else format_datetime(moment)


def describe(reminder: Reminder, now: datetime) -> str:
    """What is due, in words: "承诺反馈时间 10:30（还有 15 分钟）"."""
    item = reminder.item
    if item.kind == STALE:
        return _("No progress since {time}").format(time=_moment(item.due_at - STALE_AFTER, now))
    label = _(KIND_LABELS[item.kind])
    when = _moment(item.due_at, now)
    if item.due_at > now:
        return _("{what} {time} (in {span})").format(what=label, time=when, span=span(item.due_at - now))
    return _("{what} {time} ({span} ago)").format(what=label, time=when, span=span(now - item.due_at))


def done_label(kind: str) -> str:
    """The button that ends a reminder of ``kind``."""
    if kind == CALLBACK:
        return _("Callback done")
    if kind == FEEDBACK:
        return _("Feedback given")
    return _("Dismiss")


def timeline_note(kind: str) -> str:
    """What marking a recorded kind done writes on the ticket's timeline (stored as the entry's kind)."""
    return "callback_done" if kind == CALLBACK else "feedback_done"
