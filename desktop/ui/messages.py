"""Message boxes made in one place, so logic never calls ``exec()`` and tests can intercept them."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop.i18n import _


class Messages:
    """Shows messages to the user; tests replace it with a recorder."""

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes


    def ask_text(self, parent: QWidget | None, title: str, label: str) -> str | None:
        """A line of text from the user, or None when cancelled."""
        text, ok = QInputDialog.getText(parent, title, label)
        return text if ok else None


class RecordingMessages(Messages):
    """Collects messages instead of showing them (tests, unattended runs)."""

    def __init__(self, confirm_answer: bool = True) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.confirm_answer = confirm_answer
        self.text_answer: str | None = None

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.confirm_answer

    def ask_text(self, parent: QWidget | None, title: str, label: str) -> str | None:
        self.shown.append(("ask", title, label))
        return self.text_answer


def not_saved_title() -> str:
    return _("Not saved")
