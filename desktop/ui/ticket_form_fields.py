"""The detail form's fields: the widgets of every SPEC §1 field, laid out in sections,
and the conversion between them and a TicketDraft. Behaviour lives in ticket_form.py."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
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

from desktop.i18n import _
from desktop.rules import choices as lists
from desktop.rules.field_labels import field_label
from desktop.rules.ticket_draft import TicketDraft
from desktop.services.dto import ChoiceOption, DepartmentOption, TicketDetail
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


class TicketFormFields(QWidget):
    """The widgets; ``_field_changed(name)`` is called on every edit the agent makes."""

    def __init__(self, options: dict[str, list[ChoiceOption]], departments: list[DepartmentOption],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ticket: TicketDetail | None = None
        self._loading = False
        self._revealed = ""
        self._fields: dict[str, QWidget] = {}
        self._messages: dict[str, FieldMessage] = {}
        self._options = options
        self._departments = departments
        self._build()

    def _field_changed(self, name: str) -> None:
        """Overridden by the form: react to an edit of field ``name``."""

    def _now(self) -> datetime:
        raise NotImplementedError

    # --- building ----------------------------------------------------------------------

    def _build(self) -> None:
        options = self._options
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
        self.copy_button = QToolButton()
        self.copy_button.setText(_("Copy"))
        self.copy_button.setToolTip(_("Copy the full number to the clipboard (recorded in the audit log)"))
        phone_row = QWidget()
        phone_layout = QHBoxLayout(phone_row)
        phone_layout.setContentsMargins(0, 0, 0, 0)
        phone_layout.addWidget(self.phone, 1)
        phone_layout.addWidget(self.reveal_button)
        phone_layout.addWidget(self.copy_button)
        self.identity_method = ChoiceCombo(options.get(lists.IDENTITY_METHOD, []), blank=_("(not checked)"))
        self.identity_note = QLineEdit()
        self.identity_note.setPlaceholderText(_("How the caller proved who they are"))
        self.void_banner = QLabel(self)
        self.void_banner.setWordWrap(True)
        self.void_banner.hide()
        # Where a saved ticket stands: its deadline and time left, and the moves it may make.
        self.due_label = QLabel(self)
        self.due_label.setWordWrap(True)
        self.due_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.move_button = QToolButton(self)
        self.move_button.setText(_("Move to"))
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_button.setToolTip(_("Change the progress: only the moves allowed from here are listed (Ctrl+M)"))
        self.route_button = QToolButton(self)
        self.route_button.setText(_("Route…"))
        self.route_button.setToolTip(_("Give the ticket to a department and a handler (Ctrl+R)"))
        # The work order of the saved ticket (wired by desktop/ui/print_wiring.py).
        self.print_button = QToolButton(self)
        self.print_button.setText(_("Print…"))
        lifecycle_row = QHBoxLayout()
        lifecycle_row.addWidget(self.due_label, 1)
        lifecycle_row.addWidget(self.route_button)
        lifecycle_row.addWidget(self.move_button)
        lifecycle_row.addWidget(self.print_button)
        self._lifecycle_row = QWidget(self)
        self._lifecycle_row.setLayout(lifecycle_row)
        lifecycle_row.setContentsMargins(0, 0, 0, 0)
        self._lifecycle_row.hide()
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
        self.department = DepartmentCombo(self._departments, not_set)
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
        # Fields never clip: a dock made narrower than the form scrolls sideways instead.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        self.save_reason = QLabel(self)
        self.save_reason.setWordWrap(True)
        self.save_button = QPushButton(_("Save"), self)
        self.save_button.setToolTip(_("Save the ticket (Ctrl+S)"))
        footer = QHBoxLayout()
        footer.addWidget(self.save_reason, 1)
        footer.addWidget(self.save_button)

        self._body = body
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.void_banner)
        layout.addWidget(self._lifecycle_row)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)


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
                self._field_changed(name)

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
            now = self._now()
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

    def _update_reason_enabled(self, *_args: object) -> None:
        self.satisfaction_reason.setEnabled(self.satisfaction.code() == "unsatisfied")
