"""The visit form (回访记录): the scripted questions' six scores, the recommendation score, resolved or not,
the customer's words and the agreed follow-up action. Problems show under each field as it is typed;
a refused save keeps the dialog open with everything typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop.i18n import _, format_datetime
from desktop.rules import visits as rules
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.services.visits import RecordRefused, VisitDetail, VisitService
from desktop.ui.settings_dialog import ValidatedDialog
from desktop.ui.widgets import DATETIME_FORMAT, from_qdatetime, to_qdatetime


def _number(text: str) -> tuple[int | None, bool]:
    """(value, well formed): blank is (None, True); "4" is (4, True); "4x" is (None, False)."""
    stripped = text.strip()
    if not stripped:
        return None, True
    try:
        return int(stripped), True
    except ValueError:
        return None, False


class VisitDialog(ValidatedDialog):
    def __init__(self, visit: VisitDetail, service: VisitService, actor: Callable[[], Actor],
                 clock: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visit, self._service, self._actor, self._clock = visit, service, actor, clock
        self.saved: VisitDetail | None = None
        row = visit.row
        self.setWindowTitle(_("Follow-up visit {number}").format(number=row.number))
        self.heading = QLabel(_("{kind} · {customer} · due {start} – {end}").format(
            kind=rules.kind_label(row.kind), customer=row.customer, start=format_datetime(row.due_from),
            end=format_datetime(row.due_until)), self)
        self.heading.setWordWrap(True)
        self.form.addRow(self.heading)
        self.status = QComboBox(self)
        self.status.addItem(_("Made: the customer was reached"), rules.DONE)
        self.status.addItem(_("Skipped: not reached or declined"), rules.SKIPPED)
        self.add_row("status", _("Visit"), self.status)
        self.visited_at = QDateTimeEdit(to_qdatetime(clock()), self)
        self.visited_at.setDisplayFormat(DATETIME_FORMAT)
        self.visited_at.setCalendarPopup(True)
        self.add_row("visited_at", _("Visited at"), self.visited_at)
        self.scores: dict[str, QLineEdit] = {}
        for name, label in rules.DIMENSIONS.items():
            edit = QLineEdit(self)
            edit.setMaxLength(3)
            edit.setPlaceholderText(_("1–5"))
            edit.setAccessibleName(_(label))
            self.scores[name] = edit
            self.add_row(name, _(label), edit)
        self.recommendation = QLineEdit(self)
        self.recommendation.setMaxLength(3)
        self.recommendation.setPlaceholderText(_("0–10"))
        self.add_row("recommendation", _("Would recommend us (0–10)"), self.recommendation)
        self.resolved = QComboBox(self)
        self.resolved.addItem(_("— choose —"), None)
        self.resolved.addItem(_("Yes, resolved"), True)
        self.resolved.addItem(_("No, not resolved"), False)
        self.add_row("resolved", _("Problem resolved"), self.resolved)
        self.words = QPlainTextEdit(self)
        self.words.setPlaceholderText(_("The customer's own words"))
        self.words.setFixedHeight(70)
        self.add_row("customer_words", _("Customer's words"), self.words)
        self.follow_up = QPlainTextEdit(self)
        self.follow_up.setPlaceholderText(_("What was agreed with the customer, by whom and when"))
        self.follow_up.setFixedHeight(60)
        self.add_row("follow_up_action", _("Agreed follow-up action"), self.follow_up)
        self.save_problem = QLabel(self)
        self.save_problem.setWordWrap(True)
        self.save_problem.hide()
        self.form.addRow(self.save_problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Save visit"))
        for edit in [*self.scores.values(), self.recommendation]:
            edit.textChanged.connect(self._check)
        for combo in (self.status, self.resolved):
            combo.currentIndexChanged.connect(self._check)
        for text in (self.words, self.follow_up):
            text.textChanged.connect(self._check)
        self.visited_at.dateTimeChanged.connect(self._check)
        self._check()

    def record(self) -> tuple[rules.VisitRecord, dict[str, str]]:
        """What the form holds, and the problems of numbers that are not numbers."""
        problems: dict[str, str] = {}
        scores: dict[str, int | None] = {}
        for name, edit in self.scores.items():
            value, ok = _number(edit.text())
            scores[name] = value
            if not ok:
                problems[name] = _("Type a whole number from {low} to {high}.").format(
                    low=rules.SCORE_MIN, high=rules.SCORE_MAX)
        recommendation, ok = _number(self.recommendation.text())
        if not ok:
            problems["recommendation"] = _("Type a whole number from {low} to {high}.").format(
                low=rules.RECOMMEND_MIN, high=rules.RECOMMEND_MAX)
        record = rules.VisitRecord(
            visited_at=from_qdatetime(self.visited_at.dateTime()), status=str(self.status.currentData()),
            scores=scores, recommendation=recommendation, resolved=self.resolved.currentData(),
            customer_words=self.words.toPlainText(), follow_up_action=self.follow_up.toPlainText())
        return record, problems

    def _check(self) -> None:
        record, problems = self.record()
        done = record.status == rules.DONE
        for name in [*rules.DIMENSIONS, "recommendation", "resolved"]:
            self.messages[name].parentWidget().setEnabled(done)
        report = rules.validate_record(record, self._clock())
        self.show_problems({**report.errors, **problems})

    def accept(self) -> None:
        record, problems = self.record()
        if problems:
            self.show_problems(problems)
            return
        try:
            self.saved = self._service.record(self._actor(), self._visit.row.id, record)
        except RecordRefused as exc:
            self.show_problems(exc.errors)
            return
        except ServiceError as exc:  # the form stays open with everything typed
            self.save_problem.setText(str(exc))
            self.save_problem.show()
            return
        super().accept()
