"""Improvement actions: the list (overdue ones in red with a ⚠ and the word "Overdue", never colour alone),
the form of a new action, and the status moves that track each one to closure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_date
from desktop.rules import improvements as rules
from desktop.services.dto import Actor, DepartmentOption
from desktop.services.errors import ServiceError
from desktop.services.improvements import ActionRow, ImprovementService
from desktop.services.visits import RecordRefused
from desktop.ui.settings_dialog import ValidatedDialog
from desktop.ui.widgets import DepartmentCombo, alert_colour


def _ids(text: str) -> tuple[tuple[int, ...], bool]:
    """Ids typed as "12, 15": (ids, well formed)."""
    parts = [p for p in text.replace("，", ",").replace(" ", ",").split(",") if p]
    if not all(p.isdigit() for p in parts):
        return (), False
    return tuple(int(p) for p in parts), True


class ActionDialog(ValidatedDialog):
    """A new improvement action, linked to the tickets and visits that raised it."""

    def __init__(self, service: ImprovementService, actor: Callable[[], Actor], departments: list[DepartmentOption],
                 today: date, parent: QWidget | None = None, *, ticket_ids: tuple[int, ...] = (),
                 visit_ids: tuple[int, ...] = ()) -> None:
        super().__init__(parent)
        self._service, self._actor, self._today = service, actor, today
        self.saved: ActionRow | None = None
        self.setWindowTitle(_("New improvement action"))
        self.problem = QPlainTextEdit(self)
        self.problem.setFixedHeight(60)
        self.action = QPlainTextEdit(self)
        self.action.setFixedHeight(60)
        self.department = DepartmentCombo(departments, _("— choose —"), self)
        self.deadline = QDateEdit(QDate(today.year, today.month, today.day).addDays(14), self)
        self.deadline.setCalendarPopup(True)
        self.tickets = QLineEdit(", ".join(map(str, ticket_ids)), self)
        self.tickets.setPlaceholderText(_("Ticket ids, separated by commas"))
        self.visits = QLineEdit(", ".join(map(str, visit_ids)), self)
        self.visits.setPlaceholderText(_("Visit ids, separated by commas"))
        self.add_row("problem", _("Problem found"), self.problem)
        self.add_row("action", _("Action"), self.action)
        self.add_row("department", _("Responsible department"), self.department)
        self.add_row("deadline", _("Deadline"), self.deadline)
        self.add_row("tickets", _("Raised by tickets"), self.tickets)
        self.add_row("visits", _("Raised by visits"), self.visits)
        self.save_problem = QLabel(self)
        self.save_problem.setWordWrap(True)
        self.save_problem.hide()
        self.form.addRow(self.save_problem)
        for edit in (self.problem, self.action):
            edit.textChanged.connect(self._check)
        self.tickets.textChanged.connect(self._check)
        self.visits.textChanged.connect(self._check)
        self.department.currentIndexChanged.connect(self._check)
        self.deadline.dateChanged.connect(self._check)
        self._check()

    def draft(self) -> tuple[rules.ActionDraft, dict[str, str]]:
        problems: dict[str, str] = {}
        tickets, ok = _ids(self.tickets.text())
        if not ok:
            problems["tickets"] = _("Type ticket ids as numbers separated by commas, e.g. 12, 15.")
        visits, ok = _ids(self.visits.text())
        if not ok:
            problems["visits"] = _("Type visit ids as numbers separated by commas, e.g. 3, 4.")
        deadline = self.deadline.date().toPython()
        return rules.ActionDraft(self.problem.toPlainText(), self.action.toPlainText(),
                                 self.department.department_id(), deadline,  # type: ignore[arg-type]
                                 ticket_ids=tickets, visit_ids=visits), problems

    def _check(self) -> None:
        draft, problems = self.draft()
        self.show_problems({**rules.validate_action(draft, self._today).errors, **problems})

    def accept(self) -> None:
        draft, problems = self.draft()
        if problems:
            self.show_problems(problems)
            return
        try:
            self.saved = self._service.create(self._actor(), draft)
        except RecordRefused as exc:
            self.show_problems(exc.errors)
            return
        except ServiceError as exc:  # a missing ticket or visit, the database: the form keeps what was typed
            self.save_problem.setText(str(exc))
            self.save_problem.show()
            return
        super().accept()


class ActionsDialog(QDialog):
    """Every improvement action, the open ones first by deadline; moves them on to done."""

    def __init__(self, service: ImprovementService, actor: Callable[[], Actor], departments: list[DepartmentOption],
                 today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service, self._actor, self._departments, self._today = service, actor, departments, today
        self.rows: list[ActionRow] = []
        self.child: ActionDialog | None = None
        self.setWindowTitle(_("Improvement actions"))
        self.resize(820, 420)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([_("Deadline"), _("Status"), _("Problem"), _("Action"),
                                              _("Department"), _("Raised by")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.show_done = QCheckBox(_("Show &done ones"), self)
        self.show_done.setChecked(True)
        self.show_done.toggled.connect(self.refresh)
        self.new_button = QPushButton(_("&New action…"), self)
        self.new_button.clicked.connect(self.new_action)
        self.start_button = QPushButton(_("&Start"), self)
        self.start_button.setToolTip(_("Mark the chosen action in progress"))
        self.start_button.clicked.connect(lambda: self.set_status(rules.IN_PROGRESS))
        self.done_button = QPushButton(_("Mark &done"), self)
        self.done_button.setToolTip(_("Close the chosen action: the problem is fixed"))
        self.done_button.clicked.connect(lambda: self.set_status(rules.DONE))
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_done)
        buttons.addStretch(1)
        for button in (self.new_button, self.start_button, self.done_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.rows = self._service.list(include_done=self.show_done.isChecked())
        except ServiceError as exc:
            self.problem.setText(str(exc))
            return
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            status = rules.status_label(row.status)
            if row.overdue:
                status = _("⚠ Overdue · {status}").format(status=status)
            raised = [*row.ticket_numbers, *(_("visit {id}").format(id=v) for v in row.visit_ids)]
            cells = (format_date(row.deadline), status, row.problem, row.action, row.department, ", ".join(raised))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if row.overdue:
                    item.setForeground(QBrush(alert_colour(self.table)))
                self.table.setItem(index, column, item)
        self._update_buttons()

    def current(self) -> ActionRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) and self.table.selectedItems() else None

    def _update_buttons(self) -> None:
        row = self.current()
        self.start_button.setEnabled(row is not None and row.status == rules.OPEN)
        self.done_button.setEnabled(row is not None and row.status != rules.DONE)

    def new_action(self, *, ticket_ids: tuple[int, ...] = (), visit_ids: tuple[int, ...] = ()) -> None:
        self.child = ActionDialog(self._service, self._actor, self._departments, self._today(), self,
                                  ticket_ids=ticket_ids, visit_ids=visit_ids)
        self.child.finished.connect(self._child_finished)
        self.child.open()

    def _child_finished(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self.refresh()
        self.child = None

    def set_status(self, status: str) -> None:
        row = self.current()
        if row is None:
            return
        try:
            self._service.set_status(self._actor(), row.id, status)
        except ServiceError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self.refresh()
        for index, shown in enumerate(self.rows):
            if shown.id == row.id:
                self.table.selectRow(index)
