"""TicketListService: filters, counts, offset and keyset pages, order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.services.database import Database
from desktop.services.dto import TicketFilter, TicketRow
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft


def _local(day: int, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time in October 2023, as an aware time."""
    return datetime(2023, 10, day, hour, minute).astimezone()


# (local day, hour, minute, phone, issue type, status, description)
CALLS = (
    (14, 23, 50, "13900000001", "consult", "pending", "查询订单物流进度"),
    (15, 0, 10, "13900000002", "complaint", "resolved", "物流显示已签收但未收到包裹"),
    (15, 10, 0, "13912345678", "fault", "pending", "当天购买的产品无法开机"),
    (15, 10, 0, "13800005678", "suggestion", "closed", "建议在APP中增加订单实时进度提醒"),
    (16, 9, 30, "13700001111", "complaint", "in_progress", "包裹晚到3天，投诉快递员"),
    (16, 23, 55, "010-62345678", "consult", "resolved", "咨询发票开具方式"),
    (17, 0, 5, "13600002222", "fault", "pending", "扫地机器人无法充电"),
)



@pytest.fixture
def listing(database: Database) -> TicketListService:
    service = TicketService(database.sessions, clock=FakeClock(datetime(2023, 11, 1, 4, 0, tzinfo=UTC)))
    for day, hour, minute, phone, issue_type, status, description in CALLS:
        service.create(make_draft(call_started_at=_local(day, hour, minute), phone=phone, issue_type=issue_type,
                                  status=status, description=description), AGENT)
    return TicketListService(database.sessions)


def _descriptions(rows: list[TicketRow]) -> set[str]:
    return {row.description for row in rows}


def _check(listing: TicketListService, flt: TicketFilter) -> list[TicketRow]:
    """Rows of ``flt`` (one big page), checking the count agrees with the pages."""
    rows = listing.page(flt, 1000)
    assert listing.count(flt) == len(rows)
    paged = listing.page(flt, 2) + listing.page(flt, 2, offset=2) + listing.page(flt, 1000, offset=4)
    assert [row.id for row in paged] == [row.id for row in rows]
    return rows


def test_no_filter_lists_everything_newest_first(listing: TicketListService) -> None:
    rows = _check(listing, TicketFilter())
    assert len(rows) == len(CALLS)
    keys = [(row.call_started_at, row.id) for row in rows]
    assert keys == sorted(keys, reverse=True)
    assert rows[0].description == "扫地机器人无法充电"
    assert rows[-1].description == "查询订单物流进度"
    # Two calls at the same minute: the later-saved (higher id) comes first.
    same = [row for row in rows if row.call_started_at == _local(15, 10)]
    assert [row.description for row in same] == ["建议在APP中增加订单实时进度提醒", "当天购买的产品无法开机"]


def test_filter_by_local_days_in_china(shanghai: None, listing: TicketListService) -> None:
    # 00:10 on the 15th in Beijing is 16:10 UTC on the 14th: it still belongs to the 15th.
    assert _local(15, 0, 10).astimezone(UTC).day == 14
    test_filter_by_local_days(listing)


def test_filter_by_local_days(listing: TicketListService) -> None:
    rows = _check(listing, TicketFilter(date_from=date(2023, 10, 15), date_to=date(2023, 10, 16)))
    assert _descriptions(rows) == {
        "物流显示已签收但未收到包裹", "当天购买的产品无法开机", "建议在APP中增加订单实时进度提醒",
        "包裹晚到3天，投诉快递员", "咨询发票开具方式",
    }
    assert _descriptions(_check(listing, TicketFilter(date_from=date(2023, 10, 17)))) == {"扫地机器人无法充电"}
    assert _descriptions(_check(listing, TicketFilter(date_to=date(2023, 10, 14)))) == {"查询订单物流进度"}
    assert _check(listing, TicketFilter(date_from=date(2023, 10, 18))) == []


def test_filter_by_status_and_issue_type(listing: TicketListService) -> None:
    pending = _check(listing, TicketFilter(status="pending"))
    assert {row.status for row in pending} == {"pending"}
    assert len(pending) == 3
    complaints = _check(listing, TicketFilter(issue_type="complaint"))
    assert _descriptions(complaints) == {"物流显示已签收但未收到包裹", "包裹晚到3天，投诉快递员"}
    both = _check(listing, TicketFilter(status="resolved", issue_type="complaint"))
    assert _descriptions(both) == {"物流显示已签收但未收到包裹"}


def test_text_search_chinese_substring(listing: TicketListService) -> None:
    rows = _check(listing, TicketFilter(text="物流"))
    assert _descriptions(rows) == {"查询订单物流进度", "物流显示已签收但未收到包裹"}
    assert _descriptions(_check(listing, TicketFilter(text="包裹"))) == {
        "物流显示已签收但未收到包裹", "包裹晚到3天，投诉快递员"}
    assert _check(listing, TicketFilter(text="退款")) == []


def test_text_search_phone_tail(listing: TicketListService) -> None:
    rows = _check(listing, TicketFilter(text="5678"))
    assert _descriptions(rows) == {"当天购买的产品无法开机", "建议在APP中增加订单实时进度提醒", "咨询发票开具方式"}
    assert {row.phone_masked for row in rows} == {"139****5678", "138****5678", "010-****5678"}
    assert _check(listing, TicketFilter(text="9999")) == []


def test_text_search_ticket_number_prefix(listing: TicketListService) -> None:
    day15 = _check(listing, TicketFilter(text="CS20231015"))
    assert sorted(row.number for row in day15) == ["CS20231015001", "CS20231015002", "CS20231015003"]
    assert [row.number for row in _check(listing, TicketFilter(text="cs20231016002"))] == ["CS20231016002"]
    assert len(_check(listing, TicketFilter(text="CS202310"))) == len(CALLS)


def test_text_and_other_filters_combine(listing: TicketListService) -> None:
    rows = _check(listing, TicketFilter(text="物流", status="resolved", date_from=date(2023, 10, 15)))
    assert _descriptions(rows) == {"物流显示已签收但未收到包裹"}


@pytest.fixture
def many(database: Database) -> TicketListService:
    """25 calls, some sharing a start time, so keys tie on time and differ by id."""
    service = TicketService(database.sessions, clock=FakeClock(datetime(2023, 11, 1, 4, 0, tzinfo=UTC)))
    start = _local(20, 9)
    drafts = [make_draft(call_started_at=start + timedelta(minutes=10 * (i // 3)), phone=f"139{i:08d}",
                         description=f"来电 {i}") for i in range(25)]
    service.create_many(drafts, AGENT)
    return TicketListService(database.sessions)


def test_keyset_after_continues_like_offset(many: TicketListService) -> None:
    flt = TicketFilter()
    everything = many.page(flt, 100)
    assert len(everything) == 25
    size = 7
    offset_pages = [many.page(flt, size, offset=offset) for offset in range(0, 25, size)]
    assert sum(offset_pages, []) == everything
    keyset_pages = [many.page(flt, size)]
    while len(keyset_pages[-1]) == size:
        last = keyset_pages[-1][-1]
        keyset_pages.append(many.page(flt, size, after=(last.call_started_at, last.id)))
    assert keyset_pages == offset_pages


def test_keyset_before_goes_back_like_offset(many: TicketListService) -> None:
    flt = TicketFilter()
    size = 6
    third = many.page(flt, size, offset=2 * size)
    second = many.page(flt, size, offset=size)
    first_of_third = third[0]
    assert many.page(flt, size, before=(first_of_third.call_started_at, first_of_third.id)) == second
    # Near the top there are fewer rows before the key.
    top = many.page(flt, 3)
    assert many.page(flt, size, before=(top[2].call_started_at, top[2].id)) == top[:2]


def test_keyset_oldest_first(many: TicketListService) -> None:
    flt = TicketFilter()
    oldest = many.page(flt, 100, newest_first=False)
    assert oldest == list(reversed(many.page(flt, 100)))
    first = many.page(flt, 10, newest_first=False)
    last = first[-1]
    assert many.page(flt, 10, after=(last.call_started_at, last.id), newest_first=False) == oldest[10:20]
