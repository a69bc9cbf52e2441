"""The ticket table: a windowed model that fetches pages of rows by key, never the whole table.

It holds the row count and a bounded cache of pages. A page next to a cached one is
fetched by keyset (the boundary row's time and id), anything else by offset.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from desktop.i18n import N_, _, format_datetime
from desktop.models.ticket_queries import BY_CUSTOMER, BY_NUMBER, BY_PRIORITY, TicketFilter
from desktop.rules.choices import ISSUE_TYPE, PRIORITY, STATUS, customer_type_label
from desktop.rules.masking import display_name
from desktop.services.dto import TicketRow
from desktop.services.errors import ServiceError
from desktop.services.ticket_list import TicketListService

LabelLookup = Callable[[str, str], str]
AnyIndex = QModelIndex | QPersistentModelIndex

COL_NUMBER, COL_TIME, COL_CUSTOMER, COL_PHONE, COL_CUSTOMER_TYPE, COL_ISSUE_TYPE, COL_PRIORITY, COL_STATUS, \
    COL_DUE, COL_DEPARTMENT, COL_AGENT, COL_DESCRIPTION = range(12)

HEADERS = (
    N_("Ticket no."), N_("Call time"), N_("Customer"), N_("Phone"), N_("Customer type"), N_("Issue type"),
    N_("Priority"), N_("Progress"), N_("Response due"), N_("Department"), N_("Agent"), N_("Problem description"),
)

# Overdue rows: a translucent red that reads on a light and on a dark palette, with an icon
# and a word in the deadline column so the state never rests on colour alone.
OVERDUE_BACKGROUND = QColor(220, 40, 40, 56)
_ICONS: dict[QStyle.StandardPixmap, QIcon] = {}

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Columns the table can be ordered by besides the call time (each on an index).
SORTABLE = {COL_NUMBER: BY_NUMBER, COL_CUSTOMER: BY_CUSTOMER, COL_PRIORITY: BY_PRIORITY}


class TicketTableModel(QAbstractTableModel):
    load_failed = Signal(str)

    PAGE_SIZE = 100
    MAX_PAGES = 40  # 4,000 rows at most in memory, whatever the table size

    def __init__(self, service: TicketListService, labels: LabelLookup, parent: Any = None) -> None:
        super().__init__(parent)
        self._service = service
        self._labels = labels
        self._filter = TicketFilter()
        self._newest_first = True
        self._order: tuple[str, bool] | None = None  # (BY_…, ascending); None: by call time
        self._count = 0
        self._pages: OrderedDict[int, list[TicketRow]] = OrderedDict()
        self._count = self._safe_count()

    def _safe_count(self) -> int:
        try:
            return self._service.count(self._filter)
        except ServiceError as exc:
            self.load_failed.emit(str(exc))
            return 0

    # --- what the view asks -----------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DESCRIPTION:
            return row.description
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_DUE:
            return self._due_tip(row)
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return OVERDUE_BACKGROUND
        if role == Qt.ItemDataRole.DecorationRole and column == COL_DUE and (row.overdue or row.stale):
            return self._icon(QStyle.StandardPixmap.SP_MessageBoxWarning if row.overdue
                              else QStyle.StandardPixmap.SP_MessageBoxInformation)
        if role == Qt.ItemDataRole.FontRole and row.voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == ROW_ID_ROLE:
            return row.id
        return None

    @staticmethod
    def _due_tip(row: TicketRow) -> str:
        notes = []
        if row.overdue:
            notes.append(_("Overdue: the response deadline has passed."))
        if row.stale:
            notes.append(_("No progress recorded for 6 hours or more."))
        return " ".join(notes)

    @staticmethod
    def _icon(which: QStyle.StandardPixmap) -> QIcon:
        if which not in _ICONS:  # built on first paint: the style exists only with the application
            _ICONS[which] = QApplication.style().standardIcon(which)
        return _ICONS[which]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by the call time (keyset pages), or by number, customer or priority (each on an index);
        other columns keep the current order."""
        ascending = order == Qt.SortOrder.AscendingOrder
        if column == COL_TIME:
            wanted: tuple[str, bool] | None = None
            newest_first = not ascending
        elif column in SORTABLE:
            wanted, newest_first = (SORTABLE[column], ascending), self._newest_first
        else:
            return
        if wanted != self._order or newest_first != self._newest_first:
            self._order, self._newest_first = wanted, newest_first
            # Another order of the same rows: the pages go, the count stays (no count of the table per click).
            self.beginResetModel()
            self._pages.clear()
            self.endResetModel()

    @property
    def sort_column(self) -> int:
        """The column the table is ordered by now."""
        if self._order is None:
            return COL_TIME
        return next(column for column, order in SORTABLE.items() if order == self._order[0])

    @property
    def sort_order(self) -> Qt.SortOrder:
        ascending = not self._newest_first if self._order is None else self._order[1]
        return Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder

    # --- what the window asks ---------------------------------------------------------

    @property
    def filter(self) -> TicketFilter:
        return self._filter

    @property
    def newest_first(self) -> bool:
        """The order the rows are shown in (an export follows it)."""
        return self._newest_first

    def set_filter(self, flt: TicketFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = self._safe_count()
        self.endResetModel()

    def row_id(self, row: int) -> int | None:
        found = self.row_at(row) if 0 <= row < self._count else None
        return found.id if found else None

    def row_of_id(self, ticket_id: int) -> int | None:
        """The row showing ``ticket_id`` among the pages already fetched."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == ticket_id:
                    return page * self.PAGE_SIZE + offset
        return None

    def row_at(self, row: int) -> TicketRow | None:
        page, offset = divmod(row, self.PAGE_SIZE)
        rows = self._page(page)
        return rows[offset] if offset < len(rows) else None

    # --- paging -------------------------------------------------------------------------

    def _page(self, page: int) -> list[TicketRow]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        try:
            rows = self._fetch(page)
        except ServiceError as exc:
            self.load_failed.emit(str(exc))
            return []  # not cached: the next paint asks again
        self._pages[page] = rows
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    def _fetch(self, page: int) -> list[TicketRow]:
        if self._order is not None:
            order, ascending = self._order
            return self._service.ordered_page(self._filter, self.PAGE_SIZE, page * self.PAGE_SIZE, order, ascending)
        previous, following = self._pages.get(page - 1), self._pages.get(page + 1)
        if previous and len(previous) == self.PAGE_SIZE:
            last = previous[-1]
            rows = self._service.page(self._filter, self.PAGE_SIZE, after=(last.call_started_at, last.id),
                                      newest_first=self._newest_first)
        elif following:
            first = following[0]
            rows = self._service.page(self._filter, self.PAGE_SIZE, before=(first.call_started_at, first.id),
                                      newest_first=self._newest_first)
        else:
            rows = self._service.page(self._filter, self.PAGE_SIZE, offset=page * self.PAGE_SIZE,
                                      newest_first=self._newest_first)
        return rows

    @staticmethod
    def _due_text(row: TicketRow) -> str:
        text = format_datetime(row.response_due_at) if row.response_due_at else ""
        if row.overdue:
            return _("{time} · overdue").format(time=text)
        if row.stale:
            return _("{time} · no progress").format(time=text)
        return text

    def _display(self, row: TicketRow, column: int) -> str:
        if column == COL_NUMBER:
            return row.number
        if column == COL_TIME:
            return format_datetime(row.call_started_at)
        if column == COL_CUSTOMER:
            return display_name(row.customer_name)
        if column == COL_PHONE:
            return row.phone_masked
        if column == COL_CUSTOMER_TYPE:
            return customer_type_label(row.customer_type)
        if column == COL_ISSUE_TYPE:
            return self._labels(ISSUE_TYPE, row.issue_type)
        if column == COL_PRIORITY:
            return self._labels(PRIORITY, row.priority)
        if column == COL_STATUS:
            if row.voided:
                return _("Void")
            return self._labels(STATUS, row.status)
        if column == COL_DUE:
            return self._due_text(row)
        if column == COL_DEPARTMENT:
            return row.department_name
        if column == COL_AGENT:
            return row.agent_name
        if column == COL_DESCRIPTION:
            return row.description.replace("\n", " ")
        return ""
