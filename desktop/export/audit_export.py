"""The audit log as a file: rows in, a CSV or XLSX file out, headers in the current language.

The same column definitions give the viewer its cells, so the file says what the screen said.
CSV is written as UTF-8 with a byte-order mark: without it Excel reads Chinese as mojibake.
Cells that a spreadsheet would run as a formula are written as plain text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.i18n import N_, _, format_datetime, to_local
from desktop.rules.permissions import role_label
from desktop.services.audit import AuditRow, action_label

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
EXPORT_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# Detail keys the services write, labelled for the reader; unknown keys are shown as stored.
_DETAIL_KEYS: dict[str, str] = {
    "reason": N_("reason"), "role": N_("role"), "active": N_("active"), "until": N_("until"),
    "rows": N_("rows"), "format": N_("format"), "phone": N_("phone"), "old": N_("old value"),
    "new": N_("new value"), "pages": N_("pages"),
}
# Why a sign-in failed (the "reason" of sign_in_failed entries).
_SIGN_IN_REASONS: dict[str, str] = {
    "password": N_("wrong password"), "unknown": N_("unknown agent ID"), "locked": N_("account locked"),
    "inactive": N_("account deactivated"),
}


def _detail_value(action: str, key: str, value: object) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if key == "role" and isinstance(value, str):
        return role_label(value)
    if action == "sign_in_failed" and key == "reason" and isinstance(value, str) and value in _SIGN_IN_REASONS:
        return _(_SIGN_IN_REASONS[value])
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value) if "T" in value else None
        except ValueError:
            moment = None
        return format_datetime(moment) if moment is not None and moment.tzinfo is not None else value
    return json.dumps(value, ensure_ascii=False)


def details_text(row: AuditRow) -> str:
    """The entry's details in one line, ``原因: 重复登记; 行数: 3``: labelled keys, readable values."""
    return "; ".join(
        f"{_(_DETAIL_KEYS[key]) if key in _DETAIL_KEYS else key}: {_detail_value(row.action, key, value)}"
        for key, value in row.details.items()
    )


def record_text(row: AuditRow) -> str:
    if row.target_label:
        return row.target_label
    return str(row.target_id) if row.target_id is not None else ""


@dataclass(frozen=True)
class AuditColumn:
    header: str  # msgid, shown translated
    cell: Callable[[AuditRow], str]
    width: int


COLUMNS: tuple[AuditColumn, ...] = (
    AuditColumn(N_("Time"), lambda row: format_datetime(row.at), 20),
    AuditColumn(N_("Agent ID"), lambda row: row.actor_code, 12),
    AuditColumn(N_("Name"), lambda row: row.actor_name, 12),
    AuditColumn(N_("Action"), lambda row: action_label(row.action), 18),
    AuditColumn(N_("Record"), record_text, 18),
    AuditColumn(N_("Details"), details_text, 48),
    AuditColumn(N_("Workstation"), lambda row: row.workstation or "", 16),
)
COL_TIME, COL_AGENT_ID, COL_NAME, COL_ACTION, COL_RECORD, COL_DETAILS, COL_WORKSTATION = range(len(COLUMNS))


def headers() -> list[str]:
    return [_(column.header) for column in COLUMNS]


def exact_time(row: AuditRow) -> str:
    """Local time to the second: what the export writes and the viewer's tooltip shows."""
    return to_local(row.at).strftime(EXPORT_TIME_FORMAT)


def export_cells(row: AuditRow) -> list[str]:
    """One row as the viewer shows it, but the time to the second."""
    values = [column.cell(row) for column in COLUMNS]
    values[COL_TIME] = exact_time(row)
    return values


def _as_text(value: str) -> str:
    """A leading apostrophe keeps a spreadsheet from running the cell as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def write_csv(rows: Sequence[AuditRow], path: Path) -> int:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers())
        for row in rows:
            writer.writerow([_as_text(value) for value in export_cells(row)])
    return len(rows)


def write_xlsx(rows: Sequence[AuditRow], path: Path) -> int:
    from openpyxl import Workbook  # imported when exporting: it costs start-up time otherwise
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Audit log")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(export_cells(row))
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, even where it starts with "="
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = column.width
    sheet.freeze_panes = "A2"
    workbook.save(path)
    return len(rows)


def export_audit(rows: Sequence[AuditRow], path: Path, file_format: str | None = None) -> int:
    """Write ``rows`` to ``path`` (format from the argument or the file's suffix); returns the row count."""
    chosen = (file_format or path.suffix.lstrip(".")).lower()
    if chosen == XLSX:
        return write_xlsx(rows, path)
    if chosen == CSV:
        return write_csv(rows, path)
    raise ValueError(f"unknown export format: {chosen!r}")
