"""Improvement actions (SPEC §3): a problem found, the action, the responsible department, a deadline and a
status, tracked to closure. Pure: validation and the overdue rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from desktop.i18n import N_, _

OPEN = "open"
IN_PROGRESS = "in_progress"
DONE = "done"
STATUSES: dict[str, str] = {OPEN: N_("Open"), IN_PROGRESS: N_("Under way"), DONE: N_("Done")}
TEXT_MAX = 2000


def status_label(status: str) -> str:
    return _(STATUSES[status]) if status in STATUSES else status


@dataclass(frozen=True)
class ActionDraft:
    problem: str
    action: str
    department_id: int | None
    deadline: date | None
    status: str = OPEN
    ticket_ids: tuple[int, ...] = ()
    visit_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ActionReport:
    errors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return next(iter(self.errors.values()), "")


def validate_action(draft: ActionDraft, today: date, *, new: bool = True) -> ActionReport:
    errors: dict[str, str] = {}
    if not draft.problem.strip():
        errors["problem"] = _("Describe the problem that was found.")
    if not draft.action.strip():
        errors["action"] = _("Write the action that will fix it.")
    for name, text in (("problem", draft.problem), ("action", draft.action)):
        if name not in errors and len(text) > TEXT_MAX:
            errors[name] = _("Shorten this to {limit} characters; it has {count}.").format(
                limit=TEXT_MAX, count=len(text))
    if draft.department_id is None:
        errors["department"] = _("Choose the department responsible for the action.")
    if draft.deadline is None:
        errors["deadline"] = _("Set the deadline by which the action is done.")
    elif new and draft.deadline < today:
        errors["deadline"] = _("The deadline is in the past: choose today or a later day.")
    if draft.status not in STATUSES:
        errors["status"] = _("Choose a status: open, in progress or done.")
    return ActionReport(MappingProxyType(errors))


def is_overdue(status: str, deadline: date, today: date) -> bool:
    """Not done and its deadline day has passed."""
    return status != DONE and deadline < today
