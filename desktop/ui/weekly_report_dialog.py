"""View → Weekly report…: which ISO week, and the supervisor's two notes per agent on the weekly sheet.

The figures shown beside each agent come from the figures service (one week: a few milliseconds); the PDF
or workbook itself is made afterwards in a worker thread (desktop/ui/report_wiring.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.export.weekly_texts import agent_headers, subtitle
from desktop.i18n import _, format_number, format_percent
from desktop.rules.weeks import week_of
from desktop.services.figures import FigureService
from desktop.services.week_notes import MAX_NOTE, AgentNote, WeekNotesService
from desktop.services.weekly_report import WeeklyReport, weekly_report

PDF, XLSX = "pdf", "xlsx"
COL_CODE, COL_NAME, COL_CALLS, COL_AHT, COL_FCR, COL_CSAT, COL_SCORE, COL_POINTS, COL_TARGET = range(9)
AGENT_ROLE = Qt.ItemDataRole.UserRole


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
        self.table = QTableWidget(0, len(agent_headers()), self)
        self.table.setHorizontalHeaderLabels(agent_headers())
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
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
        self.table.setRowCount(len(report.figures.agents))
        editable = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        for row, agent in enumerate(report.figures.agents):
            tally, note = agent.tally, report.note(agent.agent_id)
            aht = format_number(round(tally.aht)) if tally.aht is not None else "—"
            values = [agent.code, agent.name, format_number(tally.calls), aht, format_percent(tally.fcr),
                      format_percent(tally.csat),
                      format_number(round(tally.average_score, 1)) if tally.average_score is not None else "—",
                      note.points, note.target]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(AGENT_ROLE, agent.agent_id)
                flags = editable
                if column in (COL_POINTS, COL_TARGET) and self.may_edit:
                    flags |= Qt.ItemFlag.ItemIsEditable
                    item.setToolTip(_("Up to {count} characters").format(count=MAX_NOTE))
                item.setFlags(flags)
                self.table.setItem(row, column, item)
        if not report.figures.agents:
            self.week_label.setText(_("{week}: no agent took calls in this week.").format(week=subtitle(report)))

    def set_note(self, row: int, points: str, target: str) -> None:
        self.table.item(row, COL_POINTS).setText(points)
        self.table.item(row, COL_TARGET).setText(target)

    def notes(self) -> dict[int, AgentNote]:
        """The notes as typed, by agent id."""
        typed = {}
        for row in range(self.table.rowCount()):
            agent_id = int(self.table.item(row, COL_CODE).data(AGENT_ROLE))
            typed[agent_id] = AgentNote(self.table.item(row, COL_POINTS).text()[:MAX_NOTE],
                                        self.table.item(row, COL_TARGET).text()[:MAX_NOTE])
        return typed

    def changed_notes(self) -> dict[int, AgentNote]:
        """Only the notes that differ from the ones kept."""
        return {agent_id: note for agent_id, note in self.notes().items()
                if note != self._loaded.get(agent_id, AgentNote())}
