"""The weekly report (SPEC §4) as a PDF: data in, file out, no Qt.

A4 portrait, the same page frame and embedded font as the daily archive (desktop/export/pdf_pages.py):
the centre, the title with the ISO week and "第 x 页 / 共 y 页" on every page, who printed it in the footer.
Then the week's figures, the top issue types with their shares, the calls of each day, and the agent weekly
sheet (工号, name, calls, AHT, FCR, CSAT, average score, points to improve, next week's target). Figures only:
no customer, no phone number.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desktop.export import weekly_texts as texts
from desktop.export.archive_pdf import default_centre
from desktop.export.pdf_pages import (
    GRID,
    LABEL_SHADE,
    MARGIN,
    SHADE,
    Cancelled,
    PageFrame,
    Progress,
    Styles,
    page_size,
    write_document,
)
from desktop.i18n import _, format_date, format_number, format_percent, format_weekday
from desktop.services.weekly_report import WeeklyReport


def _figures(report: WeeklyReport, styles: Styles, width: float) -> Flowable:
    data = [[styles.para(label, styles.label), styles.para(value, styles.head)]
            for label, value in texts.figure_rows(report.figures.total, report.figures.nps)]
    table = Table(data, colWidths=[70 * mm, width - 70 * mm])
    table.setStyle(styles.table([("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE),
                                 ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def _days(report: WeeklyReport, styles: Styles, width: float) -> Flowable:
    data: list[list[Any]] = [[styles.para(h, styles.label) for h in texts.day_headers()]]
    for day in report.figures.days:
        data.append([styles.para(f"{format_date(day.day)} {format_weekday(day.day)}"),
                     styles.para(format_number(day.tally.calls)),
                     styles.para(texts.day_types(report, day.calls_by_type))])
    table = Table(data, colWidths=[42 * mm, 18 * mm, width - 60 * mm], repeatRows=1)
    table.setStyle(styles.table([("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _agents(report: WeeklyReport, styles: Styles, width: float) -> Flowable:
    s = styles
    data: list[list[Any]] = [[s.para(h, s.label) for h in texts.agent_headers()]]
    for agent in report.figures.agents:
        tally, note = agent.tally, report.note(agent.agent_id)
        aht = format_number(round(tally.aht)) if tally.aht is not None else "—"
        data.append([s.para(agent.code), s.para(agent.name), s.para(format_number(tally.calls)), s.para(aht),
                     s.para(format_percent(tally.fcr)), s.para(format_percent(tally.csat)),
                     s.para(texts.score(tally.average_score)), s.para(note.points, s.small),
                     s.para(note.target, s.small)])
    fixed = [16 * mm, 18 * mm, 13 * mm, 14 * mm, 17 * mm, 17 * mm, 15 * mm]
    rest = (width - sum(fixed)) / 2
    table = Table(data, colWidths=[*fixed, rest, rest], repeatRows=1, splitByRow=1)
    table.setStyle(s.table([("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                            ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def build_weekly_report(report: WeeklyReport, target: str | Path | BinaryIO, *, centre: str = "",
                        printed_by: str = "", printed_at: datetime | None = None,
                        progress: Progress | None = None) -> int:
    """Write the weekly report PDF to ``target``; returns the page count.

    ``progress(done, total)`` returning False stops the work (:class:`Cancelled`) and nothing is written.
    """
    styles = Styles()
    size = page_size(False)
    width = size[0] - 2 * MARGIN
    title, subtitle = texts.title(), texts.subtitle(report)
    frame = PageFrame(centre or default_centre(), title, subtitle, printed_by,
                      printed_at or report.figures.generated_at)
    steps = 3

    def step(done: int) -> None:
        if progress is not None and not progress(done, steps):
            raise Cancelled

    story: list[Flowable] = [Paragraph(f"{title}　{subtitle}", styles.title),
                             Paragraph(_("Figures of the week"), styles.section), _figures(report, styles, width)]
    lines = texts.top_type_lines(report)
    story.append(Paragraph(_("Top issue types"), styles.section))
    if lines:
        story += [styles.para(line) for line in lines]
    else:
        story.append(styles.para(_("No calls were recorded in this week.")))
    step(1)
    story += [KeepTogether([Paragraph(_("Calls per day"), styles.section), _days(report, styles, width)]),
              Paragraph(_("Agent weekly sheet"), styles.section)]
    if report.figures.agents:
        story.append(_agents(report, styles, width))
    else:
        story.append(styles.para(_("No agent took calls in this week.")))
    story.append(Spacer(1, 6 * mm))
    story.append(styles.para(_("Supervisor (signature): {line}  Date: {short}").format(line="＿" * 10,
                                                                                       short="＿" * 6)))
    step(2)
    return write_document(story, target, frame, styles.font, size, f"{title} {subtitle}",
                          before_writing=lambda: step(3))
