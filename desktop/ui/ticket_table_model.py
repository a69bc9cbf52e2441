"""The ticket table: a windowed model that fetches pages of rows by key, never the whole table.

It holds the row count and a bounded cache of pages. A page next to a cached one is
fetched by keyset (the boundary row's time and id), anything else by offset.

A search (text in the filter) may have to read many rows: in the window it runs on a pool
thread (``background=True``) while the previous rows stay on screen. The first page shows
as soon as it is read, the hit count follows (the rows grow to it), and a newer search
replaces an older one still waiting (desktop/ui/latest_job.py).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from desktop.i18n import N_, _, format_datetime
from desktop.models.ticket_queries import BY_CUSTOMER, BY_NUMBER, BY_PRIORITY, TicketFilter
from desktop.rules.choices import ISSUE_TYPE, PRIORITY, STATUS, customer_type_label
from desktop.rules.masking import display_name
from desktop.services.dto import TicketRow
from desktop.services.errors import ServiceError
from desktop.services.ticket_list import TicketListService
from desktop.ui.latest_job import LatestJob

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
_DISPLAY, _BACKGROUND, _FONT, _DECORATION = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.DecorationRole))
_ANSWERED_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, ROW_ID_ROLE))

# Columns the table can be ordered by besides the call time (each on an index).
SORTABLE = {COL_NUMBER: BY_NUMBER, COL_CUSTOMER: BY_CUSTOMER, COL_PRIORITY: BY_PRIORITY}


@dataclass(frozen=True)
class TableView:
    """What the table shows: the filter and the order."""

    filter: TicketFilter = TicketFilter()
    order: tuple[str, bool] | None = None  # (BY_…, ascending); None: by call time
    newest_first: bool = True  # the call-time order (also inside the priority groups' keyset pages)


@dataclass(frozen=True)
class _FirstPage:
    rows: list[TicketRow]


def _answer_or_clear(role_data: QModelRoleData, value: object) -> None:
    if value is None:
        role_data.clearData()
    else:
        role_data.setData(value)


@dataclass(frozen=True)
class _Cells:
    """What one row shows, worked out once: a paint asks it for every cell."""

    row: TicketRow
    texts: tuple[str, ...]
    background: QColor | None
    font: QFont | None
    icon: QIcon | None


class TicketTableModel(QAbstractTableModel):
    load_failed = Signal(str)
    loaded = Signal()  # a background search's rows or count arrived (the window updates its count)

    PAGE_SIZE = 100
    MAX_PAGES = 10  # 1,000 rows at most in memory whatever the table size (ten screens of a tall window)

    def __init__(self, service: TicketListService, labels: LabelLookup, parent: Any = None, *,
                 background: bool = False) -> None:
        super().__init__(parent)
        self._service = service
        self._labels = labels
        self._wanted = TableView()  # what was asked for
        self._view = self._wanted  # what the rows and pages are of (behind the wanted one while a search runs)
        self._count = 0
        self._awaiting_page = False  # a background search runs; the rows are still the previous ones
        self._counting = False  # the rows shown so far are a first page; the hit count is on its way
        self._pages: OrderedDict[int, list[TicketRow]] = OrderedDict()
        self._shown: dict[int, _Cells] = {}  # by ticket id, for the row object it was made from
        self._search: LatestJob | None = LatestJob(self) if background else None
        if self._search is not None:
            self._search.result.connect(self._search_result)
            self._search.failed.connect(self._search_failed)
        self._count = self._safe_count()

    def _safe_count(self) -> int:
        try:
            return self._service.count(self._view.filter)
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
        if role not in _ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < self._count:
            return None
        row = self.row_at(index.row())
        return None if row is None else self._answer(row, index.column(), role)

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan) -> None:  # noqa: N802,N803
        """Every role a paint asks of one cell, in one call (Qt 6's delegate asks seven): the row is found
        once, and what its cells show is worked out once per row (:meth:`_cells`), not per role and paint.
        The span's entries outlive the cell (the delegate hands the same ones to the next cell), so a
        colour, font or icon this row does not have is cleared, not left from the cell before; the roles
        this model never answers are never set and stay empty."""
        if not index.isValid() or not 0 <= index.row() < self._count:
            return
        row = self.row_at(index.row())
        if row is None:
            return
        cells = self._cells(row)
        column = index.column()
        for role_data in roleDataSpan:
            role = role_data.role()
            if role == _DISPLAY:
                role_data.setData(cells.texts[column])
            elif role == _BACKGROUND:
                _answer_or_clear(role_data, cells.background)
            elif role == _FONT:
                _answer_or_clear(role_data, cells.font)
            elif role == _DECORATION:
                _answer_or_clear(role_data, cells.icon if column == COL_DUE else None)

    def _cells(self, row: TicketRow) -> _Cells:
        """What ``row`` shows: its texts, colour, font and icon (kept while the same row object is on a page)."""
        kept = self._shown.get(row.id)
        if kept is not None and kept.row is row:
            return kept
        if len(self._shown) > 2 * self.MAX_PAGES * self.PAGE_SIZE:
            self._shown.clear()
        cells = _Cells(row, tuple(self._display(row, column) for column in range(len(HEADERS))),
                       self._answer(row, COL_DUE, _BACKGROUND), self._answer(row, COL_DUE, _FONT),
                       self._answer(row, COL_DUE, _DECORATION))
        self._shown[row.id] = cells
        return cells

    def _answer(self, row: TicketRow, column: int, role: int) -> Any:
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

    # flags(): QAbstractTableModel's own (enabled, selectable; nothing for the root) — not overridden in
    # Python, where Qt would call it for every painted cell.

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by the call time (keyset pages), or by number, customer or priority (each on an index);
        other columns keep the current order."""
        ascending = order == Qt.SortOrder.AscendingOrder
        if column == COL_TIME:
            wanted: tuple[str, bool] | None = None
            newest_first = not ascending
        elif column in SORTABLE:
            wanted, newest_first = (SORTABLE[column], ascending), self._wanted.newest_first
        else:
            return
        if wanted != self._wanted.order or newest_first != self._wanted.newest_first:
            self._wanted = replace(self._wanted, order=wanted, newest_first=newest_first)
            if self.busy or self._view.filter != self._wanted.filter:
                self.refresh()  # a search on its way: it reads in the new order
                return
            # Another order of the same rows: the pages go, the count stays (no count of the table per click).
            self.beginResetModel()
            self._view = self._wanted
            self._pages.clear()
            self._shown.clear()
            self.endResetModel()

    @property
    def sort_column(self) -> int:
        """The column the table is ordered by now."""
        if self._wanted.order is None:
            return COL_TIME
        return next(column for column, order in SORTABLE.items() if order == self._wanted.order[0])

    @property
    def sort_order(self) -> Qt.SortOrder:
        ascending = not self._wanted.newest_first if self._wanted.order is None else self._wanted.order[1]
        return Qt.SortOrder.AscendingOrder if ascending else Qt.SortOrder.DescendingOrder

    # --- what the window asks ---------------------------------------------------------

    @property
    def filter(self) -> TicketFilter:
        return self._wanted.filter

    @property
    def newest_first(self) -> bool:
        """The order the rows are shown in (an export follows it)."""
        return self._wanted.newest_first

    @property
    def searching(self) -> bool:
        """A background search has not shown its first page yet (the rows are still the previous ones)."""
        return self._awaiting_page

    @property
    def counting(self) -> bool:
        """The rows are a search's first page and its hit count is still being read."""
        return self._counting

    @property
    def busy(self) -> bool:
        return self.searching or self._counting

    def set_filter(self, flt: TicketFilter) -> None:
        if flt != self._wanted.filter:
            self._wanted = replace(self._wanted, filter=flt)
            self.refresh()

    def refresh(self) -> None:
        """Read the rows again (a search: on the pool thread when the model has one)."""
        if self._search is not None and self._wanted.filter.text:
            self._search.request(self._first_page_job(self._wanted))
            self._awaiting_page = True
            return
        if self._search is not None:
            self._search.drop()  # a search still running is superseded
        self.beginResetModel()
        self._view = self._wanted
        self._pages.clear()
        self._shown.clear()
        self._awaiting_page = self._counting = False
        self._count = self._safe_count()
        self.endResetModel()

    def wait_for_search(self) -> None:
        """Let a background search finish (before the window goes); what it finds is dropped."""
        if self._search is not None:
            self._search.wait()
            self._awaiting_page = self._counting = False

    # --- the background search ----------------------------------------------------------

    def _first_page_job(self, view: TableView) -> Callable[[], Iterator[object]]:
        service, size = self._service, self.PAGE_SIZE

        def job() -> Iterator[object]:
            if view.order is not None:
                order, ascending = view.order
                rows = service.ordered_page(view.filter, size, 0, order, ascending)
            else:
                rows = service.page(view.filter, size, offset=0, newest_first=view.newest_first)
            yield view, _FirstPage(rows)
            if len(rows) == size:  # fewer: the page is every hit
                yield view, service.count(view.filter)

        return job

    def _search_result(self, number: int, value: object) -> None:
        if self._search is None or number != self._search.latest:
            return  # an earlier search's answer
        view, found = value  # type: ignore[misc]
        if isinstance(found, _FirstPage):
            self.beginResetModel()
            self._view = view
            self._pages.clear()
            self._shown.clear()
            self._pages[0] = found.rows
            self._count = len(found.rows)
            self._counting = len(found.rows) == self.PAGE_SIZE  # a full page: the hit count follows
            self._awaiting_page = False
            self.endResetModel()
        elif view == self._view and self._counting:
            self._grow_to(int(found))
            self._counting = False
        self.loaded.emit()

    def _grow_to(self, count: int) -> None:
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < self._count:  # tickets went between the page and the count
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            self._count = count
            self.endRemoveRows()

    def _search_failed(self, number: int, exc: object) -> None:
        if self._search is None or number != self._search.latest:
            return
        self._counting = self._awaiting_page = False
        if self._view != self._wanted:  # the rows on screen are another filter's: say so, show none
            self.beginResetModel()
            self._view = self._wanted
            self._pages.clear()
            self._shown.clear()
            self._count = 0
            self.endResetModel()
        self.load_failed.emit(str(exc) if isinstance(exc, ServiceError) else _("The search could not be read."))
        self.loaded.emit()

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
        view = self._view
        if view.order is not None:
            order, ascending = view.order
            return self._service.ordered_page(view.filter, self.PAGE_SIZE, page * self.PAGE_SIZE, order, ascending)
        previous, following = self._pages.get(page - 1), self._pages.get(page + 1)
        if previous and len(previous) == self.PAGE_SIZE:
            last = previous[-1]
            rows = self._service.page(view.filter, self.PAGE_SIZE, after=(last.call_started_at, last.id),
                                      newest_first=view.newest_first)
        elif following:
            first = following[0]
            rows = self._service.page(view.filter, self.PAGE_SIZE, before=(first.call_started_at, first.id),
                                      newest_first=view.newest_first)
        else:
            rows = self._service.page(view.filter, self.PAGE_SIZE, offset=page * self.PAGE_SIZE,
                                      newest_first=view.newest_first)
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
