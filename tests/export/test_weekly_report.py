"""The weekly report read back: PDF (pypdf) and XLSX (openpyxl) carry the hand-counted figures and notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.export.documents import Imprint, OutputError, write_weekly_report
from desktop.export.pdf_pages import Cancelled
from desktop.export.weekly_texts import seconds
from desktop.services.database import Database
from desktop.services.figures import FigureService
from desktop.services.week_notes import AgentNote, WeekNotesService
from desktop.services.weekly_report import WeeklyReport, weekly_report
from tests.export.pdf_text import font_files, pages_text
from tests.helpers import FakeClock
from tests.services.figure_data import PHONE, build_week, now

WEEK = "2023-W42"  # Monday 2023-10-16


@pytest.fixture
def report(shanghai: None, database: Database) -> WeeklyReport:
    a, b = build_week(database)
    built = weekly_report(FigureService(database.sessions, clock=FakeClock(now())),
                          WeekNotesService(database.sessions), WEEK)
    notes = {a: AgentNote("开场白过长，确认需求不够", "AHT 低于 180 秒"), b: AgentNote("不满意客户未升级", "")}
    return WeeklyReport(built.week, built.figures, notes)


def test_pdf_has_the_figures_the_sheet_and_no_phone(report: WeeklyReport, tmp_path: Path) -> None:
    path = tmp_path / "week.pdf"
    pages = write_weekly_report(report, path, imprint=Imprint.of("华东客服中心", "周组长", "S001"))
    text = "\n".join(pages_text(path))
    assert pages == 1 and all(font_files(path))
    assert "华东客服中心" in text and WEEK in text and "周组长" in text
    for figure in ("33.3%", "50.0%", "75.0%", seconds(200), "4.5"):  # on-time, CSAT, FCR, AHT, score
        assert figure in text, figure
    assert "60.0%" in text and "咨询" in text  # 3 of 5 calls are enquiries
    assert "张敏" in text and "李强" in text and "A1001" in text
    assert "开场白过长" in text and "AHT 低于 180 秒" in text and "不满意客户未升级" in text
    assert "100.0%" in text and "167" in text  # A1001: FCR 3 / 3, AHT 500 / 3 = 166.7 s
    assert PHONE not in text and PHONE[-4:] not in text


def test_workbook_has_the_same_figures(report: WeeklyReport, tmp_path: Path) -> None:
    path = tmp_path / "week.xlsx"
    assert write_weekly_report(report, path) == 0
    book = load_workbook(path, read_only=True)
    figures, days, agents = (list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets)
    book.close()
    values = [row[1] for row in figures[2:9]]
    assert values[0] == 5
    assert values[1] == pytest.approx(1 / 3) and values[2] == pytest.approx(0.5) and values[4] == pytest.approx(0.75)
    assert values[3] == pytest.approx(4.5) and values[5] == 200 and values[6] == pytest.approx(0.5)
    assert [row[1] for row in days[1:]] == [2, 2, 1, 0, 0, 0, 0]
    assert agents[1][:7] == ("A1001", "张敏", 3, 167, 1, 0.5, 5)  # 500 / 3 s rounds to 167
    assert agents[1][7:] == ("开场白过长，确认需求不够", "AHT 低于 180 秒")
    assert agents[2][:3] == ("A1002", "李强", 2) and agents[2][7] == "不满意客户未升级"


def test_empty_week_shows_dashes(shanghai: None, database: Database, tmp_path: Path) -> None:
    report = weekly_report(FigureService(database.sessions), WeekNotesService(database.sessions), "2023-W30")
    path = tmp_path / "empty.pdf"
    write_weekly_report(report, path)
    text = "\n".join(pages_text(path))
    assert text.count("—") >= 6  # every ratio and the average score


def test_a_cancelled_report_writes_nothing(report: WeeklyReport, tmp_path: Path) -> None:
    path = tmp_path / "week.pdf"
    with pytest.raises(Cancelled):
        write_weekly_report(report, path, progress=lambda done, total: done < 2)
    assert not path.exists() and not list(tmp_path.glob("*.part"))


def test_another_extension_is_refused(report: WeeklyReport, tmp_path: Path, english: None) -> None:
    with pytest.raises(OutputError, match="report.pdf or report.xlsx"):
        write_weekly_report(report, tmp_path / "week.docx")


def test_agents_without_notes_print_empty_cells(report: WeeklyReport) -> None:
    assert report.note(-1) == AgentNote()
