"""Editing one quick phrase, FAQ entry or problem guide: checked as typed, saved through its service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES, _
from desktop.rules.aids_validation import (
    CATEGORIES,
    MAX_MINUTES,
    AidReport,
    aid_field_label,
    category_label,
    validate_faq,
    validate_guide,
    validate_phrase,
)
from desktop.rules.placeholders import describe_placeholders, fill
from desktop.services.aids_dto import FaqInput, GuideInput, GuideRow, PhraseInput, PhraseRow
from desktop.services.dto import ChoiceOption
from desktop.services.errors import ServiceError, ValidationFailed
from desktop.ui.messages import Messages, not_saved_title
from desktop.ui.widgets import ChoiceCombo, FieldMessage

Save = Callable[[Any], object]  # the service call; raises ValidationFailed or ServiceError


class _AidDialog(QDialog):
    """Fields with an inline message each; OK saves through ``save`` and stays open on a refusal."""

    def __init__(self, title: str, save: Save, messages: Messages, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._save = save
        self._messages = messages
        self._fields: dict[str, QWidget] = {}
        self._field_messages: dict[str, FieldMessage] = {}
        self._touched: set[str] = set()
        self.saved: object = None
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def add_field(self, key: str, widget: QWidget) -> None:
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = FieldMessage(holder)
        column.addWidget(message)
        label = QLabel(aid_field_label(key), self)
        label.setBuddy(widget)
        widget.setAccessibleName(aid_field_label(key))
        self.form.addRow(label, holder)
        self._fields[key] = widget
        self._field_messages[key] = message
        for signal in ("textChanged", "currentIndexChanged", "valueChanged"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(lambda *_args, name=key: self._changed(name))
                break

    def _changed(self, key: str) -> None:
        self._touched.add(key)
        self.check()

    def report(self) -> AidReport:
        raise NotImplementedError

    def value(self) -> object:
        raise NotImplementedError

    def check(self) -> AidReport:
        report = self.report()
        self.show_report(report)
        return report

    def show_report(self, report: AidReport, *, everything: bool = False) -> None:
        """Messages beside the fields changed so far (all of them after a refused save)."""
        for key, message in self._field_messages.items():
            shown = everything or key in self._touched
            message.show_message(report.errors.get(key) if shown else None, error=True)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(report.ok)

    def message(self, key: str) -> str:
        return self._field_messages[key].text()

    def accept(self) -> None:
        report = self.report()
        if not report.ok:
            self.show_report(report, everything=True)
            return
        try:
            self.saved = self._save(self.value())
        except ValidationFailed as exc:
            self.show_report(AidReport(exc.report.errors), everything=True)
            return
        except ServiceError as exc:
            self._messages.error(self, not_saved_title(), str(exc))
            return
        super().accept()


class PhraseDialog(_AidDialog):
    def __init__(self, row: PhraseRow | None, language: str, values: dict[str, str], save: Save,
                 messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(_("Edit quick phrase") if row else _("New quick phrase"), save, messages, parent)
        self._values = values
        self.category = ChoiceCombo([ChoiceOption(code, category_label(code)) for code in CATEGORIES])
        self.language = ChoiceCombo([ChoiceOption(code, name) for code, name in LANGUAGES.items()])
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(110)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        hint = QLabel(_("Placeholders:\n{list}").format(list=describe_placeholders()), self)
        hint.setWordWrap(True)
        self.category.set_code(row.category if row else "custom")
        self.language.set_code(row.language if row else language)
        self.text.setPlainText(row.text if row else "")
        for key, widget in (("category", self.category), ("language", self.language), ("text", self.text)):
            self.add_field(key, widget)
        self.form.addRow("", hint)
        self.form.addRow(_("Preview"), self.preview)
        self.check()

    def value(self) -> PhraseInput:
        return PhraseInput(self.category.code() or "", self.text.toPlainText().strip(), self.language.code() or "")

    def report(self) -> AidReport:
        data = self.value()
        self.preview.setText(fill(data.text, **self._values))
        return validate_phrase(data.category, data.text, data.language)


class FaqDialog(_AidDialog):
    def __init__(self, data: FaqInput, problem_types: list[ChoiceOption], save: Save, messages: Messages,
                 parent: QWidget | None = None, *, title: str | None = None) -> None:
        super().__init__(title or _("FAQ entry"), save, messages, parent)
        self._source = data.source_ticket
        self.question = QPlainTextEdit()
        self.answer = QPlainTextEdit()
        for editor in (self.question, self.answer):
            editor.setTabChangesFocus(True)
        self.question.setMaximumHeight(80)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(_("Separated by commas, e.g. 退款, 账单"))
        self.problem_type = ChoiceCombo(problem_types, blank=_("(not set)"))
        self.question.setPlainText(data.question)
        self.answer.setPlainText(data.answer)
        self.tags.setText(data.tags)
        self.problem_type.set_code(data.problem_type)
        for key, widget in (("question", self.question), ("answer", self.answer), ("tags", self.tags),
                            ("problem_type", self.problem_type)):
            self.add_field(key, widget)
        if data.source_ticket:
            self.form.addRow(_("From ticket"), QLabel(data.source_ticket, self))
        self.check()

    def value(self) -> FaqInput:
        return FaqInput(self.question.toPlainText().strip(), self.answer.toPlainText().strip(),
                        self.tags.text().strip(), self.problem_type.code(), self._source)

    def report(self) -> AidReport:
        data = self.value()
        return validate_faq(data.question, data.answer, data.tags, data.problem_type)


class GuideDialog(_AidDialog):
    def __init__(self, row: GuideRow | None, data: GuideInput, problem_types: list[ChoiceOption], save: Save,
                 messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(_("Edit problem guide") if row else _("New problem guide"), save, messages, parent)
        self.problem_type = ChoiceCombo(problem_types)
        self.language = ChoiceCombo([ChoiceOption(code, name) for code, name in LANGUAGES.items()])
        self.typical_case = QPlainTextEdit()
        self.steps = QPlainTextEdit()
        self.steps.setPlaceholderText(_("One step per line"))
        self.cautions = QPlainTextEdit()
        for editor in (self.typical_case, self.steps, self.cautions):
            editor.setTabChangesFocus(True)
            editor.setMaximumHeight(100)
        self.min_minutes = QSpinBox()
        self.max_minutes = QSpinBox()
        for spin in (self.min_minutes, self.max_minutes):
            spin.setRange(0, MAX_MINUTES)
            spin.setSuffix(_(" min"))
        self.problem_type.set_code(data.problem_type)
        self.language.set_code(data.language)
        self.typical_case.setPlainText(data.typical_case)
        self.steps.setPlainText(data.steps)
        self.min_minutes.setValue(data.min_minutes or 0)
        self.max_minutes.setValue(data.max_minutes or 0)
        self.cautions.setPlainText(data.cautions)
        for key, widget in (("problem_type", self.problem_type), ("language", self.language),
                            ("typical_case", self.typical_case), ("steps", self.steps),
                            ("min_minutes", self.min_minutes), ("max_minutes", self.max_minutes),
                            ("cautions", self.cautions)):
            self.add_field(key, widget)
        self.check()

    def value(self) -> GuideInput:
        return GuideInput(self.problem_type.code() or "", self.language.code() or "",
                          self.typical_case.toPlainText().strip(), self.steps.toPlainText(),
                          self.min_minutes.value() or None, self.max_minutes.value() or None,
                          self.cautions.toPlainText().strip())

    def report(self) -> AidReport:
        data = self.value()
        return validate_guide(data.problem_type, data.language, data.typical_case, data.steps, data.min_minutes,
                              data.max_minutes, data.cautions)
