"""The one aggregation behind every figure: sums per local day × issue type × agent, in SQL.

Each row is a :class:`desktop.rules.figures.Tally` of one cell; days, agents, types and the period are sums
of cells, so one pass over the covering index ``ix_tickets_figures`` gives them all. The local day is the
UTC time shifted by the workstation's UTC offset at local midnight, applied per run of days with the same
offset (a change of summer time starts a new run, and the hour after clocks go back is kept on its day).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, case, cast, func, literal, select
from sqlalchemy.orm import Session

from desktop.models.entities import Ticket
from desktop.models.ticket_queries import local_day_start
from desktop.models.visits import Visit
from desktop.rules.figures import DETRACTOR_MAX, PROBLEM_TYPES, PROMOTER_MIN, Tally
from desktop.rules.on_time import SATISFIED, SATISFIED_MIN_SCORE


@dataclass(frozen=True)
class Cell:
    day: date
    issue_type: str
    agent_id: int
    tally: Tally


def day_offset(day: date) -> timedelta:
    """The UTC offset at local midnight of ``day``."""
    return datetime.combine(day, time.min).astimezone().utcoffset() or timedelta(0)


def offset_runs(first: date, end: date) -> Iterator[tuple[date, date, timedelta]]:
    """Runs [start, stop) of local days in [first, end) that share one UTC offset."""
    start = first
    while start < end:
        offset = day_offset(start)
        stop = start + timedelta(days=1)
        while stop < end and day_offset(stop) == offset:
            stop += timedelta(days=1)
        yield start, stop, offset
        start = stop


def _local_day(dialect: str, offset: timedelta) -> Any:
    seconds = int(offset.total_seconds())
    if dialect == "sqlite":
        return func.date(Ticket.call_started_at, literal(f"{seconds:+d} seconds"))
    return cast(func.timezone("UTC", Ticket.call_started_at) + literal(offset), Date)


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _sums(now: datetime | None) -> list[Any]:
    """The sums of a Tally; with ``now`` None, ``judged`` counts only the answered deadlines (what no clock
    changes: :func:`late_cells` counts the rest)."""
    t = Ticket
    rated = func.coalesce(t.satisfaction, "") != ""
    due, responded = t.response_due_at, t.responded_at
    problem = t.issue_type.in_(PROBLEM_TYPES)
    judged = responded.is_not(None) if now is None else responded.is_not(None) | (due < now)
    return [
        func.count(),
        _count(rated | t.satisfaction_score.is_not(None)),
        func.coalesce(func.sum(case((rated, case((t.satisfaction == SATISFIED, 1), else_=0)),
                                    (t.satisfaction_score >= SATISFIED_MIN_SCORE, 1), else_=0)), 0),
        func.count(t.satisfaction_score),
        func.coalesce(func.sum(t.satisfaction_score), 0),
        _count(problem),
        _count(problem & t.resolved_at.is_not(None)),
        func.count(t.first_contact_resolved),
        _count(t.first_contact_resolved.is_(True)),
        func.count(t.handle_seconds),
        func.coalesce(func.sum(t.handle_seconds), 0),
        _count(due.is_not(None) & judged),
        _count(due.is_not(None) & responded.is_not(None) & (responded <= due)),
    ]


def _grouped(session: Session, first: date, end: date, columns: list[Any], conditions: list[Any],
             agent_id: int | None, issue_type: str | None) -> Iterator[tuple[date, str, int, list[int]]]:
    """``columns`` per local day × issue type × agent of local days [first, end), void tickets left out."""
    dialect = session.get_bind().dialect.name
    for start, stop, offset in offset_runs(first, end):
        day = _local_day(dialect, offset).label("day")
        statement = (
            select(day, Ticket.issue_type, Ticket.agent_id, *columns)
            .where(Ticket.call_started_at >= local_day_start(start), Ticket.call_started_at < local_day_start(stop),
                   Ticket.voided_at.is_(None), *conditions)
            .group_by(day, Ticket.issue_type, Ticket.agent_id)
        )
        if agent_id is not None:
            statement = statement.where(Ticket.agent_id == agent_id)
        if issue_type is not None:
            statement = statement.where(Ticket.issue_type == issue_type)
        last = stop - timedelta(days=1)
        for row in session.execute(statement):
            value = row[0]
            cell_day = value if isinstance(value, date) else date.fromisoformat(str(value))
            # The hour after clocks go back is shifted by the day's earlier offset, into the next day: it
            # belongs to the run's last day (the query's range is exactly the run's local days).
            cell_day = min(max(cell_day, start), last)
            yield cell_day, row[1], int(row[2]), [int(v) for v in row[3:]]


def figure_cells(session: Session, first: date, end: date, now: datetime | None, *, agent_id: int | None = None,
                 issue_type: str | None = None) -> list[Cell]:
    """The cells of local days [first, end), void tickets left out; optionally one agent or one type.

    ``now`` None leaves the unanswered deadlines out of ``judged`` (the part :func:`late_cells` counts)."""
    return [Cell(day, issue, agent, Tally(*values))
            for day, issue, agent, values in _grouped(session, first, end, _sums(now), [], agent_id, issue_type)]


def late_cells(session: Session, first: date, end: date, now: datetime, *, agent_id: int | None = None,
               issue_type: str | None = None) -> list[Cell]:
    """The deadlines of local days [first, end) passed by ``now`` without an answer, as cells that count only
    ``judged`` (the partial index ix_tickets_unanswered holds these tickets)."""
    t = Ticket
    conditions = [t.responded_at.is_(None), t.response_due_at.is_not(None), t.response_due_at < now]
    return [Cell(day, issue, agent, Tally(judged=values[0]))
            for day, issue, agent, values in _grouped(session, first, end, [func.count()], conditions,
                                                      agent_id, issue_type)]


def visit_recommendations(session: Session, first: date, end: date) -> tuple[int, int, int]:
    """(promoters 9–10, detractors 0–6, surveyed) of the follow-up visits made on local days [first, end)."""
    score = Visit.recommendation
    promoters, detractors, surveyed = session.execute(
        select(func.count(case((score >= PROMOTER_MIN, 1))), func.count(case((score <= DETRACTOR_MAX, 1))),
               func.count(score))
        .where(Visit.visited_at >= local_day_start(first), Visit.visited_at < local_day_start(end))).one()
    return int(promoters), int(detractors), int(surveyed)
