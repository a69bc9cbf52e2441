"""Follow-up visits (回访, SPEC §2–§3): which visits the records call for, when, and what a visit record needs.

Proposals, from a resolved ticket (the resolution time is the service):

- ``after_resolution``: a complaint or an urgent repair, 24–48 h after it was resolved;
- ``complaint_follow_up``: a complaint again, on the 3rd to 5th working day after it was resolved;
- ``new_customer``: a new customer's first service, on the 1st to 3rd working day after it;
- ``periodic``: a customer marked for monthly or quarterly visits, one period after the last one
  (or after the mark), with a week to make it.

A supervisor's target list adds ``targeted`` visits. Working days follow the centre calendar
(desktop/rules/working_days). A visit is recorded within 2 working days of the call; later is flagged.
Pure functions: the service reads the facts and stores the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from desktop.i18n import N_, _, to_local
from desktop.rules.working_days import WorkCalendar

AFTER_RESOLUTION = "after_resolution"
COMPLAINT_FOLLOW_UP = "complaint_follow_up"
NEW_CUSTOMER_VISIT = "new_customer"
PERIODIC = "periodic"
TARGETED = "targeted"
KINDS: dict[str, str] = {
    AFTER_RESOLUTION: N_("24–48 h after resolution"),
    COMPLAINT_FOLLOW_UP: N_("Complaint follow-up"),
    NEW_CUSTOMER_VISIT: N_("New customer first service"),
    PERIODIC: N_("Periodic visit"),
    TARGETED: N_("Target list"),
}

PLANNED = "planned"
DONE = "done"
SKIPPED = "skipped"
STATUSES: dict[str, str] = {PLANNED: N_("Planned"), DONE: N_("Done"), SKIPPED: N_("Skipped")}

MONTHLY = "monthly"
QUARTERLY = "quarterly"
PERIODS: dict[str, str] = {MONTHLY: N_("Monthly"), QUARTERLY: N_("Quarterly")}
_PERIOD_MONTHS = {MONTHLY: 1, QUARTERLY: 3}
PERIODIC_WINDOW = timedelta(days=7)
# A periodic visit is proposed this long before its window opens (so it is on the list in time).
PERIODIC_LOOKAHEAD = timedelta(days=7)

# The scripted questions' dimensions (SPEC §3), each scored 1–5.
DIMENSIONS: dict[str, str] = {
    "score_attitude": N_("Service attitude"),
    "score_expertise": N_("Expertise"),
    "score_timeliness": N_("Timeliness of response"),
    "score_effect": N_("Effect of the solution"),
    "score_process": N_("Ease of the process"),
    "score_value": N_("Added-value services"),
}
SCORE_MIN, SCORE_MAX = 1, 5
RECOMMEND_MIN, RECOMMEND_MAX = 0, 10
TEXT_MAX = 2000
RECORD_WITHIN_WORKING_DAYS = 2

COMPLAINT_TYPES = frozenset({"complaint"})
COMPLAINT_MODULES = frozenset({"after_sales"})
URGENT_REPAIR_MODULES = frozenset({"emergency_repair"})


def kind_label(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def status_label(status: str) -> str:
    return _(STATUSES[status]) if status in STATUSES else status


@dataclass(frozen=True)
class ServedTicket:
    """What the proposals look at in a resolved ticket."""

    ticket_id: int
    customer_id: int
    issue_type: str
    business_module: str | None
    priority: str
    customer_type: str
    resolved_at: datetime


@dataclass(frozen=True)
class Proposal:
    ticket_id: int
    customer_id: int
    kind: str
    due_from: datetime
    due_until: datetime

    @property
    def key(self) -> tuple[int, str]:
        return self.ticket_id, self.kind


def is_complaint(ticket: ServedTicket) -> bool:
    return ticket.issue_type in COMPLAINT_TYPES or (ticket.business_module or "") in COMPLAINT_MODULES


def is_urgent_repair(ticket: ServedTicket) -> bool:
    module = ticket.business_module or ""
    return module in URGENT_REPAIR_MODULES or (ticket.issue_type == "fault" and ticket.priority == "urgent")


def on_working_day(moment: datetime, days: int, calendar: WorkCalendar) -> datetime:
    """The same local time of day on the ``days``-th working day after ``moment``'s local date."""
    local = to_local(moment)
    day = calendar.add_working_days(local.date(), days)
    return datetime.combine(day, local.timetz()).astimezone(moment.tzinfo)


def propose_for_ticket(ticket: ServedTicket, calendar: WorkCalendar) -> list[Proposal]:
    """Every visit a resolved ticket calls for, in the order they fall due."""
    found: list[Proposal] = []
    resolved = ticket.resolved_at
    if is_complaint(ticket) or is_urgent_repair(ticket):
        found.append(Proposal(ticket.ticket_id, ticket.customer_id, AFTER_RESOLUTION,
                              resolved + timedelta(hours=24), resolved + timedelta(hours=48)))
    if is_complaint(ticket):
        found.append(Proposal(ticket.ticket_id, ticket.customer_id, COMPLAINT_FOLLOW_UP,
                              on_working_day(resolved, 3, calendar), on_working_day(resolved, 5, calendar)))
    if ticket.customer_type == "new":
        found.append(Proposal(ticket.ticket_id, ticket.customer_id, NEW_CUSTOMER_VISIT,
                              on_working_day(resolved, 1, calendar), on_working_day(resolved, 3, calendar)))
    return found


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` the given months later (the 31st becomes the month's last day)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def propose_periodic(customer_id: int, ticket_id: int, period: str, since: datetime, now: datetime
                     ) -> Proposal | None:
    """The next periodic visit one period after ``since`` (the last periodic visit's window or the mark),
    proposed once its window opens within the look-ahead; None when it is not time yet."""
    if period not in _PERIOD_MONTHS:
        return None
    due = add_months(since, _PERIOD_MONTHS[period])
    if due - PERIODIC_LOOKAHEAD > now:
        return None
    return Proposal(ticket_id, customer_id, PERIODIC, due, due + PERIODIC_WINDOW)


def record_deadline(visited_at: datetime, calendar: WorkCalendar) -> datetime:
    """The end of the 2nd working day after the visit's local date: a record saved later is late."""
    local = to_local(visited_at)
    day = calendar.add_working_days(local.date(), RECORD_WITHIN_WORKING_DAYS)
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=local.tzinfo).astimezone(visited_at.tzinfo)


def is_late(visited_at: datetime, recorded_at: datetime, calendar: WorkCalendar) -> bool:
    return recorded_at >= record_deadline(visited_at, calendar)


@dataclass(frozen=True)
class VisitRecord:
    """What the agent types on the visit form. ``status`` is ``done`` (reached) or ``skipped``."""

    visited_at: datetime
    status: str = DONE
    scores: Mapping[str, int | None] = field(default_factory=lambda: MappingProxyType({}))
    recommendation: int | None = None
    resolved: bool | None = None
    customer_words: str = ""
    follow_up_action: str = ""


@dataclass(frozen=True)
class RecordReport:
    errors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return next(iter(self.errors.values()), "")


def validate_record(record: VisitRecord, now: datetime) -> RecordReport:
    """Every problem of a visit record, field by field, each saying what to do."""
    errors: dict[str, str] = {}
    if record.status not in (DONE, SKIPPED):
        errors["status"] = _("Choose whether the visit was made or skipped.")
    if record.visited_at > now + timedelta(minutes=5):
        errors["visited_at"] = _("The visit time is in the future: enter when the call was made.")
    for name, text in (("customer_words", record.customer_words), ("follow_up_action", record.follow_up_action)):
        if len(text) > TEXT_MAX:
            errors[name] = _("Shorten this to {limit} characters; it has {count}.").format(
                limit=TEXT_MAX, count=len(text))
    if record.status == SKIPPED:
        if not record.customer_words.strip():
            errors["customer_words"] = _("Write why the visit was skipped (not reachable, declined …).")
        return RecordReport(MappingProxyType(errors))
    for name in DIMENSIONS:
        score = record.scores.get(name)
        if score is None:
            errors[name] = _("Give a score from {low} to {high}.").format(low=SCORE_MIN, high=SCORE_MAX)
        elif not SCORE_MIN <= score <= SCORE_MAX:
            errors[name] = _("{value} is out of range: give a score from {low} to {high}.").format(
                value=score, low=SCORE_MIN, high=SCORE_MAX)
    if record.recommendation is None:
        errors["recommendation"] = _("Give the recommendation score from {low} to {high}.").format(
            low=RECOMMEND_MIN, high=RECOMMEND_MAX)
    elif not RECOMMEND_MIN <= record.recommendation <= RECOMMEND_MAX:
        errors["recommendation"] = _("{value} is out of range: give a score from {low} to {high}.").format(
            value=record.recommendation, low=RECOMMEND_MIN, high=RECOMMEND_MAX)
    if record.resolved is None:
        errors["resolved"] = _("Choose whether the customer's problem is resolved.")
    elif not record.resolved and not record.follow_up_action.strip():
        errors["follow_up_action"] = _("The problem is not resolved: write the follow-up action agreed with "
                                       "the customer.")
    return RecordReport(MappingProxyType(errors))
