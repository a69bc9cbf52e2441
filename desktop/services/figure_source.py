"""The cells of a period (desktop/models/figure_queries.py), past days from the cache of figure_day_cells.

A past local day (before today on the service's clock) is read from the cache, or computed once and stored
there; today and later days are computed live. What the clock changes on a past day — a deadline passing
without an answer — is never cached: those tickets are counted live on the partial index ix_tickets_unanswered.
The figures are the same as computing everything live, to the last count.

Filling runs in a write transaction under the fill lock (:func:`desktop.models.figure_cache.lock_for_fill`),
so no ticket write can slip between computing a day and storing it. When the cache cannot be written
(a read-only database, the lock not granted within a second) the figures are computed live.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.figure_cache import FillBusy, lock_for_fill, read_days, store_days
from desktop.models.figure_queries import Cell, figure_cells, late_cells
from desktop.rules.figures import Tally

log = logging.getLogger(__name__)


def _runs(days: Iterable[date]) -> Iterator[tuple[date, date]]:
    """Runs [start, stop) of consecutive days (``days`` in order)."""
    run: list[date] = []
    for day in days:
        if run and day != run[-1] + timedelta(days=1):
            yield run[0], run[-1] + timedelta(days=1)
            run = []
        run.append(day)
    if run:
        yield run[0], run[-1] + timedelta(days=1)


def _merged(cells: Iterable[Cell]) -> list[Cell]:
    tallies: dict[tuple[date, str, int], Tally] = {}
    for cell in cells:
        key = (cell.day, cell.issue_type, cell.agent_id)
        tallies[key] = tallies[key] + cell.tally if key in tallies else cell.tally
    return [Cell(day, issue_type, agent_id, tally) for (day, issue_type, agent_id), tally in tallies.items()]


class _Period:
    """One request: local days [first, end) at ``now``, optionally one agent or one type."""

    def __init__(self, first: date, end: date, now: datetime, agent_id: int | None, issue_type: str | None) -> None:
        self.first, self.end, self.now = first, end, now
        self.agent_id, self.issue_type = agent_id, issue_type
        self.past_end = min(end, max(first, now.astimezone().date()))
        self.past_days = [first + timedelta(days=n) for n in range((self.past_end - first).days)]

    def wanted(self, cell: Cell) -> bool:
        return ((self.agent_id is None or cell.agent_id == self.agent_id)
                and (self.issue_type is None or cell.issue_type == self.issue_type))

    def live(self, session: Session) -> list[Cell]:
        return figure_cells(session, self.first, self.end, self.now, agent_id=self.agent_id,
                            issue_type=self.issue_type)

    def assemble(self, session: Session, past: Iterable[Cell]) -> list[Cell]:
        """The past days' clock-free cells, their deadlines passed unanswered, and today and later live."""
        only = {"agent_id": self.agent_id, "issue_type": self.issue_type}
        cells = [cell for cell in past if self.wanted(cell)]
        cells += late_cells(session, self.first, self.past_end, self.now, **only)
        if self.past_end < self.end:
            cells += figure_cells(session, self.past_end, self.end, self.now, **only)
        return _merged(cells)


def period_cells(sessions: sessionmaker[Session], first: date, end: date, now: datetime, *,
                 agent_id: int | None = None, issue_type: str | None = None) -> list[Cell]:
    """The cells of local days [first, end) at ``now``, as :func:`figure_cells` gives them live."""
    period = _Period(first, end, now, agent_id, issue_type)
    with sessions() as session:
        if not period.past_days:
            return period.live(session)
        cached = read_days(session, first, period.past_end)
        if len(cached.valid(period.past_days)) == len(period.past_days):
            return period.assemble(session, cached.cells)
    try:
        return _fill(sessions, period)
    except (OperationalError, DBAPIError, FillBusy) as exc:
        log.warning("the figure cache could not be written (%s): figures computed without it", type(exc).__name__)
    with sessions() as session:
        return period.live(session)


def _fill(sessions: sessionmaker[Session], period: _Period) -> list[Cell]:
    with sessions.begin() as session:
        lock_for_fill(session)
        # Read again under the lock: another workstation may have filled days, a ticket write emptied some.
        cached = read_days(session, period.first, period.past_end)
        valid = cached.valid(period.past_days)
        missing = [day for day in period.past_days if day not in valid]
        computed: list[Cell] = []
        for start, stop in _runs(missing):
            computed += figure_cells(session, start, stop, None)
        store_days(session, missing, computed)
        cells = period.assemble(session, [cell for cell in cached.cells if cell.day in valid] + computed)
    return cells
