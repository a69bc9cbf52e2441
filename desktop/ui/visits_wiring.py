"""Follow-up visits and improvement actions in the main window: the Visits dock (Ctrl+Shift+V), the visit
form, the target list and the improvement actions (Ctrl+Shift+I) under a Quality menu.
``install_visits(window)`` is the one call the window makes; the visits the rules call for are proposed
then, and the reminders are re-armed whenever visits change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QPushButton

from desktop.i18n import _, to_local
from desktop.rules.permissions import Permission
from desktop.services.errors import ServiceError
from desktop.services.improvements import ImprovementService
from desktop.services.visits import VisitService
from desktop.ui.improvements_ui import ActionsDialog
from desktop.ui.target_dialog import TargetDialog
from desktop.ui.visit_form import VisitDialog
from desktop.ui.visits_panel import VisitsPanel
from desktop.ui.worker import BackgroundTask

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


STARTUP_DELAY_MS = 2000


def install_visits(window: MainWindow) -> VisitTools:
    tools = VisitTools(window)
    window.visit_tools = tools  # type: ignore[attr-defined]
    return tools


class VisitTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        ctx = window.ctx
        self.visits = VisitService(ctx.database.sessions, clock=ctx.clock)
        self.improvements = ImprovementService(ctx.database.sessions, clock=ctx.clock)
        self.dialog: QDialog | None = None  # the one open now (tests, and never two at once)
        self.panel = VisitsPanel(self.visits, ctx.actor, ctx.clock, window)
        self.panel.record_requested.connect(self.record_visit)
        self.panel.open_ticket_requested.connect(window.open_ticket)
        self.raise_button = QPushButton(_("Raise an improvement &action…"), self.panel)
        self.raise_button.setToolTip(_("Open a new improvement action linked to the chosen visit and its ticket"))
        self.raise_button.clicked.connect(self.raise_action)
        self.panel.extra.addWidget(self.raise_button)
        # A resolved ticket may call for visits: after a save, that ticket's are proposed.
        window.form.saved.connect(lambda ticket_id: self.propose(ticket_id))
        self.dock = window._dock("visits", _("Visits"), self.panel, Qt.DockWidgetArea.RightDockWidgetArea)
        window.tabifyDockWidget(window.reminders_dock, self.dock)
        self.visits_action = window._action(_("Follow-up &visits"), self.show_visits, QKeySequence("Ctrl+Shift+V"),
                                            _("Show the follow-up visits due this week and record one"))
        self.targets_action = window._action(_("Visit &target list…"), self.open_targets, None,
                                             _("Pick customers for visits: past complaints, low scores, VIP, new"))
        self.actions_action = window._action(_("&Improvement actions…"), self.open_actions,
                                             QKeySequence("Ctrl+Shift+I"),
                                             _("Problems found, their actions, departments and deadlines"))
        menu = QMenu(_("&Quality"), window)
        menu.addActions([self.visits_action, self.targets_action, self.actions_action])
        bar = window.menuBar()
        help_action = next((a for a in bar.actions() if a.text() == _("&Help")), None)
        if help_action is None:
            bar.addMenu(menu)
        else:
            bar.insertMenu(help_action, menu)
        self.menu = menu
        self._proposing: BackgroundTask | None = None
        self._again = False
        self._stale = True  # the panel is read when it shows (a tab behind the others at start-up)
        self.dock.visibilityChanged.connect(lambda visible: self._refresh_panel() if visible else None)
        self.refresh()
        # After the window is up: the proposals read two weeks of resolved tickets (a worker thread,
        # but it would still share the interpreter with the first paint).
        self._startup = QTimer(self)
        self._startup.setSingleShot(True)
        self._startup.setInterval(STARTUP_DELAY_MS)
        self._startup.timeout.connect(self._propose_at_start)
        self._startup.start()

    def refresh(self) -> None:
        """Show the supervisors' tools only to a role that may use them (the services refuse regardless)."""
        allowed = self.window.ctx.may(Permission.PLAN_QUALITY)
        self.targets_action.setVisible(allowed)
        self.actions_action.setVisible(allowed)
        self.raise_button.setVisible(allowed)
        self._stale = True
        self._refresh_panel()

    def _refresh_panel(self) -> None:
        """Read the due visits now if the panel shows, else when it next does."""
        if self.dock.isVisible():
            self._stale = False
            self.panel.refresh()
        else:
            self._stale = True

    def propose(self, ticket_id: int) -> None:
        """The visits one saved ticket calls for (a moment's work)."""
        try:
            added = self.visits.propose(self.window.ctx.actor(), ticket_id=ticket_id)
        except ServiceError as exc:
            self.window.statusBar().showMessage(str(exc), 10000)
            return
        if added:
            self.changed()

    def propose_all(self) -> None:
        """Every visit the rules call for, in a worker thread (start-up, the panel opened): the window
        never waits for it."""
        if self._proposing is not None:
            self._again = True  # asked while one runs: it may have read the tickets before this change
            return
        self._again = False
        actor = self.window.ctx.actor()
        task = BackgroundTask(lambda _progress: self.visits.propose(actor), label="", parent=self, show_dialog=False)
        task.finished.connect(self._proposed)
        task.failed.connect(self._propose_failed)
        self._proposing = task
        task.start()

    def _propose_at_start(self) -> None:
        if self.window.isVisible():  # not for a window already closed again (or never shown)
            self.propose_all()

    def wait(self) -> None:
        """No proposal starts any more, and one still running finishes (the window is closing)."""
        self._startup.stop()
        if self._proposing is not None:
            self._proposing.wait()

    def _proposed(self, added: object) -> None:
        self._proposing = None
        if added:
            self.changed()
        if self._again:
            self.propose_all()

    def _propose_failed(self, exc: object) -> None:
        self._proposing = None
        self._again = False
        self.window.statusBar().showMessage(str(exc), 10000)

    def changed(self) -> None:
        self._stale = True
        self._refresh_panel()
        self.window.reminders_changed.emit()

    def show_visits(self) -> None:
        self.window.bring_forward()
        self.dock.show()
        self.dock.raise_()
        self.propose_all()
        self.panel.refresh()
        self.panel.table.setFocus()

    def record_visit(self, visit_id: int) -> VisitDialog | None:
        try:
            detail = self.visits.get(visit_id)
        except ServiceError as exc:
            self.window.ctx.messages.error(self.window, _("Cannot open the visit"), str(exc))
            return None
        dialog = VisitDialog(detail, self.visits, self.window.ctx.actor, self.window.ctx.clock, self.window)
        dialog.finished.connect(lambda result: self._visit_closed(dialog, result))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_targets(self) -> TargetDialog:
        dialog = TargetDialog(self.visits, self.window.ctx.actor, self.window.ctx.clock, self.window)
        dialog.finished.connect(lambda _result: self._closed(QDialog.DialogCode.Accepted))
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_actions(self) -> ActionsDialog:
        ctx = self.window.ctx
        dialog = ActionsDialog(self.improvements, ctx.actor, ctx.departments, lambda: to_local(ctx.clock()).date(),
                               self.window)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def raise_action(self) -> ActionsDialog | None:
        """The improvement actions, with a new one open linked to the chosen visit and its ticket."""
        row = self.panel.current()
        if row is None:
            self.window.statusBar().showMessage(_("Choose a visit in the list first."), 5000)
            return None
        dialog = self.open_actions()
        dialog.new_action(ticket_ids=(row.ticket_id,), visit_ids=(row.id,))
        return dialog

    def _visit_closed(self, dialog: VisitDialog, result: int) -> None:
        saved = dialog.saved
        if saved is not None and saved.row.recorded_late:
            self.window.statusBar().showMessage(
                _("Visit saved, but later than 2 working days after the call: it is marked late."), 15000)
        elif saved is not None:
            self.window.statusBar().showMessage(_("Visit saved."), 5000)
        self._closed(result)

    def _closed(self, result: int) -> None:
        self.dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.changed()
