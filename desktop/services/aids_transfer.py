"""Sharing quick phrases, FAQ and problem guides between stations as one XLSX workbook.

Import reads the whole file first (a file that is not such a workbook changes nothing),
checks every row, then writes all good rows in one transaction and reports the others by
row and column. Rows already present are matched (phrase: category + text, FAQ: question,
guide: problem type + language), so importing the same file twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desktop.export.aids_workbook import (
    FAQ_SHEET,
    GUIDES_SHEET,
    PHRASES_SHEET,
    CellValue,
    SheetRow,
    WorkbookError,
    header,
    read_workbook,
    write_workbook,
)
from desktop.i18n import LANGUAGES, _, format_datetime
from desktop.models.aids import ChangedBy, FaqEntry, Phrase, ProblemGuide
from desktop.models.entities import ChoiceItem
from desktop.rules.aids_validation import (
    CATEGORIES,
    MAX_MINUTES,
    AidReport,
    category_label,
    validate_faq,
    validate_guide,
    validate_phrase,
)
from desktop.rules.choices import BUILTIN, BUSINESS_MODULE
from desktop.rules.guide_steps import split_steps
from desktop.rules.multilingual import label_sets, match_code
from desktop.services.aid_store import writing
from desktop.services.aids_dto import FaqInput, GuideInput, ImportResult, PhraseInput, RowProblem
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError, reading
from desktop.services.faq import add_faq, change_faq
from desktop.services.faq import clean_input as clean_faq
from desktop.services.guides import add_guide, change_guide
from desktop.services.guides import clean_input as clean_guide
from desktop.services.phrases import add_phrase

Progress = Callable[[int, int], bool]


class ImportRefused(ServiceError):
    """The file as a whole cannot be imported; nothing was changed."""


def _keep_going(_done: int, _total: int) -> bool:
    return True


def _text(value: CellValue) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _minutes(value: CellValue) -> int | None:
    """Whole minutes from a cell (5, 5.0, "5"); None when empty or not a whole number."""
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _changed(row: ChangedBy) -> str:
    who = " ".join(part for part in (row.updated_by_code, row.updated_by_name) if part) or _("built in")
    return f"{format_datetime(row.updated_at)} {who}"


@dataclass(frozen=True)
class _Choices:
    """What a coded cell may say (the code or a label in any language), and the list to show."""

    labels: dict[str, set[str]]
    shown: str


@dataclass
class _Lookups:
    """What cells may say, read once per import."""

    categories: _Choices
    languages: _Choices
    problem_types: _Choices


@dataclass
class _Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    def result(self) -> ImportResult:
        return ImportResult(self.created, self.updated, self.unchanged, tuple(self.problems))


class AidsTransferService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    # --- export ----------------------------------------------------------------------

    def export_xlsx(self, path: Path, progress: Progress = _keep_going) -> int:
        """Write every phrase, FAQ entry and guide to ``path``; returns the number of rows."""
        with reading(), self._sessions() as session:
            types = self._problem_type_names(session)
            phrases = [{"category": category_label(p.category), "language": p.language, "text": p.text,
                        "changed": _changed(p)} for p in session.scalars(select(Phrase).order_by(Phrase.id))]
            faq = [{"question": e.question, "answer": e.answer, "tags": e.tags,
                    "problem_type": types.get(e.problem_type or "", e.problem_type), "source_ticket": e.source_ticket,
                    "changed": _changed(e)} for e in session.scalars(select(FaqEntry).order_by(FaqEntry.id))]
            guides = [{"problem_type": types.get(g.problem_type, g.problem_type), "language": g.language,
                       "typical_case": g.typical_case,
                       "steps": "\n".join(f"{n} {step}" for n, step in enumerate(split_steps(g.steps), start=1)),
                       "min_minutes": g.min_minutes, "max_minutes": g.max_minutes, "cautions": g.cautions,
                       "changed": _changed(g)}
                      for g in session.scalars(select(ProblemGuide).order_by(ProblemGuide.problem_type,
                                                                             ProblemGuide.language))]
        total = len(phrases) + len(faq) + len(guides)
        progress(0, total)
        try:
            write_workbook(path, {PHRASES_SHEET: phrases, FAQ_SHEET: faq, GUIDES_SHEET: guides})
        except OSError as exc:
            raise ServiceError(_("The workbook could not be written to {path}: {reason}. Choose another folder.")
                               .format(path=path, reason=exc.strerror or type(exc).__name__)) from exc
        progress(total, total)
        return total

    @staticmethod
    def _problem_type_names(session: Session) -> dict[str, str]:
        names = {}
        for item in session.scalars(select(ChoiceItem).where(ChoiceItem.list_key == BUSINESS_MODULE)):
            builtin = dict(BUILTIN[BUSINESS_MODULE]).get(item.code) if item.builtin else None
            names[item.code] = _(builtin) if builtin else (item.label or item.code)
        return names

    # --- import ----------------------------------------------------------------------

    def import_xlsx(self, path: Path, actor: Actor, progress: Progress = _keep_going) -> ImportResult:
        """Add or update what the workbook holds; rows with problems are reported, not written."""
        try:
            sheets = read_workbook(path)
        except WorkbookError as exc:
            raise ImportRefused(str(exc)) from exc
        total = sum(len(rows) for rows in sheets.values())
        tally = _Tally()
        with writing(), self._sessions.begin() as session:
            lookups = self._lookups(session)
            done = 0
            for handler, sheet in ((self._phrase, PHRASES_SHEET), (self._faq, FAQ_SHEET),
                                   (self._guide, GUIDES_SHEET)):
                seen: dict[object, int] = {}
                for row in sheets[sheet]:
                    handler(session, row, lookups, seen, actor, tally)
                    done += 1
                    if not progress(done, total):
                        raise ImportRefused(_("The import was cancelled; nothing was changed."))
        return tally.result()

    def _lookups(self, session: Session) -> _Lookups:
        types = label_sets(dict(BUILTIN[BUSINESS_MODULE]))
        for item in session.scalars(select(ChoiceItem).where(ChoiceItem.list_key == BUSINESS_MODULE)):
            types.setdefault(item.code, set()).update({item.label} if item.label else set())
        names = self._problem_type_names(session)
        return _Lookups(
            _Choices(label_sets(CATEGORIES), ", ".join(category_label(code) for code in CATEGORIES)),
            _Choices({code: {name} for code, name in LANGUAGES.items()}, ", ".join(LANGUAGES)),
            _Choices(types, ", ".join(names.get(code, code) for code in types)),
        )

    # --- one row of each sheet ----------------------------------------------------------

    @staticmethod
    def _coded(row: SheetRow, key: str, choices: _Choices, problems: dict[str, str], *,
               required: bool = True) -> str | None:
        value = row.values.get(key)
        code = match_code(value, choices.labels)
        if code is None and value is not None:
            problems[key] = _("{value} is not in the list; use one of: {choices}.").format(
                value=value, choices=choices.shown)
        elif code is None and required:
            problems[key] = _("Required: fill this in before saving.")
        return code

    @staticmethod
    def _report(sheet: str, row: SheetRow, problems: Mapping[str, str], report: AidReport, tally: _Tally) -> bool:
        """Record the row's problems; True when it may be written."""
        merged = {**report.errors, **problems}
        tally.problems.extend(RowProblem(sheet, row.number, header(sheet, key), message)
                              for key, message in merged.items())
        return not merged

    @staticmethod
    def _first(sheet: str, row: SheetRow, key: object, seen: dict[object, int], tally: _Tally) -> bool:
        if key in seen:
            tally.problems.append(RowProblem(sheet, row.number, "", _(
                "Repeats row {row}; only the first is imported.").format(row=seen[key])))
            return False
        seen[key] = row.number
        return True

    def _phrase(self, session: Session, row: SheetRow, lookups: _Lookups, seen: dict[object, int], actor: Actor,
                tally: _Tally) -> None:
        problems: dict[str, str] = {}
        category = self._coded(row, "category", lookups.categories, problems)
        language = self._coded(row, "language", lookups.languages, problems)
        data = PhraseInput(category or "", _text(row.values.get("text")), language or "")
        report = validate_phrase(data.category, data.text, data.language)
        if not self._report(PHRASES_SHEET, row, problems, report, tally) or \
                not self._first(PHRASES_SHEET, row, (data.category, data.text), seen, tally):
            return
        existing = session.scalars(select(Phrase.id).where(Phrase.category == data.category,
                                                           Phrase.text == data.text)).first()
        if existing is not None:
            tally.unchanged += 1
            return
        add_phrase(session, data, actor, self._clock())
        tally.created += 1

    def _faq(self, session: Session, row: SheetRow, lookups: _Lookups, seen: dict[object, int], actor: Actor,
             tally: _Tally) -> None:
        problems: dict[str, str] = {}
        problem_type = self._coded(row, "problem_type", lookups.problem_types, problems, required=False)
        data = FaqInput(*(_text(row.values.get(key)) for key in ("question", "answer", "tags")),
                        problem_type=problem_type, source_ticket=_text(row.values.get("source_ticket")) or None)
        data = clean_faq(data)
        report = validate_faq(data.question, data.answer, data.tags, data.problem_type)
        if not self._report(FAQ_SHEET, row, problems, report, tally) or \
                not self._first(FAQ_SHEET, row, data.question, seen, tally):
            return
        entry = session.scalars(select(FaqEntry).where(FaqEntry.question == data.question)).first()
        if entry is None:
            add_faq(session, data, actor, self._clock())
            tally.created += 1
        elif (entry.answer, entry.tags, entry.problem_type) == (data.answer, data.tags, data.problem_type):
            tally.unchanged += 1
        else:
            change_faq(session, entry, data, actor, self._clock())
            tally.updated += 1

    def _guide(self, session: Session, row: SheetRow, lookups: _Lookups, seen: dict[object, int], actor: Actor,
               tally: _Tally) -> None:
        problems: dict[str, str] = {}
        problem_type = self._coded(row, "problem_type", lookups.problem_types, problems)
        language = self._coded(row, "language", lookups.languages, problems)
        minutes = {key: _minutes(row.values.get(key)) for key in ("min_minutes", "max_minutes")}
        for key, value in minutes.items():
            if value is None and row.values.get(key) is not None:
                problems[key] = _("Give whole minutes from 1 to {limit}.").format(limit=MAX_MINUTES)
        data = clean_guide(GuideInput(
            problem_type or "", language or "", _text(row.values.get("typical_case")), _text(row.values.get("steps")),
            minutes["min_minutes"], minutes["max_minutes"], _text(row.values.get("cautions"))))
        report = validate_guide(data.problem_type, data.language, data.typical_case, data.steps, data.min_minutes,
                                data.max_minutes, data.cautions)
        if not self._report(GUIDES_SHEET, row, problems, report, tally) or \
                not self._first(GUIDES_SHEET, row, (data.problem_type, data.language), seen, tally):
            return
        guide = session.scalars(select(ProblemGuide).where(ProblemGuide.problem_type == data.problem_type,
                                                           ProblemGuide.language == data.language)).first()
        if guide is None:
            add_guide(session, data, actor, self._clock())
            tally.created += 1
        elif (guide.typical_case, guide.steps, guide.min_minutes, guide.max_minutes, guide.cautions) == (
                data.typical_case, data.steps, data.min_minutes, data.max_minutes, data.cautions):
            tally.unchanged += 1
        else:
            change_guide(guide, data, actor, self._clock())
            tally.updated += 1
