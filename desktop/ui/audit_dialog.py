"""The audit log viewer for administrators: filters, the newest entries first, more on request, export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.export import audit_export
from desktop.export.audit_export import COL_DETAILS, COL_TIME, COLUMNS
from desktop.i18n import _, format_datetime, format_number
from desktop.services.audit import ACTIONS, AuditFilter, AuditRow, AuditService, action_label
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError
from desktop.ui.admin_forms import RowsTableModel, give_shortcut
from desktop.ui.filter_bar import OpenDateEdit
from desktop.ui.messages import Messages

# Asks where to save; returns the path and the format chosen, or None when cancelled.
PathChooser = Callable[[QWidget], tuple[Path, str] | None]


class AuditTableModel(RowsTableModel[AuditRow]):
    """The entries loaded so far, newest first; columns as ``desktop.export.audit_export.COLUMNS``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__([column.header for column in COLUMNS], parent)

    def append_rows(self, rows: list[AuditRow]) -> None:
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def last(self) -> AuditRow | None:
        return self._rows[-1] if self._rows else None

    def cell(self, row: AuditRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].cell(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DETAILS:
            return COLUMNS[column].cell(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TIME:
            return audit_export.exact_time(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


def choose_export_path(parent: QWidget) -> tuple[Path, str] | None:
    """The standard save dialog; the format follows the filter chosen (or the name typed)."""
    filters = {_("CSV, UTF-8 (*.csv)"): audit_export.CSV, _("Excel workbook (*.xlsx)"): audit_export.XLSX}
    path, chosen = QFileDialog.getSaveFileName(parent, _("Export the audit log"), _("audit-log"), ";;".join(filters))
    if not path:
        return None
    target = Path(path)
    file_format = target.suffix.lstrip(".").lower()
    if file_format not in audit_export.FORMATS:
        file_format = filters.get(chosen, audit_export.CSV)
        target = target.with_name(f"{target.name}.{file_format}")
    return target, file_format


class AuditDialog(QDialog):
    PAGE_SIZE = 200
    EXPORT_PAGE = 2000
    DEBOUNCE_MS = 300

    def __init__(self, audit: AuditService, actor: Actor, messages: Messages, *,
                 choose_path: PathChooser = choose_export_path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Audit log"))
        self._audit = audit
        self._actor = actor
        self._messages = messages
        self._choose_path = choose_path
        self._more = False

        self.date_from = OpenDateEdit(self)
        self.date_from.setToolTip(_("Entries from this day on"))
        self.date_to = OpenDateEdit(self)
        self.date_to.setToolTip(_("Entries up to and including this day"))
        self.agent = QLineEdit(self)
        self.agent.setPlaceholderText(_("Any agent"))
        self.agent.setClearButtonEnabled(True)
        self.agent.setMaxLength(32)
        self.action = QComboBox(self)
        self.action.addItem(_("All"), None)
        for code in sorted(ACTIONS, key=action_label):
            self.action.addItem(action_label(code), code)
        filters = QHBoxLayout()
        for text, widget in ((_("&From"), self.date_from), (_("&To"), self.date_to), (_("Agent &ID"), self.agent),
                             (_("&Action"), self.action)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.agent else 0)

        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(_("Audit log"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        char = max(self.table.fontMetrics().averageCharWidth(), 1)
        for index, column in enumerate(COLUMNS):
            self.table.setColumnWidth(index, char * column.width + 16)

        self.count_label = QLabel(self)
        self.more_button = QPushButton(_("Load &more"), self)
        give_shortcut(self.more_button, "Ctrl+M", _("Show the next older entries"))
        self.more_button.clicked.connect(self.load_more)
        self.export_button = QPushButton(_("&Export…"), self)
        give_shortcut(self.export_button, "Ctrl+E", _("Save every entry matching the filter as CSV or Excel"))
        self.export_button.clicked.connect(self.export)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.more_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.resize(1100, 620)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.agent.textChanged.connect(lambda _text: self._debounce.start())
        self.agent.returnPressed.connect(self.reload)
        self.action.currentIndexChanged.connect(lambda _index: self.reload())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _date: self.reload())
        self.reload()

    def current_filter(self) -> AuditFilter:
        code = self.agent.text().strip()
        return AuditFilter(date_from=self.date_from.value(), date_to=self.date_to.value(),
                           actor_code=code or None, action=self.action.currentData())

    # --- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        self._debounce.stop()
        self.model.set_rows(self._fetch(None))
        self._loaded()

    def load_more(self) -> None:
        last = self.model.last()
        if last is None or not self._more:
            return
        self.model.append_rows(self._fetch((last.at, last.id)))
        self._loaded()

    def _fetch(self, after: tuple[Any, int] | None) -> list[AuditRow]:
        """One page; one row more is asked for, to know whether Load more will find anything."""
        try:
            rows = self._audit.page(self._actor, self.current_filter(), limit=self.PAGE_SIZE + 1, after=after)
        except ServiceError as exc:
            self._messages.error(self, _("Audit log"), str(exc))
            rows = []
        self._more = len(rows) > self.PAGE_SIZE
        return rows[:self.PAGE_SIZE]

    def _loaded(self) -> None:
        self.more_button.setEnabled(self._more)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        shown = format_number(self.model.rowCount())
        if self._more:
            text = _("{count} entries shown; older ones follow with Load more.").format(count=shown)
        else:
            text = _("{count} entries.").format(count=shown)
        last = self.model.last()
        if last is not None:
            text += " " + _("Oldest shown: {time}").format(time=format_datetime(last.at))
        self.count_label.setText(text)

    # --- exporting ---------------------------------------------------------------------

    def matching_rows(self) -> list[AuditRow]:
        """Every entry the filter matches (not only those loaded so far), newest first."""
        rows: list[AuditRow] = []
        after = None
        while page := self._audit.page(self._actor, self.current_filter(), limit=self.EXPORT_PAGE, after=after):
            rows.extend(page)
            after = (page[-1].at, page[-1].id)
            if len(page) < self.EXPORT_PAGE:
                break
        return rows

    def export(self) -> None:
        chosen = self._choose_path(self)
        if chosen is None:
            return
        path, file_format = chosen
        try:
            rows = self.matching_rows()
            count = audit_export.export_audit(rows, path, file_format)
            self._audit.log(self._actor, "audit_export", target_label=path.name[:64],
                            details={"rows": count, "format": file_format})
        except ServiceError as exc:
            self._messages.error(self, _("Not exported"), str(exc))
            return
        except OSError as exc:
            self._messages.error(self, _("Not exported"), _("The file could not be written: {reason}").format(
                reason=exc.strerror or exc))
            return
        self.reload()
        self._messages.info(self, _("Audit log"), _("{count} entries exported to {path}.").format(
            count=format_number(count), path=str(path)))
