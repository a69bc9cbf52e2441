"""The aids workbook as a file: three fixed sheets, headers in the current language, read back in any."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop import i18n
from desktop.export.aids_workbook import (
    COLUMNS,
    FAQ_SHEET,
    GUIDES_SHEET,
    PHRASES_SHEET,
    WorkbookError,
    header,
    read_workbook,
    write_workbook,
)


def test_written_with_three_sheets_and_translated_headers(tmp_path: Path) -> None:
    path = tmp_path / "aids.xlsx"
    write_workbook(path, {PHRASES_SHEET: [{"category": "问候语", "language": "zh_CN", "text": "您好"}]})
    book = load_workbook(path)
    assert book.sheetnames == ["快捷短语", "FAQ", "问题指引"]
    assert [cell.value for cell in book[PHRASES_SHEET][1]] == ["分类", "语言", "短语", "最后修改"]
    assert [cell.value for cell in book[PHRASES_SHEET][2]][:3] == ["问候语", "zh_CN", "您好"]
    assert book[GUIDES_SHEET].max_row == 1  # empty sheets keep their headers
    assert not (tmp_path / "aids.xlsx.part").exists()


def test_read_back_with_row_numbers_skipping_empty_rows(tmp_path: Path) -> None:
    path = tmp_path / "aids.xlsx"
    write_workbook(path, {FAQ_SHEET: [{"question": " 如何退款？ ", "answer": "提交申请"}, {},
                                      {"question": "第二个", "answer": "答案", "tags": 5}]})
    rows = read_workbook(path)
    assert [row.number for row in rows[FAQ_SHEET]] == [2, 4]
    assert rows[FAQ_SHEET][0].values["question"] == "如何退款？"
    assert rows[FAQ_SHEET][1].values["tags"] == 5
    assert "changed" not in rows[FAQ_SHEET][0].values  # written for reading, never imported
    assert rows[PHRASES_SHEET] == [] and rows[GUIDES_SHEET] == []


def test_headers_written_in_english_are_recognised_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "aids.xlsx"
    i18n.set_language("en")
    write_workbook(path, {GUIDES_SHEET: [{"problem_type": "Billing", "language": "en", "steps": "1 a",
                                          "min_minutes": 5, "max_minutes": 8}]})
    assert load_workbook(path)[GUIDES_SHEET]["A1"].value == "Problem type"
    i18n.set_language("zh_CN")
    row = read_workbook(path)[GUIDES_SHEET][0]
    assert (row.values["problem_type"], row.values["min_minutes"]) == ("Billing", 5)
    assert header(GUIDES_SHEET, "steps") == "标准步骤"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("这不是表格", encoding="utf-8")
    with pytest.raises(WorkbookError, match="notes.xlsx"):
        read_workbook(path)


def test_missing_sheets_and_columns_are_named(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = PHRASES_SHEET
    book[PHRASES_SHEET].append(["分类", "语言"])
    path = tmp_path / "partial.xlsx"
    book.save(path)
    with pytest.raises(WorkbookError, match="短语"):
        read_workbook(path)
    book[PHRASES_SHEET]["C1"] = "Phrase"
    book.save(path)
    with pytest.raises(WorkbookError, match="FAQ"):
        read_workbook(path)


def test_every_sheet_has_its_required_columns() -> None:
    assert {column.key for column in COLUMNS[GUIDES_SHEET] if column.required} == {
        "problem_type", "language", "typical_case", "steps", "min_minutes", "max_minutes", "cautions"}
