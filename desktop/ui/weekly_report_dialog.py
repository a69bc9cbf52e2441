"""View → Weekly report…: which ISO week, and the supervisor's two notes per agent on the weekly sheet.

The figures shown beside each agent come from the figures service (one week: a few milliseconds); the PDF
or workbook itself is made afterwards in a worker thread (desktop/ui/report_wiring.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.export.weekly_texts import subtitle
from desktop.i18n import _
from desktop.rules.weeks import week_of
from desktop.services.figures import FigureService
from desktop.services.week_notes import AgentNote, WeekNotesService
from desktop.services.weekly_report import WeeklyReport, weekly_report
from desktop.ui.week_sheet_model import COL_POINTS, COL_TARGET, SheetRow, WeekSheetModel

PDF, XLSX = "pdf", "xlsx"


class WeeklyReportDialog(QDialog):
    """Asks the week (this week by default) and, for a supervisor, the notes of each agent who took calls."""

    def __init__(self, figures: FigureService, notes: WeekNotesService, today: date, *, may_edit: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Weekly report"))
        self.setMinimumSize(860, 420)
        self._figures, self._notes, self.may_edit = figures, notes, may_edit
        self.format = PDF
        self.report: WeeklyReport | None = None
        self._loaded: dict[int, AgentNote] = {}
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day).addDays(6))
        self.date_edit.setToolTip(_("Any day of the week to report (Alt+Down opens the calendar)"))
        self.week_label = QLabel(self)
        self.model = WeekSheetModel(editable=may_edit, parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_POINTS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Stretch)
        hint = (_("Type the points to improve and next week's target of each agent; they are kept with the week.")
                if may_edit else _("Only a supervisor may type the notes; they print as kept."))
        self.hint = QLabel(hint, self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Pre&view PDF…"))
        ok.setToolTip(_("Save the notes, make the PDF and show it to print or save (Enter)"))
        self.excel_button = self.buttons.addButton(_("Save as &Excel…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.excel_button.setToolTip(_("Save the notes and write the report as an Excel workbook"))
        # clicked (which button) comes before accepted.
        self.buttons.clicked.connect(lambda button: setattr(self, "format", XLSX if button is self.excel_button
                                                            else PDF))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("&Week"), self.date_edit)
        form.addRow("", self.week_label)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.date_edit.dateChanged.connect(self.load)
        self.load()
        self.date_edit.setFocus()

    def day(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def week(self) -> str:
        return week_of(self.day())

    def load(self) -> None:
        """Show the chosen week's agents, their figures and the notes kept for them."""
        report = weekly_report(self._figures, self._notes, self.week())
        self.report = report
        self._loaded = dict(report.notes)
        self.week_label.setText(subtitle(report))
        self.model.set_rows([SheetRow(agent, report.note(agent.agent_id)) for agent in report.figures.agents])
        if not report.figures.agents:
            self.week_label.setText(_("{week}: no agent took calls in this week.").format(week=subtitle(report)))

    def set_note(self, row: int, points: str, target: str) -> None:
        self.model.setData(self.model.index(row, COL_POINTS), points)
        self.model.setData(self.model.index(row, COL_TARGET), target)

    def notes(self) -> dict[int, AgentNote]:
        """The notes as typed, by agent id."""
        return self.model.notes()

    def changed_notes(self) -> dict[int, AgentNote]:
        """Only the notes that differ from the ones kept."""
        return {agent_id: note for agent_id, note in self.notes().items()
                if note != self._loaded.get(agent_id, AgentNote())}
