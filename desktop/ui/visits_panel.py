"""The Visits dock: planned follow-up visits due within a week (overdue ones marked with a word and a colour),
opening the visit form; the target list and the improvement actions for supervisors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_datetime, ngettext
from desktop.rules import visits as rules
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.services.visits import VisitRow, VisitService
from desktop.ui.widgets import alert_colour

COLUMNS = 6


def due_text(row: VisitRow) -> str:
    window = _("{start} – {end}").format(start=format_datetime(row.due_from), end=format_datetime(row.due_until))
    return _("⚠ Overdue: {window}").format(window=window) if row.overdue else window


class VisitsPanel(QWidget):
    record_requested = Signal(int)  # visit id
    open_ticket_requested = Signal(int)  # ticket id

    def __init__(self, service: VisitService, actor: Callable[[], Actor], clock: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service, self._actor, self._clock = service, actor, clock
        self.rows: list[VisitRow] = []
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setHorizontalHeaderLabels([_("Due"), _("Kind"), _("Ticket"), _("Customer"), _("Assigned to"),
                                              _("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Follow-up visits"))
        self.table.itemActivated.connect(lambda *_args: self._record())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.mine_only = QCheckBox(_("&Only mine"), self)
        self.mine_only.setChecked(True)
        self.mine_only.toggled.connect(self.refresh)
        self.record_button = QPushButton(_("&Record visit…"), self)
        self.record_button.setToolTip(_("Fill in the visit form for the chosen visit (Enter)"))
        self.record_button.clicked.connect(self._record)
        self.open_button = QPushButton(_("Open &ticket"), self)
        self.open_button.clicked.connect(self._open)
        self.summary = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mine_only)
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.open_button)
        self.extra = buttons  # the wiring adds the supervisors' buttons here
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def refresh(self) -> None:
        try:
            self.rows = self._service.due(self._actor(), mine_only=self.mine_only.isChecked())
        except ServiceError as exc:
            self.summary.setText(str(exc))
            return
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = (due_text(row), rules.kind_label(row.kind), row.number, row.customer, row.assigned,
                     _("Overdue") if row.overdue else rules.status_label(row.status))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if row.overdue:
                    item.setForeground(QBrush(alert_colour(self.table)))
                self.table.setItem(index, column, item)
        overdue = sum(1 for row in self.rows if row.overdue)
        self.summary.setText(ngettext("{count} visit due, {overdue} overdue", "{count} visits due, {overdue} overdue",
                                      len(self.rows)).format(count=len(self.rows), overdue=overdue))
        self._update_buttons()

    def current(self) -> VisitRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) and self.table.selectedItems() else None

    def select_visit(self, visit_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.id == visit_id:
                self.table.selectRow(index)
                return

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.record_button.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def _record(self) -> None:
        row = self.current()
        if row is not None:
            self.record_requested.emit(row.id)

    def _open(self) -> None:
        row = self.current()
        if row is not None:
            self.open_ticket_requested.emit(row.ticket_id)
