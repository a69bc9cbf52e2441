"""Demo data: exact count, SPEC §7 examples, realistic spread, determinism, cancellation, concurrency."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models.entities import Agent, Ticket, TimelineEntry
from desktop.rules.choices import BUILTIN, BUSINESS_MODULE, RETURNING_CUSTOMER
from desktop.rules.numbering import parse_ticket_number
from desktop.rules.order_number import check_order_number
from desktop.rules.phone import PHONE_LANDLINE, PHONE_MOBILE, check_phone
from desktop.rules.wording import wording_hint
from desktop.services.database import Database, open_database
from desktop.services.demo import DEMO_ACTOR, DEMO_AGENTS, generate_demo
from desktop.services.dto import Actor, TicketFilter
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.helpers import FakeClock

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2023, 11, 20, 4, 0, tzinfo=UTC)


def _clock() -> FakeClock:
    return FakeClock(NOW)


def _count(database: Database) -> int:
    return TicketListService(database.sessions).count(TicketFilter())


def _tickets(database: Database) -> list[Ticket]:
    with database.sessions() as session:
        return list(session.scalars(select(Ticket).order_by(Ticket.id)))


def _local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute).astimezone()


def test_demo_agents() -> None:
    assert DEMO_ACTOR in DEMO_AGENTS
    assert 6 <= len(DEMO_AGENTS) <= 8
    assert len({agent.code for agent in DEMO_AGENTS}) == len(DEMO_AGENTS)
    assert all(agent.code.startswith("A10") and agent.name for agent in DEMO_AGENTS)


def test_adds_exactly_count_with_the_spec_examples(database: Database) -> None:
    assert generate_demo(database, 50, seed=1, clock=_clock()) == 50
    assert _count(database) == 50

    service = TicketService(database.sessions)
    first = service.find_by_number("CS20231015001")
    assert "无法开机" in first.draft.description
    assert first.draft.priority == "urgent"
    assert first.draft.call_started_at is not None and first.draft.call_started_at.astimezone().date() == date(
        2023, 10, 15)
    assert first.department_name  # routed to a department
    assert first.draft.handler == "李工"
    assert first.draft.satisfaction == "satisfied"
    assert any("分派至技术部李工" in (item.note or "") for item in first.timeline)
    assert any(item.note and item.note.startswith("10:00 ") for item in first.timeline)
    second = service.find_by_number("CS20231015002")
    assert "订单实时进度提醒" in second.draft.description
    assert second.draft.issue_type == "suggestion"
    assert "V2.3" in second.draft.solution
    third = service.find_by_number("CS20231015003")
    assert "3天" in third.draft.description
    assert third.draft.business_module == "logistics"
    assert third.draft.satisfaction == "basic"

    listing = TicketListService(database.sessions)
    [returning] = listing.page(TicketFilter(date_from=date(2023, 10, 25), date_to=date(2023, 10, 25),
                                            text="无法开机"), 10)
    assert returning.customer_type == RETURNING_CUSTOMER
    fourth = service.get(returning.id)
    assert fourth.draft.emotion == "dissatisfied"
    assert fourth.draft.priority == "urgent"
    assert fourth.draft.call_started_at == _local(2023, 10, 25, 14, 30)
    assert fourth.draft.promised_feedback_at == _local(2023, 10, 26, 18, 0)
    assert "10月15日" in fourth.draft.remark

    [delivered] = [row for row in listing.page(TicketFilter(date_from=date(2023, 10, 27),
                                                        date_to=date(2023, 10, 27)), 50)
                   if "显示已签收" in row.description]
    fifth = service.get(delivered.id)
    assert fifth.number == "CS20231027001"
    assert fifth.draft.channel == "phone"
    assert fifth.draft.business_module == "logistics"
    assert fifth.draft.satisfaction_score == 4
    assert fifth.draft.promised_feedback_at == _local(2023, 10, 27, 18, 0)
    assert fifth.draft.call_started_at is not None
    assert fifth.draft.promised_feedback_at > fifth.draft.call_started_at

    rows = listing.page(TicketFilter(), 100)
    assert any(row.customer_type == RETURNING_CUSTOMER for row in rows)


def test_examples_taken_by_the_given_actor(database: Database) -> None:
    actor = Actor("B2001", "周婷")
    generate_demo(database, 12, actor=actor, seed=3, clock=_clock())
    detail = TicketService(database.sessions).find_by_number("CS20231015001")
    assert (detail.agent_code, detail.agent_name) == ("B2001", "周婷")


def test_without_examples_or_when_too_few(database: Database) -> None:
    assert generate_demo(database, 4, seed=2, clock=_clock()) == 4
    assert generate_demo(database, 6, seed=2, clock=_clock(), include_examples=False) == 6
    assert generate_demo(database, 0, seed=2, clock=_clock()) == 0
    assert _count(database) == 10
    assert TicketListService(database.sessions).count(TicketFilter(text="订单实时进度提醒功能")) == 0
    with pytest.raises(ValueError):
        generate_demo(database, -1)


def _fingerprint(path: Path, seed: int) -> list[tuple[str, str, str]]:
    database = open_database(str(path))
    try:
        generate_demo(database, 60, seed=seed, clock=_clock())
        rows = TicketListService(database.sessions).page(TicketFilter(), 1000)
    finally:
        database.close()
    return sorted((row.description, row.phone_masked, row.number) for row in rows)


def test_same_seed_same_data(tmp_path: Path) -> None:
    first = _fingerprint(tmp_path / "a.sqlite3", seed=11)
    second = _fingerprint(tmp_path / "b.sqlite3", seed=11)
    other = _fingerprint(tmp_path / "c.sqlite3", seed=12)
    assert len(first) == 60
    assert first == second
    assert sorted(d for d, _p, _n in first) != sorted(d for d, _p, _n in other)


def test_progress_false_cancels_after_the_current_chunk(database: Database) -> None:
    calls: list[tuple[int, int]] = []

    def stop_at_once(done: int, total: int) -> bool:
        calls.append((done, total))
        return False

    added = generate_demo(database, 50, seed=4, clock=_clock(), progress=stop_at_once)
    assert calls == [(added, 50)]
    assert 1 <= added < 50
    assert _count(database) == added


def test_progress_reports_often_and_stops_when_asked(database: Database) -> None:
    calls: list[tuple[int, int]] = []

    def until_100(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 100

    added = generate_demo(database, 600, seed=5, clock=_clock(), include_examples=False, progress=until_100)
    assert 100 <= added < 200  # chunks hold at most 100 tickets
    assert _count(database) == added
    done = [d for d, _t in calls]
    assert done == sorted(set(done)) and done[-1] == added
    assert {t for _d, t in calls} == {600}
    assert all(later - earlier <= 100 for earlier, later in zip([0, *done], done, strict=False))


def test_progress_sees_every_ticket(database: Database) -> None:
    calls: list[int] = []
    added = generate_demo(database, 230, seed=6, clock=_clock(), progress=lambda d, t: calls.append(d) is None)
    assert added == 230
    assert calls[-1] == 230
    assert len(calls) >= 3


def test_realistic_spread(database: Database) -> None:
    now = NOW
    assert generate_demo(database, 400, seed=7, clock=_clock(), include_examples=False) == 400
    tickets = _tickets(database)
    assert len(tickets) == 400

    starts = [t.call_started_at.astimezone() for t in tickets]
    assert min(t.call_started_at for t in tickets) >= now - timedelta(days=125)
    assert max(t.call_ended_at or now for t in tickets) <= now
    assert all(time(8, 30) <= s.time() <= time(20, 30) for s in starts)
    assert all(t.handle_seconds is not None and 60 <= t.handle_seconds <= 900 for t in tickets)
    assert all(t.call_ended_at == t.call_started_at + timedelta(seconds=t.handle_seconds or 0) for t in tickets)
    weekdays = sum(s.weekday() < 5 for s in starts)
    assert weekdays / 5 > (len(starts) - weekdays) / 2  # busier per day on weekdays
    assert len({s.date() for s in starts}) > 60  # spread over the months, not bunched

    checks = [check_phone(t.phone) for t in tickets]
    assert all(c.ok for c in checks)
    landlines = sum(c.kind == PHONE_LANDLINE for c in checks)
    assert sum(c.kind == PHONE_MOBILE for c in checks) > landlines
    assert 0.03 <= landlines / 400 <= 0.2
    anonymous = sum(t.customer_name == "" for t in tickets)
    assert 1 <= anonymous <= 40
    named = [t.customer_name for t in tickets if t.customer_name]
    assert all(name.endswith(("先生", "女士")) and len(name) in (3, 4) for name in named)
    returning = sum(t.customer_type == RETURNING_CUSTOMER for t in tickets)
    assert 0.12 <= returning / 400 <= 0.5

    channels = Counter(t.channel for t in tickets)
    assert channels.most_common(1)[0][0] == "phone"
    assert channels["phone"] / 400 > 0.5
    assert {t.business_module for t in tickets} == {code for code, _label in BUILTIN[BUSINESS_MODULE]}
    urgent = sum(t.priority == "urgent" for t in tickets)
    assert 0.07 <= urgent / 400 <= 0.25
    assert all(t.emotion in {code for code, _l in BUILTIN["emotion"]} for t in tickets)
    assert all(wording_hint(t.description) is None for t in tickets)
    assert all(check_order_number(t.order_number) is None for t in tickets if t.order_number)
    assert any(t.order_number for t in tickets) and any(t.product for t in tickets)

    old = [t for t in tickets if t.call_started_at < now - timedelta(days=30)]
    assert sum(t.status in ("resolved", "closed") for t in old) / len(old) >= 0.75
    assert any(t.status not in ("resolved", "closed") for t in tickets)
    done = [t for t in tickets if t.status in ("resolved", "closed")]
    assert all(t.solution for t in done)
    assert any(t.satisfaction == "satisfied" for t in done) and any(t.satisfaction == "basic" for t in done)
    assert all(t.satisfaction_reason for t in tickets if t.satisfaction == "unsatisfied")
    assert all(1 <= t.satisfaction_score <= 5 for t in tickets if t.satisfaction_score is not None)
    assert any(t.satisfaction == "unsatisfied" for t in tickets)
    assert all(t.handler for t in tickets if t.department_id is not None)
    assert any(t.department_id is not None for t in tickets)
    assert any(t.remark for t in tickets)

    promised = [t for t in tickets if t.promised_feedback_at is not None]
    assert len(promised) >= 10
    assert all(t.promised_feedback_at > t.created_at >= (t.call_ended_at or t.call_started_at)  # type: ignore[operator]
               for t in promised)
    assert all(t.created_at <= now for t in tickets)

    with database.sessions() as session:
        agents = session.scalars(select(Agent.code).join(Ticket, Ticket.agent_id == Agent.id).distinct()).all()
        notes = session.scalars(select(TimelineEntry.note).where(TimelineEntry.note.is_not(None))).all()
    assert len(agents) >= 4
    assert set(agents) <= {agent.code for agent in DEMO_AGENTS}
    assert any("分派至" in note for note in notes)
    assert all(note[:2].isdigit() and note[2] == ":" for note in notes)  # "10:15 分派至技术部李工"


def _numbers_by_day(path: Path) -> dict[date, list[int]]:
    database = open_database(str(path))
    try:
        numbers = [t.number for t in _tickets(database)]
    finally:
        database.close()
    by_day: dict[date, list[int]] = defaultdict(list)
    for number in numbers:
        parsed = parse_ticket_number(number)
        assert parsed is not None and parsed.prefix == "CS", number
        by_day[parsed.day].append(parsed.serial)
    return by_day


def _environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["HOTLINE_DESK_HOME"] = str(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("HOTLINE_DESK_DB", None)
    return env


@pytest.mark.slow
def test_two_processes_at_once_get_distinct_gap_free_numbers(tmp_path: Path) -> None:
    db_file = tmp_path / "shared.sqlite3"
    command = [sys.executable, "-m", "desktop", "--db", str(db_file), "demo", "--tickets", "150"]
    env = _environment(tmp_path)
    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "150" in out
        assert "Traceback" not in err

    by_day = _numbers_by_day(db_file)
    serials = [serial for day_serials in by_day.values() for serial in day_serials]
    assert len(serials) == 300
    assert sum(len(set(s)) for s in by_day.values()) == 300  # 300 distinct numbers
    for day, day_serials in by_day.items():
        assert sorted(day_serials) == list(range(1, len(day_serials) + 1)), day
    # Both runs added the worked examples: the 15 October has both sets, numbered one after the other.
    assert sorted(by_day[date(2023, 10, 15)]) == [1, 2, 3, 4, 5, 6]


def test_demo_data_on_a_database_with_accounts_uses_only_real_accounts(database: Database) -> None:
    from desktop.rules.passwords import make_hasher
    from desktop.services.accounts import AccountService
    from desktop.services.errors import ServiceError

    accounts = AccountService(database.sessions, hasher=make_hasher(fast=True))
    admin = accounts.create_first_admin("Z9001", "周主任", "centre2023")
    with pytest.raises(ServiceError) as refused:
        generate_demo(database, 20, seed=1)
    assert "--demo" in str(refused.value)
    assert TicketListService(database.sessions).count(TicketFilter()) == 0
    accounts.save_account(admin, "A1003", "王芳", "agent", password="agent20231", create=True)
    assert generate_demo(database, 20, seed=1) == 20
    rows = TicketListService(database.sessions).page(TicketFilter(), 50)
    assert {row.agent_name for row in rows} == {"王芳"}
