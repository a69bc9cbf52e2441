"""Importing historic call logs (XLSX or CSV) as tickets.

The file is read whole first (a file that is no table changes nothing). Every row is parsed
and checked with the ticket rules; the good rows are written in one transaction, each with
its natural key (call time + phone + description) in ``import_keys``, so importing the same
file again adds nothing. Refused rows are reported by row and column and can be written to a
file of the same columns plus a problem column, to fix and import again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.export.layout_store import LayoutStore
from desktop.export.table_file import CellValue, SourceRow, SourceTable, TableFileError, read_table
from desktop.i18n import N_, _
from desktop.models.entities import ChoiceItem, ImportKey
from desktop.rules.call_log_layout import mapping_problem, recognise, signature
from desktop.rules.call_log_rows import (
    CHOICE_FIELDS,
    builtin_choices,
    cells_by_target,
    column_of,
    natural_key,
    parse_row,
)
from desktop.rules.multilingual import every_translation
from desktop.rules.ticket_draft import TicketDraft
from desktop.rules.ticket_validation import validate_ticket
from desktop.services.audit import record
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor
from desktop.services.errors import ServiceError, StorageError
from desktop.services.ticket_export import write_sheet
from desktop.services.tickets import TicketService, clean_draft

Progress = Callable[[int, int], bool]
KEY_CHUNK = 500
# The two columns a file of refused rows adds; a fixed file keeps the layout of the original.
ROW_COLUMN = N_("Row in the imported file")
PROBLEM_COLUMN = N_("Problem")


def layout_headers(headers: Sequence[str]) -> tuple[str, ...]:
    """The headers that define the layout: without the columns added to a file of refused rows."""
    result = tuple(headers)
    if len(result) >= 2 and result[-2] in every_translation(ROW_COLUMN) and \
            result[-1] in every_translation(PROBLEM_COLUMN):
        result = result[:-2]
    return result


class ImportRefused(ServiceError):
    """The file as a whole cannot be imported; nothing was changed."""


class ImportCancelled(ServiceError):
    """The user stopped the import; nothing was changed."""


@dataclass(frozen=True)
class RowProblem:
    row: int  # as the spreadsheet numbers it
    column: str  # the source column's header ("" for the row as a whole)
    message: str


@dataclass(frozen=True)
class CallLogResult:
    created: int
    already: int  # imported before (same natural key): skipped
    problems: tuple[RowProblem, ...]
    rejected: tuple[SourceRow, ...]  # the refused rows, as read
    headers: tuple[str, ...]
    suffix: str

    def problems_of(self, row: int) -> list[RowProblem]:
        return [problem for problem in self.problems if problem.row == row]


@dataclass
class _Tally:
    problems: list[RowProblem] = field(default_factory=list)
    rejected: list[SourceRow] = field(default_factory=list)


def _keep_going(_done: int, _total: int) -> bool:
    return True


def _cancelled() -> ImportCancelled:
    return ImportCancelled(_("The import was cancelled; nothing was changed."))


def header_row(candidates: Sequence[tuple[str, ...]]) -> int:
    """The candidate line that names most fields (the first line when none names any)."""
    known = [recognise(line).known for line in candidates]
    return known.index(max(known)) if known and max(known) > 0 else 0


class CallLogImportService:
    def __init__(self, sessions: sessionmaker[Session], tickets: TicketService, *, clock: Clock = utc_now,
                 layouts: LayoutStore | None = None) -> None:
        self._sessions = sessions
        self._tickets = tickets
        self._clock = clock
        self.layouts = layouts or LayoutStore()

    # --- the file and its layout -----------------------------------------------------------

    @staticmethod
    def read(path: Path) -> SourceTable:
        """The file's table; its header is the line among the first ones that names most ticket fields."""
        try:
            return read_table(path, header_row)
        except TableFileError as exc:
            raise ImportRefused(str(exc)) from exc

    def layout_for(self, headers: Sequence[str]) -> dict[str, int] | None:
        """The seed forms' layout recognised, or the mapping remembered for this header row; else None."""
        headers = layout_headers(headers)
        remembered = self.layouts.get(signature(headers))
        if remembered is not None and mapping_problem(remembered, len(headers)) is None:
            return remembered
        recognition = recognise(headers)
        return dict(recognition.mapping) if recognition.complete else None

    def remember(self, headers: Sequence[str], mapping: dict[str, int]) -> None:
        headers = layout_headers(headers)
        problem = mapping_problem(mapping, len(headers))
        if problem:
            raise ServiceError(problem)
        self.layouts.put(signature(headers), mapping)

    # --- importing -------------------------------------------------------------------------

    def import_file(self, path: Path, actor: Actor, progress: Progress = _keep_going) -> CallLogResult:
        """Read and import ``path`` with its recognised or remembered layout (the command line's way)."""
        table = self.read(path)
        mapping = self.layout_for(table.headers)
        if mapping is None:
            raise ImportRefused(_("The columns of {name} are not those of the call log forms, and no mapping is "
                                  "remembered for them. Import the file once from the window (File → Import "
                                  "call log…) and map its columns; the mapping is then used here too.").format(
                name=path.name))
        return self.import_table(table, mapping, actor, source=path.name, progress=progress)

    def import_table(self, table: SourceTable, mapping: dict[str, int], actor: Actor, *, source: str = "",
                     progress: Progress = _keep_going) -> CallLogResult:
        problem = mapping_problem(mapping, len(table.headers))
        if problem:
            raise ImportRefused(problem)
        total = len(table.rows) * 2
        now = self._clock()
        tally = _Tally()
        try:
            with self._sessions.begin() as session:
                allowed, sensitive = self._tickets.validation_context(session)
                choices = builtin_choices(self._custom_labels(session))
                accepted: list[tuple[SourceRow, str, TicketDraft]] = []
                seen: dict[str, int] = {}
                for done, row in enumerate(table.rows, start=1):
                    entry = self._check(row, table.headers, mapping, choices, allowed, sensitive, now, seen, tally,
                                        source)
                    if entry is not None:
                        accepted.append(entry)
                    if not progress(done, total):
                        raise _cancelled()
                fresh = self._not_yet_imported(session, accepted)
                keys = [key for _row, key, _draft in fresh]
                drafts = [draft for _row, _key, draft in fresh]
                done = len(table.rows) + len(accepted) - len(fresh)
                for key, ticket in zip(keys, self._tickets.insert_in(session, drafts, actor), strict=True):
                    session.add(ImportKey(key=key, ticket_id=ticket.id, source=source[:255], imported_at=now))
                    done += 1
                    if not progress(done, total):
                        raise _cancelled()
                if fresh:
                    record(session, actor, "import", now, target_kind="file", target_label=source[:64] or None,
                           details={"created": len(fresh), "already": len(accepted) - len(fresh),
                                    "refused": len(tally.rejected)})
                session.flush()
        except (OperationalError, DBAPIError) as exc:
            raise StorageError(_("The database did not accept the import ({reason}); nothing was changed. "
                                 "Try again in a moment.").format(reason=type(exc).__name__)) from exc
        progress(total, total)
        return CallLogResult(len(fresh), len(accepted) - len(fresh), tuple(tally.problems), tuple(tally.rejected),
                             table.headers, table.suffix)

    def _check(self, row: SourceRow, headers: Sequence[str], mapping: dict[str, int],
               choices: dict[str, dict[str, set[str]]], allowed: dict[str, set[str]], sensitive: list[str],
               now: datetime, seen: dict[str, int], tally: _Tally, source: str
               ) -> tuple[SourceRow, str, TicketDraft] | None:
        parsed = parse_row(cells_by_target(row.cells, mapping), choices, now=now)
        draft = clean_draft(parsed.draft)
        report = validate_ticket(draft, now=now, choices=allowed, sensitive_modules=sensitive)
        problems = {**report.errors, **parsed.problems}
        if problems:
            tally.problems.extend(RowProblem(row.number, column_of(name, mapping, headers), message)
                                  for name, message in problems.items())
            tally.rejected.append(row)
            return None
        key = natural_key(draft)
        if key in seen:
            tally.problems.append(RowProblem(row.number, "", _("Repeats row {row}; only the first is imported.")
                                             .format(row=seen[key])))
            tally.rejected.append(row)
            return None
        seen[key] = row.number
        if source:  # the ticket's first timeline entry says where it came from
            origin = _("Imported from {file}, row {row}.").format(file=source, row=row.number)
            draft.process_note = "\n".join(part for part in (origin, draft.process_note) if part)
        return row, key, draft

    @staticmethod
    def _custom_labels(session: Session) -> dict[str, dict[str, set[str]]]:
        labels: dict[str, dict[str, set[str]]] = {}
        for item in session.scalars(select(ChoiceItem).where(ChoiceItem.list_key.in_(CHOICE_FIELDS))):
            if item.label:
                labels.setdefault(item.list_key, {}).setdefault(item.code, set()).add(item.label)
        return labels

    @staticmethod
    def _not_yet_imported(session: Session, accepted: list[tuple[SourceRow, str, TicketDraft]]
                          ) -> list[tuple[SourceRow, str, TicketDraft]]:
        known: set[str] = set()
        keys = [key for _row, key, _draft in accepted]
        for start in range(0, len(keys), KEY_CHUNK):
            chunk = keys[start:start + KEY_CHUNK]
            known.update(session.scalars(select(ImportKey.key).where(ImportKey.key.in_(chunk))))
        return [entry for entry in accepted if entry[1] not in known]

    # --- the refused rows, to fix and import again ---------------------------------------------

    @staticmethod
    def write_rejected(result: CallLogResult, path: Path) -> int:
        """The refused rows with their columns as read, a row number and a problem column; returns how many."""
        headers = layout_headers(result.headers)
        width = len(headers)

        def lines() -> list[list[CellValue]]:
            out: list[list[CellValue]] = []
            for row in result.rejected:
                cells = list(row.cells[:width]) + [None] * (width - len(row.cells))
                problems = "; ".join(
                    _("{column}: {problem}").format(column=p.column, problem=p.message) if p.column else p.message
                    for p in result.problems_of(row.number))
                out.append([*cells, row.number, problems])
            return out

        return write_sheet(path, [*headers, _(ROW_COLUMN), _(PROBLEM_COLUMN)], lines())
