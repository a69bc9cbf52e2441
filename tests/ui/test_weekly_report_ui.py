"""View → Weekly report… (Ctrl+Shift+W): this week by default, the notes typed per agent and kept, the PDF made
in a worker and shown in the print preview, the workbook saved, and an agent refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialogButtonBox

from desktop.services.database import Database
from desktop.services.week_notes import AgentNote, WeekNotesService
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import RecordingMessages
from desktop.ui.print_preview import PdfPreview
from desktop.ui.report_wiring import ReportTools
from desktop.ui.week_sheet_model import COL_AHT, COL_CALLS, COL_CODE, COL_FCR, COL_POINTS, COL_TARGET
from desktop.ui.weekly_report_dialog import WeeklyReportDialog
from tests.export.pdf_text import pages_text
from tests.helpers import FakeClock
from tests.services.figure_data import MONDAY, build_week, now


@pytest.fixture
def tools(shanghai: None, window: MainWindow, database: Database) -> ReportTools:
    build_week(database)
    tools: ReportTools = window.report_tools  # type: ignore[attr-defined]
    tools.figures._clock = FakeClock(now())  # type: ignore[attr-defined]
    return tools


def test_the_menu_entry_and_its_shortcut(window: MainWindow, tools: ReportTools) -> None:
    action = tools.weekly_action
    assert action.shortcut().toString() == "Ctrl+Shift+W" and "Ctrl+Shift+W" in action.toolTip()
    view = next(a.menu() for a in window.menuBar().actions() if a.menu() and action in a.menu().actions())
    assert view is not None


def test_this_week_by_default(qtbot, window: MainWindow, tools: ReportTools) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def ask(dialog: WeeklyReportDialog) -> bool:
        seen.append(dialog.week())
        return False

    tools.ask_week = ask
    tools.weekly_report()
    from desktop.rules.weeks import week_of

    assert seen == [week_of(date.today())] and tools.task is None


def test_notes_typed_are_kept_and_printed(qtbot, window: MainWindow, tools: ReportTools,  # type: ignore[no-untyped-def]
                                          database: Database, tmp_path: Path) -> None:
    def ask(dialog: WeeklyReportDialog) -> bool:
        dialog.set_day(MONDAY)
        assert dialog.week() == "2023-W42"
        model = dialog.model

        def text(row: int, column: int) -> str:
            return str(model.index(row, column).data())

        assert [text(r, COL_CODE) for r in range(model.rowCount())] == ["A1001", "A1002"]
        assert text(0, COL_CALLS) == "3" and text(0, COL_FCR) == "100.0%" and text(1, COL_AHT) == "300"
        dialog.set_note(0, "开场白过长", "AHT 低于 180 秒")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return True

    shown: list[PdfPreview] = []
    window.print_tools.show_preview = shown.append  # type: ignore[attr-defined]
    tools.ask_week = ask
    tools.weekly_report()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    kept = WeekNotesService(database.sessions).notes("2023-W42")
    assert [note for note in kept.values()] == [AgentNote("开场白过长", "AHT 低于 180 秒")]
    preview = shown[0]
    assert preview.suggested_name == "2023-W42.pdf"
    saved = tmp_path / "week"
    preview.ask_save_path = lambda _parent, _name: str(saved)
    assert preview.save_pdf() == tmp_path / "week.pdf"
    text = "".join(pages_text(tmp_path / "week.pdf"))
    assert "开场白过长" in text and "张敏" in text and "33.3%" in text
    preview.reject()


def test_save_as_excel(qtbot, window: MainWindow, tools: ReportTools, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def ask(dialog: WeeklyReportDialog) -> bool:
        dialog.set_day(MONDAY)
        dialog.excel_button.click()
        return True

    tools.ask_week = ask
    tools.ask_workbook_path = lambda _parent, name: str(tmp_path / "week")
    tools.weekly_report()
    qtbot.waitUntil(lambda: tools.task is None, timeout=20000)
    book = load_workbook(tmp_path / "week.xlsx", read_only=True)
    assert book.worksheets[2].cell(2, 1).value == "A1001"
    book.close()
    assert "week.xlsx" in window.statusBar().currentMessage()


def test_an_agent_is_refused(qtbot, window: MainWindow, tools: ReportTools,  # type: ignore[no-untyped-def]
                             messages: RecordingMessages, colleague) -> None:  # type: ignore[no-untyped-def]
    window.ctx.signed_in = colleague
    tools.ask_week = lambda dialog: pytest.fail("the dialog opened for an agent")  # type: ignore[assignment]
    tools.weekly_report()
    assert messages.shown[-1][0] == "info"


def test_cancel_makes_nothing(qtbot, window: MainWindow, tools: ReportTools) -> None:  # type: ignore[no-untyped-def]
    print_tools = window.print_tools  # type: ignore[attr-defined]
    shown: list[PdfPreview] = []
    print_tools.show_preview = shown.append
    real = tools.notes.notes

    def notes_then_cancel(week: str):  # type: ignore[no-untyped-def]
        print_tools.task.cancel()  # as the progress dialog's Cancel button does
        return real(week)

    tools.notes.notes = notes_then_cancel  # type: ignore[method-assign]
    tools.make_pdf("2023-W42")
    qtbot.waitUntil(lambda: print_tools.task is None, timeout=20000)
    assert not shown and "取消" in window.statusBar().currentMessage()


def test_the_sheet_model_passes_the_model_tester(qtbot, qtmodeltester, tools: ReportTools) -> None:  # type: ignore[no-untyped-def]
    dialog = WeeklyReportDialog(tools.figures, tools.notes, MONDAY, may_edit=True)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
    from PySide6.QtCore import Qt

    assert model.flags(model.index(0, COL_POINTS)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, COL_CALLS)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, COL_CALLS), "9")
    assert model.setData(model.index(1, COL_TARGET), "FCR 高于 60%")
    assert dialog.changed_notes() == {model.row_at(1).agent.agent_id: AgentNote("", "FCR 高于 60%")}  # type: ignore[union-attr]
    read_only = WeeklyReportDialog(tools.figures, tools.notes, MONDAY, may_edit=False)
    qtbot.addWidget(read_only)
    assert not read_only.model.flags(read_only.model.index(0, COL_POINTS)) & Qt.ItemFlag.ItemIsEditable
