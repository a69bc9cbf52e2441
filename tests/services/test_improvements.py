"""Improvement actions: created from tickets and visits, moved to closure, overdue flagged, audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.rules import improvements as rules
from desktop.rules.improvements import ActionDraft
from desktop.services.choices import ChoiceService
from desktop.services.database import Database
from desktop.services.errors import PermissionDenied
from desktop.services.improvements import ImprovementService
from desktop.services.visits import RecordRefused, VisitService
from tests.account_helpers import Centre, build_centre
from tests.helpers import FakeClock, make_draft


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    return build_centre(database, clock)


@pytest.fixture
def service(database: Database, clock: FakeClock) -> ImprovementService:
    return ImprovementService(database.sessions, clock=clock)


def _department(database: Database) -> int:
    return ChoiceService(database.sessions).departments()[0].id


def _draft(database: Database, **values: object) -> ActionDraft:
    base: dict[str, object] = {"problem": "物流延误投诉集中", "action": "与快递公司复核地址校验",
                               "department_id": _department(database), "deadline": date(2023, 10, 20)}
    base.update(values)
    return ActionDraft(**base)  # type: ignore[arg-type]


def test_an_action_is_linked_tracked_to_closure_and_audited(
        centre: Centre, service: ImprovementService, database: Database) -> None:
    ticket = centre.tickets.create(make_draft(issue_type="complaint", status="resolved", solution="加急"), centre.agent)
    visits = VisitService(database.sessions, clock=centre.clock)
    visits.propose(centre.agent)
    visit_id = visits.due(centre.agent)[0].id
    created = service.create(centre.supervisor, _draft(database, ticket_ids=(ticket.id,)))
    assert created.status == rules.OPEN and created.ticket_numbers == (ticket.number,) and not created.overdue
    linked = service.link(centre.supervisor, created.id, visit_ids=[visit_id], ticket_ids=[ticket.id])
    assert linked.visit_ids == (visit_id,) and linked.ticket_numbers == (ticket.number,)  # no double link
    assert service.set_status(centre.supervisor, created.id, rules.IN_PROGRESS).closed_at is None
    done = service.set_status(centre.supervisor, created.id, rules.DONE)
    assert done.status == rules.DONE and done.closed_at == centre.clock.now
    assert [e.action for e in centre.entries()][:4] == ["improvement_changed"] * 3 + ["improvement_created"]
    assert centre.entries("improvement_changed")[0].details == {"status": [rules.IN_PROGRESS, rules.DONE]}


def test_an_action_past_its_deadline_is_overdue_until_done(
        centre: Centre, service: ImprovementService, database: Database) -> None:
    late = service.create(centre.supervisor, _draft(database, deadline=date(2023, 10, 16)))
    kept = service.create(centre.supervisor, _draft(database, problem="话术不统一", deadline=date(2023, 10, 31)))
    centre.clock.advance(days=2)  # 2023-10-17
    rows = {row.id: row for row in service.list()}
    assert rows[late.id].overdue and not rows[kept.id].overdue
    assert [row.id for row in service.list()] == [late.id, kept.id]  # by deadline
    service.set_status(centre.supervisor, late.id, rules.DONE)
    assert not service.get(late.id).overdue
    assert [row.id for row in service.list()] == [kept.id, late.id]  # done ones last
    assert [row.id for row in service.list(include_done=False)] == [kept.id]
    centre.clock.advance(days=15)
    assert service.get(kept.id).overdue


def test_an_incomplete_action_or_an_agent_is_refused(
        centre: Centre, service: ImprovementService, database: Database) -> None:
    with pytest.raises(RecordRefused) as refused:
        service.create(centre.supervisor, _draft(database, problem="", department_id=None,
                                                 deadline=centre.clock.now.date() - timedelta(days=1)))
    assert set(refused.value.errors) == {"problem", "department", "deadline"}
    with pytest.raises(PermissionDenied):
        service.create(centre.agent, _draft(database))
    assert service.list() == []
