"""Start Hotline Desk at login: the per-user Run key on Windows, an XDG autostart entry elsewhere.

The registry is reached through a tiny interface so the Windows path is tested off Windows too.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Protocol

from desktop import APP_NAME

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "HotlineDesk"
DESKTOP_FILE = "hotline-desk.desktop"


def launch_command() -> list[str]:
    """How to start this program as installed: the frozen executable, or Python running the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    python = Path(sys.executable)
    if os.name == "nt":  # no console window at login
        windowed = python.with_name("pythonw.exe")
        python = windowed if windowed.exists() else python
    return [str(python), "-m", "desktop"]


class Registry(Protocol):
    def get(self, key: str, name: str) -> str | None: ...
    def set(self, key: str, name: str, value: str) -> None: ...
    def delete(self, key: str, name: str) -> None: ...


class WindowsRegistry:
    """HKEY_CURRENT_USER through winreg (Windows only)."""

    def get(self, key: str, name: str) -> str | None:
        import winreg  # type: ignore[import-not-found]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                value, _kind = winreg.QueryValueEx(handle, name)
                return str(value)
        except FileNotFoundError:
            return None

    def set(self, key: str, name: str, value: str) -> None:
        import winreg  # type: ignore[import-not-found]

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key) as handle:
            winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

    def delete(self, key: str, name: str) -> None:
        import winreg  # type: ignore[import-not-found]

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as handle:
                winreg.DeleteValue(handle, name)
        except FileNotFoundError:
            pass


def _autostart_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart"


class Autostart:
    """Whether the program starts at login, and switching it on or off."""

    def __init__(self, *, windows: bool | None = None, registry: Registry | None = None,
                 autostart_dir: Path | None = None, command: list[str] | None = None) -> None:
        self.windows = os.name == "nt" if windows is None else windows
        self._registry = registry
        self._dir = autostart_dir
        self.command = command or launch_command()

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = WindowsRegistry()
        return self._registry

    @property
    def entry(self) -> Path:
        return (self._dir or _autostart_dir()) / DESKTOP_FILE

    def command_line(self) -> str:
        if self.windows:
            return subprocess.list2cmdline(self.command)
        return shlex.join(self.command)

    def is_enabled(self) -> bool:
        if self.windows:
            return self.registry.get(RUN_KEY, VALUE_NAME) is not None
        return self.entry.exists()

    def set_enabled(self, enabled: bool) -> None:
        """Write or remove the entry; OSError (a locked-down profile) goes to the caller to report."""
        if self.windows:
            if enabled:
                self.registry.set(RUN_KEY, VALUE_NAME, self.command_line())
            else:
                self.registry.delete(RUN_KEY, VALUE_NAME)
            return
        if enabled:
            self.entry.parent.mkdir(parents=True, exist_ok=True)
            self.entry.write_text(
                "[Desktop Entry]\nType=Application\n"
                f"Name={APP_NAME}\nExec={self.command_line()}\nIcon=hotline-desk\n"
                "X-GNOME-Autostart-enabled=true\nTerminal=false\n", encoding="utf-8")
        else:
            self.entry.unlink(missing_ok=True)
