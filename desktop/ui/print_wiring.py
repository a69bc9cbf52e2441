"""Printing in the main window: File → Print daily archive… (Ctrl+P) and Print work order… (Ctrl+Shift+P,
in the Ticket menu and on the form). ``install_print_tools(window)`` is the one call the window makes.

The PDF is made in a worker thread behind a cancellable progress dialog, then shown in a print preview
that prints those very pages or saves that very file (one layout: desktop/export).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from desktop.export.documents import Imprint, write_day_archive, write_work_order
from desktop.export.progress import Cancelled
from desktop.i18n import _, to_local
from desktop.services.archive import ArchiveService
from desktop.ui.menus import menu_named
from desktop.ui.print_dialogs import ArchiveDayDialog
from desktop.ui.worker import BackgroundTask

if TYPE_CHECKING:
    from desktop.export.fonts import PdfFont
    from desktop.ui.main_window import MainWindow
    from desktop.ui.print_preview import PdfPreview

log = logging.getLogger(__name__)

ARCHIVE_SHORTCUT = "Ctrl+P"
WORK_ORDER_SHORTCUT = "Ctrl+Shift+P"


def pdf_font() -> PdfFont:
    """The font the PDFs use; imported here, once a document was made (reportlab is not loaded before)."""
    from desktop.export.fonts import pdf_font as chosen

    return chosen()


def install_print_tools(window: MainWindow) -> PrintTools:
    tools = PrintTools(window)
    window.print_tools = tools  # type: ignore[attr-defined]
    return tools


def _run_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _tip(text: str, shortcut: QKeySequence) -> str:
    return f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"


class PrintTools(QObject):
    preview_ready = Signal(object)  # the PdfPreview just opened

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = ArchiveService(window.ctx.database.sessions, clock=window.ctx.clock)
        # How the dialogs are run: tests replace them to answer without a window.
        self.ask_day: Callable[[ArchiveDayDialog], bool] = _run_dialog
        self.show_preview: Callable[[PdfPreview], None] = lambda preview: preview.open()
        self.task: BackgroundTask | None = None
        self.preview: PdfPreview | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._font_told = False

        self.archive_action = self._action(_("&Print daily archive…"), self.print_archive, ARCHIVE_SHORTCUT,
                                           _("Print or save the paper archive of one day's calls"))
        self.work_order_action = self._action(_("Print &work order…"), self.print_work_order, WORK_ORDER_SHORTCUT,
                                              _("Print or save the work order of the ticket in the form"))
        file_menu = self._menu(_("&File"))
        before = window.lock_action if window.lock_action in file_menu.actions() else None
        file_menu.insertAction(before, self.archive_action)  # type: ignore[arg-type]
        file_menu.insertSeparator(before)  # type: ignore[arg-type]
        window.ticket_menu.addSeparator()
        window.ticket_menu.addAction(self.work_order_action)
        button = window.form.print_button
        button.setToolTip(self.work_order_action.toolTip())
        button.clicked.connect(self.print_work_order)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str, tip: str) -> QAction:
        action = QAction(text, self.window)
        sequence = QKeySequence(shortcut)
        action.setShortcut(sequence)
        action.setToolTip(_tip(tip, sequence))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _menu(self, title: str) -> QMenu:
        return menu_named(self.window, title)

    def _imprint(self) -> Imprint:
        ctx = self.window.ctx
        actor = ctx.actor()
        return Imprint.of(ctx.config.centre_name, actor.name, actor.code)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # --- the two documents ------------------------------------------------------------

    def print_archive(self) -> None:
        """Ask for the day and orientation, then make the archive PDF and preview it."""
        if self.task is not None:
            return
        dialog = ArchiveDayDialog(to_local(self.window.ctx.clock()).date(), self.window)
        try:
            if not self.ask_day(dialog):
                return
            day, landscape = dialog.day(), dialog.is_landscape()
        finally:
            dialog.deleteLater()
        self.make_archive(day, landscape)

    def make_archive(self, day: date, landscape: bool = True) -> None:
        name = f"{day.isoformat()}.pdf"
        imprint = self._imprint()

        def job(progress: Callable[[int, int], bool], path: Path) -> int:
            return write_day_archive(self.service, day, path, imprint=imprint, is_landscape=landscape,
                                     progress=progress)

        self._start(job, name, _("Making the archive of {day}…").format(day=day.isoformat()))

    def print_work_order(self) -> None:
        """The work order of the ticket in the form, as saved."""
        form = self.window.form
        ticket = form.ticket
        if ticket is None:
            self.window.ctx.messages.info(self.window, _("Print work order"),
                                          _("Open a saved ticket first: a work order prints a saved ticket."))
            return
        if form.is_dirty():
            self.window.ctx.messages.info(self.window, _("Print work order"), _(
                "{ticket} has changes that are not saved. Save them first (Ctrl+S): the work order prints "
                "the saved ticket.").format(ticket=ticket.number))
            return
        number = ticket.number
        imprint = self._imprint()

        def job(_progress: Callable[[int, int], bool], path: Path) -> int:
            return write_work_order(self.service, number, path, imprint=imprint)

        self._start(job, f"{number}.pdf", _("Making the work order {number}…").format(number=number))

    # --- worker and preview -----------------------------------------------------------

    def make_document(self, job: Callable[[Callable[[int, int], bool], Path], int], name: str, label: str) -> None:
        """Make a PDF named ``name`` with ``job(progress, path)`` in a worker, then open it in the preview."""
        self._start(job, name, label)

    def _start(self, job: Callable[[Callable[[int, int], bool], Path], int], name: str, label: str) -> None:
        if self.task is not None:
            return
        self._close_preview()
        self._folder = tempfile.TemporaryDirectory(prefix="hotline-print-")
        path = Path(self._folder.name) / name
        task = BackgroundTask(lambda progress: job(progress, path), label=label, parent=self.window)
        task.finished.connect(lambda _pages: self._made(path, name))
        task.failed.connect(self._failed)
        self.task = task
        task.start()

    def _made(self, path: Path, name: str) -> None:
        self._done_task()
        warning = pdf_font().warning
        if warning and not self._font_told:
            self._font_told = True
            self.window.ctx.messages.info(self.window, _("Chinese font"), warning)
        # QtPdf and QtPrintSupport load with the first preview, not with the window.
        from desktop.ui.pdf_render import PdfUnreadable
        from desktop.ui.print_preview import PdfPreview

        try:
            preview = PdfPreview(path, name, self.window.ctx.messages, self.window)
        except PdfUnreadable as exc:
            self.window.ctx.messages.error(self.window, _("Cannot print"), str(exc))
            return
        preview.finished.connect(lambda _result: self._close_preview(preview))
        self.preview = preview
        self.preview_ready.emit(preview)
        self.show_preview(preview)

    def _failed(self, exc: object) -> None:
        self._done_task()
        self._discard_folder()
        if isinstance(exc, Cancelled):
            self._status(_("Printing cancelled: nothing was made."))
            return
        self.window.ctx.messages.error(self.window, _("Cannot print"), str(exc) or type(exc).__name__)

    def _done_task(self) -> None:
        if self.task is not None:
            self.task.deleteLater()
            self.task = None

    def _close_preview(self, preview: PdfPreview | None = None) -> None:
        if preview is not None and preview is not self.preview:
            return
        if self.preview is not None:
            old, self.preview = self.preview, None
            old.document.close()
            old.deleteLater()
        self._discard_folder()

    def _discard_folder(self) -> None:
        if self._folder is not None:
            folder, self._folder = self._folder, None
            try:
                folder.cleanup()
            except OSError:  # a viewer still holds the file (Windows): the system's temp cleaning takes it
                log.info("print folder %s left behind", folder.name)
