"""Visits on a fake clock: proposals by rule (no duplicates), the target list, recording, periodic visits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop.models.visits import Visit
from desktop.rules import visits as rules
from desktop.rules.visits import VisitRecord
from desktop.services.database import Database
from desktop.services.errors import PermissionDenied
from desktop.services.visits import RecordRefused, TargetFilter, VisitService
from tests.account_helpers import Centre, build_centre
from tests.helpers import FakeClock, make_draft


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    return build_centre(database, clock)


@pytest.fixture
def visits(database: Database, clock: FakeClock) -> VisitService:
    return VisitService(database.sessions, clock=clock)


def _resolved(centre: Centre, **values: object) -> int:
    draft = make_draft(status="resolved", solution="已处理", call_started_at=centre.clock.now, **values)
    return centre.tickets.create(draft, centre.agent).id


def _count(database: Database) -> int:
    with database.sessions() as session:
        return int(session.execute(select(func.count()).select_from(Visit)).scalar_one())


def _full(**values: object) -> VisitRecord:
    base: dict[str, object] = {"visited_at": datetime(2023, 10, 16, 3, 0, tzinfo=UTC),
                               "scores": dict.fromkeys(rules.DIMENSIONS, 4), "recommendation": 9, "resolved": True,
                               "customer_words": "换货很快"}
    base.update(values)
    return VisitRecord(**base)  # type: ignore[arg-type]


def test_a_resolved_complaint_gets_two_visits_and_proposing_again_adds_none(
        centre: Centre, visits: VisitService, database: Database) -> None:
    # Sunday 2023-10-15 02:00 UTC: a complaint resolved on the call (returning customer: a ticket before it).
    _resolved(centre, issue_type="consult", phone="13800001111")
    centre.clock.advance(minutes=5)
    ticket_id = _resolved(centre, issue_type="complaint", phone="13800001111", priority="normal")
    first = visits.propose(centre.agent)
    assert first == 3  # the first call's new-customer visit, and the complaint's two
    assert visits.propose(centre.agent) == 0
    assert _count(database) == 3
    kinds = {(v.kind, v.due_from.date()) for v in visits.due(centre.agent, horizon=timedelta(days=10))
             if v.ticket_id == ticket_id}
    # 24 h later is Mon 10-16; working day 3 after Sun 10-15 is Wed 10-18.
    assert kinds == {(rules.AFTER_RESOLUTION, date(2023, 10, 16)), (rules.COMPLAINT_FOLLOW_UP, date(2023, 10, 18))}
    assert [e.details["count"] for e in centre.entries("visits_proposed")] == [first]


def test_the_due_list_marks_a_visit_past_its_window(centre: Centre, visits: VisitService) -> None:
    _resolved(centre, issue_type="fault", priority="urgent")  # new customer + urgent repair
    visits.propose(centre.agent)
    centre.clock.advance(hours=49)
    due = {v.kind: v for v in visits.due(centre.agent)}
    assert due[rules.AFTER_RESOLUTION].overdue
    assert not due[rules.NEW_CUSTOMER_VISIT].overdue
    assert "139****5678" in due[rules.AFTER_RESOLUTION].customer


def test_the_target_list_filters(centre: Centre, visits: VisitService) -> None:
    complaint = _resolved(centre, issue_type="complaint", phone="13800000001")
    low = _resolved(centre, issue_type="consult", phone="13800000002", satisfaction="unsatisfied",
                    satisfaction_reason="等太久")
    vip = _resolved(centre, issue_type="consult", phone="13800000003", account_type="vip")
    centre.clock.advance(days=3)
    _resolved(centre, issue_type="consult", phone="13800000003", account_type="vip")  # the same VIP again
    later = _resolved(centre, issue_type="consult", phone="13800000004")
    boss = centre.supervisor

    def ids(**flt: object) -> set[int]:
        return {row.ticket_id for row in visits.targets(boss, TargetFilter(**flt))}  # type: ignore[arg-type]

    assert ids(past_complaints=True) == {complaint}
    assert ids(low_scores=True) == {low}
    assert len(visits.targets(boss, TargetFilter(vip=True))) == 1  # one line per customer: the newest ticket
    assert vip not in ids(vip=True)
    assert ids(past_complaints=True, low_scores=True) == {complaint, low}
    # Every first call of a phone is a new customer; the date range keeps only the later day.
    assert ids(new_customers=True, date_from=date(2023, 10, 18)) == {later}
    assert ids(date_to=date(2023, 10, 15)) == {complaint, low, vip}
    [row] = visits.targets(boss, TargetFilter(past_complaints=True))
    assert row.reasons == ("complaint", "new") and not row.planned


def test_planning_from_the_target_list_is_for_supervisors_and_idempotent(
        centre: Centre, visits: VisitService, database: Database) -> None:
    ticket_id = _resolved(centre, issue_type="consult", phone="13800000009")
    start, end = centre.clock.now + timedelta(days=1), centre.clock.now + timedelta(days=3)
    with pytest.raises(PermissionDenied):
        visits.targets(centre.agent, TargetFilter())
    with pytest.raises(PermissionDenied):
        visits.plan(centre.agent, [ticket_id], start, end)
    assert visits.plan(centre.supervisor, [ticket_id], start, end, agent_code="A1001") == 1
    assert visits.plan(centre.supervisor, [ticket_id], start, end) == 0
    [row] = visits.targets(centre.supervisor, TargetFilter())
    assert row.planned
    with pytest.raises(RecordRefused) as refused:
        visits.plan(centre.supervisor, [ticket_id], end, start)
    assert "due_until" in refused.value.errors


def test_a_visit_is_refused_for_out_of_range_scores_and_nothing_is_saved(
        centre: Centre, visits: VisitService) -> None:
    _resolved(centre, issue_type="complaint")
    visits.propose(centre.agent)
    visit = visits.due(centre.agent)[0]
    with pytest.raises(RecordRefused) as refused:
        visits.record(centre.agent, visit.id, _full(scores={**dict.fromkeys(rules.DIMENSIONS, 4), "score_value": 7},
                                                   recommendation=12, visited_at=centre.clock.now))
    assert set(refused.value.errors) == {"score_value", "recommendation"}
    assert visits.get(visit.id).row.status == rules.PLANNED
    assert visits.get(visit.id).recommendation is None


def test_a_visit_is_recorded_read_back_and_flagged_late(centre: Centre, visits: VisitService) -> None:
    _resolved(centre, issue_type="complaint")
    visits.propose(centre.agent)
    first, second = visits.due(centre.agent, horizon=timedelta(days=10))[:2]
    centre.clock.now = datetime(2023, 10, 16, 4, 0, tzinfo=UTC)
    scores = dict(zip(rules.DIMENSIONS, (5, 4, 3, 4, 5, 2), strict=True))
    saved = visits.record(centre.agent, first.id, _full(scores=scores, resolved=False,
                                                        follow_up_action="周三技术部电话回访"))
    assert saved.row.status == rules.DONE and saved.scores == scores and saved.recommendation == 9
    assert saved.resolved is False and saved.follow_up_action == "周三技术部电话回访"
    assert saved.recorded_by == "A1001" and saved.row.recorded_late is False
    assert first.id not in {v.id for v in visits.due(centre.agent)}
    with pytest.raises(RecordRefused):  # recorded once only
        visits.record(centre.agent, first.id, _full())
    # Visited Mon 10-16, recorded Thu 10-19: later than 2 working days (end of Wed 10-18).
    centre.clock.now = datetime(2023, 10, 19, 2, 0, tzinfo=UTC)
    late = visits.record(centre.agent, second.id, _full())
    assert late.row.recorded_late is True
    assert [e.details["late"] for e in centre.entries("visit_recorded")] == [True, False]


def test_a_skipped_visit_keeps_the_reason(centre: Centre, visits: VisitService) -> None:
    _resolved(centre, issue_type="complaint")
    visits.propose(centre.agent)
    visit = visits.due(centre.agent)[0]
    skipped = visits.record(centre.agent, visit.id, VisitRecord(visited_at=centre.clock.now, status=rules.SKIPPED,
                                                                customer_words="三次未接通"))
    assert skipped.row.status == rules.SKIPPED and skipped.customer_words == "三次未接通"
    assert skipped.scores == dict.fromkeys(rules.DIMENSIONS)


def test_periodic_visits_for_a_marked_customer(centre: Centre, visits: VisitService, database: Database) -> None:
    ticket_id = _resolved(centre, issue_type="consult", phone="13800000007")
    detail = centre.tickets.get(ticket_id)
    with database.sessions() as session:
        from desktop.models.entities import Ticket
        customer_id = session.get(Ticket, ticket_id).customer_id  # type: ignore[union-attr]
    assert detail.id == ticket_id
    with pytest.raises(PermissionDenied):
        visits.set_periodic(centre.agent, customer_id, rules.MONTHLY)
    visits.set_periodic(centre.supervisor, customer_id, rules.MONTHLY)
    visits.propose(centre.agent)  # the new-customer visit only: the month has not come round
    assert {v.kind for v in visits.due(centre.agent, horizon=timedelta(days=60))} == {rules.NEW_CUSTOMER_VISIT}
    centre.clock.advance(days=25)
    visits.propose(centre.agent)
    periodic = [v for v in visits.due(centre.agent, horizon=timedelta(days=60)) if v.kind == rules.PERIODIC]
    assert [v.due_from for v in periodic] == [datetime(2023, 11, 15, 2, 0, tzinfo=UTC)]
    assert visits.propose(centre.agent) == 0  # one periodic visit at a time


def test_the_centre_calendar_moves_the_window_and_a_later_change_adds_no_duplicate(
        centre: Centre, visits: VisitService, database: Database) -> None:
    import json

    from desktop.models.audit import CentreSetting
    from desktop.rules.centre_options import EXTRA_HOLIDAYS

    def closed_on(days: list[str]) -> None:
        with database.sessions.begin() as session:
            setting = session.get(CentreSetting, EXTRA_HOLIDAYS.key)
            if setting is None:
                session.add(CentreSetting(key=EXTRA_HOLIDAYS.key, value=json.dumps(days), updated_at=centre.clock.now,
                                          updated_by="M001"))
            else:
                setting.value = json.dumps(days)

    _resolved(centre, issue_type="consult", phone="13800001112")
    ticket_id = _resolved(centre, issue_type="complaint", phone="13800001112")
    closed_on(["2023-10-17"])  # the centre closes on Tuesday: working day 3 after Sunday is Thursday 10-19
    visits.propose(centre.agent)
    [follow_up] = [v for v in visits.due(centre.agent, horizon=timedelta(days=10))
                   if v.ticket_id == ticket_id and v.kind == rules.COMPLAINT_FOLLOW_UP]
    assert follow_up.due_from.date() == date(2023, 10, 19)
    closed_on([])  # the closure is called off: the rule would now say Wednesday, but the visit is not doubled
    assert visits.propose(centre.agent) == 0
    assert _count(database) == 3
