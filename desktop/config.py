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
from desktop.paths import config_dir
from desktop.rules.numbering import DEFAULT_PREFIX, validate_prefix

log = logging.getLogger(__name__)

FILE_NAME = "workstation.json"


@dataclass
class WorkstationConfig:
    agent_code: str = ""
    agent_name: str = ""
    language: str = DEFAULT_LANGUAGE
    centre_name: str = ""
    ticket_prefix: str = DEFAULT_PREFIX

    @property
    def has_agent(self) -> bool:
        return bool(self.agent_code.strip() and self.agent_name.strip())


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
    known = {f.name for f in fields(WorkstationConfig)}
    config = WorkstationConfig(**{k: str(v) for k, v in raw.items() if k in known})
    config.language = normalize_language(config.language)
    if validate_prefix(config.ticket_prefix):
        config.ticket_prefix = DEFAULT_PREFIX
    return config


def save_config(config: WorkstationConfig, path: Path | None = None) -> None:
    """Write atomically: a crash mid-write leaves the previous file intact."""
    path = path or config_path()
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(config), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, path)
