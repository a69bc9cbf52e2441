"""The table's "counted only" filter lists exactly the calls the figures count: per day × type, per agent and
per type, on the hand-counted week of tests/services/figure_data.py (the dashboard's drill-down)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.services.database import Database
from desktop.services.dto import TicketFilter
from desktop.services.figures import FigureService
from desktop.services.ticket_list import TicketListService
from tests.helpers import FakeClock
from tests.services.figure_data import MONDAY, build_week, now

SUNDAY = MONDAY + timedelta(days=6)


@pytest.fixture
def week(shanghai: None, database: Database) -> tuple[FigureService, TicketListService]:
    build_week(database)
    return (FigureService(database.sessions, clock=FakeClock(now())),
            TicketListService(database.sessions, clock=FakeClock(now())))


def test_every_bar_counts_its_listed_tickets(week: tuple[FigureService, TicketListService]) -> None:
    figures, listing = week
    period = figures.period(MONDAY, SUNDAY + timedelta(days=1))
    for day in period.days:
        for code, calls in day.calls_by_type:
            flt = TicketFilter(date_from=day.day, date_to=day.day, issue_type=code, counted_only=True)
            assert listing.count(flt) == calls, (day.day, code)
    for agent in period.agents:
        flt = TicketFilter(date_from=MONDAY, date_to=SUNDAY, agent_code=agent.code, counted_only=True)
        assert listing.count(flt) == agent.tally.calls, agent.code
    for share in period.top_types:
        flt = TicketFilter(date_from=MONDAY, date_to=SUNDAY, issue_type=share.code, counted_only=True)
        assert listing.count(flt) == share.calls, share.code


def test_void_tickets_are_listed_without_counted_only(week: tuple[FigureService, TicketListService]) -> None:
    _figures, listing = week
    counted = TicketFilter(date_from=MONDAY, date_to=SUNDAY, agent_code="A1001", counted_only=True)
    assert listing.count(counted) == 3  # tickets 1, 2 and 5
    assert listing.count(TicketFilter(date_from=MONDAY, date_to=SUNDAY, agent_code="A1001")) == 4  # and void 6
    assert listing.count(TicketFilter(agent_code="A9999")) == 0
