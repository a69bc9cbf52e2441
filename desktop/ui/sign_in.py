"""Signing in: the first administrator on a new database, then 工号 and password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QWidget

from desktop.i18n import _
from desktop.rules.accounts import agent_problems
from desktop.rules.passwords import password_problem
from desktop.services.accounts import AccountService, SignInRefused
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.ui.settings_dialog import ValidatedDialog


def _password_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FirstAdminDialog(ValidatedDialog):
    """A new database: whoever sets it up becomes its first administrator."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.actor: Actor | None = None
        self.setWindowTitle(_("Set up the administrator"))
        intro = QLabel(_("This database has no accounts yet. Create the administrator's account; "
                         "the administrator then adds the agents and supervisors."), self)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.code = QLineEdit(self)
        self.name = QLineEdit(self)
        self.password = _password_field(self)
        self.repeat = _password_field(self)
        self.add_row("code", _("Agent ID (工号)"), self.code)
        self.add_row("name", _("Name"), self.name)
        self.add_row("password", _("Password"), self.password)
        self.add_row("repeat", _("Repeat the password"), self.repeat)
        for edit in (self.code, self.name, self.password, self.repeat):
            edit.textChanged.connect(self._check)
        self._check()

    def _problems(self) -> dict[str, str]:
        problems = agent_problems(self.code.text(), self.name.text())
        problem = password_problem(self.password.text(), code=self.code.text().strip())
        if problem:
            problems["password"] = problem
        elif self.repeat.text() != self.password.text():
            problems["repeat"] = _("The two passwords differ.")
        return problems

    def _check(self) -> None:
        self.show_problems(self._problems())

    def accept(self) -> None:
        try:
            self.actor = self._accounts.create_first_admin(self.code.text(), self.name.text(), self.password.text())
        except ValidationFailed as exc:
            self.show_problems(dict(exc.report.errors))
            return
        except ServiceError as exc:
            self.show_problems({"code": str(exc)})
            return
        super().accept()


class SignInDialog(ValidatedDialog):
    """工号 and password; a refusal (wrong password, locked account) is said under the field."""

    def __init__(self, accounts: AccountService, *, code: str = "", hint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self.actor: Actor | None = None
        self.setWindowTitle(_("Sign in"))
        if hint:
            note = QLabel(hint, self)
            note.setWordWrap(True)
            self.form.addRow(note)
        self.code = QLineEdit(code, self)
        self.password = _password_field(self)
        self.add_row("code", _("Agent ID (工号)"), self.code)
        self.add_row("password", _("Password"), self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign in"))
        self.code.textChanged.connect(self._edited)
        self.password.textChanged.connect(self._edited)
        (self.password if code else self.code).setFocus()
        self._edited()

    def _edited(self) -> None:
        ready = bool(self.code.text().strip() and self.password.text())
        self.show_problems({})
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def accept(self) -> None:
        try:
            self.actor = self._accounts.sign_in(self.code.text(), self.password.text())
        except SignInRefused as exc:
            self.messages["password"].show_message(str(exc), error=True)
            self.password.selectAll()
            self.password.setFocus()
            return
        except ServiceError as exc:
            self.messages["password"].show_message(str(exc), error=True)
            return
        super().accept()
