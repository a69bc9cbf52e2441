"""Demo tickets carry lifecycle times consistent with their status, with some overdue and some stale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from desktop.models.entities import Ticket
from desktop.rules.deadlines import is_overdue, is_stale
from desktop.services.database import Database
from desktop.services.demo import generate_demo
from tests.helpers import FakeClock

NOW = datetime(2023, 11, 20, 4, 0, tzinfo=UTC)


def test_demo_lifecycle_is_consistent(database: Database) -> None:
    generate_demo(database, 300, seed=7, clock=FakeClock(NOW))
    with database.sessions() as session:
        tickets = list(session.scalars(select(Ticket)))
    open_ = [t for t in tickets if t.status not in ("resolved", "closed")]
    for t in tickets:
        assert t.response_due_at is not None and t.response_due_at > t.call_started_at
        assert t.last_progress_at is not None and t.last_progress_at <= NOW
        if t.status == "pending":
            assert t.responded_at is None
        else:
            assert t.responded_at is not None and t.call_started_at <= t.responded_at <= NOW
        if t.status in ("resolved", "closed"):
            assert t.resolved_at is not None and t.responded_at <= t.resolved_at <= NOW
            assert t.first_contact_resolved in (True, False)
        else:
            assert t.resolved_at is None and t.first_contact_resolved is None
        if t.status == "closed":
            assert t.closed_at is not None and t.resolved_at <= t.closed_at <= NOW
            assert t.satisfaction is not None
        if t.status == "coordinating":
            assert t.coordinator and t.coordinator_reply_at
        if t.status == "escalate":
            assert t.escalated_to and t.final_position
    overdue = [t for t in open_ if is_overdue(True, t.response_due_at, NOW)]
    stale = [t for t in open_ if is_stale(True, t.last_progress_at, NOW)]
    assert overdue and len(overdue) < len(open_) + 1
    assert stale and len(stale) < len(open_)
    fcr = {t.first_contact_resolved for t in tickets if t.status in ("resolved", "closed")}
    assert fcr == {True, False}
    late = [t for t in tickets if t.responded_at and t.responded_at > t.response_due_at]
    assert late and len(late) < len(tickets) / 3
    assert any(t.last_progress_at > NOW - timedelta(hours=6) for t in open_)
