"""The agent weekly sheet in the report dialog: one row per agent, figures read-only, the two notes editable."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt

from desktop.export.weekly_texts import agent_headers
from desktop.i18n import _, format_number, format_percent
from desktop.services.figures import AgentFigures
from desktop.services.week_notes import MAX_NOTE, AgentNote
from desktop.ui.admin_forms import AnyIndex, RowsTableModel

COL_CODE, COL_NAME, COL_CALLS, COL_AHT, COL_FCR, COL_CSAT, COL_SCORE, COL_POINTS, COL_TARGET = range(9)
NOTE_COLUMNS = (COL_POINTS, COL_TARGET)


@dataclass(frozen=True)
class SheetRow:
    agent: AgentFigures
    note: AgentNote


def _cell_text(row: SheetRow, column: int) -> str:
    tally = row.agent.tally
    if column == COL_CODE:
        return row.agent.code
    if column == COL_NAME:
        return row.agent.name
    if column == COL_CALLS:
        return format_number(tally.calls)
    if column == COL_AHT:
        return format_number(round(tally.aht)) if tally.aht is not None else "—"
    if column == COL_FCR:
        return format_percent(tally.fcr)
    if column == COL_CSAT:
        return format_percent(tally.csat)
    if column == COL_SCORE:
        return format_number(round(tally.average_score, 1)) if tally.average_score is not None else "—"
    return row.note.points if column == COL_POINTS else row.note.target


class WeekSheetModel(RowsTableModel[SheetRow]):
    def __init__(self, *, editable: bool, parent: Any = None) -> None:
        super().__init__(agent_headers(), parent)
        self.editable = editable

    def cell(self, row: SheetRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _cell_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in NOTE_COLUMNS and self.editable:
            return _("Up to {count} characters").format(count=MAX_NOTE)
        if role == Qt.ItemDataRole.TextAlignmentRole and COL_CALLS <= column <= COL_SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.isValid() and index.column() in NOTE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.EditRole or index.column() not in NOTE_COLUMNS \
                or not self.editable:
            return False
        text = str(value or "")[:MAX_NOTE]
        note = replace(row.note, points=text) if index.column() == COL_POINTS else replace(row.note, target=text)
        self._rows[index.row()] = SheetRow(row.agent, note)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def notes(self) -> dict[int, AgentNote]:
        return {row.agent.agent_id: row.note for row in self._rows}
