"""The archive's data: the day's calls in time order, masked phones, timelines, summary and number gaps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from desktop.models.entities import Ticket
from desktop.services.archive import ArchiveService
from desktop.services.database import Database
from desktop.services.errors import NotFound
from desktop.services.tickets import TicketService
from tests.export.archive_data import DAY, PHONES, build_spec_day, local, remove_ticket
from tests.helpers import AGENT, FakeClock, make_draft


@pytest.fixture
def numbers(database: Database) -> list[str]:
    return build_spec_day(database)


def test_day_lists_calls_in_time_order_with_masked_phones(database: Database, numbers: list[str]) -> None:
    archive = ArchiveService(database.sessions, clock=FakeClock(local(18, 0))).day(DAY)
    assert [call.number for call in archive.calls] == numbers
    assert [call.call_started_at for call in archive.calls] == sorted(call.call_started_at for call in archive.calls)
    assert {call.phone_masked for call in archive.calls} == {"139****5678", "139****4321", "138****2222"}
    assert not any(phone in repr(archive) for phone in PHONES)


def test_each_call_carries_its_timeline(database: Database, numbers: list[str]) -> None:
    archive = ArchiveService(database.sessions).day(DAY)
    first = next(call for call in archive.calls if call.number == numbers[1])
    notes = [item.note for item in first.timeline if item.note]
    assert "李工联系客户获取序列号SN56" in notes
    assert [item.kind for item in first.timeline][0] == "created"
    assert first.status == "closed" and first.satisfaction == "satisfied"


def test_summary_counts_and_rates(database: Database, numbers: list[str]) -> None:
    summary = ArchiveService(database.sessions, clock=FakeClock(local(18, 0))).day(DAY).summary
    assert summary.total == 3
    assert dict(summary.by_priority) == {"urgent": 1, "important": 1, "normal": 1}
    assert dict(summary.by_issue_type) == {"fault": 1, "suggestion": 1, "complaint": 1}
    assert dict(summary.by_status) == {"closed": 1, "in_progress": 1, "pending": 1}
    # Urgent answered at 10:15 (due 11:00), important routed 16:00 (due 19:00); the normal one is due tomorrow.
    assert (summary.on_time.part, summary.on_time.whole) == (2, 2)
    assert (summary.satisfied.part, summary.satisfied.whole) == (1, 1)


def test_a_late_first_response_lowers_the_on_time_rate(database: Database, numbers: list[str]) -> None:
    with database.sessions.begin() as session:
        session.execute(update(Ticket).where(Ticket.number == numbers[2])
                        .values(responded_at=local(23, 0)))
    summary = ArchiveService(database.sessions, clock=FakeClock(local(23, 30))).day(DAY).summary
    assert (summary.on_time.part, summary.on_time.whole) == (1, 2)


def test_gap_in_the_day_numbers_is_found(database: Database, numbers: list[str]) -> None:
    assert ArchiveService(database.sessions).day(DAY).gaps == ()
    remove_ticket(database, "CS20231015002")
    gaps = ArchiveService(database.sessions).day(DAY).gaps
    assert [(gap.prefix, gap.missing) for gap in gaps] == [("CS", ("CS20231015002",))]


def test_a_number_handed_out_but_missing_at_the_end_is_a_gap(database: Database, numbers: list[str]) -> None:
    remove_ticket(database, "CS20231015003")
    assert [gap.missing for gap in ArchiveService(database.sessions).day(DAY).gaps] == [("CS20231015003",)]


def test_a_call_moved_to_another_day_still_holds_its_number_for_the_first(database: Database,
                                                                          numbers: list[str]) -> None:
    # The number keeps the day it was handed out for; the call now starts on the next day.
    with database.sessions.begin() as session:
        session.execute(update(Ticket).where(Ticket.number == "CS20231015002")
                        .values(call_started_at=local(10, 0) + timedelta(days=1)))
    today = ArchiveService(database.sessions).day(DAY)
    assert [call.number for call in today.calls] == ["CS20231015001", "CS20231015003"]
    assert today.gaps == ()
    tomorrow = ArchiveService(database.sessions).day(DAY + timedelta(days=1))
    assert [call.number for call in tomorrow.calls] == ["CS20231015002"] and tomorrow.gaps == ()


def test_void_calls_are_listed_but_not_counted(database: Database, numbers: list[str]) -> None:
    service = TicketService(database.sessions, clock=FakeClock(local(17, 0)))
    extra = service.create(make_draft(call_started_at=local(17, 0), phone="13700001111"), AGENT)
    with database.sessions.begin() as session:
        session.execute(update(Ticket).where(Ticket.id == extra.id)
                        .values(voided_at=local(17, 5), void_reason="重复录入"))
    archive = ArchiveService(database.sessions).day(DAY)
    assert archive.calls[-1].number == extra.number and archive.calls[-1].voided_at is not None
    assert (archive.summary.total, archive.summary.voided) == (3, 1)


def test_other_days_are_left_out(database: Database, numbers: list[str]) -> None:
    assert ArchiveService(database.sessions).day(DAY + timedelta(days=1)).calls == ()
    assert ArchiveService(database.sessions).day(DAY - timedelta(days=1)).summary.total == 0


def test_ticket_lookup(database: Database, numbers: list[str]) -> None:
    archive = ArchiveService(database.sessions).ticket(numbers[0].lower())
    assert archive.calls[0].number == numbers[0] and archive.day == DAY
    with pytest.raises(NotFound, match="CS20991231001"):
        ArchiveService(database.sessions).ticket("CS20991231001")
