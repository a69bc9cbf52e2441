"""View → Weekly report… (Ctrl+Shift+W): the week, the supervisor's notes, then the PDF in the print preview
(the same worker, preview, print and save path as the daily archive) or an Excel workbook.

``install_report_tools(window)`` is the one call the window makes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QWidget

from desktop.export.documents import write_weekly_report
from desktop.export.progress import Cancelled
from desktop.i18n import _, to_local
from desktop.rules.permissions import Permission, refusal
from desktop.services.errors import ServiceError
from desktop.services.figures import FigureService
from desktop.services.week_notes import WeekNotesService
from desktop.services.weekly_report import weekly_report
from desktop.ui.weekly_report_dialog import XLSX, WeeklyReportDialog
from desktop.ui.worker import BackgroundTask

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

WEEKLY_SHORTCUT = "Ctrl+Shift+W"


def install_report_tools(window: MainWindow) -> ReportTools:
    tools = ReportTools(window)
    window.report_tools = tools  # type: ignore[attr-defined]
    return tools


def _run_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _ask_workbook_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save the weekly report"), suggested,
                                                _("Excel workbook (*.xlsx)"))
    return path or None


class ReportTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        sessions = window.ctx.database.sessions
        self.figures = FigureService(sessions, clock=window.ctx.clock)
        self.notes = WeekNotesService(sessions, clock=window.ctx.clock)
        # Tests replace these to answer without a window.
        self.ask_week: Callable[[WeeklyReportDialog], bool] = _run_dialog
        self.ask_workbook_path: Callable[[QWidget, str], str | None] = _ask_workbook_path
        self.task: BackgroundTask | None = None
        tip = _("The week's figures and the agent weekly sheet, to print or save as PDF or Excel")
        action = QAction(_("&Weekly report…"), window)
        sequence = QKeySequence(WEEKLY_SHORTCUT)
        action.setShortcut(sequence)
        action.setToolTip(f"{tip} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setStatusTip(tip)
        action.triggered.connect(self.weekly_report)
        window.addAction(action)
        self.weekly_action = action
        view = self._view_menu()
        view.addSeparator()
        view.addAction(action)

    def _view_menu(self) -> QMenu:
        title = _("&View")
        for entry in self.window.menuBar().actions():
            menu = entry.menu()
            if isinstance(menu, QMenu) and entry.text() == title:
                return menu
        return self.window.menuBar().addMenu(title)

    def weekly_report(self) -> None:
        """Ask the week and the notes, keep the notes, then make the report."""
        ctx = self.window.ctx
        if self.task is not None:
            return
        if not ctx.may(Permission.VIEW_REPORTS):
            ctx.messages.info(self.window, _("Weekly report"), refusal(ctx.actor().role, Permission.VIEW_REPORTS))
            return
        today = to_local(ctx.clock()).date()
        try:
            dialog = WeeklyReportDialog(self.figures, self.notes, today, may_edit=True, parent=self.window)
        except ServiceError as exc:
            ctx.messages.error(self.window, _("Weekly report"), str(exc))
            return
        try:
            if not self.ask_week(dialog):
                return
            week, changed, kind = dialog.week(), dialog.changed_notes(), dialog.format
        finally:
            dialog.deleteLater()
        if changed:
            try:
                self.notes.save(week, changed, ctx.actor())
            except ServiceError as exc:
                ctx.messages.error(self.window, _("Weekly report"), str(exc))
                return
        if kind == XLSX:
            self.make_workbook(week)
        else:
            self.make_pdf(week)

    def _job(self, week: str) -> Callable[[Callable[[int, int], bool], Path], int]:
        imprint = self.window.print_tools._imprint()  # type: ignore[attr-defined]

        def job(progress: Callable[[int, int], bool], path: Path) -> int:
            report = weekly_report(self.figures, self.notes, week)
            return write_weekly_report(report, path, imprint=imprint, progress=progress)

        return job

    def make_pdf(self, week: str) -> None:
        self.window.print_tools.make_document(  # type: ignore[attr-defined]
            self._job(week), f"{week}.pdf", _("Making the weekly report {week}…").format(week=week))

    def make_workbook(self, week: str) -> None:
        chosen = self.ask_workbook_path(self.window, f"{week}.xlsx")
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        job = self._job(week)
        task = BackgroundTask(lambda progress: job(progress, path),
                              label=_("Making the weekly report {week}…").format(week=week), parent=self.window)
        task.finished.connect(lambda _result: self._saved(path))
        task.failed.connect(self._failed)
        self.task = task
        task.start()

    def _done(self) -> None:
        if self.task is not None:
            self.task.deleteLater()
            self.task = None

    def _saved(self, path: Path) -> None:
        self._done()
        self.window.statusBar().showMessage(_("Saved {path}.").format(path=path), 8000)

    def _failed(self, exc: object) -> None:
        self._done()
        if isinstance(exc, Cancelled):
            self.window.statusBar().showMessage(_("Cancelled: nothing was saved."), 8000)
            return
        self.window.ctx.messages.error(self.window, _("Weekly report"), str(exc) or type(exc).__name__)
