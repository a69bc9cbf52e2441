"""The ticket status machine: which moves are allowed and what each target state requires.

待处理 → 处理中 → (需转其他部门 / 协调中 / 待客户补充信息 / 需升级) → 已解决 → 已关闭. A call solved while
the customer is on the line goes straight from 待处理 to 已解决 (first-contact resolution). 已解决 →
处理中 is the reopen for a second round (with its own plan), when the customer is not satisfied.
已关闭 is final. A refused move comes back with the reason in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from desktop.i18n import _
from desktop.rules.choices import builtin_label

PENDING = "pending"
IN_PROGRESS = "in_progress"
TRANSFER = "transfer"
COORDINATING = "coordinating"
AWAITING_CUSTOMER = "awaiting_customer"
ESCALATE = "escalate"
RESOLVED = "resolved"
CLOSED = "closed"

STATUSES = (PENDING, IN_PROGRESS, TRANSFER, COORDINATING, AWAITING_CUSTOMER, ESCALATE, RESOLVED, CLOSED)
OPEN_STATUSES = frozenset(STATUSES) - {RESOLVED, CLOSED}
_WORKING = (TRANSFER, COORDINATING, AWAITING_CUSTOMER, ESCALATE)

TRANSITIONS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    PENDING: (IN_PROGRESS, RESOLVED),
    IN_PROGRESS: (*_WORKING, RESOLVED),
    TRANSFER: (IN_PROGRESS, COORDINATING, ESCALATE, RESOLVED),
    COORDINATING: (IN_PROGRESS, AWAITING_CUSTOMER, ESCALATE, RESOLVED),
    AWAITING_CUSTOMER: (IN_PROGRESS, COORDINATING, ESCALATE, RESOLVED),
    ESCALATE: (IN_PROGRESS, RESOLVED),
    RESOLVED: (CLOSED, IN_PROGRESS),
    CLOSED: (),
})

# What a ticket must hold to be in each state (fields of the ticket or of the move).
REQUIRED: Mapping[str, tuple[str, ...]] = MappingProxyType({
    PENDING: (),
    IN_PROGRESS: ("handler",),
    TRANSFER: ("department_id",),
    COORDINATING: ("coordinator", "coordinator_reply_at"),
    AWAITING_CUSTOMER: (),
    ESCALATE: ("escalated_to", "final_position"),
    RESOLVED: ("solution",),
    CLOSED: ("satisfaction",),
})


def _missing_message(name: str) -> str:
    messages = {
        "handler": _("Name the handler who takes the ticket on."),
        "department_id": _("Choose the department the ticket goes to."),
        "coordinator": _("Name who is coordinating."),
        "coordinator_reply_at": _("Enter when the coordinator is expected to reply."),
        "escalated_to": _("Name the supervisor the ticket is escalated to."),
        "final_position": _("Record the customer's final position."),
        "solution": _("Record the result and the solution before marking the ticket resolved."),
        "satisfaction": _("Record the customer's satisfaction before closing."),
        "satisfaction_reason": _("Record why the customer is not satisfied."),
        "plan": _("Write the plan for the second round."),
    }
    return messages[name]


def status_label(code: str) -> str:
    return builtin_label("status", code) or code


def is_open(status: str) -> bool:
    return status not in (RESOLVED, CLOSED)


def allowed_moves(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def is_reopen(current: str, target: str) -> bool:
    return current == RESOLVED and target == IN_PROGRESS


@dataclass(frozen=True)
class MoveCheck:
    """``reason`` is None when the move is allowed; ``missing`` maps fields to what to fill in."""

    reason: str | None = None
    missing: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def ok(self) -> bool:
        return self.reason is None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_move(current: str, target: str, facts: Mapping[str, object]) -> MoveCheck:
    """May a ticket in ``current`` move to ``target``, given the values it will hold (``facts``)?"""
    if current == target:
        return MoveCheck()
    if target not in allowed_moves(current):
        if current == CLOSED:
            reason = _("The ticket is closed; a closed ticket cannot change its status.")
        else:
            allowed = ", ".join(status_label(code) for code in allowed_moves(current))
            reason = _("A ticket cannot go from “{current}” to “{target}”. From here it can go to: {allowed}.").format(
                current=status_label(current), target=status_label(target), allowed=allowed)
        return MoveCheck(reason)
    needed = list(REQUIRED.get(target, ()))
    if is_reopen(current, target):
        needed.append("plan")
    if target == CLOSED and facts.get("satisfaction") == "unsatisfied":
        needed += ["satisfaction_reason", "final_position"]
    missing = {name: _missing_message(name) for name in needed if _blank(facts.get(name))}
    if not missing:
        return MoveCheck()
    if target == CLOSED and "final_position" in missing and facts.get("satisfaction") == "unsatisfied":
        reason = _("The customer is not satisfied: reopen the ticket for a second round, or escalate it and "
                   "record the customer's final position before closing.")
    else:
        reason = _("To move the ticket to “{target}”: {what}").format(
            target=status_label(target), what=" ".join(missing.values()))
    return MoveCheck(reason, MappingProxyType(missing))
