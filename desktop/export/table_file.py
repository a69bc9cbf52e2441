"""Tables to and from spreadsheet files: XLSX (openpyxl) or CSV (UTF-8 with a BOM), by extension.

Writing streams the rows (openpyxl's write-only mode, csv line by line) into a temporary file
beside the target and replaces the target only at the end, so a cancelled or failed export
leaves no half-written file. Reading returns the header row and every non-empty row, or
raises ``TableFileError`` with a message that says what to do. No Qt, no database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from desktop.i18n import _

CellValue = str | int | float | datetime | date | time | None
XLSX = ".xlsx"
CSV = ".csv"
SUFFIXES = (XLSX, CSV)
# Tried in order: Excel saves "CSV UTF-8" with a BOM, and a Chinese Windows saves plain CSV in GBK.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
# Keep going? (rows written so far); False cancels.
RowProgress = Callable[[int], bool]


class TableFileError(Exception):
    """The file cannot be read or written as a table; ``str()`` says what to do."""


class WriteCancelled(Exception):
    """The export was cancelled; the target file was not touched."""


@dataclass(frozen=True)
class SourceRow:
    number: int  # as the spreadsheet shows it (the header is row 1)
    cells: tuple[CellValue, ...]


@dataclass(frozen=True)
class SourceTable:
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    suffix: str  # XLSX or CSV: the rejected rows are written in the same format


def table_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise TableFileError(_("{name} is neither an Excel workbook (.xlsx) nor a CSV file (.csv). "
                               "Save it in one of these formats and try again.").format(name=path.name))
    return suffix


def _keep_going(_done: int) -> bool:
    return True


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[CellValue]],
                progress: RowProgress = _keep_going, *, every: int = 200) -> int:
    """Write ``headers`` and ``rows`` to ``path`` (format by extension); returns the number of rows.

    ``progress`` is asked every ``every`` rows; when it returns False the temporary file is
    removed and ``WriteCancelled`` raised.
    """
    suffix = table_suffix(path)
    temporary = path.with_name(path.name + ".part")
    try:
        if suffix == CSV:
            count = _write_csv(temporary, headers, rows, progress, every)
        else:
            count = _write_xlsx(temporary, headers, rows, progress, every)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def _text_cell(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _write_csv(target: Path, headers: Sequence[str], rows: Iterable[Sequence[CellValue]], progress: RowProgress,
               every: int) -> int:
    count = 0
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_text_cell(value) for value in row])
            count += 1
            if count % every == 0 and not progress(count):
                raise WriteCancelled
    return count


def _write_xlsx(target: Path, headers: Sequence[str], rows: Iterable[Sequence[CellValue]], progress: RowProgress,
                every: int) -> int:
    from openpyxl import Workbook  # imported when used: it costs start-up time otherwise
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    count = 0
    try:
        for row in rows:
            sheet.append([_xlsx_value(sheet, value) for value in row])
            count += 1
            if count % every == 0 and not progress(count):
                raise WriteCancelled
    except BaseException:
        sheet.close()  # ends openpyxl's own temporary sheet file; the workbook is never saved
        raise
    book.save(target)
    return count


def _xlsx_value(sheet: Any, value: CellValue) -> object:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones; the caller gives local times
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text typed by an agent, never a formula
        return cell
    return value


# --- reading ------------------------------------------------------------------------------


def _clean(value: object) -> CellValue:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | datetime | date | time):
        return value
    text = str(value).strip()
    return text or None


HEADER_SEARCH = 10  # a title row or two above the column titles is common in the centre's logs
# Of the first non-empty lines (as text), the index of the one holding the column titles.
HeaderPicker = Callable[[Sequence[tuple[str, ...]]], int]


def _first(_candidates: Sequence[tuple[str, ...]]) -> int:
    return 0


def read_table(path: Path, pick_header: HeaderPicker = _first) -> SourceTable:
    """The first sheet (or the CSV) as a header row and the non-empty rows under it.

    ``pick_header`` chooses the header among the first non-empty lines (default: the first);
    lines above it (a sheet title, say) are skipped.
    """
    suffix = table_suffix(path)
    if not path.is_file():
        raise TableFileError(_("{name} was not found. Choose the file again.").format(name=path.name))
    lines = _read_csv(path) if suffix == CSV else _read_xlsx(path)
    filled = [(number, cells) for number, cells in
              ((number, tuple(_clean(value) for value in line)) for number, line in enumerate(lines, start=1))
              if any(cell is not None for cell in cells)]
    if not filled:
        raise TableFileError(_("{name} is empty. Put the column titles in the first row and the calls "
                               "below them.").format(name=path.name))
    candidates = [tuple(_text_cell(cell).strip() for cell in cells) for _number, cells in filled[:HEADER_SEARCH]]
    chosen = min(max(pick_header(candidates), 0), len(candidates) - 1)
    headers = candidates[chosen]
    while headers and not headers[-1]:
        headers = headers[:-1]
    rows = tuple(SourceRow(number, cells) for number, cells in filled[chosen + 1:])
    return SourceTable(headers, rows, suffix)


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16, tab-separated
        data = data.decode("utf-16").encode("utf-8-sig")
    if b"\x00" in data[:4096]:
        raise TableFileError(_("{name} is not a text CSV file. Save the sheet as CSV or as an Excel "
                               "workbook (.xlsx) and try again.").format(name=path.name))
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    raise TableFileError(_("{name} is in a text encoding this program cannot read. In Excel, save it as "
                           "\"CSV UTF-8\" and try again.").format(name=path.name))


def _read_xlsx(path: Path) -> list[tuple[object, ...]]:
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl errors alike
        raise _unreadable(path, exc) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise TableFileError(_("{name} has no sheet. Nothing was imported.").format(name=path.name))
        return [tuple(line) for line in sheet.iter_rows(values_only=True)]
    except TableFileError:
        raise
    except Exception as exc:  # a sheet damaged inside an otherwise valid zip
        raise _unreadable(path, exc) from exc
    finally:
        book.close()


def _unreadable(path: Path, exc: Exception) -> TableFileError:
    return TableFileError(_("{name} cannot be read as an Excel workbook (.xlsx): {reason}. Nothing was imported; "
                            "open it in Excel, save it again as .xlsx (or as CSV) and retry.").format(
        name=path.name, reason=type(exc).__name__))
