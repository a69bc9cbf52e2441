"""Accounts: the first administrator, sign-in with lockout, account management, and the audit of each."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import text

from desktop import i18n
from desktop.rules.passwords import LOCK_MINUTES, MAX_FAILURES
from desktop.services.accounts import AccountService, SignInRefused
from desktop.services.database import Database
from desktop.services.errors import ServiceError, ValidationFailed
from tests.account_helpers import ADMIN_PASSWORD, PASSWORDS, Centre, account_service, build_centre
from tests.helpers import FakeClock

AGENT_PASSWORD = PASSWORDS["A1001"]
WRONG = "guess2023Wrong"


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    i18n.set_language("en")
    return build_centre(database, clock)


def fail_times(accounts: AccountService, count: int, code: str = "A1001") -> list[str]:
    messages = []
    for _attempt in range(count):
        with pytest.raises(SignInRefused) as refused:
            accounts.sign_in(code, WRONG)
        messages.append(str(refused.value))
    return messages


def stored_agent(database: Database, code: str) -> dict[str, object]:
    with database.engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM agents WHERE code = :code"), {"code": code}).mappings().one()
        return dict(row)


# --- the first administrator ---------------------------------------------------------------


def test_a_new_database_needs_its_first_administrator_once(database: Database, clock: FakeClock) -> None:
    accounts = account_service(database, clock)
    assert accounts.needs_first_admin() is True
    admin = accounts.create_first_admin(" M001 ", "李主任", ADMIN_PASSWORD)
    assert (admin.code, admin.name, admin.role) == ("M001", "李主任", "admin")
    assert accounts.needs_first_admin() is False
    with pytest.raises(ServiceError):
        accounts.create_first_admin("M009", "冒名者", "other2023Pass")
    assert [a.code for a in accounts.accounts(admin)] == ["M001"]
    assert accounts.sign_in("M001", ADMIN_PASSWORD).role == "admin"


def test_the_first_administrator_must_meet_the_rules(database: Database, clock: FakeClock) -> None:
    accounts = account_service(database, clock)
    with pytest.raises(ValidationFailed) as refused:
        accounts.create_first_admin("M 001", "", "short")
    assert set(refused.value.report.errors) == {"code", "name", "password"}
    assert accounts.needs_first_admin() is True


def test_creating_the_first_administrator_is_audited(centre: Centre) -> None:
    created = centre.entries("account_created")
    first = created[-1]
    assert (first.actor_code, first.target_label, first.details) == ("M001", "M001", {"role": "admin"})


# --- signing in ------------------------------------------------------------------------------


def test_the_right_password_signs_in_with_the_role_from_the_database(centre: Centre) -> None:
    actor = centre.accounts.sign_in(" A1001 ", AGENT_PASSWORD)
    assert (actor.code, actor.name, actor.role) == ("A1001", "张敏", "agent")
    assert centre.accounts.sign_in("S001", PASSWORDS["S001"]).role == "supervisor"


def test_a_wrong_password_and_an_unknown_id_get_the_same_answer(centre: Centre) -> None:
    with pytest.raises(SignInRefused) as wrong:
        centre.accounts.sign_in("A1001", WRONG)
    with pytest.raises(SignInRefused) as unknown:
        centre.accounts.sign_in("Z999", WRONG)
    assert str(wrong.value) == str(unknown.value) == "Unknown agent ID or wrong password."


def test_the_fifth_wrong_password_in_a_row_locks_the_account(centre: Centre) -> None:
    messages = fail_times(centre.accounts, MAX_FAILURES)
    assert all(m == "Unknown agent ID or wrong password." for m in messages[:-1])
    assert "locked" in messages[-1]
    assert stored_agent(centre.database, "A1001")["locked_until"] is not None
    with pytest.raises(SignInRefused) as during:
        centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    assert "locked" in str(during.value)


def test_the_lock_message_names_the_minutes_left(centre: Centre) -> None:
    messages = fail_times(centre.accounts, MAX_FAILURES)
    assert f"{LOCK_MINUTES} more minutes" in messages[-1]


def test_the_lock_message_counts_down(centre: Centre) -> None:
    fail_times(centre.accounts, MAX_FAILURES)
    centre.clock.advance(minutes=LOCK_MINUTES - 0.5)
    with pytest.raises(SignInRefused) as refused:
        centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    assert "locked for 1 more minutes" in str(refused.value)


def test_after_the_wait_the_right_password_works_and_the_count_restarts(centre: Centre) -> None:
    fail_times(centre.accounts, MAX_FAILURES)
    centre.clock.advance(minutes=LOCK_MINUTES, seconds=-1)
    with pytest.raises(SignInRefused):
        centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    centre.clock.advance(seconds=1)
    assert centre.accounts.sign_in("A1001", AGENT_PASSWORD).code == "A1001"
    stored = stored_agent(centre.database, "A1001")
    assert (stored["failed_sign_ins"], stored["locked_until"]) == (0, None)
    fail_times(centre.accounts, MAX_FAILURES - 1)
    assert centre.accounts.sign_in("A1001", AGENT_PASSWORD).code == "A1001"


def test_a_success_in_between_restarts_the_count(centre: Centre) -> None:
    fail_times(centre.accounts, MAX_FAILURES - 1)
    centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    messages = fail_times(centre.accounts, MAX_FAILURES - 1)
    assert not any("locked" in m for m in messages)
    assert "locked" in fail_times(centre.accounts, 1)[0]


def test_one_account_locking_leaves_the_others_alone(centre: Centre) -> None:
    fail_times(centre.accounts, MAX_FAILURES)
    assert centre.accounts.sign_in("S001", PASSWORDS["S001"]).code == "S001"


def test_unlocking_the_screen_counts_towards_the_same_lock(centre: Centre) -> None:
    agent = centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    assert centre.accounts.unlock(agent, AGENT_PASSWORD) == agent
    assert centre.entries("screen_unlocked")[0].actor_code == "A1001"
    for _attempt in range(MAX_FAILURES):
        with pytest.raises(SignInRefused):
            centre.accounts.unlock(agent, WRONG)
    with pytest.raises(SignInRefused, match="locked"):
        centre.accounts.unlock(agent, AGENT_PASSWORD)


def test_every_failure_lock_and_sign_in_is_audited(centre: Centre) -> None:
    start = centre.clock.now
    centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    fail_times(centre.accounts, MAX_FAILURES)
    fail_times(centre.accounts, 1, code="Z999")
    with pytest.raises(SignInRefused):
        centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    centre.clock.advance(minutes=LOCK_MINUTES)
    agent = centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    centre.accounts.sign_out(agent)

    mine = [row for row in centre.entries() if row.actor_code in {"A1001", "Z999"}]
    oldest_first = [(row.actor_code, row.action, row.details.get("reason")) for row in reversed(mine)]
    assert oldest_first == (
        [("A1001", "sign_in", None)]
        + [("A1001", "sign_in_failed", "password")] * MAX_FAILURES
        + [("A1001", "account_locked", None), ("Z999", "sign_in_failed", "unknown"),
           ("A1001", "sign_in_failed", "locked"), ("A1001", "sign_in", None), ("A1001", "sign_out", None)]
    )
    locked = centre.entries("account_locked")[0]
    assert (locked.target_kind, locked.target_label) == ("account", "A1001")
    assert locked.details == {"until": (start + timedelta(minutes=LOCK_MINUTES)).isoformat()}


def test_passwords_are_never_stored_audited_or_logged_in_clear(
        centre: Centre, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fail_times(centre.accounts, MAX_FAILURES)
    centre.clock.advance(minutes=LOCK_MINUTES)
    agent = centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    centre.accounts.change_password(agent, AGENT_PASSWORD, "fresh2023Pass")
    secrets = [*PASSWORDS.values(), WRONG, "fresh2023Pass"]
    with centre.database.engine.connect() as connection:
        agents = connection.execute(text("SELECT * FROM agents")).all()
        audit = connection.execute(text("SELECT * FROM audit_log")).all()
    assert agents and audit
    stored = [str(value) for row in [*agents, *audit] for value in row if value is not None]
    assert not [value for value in stored for secret in secrets if secret in value]
    assert all(str(row.password_hash).startswith("$argon2id$") for row in agents)
    assert not [record for record in caplog.records for secret in secrets if secret in record.getMessage()]


def test_a_deactivated_account_cannot_sign_in(centre: Centre) -> None:
    with pytest.raises(SignInRefused, match="deactivated"):
        centre.accounts.sign_in("M002", PASSWORDS["M002"])
    assert centre.entries("sign_in_failed")[0].details == {"reason": "inactive"}


def test_reactivating_an_account_lets_it_sign_in_again(centre: Centre) -> None:
    centre.accounts.save_account(centre.admin, "M002", "前管理员", "admin", active=True)
    assert centre.accounts.sign_in("M002", PASSWORDS["M002"]).role == "admin"


# --- managing accounts ------------------------------------------------------------------------


def test_the_account_list_shows_roles_activity_and_locks(centre: Centre) -> None:
    fail_times(centre.accounts, MAX_FAILURES)
    listed = {a.code: a for a in centre.accounts.accounts(centre.admin)}
    assert list(listed) == ["A1001", "M001", "M002", "S001"]
    assert {code: a.role for code, a in listed.items()} == {
        "A1001": "agent", "M001": "admin", "M002": "admin", "S001": "supervisor"}
    assert not listed["M002"].active and listed["S001"].active
    assert listed["A1001"].locked_until == centre.clock.now + timedelta(minutes=LOCK_MINUTES)
    assert all(a.has_password for a in listed.values())


@pytest.mark.parametrize(
    ("code", "name", "role", "password", "field"),
    [
        ("A 2002", "新人", "agent", "newbie2023x", "code"),
        ("A2002-toolong-1234", "新人", "agent", "newbie2023x", "code"),
        ("", "新人", "agent", "newbie2023x", "code"),
        ("A2002", "", "agent", "newbie2023x", "name"),
        ("A2002", "名" * 33, "agent", "newbie2023x", "name"),
        ("A2002", "新人", "root", "newbie2023x", "role"),
        ("A2002", "新人", "agent", "short1", "password"),
        ("A2002", "新人", "agent", "onlyletters", "password"),
        ("A2002", "新人", "agent", "xA2002x99", "password"),
        ("A2002", "新人", "agent", None, "password"),
    ],
)
def test_save_account_refuses_each_field_on_its_own(
        centre: Centre, code: str, name: str, role: str, password: str | None, field: str) -> None:
    before = centre.raw_count("audit_log")
    with pytest.raises(ValidationFailed) as refused:
        centre.accounts.save_account(centre.admin, code, name, role, password=password)
    assert set(refused.value.report.errors) == {field}
    assert refused.value.report.errors[field]
    assert [a.code for a in centre.accounts.accounts(centre.admin)] == ["A1001", "M001", "M002", "S001"]
    assert centre.raw_count("audit_log") == before


def test_save_account_reports_every_bad_field_at_once(centre: Centre) -> None:
    with pytest.raises(ValidationFailed) as refused:
        centre.accounts.save_account(centre.admin, "", "", "root", password="x")
    assert set(refused.value.report.errors) == {"code", "name", "role", "password"}


def test_creating_and_changing_an_account_is_audited(centre: Centre) -> None:
    created = centre.accounts.save_account(centre.admin, "A2002", "新人", "agent", password="newbie2023x")
    assert (created.code, created.role, created.active, created.has_password) == ("A2002", "agent", True, True)
    centre.accounts.save_account(centre.admin, "A2002", "新人", "supervisor")
    assert centre.accounts.sign_in("A2002", "newbie2023x").role == "supervisor"
    changed = centre.entries("account_changed")[0]
    assert (changed.actor_code, changed.target_label, changed.details) == (
        "M001", "A2002", {"role": "supervisor", "active": True})
    assert centre.entries("account_created")[0].target_label == "A2002"


def test_an_administrator_reset_sets_a_new_password_and_lifts_a_lock(centre: Centre) -> None:
    fail_times(centre.accounts, MAX_FAILURES)
    centre.accounts.save_account(centre.admin, "A1001", "张敏", "agent", password="reset2023Pass")
    assert centre.accounts.sign_in("A1001", "reset2023Pass").code == "A1001"
    with pytest.raises(SignInRefused):
        centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    reset = centre.entries("password_reset")
    assert [(r.actor_code, r.target_label) for r in reset] == [("M001", "A1001")]


@pytest.mark.parametrize(("role", "active"), [("supervisor", True), ("agent", True), ("admin", False)])
def test_an_administrator_cannot_lower_or_deactivate_themself(centre: Centre, role: str, active: bool) -> None:
    with pytest.raises(ValidationFailed) as refused:
        centre.accounts.save_account(centre.admin, "M001", "李主任", role, active=active)
    assert set(refused.value.report.errors) == {"role"}
    assert centre.accounts.sign_in("M001", ADMIN_PASSWORD).role == "admin"


def test_an_administrator_may_rename_themself(centre: Centre) -> None:
    centre.accounts.save_account(centre.admin, "M001", "李主任（值班）", "admin")
    assert centre.accounts.sign_in("M001", ADMIN_PASSWORD).name == "李主任（值班）"


# --- changing one's own password -------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "field"), [
    (WRONG, "fresh2023Pass", "old_password"),  # the current password is wrong
    (AGENT_PASSWORD, "short", "password"),  # the new one breaks the rules
    (AGENT_PASSWORD, "A1001fresh", "password"),
])
def test_a_refused_password_change_keeps_the_old_password(centre: Centre, old: str, new: str, field: str) -> None:
    agent = centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    with pytest.raises(ValidationFailed) as refused:
        centre.accounts.change_password(agent, old, new)
    assert set(refused.value.report.errors) == {field}
    assert centre.accounts.sign_in("A1001", AGENT_PASSWORD).code == "A1001"
    assert centre.entries("password_changed") == []


def test_a_changed_password_replaces_the_old_one_and_is_audited(centre: Centre) -> None:
    agent = centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    centre.accounts.change_password(agent, AGENT_PASSWORD, "fresh2023Pass")
    assert centre.accounts.sign_in("A1001", "fresh2023Pass").code == "A1001"
    with pytest.raises(SignInRefused):
        centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    changed = centre.entries("password_changed")
    assert [(r.actor_code, r.target_label, r.details) for r in changed] == [("A1001", "A1001", {})]


def test_wrong_current_passwords_count_towards_the_lock(centre: Centre) -> None:
    agent = centre.accounts.sign_in("A1001", AGENT_PASSWORD)
    for _attempt in range(MAX_FAILURES):
        with pytest.raises(ValidationFailed):
            centre.accounts.change_password(agent, WRONG, "fresh2023Pass")
    with pytest.raises(SignInRefused, match="locked"):
        centre.accounts.sign_in("A1001", AGENT_PASSWORD)
