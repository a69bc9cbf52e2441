"""The idle lock: after some minutes without input the window is covered and asks for the
password. What was typed stays underneath; another agent can sign in without losing it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.services.accounts import AccountService, SignInRefused
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.ui.widgets import FieldMessage

_INPUT_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard or mouse input anywhere in the program."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self._timer.setInterval(max(1, int(minutes * 60_000)))
        self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockOverlay(QFrame):
    """Covers the whole window while locked; unlocks with the password, or lets another agent in."""

    unlocked = Signal(object)  # the Actor now working (the same one, or another after a switch)

    def __init__(self, accounts: AccountService, parent: QWidget) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._actor: Actor | None = None
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.title.setFont(font)
        self.code = QLineEdit(self)
        self.code.setReadOnly(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = FieldMessage(self)
        self.unlock_button = QPushButton(_("Unlock"), self)
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton(_("Another agent…"), self)
        self.switch_button.setToolTip(_("Sign in as someone else; the draft of the locked agent is kept"))
        self.unlock_button.clicked.connect(self._unlock)
        self.password.returnPressed.connect(self._unlock)
        self.switch_button.clicked.connect(self._switch)

        panel = QWidget(self)
        panel.setMaximumWidth(420)
        form = QFormLayout()
        form.addRow(_("Agent ID (工号)"), self.code)
        form.addRow(_("Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        column = QVBoxLayout(panel)
        column.addWidget(self.title)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.hide()
        parent.installEventFilter(self)

    def lock(self, actor: Actor) -> None:
        self._actor = actor
        self.title.setText(_("Locked: {name} ({code})").format(name=actor.name, code=actor.code))
        self.code.setText(actor.code)
        self.code.setReadOnly(True)
        self.password.clear()
        self.message.show_message(None, error=False)
        self._fit()
        self.show()
        self.raise_()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _switch(self) -> None:
        self.code.setReadOnly(False)
        self.code.clear()
        self.password.clear()
        self.title.setText(_("Sign in as another agent"))
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unlock(self) -> None:
        try:
            if self._actor is not None and self.code.isReadOnly():
                actor = self._accounts.unlock(self._actor, self.password.text())
            else:
                actor = self._accounts.sign_in(self.code.text(), self.password.text())
        except (SignInRefused, ServiceError) as exc:
            self.message.show_message(str(exc), error=True)
            self.password.selectAll()
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.hide()
        self.password.clear()
        self.unlocked.emit(actor)

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False
