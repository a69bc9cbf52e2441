"""``hotline-desk report``: the weekly report as PDF or XLSX with no window, and its exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from desktop.config import WorkstationConfig, save_config
from desktop.services.database import Database
from tests.export.pdf_text import pages_text
from tests.services.figure_data import build_week


@pytest.fixture
def week(shanghai: None, database: Database) -> str:
    build_week(database)
    return "2023-W42"


def test_report_pdf(week: str, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    save_config(WorkstationConfig(agent_code="S001", agent_name="周组长", centre_name="星河客服中心"))
    out = tmp_path / "report.pdf"
    assert main(["--db", str(db_path), "report", "--week", week, "--out", str(out)]) == 0
    text = "".join(pages_text(out))
    assert "星河客服中心" in text and "2023-W42" in text and "张敏" in text and "周组长（S001）" in text
    assert str(out) in capsys.readouterr().out


def test_report_xlsx_by_extension(week: str, db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    assert main(["--db", str(db_path), "report", "--week", "2023w42", "--out", str(out)]) == 0
    book = load_workbook(out, read_only=True)
    assert [row[0] for row in book.worksheets[2].iter_rows(min_row=2, values_only=True)] == ["A1001", "A1002"]
    book.close()


@pytest.mark.parametrize("given", ["2023-W54", "42", "last week"])
def test_a_bad_week_exits_2_with_the_way_to_write_it(given: str, db_path: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "en", "--db", str(db_path), "report", "--week", given, "--out", str(tmp_path / "r.pdf")])
    assert stopped.value.code == 2
    err = capsys.readouterr().err  # the week is read before --lang applies: in the workstation's language
    assert "2026-W47" in err or "52 或 53" in err


def test_a_bad_target_exits_2(db_path: Path, tmp_path: Path, english: None,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "--db", str(db_path), "report", "--week", "2023-W42",
                 "--out", str(tmp_path / "r.docx")]) == 2
    assert "report.pdf or report.xlsx" in capsys.readouterr().err
    assert main(["--db", str(db_path), "report", "--week", "2023-W42", "--out", str(tmp_path / "no" / "r.pdf")]) == 2
    assert not (tmp_path / "no").exists()


def test_this_week(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "this.pdf"
    assert main(["--db", str(db_path), "report", "--week", "this", "--out", str(out)]) == 0
    from datetime import date

    from desktop.rules.weeks import week_of

    assert week_of(date.today()) in "".join(pages_text(out))
