"""``hotline-desk``: no argument opens the window; subcommands work headless.

Headless commands never import Qt, so they run on a server or a terminal without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from desktop import APP_NAME, __version__
from desktop.config import load_config
from desktop.i18n import LANGUAGES, _, set_language
from desktop.logs import configure_logging

Handler = Callable[[argparse.Namespace], int]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value!r} is not a whole number").format(value=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("give a number of 1 or more"))
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotline-desk",
        description=_("Log hotline calls as tickets and follow them to closure. "
                      "Without a command, the window opens."),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", metavar="URL",
                        help=_("database: a SQLite file path or a URL (default: the per-user file; "
                               "also HOTLINE_DESK_DB)"))
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("language of this run"))
    parser.add_argument("--demo", action="store_true",
                        help=_("open the window on a fresh demo database full of sample calls"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help=_("add realistic sample tickets to the database"))
    demo.add_argument("--tickets", type=_positive, default=500, metavar="N",
                      help=_("how many tickets to add (default 500)"))
    demo.add_argument("--seed", type=int, default=None, help=_("random seed, for the same data every time"))
    demo.set_defaults(handler=_run_demo)
    from desktop import cli_archive, cli_backup, cli_check, cli_purge, cli_report, cli_sheets, cli_tickets

    for module in (cli_tickets, cli_archive, cli_sheets, cli_report, cli_backup, cli_check, cli_purge):
        module.register(commands)
    return parser


def _run_demo(args: argparse.Namespace) -> int:
    from desktop.services.database import open_database
    from desktop.services.demo import DEMO_ACTOR, generate_demo

    database = open_database(args.db)
    try:
        def progress(done: int, total: int) -> bool:
            if sys.stderr.isatty():
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
            return True

        created = generate_demo(database, args.tickets, actor=DEMO_ACTOR, seed=args.seed, progress=progress,
                                prefix=load_config().ticket_prefix)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(_("Added {count} demo tickets to {location}.").format(count=created, location=database.location))
    finally:
        database.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    configure_logging()
    set_language(load_config().language)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from desktop.app import run_gui

        return run_gui(args)
    from desktop.services.errors import ServiceError

    try:
        return handler(args)
    except ServiceError as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("Stopped."), file=sys.stderr)
        return 130
