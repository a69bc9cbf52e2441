"""One ticket's work order: its fields and timeline, masked phone, one or two pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.export.work_order_pdf import build_work_order
from desktop.services.archive import ArchiveService
from desktop.services.database import Database
from desktop.services.tickets import TicketService
from tests.export.archive_data import PHONES, build_spec_day, local
from tests.export.pdf_text import font_files, pages_text
from tests.helpers import AGENT, FakeClock


@pytest.fixture
def numbers(database: Database) -> list[str]:
    return build_spec_day(database)


def _write(database: Database, number: str, path: Path) -> int:
    archive = ArchiveService(database.sessions, clock=FakeClock(local(18, 0))).ticket(number)
    return build_work_order(archive, path, centre="星河客服中心", printed_by="张敏（A1001）")


def test_work_order_holds_fields_and_timeline(database: Database, numbers: list[str], tmp_path: Path) -> None:
    path = tmp_path / "order.pdf"
    assert _write(database, numbers[1], path) == 1
    text = "".join(pages_text(path))
    assert numbers[1] in text and "客户服务工单" in text and "第 1 页 / 共 1 页" in text
    for expected in ("王先生", "139****5678", "故障", "紧急", "技术部", "李工", "为客户更换新产品，当日顺丰寄出",
                     "李工联系客户获取序列号SN56", "检测确认主板故障，申请更换", "满意", "处理人签字", "主管签字"):
        assert expected in text, expected
    for section in ("工单", "客户", "处理过程", "结果与反馈", "归档信息"):
        assert section in text
    assert PHONES[0] not in text
    assert all(font_files(path))


def test_a_long_timeline_takes_a_second_page(database: Database, numbers: list[str], tmp_path: Path) -> None:
    service = TicketService(database.sessions, clock=FakeClock(local(16, 0)))
    detail = service.find_by_number(numbers[2])
    for i in range(30):
        service.add_process_entry(detail.id, f"第{i + 1}次联系物流公司，包裹仍在中转站，已催促加急派送", AGENT)
    path = tmp_path / "order.pdf"
    assert _write(database, numbers[2], path) == 2
    texts = pages_text(path)
    assert "第 2 页 / 共 2 页" in texts[1] and "第30次联系物流公司" in texts[1]


def test_the_longest_description_runs_on_over_pages(database: Database, tmp_path: Path) -> None:
    """A description as long as the form takes (4,000 characters) is one row taller than a page: it runs on
    to the next pages instead of stopping the work order with reportlab's LayoutError."""
    from tests.helpers import make_draft

    lines = [f"第{i:03d}行：客户详细描述了产品在不同场景下出现的问题。" for i in range(150)]
    text = "\n".join(lines)[:4000]
    service = TicketService(database.sessions, clock=FakeClock(local(16, 0)))
    detail = service.create(make_draft(call_started_at=local(9, 0), description=text), AGENT)
    path = tmp_path / "order.pdf"
    assert _write(database, detail.number, path) >= 2
    shown = "".join("".join(pages_text(path)).split())
    assert all(line[:8] in shown for line in text.split("\n") if len(line) > 10)
