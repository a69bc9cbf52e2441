"""The automatic archive's workstation settings: stored, read back, damaged values replaced by defaults."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.config import WorkstationConfig, archive_folder, config_path, load_config, save_config
from desktop.paths import data_dir


def test_defaults_off_at_six_in_the_data_folder() -> None:
    config = load_config()
    assert config.auto_archive is False and config.auto_archive_time == "18:00"
    assert archive_folder(config) == data_dir() / "archive"


def test_saved_and_read_back(tmp_path: Path) -> None:
    save_config(WorkstationConfig(auto_archive=True, auto_archive_time="07:30", auto_archive_folder=str(tmp_path),
                                  auto_archive_since="2026-11-01"))
    config = load_config()
    assert (config.auto_archive, config.auto_archive_time, config.auto_archive_since) == (True, "07:30", "2026-11-01")
    assert archive_folder(config) == tmp_path


def test_bad_values_fall_back_to_the_defaults() -> None:
    config_path().write_text(json.dumps({"auto_archive": "yes", "auto_archive_time": "25:99"}), encoding="utf-8")
    config = load_config()
    assert config.auto_archive is False and config.auto_archive_time == "18:00"
