"""The agent aids in the main window: quick phrases, FAQ and problem guide docks, their
shortcuts and Tools-menu entries. ``install_agent_aids(window)`` is the one call the window makes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

from desktop.i18n import _
from desktop.rules.choices import BUSINESS_MODULE
from desktop.services.aids_dto import FaqInput
from desktop.services.aids_transfer import AidsTransferService
from desktop.services.errors import ServiceError
from desktop.services.faq import FINISHED_STATUSES, FaqService
from desktop.services.guides import GuideService
from desktop.services.phrases import PhraseService
from desktop.ui.aid_widgets import copy_to_clipboard, insert_at_cursor, insert_or_copy
from desktop.ui.aids_dialogs import FaqDialog
from desktop.ui.aids_manager import GuideManager, PhraseManager
from desktop.ui.aids_transfer_ui import AidsTransfer
from desktop.ui.faq_panel import FaqPanel
from desktop.ui.guide_follow import GuideFollower
from desktop.ui.guide_panel import GuidePanel
from desktop.ui.phrases_panel import SHORTCUT_COUNT, PhrasesPanel

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

STATUS_MS = 4000


def install_agent_aids(window: MainWindow) -> AgentAids:
    """Add the aids to ``window`` (kept as ``window.aids``); the services go onto ``window.ctx``."""
    aids = AgentAids(window)
    window.aids = aids  # type: ignore[attr-defined]
    return aids


def _tip(text: str, shortcut: QKeySequence) -> str:
    return f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"


class AgentAids(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        ctx = window.ctx
        sessions = ctx.database.sessions
        ctx.phrases = PhraseService(sessions, clock=ctx.clock)  # type: ignore[attr-defined]
        ctx.faq = FaqService(sessions, clock=ctx.clock)  # type: ignore[attr-defined]
        ctx.guides = GuideService(sessions, clock=ctx.clock)  # type: ignore[attr-defined]
        ctx.aids_transfer = AidsTransferService(sessions, clock=ctx.clock)  # type: ignore[attr-defined]
        self.phrases: PhraseService = ctx.phrases  # type: ignore[attr-defined]
        self.faq: FaqService = ctx.faq  # type: ignore[attr-defined]
        self.guides: GuideService = ctx.guides  # type: ignore[attr-defined]
        self._last_field: QWidget | None = None

        self.phrases_panel = PhrasesPanel(self.phrases, self.fill_values, window)
        self.faq_panel = FaqPanel(self.faq, lambda code: ctx.label(BUSINESS_MODULE, code), window)
        self.guide_panel = GuidePanel(window.form.elapsed_seconds, window)
        # Beside the form, what the call needs: the guide above, phrases and FAQ (tabs) below it.
        self.guide_dock = self._dock("guide", _("Problem guide"), self.guide_panel)
        self.phrases_dock = self._dock("phrases", _("Quick phrases"), self.phrases_panel)
        self.faq_dock = self._dock("faq", _("FAQ"), self.faq_panel)
        window.splitDockWidget(window.form_dock, self.guide_dock, Qt.Orientation.Horizontal)
        window.splitDockWidget(self.guide_dock, self.phrases_dock, Qt.Orientation.Vertical)
        window.tabifyDockWidget(self.phrases_dock, self.faq_dock)
        self.phrases_dock.raise_()
        self._layout_docks()

        self.follower = GuideFollower(window, self.guides, self.guide_panel, self.guide_dock)
        self.transfer = AidsTransfer(window, ctx.aids_transfer, ctx.actor, ctx.messages,  # type: ignore[attr-defined]
                                     self.reload)
        self._build_actions()

        self.phrases_panel.used.connect(self.use_phrase)
        self.phrases_panel.manage_requested.connect(self.manage_phrases)
        self.faq_panel.copied.connect(lambda _text: self._status(_("Answer copied to the clipboard.")))
        self.faq_panel.edit_requested.connect(self.edit_faq)
        self.faq_panel.delete_requested.connect(self.delete_faq)
        for panel in (self.phrases_panel, self.faq_panel):
            panel.failed.connect(lambda message: self._status(message, 10000))
        window.form.customer_name.textChanged.connect(lambda _text: self.phrases_panel.refill())
        window.form.timeline_changed.connect(lambda _detail: self._update_save_as_faq())
        window.form.saved.connect(lambda _id: self._update_save_as_faq())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._update_save_as_faq()

    # --- building -------------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        # Scrolled rather than squeezed: three docks stacked beside the form must not make the
        # window taller than a small screen.
        holder = QScrollArea(self.window)
        holder.setWidgetResizable(True)
        holder.setFrameShape(QScrollArea.Shape.NoFrame)
        holder.setWidget(widget)
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(holder)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _layout_docks(self) -> None:
        """Where the agent left them (the window restored its layout before these docks existed,
        so it is applied again), or the default room on a first start."""
        window = self.window
        state = QSettings(window.ctx.settings_path, QSettings.Format.IniFormat).value("main/state")
        if isinstance(state, QByteArray) and window.restoreState(state):
            return
        window.resizeDocks([window.form_dock, self.guide_dock], [540, 320], Qt.Orientation.Horizontal)
        window.resizeDocks([self.guide_dock, self.phrases_dock], [380, 420], Qt.Orientation.Vertical)

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(text)
        if shortcut is not None:
            sequence = QKeySequence(shortcut)
            action.setShortcut(sequence)
            action.setToolTip(_tip(text, sequence))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.phrases_action = self._action(_("Quick phrases"), lambda: self.toggle(self.phrases_dock,
                                                                                   self.phrases_panel.search), "F2")
        self.faq_action = self._action(_("Search the FAQ"), lambda: self.toggle(self.faq_dock, self.faq_panel.search),
                                       "F3")
        self.guide_action = self._action(_("Problem guide"), lambda: self.toggle(self.guide_dock, None), "F4")
        self.copy_answer_action = self._action(_("Copy FAQ answer"), self.faq_panel.copy_answer, "Ctrl+Shift+C")
        self.save_as_faq_action = self._action(_("Save ticket as FAQ…"), self.save_as_faq, "Ctrl+Shift+F")
        self.manage_phrases_action = self._action(_("Manage quick phrases…"), self.manage_phrases)
        self.manage_guides_action = self._action(_("Problem guides…"), self.manage_guides)
        self.export_action = self._action(_("Export phrases, FAQ and guides…"), self.transfer.export)
        self.import_action = self._action(_("Import phrases, FAQ and guides…"), self.transfer.import_)
        self.phrase_actions = [
            self._action(_("Insert quick phrase {number}").format(number=number),
                         lambda number=number: self.use_numbered_phrase(number), f"Alt+{number}")
            for number in range(1, SHORTCUT_COUNT + 1)
        ]
        menu = self._tools_menu()
        menu.addSeparator()
        menu.addActions([self.phrases_action, self.faq_action, self.guide_action, self.copy_answer_action,
                         self.save_as_faq_action])
        menu.addSeparator()
        menu.addActions([self.manage_phrases_action, self.manage_guides_action, self.export_action,
                         self.import_action])

    def _tools_menu(self) -> QMenu:
        for action in self.window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text() == _("&Tools"):
                return menu
        return self.window.menuBar().addMenu(_("&Tools"))

    # --- phrases ----------------------------------------------------------------------------

    def fill_values(self) -> dict[str, str]:
        ctx = self.window.ctx
        return {"centre": ctx.config.centre_name, "agent_id": ctx.actor().code,
                "customer": self.window.form.customer_name.text()}

    def use_numbered_phrase(self, number: int) -> None:
        """Alt+number: into the focused text field, else onto the clipboard."""
        text = self.phrases_panel.phrase(number)
        if text is None:
            self._status(_("There is no quick phrase {number}.").format(number=number))
            return
        if not insert_or_copy(text):
            self._status(_("Copied to the clipboard: {text}").format(text=text))

    def use_phrase(self, text: str) -> None:
        """A phrase picked in the panel: into the field the agent was typing in, else the clipboard."""
        field = self._last_field
        if field is not None and field.isVisible() and insert_at_cursor(field, text):
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        copy_to_clipboard(text)
        self._status(_("Copied to the clipboard: {text}").format(text=text))

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        inside_aids = new is not None and any(
            panel.isAncestorOf(new) for panel in (self.phrases_panel, self.faq_panel, self.guide_panel))
        if isinstance(new, QLineEdit | QTextEdit | QPlainTextEdit) and not inside_aids and not new.isReadOnly():
            self._last_field = new

    # --- FAQ ----------------------------------------------------------------------------------

    def _update_save_as_faq(self) -> None:
        ticket = self.window.form.ticket
        self.save_as_faq_action.setEnabled(ticket is not None and ticket.draft.status in FINISHED_STATUSES)

    def save_as_faq(self) -> None:
        ticket_id = self.window.form.ticket_id
        if ticket_id is None:
            return
        try:
            data = self.faq.draft_from_ticket(ticket_id)
        except ServiceError as exc:
            self.window.ctx.messages.error(self.window, _("Cannot make a FAQ entry"), str(exc))
            return
        self._open_faq_editor(None, data, _("Save ticket as FAQ"))

    def edit_faq(self, faq_id: int | None) -> None:
        if faq_id is None:
            self._open_faq_editor(None, FaqInput(), _("New FAQ entry"))
            return
        try:
            row = self.faq.get(faq_id)
        except ServiceError as exc:
            self.window.ctx.messages.error(self.window, _("Cannot open the entry"), str(exc))
            self.faq_panel.reload()
            return
        self._open_faq_editor(faq_id, FaqInput(row.question, row.answer, row.tags, row.problem_type,
                                               row.source_ticket), _("Edit FAQ entry"))

    def _open_faq_editor(self, faq_id: int | None, data: FaqInput, title: str) -> None:
        ctx = self.window.ctx
        dialog = FaqDialog(data, ctx.options.get(BUSINESS_MODULE, []),
                           lambda value: self.faq.save(faq_id, value, ctx.actor()), ctx.messages, self.window,
                           title=title)
        self.faq_dialog = dialog
        if dialog.exec() == FaqDialog.DialogCode.Accepted:
            saved = getattr(dialog.saved, "id", None)
            self.faq_panel.reload(saved)
            self.faq_dock.show()
            self.faq_dock.raise_()
            self._status(_("FAQ entry saved."))

    def delete_faq(self, faq_id: int) -> None:
        ctx = self.window.ctx
        row = self.faq_panel.current()
        question = row.question if row else ""
        if not ctx.messages.confirm(self.window, _("Delete"), _("Delete this entry?\n\n{text}").format(text=question)):
            return
        try:
            self.faq.delete(faq_id)
        except ServiceError as exc:
            ctx.messages.error(self.window, _("Not deleted"), str(exc))
        self.faq_panel.reload()

    # --- settings, sharing, showing ---------------------------------------------------------

    def manage_phrases(self) -> None:
        ctx = self.window.ctx
        dialog = PhraseManager(self.phrases, ctx.actor, self.fill_values, ctx.messages, self.window)
        dialog.changed.connect(self.phrases_panel.reload)
        dialog.exec()

    def manage_guides(self) -> None:
        ctx = self.window.ctx
        dialog = GuideManager(self.guides, ctx.actor, ctx.options.get(BUSINESS_MODULE, []), ctx.messages, self.window)
        dialog.changed.connect(self.follower.show_guide)
        dialog.exec()

    def reload(self) -> None:
        """Read everything again (after an import)."""
        self.phrases_panel.reload()
        self.faq_panel.reload()
        self.follower.show_guide()

    def toggle(self, dock: QDockWidget, focus: QWidget | None) -> None:
        """Show the dock (in front of its tab group) and focus its search; hide it when it is in front."""
        if dock.isVisible() and (focus is None or focus.hasFocus()):
            dock.hide()
            return
        dock.show()
        dock.raise_()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if isinstance(focus, QLineEdit):
                focus.selectAll()

    def _status(self, text: str, timeout: int = STATUS_MS) -> None:
        self.window.statusBar().showMessage(text, timeout)
