"""Settings of this workstation: language, who works here, centre name, ticket prefix."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.config import WorkstationConfig
from desktop.i18n import LANGUAGES, _
from desktop.rules.numbering import validate_prefix
from desktop.ui.widgets import FieldMessage

AGENT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


def agent_problems(code: str, name: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not code.strip():
        problems["code"] = _("Enter your agent ID (工号).")
    elif not AGENT_CODE.match(code.strip()):
        problems["code"] = _("An agent ID has 1 to 16 letters, digits, '-' or '_'.")
    if not name.strip():
        problems["name"] = _("Enter your name as colleagues know it.")
    elif len(name.strip()) > 32:
        problems["name"] = _("Shorten the name to 32 characters.")
    return problems


class _ValidatedDialog(QDialog):
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


class AgentDialog(_ValidatedDialog):
    """Asked once on a new workstation: who is taking the calls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Who is working here?"))
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("A1001")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("e.g. 张敏"))
        self.add_row("code", _("Agent ID (工号)"), self.code)
        self.add_row("name", _("Name"), self.name)
        for edit in (self.code, self.name):
            edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.show_problems(agent_problems(self.code.text(), self.name.text()))


class SettingsDialog(_ValidatedDialog):
    def __init__(self, config: WorkstationConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self._config = config
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(config.language), 0))
        self.code = QLineEdit(config.agent_code, self)
        self.name = QLineEdit(config.agent_name, self)
        self.centre = QLineEdit(config.centre_name, self)
        self.centre.setPlaceholderText(_("Shown in greetings and on printed pages"))
        self.prefix = QLineEdit(config.ticket_prefix, self)
        self.prefix.setMaxLength(6)
        self.add_row("language", _("Language"), self.language)
        self.add_row("code", _("Agent ID (工号)"), self.code)
        self.add_row("name", _("Name"), self.name)
        self.add_row("centre", _("Centre name"), self.centre)
        self.add_row("prefix", _("Ticket number prefix"), self.prefix)
        for edit in (self.code, self.name, self.prefix):
            edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        problems = agent_problems(self.code.text(), self.name.text())
        prefix_problem = validate_prefix(self.prefix.text().strip())
        if prefix_problem:
            problems["prefix"] = prefix_problem
        self.show_problems(problems)

    def result_config(self) -> WorkstationConfig:
        return replace(
            self._config,
            language=str(self.language.currentData()),
            agent_code=self.code.text().strip(),
            agent_name=self.name.text().strip(),
            centre_name=self.centre.text().strip(),
            ticket_prefix=self.prefix.text().strip(),
        )
