"""Validation of a ticket draft: every problem, field by field, as a frozen report.

Errors block the save; warnings (such as subjective wording) are hints only.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

from desktop.i18n import _
from desktop.rules.choices import IDENTITY_METHOD, SATISFACTION
from desktop.rules.field_labels import field_label
from desktop.rules.order_number import check_order_number
from desktop.rules.phone import check_phone
from desktop.rules.ticket_draft import TicketDraft
from desktop.rules.wording import wording_hint

DESCRIPTION_MAX = 4000
SHORT_TEXT_MAX = 64
PRODUCT_MAX = 128
REQUIRED: tuple[str, ...] = ("channel", "phone", "account_type", "issue_type", "description", "emotion", "priority")


@dataclass(frozen=True)
class ValidationReport:
    errors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    warnings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """One line naming the first problem, for the disabled Save button's reason."""
        if not self.errors:
            return ""
        name, message = next(iter(self.errors.items()))
        more = len(self.errors) - 1
        if more:
            return _("{field}: {message} (and {count} more)").format(
                field=field_label(name), message=message, count=more
            )
        return _("{field}: {message}").format(field=field_label(name), message=message)


def _too_long(value: str, limit: int) -> str:
    return _("Shorten this to {limit} characters; it has {count}.").format(limit=limit, count=len(value))


def validate_ticket(
    draft: TicketDraft,
    *,
    now: datetime,
    original: TicketDraft | None = None,
    choices: Mapping[str, set[str]] | None = None,
    sensitive_modules: Collection[str] = (),
) -> ValidationReport:
    """Check ``draft``; ``original`` is the saved ticket when editing (None for a new call).

    ``choices`` maps a list key to the codes allowed in it; a field whose value is not
    among them is reported (a list entry may have been removed since the draft began).
    ``sensitive_modules``: business modules that need the caller's identity checked first.
    """
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}

    for name in REQUIRED:
        value = getattr(draft, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = _("Required: fill this in before saving.")

    phone_unchanged = original is not None and draft.phone == original.phone
    if "phone" not in errors and not phone_unchanged:
        phone = check_phone(draft.phone)
        if not phone.ok:
            errors["phone"] = phone.problem or _("Enter a valid phone number.")

    if len(draft.description) > DESCRIPTION_MAX:
        errors["description"] = _too_long(draft.description, DESCRIPTION_MAX)
    elif "description" not in errors:
        hint = wording_hint(draft.description)
        if hint:
            warnings["description"] = hint

    for name, limit in (("customer_name", SHORT_TEXT_MAX), ("handler", SHORT_TEXT_MAX),
                        ("follow_up_owner", SHORT_TEXT_MAX), ("product", PRODUCT_MAX)):
        value = getattr(draft, name) or ""
        if len(value) > limit:
            errors[name] = _too_long(value, limit)

    order_problem = check_order_number(draft.order_number)
    if order_problem:
        errors["order_number"] = order_problem

    if draft.call_started_at and draft.call_ended_at and draft.call_ended_at < draft.call_started_at:
        errors["call_ended_at"] = _("The call cannot end before it started.")

    promised = draft.promised_feedback_at
    unchanged = original is not None and original.promised_feedback_at == promised
    if promised is not None and not unchanged and promised < now:
        errors["promised_feedback_at"] = _("This time has already passed. Promise the customer a time in the future.")

    if draft.satisfaction == "unsatisfied" and not draft.satisfaction_reason.strip():
        errors["satisfaction_reason"] = _("Record why the customer is not satisfied.")
    if draft.satisfaction_score is not None and not 1 <= draft.satisfaction_score <= 5:
        errors["satisfaction_score"] = _("A score is a whole number from 1 to 5.")

    if identity_required(draft, original, sensitive_modules) and not draft.identity_method:
        errors["identity_method"] = _("This request changes money or customer data: record how the caller's "
                                      "identity was checked before saving.")
    if draft.identity_method == "other" and not draft.identity_note.strip():
        errors["identity_note"] = _("Describe how the identity was checked.")

    if choices:
        for list_key, allowed in choices.items():
            if list_key in (SATISFACTION, IDENTITY_METHOD) and getattr(draft, list_key) is None:
                continue
            value = getattr(draft, list_key, None)
            if value and list_key not in errors and value not in allowed:
                errors[list_key] = _("Choose an entry from the list.")

    return ValidationReport(MappingProxyType(errors), MappingProxyType(warnings))


def identity_required(draft: TicketDraft, original: TicketDraft | None, sensitive_modules: Collection[str]) -> bool:
    """A refund or a data change (a sensitive business module, or a new phone on a saved ticket)."""
    if draft.business_module and draft.business_module in sensitive_modules:
        return True
    return original is not None and bool(original.phone) and draft.phone != original.phone
