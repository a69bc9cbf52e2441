"""Settings pages for the quick phrases and the problem guides: a searchable list to add, edit, delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES, _, current_language
from desktop.rules.aids_validation import category_label
from desktop.rules.guide_steps import expected_text, join_steps
from desktop.services.aids_dto import GuideInput
from desktop.services.dto import Actor, ChoiceOption
from desktop.services.errors import ServiceError
from desktop.services.guides import GuideService
from desktop.services.phrases import PhraseService
from desktop.ui.aids_dialogs import GuideDialog, PhraseDialog
from desktop.ui.faq_panel import describe_change
from desktop.ui.messages import Messages

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _saved_id(dialog: QDialog) -> int | None:
    """Run an editor; the id of the row it saved, None when cancelled."""
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return getattr(getattr(dialog, "saved", None), "id", None)


class _ListManager(QDialog):
    """A list of entries with New / Edit / Delete; ``changed`` after any of them succeeded."""

    changed = Signal()

    def __init__(self, title: str, messages: Messages, parent: QWidget | None, *, searchable: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 520)
        self.messages = messages
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Search"))
        self.search.setVisible(searchable)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.new_button = QPushButton(_("New…"), self)
        self.edit_button = QPushButton(_("Edit…"), self)
        self.delete_button = QPushButton(_("Delete"), self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.search.textChanged.connect(lambda _text: self.reload())
        self.list.itemActivated.connect(lambda _item: self._edit_current())
        self.list.currentItemChanged.connect(lambda *_args: self._update_buttons())
        self.new_button.clicked.connect(lambda: self._edit(None))
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self._delete_current)

    def entries(self) -> list[tuple[int, str, str]]:
        """(id, text, tooltip) of every entry to list."""
        raise NotImplementedError

    def edit(self, entry_id: int | None) -> int | None:
        """Open the editor; the id of what was saved, None when cancelled."""
        raise NotImplementedError

    def remove(self, entry_id: int) -> None:
        raise NotImplementedError

    def reload(self, select_id: int | None = None) -> None:
        try:
            entries = self.entries()
        except ServiceError as exc:
            self.messages.error(self, _("Cannot read the list"), str(exc))
            entries = []
        self.list.clear()
        for entry_id, text, tip in entries:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, entry_id)
            item.setToolTip(tip)
            self.list.addItem(item)
            if entry_id == select_id:
                self.list.setCurrentItem(item)
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _edit(self, entry_id: int | None) -> None:
        try:
            saved = self.edit(entry_id)
        except ServiceError as exc:  # removed meanwhile at another station, or unreadable
            self.messages.error(self, _("Cannot open the entry"), str(exc))
            self.reload()
            return
        if saved is not None:
            self.reload(saved)
            self.changed.emit()

    def _edit_current(self) -> None:
        entry_id = self.current_id()
        if entry_id is not None:
            self._edit(entry_id)

    def _delete_current(self) -> None:
        entry_id = self.current_id()
        item = self.list.currentItem()
        if entry_id is None or item is None:
            return
        if not self.messages.confirm(self, _("Delete"), _("Delete this entry?\n\n{text}").format(text=item.text())):
            return
        try:
            self.remove(entry_id)
        except ServiceError as exc:
            self.messages.error(self, _("Not deleted"), str(exc))
            return
        self.reload()
        self.changed.emit()


class PhraseManager(_ListManager):
    def __init__(self, phrases: PhraseService, actor: Callable[[], Actor], values: Callable[[], dict[str, str]],
                 messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(_("Quick phrases"), messages, parent, searchable=True)
        self._phrases = phrases
        self._actor = actor
        self._values = values
        self.reload()

    def entries(self) -> list[tuple[int, str, str]]:
        return [(row.id, _("[{category} · {language}] {text}").format(
            category=category_label(row.category), language=LANGUAGES.get(row.language, row.language), text=row.text),
            describe_change(row.changed)) for row in self._phrases.list(None, self.search.text())]

    def edit(self, entry_id: int | None) -> int | None:
        row = self._phrases.get(entry_id) if entry_id is not None else None
        dialog = PhraseDialog(row, current_language(), self._values(),
                              lambda data: self._phrases.save(entry_id, data, self._actor()), self.messages, self)
        return _saved_id(dialog)

    def remove(self, entry_id: int) -> None:
        self._phrases.delete(entry_id)


class GuideManager(_ListManager):
    def __init__(self, guides: GuideService, actor: Callable[[], Actor], problem_types: list[ChoiceOption],
                 messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(_("Problem guides"), messages, parent, searchable=False)
        self._guides = guides
        self._actor = actor
        self._types = problem_types
        self.reload()

    def entries(self) -> list[tuple[int, str, str]]:
        labels = {option.code: option.label for option in self._types}
        return [(row.id, _("{type} · {language}: {count} steps, {expected}").format(
            type=labels.get(row.problem_type, row.problem_type), language=LANGUAGES.get(row.language, row.language),
            count=len(row.steps), expected=expected_text(row.min_minutes, row.max_minutes)),
            describe_change(row.changed)) for row in self._guides.list()]

    def edit(self, entry_id: int | None) -> int | None:
        row = self._guides.get(entry_id) if entry_id is not None else None
        if row is None:
            data = GuideInput(self._types[0].code if self._types else "", current_language())
        else:
            data = GuideInput(row.problem_type, row.language, row.typical_case, join_steps(list(row.steps)),
                              row.min_minutes, row.max_minutes, row.cautions)
        dialog = GuideDialog(row, data, self._types, lambda value: self._guides.save(entry_id, value, self._actor()),
                             self.messages, self)
        return _saved_id(dialog)

    def remove(self, entry_id: int) -> None:
        self._guides.delete(entry_id)
