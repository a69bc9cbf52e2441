"""The cache of the figures' cells of past local days (table figure_day_cells, migration 0011).

A cached day is a marker row (issue type ``''``, agent 0, zeros) plus one row per cell, all carrying the day's
UTC bounds and the UTC offset it was computed with. Triggers on tickets delete a day's rows when a ticket of
that day is inserted, changed or deleted, so what is here is always what :func:`figure_cells` would give with
``now`` None; a day whose bounds or offset differ from the workstation's (another time zone, new summer-time
rules) is taken as not cached.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from desktop.models.engine import upsert_insert
from desktop.models.entities import FigureDayCell
from desktop.models.figure_queries import Cell, day_offset
from desktop.models.ticket_queries import local_day_start
from desktop.rules.figures import Tally

# Taken exclusively by a filler; the tickets' trigger function shares it (the value is in migration 0011).
FILL_LOCK = 7411011
MARKER_TYPE, MARKER_AGENT = "", 0
_TALLY = [f.name for f in fields(Tally)]
_COLUMNS = ["judged_answered" if name == "judged" else name for name in _TALLY]


@dataclass(frozen=True)
class DayBounds:
    """A local day as the workstation sees it: its UTC start and end, and the UTC offset at its midnight."""

    utc_start: datetime
    utc_end: datetime
    offset_seconds: int

    @classmethod
    def of(cls, day: date) -> DayBounds:
        return cls(local_day_start(day), local_day_start(day + timedelta(days=1)),
                   int(day_offset(day).total_seconds()))


@dataclass(frozen=True)
class CachedDays:
    """What the cache holds of a range of days: which days (with the bounds they were computed with) and the
    cells of those days."""

    bounds: dict[date, DayBounds]
    cells: list[Cell]

    def valid(self, days: Iterable[date]) -> set[date]:
        """The days of ``days`` cached with the workstation's bounds of today."""
        return {day for day in days if self.bounds.get(day) == DayBounds.of(day)}


def read_days(session: Session, first: date, end: date) -> CachedDays:
    """Everything cached of local days [first, end)."""
    c = FigureDayCell.__table__.c
    in_range = (c.day >= first, c.day < end)
    marker = (c.issue_type == MARKER_TYPE) & (c.agent_id == MARKER_AGENT)
    bounds = {row[0]: DayBounds(row[1], row[2], int(row[3])) for row in session.execute(
        select(c.day, c.utc_start, c.utc_end, c.offset_seconds).where(*in_range, marker))}
    tally = [c[name] for name in _COLUMNS]
    cells = [Cell(row[0], row[1], int(row[2]), Tally(*row[3:])) for row in session.execute(
        select(c.day, c.issue_type, c.agent_id, *tally).where(*in_range, ~marker))]
    return CachedDays(bounds, cells)


class FillBusy(Exception):
    """Ticket writes kept the fill lock taken: the figures are computed without the cache this time."""


def lock_for_fill(session: Session, *, attempts: int = 20, pause: float = 0.05) -> None:
    """Keep ticket writes out while days are computed and stored.

    PostgreSQL: the advisory lock the tickets' trigger takes shared, taken here exclusively. It is tried, not
    waited for: a waiting exclusive request would queue every other station's ticket save behind a long
    transaction (an import) that holds it shared. SQLite: the caller's write transaction already holds the
    database's write lock (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for attempt in range(attempts):
        if session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": FILL_LOCK}).scalar_one():
            return
        if attempt + 1 < attempts:
            time.sleep(pause)
    raise FillBusy


def _row(day: date, bounds: DayBounds, issue_type: str, agent_id: int, tally: Tally) -> dict[str, Any]:
    row: dict[str, Any] = {"day": day, "issue_type": issue_type, "agent_id": agent_id,
                           "utc_start": bounds.utc_start, "utc_end": bounds.utc_end,
                           "offset_seconds": bounds.offset_seconds}
    row.update(zip(_COLUMNS, (getattr(tally, name) for name in _TALLY), strict=True))
    return row


def store_days(session: Session, days: Iterable[date], cells: Iterable[Cell]) -> None:
    """Replace the cache of ``days`` by ``cells`` (computed with ``now`` None, within the fill lock)."""
    wanted = sorted(set(days))
    if not wanted:
        return
    bounds = {day: DayBounds.of(day) for day in wanted}
    rows = [_row(day, bounds[day], MARKER_TYPE, MARKER_AGENT, Tally()) for day in wanted]
    rows.extend(_row(cell.day, bounds[cell.day], cell.issue_type, cell.agent_id, cell.tally) for cell in cells)
    for chunk in range(0, len(wanted), 500):
        session.execute(delete(FigureDayCell).where(FigureDayCell.day.in_(wanted[chunk:chunk + 500])))
    insert = upsert_insert(session)
    # Under the fill lock no other workstation stores these days; should one have (the same cells), keep its rows.
    session.execute(insert(FigureDayCell).on_conflict_do_nothing(), rows)
