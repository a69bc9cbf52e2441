"""The detail form: every SPEC §1 field, validated as the agent types, saved with Ctrl+S."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.drafts import DraftStore
from desktop.i18n import _, format_datetime, format_duration
from desktop.rules import choices as lists
from desktop.rules.choices import customer_type_label
from desktop.rules.field_labels import field_label
from desktop.rules.ticket_draft import TicketDraft
from desktop.rules.ticket_validation import ValidationReport, validate_ticket
from desktop.services.clock import Clock
from desktop.services.customers import CustomerService
from desktop.services.dto import Actor, ChoiceOption, CustomerHistory, DepartmentOption, TicketDetail
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.services.tickets import TicketService
from desktop.ui.messages import Messages, not_saved_title
from desktop.ui.widgets import (
    DATETIME_FORMAT,
    ChoiceCombo,
    DepartmentCombo,
    FieldMessage,
    OptionalDateTime,
    PhoneEdit,
    from_qdatetime,
    to_qdatetime,
)


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


class TicketForm(QWidget):
    saved = Signal(int)
    history_changed = Signal(object)  # CustomerHistory | None
    timeline_changed = Signal(object)  # TicketDetail | None
    state_changed = Signal()

    DRAFT_DELAY_MS = 800

    def __init__(self, services: FormServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._ticket: TicketDetail | None = None
        self._loaded = TicketDraft()
        self._started: datetime | None = None
        self._touched: set[str] = set()
        self._show_all_errors = False
        self._report = ValidationReport()
        self._loading = False
        self._fields: dict[str, QWidget] = {}
        self._messages: dict[str, FieldMessage] = {}

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

        self._build()
        self.start_new_call(start_timer=False)

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        options = self._services.options
        self.number_label = QLabel(self)
        font = QFont(self.number_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.number_label.setFont(font)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.timer_label = QLabel(self)
        self.timer_label.setToolTip(_("Call duration"))
        self.customer_type_label = QLabel(self)
        header = QHBoxLayout()
        header.addWidget(self.number_label)
        header.addStretch(1)
        header.addWidget(self.customer_type_label)
        header.addSpacing(12)
        header.addWidget(self.timer_label)

        not_set = _("(not set)")
        self.channel = ChoiceCombo(options.get(lists.CHANNEL, []))
        self.call_started = QDateTimeEdit()
        self.call_started.setDisplayFormat(DATETIME_FORMAT)
        self.call_started.setCalendarPopup(True)
        self.phone = PhoneEdit()
        self.phone.setPlaceholderText(_("e.g. 139 1234 5678 or 010-12345678"))
        self.reveal_button = QToolButton()
        self.reveal_button.setText(_("Show"))
        self.reveal_button.setToolTip(_("Show the full number of this ticket (recorded in the audit log)"))
        self.reveal_button.clicked.connect(self.reveal_phone)
        self.copy_button = QToolButton()
        self.copy_button.setText(_("Copy"))
        self.copy_button.setToolTip(_("Copy the full number to the clipboard (recorded in the audit log)"))
        self.copy_button.clicked.connect(self.copy_phone)
        phone_row = QWidget()
        phone_layout = QHBoxLayout(phone_row)
        phone_layout.setContentsMargins(0, 0, 0, 0)
        phone_layout.addWidget(self.phone, 1)
        phone_layout.addWidget(self.reveal_button)
        phone_layout.addWidget(self.copy_button)
        self._revealed = ""
        self.identity_method = ChoiceCombo(options.get(lists.IDENTITY_METHOD, []), blank=_("(not checked)"))
        self.identity_note = QLineEdit()
        self.identity_note.setPlaceholderText(_("How the caller proved who they are"))
        self.void_banner = QLabel(self)
        self.void_banner.setWordWrap(True)
        self.void_banner.hide()
        self.customer_name = QLineEdit()
        self.customer_name.setPlaceholderText(_("Surname and title as given, e.g. 王先生"))
        self.account_type = ChoiceCombo(options.get(lists.ACCOUNT_TYPE, []))
        self.issue_type = ChoiceCombo(options.get(lists.ISSUE_TYPE, []))
        self.business_module = ChoiceCombo(options.get(lists.BUSINESS_MODULE, []), blank=not_set)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(_("What the customer reports, objectively: what, when, which product"))
        self.order_number = QLineEdit()
        self.order_number.setPlaceholderText(_("Confirm digit by digit"))
        self.product = QLineEdit()
        self.emotion = ChoiceCombo(options.get(lists.EMOTION, []))
        self.priority = ChoiceCombo(options.get(lists.PRIORITY, []))
        self.department = DepartmentCombo(self._services.departments, not_set)
        self.handler = QLineEdit()
        self.follow_up_owner = QLineEdit()
        self.status = ChoiceCombo(options.get(lists.STATUS, []))
        self.solution = QPlainTextEdit()
        self.solution.setTabChangesFocus(True)
        self.process_note = QLineEdit()
        self.process_note.setPlaceholderText(_("e.g. 10:30 contacted the customer for the serial number"))
        self.promised = OptionalDateTime(_("Promised"))
        self.satisfaction = ChoiceCombo(options.get(lists.SATISFACTION, []), blank=not_set)
        self.satisfaction_reason = QLineEdit()
        self.score = QSpinBox()
        self.score.setRange(0, 5)
        self.score.setSpecialValueText(not_set)
        self.callback = OptionalDateTime(_("Called back"))
        self.callback_result = QLineEdit()
        self.remark = QPlainTextEdit()
        self.remark.setTabChangesFocus(True)
        for editor in (self.description, self.solution, self.remark):
            editor.setMinimumHeight(60)
            editor.setMaximumHeight(110)

        call = self._section(_("Call"), [
            ("phone", self.phone), ("customer_name", self.customer_name), ("channel", self.channel),
            ("call_started_at", self.call_started), ("account_type", self.account_type),
            ("identity_method", self.identity_method), ("identity_note", self.identity_note),
        ], holders={"phone": phone_row})
        problem = self._section(_("Problem"), [
            ("issue_type", self.issue_type), ("business_module", self.business_module),
            ("description", self.description), ("order_number", self.order_number), ("product", self.product),
            ("emotion", self.emotion), ("priority", self.priority),
        ])
        handling = self._section(_("Handling"), [
            ("department_id", self.department), ("handler", self.handler),
            ("follow_up_owner", self.follow_up_owner), ("status", self.status), ("solution", self.solution),
            ("process_note", self.process_note), ("promised_feedback_at", self.promised),
        ])
        result = self._section(_("Result and callback"), [
            ("satisfaction", self.satisfaction), ("satisfaction_reason", self.satisfaction_reason),
            ("satisfaction_score", self.score), ("callback_at", self.callback),
            ("callback_result", self.callback_result), ("remark", self.remark),
        ])

        body = QWidget()
        body_layout = QVBoxLayout(body)
        for section in (call, problem, handling, result):
            body_layout.addWidget(section)
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.save_reason = QLabel(self)
        self.save_reason.setWordWrap(True)
        self.save_button = QPushButton(_("Save"), self)
        self.save_button.setToolTip(_("Save the ticket (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        footer = QHBoxLayout()
        footer.addWidget(self.save_reason, 1)
        footer.addWidget(self.save_button)

        self._body = body
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.void_banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)

        self.phone.number_changed.connect(self._phone_changed)
        self.satisfaction.currentIndexChanged.connect(self._update_reason_enabled)

    def _section(self, title: str, rows: list[tuple[str, QWidget]],
                 holders: dict[str, QWidget] | None = None) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, widget in rows:
            holder = QWidget(box)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget((holders or {}).get(name, widget))
            message = FieldMessage(holder)
            column.addWidget(message)
            label = QLabel(field_label(name), box)
            label.setBuddy(widget)
            form.addRow(label, holder)
            widget.setAccessibleName(field_label(name))
            self._fields[name] = widget
            self._messages[name] = message
            self._connect_change(name, widget)
        return box

    def _connect_change(self, name: str, widget: QWidget) -> None:
        def changed(*_args: object) -> None:
            if not self._loading:
                self._touched.add(name)
                self._revalidate()
                self._draft_timer.start()

        if isinstance(widget, PhoneEdit):
            widget.number_changed.connect(changed)
        elif isinstance(widget, QLineEdit):
            widget.textChanged.connect(changed)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(changed)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(changed)
        elif isinstance(widget, QDateTimeEdit):
            widget.dateTimeChanged.connect(changed)
        elif isinstance(widget, OptionalDateTime):
            widget.changed.connect(changed)
        else:  # combo boxes
            widget.currentIndexChanged.connect(changed)  # type: ignore[attr-defined]

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

    def draft(self) -> TicketDraft:
        return TicketDraft(
            channel=self.channel.code() or "",
            call_started_at=self._call_started(),
            call_ended_at=self._loaded.call_ended_at,
            phone=self._phone_for_draft(),
            customer_name=self.customer_name.text().strip(),
            account_type=self.account_type.code() or "",
            issue_type=self.issue_type.code() or "",
            business_module=self.business_module.code(),
            description=self.description.toPlainText().strip(),
            order_number=self.order_number.text().strip(),
            product=self.product.text().strip(),
            emotion=self.emotion.code() or "",
            priority=self.priority.code() or "",
            department_id=self.department.department_id(),
            handler=self.handler.text().strip(),
            follow_up_owner=self.follow_up_owner.text().strip(),
            status=self.status.code() or "",
            solution=self.solution.toPlainText().strip(),
            promised_feedback_at=self.promised.value(),
            satisfaction=self.satisfaction.code(),
            satisfaction_reason=self.satisfaction_reason.text().strip(),
            satisfaction_score=self.score.value() or None,
            callback_at=self.callback.value(),
            callback_result=self.callback_result.text().strip(),
            remark=self.remark.toPlainText().strip(),
            identity_method=self.identity_method.code(),
            identity_note=self.identity_note.text().strip(),
            process_note=self.process_note.text().strip(),
        )

    def _phone_for_draft(self) -> str:
        number = self.phone.number().strip()
        if self._ticket is not None and self._revealed and number == self._revealed:
            return self._ticket.draft.phone  # the revealed number is the stored one: unchanged
        return number

    def _call_started(self) -> datetime:
        """The exact start of the call, unless the agent changed the shown (minute) value."""
        if self.call_started.dateTime() == self._shown_start:
            return self._exact_start
        return from_qdatetime(self.call_started.dateTime())

    def _fill(self, draft: TicketDraft) -> None:
        self._loading = True
        try:
            now = self._services.clock()
            self.channel.set_code(draft.channel)
            self._exact_start = draft.call_started_at or now
            self.call_started.setDateTime(to_qdatetime(self._exact_start))
            self._shown_start = self.call_started.dateTime()
            self._revealed = ""
            self.phone.set_number(draft.phone)
            self.customer_name.setText(draft.customer_name)
            self.account_type.set_code(draft.account_type)
            self.issue_type.set_code(draft.issue_type)
            self.business_module.set_code(draft.business_module)
            self.description.setPlainText(draft.description)
            self.order_number.setText(draft.order_number)
            self.product.setText(draft.product)
            self.emotion.set_code(draft.emotion)
            self.priority.set_code(draft.priority)
            self.department.set_department_id(draft.department_id)
            self.handler.setText(draft.handler)
            self.follow_up_owner.setText(draft.follow_up_owner)
            self.status.set_code(draft.status)
            self.solution.setPlainText(draft.solution)
            self.process_note.setText(draft.process_note)
            self.promised.set_value(draft.promised_feedback_at, default=now)
            self.satisfaction.set_code(draft.satisfaction)
            self.satisfaction_reason.setText(draft.satisfaction_reason)
            self.score.setValue(draft.satisfaction_score or 0)
            self.callback.set_value(draft.callback_at, default=now)
            self.callback_result.setText(draft.callback_result)
            self.remark.setPlainText(draft.remark)
            self.identity_method.set_code(draft.identity_method)
            self.identity_note.setText(draft.identity_note)
        finally:
            self._loading = False
        self._update_reason_enabled()

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
        if self.is_dirty():
            store.save(code, self.ticket_id, self.draft())
        else:
            store.discard(code)

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
        allowed = {key: {o.code for o in options} for key, options in self._services.options.items()}
        self._report = validate_ticket(self.draft(), now=self._services.clock(), original=original, choices=allowed,
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

    def _update_reason_enabled(self, *_args: object) -> None:
        self.satisfaction_reason.setEnabled(self.satisfaction.code() == "unsatisfied")

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

