"""The FAQ / knowledge-base panel: searched as the agent types, the answer copied with one key."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_datetime
from desktop.services.aids_dto import ChangeStamp, FaqRow
from desktop.services.errors import ServiceError
from desktop.services.faq import FaqService
from desktop.ui.aid_widgets import SearchBox, WrappedList, copy_to_clipboard

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 200

LabelOf = Callable[[str], str]  # problem-type code -> label


def describe_change(changed: ChangeStamp) -> str:
    """"Changed 2023-10-15 10:00 by A1001 张敏" (or "shipped with the program" for the defaults)."""
    if not changed.updated_by_code:
        return _("Shipped with the program, {time}").format(time=format_datetime(changed.updated_at))
    return _("Changed {time} by {name} ({code})").format(
        time=format_datetime(changed.updated_at), name=changed.updated_by_name, code=changed.updated_by_code)


class FaqPanel(QWidget):
    """``copied(text)`` after an answer went to the clipboard; ``edit_requested(id or None)`` asks for
    the editor (None: a new entry); ``delete_requested(id)`` asks to remove one."""

    copied = Signal(str)
    edit_requested = Signal(object)
    delete_requested = Signal(int)
    failed = Signal(str)

    def __init__(self, faq: FaqService, problem_type_label: LabelOf, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._faq = faq
        self._label = problem_type_label
        self._rows: dict[int, FaqRow] = {}
        self.search = SearchBox(_("Search the FAQ: words of the question or answer"), _("Search the FAQ"),
                                SEARCH_DELAY_MS, self)
        self.results = WrappedList(self)
        self.results.setAccessibleName(_("FAQ entries"))
        self.results.setToolTip(_("Enter copies the answer"))
        self.answer = QPlainTextEdit(self)
        self.answer.setReadOnly(True)
        self.answer.setAccessibleName(_("Answer"))
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(_("Copy answer"), self)
        self.new_button = QPushButton(_("New…"), self)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.delete_button = QPushButton(_("Delete"), self)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.results)
        answer_box = QWidget(splitter)
        answer_layout = QVBoxLayout(answer_box)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.addWidget(self.answer, 1)
        answer_layout.addWidget(self.details)
        splitter.addWidget(answer_box)
        buttons = QGridLayout()  # two rows: the panel stays narrow beside the form
        buttons.addWidget(self.copy_button, 0, 0, 1, 3)
        for column, button in enumerate((self.new_button, self.edit_button, self.delete_button)):
            buttons.addWidget(button, 1, column)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.search.search_requested.connect(self.reload)
        self.search.returnPressed.connect(self._search_now)
        self.results.currentItemChanged.connect(lambda *_args: self._show_current())
        self.results.itemActivated.connect(lambda _item: self.copy_answer())
        self.copy_button.clicked.connect(self.copy_answer)
        self.new_button.clicked.connect(lambda: self.edit_requested.emit(None))
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self._delete_current)
        self.reload()

    # --- reading -----------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.search.stop()
        keep = select_id if select_id is not None else self.current_id()
        try:
            rows = self._faq.search(self.search.text())
        except ServiceError as exc:
            rows = []
            self.failed.emit(str(exc))
        self._rows = {row.id: row for row in rows}
        self.results.clear()
        for row in rows:
            item = QListWidgetItem(row.question)
            item.setData(ID_ROLE, row.id)
            self.results.addItem(item)
        chosen = next((i for i in range(self.results.count()) if self.results.item(i).data(ID_ROLE) == keep), 0)
        if rows:
            self.results.setCurrentRow(chosen)
        self._show_current()

    def questions(self) -> list[str]:
        return [self.results.item(i).text() for i in range(self.results.count())]

    def current_id(self) -> int | None:
        item = self.results.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def current(self) -> FaqRow | None:
        current = self.current_id()
        return self._rows.get(current) if current is not None else None

    # --- reactions ---------------------------------------------------------------------

    def _search_now(self) -> None:
        self.reload()
        if self.results.count():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_current(self) -> None:
        row = self.current()
        for button in (self.copy_button, self.edit_button, self.delete_button):
            button.setEnabled(row is not None)
        if row is None:
            self.answer.setPlainText("")
            self.details.setText(_("No entry matches.") if self.search.text().strip() else "")
            return
        self.answer.setPlainText(row.answer)
        lines = []
        if row.problem_type:
            lines.append(_("Problem type: {type}").format(type=self._label(row.problem_type)))
        if row.tags:
            lines.append(_("Tags: {tags}").format(tags=row.tags))
        if row.source_ticket:
            lines.append(_("From ticket {number}").format(number=row.source_ticket))
        lines.append(describe_change(row.changed))
        self.details.setText("\n".join(lines))

    def copy_answer(self) -> None:
        row = self.current()
        if row is not None:
            copy_to_clipboard(row.answer)
            self.copied.emit(row.answer)

    def _edit_current(self) -> None:
        current = self.current_id()
        if current is not None:
            self.edit_requested.emit(current)

    def _delete_current(self) -> None:
        current = self.current_id()
        if current is not None:
            self.delete_requested.emit(current)
