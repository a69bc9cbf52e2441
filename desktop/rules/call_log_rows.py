"""One row of a call log spreadsheet into a ticket draft, with a problem per target field.

Cells arrive as the file gives them (text, numbers, dates). Choice cells may hold the code,
a label in any language of the program, or the seed forms' words (高/中/低, 一般 …). Pure.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from desktop.i18n import _, format_datetime
from desktop.rules.call_log_layout import AGENT, CALL_DATE, ORIGINAL_NUMBER, target_label
from desktop.rules.choices import (
    ACCOUNT_TYPE,
    BUILTIN,
    BUSINESS_MODULE,
    CHANNEL,
    DEFAULTS,
    EMOTION,
    IDENTITY_METHOD,
    ISSUE_TYPE,
    PRIORITY,
    SATISFACTION,
    STATUS,
    builtin_label,
)
from desktop.rules.multilingual import label_sets, match_code
from desktop.rules.phone import normalize_phone
from desktop.rules.ticket_draft import TicketDraft

Cell = str | int | float | datetime | date | time | None
ChoiceLabels = Mapping[str, Mapping[str, set[str]]]  # list key -> code -> what a cell may say

CHOICE_FIELDS = (CHANNEL, ACCOUNT_TYPE, ISSUE_TYPE, BUSINESS_MODULE, EMOTION, PRIORITY, STATUS, SATISFACTION,
                 IDENTITY_METHOD)
# The forms' own words for some entries (form 002 grades 高/中/低; form 001 says 一般 for fairly satisfied).
FORM_WORDS: dict[str, dict[str, set[str]]] = {
    PRIORITY: {"urgent": {"高", "紧急", "緊急"}, "important": {"中", "重要"}, "normal": {"低", "一般"}},
    SATISFACTION: {"basic": {"一般", "基本满意", "基本滿意"}, "satisfied": {"非常满意", "非常滿意"}},
    STATUS: {"resolved": {"已处理", "已處理", "已完成"}},
}
# A business module written in the 问题类型 column (form 001) also gives the issue type.
MODULE_ISSUE_TYPE = {
    "product": "consult", "after_sales": "complaint", "tech_support": "fault", "feedback": "suggestion",
    "info_change": "consult", "emergency_repair": "fault", "logistics": "consult", "billing": "consult",
    "refund": "complaint",
}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(r"(\d{1,2})\s*[:：时時]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?")


def builtin_choices(custom: ChoiceLabels | None = None) -> dict[str, dict[str, set[str]]]:
    """Every way a cell may name each entry: codes, labels in every language, form words, custom labels."""
    labels: dict[str, dict[str, set[str]]] = {}
    for list_key in CHOICE_FIELDS:
        labels[list_key] = label_sets(dict(BUILTIN[list_key]))
        for code, words in FORM_WORDS.get(list_key, {}).items():
            labels[list_key].setdefault(code, set()).update(words)
        for code, names in (custom or {}).get(list_key, {}).items():
            labels[list_key].setdefault(code, set()).update(names)
    return labels


def text_of(value: Cell) -> str:
    """A cell as text; 13912345678.0 from Excel reads back as 13912345678."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value).strip()


def parse_moment(value: Cell, day: Cell = None) -> datetime | None:
    """A local call time from a date-and-time cell, or a date cell plus a time cell; raises ValueError."""
    given_day: date | None = None
    if isinstance(day, datetime):
        given_day = day.date()
    elif isinstance(day, date):
        given_day = day
    elif day is not None and text_of(day):
        match = _DATE.search(text_of(day))
        if not match:
            raise ValueError(text_of(day))
        given_day = date(*(int(part) for part in match.groups()))
    if isinstance(value, datetime):
        return value.astimezone() if value.tzinfo is None else value
    if isinstance(value, date):
        return datetime.combine(value, time(0)).astimezone()
    at: time | None = value if isinstance(value, time) else None
    text = text_of(value) if at is None else ""
    if text:
        date_match = _DATE.search(text)
        if date_match:
            given_day = date(*(int(part) for part in date_match.groups()))
            text = text[date_match.end():]
        time_match = _TIME.search(text)
        if time_match:
            hour, minute, second = (int(part or 0) for part in time_match.groups())
            at = time(hour, minute, second)
        elif not date_match:
            raise ValueError(text)
    if given_day is None:
        if at is None:
            return None
        raise ValueError(text_of(value))
    return datetime.combine(given_day, at or time(0)).astimezone()


@dataclass
class ParsedRow:
    draft: TicketDraft
    problems: dict[str, str] = field(default_factory=dict)  # target -> message


def _choice(cells: Mapping[str, Cell], list_key: str, choices: Mapping[str, Mapping[str, set[str]]],
            problems: dict[str, str], default: str | None) -> str | None:
    value = text_of(cells.get(list_key))
    if not value:
        return default
    labels = choices[list_key]
    code = match_code(value, labels)
    if code is None:
        shown = [builtin_label(list_key, known) or min(labels[known], default=known) for known in labels]
        problems[list_key] = _("{value} is not in the list; use one of: {choices}.").format(
            value=value, choices=", ".join(shown))
    return code


def parse_row(cells: Mapping[str, Cell], choices: Mapping[str, Mapping[str, set[str]]], *,
              now: datetime) -> ParsedRow:
    """``cells``: target -> cell. The draft holds what could be read; ``problems`` the rest."""
    problems: dict[str, str] = {}
    extra: list[str] = []
    draft = TicketDraft()
    try:
        draft.call_started_at = parse_moment(cells.get("call_started_at"), cells.get(CALL_DATE))
    except ValueError:
        problems["call_started_at"] = _("Write the call time as 2023-10-25 14:30 (or the date and 14:30 in "
                                        "two columns).")
    draft.phone = text_of(cells.get("phone"))
    for name in ("customer_name", "description", "order_number", "product", "handler", "follow_up_owner",
                 "solution", "callback_result", "process_note", "satisfaction_reason", "identity_note"):
        setattr(draft, name, text_of(cells.get(name)))
    for list_key in (CHANNEL, ACCOUNT_TYPE, EMOTION, PRIORITY, STATUS):
        code = _choice(cells, list_key, choices, problems, DEFAULTS[list_key])
        setattr(draft, list_key, code or "")
    issue = text_of(cells.get(ISSUE_TYPE))
    module_in_issue = match_code(issue, choices[BUSINESS_MODULE]) if issue else None
    if module_in_issue and match_code(issue, choices[ISSUE_TYPE]) is None:
        draft.business_module = module_in_issue
        draft.issue_type = MODULE_ISSUE_TYPE.get(module_in_issue, DEFAULTS[ISSUE_TYPE])
    else:
        draft.issue_type = _choice(cells, ISSUE_TYPE, choices, problems, DEFAULTS[ISSUE_TYPE]) or ""
    module = _choice(cells, BUSINESS_MODULE, choices, problems, None)
    draft.business_module = module or draft.business_module
    satisfaction = text_of(cells.get(SATISFACTION))
    if satisfaction.isdigit():
        draft.satisfaction_score = int(satisfaction)
    elif satisfaction not in ("", "-", "—"):
        draft.satisfaction = _choice(cells, SATISFACTION, choices, problems, None)
    draft.identity_method = _choice(cells, IDENTITY_METHOD, choices, problems, None)
    _promised(cells, draft, problems, extra, now)
    for target, message in ((ORIGINAL_NUMBER, _("Original ticket no.: {value}")),
                            (AGENT, _("Agent on the call: {value}"))):
        value = text_of(cells.get(target))
        if value:
            extra.append(message.format(value=value))
    draft.remark = "\n".join(part for part in (text_of(cells.get("remark")), *extra) if part)
    return ParsedRow(draft, problems)


def _promised(cells: Mapping[str, Cell], draft: TicketDraft, problems: dict[str, str], extra: list[str],
              now: datetime) -> None:
    """A promise still ahead becomes the ticket's (and a reminder); one long past is kept in the remarks."""
    cell = cells.get("promised_feedback_at")
    if not text_of(cell):
        return
    try:
        promised = parse_moment(cell)
    except ValueError:
        problems["promised_feedback_at"] = _("Write the time as 2023-10-26 18:00.")
        return
    if promised is None:
        return
    if promised >= now:
        draft.promised_feedback_at = promised
    else:
        extra.append(_("Promised feedback time: {time}").format(time=format_datetime(promised)))


def natural_key(draft: TicketDraft) -> str:
    """The same call (time, phone, description) gives the same key, in whichever file it comes."""
    phone = normalize_phone(draft.phone) or draft.phone
    started = draft.call_started_at.isoformat() if draft.call_started_at else ""
    description = " ".join(draft.description.split())
    return hashlib.sha256("\x1f".join((started, phone, description)).encode("utf-8")).hexdigest()


def cells_by_target(cells: Sequence[Cell], mapping: Mapping[str, int]) -> dict[str, Cell]:
    return {target: cells[position] if position < len(cells) else None for target, position in mapping.items()}


def column_of(problem_field: str, mapping: Mapping[str, int], headers: Sequence[str]) -> str:
    """The source column's header for a problem about ``problem_field`` (a target or a draft field)."""
    target = problem_field
    if target == "call_started_at" and target not in mapping and CALL_DATE in mapping:
        target = CALL_DATE
    position = mapping.get(target)
    if position is not None and position < len(headers):
        return headers[position]
    return target_label(problem_field)
