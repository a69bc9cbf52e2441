"""The administrators' tools in the main window: Accounts… and Audit log… under Tools,
Change password… under File. ``install_admin_tools(window)`` is the one call the window makes;
``refresh_admin_tools(window)`` shows or hides them again after another agent signs in.

Hiding is a courtesy: the services refuse a role that may not, whatever the menus show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from desktop.i18n import _
from desktop.rules.permissions import Permission, allowed
from desktop.ui.accounts_dialog import AccountsDialog
from desktop.ui.audit_dialog import AuditDialog
from desktop.ui.menus import menu_named
from desktop.ui.password_dialog import PasswordDialog
from desktop.ui.retention_ui import RetentionTool

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_admin_tools(window: MainWindow) -> None:
    """Add the tools to ``window``'s menus (kept as ``window.admin_tools``) and show those its user may use.

    Calling it again only refreshes what is shown."""
    if isinstance(getattr(window, "admin_tools", None), AdminTools):
        refresh_admin_tools(window)
        return
    window.admin_tools = AdminTools(window)  # type: ignore[attr-defined]


def refresh_admin_tools(window: MainWindow) -> None:
    tools = getattr(window, "admin_tools", None)
    if isinstance(tools, AdminTools):
        tools.refresh()


class AdminTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None  # the one open now, for tests and to avoid two at once
        self.accounts_action = self._action(_("&Accounts…"), self.open_accounts,
                                            _("Add agents, supervisors and administrators; reset passwords"))
        self.audit_action = self._action(_("Au&dit log…"), self.open_audit,
                                         _("Who did what, when, to which record"))
        self.password_action = self._action(_("Change &password…"), self.change_password,
                                            _("Choose a new password for your account"))
        self.retention = RetentionTool(window)
        self.purge_action = self._action(_("&Remove old tickets…"), self.retention.run,
                                         _("Remove the tickets older than the centre keeps them, exported first"))
        tools = self._menu(_("&Tools"))
        tools.addSeparator()
        tools.addActions([self.accounts_action, self.audit_action, self.purge_action])
        file_menu = self._menu(_("&File"))
        quit_action = getattr(window, "quit_action", None)
        before = quit_action if quit_action in file_menu.actions() else None
        file_menu.insertAction(before, self.password_action)  # type: ignore[arg-type]
        file_menu.insertSeparator(before)  # type: ignore[arg-type]
        self.refresh()

    def _action(self, text: str, slot: object, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _menu(self, title: str) -> QMenu:
        return menu_named(self.window, title)

    def refresh(self) -> None:
        """Show each tool only to a role that may use it (after start-up and after a change of user)."""
        ctx = self.window.ctx
        role = ctx.actor().role
        for action, permission in ((self.accounts_action, Permission.MANAGE_ACCOUNTS),
                                   (self.audit_action, Permission.VIEW_AUDIT),
                                   (self.purge_action, Permission.MANAGE_SETTINGS)):
            may = allowed(role, permission)
            action.setVisible(may)
            action.setEnabled(may)
        signed_in = getattr(ctx, "signed_in", None) is not None
        self.password_action.setVisible(signed_in)
        self.password_action.setEnabled(signed_in)

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def open_accounts(self) -> QDialog:
        ctx = self.window.ctx
        return self._show(AccountsDialog(ctx.accounts, ctx.actor(), ctx.messages, clock=ctx.clock, parent=self.window))

    def open_audit(self) -> QDialog:
        ctx = self.window.ctx
        return self._show(AuditDialog(ctx.audit, ctx.actor(), ctx.messages, parent=self.window))

    def change_password(self) -> QDialog:
        ctx = self.window.ctx
        return self._show(PasswordDialog(ctx.accounts, ctx.actor(), ctx.messages, parent=self.window))
