"""The filter bar over the table: date range, progress, issue type, priority, agent, overdue only and search."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.models.ticket_queries import TicketFilter
from desktop.services.dto import ChoiceOption, DepartmentOption
from desktop.ui.widgets import ChoiceCombo, DepartmentCombo

_NO_DATE = QDate(2000, 1, 1)


class OpenDateEdit(QDateEdit):
    """A date that can be left open: its lowest value reads "any"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(_("any"))
        self.setDate(_NO_DATE)

    def value(self) -> date | None:
        current = self.date()
        return None if current == _NO_DATE else current.toPython()  # type: ignore[return-value]

    def set_value(self, day: date | None) -> None:
        self.setDate(QDate(day) if day else _NO_DATE)


TODAY, THIS_WEEK, THIS_MONTH = "today", "week", "month"


def preset_range(preset: str, today: date) -> tuple[date, date]:
    """The local days a date preset covers: today, this week (Monday to Sunday), this month."""
    if preset == TODAY:
        return today, today
    if preset == THIS_WEEK:
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


class FilterBar(QWidget):
    changed = Signal(object)  # TicketFilter

    DEBOUNCE_MS = 250

    OVERDUE_SHORTCUT = "Ctrl+Shift+O"

    def __init__(self, statuses: list[ChoiceOption], issue_types: list[ChoiceOption],
                 parent: QWidget | None = None, *, priorities: list[ChoiceOption] | None = None,
                 departments: list[DepartmentOption] | None = None) -> None:
        super().__init__(parent)
        self.date_from = OpenDateEdit(self)
        self.date_from.setToolTip(_("Calls from this day on"))
        self.date_to = OpenDateEdit(self)
        self.date_to.setToolTip(_("Calls up to and including this day"))
        self.period = QComboBox(self)
        self.period.setToolTip(_("Quick date range"))
        self.period.setAccessibleName(_("Quick date range"))
        for text, code in ((_("Period…"), None), (_("Today"), TODAY), (_("This week"), THIS_WEEK),
                           (_("This month"), THIS_MONTH)):
            self.period.addItem(text, code)
        self.period.activated.connect(self._period_chosen)
        everything = _("All")
        self.status = ChoiceCombo(statuses, blank=everything, parent=self)
        self.status.setToolTip(_("Progress"))
        self.issue_type = ChoiceCombo(issue_types, blank=everything, parent=self)
        self.issue_type.setToolTip(_("Issue type"))
        self.priority = ChoiceCombo(priorities or [], blank=everything, parent=self)
        self.priority.setToolTip(_("Priority"))
        self.department = DepartmentCombo(departments or [], everything, self)
        self.department.setToolTip(_("Department"))
        self.handler = QLineEdit(self)
        self.handler.setClearButtonEnabled(True)
        self.handler.setPlaceholderText(_("Handler"))
        self.handler.setToolTip(_("Tickets of this handler (the whole name)"))
        self.handler.setAccessibleName(_("Handler"))
        self.handler.setMaximumWidth(self.handler.fontMetrics().horizontalAdvance("M") * 9)
        self.agent = QLineEdit(self)
        self.agent.setClearButtonEnabled(True)
        self.agent.setPlaceholderText(_("Agent no."))
        self.agent.setToolTip(_("Tickets taken by the agent with this number (工号)"))
        self.agent.setAccessibleName(_("Agent no."))
        self.agent.setMaximumWidth(self.agent.fontMetrics().horizontalAdvance("M") * 7)
        self.overdue = QToolButton(self)
        self.overdue.setText(_("Overdue only"))
        self.overdue.setCheckable(True)
        self.overdue.setShortcut(QKeySequence(self.OVERDUE_SHORTCUT))
        self.overdue.setToolTip(_("Show only open tickets past their response deadline ({shortcut})").format(
            shortcut=QKeySequence(self.OVERDUE_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)))
        self.overdue.toggled.connect(lambda _on: self._emit())
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search: description, customer, ticket no., last 4 digits of phone (Ctrl+F)"))
        self.search.setAccessibleName(_("Search"))
        # The customer view: one caller's tickets; the chip says whose, a click on it shows everyone again.
        self.customer = QToolButton(self)
        self.customer.setToolTip(_("Only this caller's tickets are listed; click to list every caller again"))
        self.customer.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton))
        self.customer.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.customer.clicked.connect(self.clear_customer)
        self.customer.hide()
        self._customer_id: int | None = None
        # The dashboard's drill-down lists the calls its figures count: void tickets hidden while this shows.
        self.counted = QToolButton(self)
        self.counted.setText(_("Void tickets hidden"))
        self.counted.setToolTip(_("Only the calls the dashboard counts are listed; click to list void tickets too"))
        self.counted.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton))
        self.counted.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.counted.clicked.connect(self.clear_counted)
        self.counted.hide()
        self.reset_button = QToolButton(self)
        self.reset_button.setText(_("Reset"))
        self.reset_button.setToolTip(_("Show every ticket again"))
        self.reset_button.clicked.connect(self.reset)

        # Search on a line of its own: it stays wide however narrow the docks leave the table.
        filters = QHBoxLayout()
        for text, widget in ((_("From"), self.date_from), (_("To"), self.date_to),
                             (_("Progress"), self.status), (_("Type"), self.issue_type),
                             (_("Priority"), self.priority)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        filters.addWidget(self.overdue)
        filters.addStretch(1)
        search = QHBoxLayout()
        search.addWidget(self.period)
        department_label = QLabel(_("Department"), self)
        department_label.setBuddy(self.department)
        search.addWidget(department_label)
        search.addWidget(self.department)
        search.addWidget(self.handler)
        search.addWidget(self.agent)
        search.addWidget(self.customer)
        search.addWidget(self.counted)
        search.addWidget(self.search, 1)
        search.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(search)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        for edit in (self.search, self.handler, self.agent):
            edit.textChanged.connect(lambda _text: self._debounce.start())
        for combo in (self.status, self.issue_type, self.priority, self.department):
            combo.currentIndexChanged.connect(lambda _index: self._emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_typed)

    def choose_period(self, preset: str | None, today: date | None = None) -> None:
        """Set the date range to a preset (None: any day); the filter applies at once."""
        self.period.setCurrentIndex(max(self.period.findData(preset), 0))
        first, last = preset_range(preset, today or date.today()) if preset else (None, None)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
        self.date_from.set_value(first)
        self.date_to.set_value(last)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(False)
        self._emit()

    def _dates_typed(self, *_args: object) -> None:
        self.period.setCurrentIndex(0)  # a range typed by hand is no longer the preset
        self._emit()

    def _period_chosen(self, index: int) -> None:
        code = self.period.itemData(index)
        self.choose_period(str(code) if code else None)

    def current(self) -> TicketFilter:
        return TicketFilter(
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            status=self.status.code(),
            issue_type=self.issue_type.code(),
            text=self.search.text().strip(),
            priority=self.priority.code(),
            overdue_only=self.overdue.isChecked(),
            department_id=self.department.department_id(),
            handler=self.handler.text().strip() or None,
            agent_code=self.agent.text().strip() or None,
            customer_id=self._customer_id,
            counted_only=self.counted.isVisibleTo(self),
        )

    def show_counted(self, first: date, last: date, *, issue_type: str | None = None,
                     agent_code: str | None = None) -> None:
        """The dashboard's drill-down: every other filter cleared, then the calls counted on local days
        ``first`` to ``last`` (inclusive), optionally of one issue type or agent, void tickets hidden."""
        self.blockSignals(True)
        try:
            self.reset()
            self.date_from.blockSignals(True)
            self.date_to.blockSignals(True)
            self.date_from.set_value(first)
            self.date_to.set_value(last)
            self.date_from.blockSignals(False)
            self.date_to.blockSignals(False)
            self.issue_type.blockSignals(True)
            self.issue_type.set_code(issue_type)
            self.issue_type.blockSignals(False)
            self.agent.blockSignals(True)
            self.agent.setText(agent_code or "")
            self.agent.blockSignals(False)
            self.counted.show()
        finally:
            self.blockSignals(False)
        self._emit()

    def clear_counted(self) -> None:
        self.counted.hide()
        self._emit()

    def show_customer(self, customer_id: int, phone_masked: str) -> None:
        """The customer view: list only this caller's tickets (the other filters still apply)."""
        self._customer_id = customer_id
        self.customer.setText(_("Caller {phone}").format(phone=phone_masked))
        self.customer.show()
        self._emit()

    def clear_customer(self) -> None:
        self._customer_id = None
        self.customer.hide()
        self._emit()

    def reset(self) -> None:
        widgets = (self.period, self.date_from, self.date_to, self.status, self.issue_type, self.priority,
                   self.department, self.handler, self.agent, self.overdue, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        for combo in (self.period, self.status, self.issue_type, self.priority, self.department):
            combo.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.search.clear()
        self.handler.clear()
        self.agent.clear()
        self._customer_id = None
        self.customer.hide()
        self.counted.hide()
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def flush(self) -> None:
        """Apply a pending search at once (Enter in the box, tests)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.current())
