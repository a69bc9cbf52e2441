"""At start-up, a damaged database: offer the newest good backup, keep the damaged file aside."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop import APP_NAME
from desktop.i18n import _, format_datetime
from desktop.services.backup import BackupService
from desktop.services.errors import BackupError, DatabaseDamaged
from desktop.ui.messages import Messages

log = logging.getLogger(__name__)


@contextmanager
def waiting() -> Iterator[None]:
    """A wait cursor while a database or a backup is checked or copied (seconds on a big file)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def offer_restore(damaged: DatabaseDamaged, backups: BackupService, messages: Messages) -> bool:
    """Ask to restore the newest good backup over the damaged file; True once it is restored."""
    with waiting():
        good = backups.newest_good()
    if good is None:
        messages.error(None, APP_NAME, _(
            "The database {path} is damaged and there is no good backup of it in {folder}. The program will "
            "not use the damaged file. Keep it, and ask your administrator to repair it or to give you a "
            "backup to restore (hotline-desk restore FILE).").format(path=damaged.path, folder=backups.folder))
        return False
    question = _(
        "The database {path} is damaged and will not be used as it is.\n\n"
        "Restore the newest good backup, taken {when}? Tickets saved after that time are not in it. "
        "The damaged file is kept beside it under a new name, never deleted.").format(
        path=damaged.path, when=format_datetime(good.taken_at))
    if not messages.confirm(None, _("Damaged database"), question):
        return False
    try:
        with waiting():
            aside = backups.restore(good.path, reason="damaged")
    except BackupError as exc:
        messages.error(None, APP_NAME, str(exc))
        return False
    messages.info(None, APP_NAME, _("The backup taken {when} was restored. The damaged file was kept as "
                                    "{aside}.").format(when=format_datetime(good.taken_at), aside=aside))
    return True
