"""Exporting and importing the phrases/FAQ/guides workbook from the window, off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.i18n import _
from desktop.services.aids_dto import ImportResult
from desktop.services.aids_transfer import AidsTransferService
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.ui.messages import Messages
from desktop.ui.worker import BackgroundTask

SHOWN_PROBLEMS = 20
FILE_FILTER = "Excel (*.xlsx)"
DEFAULT_NAME = "hotline-desk-aids.xlsx"


def describe_import(result: ImportResult) -> str:
    """The import's outcome for the agent: counts, then each refused row (the first ones)."""
    lines = [_("Added: {created}; updated: {updated}; already present: {unchanged}.").format(
        created=result.created, updated=result.updated, unchanged=result.unchanged)]
    if result.problems:
        lines.append(_("{count} problems; those rows were not imported:").format(count=len(result.problems)))
        for problem in result.problems[:SHOWN_PROBLEMS]:
            where = _("{sheet}, row {row}").format(sheet=problem.sheet, row=problem.row)
            if problem.column:
                where = _("{sheet}, row {row}, column {column}").format(sheet=problem.sheet, row=problem.row,
                                                                       column=problem.column)
            lines.append(_("{where}: {problem}").format(where=where, problem=problem.message))
        if len(result.problems) > SHOWN_PROBLEMS:
            lines.append(_("… and {count} more.").format(count=len(result.problems) - SHOWN_PROBLEMS))
    return "\n".join(lines)


def _failure(exc: object) -> str:
    if isinstance(exc, ServiceError):
        return str(exc)
    return _("Something went wrong ({reason}); the details are in the log file.").format(
        reason=type(exc).__name__)


class AidsTransfer(QObject):
    """``choose_export_path`` / ``choose_import_path`` ask for the file (tests replace them)."""

    def __init__(self, parent: QWidget, service: AidsTransferService, actor: Callable[[], Actor],
                 messages: Messages, imported: Callable[[], None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._service = service
        self._actor = actor
        self._messages = messages
        self._imported = imported
        self.task: BackgroundTask | None = None
        self.choose_export_path: Callable[[], Path | None] = self._ask_export_path
        self.choose_import_path: Callable[[], Path | None] = self._ask_import_path

    def _ask_export_path(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self._parent, _("Export phrases, FAQ and guides"),
                                                    DEFAULT_NAME, FILE_FILTER)
        if not name:
            return None
        return Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")

    def _ask_import_path(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self._parent, _("Import phrases, FAQ and guides"), "",
                                                    FILE_FILTER)
        return Path(name) if name else None

    def _run(self, job: Callable[[Callable[[int, int], bool]], object], label: str,
             done: Callable[[object], None]) -> None:
        self.task = BackgroundTask(job, label=label, parent=self._parent)
        self.task.finished.connect(done)
        self.task.failed.connect(
            lambda exc: self._messages.error(self._parent, _("Phrases, FAQ and guides"), _failure(exc)))
        self.task.start()

    def export(self) -> None:
        path = self.choose_export_path()
        if path is None:
            return
        self._run(lambda progress: self._service.export_xlsx(path, progress), _("Exporting…"),
                  lambda count: self._messages.info(self._parent, _("Export finished"), _(
                      "{count} entries written to {path}. Import this file at the other stations.").format(
                      count=count, path=path)))

    def import_(self) -> None:
        path = self.choose_import_path()
        if path is None:
            return
        actor = self._actor()
        self._run(lambda progress: self._service.import_xlsx(path, actor, progress), _("Importing…"),
                  self._import_done)

    def _import_done(self, result: object) -> None:
        assert isinstance(result, ImportResult)
        self._imported()
        title = _("Import finished") if not result.problems else _("Import finished with problems")
        self._messages.info(self._parent, title, describe_import(result))
