"""Beside the form: the caller's earlier tickets, found as the phone number is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import _, format_datetime, ngettext
from desktop.rules.choices import ISSUE_TYPE, STATUS, customer_type_label
from desktop.rules.masking import display_name
from desktop.services.dto import CustomerHistory

LabelLookup = Callable[[str, str], str]


class CustomerHistoryPanel(QWidget):
    ticket_activated = Signal(int)
    show_all_requested = Signal(int, str)  # customer id, masked phone: the table lists all their tickets

    def __init__(self, labels: LabelLookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Earlier tickets of this customer"))
        self.list.itemActivated.connect(self._activated)
        self.all_button = QPushButton(self)
        self.all_button.setToolTip(_("The ticket table shows only this caller's tickets, newest first; "
                                     "Reset in the filter bar shows every ticket again"))
        self.all_button.clicked.connect(self._show_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.all_button)
        self._history: CustomerHistory | None = None
        self.show_history(None)

    def show_history(self, history: CustomerHistory | None) -> None:
        self.list.clear()
        self._history = history
        known = history is not None and history.customer_id is not None and history.total > 0
        self.all_button.setVisible(known)
        if known:
            assert history is not None
            self.all_button.setText(ngettext("List the caller's {count} ticket in the table",
                                             "List all {count} tickets of the caller in the table",
                                             history.total).format(count=history.total))
        if history is None:
            self.summary.setText(_("Type the caller's phone number to see their earlier tickets."))
            return
        count = len(history.tickets)
        kind = customer_type_label(history.customer_type)
        if count:
            self.summary.setText(ngettext(
                "{phone} · {kind} · {name}: {count} earlier ticket",
                "{phone} · {kind} · {name}: {count} earlier tickets", count,
            ).format(phone=history.phone_masked, kind=kind, name=display_name(history.name), count=count))
        else:
            self.summary.setText(_("{phone} · {kind}: no earlier tickets").format(phone=history.phone_masked,
                                                                                 kind=kind))
        for row in history.tickets:
            text = _("{number} · {time} · {type} · {status}\n{description}").format(
                number=row.number, time=format_datetime(row.call_started_at),
                type=self._labels(ISSUE_TYPE, row.issue_type), status=self._labels(STATUS, row.status),
                description=row.description,
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)

    def _show_all(self) -> None:
        history = self._history
        if history is not None and history.customer_id is not None:
            self.show_all_requested.emit(history.customer_id, history.phone_masked)

    def _activated(self, item: QListWidgetItem) -> None:
        ticket_id = item.data(Qt.ItemDataRole.UserRole)
        if ticket_id is not None:
            self.ticket_activated.emit(int(ticket_id))
