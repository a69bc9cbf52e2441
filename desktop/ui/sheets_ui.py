"""File → Export list… and File → Import call log…: spreadsheets in and out, off the UI thread.

``install_sheets(window)`` adds both actions (kept as ``window.sheets``). File choices go
through replaceable callables so tests can drive every step without native dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog

from desktop.export.table_file import CSV, XLSX, SourceTable
from desktop.i18n import _, format_number, ngettext
from desktop.services.call_log_import import CallLogImportService, CallLogResult, ImportCancelled
from desktop.services.errors import ServiceError
from desktop.services.ticket_export import ExportCancelled, TicketExportService
from desktop.ui.column_mapping_dialog import ColumnMappingDialog
from desktop.ui.import_report_dialog import ImportReportDialog
from desktop.ui.worker import BackgroundTask

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

EXPORT_SHORTCUT = "Ctrl+E"
IMPORT_SHORTCUT = "Ctrl+I"
STATUS_MS = 8000


def _filters() -> str:
    return ";;".join((_("Excel workbook (*.xlsx)"), _("CSV, UTF-8 (*.csv)")))


def _with_suffix(name: str, chosen_filter: str) -> Path:
    path = Path(name)
    if path.suffix.lower() in (XLSX, CSV):
        return path
    return path.with_name(path.name + (CSV if "*.csv" in chosen_filter else XLSX))


def _failure(exc: object) -> str:
    if isinstance(exc, ServiceError):
        return str(exc)
    return _("Something went wrong ({reason}); the details are in the log file.").format(reason=type(exc).__name__)


def install_sheets(window: MainWindow) -> Sheets:
    sheets = Sheets(window)
    window.sheets = sheets  # type: ignore[attr-defined]
    return sheets


class Sheets(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        ctx = window.ctx
        self.exporter = TicketExportService(ctx.database.sessions, clock=ctx.clock)
        self.importer = CallLogImportService(ctx.database.sessions, ctx.tickets, clock=ctx.clock)
        self.task: BackgroundTask | None = None
        self.report: ImportReportDialog | None = None
        self.last_result: CallLogResult | None = None
        self.choose_export_path: Callable[[], Path | None] = self._ask_export_path
        self.choose_import_path: Callable[[], Path | None] = self._ask_import_path
        self.choose_rejected_path: Callable[[CallLogResult], Path | None] = self._ask_rejected_path
        # Opens the mapping dialog; returns the mapping or None when cancelled (tests may replace it).
        self.ask_mapping: Callable[[Path, SourceTable, dict[str, int] | None], dict[str, int] | None] = \
            self._ask_mapping
        self.mapping_dialog: ColumnMappingDialog | None = None

        self.export_action = self._action(_("&Export list…"), self.export, EXPORT_SHORTCUT,
                                          _("Save the tickets the table shows now (filters and search) as Excel "
                                            "or CSV"))
        self.import_action = self._action(_("&Import call log…"), self.import_, IMPORT_SHORTCUT,
                                          _("Bring calls in from an Excel or CSV call log"))
        file_menu = window.menuBar().actions()[0].menu()
        self.remap_action = QAction(_("Import call log, &mapping the columns…"), window)
        self.remap_action.setStatusTip(_("Import a call log and choose again which column holds which field"))
        self.remap_action.setToolTip(self.remap_action.statusTip())
        self.remap_action.triggered.connect(lambda: self.import_(remap=True))
        file_menu.insertActions(window.lock_action, [self.export_action, self.import_action, self.remap_action])
        file_menu.insertSeparator(window.lock_action)

    def _action(self, text: str, slot: Callable[[], None], shortcut: str, tip: str) -> QAction:
        action = QAction(text, self.window)
        sequence = QKeySequence(shortcut)
        action.setShortcut(sequence)
        action.setToolTip(f"{tip} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _run(self, job: Callable[[Callable[[int, int], bool]], object], label: str,
             done: Callable[[object], None]) -> None:
        self.task = BackgroundTask(job, label=label, parent=self.window)
        self.task.finished.connect(done)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _failed(self, exc: object) -> None:
        if isinstance(exc, ExportCancelled | ImportCancelled):
            self.window.statusBar().showMessage(str(exc), STATUS_MS)
            return
        self.window.ctx.messages.error(self.window, _("Spreadsheet"), _failure(exc))

    # --- export ----------------------------------------------------------------------------

    def _ask_export_path(self) -> Path | None:
        name, chosen = QFileDialog.getSaveFileName(self.window, _("Export list"), "hotline-desk-tickets.xlsx",
                                                   _filters())
        return _with_suffix(name, chosen) if name else None

    def export(self) -> None:
        path = self.choose_export_path()
        if path is None:
            return
        model = self.window.model
        flt, newest_first, actor = model.filter, model.newest_first, self.window.ctx.actor()
        self._run(lambda progress: self.exporter.export(path, flt, progress, newest_first=newest_first,
                                                        actor=actor),
                  _("Exporting the list…"), lambda count: self._exported(path, count))

    def _exported(self, path: Path, count: object) -> None:
        assert isinstance(count, int)
        self.window.ctx.messages.info(self.window, _("Export finished"), ngettext(
            "{count} ticket written to {path}.", "{count} tickets written to {path}.", count).format(
            count=format_number(count), path=path))

    # --- import ----------------------------------------------------------------------------

    def _ask_import_path(self) -> Path | None:
        name, _chosen = QFileDialog.getOpenFileName(
            self.window, _("Import call log"), "", ";;".join((_("Call logs (*.xlsx *.csv)"), _filters())))
        return Path(name) if name else None

    def _ask_rejected_path(self, result: CallLogResult) -> Path | None:
        suggested = _("refused-rows") + result.suffix
        name, chosen = QFileDialog.getSaveFileName(self.window, _("Save refused rows"), suggested, _filters())
        return _with_suffix(name, chosen) if name else None

    def _ask_mapping(self, path: Path, table: SourceTable, preset: dict[str, int] | None) -> dict[str, int] | None:
        dialog = ColumnMappingDialog(path.name, table.headers, table.rows[0] if table.rows else None, self.window,
                                     preset=preset)
        self.mapping_dialog = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.mapping()
        finally:
            self.mapping_dialog = None
            dialog.deleteLater()

    def import_(self, remap: bool = False) -> None:
        """Import a call log; ``remap`` opens the column mapping even for a known layout."""
        path = self.choose_import_path()
        if path is None:
            return
        self._run(lambda _progress: self.importer.read(path), _("Reading {name}…").format(name=path.name),
                  lambda table: self._read(path, table, remap))  # type: ignore[arg-type]

    def _read(self, path: Path, table: SourceTable, remap: bool = False) -> None:
        if self.task is not None and self.task.cancelled:  # cancelled while the file was being read
            self.window.statusBar().showMessage(_("The import was cancelled; nothing was changed."), STATUS_MS)
            return
        if not table.rows:
            self.window.ctx.messages.info(self.window, _("Nothing to import"), _(
                "{name} has column titles but no calls under them.").format(name=path.name))
            return
        mapping = self.importer.layout_for(table.headers)
        if mapping is None or remap:
            mapping = self.ask_mapping(path, table, mapping)
            if mapping is None:
                return
            try:
                self.importer.remember(table.headers, mapping)
            except ServiceError as exc:
                self.window.ctx.messages.error(self.window, _("Import call log"), str(exc))
                return
        actor = self.window.ctx.actor()
        self._run(lambda progress: self.importer.import_table(table, mapping, actor, source=path.name,
                                                              progress=progress),
                  _("Importing {name}…").format(name=path.name), self._imported)

    def _imported(self, result: object) -> None:
        assert isinstance(result, CallLogResult)
        self.last_result = result
        if result.created:
            self.window.refresh()
        self.report = ImportReportDialog(result, lambda path: self._save_rejected(result, path),
                                         lambda: self.choose_rejected_path(result), self.window)
        self.report.show()

    def _save_rejected(self, result: CallLogResult, path: Path) -> None:
        try:
            count = self.importer.write_rejected(result, path)
        except ServiceError as exc:
            self.window.ctx.messages.error(self.window, _("Save refused rows"), str(exc))
            return
        self.window.statusBar().showMessage(ngettext(
            "{count} refused row written to {path}; fix it there and import the file again.",
            "{count} refused rows written to {path}; fix them there and import the file again.",
            count).format(count=count, path=path), STATUS_MS)
