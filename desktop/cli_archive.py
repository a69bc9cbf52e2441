"""``hotline-desk archive``: the day's paper archive or one ticket's work order as a PDF, with no window.

The same documents the window prints (desktop/export/documents.py). No Qt is imported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.i18n import _, ngettext
from desktop.services.errors import ServiceError


def register(commands: Any) -> None:
    """Add the ``archive`` subcommand to ``hotline-desk``'s subparsers."""
    from desktop.cli_tickets import _day

    archive = commands.add_parser("archive", help=_("write the daily archive or a work order as a PDF"),
                                  description=_("Write a day's paper archive (--date) or one ticket's work "
                                                "order (--ticket) as a PDF file."))
    which = archive.add_mutually_exclusive_group(required=True)
    which.add_argument("--date", type=_day, metavar="DAY",
                       help=_("the day to archive (YYYY-MM-DD or today)"))
    which.add_argument("--ticket", metavar="NO", help=_("the ticket number of a work order, e.g. CS20231015001"))
    archive.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("the PDF file to write"))
    archive.add_argument("--portrait", action="store_true",
                         help=_("A4 portrait instead of landscape (daily archive; a work order is portrait)"))
    archive.set_defaults(handler=run_archive)


def run_archive(args: argparse.Namespace) -> int:
    from desktop.config import load_config
    from desktop.export.documents import Imprint, check_target, write_day_archive, write_work_order
    from desktop.export.fonts import pdf_font
    from desktop.services.archive import ArchiveService
    from desktop.services.database import open_database

    out: Path = args.out
    try:
        check_target(out)
    except ServiceError as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return 2
    config = load_config()
    imprint = Imprint.of(config.centre_name, config.agent_name, config.agent_code)
    database = open_database(args.db)
    try:
        service = ArchiveService(database.sessions)
        if args.ticket is not None:
            pages = write_work_order(service, args.ticket, out, imprint=imprint)
        else:
            pages = write_day_archive(service, args.date, out, imprint=imprint, is_landscape=not args.portrait)
    finally:
        database.close()
    warning = pdf_font().warning
    if warning:
        print(warning, file=sys.stderr)
    print(ngettext("Wrote {path} ({pages} page).", "Wrote {path} ({pages} pages).", pages).format(
        path=out, pages=pages))
    return 0
