"""The main window's session side: voiding, the screen lock, agents taking over, drafts.

A mixin of MainWindow (desktop/ui/main_window.py), kept apart so each file stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.i18n import _
from desktop.rules.permissions import Permission
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.ui.admin_wiring import refresh_admin_tools

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class SessionActions(_Base):
    def void_ticket(self) -> None:
        ticket_id = self.form.ticket_id
        if ticket_id is None:
            self.statusBar().showMessage(_("Open the ticket to void first."), 5000)
            return
        reason = self.ctx.messages.ask_text(
            self, _("Void ticket {number}").format(number=self.form.title()),
            _("Why is this ticket void? It stays in the records and the archive, marked void."))
        if reason is None:
            return
        try:
            detail = self.ctx.tickets.void(ticket_id, reason, self.ctx.actor())
        except ServiceError as exc:
            self.ctx.messages.error(self, _("Not voided"), str(exc))
            return
        self.form.open_ticket(detail.id)
        self.refresh()

    # --- locking and switching agents ------------------------------------------------------

    def lock_screen(self) -> None:
        if self.lock_overlay.isVisible():
            return
        self.form.store_draft()  # on disk, in case the machine is switched off while locked
        actor = self.ctx.actor()
        try:
            self.ctx.audit.log(actor, "screen_locked")
        except ServiceError:
            pass  # locking must work even when the database does not answer
        self._set_actions_enabled(False)
        self.idle.pause()
        self.lock_overlay.lock(actor)

    def _unlocked(self, actor: Actor) -> None:
        previous = self.ctx.actor()
        self._set_actions_enabled(True)
        self.idle.resume()
        if actor.code == previous.code:
            return
        # Another agent takes over: the first agent's draft stays in the draft store under their ID.
        self.form.store_draft()
        self.ctx.signed_in = actor
        self.ctx.config.agent_code, self.ctx.config.agent_name = actor.code, actor.name
        self.ctx.save_config(self.ctx.config)
        self.form.start_new_call(start_timer=False)
        self._apply_role()
        refresh_admin_tools(self)
        visit_tools = getattr(self, "visit_tools", None)
        if visit_tools is not None:
            visit_tools.refresh()  # the supervisors' quality tools, and the new agent's own visits
        self._update_agent()
        self.offer_saved_draft()

    def _set_actions_enabled(self, enabled: bool) -> None:
        for action in self.actions():
            action.setEnabled(enabled)
        self.menuBar().setEnabled(enabled)
        if enabled:
            self._apply_role()
            self._form_state_changed()

    def _apply_role(self) -> None:
        """Hide what the signed-in role may not use (the services refuse it regardless)."""
        self.void_action.setVisible(self.ctx.may(Permission.VOID_TICKET))
        self.ticket_menu.menuAction().setVisible(self.ctx.may(Permission.VOID_TICKET))
        self.form.update_privacy_controls()

    def offer_saved_draft(self) -> None:
        """After a crash: offer what was being typed when the program last stopped."""
        store = self.ctx.drafts
        if store is None:
            return
        code = self.ctx.actor().code
        saved = store.load(code)
        if saved is None:
            return
        title = _("ticket {number}").format(number=saved.ticket_id) if saved.ticket_id else _("a new call")
        if self.ctx.messages.confirm(self, _("Unsaved draft found"), _(
            "When the program last stopped, {what} had entries that were not saved. Restore them into the form?"
        ).format(what=title)):
            try:
                self.form.restore_draft(saved.draft, saved.ticket_id)
            except ServiceError as exc:
                self.form.restore_draft(saved.draft, None)
                self.statusBar().showMessage(str(exc), 8000)
        else:
            store.discard(code)
