"""The main window: filter bar and ticket table, the detail form docked beside them,
the timeline and the customer's history under the form."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.i18n import _, format_datetime, format_number, to_local
from desktop.rules import choices as lists
from desktop.rules.centre_lists import EDITABLE_LISTS, clean_name
from desktop.rules.centre_options import HANDLERS, IDLE_LOCK_MINUTES, OPTIONS
from desktop.rules.choices import NEW_CUSTOMER, RETURNING_CUSTOMER, customer_type_label
from desktop.rules.permissions import Permission, role_label
from desktop.rules.ticket_draft import TicketDraft
from desktop.services.errors import ServiceError
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.admin_wiring import install_admin_tools
from desktop.ui.aids_wiring import install_agent_aids
from desktop.ui.context import AppContext
from desktop.ui.customer_history import CustomerHistoryPanel
from desktop.ui.dashboard_wiring import install_dashboard
from desktop.ui.filter_bar import FilterBar
from desktop.ui.lock_screen import IdleWatcher, LockOverlay
from desktop.ui.move_dialog import ROUTE
from desktop.ui.print_wiring import install_print_tools
from desktop.ui.reminder_views import ReminderList
from desktop.ui.report_wiring import install_report_tools
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.sheets_ui import install_sheets
from desktop.ui.ticket_form import FormServices, TicketForm
from desktop.ui.ticket_table_model import (
    COL_AGENT,
    COL_CUSTOMER,
    COL_CUSTOMER_TYPE,
    COL_DEPARTMENT,
    COL_DESCRIPTION,
    COL_DUE,
    COL_ISSUE_TYPE,
    COL_NUMBER,
    COL_PHONE,
    COL_PRIORITY,
    COL_STATUS,
    COL_TIME,
    SORTABLE,
    TicketTableModel,
)
from desktop.ui.timeline_view import TimelineView
from desktop.ui.visits_wiring import install_visits
from desktop.ui.window_session import SessionActions

# Bump when docks are added or rearranged: a layout saved by an older version is then
# replaced by the new default instead of squeezing the new docks in somewhere.
LAYOUT_VERSION = 4


def _with_shortcut(text: str, shortcut: QKeySequence) -> str:
    return f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"


class MainWindow(SessionActions, QMainWindow):
    language_changed = Signal()
    reminders_changed = Signal()  # the lead time changed: the reminders are read again
    settings_applied = Signal()  # the workstation settings were saved (the automatic archive re-arms)
    hidden_to_tray = Signal()  # the window was closed while the tray keeps the program running
    quit_requested = Signal()  # File → Quit while the tray keeps the program running

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._close_to_tray = False  # set by the program when a system tray keeps it running
        self._quitting = False
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self._settings = QSettings(ctx.settings_path, QSettings.Format.IniFormat)

        # A search reads on a pool thread: typing never waits for it, the rows follow.
        self.model = TicketTableModel(ctx.ticket_list, ctx.label, self, background=True)
        self.model.load_failed.connect(lambda message: self.statusBar().showMessage(message, 10000))
        self.model.loaded.connect(self._rows_loaded)
        self._reselect: int | None = None  # the ticket to select again once a background search shows
        self.filter_bar = FilterBar(ctx.options.get(lists.STATUS, []), ctx.options.get(lists.ISSUE_TYPE, []), self,
                                    priorities=ctx.options.get(lists.PRIORITY, []), departments=ctx.departments)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(COL_TIME, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        self.table.setAccessibleName(_("Tickets"))
        self.table.activated.connect(self._row_activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)

        self.form = TicketForm(FormServices(
            tickets=ctx.tickets, customers=ctx.customers, options=ctx.options, departments=ctx.departments,
            actor=ctx.actor, clock=ctx.clock, messages=ctx.messages, drafts=ctx.drafts,
            sensitive_modules=lambda: ctx.sensitive_modules, may_reveal=lambda: ctx.may(Permission.REVEAL_PHONE),
            lifecycle=ctx.lifecycle, handlers=lambda: ctx.handlers,
        ), self)
        self.timeline = TimelineView(ctx.label, ctx.department_names(), self)
        self.history = CustomerHistoryPanel(ctx.label, self)
        self.form_dock = self._dock("form", _("Ticket"), self.form, Qt.DockWidgetArea.RightDockWidgetArea)
        self.timeline_dock = self._dock("timeline", _("Timeline"), self.timeline, Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock = self._dock("history", _("Customer history"), self.history,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.form_dock, self.timeline_dock, Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.timeline_dock, self.history_dock)
        # Reminders: where they show on a desktop without a system tray, and the full list beside the tray's.
        self.reminder_list = ReminderList(ctx.clock, self)
        self.reminders_dock = self._dock("reminders", _("Reminders"), self.reminder_list,
                                         Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.history_dock, self.reminders_dock)
        self.timeline_dock.raise_()

        self.count_label = QLabel(self)
        self.agent_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.agent_label)
        self.statusBar().addPermanentWidget(self.count_label)

        self._build_actions()
        self._apply_role()
        self.filter_bar.changed.connect(self._filter_changed)
        self.form.saved.connect(self._ticket_saved)
        self.form.timeline_changed.connect(self.timeline.show_ticket)
        self.form.history_changed.connect(self._history_changed)
        self.form.state_changed.connect(self._form_state_changed)
        self.form.draft_failed.connect(lambda message: self.statusBar().showMessage(message, 15000))
        self.history.ticket_activated.connect(self.open_ticket)
        self.history.show_all_requested.connect(self.filter_bar.show_customer)

        self.lock_overlay = LockOverlay(ctx.accounts, self)
        self.lock_overlay.unlocked.connect(self._unlocked)
        self.idle = IdleWatcher(float(ctx.centre.get(IDLE_LOCK_MINUTES)), self)
        self.idle.idle.connect(self.lock_screen)

        install_admin_tools(self)
        install_agent_aids(self)  # before the layout is restored: its docks are part of it
        install_sheets(self)
        install_print_tools(self)
        install_report_tools(self)
        install_visits(self)
        install_dashboard(self)
        self._update_counts()
        self._update_agent()
        self._restore_geometry()

    # --- building -------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot: object, shortcut: QKeySequence | None = None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setToolTip(_with_shortcut(tip or text, shortcut))
        elif tip:
            action.setToolTip(tip)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        seq = QKeySequence
        self.new_action = self._action(_("&New call"), self.new_call, seq(seq.StandardKey.New),
                                       _("Start logging a new call; the call timer starts"))
        self.save_action = self._action(_("&Save ticket"), self.save_ticket, seq(seq.StandardKey.Save),
                                        _("Save the ticket in the form"))
        self.search_action = self._action(_("&Find…"), self.focus_search, seq(seq.StandardKey.Find),
                                          _("Search the tickets"))
        self.refresh_action = self._action(_("&Refresh"), self.refresh, seq(Qt.Key.Key_F5),
                                           _("Read the tickets again from the database"))
        self.back_action = self._action(_("Back to the list"), self.back_to_list, seq(Qt.Key.Key_Escape),
                                        _("Clear the search or go back to the ticket list"))
        self.back_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.settings_action = self._action(_("Se&ttings…"), self.open_settings, seq(seq.StandardKey.Preferences),
                                            _("Language, agent and numbering"))
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(seq("Ctrl+,"))
            self.settings_action.setToolTip(_with_shortcut(_("Settings"), seq("Ctrl+,")))
        self.quit_action = self._action(_("&Quit"), self.quit, seq(seq.StandardKey.Quit), _("Close the program"))
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(seq("Ctrl+Q"))
        self.about_action = self._action(_("&About"), self.show_about, None, _("About this program"))
        self.lock_action = self._action(_("&Lock screen"), self.lock_screen, seq("Ctrl+L"),
                                        _("Lock the window now; unlock with your password or let another agent in"))
        self.void_action = self._action(_("&Void ticket…"), self.void_ticket, None,
                                        _("Mark a ticket logged by mistake as void (it is kept and archived)"))

        self.route_action = self._action(_("&Route…"), lambda: self.form.move_to(ROUTE), seq("Ctrl+R"),
                                         _("Give the ticket in the form to a department and a handler"))
        self.reminders_action = self._action(_("Re&minders"), self.show_reminders, seq("Ctrl+Shift+R"),
                                             _("Show the reminders: callbacks, promised feedback, deadlines"))
        self.move_action = self._action(_("&Move to…"), self.show_moves, seq("Ctrl+M"),
                                        _("Change the progress of the ticket in the form (only allowed moves)"))

        menu = self.menuBar()
        file_menu = menu.addMenu(_("&File"))
        file_menu.addActions([self.new_action, self.save_action])
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.ticket_menu = menu.addMenu(_("Tic&ket"))
        self.ticket_menu.addActions([self.route_action, self.move_action])
        self.ticket_menu.addMenu(self.form.move_menu)
        self.ticket_menu.addSeparator()
        self.ticket_menu.addAction(self.void_action)
        view_menu = menu.addMenu(_("&View"))
        view_menu.addActions([self.search_action, self.refresh_action, self.back_action, self.reminders_action])
        view_menu.addSeparator()
        for dock in (self.form_dock, self.timeline_dock, self.history_dock, self.reminders_dock):
            view_menu.addAction(dock.toggleViewAction())
        tools_menu = menu.addMenu(_("&Tools"))
        tools_menu.addAction(self.settings_action)
        help_menu = menu.addMenu(_("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar(_("Main"))
        toolbar.setObjectName("toolbar-main")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new_action, self.save_action, self.search_action, self.refresh_action])

    # --- actions ---------------------------------------------------------------------

    def new_call(self) -> None:
        if not self._may_leave_form():
            return
        self.form_dock.show()
        self.form_dock.raise_()
        self.table.clearSelection()
        self.form.start_new_call()

    def show_reminders(self) -> None:
        """Bring the window and its reminders panel forward."""
        self.bring_forward()
        self.reminders_dock.show()
        self.reminders_dock.raise_()
        self.reminder_list.tree.setFocus()

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_moves(self) -> None:
        """Open the list of allowed moves under the form's button (keyboard: arrows and Enter)."""
        if self.form.ticket_id is None:
            self.statusBar().showMessage(_("Open or save a ticket first."), 5000)
            return
        self.form_dock.show()
        self.form.move_button.showMenu()

    def save_ticket(self) -> None:
        self.form.save()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def refresh(self) -> None:
        current = self.form.ticket_id
        self.model.refresh()
        self._update_counts()
        if current is not None:
            self._select_ticket(current)

    def changed_elsewhere(self) -> None:
        """Tickets changed on another workstation: the list follows at once when it shows the newest
        (at the top), else the status bar says so; an open ticket nobody is editing here is read again."""
        if self.table.verticalScrollBar().value() == 0:
            self.refresh()
        else:
            self.statusBar().showMessage(_("Tickets were changed on another workstation: press F5 to see them."))
        form = self.form
        if form.ticket is None or form.is_dirty():
            return  # an edit in progress: a conflicting save says what the other agent changed
        try:
            if self.ctx.tickets.get(form.ticket.id).version != form.ticket.version:
                form.open_ticket(form.ticket.id)
        except ServiceError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def back_to_list(self) -> None:
        search = self.filter_bar.search
        if search.hasFocus() and search.text():
            search.clear()
            self.filter_bar.flush()
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_ticket(self, ticket_id: int) -> bool:
        if ticket_id == self.form.ticket_id:
            return True
        if not self._may_leave_form():
            return False
        try:
            self.form.open_ticket(ticket_id)
        except ServiceError as exc:
            self.ctx.messages.error(self, _("Cannot open the ticket"), str(exc))
            return False
        return True

    def open_settings(self) -> None:
        admin = self.ctx.may(Permission.MANAGE_SETTINGS)
        aids = getattr(self, "aids", None)
        managers = [aids.manage_phrases_action, aids.manage_guides_action] if aids is not None else []
        try:
            at_login: bool | None = self.ctx.autostart.is_enabled()
        except OSError:
            at_login = None
        departments, entries = None, None
        if admin:
            try:
                departments = self.ctx.centre_lists.departments()
                entries = {key: self.ctx.centre_lists.entries(key) for key in EDITABLE_LISTS}
            except ServiceError as exc:
                self.statusBar().showMessage(str(exc), 10000)
        dialog = SettingsDialog(self.ctx.config, self, centre=self.ctx.centre.all() if admin else None,
                                modules=self.ctx.options.get(lists.BUSINESS_MODULE, []), managers=managers,
                                start_at_login=at_login, departments=departments, lists=entries,
                                today=to_local(self.ctx.clock()).date())
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog)

    def apply_settings(self, dialog: SettingsDialog) -> None:
        old_language = self.ctx.config.language
        old_lead = self.ctx.config.reminder_lead_minutes
        old_database = self.ctx.config.database
        self.ctx.config = dialog.result_config()
        self.ctx.save_config(self.ctx.config)
        self.ctx.tickets.prefix = self.ctx.config.ticket_prefix
        self._apply_start_at_login(dialog.wants_start_at_login())
        if self.ctx.config.database != old_database:
            self.ctx.messages.info(self, _("Database"), _(
                "Hotline Desk uses {location} from its next start. Quit it (Ctrl+Q) and start it again.").format(
                location=self.ctx.config.database or _("this computer's own file")))
        if self.ctx.config.reminder_lead_minutes != old_lead:
            self.ctx.reminders.lead = timedelta(minutes=self.ctx.config.reminder_lead_minutes)
            self.reminders_changed.emit()
        try:
            for key, value in dialog.result_centre().items():
                self.ctx.centre.set(self.ctx.actor(), OPTIONS[key], value)
        except ServiceError as exc:
            self.ctx.messages.error(self, _("Centre settings not saved"), str(exc))
        lists_changed = self._apply_lists(dialog)
        self.ctx.reload_lists()
        self.idle.set_minutes(float(self.ctx.centre.get(IDLE_LOCK_MINUTES)))
        self.form.revalidate()
        self.settings_applied.emit()
        if self.ctx.config.language != old_language or lists_changed:
            self.language_changed.emit()  # the window is built again with the new lists, the typed form kept

    def _apply_lists(self, dialog: SettingsDialog) -> bool:
        """Save the departments, their handlers and the choice lists as edited; True if any changed."""
        actor = self.ctx.actor()
        service = self.ctx.centre_lists
        changed = False
        try:
            departments = dialog.result_departments()
            if departments is not None and departments != service.departments():
                service.save_departments(actor, departments)
                changed = True
            if departments is not None:
                ids = {clean_name(entry.label): entry.key for entry in service.departments()}
                handlers = {str(ids[name]): names for name, names in dialog.result_handlers().items() if name in ids}
                if handlers != self.ctx.handlers:
                    self.ctx.centre.set(actor, HANDLERS, handlers)
                    changed = True
            for key, entries in dialog.result_lists().items():
                if entries != service.entries(key):
                    service.save_entries(actor, key, entries)
                    changed = True
        except ServiceError as exc:
            self.ctx.messages.error(self, _("Lists not saved"), str(exc))
        return changed

    def _apply_start_at_login(self, wanted: bool | None) -> None:
        try:
            if wanted is not None and wanted != self.ctx.autostart.is_enabled():
                self.ctx.autostart.set_enabled(wanted)
        except OSError as exc:
            self.ctx.messages.error(self, _("Start at login"), _(
                "The login entry could not be changed: {reason}. Ask the administrator whether this "
                "computer allows programs to start at login.").format(reason=exc))

    def show_about(self) -> AboutDialog:
        """Help → About: shown without blocking; closing it deletes it."""
        dialog = AboutDialog(self.ctx.database.location, self.windowIcon(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- reactions -------------------------------------------------------------------

    def _header_clicked(self, section: int) -> None:
        header = self.table.horizontalHeader()
        if section != COL_TIME and section not in SORTABLE:  # the indicator stays where the order is
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column, self.model.sort_order)
            header.blockSignals(False)
            return
        self.model.sort(section, header.sortIndicatorOrder())

    def _filter_changed(self, flt: object) -> None:
        self.model.set_filter(flt)  # type: ignore[arg-type]
        self._update_counts()

    def _row_activated(self, index: QModelIndex) -> None:
        ticket_id = self.model.row_id(index.row())
        if ticket_id is not None:
            self.open_ticket(ticket_id)
            self.form.setFocus()

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        ticket_id = self.model.row_id(current.row())
        if ticket_id is not None and not self.open_ticket(ticket_id):
            self._select_ticket(self.form.ticket_id)

    def _ticket_saved(self, ticket_id: int) -> None:
        self.model.refresh()
        self._update_counts()
        self._select_ticket(ticket_id)
        self._reselect = ticket_id if self.model.searching else None
        self.statusBar().showMessage(_("Saved {number}").format(number=self.form.title()), 5000)

    def _history_changed(self, history: object) -> None:
        self.history.show_history(history)  # type: ignore[arg-type]
        if history is not None and getattr(history, "tickets", ()) and self.form.ticket_id is None:
            self.history_dock.show()
            self.history_dock.raise_()

    def _form_state_changed(self) -> None:
        dirty = "*" if self.form.is_dirty() else ""
        self.form_dock.setWindowTitle(_("Ticket") + f" · {self.form.title()}{dirty}")
        self.save_action.setEnabled(self.form.report.ok)

    def _select_ticket(self, ticket_id: int | None) -> None:
        if ticket_id is None:
            return
        row = self.model.row_of_id(ticket_id)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row is None:
            selection.clearSelection()
        else:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        selection.blockSignals(False)
        self.table.viewport().update()

    def _may_leave_form(self) -> bool:
        if not self.form.is_dirty():
            return True
        if self.ctx.messages.confirm(
            self, _("Unsaved changes"),
            _("{ticket} has changes that are not saved. Discard them?").format(ticket=self.form.title()),
        ):
            self.form.discard_draft()
            return True
        return False

    def _rows_loaded(self) -> None:
        self._update_counts()
        if self._reselect is not None and not self.model.searching:
            self._select_ticket(self._reselect)
            self._reselect = None

    def _update_counts(self) -> None:
        if self.model.searching:
            text = _("Searching…")
        elif self.model.counting:
            text = _("{count}+ tickets, counting…").format(count=format_number(self.model.rowCount()))
        else:
            text = _("{count} tickets").format(count=format_number(self.model.rowCount()))
        self.count_label.setText(text)

    def _update_agent(self) -> None:
        actor = self.ctx.actor()
        self.agent_label.setText(_("{role} {code} {name}").format(role=role_label(actor.role), code=actor.code,
                                                                 name=actor.name))

    # --- geometry and closing ------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("main/geometry")
        state = self._settings.value("main/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 860)
        if not (isinstance(state, QByteArray) and self.restoreState(state, LAYOUT_VERSION)):
            self.resizeDocks([self.form_dock], [560], Qt.Orientation.Horizontal)
            # The form is what an agent fills during the call: most of the height goes to it.
            height = max(self.height(), 600)
            self.resizeDocks([self.form_dock, self.timeline_dock], [int(height * 0.72), int(height * 0.2)],
                             Qt.Orientation.Vertical)
        self._size_columns()

    def _size_columns(self) -> None:
        """Widths from sample text in the current font: measuring rows would read the whole table."""
        metrics = self.table.fontMetrics()
        def longest(list_key: str) -> str:
            return max((o.label for o in self.ctx.options.get(list_key, [])), key=metrics.horizontalAdvance, default="")

        samples = {
            COL_NUMBER: "CS20231015001", COL_TIME: format_datetime(datetime(2023, 12, 28, 23, 59, tzinfo=UTC)),
            COL_CUSTOMER: "欧阳女士先生", COL_PHONE: "010-****5678",
            COL_CUSTOMER_TYPE: max(customer_type_label(NEW_CUSTOMER), customer_type_label(RETURNING_CUSTOMER),
                                   key=metrics.horizontalAdvance),
            COL_ISSUE_TYPE: longest(lists.ISSUE_TYPE), COL_PRIORITY: longest(lists.PRIORITY),
            COL_STATUS: longest(lists.STATUS), COL_DEPARTMENT: "供应链部门", COL_AGENT: "欧阳明明",
            # room for the warning icon in front of the deadline and its "overdue" word
            COL_DUE: "MM " + _("{time} · overdue").format(time=format_datetime(datetime(2023, 12, 28, 23, 59,
                                                                                        tzinfo=UTC))),
        }
        padding = metrics.horizontalAdvance("MM")
        header = self.table.horizontalHeader()
        for column, sample in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(title) + padding)
            self.table.setColumnWidth(column, width + padding)
        self.table.setColumnWidth(COL_DESCRIPTION, metrics.horizontalAdvance("M") * 30)

    def save_geometry(self) -> None:
        self._settings.setValue("main/geometry", self.saveGeometry())
        self._settings.setValue("main/state", self.saveState(LAYOUT_VERSION))
        self._settings.sync()

    def store_draft(self) -> None:
        """Write what the form holds to its draft file now (before an error dialog, on close)."""
        self.form.store_draft()

    def keep_draft(self) -> tuple[TicketDraft, int | None] | None:
        """What the form holds, if anything was typed (to carry across a language switch)."""
        return (self.form.draft(), self.form.ticket_id) if self.form.is_dirty() else None

    def set_close_to_tray(self, enabled: bool) -> None:
        """With a tray, closing the window hides it; the program runs on until Quit."""
        self._close_to_tray = enabled

    def quit(self) -> None:
        if self._close_to_tray:
            self.quit_requested.emit()
        else:
            self.close()

    def close_for_good(self) -> bool:
        """Close even with a tray (Quit); False when the agent kept an unsaved ticket open."""
        self._quitting = True
        closed = self.close()
        self._quitting = closed
        return closed

    def closeEvent(self, event: QCloseEvent) -> None:
        self.form.store_draft()
        if self._close_to_tray and not self._quitting:
            self.save_geometry()
            self.hide()
            event.ignore()
            self.hidden_to_tray.emit()
            return
        if not self._may_leave_form():
            event.ignore()
            return
        self.save_geometry()
        self.wait_for_background()
        event.accept()

    def wait_for_background(self) -> None:
        """Let work still running in a worker thread finish before the window goes (its thread with it)."""
        self.model.wait_for_search()
        tools = getattr(self, "visit_tools", None)
        if tools is not None:
            tools.wait()
