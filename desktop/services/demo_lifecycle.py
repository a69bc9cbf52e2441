"""Lifecycle times for demo tickets, consistent with each ticket's status.

The service stamps a ticket saved in one go with the save time for everything; a real ticket is
answered minutes after the call, resolved hours or days later, closed after the callback. This sets
those times (never after ``now``) directly on the demo rows, so the table shows a believable mix:
tickets answered in time and late, some open ones overdue, some with progress older than 6 hours.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from desktop.models.entities import Ticket
from desktop.rules.status_machine import CLOSED, COORDINATING, ESCALATE, PENDING, RESOLVED
from desktop.services.dto import TicketDetail

_COORDINATORS = ("王主管", "周经理", "陈组长", "吴工")
_SUPERVISORS = ("刘经理", "值班主管何敏")
_FINAL_POSITIONS = ("要求全额退款", "要求上门更换新机", "要求书面道歉并补偿", "接受优惠券补偿")


def _minutes(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(minutes=rng.uniform(low, high))


def lifecycle_values(detail: TicketDetail, rng: random.Random, now: datetime) -> dict[str, object]:
    """The lifecycle columns of one demo ticket, given its status and call times."""
    draft = detail.draft
    ended = draft.call_ended_at or detail.created_at
    due = detail.lifecycle.response_due_at if detail.lifecycle else None
    status = draft.status
    first_call = status in (RESOLVED, CLOSED) and not draft.handler
    values: dict[str, object] = {"responded_at": None, "resolved_at": None, "closed_at": None}
    if first_call:
        values.update(responded_at=ended, resolved_at=ended, last_progress_at=ended, first_contact_resolved=True)
        if status == CLOSED:
            values["closed_at"] = min(now, ended + _minutes(rng, 60 * 20, 60 * 60))
        return values
    responded = ended + _minutes(rng, 5, 25)
    if due is not None and rng.random() < 0.12:  # answered late
        responded = due + _minutes(rng, 10, 180)
    responded = min(responded, now)
    if status != PENDING:
        values["responded_at"] = responded
    if status in (RESOLVED, CLOSED):
        resolved = min(now, responded + _minutes(rng, 20, 60 * 36))
        values.update(resolved_at=resolved, last_progress_at=resolved, first_contact_resolved=False)
        if status == CLOSED:
            values["closed_at"] = min(now, resolved + _minutes(rng, 60 * 20, 60 * 72))
            values["last_progress_at"] = values["closed_at"]
            if draft.satisfaction == "unsatisfied":
                values.update(escalated_to=rng.choice(_SUPERVISORS), final_position=rng.choice(_FINAL_POSITIONS))
        return values
    # Open: about half were updated within the last few hours, the rest not since the first response (stale).
    start = responded if status != PENDING else ended
    recent = now - _minutes(rng, 20, 60 * 5)
    values["last_progress_at"] = recent if recent > start and rng.random() < 0.5 else start
    if status == COORDINATING:
        values.update(coordinator=rng.choice(_COORDINATORS),
                      coordinator_reply_at=now + _minutes(rng, -60 * 6, 60 * 30))
    elif status == ESCALATE:
        values.update(escalated_to=rng.choice(_SUPERVISORS), final_position=rng.choice(_FINAL_POSITIONS))
    return values


def settle_lifecycle(session: Session, details: Sequence[TicketDetail], rng: random.Random, now: datetime) -> None:
    """Write the believable times of freshly created demo tickets (no version step: nobody holds them yet)."""
    table = Ticket.__table__
    for detail in details:
        session.execute(update(table).where(table.c.id == detail.id).values(**lifecycle_values(detail, rng, now)))
