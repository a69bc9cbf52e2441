"""Keeps the problem guide in step with the form: the guide of the chosen business module, its
ticked steps written to the ticket's process record, the ticks belonging to one call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDockWidget

from desktop.i18n import _, current_language, format_time
from desktop.rules.choices import BUSINESS_MODULE
from desktop.services.dto import TicketDetail
from desktop.services.errors import ServiceError
from desktop.services.guides import GuideService
from desktop.ui.guide_panel import GuidePanel

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

PROCESS_SEPARATOR = "; "  # as the centre's forms write the process record: "10:15 …; 10:30 …"


class GuideFollower(QObject):
    def __init__(self, window: MainWindow, guides: GuideService, panel: GuidePanel, dock: QDockWidget) -> None:
        super().__init__(window)
        self._window = window
        self._guides = guides
        self.panel = panel
        self._dock = dock
        self._ticks_for: int | None = None  # the ticket the ticks belong to (None: the call not yet saved)
        self._shown: TicketDetail | None = None
        self._just_saved: int | None = None
        form = window.form
        form.business_module.currentIndexChanged.connect(lambda _index: self.show_guide())
        form.timeline_changed.connect(self._timeline_changed)
        form.saved.connect(self._saved)
        panel.step_ticked.connect(self.record_step)
        self.show_guide()

    def show_guide(self) -> None:
        """The guide of the business module now in the form (its steps unticked)."""
        code = self._window.form.business_module.code()
        try:
            guide = self._guides.for_problem_type(code, current_language())
        except ServiceError as exc:
            guide = None
            self._window.statusBar().showMessage(str(exc), 8000)
        self.panel.show_guide(guide, self._window.ctx.label(BUSINESS_MODULE, code) if code else "")
        if guide is not None and not self._dock.isVisible():
            self._dock.show()

    # --- whose ticks are these -----------------------------------------------------------

    def _timeline_changed(self, detail: TicketDetail | None) -> None:
        # The form says "saved" right after showing the saved ticket: decide once both are in.
        self._shown = detail
        QTimer.singleShot(0, self._settle)

    def _saved(self, ticket_id: int) -> None:
        self._just_saved = ticket_id

    def _settle(self) -> None:
        detail, saved, self._just_saved = self._shown, self._just_saved, None
        shown_id = detail.id if detail is not None else None
        same_call = shown_id is not None and (shown_id == self._ticks_for or
                                              (self._ticks_for is None and saved == shown_id))
        if not same_call:
            self.panel.reset_ticks()
        self._ticks_for = shown_id

    # --- recording a step ------------------------------------------------------------------

    def record_step(self, step: str) -> None:
        """A saved ticket gets a process entry now; a call being logged gets it in its process note."""
        ctx = self._window.ctx
        form = self._window.form
        line = _("{time} {step}").format(time=format_time(ctx.clock()), step=step)
        if form.ticket_id is None:
            note = form.process_note.text().strip()
            form.process_note.setText(f"{note}{PROCESS_SEPARATOR}{line}" if note else line)
            self._window.statusBar().showMessage(_("Step noted; it goes into the timeline when the ticket is saved."),
                                                 5000)
            return
        try:
            detail = ctx.tickets.add_process_entry(form.ticket_id, line, ctx.actor())
        except ServiceError as exc:
            self.panel.release(step)
            ctx.messages.error(self._window, _("Step not recorded"), str(exc))
            return
        self._window.timeline.show_ticket(detail)
        self._window.statusBar().showMessage(_("Step recorded in the timeline."), 5000)
