"""Editing the centre's departments and choice lists (administrators; every change audited).

An edit saves the whole list at once, in the order shown: new entries are added, renamed ones
renamed, hidden ones kept but no longer offered (tickets that use them still show their name).
"""

from __future__ import annotations

from collections.abc import Sequence
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from desktop.i18n import _
from desktop.models.entities import ChoiceItem, Department
from desktop.rules.centre_lists import EDITABLE_LISTS, ListEntry, check_entries, clean_name, default_code, new_code
from desktop.rules.permissions import Permission
from desktop.rules.ticket_validation import ValidationReport
from desktop.services.audit import record
from desktop.services.authorization import authorize
from desktop.services.choices import ChoiceService
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import ValidationFailed, reading


def _refuse(problems: dict[int, str]) -> ValidationFailed:
    return ValidationFailed(ValidationReport(MappingProxyType({str(row): text for row, text in problems.items()})))


def _described(entries: Sequence[ListEntry]) -> list[str]:
    """The list as the audit log keeps it: names in order, hidden ones marked."""
    return [clean_name(e.label) + ("" if e.active else " " + _("(hidden)")) for e in entries]


class CentreListService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    # --- departments ------------------------------------------------------------------

    def departments(self) -> list[ListEntry]:
        """Every department, hidden ones too, in the order offered."""
        with reading(), self._sessions() as session:
            rows = session.scalars(select(Department).order_by(Department.sort_order, Department.id)).all()
            return [ListEntry(d.id, d.name, d.active) for d in rows]

    def save_departments(self, actor: Actor, entries: Sequence[ListEntry]) -> None:
        problems = check_entries(entries)
        if problems:
            raise _refuse(problems)
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.MANAGE_SETTINGS)
            existing = {d.id: d for d in session.scalars(select(Department))}
            before = [ListEntry(d.id, d.name, d.active)
                      for d in sorted(existing.values(), key=lambda d: (d.sort_order, d.id))]
            # Names are unique: move the renamed ones out of the way first, so a swap of two names works.
            for entry in entries:
                department = existing.get(entry.key) if isinstance(entry.key, int) else None
                if department is not None and department.name != clean_name(entry.label):
                    department.name = f"~renaming~{department.id}"
            session.flush()
            for order, entry in enumerate(entries):
                department = existing.get(entry.key) if isinstance(entry.key, int) else None
                if department is None:
                    department = Department(name=clean_name(entry.label))
                    session.add(department)
                department.name = clean_name(entry.label)
                department.sort_order = order
                department.active = entry.active
            after = list(entries)
            if _described(before) != _described(after):
                record(session, actor, "departments_changed", self._clock(), target_kind="setting",
                       target_label="departments", details={"old": _described(before), "new": _described(after)})
            self._flush(session)

    # --- choice lists -----------------------------------------------------------------

    def entries(self, list_key: str) -> list[ListEntry]:
        """Every entry of a list, hidden ones too, in the order offered (labels in the current language)."""
        with reading(), self._sessions() as session:
            items = session.scalars(select(ChoiceItem).where(ChoiceItem.list_key == list_key)
                                    .order_by(ChoiceItem.sort_order, ChoiceItem.id)).all()
            return [ListEntry(item.code, ChoiceService.label_of(item), item.active, item.builtin) for item in items]

    def save_entries(self, actor: Actor, list_key: str, entries: Sequence[ListEntry]) -> None:
        if list_key not in EDITABLE_LISTS:
            raise ValueError(f"the list {list_key!r} is fixed")
        problems = check_entries(entries, default=default_code(list_key))
        if problems:
            raise _refuse(problems)
        with self._sessions.begin() as session:
            authorize(session, actor, Permission.MANAGE_SETTINGS)
            items = {item.code: item for item in session.scalars(
                select(ChoiceItem).where(ChoiceItem.list_key == list_key))}
            before = [ListEntry(i.code, ChoiceService.label_of(i), i.active, i.builtin)
                      for i in sorted(items.values(), key=lambda i: (i.sort_order, i.id))]
            taken = set(items)
            for order, entry in enumerate(entries):
                item = items.get(entry.key) if isinstance(entry.key, str) else None
                if item is None:
                    code = new_code(taken)
                    taken.add(code)
                    item = ChoiceItem(list_key=list_key, code=code, builtin=False)
                    session.add(item)
                if not item.builtin:  # a built-in entry keeps its translated label
                    item.label = clean_name(entry.label)
                item.sort_order = order
                item.active = entry.active
            after = [ListEntry(e.key, e.label, e.active) for e in entries]
            if _described(before) != _described(after):
                record(session, actor, "list_changed", self._clock(), target_kind="setting", target_label=list_key,
                       details={"old": _described(before), "new": _described(after)})
            self._flush(session)

    @staticmethod
    def _flush(session: Session) -> None:
        try:
            session.flush()
        except IntegrityError as exc:
            raise ValidationFailed(ValidationReport(MappingProxyType({"-1": _(
                "Another workstation changed this list at the same time. Close the settings, open them "
                "again and repeat the change.")}))) from exc
