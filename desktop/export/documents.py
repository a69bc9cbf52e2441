"""The two printed documents as files: a day's archive and one ticket's work order.

What the command line, the window's print path and the automatic archive share: read the data from
:class:`~desktop.services.archive.ArchiveService`, lay it out, write it whole or not at all (a half-written
file never takes the final name). No Qt. The layouts (and reportlab with them, ~0.4 s to import)
load with the first document, not with the window.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from desktop.export.progress import Progress
from desktop.i18n import _
from desktop.services.archive import ArchiveService
from desktop.services.errors import ServiceError
from desktop.services.weekly_report import WeeklyReport


class OutputError(ServiceError):
    """The PDF could not be written where asked (the message says what to do)."""


@dataclass(frozen=True)
class Imprint:
    """Who prints, for the header and the footer of every page."""

    centre: str = ""
    printed_by: str = ""

    @classmethod
    def of(cls, centre: str, agent_name: str, agent_code: str) -> Imprint:
        who = f"{agent_name}（{agent_code}）" if agent_name and agent_code else agent_name or agent_code
        return cls(centre=centre, printed_by=who)


def check_target(path: Path) -> None:
    """Refuse a target that cannot be a file before any work is done."""
    if path.is_dir():
        raise OutputError(_("{path} is a folder: give a file name such as archive.pdf.").format(path=path))
    if not path.parent.is_dir():
        raise OutputError(_("The folder {folder} does not exist: create it first or choose another one.").format(
            folder=path.parent))


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass  # not ours (a folder of that name): left as it is
        raise OutputError(_("The PDF could not be written to {path}: {reason}. Choose a folder you may write "
                            "to.").format(path=path, reason=exc.strerror or exc)) from exc


def write_day_archive(service: ArchiveService, day: date, path: Path, *, imprint: Imprint = Imprint(),
                      is_landscape: bool = True, progress: Progress | None = None) -> int:
    """Write ``day``'s archive PDF to ``path``; returns its page count (raises Cancelled, OutputError)."""
    check_target(path)
    from desktop.export.archive_pdf import build_archive  # reportlab loads with the first document

    buffer = BytesIO()
    pages = build_archive(service.day(day), buffer, centre=imprint.centre, printed_by=imprint.printed_by,
                          is_landscape=is_landscape, progress=progress)
    _write(path, buffer.getvalue())
    return pages


def write_work_order(service: ArchiveService, number: str, path: Path, *, imprint: Imprint = Imprint()) -> int:
    """Write the work order of ticket ``number`` to ``path``; returns its page count (NotFound, OutputError)."""
    check_target(path)
    from desktop.export.work_order_pdf import build_work_order  # reportlab loads with the first document

    buffer = BytesIO()
    pages = build_work_order(service.ticket(number), buffer, centre=imprint.centre, printed_by=imprint.printed_by)
    _write(path, buffer.getvalue())
    return pages


REPORT_SUFFIXES = (".pdf", ".xlsx")


def check_report_target(path: Path) -> None:
    """A weekly report is a .pdf or a .xlsx file in a folder that exists."""
    check_target(path)
    if path.suffix.lower() not in REPORT_SUFFIXES:
        raise OutputError(_("{name} is neither a PDF (.pdf) nor an Excel workbook (.xlsx): give a file name "
                            "such as report.pdf or report.xlsx.").format(name=path.name))


def write_weekly_report(report: WeeklyReport, path: Path, *, imprint: Imprint = Imprint(),
                        progress: Progress | None = None) -> int:
    """Write the weekly report to ``path``, PDF or XLSX by extension; returns the PDF's page count (0 for
    a workbook). Raises Cancelled, OutputError."""
    check_report_target(path)
    if path.suffix.lower() == ".xlsx":
        from desktop.export.weekly_report_xlsx import build_weekly_workbook

        try:
            build_weekly_workbook(report, path)
        except OSError as exc:
            raise OutputError(_("The workbook could not be written to {path}: {reason}. Choose a folder you may "
                                "write to.").format(path=path, reason=exc.strerror or exc)) from exc
        return 0
    from desktop.export.weekly_report_pdf import build_weekly_report

    buffer = BytesIO()
    pages = build_weekly_report(report, buffer, centre=imprint.centre, printed_by=imprint.printed_by,
                                progress=progress)
    _write(path, buffer.getvalue())
    return pages
