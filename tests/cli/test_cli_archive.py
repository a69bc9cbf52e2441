"""``hotline-desk archive``: the daily archive and the work order as PDFs with no window, and its errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import main
from desktop.config import WorkstationConfig, save_config
from desktop.services.database import Database
from tests.export.archive_data import DAY, PHONES, build_spec_day
from tests.export.pdf_text import pages_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def numbers(database: Database) -> list[str]:
    return build_spec_day(database)


def _text(path: Path) -> str:
    return "".join(pages_text(path)).replace("\n", "")


def test_archive_of_a_day_is_written_landscape(numbers: list[str], db_path: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    save_config(WorkstationConfig(agent_code="A1001", agent_name="张敏", centre_name="星河客服中心"))
    out = tmp_path / "archive.pdf"
    assert main(["--db", str(db_path), "archive", "--date", DAY.isoformat(), "--out", str(out)]) == 0
    reader = PdfReader(str(out))
    box = reader.pages[0].mediabox
    assert box.width > box.height  # A4 landscape by default
    text = _text(out)
    for number in numbers:
        assert number in text
    assert "第 1 页" in text and "星河客服中心" in text and "张敏（A1001）" in text
    assert all(phone not in text for phone in PHONES)
    assert str(out) in capsys.readouterr().out


def test_portrait_archive(numbers: list[str], db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "portrait.pdf"
    assert main(["--db", str(db_path), "archive", "--date", DAY.isoformat(), "--out", str(out), "--portrait"]) == 0
    box = PdfReader(str(out)).pages[0].mediabox
    assert box.height > box.width


def test_work_order_of_a_ticket(numbers: list[str], db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "order.pdf"
    assert main(["--db", str(db_path), "archive", "--ticket", numbers[1].lower(), "--out", str(out)]) == 0
    text = _text(out)
    assert numbers[1] in text and "工单" in text
    assert numbers[0] not in text and numbers[2] not in text
    assert "李工联系客户获取序列号SN56" in text  # its timeline


def test_unknown_ticket_is_a_clear_error(numbers: list[str], db_path: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "order.pdf"
    assert main(["--db", str(db_path), "archive", "--ticket", "CS19990101001", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "CS19990101001" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("value", ["2026-13-01", "22.11.2026", "yesterday"])
def test_bad_date_is_refused(db_path: Path, tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db_path), "archive", "--date", value, "--out", str(tmp_path / "a.pdf")])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--date" in err and value in err and "2025-10-09" in err


def test_date_or_ticket_is_required_but_not_both(db_path: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "a.pdf")
    for args in (["archive", "--out", out], ["archive", "--date", "2023-10-15", "--ticket", "X", "--out", out]):
        with pytest.raises(SystemExit) as stop:
            main(["--db", str(db_path), *args])
        assert stop.value.code == 2


def test_missing_folder_and_folder_as_target_are_refused(numbers: list[str], db_path: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no" / "such" / "archive.pdf"
    assert main(["--db", str(db_path), "archive", "--date", DAY.isoformat(), "--out", str(missing)]) == 2
    assert str(missing.parent) in capsys.readouterr().err
    assert main(["--db", str(db_path), "archive", "--date", DAY.isoformat(), "--out", str(tmp_path)]) == 2
    assert "archive.pdf" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_is_refused(numbers: list[str], db_path: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert main(["--db", str(db_path), "archive", "--date", DAY.isoformat(),
                     "--out", str(locked / "a.pdf")]) == 1
    finally:
        locked.chmod(0o700)
    assert str(locked) in capsys.readouterr().err
    assert list(locked.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_folder_where_no_file_can_be_made(numbers: list[str], db_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = Path("/proc/hotline-desk-archive.pdf")  # even root cannot create a file there
    assert main(["--db", str(db_path), "archive", "--date", DAY.isoformat(), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(out) in err and "Traceback" not in err


def test_existing_target_that_cannot_be_replaced(numbers: list[str], db_path: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A file name taken by a folder of the same name with ``.part`` (e.g. a failed copy) cannot be written."""
    out = tmp_path / "archive.pdf"
    (tmp_path / "archive.pdf.part").mkdir()
    assert main(["--db", str(db_path), "archive", "--date", DAY.isoformat(), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert str(out) in err and "Traceback" not in err
    assert not out.exists()


def test_run_as_a_user_runs_it_prints_no_traceback(tmp_path: Path) -> None:
    env = dict(os.environ, HOTLINE_DESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    env.pop("HOTLINE_DESK_DB", None)
    out = tmp_path / "empty.pdf"
    db = str(tmp_path / "t.sqlite3")
    done = subprocess.run([sys.executable, "-m", "desktop", "--db", db, "archive", "--date", "2026-11-22",
                           "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(str(out)).pages) == 1 and "当日没有来电记录" in _text(out)
    bad = subprocess.run([sys.executable, "-m", "desktop", "--db", db, "archive", "--ticket", "NOPE",
                          "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and "NOPE" in bad.stderr
