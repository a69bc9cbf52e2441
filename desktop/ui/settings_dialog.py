"""Settings of this workstation (language, centre name, ticket prefix, reminders, start at login) and, for
administrators, pages of the centre-wide rules: screen lock, identity checks, the deadline policy and
the centre's own days off and working days, departments with their handlers, and the choice lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon
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
    QStackedWidget,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.config import WorkstationConfig
from desktop.i18n import LANGUAGES, _
from desktop.rules.centre_lists import ListEntry, default_code
from desktop.rules.centre_options import (
    DEADLINE_PRESET,
    EXTRA_HOLIDAYS,
    EXTRA_WORKING_DAYS,
    HANDLERS,
    IDLE_LOCK_MINUTES,
    RETENTION_YEARS,
    SENSITIVE_MODULES,
)
from desktop.rules.choices import LIST_TITLES
from desktop.rules.deadlines import PRESET_LABELS
from desktop.rules.numbering import validate_prefix
from desktop.rules.reminders import MAX_LEAD_MINUTES
from desktop.services.dto import ChoiceOption
from desktop.ui.auto_archive_settings import AutoArchiveFields
from desktop.ui.database_settings import DatabaseFields
from desktop.ui.settings_pages import DatesEditor, DepartmentsEditor, EntryListEditor
from desktop.ui.widgets import FieldMessage


class ValidatedDialog(QDialog):
    """A form whose rows show their problem beneath them; OK stays disabled while any is shown."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.body = QWidget(self)  # holds ``form``; a dialog with pages moves it into a tab
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(self.buttons)
        self.messages: dict[str, FieldMessage] = {}
        self.setMinimumWidth(440)

    def add_row(self, key: str, label: str, widget: QWidget, form: QFormLayout | None = None) -> None:
        message = FieldMessage(self)
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(message)
        (form or self.form).addRow(label, holder)
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
                 departments: list[ListEntry] | None = None, lists: dict[str, list[ListEntry]] | None = None,
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
        self.deadline_preset: QComboBox | None = None
        self.retention_years: QSpinBox | None = None
        self.holidays: DatesEditor | None = None
        self.working_days: DatesEditor | None = None
        self.departments: DepartmentsEditor | None = None
        self.lists: dict[str, EntryListEditor] = {}
        self.tabs = QTabWidget(self)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.body)
        self.tabs.addTab(self.body, _("This workstation"))
        layout.insertWidget(0, self.tabs)
        self.form.setContentsMargins(9, 9, 9, 9)
        self.database = DatabaseFields(self, config, self._page(_("Database")), self.add_row, self._check)
        if centre is not None:
            self._centre_pages(centre, modules or [], departments, lists or {}, self._today)
        self._check()

    def _page(self, title: str) -> QFormLayout:
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        return form

    def _centre_pages(self, centre: dict[str, Any], modules: list[ChoiceOption], departments: list[ListEntry] | None,
                      lists: dict[str, list[ListEntry]], today: date) -> None:
        """The pages an administrator sees: the centre-wide rules, departments and handlers, the lists."""
        form = self._page(_("Centre"))
        heading = QLabel(_("Centre-wide (all workstations; changes are audited)"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        form.addRow(heading)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(IDLE_LOCK_MINUTES.minimum or 1, IDLE_LOCK_MINUTES.maximum or 240)
        self.idle_minutes.setValue(int(centre[IDLE_LOCK_MINUTES.key]))
        self.idle_minutes.setSuffix(_(" min"))
        self.add_row(IDLE_LOCK_MINUTES.key, _(IDLE_LOCK_MINUTES.label), self.idle_minutes, form)
        self.sensitive = QListWidget(self)
        chosen = set(centre[SENSITIVE_MODULES.key])
        for option in modules:
            item = QListWidgetItem(option.label, self.sensitive)
            item.setData(Qt.ItemDataRole.UserRole, option.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if option.code in chosen else Qt.CheckState.Unchecked)
        self.sensitive.setMaximumHeight(140)
        self.add_row(SENSITIVE_MODULES.key, _(SENSITIVE_MODULES.label), self.sensitive, form)
        self.retention_years = QSpinBox(self)
        self.retention_years.setRange(RETENTION_YEARS.minimum or 2, RETENTION_YEARS.maximum or 30)
        self.retention_years.setValue(int(centre.get(RETENTION_YEARS.key, RETENTION_YEARS.default)))
        self.retention_years.setSuffix(_(" years"))
        self.retention_years.setToolTip(_("Older tickets may be removed (Tools → Remove old tickets…), exported "
                                          "first; the forms keep two years at least"))
        self.add_row(RETENTION_YEARS.key, _(RETENTION_YEARS.label), self.retention_years, form)
        self.deadline_preset = QComboBox(self)
        for code, label in PRESET_LABELS.items():
            self.deadline_preset.addItem(_(label), code)
        self.deadline_preset.setCurrentIndex(max(self.deadline_preset.findData(centre[DEADLINE_PRESET.key]), 0))
        self.deadline_preset.setToolTip(_("The response deadline every new ticket gets from its priority; "
                                          "working days skip weekends and official holidays"))
        self.add_row(DEADLINE_PRESET.key, _(DEADLINE_PRESET.label), self.deadline_preset, form)
        self.holidays = DatesEditor(centre[EXTRA_HOLIDAYS.key], today, self)
        self.holidays.setToolTip(_("Days the centre does not count as working days, besides the official holidays"))
        self.add_row(EXTRA_HOLIDAYS.key, _(EXTRA_HOLIDAYS.label), self.holidays, form)
        self.working_days = DatesEditor(centre[EXTRA_WORKING_DAYS.key], today, self)
        self.working_days.setToolTip(_("Weekend or holiday dates the centre counts as working days"))
        self.add_row(EXTRA_WORKING_DAYS.key, _(EXTRA_WORKING_DAYS.label), self.working_days, form)

        if departments is not None:
            form = self._page(_("Departments and handlers"))
            handlers = centre.get(HANDLERS.key)
            self.departments = DepartmentsEditor(departments, handlers if isinstance(handlers, dict) else {}, self)
            self.departments.changed.connect(self._check)
            self.add_row("departments", _("Departments"), self.departments, form)
        if lists:
            form = self._page(_("Choice lists"))
            self.list_choice = QComboBox(self)
            stack = QStackedWidget(self)
            for key, entries in lists.items():
                editor = EntryListEditor(entries, self, default=default_code(key))
                editor.changed.connect(self._check)
                self.lists[key] = editor
                self.list_choice.addItem(_(LIST_TITLES[key]), key)
                stack.addWidget(editor)
            self.list_choice.currentIndexChanged.connect(stack.setCurrentIndex)
            form.addRow(_("List"), self.list_choice)
            self.add_row("lists", _("Entries"), stack, form)
            note = QLabel(_("Priority, progress and satisfaction are fixed: the deadlines, the progress steps and "
                            "the figures are defined on them."), self)
            note.setWordWrap(True)
            form.addRow(note)
        self.resize(max(self.width(), 640), max(self.height(), 560))

    def _check(self) -> None:
        problems: dict[str, str] = {}
        prefix_problem = validate_prefix(self.prefix.text().strip())
        if prefix_problem:
            problems["prefix"] = prefix_problem
        problems.update(self.archive.problems())
        problems.update(self.database.problems())
        if self.departments is not None and (problem := self.departments.departments.problem()):
            problems["departments"] = problem
        for key, editor in self.lists.items():
            if problem := editor.problem():
                problems.setdefault("lists", f"{_(LIST_TITLES[key])}: {problem}")
        self.show_problems(problems)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index in range(self.tabs.count()):  # a page with a problem says so on its tab
            page = self.tabs.widget(index)
            bad = any(page.isAncestorOf(self.messages[key]) for key in problems if key in self.messages)
            self.tabs.setTabIcon(index, warning if bad else QIcon())

    def result_config(self) -> WorkstationConfig:
        config = replace(
            self._config,
            language=str(self.language.currentData()),
            centre_name=self.centre.text().strip(),
            ticket_prefix=self.prefix.text().strip(),
            reminder_lead_minutes=self.lead_minutes.value(),
        )
        return self.database.apply(self.archive.apply(config, self._config, self._today))

    def wants_start_at_login(self) -> bool | None:
        """The box's state (None when the dialog did not offer it)."""
        return None if self.start_at_login is None else self.start_at_login.isChecked()

    def result_centre(self) -> dict[str, Any]:
        """The centre-wide values shown (empty for a non-administrator)."""
        if self.idle_minutes is None or self.sensitive is None or self.deadline_preset is None \
                or self.holidays is None or self.working_days is None or self.retention_years is None:
            return {}
        modules = [str(self.sensitive.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.sensitive.count())
                   if self.sensitive.item(i).checkState() == Qt.CheckState.Checked]
        return {IDLE_LOCK_MINUTES.key: self.idle_minutes.value(), SENSITIVE_MODULES.key: modules,
                DEADLINE_PRESET.key: str(self.deadline_preset.currentData()),
                EXTRA_HOLIDAYS.key: self.holidays.dates(), EXTRA_WORKING_DAYS.key: self.working_days.dates(),
                RETENTION_YEARS.key: self.retention_years.value()}

    def result_departments(self) -> list[ListEntry] | None:
        """The departments as edited, in order (None when the page was not offered)."""
        return None if self.departments is None else self.departments.departments.entries()

    def result_handlers(self) -> dict[str, list[str]]:
        """Department name → handlers offered when routing there."""
        return {} if self.departments is None else self.departments.handlers_by_name()

    def result_lists(self) -> dict[str, list[ListEntry]]:
        return {key: editor.entries() for key, editor in self.lists.items()}
