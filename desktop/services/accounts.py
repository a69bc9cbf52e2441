"""Accounts: the first administrator, sign-in with lockout, and account management."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from argon2 import PasswordHasher
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _
from desktop.models.entities import Agent
from desktop.rules import passwords
from desktop.rules.accounts import agent_problems
from desktop.rules.permissions import ADMIN, ROLES, Permission
from desktop.rules.ticket_validation import ValidationReport
from desktop.services.audit import record
from desktop.services.authorization import authorize
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError, ValidationFailed, reading

log = logging.getLogger(__name__)


class SignInRefused(ServiceError):
    """Wrong ID or password, a locked or a deactivated account: the message says which and what to do."""


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    role: str
    active: bool
    has_password: bool
    locked_until: datetime | None

    def actor(self) -> Actor:
        return Actor(self.code, self.name, self.role)


def _account(agent: Agent) -> Account:
    return Account(agent.code, agent.name, agent.role, agent.active, bool(agent.password_hash), agent.locked_until)


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(ValidationReport(MappingProxyType({field: message})))


class AccountService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now,
                 hasher: PasswordHasher | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._hasher = hasher or passwords.make_hasher()

    # --- first start ----------------------------------------------------------------

    def needs_first_admin(self) -> bool:
        """True on a new database: nobody can sign in yet."""
        with reading(), self._sessions() as session:
            statement = select(func.count()).select_from(Agent).where(
                Agent.role == ADMIN, Agent.password_hash.is_not(None), Agent.active.is_(True))
            return session.execute(statement).scalar_one() == 0

    def create_first_admin(self, code: str, name: str, password: str) -> Actor:
        with self._sessions.begin() as session:
            if session.execute(select(func.count()).select_from(Agent).where(
                    Agent.role == ADMIN, Agent.password_hash.is_not(None))).scalar_one():
                raise ServiceError(_("An administrator exists already: sign in instead."))
            agent = self._upsert(session, code, name, ADMIN, password)
            actor = Actor(agent.code, agent.name, ADMIN)
            record(session, actor, "account_created", self._clock(), target_kind="account",
                   target_id=agent.id, target_label=agent.code, details={"role": ADMIN})
            return actor

    # --- signing in -----------------------------------------------------------------

    def sign_in(self, code: str, password: str, *, action: str = "sign_in") -> Actor:
        """The actor for ``code`` if the password is right; every refusal is audited and explained."""
        code = code.strip()
        now = self._clock()
        with self._sessions.begin() as session:
            # The refusal is raised after the commit: failure counts and audit entries are kept.
            actor, refusal = self._check_sign_in(session, code, password, now, action)
        if refusal is not None:
            raise SignInRefused(refusal)
        return actor

    def _check_sign_in(self, session: Session, code: str, password: str, now: datetime,
                       action: str) -> tuple[Actor, str | None]:
        agent = session.execute(select(Agent).where(Agent.code == code)).scalar_one_or_none()
        unknown = _("Unknown agent ID or wrong password.")
        if agent is None or not agent.password_hash:
            actor = Actor(code[:32], "")
            record(session, actor, "sign_in_failed", now, details={"reason": "unknown"})
            return actor, unknown
        actor = Actor(agent.code, agent.name, agent.role)
        if passwords.is_locked(agent.locked_until, now):
            record(session, actor, "sign_in_failed", now, details={"reason": "locked"})
            return actor, self._locked_message(agent.locked_until, now)
        if not passwords.verify_password(self._hasher, agent.password_hash, password):
            lockout = passwords.after_failure(agent.failed_sign_ins, now)
            agent.failed_sign_ins = lockout.failures
            agent.locked_until = lockout.locked_until
            record(session, actor, "sign_in_failed", now, details={"reason": "password"})
            if lockout.locked_until is None:
                return actor, unknown
            record(session, actor, "account_locked", now, target_kind="account", target_id=agent.id,
                   target_label=agent.code, details={"until": lockout.locked_until.isoformat()})
            log.warning("account %s locked after repeated wrong passwords", agent.code)
            return actor, self._locked_message(lockout.locked_until, now)
        if not agent.active:
            # Said only to someone who knows the password: a guess learns nothing about the account.
            record(session, actor, "sign_in_failed", now, details={"reason": "inactive"})
            return actor, _("This account is deactivated. Ask an administrator.")
        agent.failed_sign_ins = 0
        agent.locked_until = None
        record(session, actor, action, now)
        return actor, None

    def unlock(self, actor: Actor, password: str) -> Actor:
        """Unlocking the screen: the same checks and lockout as signing in."""
        return self.sign_in(actor.code, password, action="screen_unlocked")

    def sign_out(self, actor: Actor) -> None:
        with self._sessions.begin() as session:
            record(session, actor, "sign_out", self._clock())

    @staticmethod
    def _locked_message(until: datetime | None, now: datetime) -> str:
        minutes = max(1, math.ceil(((until or now) - now).total_seconds() / 60))
        return _("Too many wrong passwords: this account is locked for {minutes} more minutes.").format(
            minutes=minutes)

    # --- managing accounts (administrators) --------------------------------------------

    def accounts(self, actor: Actor) -> list[Account]:
        with reading(), self._sessions() as session:
            authorize(session, actor, Permission.MANAGE_ACCOUNTS)
            return [_account(a) for a in session.scalars(select(Agent).order_by(Agent.code))]

    def save_account(self, actor: Actor, code: str, name: str, role: str, *, active: bool = True,
                     password: str | None = None, create: bool = False) -> Account:
        """Create an account (``create``: refused if the ID is taken) or change one;
        ``password`` sets a new one (reset)."""
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.MANAGE_ACCOUNTS)
            existing = session.execute(select(Agent).where(Agent.code == code.strip())).scalar_one_or_none()
            if create and existing is not None and existing.password_hash:
                raise _refuse("code", _("Agent ID {code} is taken already.").format(code=existing.code))
            if existing is not None and existing.code == actor.code and (role != existing.role or not active):
                raise _refuse("role", _("You cannot lower or deactivate your own account."))
            created = existing is None or not existing.password_hash
            agent = self._upsert(session, code, name, role, password, active=active, new=existing is None)
            now = self._clock()
            target = {"target_kind": "account", "target_id": agent.id, "target_label": agent.code}
            record(session, actor, "account_created" if created else "account_changed", now,
                   details={"role": role, "active": active}, **target)  # type: ignore[arg-type]
            if password and not created:
                record(session, actor, "password_reset", now, **target)  # type: ignore[arg-type]
            return _account(agent)

    def change_password(self, actor: Actor, old: str, new: str) -> None:
        """Change one's own password; a wrong current password counts towards the lockout."""
        problem = passwords.password_problem(new, code=actor.code)
        if problem:
            raise _refuse("password", problem)
        now = self._clock()
        with self._sessions.begin() as session:
            _actor, refusal = self._check_sign_in(session, actor.code, old, now, "password_check")
            if refusal is None:
                agent = session.execute(select(Agent).where(Agent.code == actor.code)).scalar_one()
                agent.password_hash = passwords.hash_password(self._hasher, new)
                record(session, actor, "password_changed", now, target_kind="account", target_id=agent.id,
                       target_label=agent.code)
        if refusal is not None:
            raise _refuse("old_password", refusal)

    def _upsert(self, session: Session, code: str, name: str, role: str, password: str | None, *,
                active: bool = True, new: bool | None = None) -> Agent:
        code, name = code.strip(), name.strip()
        errors = agent_problems(code, name)
        if role not in ROLES:
            errors["role"] = _("Choose a role from the list.")
        if new is not False and not password:
            errors["password"] = _("Give the new account a password.")
        if password:
            problem = passwords.password_problem(password, code=code)
            if problem:
                errors["password"] = problem
        if errors:
            raise ValidationFailed(ValidationReport(MappingProxyType(errors)))
        agent = session.execute(select(Agent).where(Agent.code == code)).scalar_one_or_none()
        if agent is None:
            agent = Agent(code=code, name=name, created_at=self._clock())
            session.add(agent)
        agent.name = name
        agent.role = role
        agent.active = active
        if password:
            agent.password_hash = passwords.hash_password(self._hasher, password)
            agent.failed_sign_ins = 0
            agent.locked_until = None
        session.flush()
        return agent
