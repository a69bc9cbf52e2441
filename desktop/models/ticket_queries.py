"""Ticket selects for the table: filters, keyset pages, counts — never the whole table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select, tuple_
from sqlalchemy.orm import Session

from desktop.models.entities import Agent, Department, Ticket
from desktop.rules.numbering import looks_like_ticket_number

ROW_COLUMNS = (
    Ticket.id,
    Ticket.number,
    Ticket.call_started_at,
    Ticket.phone,
    Ticket.customer_name,
    Ticket.customer_type,
    Ticket.issue_type,
    Ticket.priority,
    Ticket.status,
    Agent.name,
    Department.name,
    func.substr(Ticket.description, 1, 120),
    Ticket.voided_at,
)

SortKey = tuple[datetime, int]


@dataclass(frozen=True)
class TicketFilter:
    """The filter bar: local dates inclusive, codes, free text."""

    date_from: date | None = None
    date_to: date | None = None
    status: str | None = None
    issue_type: str | None = None
    text: str = ""


def local_day_start(day: date) -> datetime:
    """Midnight of a local calendar day, as an aware UTC time."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def within_local_days(statement: Select, column: Any, first: date | None, last: date | None) -> Select:  # type: ignore[type-arg]
    """Keep rows whose time ``column`` falls on local days ``first`` to ``last`` (inclusive, either open)."""
    if first:
        statement = statement.where(column >= local_day_start(first))
    if last:
        statement = statement.where(column < local_day_start(last + timedelta(days=1)))
    return statement


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def apply_filter(statement: Select, flt: TicketFilter) -> Select:  # type: ignore[type-arg]
    statement = within_local_days(statement, Ticket.call_started_at, flt.date_from, flt.date_to)
    if flt.status:
        statement = statement.where(Ticket.status == flt.status)
    if flt.issue_type:
        statement = statement.where(Ticket.issue_type == flt.issue_type)
    text = flt.text.strip()
    if text:
        pattern = f"%{_like_escape(text)}%"
        matches = [
            Ticket.description.like(pattern, escape="\\"),
            Ticket.customer_name.like(pattern, escape="\\"),
            Ticket.remark.like(pattern, escape="\\"),
            Ticket.solution.like(pattern, escape="\\"),
        ]
        if looks_like_ticket_number(text):
            matches.append(Ticket.number.like(f"{_like_escape(text.upper())}%", escape="\\"))
        if text.isdigit() and len(text) == 4:
            matches.append(Ticket.phone_last4 == text)
        statement = statement.where(or_(*matches))
    return statement


def _base() -> Select:  # type: ignore[type-arg]
    return (
        select(*ROW_COLUMNS)
        .join(Agent, Agent.id == Ticket.agent_id)
        .outerjoin(Department, Department.id == Ticket.department_id)
    )


def count_rows(session: Session, flt: TicketFilter) -> int:
    statement = apply_filter(select(func.count()).select_from(Ticket), flt)
    return int(session.execute(statement).scalar_one())


def page_rows(
    session: Session,
    flt: TicketFilter,
    limit: int,
    *,
    offset: int = 0,
    after: SortKey | None = None,
    before: SortKey | None = None,
    newest_first: bool = True,
) -> list[tuple]:  # type: ignore[type-arg]
    """One page in table order. ``after``/``before`` are keys of a neighbouring cached row
    (keyset: no scan of the skipped rows); otherwise ``offset`` is used."""
    key = tuple_(Ticket.call_started_at, Ticket.id)
    statement = apply_filter(_base(), flt)
    forward = (Ticket.call_started_at.desc(), Ticket.id.desc())
    backward = (Ticket.call_started_at.asc(), Ticket.id.asc())
    if not newest_first:
        forward, backward = backward, forward
    if after is not None:
        statement = statement.where(key < after if newest_first else key > after).order_by(*forward).limit(limit)
        return list(session.execute(statement).all())
    if before is not None:
        statement = statement.where(key > before if newest_first else key < before).order_by(*backward).limit(limit)
        return list(reversed(session.execute(statement).all()))
    statement = statement.order_by(*forward).offset(offset).limit(limit)
    return list(session.execute(statement).all())


def customer_rows(session: Session, customer_id: int, limit: int) -> list[tuple]:  # type: ignore[type-arg]
    statement = (
        _base().where(Ticket.customer_id == customer_id)
        .order_by(Ticket.call_started_at.desc(), Ticket.id.desc())
        .limit(limit)
    )
    return list(session.execute(statement).all())
