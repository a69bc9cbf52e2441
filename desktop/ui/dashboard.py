"""View → Dashboard…: the figures of a chosen period as charts, each with its figures beside it.

A non-modal window. The figures are read by the figures service in a worker thread (no dialog: the window
says "Reading…" meanwhile and stays usable); clicking a bar, or choosing it under "List tickets", emits
``drill`` with the calls behind it, which the main window lists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.rules.periods import CUSTOM, LAST_30_DAYS, LAST_WEEK, THIS_MONTH, THIS_WEEK, period_days
from desktop.services.figures import FigureService, PeriodFigures
from desktop.ui.dashboard_charts import (
    ChartPanel,
    dark_palette,
    fill_agents,
    fill_calls,
    fill_daily_rate,
    fill_top_types,
)
from desktop.ui.worker import BackgroundTask


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class Dashboard(QWidget):
    drill = Signal(object)  # dashboard_charts.Drill
    loaded = Signal()  # the charts show the figures of the period chosen (tests wait for it)

    def __init__(self, figures: FigureService, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("Dashboard"))
        self.setObjectName("Dashboard")
        self._figures, self._today = figures, today
        self.figures: PeriodFigures | None = None
        self.task: BackgroundTask | None = None
        self._wanted: tuple[date, date] | None = None
        self._reading: tuple[date, date] | None = None

        self.period = QComboBox(self)
        for text, code in ((_("This week"), THIS_WEEK), (_("Last week"), LAST_WEEK), (_("This month"), THIS_MONTH),
                           (_("Last 30 days"), LAST_30_DAYS), (_("From … to …"), CUSTOM)):
            self.period.addItem(text, code)
        self.period.setAccessibleName(_("Period"))
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit, name, tip in (
                (self.date_from, _("First day of the period"),
                 _("First day of the period (Alt+Down opens the calendar)")),
                (self.date_to, _("Last day of the period (included)"),
                 _("Last day of the period, included (Alt+Down opens the calendar)"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setToolTip(tip)
            edit.setAccessibleName(name)
        self.refresh_button = QPushButton(_("&Refresh"), self)
        self.refresh_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_button.setToolTip(_("Read the figures again (F5)"))
        self.state = QLabel(self)
        self.state.setAccessibleName(_("State"))
        bar = QHBoxLayout()
        for text, widget in ((_("&Period"), self.period), (_("&From"), self.date_from), (_("&To"), self.date_to)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            # A space's room: a kerned pair like "To" is otherwise measured a pixel short and cut.
            label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().horizontalAdvance(" "))
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.state, 1)

        self.calls_panel = ChartPanel(_("Calls per day by issue type"), self, wide=True)
        self.on_time_panel = ChartPanel(_("On-time rate per day"), self)
        self.csat_panel = ChartPanel(_("CSAT per day"), self)
        self.agents_panel = ChartPanel(_("AHT per agent"), self)
        self.types_panel = ChartPanel(_("Top issue types"), self)
        self.panels = (self.calls_panel, self.on_time_panel, self.csat_panel, self.agents_panel, self.types_panel)
        grid = QGridLayout()
        for index, panel in enumerate(self.panels):
            if index == 0:
                grid.addWidget(panel, 0, 0, 1, 2)
            else:
                grid.addWidget(panel, 1 + (index - 1) // 2, (index - 1) % 2)
            panel.drill.connect(self.drill)
        inner = QWidget(self)
        inner.setLayout(grid)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)
        self.resize(1280, 900)

        self.period.currentIndexChanged.connect(self._period_chosen)
        self.date_from.dateChanged.connect(self._dates_typed)
        self.date_to.dateChanged.connect(self._dates_typed)
        self.refresh_button.clicked.connect(self.refresh)
        self.choose(THIS_WEEK)

    # --- the period ----------------------------------------------------------------------

    def choose(self, preset: str) -> None:
        """Show a preset period (this week, last week, this month, the last 30 days)."""
        index = self.period.findData(preset)
        if index == self.period.currentIndex():
            self._period_chosen(index)
        else:
            self.period.setCurrentIndex(index)

    def set_days(self, first: date, last: date) -> None:
        """Show the local days ``first`` to ``last`` (inclusive)."""
        self.period.blockSignals(True)
        self.period.setCurrentIndex(self.period.findData(CUSTOM))
        self.period.blockSignals(False)
        self._show_dates(first, last)
        self._dates_typed()

    def days(self) -> tuple[date, date]:
        """The period chosen as local days [first, end)."""
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        return first, last + timedelta(days=1)  # type: ignore[operator,return-value]

    def _show_dates(self, first: date, last: date) -> None:
        for edit, day in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def _period_chosen(self, index: int) -> None:
        code = str(self.period.itemData(index))
        if code != CUSTOM:
            first, end = period_days(code, self._today())
            self._show_dates(first, end - timedelta(days=1))
        self.refresh()

    def _dates_typed(self, *_args: object) -> None:
        if self.period.currentData() != CUSTOM:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(self.period.findData(CUSTOM))
            self.period.blockSignals(False)
        self.refresh()

    # --- reading -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures of the period chosen in a worker; a read still running is followed by this one."""
        first, end = self.days()
        if end <= first:
            self.state.setText(_("The period ends before it starts: choose an end date after the start date."))
            return
        self._wanted = (first, end)
        if self.task is None:
            self._start()

    def _start(self) -> None:
        assert self._wanted is not None
        first, end = self._reading = self._wanted
        self.state.setText(_("Reading the figures…"))
        self.refresh_button.setEnabled(False)
        figures = self._figures
        task = BackgroundTask(lambda _progress: figures.period(first, end), label=_("Reading the figures…"),
                              parent=self, show_dialog=False)
        task.finished.connect(self._read)
        task.failed.connect(self._failed)
        self.task = task
        task.start()

    def _task_done(self) -> bool:
        """Forget the finished read; True when another period was asked meanwhile (and is now being read)."""
        if self.task is not None:
            self.task.deleteLater()
            self.task = None
        self.refresh_button.setEnabled(True)
        if self._wanted != self._reading:
            self._start()
            return True
        return False

    def _read(self, result: object) -> None:
        if self._task_done():
            return
        assert isinstance(result, PeriodFigures)
        self.show_figures(result)

    def _failed(self, exc: object) -> None:
        if self._task_done():
            return
        self.state.setText(str(exc) or type(exc).__name__)

    def show_figures(self, figures: PeriodFigures) -> None:
        self.figures = figures
        dark = dark_palette(self)
        fill_calls(self.calls_panel, figures, dark)
        fill_daily_rate(self.on_time_panel, figures, dark, "on_time_rate")
        fill_daily_rate(self.csat_panel, figures, dark, "csat")
        fill_agents(self.agents_panel, figures, dark)
        fill_top_types(self.types_panel, figures, dark)
        self.state.setText("" if figures.total.calls else _("No calls in this period."))
        self.loaded.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.figures is not None:
            self.show_figures(self.figures)  # light or dark charts, as the palette now is

    def stop_reading(self) -> None:
        """Wait for a read still running (before the window and its thread go away)."""
        self._wanted = self._reading  # nothing more to read after it
        if self.task is not None:
            self.task.wait()
