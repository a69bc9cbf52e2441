"""The supervisor's target list: customers picked from the records by filters (past complaints, low scores,
VIP, new customers, a date range), ticked, and given a visit window and an agent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, format_datetime, ngettext
from desktop.rules import visits as rules
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.services.visits import RecordRefused, TargetFilter, TargetRow, VisitService
from desktop.ui.widgets import DATETIME_FORMAT, from_qdatetime, to_qdatetime

REASONS = {"complaint": N_("Past complaint"), "low_score": N_("Low score"), "vip": N_("VIP"),
           "new": N_("New customer")}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class TargetDialog(QDialog):
    def __init__(self, service: VisitService, actor: Callable[[], Actor], clock: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service, self._actor, self._clock = service, actor, clock
        self.rows: list[TargetRow] = []
        self.planned = 0
        self.setWindowTitle(_("Visit target list"))
        self.resize(760, 480)
        now = clock()
        self.complaints = QCheckBox(_("Past &complaints"), self)
        self.low_scores = QCheckBox(_("&Low scores"), self)
        self.vip = QCheckBox(_("&VIP customers"), self)
        self.new_customers = QCheckBox(_("&New customers"), self)
        self.date_from = QDateEdit(_qdate(now.date() - timedelta(days=30)), self)
        self.date_to = QDateEdit(_qdate(now.date()), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
        self.search_button = QPushButton(_("&Search"), self)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        filters = QHBoxLayout()
        for widget in (self.complaints, self.low_scores, self.vip, self.new_customers, QLabel(_("Calls from"), self),
                       self.date_from, QLabel(_("to"), self), self.date_to, self.search_button):
            filters.addWidget(widget)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([_("Visit"), _("Ticket"), _("Customer"), _("Call"), _("Why")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.window_from = QDateTimeEdit(to_qdatetime(now + timedelta(days=1)), self)
        self.window_to = QDateTimeEdit(to_qdatetime(now + timedelta(days=3)), self)
        for edit in (self.window_from, self.window_to):
            edit.setDisplayFormat(DATETIME_FORMAT)
            edit.setCalendarPopup(True)
        self.agent = QLineEdit(self)
        self.agent.setPlaceholderText(_("Agent number of whoever makes the visits (blank: the ticket's agent)"))
        plan_form = QFormLayout()
        plan_form.addRow(_("Visit window from"), self.window_from)
        plan_form.addRow(_("to"), self.window_to)
        plan_form.addRow(_("Assign to"), self.agent)
        self.plan_button = QPushButton(_("&Plan visits for the ticked customers"), self)
        self.plan_button.clicked.connect(self.plan)
        self.period = QComboBox(self)
        self.period.addItem(_("No periodic visits"), None)
        for code, label in rules.PERIODS.items():
            self.period.addItem(_(label), code)
        self.period_button = QPushButton(_("Set periodic visits for the ticked customers"), self)
        self.period_button.clicked.connect(self.set_periodic)
        periodic = QHBoxLayout()
        periodic.addWidget(self.period)
        periodic.addWidget(self.period_button)
        periodic.addStretch(1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(plan_form)
        layout.addWidget(self.plan_button)
        layout.addLayout(periodic)
        layout.addWidget(self.message)
        layout.addWidget(close)

    def filter(self) -> TargetFilter:
        return TargetFilter(self.date_from.date().toPython(), self.date_to.date().toPython(),  # type: ignore[arg-type]
                            self.complaints.isChecked(), self.low_scores.isChecked(), self.vip.isChecked(),
                            self.new_customers.isChecked())

    def search(self) -> None:
        try:
            self.rows = self._service.targets(self._actor(), self.filter())
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            tick = QTableWidgetItem(_("already planned") if row.planned else "")
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            tick.setCheckState(Qt.CheckState.Unchecked if row.planned else Qt.CheckState.Checked)
            self.table.setItem(index, 0, tick)
            why = ", ".join(_(REASONS[r]) for r in row.reasons)
            for column, text in enumerate((row.number, row.customer, format_datetime(row.call_started_at), why), 1):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.message.setText(ngettext("{count} customer found", "{count} customers found", len(self.rows)).format(
            count=len(self.rows)))

    def ticked_rows(self) -> list[TargetRow]:
        return [row for index, row in enumerate(self.rows)
                if self.table.item(index, 0).checkState() == Qt.CheckState.Checked]

    def ticked(self) -> list[int]:
        return [row.ticket_id for row in self.ticked_rows()]

    def set_periodic(self) -> None:
        """Mark (or unmark) the ticked customers for monthly or quarterly visits."""
        chosen = self.ticked_rows()
        if not chosen:
            self.message.setText(_("Tick at least one customer in the list first."))
            return
        period = self.period.currentData()
        try:
            for row in chosen:
                self._service.set_periodic(self._actor(), row.customer_id, period)
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(ngettext("Periodic visits set for {count} customer.",
                                      "Periodic visits set for {count} customers.", len(chosen)).format(
            count=len(chosen)))

    def plan(self) -> None:
        ticket_ids = self.ticked()
        if not ticket_ids:
            self.message.setText(_("Tick at least one customer in the list first."))
            return
        try:
            added = self._service.plan(self._actor(), ticket_ids, from_qdatetime(self.window_from.dateTime()),
                                       from_qdatetime(self.window_to.dateTime()), self.agent.text().strip() or None)
        except RecordRefused as exc:
            self.message.setText(str(exc))
            return
        except ServiceError as exc:
            self.message.setText(str(exc))
            return
        self.planned += added
        self.search()
        self.message.setText(ngettext("{count} visit planned.", "{count} visits planned.", added).format(count=added))
