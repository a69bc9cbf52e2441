"""Lifecycle bookkeeping shared by the ticket services: deadlines, response/progress/resolution times.

Progress: every save and every move sets ``last_progress_at``. A process entry (处理过程) also sets it,
with a Core UPDATE that leaves the version alone, so a form holding the ticket can still save.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from desktop.models.entities import Ticket
from desktop.rules.centre_options import DEADLINE_PRESET, EXTRA_HOLIDAYS, EXTRA_WORKING_DAYS
from desktop.rules.deadlines import STALE_AFTER, is_overdue, is_stale, response_due
from desktop.rules.status_machine import PENDING, RESOLVED, allowed_moves, is_open, is_reopen
from desktop.rules.working_days import WorkCalendar
from desktop.services.centre_settings import CentreSettingsService


def work_calendar(session: Session) -> WorkCalendar:
    return WorkCalendar.from_settings(CentreSettingsService.value_in(session, EXTRA_HOLIDAYS),
                                      CentreSettingsService.value_in(session, EXTRA_WORKING_DAYS))


def due_for(session: Session, start: datetime, priority: str) -> datetime:
    """The response deadline of a ticket opened at ``start`` under the centre's policy."""
    preset = CentreSettingsService.value_in(session, DEADLINE_PRESET)
    return response_due(start, priority, preset, work_calendar(session))


def on_create(session: Session, ticket: Ticket, now: datetime) -> None:
    ticket.response_due_at = due_for(session, ticket.call_started_at, ticket.priority)
    ticket.last_progress_at = now
    ticket.handling_round = 1
    if ticket.status != PENDING:
        ticket.responded_at = now
    if ticket.status == RESOLVED:
        ticket.resolved_at = now
        ticket.first_contact_resolved = True
    elif ticket.status == "closed":
        ticket.resolved_at = ticket.closed_at = now
        ticket.first_contact_resolved = True


def on_change(session: Session, ticket: Ticket, old_status: str, old_priority: str, now: datetime) -> None:
    """Times after a save or a move (the ticket already holds its new values)."""
    if ticket.priority != old_priority:
        with session.no_autoflush:  # reading the policy must not write the row half-changed (one version step)
            ticket.response_due_at = due_for(session, ticket.call_started_at, ticket.priority)
    ticket.last_progress_at = now
    new = ticket.status
    if new == old_status:
        return
    if ticket.responded_at is None and new != PENDING:
        ticket.responded_at = now
    if new == RESOLVED:
        ticket.resolved_at = now
        if ticket.first_contact_resolved is None:
            ticket.first_contact_resolved = old_status == PENDING and ticket.handling_round == 1
    elif new == "closed":
        ticket.closed_at = now
    if is_reopen(old_status, new):
        ticket.handling_round = (ticket.handling_round or 1) + 1
        ticket.resolved_at = None
        ticket.first_contact_resolved = False


def touch_progress(session: Session, ticket: Ticket, now: datetime) -> None:
    """Record progress without bumping the ticket's version (a process entry)."""
    session.execute(update(Ticket.__table__).where(Ticket.__table__.c.id == ticket.id)
                    .values(last_progress_at=now))
    session.expire(ticket, ["last_progress_at"])


def facts_of(ticket: Ticket) -> dict[str, object]:
    """What the status machine looks at, as the ticket holds it."""
    names = ("handler", "department_id", "coordinator", "coordinator_reply_at", "escalated_to", "final_position",
             "solution", "satisfaction", "satisfaction_reason", "plan")
    return {name: getattr(ticket, name) for name in names}


def flags(ticket: Ticket, now: datetime) -> tuple[bool, bool, tuple[str, ...]]:
    """(overdue, stale, allowed next moves) of a ticket at ``now``."""
    open_ = is_open(ticket.status) and ticket.voided_at is None
    moves = allowed_moves(ticket.status) if ticket.voided_at is None else ()
    return (is_overdue(open_, ticket.response_due_at, now), is_stale(open_, ticket.last_progress_at, now, STALE_AFTER),
            moves)
