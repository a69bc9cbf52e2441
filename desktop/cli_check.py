"""``hotline-desk check``: is the database sound, up to date and backed up? Exit 1 when not."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from desktop.i18n import _, format_datetime, ngettext


def register(commands: Any) -> None:
    check = commands.add_parser("check", help=_("check the database, its schema version and its backups "
                                                "(exit code 1 when something needs attention)"))
    check.set_defaults(handler=run_check)


def format_age(age: timedelta) -> str:
    minutes = max(0, int(age.total_seconds() // 60))
    if minutes >= 24 * 60:
        days = minutes // (24 * 60)
        return ngettext("{count} day ago", "{count} days ago", days).format(count=days)
    if minutes >= 60:
        hours = minutes // 60
        return ngettext("{count} hour ago", "{count} hours ago", hours).format(count=hours)
    if minutes < 1:
        return _("just now")
    return ngettext("{count} minute ago", "{count} minutes ago", minutes).format(count=minutes)


def run_check(args: argparse.Namespace) -> int:
    from desktop.cli_backup import postgresql_backup_note
    from desktop.config import load_config
    from desktop.services.backup import configured_backups
    from desktop.services.database import database_url, sqlite_path
    from desktop.services.health import inspect_database

    url = database_url(args.db)
    path = sqlite_path(url)
    config = load_config()
    backups = configured_backups(path, config.backup_folder, config.backup_keep) if path is not None else None
    report = inspect_database(url, backups)
    print(_("Database: {kind} {location}").format(kind=report.kind, location=report.location))
    if report.revision is None:
        print(_("Schema version: unknown (newest: {head})").format(head=report.head))
    elif report.schema_is_newest:
        print(_("Schema version: {revision} (the newest)").format(revision=report.revision))
    else:
        print(_("Schema version: {revision} (behind the newest, {head})").format(revision=report.revision,
                                                                                 head=report.head))
    if report.kind == "PostgreSQL":
        print(_("Integrity: looked after by the PostgreSQL server"))
        print(_("Backups: {note}").format(note=postgresql_backup_note()))
    else:
        if report.damaged:
            print(_("Integrity: FAILED ({reason})").format(reason=report.integrity))
        elif report.integrity is None:
            print(_("Integrity: ok"))
        else:
            print(_("Integrity: {state}").format(state=report.integrity))
        newest = report.newest_backup
        if newest is None or report.backup_age is None:
            print(_("Newest backup: none"))
        else:
            print(_("Newest backup: {path}, taken {when} ({age})").format(
                path=newest.path, when=format_datetime(newest.taken_at), age=format_age(report.backup_age)))
        if report.backups:
            print(ngettext("{count} backup in {folder}:", "{count} backups in {folder}:", len(report.backups)).format(
                count=len(report.backups), folder=report.backup_folder))
            for info in report.backups:
                print(f"  {format_datetime(info.taken_at)}  {info.path}")
    if report.ok:
        print(_("Everything is in order."))
        return 0
    print(_("Needs attention:"))
    for problem in report.problems:
        print(f"- {problem}")
    return 1
