"""The figures of SPEC §4 for a period of local days, per day, per agent and per issue type.

Every number comes from one SQL aggregation (desktop/models/figure_queries.py), the cells of past days kept
in a cache (desktop/services/figure_source.py); Python only adds up the aggregated cells. The formulas are in
desktop/rules/figures.py. What the weekly report and the dashboard ask.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _
from desktop.models.entities import Agent
from desktop.models.figure_queries import Cell, visit_recommendations
from desktop.rules.figures import Tally, TypeShare, top_shares
from desktop.rules.figures import nps as nps_of
from desktop.services.archive import choice_words
from desktop.services.clock import Clock, utc_now
from desktop.services.errors import ServiceError, reading
from desktop.services.figure_source import period_cells

MAX_DAYS = 3 * 366


@dataclass(frozen=True)
class DayFigures:
    day: date
    tally: Tally
    calls_by_type: tuple[tuple[str, int], ...]  # most calls first


@dataclass(frozen=True)
class AgentFigures:
    agent_id: int
    code: str
    name: str
    tally: Tally


@dataclass(frozen=True)
class TypeFigures:
    code: str
    tally: Tally


@dataclass(frozen=True)
class PeriodFigures:
    """Local days [first, end): the whole period, each day (every day listed, empty ones too), each agent
    (by 工号), each issue type (most calls first), the top types with their shares, and the words for codes."""

    first: date
    end: date
    total: Tally
    days: tuple[DayFigures, ...]
    agents: tuple[AgentFigures, ...]
    types: tuple[TypeFigures, ...]
    top_types: tuple[TypeShare, ...]
    labels: dict[str, dict[str, str]]
    generated_at: datetime
    nps: float | None = None  # from the follow-up visits' 0–10 scores (the whole centre; None: none given)

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)


def _sum_by(cells: Iterable[Cell], key: str) -> dict[object, Tally]:
    groups: dict[object, list[Tally]] = defaultdict(list)
    for cell in cells:
        groups[getattr(cell, key)].append(cell.tally)
    return {k: Tally.total(v) for k, v in groups.items()}


class PeriodRefused(ServiceError):
    """The period asked for cannot be reported (the message says which to choose)."""


class FigureService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def period(self, first: date, end: date, *, agent_id: int | None = None, issue_type: str | None = None,
               top: int = 5) -> PeriodFigures:
        """The figures of local days ``first`` (included) to ``end`` (excluded), optionally of one agent or type."""
        if end <= first:
            raise PeriodRefused(_("The period ends before it starts: choose an end date after the start date."))
        if (end - first).days > MAX_DAYS:
            raise PeriodRefused(_("The period is longer than three years: choose a shorter one."))
        now = self._clock()
        with reading():
            cells = period_cells(self._sessions, first, end, now, agent_id=agent_id, issue_type=issue_type)
        with reading(), self._sessions() as session:
            agent_ids = sorted({cell.agent_id for cell in cells})
            people = {row.id: (row.code, row.name) for row in session.execute(
                select(Agent.id, Agent.code, Agent.name).where(Agent.id.in_(agent_ids)))} if agent_ids else {}
            labels = choice_words(session)
            # Visits are the centre's, not an agent's or a type's: NPS for the whole centre only.
            nps = nps_of(*visit_recommendations(session, first, end)) \
                if agent_id is None and issue_type is None else None
        by_day = _sum_by(cells, "day")
        type_calls: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for cell in cells:
            type_calls[cell.day][cell.issue_type] += cell.tally.calls
        days = []
        for offset in range((end - first).days):
            day = first + timedelta(days=offset)
            counts = sorted(type_calls.get(day, {}).items(), key=lambda item: (-item[1], item[0]))
            days.append(DayFigures(day, by_day.get(day, Tally()), tuple(counts)))
        agents = sorted((AgentFigures(int(str(aid)), *people.get(int(str(aid)), (str(aid), "")), tally)
                         for aid, tally in _sum_by(cells, "agent_id").items()), key=lambda a: (a.code, a.agent_id))
        types = sorted((TypeFigures(str(code), tally) for code, tally in _sum_by(cells, "issue_type").items()),
                       key=lambda t: (-t.tally.calls, t.code))
        return PeriodFigures(
            first=first, end=end, total=Tally.total(cell.tally for cell in cells), days=tuple(days),
            agents=tuple(agents), types=tuple(types),
            top_types=top_shares({t.code: t.tally.calls for t in types}, top), labels=labels, generated_at=now,
            nps=nps)
