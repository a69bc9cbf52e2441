"""Settings of this workstation: language, who works here, centre name, ticket prefix."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.config import WorkstationConfig
from desktop.i18n import LANGUAGES, _
from desktop.rules.centre_options import IDLE_LOCK_MINUTES, SENSITIVE_MODULES
from desktop.rules.numbering import validate_prefix
from desktop.rules.reminders import MAX_LEAD_MINUTES
from desktop.services.dto import ChoiceOption
from desktop.ui.auto_archive_settings import AutoArchiveFields
from desktop.ui.widgets import FieldMessage


class ValidatedDialog(QDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.messages: dict[str, FieldMessage] = {}
        self.setMinimumWidth(440)

    def add_row(self, key: str, label: str, widget: QWidget) -> None:
        message = FieldMessage(self)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(message)
        self.form.addRow(label, holder)
        self.messages[key] = message

    def show_problems(self, problems: dict[str, str]) -> None:
        for key, message in self.messages.items():
            message.show_message(problems.get(key), error=True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)


class SettingsDialog(ValidatedDialog):
    """This workstation's settings; for administrators also the centre-wide options."""

    def __init__(self, config: WorkstationConfig, parent: QWidget | None = None, *,
                 centre: dict[str, Any] | None = None, modules: list[ChoiceOption] | None = None,
                 managers: list[QAction] | None = None, start_at_login: bool | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._today = today or date.today()
        self.setWindowTitle(_("Settings"))
        self._config = config
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(config.language), 0))
        self.centre = QLineEdit(config.centre_name, self)
        self.centre.setPlaceholderText(_("Shown in greetings and on printed pages"))
        self.prefix = QLineEdit(config.ticket_prefix, self)
        self.prefix.setMaxLength(6)
        self.add_row("language", _("Language"), self.language)
        self.add_row("centre", _("Centre name"), self.centre)
        self.add_row("prefix", _("Ticket number prefix"), self.prefix)
        self.prefix.textChanged.connect(self._check)
        self.lead_minutes = QSpinBox(self)
        self.lead_minutes.setRange(0, MAX_LEAD_MINUTES)
        self.lead_minutes.setValue(config.reminder_lead_minutes)
        self.lead_minutes.setSuffix(_(" min"))
        self.lead_minutes.setToolTip(_("How long before a feedback time promised to a customer the reminder pops up"))
        self.add_row("reminder_lead_minutes", _("Remind me before a promised feedback"), self.lead_minutes)
        self.archive = AutoArchiveFields(self, config, self.add_row, self._check)
        self.start_at_login: QCheckBox | None = None
        if start_at_login is not None:
            self.start_at_login = QCheckBox(_("Start Hotline Desk when I sign in to the computer"), self)
            self.start_at_login.setChecked(start_at_login)
            self.start_at_login.setToolTip(_("So that no callback time is missed: the reminders run from the tray"))
            self.add_row("start_at_login", _("At login"), self.start_at_login)
        if managers:
            # The lists an agent keeps up to date (quick phrases, guides) open from here too.
            row = QHBoxLayout()
            for action in managers:
                button = QPushButton(action.text(), self)
                button.setToolTip(action.toolTip())
                button.clicked.connect(action.trigger)
                row.addWidget(button)
            row.addStretch(1)
            self.form.addRow(_("Agent aids"), row)

        self.idle_minutes: QSpinBox | None = None
        self.sensitive: QListWidget | None = None
        if centre is not None:
            heading = QLabel(_("Centre-wide (all workstations; changes are audited)"), self)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.form.addRow(heading)
            self.idle_minutes = QSpinBox(self)
            self.idle_minutes.setRange(IDLE_LOCK_MINUTES.minimum or 1, IDLE_LOCK_MINUTES.maximum or 240)
            self.idle_minutes.setValue(int(centre[IDLE_LOCK_MINUTES.key]))
            self.idle_minutes.setSuffix(_(" min"))
            self.add_row(IDLE_LOCK_MINUTES.key, _(IDLE_LOCK_MINUTES.label), self.idle_minutes)
            self.sensitive = QListWidget(self)
            chosen = set(centre[SENSITIVE_MODULES.key])
            for option in modules or []:
                item = QListWidgetItem(option.label, self.sensitive)
                item.setData(Qt.ItemDataRole.UserRole, option.code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if option.code in chosen else Qt.CheckState.Unchecked)
            self.sensitive.setMaximumHeight(160)
            self.add_row(SENSITIVE_MODULES.key, _(SENSITIVE_MODULES.label), self.sensitive)
        self._check()

    def _check(self) -> None:
        problems: dict[str, str] = {}
        prefix_problem = validate_prefix(self.prefix.text().strip())
        if prefix_problem:
            problems["prefix"] = prefix_problem
        problems.update(self.archive.problems())
        self.show_problems(problems)

    def result_config(self) -> WorkstationConfig:
        config = replace(
            self._config,
            language=str(self.language.currentData()),
            centre_name=self.centre.text().strip(),
            ticket_prefix=self.prefix.text().strip(),
            reminder_lead_minutes=self.lead_minutes.value(),
        )
        return self.archive.apply(config, self._config, self._today)

    def wants_start_at_login(self) -> bool | None:
        """The box's state (None when the dialog did not offer it)."""
        return None if self.start_at_login is None else self.start_at_login.isChecked()

    def result_centre(self) -> dict[str, Any]:
        """The centre-wide values shown (empty for a non-administrator)."""
        if self.idle_minutes is None or self.sensitive is None:
            return {}
        modules = [str(self.sensitive.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.sensitive.count())
                   if self.sensitive.item(i).checkState() == Qt.CheckState.Checked]
        return {IDLE_LOCK_MINUTES.key: self.idle_minutes.value(), SENSITIVE_MODULES.key: modules}
