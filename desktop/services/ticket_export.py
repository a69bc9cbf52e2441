"""Exporting the rows the ticket table shows (its filter and search) to an XLSX or CSV file.

Rows are read page by page by key (never the whole list in memory) and written as the table
shows them: localized headers and labels, the phone masked, times in the user's locale format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, replace
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from desktop.export.table_file import CellValue, TableFileError, WriteCancelled, write_table
from desktop.i18n import N_, _, format_datetime
from desktop.models.ticket_queries import TicketFilter
from desktop.rules.choices import ISSUE_TYPE, PRIORITY, STATUS, builtin_label, customer_type_label
from desktop.rules.masking import display_name
from desktop.services.audit import record
from desktop.services.choices import ChoiceService
from desktop.services.clock import Clock, utc_now
from desktop.services.dto import Actor, TicketRow
from desktop.services.errors import ServiceError
from desktop.services.ticket_list import TicketListService

Progress = Callable[[int, int], bool]

# The ticket table's columns, in its order (desktop/ui/ticket_table_model.py HEADERS).
HEADERS = (
    N_("Ticket no."), N_("Call time"), N_("Customer"), N_("Phone"), N_("Customer type"), N_("Issue type"),
    N_("Priority"), N_("Progress"), N_("Response due"), N_("Department"), N_("Agent"), N_("Problem description"),
)
PAGE = 500



def write_sheet(path: Path, headers: Sequence[str], rows: Iterable[Sequence[CellValue]],
                progress: Callable[[int], bool] | None = None) -> int:
    """``write_table`` with its failures as messages the user can act on (a cancel passes through)."""
    try:
        if progress is None:
            return write_table(path, headers, rows)
        return write_table(path, headers, rows, progress)
    except TableFileError as exc:
        raise ServiceError(str(exc)) from exc
    except OSError as exc:
        raise ServiceError(_("The file could not be written to {path}: {reason}. Close it if it is open in "
                             "Excel, or choose another folder.").format(
            path=path, reason=exc.strerror or type(exc).__name__)) from exc

class ExportCancelled(ServiceError):
    """The export was stopped; no file was written."""


def _keep_going(_done: int, _total: int) -> bool:
    return True


def sheet_row(row: TicketRow, labels: Mapping[str, Mapping[str, str]]) -> tuple[CellValue, ...]:
    """One exported line: what the table's cells show."""
    def label(list_key: str, code: str) -> str:
        return labels.get(list_key, {}).get(code) or builtin_label(list_key, code) or code

    due = format_datetime(row.response_due_at) if row.response_due_at else ""
    if row.overdue:
        due = _("{time} · overdue").format(time=due)
    elif row.stale:
        due = _("{time} · no progress").format(time=due)
    status = _("Void") if row.voided else label(STATUS, row.status)
    return (row.number, format_datetime(row.call_started_at), display_name(row.customer_name), row.phone_masked,
            customer_type_label(row.customer_type), label(ISSUE_TYPE, row.issue_type), label(PRIORITY, row.priority),
            status, due, row.department_name, row.agent_name, row.description)


class TicketExportService:
    def __init__(self, sessions: sessionmaker[Session], *, clock: Clock = utc_now) -> None:
        self._clock = clock
        self._sessions = sessions
        self._list = TicketListService(sessions, clock=clock)
        self._choices = ChoiceService(sessions)

    def export(self, path: Path, flt: TicketFilter, progress: Progress = _keep_going, *,
               newest_first: bool = True, actor: Actor | None = None) -> int:
        """Write the rows matching ``flt`` to ``path`` in the table's order; returns how many.

        With an ``actor`` the export is written to the audit log (who, how many rows, which filter).
        """
        if flt.now is None:  # every page judges "overdue" at the same moment
            flt = replace(flt, now=self._clock())
        total = self._list.count(flt)
        labels = self._choices.labels()
        if not progress(0, total):
            raise ExportCancelled(_("The export was cancelled; no file was written."))

        def rows() -> Iterator[tuple[CellValue, ...]]:
            after = None
            while True:  # keyset pages: each starts after the last row of the one before
                page = self._list.page(flt, PAGE, after=after, newest_first=newest_first)
                for row in page:
                    yield sheet_row(row, labels)
                if len(page) < PAGE:
                    return
                after = (page[-1].call_started_at, page[-1].id)

        try:
            written = write_sheet(path, [_(text) for text in HEADERS], rows(), lambda done: progress(done, total))
        except WriteCancelled as exc:
            raise ExportCancelled(_("The export was cancelled; no file was written.")) from exc
        progress(written, total)
        if actor is not None:
            self._audit(actor, path, written, flt)
        return written

    def _audit(self, actor: Actor, path: Path, written: int, flt: TicketFilter) -> None:
        shown = {key: value for key, value in asdict(flt).items()
                 if key != "now" and value not in (None, "", False)}
        with self._sessions.begin() as session:
            record(session, actor, "export", self._clock(), target_kind="file", target_label=path.name[:64],
                   details={"rows": written, "filter": {k: str(v) for k, v in shown.items()}})
