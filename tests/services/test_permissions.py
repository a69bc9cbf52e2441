"""Every protected service call, for every kind of account: allowed or refused by the service itself.

The table is the contract; the UI hides what is refused, but these checks hold without any UI.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import text

from desktop import i18n
from desktop.rules.centre_options import IDLE_LOCK_MINUTES
from desktop.services.audit import AuditFilter
from desktop.services.database import Database
from desktop.services.dto import Actor
from desktop.services.errors import PermissionDenied
from tests.account_helpers import Centre, build_centre
from tests.helpers import FakeClock, make_draft

KINDS = ["agent", "supervisor", "admin", "retired_admin", "stranger"]
Operation = Callable[[Centre, Actor, int], object]

OPERATIONS: dict[str, Operation] = {
    "reveal": lambda c, actor, ticket: c.tickets.reveal_phone(ticket, actor),
    "copy": lambda c, actor, ticket: c.tickets.reveal_phone(ticket, actor, copied=True),
    "void": lambda c, actor, ticket: c.tickets.void(ticket, "同一来电重复登记", actor),
    "read_audit": lambda c, actor, _ticket: c.audit.page(actor, AuditFilter()),
    "list_accounts": lambda c, actor, _ticket: c.accounts.accounts(actor),
    "save_account": lambda c, actor, _ticket: c.accounts.save_account(
        actor, "A2002", "新人", "agent", password="newbie2023x"),
    "set_setting": lambda c, actor, _ticket: c.centre.set(actor, IDLE_LOCK_MINUTES, 15),
}

ALLOWED: dict[str, set[str]] = {
    "agent": set(),
    "supervisor": {"reveal", "copy", "void"},
    "admin": set(OPERATIONS),
    "retired_admin": set(),
    "stranger": set(),
}

TABLE = [pytest.param(kind, name, name in ALLOWED[kind], id=f"{kind}-{name}") for kind in KINDS
         for name in OPERATIONS]


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    i18n.set_language("en")
    return build_centre(database, clock)


@pytest.fixture
def ticket_id(centre: Centre) -> int:
    return centre.tickets.create(make_draft(), centre.agent).id


def snapshot(database: Database) -> dict[str, object]:
    """Everything a protected operation could change."""
    with database.engine.connect() as connection:
        def rows(sql: str) -> list[tuple[object, ...]]:
            return [tuple(row) for row in connection.execute(text(sql))]

        return {
            "audit": rows("SELECT id FROM audit_log"),
            "tickets": rows("SELECT id, version, voided_at, void_reason, voided_by FROM tickets"),
            "timeline": rows("SELECT id FROM timeline_entries"),
            "agents": rows("SELECT code, name, role, active, password_hash FROM agents"),
            "settings": rows("SELECT key, value FROM centre_settings"),
        }


@pytest.mark.parametrize(("kind", "operation", "expected"), TABLE)
def test_each_role_on_each_protected_operation(
        centre: Centre, ticket_id: int, kind: str, operation: str, expected: bool) -> None:
    before = snapshot(centre.database)
    actor = centre.actor(kind)
    if expected:
        OPERATIONS[operation](centre, actor, ticket_id)
        return
    with pytest.raises(PermissionDenied):
        OPERATIONS[operation](centre, actor, ticket_id)
    assert snapshot(centre.database) == before, "a refused operation changed something"


@pytest.mark.parametrize(("operation", "effect"), [
    ("void", "tickets"), ("save_account", "agents"), ("set_setting", "settings"),
    ("reveal", "audit"), ("copy", "audit"),
])
def test_an_allowed_operation_leaves_its_mark(centre: Centre, ticket_id: int, operation: str, effect: str) -> None:
    before = snapshot(centre.database)
    OPERATIONS[operation](centre, centre.admin, ticket_id)
    after = snapshot(centre.database)
    assert after[effect] != before[effect]
    assert len(after["audit"]) > len(before["audit"])


@pytest.mark.parametrize(("copied", "action"), [(False, "reveal_phone"), (True, "copy_phone")])
@pytest.mark.parametrize("kind", ["supervisor", "admin"])
def test_a_reveal_returns_the_number_and_audits_only_the_masked_one(
        centre: Centre, ticket_id: int, kind: str, copied: bool, action: str) -> None:
    number = centre.tickets.get(ticket_id).number
    assert centre.tickets.reveal_phone(ticket_id, centre.actor(kind), copied=copied) == "13912345678"
    entries = centre.entries(action)
    assert [(e.actor_code, e.target_kind, e.target_id, e.target_label) for e in entries] == [
        (centre.actor(kind).code, "ticket", ticket_id, number)]
    assert entries[0].details == {"phone": "139****5678"}
    with centre.database.engine.connect() as connection:
        stored = connection.execute(text("SELECT details FROM audit_log WHERE action = :a"), {"a": action}).all()
    assert [json.loads(row.details) for row in stored] == [{"phone": "139****5678"}]
    assert "12345678" not in stored[0].details


def test_the_ticket_service_never_shows_the_full_number_without_a_reveal(centre: Centre, ticket_id: int) -> None:
    assert centre.tickets.get(ticket_id).draft.phone == "139****5678"
    assert centre.entries("reveal_phone") == []


def test_a_refused_reveal_is_not_audited_as_a_reveal(centre: Centre, ticket_id: int) -> None:
    with pytest.raises(PermissionDenied) as refused:
        centre.tickets.reveal_phone(ticket_id, centre.agent)
    assert "13912345678" not in str(refused.value)
    assert centre.entries("reveal_phone") == []


def test_the_role_the_caller_claims_is_not_trusted(centre: Centre, ticket_id: int) -> None:
    claiming = Actor("A1001", "张敏", "admin")
    for name in OPERATIONS:
        with pytest.raises(PermissionDenied):
            OPERATIONS[name](centre, claiming, ticket_id)


def test_a_promotion_takes_effect_at_once(centre: Centre, ticket_id: int) -> None:
    with pytest.raises(PermissionDenied):
        centre.tickets.reveal_phone(ticket_id, centre.agent)
    centre.accounts.save_account(centre.admin, "A1001", "张敏", "supervisor")
    assert centre.tickets.reveal_phone(ticket_id, centre.agent) == "13912345678"


def test_a_demotion_and_a_deactivation_take_effect_at_once(centre: Centre, ticket_id: int) -> None:
    supervisor = centre.supervisor
    assert centre.tickets.reveal_phone(ticket_id, supervisor)
    centre.accounts.save_account(centre.admin, "S001", "周组长", "agent")
    with pytest.raises(PermissionDenied):
        centre.tickets.reveal_phone(ticket_id, supervisor)
    centre.accounts.save_account(centre.admin, "S001", "周组长", "supervisor", active=False)
    with pytest.raises(PermissionDenied, match="not active"):
        centre.tickets.reveal_phone(ticket_id, supervisor)


def test_a_deactivated_account_may_not_log_tickets(centre: Centre) -> None:
    centre.accounts.save_account(centre.admin, "A1001", "张敏", "agent", active=False)
    before = centre.raw_count("tickets")
    with pytest.raises(PermissionDenied):
        centre.tickets.create(make_draft(), centre.agent)
    assert centre.raw_count("tickets") == before


def test_a_refusal_names_the_role_it_was_refused_to(centre: Centre, ticket_id: int) -> None:
    with pytest.raises(PermissionDenied) as refused:
        centre.audit.page(centre.supervisor, AuditFilter())
    assert "Supervisor" in str(refused.value)
