"""View → Dashboard… (Ctrl+Shift+D), for supervisors and administrators: the dashboard window, and its bars
listed in the main window's table (the filter bar set to the calls behind the bar, the window brought forward).

``install_dashboard(window)`` is the one call the window makes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from desktop.i18n import _, format_date, to_local
from desktop.rules.permissions import Permission, refusal
from desktop.services.figures import FigureService

if TYPE_CHECKING:
    from desktop.ui.dashboard import Dashboard
    from desktop.ui.dashboard_charts import Drill
    from desktop.ui.main_window import MainWindow

DASHBOARD_SHORTCUT = "Ctrl+Shift+D"


def install_dashboard(window: MainWindow) -> DashboardTools:
    tools = DashboardTools(window)
    window.dashboard_tools = tools  # type: ignore[attr-defined]
    return tools


class DashboardTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.figures = FigureService(window.ctx.database.sessions, clock=window.ctx.clock)
        self.dashboard: Dashboard | None = None
        tip = _("Charts of a period's calls, on-time rate, CSAT, AHT per agent and top issue types")
        action = QAction(_("&Dashboard…"), window)
        sequence = QKeySequence(DASHBOARD_SHORTCUT)
        action.setShortcut(sequence)
        action.setToolTip(f"{tip} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setStatusTip(tip)
        action.triggered.connect(self.open)
        window.addAction(action)
        self.action = action
        self._view_menu().addAction(action)

    def _view_menu(self) -> QMenu:
        title = _("&View")
        for entry in self.window.menuBar().actions():
            menu = entry.menu()
            if isinstance(menu, QMenu) and entry.text() == title:
                return menu
        return self.window.menuBar().addMenu(title)

    def _today(self) -> date:
        return to_local(self.window.ctx.clock()).date()

    def open(self) -> Dashboard | None:
        """Show the dashboard (one per window), or say why this account may not see it."""
        ctx = self.window.ctx
        if not ctx.may(Permission.VIEW_REPORTS):
            ctx.messages.info(self.window, _("Dashboard"), refusal(ctx.actor().role, Permission.VIEW_REPORTS))
            return None
        if self.dashboard is None:
            from desktop.ui.dashboard import Dashboard  # QtCharts loads with the first dashboard, not the window

            dashboard = self.dashboard = Dashboard(self.figures, self._today, self.window)
            dashboard.drill.connect(self.list_tickets)
            # The window going away (a language switch, quitting) takes the dashboard with it: a read still
            # running must end first, or its thread would be destroyed while it runs.
            self.destroyed.connect(lambda *_args, d=dashboard: d.stop_reading())
        self.dashboard.show()
        self.dashboard.raise_()
        self.dashboard.activateWindow()
        return self.dashboard

    def list_tickets(self, drill: object) -> None:
        """The main window's table set to exactly the calls behind a bar."""
        from desktop.ui.dashboard_charts import Drill  # loaded with the dashboard that sent it

        assert isinstance(drill, Drill)
        window = self.window
        window.filter_bar.show_counted(drill.first, drill.last, issue_type=drill.issue_type,
                                       agent_code=drill.agent_code)
        # Brought forward, the focus left where it was: a focused table would open its first row in the form.
        window.bring_forward()
        window.statusBar().showMessage(_("Listed the calls of {what}.").format(what=drill.caption or _period(drill)),
                                       8000)


def _period(drill: Drill) -> str:
    if drill.first == drill.last:
        return format_date(drill.first)
    return _("{first} to {last}").format(first=format_date(drill.first), last=format_date(drill.last))
