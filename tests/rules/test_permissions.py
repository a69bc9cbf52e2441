"""Roles and what each may do: the table exactly as the centre intends it."""

from __future__ import annotations

import pytest

from desktop import i18n
from desktop.rules.permissions import (
    ADMIN,
    AGENT,
    ROLE_PERMISSIONS,
    ROLES,
    SUPERVISOR,
    Permission,
    allowed,
    refusal,
    role_label,
)

P = Permission
EXPECTED: dict[str, set[Permission]] = {
    AGENT: {P.LOG_TICKETS},
    SUPERVISOR: {P.LOG_TICKETS, P.REVEAL_PHONE, P.VOID_TICKET, P.REASSIGN, P.VIEW_REPORTS, P.PLAN_QUALITY},
    ADMIN: {P.LOG_TICKETS, P.REVEAL_PHONE, P.VOID_TICKET, P.REASSIGN, P.VIEW_REPORTS, P.PLAN_QUALITY,
            P.MANAGE_ACCOUNTS, P.MANAGE_SETTINGS, P.VIEW_AUDIT, P.EXPORT_FULL_NUMBERS},
}


def test_there_are_exactly_three_roles() -> None:
    assert set(ROLES) == {"agent", "supervisor", "admin"}
    assert set(ROLE_PERMISSIONS) == set(ROLES)


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_holds_exactly_its_permissions(role: str) -> None:
    assert set(ROLE_PERMISSIONS[role]) == EXPECTED[role]


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize("permission", list(Permission))
def test_allowed_follows_the_table(role: str, permission: Permission) -> None:
    assert allowed(role, permission) is (permission in EXPECTED[role])


def test_each_role_may_do_everything_the_role_below_may() -> None:
    assert ROLE_PERMISSIONS[AGENT] < ROLE_PERMISSIONS[SUPERVISOR] < ROLE_PERMISSIONS[ADMIN]


@pytest.mark.parametrize("role", [None, "", "root", "Admin", "ADMIN"])
@pytest.mark.parametrize("permission", list(Permission))
def test_no_role_or_an_unknown_one_may_do_nothing(role: str | None, permission: Permission) -> None:
    assert allowed(role, permission) is False


@pytest.mark.parametrize(
    ("language", "role", "label"),
    [("en", AGENT, "Agent"), ("en", SUPERVISOR, "Supervisor"), ("en", ADMIN, "Administrator"),
     ("zh_CN", AGENT, "客服"), ("zh_CN", SUPERVISOR, "主管"), ("zh_CN", ADMIN, "管理员"),
     ("zh_TW", ADMIN, "管理員")],
)
def test_role_labels_are_translated(language: str, role: str, label: str) -> None:
    i18n.set_language(language)
    assert role_label(role) == label


def test_an_unknown_role_is_shown_as_stored() -> None:
    assert role_label("auditor") == "auditor"


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_refusal_names_the_role(language: str, role: str) -> None:
    i18n.set_language(language)
    text = refusal(role, Permission.VIEW_AUDIT)
    assert role_label(role) in text
    assert "{" not in text


def test_refusal_says_what_was_refused_and_whom_to_ask() -> None:
    i18n.set_language("en")
    text = refusal(AGENT, Permission.REVEAL_PHONE)
    assert text.startswith("Your role (Agent) may not")
    assert "full phone number" in text
    assert "supervisor or an administrator" in text


@pytest.mark.parametrize("permission", list(Permission))
def test_every_permission_has_a_description(permission: Permission) -> None:
    i18n.set_language("en")
    text = refusal(AGENT, permission)
    assert text.split("may not ", 1)[1].split(".")[0].strip()
