"""The SPEC §7 day (2023-10-15) as real tickets: routed, processed, resolved, closed with a rating."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update

from desktop.models.entities import Department, Ticket
from desktop.services.database import Database
from desktop.services.tickets import TicketService
from desktop.services.transitions import LifecycleService, Move
from tests.helpers import AGENT, FakeClock, make_draft

DAY = date(2023, 10, 15)
PHONES = ("13912345678", "13987654321", "13811112222")
DESCRIPTIONS = (
    "当天购买的产品无法开机，客户要求尽快处理",
    "建议APP增加“订单进度实时提醒”功能",
    "包裹晚到3天未送达，同时投诉快递员服务态度差",
)


def local(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


def _department(database: Database, hint: str) -> int:
    with database.sessions() as session:
        rows = session.execute(select(Department.id, Department.name)).all()
    for department_id, name in rows:
        if hint in name:
            return int(department_id)
    return int(rows[0][0])


def build_spec_day(database: Database) -> list[str]:
    """Three calls of SPEC §7 on 2023-10-15; returns their ticket numbers in call order."""
    clock = FakeClock(local(10, 0))
    tickets = TicketService(database.sessions, clock=clock)
    moves = LifecycleService(database.sessions, clock=clock)
    tech = _department(database, "技术")
    numbers = []

    first = tickets.create(make_draft(call_started_at=local(10, 0), call_ended_at=local(10, 6), phone=PHONES[0],
                                      description=DESCRIPTIONS[0], priority="urgent"), AGENT)
    clock.now = local(10, 15)
    step = moves.route(first.id, tech, "李工", first.version, AGENT)
    clock.now = local(10, 30)
    step = tickets.add_process_entry(first.id, "李工联系客户获取序列号SN56", AGENT)
    clock.now = local(11, 0)
    step = tickets.add_process_entry(first.id, "检测确认主板故障，申请更换", AGENT)
    clock.now = local(14, 0)
    step = moves.move(first.id, Move("resolved", solution="为客户更换新产品，当日顺丰寄出"), step.version, AGENT)
    clock.now = local(14, 30)
    moves.move(first.id, Move("closed", satisfaction="satisfied"), step.version, AGENT)
    numbers.append(first.number)

    clock.now = local(9, 30)
    second = tickets.create(make_draft(call_started_at=local(9, 30), phone=PHONES[1], customer_name="李女士",
                                       issue_type="suggestion", business_module="feedback", priority="normal",
                                       emotion="calm", description=DESCRIPTIONS[1]), AGENT)
    numbers.insert(0, second.number)

    clock.now = local(15, 0)
    third = tickets.create(make_draft(call_started_at=local(15, 0), phone=PHONES[2], customer_name="赵先生",
                                      issue_type="complaint", business_module="logistics", priority="important",
                                      emotion="dissatisfied", description=DESCRIPTIONS[2]), AGENT)
    clock.now = local(16, 0)
    moves.route(third.id, _department(database, "供应链"), "物流协调员", third.version, AGENT)
    numbers.append(third.number)
    return numbers


def remove_ticket(database: Database, number: str) -> None:
    """Renumber a ticket behind the program's back (the timeline is append-only), leaving a hole in the day."""
    with database.sessions.begin() as session:
        session.execute(update(Ticket).where(Ticket.number == number).values(number="ZZ19990101001"))
