"""The audit export: rows in, CSV or XLSX out, headers and details in the reader's language."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop import i18n
from desktop.export.audit_export import (
    COL_DETAILS,
    COL_RECORD,
    COL_TIME,
    details_text,
    export_audit,
    export_cells,
    headers,
)
from desktop.services.audit import AuditRow

AT = datetime(2023, 10, 15, 2, 0, 5, tzinfo=UTC)


def row(action: str = "print", details: dict[str, object] | None = None, label: str | None = "CS20231015001",
        row_id: int = 1) -> AuditRow:
    return AuditRow(row_id, AT, "A1001", "张敏", action, "ticket", 7, label, details or {}, "desk-07")


ROWS = [
    row("void_ticket", {"reason": "同一来电重复登记"}, row_id=3),
    row("reveal_phone", {"phone": "139****5678"}, row_id=2),
    row("sign_in_failed", {"reason": "password"}, label=None, row_id=1),
]


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "reason: wrong password"), ("zh_CN", "原因: 密码错误"), ("zh_TW", "原因: 密碼錯誤")])
def test_sign_in_reasons_are_put_in_words(language: str, expected: str) -> None:
    i18n.set_language(language)
    assert details_text(row("sign_in_failed", {"reason": "password"})) == expected


def test_a_free_text_reason_is_shown_as_written() -> None:
    i18n.set_language("en")
    assert details_text(row("void_ticket", {"reason": "password"})) == "reason: password"


def test_details_show_roles_flags_times_and_numbers_readably() -> None:
    i18n.set_language("en")
    text = details_text(row("account_changed", {"role": "supervisor", "active": False, "rows": 3}))
    assert text == "role: Supervisor; active: No; rows: 3"
    until = details_text(row("account_locked", {"until": "2023-10-15T02:05:00+00:00"}))
    assert until == "until: " + i18n.format_datetime(datetime(2023, 10, 15, 2, 5, tzinfo=UTC))
    assert details_text(row("setting_changed", {"old": ["refund"], "new": [], "x": "y"})) == \
        'old value: ["refund"]; new value: []; x: y'


def test_no_details_no_text() -> None:
    assert details_text(row()) == ""


def test_the_record_falls_back_to_the_id() -> None:
    assert export_cells(row(label=None))[COL_RECORD] == "7"


def test_csv_has_a_bom_localized_headers_and_the_rows(tmp_path: Path) -> None:
    i18n.set_language("zh_TW")
    path = tmp_path / "audit.csv"
    assert export_audit(ROWS, path) == 3
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == headers() == ["時間", "工號", "姓名", "操作", "記錄", "詳情", "工作站"]
    assert lines[1:] == [export_cells(r) for r in ROWS]
    assert lines[1][COL_DETAILS] == "原因: 同一来电重复登记"
    assert lines[1][COL_TIME] == AT.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def test_xlsx_holds_the_same_cells(tmp_path: Path) -> None:
    i18n.set_language("en")
    path = tmp_path / "audit.xlsx"
    assert export_audit(ROWS, path, "xlsx") == 3
    sheet = load_workbook(path).active
    assert sheet is not None
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    assert values[0] == ["Time", "Agent ID", "Name", "Action", "Record", "Details", "Workstation"]
    assert values[1:] == [export_cells(r) for r in ROWS]
    assert sheet.title == "Audit log"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"])
def test_a_cell_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    dangerous = [row("void_ticket", {"reason": "x"}, label=text)]
    csv_path, xlsx_path = tmp_path / "a.csv", tmp_path / "a.xlsx"
    export_audit(dangerous, csv_path)
    export_audit(dangerous, xlsx_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1][COL_RECORD] == f"'{text}"
    cell = load_workbook(xlsx_path).active.cell(2, COL_RECORD + 1)  # type: ignore[union-attr]
    assert (cell.value, cell.data_type) == (text, "s")


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf"):
        export_audit(ROWS, tmp_path / "audit.pdf")
    assert not (tmp_path / "audit.pdf").exists()
