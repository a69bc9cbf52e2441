"""``hotline-desk backup`` / ``restore`` through main(), as a user types them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.config import WorkstationConfig, save_config
from tests.safety_helpers import corrupt, digest, make_filled_database, tickets


def test_backup_and_restore_round_trip(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_filled_database(db_path, 50)
    out = tmp_path / "usb" / "desk-backup.sqlite3"
    assert main(["--lang", "en", "--db", str(db_path), "backup", "--out", str(out)]) == 0
    assert f"Backup written and verified: {out}" in capsys.readouterr().out
    assert tickets(out) == 50

    with closing(sqlite3.connect(db_path)) as connection:  # a day of work lost by mistake
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("DELETE FROM tickets WHERE id > 10")
        connection.commit()
    assert tickets(db_path) == 10
    assert main(["--lang", "en", "--db", str(db_path), "restore", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Restored {out} into {db_path}." in printed
    aside = [p for p in db_path.parent.iterdir() if p.name.startswith("tickets.sqlite3.before-restore-")]
    assert len(aside) == 1 and str(aside[0]) in printed
    assert tickets(db_path) == 50
    assert tickets(aside[0]) == 10  # the replaced file is kept


def test_backup_goes_to_the_configured_folder_and_keeps_the_newest(db_path: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "nightly"
    save_config(WorkstationConfig(backup_folder=str(folder), backup_keep=2))
    make_filled_database(db_path, 5)
    for _round in range(3):
        assert main(["--db", str(db_path), "backup"]) == 0
    kept = sorted(folder.iterdir())
    assert len(kept) == 2 and all(p.name.startswith("tickets-") for p in kept)


@pytest.mark.parametrize("kind", ["text", "foreign"])
def test_restore_of_a_non_backup_is_refused(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            kind: str) -> None:
    make_filled_database(db_path, 5)
    candidate = tmp_path / "candidate.sqlite3"
    if kind == "text":
        candidate.write_text("just some notes\n", encoding="utf-8")
    else:
        with closing(sqlite3.connect(candidate)) as connection:
            connection.execute("CREATE TABLE photos (name TEXT)")
            connection.commit()
    before = digest(db_path)
    assert main(["--lang", "en", "--db", str(db_path), "restore", str(candidate)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{candidate} cannot be restored" in captured.err
    assert "current database was not changed" in captured.err
    assert digest(db_path) == before
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith("tickets.sqlite3")] == ["tickets.sqlite3"]


def test_backup_of_a_damaged_database_fails_without_leaving_a_file(db_path: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    make_filled_database(db_path, 120)
    corrupt(db_path)
    out = tmp_path / "copy.sqlite3"
    assert main(["--lang", "en", "--db", str(db_path), "backup", "--out", str(out)]) == 1
    assert "did not pass its check" in capsys.readouterr().err
    assert not out.exists()


def test_postgresql_is_backed_up_on_the_server(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://desk@db.example/hotline"
    assert main(["--lang", "en", "--db", url, "backup"]) == 1
    assert "pg_dump" in capsys.readouterr().err
    assert main(["--lang", "en", "--db", url, "restore", "some.dump"]) == 1
    assert "pg_restore" in capsys.readouterr().err
