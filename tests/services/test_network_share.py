"""A SQLite file on a network share is refused with a message pointing to the shared PostgreSQL mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.rules.network_paths import DRIVE_REMOTE
from desktop.services import network_share
from desktop.services.database import open_database
from desktop.services.errors import NetworkShareRefused
from desktop.services.network_share import ensure_local, network_location

DRIVE_FIXED = 3


def test_unc_path_is_refused_on_any_system(english: None) -> None:
    with pytest.raises(NetworkShareRefused) as caught:
        ensure_local(r"\\fileserver\hotline\hotline-desk.sqlite3", windows=True, drive_type=lambda _root: DRIVE_FIXED)
    message = str(caught.value)
    assert r"\\fileserver\hotline\hotline-desk.sqlite3" in message
    assert "network share" in message
    assert "--db postgresql+psycopg://" in message


def test_mapped_network_drive_is_refused_and_a_fixed_drive_is_not(english: None) -> None:
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return DRIVE_REMOTE if root == "Z:\\" else DRIVE_FIXED

    with pytest.raises(NetworkShareRefused, match="PostgreSQL"):
        ensure_local(r"Z:\desk\hotline-desk.sqlite3", windows=True, drive_type=drive_type)
    ensure_local(r"C:\Users\agent\hotline-desk.sqlite3", windows=True, drive_type=drive_type)
    assert asked == ["Z:\\", "C:\\"]


@pytest.mark.parametrize("fs_type", ["nfs", "nfs4", "cifs", "smb3"])
def test_network_mount_on_linux_is_refused(fs_type: str) -> None:
    table = f"/dev/sda1 / ext4 rw 0 0\nserver:/desk /mnt/desk {fs_type} rw 0 0\n"
    with pytest.raises(NetworkShareRefused):
        ensure_local("/mnt/desk/hotline-desk.sqlite3", windows=False, mounts=lambda: table)
    ensure_local("/home/agent/hotline-desk.sqlite3", windows=False, mounts=lambda: table)
    assert network_location("/mnt/desk/db.sqlite3", windows=False, mounts=lambda: table) == f"{fs_type} /mnt/desk"


def test_open_database_refuses_before_creating_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = tmp_path / "share"
    table = f"/dev/sda1 / ext4 rw 0 0\nserver:/desk {share} nfs4 rw 0 0\n"
    monkeypatch.setattr(network_share, "linux_mounts", lambda: table)
    monkeypatch.setattr(network_share.sys, "platform", "linux")
    with pytest.raises(NetworkShareRefused):
        open_database(str(share / "hotline-desk.sqlite3"))
    assert not share.exists()
    open_database(str(tmp_path / "local.sqlite3")).close()  # the local disk is fine


def test_the_windows_probe_answers_nothing_off_windows() -> None:
    import sys

    if sys.platform == "win32":
        pytest.skip("on Windows the probe asks the real GetDriveTypeW")
    assert network_share.windows_drive_type("Z:\\") == 0
    assert "/" in network_share.linux_mounts() or network_share.linux_mounts() == ""
