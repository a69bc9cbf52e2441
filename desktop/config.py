"""The workstation's own settings (who works here, language, numbering), kept as JSON.

Window geometry lives in Qt's settings (desktop/ui); this file holds what the headless
commands need too.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from desktop.i18n import DEFAULT_LANGUAGE, normalize_language
from desktop.paths import config_dir, data_dir
from desktop.rules.auto_archive import parse_time
from desktop.rules.numbering import DEFAULT_PREFIX, validate_prefix
from desktop.rules.reminders import MAX_LEAD_MINUTES

log = logging.getLogger(__name__)

FILE_NAME = "workstation.json"


@dataclass
class WorkstationConfig:
    agent_code: str = ""
    agent_name: str = ""
    language: str = DEFAULT_LANGUAGE
    centre_name: str = ""
    ticket_prefix: str = DEFAULT_PREFIX
    # Minutes before a promised feedback time that its reminder pops up.
    reminder_lead_minutes: int = 15
    # The automatic daily archive (desktop/rules/auto_archive.py): on/off, the local time of day "HH:MM",
    # the folder ("" = data_dir()/archive) and the day it was switched on (ISO date; no earlier day is written).
    auto_archive: bool = False
    auto_archive_time: str = "18:00"
    auto_archive_folder: str = ""
    auto_archive_since: str = ""
    # Where the daily SQLite backups go ("" = data folder/backups) and how many are kept.
    backup_folder: str = ""
    backup_keep: int = 30
    # The database this workstation uses when no --db is given: a file path or postgresql+psycopg://…
    # ("" = the per-user file). Changed on the Database page of the settings; used from the next start.
    database: str = ""

    @property
    def has_agent(self) -> bool:
        return bool(self.agent_code.strip() and self.agent_name.strip())


_DEFAULTS = WorkstationConfig()


def _coerce(kind: object, value: object, default: object) -> object:
    """A stored value as its field's type; a value that does not fit gives the default."""
    if kind in (bool, "bool"):
        return value if isinstance(value, bool) else default
    if kind in (int, "int"):
        try:
            return int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return default
    return str(value)


def archive_folder(config: WorkstationConfig) -> Path:
    """Where the automatic archive writes its PDFs: the configured folder, or ``archive`` in the data folder."""
    folder = config.auto_archive_folder.strip()
    return Path(folder).expanduser() if folder else data_dir() / "archive"


def config_path() -> Path:
    return config_dir() / FILE_NAME


def load_config(path: Path | None = None) -> WorkstationConfig:
    """Read the settings; a missing file gives defaults, a damaged one is set aside (never lost)."""
    path = path or config_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
    except FileNotFoundError:
        return WorkstationConfig()
    except (OSError, ValueError) as exc:
        aside = path.with_suffix(".damaged.json")
        log.warning("workstation settings unreadable (%s); kept as %s, using defaults", exc, aside)
        try:
            os.replace(path, aside)
        except OSError:
            log.exception("could not set the damaged settings aside")
        return WorkstationConfig()
    config = WorkstationConfig(**{f.name: _coerce(f.type, raw[f.name], getattr(_DEFAULTS, f.name))
                                  for f in fields(WorkstationConfig) if f.name in raw})
    config.language = normalize_language(config.language)
    if validate_prefix(config.ticket_prefix):
        config.ticket_prefix = DEFAULT_PREFIX
    if not 0 <= config.reminder_lead_minutes <= MAX_LEAD_MINUTES:
        config.reminder_lead_minutes = _DEFAULTS.reminder_lead_minutes
    if parse_time(config.auto_archive_time) is None:
        config.auto_archive_time = _DEFAULTS.auto_archive_time
    if config.backup_keep < 1:
        config.backup_keep = _DEFAULTS.backup_keep
    return config


def save_config(config: WorkstationConfig, path: Path | None = None) -> None:
    """Write atomically: a crash mid-write leaves the previous file intact."""
    path = path or config_path()
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(config), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, path)
