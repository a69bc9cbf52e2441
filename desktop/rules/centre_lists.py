"""The lists a centre edits in the settings: departments, handlers per department, and choice lists.

An edited list is a sequence of :class:`ListEntry` in the order it should show. Entries are never
deleted (old tickets refer to them): an entry that is no longer offered is hidden. Built-in entries
keep their code and translated label; a centre's own entries carry their own label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.i18n import _
from desktop.rules.choices import (
    ACCOUNT_TYPE,
    BUSINESS_MODULE,
    CHANNEL,
    DEFAULTS,
    EMOTION,
    IDENTITY_METHOD,
    ISSUE_TYPE,
)

MAX_NAME = 64

# Lists a centre may extend. Priority, progress and satisfaction are fixed: the deadline policy,
# the status machine and the figures are defined on their codes.
EDITABLE_LISTS: tuple[str, ...] = (ISSUE_TYPE, BUSINESS_MODULE, CHANNEL, EMOTION, ACCOUNT_TYPE, IDENTITY_METHOD)


@dataclass(frozen=True)
class ListEntry:
    """One row of an edited list: ``key`` is the stored id or code (None for a new entry)."""

    key: int | str | None
    label: str
    active: bool = True
    builtin: bool = False


def clean_name(text: str) -> str:
    """Inner runs of white space as one space, none at the ends."""
    return re.sub(r"\s+", " ", text).strip()


def check_entries(entries: Sequence[ListEntry], *, default: str | None = None) -> dict[int, str]:
    """Problems by row index: an empty or over-long name, a name used twice, hiding the default entry;
    row -1: nothing left to choose."""
    problems: dict[int, str] = {}
    seen: dict[str, int] = {}
    for row, entry in enumerate(entries):
        name = clean_name(entry.label)
        if not name:
            problems[row] = _("Give the entry a name.")
        elif len(name) > MAX_NAME:
            problems[row] = _("Keep the name to {count} characters.").format(count=MAX_NAME)
        elif name.casefold() in seen:
            problems[row] = _("“{name}” is in the list twice.").format(name=name)
        else:
            seen[name.casefold()] = row
        if default is not None and entry.key == default and not entry.active:
            problems[row] = _("“{name}” is filled in on every new ticket; it cannot be hidden.").format(name=name)
    if entries and not any(entry.active for entry in entries):
        problems[-1] = _("Keep at least one entry offered.")
    return problems


def default_code(list_key: str) -> str | None:
    """The entry a new ticket starts with (it must stay offered)."""
    return DEFAULTS.get(list_key)


def new_code(taken: set[str]) -> str:
    """A stable code for a centre's own entry: ``c1``, ``c2`` … (labels may be any language)."""
    number = 1
    while f"c{number}" in taken:
        number += 1
    return f"c{number}"


def handlers_of(handlers: Mapping[str, Sequence[str]], department_id: int | None) -> list[str]:
    """The handlers offered for a department (the centre setting maps department id → names)."""
    if department_id is None:
        return []
    return list(handlers.get(str(department_id), ()))


def clean_handlers(names: Sequence[str]) -> list[str]:
    """Each name once, trimmed, in the order typed; blank lines dropped."""
    kept: list[str] = []
    for name in names:
        cleaned = clean_name(name)
        if cleaned and cleaned.casefold() not in {k.casefold() for k in kept}:
            kept.append(cleaned[:MAX_NAME])
    return kept
