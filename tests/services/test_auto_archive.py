"""The automatic archive service: the due days from the database and the folder, the files it writes."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from desktop.export.documents import Imprint
from desktop.services.auto_archive import AutoArchiveService, AutoArchiveSettings
from desktop.services.database import Database
from tests.export.archive_data import DAY, build_spec_day, local
from tests.export.pdf_text import pages_text
from tests.helpers import FakeClock

# DAY (2023-10-15) is a Sunday with three calls; Saturday the 14th had none; Monday the 16th is a working day.
THURSDAY = DAY - timedelta(days=3)
MONDAY = DAY + timedelta(days=1)


@pytest.fixture
def numbers(database: Database) -> list[str]:
    return build_spec_day(database)


def _settings(folder: Path, enabled: bool = True, since: date | None = THURSDAY) -> AutoArchiveSettings:
    return AutoArchiveSettings(enabled=enabled, at=time(18, 0), folder=folder, since=since)


def _service(database: Database, hour: int, minute: int = 0, day: date = MONDAY) -> AutoArchiveService:
    return AutoArchiveService(database.sessions, clock=FakeClock(local(hour, minute, day=day)))


def test_due_days_are_working_days_and_the_sunday_with_calls(database: Database, numbers: list[str],
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    assert _service(database, 17, 59).due(_settings(folder)) == [THURSDAY, THURSDAY + timedelta(1), DAY]
    assert _service(database, 18, 0).due(_settings(folder)) == [THURSDAY, THURSDAY + timedelta(1), DAY, MONDAY]
    assert _service(database, 18, 0).due(_settings(folder, enabled=False)) == []


def test_run_writes_each_due_day_named_by_date_and_only_once(database: Database, numbers: list[str],
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "nested" / "archive"  # made when missing
    service = _service(database, 19, 0)
    report = service.run(_settings(folder), Imprint(centre="星河客服中心", printed_by="张敏（A1001）"))
    assert report.failed == []
    assert report.written == [THURSDAY, THURSDAY + timedelta(1), DAY, MONDAY]
    assert sorted(p.name for p in folder.iterdir()) == ["2023-10-12.pdf", "2023-10-13.pdf", "2023-10-15.pdf",
                                                        "2023-10-16.pdf"]
    text = "".join(pages_text(folder / "2023-10-15.pdf"))
    assert all(number in text for number in numbers) and "星河客服中心" in text
    assert "当日没有来电记录" in "".join(pages_text(folder / "2023-10-12.pdf"))
    assert service.run(_settings(folder)).written == []  # nothing is written twice


def test_a_file_already_there_is_kept(database: Database, numbers: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "2023-10-15.pdf").write_bytes(b"filed by hand")
    report = _service(database, 19, 0).run(_settings(folder, since=DAY))
    assert report.written == [MONDAY]
    assert (folder / "2023-10-15.pdf").read_bytes() == b"filed by hand"


def test_never_more_than_31_days_back(database: Database, numbers: list[str], tmp_path: Path) -> None:
    service = _service(database, 19, 0, day=DAY + timedelta(days=40))
    due = service.due(_settings(tmp_path, since=None))
    assert due and due[0] >= DAY + timedelta(days=40 - 31)
    assert DAY not in due


def test_an_unusable_folder_is_reported_not_raised(database: Database, numbers: list[str], tmp_path: Path) -> None:
    taken = tmp_path / "archive"
    taken.write_text("a file where the folder should be")
    report = _service(database, 19, 0).run(_settings(taken, since=DAY))
    assert report.written == [] and report.failed == []
    assert str(taken) in report.problem and report.messages() == [report.problem]
    missing_parent = taken / "archive"  # below a file: cannot be made
    report = _service(database, 19, 0).run(_settings(missing_parent, since=DAY))
    assert report.written == [] and str(missing_parent) in report.problem


def test_stopping_between_days(database: Database, numbers: list[str], tmp_path: Path) -> None:
    calls = []

    def keep_going() -> bool:
        calls.append(1)
        return len(calls) <= 1

    report = _service(database, 19, 0).run(_settings(tmp_path), keep_going=keep_going)
    assert report.written == [THURSDAY]


def test_next_run_is_the_set_time_of_the_next_working_day(database: Database, tmp_path: Path) -> None:
    friday = THURSDAY + timedelta(1)
    assert _service(database, 9, 0, day=friday).next_run(_settings(tmp_path)) == local(18, 0, day=friday)
    assert _service(database, 18, 30, day=friday).next_run(_settings(tmp_path)) == local(18, 0, day=MONDAY)
    assert _service(database, 9, 0).next_run(_settings(tmp_path, enabled=False)) is None


def test_settings_from_the_config_strings(tmp_path: Path) -> None:
    settings = AutoArchiveSettings.of(True, "07:45", tmp_path, "2026-11-01")
    assert settings.at == time(7, 45) and settings.since == date(2026, 11, 1)
    fallback = AutoArchiveSettings.of(True, "late", tmp_path, "soon")
    assert fallback.at == time(18, 0) and fallback.since is None
