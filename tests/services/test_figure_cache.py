"""The cache of past days' figures (figure_day_cells): the same figures as computed live, forgotten when a
ticket of the day changes, the clock-dependent on-time part always live, a read-only database served live."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, event, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.engine import make_engine, make_session_factory
from desktop.models.entities import FIGURE_COLUMNS, Agent, Customer, FigureDayCell, Ticket
from desktop.services import figure_source
from desktop.services.database import Database
from desktop.services.figures import FigureService, PeriodFigures
from tests.helpers import FakeClock, local_zone
from tests.services.figure_data import MONDAY, add_ticket, build_week, local, now

WEEK_END = MONDAY + timedelta(days=7)
TUESDAY, WEDNESDAY, THURSDAY = (MONDAY + timedelta(days=n) for n in (1, 2, 3))


@pytest.fixture
def agents(shanghai: None, database: Database) -> tuple[int, int]:
    return build_week(database)


@pytest.fixture
def read_only(database: Database) -> Iterator[sessionmaker[Session]]:
    """Sessions on the same database that may not write (SQLite query_only, a PostgreSQL read-only session)."""
    if database.engine.dialect.name == "sqlite":
        engine = make_engine(database.url)
        event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA query_only=ON"))
    else:
        from sqlalchemy import create_engine

        engine = create_engine(database.url, connect_args={"options": "-c default_transaction_read_only=on"})
    yield make_session_factory(engine)
    engine.dispose()


def _figures(sessions: sessionmaker[Session], clock: FakeClock, first: date = MONDAY,
             end: date = WEEK_END) -> PeriodFigures:
    return FigureService(sessions, clock=clock).period(first, end)


def _cached_days(database: Database) -> dict[date, int]:
    """Cached day → its UTC offset in seconds (the marker rows)."""
    with database.sessions() as session:
        rows = session.execute(select(FigureDayCell.day, FigureDayCell.offset_seconds)
                               .where(FigureDayCell.issue_type == "", FigureDayCell.agent_id == 0))
        return {row.day: row.offset_seconds for row in rows}


def _ticket_at(database: Database, day: date, hour: int) -> int:
    with database.sessions() as session:
        return int(session.execute(select(Ticket.id).where(Ticket.call_started_at == local(day, hour))).scalar_one())


@pytest.fixture
def computed(database: Database, agents: tuple[int, int], read_only: sessionmaker[Session]) -> Callable[
        [FakeClock], PeriodFigures]:
    """The week's figures through the cache, checked against the read-only (live) ones each time."""

    def check(clock: FakeClock) -> PeriodFigures:
        live = _figures(read_only, clock)
        cached = _figures(database.sessions, clock)
        assert cached == live
        assert _figures(database.sessions, clock) == live  # from the cache this time
        return cached

    return check


def test_past_days_are_cached_with_the_figures_computed_live(
        database: Database, agents: tuple[int, int], read_only: sessionmaker[Session]) -> None:
    clock = FakeClock(now())  # Thursday noon: Monday to Wednesday are past
    live = _figures(read_only, clock)
    assert _cached_days(database) == {}  # the read-only sessions computed without writing
    assert _figures(database.sessions, clock) == live
    assert _cached_days(database) == {MONDAY: 8 * 3600, TUESDAY: 8 * 3600, WEDNESDAY: 8 * 3600}
    assert _figures(database.sessions, clock) == live
    assert _figures(read_only, clock) == live  # a read-only station reads the cache too
    assert (live.total.calls, live.total.on_time_rate) == (5, pytest.approx(1 / 3))


def test_a_cached_day_is_not_computed_again(database: Database, agents: tuple[int, int],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock(now())
    first = _figures(database.sessions, clock)
    asked: list[tuple[date, date, datetime | None]] = []
    original = figure_source.figure_cells

    def spy(session: Session, start: date, stop: date, at: datetime | None, **only: Any) -> Any:
        asked.append((start, stop, at))
        return original(session, start, stop, at, **only)

    monkeypatch.setattr(figure_source, "figure_cells", spy)
    assert _figures(database.sessions, clock) == first
    assert asked == [(THURSDAY, WEEK_END, clock.now)]  # today and later only
    one_agent = FigureService(database.sessions, clock=clock).period(MONDAY, WEEK_END, agent_id=agents[1])
    assert one_agent.total.calls == 2 and [a.code for a in one_agent.agents] == ["A1002"]
    consults = FigureService(database.sessions, clock=clock).period(MONDAY, WEEK_END, issue_type="consult")
    assert consults.total.calls == 3 and consults.total.aht == pytest.approx((180 + 200) / 2)


def test_days_without_calls_are_cached_empty(database: Database, agents: tuple[int, int],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock(now())
    week_before = MONDAY - timedelta(days=7)
    figures = _figures(database.sessions, clock, week_before, MONDAY)
    assert [d.tally.calls for d in figures.days] == [0, 0, 0, 0, 0, 0, 1]  # ticket 7, Sunday 23:50
    assert set(_cached_days(database)) == {week_before + timedelta(days=n) for n in range(7)}
    monkeypatch.setattr(figure_source, "figure_cells", None)  # nothing may be computed any more
    assert _figures(database.sessions, clock, week_before, MONDAY) == figures


def _resolve_ticket_3(session: Session) -> None:
    session.execute(update(Ticket).where(Ticket.issue_type == "fault").values(resolved_at=local(TUESDAY, 15)))


def _void_ticket_1(session: Session) -> None:
    session.execute(update(Ticket).where(Ticket.issue_type == "complaint", Ticket.voided_at.is_(None))
                    .values(voided_at=local(TUESDAY, 8), void_reason="重复"))


def _delete_ticket_4(session: Session) -> None:
    session.execute(delete(Ticket).where(Ticket.satisfaction_score == 4, Ticket.satisfaction.is_(None)))


def _insert_on_monday(session: Session) -> None:
    agent = session.scalars(select(Agent).where(Agent.code == "A1002")).one()
    customer = session.scalars(select(Customer)).first()
    add_ticket(session, agent, customer, local(MONDAY, 23, 59), "consult", handle_seconds=60)


def _rate_ticket_2(session: Session) -> None:
    session.execute(update(Ticket).where(Ticket.satisfaction == "basic").values(satisfaction="satisfied"))


def _move_ticket_4_to_wednesday(session: Session) -> None:
    session.execute(update(Ticket).where(Ticket.satisfaction_score == 4, Ticket.satisfaction.is_(None))
                    .values(call_started_at=local(WEDNESDAY, 9)))


@pytest.mark.parametrize(("change", "expect"), [
    (_resolve_ticket_3, lambda f: f.total.resolution_rate == 1.0),
    (_void_ticket_1, lambda f: (f.total.calls, f.days[0].tally.calls) == (4, 1)),
    (_delete_ticket_4, lambda f: (f.total.calls, f.days[1].tally.calls) == (4, 1)),
    (_insert_on_monday, lambda f: (f.total.calls, f.days[0].tally.calls, f.total.aht) == (6, 3, 172)),
    (_rate_ticket_2, lambda f: f.total.csat == 3 / 4),
    (_move_ticket_4_to_wednesday, lambda f: [d.tally.calls for d in f.days[:3]] == [2, 1, 2]),
])
def test_a_ticket_written_on_a_cached_day_changes_the_figures(
        database: Database, computed: Callable[[FakeClock], PeriodFigures],
        change: Callable[[Session], None], expect: Callable[[PeriodFigures], bool]) -> None:
    clock = FakeClock(now())
    before = computed(clock)
    with database.sessions.begin() as session:
        change(session)
    after = computed(clock)
    assert after != before and expect(after)


def test_a_deadline_passing_changes_the_on_time_figure_without_a_write(
        database: Database, agents: tuple[int, int], read_only: sessionmaker[Session]) -> None:
    clock = FakeClock(now())
    with database.sessions.begin() as session:  # Wednesday, due Thursday 15:00, not answered
        agent = session.scalars(select(Agent).where(Agent.code == "A1001")).one()
        add_ticket(session, agent, session.scalars(select(Customer)).first(), local(WEDNESDAY, 16), "consult",
                   response_due_at=local(THURSDAY, 15))
    assert _figures(database.sessions, clock).total.on_time_rate == pytest.approx(1 / 3)
    cached = _cached_days(database)
    clock.advance(hours=4)  # Thursday 16:00: its deadline has passed
    later = _figures(database.sessions, clock)
    assert later.total.on_time_rate == pytest.approx(1 / 4)
    assert later.days[2].tally.judged == 1 and later.days[2].tally.kept == 0
    assert _cached_days(database) == cached
    assert later == _figures(read_only, clock)


def test_a_day_cached_with_another_utc_offset_is_computed_again(
        database: Database, agents: tuple[int, int], read_only: sessionmaker[Session]) -> None:
    clock = FakeClock(now())
    _figures(database.sessions, clock)
    assert set(_cached_days(database).values()) == {8 * 3600}
    berlin = local_zone("Europe/Berlin")
    next(berlin)
    try:
        live = _figures(read_only, clock)
        assert _figures(database.sessions, clock) == live
        assert _cached_days(database) == {MONDAY: 2 * 3600, TUESDAY: 2 * 3600, WEDNESDAY: 2 * 3600}
        assert _figures(database.sessions, clock) == live
    finally:
        next(berlin, None)


def test_a_failed_cache_write_gives_the_live_figures(
        database: Database, agents: tuple[int, int], read_only: sessionmaker[Session],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    def refuse(*_args: object) -> None:
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    clock = FakeClock(now())
    monkeypatch.setattr(figure_source, "store_days", refuse)
    assert _figures(database.sessions, clock) == _figures(read_only, clock)
    assert _cached_days(database) == {}


def test_a_fill_waits_for_a_ticket_write_in_progress(database: Database, agents: tuple[int, int],
                                                     read_only: sessionmaker[Session]) -> None:
    """The cache is never filled from a day a write is still changing: the filler waits for the write."""
    clock = FakeClock(now())
    writer = database.sessions.begin()
    session = writer.__enter__()
    _resolve_ticket_3(session)
    session.flush()
    results: list[PeriodFigures] = []
    filler = threading.Thread(target=lambda: results.append(_figures(database.sessions, clock)))
    filler.start()
    time.sleep(0.3)
    still_waiting = filler.is_alive()
    writer.__exit__(None, None, None)
    filler.join(30)
    assert still_waiting and results
    assert results[0].total.resolution_rate == 1.0
    assert _figures(database.sessions, clock) == _figures(read_only, clock) == results[0]


def test_a_fill_that_cannot_get_the_lock_gives_the_live_figures(
        database: Database, agents: tuple[int, int], read_only: sessionmaker[Session]) -> None:
    """PostgreSQL: a long ticket transaction (an import) holds the lock shared; the filler does not queue
    behind it (that would hold up every other save), it computes without the cache."""
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite writers take the database's write lock (BEGIN IMMEDIATE), no advisory lock")
    from desktop.models.figure_cache import FILL_LOCK

    clock = FakeClock(now())
    with database.engine.connect() as importing:
        importing.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"), {"key": FILL_LOCK})
        assert _figures(database.sessions, clock) == _figures(read_only, clock)
        assert _cached_days(database) == {}
        importing.rollback()
    _figures(database.sessions, clock)
    assert len(_cached_days(database)) == 3


def test_the_triggers_watch_every_figure_column(database: Database) -> None:
    """A later migration that rebuilds the tickets table (SQLite batch mode drops its triggers) fails here."""
    with database.sessions() as session:
        if database.engine.dialect.name == "sqlite":
            triggers = dict(session.execute(text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'tickets'")).all())
            assert {"figure_cells_forget_insert", "figure_cells_forget_delete"} <= set(triggers)
            watched = triggers["figure_cells_forget_update"].split(" UPDATE OF ", 1)[1].split(" ON ", 1)[0]
            columns = watched.split(", ")
        else:
            events = set(session.execute(text(
                "SELECT event_manipulation FROM information_schema.triggers "
                "WHERE trigger_name = 'figure_cells_forget' AND event_object_table = 'tickets'")).scalars())
            assert events == {"INSERT", "UPDATE", "DELETE"}
            columns = list(session.execute(text(
                "SELECT event_object_column FROM information_schema.triggered_update_columns "
                "WHERE trigger_name = 'figure_cells_forget'")).scalars())
    assert sorted(columns) == sorted(FIGURE_COLUMNS)


def test_the_retention_purge_forgets_the_days_it_empties(database: Database, tmp_path: Path) -> None:
    from desktop.services.retention import RetentionService
    from tests.account_helpers import build_centre
    from tests.helpers import make_draft

    clock = FakeClock(datetime(2023, 10, 15, 2, 0).astimezone())
    centre = build_centre(database, clock)
    old = clock.now - timedelta(days=3 * 365)
    centre.tickets.create(make_draft(call_started_at=old, description="旧的咨询"), centre.agent)
    first = old.astimezone().date()
    figures = FigureService(database.sessions, clock=clock)
    assert figures.period(first, first + timedelta(days=2)).total.calls == 1
    assert first in _cached_days(database)
    service = RetentionService(database.sessions, clock=clock)
    assert service.purge(centre.admin, tmp_path / "removed.csv", service.plan()) == 1
    assert first not in _cached_days(database)
    assert figures.period(first, first + timedelta(days=2)).total.calls == 0


def test_unchanged_figures_after_an_edit_elsewhere(database: Database, agents: tuple[int, int]) -> None:
    """A change outside the figures' columns (a remark) keeps the cached day."""
    clock = FakeClock(now())
    figures = _figures(database.sessions, clock)
    cached = _cached_days(database)
    with database.sessions.begin() as session:
        session.execute(update(Ticket).values(remark="备注"))
    assert _cached_days(database) == cached
    assert _figures(database.sessions, clock) == figures
    with database.sessions() as session:
        assert session.execute(select(func.count()).select_from(FigureDayCell)).scalar_one() > len(cached)
