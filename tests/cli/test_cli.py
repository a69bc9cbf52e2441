"""The command line, run as a user runs it: ``python -m desktop …`` in a separate process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from desktop import APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["HOTLINE_DESK_HOME"] = str(tmp_path / "home")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("HOTLINE_DESK_DB", None)
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def _ticket_count(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as connection:
        total, distinct = connection.execute("SELECT COUNT(*), COUNT(DISTINCT number) FROM tickets").fetchone()
    return int(total), int(distinct)


@pytest.mark.slow
def test_demo_adds_the_tickets_asked_for(tmp_path: Path) -> None:
    db_file = tmp_path / "demo.sqlite3"
    result = _run(tmp_path, "--db", str(db_file), "demo", "--tickets", "500", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert any("500" in line for line in result.stdout.splitlines())
    assert str(db_file) in result.stdout
    assert _ticket_count(db_file) == (500, 500)


def test_demo_default_database_is_in_the_home_folder(tmp_path: Path) -> None:
    result = _run(tmp_path, "demo", "--tickets", "7")
    assert result.returncode == 0, result.stderr
    files = list((tmp_path / "home").rglob("*.sqlite3"))
    assert len(files) == 1
    assert _ticket_count(files[0]) == (7, 7)


@pytest.mark.parametrize("value", ["0", "-3", "abc", "1.5"])
def test_demo_refuses_a_bad_ticket_count(tmp_path: Path, value: str) -> None:
    db_file = tmp_path / "demo.sqlite3"
    result = _run(tmp_path, "--db", str(db_file), "demo", f"--tickets={value}")
    assert result.returncode == 2
    assert "--tickets" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not db_file.exists()


def test_version(tmp_path: Path) -> None:
    result = _run(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"{APP_NAME} {__version__}"


@pytest.mark.parametrize("location", ["mysql://x/y", "not a url://"])
def test_unusable_database_url_is_a_clear_error(tmp_path: Path, location: str) -> None:
    result = _run(tmp_path, "--db", location, "demo", "--tickets", "5")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert location in result.stderr
    assert "postgresql" in result.stderr  # says what would work
    assert result.stdout == ""


def test_unopenable_database_file_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    result = _run(tmp_path, "--db", str(folder), "demo", "--tickets", "5")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert str(folder) in result.stderr
