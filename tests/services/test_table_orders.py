"""The table in other orders: by number, customer name and priority, page by page as a plain sort would give."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.models.ticket_queries import BY_CUSTOMER, BY_NUMBER, BY_PRIORITY
from desktop.services.database import Database
from desktop.services.dto import TicketFilter, TicketRow
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft

NAMES = ["王先生", "李女士", "张伟", "陈静", "刘洋", "Anna", "赵强"]
LEVELS = ["normal", "urgent", "important"]


@pytest.fixture
def listing(database: Database, tickets: TicketService, clock: FakeClock) -> TicketListService:
    start = clock.now - timedelta(days=3)
    tickets.create_many([make_draft(phone=f"139{n:08d}", customer_name=NAMES[n % len(NAMES)],
                                    priority=LEVELS[n % 3], issue_type="complaint" if n % 4 == 0 else "consult",
                                    call_started_at=start + timedelta(minutes=7 * n)) for n in range(61)], AGENT)
    return TicketListService(database.sessions, clock=clock)


def _all(listing: TicketListService, flt: TicketFilter, order: str, ascending: bool, *,
         counted: bool = True) -> list[TicketRow]:
    counts = listing.priority_counts(flt) if order == BY_PRIORITY and counted else None
    rows: list[TicketRow] = []
    for offset in range(0, 70, 9):  # pages that cut across the groups
        rows += listing.ordered_page(flt, 9, offset, order, ascending, counts=counts)
    return rows


@pytest.mark.parametrize("flt", [TicketFilter(), TicketFilter(issue_type="complaint")], ids=["all", "complaints"])
@pytest.mark.parametrize("ascending", [True, False])
def test_each_order_pages_like_a_plain_sort(listing: TicketListService, flt: TicketFilter, ascending: bool) -> None:
    everything = list(listing.each(flt))
    by_number = sorted(everything, key=lambda r: r.number, reverse=not ascending)
    assert [r.id for r in _all(listing, flt, BY_NUMBER, ascending)] == [r.id for r in by_number]
    by_name = sorted(everything, key=lambda r: (r.customer_name, r.id), reverse=not ascending)
    assert [r.id for r in _all(listing, flt, BY_CUSTOMER, ascending)] == [r.id for r in by_name]
    rank = {"urgent": 0, "important": 1, "normal": 2}
    groups = sorted(rank, key=rank.__getitem__, reverse=not ascending)
    by_priority = [r for level in groups for r in sorted((r for r in everything if r.priority == level),
                                                          key=lambda r: (r.call_started_at, r.id), reverse=True)]
    assert [r.id for r in _all(listing, flt, BY_PRIORITY, ascending)] == [r.id for r in by_priority]
    # Without the group sizes (the table's header click): the same pages, each group counted only as
    # far as the page's offset reaches into it.
    assert [r.id for r in _all(listing, flt, BY_PRIORITY, ascending, counted=False)] == [r.id for r in by_priority]


def test_priority_counts_follow_the_filter(listing: TicketListService) -> None:
    assert listing.priority_counts(TicketFilter()) == {"normal": 21, "urgent": 20, "important": 20}
    assert sum(listing.priority_counts(TicketFilter(issue_type="complaint")).values()) == 16
