"""Importing call logs: seed layout recognised, bad rows reported and written back, no duplicates."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.export.layout_store import LayoutStore
from desktop.models.entities import ImportKey, Ticket, TimelineEntry
from desktop.services.call_log_import import CallLogImportService, ImportCancelled, ImportRefused
from desktop.services.database import Database
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock

# The 接听记录表 template of seed form 000, column for column.
SEED_HEADERS = ["来电日期", "来电时间", "客户联系方式", "客户姓名", "客户类型", "问题类型", "问题描述", "情绪状态",
                "优先级", "客服姓名", "处理过程", "处理结果", "承诺反馈时间", "客户满意度", "跟进人", "备注"]
GOOD = [
    ["2023-10-25", "14:30", "13912345678", "*女士", "老客户", "投诉",
     "客户称10月20日购买的产品，使用3天出现无法开机，要求换货", "不满", "紧急", "张敏",
     "已安抚客户情绪，引导提供购买凭证", "处理中", "2023-10-2618:00前", "", "李工",
     "客户曾于10月15日咨询过同类问题，未解决"],
    ["2023-10-25", "15:05", "010-62345678", "王先生", "新客户", "咨询", "咨询发票开具方式", "平和", "一般", "张敏",
     "已告知在订单详情页申请", "已解决", "", "满意", "", ""],
    ["2023-10-26", "09:12", "13800005678", "", "新客户", "建议", "建议APP增加订单进度实时提醒功能", "平和", "一般",
     "陈静", "", "待处理", "", "", "", ""],
]
BAD = [
    ["2023-10-26", "10:00", "139****5678", "李女士", "", "投诉", "包裹晚到3天", "焦急", "紧急", "", "", "处理中",
     "", "", "", ""],  # a masked phone cannot be called back
    ["2023-10-27", "", "13700001111", "赵先生", "", "吐槽", "", "平和", "超级", "", "", "", "", "", "", ""],
]


def _xlsx(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def importer(database: Database, tmp_path: Path) -> CallLogImportService:
    clock = FakeClock(datetime(2023, 10, 26, 2, 0, tzinfo=UTC))
    return CallLogImportService(database.sessions, TicketService(database.sessions, clock=clock), clock=clock,
                                layouts=LayoutStore(tmp_path / "layouts.json"))


def _tickets(database: Database) -> list[Ticket]:
    with database.sessions() as session:
        return list(session.scalars(select(Ticket).order_by(Ticket.call_started_at)))


def test_a_seed_layout_file_imports_its_calls(importer: CallLogImportService, database: Database,
                                             tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "log.xlsx", SEED_HEADERS, GOOD)
    assert importer.layout_for(SEED_HEADERS) is not None
    result = importer.import_file(path, AGENT)
    assert (result.created, result.already, result.problems) == (3, 0, ())
    first, second, third = _tickets(database)
    assert first.call_started_at == datetime(2023, 10, 25, 14, 30).astimezone()
    assert first.number.startswith("CS20231025")
    assert (first.issue_type, first.emotion, first.priority, first.status) == (
        "complaint", "dissatisfied", "urgent", "in_progress")
    assert first.phone == "+8613912345678" and first.follow_up_owner == "李工"
    assert first.promised_feedback_at == datetime(2023, 10, 26, 18, 0).astimezone()  # still ahead: a reminder
    assert "客户曾于10月15日" in (first.remark or "") and "张敏" in (first.remark or "")
    assert (second.status, second.satisfaction, third.status) == ("resolved", "satisfied", "pending")
    with database.sessions() as session:
        note = session.scalars(select(TimelineEntry.note).where(TimelineEntry.ticket_id == first.id)).one()
    assert note == "从 log.xlsx 导入，第 2 行。\n已安抚客户情绪，引导提供购买凭证"


def test_bad_rows_are_reported_by_row_and_column_and_the_good_ones_imported(
        importer: CallLogImportService, database: Database, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "log.xlsx", SEED_HEADERS, [GOOD[0], BAD[0], GOOD[1], BAD[1], GOOD[2]])
    result = importer.import_file(path, AGENT)
    assert result.created == 3 and len(_tickets(database)) == 3
    where = {(p.row, p.column) for p in result.problems}
    assert (3, "客户联系方式") in where  # the masked phone, on spreadsheet row 3
    assert {(5, "问题类型"), (5, "问题描述"), (5, "优先级")} <= where
    assert all(p.message for p in result.problems)
    assert [row.number for row in result.rejected] == [3, 5]

    fix = tmp_path / "rejected.xlsx"
    assert importer.write_rejected(result, fix) == 2
    rows = list(load_workbook(fix).active.iter_rows(values_only=True))
    assert list(rows[0][:16]) == SEED_HEADERS and rows[0][16:] == ("导入文件中的行号", "问题信息")
    assert rows[1][2] == "139****5678" and rows[1][16] == 3 and "客户联系方式" in rows[1][17]
    assert rows[2][5] == "吐槽" and "优先级" in rows[2][17]

    # fixed in the file and imported again: the fixed rows come in, nothing is doubled
    book = load_workbook(fix)
    sheet = book.active
    sheet["C2"] = "13912340000"
    sheet["B3"], sheet["F3"], sheet["G3"], sheet["I3"] = "11:00", "投诉", "快递员态度差", "重要"
    book.save(fix)
    again = importer.import_file(fix, AGENT)
    assert (again.created, again.problems) == (2, ())
    assert len(_tickets(database)) == 5


def test_importing_the_same_file_twice_adds_nothing(importer: CallLogImportService, database: Database,
                                                    tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "log.xlsx", SEED_HEADERS, GOOD + BAD)
    first = importer.import_file(path, AGENT)
    numbers = [t.number for t in _tickets(database)]
    second = importer.import_file(path, AGENT)
    assert (first.created, second.created, second.already) == (3, 0, 3)
    assert [t.number for t in _tickets(database)] == numbers
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ImportKey)) == 3


def test_a_repeated_row_in_one_file_is_imported_once(importer: CallLogImportService, database: Database,
                                                     tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "log.xlsx", SEED_HEADERS, [GOOD[0], GOOD[1], GOOD[0]])
    result = importer.import_file(path, AGENT)
    assert result.created == 2 and [(p.row, p.column) for p in result.problems] == [(4, "")]


def test_csv_in_gb18030_and_form_001_layout(importer: CallLogImportService, database: Database,
                                            tmp_path: Path) -> None:
    headers = ["工单编号", "客户姓名", "联系方式", "账户类型", "问题类型", "问题等级", "问题描述", "处理人", "处理进度",
               "解决方案", "客户满意度", "来电时间"]
    path = tmp_path / "工单.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerow(["2023901", "王先生", "13912345678", "个人客户", "售后投诉", "重要",
                         "10月1日购买的空调制冷效果差，联系售后未解决", "技术部-赵工", "处理中",
                         "已安排10月5日上门检修", "一般", "2023-10-02 09:30"])
    result = importer.import_file(path, AGENT)
    assert (result.created, result.problems) == (1, ())
    (ticket,) = _tickets(database)
    assert (ticket.business_module, ticket.issue_type, ticket.priority, ticket.satisfaction) == (
        "after_sales", "complaint", "important", "basic")
    assert ticket.handler == "技术部-赵工" and "2023901" in (ticket.remark or "")


@pytest.mark.parametrize(("name", "content"), [
    ("garbage.xlsx", b"this is not a workbook at all"),
    ("empty.csv", b""),
    ("notes.txt", b"hello"),
    ("binary.csv", b"\x00\x01\x02PK\x00"),
    ("latin.csv", "来电时间".encode("utf-16")),
])
def test_a_file_that_is_no_call_log_is_refused_and_changes_nothing(
        importer: CallLogImportService, database: Database, tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as refused:
        importer.import_file(path, AGENT)
    assert name in str(refused.value)
    assert _tickets(database) == []


def test_an_unknown_layout_needs_a_mapping_and_a_remembered_one_is_used(
        importer: CallLogImportService, database: Database, tmp_path: Path) -> None:
    headers = ["Tel", "When", "What happened"]
    path = _xlsx(tmp_path / "other.xlsx", headers, [["13912345678", "2023-10-20 08:00", "无法开机"]])
    assert importer.layout_for(headers) is None
    with pytest.raises(ImportRefused, match="导入来电记录"):
        importer.import_file(path, AGENT)
    importer.remember(headers, {"phone": 0, "call_started_at": 1, "description": 2})
    assert importer.import_file(path, AGENT).created == 1
    assert _tickets(database)[0].description == "无法开机"


def test_a_cancelled_import_changes_nothing(importer: CallLogImportService, database: Database,
                                            tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "log.xlsx", SEED_HEADERS, GOOD)
    with pytest.raises(ImportCancelled):
        importer.import_file(path, AGENT, lambda done, total: done < total - 1)  # stops while writing
    assert _tickets(database) == []
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ImportKey)) == 0


def test_an_import_is_audited_once_and_a_second_run_not_at_all(importer: CallLogImportService,
                                                               database: Database, tmp_path: Path) -> None:
    import json

    from desktop.models.audit import AuditEntry

    path = _xlsx(tmp_path / "log.xlsx", SEED_HEADERS, GOOD + BAD)
    importer.import_file(path, AGENT)
    importer.import_file(path, AGENT)
    with database.sessions() as session:
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "import")))
    assert len(entries) == 1 and entries[0].target_label == "log.xlsx"
    assert json.loads(entries[0].details or "{}") == {"created": 3, "already": 0, "refused": 2}


def test_a_title_row_above_the_column_titles_is_skipped(importer: CallLogImportService, database: Database,
                                                        tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["客户服务接听记录表（2023年10月）"])
    sheet.append([])
    sheet.append(SEED_HEADERS)
    sheet.append(GOOD[1])
    book.save(tmp_path / "titled.xlsx")
    table = importer.read(tmp_path / "titled.xlsx")
    assert table.headers == tuple(SEED_HEADERS) and [row.number for row in table.rows] == [4]
    result = importer.import_file(tmp_path / "titled.xlsx", AGENT)
    assert result.created == 1 and _tickets(database)[0].description == "咨询发票开具方式"
