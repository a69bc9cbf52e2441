"""Tools → Remove old tickets… (administrators): what the retention purge would remove, a confirmation,
the export file, then the purge in a worker thread behind a cancellable progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.i18n import _, format_date, format_number
from desktop.services.errors import ServiceError
from desktop.services.retention import RetentionService
from desktop.services.ticket_export import ExportCancelled
from desktop.ui.worker import BackgroundTask

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def _ask_export_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Export the tickets to remove"), suggested,
                                                _("Excel workbook (*.xlsx);;CSV (*.csv)"))
    return path or None


class RetentionTool:
    """Kept by the window's admin tools; ``ask_export_path`` is replaced in tests."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.ask_export_path: Callable[[QWidget, str], str | None] = _ask_export_path
        self.task: BackgroundTask | None = None

    def run(self) -> None:
        window, ctx = self.window, self.window.ctx
        title = _("Remove old tickets")
        service = RetentionService(ctx.database.sessions, clock=ctx.clock)
        try:
            plan = service.plan()
        except ServiceError as exc:
            ctx.messages.error(window, title, str(exc))
            return
        kept = _("Tickets are kept {years} years: those from {day} on stay.").format(
            years=plan.years, day=format_date(plan.first_kept))
        if plan.count == 0:
            ctx.messages.info(window, title, kept + "\n" + _("Nothing is older than that: nothing to remove."))
            return
        if not ctx.messages.confirm(window, title, kept + "\n" + _(
                "{count} older tickets (the oldest from {day}) will be written to a file you choose, then removed "
                "for good with their timelines and visits. Continue?").format(
                count=format_number(plan.count), day=format_date(plan.oldest))):
            return
        chosen = self.ask_export_path(window, f"removed-before-{plan.first_kept.isoformat()}.xlsx")
        if not chosen:
            return
        actor = ctx.actor()
        task = BackgroundTask(lambda progress: service.purge(actor, Path(chosen), plan, progress),
                              label=_("Exporting, then removing the old tickets…"), parent=window)
        task.finished.connect(lambda removed: self._done(int(removed), chosen))
        task.failed.connect(self._failed)
        self.task = task
        task.start()

    def _done(self, removed: int, path: str) -> None:
        self.task = None
        self.window.refresh()
        self.window.ctx.messages.info(self.window, _("Remove old tickets"), _(
            "Removed {count} tickets; they are in {path}.").format(count=format_number(removed), path=path))

    def _failed(self, exc: object) -> None:
        self.task = None
        if isinstance(exc, ExportCancelled):
            self.window.statusBar().showMessage(_("Nothing was removed."), 10000)
            return
        self.window.ctx.messages.error(self.window, _("Remove old tickets"), str(exc))
