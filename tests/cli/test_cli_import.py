"""``hotline-desk import FILE``: counts printed, refused rows written, a second run adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.cli import main
from desktop.models.entities import Ticket
from desktop.services.database import open_database

HEADERS = ["来电时间", "客户联系方式", "客户姓名", "问题类型", "问题描述", "优先级"]


def _log(path: Path) -> Path:
    book = Workbook()
    for row in (HEADERS,
                ["2023-10-25 14:30", "13912345678", "*女士", "投诉", "产品使用3天无法开机", "紧急"],
                ["2023-10-25 15:00", "12345", "李女士", "投诉", "包裹晚到3天", "紧急"],
                ["2023-10-26 09:00", "13800005678", "", "建议", "增加订单进度提醒", "一般"]):
        book.active.append(row)
    book.save(path)
    return path


def _count(db: Path) -> int:
    database = open_database(str(db))
    try:
        with database.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Ticket)) or 0)
    finally:
        database.close()


def test_import_prints_counts_and_writes_the_refused_rows(tmp_path: Path, db_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    log = _log(tmp_path / "calls.xlsx")
    status = main(["--lang", "en", "--db", str(db_path), "import", str(log), "--agent", "A1001"])
    out, err = capsys.readouterr()
    assert status == 3
    assert "Imported: 2; imported before: 0; refused: 1." in out
    assert "Row 3, 客户联系方式:" in err
    refused = tmp_path / "calls-refused.xlsx"
    rows = list(load_workbook(refused).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "12345"
    assert _count(db_path) == 2

    status = main(["--lang", "en", "--db", str(db_path), "import", str(log), "--agent", "A1001"])
    assert "Imported: 0; imported before: 2; refused: 1." in capsys.readouterr().out
    assert _count(db_path) == 2


def test_a_file_that_is_no_call_log_fails_with_a_message(tmp_path: Path, db_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "calls.xlsx"
    bad.write_bytes(b"garbage")
    assert main(["--lang", "en", "--db", str(db_path), "import", str(bad), "--agent", "A1001"]) == 1
    assert "calls.xlsx cannot be read as an Excel workbook" in capsys.readouterr().err
    assert _count(db_path) == 0
