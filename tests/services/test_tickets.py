"""TicketService: numbering, storage, timeline, validation, conflicts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from desktop.models.entities import Customer, Ticket, TimelineEntry
from desktop.rules.choices import NEW_CUSTOMER, RETURNING_CUSTOMER
from desktop.services.customers import CustomerService
from desktop.services.database import Database
from desktop.services.dto import Actor, TicketFilter
from desktop.services.errors import ConflictError, ValidationFailed
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from tests.helpers import AGENT, FakeClock, make_draft

OTHER_AGENT = Actor("A1002", "李娜")
CST = timezone(timedelta(hours=8))


@pytest.fixture
def service(database: Database, clock: FakeClock) -> TicketService:
    return TicketService(database.sessions, clock=clock)



def _count(database: Database) -> int:
    return TicketListService(database.sessions).count(TicketFilter())


def _timeline_rows(database: Database, ticket_id: int) -> list[TimelineEntry]:
    with database.sessions() as session:
        return list(session.scalars(
            select(TimelineEntry).where(TimelineEntry.ticket_id == ticket_id).order_by(TimelineEntry.id)))


# --- creating -------------------------------------------------------------------------------


def test_create_numbers_by_the_local_day_of_the_call(database: Database, clock: FakeClock, shanghai: None) -> None:
    service = TicketService(database.sessions, clock=clock)
    # 23:30 UTC on the 14th is 07:30 on the 15th in Beijing: the number carries the local day.
    started = datetime(2023, 10, 14, 23, 30, tzinfo=UTC)
    first = service.create(make_draft(call_started_at=started, call_ended_at=started + timedelta(minutes=4)), AGENT)
    second = service.create(make_draft(phone="13800001111"), AGENT)  # no call time: the clock's day (10:00 CST)
    assert first.number == "CS20231015001"
    assert second.number == "CS20231015002"
    assert first.handle_seconds == 240


def test_create_number_prefix_and_serial_width(database: Database, clock: FakeClock) -> None:
    service = TicketService(database.sessions, clock=clock, prefix="GD", serial_width=4)
    started = datetime(2023, 10, 27, 14, 30).astimezone()
    detail = service.create(make_draft(call_started_at=started), AGENT)
    assert detail.number == "GD202310270001"


def test_phone_stored_whole_and_listed_masked(service: TicketService, database: Database) -> None:
    detail = service.create(make_draft(phone="139 1234 5678"), AGENT)
    assert detail.draft.phone == "139****5678"  # what a service hands out is masked
    with database.sessions() as session:
        assert session.execute(select(Ticket.phone)).scalar_one() == "+8613912345678"
    rows = TicketListService(database.sessions).page(TicketFilter(), 10)
    assert [row.phone_masked for row in rows] == ["139****5678"]
    assert "13912345678" not in repr(rows)


def test_create_records_agent_and_a_created_entry(service: TicketService) -> None:
    detail = service.create(make_draft(process_note="10:15 分派至技术部李工"), AGENT)
    assert (detail.agent_code, detail.agent_name) == ("A1001", "张敏")
    assert [(item.kind, item.agent_code, item.agent_name, item.note) for item in detail.timeline] == [
        ("created", "A1001", "张敏", "10:15 分派至技术部李工")]


def test_times_come_back_aware_utc(service: TicketService, clock: FakeClock) -> None:
    started = datetime(2023, 10, 15, 10, 0, tzinfo=CST)
    promised = datetime(2023, 10, 16, 18, 0, tzinfo=CST)
    created = service.create(make_draft(call_started_at=started, promised_feedback_at=promised), AGENT)
    detail = service.get(created.id)
    for moment in (detail.created_at, detail.updated_at, detail.draft.call_started_at,
                   detail.draft.promised_feedback_at, detail.timeline[0].at):
        assert moment is not None
        assert moment.utcoffset() == timedelta(0)
        assert moment.tzinfo is not None
    assert detail.draft.call_started_at == started
    assert detail.draft.call_started_at.hour == 2  # 10:00 CST is 02:00 UTC
    assert detail.draft.promised_feedback_at == promised
    assert detail.created_at == clock.now


# --- updating -------------------------------------------------------------------------------


def test_update_writes_exactly_the_changed_fields(service: TicketService, clock: FakeClock) -> None:
    created = service.create(make_draft(), AGENT)
    clock.advance(minutes=15)
    draft = replace(created.draft, status="in_progress", handler="李工", priority="important")
    updated = service.update(created.id, draft, created.version, OTHER_AGENT)

    assert updated.draft.status == "in_progress"
    assert updated.draft.handler == "李工"
    assert updated.version == created.version + 1
    assert len(updated.timeline) == 2
    entry = updated.timeline[-1]
    assert entry.kind == "updated"
    assert (entry.agent_code, entry.agent_name) == ("A1002", "李娜")
    assert entry.at == clock.now
    assert sorted(entry.changes) == [
        ("handler", None, "李工"),
        ("priority", "urgent", "important"),
        ("status", "pending", "in_progress"),
    ]
    # The ticket keeps who took the call.
    assert (updated.agent_code, updated.agent_name) == ("A1001", "张敏")


def test_update_with_an_unchanged_draft_writes_nothing(service: TicketService, database: Database) -> None:
    created = service.create(make_draft(), AGENT)
    again = service.update(created.id, replace(created.draft, description="  当天购买的产品无法开机 "),
                           created.version, AGENT)
    assert again.version == created.version
    assert len(again.timeline) == 1
    assert len(_timeline_rows(database, created.id)) == 1


def test_process_note_alone_writes_a_process_entry(service: TicketService, clock: FakeClock) -> None:
    created = service.create(make_draft(), AGENT)
    clock.advance(minutes=30)
    draft = replace(created.draft, process_note="10:30 联系客户获取序列号")
    updated = service.update(created.id, draft, created.version, OTHER_AGENT)
    entry = updated.timeline[-1]
    assert len(updated.timeline) == 2
    assert entry.kind == "process"
    assert entry.changes == ()
    assert entry.note == "10:30 联系客户获取序列号"
    assert entry.agent_code == "A1002"
    assert updated.draft.status == created.draft.status


def test_stale_version_is_refused_and_first_save_kept(service: TicketService, database: Database) -> None:
    created = service.create(make_draft(), AGENT)
    service.update(created.id, replace(created.draft, handler="李工"), created.version, AGENT)
    with pytest.raises(ConflictError) as raised:
        service.update(created.id, replace(created.draft, handler="王工"), created.version, OTHER_AGENT)
    assert raised.value.number == created.number
    assert created.number in str(raised.value)
    assert service.get(created.id).draft.handler == "李工"
    assert len(_timeline_rows(database, created.id)) == 2


# --- validation -----------------------------------------------------------------------------


def test_validation_failure_names_every_bad_field_and_writes_nothing(
    service: TicketService, database: Database, clock: FakeClock
) -> None:
    draft = make_draft(
        phone="12345",
        description="   ",
        satisfaction="unsatisfied",
        satisfaction_reason="",
        promised_feedback_at=clock.now - timedelta(hours=1),
    )
    with pytest.raises(ValidationFailed) as raised:
        service.create(draft, AGENT)
    errors = raised.value.report.errors
    assert set(errors) == {"phone", "description", "satisfaction_reason", "promised_feedback_at"}
    assert all(isinstance(message, str) and message for message in errors.values())
    assert len(set(errors.values())) == 4  # one message per field, each its own
    assert _count(database) == 0
    with database.sessions() as session:
        assert session.scalars(select(Customer)).all() == []
        assert session.scalars(select(TimelineEntry)).all() == []


def test_promised_time_in_the_future_is_accepted(service: TicketService, clock: FakeClock) -> None:
    promised = clock.now + timedelta(hours=2)
    assert service.create(make_draft(promised_feedback_at=promised), AGENT).draft.promised_feedback_at == promised


def test_rolled_back_create_does_not_use_a_number(service: TicketService, database: Database) -> None:
    assert service.create(make_draft(), AGENT).number == "CS20231015001"
    with pytest.raises(ValidationFailed):
        service.create_many([make_draft(phone="13800000001"), make_draft(phone="abc"),
                             make_draft(phone="13800000003")], AGENT)
    assert _count(database) == 1
    assert service.create(make_draft(phone="13800000004"), AGENT).number == "CS20231015002"
    with database.sessions() as session:
        phones = session.scalars(select(Customer.phone)).all()
    assert sorted(phones) == ["+8613800000004", "+8613912345678"]


# --- numbering ------------------------------------------------------------------------------


def test_two_hundred_tickets_get_consecutive_numbers(service: TicketService, clock: FakeClock) -> None:
    day = clock.now.astimezone().date()
    numbers = [service.create(make_draft(phone=f"139{i:08d}"), AGENT).number for i in range(200)]
    assert numbers == [f"CS{day:%Y%m%d}{serial:03d}" for serial in range(1, 201)]
    assert len(set(numbers)) == 200


def test_serials_restart_each_day(service: TicketService) -> None:
    first_day = datetime(2023, 10, 15, 10, 0).astimezone()
    numbers = [service.create(make_draft(call_started_at=first_day + timedelta(days=d)), AGENT).number
               for d in (0, 0, 1, 0, 1)]
    assert numbers == ["CS20231015001", "CS20231015002", "CS20231016001", "CS20231015003", "CS20231016002"]


# --- customers ------------------------------------------------------------------------------


def test_new_then_returning_customer_with_history(service: TicketService, database: Database) -> None:
    first_call = datetime(2023, 10, 15, 9, 0).astimezone()
    first = service.create(make_draft(call_started_at=first_call), AGENT)
    second = service.create(make_draft(call_started_at=first_call + timedelta(hours=1),
                                       description="再次来电询问换货进度"), AGENT)
    other = service.create(make_draft(phone="13800001111"), AGENT)
    assert first.customer_type == NEW_CUSTOMER
    assert second.customer_type == RETURNING_CUSTOMER
    assert other.customer_type == NEW_CUSTOMER

    customers = CustomerService(database.sessions)
    history = customers.history("139-1234-5678", exclude_ticket=second.id)
    assert history is not None
    assert history.customer_type == RETURNING_CUSTOMER
    assert history.phone_masked == "139****5678"
    assert [row.number for row in history.tickets] == [first.number]
    everything = customers.history("13912345678")
    assert everything is not None
    assert [row.number for row in everything.tickets] == [second.number, first.number]  # newest first
    unknown = customers.history("13700009999")
    assert unknown is not None and unknown.customer_type == NEW_CUSTOMER and unknown.tickets == ()


# --- audit ----------------------------------------------------------------------------------


def test_timeline_is_append_only_in_the_database(service: TicketService, database: Database) -> None:
    created = service.create(make_draft(process_note="10:00 记录来电"), AGENT)
    with pytest.raises(DBAPIError, match="append-only"):
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE timeline_entries SET note = 'changed'"))
    with pytest.raises(DBAPIError, match="append-only"):
        with database.engine.begin() as connection:
            connection.execute(text("DELETE FROM timeline_entries"))
    rows = _timeline_rows(database, created.id)
    assert [(row.kind, row.note) for row in rows] == [("created", "10:00 记录来电")]


def test_timeline_changes_are_stored_as_json(service: TicketService, database: Database) -> None:
    created = service.create(make_draft(), AGENT)
    service.update(created.id, replace(created.draft, status="resolved", solution="更换主板"), created.version, AGENT)
    stored = _timeline_rows(database, created.id)[-1]
    changes = json.loads(stored.changes or "[]")
    assert {c["field"]: (c["old"], c["new"]) for c in changes} == {
        "status": ("pending", "resolved"), "solution": (None, "更换主板")}


def test_process_entry_is_appended_without_bumping_the_version(service: TicketService, clock: FakeClock) -> None:
    created = service.create(make_draft(), AGENT)
    clock.advance(minutes=15)
    after = service.add_process_entry(created.id, "10:15 分派至技术部李工", Actor("A1002", "李娜"))
    assert after.version == created.version  # an open form can still save
    entry = after.timeline[-1]
    assert (entry.kind, entry.note, entry.agent_code) == ("process", "10:15 分派至技术部李工", "A1002")
    assert entry.at == clock.now
    with pytest.raises(ValidationFailed):
        service.add_process_entry(created.id, "   ", AGENT)


def test_call_time_edit_is_saved_and_tracked(service: TicketService, clock: FakeClock) -> None:
    created = service.create(make_draft(call_started_at=clock.now - timedelta(minutes=5)), AGENT)
    draft = replace(created.draft, call_started_at=clock.now - timedelta(minutes=20), call_ended_at=None)
    updated = service.update(created.id, draft, created.version, AGENT)
    assert updated.draft.call_started_at == clock.now - timedelta(minutes=20)
    assert [c[0] for c in updated.timeline[-1].changes] == ["call_started_at"]
