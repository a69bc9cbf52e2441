"""A search reads its page two ways — walking the newest rows and probing each for the terms, or reading the
list of matching ids — and counts on the term index alone when the terms settle it: same answers every way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.models import ticket_queries
from desktop.services.database import Database
from desktop.services.dto import TicketFilter
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, make_draft

START = datetime(2024, 3, 1, 1, 0, tzinfo=UTC)
TEXTS = ("物流查询", "申请退款", "无法开机", "无法联系，开机键松动", "WiFi router 断线", "物流 延迟 退款")


@pytest.fixture
def listing(database: Database) -> TicketListService:
    service = TicketService(database.sessions, clock=lambda: START + timedelta(days=10))
    # 60 calls a minute apart; texts in a fixed cycle, so 物流 is in 1 of 3 and 开机 in 1 of 3.
    service.create_many([make_draft(phone=f"138{i:08d}", call_started_at=START + timedelta(minutes=i),
                                    description=f"第{i}号 {TEXTS[i % len(TEXTS)]}") for i in range(60)], AGENT)
    return TicketListService(database.sessions)


def _expected(query: str) -> list[str]:
    """The descriptions holding every piece, newest first (the table's order), worked out here in Python."""
    texts = [(START + timedelta(minutes=i), f"第{i}号 {TEXTS[i % len(TEXTS)]}") for i in range(60)]
    pieces = query.lower().split()
    return [text for _at, text in sorted(texts, reverse=True) if all(piece in text.lower() for piece in pieces)]


def _all_pages(listing: TicketListService, query: str, size: int) -> list[str]:
    flt, after, seen = TicketFilter(text=query), None, []
    while True:
        rows = listing.page(flt, size, after=after)
        seen += [row.description for row in rows]
        if len(rows) < size:
            return seen
        after = (rows[-1].call_started_at, rows[-1].id)


@pytest.mark.parametrize("window", [3, 7, 1000])  # the walk gives up at once / part way / never
@pytest.mark.parametrize("query", ["物流", "开机", "无法开机", "物流 退款", "wifi", "rout", "物", "没有这个词"])
def test_every_page_is_the_same_whichever_way_it_is_read(listing: TicketListService, query: str, window: int,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ticket_queries, "WALK_WINDOW", window)
    expected = _expected(query)
    assert _all_pages(listing, query, 4) == expected
    assert listing.count(TicketFilter(text=query)) == len(expected)


def test_worked_counts(listing: TicketListService) -> None:
    # i % 6 == 0 or 5 holds 物流 (物流查询, 物流 延迟 退款): 10 + 10 of the 60 calls.
    assert listing.count(TicketFilter(text="物流")) == 20
    # 无法开机 only as one word (i % 6 == 2); 无法…开机 apart (i % 6 == 3) does not count.
    assert listing.count(TicketFilter(text="无法开机")) == 10
    # 开机 in both: 20.
    assert listing.count(TicketFilter(text="开机")) == 20


def test_the_term_count_keeps_to_the_other_filters(listing: TicketListService) -> None:
    # The 60 calls all fall within the hour after START: the day keeps the 20; every call is urgent, none is normal.
    day = TicketFilter(text="物流", date_from=START.date(), date_to=START.date())
    assert listing.count(day) == 20
    assert listing.count(TicketFilter(text="物流", priority="urgent")) == 20
    assert listing.count(TicketFilter(text="物流", priority="normal")) == 0


def test_a_ticket_number_or_a_phone_tail_is_read_on_its_index_not_walked(listing: TicketListService,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[str] = []
    real_walk = ticket_queries._walk
    monkeypatch.setattr(ticket_queries, "_walk",
                        lambda session, flt, *args: walked.append(flt.text) or real_walk(session, flt, *args))
    newest = listing.page(TicketFilter(), 1)[0]
    assert [row.number for row in listing.page(TicketFilter(text=newest.number), 10)] == [newest.number]
    # The phones are 138 followed by the call's index: the last four 0059 are call 59's alone.
    assert [row.description for row in listing.page(TicketFilter(text="0059"), 10)] == ["第59号 物流 延迟 退款"]
    assert walked == []
    listing.page(TicketFilter(text="物流"), 4)  # a word many tickets hold: the newest rows are walked
    assert walked == ["物流"]
