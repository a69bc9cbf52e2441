"""The application icon: the SVG source, the rendered PNGs and the Windows .ico stay in step."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.paths import resources_dir

ICONS = resources_dir() / "icons"


def _ico_sizes(path: Path) -> list[int]:
    data = path.read_bytes()
    _reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert kind == 1
    sizes = []
    for index in range(count):
        width, _height, _colours, _zero, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    return sizes


def test_the_ico_holds_every_size_windows_asks_for() -> None:
    assert _ico_sizes(ICONS / "hotline-desk.ico") == [16, 24, 32, 48, 64, 128, 256]


def test_the_rendered_pngs_have_their_sizes(qapp) -> None:  # type: ignore[no-untyped-def]
    for size in (16, 32, 48, 256):
        image = QImage(str(ICONS / f"hotline-desk-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not transparent


def test_the_app_icon_has_small_sizes_for_the_tray(qapp) -> None:  # type: ignore[no-untyped-def]
    from desktop.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(16, 16).isNull()
