"""The Database page of the settings: where this workstation's tickets live (its own file or the
centre's PostgreSQL server), a connection test off the UI thread, and the SQLite backups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from desktop.config import WorkstationConfig
from desktop.i18n import _
from desktop.paths import default_database_path
from desktop.services.backup import default_backup_folder
from desktop.services.connection import location_problem, try_connection
from desktop.ui.widgets import FieldMessage
from desktop.ui.worker import BackgroundTask

AddRow = Callable[[str, str, QWidget, QFormLayout], None]


class DatabaseFields:
    """Adds its rows to the page's form and reads them back; ``problems`` for the dialog's check."""

    def __init__(self, dialog: QWidget, config: WorkstationConfig, form: QFormLayout, add_row: AddRow,
                 changed: Callable[[], None]) -> None:
        self._dialog = dialog
        self.location = QLineEdit(config.database, dialog)
        self.location.setPlaceholderText(_("Empty: this computer's own file"))
        self.location.setToolTip(_("A file on this computer ({path} when empty), or the centre's shared server: "
                                   "postgresql+psycopg://user:password@server/hotline").format(
            path=default_database_path()))
        self.location.textChanged.connect(lambda _text: changed())
        self.test_button = QPushButton(_("&Test connection"), dialog)
        self.test_button.setToolTip(_("Connect now and say what is there (at most a few seconds)"))
        self.test_button.clicked.connect(self.test)
        self.result = FieldMessage(dialog)
        holder = QWidget(dialog)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.location, 1)
        row.addWidget(self.test_button)
        add_row("database", _("Database"), holder, form)
        form.addRow("", self.result)
        note = QLabel(_("A changed database is used from the next start of Hotline Desk. On a shared server "
                        "every workstation sees the same tickets; its backups are made on the server."), dialog)
        note.setWordWrap(True)
        form.addRow(note)
        self.backup_folder = QLineEdit(config.backup_folder, dialog)
        self.backup_folder.setPlaceholderText(str(default_backup_folder()))
        self.backup_folder.setToolTip(_("Where the daily backup of this computer's database file goes "
                                        "(empty: the program's data folder)"))
        add_row("backup_folder", _("Backup folder"), self.backup_folder, form)
        self.backup_keep = QSpinBox(dialog)
        self.backup_keep.setRange(1, 365)
        self.backup_keep.setValue(config.backup_keep)
        self.backup_keep.setToolTip(_("How many daily backups are kept; older ones are removed"))
        add_row("backup_keep", _("Backups kept"), self.backup_keep, form)
        self._task: BackgroundTask | None = None

    def problems(self) -> dict[str, str]:
        problem = location_problem(self.location.text())
        return {"database": problem} if problem else {}

    def test(self) -> None:
        """Try the location typed, in a worker thread; the answer shows under the field."""
        if self._task is not None:
            return
        value = self.location.text()
        self.test_button.setEnabled(False)
        self.result.show_message(_("Connecting…"), error=False)
        task = BackgroundTask(lambda _progress: try_connection(value), label="", parent=self._dialog,
                              show_dialog=False)
        task.finished.connect(lambda answer: self._tested(str(answer), error=False))
        task.failed.connect(lambda exc: self._tested(str(exc), error=True))
        self._task = task
        task.start()

    def _tested(self, text: str, *, error: bool) -> None:
        if self._task is not None:
            self._task.deleteLater()
            self._task = None
        self.test_button.setEnabled(True)
        self.result.show_message(text, error=error)

    def apply(self, config: WorkstationConfig) -> WorkstationConfig:
        return replace(config, database=self.location.text().strip(), backup_folder=self.backup_folder.text().strip(),
                       backup_keep=self.backup_keep.value())
