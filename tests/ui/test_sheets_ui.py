"""File → Export list… and File → Import call log… in the window: worker thread, report, mapping dialog."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox

from desktop.export.layout_store import LayoutStore
from desktop.rules.call_log_layout import signature
from tests.helpers import make_draft
from tests.ui.conftest import search_for


def _xlsx(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_the_actions_sit_in_the_file_menu_with_their_shortcuts(window) -> None:  # type: ignore[no-untyped-def]
    sheets = window.sheets
    file_menu = window.menuBar().actions()[0].menu()
    assert sheets.export_action in file_menu.actions() and sheets.import_action in file_menu.actions()
    assert sheets.export_action.shortcut().toString() == "Ctrl+E"
    assert "Ctrl+E" in sheets.export_action.toolTip() and "Ctrl+I" in sheets.import_action.toolTip()


def test_export_writes_what_the_searched_table_shows(qtbot, window, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tickets = window.ctx.tickets
    for minute, (phone, description) in enumerate((("13912345678", "当天购买的产品无法开机"),
                                                    ("13700001111", "包裹晚到3天，投诉快递员"),
                                                    ("13600002222", "快递一直没有送到"))):
        tickets.create(make_draft(phone=phone, description=description,
                                  call_started_at=datetime(2023, 10, 15, 2, minute, tzinfo=UTC)), window.ctx.actor())
    window.refresh()
    search_for(qtbot, window, "快递")
    assert window.model.rowCount() == 2
    path = tmp_path / "list.csv"
    window.sheets.choose_export_path = lambda: path
    window.sheets.export_action.trigger()
    qtbot.waitUntil(lambda: bool(messages.shown), timeout=10000)
    assert messages.shown[-1][0] == "info" and str(path) in messages.shown[-1][2]
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    shown = [window.model.index(r, 3).data() for r in range(window.model.rowCount())]
    assert [row[3] for row in rows[1:]] == shown == ["136****2222", "137****1111"]
    assert rows[0][3] == window.model.headerData(3, Qt.Orientation.Horizontal)


def test_import_reports_refused_rows_and_saves_them(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _xlsx(tmp_path / "log.xlsx", ["来电日期", "来电时间", "客户联系方式", "客户姓名", "问题类型", "问题描述",
                                         "优先级"], [
        ["2023-10-25", "14:30", "13912345678", "*女士", "投诉", "产品使用3天无法开机，要求换货", "紧急"],
        ["2023-10-25", "15:00", "139****5678", "李女士", "投诉", "包裹晚到3天", "紧急"],
    ])
    before = window.model.rowCount()
    sheets = window.sheets
    sheets.choose_import_path = lambda: path
    sheets.import_action.trigger()
    qtbot.waitUntil(lambda: sheets.report is not None and sheets.report.isVisible(), timeout=10000)
    report = sheets.report
    assert window.model.rowCount() == before + 1
    assert report.table.rowCount() == 1
    assert report.summary.text() == "已导入 1 个来电。\n1 行被拒绝：请修改后再次导入。"
    assert (report.table.item(0, 0).text(), report.table.item(0, 1).text()) == ("3", "客户联系方式")
    fixed = tmp_path / "refused.xlsx"
    report.choose_path = lambda: fixed
    qtbot.mouseClick(report.save_button, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(fixed).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][2] == "139****5678" and "客户联系方式" in rows[1][-1]


def _map_in_dialog(qtbot, sheets, choices: dict[str, str]) -> list[bool]:  # type: ignore[no-untyped-def]
    """Answer the mapping dialog when it opens: pick each column, then press OK."""
    opened: list[bool] = []

    def answer() -> None:
        dialog = sheets.mapping_dialog
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        opened.append(True)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        opened.append(ok.isEnabled())  # before: the required fields have no column yet
        for target, header in choices.items():
            dialog.choose(target, header)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, answer)
    return opened


def test_a_custom_layout_is_mapped_once_and_remembered(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    headers = ["Tel.", "Date/time", "Notes", "Urgency"]
    first = _xlsx(tmp_path / "a.xlsx", headers, [["13912345678", "2023-10-20 08:00", "无法开机", "紧急"]])
    sheets = window.sheets
    sheets.choose_import_path = lambda: first
    opened = _map_in_dialog(qtbot, sheets, {"phone": "Tel.", "call_started_at": "Date/time", "description": "Notes",
                                            "priority": "Urgency"})
    sheets.import_action.trigger()
    qtbot.waitUntil(lambda: sheets.report is not None and sheets.last_result is not None, timeout=10000)
    assert opened == [True, False]
    assert sheets.last_result.created == 1
    assert LayoutStore().get(signature(headers)) == {
        "phone": 0, "call_started_at": 1, "description": 2, "priority": 3}

    second = _xlsx(tmp_path / "b.xlsx", headers, [["13700001111", "2023-10-21 09:00", "快递未到", "一般"]])
    sheets.report = None
    sheets.last_result = None
    sheets.choose_import_path = lambda: second
    asked: list[object] = []
    sheets.ask_mapping = lambda *args: asked.append(args)  # must not be needed the second time
    sheets.import_action.trigger()
    qtbot.waitUntil(lambda: sheets.last_result is not None, timeout=10000)
    assert asked == [] and sheets.last_result.created == 1
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    assert {(row.description, row.priority) for row in rows} >= {("无法开机", "urgent"), ("快递未到", "normal")}


def test_a_garbage_file_gets_a_clear_message_and_changes_nothing(qtbot, window, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")
    before = window.model.rowCount()
    window.sheets.choose_import_path = lambda: path
    window.sheets.import_action.trigger()
    qtbot.waitUntil(lambda: bool(messages.shown), timeout=10000)
    kind, _title, text = messages.shown[-1]
    assert kind == "error" and "broken.xlsx" in text and window.model.rowCount() == before


def test_a_cancelled_export_leaves_no_file(qtbot, window, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.ctx.tickets.create_many([make_draft(description=f"来电 {n}") for n in range(450)], window.ctx.actor())
    window.refresh()
    path = tmp_path / "list.xlsx"
    sheets = window.sheets
    sheets.choose_export_path = lambda: path
    sheets.export_action.trigger()
    sheets.task.cancel()  # what the progress dialog's Cancel button does
    qtbot.waitUntil(lambda: "取消" in window.statusBar().currentMessage(), timeout=10000)
    assert not path.exists() and list(tmp_path.glob("*.part")) == []
    assert messages.shown == []


def test_a_remembered_layout_can_be_mapped_again(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    headers = ["Tel.", "Date/time", "Notes", "Urgency"]
    path = _xlsx(tmp_path / "a.xlsx", headers, [["13912345678", "2023-10-20 08:00", "无法开机", "紧急"]])
    window.sheets.importer.remember(headers, {"phone": 0, "call_started_at": 1, "description": 2, "priority": 3})
    sheets = window.sheets
    sheets.choose_import_path = lambda: path
    preset: list[int] = []

    def answer() -> None:
        dialog = sheets.mapping_dialog
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        preset.append(dialog.combos["priority"].currentData())
        dialog.combos["priority"].setCurrentIndex(0)  # (not in the file)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, answer)
    assert sheets.remap_action in window.menuBar().actions()[0].menu().actions()
    sheets.remap_action.trigger()
    qtbot.waitUntil(lambda: sheets.last_result is not None, timeout=10000)
    assert preset == [3]
    assert LayoutStore().get(signature(headers)) == {"phone": 0, "call_started_at": 1, "description": 2}
    assert window.model.row_at(0).priority == "normal"


def test_the_export_has_the_table_columns() -> None:
    from desktop.services.ticket_export import HEADERS as EXPORTED
    from desktop.ui.ticket_table_model import HEADERS as SHOWN

    assert EXPORTED == SHOWN
