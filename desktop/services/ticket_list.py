"""The ticket table's data: counts and pages by key, rows ready to show (phones masked)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from desktop.models import ticket_queries
from desktop.models.ticket_queries import SortKey, TicketFilter
from desktop.rules.choices import BUILTIN, PRIORITY
from desktop.rules.deadlines import is_overdue, is_stale
from desktop.rules.phone import mask_phone
from desktop.rules.status_machine import is_open
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import TicketRow
from desktop.services.errors import reading


def to_row(raw: Sequence[object], now: datetime | None = None) -> TicketRow:
    """A table row; overdue and stale are judged at ``now`` (the current time when None)."""
    (ticket_id, number, started, phone, name, customer_type, issue_type, priority, status, agent, department,
     description, voided_at, due, progress, handler) = raw
    now = now or datetime.now(UTC)
    open_ = is_open(str(status)) and voided_at is None
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
        response_due_at=due,  # type: ignore[arg-type]
        overdue=is_overdue(open_, due, now),  # type: ignore[arg-type]
        stale=is_stale(open_, progress, now),  # type: ignore[arg-type]
        handler=str(handler or ""),
    )


# The priority order of the table: most urgent first.
PRIORITY_RANKS = tuple(code for code, _label in BUILTIN[PRIORITY])


class TicketListService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def _judged(self, flt: TicketFilter) -> TicketFilter:
        return flt if flt.now is not None else replace(flt, now=self._clock())

    def count(self, flt: TicketFilter) -> int:
        with reading(), self._sessions() as session:
            return ticket_queries.count_rows(session, self._judged(flt))

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
        flt = self._judged(flt)
        with reading(), self._sessions() as session:
            raw = ticket_queries.page_rows(session, flt, limit, offset=offset, after=after, before=before,
                                           newest_first=newest_first)
            return [to_row(r, flt.now) for r in raw]

    def ordered_page(self, flt: TicketFilter, limit: int, offset: int, order: str, ascending: bool, *,
                     counts: dict[str, int] | None = None) -> list[TicketRow]:
        """A page of the table ordered by number, customer or priority (``ticket_queries.ordered_page``);
        for the priority order pass ``counts`` from :meth:`priority_counts` to read them once per filter."""
        flt = self._judged(flt)
        with reading(), self._sessions() as session:
            raw = ticket_queries.ordered_page(session, flt, limit, offset, order, ascending,
                                              ranks=PRIORITY_RANKS, counts=counts)
            return [to_row(r, flt.now) for r in raw]

    def priority_counts(self, flt: TicketFilter) -> dict[str, int]:
        with reading(), self._sessions() as session:
            return ticket_queries.priority_counts(session, self._judged(flt))

    def each(self, flt: TicketFilter, *, limit: int | None = None, batch: int = 500) -> Iterator[TicketRow]:
        """Every matching row in table order (newest first), fetched page by page by key; at most ``limit``."""
        flt = self._judged(flt)
        after = None
        given = 0
        while limit is None or given < limit:
            size = batch if limit is None else min(batch, limit - given)
            rows = self.page(flt, size, after=after)
            yield from rows
            given += len(rows)
            if len(rows) < size:
                return
            after = (rows[-1].call_started_at, rows[-1].id)
