"""The table's row count without a filter comes from ticket_totals, which triggers keep (migration 0013):
it must agree with count(*) through every way tickets come and go."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from alembic import command
from sqlalchemy import func, select

from desktop.models import schema
from desktop.models.entities import Ticket, TicketTotal
from desktop.services.database import Database
from desktop.services.dto import TicketFilter
from desktop.services.retention import RetentionService
from desktop.services.ticket_list import TicketListService
from tests.account_helpers import build_centre
from tests.helpers import FakeClock, make_draft


def _counted(database: Database) -> tuple[int, int | None]:
    with database.sessions() as session:
        return (int(session.execute(select(func.count()).select_from(Ticket)).scalar_one()),
                session.execute(select(TicketTotal.tickets)).scalar())


def test_the_total_follows_new_tickets_and_the_purge(database: Database, tmp_path: Path) -> None:
    clock = FakeClock(datetime(2023, 10, 15, 2, 0).astimezone())
    centre = build_centre(database, clock)
    listing = TicketListService(database.sessions, clock=clock)
    assert listing.count(TicketFilter()) == 0
    old = clock.now - timedelta(days=3 * 365)
    centre.tickets.create_many([make_draft(call_started_at=old, description="旧的咨询"),
                                make_draft(call_started_at=old + timedelta(minutes=5), description="旧的投诉")],
                               centre.agent)
    centre.tickets.create(make_draft(call_started_at=clock.now - timedelta(hours=1)), centre.agent)
    assert _counted(database) == (3, 3)
    assert listing.count(TicketFilter()) == 3
    service = RetentionService(database.sessions, clock=clock)
    assert service.purge(centre.admin, tmp_path / "removed.csv", service.plan()) == 2
    assert _counted(database) == (1, 1)
    assert listing.count(TicketFilter()) == 1
    # A filter still counts the rows themselves.
    assert listing.count(TicketFilter(text="旧的")) == 0


def test_the_upgrade_counts_the_tickets_already_there(database: Database) -> None:
    clock = FakeClock(datetime(2023, 10, 15, 2, 0).astimezone())
    centre = build_centre(database, clock)
    centre.tickets.create_many([make_draft(call_started_at=clock.now - timedelta(minutes=i)) for i in range(4)],
                               centre.agent)
    config = schema._config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert _counted(database) == (4, 4)
    centre.tickets.create(make_draft(call_started_at=clock.now), centre.agent)
    assert TicketListService(database.sessions, clock=clock).count(TicketFilter()) == 5
