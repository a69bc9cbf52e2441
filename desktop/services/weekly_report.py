"""What the weekly report prints (SPEC §4): the week's figures and the agent weekly sheet with its notes."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.rules.weeks import week_days
from desktop.services.figures import FigureService, PeriodFigures
from desktop.services.week_notes import AgentNote, WeekNotesService


@dataclass(frozen=True)
class WeeklyReport:
    week: str  # ISO week, "2026-W47"
    figures: PeriodFigures
    notes: dict[int, AgentNote]  # by agent id

    def note(self, agent_id: int) -> AgentNote:
        return self.notes.get(agent_id, AgentNote())


def weekly_report(figures: FigureService, notes: WeekNotesService, week: str) -> WeeklyReport:
    """The report of ISO week ``week`` (WeekError when it is not one)."""
    first, end = week_days(week)
    return WeeklyReport(week, figures.period(first, end), notes.notes(week))
