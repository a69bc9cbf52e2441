"""Administrators' account management: the accounts in a table, a form to add or change one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop.i18n import N_, _, format_datetime
from desktop.rules.accounts import agent_problems
from desktop.rules.passwords import is_locked, password_problem
from desktop.rules.permissions import AGENT, ROLES, role_label
from desktop.services.accounts import Account, AccountService
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.ui.admin_forms import CheckedForm, RowsTableModel, give_shortcut, password_edit
from desktop.ui.messages import Messages

COL_CODE, COL_NAME, COL_ROLE, COL_ACTIVE, COL_LOCKED = range(5)
HEADERS = (N_("Agent ID"), N_("Name"), N_("Role"), N_("Active"), N_("Locked until"))


class AccountTableModel(RowsTableModel[Account]):
    """The accounts an administrator sees; rows handed in by the dialog."""

    def __init__(self, clock: Clock = utc_now, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)
        self._clock = clock

    def account(self, row: int) -> Account | None:
        return self.row_at(row)

    def row_of(self, code: str) -> int | None:
        return next((i for i, account in enumerate(self._rows) if account.code == code), None)

    def cell(self, account: Account, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(account, column)
        if role == Qt.ItemDataRole.FontRole and not account.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return account.code
        return None

    def _text(self, account: Account, column: int) -> str | None:
        if column == COL_CODE:
            return account.code
        if column == COL_NAME:
            return account.name
        if column == COL_ROLE:
            return role_label(account.role)
        if column == COL_ACTIVE:
            return _("Yes") if account.active else _("No")
        if column == COL_LOCKED:
            locked = is_locked(account.locked_until, self._clock())
            return format_datetime(account.locked_until) if locked else ""
        return None


class AccountsDialog(CheckedForm):
    """Add an account or change one (name, role, active, a new password). Stays open after saving."""

    def __init__(self, accounts: AccountService, actor: Actor, messages: Messages, *, clock: Clock = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Accounts"))
        self._accounts = accounts
        self._actor = actor
        self._messages = messages
        self.editing: Account | None = None

        self.model = AccountTableModel(clock, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Accounts"))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.new_button = QPushButton(_("&New account"), self)
        give_shortcut(self.new_button, "Ctrl+N", _("Clear the form to add an account"))
        self.new_button.clicked.connect(self.new_account)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.new_button)

        self.code = QLineEdit(self)
        self.code.setMaxLength(16)
        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        for code, label in ROLES.items():
            self.role.addItem(_(label), code)
        self.active = QCheckBox(_("Can sign in"), self)
        self.password = password_edit(self)
        self.repeat = password_edit(self)
        self.add_row("code", _("Agent ID (工号)"), self.code)
        self.add_row("name", _("Name"), self.name)
        self.add_row("role", _("Role"), self.role)
        self.add_row("active", _("Active"), self.active)
        self.add_row("password", _("New password"), self.password)
        self.add_row("repeat", _("Repeat the password"), self.repeat)
        for key, edit in (("code", self.code), ("name", self.name), ("password", self.password),
                          ("repeat", self.repeat)):
            self.watch(key, edit)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        layout = self.layout()
        layout.insertWidget(0, self.table, 1)  # type: ignore[attr-defined]
        layout.insertLayout(1, top)  # type: ignore[attr-defined]
        layout.insertWidget(3, self.status)  # type: ignore[attr-defined]
        self.ok_button.setText(_("&Save account"))
        give_shortcut(self.ok_button, "Ctrl+S", self.save_tip())
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Close"))
        self.resize(720, 640)

        if self.reload():
            self.new_account()

    # --- loading and choosing -----------------------------------------------------------

    def reload(self) -> bool:
        try:
            self.model.set_rows(self._accounts.accounts(self._actor))
        except ServiceError as exc:
            self._messages.error(self, _("Accounts"), str(exc))
            self.model.set_rows([])
            for widget in (self.code, self.name, self.role, self.active, self.password, self.repeat, self.new_button,
                           self.ok_button):
                widget.setEnabled(False)
            return False
        return True

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row is not None:
            self.table.selectRow(row)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        account = self.model.account(current.row()) if current.isValid() else None
        if account is not None:
            self.edit(account)

    def new_account(self) -> None:
        self.table.clearSelection()
        self.editing = None
        self.heading.setText(_("New account"))
        self._fill("", "", AGENT, True)
        self.password.setPlaceholderText("")
        self.code.setFocus()

    def edit(self, account: Account) -> None:
        self.editing = account
        self.heading.setText(_("Account {code}").format(code=account.code))
        self._fill(account.code, account.name, account.role, account.active)
        self.password.setPlaceholderText(_("Leave empty to keep the current password"))

    def _fill(self, code: str, name: str, role: str, active: bool) -> None:
        self.code.setText(code)
        self.code.setReadOnly(self.editing is not None)
        self.name.setText(name)
        if self.role.findData(role) < 0:
            self.role.addItem(role, role)  # a role this version does not know: shown, not silently changed
        self.role.setCurrentIndex(self.role.findData(role))
        self.active.setChecked(active)
        self.password.clear()
        self.repeat.clear()
        own = self.editing is not None and self.editing.code == self._actor.code
        tip = _("You cannot lower or deactivate your own account.") if own else ""
        for widget in (self.role, self.active):
            widget.setEnabled(not own)
            widget.setToolTip(tip)
        self.forget_touches()

    # --- checking and saving --------------------------------------------------------------

    def save_tip(self) -> str:
        return _("Save the account")

    def problems(self) -> dict[str, str]:
        code = self.code.text().strip()
        problems = agent_problems(code, self.name.text())
        if self.editing is None and self.model.row_of(code) is not None:
            problems["code"] = _("This agent ID exists already: choose it in the list to change it.")
        password = self.password.text()
        if password:
            problem = password_problem(password, code=code)
            if problem:
                problems["password"] = problem
            elif self.repeat.text() != password:
                problems["repeat"] = _("The two passwords differ.")
        elif self.editing is None or not self.editing.has_password:
            problems["password"] = _("Give the new account a password.")
        return problems

    def accept(self) -> None:
        if not self.show_everything():
            return
        code = self.code.text().strip()
        try:
            saved = self._accounts.save_account(
                self._actor, code, self.name.text(), str(self.role.currentData()),
                active=self.active.isChecked(), password=self.password.text() or None)
        except ValidationFailed as exc:
            self.show_refusal(exc)
            return
        except ServiceError as exc:
            self._messages.error(self, _("Account not saved"), str(exc))
            return
        self.reload()
        self.select(saved.code)
        self.status.setText(_("Saved account {code}.").format(code=saved.code))
