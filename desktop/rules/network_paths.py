"""Is a database path on a network share? Pure decisions over what the system reports.

SQLite's file locking is not reliable over SMB/CIFS or NFS: two stations writing one file
there corrupt it. The probes that read the system (``GetDriveTypeW``, ``/proc/mounts``) live in
``desktop/services/network_share.py``; everything here takes their answers as arguments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# GetDriveTypeW's answer for a mapped network drive.
DRIVE_REMOTE = 4

# Linux file-system types (as /proc/mounts names them) that are a share on another machine.
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "ceph", "glusterfs",
    "lustre", "gfs2", "ocfs2", "davfs", "fuse.sshfs", "fuse.glusterfs", "fuse.smbnetfs", "fuse.davfs2",
    "fuse.rclone", "fuse.s3fs",
})


@dataclass(frozen=True)
class Mount:
    source: str
    point: str
    fs_type: str


def is_unc_path(path: str) -> bool:
    r"""``\\server\share\…`` (or ``//server/share/…``, or ``\\?\UNC\server\share``); not ``\\?\C:\`` or ``\\.\``."""
    normal = path.replace("/", "\\")
    if normal.upper().startswith("\\\\?\\UNC\\"):
        return True
    if not normal.startswith("\\\\") or normal.startswith(("\\\\?\\", "\\\\.\\")):
        return False
    parts = normal[2:].split("\\")
    return len(parts) >= 2 and bool(parts[0]) and bool(parts[1])


def drive_root(path: str) -> str | None:
    """``"Z:\\"`` for ``Z:\\tickets\\db.sqlite3``; None for a path without a drive letter."""
    match = re.match(r"^([A-Za-z]):", path)
    return f"{match.group(1).upper()}:\\" if match else None


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash in paths as octal escapes.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def parse_mounts(text: str) -> list[Mount]:
    """The lines of ``/proc/mounts`` (``source point type options dump pass``)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(_unescape(fields[0]), _unescape(fields[1]), fields[2]))
    return mounts


def mount_of(path: str, mounts: list[Mount]) -> Mount | None:
    """The mount holding ``path`` (an absolute POSIX path): the longest mount point above it; the last
    one listed wins when a point is mounted over."""
    best: Mount | None = None
    for mount in mounts:
        point = mount.point.rstrip("/") or "/"
        inside = point == "/" or path == point or path.startswith(point + "/")
        if inside and (best is None or len(point) >= len(best.point.rstrip("/") or "/")):
            best = mount
    return best


def is_network_fs(fs_type: str) -> bool:
    return fs_type.lower() in NETWORK_FS_TYPES
