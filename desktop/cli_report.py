"""``hotline-desk report --week 2026-W47 --out report.pdf``: the weekly report as PDF or XLSX, with no window.

The same report the window makes (desktop/export/documents.py). No Qt is imported.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.i18n import _, ngettext
from desktop.services.errors import ServiceError


def _week(text: str) -> str:
    from desktop.rules.weeks import WeekError, parse_week, week_of

    if text.strip().lower() in ("this", "current"):
        return week_of(date.today())
    try:
        return week_of(parse_week(text))
    except WeekError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(commands: Any) -> None:
    """Add the ``report`` subcommand to ``hotline-desk``'s subparsers."""
    report = commands.add_parser("report", help=_("write the weekly report as a PDF or an Excel workbook"),
                                 description=_("Write the weekly report (figures and the agent weekly sheet) of "
                                               "an ISO week as a PDF (.pdf) or an Excel workbook (.xlsx)."))
    report.add_argument("--week", required=True, type=_week, metavar="WEEK",
                        help=_("the ISO week, e.g. 2026-W47 (or this)"))
    report.add_argument("--out", required=True, type=Path, metavar="FILE",
                        help=_("the file to write: .pdf or .xlsx"))
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from desktop.config import load_config
    from desktop.export.documents import Imprint, check_report_target, write_weekly_report
    from desktop.export.fonts import pdf_font
    from desktop.services.database import open_database
    from desktop.services.figures import FigureService
    from desktop.services.week_notes import WeekNotesService
    from desktop.services.weekly_report import weekly_report

    out: Path = args.out
    try:
        check_report_target(out)
    except ServiceError as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return 2
    config = load_config()
    imprint = Imprint.of(config.centre_name, config.agent_name, config.agent_code)
    database = open_database(args.db)
    try:
        report = weekly_report(FigureService(database.sessions), WeekNotesService(database.sessions), args.week)
        pages = write_weekly_report(report, out, imprint=imprint)
    finally:
        database.close()
    if out.suffix.lower() == ".xlsx":
        print(_("Wrote {path}.").format(path=out))
        return 0
    warning = pdf_font().warning
    if warning:
        print(warning, file=sys.stderr)
    print(ngettext("Wrote {path} ({pages} page).", "Wrote {path} ({pages} pages).", pages).format(
        path=out, pages=pages))
    return 0
