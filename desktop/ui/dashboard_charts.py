"""The dashboard's five charts, each drawn from a PeriodFigures with its figures beside it in words.

Nothing is computed here beyond picking the service's figures; a bar (or a line's point) stands for a set of
counted calls, described by a :class:`Drill` that the main window's filter bar can list.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QCursor, QPainter, QPalette
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QMenu, QToolButton, QToolTip, QVBoxLayout, QWidget

from desktop.i18n import _, format_date, format_month_day, format_number, format_percent, ngettext
from desktop.rules import choices as lists
from desktop.rules.figures import TypeShare
from desktop.services.figures import AgentFigures, PeriodFigures

LONG_PERIOD_DAYS = 31


@dataclass(frozen=True)
class Drill:
    """The calls behind a bar: local days ``first`` to ``last`` (inclusive), one type or agent at most."""

    first: date
    last: date
    issue_type: str | None = None
    agent_code: str | None = None
    caption: str = ""


def seconds_text(seconds: float | None) -> str:
    return "—" if seconds is None else _("{seconds} s").format(seconds=format_number(round(seconds)))


def dark_palette(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


class ChartPanel(QGroupBox):
    """A chart, its figures in text beside it, and "List tickets" (the keyboard path to every bar)."""

    drill = Signal(object)  # Drill

    def __init__(self, title: str, parent: QWidget | None = None, *, wide: bool = False) -> None:
        super().__init__(title, parent)
        self.wide = wide  # spans the window: room for more day labels side by side
        self.chart = self._new_chart(dark_palette(self))
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(360, 220)
        self.view.setAccessibleName(title)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.figures.setMinimumWidth(200)
        self.list_button = QToolButton(self)
        self.list_button.setText(_("List tickets"))
        self.list_button.setToolTip(_("List the tickets behind a bar in the main window (the same as clicking it)"))
        self.list_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.list_menu = QMenu(self.list_button)
        self.list_button.setMenu(self.list_menu)
        side = QVBoxLayout()
        side.addWidget(self.figures, 1)
        side.addWidget(self.list_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 3)
        layout.addLayout(side, 2)
        self.drills: list[Drill] = []

    def reset(self, dark: bool) -> None:
        """A new chart in the theme of the palette (a chart re-themed in place keeps some of the old look)."""
        old = self.chart
        self.chart = self._new_chart(dark)
        self.view.setChart(self.chart)
        old.deleteLater()
        self.list_menu.clear()
        self.drills = []

    @staticmethod
    def _new_chart(dark: bool) -> QChart:
        chart = QChart()
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundRoundness(0)
        chart.legend().setVisible(False)
        chart.setMargins(chart.margins() * 0)
        return chart

    def _text_color(self) -> QColor:
        # The window's palette: on a palette change the window redraws before its children hear of it.
        return self.window().palette().color(QPalette.ColorRole.WindowText)

    def set_figures(self, lines: list[str]) -> None:
        self.figures.setText("\n".join(lines))

    def add_drill(self, drill: Drill) -> None:
        """One entry of "List tickets": the same drill-down as clicking that bar."""
        self.drills.append(drill)
        action = QAction(drill.caption, self.list_menu)
        action.triggered.connect(lambda _checked=False, d=drill: self.drill.emit(d))
        self.list_menu.addAction(action)
        self.list_button.setEnabled(True)

    def hover(self, shown: bool, text: str) -> None:
        """Over a bar: what it stands for, and that a click lists it; off the bar: nothing."""
        if shown:
            QToolTip.showText(QCursor.pos(), "\n".join((text, _("Click to list these tickets."))), self.view)
        else:
            QToolTip.hideText()

    def finish(self) -> None:
        # After the theme has dressed the axes and the legend: its own grey is faint on a dark background.
        color = self._text_color()
        for axis in self.chart.axes():
            axis.setLabelsColor(color)
        self.chart.legend().setLabelColor(color)
        self.list_button.setEnabled(bool(self.drills))

    def axes(self, categories: list[str], value_max: float, *, horizontal: bool = False,
             percent: bool = False) -> tuple[QBarCategoryAxis, QValueAxis]:
        """Named bars (agents, types) along the left, values along the bottom."""
        names = QBarCategoryAxis()
        names.append(categories)
        values = _value_axis(value_max, percent)
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
        return names, values

    def day_axes(self, days: list[date], value_max: float, *, percent: bool = False) -> tuple[QValueAxis, QValueAxis]:
        """Days along the bottom (day n at x = n), labelled every few days so the labels never crowd."""
        room = 14 if self.wide else 6
        step = max(1, math.ceil(len(days) / room))
        axis = QCategoryAxis()
        axis.setRange(-0.5, len(days) - 0.5)
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for index in range(0, len(days), step):
            axis.append(format_month_day(days[index]), index)
        axis.setGridLineVisible(False)
        values = _value_axis(value_max, percent)
        self.chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        return axis, values


def _value_axis(value_max: float, percent: bool) -> QValueAxis:
    values = QValueAxis()
    values.setLabelFormat("%.0f%%" if percent else "%.0f")
    top = max(value_max, 1)
    if percent:
        values.setRange(0, 100)
        values.setTickCount(5)
    elif top <= 8:
        values.setRange(0, math.ceil(top))  # whole calls: one tick per call
        values.setTickCount(math.ceil(top) + 1)
    else:
        values.setRange(0, top)
        values.applyNiceNumbers()
    return values


def _day_caption(day: date) -> str:
    return format_date(day)


def _type_word(figures: PeriodFigures) -> Callable[[str], str]:
    words = figures.labels.get(lists.ISSUE_TYPE, {})
    return lambda code: words.get(code, code)


def fill_calls(panel: ChartPanel, figures: PeriodFigures, dark: bool) -> QStackedBarSeries:
    """Calls per day, stacked by issue type; a segment lists that day's calls of that type."""
    panel.reset(dark)
    word = _type_word(figures)
    series = QStackedBarSeries()
    codes = [t.code for t in figures.types]
    for code in codes:
        bar_set = QBarSet(word(code))
        for day in figures.days:
            bar_set.append(dict(day.calls_by_type).get(code, 0))
        bar_set.clicked.connect(lambda index, c=code: _clicked_day(panel, figures, index, c))
        bar_set.hovered.connect(lambda shown, index, c=code, s=bar_set: panel.hover(shown, _(
            "{day} · {type} ({count})").format(day=_day_caption(figures.days[index].day), type=word(c),
                                               count=format_number(round(s.at(index))))))
        series.append(bar_set)
    panel.chart.addSeries(series)
    busiest = max((d.tally.calls for d in figures.days), default=0)
    names, values = panel.day_axes([d.day for d in figures.days], busiest)
    series.attachAxis(names)
    series.attachAxis(values)
    panel.chart.legend().setVisible(bool(codes))
    panel.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    total = figures.total.calls
    lines = [_("Calls: {count}").format(count=format_number(total))]
    if total:
        top_day = max(figures.days, key=lambda d: (d.tally.calls, -d.day.toordinal()))
        lines.append(_("Busiest day: {day} ({count})").format(day=_day_caption(top_day.day),
                                                              count=format_number(top_day.tally.calls)))
        lines += [_("{type}: {count}").format(type=word(t.code), count=format_number(t.tally.calls))
                  for t in figures.types]
    panel.set_figures(lines)
    for day in figures.days:
        if len(figures.days) > LONG_PERIOD_DAYS and day.tally.calls:
            # A long period: one entry a day (all its types), not a menu of thousands.
            panel.add_drill(Drill(day.day, day.day, caption=_("{day} ({count})").format(
                day=_day_caption(day.day), count=format_number(day.tally.calls))))
            continue
        for code, count in day.calls_by_type:
            panel.add_drill(Drill(day.day, day.day, issue_type=code, caption=_("{day} · {type} ({count})").format(
                day=_day_caption(day.day), type=word(code), count=format_number(count))))
    panel.finish()
    return series


def _clicked_day(panel: ChartPanel, figures: PeriodFigures, index: int, code: str | None) -> None:
    if 0 <= index < len(figures.days):
        day = figures.days[index].day
        panel.drill.emit(Drill(day, day, issue_type=code, caption=_day_caption(day)))


def fill_daily_rate(panel: ChartPanel, figures: PeriodFigures, dark: bool, which: str) -> QLineSeries:
    """A per-day line of ``which`` ("on_time_rate" or "csat"), in percent; days without data have no point.
    A point lists that day's calls."""
    panel.reset(dark)
    series = QLineSeries()
    series.setPointsVisible(len(figures.days) <= 62)  # a year's points would hide the line
    for index, day in enumerate(figures.days):
        value = getattr(day.tally, which)
        if value is not None:
            series.append(QPointF(index, value * 100))
    series.clicked.connect(lambda point: _clicked_day(panel, figures, round(point.x()), None))
    panel.chart.addSeries(series)
    names, values = panel.day_axes([d.day for d in figures.days], 100, percent=True)
    series.attachAxis(names)
    series.attachAxis(values)
    total = figures.total
    if which == "on_time_rate":
        lines = [_("On-time rate: {rate}").format(rate=format_percent(total.on_time_rate)),
                 ngettext("{kept} of {count} call with a deadline on time",
                          "{kept} of {count} calls with a deadline on time", total.judged).format(
                     kept=format_number(total.kept), count=format_number(total.judged))]
    else:
        average = total.average_score
        lines = [_("CSAT: {rate}").format(rate=format_percent(total.csat)),
                 ngettext("{satisfied} of {count} surveyed call satisfied", "{satisfied} of {count} surveyed calls "
                          "satisfied", total.surveyed).format(satisfied=format_number(total.satisfied),
                                                              count=format_number(total.surveyed)),
                 _("Average score: {score}").format(
                     score="—" if average is None else format_number(round(average, 1))),
                 # The 0–10 recommendation scores are the follow-up visits' (the whole centre's).
                 _("NPS: — (no recommendation scores in this period; follow-up visits record them)")
                 if figures.nps is None else _("NPS (follow-up visits): {nps}").format(
                     nps=format_number(round(figures.nps, 1)))]
    panel.set_figures(lines)
    for day in figures.days:
        if day.tally.calls:
            panel.add_drill(Drill(day.day, day.day, caption=_("{day} ({count})").format(
                day=_day_caption(day.day), count=format_number(day.tally.calls))))
    panel.finish()
    return series


def fill_agents(panel: ChartPanel, figures: PeriodFigures, dark: bool) -> QHorizontalBarSeries:
    """AHT per agent (horizontal bars, in seconds); a bar lists the agent's calls in the period."""
    panel.reset(dark)
    agents = list(reversed(figures.agents))  # the first 工号 at the top, as in the text beside
    # Room for every agent's name: the panel grows (the window scrolls) rather than the names being cut.
    panel.view.setMinimumHeight(max(220, 28 * len(agents) + 60))
    series = QHorizontalBarSeries()
    bar_set = QBarSet(_("AHT"))
    for agent in agents:
        bar_set.append(agent.tally.aht or 0)
    bar_set.clicked.connect(lambda index: _clicked_agent(panel, figures, len(agents) - 1 - index))
    bar_set.hovered.connect(lambda shown, index: panel.hover(shown, _agent_line(agents[index])))
    series.append(bar_set)
    series.setLabelsVisible(True)
    # Whole seconds on the bars (the labels print significant digits): 166.667 reads 167.
    series.setLabelsPrecision(max(len(str(round(a.tally.aht or 0))) for a in figures.agents) if figures.agents else 1)
    panel.chart.addSeries(series)
    names, values = panel.axes([f"{a.code} {a.name}".strip() for a in agents],
                               max((a.tally.aht or 0 for a in figures.agents), default=0), horizontal=True)
    series.attachAxis(names)
    series.attachAxis(values)
    lines = [_("AHT: {aht}").format(aht=seconds_text(figures.total.aht))]
    lines += [_agent_line(a) for a in figures.agents]
    panel.set_figures(lines)
    for agent in figures.agents:
        panel.add_drill(_agent_drill(figures, agent.code, agent.name))
    panel.finish()
    return series


def _agent_line(agent: AgentFigures) -> str:
    calls = agent.tally.calls
    return _("{code} {name}: {aht}, {calls}").format(
        code=agent.code, name=agent.name, aht=seconds_text(agent.tally.aht),
        calls=ngettext("{count} call", "{count} calls", calls).format(count=format_number(calls)))


def _agent_drill(figures: PeriodFigures, code: str, name: str) -> Drill:
    return Drill(figures.first, figures.last, agent_code=code, caption=f"{code} {name}".strip())


def _clicked_agent(panel: ChartPanel, figures: PeriodFigures, index: int) -> None:
    if 0 <= index < len(figures.agents):
        agent = figures.agents[index]
        panel.drill.emit(_agent_drill(figures, agent.code, agent.name))


def fill_top_types(panel: ChartPanel, figures: PeriodFigures, dark: bool) -> QHorizontalBarSeries:
    """The top issue types by their share of all calls (percent); a bar lists that type's calls."""
    panel.reset(dark)
    word = _type_word(figures)
    # Most calls at the top: a horizontal bar axis draws its first category at the bottom.
    top = list(reversed(figures.top_types))
    series = QHorizontalBarSeries()
    bar_set = QBarSet(_("Share of calls"))
    for share in top:
        bar_set.append((share.share or 0) * 100)
    bar_set.clicked.connect(lambda index: _clicked_type(panel, figures, top[index].code if 0 <= index < len(top)
                                                        else None))
    bar_set.hovered.connect(lambda shown, index: panel.hover(shown, _type_line(word, top[index])))
    series.append(bar_set)
    panel.chart.addSeries(series)
    names, values = panel.axes([word(s.code) for s in top], 100, horizontal=True, percent=True)
    series.attachAxis(names)
    series.attachAxis(values)
    lines = [_type_line(word, s) for s in figures.top_types]
    panel.set_figures(lines or [_("Top issue types: —")])
    for share in figures.top_types:
        panel.add_drill(Drill(figures.first, figures.last, issue_type=share.code, caption=word(share.code)))
    panel.finish()
    return series


def _type_line(word: Callable[[str], str], share: TypeShare) -> str:
    return _("{type}: {share} ({count})").format(type=word(share.code), share=format_percent(share.share),
                                                 count=format_number(share.calls))


def _clicked_type(panel: ChartPanel, figures: PeriodFigures, code: str | None) -> None:
    if code is not None:
        panel.drill.emit(Drill(figures.first, figures.last, issue_type=code, caption=_type_word(figures)(code)))
