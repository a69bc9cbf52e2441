"""Ticket lifecycle in the services: moves checked by the status machine, deadlines, times, timeline."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.models.audit import CentreSetting
from desktop.models.entities import Department
from desktop.rules.centre_options import DEADLINE_PRESET, EXTRA_HOLIDAYS
from desktop.services.centre_settings import CentreSettingsService
from desktop.services.database import Database
from desktop.services.dto import TicketFilter
from desktop.services.errors import ConflictError, TransitionRefused
from desktop.services.ticket_list import TicketListService
from desktop.services.tickets import TicketService
from desktop.services.transitions import LifecycleService, Move
from tests.helpers import AGENT, FakeClock, make_draft


@pytest.fixture
def moves(database: Database, clock: FakeClock) -> LifecycleService:
    return LifecycleService(database.sessions, clock=clock)


def _department(database: Database, name: str = "技术部") -> int:
    with database.sessions() as session:
        found = session.execute(select(Department.id).where(Department.name == name)).scalar_one_or_none()
        if found is None:
            found = session.execute(select(Department.id)).scalars().first()
        return int(found)


def _centre_option(database: Database, clock: FakeClock, key: str, value: object) -> None:
    """Store a centre option directly (the administrator's dialog is tested with the settings)."""
    with database.sessions.begin() as session:
        session.add(CentreSetting(key=key, value=json.dumps(value), updated_at=clock.now, updated_by="admin"))


def test_create_sets_the_deadline_from_the_level(tickets: TicketService, clock: FakeClock) -> None:
    urgent = tickets.create(make_draft(priority="urgent"), AGENT)
    normal = tickets.create(make_draft(priority="normal"), AGENT)
    assert urgent.lifecycle.response_due_at == urgent.draft.call_started_at + timedelta(hours=1)
    assert normal.lifecycle.response_due_at == normal.draft.call_started_at + timedelta(hours=24)
    assert urgent.lifecycle.responded_at is None and urgent.lifecycle.last_progress_at == clock.now
    assert urgent.lifecycle.allowed_moves == ("in_progress", "resolved")


def test_centre_policy_and_working_days(database: Database, tickets: TicketService, clock: FakeClock,
                                        shanghai: None) -> None:
    _centre_option(database, clock, DEADLINE_PRESET.key, "form_000")
    _centre_option(database, clock, EXTRA_HOLIDAYS.key, ["2023-10-16"])  # the Monday off: counting skips it
    assert CentreSettingsService(database.sessions).get(DEADLINE_PRESET) == "form_000"
    start = datetime(2023, 10, 13, 2, 0, tzinfo=UTC)  # Friday 10:00 in Beijing
    detail = tickets.create(make_draft(priority="normal", call_started_at=start), AGENT)
    # 3 working days: Tue 17, Wed 18, Thu 19 (the weekend and the centre's Monday off skipped), same time of day.
    assert detail.lifecycle.response_due_at == datetime(2023, 10, 19, 2, 0, tzinfo=UTC)
    urgent = tickets.create(make_draft(priority="urgent", call_started_at=start), AGENT)
    assert urgent.lifecycle.response_due_at == start + timedelta(hours=24)


def test_priority_change_recomputes_the_deadline(tickets: TicketService) -> None:
    created = tickets.create(make_draft(priority="normal"), AGENT)
    updated = tickets.update(created.id, replace(created.draft, priority="urgent"), created.version, AGENT)
    assert updated.lifecycle.response_due_at == created.draft.call_started_at + timedelta(hours=1)
    assert updated.version == created.version + 1


def test_illegal_move_is_refused_with_the_reason(tickets: TicketService) -> None:
    created = tickets.create(make_draft(), AGENT)
    with pytest.raises(TransitionRefused) as refused:
        tickets.update(created.id, replace(created.draft, status="closed"), created.version, AGENT)
    assert "已关闭" in str(refused.value)
    with pytest.raises(TransitionRefused) as missing:
        tickets.update(created.id, replace(created.draft, status="in_progress"), created.version, AGENT)
    assert "handler" in missing.value.report.errors
    assert tickets.get(created.id).draft.status == "pending"


def test_first_response_resolution_and_closing_times(tickets: TicketService, clock: FakeClock) -> None:
    created = tickets.create(make_draft(), AGENT)
    clock.advance(minutes=20)
    working = tickets.update(created.id, replace(created.draft, status="in_progress", handler="李工"),
                             created.version, AGENT)
    assert working.lifecycle.responded_at == clock.now
    clock.advance(hours=1)
    resolved = tickets.update(working.id, replace(working.draft, status="resolved", solution="更换主板"),
                              working.version, AGENT)
    assert resolved.lifecycle.resolved_at == clock.now
    assert resolved.lifecycle.responded_at == clock.now - timedelta(hours=1)
    assert resolved.lifecycle.first_contact_resolved is False
    clock.advance(hours=1)
    closed = tickets.update(resolved.id, replace(resolved.draft, status="closed", satisfaction="satisfied"),
                            resolved.version, AGENT)
    assert closed.lifecycle.closed_at == clock.now
    assert closed.lifecycle.allowed_moves == ()


def test_resolved_on_the_call_counts_as_first_contact(tickets: TicketService) -> None:
    created = tickets.create(make_draft(), AGENT)
    done = tickets.update(created.id, replace(created.draft, status="resolved", solution="指导重启"), created.version,
                          AGENT)
    assert done.lifecycle.first_contact_resolved is True


def test_route_writes_the_timeline(database: Database, tickets: TicketService, moves: LifecycleService) -> None:
    created = tickets.create(make_draft(), AGENT)
    department = _department(database)
    routed = moves.route(created.id, department, "李工", created.version, AGENT)
    assert routed.draft.status == "in_progress"
    assert routed.draft.handler == "李工" and routed.draft.department_id == department
    last = routed.timeline[-1]
    assert last.kind == "routed"
    assert last.note == f"分派至{routed.department_name}李工"
    assert ("status", "pending", "in_progress") in last.changes
    assert len(routed.timeline) == len(created.timeline) + 1


def test_coordinating_needs_coordinator_and_reply(tickets: TicketService, moves: LifecycleService,
                                                  clock: FakeClock) -> None:
    created = tickets.create(make_draft(), AGENT)
    working = moves.move(created.id, Move("in_progress", handler="李工"), created.version, AGENT)
    with pytest.raises(TransitionRefused) as refused:
        moves.move(working.id, Move("coordinating", coordinator="王主管"), working.version, AGENT)
    assert set(refused.value.report.errors) == {"status", "coordinator_reply_at"}
    reply = clock.now + timedelta(hours=3)
    coordinating = moves.move(working.id, Move("coordinating", coordinator="王主管", coordinator_reply_at=reply),
                              working.version, AGENT)
    assert coordinating.lifecycle.coordinator == "王主管"
    assert coordinating.lifecycle.coordinator_reply_at == reply


def test_escalate_records_the_final_position(tickets: TicketService, moves: LifecycleService) -> None:
    created = tickets.create(make_draft(), AGENT)
    working = moves.move(created.id, Move("in_progress", handler="李工"), created.version, AGENT)
    escalated = moves.escalate(working.id, "刘经理", "要求全额退款", working.version, AGENT)
    assert escalated.draft.status == "escalate"
    assert escalated.lifecycle.escalated_to == "刘经理"
    assert escalated.lifecycle.final_position == "要求全额退款"
    assert escalated.timeline[-1].kind == "escalated"


def test_escalate_keeps_the_agents_note(tickets: TicketService, moves: LifecycleService) -> None:
    created = tickets.create(make_draft(), AGENT)
    working = moves.move(created.id, Move("in_progress", handler="李工"), created.version, AGENT)
    escalated = moves.escalate(working.id, "刘经理", "要求全额退款", working.version, AGENT, note="客户情绪激动")
    note = escalated.timeline[-1].note or ""
    assert "刘经理" in note and "客户情绪激动" in note


def test_reopen_starts_a_second_round_with_its_plan(tickets: TicketService, moves: LifecycleService) -> None:
    created = tickets.create(make_draft(handler="李工"), AGENT)
    resolved = moves.move(created.id, Move("resolved", solution="更换主板"), created.version, AGENT)
    with pytest.raises(TransitionRefused):
        moves.reopen(resolved.id, "", resolved.version, AGENT)
    reopened = moves.reopen(resolved.id, "上门检测后再换新机", resolved.version, AGENT)
    assert reopened.draft.status == "in_progress"
    assert reopened.lifecycle.handling_round == 2
    assert reopened.lifecycle.plan == "上门检测后再换新机"
    assert reopened.lifecycle.resolved_at is None
    assert reopened.timeline[-1].kind == "reopened"


def test_moves_check_the_version(tickets: TicketService, moves: LifecycleService) -> None:
    created = tickets.create(make_draft(), AGENT)
    moves.move(created.id, Move("in_progress", handler="李工"), created.version, AGENT)
    with pytest.raises(ConflictError):
        moves.move(created.id, Move("resolved", solution="x"), created.version, AGENT)


def test_process_entry_is_progress_without_a_version_step(tickets: TicketService, clock: FakeClock) -> None:
    created = tickets.create(make_draft(), AGENT)
    clock.advance(hours=7)
    assert tickets.get(created.id).lifecycle.stale
    after = tickets.add_process_entry(created.id, "已联系仓库", AGENT)
    assert after.version == created.version
    assert after.lifecycle.last_progress_at == clock.now
    assert not after.lifecycle.stale


def test_overdue_and_stale_in_the_list(database: Database, tickets: TicketService, clock: FakeClock) -> None:
    urgent = tickets.create(make_draft(priority="urgent", description="紧急停电"), AGENT)
    tickets.create(make_draft(priority="normal", description="咨询发票"), AGENT)
    done = tickets.create(make_draft(priority="urgent", status="resolved", solution="已处理", description="已解决的"),
                          AGENT)
    clock.advance(hours=2)
    listing = TicketListService(database.sessions, clock=clock)
    rows = {row.id: row for row in listing.page(TicketFilter(), 10)}
    assert rows[urgent.id].overdue and not rows[done.id].overdue
    assert [row.id for row in listing.page(TicketFilter(overdue_only=True), 10)] == [urgent.id]
    assert listing.count(TicketFilter(overdue_only=True)) == 1
    clock.advance(hours=5)
    stale = {row.id: row.stale for row in listing.page(TicketFilter(), 10)}
    assert stale[urgent.id] and not stale[done.id]


def test_filter_by_priority_department_handler(database: Database, tickets: TicketService,
                                               moves: LifecycleService) -> None:
    a = tickets.create(make_draft(priority="urgent"), AGENT)
    tickets.create(make_draft(priority="normal"), AGENT)
    department = _department(database)
    moves.route(a.id, department, "李工", a.version, AGENT)
    listing = TicketListService(database.sessions)
    assert [r.id for r in listing.page(TicketFilter(priority="urgent"), 10)] == [a.id]
    assert [r.id for r in listing.page(TicketFilter(department_id=department), 10)] == [a.id]
    assert [r.id for r in listing.page(TicketFilter(handler="李工"), 10)] == [a.id]
    assert listing.count(TicketFilter(agent_code=AGENT.code)) == 2
    assert listing.count(TicketFilter(agent_code="nobody")) == 0
