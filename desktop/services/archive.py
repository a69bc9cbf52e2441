"""What the paper archive prints: one local day's calls in time order, their timelines, summary and gaps.

The only SQL of the archive lives here; ``desktop/export`` turns the result into PDFs.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _
from desktop.models.entities import ChoiceItem, Department, Ticket, TicketCounter, TimelineEntry
from desktop.models.search_index import starts_with
from desktop.models.ticket_queries import local_day_start
from desktop.rules.choices import BUILTIN, PRIORITY, STATUS, builtin_label
from desktop.rules.numbering import DEFAULT_SERIAL_WIDTH, format_ticket_number, parse_ticket_number
from desktop.rules.on_time import on_time_share, satisfied_share
from desktop.rules.phone import mask_phone
from desktop.services.archive_dto import ArchiveCall, ArchiveSummary, DailyArchive, NumberGap
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import TimelineItem
from desktop.services.errors import NotFound, reading


def _timeline_item(entry: TimelineEntry) -> TimelineItem:
    changes = tuple((c["field"], c["old"], c["new"]) for c in json.loads(entry.changes or "[]"))
    return TimelineItem(entry.id, entry.at, entry.agent.code, entry.agent.name, entry.kind, changes, entry.note)


def _call(ticket: Ticket, timeline: Sequence[TimelineItem]) -> ArchiveCall:
    return ArchiveCall(
        id=ticket.id, number=ticket.number, channel=ticket.channel, call_started_at=ticket.call_started_at,
        call_ended_at=ticket.call_ended_at, handle_seconds=ticket.handle_seconds,
        phone_masked=mask_phone(ticket.phone), customer_name=ticket.customer_name or "",
        customer_type=ticket.customer_type, account_type=ticket.account_type or "", issue_type=ticket.issue_type,
        business_module=ticket.business_module or "", description=ticket.description or "",
        order_number=ticket.order_number or "", product=ticket.product or "", emotion=ticket.emotion,
        priority=ticket.priority, agent_code=ticket.agent.code, agent_name=ticket.agent.name,
        department_name=ticket.department.name if ticket.department else "", handler=ticket.handler or "",
        follow_up_owner=ticket.follow_up_owner or "", status=ticket.status, solution=ticket.solution or "",
        promised_feedback_at=ticket.promised_feedback_at, satisfaction=ticket.satisfaction or "",
        satisfaction_reason=ticket.satisfaction_reason or "", satisfaction_score=ticket.satisfaction_score,
        callback_at=ticket.callback_at, callback_result=ticket.callback_result or "", remark=ticket.remark or "",
        response_due_at=ticket.response_due_at, responded_at=ticket.responded_at, resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at, archived_at=ticket.archived_at, coordinator=ticket.coordinator or "",
        escalated_to=ticket.escalated_to or "", voided_at=ticket.voided_at, void_reason=ticket.void_reason or "",
        timeline=tuple(timeline),
    )


def _ordered_counts(counts: Counter[str], list_key: str | None) -> tuple[tuple[str, int], ...]:
    """Built-in codes in their list order first, then the centre's own codes by count."""
    order = [code for code, _label in BUILTIN.get(list_key or "", ())]
    known = [(code, counts[code]) for code in order if counts[code]]
    rest = sorted(((code, n) for code, n in counts.items() if code not in order), key=lambda item: (-item[1], item[0]))
    return tuple(known + rest)


def summarize(calls: Iterable[ArchiveCall], now: datetime) -> ArchiveSummary:
    """The summary block: counts by type, priority and status, on-time rate, satisfied share (void left out)."""
    every = list(calls)
    live = [call for call in every if call.voided_at is None]
    return ArchiveSummary(
        total=len(live),
        voided=len(every) - len(live),
        by_issue_type=_ordered_counts(Counter(c.issue_type for c in live), "issue_type"),
        by_priority=_ordered_counts(Counter(c.priority for c in live), PRIORITY),
        by_status=_ordered_counts(Counter(c.status for c in live), STATUS),
        on_time=on_time_share(((c.response_due_at, c.responded_at) for c in live), now),
        satisfied=satisfied_share((c.satisfaction or None, c.satisfaction_score) for c in live),
    )


def choice_words(session: Session) -> dict[str, dict[str, str]]:
    """Every list entry's words by list and code (built-in entries in the current language)."""
    labels: dict[str, dict[str, str]] = {}
    for item in session.scalars(select(ChoiceItem)):
        text = (builtin_label(item.list_key, item.code) if item.builtin else None) or item.label or item.code
        labels.setdefault(item.list_key, {})[item.code] = text
    return labels


class ArchiveService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def day(self, day: date) -> DailyArchive:
        """Every call that started on local day ``day``, in time order, with timelines, summary and gaps."""
        start, end = local_day_start(day), local_day_start(day + timedelta(days=1))
        with reading(), self._sessions() as session:
            tickets = session.scalars(
                select(Ticket).where(Ticket.call_started_at >= start, Ticket.call_started_at < end)
                .order_by(Ticket.call_started_at, Ticket.id)
            ).all()
            timelines: dict[int, list[TimelineItem]] = {}
            entries = session.scalars(
                select(TimelineEntry).join(Ticket, Ticket.id == TimelineEntry.ticket_id)
                .where(Ticket.call_started_at >= start, Ticket.call_started_at < end)
                .order_by(TimelineEntry.ticket_id, TimelineEntry.at, TimelineEntry.id)
            ).all()
            for entry in entries:
                timelines.setdefault(entry.ticket_id, []).append(_timeline_item(entry))
            calls = tuple(_call(ticket, timelines.get(ticket.id, ())) for ticket in tickets)
            gaps = self._gaps(session, day, [ticket.number for ticket in tickets])
            labels, departments = self._words(session)
        now = self._clock()
        return DailyArchive(day=day, calls=calls, summary=summarize(calls, now), gaps=gaps, labels=labels,
                            departments=departments, generated_at=now)

    def ticket(self, number: str) -> DailyArchive:
        """One ticket (for its work order), in the same shape as a day with one call."""
        wanted = (number or "").strip().upper()
        with reading(), self._sessions() as session:
            ticket = session.scalars(select(Ticket).where(Ticket.number == wanted)).one_or_none()
            if ticket is None:
                raise NotFound(_("There is no ticket numbered {number}.").format(number=number))
            entries = session.scalars(
                select(TimelineEntry).where(TimelineEntry.ticket_id == ticket.id)
                .order_by(TimelineEntry.at, TimelineEntry.id)
            ).all()
            call = _call(ticket, [_timeline_item(entry) for entry in entries])
            labels, departments = self._words(session)
        now = self._clock()
        return DailyArchive(day=call.call_started_at.astimezone().date(), calls=(call,),
                            summary=summarize((call,), now), gaps=(), labels=labels, departments=departments,
                            generated_at=now)

    @staticmethod
    def _words(session: Session) -> tuple[dict[str, dict[str, str]], dict[int, str]]:
        departments = {row[0]: row[1] for row in session.execute(select(Department.id, Department.name))}
        return choice_words(session), departments

    @staticmethod
    def _gaps(session: Session, day: date, calls_numbers: list[str]) -> tuple[NumberGap, ...]:
        """Serials of ``day`` missing per prefix: between 1 and the highest used or handed out.

        A number is its prefix, the day of the call and a serial, handed out by that day's counter; the
        numbers of ``day`` are read per prefix (the counters' and the day's calls') on the number's index,
        which also finds a ticket whose call time was later moved to another day."""
        stamp = f"{day.year:04d}{day.month:02d}{day.day:02d}"
        counters = session.execute(
            select(TicketCounter.prefix, TicketCounter.last_serial).where(TicketCounter.day == day)
        ).all()
        prefixes = {prefix for prefix, _serial in counters}
        prefixes |= {parsed.prefix for parsed in map(parse_ticket_number, calls_numbers) if parsed is not None}
        numbers = set(calls_numbers)
        for prefix in sorted(prefixes):
            numbers.update(session.scalars(select(Ticket.number).where(starts_with(prefix + stamp, Ticket.number))))
        used: dict[str, set[int]] = {}
        widths: dict[str, int] = {}
        for number in numbers:
            parsed = parse_ticket_number(number)
            if parsed is None or parsed.day != day:
                continue
            used.setdefault(parsed.prefix, set()).add(parsed.serial)
            widths[parsed.prefix] = min(widths.get(parsed.prefix, 9), len(number) - len(parsed.prefix) - 8)
        last = {prefix: serial for prefix, serial in counters}
        gaps = []
        for prefix in sorted(set(used) | set(last)):
            serials = used.get(prefix, set())
            top = max([*serials, last.get(prefix, 0)])
            missing = [s for s in range(1, top + 1) if s not in serials]
            if missing:
                width = widths.get(prefix, DEFAULT_SERIAL_WIDTH)
                gaps.append(NumberGap(prefix, tuple(format_ticket_number(prefix, day, s, width) for s in missing)))
        return tuple(gaps)

