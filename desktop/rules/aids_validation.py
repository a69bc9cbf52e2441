"""What a quick phrase, a FAQ entry and a problem guide must hold, checked field by field.

The reports are the ticket form's :class:`ValidationReport`, with the labels of these
fields; the editors show them beside the fields and the XLSX import per row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from desktop.i18n import LANGUAGES, N_, _
from desktop.rules.guide_steps import split_steps
from desktop.rules.placeholders import KNOWN, unknown_placeholders
from desktop.rules.ticket_validation import ValidationReport

GREETING, CALMING, CONFIRMING, CLOSING, CUSTOM = "greeting", "calming", "confirming", "closing", "custom"
CATEGORIES: dict[str, str] = {
    GREETING: N_("Greeting"),
    CALMING: N_("Calming"),
    CONFIRMING: N_("Confirming"),
    CLOSING: N_("Closing"),
    CUSTOM: N_("Custom"),
}

PHRASE_MAX = 500
QUESTION_MAX = 500
ANSWER_MAX = 4000
TAGS_MAX = 255
GUIDE_TEXT_MAX = 2000
MAX_MINUTES = 240

AID_FIELD_LABELS: dict[str, str] = {
    "category": N_("Category"),
    "language": N_("Language"),
    "text": N_("Phrase"),
    "question": N_("Question"),
    "answer": N_("Answer"),
    "tags": N_("Tags"),
    "problem_type": N_("Problem type"),
    "typical_case": N_("Typical case"),
    "steps": N_("Standard steps"),
    "min_minutes": N_("Expected minutes from"),
    "max_minutes": N_("Expected minutes to"),
    "cautions": N_("Cautions"),
}


def aid_field_label(name: str) -> str:
    label = AID_FIELD_LABELS.get(name)
    return _(label) if label else name


def category_label(code: str) -> str:
    return _(CATEGORIES[code]) if code in CATEGORIES else code


@dataclass(frozen=True)
class AidReport(ValidationReport):
    """A validation report whose summary names the fields of phrases, FAQ entries and guides."""

    @classmethod
    def with_errors(cls, **errors: str) -> AidReport:
        return cls(MappingProxyType(errors))

    def summary(self) -> str:
        if not self.errors:
            return ""
        name, message = next(iter(self.errors.items()))
        return _("{field}: {message}").format(field=aid_field_label(name), message=message)


def _required() -> str:
    return _("Required: fill this in before saving.")


def _too_long(value: str, limit: int) -> str:
    return _("Shorten this to {limit} characters; it has {count}.").format(limit=limit, count=len(value))


def _check_text(errors: dict[str, str], name: str, value: str, limit: int, *, required: bool) -> None:
    if required and not value.strip():
        errors[name] = _required()
    elif len(value) > limit:
        errors[name] = _too_long(value, limit)


def validate_phrase(category: str, text: str, language: str) -> AidReport:
    errors: dict[str, str] = {}
    if category not in CATEGORIES:
        errors["category"] = _("Choose an entry from the list.")
    if language not in LANGUAGES:
        errors["language"] = _("Use one of: {choices}.").format(choices=", ".join(LANGUAGES))
    _check_text(errors, "text", text, PHRASE_MAX, required=True)
    unknown = unknown_placeholders(text)
    if "text" not in errors and unknown:
        errors["text"] = _("{placeholder} is not a placeholder this program fills. Use {known}.").format(
            placeholder="{" + unknown[0] + "}", known=" ".join("{" + name + "}" for name in KNOWN))
    return AidReport.with_errors(**errors)


def validate_faq(question: str, answer: str, tags: str, problem_type: str | None,
                 problem_types: set[str] | None = None) -> AidReport:
    errors: dict[str, str] = {}
    _check_text(errors, "question", question, QUESTION_MAX, required=True)
    _check_text(errors, "answer", answer, ANSWER_MAX, required=True)
    _check_text(errors, "tags", tags, TAGS_MAX, required=False)
    if problem_type and problem_types is not None and problem_type not in problem_types:
        errors["problem_type"] = _("Choose an entry from the list.")
    return AidReport.with_errors(**errors)


def validate_guide(problem_type: str, language: str, typical_case: str, steps: str, min_minutes: int | None,
                   max_minutes: int | None, cautions: str, problem_types: set[str] | None = None) -> AidReport:
    errors: dict[str, str] = {}
    if not problem_type:
        errors["problem_type"] = _required()
    elif problem_types is not None and problem_type not in problem_types:
        errors["problem_type"] = _("Choose an entry from the list.")
    if language not in LANGUAGES:
        errors["language"] = _("Use one of: {choices}.").format(choices=", ".join(LANGUAGES))
    _check_text(errors, "typical_case", typical_case, GUIDE_TEXT_MAX, required=False)
    _check_text(errors, "steps", steps, GUIDE_TEXT_MAX, required=True)
    if "steps" not in errors and not split_steps(steps):
        errors["steps"] = _required()
    _check_text(errors, "cautions", cautions, GUIDE_TEXT_MAX, required=False)
    for name, value in (("min_minutes", min_minutes), ("max_minutes", max_minutes)):
        if value is None:
            errors[name] = _required()
        elif not 0 < value <= MAX_MINUTES:
            errors[name] = _("Give whole minutes from 1 to {limit}.").format(limit=MAX_MINUTES)
    if not errors.keys() & {"min_minutes", "max_minutes"} and min_minutes > max_minutes:  # type: ignore[operator]
        errors["max_minutes"] = _("The upper bound cannot be below the lower one.")
    return AidReport.with_errors(**errors)
