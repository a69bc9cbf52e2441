"""The two printed documents as files: a day's archive and one ticket's work order.

What the command line, the window's print path and the automatic archive share: read the data from
:class:`~desktop.services.archive.ArchiveService`, lay it out, write it whole or not at all (a half-written
file never takes the final name). No Qt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from desktop.export.archive_pdf import build_archive
from desktop.export.pdf_pages import Progress
from desktop.export.work_order_pdf import build_work_order
from desktop.i18n import _
from desktop.services.archive import ArchiveService
from desktop.services.errors import ServiceError


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
    buffer = BytesIO()
    pages = build_archive(service.day(day), buffer, centre=imprint.centre, printed_by=imprint.printed_by,
                          is_landscape=is_landscape, progress=progress)
    _write(path, buffer.getvalue())
    return pages


def write_work_order(service: ArchiveService, number: str, path: Path, *, imprint: Imprint = Imprint()) -> int:
    """Write the work order of ticket ``number`` to ``path``; returns its page count (NotFound, OutputError)."""
    check_target(path)
    buffer = BytesIO()
    pages = build_work_order(service.ticket(number), buffer, centre=imprint.centre, printed_by=imprint.printed_by)
    _write(path, buffer.getvalue())
    return pages
