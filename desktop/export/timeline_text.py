"""A timeline entry and a stored value as words the user knows (the timeline view and the printed archive).

No Qt here, so the PDFs under ``desktop/export`` describe the timeline exactly as the window does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from desktop.i18n import _, format_datetime
from desktop.rules.choices import ACCOUNT_TYPE, BUILTIN, customer_type_label
from desktop.rules.field_labels import field_label
from desktop.rules.phone import mask_phone
from desktop.services.dto import TimelineItem

LabelLookup = Callable[[str, str], str]
_DATETIME_FIELDS = {"promised_feedback_at", "callback_at", "call_started_at", "call_ended_at"}


def describe_value(name: str, value: object, labels: LabelLookup, departments: dict[int, str]) -> str:
    """A stored value as the user knows it: labels for codes, masked phones, local times."""
    if value is None or value == "":
        return _("(empty)")
    if name == "phone":
        return mask_phone(str(value))
    if name == "department_id":
        return departments.get(int(value), str(value))  # type: ignore[call-overload]
    if name == "customer_type":
        return customer_type_label(str(value))
    if name in _DATETIME_FIELDS and isinstance(value, str):
        try:
            return format_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value
    if name in BUILTIN or name == ACCOUNT_TYPE:
        return labels(name, str(value))
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def describe_entry(item: TimelineItem, labels: LabelLookup, departments: dict[int, str]) -> str:
    head = _("{time} · {agent} ({code})").format(time=format_datetime(item.at), agent=item.agent_name,
                                                code=item.agent_code)
    lines = [head]
    if item.kind == "created":
        lines.append(_("Ticket created"))
    elif item.kind == "callback_done":
        lines.append(_("Callback done"))
    elif item.kind == "feedback_done":
        lines.append(_("Customer given the promised feedback"))
    elif item.kind == "voided":
        lines.append(_("Ticket voided: {reason}").format(reason=item.note or ""))
        return "\n".join(lines)
    for name, old, new in item.changes:
        lines.append(_("{field}: {old} → {new}").format(
            field=field_label(name),
            old=describe_value(name, old, labels, departments),
            new=describe_value(name, new, labels, departments),
        ))
    if item.note:
        lines.append(_("Process: {note}").format(note=item.note))
    return "\n".join(lines)
