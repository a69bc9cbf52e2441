"""Exporting the table's rows: only the filtered ones, phone masked, localized headers, no half files."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop import i18n
from desktop.services.database import Database
from desktop.services.dto import TicketFilter
from desktop.services.ticket_export import PAGE, ExportCancelled, TicketExportService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft

NOW = FakeClock(datetime(2023, 11, 1, 4, 0, tzinfo=UTC))
CALLS = (  # (phone, issue type, description)
    ("13912345678", "fault", "当天购买的产品无法开机"),
    ("13800005678", "suggestion", "建议在APP中增加订单实时进度提醒"),
    ("13700001111", "complaint", "包裹晚到3天，投诉快递员"),
    ("13600002222", "fault", "扫地机器人无法充电"),
)


@pytest.fixture
def exporter(database: Database) -> TicketExportService:
    service = TicketService(database.sessions, clock=NOW)
    for minute, (phone, issue_type, description) in enumerate(CALLS):
        service.create(make_draft(call_started_at=datetime(2023, 10, 15, 2, minute, tzinfo=UTC), phone=phone,
                                  issue_type=issue_type, description=description), AGENT)
    return TicketExportService(database.sessions, clock=NOW)


def test_xlsx_holds_only_the_filtered_rows_with_masked_phones(exporter: TicketExportService, tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    written = exporter.export(path, TicketFilter(issue_type="fault"))
    assert written == 2
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == i18n._("Ticket no.") == "工单编号"
    assert rows[0][5] == i18n._("Issue type") and rows[0][3] == i18n._("Phone")
    body = rows[1:]
    assert [row[11] for row in body] == ["扫地机器人无法充电", "当天购买的产品无法开机"]  # newest first
    assert [row[3] for row in body] == ["136****2222", "139****5678"]
    assert {row[5] for row in body} == {i18n._("Fault")}
    assert body[1][1] == i18n.format_datetime(datetime(2023, 10, 15, 2, 0, tzinfo=UTC))
    text = "".join(str(cell) for row in rows for cell in row)
    assert "13912345678" not in text and "5678" in text


def test_csv_has_a_bom_follows_the_search_and_speaks_the_language(exporter: TicketExportService, tmp_path: Path,
                                                                   english: None) -> None:
    path = tmp_path / "list.csv"
    assert exporter.export(path, TicketFilter(text="快递")) == 1
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["Ticket no.", "Call time", "Customer", "Phone"]
    assert rows[1][3] == "137****1111" and rows[1][5] == "Complaint" and rows[1][11] == "包裹晚到3天，投诉快递员"
    assert len(rows) == 2


def test_oldest_first_follows_the_table_order(exporter: TicketExportService, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    exporter.export(path, TicketFilter(), newest_first=False)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))[1:]
    assert [row[11] for row in rows] == [description for _phone, _type, description in CALLS]


def test_pages_are_read_by_key_across_page_boundaries(database: Database, tmp_path: Path) -> None:
    service = TicketService(database.sessions, clock=NOW)
    count = PAGE + 7
    service.create_many([make_draft(call_started_at=datetime(2023, 10, 1, tzinfo=UTC), phone="13912345678",
                                    description=f"来电 {n}") for n in range(count)], AGENT)
    path = tmp_path / "many.csv"
    seen: list[tuple[int, int]] = []
    written = TicketExportService(database.sessions, clock=NOW).export(
        path, TicketFilter(), lambda done, total: seen.append((done, total)) or True)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))[1:]
    assert written == count == len(rows) == len({row[11] for row in rows})
    assert seen[0] == (0, count) and seen[-1] == (count, count) and len(seen) > 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_cancelled_export_leaves_no_file_and_keeps_an_older_one(database: Database, tmp_path: Path,
                                                                  suffix: str) -> None:
    service = TicketService(database.sessions, clock=NOW)
    service.create_many([make_draft(call_started_at=datetime(2023, 10, 1, tzinfo=UTC), description=f"来电 {n}")
                         for n in range(450)], AGENT)
    exporter = TicketExportService(database.sessions, clock=NOW)
    path = tmp_path / f"list{suffix}"
    with pytest.raises(ExportCancelled):
        exporter.export(path, TicketFilter(), lambda done, _total: done < 200)
    assert not path.exists() and not path.with_name(path.name + ".part").exists()
    path.write_bytes(b"older export")
    with pytest.raises(ExportCancelled):
        exporter.export(path, TicketFilter(), lambda done, _total: done < 200)
    assert path.read_bytes() == b"older export"


def test_a_wrong_extension_is_refused_with_a_message(exporter: TicketExportService, tmp_path: Path) -> None:
    from desktop.services.errors import ServiceError

    with pytest.raises(ServiceError, match=r"\.xlsx"):
        exporter.export(tmp_path / "list.pdf", TicketFilter())
    assert not (tmp_path / "list.pdf").exists()


def test_an_export_by_an_agent_is_audited_with_its_filter(exporter: TicketExportService, database: Database,
                                                          tmp_path: Path) -> None:
    import json

    from sqlalchemy import select

    from desktop.models.audit import AuditEntry

    exporter.export(tmp_path / "list.csv", TicketFilter(issue_type="fault", text="开机"), actor=AGENT)
    with database.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    details = json.loads(entry.details or "{}")
    assert (entry.actor_code, entry.target_label) == (AGENT.code, "list.csv")
    assert details == {"rows": 1, "filter": {"issue_type": "fault", "text": "开机"}}
