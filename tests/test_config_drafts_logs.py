"""Workstation settings, the autosaved draft and the log redaction: nothing lost, nothing leaked."""

from __future__ import annotations

import logging
import re
import sys

from desktop.config import WorkstationConfig, config_path, load_config, save_config
from desktop.drafts import DraftStore
from desktop.logs import configure_logging, log_file, redact
from tests.helpers import make_draft


def test_settings_default_when_missing_and_round_trip() -> None:
    assert load_config() == WorkstationConfig()
    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏", language="zh_TW", centre_name="华东中心",
                                  ticket_prefix="GD"))
    loaded = load_config()
    assert (loaded.agent_name, loaded.language, loaded.centre_name, loaded.ticket_prefix) == (
        "张敏", "zh_TW", "华东中心", "GD")


def test_damaged_settings_are_set_aside_not_lost() -> None:
    path = config_path()
    path.write_text("{not json", encoding="utf-8")
    assert load_config() == WorkstationConfig()
    aside = path.with_suffix(".damaged.json")
    assert aside.read_text(encoding="utf-8") == "{not json"


def test_unknown_language_and_bad_prefix_fall_back() -> None:
    config_path().write_text('{"language": "fr", "ticket_prefix": "cs-1", "future_option": 3}', encoding="utf-8")
    loaded = load_config()
    assert (loaded.language, loaded.ticket_prefix) == ("zh_CN", "CS")


def test_drafts_are_kept_per_agent(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = DraftStore(tmp_path / "drafts")
    assert store.save("A1001", None, make_draft(description="张敏的草稿"))
    assert store.save("A1003", 42, make_draft(description="王芳的草稿"))
    first, second = store.load("A1001"), store.load("A1003")
    assert first is not None and first.draft.description == "张敏的草稿" and first.ticket_id is None
    assert second is not None and second.draft.description == "王芳的草稿" and second.ticket_id == 42
    store.discard("A1001")
    assert store.load("A1001") is None and store.load("A1003") is not None


def test_a_damaged_draft_is_set_aside(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = DraftStore(tmp_path / "drafts")
    store.save("A1001", None, make_draft())
    path = next((tmp_path / "drafts").glob("A1001.json"))
    path.write_text('{"agent_code": "A1001", "draft": 12}', encoding="utf-8")
    assert store.load("A1001") is None
    assert path.with_suffix(".damaged.json").exists()


def test_phone_numbers_never_reach_the_log() -> None:
    assert redact("customer 13912345678 called") == "customer 139****5678 called"
    assert "1234" not in redact("+86 139 1234 5678") and redact("+86 139 1234 5678").endswith("5678")
    assert redact("ticket CS20231015001, order DD2023101500123") == "ticket CS20231015001, order DD2023101500123"
    assert redact("short 1234 and 2023-10-15 at 10:15") == "short 1234 and 2023-10-15 at 10:15"
    configure_logging()
    logging.getLogger("test").warning("callback to %s failed", "010-62345678")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file().read_text(encoding="utf-8")
    assert "62345678" not in text and "****5678" in text
    stamp = text.splitlines()[-1].split(" WARNING")[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}", stamp), stamp  # the time stamp stays whole


def test_a_traceback_formatted_first_by_another_handler_is_still_masked() -> None:
    from desktop.logs import RedactingFormatter

    try:
        raise RuntimeError("no answer from 13912345678")
    except RuntimeError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed", None, None)
        record.exc_info = sys.exc_info()
    assert "13912345678" in logging.Formatter().format(record)  # caches the plain traceback on the record
    text = RedactingFormatter("%(message)s").format(record)
    assert "13912345678" not in text and "139****5678" in text
