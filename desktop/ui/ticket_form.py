"""The detail form: every SPEC §1 field, validated as the agent types, saved with Ctrl+S."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from desktop.drafts import DraftStore
from desktop.i18n import _, format_datetime, format_duration
from desktop.rules import choices as lists
from desktop.rules.choices import customer_type_label
from desktop.rules.deadlines import is_overdue, is_stale
from desktop.rules.status_machine import ESCALATE, is_open, status_label
from desktop.rules.ticket_draft import TicketDraft
from desktop.rules.ticket_validation import ValidationReport, validate_ticket
from desktop.services.clock import Clock
from desktop.services.customers import CustomerService
from desktop.services.dto import Actor, ChoiceOption, CustomerHistory, DepartmentOption, Lifecycle, TicketDetail
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.services.tickets import TicketService
from desktop.services.transitions import LifecycleService
from desktop.ui.messages import Messages, not_saved_title
from desktop.ui.move_dialog import ROUTE, MoveDialog
from desktop.ui.ticket_form_fields import TicketFormFields


@dataclass
class FormServices:
    tickets: TicketService
    customers: CustomerService
    options: dict[str, list[ChoiceOption]]
    departments: list[DepartmentOption]
    actor: Callable[[], Actor]
    clock: Clock
    messages: Messages
    drafts: DraftStore | None = None
    sensitive_modules: Callable[[], Collection[str]] = lambda: ()
    may_reveal: Callable[[], bool] = lambda: False
    lifecycle: LifecycleService | None = None
    handlers: Callable[[], dict[str, list[str]]] = lambda: {}  # department id → handlers offered


def _run_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


class TicketForm(TicketFormFields):
    saved = Signal(int)
    history_changed = Signal(object)  # CustomerHistory | None
    timeline_changed = Signal(object)  # TicketDetail | None
    state_changed = Signal()
    draft_failed = Signal(str)

    DRAFT_DELAY_MS = 800

    def __init__(self, services: FormServices, parent: QWidget | None = None) -> None:
        self._services = services
        # The codes each list allows, built once: validation runs on every keystroke.
        self._allowed = {key: {o.code for o in options} for key, options in services.options.items()}
        super().__init__(services.options, services.departments, parent)
        self._loaded = TicketDraft()
        self._started: datetime | None = None
        self._touched: set[str] = set()
        self._show_all_errors = False
        self._report = ValidationReport()

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._history_timer = QTimer(self)
        self._history_timer.setSingleShot(True)
        self._history_timer.setInterval(250)
        self._history_timer.timeout.connect(self._look_up_customer)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(self.DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.store_draft)
        self.phone.number_changed.connect(self._phone_changed)
        self.satisfaction.currentIndexChanged.connect(self._update_reason_enabled)
        self.reveal_button.clicked.connect(self.reveal_phone)
        self.copy_button.clicked.connect(self.copy_phone)
        self.save_button.clicked.connect(self.save)
        # How a move's dialog is run: tests replace it to fill the dialog in instead of exec().
        self.ask_move: Callable[[MoveDialog], bool] = _run_dialog
        self.move_menu = QMenu(_("Move to"), self)
        self.move_button.setMenu(self.move_menu)
        self.route_button.clicked.connect(lambda: self.move_to(ROUTE))
        self._due_timer = QTimer(self)
        self._due_timer.setInterval(30_000)
        self._due_timer.timeout.connect(self._refresh_due)  # the time left; the moves menu stays as it is
        self._due_timer.start()
        self.start_new_call(start_timer=False)

    def _field_changed(self, name: str) -> None:
        self._touched.add(name)
        self._revalidate()
        self._draft_timer.start()

    def _now(self) -> datetime:
        return self._services.clock()

    # --- state -------------------------------------------------------------------------

    @property
    def ticket_id(self) -> int | None:
        return self._ticket.id if self._ticket else None

    @property
    def ticket(self) -> TicketDetail | None:
        return self._ticket

    @property
    def report(self) -> ValidationReport:
        return self._report

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def message(self, name: str) -> str:
        return self._messages[name].text()

    def elapsed_seconds(self) -> float | None:
        """How long the call being logged has lasted; None when no call timer runs."""
        if self._started is None:
            return None
        return (self._services.clock() - self._started).total_seconds()

    def title(self) -> str:
        return self._ticket.number if self._ticket else _("New call")

    def is_dirty(self) -> bool:
        draft = self.draft()
        return draft != self._loaded or bool(draft.process_note)

    # --- actions -----------------------------------------------------------------------

    def start_new_call(self, *, start_timer: bool = True) -> None:
        """Empty form for the call that is ringing; the call timer starts now."""
        now = self._services.clock()
        self._ticket = None
        self._show_void(None)
        self._started = now if start_timer else None
        self._loaded = TicketDraft(call_started_at=now)
        self._touched.clear()
        self._show_all_errors = False
        self._fill(self._loaded)
        self._loaded = replace(self.draft(), process_note="")
        if start_timer:
            self._timer.start()
        else:
            self._timer.stop()
        self._tick()
        self.customer_type_label.clear()
        self._show_lifecycle()
        self.history_changed.emit(None)
        self.timeline_changed.emit(None)
        self._revalidate()
        self.phone.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def restore_draft(self, draft: TicketDraft, ticket_id: int | None = None) -> None:
        """Put back what was being typed (after a language switch or a crash)."""
        if ticket_id is not None:
            self.open_ticket(ticket_id)
        else:
            self.start_new_call(start_timer=draft.call_started_at is not None)
        self._fill(draft)
        self._touched.update(self._fields)
        self._revalidate()

    def open_ticket(self, ticket_id: int) -> None:
        detail = self._services.tickets.get(ticket_id)
        self._show(detail)

    def _show(self, detail: TicketDetail) -> None:
        self._timer.stop()
        self._started = None
        self._ticket = detail
        self._touched.clear()
        self._show_all_errors = False
        self._fill(detail.draft)
        self._loaded = replace(self.draft(), process_note="")
        self.customer_type_label.setText(customer_type_label(detail.customer_type))
        self._show_void(detail)
        self._show_lifecycle()
        self._tick()
        self._revalidate()
        self.timeline_changed.emit(detail)
        self._look_up_customer()

    def _show_void(self, detail: TicketDetail | None) -> None:
        void = detail is not None and detail.voided_at is not None
        if void and detail is not None:
            self.void_banner.setText(_("Void since {time} ({agent}): {reason}").format(
                time=format_datetime(detail.voided_at), agent=detail.voided_by or "", reason=detail.void_reason or ""))
        self.void_banner.setVisible(void)
        self._body.setEnabled(not void)
        self.update_privacy_controls()

    def update_privacy_controls(self) -> None:
        """The reveal and copy buttons: for roles that may see full numbers, on a saved ticket."""
        visible = self._ticket is not None and self._services.may_reveal()
        self.reveal_button.setVisible(visible and not self._revealed)
        self.copy_button.setVisible(visible)

    def reveal_phone(self) -> None:
        if self._ticket is None:
            return
        try:
            number = self._services.tickets.reveal_phone(self._ticket.id, self._services.actor())
        except ServiceError as exc:
            self._services.messages.error(self, _("Number not shown"), str(exc))
            return
        self._revealed = number
        self.phone.reveal(number)
        self.update_privacy_controls()

    def copy_phone(self) -> None:
        if self._ticket is None:
            return
        try:
            number = self._services.tickets.reveal_phone(self._ticket.id, self._services.actor(), copied=True)
        except ServiceError as exc:
            self._services.messages.error(self, _("Number not copied"), str(exc))
            return
        QGuiApplication.clipboard().setText(number)

    def move_to(self, target: str) -> bool:
        """Route the saved ticket (``ROUTE``) or move it to status ``target``, asking what that state needs.

        Unsaved edits are saved first; a refused save or move keeps everything typed.
        """
        lifecycle = self._services.lifecycle
        if self._ticket is None or lifecycle is None or self._ticket.voided_at is not None:
            return False
        if self.is_dirty() and not self.save():
            return False
        ticket = self._ticket
        dialog = MoveDialog(ticket, target, self._now(), self._services.departments,
                            self._services.options.get(lists.SATISFACTION, []), self,
                            handlers=self._services.handlers())
        if not self.ask_move(dialog):
            return False
        actor = self._services.actor()
        try:
            if target == ROUTE:
                values = dialog.values()
                detail = lifecycle.route(ticket.id, int(values["department_id"] or 0), str(values["handler"] or ""),
                                         ticket.version, actor)
            elif target == ESCALATE:
                move = dialog.move()
                detail = lifecycle.escalate(ticket.id, move.escalated_to or "", move.final_position or "",
                                            ticket.version, actor, note=move.note)
            else:
                detail = lifecycle.move(ticket.id, dialog.move(), ticket.version, actor)
        except ServiceError as exc:
            self._services.messages.error(self, _("Progress not changed"), str(exc))
            return False
        self._show(detail)
        self.saved.emit(detail.id)
        return True

    def _show_lifecycle(self) -> None:
        """The deadline line and the moves menu of the saved ticket (hidden for a new call)."""
        detail = self._ticket
        life = detail.lifecycle if detail is not None else None
        self._lifecycle_row.setVisible(life is not None)
        if detail is None or life is None:
            return
        self._refresh_due()
        self.move_menu.clear()
        moves = life.allowed_moves if detail.voided_at is None else ()
        for code in moves:
            action = self.move_menu.addAction(status_label(code))
            action.setData(code)
            action.triggered.connect(lambda _checked=False, code=code: self.move_to(code))
        self.move_button.setEnabled(bool(moves))
        self.route_button.setEnabled(detail.voided_at is None and life.status != "closed")

    def _refresh_due(self) -> None:
        life = self._ticket.lifecycle if self._ticket is not None else None
        if life is not None:
            self.due_label.setText(due_text(life, self._now()))

    def save(self) -> bool:
        """Save the form; on any refusal the typed values stay where they are."""
        self._show_all_errors = True
        self._revalidate()
        if not self._report.ok:
            first = next(iter(self._report.errors))
            self._fields[first].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.store_draft()  # on disk before the database is touched: a failure loses nothing
        draft = self.draft()
        actor = self._services.actor()
        try:
            if self._ticket is None:
                draft.call_ended_at = self._services.clock() if self._started else draft.call_started_at
                detail = self._services.tickets.create(draft, actor)
            else:
                detail = self._services.tickets.update(self._ticket.id, draft, self._ticket.version, actor)
        except ValidationFailed as exc:
            self._report = exc.report
            self._show_messages()
            return False
        except ServiceError as exc:
            self._services.messages.error(self, not_saved_title(), str(exc))
            return False
        self._show(detail)
        self.discard_draft()
        self.saved.emit(detail.id)
        return True

    # --- the autosaved draft ---------------------------------------------------------------

    def store_draft(self) -> None:
        self._draft_timer.stop()
        store = self._services.drafts
        if store is None:
            return
        code = self._services.actor().code
        if not self.is_dirty():
            store.discard(code)
        elif not store.save(code, self.ticket_id, self.draft()):
            self.draft_failed.emit(_("The draft could not be written to disk (is it full?). What you typed is still "
                                     "in the form: save the ticket, or free some disk space."))

    def discard_draft(self) -> None:
        self._draft_timer.stop()
        if self._services.drafts is not None:
            self._services.drafts.discard(self._services.actor().code)

    # --- validation and live look-ups ----------------------------------------------------

    def revalidate(self) -> None:
        """Check the form again (after the centre's rules changed)."""
        self._revalidate()

    def _revalidate(self) -> None:
        original = self._ticket.draft if self._ticket else None
        self._report = validate_ticket(self.draft(), now=self._services.clock(), original=original,
                                       choices=self._allowed,
                                       sensitive_modules=self._services.sensitive_modules())
        if self._ticket is not None and self._ticket.voided_at is not None:
            self._report = ValidationReport(errors={"status": _("A void ticket cannot be changed.")})
        self._show_messages()

    def _show_messages(self) -> None:
        for name, message in self._messages.items():
            error = self._report.errors.get(name)
            if error and (self._show_all_errors or name in self._touched):
                message.show_message(error, error=True)
            else:
                message.show_message(self._report.warnings.get(name), error=False)
        ok = self._report.ok
        self.save_button.setEnabled(ok)
        self.save_reason.setText("" if ok else self._report.summary())
        self.save_button.setToolTip(_("Save the ticket (Ctrl+S)") if ok else self._report.summary())
        self.state_changed.emit()

    def _phone_changed(self, _text: str) -> None:
        if not self._loading:
            self._history_timer.start()

    def _look_up_customer(self) -> None:
        try:
            if self._ticket is not None and self._phone_for_draft() == self._ticket.draft.phone:
                history: CustomerHistory | None = self._services.customers.history_of_ticket(self._ticket.id)
            else:
                history = self._services.customers.history(self.phone.number(), exclude_ticket=self.ticket_id)
        except ServiceError:
            history = None  # the look-up is a help, never a reason to stop typing
        if self._ticket is None:
            self.customer_type_label.setText(customer_type_label(history.customer_type) if history else "")
        self.history_changed.emit(history)

    def _tick(self) -> None:
        elapsed = self.elapsed_seconds()
        if elapsed is not None:
            self.timer_label.setText(_("In call {duration}").format(duration=format_duration(elapsed)))
        elif self._ticket is not None and self._ticket.handle_seconds is not None:
            self.timer_label.setText(_("Handle time {duration}").format(
                duration=format_duration(self._ticket.handle_seconds)))
        else:
            self.timer_label.clear()
        self.number_label.setText(self.title())


def due_text(life: Lifecycle, now: datetime) -> str:
    """“Response due 10:15 (2 h 5 min left)”, or how long overdue; with the stale flag and the round."""
    parts = [status_label(life.status)]
    open_ = is_open(life.status)
    if life.response_due_at is not None and is_overdue(open_, life.response_due_at, now):
        parts.append("⚠ " + _("Overdue since {time} ({duration})").format(
            time=format_datetime(life.response_due_at),
            duration=format_duration((now - life.response_due_at).total_seconds())))
    elif life.response_due_at is not None and open_:
        parts.append(_("Response due {time} ({duration} left)").format(
            time=format_datetime(life.response_due_at),
            duration=format_duration(max(0.0, (life.response_due_at - now).total_seconds()))))
    elif life.responded_at is not None:
        parts.append(_("Answered {time}").format(time=format_datetime(life.responded_at)))
    if is_stale(open_, life.last_progress_at, now):
        parts.append(_("No progress for 6 hours"))
    if life.handler:
        parts.append(_("Handler: {name}").format(name=life.handler))
    if life.handling_round > 1:
        parts.append(_("Round {n}").format(n=life.handling_round))
    return " · ".join(parts)
