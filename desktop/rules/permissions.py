"""Roles and what each may do. The service layer checks these; the UI only hides what is refused."""

from __future__ import annotations

from enum import StrEnum

from desktop.i18n import N_, _

AGENT = "agent"
SUPERVISOR = "supervisor"
ADMIN = "admin"
ROLES: dict[str, str] = {
    AGENT: N_("Agent"),
    SUPERVISOR: N_("Supervisor"),
    ADMIN: N_("Administrator"),
}


class Permission(StrEnum):
    LOG_TICKETS = "log_tickets"
    REVEAL_PHONE = "reveal_phone"
    VOID_TICKET = "void_ticket"
    REASSIGN = "reassign"
    VIEW_REPORTS = "view_reports"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT = "view_audit"
    EXPORT_FULL_NUMBERS = "export_full_numbers"
    PLAN_QUALITY = "plan_quality"


_AGENT = frozenset({Permission.LOG_TICKETS})
_SUPERVISOR = _AGENT | {Permission.REVEAL_PHONE, Permission.VOID_TICKET, Permission.REASSIGN,
                        Permission.VIEW_REPORTS, Permission.PLAN_QUALITY}
_ADMIN = _SUPERVISOR | {Permission.MANAGE_ACCOUNTS, Permission.MANAGE_SETTINGS, Permission.VIEW_AUDIT,
                        Permission.EXPORT_FULL_NUMBERS}
ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {AGENT: _AGENT, SUPERVISOR: _SUPERVISOR, ADMIN: _ADMIN}

_DESCRIPTIONS: dict[Permission, str] = {
    Permission.LOG_TICKETS: N_("log and handle tickets"),
    Permission.REVEAL_PHONE: N_("show a customer's full phone number"),
    Permission.VOID_TICKET: N_("void a ticket"),
    Permission.REASSIGN: N_("reassign a ticket"),
    Permission.VIEW_REPORTS: N_("see reports"),
    Permission.MANAGE_ACCOUNTS: N_("manage accounts"),
    Permission.MANAGE_SETTINGS: N_("change the centre's settings"),
    Permission.VIEW_AUDIT: N_("read the audit log"),
    Permission.EXPORT_FULL_NUMBERS: N_("export full phone numbers"),
    Permission.PLAN_QUALITY: N_("build visit target lists and manage improvement actions"),
}


def allowed(role: str | None, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role or "", frozenset())


def role_label(role: str) -> str:
    return _(ROLES[role]) if role in ROLES else role


def refusal(role: str | None, permission: Permission) -> str:
    """Why an action is refused, in the user's language."""
    return _("Your role ({role}) may not {action}. Ask a supervisor or an administrator.").format(
        role=role_label(role or ""), action=_(_DESCRIPTIONS[permission]))
