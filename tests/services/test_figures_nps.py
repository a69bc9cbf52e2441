"""NPS in the figures: from the follow-up visits' 0–10 recommendation scores of the period."""

from __future__ import annotations

from datetime import timedelta

from desktop.i18n import to_local
from desktop.models.entities import Ticket
from desktop.models.visits import Visit
from desktop.services.database import Database
from desktop.services.figures import FigureService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft


def test_nps_counts_promoters_and_detractors_of_the_visits_in_the_period(
        database: Database, tickets: TicketService, clock: FakeClock) -> None:
    ticket_id = tickets.create(make_draft(call_started_at=clock.now), AGENT).id
    with database.sessions.begin() as session:
        customer_id = session.get(Ticket, ticket_id).customer_id  # type: ignore[union-attr]
        for n, score in enumerate((10, 9, 8, 6, 3, None)):
            session.add(Visit(ticket_id=ticket_id, customer_id=customer_id, kind=f"k{n}", due_from=clock.now,
                              due_until=clock.now, status="done", created_at=clock.now, created_by="S001",
                              visited_at=clock.now + timedelta(hours=1), recommendation=score))
        session.add(Visit(ticket_id=ticket_id, customer_id=customer_id, kind="later", due_from=clock.now,
                          due_until=clock.now, status="done", created_at=clock.now, created_by="S001",
                          visited_at=clock.now + timedelta(days=10), recommendation=0))
    day = to_local(clock.now).date()
    figures = FigureService(database.sessions, clock=clock)
    week = figures.period(day, day + timedelta(days=7))
    assert week.nps == (2 - 2) / 5 * 100  # 10, 9 promote; 6, 3 detract; 8 passive; no score: not surveyed
    month = figures.period(day, day + timedelta(days=30))
    assert month.nps is not None and round(month.nps, 1) == round((2 - 3) / 6 * 100, 1)
    assert figures.period(day + timedelta(days=40), day + timedelta(days=41)).nps is None
    assert figures.period(day, day + timedelta(days=7), agent_id=1).nps is None  # the centre's, not an agent's
