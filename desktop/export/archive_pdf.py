"""The daily paper archive (SPEC §2 "Archive") as a PDF: data in, file out, no Qt.

A4 landscape by default (portrait on request). Every page: the centre's name, the title with the date and
"第 x 页 / 共 y 页"; the footer says who printed it and when. Then the summary block, every call of the day
in time order with its SPEC §1 fields (phone masked) and its timeline, a note of any gap in the day's ticket
numbers, and signature lines for the duty agent and the supervisor. A call is one table whose first row
(number, time, level, progress) repeats on every page the call runs over and which moves to the next page
whole when it fits there, so a header row is never left alone at the bottom of a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)

from desktop.export.pdf_pages import (
    GRID,
    LABEL_SHADE,
    MARGIN,
    SHADE,
    Cancelled,
    PageFrame,
    Progress,
    Styles,
    Words,
    page_size,
    write_document,
)
from desktop.export.timeline_text import describe_entry
from desktop.i18n import _, format_date, format_duration, format_percent, format_time
from desktop.rules.choices import (
    ACCOUNT_TYPE,
    BUSINESS_MODULE,
    CHANNEL,
    EMOTION,
    ISSUE_TYPE,
    PRIORITY,
    SATISFACTION,
    STATUS,
)
from desktop.rules.field_labels import field_label
from desktop.rules.on_time import Share
from desktop.services.archive_dto import ArchiveCall, ArchiveSummary, DailyArchive, NumberGap


def default_centre() -> str:
    return _("Customer service centre")


def _share(share: Share) -> str:
    return _("{percent} ({part} of {whole})").format(percent=format_percent(share.ratio), part=share.part,
                                                     whole=share.whole)


class ArchiveLayout:
    """Turns a :class:`DailyArchive` into flowables for the page width."""

    def __init__(self, archive: DailyArchive, styles: Styles, width: float, is_landscape: bool) -> None:
        self.archive = archive
        self.styles = styles
        self.width = width
        self.pairs = 3 if is_landscape else 2  # label/value pairs per row
        self.words = Words(archive.labels)

    # --- summary ---------------------------------------------------------------------

    def _counts(self, counts: Sequence[tuple[str, int]], list_key: str) -> str:
        if not counts:
            return "—"
        return "；".join(f"{self.words.label(list_key, code)} {n}" for code, n in counts)

    def summary(self, summary: ArchiveSummary) -> Flowable:
        s = self.styles
        rows = [
            (_("Calls"), _("{count} calls").format(count=summary.total)
             + ("；" + _("{count} void").format(count=summary.voided) if summary.voided else "")),
            (_("By issue type"), self._counts(summary.by_issue_type, ISSUE_TYPE)),
            (_("By priority"), self._counts(summary.by_priority, PRIORITY)),
            (_("By progress"), self._counts(summary.by_status, STATUS)),
            (_("On-time rate"), _share(summary.on_time)),
            (_("Satisfied share"), _share(summary.satisfied)),
        ]
        data = [[s.para(label, s.label), s.para(value)] for label, value in rows]
        table = Table(data, colWidths=[32 * mm, self.width - 32 * mm])
        table.setStyle(self.styles.table([
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        return table

    # --- one call --------------------------------------------------------------------

    def _fields(self, call: ArchiveCall) -> list[tuple[str, str]]:
        w = self.words
        handle = format_duration(call.handle_seconds) if call.handle_seconds is not None else ""
        score = str(call.satisfaction_score) if call.satisfaction_score is not None else ""
        satisfaction = w.label(SATISFACTION, call.satisfaction)
        if call.satisfaction_reason:
            satisfaction = f"{satisfaction}（{call.satisfaction_reason}）"
        return [
            (field_label("channel"), w.label(CHANNEL, call.channel)),
            (field_label("phone"), call.phone_masked),
            (field_label("customer_name"), call.customer_name or _("Anonymous customer")),
            (field_label("customer_type"), w.customer_type(call.customer_type)),
            (field_label("account_type"), w.label(ACCOUNT_TYPE, call.account_type)),
            (field_label("issue_type"), w.label(ISSUE_TYPE, call.issue_type)),
            (field_label("business_module"), w.label(BUSINESS_MODULE, call.business_module)),
            (field_label("emotion"), w.label(EMOTION, call.emotion)),
            (field_label("order_number"), call.order_number),
            (field_label("product"), call.product),
            (field_label("agent"), f"{call.agent_name}（{call.agent_code}）"),
            (field_label("call_ended_at"), w.moment(call.call_ended_at)),
            (field_label("handle_seconds"), handle),
            (field_label("department_id"), call.department_name),
            (field_label("handler"), call.handler),
            (field_label("follow_up_owner"), call.follow_up_owner),
            (field_label("response_due_at"), w.moment(call.response_due_at)),
            (field_label("promised_feedback_at"), w.moment(call.promised_feedback_at)),
            (field_label("coordinator"), call.coordinator),
            (field_label("escalated_to"), call.escalated_to),
            (field_label("satisfaction"), satisfaction),
            (field_label("satisfaction_score"), score),
            (field_label("callback_at"), w.moment(call.callback_at)),
            (field_label("archived_at"), w.moment(call.archived_at)),
        ]

    def _long_fields(self, call: ArchiveCall) -> list[tuple[str, str]]:
        rows = [(field_label("description"), call.description)]
        for name, value in (("solution", call.solution), ("callback_result", call.callback_result),
                            ("remark", call.remark)):
            if value:
                rows.append((field_label(name), value))
        if call.voided_at is not None:
            rows.append((field_label("void_reason"), call.void_reason))
        return rows

    def call(self, call: ArchiveCall) -> Flowable:
        s, w = self.styles, self.words
        columns = self.pairs * 2
        label_width = 26 * mm
        value_width = (self.width - self.pairs * label_width) / self.pairs
        widths = [label_width, value_width] * self.pairs
        heading = " · ".join(part for part in (
            call.number, format_time(call.call_started_at), w.label(PRIORITY, call.priority),
            w.label(STATUS, call.status), _("VOID") if call.voided_at is not None else "") if part)
        data: list[list[Any]] = [[s.para(heading, s.head)] + [""] * (columns - 1)]
        commands: list[tuple[Any, ...]] = [
            ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        # Labels are told by their shade; their text is the body's colour, so drawing the ~40,000 cells of
        # a 1,000-call day never switches the fill colour between a label and its value.
        shown = [(label, value) for label, value in self._fields(call) if value]
        for start in range(0, len(shown), self.pairs):
            row: list[Any] = []
            for label, value in shown[start:start + self.pairs]:
                row += [s.cell(label, label_width), s.cell(value, value_width)]
            row += [""] * (columns - len(row))
            data.append(row)
        if shown:  # one shade command per label column: full rows, then the last row's own labels
            full_rows, last = divmod(len(shown), self.pairs)
            if full_rows:
                commands += [("BACKGROUND", (i * 2, 1), (i * 2, full_rows), LABEL_SHADE) for i in range(self.pairs)]
            commands += [("BACKGROUND", (i * 2, full_rows + 1), (i * 2, full_rows + 1), LABEL_SHADE)
                         for i in range(last)]
        first_long = len(data)
        for label, value in self._long_fields(call):
            data.append([s.cell(label, label_width), s.cell(value, self.width - label_width)] + [""] * (columns - 2))
            commands.append(("SPAN", (1, len(data) - 1), (-1, len(data) - 1)))
        if len(data) > first_long:
            commands.append(("BACKGROUND", (0, first_long), (0, len(data) - 1), LABEL_SHADE))
        if call.timeline:
            data.append([s.para(_("Timeline"), s.label)] + [""] * (columns - 1))
            y = len(data) - 1
            commands += [("SPAN", (0, y), (-1, y)), ("BACKGROUND", (0, y), (-1, y), LABEL_SHADE)]
            first_entry = len(data)
            for item in call.timeline:
                head, _sep, body = describe_entry(item, w.lookup, self.archive.departments).partition("\n")
                text = f"{head}　{body.replace(chr(10), '；')}"
                data.append([s.cell(text, self.width, s.small)] + [""] * (columns - 1))
                commands.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
            commands += [("FONTSIZE", (0, first_entry), (-1, -1), s.small.fontSize),
                         ("LEADING", (0, first_entry), (-1, -1), s.small.leading)]
        # splitInRow: a description of 4,000 characters is one row taller than a page; it runs on.
        table = _SameWidthTable(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
        table.setStyle(s.table(commands))
        return KeepTogether([table, Spacer(1, 3 * mm)])

    # --- closing parts ---------------------------------------------------------------

    def gaps(self, gaps: Sequence[NumberGap]) -> Paragraph:
        s = self.styles
        if not gaps:
            if not self.archive.calls:
                return s.para(_("No ticket numbers were handed out on this day."))
            return s.para(_("Ticket numbers: the day's sequence has no gaps."))
        missing = "、".join(number for gap in gaps for number in gap.missing)
        return s.para(_("Missing ticket numbers in the day's sequence ({count}): {numbers}. "
                        "Find out why before filing this archive.").format(
            count=sum(len(gap.missing) for gap in gaps), numbers=missing), s.head)

    def signatures(self) -> Flowable:
        s = self.styles
        line = "＿" * 10
        data = [[s.para(_("Duty agent (signature): {line}  Date: {short}").format(line=line, short="＿" * 6)),
                 s.para(_("Supervisor (signature): {line}  Date: {short}").format(line=line, short="＿" * 6))]]
        table = Table(data, colWidths=[self.width / 2] * 2)
        table.setStyle(s.table([("TOPPADDING", (0, 0), (-1, -1), 10)]))
        return KeepTogether([Spacer(1, 6 * mm), table])


class _SameWidthTable(Table):
    """A call's table: with fixed column widths a complete layout depends on the width alone, so the one
    worked out when KeepTogether measures the table serves the frame's own wrap too (each of a 1,000-call
    day's tables was laid out twice). A layout that stopped early because the rows overflowed the room
    (reportlab's long-table shortcut) is not kept: the next wrap, with more room, works it out again."""

    _complete_for: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._complete_for != availWidth:
            super().wrap(availWidth, availHeight)
            self._complete_for = availWidth if self._height <= availHeight else None
        self.availWidth = availWidth
        return self._width, self._height


def _title(archive: DailyArchive) -> tuple[str, str]:
    return _("Daily call archive"), format_date(archive.day)


def build_archive(archive: DailyArchive, target: str | Path | BinaryIO, *, centre: str = "", printed_by: str = "",
                  printed_at: datetime | None = None, is_landscape: bool = True,
                  progress: Progress | None = None) -> int:
    """Write the day's archive PDF to ``target``; returns the page count.

    ``progress(done, total)`` is called as calls are laid out and pages written; returning False stops
    the work (:class:`Cancelled`) and nothing is written.
    """
    styles = Styles()
    size = page_size(is_landscape)
    width = size[0] - 2 * MARGIN
    layout = ArchiveLayout(archive, styles, width, is_landscape)
    title, subtitle = _title(archive)
    frame = PageFrame(centre or default_centre(), title, subtitle, printed_by, printed_at or archive.generated_at)
    total = len(archive.calls)
    steps = total + 1

    def report(done: int) -> None:
        if progress is not None and not progress(min(done, steps), steps):
            raise Cancelled

    story: list[Flowable] = [Paragraph(f"{title}　{subtitle}", styles.title),
                             Paragraph(_("Summary"), styles.section), layout.summary(archive.summary),
                             Paragraph(_("Calls in time order"), styles.section)]
    if not archive.calls:
        story.append(styles.para(_("No calls were recorded on this day."), styles.head))
    for index, call in enumerate(archive.calls):
        story.append(layout.call(call))
        if index % 25 == 0:
            report(index)
    report(total)
    story += [CondPageBreak(25 * mm), Paragraph(_("Ticket number check"), styles.section),
              layout.gaps(archive.gaps), layout.signatures()]
    return write_document(story, target, frame, styles.font, size, f"{title} {subtitle}",
                          before_writing=lambda: report(steps))
