"""Refusing a SQLite file on a network share, where its locking is unreliable and the file corrupts."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.i18n import _
from desktop.rules.network_paths import DRIVE_REMOTE, drive_root, is_network_fs, is_unc_path, mount_of, parse_mounts
from desktop.services.errors import NetworkShareRefused

log = logging.getLogger(__name__)

DriveType = Callable[[str], int]
MountTable = Callable[[], str]


def windows_drive_type(root: str) -> int:
    """``GetDriveTypeW`` for a drive root such as ``"Z:\\"``."""
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    get_drive_type = windll.kernel32.GetDriveTypeW
    get_drive_type.argtypes = [ctypes.c_wchar_p]
    get_drive_type.restype = ctypes.c_uint
    return int(get_drive_type(root))


def linux_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def network_location(path: str, *, windows: bool | None = None, drive_type: DriveType | None = None,
                     mounts: MountTable | None = None) -> str | None:
    """What makes ``path`` a network location ("UNC path", "network drive Z:", "nfs4 mount …"), or None."""
    windows = sys.platform == "win32" if windows is None else windows
    if is_unc_path(path):
        return "UNC"
    if windows:
        root = drive_root(path)
        if root is not None and (drive_type or windows_drive_type)(root) == DRIVE_REMOTE:
            return root
        return None
    mount = mount_of(path, parse_mounts((mounts or linux_mounts)()))
    if mount is not None and is_network_fs(mount.fs_type):
        return f"{mount.fs_type} {mount.point}"
    return None


def ensure_local(path: str, *, windows: bool | None = None, drive_type: DriveType | None = None,
                 mounts: MountTable | None = None) -> None:
    """Raise NetworkShareRefused when the SQLite file ``path`` is on a network share."""
    found = network_location(path, windows=windows, drive_type=drive_type, mounts=mounts)
    if found is None:
        return
    log.warning("refused a SQLite database on a network share (%s): %s", found, path)
    raise NetworkShareRefused(
        _("The database {path} is on a network share. A SQLite file shared over the network gets corrupted "
          "when several workstations use it. Keep the file on this computer's own disk, or let the centre "
          "share one PostgreSQL server: start with --db postgresql+psycopg://user@server/database "
          "(or set it on the connection page of the settings).").format(path=path),
        path=path,
    )
