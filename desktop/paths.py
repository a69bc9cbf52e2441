"""Where the program keeps its files: per-user folders from platformdirs.

``HOTLINE_DESK_HOME`` moves every folder under one directory (tests, portable use).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

from desktop import APP_ID

_dirs = PlatformDirs(APP_ID, appauthor=False, roaming=False)


def _home() -> Path | None:
    value = os.environ.get("HOTLINE_DESK_HOME")
    return Path(value) if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    home = _home()
    return _ensure(home / "data" if home else Path(_dirs.user_data_dir))


def config_dir() -> Path:
    home = _home()
    return _ensure(home / "config" if home else Path(_dirs.user_config_dir))


def log_dir() -> Path:
    home = _home()
    return _ensure(home / "logs" if home else Path(_dirs.user_log_dir))


def default_database_path() -> Path:
    return data_dir() / "hotline-desk.sqlite3"


def source_root() -> Path:
    """The folder holding ``resources/`` and ``i18n/``: the checkout, or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return source_root() / "resources"


def catalogs_dir() -> Path:
    return source_root() / "i18n"
