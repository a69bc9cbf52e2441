"""The weekly sheet's notes: kept per agent and ISO week, saved by supervisors only, audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.models.entities import Agent
from desktop.rules.weeks import WeekError
from desktop.services.database import Database
from desktop.services.errors import PermissionDenied
from desktop.services.week_notes import AgentNote, WeekNotesService
from tests.account_helpers import Centre, build_centre
from tests.helpers import FakeClock


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    return build_centre(database, clock)


def _ids(database: Database) -> dict[str, int]:
    with database.sessions() as session:
        return {code: agent_id for agent_id, code in session.execute(select(Agent.id, Agent.code))}


def test_notes_are_kept_per_agent_and_week(centre: Centre, clock: FakeClock) -> None:
    service = WeekNotesService(centre.database.sessions, clock=clock)
    ids = _ids(centre.database)
    saved = service.save("2026-W47", {ids["A1001"]: AgentNote("开场白过长", "AHT 低于 180 秒"),
                                      ids["S001"]: AgentNote("", "")}, centre.supervisor)
    assert saved == 1  # an empty note is not stored
    service.save("2026-W48", {ids["A1001"]: AgentNote("记录不完整", "")}, centre.supervisor)
    assert service.notes("2026-W47") == {ids["A1001"]: AgentNote("开场白过长", "AHT 低于 180 秒")}
    assert service.notes("2026-W48") == {ids["A1001"]: AgentNote("记录不完整", "")}
    assert service.notes("2026-W49") == {}
    # Changed again: one row per agent and week, the newest words.
    assert service.save("2026-W47", {ids["A1001"]: AgentNote("开场白过长", "AHT 低于 170 秒")}, centre.supervisor) == 1
    assert service.save("2026-W47", {ids["A1001"]: AgentNote("开场白过长", "AHT 低于 170 秒")}, centre.supervisor) == 0
    assert service.notes("2026-W47")[ids["A1001"]].target == "AHT 低于 170 秒"
    entries = centre.entries("week_note")
    assert len(entries) == 3 and entries[0].target_label == "A1001" and entries[0].details["week"] == "2026-W47"


def test_an_agent_may_not_write_notes(centre: Centre, clock: FakeClock) -> None:
    service = WeekNotesService(centre.database.sessions, clock=clock)
    ids = _ids(centre.database)
    with pytest.raises(PermissionDenied):
        service.save("2026-W47", {ids["A1001"]: AgentNote("自评", "")}, centre.agent)
    assert service.notes("2026-W47") == {}


def test_a_bad_week_is_refused(centre: Centre, clock: FakeClock) -> None:
    with pytest.raises(WeekError):
        WeekNotesService(centre.database.sessions, clock=clock).notes("47")


def test_too_long_or_unknown_is_refused_and_nothing_kept(centre: Centre, clock: FakeClock, english: None) -> None:
    from desktop.services.errors import NotFound, ServiceError
    from desktop.services.week_notes import MAX_NOTE

    service = WeekNotesService(centre.database.sessions, clock=clock)
    ids = _ids(centre.database)
    with pytest.raises(ServiceError, match="shorten"):
        service.save("2026-W47", {ids["A1001"]: AgentNote("长" * (MAX_NOTE + 1), "")}, centre.supervisor)
    with pytest.raises(NotFound):
        service.save("2026-W47", {ids["A1001"]: AgentNote("好", ""), 999_999: AgentNote("无此人", "")},
                     centre.supervisor)
    assert service.notes("2026-W47") == {}  # one transaction: the valid note was not kept either
