"""The quick-phrase panel: phrases by category, placeholders filled, the first nine on Alt+1…Alt+9."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import _, current_language
from desktop.rules.aids_validation import category_label
from desktop.rules.placeholders import fill
from desktop.services.aids_dto import PhraseRow
from desktop.services.errors import ServiceError
from desktop.services.phrases import PhraseService
from desktop.ui.aid_widgets import SearchBox, WrappedList

SHORTCUT_COUNT = 9
SEARCH_DELAY_MS = 150
TEXT_ROLE = Qt.ItemDataRole.UserRole + 1

# centre, agent_id, customer: read when the list is drawn and whenever the customer changes.
FillValues = Callable[[], dict[str, str]]


class PhrasesPanel(QWidget):
    """``used(text)`` carries a filled phrase the agent picked; the window inserts or copies it."""

    used = Signal(str)
    manage_requested = Signal()
    failed = Signal(str)

    def __init__(self, phrases: PhraseService, values: FillValues, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._phrases = phrases
        self._values = values
        self._rows: list[PhraseRow] = []
        self.search = SearchBox(_("Search phrases"), _("Search phrases"), SEARCH_DELAY_MS, self)
        self.list = WrappedList(self)
        self.list.setAccessibleName(_("Quick phrases"))
        self.list.setToolTip(_("Double-click or press Enter to insert; Alt+1…Alt+9 insert the numbered ones"))
        self.manage_button = QPushButton(_("Manage phrases…"), self)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.manage_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self.search.search_requested.connect(self.reload)
        self.list.itemActivated.connect(self._activated)
        self.manage_button.clicked.connect(self.manage_requested)
        self.reload()

    def reload(self) -> None:
        """Read the phrases again (after a change in settings, an import or a search)."""
        self.search.stop()
        try:
            self._rows = self._phrases.list(current_language(), self.search.text())
        except ServiceError as exc:
            self._rows = []
            self.failed.emit(str(exc))
        self.refill()

    def refill(self) -> None:
        """Draw the list with the placeholders filled from the current values (the customer's name…)."""
        values = self._values()
        self.list.clear()
        bold = QFont(self.list.font())
        bold.setBold(True)
        category = None
        number = 0
        for row in self._rows:
            if row.category != category:
                category = row.category
                heading = QListWidgetItem(category_label(category))
                heading.setFont(bold)
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: shown plainly, never chosen
                self.list.addItem(heading)
            number += 1
            text = fill(row.text, **values)
            shown = _("Alt+{number}  {text}").format(number=number, text=text) if number <= SHORTCUT_COUNT else text
            item = QListWidgetItem(shown)
            item.setData(TEXT_ROLE, text)
            item.setToolTip(row.text)
            self.list.addItem(item)
        if not self._rows:
            empty = QListWidgetItem(_("No phrase matches.") if self.search.text().strip() else _("No phrases yet."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)

    def phrase(self, number: int) -> str | None:
        """The filled text of the ``number``-th phrase shown (1-based), as Alt+number inserts it."""
        if not 1 <= number <= len(self._rows):
            return None
        return fill(self._rows[number - 1].text, **self._values())

    def phrases(self) -> list[str]:
        """Every phrase shown, filled, in order."""
        return [str(self.list.item(i).data(TEXT_ROLE)) for i in range(self.list.count())
                if self.list.item(i).data(TEXT_ROLE)]

    def _activated(self, item: QListWidgetItem) -> None:
        text = item.data(TEXT_ROLE)
        if text:
            self.used.emit(str(text))
