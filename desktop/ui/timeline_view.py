"""The ticket's timeline under the form: every change and process entry, who and when."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from desktop.export.timeline_text import LabelLookup, describe_entry, describe_value
from desktop.i18n import _
from desktop.services.dto import TicketDetail

__all__ = ["LabelLookup", "TimelineView", "describe_entry", "describe_value"]


class TimelineView(QListWidget):
    def __init__(self, labels: LabelLookup, departments: dict[int, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self._departments = departments
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setAccessibleName(_("Timeline"))
        self.show_ticket(None)

    def show_ticket(self, detail: TicketDetail | None) -> None:
        self.clear()
        if detail is None:
            self.addItem(_("The timeline of a saved ticket appears here."))
            return
        for item in detail.timeline:
            self.addItem(QListWidgetItem(describe_entry(item, self._labels, self._departments)))
        self.scrollToBottom()

    def entries(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]
