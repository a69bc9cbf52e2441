"""``hotline-desk backup`` and ``hotline-desk restore``: the SQLite database to and from a verified backup.

A PostgreSQL database is backed up on its server (pg_dump); these commands say so and do nothing.
Restore replaces the database file: close Hotline Desk on this computer first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.i18n import _

if TYPE_CHECKING:
    from desktop.services.backup import BackupService


def register(commands: Any) -> None:
    """Add ``backup`` and ``restore`` to ``hotline-desk``'s subparsers."""
    backup = commands.add_parser("backup", help=_("copy the SQLite database to a verified backup file"))
    backup.add_argument("--out", metavar="FILE", type=Path,
                        help=_("write the backup to FILE (default: a new file in the backup folder, "
                               "keeping the newest ones)"))
    backup.set_defaults(handler=run_backup)
    restore = commands.add_parser(
        "restore", help=_("replace the SQLite database with a backup; close Hotline Desk on this computer first"))
    restore.add_argument("file", metavar="FILE", type=Path, help=_("a backup file made by Hotline Desk"))
    restore.set_defaults(handler=run_restore)


def postgresql_backup_note() -> str:
    return _("This database is on a PostgreSQL server: it is backed up on the server with pg_dump "
             "(and restored with pg_restore), not by this program. See \"Backups on PostgreSQL\" in the README.")


def _service(args: argparse.Namespace) -> BackupService | None:
    from desktop.config import load_config
    from desktop.services.backup import configured_backups
    from desktop.services.database import database_url, sqlite_path

    path = sqlite_path(database_url(args.db))
    if path is None:
        return None
    config = load_config()
    return configured_backups(path, config.backup_folder, config.backup_keep)


def run_backup(args: argparse.Namespace) -> int:
    service = _service(args)
    if service is None:
        print(postgresql_backup_note(), file=sys.stderr)
        return 1
    info = service.create(args.out)
    print(_("Backup written and verified: {path}").format(path=info.path))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    service = _service(args)
    if service is None:
        print(postgresql_backup_note(), file=sys.stderr)
        return 1
    aside = service.restore(args.file)
    print(_("Restored {backup} into {path}.").format(backup=args.file, path=service.database))
    if aside is not None:
        print(_("The previous database was kept as {path}.").format(path=aside))
    return 0
