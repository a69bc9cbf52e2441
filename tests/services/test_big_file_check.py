"""A big SQLite file is opened after a header check; the full check runs in the background and a
damage it finds makes the next start check fully and refuse the file (restore offered)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import sqlite_safety
from desktop.services.database import open_database
from desktop.services.errors import DatabaseDamaged
from tests.safety_helpers import corrupt, make_filled_database


@pytest.fixture
def big(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "centre.sqlite3"
    make_filled_database(path)
    monkeypatch.setattr(sqlite_safety, "FULL_CHECK_BYTES", 4096)  # every test file counts as big
    return path


def test_a_big_sound_file_opens_after_the_header_check_and_passes_the_deep_one(big: Path) -> None:
    database = open_database(str(big))
    try:
        assert database.fully_checked is False
        assert sqlite_safety.deep_check(str(big)) is None
    finally:
        database.close()
    assert not (big.parent / (big.name + ".check-at-start")).exists()


def test_damage_inside_a_big_file_is_found_in_the_background_then_refused_at_the_next_start(big: Path) -> None:
    corrupt(big)
    database = open_database(str(big))  # the header and the schema still read back
    database.close()
    problem = sqlite_safety.deep_check(str(big))
    assert problem is not None
    assert (big.parent / (big.name + ".check-at-start")).exists()
    with pytest.raises(DatabaseDamaged):
        open_database(str(big))


def test_a_file_that_is_not_a_database_fails_even_the_header_check(big: Path) -> None:
    big.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 2000)
    with pytest.raises(DatabaseDamaged):
        open_database(str(big))


def test_a_small_file_is_checked_fully_before_use(tmp_path: Path) -> None:
    path = tmp_path / "small.sqlite3"
    make_filled_database(path)
    database = open_database(str(path))
    try:
        assert database.fully_checked is True
    finally:
        database.close()
