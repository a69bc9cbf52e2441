"""Tables to and from files: CSV with a BOM or in GB18030, XLSX streamed, bad files refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.export.table_file import TableFileError, read_table, write_table


def test_csv_round_trip_keeps_chinese_and_has_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    assert write_table(path, ["来电时间", "问题描述"], [["2023-10-25 14:30", "无法开机, 要求换货"], [None, 5]]) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = read_table(path)
    assert table.headers == ("来电时间", "问题描述")
    assert [(row.number, row.cells) for row in table.rows] == [(2, ("2023-10-25 14:30", "无法开机, 要求换货")),
                                                               (3, (None, "5"))]


def test_semicolon_csv_in_gb18030_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("客户姓名;联系电话\n王先生;13912345678\n\n李女士;13800005678\n".encode("gb18030"))
    table = read_table(path)
    assert table.headers == ("客户姓名", "联系电话")
    assert [row.number for row in table.rows] == [2, 4] and table.rows[1].cells == ("李女士", "13800005678")


def test_xlsx_never_writes_a_formula_from_data(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table(path, ["备注"], [["=HYPERLINK(\"http://x\")"]])
    cell = load_workbook(path).active["A2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"


@pytest.mark.parametrize(("name", "content", "words"), [
    ("t.xlsx", b"PK\x03\x04 broken zip", "cannot be read as an Excel workbook"),
    ("t.csv", b"", "is empty"),
    ("t.csv", b"\n\n,,\n", "is empty"),
    ("t.doc", b"x", "neither an Excel workbook"),
    ("t.csv", b"a\x00b\x00", "not a text CSV"),
    ("t.csv", b"\x81\x20\xff\xfe\x30", "text encoding"),
])
def test_bad_files_are_refused_with_a_message(tmp_path: Path, name: str, content: bytes, words: str,
                                             english: None) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableFileError, match=words):
        read_table(path)


def test_excel_unicode_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("客户姓名\t联系电话\r\n王先生\t13912345678\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.headers == ("客户姓名", "联系电话") and table.rows[0].cells == ("王先生", "13912345678")
