"""``hotline-desk purge``: remove the tickets older than the centre keeps them, exported first."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from desktop.i18n import _, format_date, format_number


def register(commands: Any) -> None:
    command = commands.add_parser("purge", help=_("remove the tickets older than the centre keeps them "
                                                  "(exported to a file first)"))
    command.add_argument("--export", type=Path, required=True, metavar="FILE",
                         help=_("the .xlsx or .csv file the removed tickets are written to first"))
    command.add_argument("--admin", required=True, metavar="CODE", help=_("an administrator's 工号 (password asked)"))
    command.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    command.set_defaults(handler=run_purge)


def run_purge(args: argparse.Namespace) -> int:
    from desktop.services.accounts import AccountService
    from desktop.services.database import open_database
    from desktop.services.retention import RetentionService

    database = open_database(args.db)
    try:
        service = RetentionService(database.sessions)
        plan = service.plan()
        print(_("Tickets are kept {years} years: those from {day} on stay.").format(
            years=plan.years, day=format_date(plan.first_kept)))
        if plan.count == 0:
            print(_("Nothing is older than that: nothing to remove."))
            return 0
        print(_("To remove: {count} tickets, the oldest from {day}; they are first written to {path}.").format(
            count=format_number(plan.count), day=format_date(plan.oldest), path=args.export))
        password = getpass.getpass(_("Password of {code}: ").format(code=args.admin))
        actor = AccountService(database.sessions).sign_in(args.admin, password, action="password_check")
        if not args.yes and input(_("Type YES to remove them: ")).strip() != "YES":
            print(_("Nothing was removed."))
            return 1
        removed = service.purge(actor, args.export, plan)
        print(_("Removed {count} tickets; they are in {path}.").format(count=format_number(removed),
                                                                        path=args.export))
        return 0
    finally:
        database.close()


