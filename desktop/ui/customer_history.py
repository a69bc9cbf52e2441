"""Beside the form: the caller's earlier tickets, found as the phone number is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.i18n import _, format_datetime, ngettext
from desktop.rules.choices import ISSUE_TYPE, STATUS, customer_type_label
from desktop.rules.masking import display_name
from desktop.services.dto import CustomerHistory

LabelLookup = Callable[[str, str], str]


class CustomerHistoryPanel(QWidget):
    ticket_activated = Signal(int)

    def __init__(self, labels: LabelLookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Earlier tickets of this customer"))
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.show_history(None)

    def show_history(self, history: CustomerHistory | None) -> None:
        self.list.clear()
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

    def _activated(self, item: QListWidgetItem) -> None:
        ticket_id = item.data(Qt.ItemDataRole.UserRole)
        if ticket_id is not None:
            self.ticket_activated.emit(int(ticket_id))
