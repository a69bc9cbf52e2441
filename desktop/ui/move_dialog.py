"""The dialog of a status move or a routing: it asks exactly what the target state requires.

The fields come from the status machine (``REQUIRED``, plus the plan of a reopen and the reason and
final position of an unsatisfied close), filled in with what the ticket already holds; OK stays
disabled, with the reason shown, until every required field is filled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop.i18n import _
from desktop.rules.centre_lists import handlers_of
from desktop.rules.field_labels import field_label
from desktop.rules.status_machine import CLOSED, REQUIRED, check_move, is_reopen, status_label
from desktop.services.dto import ChoiceOption, DepartmentOption, TicketDetail
from desktop.services.transitions import Move
from desktop.ui.settings_dialog import ValidatedDialog
from desktop.ui.widgets import DATETIME_FORMAT, ChoiceCombo, DepartmentCombo, from_qdatetime, to_qdatetime

ROUTE = "__route__"  # not a status: the dialog of 分派 (department and handler)

_LONG_FIELDS = ("final_position", "solution", "plan")


def fields_for(current: str, target: str) -> list[str]:
    """The fields the dialog shows for a move from ``current`` to ``target``."""
    if target == ROUTE:
        return ["department_id", "handler"]
    names = list(REQUIRED.get(target, ()))
    if is_reopen(current, target):
        names += ["plan", "handler"]
    if target == CLOSED:
        names += ["satisfaction_reason", "final_position"]
    return list(dict.fromkeys(names))


class MoveDialog(ValidatedDialog):
    def __init__(self, ticket: TicketDetail, target: str, now: datetime, departments: list[DepartmentOption],
                 satisfactions: list[ChoiceOption], parent: QWidget | None = None, *,
                 handlers: Mapping[str, Sequence[str]] | None = None) -> None:
        super().__init__(parent)
        self._handlers = handlers or {}
        self._ticket = ticket
        self.target = target
        life = ticket.lifecycle
        self._current = life.status if life else ticket.draft.status
        draft = ticket.draft
        held: dict[str, object] = {
            "handler": draft.handler,
            "department_id": draft.department_id,
            "coordinator": life.coordinator if life else "",
            "coordinator_reply_at": life.coordinator_reply_at if life else None,
            "escalated_to": life.escalated_to if life else "",
            "final_position": life.final_position if life else "",
            "solution": draft.solution,
            "satisfaction": draft.satisfaction,
            "satisfaction_reason": draft.satisfaction_reason,
            "plan": "",  # a new round gets its own plan
        }
        if target == ROUTE:
            self.setWindowTitle(_("Route {number}").format(number=ticket.number))
        else:
            self.setWindowTitle(_("{number}: move to “{target}”").format(
                number=ticket.number, target=status_label(target)))
        self.widgets: dict[str, QWidget] = {}
        for name in fields_for(self._current, target):
            widget = self._editor(name, held.get(name), now, departments, satisfactions)
            self.widgets[name] = widget
            self.add_row(name, field_label(name), widget)
        self._offer_handlers()
        department = self.widgets.get("department_id")
        if isinstance(department, DepartmentCombo) and isinstance(self.widgets.get("handler"), QComboBox):
            department.currentIndexChanged.connect(self._offer_handlers)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(_("Optional: a line for the timeline"))
        if target != ROUTE:
            self.add_row("note", _("Note"), self.note)
        else:  # a routing writes its own line ("分派至技术部李工"); unplaced, the field would float at the top
            self.note.hide()
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.layout().insertWidget(1, self.reason)
        self._check()
        first = next(iter(self.widgets.values()), self.note)
        first.setFocus()

    def _editor(self, name: str, value: object, now: datetime, departments: list[DepartmentOption],
                satisfactions: list[ChoiceOption]) -> QWidget:
        if name == "department_id":
            combo = DepartmentCombo(departments, _("(choose)"), self)
            combo.set_department_id(value if isinstance(value, int) else None)
            combo.currentIndexChanged.connect(self._check)
            return combo
        if name == "satisfaction":
            choice = ChoiceCombo(satisfactions, blank=_("(not set)"), parent=self)
            choice.set_code(value if isinstance(value, str) else None)
            choice.currentIndexChanged.connect(self._check)
            return choice
        if name == "coordinator_reply_at":
            edit = QDateTimeEdit(self)
            edit.setDisplayFormat(DATETIME_FORMAT)
            edit.setCalendarPopup(True)
            edit.setDateTime(to_qdatetime(value if isinstance(value, datetime) else now + timedelta(hours=4)))
            return edit
        if name in _LONG_FIELDS:
            text = QPlainTextEdit(str(value or ""), self)
            text.setTabChangesFocus(True)
            text.setMaximumHeight(90)
            text.textChanged.connect(self._check)
            return text
        if name == "handler" and self._handlers:
            # The department's handlers from the settings; another name can still be typed.
            handler = QComboBox(self)
            handler.setEditable(True)
            handler.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            handler.setEditText(str(value or ""))
            handler.editTextChanged.connect(self._check)
            return handler
        line = QLineEdit(str(value or ""), self)
        line.textChanged.connect(self._check)
        return line

    def _offer_handlers(self) -> None:
        """List the handlers of the chosen department (the ticket's own when the dialog has no choice)."""
        handler = self.widgets.get("handler")
        if not isinstance(handler, QComboBox):
            return
        department = self.widgets.get("department_id")
        if isinstance(department, DepartmentCombo):
            chosen = department.department_id()
        else:
            chosen = self._ticket.draft.department_id
        typed = handler.currentText()
        handler.blockSignals(True)
        handler.clear()
        handler.addItems(handlers_of(self._handlers, chosen))
        handler.setEditText(typed)
        handler.blockSignals(False)

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, DepartmentCombo):
                values[name] = widget.department_id()
            elif isinstance(widget, ChoiceCombo):
                values[name] = widget.code()
            elif isinstance(widget, QComboBox):
                values[name] = widget.currentText().strip()
            elif isinstance(widget, QDateTimeEdit):
                values[name] = from_qdatetime(widget.dateTime())
            elif isinstance(widget, QPlainTextEdit):
                values[name] = widget.toPlainText().strip()
            elif isinstance(widget, QLineEdit):
                values[name] = widget.text().strip()
        return values

    def move(self) -> Move:
        values = {name: (value if value != "" else None) for name, value in self.values().items()}
        return Move(self.target, note=self.note.text().strip(), **values)  # type: ignore[arg-type]

    def _check(self) -> None:
        values = self.values()
        if self.target == ROUTE:
            problems = {}
            if values.get("department_id") is None:
                problems["department_id"] = _("Choose the department the ticket goes to.")
            if not values.get("handler"):
                problems["handler"] = _("Name the handler who takes the ticket on.")
            reason = " ".join(problems.values())
        else:
            check = check_move(self._current, self.target, values)
            problems = {name: text for name, text in check.missing.items() if name in self.widgets}
            reason = check.reason or ""
        self.reason.setText("" if problems else reason)  # a missing field says it beside the field
        self.reason.setVisible(not problems and bool(reason))
        self.show_problems(problems)
        if reason and not problems:  # refused for a reason no field here can change
            self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(False)
