"""The retention purge: only tickets older than the kept years go, exported first, audited; the
timeline stays append-only for everything else."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, func, select
from sqlalchemy.exc import DBAPIError

from desktop.models.entities import Customer, Ticket, TimelineEntry
from desktop.rules.centre_options import RETENTION_YEARS
from desktop.services.database import Database
from desktop.services.errors import PermissionDenied, ServiceError, ValidationFailed
from desktop.services.retention import RetentionService
from tests.account_helpers import Centre, build_centre
from tests.helpers import FakeClock, make_draft


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    return build_centre(database, clock)


@pytest.fixture
def aged(centre: Centre, clock: FakeClock) -> dict[str, int]:
    """Two tickets three years old (one caller only then), one just inside two years, two of today."""
    now = clock.now
    ids = {}
    for name, days, phone in (("old_a", 3 * 365, "13900000001"), ("old_b", 3 * 365 - 5, "13900000002"),
                              ("kept_edge", 2 * 365 - 3, "13900000002"), ("new_a", 0, "13900000003"),
                              ("new_b", 0, "13900000001")):
        ids[name] = centre.tickets.create(make_draft(phone=phone, call_started_at=now - timedelta(days=days),
                                                     description=f"{name} 咨询物流"), centre.agent).id
    return ids


def _count(database: Database, model: type) -> int:
    with database.sessions() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_only_the_tickets_older_than_two_years_are_exported_then_removed(
        centre: Centre, aged: dict[str, int], database: Database, clock: FakeClock, tmp_path: Path) -> None:
    service = RetentionService(database.sessions, clock=clock)
    plan = service.plan()
    assert (plan.years, plan.count) == (2, 2)
    with pytest.raises(PermissionDenied):
        service.purge(centre.agent, tmp_path / "agent.xlsx", plan)
    export = tmp_path / "removed.xlsx"
    assert service.purge(centre.admin, export, plan) == 2
    sheet = load_workbook(export).active
    texts = [" ".join(str(c) for c in row if c) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(texts) == 2 and all("old_" in t for t in texts) and not any("13900000001" in t for t in texts)
    with database.sessions() as session:
        left = set(session.execute(select(Ticket.id)).scalars())
        phones = set(session.execute(select(Customer.phone)).scalars())
        entries = set(session.execute(select(TimelineEntry.ticket_id)).scalars())
    assert left == {aged["kept_edge"], aged["new_a"], aged["new_b"]} == entries
    assert len(phones) == 3  # each caller still has a kept ticket
    [entry] = centre.entries("purge")
    assert entry.actor_code == "M001"
    assert service.plan().count == 0
    # Everything kept is still append-only.
    with pytest.raises(DBAPIError), database.sessions.begin() as session:
        session.execute(delete(TimelineEntry).where(TimelineEntry.ticket_id == aged["new_a"]))


def test_a_caller_with_only_purged_tickets_is_forgotten(
        centre: Centre, database: Database, clock: FakeClock, tmp_path: Path) -> None:
    centre.tickets.create(make_draft(phone="13711112222", call_started_at=clock.now - timedelta(days=1200)),
                          centre.agent)
    centre.tickets.create(make_draft(phone="13733334444"), centre.agent)
    service = RetentionService(database.sessions, clock=clock)
    assert service.purge(centre.admin, tmp_path / "removed.csv", service.plan()) == 1
    with database.sessions() as session:
        assert set(session.execute(select(Customer.phone)).scalars()) == {"+8613733334444"}


def test_a_changed_setting_or_a_too_short_one_is_refused(
        centre: Centre, aged: dict[str, int], database: Database, clock: FakeClock, tmp_path: Path) -> None:
    service = RetentionService(database.sessions, clock=clock)
    plan = service.plan()
    with pytest.raises(ValidationFailed):
        centre.centre.set(centre.admin, RETENTION_YEARS, 1)  # the forms keep two years at least
    centre.centre.set(centre.admin, RETENTION_YEARS, 5)
    with pytest.raises(ServiceError):
        service.purge(centre.admin, tmp_path / "removed.xlsx", plan)
    assert _count(database, Ticket) == 5 and not (tmp_path / "removed.xlsx").exists()
    assert service.plan().count == 0
