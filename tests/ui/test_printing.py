"""Printing: the generated PDF's pages rendered onto a printer, File → Print daily archive… (Ctrl+P) with its
preview, print and save, and Print work order… from the Ticket menu and the form."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialogButtonBox

from desktop.export.archive_pdf import build_archive
from desktop.services.archive import ArchiveService
from desktop.services.database import Database
from desktop.services.tickets import TicketService
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import RecordingMessages
from desktop.ui.pdf_render import open_pdf, prepare_printer, render_pdf
from desktop.ui.print_dialogs import ArchiveDayDialog
from desktop.ui.print_preview import PdfPreview
from desktop.ui.print_wiring import PrintTools
from tests.export.archive_data import DAY, build_spec_day, local
from tests.export.pdf_text import pages_text
from tests.helpers import AGENT, FakeClock, make_draft


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _busy_day(database: Database, calls: int) -> None:
    service = TicketService(database.sessions, clock=FakeClock(local(9, 0)))
    for i in range(calls):
        service.create(make_draft(call_started_at=local(9, 0) + timedelta(minutes=i), phone=f"1390000{i:04d}",
                                  description="客户反映产品无法开机，要求尽快处理。" * 4), AGENT)


def _landscape(path: Path) -> list[bool]:
    return [page.mediabox.width > page.mediabox.height for page in PdfReader(str(path)).pages]


@pytest.mark.parametrize("landscape", [True, False])
def test_every_pdf_page_is_printed_on_its_own_sheet(qtbot, database: Database, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    landscape: bool) -> None:
    _busy_day(database, 40)
    source = tmp_path / "archive.pdf"
    pages = build_archive(ArchiveService(database.sessions).day(DAY), source, is_landscape=landscape)
    assert pages >= 3
    document = open_pdf(source)
    printed = tmp_path / "printed.pdf"
    printer = pdf_printer(printed)
    printer.setPageOrientation(printer.pageLayout().Orientation.Portrait if landscape
                               else printer.pageLayout().Orientation.Landscape)  # the PDF's own wins
    prepare_printer(printer, document)
    assert render_pdf(document, printer) == pages
    reader = PdfReader(str(printed))
    assert len(reader.pages) == pages
    assert _landscape(printed) == [landscape] * pages
    first = reader.pages[0]
    assert abs(float(first.mediabox.width) - float(PdfReader(str(source)).pages[0].mediabox.width)) < 2
    images = first["/Resources"].get_object().get("/XObject", {})
    assert images, "the page was printed without its content"


def test_an_unreadable_pdf_is_refused(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop.ui.pdf_render import PdfUnreadable

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with pytest.raises(PdfUnreadable):
        open_pdf(broken)


# --- File → Print daily archive… ----------------------------------------------------------------------------------


@pytest.fixture
def numbers(database: Database) -> list[str]:
    return build_spec_day(database)


@pytest.fixture
def tools(window: MainWindow) -> PrintTools:
    return window.print_tools  # type: ignore[attr-defined,no-any-return]


def _answer(day: date, landscape: bool = True):  # type: ignore[no-untyped-def]
    def ask(dialog: ArchiveDayDialog) -> bool:
        dialog.set_day(day)
        (dialog.landscape if landscape else dialog.portrait).setChecked(True)
        return True
    return ask


def _capture_previews(tools: PrintTools) -> list[PdfPreview]:
    """The previews opened from now on, kept instead of shown."""
    shown: list[PdfPreview] = []
    tools.show_preview = shown.append
    return shown


def test_ctrl_p_prints_and_saves_the_same_document(qtbot, window: MainWindow, tools: PrintTools,  # type: ignore[no-untyped-def]
                                                   numbers: list[str], tmp_path: Path) -> None:
    action = tools.archive_action
    assert action.shortcut().toString() == "Ctrl+P"
    assert "Ctrl+P" in action.toolTip()
    assert action in window.menuBar().actions()[0].menu().actions()
    tools.ask_day = _answer(DAY, landscape=False)
    shown = _capture_previews(tools)
    action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    preview = shown[0]
    printed = tmp_path / "printed.pdf"
    pages = preview.print_to(pdf_printer(printed))
    saved = tmp_path / "chosen"
    preview.ask_save_path = lambda _parent, name: str(saved)
    assert preview.suggested_name == "2023-10-15.pdf"
    assert preview.save_pdf() == tmp_path / "chosen.pdf"
    texts = pages_text(tmp_path / "chosen.pdf")
    assert len(texts) == pages == len(PdfReader(str(printed)).pages)
    assert _landscape(printed) == _landscape(tmp_path / "chosen.pdf") == [False] * pages
    joined = "".join(texts)
    assert all(number in joined for number in numbers)
    assert "张敏（A1001）" in joined
    preview.reject()
    qtbot.waitUntil(lambda: tools.preview is None)


def test_the_dialog_defaults_to_today_landscape_and_refuses_a_future_day(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                         tools: PrintTools) -> None:
    seen: list[tuple[date, bool, bool]] = []

    def ask(dialog: ArchiveDayDialog) -> bool:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen.append((dialog.day(), dialog.is_landscape(), ok.isEnabled()))
        dialog.set_day(dialog.day() + timedelta(days=1))
        seen.append((dialog.day(), dialog.is_landscape(), ok.isEnabled()))
        assert "今天" in dialog.messages["day"].text()
        return False

    tools.ask_day = ask
    tools.print_archive()
    today = date.today()
    assert seen[0] == (today, True, True)
    assert seen[1] == (today + timedelta(days=1), True, False)
    assert tools.task is None  # cancelled: nothing made


def test_cancel_makes_nothing(qtbot, window: MainWindow, tools: PrintTools, numbers: list[str]) -> None:  # type: ignore[no-untyped-def]
    real_day = tools.service.day

    def day_then_cancel(day: date):  # type: ignore[no-untyped-def]
        assert tools.task is not None
        tools.task.cancel()  # as the progress dialog's Cancel button does
        return real_day(day)

    tools.service.day = day_then_cancel  # type: ignore[method-assign]
    shown = _capture_previews(tools)
    tools.make_archive(DAY)
    qtbot.waitUntil(lambda: tools.task is None, timeout=20000)
    assert not shown and tools.preview is None
    assert "取消" in window.statusBar().currentMessage()


def test_a_failure_is_told(qtbot, window: MainWindow, tools: PrintTools, messages: RecordingMessages) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.errors import StorageError

    def broken(day: date):  # type: ignore[no-untyped-def]
        raise StorageError("数据库暂时无法读取")

    tools.service.day = broken  # type: ignore[method-assign]
    tools.make_archive(DAY)
    qtbot.waitUntil(lambda: tools.task is None, timeout=20000)
    assert messages.shown[-1][0] == "error" and "数据库暂时无法读取" in messages.shown[-1][2]


# --- Print work order… -----------------------------------------------------------------------------------------------


def test_work_order_from_the_form_and_the_ticket_menu(qtbot, window: MainWindow, tools: PrintTools,  # type: ignore[no-untyped-def]
                                                      numbers: list[str], database: Database,
                                                      tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    action = tools.work_order_action
    assert action in window.ticket_menu.actions()
    assert "Ctrl+Shift+P" in action.toolTip() and "Ctrl+Shift+P" in window.form.print_button.toolTip()
    with database.sessions() as session:
        from sqlalchemy import select

        from desktop.models.entities import Ticket
        ticket_id = session.scalars(select(Ticket.id).where(Ticket.number == numbers[1])).one()
    assert window.open_ticket(ticket_id)
    shown = _capture_previews(tools)
    assert window.form.print_button.isVisibleTo(window.form)
    qtbot.mouseClick(window.form.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    preview = shown[-1]
    assert preview.suggested_name == f"{numbers[1]}.pdf"
    printed = tmp_path / "order-printed.pdf"
    pages = preview.print_to(pdf_printer(printed))
    assert pages == len(PdfReader(str(printed)).pages) == len(PdfReader(str(preview.pdf)).pages)
    assert _landscape(printed) == [False] * pages  # a work order is portrait
    text = "".join(pages_text(preview.pdf))
    assert numbers[1] in text and numbers[0] not in text
    action.trigger()  # the Ticket menu: the same document again
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=20000)
    assert shown[-1].suggested_name == f"{numbers[1]}.pdf"


def test_work_order_needs_a_saved_ticket(qtbot, window: MainWindow, tools: PrintTools,  # type: ignore[no-untyped-def]
                                         messages: RecordingMessages, numbers: list[str]) -> None:
    shown = _capture_previews(tools)
    window.new_call()
    tools.work_order_action.trigger()
    assert messages.shown[-1][0] == "info" and "保存" in messages.shown[-1][2]
    window.refresh()
    assert window.open_ticket(window.model.row_id(0))  # type: ignore[arg-type]
    remark = window.form.field("remark")
    remark.setPlainText("还没保存的备注")  # type: ignore[attr-defined]
    assert window.form.is_dirty()
    tools.work_order_action.trigger()
    assert messages.shown[-1][0] == "info" and "Ctrl+S" in messages.shown[-1][2]
    assert tools.task is None and not shown


# --- the preview's own Print… and zoom -------------------------------------------------------------------------------


@pytest.fixture
def preview(qtbot, database: Database, tmp_path: Path) -> PdfPreview:  # type: ignore[no-untyped-def]
    _busy_day(database, 30)
    source = tmp_path / "day.pdf"
    build_archive(ArchiveService(database.sessions).day(DAY), source)
    dialog = PdfPreview(source, "2023-10-15.pdf", RecordingMessages())
    qtbot.addWidget(dialog)
    return dialog


def test_print_asks_for_the_printer_then_prints_every_page(qtbot, preview: PdfPreview,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    assert "Ctrl+P" in preview.print_action.toolTip() and "Ctrl+Shift+S" in preview.save_action.toolTip()
    pages = preview.document.pageCount()
    assert pages >= 2 and str(pages) in preview.pages_label.text()
    target = tmp_path / "chosen-printer.pdf"

    def choose(_parent, printer: QPrinter) -> bool:  # type: ignore[no-untyped-def]
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    preview.ask_printer = choose
    preview.print_action.trigger()
    assert preview.pages_painted == pages == len(PdfReader(str(target)).pages)
    assert _landscape(target) == [True] * pages


def test_print_dialog_cancelled_prints_nothing(qtbot, preview: PdfPreview) -> None:  # type: ignore[no-untyped-def]
    preview.ask_printer = lambda _parent, _printer: False
    assert preview.print_pdf() == 0 and preview.pages_painted == 0


def test_cancel_while_printing_stops_the_job(qtbot, database: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _busy_day(database, 30)
    source = tmp_path / "day.pdf"
    build_archive(ArchiveService(database.sessions).day(DAY), source)
    document = open_pdf(source)
    printer = pdf_printer(tmp_path / "stopped.pdf")
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 2  # the agent pressed Cancel while the second page was printing

    assert render_pdf(document, printer, progress) == 0
    assert seen == [1, 2]


def test_zoom_keeps_within_bounds(qtbot, preview: PdfPreview) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPdfWidgets import QPdfView

    preview.view.setZoomMode(QPdfView.ZoomMode.Custom)
    preview.view.setZoomFactor(1.0)
    preview.zoom_in_action.trigger()
    assert preview.view.zoomFactor() == pytest.approx(1.25)
    for _step in range(20):
        preview.zoom_out_action.trigger()
    assert preview.view.zoomFactor() == pytest.approx(0.25)
    preview.fit_action.trigger()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_save_refused_is_told(qtbot, preview: PdfPreview, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    preview.ask_save_path = lambda _parent, _name: str(tmp_path / "no" / "such" / "folder" / "x.pdf")
    assert preview.save_pdf() is None
    messages = preview.messages
    assert isinstance(messages, RecordingMessages) and messages.shown[-1][0] == "error"
    assert "x.pdf" in messages.shown[-1][2]
    preview.ask_save_path = lambda _parent, _name: None
    assert preview.save_pdf() is None


def test_missing_chinese_font_is_told_once(qtbot, window: MainWindow, tools: PrintTools,  # type: ignore[no-untyped-def]
                                           messages: RecordingMessages, numbers: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.export.fonts import PdfFont

    monkeypatch.setattr("desktop.ui.print_wiring.pdf_font", lambda: PdfFont("STSong-Light", False, "STSong-Light"))
    shown = _capture_previews(tools)
    for count in (1, 2):
        tools.make_archive(DAY)
        qtbot.waitUntil(lambda count=count: len(shown) == count, timeout=20000)
    told = [m for m in messages.shown if m[0] == "info"]
    assert len(told) == 1 and "HOTLINE_DESK_PDF_FONT" in told[0][2]
