"""A hand-made week of tickets (2023-10-16 … 10-22, Monday to Sunday) for the figures, counted by hand.

| # | local time      | agent | type      | handle | rating          | FCR | due / responded         | resolved |
|---|-----------------|-------|-----------|--------|-----------------|-----|-------------------------|----------|
| 1 | Mon 10:00       | A1001 | complaint | 120 s  | 满意, score 5   | yes | 11:00 / 10:30 (on time) | yes      |
| 2 | Mon 14:00       | A1001 | consult   | 180 s  | 基本满意        | yes | 18:00 / 19:00 (late)    | yes      |
| 3 | Tue 09:00       | A1002 | fault     | 300 s  | 不满意          | no  | 12:00 / — (late by now) | no       |
| 4 | Tue 10:00       | A1002 | consult   | —      | score 4 only    | —   | no deadline             | no       |
| 5 | Wed 07:30       | A1001 | consult   | 200 s  | —               | yes | Thu 23:00 (still ahead) | no       |
| 6 | Wed 11:00 VOID  | A1001 | complaint | 999 s  | 满意            | yes | —                       | —        |
| 7 | Sun 10-15 23:50 | A1001 | consult   | (before the week)                                              |
| 8 | Mon 10-23 00:10 | A1002 | consult   | (after the week)                                               |

"Now" is Thursday 12:00. Ticket 5 at 07:30 in Shanghai is Tuesday 23:30 UTC: it must count on Wednesday.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from desktop.models.entities import Agent, Customer, Ticket
from desktop.services.database import Database

MONDAY = date(2023, 10, 16)
PHONE = "13912345678"
_numbers = itertools.count(1)


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


def now() -> datetime:
    return local(MONDAY + timedelta(days=3), 12)


def add_ticket(session, agent: Agent, customer: Customer, started: datetime, issue_type: str,  # type: ignore[no-untyped-def]
               **values: object) -> Ticket:
    ticket = Ticket(
        number=f"FX{next(_numbers):011d}", channel="phone", call_started_at=started, customer_id=customer.id,
        phone=PHONE, phone_last4=PHONE[-4:], customer_name="王先生", customer_type="new", account_type="personal",
        issue_type=issue_type, description="测试", emotion="calm", priority="normal", agent_id=agent.id,
        status=values.pop("status", "pending"), created_at=started, updated_at=started, **values)
    session.add(ticket)
    return ticket


def _agent(session, code: str, name: str) -> Agent:  # type: ignore[no-untyped-def]
    """The account ``code`` when it exists (the UI tests sign in as A1001), else a new agent."""
    found = session.scalars(select(Agent).where(Agent.code == code)).one_or_none()
    if found is not None:
        return found  # type: ignore[no-any-return]
    agent = Agent(code=code, name=name, created_at=datetime.now(UTC))
    session.add(agent)
    return agent


def build_week(database: Database) -> tuple[int, int]:
    """Insert the table above; returns the ids of agents A1001 and A1002."""
    mon, tue, wed, thu = (MONDAY + timedelta(days=n) for n in range(4))
    with database.sessions.begin() as session:
        a, b = (_agent(session, code, name) for code, name in (("A1001", "张敏"), ("A1002", "李强")))
        customer = Customer(phone=PHONE, phone_last4=PHONE[-4:], name="王先生", first_seen_at=datetime.now(UTC))
        session.add(customer)
        session.flush()
        add_ticket(session, a, customer, local(mon, 10), "complaint", handle_seconds=120, satisfaction="satisfied",
                   satisfaction_score=5, first_contact_resolved=True, response_due_at=local(mon, 11),
                   responded_at=local(mon, 10, 30), resolved_at=local(mon, 12), status="closed")
        add_ticket(session, a, customer, local(mon, 14), "consult", handle_seconds=180, satisfaction="basic",
                   first_contact_resolved=True, response_due_at=local(mon, 18), responded_at=local(mon, 19),
                   resolved_at=local(mon, 19), status="resolved")
        add_ticket(session, b, customer, local(tue, 9), "fault", handle_seconds=300, satisfaction="unsatisfied",
                   satisfaction_reason="太慢", first_contact_resolved=False, response_due_at=local(tue, 12))
        add_ticket(session, b, customer, local(tue, 10), "consult", satisfaction_score=4)
        add_ticket(session, a, customer, local(wed, 7, 30), "consult", handle_seconds=200, first_contact_resolved=True,
                   response_due_at=local(thu, 23))
        add_ticket(session, a, customer, local(wed, 11), "complaint", handle_seconds=999, satisfaction="satisfied",
                   first_contact_resolved=True, voided_at=local(wed, 12), void_reason="重复")
        add_ticket(session, a, customer, local(MONDAY - timedelta(days=1), 23, 50), "consult", handle_seconds=50)
        add_ticket(session, b, customer, local(MONDAY + timedelta(days=7), 0, 10), "consult", handle_seconds=50)
        return a.id, b.id
