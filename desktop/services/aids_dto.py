"""Plain rows and inputs of the agent aids, handed between the services and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ChangeStamp:
    """Who changed an entry last and when; empty code and name for the shipped defaults."""

    updated_at: datetime
    updated_by_code: str
    updated_by_name: str


@dataclass(frozen=True)
class PhraseRow:
    id: int
    category: str
    text: str  # the template, placeholders unfilled
    language: str
    builtin: bool
    changed: ChangeStamp


@dataclass
class PhraseInput:
    category: str
    text: str
    language: str


@dataclass(frozen=True)
class FaqRow:
    id: int
    question: str
    answer: str
    tags: str
    problem_type: str | None
    source_ticket: str | None
    created_at: datetime
    changed: ChangeStamp


@dataclass
class FaqInput:
    question: str = ""
    answer: str = ""
    tags: str = ""
    problem_type: str | None = None
    source_ticket: str | None = None


@dataclass(frozen=True)
class GuideRow:
    id: int
    problem_type: str
    language: str
    builtin: bool
    typical_case: str
    steps: tuple[str, ...]
    min_minutes: int
    max_minutes: int
    cautions: str
    changed: ChangeStamp


@dataclass
class GuideInput:
    problem_type: str
    language: str
    typical_case: str = ""
    steps: str = ""  # one per line
    min_minutes: int | None = None
    max_minutes: int | None = None
    cautions: str = ""


@dataclass(frozen=True)
class RowProblem:
    """One refused row of an imported workbook: where it is and what is wrong."""

    sheet: str
    row: int
    column: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: tuple[RowProblem, ...] = field(default=())

    @property
    def applied(self) -> int:
        return self.created + self.updated
