"""Centre-wide settings in the shared database: read by everyone, changed by administrators."""

from __future__ import annotations

import json
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.audit import CentreSetting
from desktop.rules.centre_options import OPTIONS, Option
from desktop.rules.permissions import Permission
from desktop.rules.ticket_validation import ValidationReport
from desktop.services.audit import record
from desktop.services.authorization import authorize
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import ValidationFailed, reading


class CentreSettingsService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def get(self, option: Option) -> Any:
        with reading(), self._sessions() as session:
            return self.value_in(session, option)

    @staticmethod
    def value_in(session: Session, option: Option) -> Any:
        """The option's value inside a caller's transaction (the default when unset or unreadable)."""
        stored = session.get(CentreSetting, option.key)
        if stored is None:
            return option.default
        value = json.loads(stored.value)
        return option.default if option.check(value) else value

    def set(self, actor: Actor, option: Option, value: object) -> None:
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.MANAGE_SETTINGS)
            problem = option.check(value)
            if problem:
                raise ValidationFailed(ValidationReport(MappingProxyType({option.key: problem})))
            old = self.value_in(session, option)
            if old == value:
                return
            now = self._clock()
            stored = session.get(CentreSetting, option.key)
            if stored is None:
                session.add(CentreSetting(key=option.key, value=json.dumps(value, ensure_ascii=False), updated_at=now,
                                          updated_by=actor.code))
            else:
                stored.value = json.dumps(value, ensure_ascii=False)
                stored.updated_at = now
                stored.updated_by = actor.code
            record(session, actor, "setting_changed", now, target_kind="setting", target_label=option.key,
                   details={"old": old, "new": value})

    def all(self) -> dict[str, Any]:
        with reading(), self._sessions() as session:
            keys = {row.key: row for row in session.scalars(select(CentreSetting))}
            return {key: (json.loads(keys[key].value) if key in keys else option.default)
                    for key, option in OPTIONS.items()}
