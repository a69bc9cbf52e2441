"""The dialog shown after an error the program did not expect: a short apology, where the log is, and
the details (traceback, version, system) with a button that copies them for a support request."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.i18n import _
from desktop.ui.widgets import close_and_copy_buttons


class ErrorDialog(QDialog):
    def __init__(self, details: str, log_path: str, *, draft_kept: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle(_("{app}: unexpected error").format(app=APP_NAME))
        layout = QVBoxLayout(self)
        apology = _("Sorry, something went wrong in {app}. The program has recorded what happened.").format(
            app=APP_NAME)
        if draft_kept:
            apology += "\n" + _("What you typed in the form is kept as a draft.")
        self.apology = QLabel(apology)
        self.apology.setWordWrap(True)
        layout.addWidget(self.apology)
        self.log_label = QLabel(_("The log file (send it to your support contact with the details below):\n{path}")
                                .format(path=log_path))
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.log_label)
        layout.addWidget(QLabel(_("You can go on working; if the same error comes back, restart the program.")))
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.text, 1)
        buttons, self.copy_button = close_and_copy_buttons(self, lambda: self.details)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def copy_details(self) -> None:
        self.copy_button.click()
