"""The ticket table's data: counts and pages by key, rows ready to show (phones masked)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session, sessionmaker

from desktop.models import ticket_queries
from desktop.models.ticket_queries import SortKey, TicketFilter
from desktop.rules.phone import mask_phone
from desktop.services.dto import TicketRow
from desktop.services.errors import reading


def to_row(raw: Sequence[object]) -> TicketRow:
    (ticket_id, number, started, phone, name, customer_type, issue_type, priority, status, agent, department,
     description, voided_at) = raw
    return TicketRow(
        id=int(ticket_id),  # type: ignore[call-overload]
        number=str(number),
        call_started_at=started,  # type: ignore[arg-type]
        phone_masked=mask_phone(str(phone)),
        customer_name=str(name or ""),
        customer_type=str(customer_type),
        issue_type=str(issue_type),
        priority=str(priority),
        status=str(status),
        agent_name=str(agent or ""),
        department_name=str(department or ""),
        description=str(description or ""),
        voided=voided_at is not None,
    )


class TicketListService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def count(self, flt: TicketFilter) -> int:
        with reading(), self._sessions() as session:
            return ticket_queries.count_rows(session, flt)

    def page(
        self,
        flt: TicketFilter,
        limit: int,
        *,
        offset: int = 0,
        after: SortKey | None = None,
        before: SortKey | None = None,
        newest_first: bool = True,
    ) -> list[TicketRow]:
        with reading(), self._sessions() as session:
            raw = ticket_queries.page_rows(session, flt, limit, offset=offset, after=after, before=before,
                                           newest_first=newest_first)
            return [to_row(r) for r in raw]
