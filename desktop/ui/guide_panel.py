"""The problem guide beside the form: typical case, steps to tick, expected minutes, cautions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPalette
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.rules.guide_steps import Timing, elapsed_text, timing
from desktop.services.aids_dto import GuideRow

Elapsed = Callable[[], float | None]  # seconds of the call being logged, None when no call runs


def _wrapped(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Step(QWidget):
    """A tick box with the step's text beside it, wrapped (a long step never widens the panel)."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.check.setAccessibleName(text)
        self.label = _wrapped(self)
        self.label.setText(text)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label.setBuddy(self.check)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.check.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.check.toggle()
        super().mouseReleaseEvent(event)


class GuidePanel(QWidget):
    """``step_ticked(text)`` when the agent ticks a step; a ticked step stays ticked (it is on record)."""

    step_ticked = Signal(str)

    def __init__(self, elapsed: Elapsed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._elapsed = elapsed
        self._guide: GuideRow | None = None
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.timing_label = QLabel(self)
        self.timing_label.setWordWrap(True)
        self.timing_label.setAccessibleName(_("Call time against the expected minutes"))
        self.case_label = _wrapped(self)
        self.cautions_label = _wrapped(self)
        self.steps_box = QGroupBox(_("Standard steps"), self)
        self._steps_layout = QVBoxLayout(self.steps_box)
        self.steps: list[_Step] = []
        self.case_box = self._box(_("Typical case"), self.case_label)
        self.cautions_box = self._box(_("Cautions"), self.cautions_label)

        column = QVBoxLayout(self)  # the dock scrolls it when the room is short
        for widget in (self.title, self.timing_label, self.case_box, self.steps_box, self.cautions_box):
            column.addWidget(widget)
        column.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.update_timing)
        self.show_guide(None, "")

    def _box(self, title: str, content: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        QVBoxLayout(box).addWidget(content)
        return box

    @property
    def guide(self) -> GuideRow | None:
        return self._guide

    def show_guide(self, guide: GuideRow | None, problem_type_label: str) -> None:
        """Show ``guide`` (steps unticked); None shows what to do to get one."""
        self._guide = guide
        for step in self.steps:
            step.deleteLater()
        self.steps = []
        has_guide = guide is not None
        for box in (self.case_box, self.steps_box, self.cautions_box):
            box.setVisible(has_guide)
        self.timing_label.setVisible(has_guide)
        if guide is None:
            self.title.setText(_("Pick a business module in the form to see its guide.") if not problem_type_label
                               else _("No guide for {type} yet (Tools › Problem guides…).").format(
                                   type=problem_type_label))
            self._timer.stop()
            return
        self.title.setText(problem_type_label)
        self.case_label.setText(guide.typical_case)
        self.case_box.setVisible(bool(guide.typical_case))
        self.cautions_label.setText(guide.cautions)
        self.cautions_box.setVisible(bool(guide.cautions))
        for number, text in enumerate(guide.steps, start=1):
            step = _Step(_("{number}. {step}").format(number=number, step=text), self.steps_box)
            step.setToolTip(_("Tick when done: the step goes into the ticket's process record"))
            step.check.toggled.connect(lambda on, box=step.check, text=text: self._ticked(box, text, on))
            self._steps_layout.addWidget(step)
            self.steps.append(step)
        self.update_timing()
        self._timer.start()

    @staticmethod
    def _untick(check: QCheckBox) -> None:
        check.blockSignals(True)
        check.setChecked(False)
        check.setEnabled(True)
        check.blockSignals(False)

    @property
    def checks(self) -> list[QCheckBox]:
        """The tick box of each step, in order."""
        return [step.check for step in self.steps]

    def reset_ticks(self) -> None:
        for check in self.checks:
            self._untick(check)

    def release(self, step: str) -> None:
        """Untick ``step`` again (recording it failed)."""
        for check, text in zip(self.checks, self._guide.steps if self._guide else (), strict=False):
            if text == step:
                self._untick(check)

    def ticked_steps(self) -> list[str]:
        steps = self._guide.steps if self._guide else ()
        return [step for step, check in zip(steps, self.checks, strict=False) if check.isChecked()]

    def _ticked(self, check: QCheckBox, step: str, on: bool) -> None:
        if on:
            check.setEnabled(False)  # recorded: the process record cannot be taken back
            self.step_ticked.emit(step)

    def update_timing(self) -> None:
        guide = self._guide
        if guide is None:
            return
        elapsed = self._elapsed()
        self.timing_label.setText(elapsed_text(elapsed, guide.min_minutes, guide.max_minutes))
        over = elapsed is not None and timing(elapsed, guide.min_minutes, guide.max_minutes) is Timing.OVER
        if over:
            dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            self.timing_label.setStyleSheet(f"color: {'#ffd180' if dark else '#b3261e'}; font-weight: bold;")
        else:
            self.timing_label.setStyleSheet("")
        self.timing_label.setProperty("over", over)
