"""``hotline-desk import FILE``: bring calls in from an XLSX or CSV call log, headless.

The seed forms' layout is recognised; another layout needs its columns mapped once in the
window (File → Import call log…), after which the remembered mapping is used here too.
Refused rows are written beside the file (or to ``--rejected``) to fix and import again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.i18n import _


def register(commands: Any) -> None:
    """Add the ``import`` subcommand to ``hotline-desk``'s subparsers."""
    command = commands.add_parser("import", help=_("import calls from an Excel (.xlsx) or CSV call log"))
    command.add_argument("file", type=Path, metavar="FILE", help=_("the call log to import"))
    command.add_argument("--rejected", type=Path, metavar="OUT",
                         help=_("where to write the refused rows (default: FILE-refused beside it)"))
    command.add_argument("--agent", metavar="CODE", help=_("the agent code the tickets are saved under "
                                                            "(default: this workstation's agent)"))
    command.set_defaults(handler=run_import)


def _rejected_path(source: Path, given: Path | None) -> Path:
    if given is not None:
        return given
    return source.with_name(f"{source.stem}-refused{source.suffix.lower()}")


def run_import(args: argparse.Namespace) -> int:
    from desktop.config import load_config
    from desktop.services.call_log_import import CallLogImportService
    from desktop.services.database import open_database
    from desktop.services.dto import Actor
    from desktop.services.tickets import TicketService

    config = load_config()
    code = (args.agent or config.agent_code).strip()
    if not code:
        print(_("Error: say which agent the tickets are saved under: --agent CODE (or set the agent in the "
                "window's settings)."), file=sys.stderr)
        return 2
    actor = Actor(code, config.agent_name if not args.agent else code)
    database = open_database(args.db)
    try:
        tickets = TicketService(database.sessions, prefix=config.ticket_prefix)
        importer = CallLogImportService(database.sessions, tickets)
        result = importer.import_file(args.file, actor)
        print(_("Imported: {created}; imported before: {already}; refused: {refused}.").format(
            created=result.created, already=result.already, refused=len(result.rejected)))
        if result.rejected:
            out = _rejected_path(args.file, args.rejected)
            importer.write_rejected(result, out)
            for problem in result.problems:
                print(_("Row {row}, {column}: {problem}").format(row=problem.row, column=problem.column or "-",
                                                                 problem=problem.message), file=sys.stderr)
            print(_("The refused rows are in {path}: fix them there and import that file again.").format(path=out))
            return 3
    finally:
        database.close()
    return 0
