"""Changing one's own password: the current one, the new one twice."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.i18n import _
from desktop.rules.passwords import password_problem
from desktop.services.accounts import AccountService
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.ui.admin_forms import CheckedForm, password_edit
from desktop.ui.messages import Messages

# The service names its fields after what they hold; the dialog after where they stand.
_SERVICE_FIELDS = {"old_password": "old", "password": "new"}


class PasswordDialog(CheckedForm):
    def __init__(self, accounts: AccountService, actor: Actor, messages: Messages,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change password"))
        self._accounts = accounts
        self._actor = actor
        self._messages = messages
        who = QLabel(_("Account {code} {name}").format(code=actor.code, name=actor.name), self)
        who.setWordWrap(True)
        self.form.addRow(who)
        self.old = password_edit(self)
        self.new = password_edit(self)
        self.repeat = password_edit(self)
        self.add_row("old", _("Current password"), self.old)
        self.add_row("new", _("New password"), self.new)
        self.add_row("repeat", _("Repeat the password"), self.repeat)
        for key, edit in (("old", self.old), ("new", self.new), ("repeat", self.repeat)):
            self.watch(key, edit)
        self.ok_button.setText(_("&Change password"))
        self.old.setFocus()
        self.recheck()

    def save_tip(self) -> str:
        return _("Replace your password with the new one")

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if not self.old.text():
            problems["old"] = _("Enter your current password.")
        problem = password_problem(self.new.text(), code=self._actor.code)
        if problem:
            problems["new"] = problem
        elif self.new.text() == self.old.text():
            problems["new"] = _("Choose a password different from the current one.")
        elif self.repeat.text() != self.new.text():
            problems["repeat"] = _("The two passwords differ.")
        return problems

    def accept(self) -> None:
        if not self.show_everything():
            return
        try:
            self._accounts.change_password(self._actor, self.old.text(), self.new.text())
        except ValidationFailed as exc:
            self.show_refusal(exc, _SERVICE_FIELDS)
            if "old_password" in exc.report.errors:
                self.old.selectAll()
                self.old.setFocus()
            return
        except ServiceError as exc:
            self._messages.error(self, _("Password not changed"), str(exc))
            return
        self._messages.info(self, _("Change password"), _("Your password is changed. Use the new one from now on."))
        super().accept()
