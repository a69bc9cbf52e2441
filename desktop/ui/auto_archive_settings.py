"""The automatic archive's rows in the settings dialog: on/off, time of day, folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLineEdit, QTimeEdit, QToolButton, QWidget

from desktop.config import WorkstationConfig
from desktop.i18n import _
from desktop.paths import data_dir
from desktop.rules.auto_archive import DEFAULT_TIME, parse_time


def _choose_folder(parent: QWidget, start: str) -> str | None:
    return QFileDialog.getExistingDirectory(parent, _("Archive folder"), start) or None


class AutoArchiveFields:
    """Adds its rows to a :class:`~desktop.ui.settings_dialog.ValidatedDialog` and reads them back."""

    def __init__(self, dialog: QWidget, config: WorkstationConfig, add_row: Callable[[str, str, QWidget], None],
                 changed: Callable[[], None]) -> None:
        self._dialog = dialog
        self.enabled = QCheckBox(_("Write each working day's archive PDF by itself"), dialog)
        self.enabled.setChecked(config.auto_archive)
        self.enabled.setToolTip(_("At the set time, and at start-up for the days missed (31 days at most), the "
                                  "day's archive is saved in the folder as a PDF named by date"))
        at = parse_time(config.auto_archive_time) or DEFAULT_TIME
        self.time = QTimeEdit(QTime(at.hour, at.minute), dialog)
        self.time.setDisplayFormat("HH:mm")
        self.time.setToolTip(_("The time of day the working day's archive is written"))
        self.folder = QLineEdit(config.auto_archive_folder, dialog)
        self.folder.setPlaceholderText(str(data_dir() / "archive"))
        self.folder.setToolTip(_("Leave empty for the archive folder in the program's data folder"))
        self.browse = QToolButton(dialog)
        self.browse.setText(_("Browse…"))
        self.browse.setToolTip(_("Choose the archive folder"))
        self.browse.clicked.connect(self.choose_folder)
        # The folder dialog; tests replace it to answer without a window.
        self.ask_folder: Callable[[QWidget, str], str | None] = _choose_folder
        holder = QWidget(dialog)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        add_row("auto_archive", _("Automatic archive"), self.enabled)
        add_row("auto_archive_time", _("Archive time"), self.time)
        add_row("auto_archive_folder", _("Archive folder"), holder)
        self.enabled.toggled.connect(self._enable)
        self.folder.textChanged.connect(lambda _text: changed())
        self.enabled.toggled.connect(lambda _on: changed())
        self._enable(config.auto_archive)

    def _enable(self, on: bool) -> None:
        for widget in (self.time, self.folder, self.browse):
            widget.setEnabled(on)

    def choose_folder(self) -> None:
        chosen = self.ask_folder(self._dialog, self.folder.text() or str(data_dir()))
        if chosen:
            self.folder.setText(chosen)

    def problems(self) -> dict[str, str]:
        text = self.folder.text().strip()
        if not self.enabled.isChecked() or not text:
            return {}
        path = Path(text).expanduser()
        if not path.is_absolute():
            return {"auto_archive_folder": _("Give the full path of a folder (for example {example}), or leave it "
                                             "empty for the default.").format(example=data_dir() / "archive")}
        if path.exists() and not path.is_dir():
            return {"auto_archive_folder": _("{path} is a file: choose a folder.").format(path=path)}
        return {}

    def apply(self, config: WorkstationConfig, was: WorkstationConfig, today: date) -> WorkstationConfig:
        on = self.enabled.isChecked()
        since = was.auto_archive_since
        if on and (not was.auto_archive or not since):
            since = today.isoformat()  # no day before it was switched on is written
        return replace(config, auto_archive=on, auto_archive_time=self.time.time().toString("HH:mm"),
                       auto_archive_folder=self.folder.text().strip(), auto_archive_since=since)
