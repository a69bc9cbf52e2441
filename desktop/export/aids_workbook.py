"""The agent-aids workbook: quick phrases, FAQ and problem guides as three XLSX sheets.

Plain rows in, a file out, and back. The sheet names are fixed (快捷短语 / FAQ / 问题指引)
so every station finds them; the header row is written in the current language and
recognised in all of them. Checking the values is the importing service's job; this
module only refuses a file it cannot read as such a workbook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.i18n import N_, _
from desktop.rules.multilingual import every_translation, match_code

PHRASES_SHEET = "快捷短语"
FAQ_SHEET = "FAQ"
GUIDES_SHEET = "问题指引"

CellValue = str | int | float | None


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # msgid, written translated
    width: int = 16
    required: bool = True  # the import refuses a sheet without it
    read: bool = True  # False: written for the reader, ignored on import


_CHANGED = Column("changed", N_("Last changed"), 26, required=False, read=False)
COLUMNS: dict[str, tuple[Column, ...]] = {
    PHRASES_SHEET: (
        Column("category", N_("Category"), 12), Column("language", N_("Language"), 10),
        Column("text", N_("Phrase"), 70), _CHANGED,
    ),
    FAQ_SHEET: (
        Column("question", N_("Question"), 40), Column("answer", N_("Answer"), 60), Column("tags", N_("Tags"), 20),
        Column("problem_type", N_("Problem type"), 16),
        Column("source_ticket", N_("From ticket"), 16, required=False), _CHANGED,
    ),
    GUIDES_SHEET: (
        Column("problem_type", N_("Problem type"), 16), Column("language", N_("Language"), 10),
        Column("typical_case", N_("Typical case"), 40), Column("steps", N_("Standard steps"), 40),
        Column("min_minutes", N_("Expected minutes from"), 12), Column("max_minutes", N_("Expected minutes to"), 12),
        Column("cautions", N_("Cautions"), 40), _CHANGED,
    ),
}


class WorkbookError(Exception):
    """The file is not an agent-aids workbook; ``str()`` says what to do."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # as Excel shows it (the header is row 1)
    values: Mapping[str, CellValue]


def header(sheet: str, key: str) -> str:
    """The translated header of a column, for messages about it."""
    for column in COLUMNS[sheet]:
        if column.key == key:
            return _(column.header)
    return key


def write_workbook(path: Path, rows: Mapping[str, Sequence[Mapping[str, CellValue]]]) -> None:
    """Write every sheet (empty ones too, so the file can be filled in and imported)."""
    from openpyxl import Workbook  # imported when used: it costs start-up time otherwise
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet_name, columns in COLUMNS.items():
        sheet = book.create_sheet(sheet_name)
        sheet.append([_(column.header) for column in columns])
        for cell in sheet[1]:
            cell.font = bold
        for values in rows.get(sheet_name, ()):
            sheet.append([values.get(column.key) for column in columns])
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = column.width
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                cell.alignment = wrap
        sheet.freeze_panes = "A2"
    temporary = path.with_name(path.name + ".part")
    book.save(temporary)
    temporary.replace(path)


def _clean(value: object) -> CellValue:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value).strip()
    return text or None


def _columns_of(sheet_name: str, header_cells: Sequence[object]) -> dict[int, str]:
    """Column position -> key, recognising each header in every language."""
    wanted = {column.key: every_translation(column.header) for column in COLUMNS[sheet_name] if column.read}
    found: dict[int, str] = {}
    for position, cell in enumerate(header_cells):
        key = match_code(cell, wanted)
        if key is not None and key not in found.values():
            found[position] = key
    missing = [column for column in COLUMNS[sheet_name] if column.required and column.key not in found.values()]
    if missing:
        raise WorkbookError(_("The sheet {sheet} has no column {column} in its first row. Export a workbook from "
                              "this program to see the expected layout.").format(
            sheet=sheet_name, column=_(missing[0].header)))
    return found


def _unreadable(path: Path, exc: Exception) -> WorkbookError:
    return WorkbookError(_("{name} cannot be read as an Excel workbook (.xlsx): {reason}. Nothing was imported; "
                           "choose a workbook exported from this program.").format(
        name=path.name, reason=type(exc).__name__))


def read_workbook(path: Path) -> dict[str, list[SheetRow]]:
    """Every non-empty row of the three sheets, by sheet; raises WorkbookError for a file that is not one."""
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl errors alike: the file is not a workbook we can read
        raise _unreadable(path, exc) from exc
    try:
        return {sheet_name: _read_sheet(book, sheet_name) for sheet_name in COLUMNS}
    except WorkbookError:
        raise
    except Exception as exc:  # a sheet damaged inside an otherwise valid zip
        raise _unreadable(path, exc) from exc
    finally:
        book.close()


def _read_sheet(book: Any, sheet_name: str) -> list[SheetRow]:
    if sheet_name not in book.sheetnames:
        raise WorkbookError(_("The workbook has no sheet named {sheet}. It needs the sheets {sheets}; "
                              "nothing was imported.").format(sheet=sheet_name, sheets=" / ".join(COLUMNS)))
    lines = book[sheet_name].iter_rows(values_only=True)
    columns = _columns_of(sheet_name, next(lines, ()) or ())
    rows = []
    for number, line in enumerate(lines, start=2):
        values = {key: _clean(line[position]) if position < len(line) else None for position, key in columns.items()}
        if any(value is not None for value in values.values()):
            rows.append(SheetRow(number, values))
    return rows
