"""The figures of a period, by SQL aggregation, against the hand-counted week of tests/services/figure_data.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from desktop.models.figure_queries import offset_runs
from desktop.services.database import Database
from desktop.services.figures import FigureService, PeriodRefused
from tests.helpers import FakeClock, local_zone
from tests.services.figure_data import MONDAY, build_week, now

WEEK_END = MONDAY + timedelta(days=7)


@pytest.fixture
def agents(shanghai: None, database: Database) -> tuple[int, int]:
    return build_week(database)


def service(database: Database) -> FigureService:
    return FigureService(database.sessions, clock=FakeClock(now()))


def test_week_totals_by_hand(database: Database, agents: tuple[int, int]) -> None:
    total = service(database).period(MONDAY, WEEK_END).total
    assert total.calls == 5  # tickets 1–5 (6 void, 7 and 8 outside the week)
    assert total.csat == pytest.approx(2 / 4)  # satisfied 1 and 4 (score 4) of surveyed 1, 2, 3, 4
    assert total.average_score == pytest.approx(4.5)  # (5 + 4) / 2
    assert total.resolution_rate == pytest.approx(1 / 2)  # problems 1 (complaint) and 3 (fault): 1 resolved
    assert total.fcr == pytest.approx(3 / 4)  # yes 1, 2, 5 of recorded 1, 2, 3, 5
    assert total.aht == pytest.approx(200)  # (120 + 180 + 300 + 200) / 4
    assert total.on_time_rate == pytest.approx(1 / 3)  # kept 1 of judged 1, 2, 3 (5 still ahead, 4 no deadline)


def test_per_day_in_local_days(database: Database, agents: tuple[int, int]) -> None:
    days = service(database).period(MONDAY, WEEK_END).days
    assert [d.day for d in days] == [MONDAY + timedelta(days=n) for n in range(7)]
    assert [d.tally.calls for d in days] == [2, 2, 1, 0, 0, 0, 0]  # ticket 5 is Tuesday in UTC, Wednesday here
    assert dict(days[0].calls_by_type) == {"complaint": 1, "consult": 1}
    assert dict(days[1].calls_by_type) == {"fault": 1, "consult": 1}
    assert days[3].tally.csat is None and days[3].calls_by_type == ()


def test_per_agent(database: Database, agents: tuple[int, int]) -> None:
    rows = service(database).period(MONDAY, WEEK_END).agents
    assert [(r.code, r.name, r.tally.calls) for r in rows] == [("A1001", "张敏", 3), ("A1002", "李强", 2)]
    a, b = rows
    assert a.tally.aht == pytest.approx((120 + 180 + 200) / 3)
    assert a.tally.fcr == pytest.approx(1.0)  # 3 of 3
    assert a.tally.csat == pytest.approx(1 / 2)  # 满意 and 基本满意
    assert b.tally.aht == pytest.approx(300)  # ticket 4 has no handle time
    assert b.tally.fcr == pytest.approx(0.0)  # 0 of 1 recorded
    assert b.tally.csat == pytest.approx(1 / 2)  # 不满意 and score 4


def test_top_types_with_shares(database: Database, agents: tuple[int, int]) -> None:
    top = service(database).period(MONDAY, WEEK_END).top_types
    assert [(t.code, t.calls) for t in top] == [("consult", 3), ("complaint", 1), ("fault", 1)]
    assert top[0].share == pytest.approx(3 / 5)


def test_one_agent_and_one_type(database: Database, agents: tuple[int, int]) -> None:
    only_b = service(database).period(MONDAY, WEEK_END, agent_id=agents[1])
    assert only_b.total.calls == 2 and [r.code for r in only_b.agents] == ["A1002"]
    consults = service(database).period(MONDAY, WEEK_END, issue_type="consult").total
    assert consults.calls == 3 and consults.aht == pytest.approx((180 + 200) / 2)


def test_empty_period_gives_no_figures(database: Database, agents: tuple[int, int]) -> None:
    empty = service(database).period(MONDAY + timedelta(days=3), MONDAY + timedelta(days=6))
    assert empty.total.calls == 0 and empty.agents == () and empty.top_types == ()
    assert (empty.total.csat, empty.total.fcr, empty.total.aht, empty.total.on_time_rate,
            empty.total.resolution_rate) == (None, None, None, None, None)


def test_a_backwards_period_is_refused(database: Database, english: None) -> None:
    with pytest.raises(PeriodRefused, match="end"):
        FigureService(database.sessions).period(WEEK_END, MONDAY)


@pytest.fixture
def berlin() -> Iterator[None]:
    """A local time zone with summer time: clocks go back on 2026-10-25 at 03:00 (+2 → +1)."""
    yield from local_zone("Europe/Berlin")


def test_days_stay_local_across_a_change_of_summer_time(berlin: None, database: Database) -> None:
    from datetime import date

    from desktop.models.entities import Agent, Customer
    from tests.services.figure_data import PHONE, add_ticket, local

    spring, autumn = date(2026, 3, 29), date(2026, 10, 25)
    assert list(offset_runs(autumn - timedelta(days=2), autumn + timedelta(days=2))) == [
        (autumn - timedelta(days=2), autumn + timedelta(days=1), timedelta(hours=2)),
        (autumn + timedelta(days=1), autumn + timedelta(days=2), timedelta(hours=1))]
    with database.sessions.begin() as session:
        agent = Agent(code="A1009", name="测试", created_at=local(spring, 1))
        customer = Customer(phone=PHONE, phone_last4=PHONE[-4:], name="", first_seen_at=local(spring, 1))
        session.add_all([agent, customer])
        session.flush()
        for day in (spring, autumn):
            for hour, minute in ((0, 10), (12, 0), (23, 30)):
                add_ticket(session, agent, customer, local(day, hour, minute), "consult")
            add_ticket(session, agent, customer, local(day + timedelta(days=1), 0, 10), "consult")
    figures = FigureService(database.sessions)
    for day in (spring, autumn):
        days = figures.period(day - timedelta(days=1), day + timedelta(days=2)).days
        assert [(d.day, d.tally.calls) for d in days] == [(day - timedelta(days=1), 0), (day, 3),
                                                         (day + timedelta(days=1), 1)]
