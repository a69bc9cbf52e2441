"""The weekly report as an XLSX workbook: the figures, the calls per day and the agent weekly sheet.

Numbers stay numbers (shares with a percent format, AHT in seconds) so a supervisor can go on in Excel.
Written beside the target and moved into place at the end (a failed write leaves no half file). No Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.export import weekly_texts as texts
from desktop.i18n import _, format_date
from desktop.services.weekly_report import WeeklyReport

PERCENT = "0.0%"


def _cell(sheet: Any, value: object, number_format: str | None = None, bold: bool = False) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # typed text, never a formula
    if number_format and value is not None:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _heading(sheet: Any, headers: list[str]) -> None:
    sheet.append([_cell(sheet, text, bold=True) for text in headers])


def _round(value: float | None, digits: int = 0) -> float | int | None:
    if value is None:
        return None
    return round(value) if digits == 0 else round(value, digits)


def build_weekly_workbook(report: WeeklyReport, path: Path) -> None:
    """Write the workbook to ``path`` (whole or not at all)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    total = report.figures.total
    summary = book.create_sheet(_("Figures"))
    summary.append([_cell(summary, f"{texts.title()} {texts.subtitle(report)}", bold=True)])
    _heading(summary, [_("Figure"), _("Value")])
    values: list[tuple[str, object, str | None]] = [
        (_("Total calls"), total.calls, None),
        (_("On-time rate"), total.on_time_rate, PERCENT),
        (_("CSAT"), total.csat, PERCENT),
        (_("Average satisfaction score (1–5)"), _round(total.average_score, 2), None),
        (_("First-call resolution (FCR)"), total.fcr, PERCENT),
        (_("AHT (s)"), _round(total.aht), None),
        (_("Resolution rate (complaints and problems)"), total.resolution_rate, PERCENT),
        (_("NPS (follow-up visits)"), _round(report.figures.nps, 1), None),
    ]
    for label, value, number_format in values:
        summary.append([_cell(summary, label), _cell(summary, value if value is not None else "—", number_format)])
    summary.append([])
    summary.append([_cell(summary, _("Top issue types"), bold=True)])
    for line in texts.top_type_lines(report):
        summary.append([_cell(summary, line)])

    days = book.create_sheet(_("Calls per day"))
    _heading(days, texts.day_headers())
    for day in report.figures.days:
        days.append([_cell(days, format_date(day.day)), _cell(days, day.tally.calls),
                     _cell(days, texts.day_types(report, day.calls_by_type))])

    agents = book.create_sheet(_("Agent weekly sheet"))
    agents.freeze_panes = "A2"
    _heading(agents, texts.agent_headers())
    for agent in report.figures.agents:
        tally, note = agent.tally, report.note(agent.agent_id)
        agents.append([_cell(agents, agent.code), _cell(agents, agent.name), _cell(agents, tally.calls),
                       _cell(agents, _round(tally.aht)), _cell(agents, tally.fcr, PERCENT),
                       _cell(agents, tally.csat, PERCENT), _cell(agents, _round(tally.average_score, 2)),
                       _cell(agents, note.points), _cell(agents, note.target)])
    partial = path.with_name(path.name + ".part")
    try:
        book.save(partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
