"""The customer view: every ticket of one phone number, beyond the history list's 50."""

from __future__ import annotations

from datetime import timedelta

from desktop.services.customers import HISTORY_LIMIT, CustomerService
from desktop.services.database import Database
from desktop.services.dto import TicketFilter
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft


def test_the_history_counts_every_ticket_and_the_filter_lists_them_all(
        database: Database, tickets: TicketService, clock: FakeClock) -> None:
    start = clock.now
    drafts = [make_draft(phone="13912345678", call_started_at=start - timedelta(hours=n)) for n in range(55)]
    tickets.create_many(drafts, AGENT)
    other = tickets.create(make_draft(phone="13800001111"), AGENT)
    history = CustomerService(database.sessions).history("139 1234 5678")
    assert history is not None and history.customer_id is not None
    assert len(history.tickets) == HISTORY_LIMIT and history.total == 55
    listing = TicketListService(database.sessions)
    flt = TicketFilter(customer_id=history.customer_id)
    assert listing.count(flt) == 55
    rows = listing.page(flt, limit=100)
    assert len(rows) == 55 and other.id not in {r.id for r in rows}
    assert all(r.phone_masked == "139****5678" for r in rows)
    assert [r.call_started_at for r in rows] == sorted((r.call_started_at for r in rows), reverse=True)


def test_a_short_history_is_counted_without_a_second_query(database: Database, tickets: TicketService) -> None:
    first = tickets.create(make_draft(phone="13912345678"), AGENT)
    tickets.create(make_draft(phone="13912345678"), AGENT)
    history = CustomerService(database.sessions).history("13912345678", exclude_ticket=first.id)
    assert history is not None and history.total == 2 and len(history.tickets) == 1
