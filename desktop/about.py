"""What the About dialog shows: the program, where its files are, the bundled components and their
licences (read from the installed packages' metadata; nothing is fetched). No Qt here."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata

from desktop import APP_NAME, __version__
from desktop.logs import log_file
from desktop.paths import data_dir, log_dir

# The distributions the program is built from, in the order shown; a missing one is left out.
COMPONENTS: tuple[str, ...] = (
    "PySide6-Essentials", "PySide6-Addons", "PySide6-Pdf", "shiboken6", "SQLAlchemy", "alembic", "Mako",
    "MarkupSafe", "babel", "reportlab", "rl_accel", "pillow", "openpyxl", "et-xmlfile", "phonenumbers",
    "chinese-calendar", "platformdirs", "argon2-cffi", "argon2-cffi-bindings", "cffi", "psycopg", "psycopg-binary",
    "typing-extensions",
)
# Known licences, for a bundle built without a package's metadata (never wrong: the metadata wins).
KNOWN_LICENCES: dict[str, str] = {
    "PySide6-Essentials": "LGPL-3.0-only", "PySide6-Addons": "LGPL-3.0-only", "PySide6-Pdf": "LGPL-3.0-only",
    "shiboken6": "LGPL-3.0-only", "SQLAlchemy": "MIT", "alembic": "MIT", "Mako": "MIT",
    "MarkupSafe": "BSD-3-Clause", "babel": "BSD-3-Clause", "reportlab": "BSD", "rl_accel": "BSD",
    "pillow": "MIT-CMU",
    "openpyxl": "MIT", "et-xmlfile": "MIT", "phonenumbers": "Apache-2.0", "chinese-calendar": "MIT",
    "platformdirs": "MIT", "argon2-cffi": "MIT", "argon2-cffi-bindings": "MIT", "cffi": "MIT-0",
    "psycopg": "LGPL-3.0-only", "psycopg-binary": "LGPL-3.0-only", "typing-extensions": "PSF-2.0",
}
_CLASSIFIER_NAMES = {
    "MIT License": "MIT", "BSD License": "BSD", "Apache Software License": "Apache-2.0",
    "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0", "Python Software Foundation License": "PSF-2.0",
}


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def _licence_of(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return str(expression)
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text.removesuffix(" License")
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License ::"):
            name = classifier.rsplit("::", 1)[-1].strip()
            return _CLASSIFIER_NAMES.get(name, name)
    return text.split("\n", 1)[0].split("(", 1)[0].strip()[:60] if text else ""


def components(names: tuple[str, ...] = COMPONENTS) -> list[Component]:
    """The bundled components with their version and licence, as installed (or bundled) here."""
    found: list[Component] = []
    for name in names:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(Component(name, str(meta.get("Version") or ""),
                               _licence_of(meta) or KNOWN_LICENCES.get(name, "?")))
    return found


@dataclass(frozen=True)
class AboutInfo:
    name: str
    version: str
    database: str
    data_folder: str
    log_folder: str
    log_file: str
    python: str
    platform: str
    components: tuple[Component, ...]

    def as_text(self) -> str:
        """The plain-text report copied to the clipboard (for a support request); not translated."""
        lines = [f"{self.name} {self.version}", f"Database: {self.database}", f"Data folder: {self.data_folder}",
                 f"Log folder: {self.log_folder}", f"Log file: {self.log_file}", f"Python: {self.python}",
                 f"Platform: {self.platform}", "", "Components:"]
        lines += [f"  {c.name} {c.version} ({c.licence})" for c in self.components]
        return "\n".join(lines)


def about_info(database_location: str, *, qt_version: str = "") -> AboutInfo:
    python = platform.python_version() + (" (frozen)" if getattr(sys, "frozen", False) else "")
    system = platform.platform() + (f", Qt {qt_version}" if qt_version else "")
    return AboutInfo(APP_NAME, __version__, database_location, str(data_dir()), str(log_dir()), str(log_file()),
                     python, system, tuple(components()))
