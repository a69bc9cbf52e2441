"""Network-share detection from what the system reports (no real share needed)."""

from __future__ import annotations

import pytest

from desktop.rules.network_paths import Mount, drive_root, is_network_fs, is_unc_path, mount_of, parse_mounts

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
fileserver:/export/desk /mnt/desk nfs4 rw,relatime,vers=4.2 0 0
//nas/tickets /srv/shared\\040folder cifs rw,vers=3.0 0 0
/dev/sdb1 /mnt/desk/local ext4 rw 0 0
"""


@pytest.mark.parametrize("path", [
    r"\\server\share\hotline.sqlite3", "//server/share/db.sqlite3", r"\\?\UNC\server\share\db.sqlite3",
    r"\\nas\tickets",
])
def test_unc_paths_are_recognised(path: str) -> None:
    assert is_unc_path(path)


@pytest.mark.parametrize("path", [
    r"C:\Users\agent\db.sqlite3", r"\\?\C:\long\path\db.sqlite3", r"\\.\PhysicalDrive0", "/home/agent/db.sqlite3",
    r"\\server", "relative/db.sqlite3",
])
def test_local_paths_are_not_unc(path: str) -> None:
    assert not is_unc_path(path)


def test_drive_root() -> None:
    assert drive_root(r"z:\tickets\db.sqlite3") == "Z:\\"
    assert drive_root("/home/agent/db.sqlite3") is None


def test_mount_table_is_parsed_with_escaped_spaces() -> None:
    mounts = parse_mounts(MOUNTS)
    assert Mount("//nas/tickets", "/srv/shared folder", "cifs") in mounts
    assert len(mounts) == 5


@pytest.mark.parametrize(("path", "fs_type"), [
    ("/mnt/desk/hotline.sqlite3", "nfs4"),
    ("/mnt/desk", "nfs4"),
    ("/srv/shared folder/db.sqlite3", "cifs"),
    ("/mnt/desk/local/db.sqlite3", "ext4"),  # a local disk mounted inside the share
    ("/mnt/desktop/db.sqlite3", "ext4"),  # a sibling whose name only starts like the share
    ("/home/agent/db.sqlite3", "ext4"),
])
def test_the_longest_mount_point_holds_the_path(path: str, fs_type: str) -> None:
    found = mount_of(path, parse_mounts(MOUNTS))
    assert found is not None and found.fs_type == fs_type


def test_network_file_system_types() -> None:
    assert all(is_network_fs(kind) for kind in ("nfs", "NFS4", "cifs", "smb3", "fuse.sshfs"))
    assert not any(is_network_fs(kind) for kind in ("ext4", "xfs", "btrfs", "ntfs", "tmpfs", "fuse.portal"))
