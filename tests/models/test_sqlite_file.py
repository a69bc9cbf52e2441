"""The SQLite file helpers: integrity, "is it ours", online copy, open elsewhere."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest

from desktop.models import schema, sqlite_file
from desktop.services.database import open_database


@pytest.fixture
def ours(db_path: Path) -> Path:
    open_database(str(db_path)).close()
    return db_path


def test_a_new_hotline_desk_file_is_sound_and_complete(ours: Path) -> None:
    assert sqlite_file.quick_check(ours) is None
    assert sqlite_file.integrity_check(ours) is None
    assert sqlite_file.missing_tables(ours) == set()
    assert sqlite_file.revision(ours) == schema.head_revision()


def test_a_foreign_database_lacks_the_tables_and_the_revision(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.sqlite3"
    with closing(sqlite3.connect(foreign)) as connection:
        connection.execute("CREATE TABLE tickets (id INTEGER)")  # a name in common is not enough
        connection.commit()
    assert sqlite_file.quick_check(foreign) is None
    assert sqlite_file.missing_tables(foreign) == sqlite_file.EXPECTED_TABLES - {"tickets"}
    assert sqlite_file.revision(foreign) is None


def test_a_missing_file_is_not_created_nor_called_damaged(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.sqlite3"
    with pytest.raises(sqlite3.OperationalError) as caught:
        sqlite_file.quick_check(missing)
    assert not sqlite_file.is_damage(caught.value)
    assert not missing.exists()


def test_only_corrupt_or_not_a_database_counts_as_damage(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite3"
    text.write_text("notes " * 1000, encoding="utf-8")
    assert sqlite_file.quick_check(text) == "file is not a database"
    with pytest.raises(sqlite3.DatabaseError) as caught:
        with closing(sqlite3.connect(text)) as connection:
            connection.execute("SELECT 1 FROM sqlite_master").fetchall()
    assert sqlite_file.is_damage(caught.value)


def test_the_online_copy_is_one_self_contained_file(ours: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    copy = tmp_path / "copy.sqlite3"
    sqlite_file.online_copy(ours, copy, lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    with closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not Path(f"{copy}-wal").exists()
    assert sqlite_file.revision(copy, read_only=True) == schema.head_revision()


def test_the_online_copy_sees_committed_work_only(ours: Path, tmp_path: Path) -> None:
    writer = sqlite3.connect(ours, isolation_level=None, check_same_thread=False)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO departments (name, sort_order) VALUES ('未提交', 99)")
        copy = tmp_path / "copy.sqlite3"
        done = threading.Event()

        def back_up() -> None:
            sqlite_file.online_copy(ours, copy)
            done.set()

        thread = threading.Thread(target=back_up)
        thread.start()
        thread.join(timeout=30)
        assert done.is_set()  # a write under way does not block the backup
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    with closing(sqlite3.connect(copy)) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM departments")}
    assert "未提交" not in names and names


def test_open_elsewhere_sees_another_connection(ours: Path) -> None:
    assert not sqlite_file.open_elsewhere(ours)
    other = sqlite3.connect(ours)
    try:
        other.execute("SELECT count(*) FROM tickets").fetchone()
        assert sqlite_file.open_elsewhere(ours)
    finally:
        other.close()
    assert not sqlite_file.open_elsewhere(ours)


def test_the_online_copy_finishes_while_another_process_keeps_saving(ours: Path, tmp_path: Path) -> None:
    """Safe while in use: an agent's process saving all the time neither blocks the copy nor is blocked."""
    from desktop.services.demo import generate_demo

    database = open_database(str(ours))
    try:
        generate_demo(database, 80, seed=3)  # many pages to copy
    finally:
        database.close()
    script = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    c.execute('UPDATE departments SET sort_order = sort_order + 1 WHERE id = 1')\n"
        "    time.sleep(0.001)\n"
    )
    agent = subprocess.Popen([sys.executable, "-c", script, str(ours)], stdout=subprocess.PIPE, text=True)
    try:
        assert agent.stdout is not None and agent.stdout.readline().strip() == "ready"
        copy = tmp_path / "busy-day.sqlite3"
        finished = threading.Event()
        copier = threading.Thread(target=lambda: (sqlite_file.online_copy(ours, copy), finished.set()),
                                  daemon=True)
        copier.start()
        copier.join(timeout=30)
        assert finished.is_set(), "the backup never finished while an agent was saving"
        assert agent.poll() is None  # the agent went on saving throughout
    finally:
        agent.kill()
        agent.communicate()
    assert sqlite_file.quick_check(copy) is None


def test_paths_with_chinese_spaces_and_uri_characters(tmp_path: Path) -> None:
    folder = tmp_path / "张敏 的 文件 #1 ?&%"
    folder.mkdir()
    path = folder / "热线 工作台.sqlite3"
    open_database(str(path)).close()
    assert sqlite_file.quick_check(path) is None
    assert sqlite_file.missing_tables(path, read_only=True) == set()
    assert not sqlite_file.open_elsewhere(path)
    assert sorted(p.name for p in folder.iterdir()) == ["热线 工作台.sqlite3"]  # no stray file named by a URI part
