"""The windowed ticket model: Qt's model checks, paging by key, bounded memory."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.models.ticket_queries import TicketFilter
from desktop.services.dto import Actor
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from desktop.ui.ticket_table_model import COL_NUMBER, COL_PHONE, TicketTableModel
from tests.helpers import make_draft

AGENT = Actor("A1001", "张敏")


class CountingList(TicketListService):
    """Records how the model asks for pages."""

    def __init__(self, sessions) -> None:  # type: ignore[no-untyped-def]
        super().__init__(sessions)
        self.calls: list[dict[str, object]] = []

    def page(self, flt, limit, **kwargs):  # type: ignore[no-untyped-def,override]
        self.calls.append(kwargs)
        return super().page(flt, limit, **kwargs)


@pytest.fixture
def filled(database):  # type: ignore[no-untyped-def]
    start = datetime(2023, 10, 15, 0, 0, tzinfo=UTC)
    service = TicketService(database.sessions, clock=lambda: start + timedelta(days=30))
    drafts = [make_draft(phone=f"139{i:08d}", call_started_at=start + timedelta(minutes=i),
                         description=f"第{i}号 物流查询" if i % 3 == 0 else f"第{i}号 账单疑问")
              for i in range(250)]
    service.create_many(drafts, AGENT)
    return database


def _label(_list: str, code: str) -> str:
    return code.upper()


def test_model_passes_qt_model_checks(qtmodeltester, filled) -> None:  # type: ignore[no-untyped-def]
    model = TicketTableModel(TicketListService(filled.sessions), _label)
    qtmodeltester.check(model, force_py=True)


def test_rows_are_newest_first_with_masked_phones(filled) -> None:  # type: ignore[no-untyped-def]
    model = TicketTableModel(TicketListService(filled.sessions), _label)
    assert model.rowCount() == 250
    first = model.data(model.index(0, COL_NUMBER))
    last = model.data(model.index(249, COL_NUMBER))
    assert first > last  # newest call (highest serial of its day) first
    phone = model.data(model.index(0, COL_PHONE))
    assert "****" in phone and len(phone) == 11


def test_neighbouring_pages_are_fetched_by_key(filled) -> None:  # type: ignore[no-untyped-def]
    service = CountingList(filled.sessions)
    model = TicketTableModel(service, _label)
    model.PAGE_SIZE = 100
    ids = [model.row_id(row) for row in range(250)]
    assert len(set(ids)) == 250
    assert service.calls[0].get("offset") == 0
    assert all("after" in call for call in service.calls[1:])
    # Jumping far away uses an offset; scrolling back up from there uses the key of the page below.
    model.refresh()
    service.calls.clear()
    model.row_id(249)
    model.row_id(150)
    assert service.calls[0].get("offset") == 200
    assert "before" in service.calls[1]
    assert [model.row_id(r) for r in range(100, 250)] == ids[100:]


def test_cache_is_bounded(filled) -> None:  # type: ignore[no-untyped-def]
    model = TicketTableModel(TicketListService(filled.sessions), _label)
    model.PAGE_SIZE = 10
    model.MAX_PAGES = 5
    for row in range(0, 250, 10):
        model.row_id(row)
    assert len(model._pages) == 5


def test_filter_narrows_the_rows(filled) -> None:  # type: ignore[no-untyped-def]
    model = TicketTableModel(TicketListService(filled.sessions), _label)
    model.set_filter(TicketFilter(text="物流"))
    assert model.rowCount() == 84  # i % 3 == 0 for i in 0..249
    assert all("物流" in model.row_at(r).description for r in range(model.rowCount()))


class SlowList(TicketListService):
    """Holds every read until the test lets it go (a search that takes a while on a big table)."""

    def __init__(self, sessions) -> None:  # type: ignore[no-untyped-def]
        import threading

        super().__init__(sessions)
        self.go = threading.Event()
        self.go.set()

    def page(self, flt, limit, **kwargs):  # type: ignore[no-untyped-def,override]
        self.go.wait(10)
        return super().page(flt, limit, **kwargs)

    def count(self, flt):  # type: ignore[no-untyped-def,override]
        self.go.wait(10)
        return super().count(flt)


def test_a_background_search_keeps_the_rows_until_its_first_page_then_grows_to_the_count(
        qtbot, filled) -> None:  # type: ignore[no-untyped-def]
    service = SlowList(filled.sessions)
    model = TicketTableModel(service, _label, background=True)
    model.PAGE_SIZE = 10
    assert model.rowCount() == 250  # no search: read at once
    service.go.clear()
    model.set_filter(TicketFilter(text="物流"))
    assert model.searching and model.rowCount() == 250  # the previous rows stay while it reads
    assert model.filter.text == "物流"
    counts: list[tuple[bool, bool, int]] = []
    model.loaded.connect(lambda: counts.append((model.searching, model.counting, model.rowCount())))
    service.go.set()
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)
    # first the page of 10 (the count still coming), then all 84 hits (i % 3 == 0 for i in 0..249)
    assert counts == [(False, True, 10), (False, False, 84)]
    assert all("物流" in model.row_at(r).description for r in range(84))
    model.wait_for_search()


def test_a_newer_search_replaces_the_one_waiting(qtbot, filled) -> None:  # type: ignore[no-untyped-def]
    service = SlowList(filled.sessions)
    model = TicketTableModel(service, _label, background=True)
    service.go.clear()
    for text in ("物", "物流", "账单"):  # typed while the first still reads
        model.set_filter(TicketFilter(text=text))
    service.go.set()
    qtbot.waitUntil(lambda: not model.busy, timeout=10000)
    assert model.rowCount() == 166  # 账单 in the other 250 - 84
    assert all("账单" in model.row_at(r).description for r in range(0, 166, 17))
    model.wait_for_search()


def test_clearing_the_search_reads_at_once_and_drops_the_running_one(qtbot, filled) -> None:  # type: ignore[no-untyped-def]
    service = SlowList(filled.sessions)
    model = TicketTableModel(service, _label, background=True)
    service.go.clear()
    model.set_filter(TicketFilter(text="物流"))
    service.go.set()
    model.set_filter(TicketFilter())
    assert not model.busy and model.rowCount() == 250
    model.wait_for_search()
    qtbot.wait(50)  # what the dropped search yields, if anything, arrives now and is ignored
    assert model.rowCount() == 250 and model.filter == TicketFilter()


class BrokenSearch(TicketListService):
    def page(self, flt, limit, **kwargs):  # type: ignore[no-untyped-def,override]
        from desktop.services.errors import StorageError

        if flt.text:
            raise StorageError("数据库暂时无法读取")
        return super().page(flt, limit, **kwargs)


def test_a_failed_background_search_is_reported_and_shows_no_stale_rows(qtbot, filled) -> None:  # type: ignore[no-untyped-def]
    model = TicketTableModel(BrokenSearch(filled.sessions), _label, background=True)
    with qtbot.waitSignal(model.load_failed, timeout=10000) as blocker:
        model.set_filter(TicketFilter(text="物流"))
    assert blocker.args == ["数据库暂时无法读取"]
    assert model.rowCount() == 0 and not model.busy


class BrokenList(TicketListService):
    def count(self, flt):  # type: ignore[no-untyped-def,override]
        from desktop.services.errors import StorageError

        raise StorageError("数据库暂时无法读取")


def test_a_failed_read_is_reported_not_raised(qtbot, database) -> None:  # type: ignore[no-untyped-def]
    model = TicketTableModel(BrokenList(database.sessions), _label)
    with qtbot.waitSignal(model.load_failed) as blocker:
        model.refresh()
    assert blocker.args == ["数据库暂时无法读取"]
    assert model.rowCount() == 0


def test_header_orders_by_customer_and_priority_and_ignores_other_columns(qtbot, window, admin) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, Qt

    from desktop.ui.ticket_table_model import COL_CUSTOMER, COL_DESCRIPTION, COL_PRIORITY, COL_TIME

    for name, level in (("王先生", "normal"), ("李女士", "urgent"), ("张伟", "important"), ("陈静", "urgent")):
        window.ctx.tickets.create(make_draft(customer_name=name, priority=level), admin)
    window.refresh()
    header = window.table.horizontalHeader()
    model = window.model

    def click(col: int) -> None:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(col) + 5, header.height() // 2))

    def column(col: int) -> list[str]:
        return [model.index(r, col).data() for r in range(model.rowCount())]

    newest = column(COL_CUSTOMER)
    click(COL_PRIORITY)
    assert header.sortIndicatorSection() == COL_PRIORITY == model.sort_column
    groups = ["紧急", "紧急", "重要", "一般"]
    if model.sort_order == Qt.SortOrder.DescendingOrder:
        groups.reverse()
    assert column(COL_PRIORITY) == groups
    click(COL_PRIORITY)  # the second click turns the order round
    assert column(COL_PRIORITY) == groups[::-1]
    model.sort(COL_CUSTOMER, Qt.SortOrder.AscendingOrder)
    header.setSortIndicator(COL_CUSTOMER, Qt.SortOrder.AscendingOrder)
    names = [model.row_at(r).customer_name for r in range(model.rowCount())]
    assert names == sorted(names) and len(set(names)) == 4
    # A column without an order leaves the table and its indicator as they are.
    click(COL_DESCRIPTION)
    assert header.sortIndicatorSection() == COL_CUSTOMER and header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert [model.row_at(r).customer_name for r in range(model.rowCount())] == names
    model.sort(COL_TIME, Qt.SortOrder.DescendingOrder)
    assert column(COL_CUSTOMER) == newest
