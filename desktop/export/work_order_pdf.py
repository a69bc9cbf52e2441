"""One ticket as a printed work order (工单), in the layout of the centre's record template (form 002).

The template's sections in order, each a shaded label on the left: 反馈单号 (ticket), 客户信息 (customer,
phone masked), 问题详情 (problem), 处理过程 (routing and the dated timeline), 结果与反馈 (result, satisfaction,
callback), 归档信息 (archiving, remarks); then signature lines for the handler and the supervisor. It fills
one page, or two when the timeline is long; the header and footer match the daily archive.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from desktop.export.archive_pdf import default_centre
from desktop.export.pdf_pages import (
    GRID,
    LABEL_SHADE,
    MARGIN,
    SHADE,
    PageFrame,
    Styles,
    Words,
    page_size,
    write_document,
)
from desktop.export.timeline_text import describe_entry
from desktop.i18n import _, format_duration
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
from desktop.services.archive_dto import ArchiveCall, DailyArchive

SECTION_WIDTH = 24 * mm


def _sections(call: ArchiveCall, words: Words) -> list[tuple[str, list[tuple[str, str]]]]:
    w = words
    satisfaction = w.label(SATISFACTION, call.satisfaction)
    if call.satisfaction_reason:
        satisfaction = f"{satisfaction}（{call.satisfaction_reason}）"
    score = str(call.satisfaction_score) if call.satisfaction_score is not None else ""
    handle = format_duration(call.handle_seconds) if call.handle_seconds is not None else ""
    return [
        (_("Ticket"), [
            (field_label("number"), call.number), (field_label("channel"), w.label(CHANNEL, call.channel)),
            (field_label("call_started_at"), w.moment(call.call_started_at)),
            (field_label("call_ended_at"), w.moment(call.call_ended_at)),
            (field_label("handle_seconds"), handle),
            (field_label("agent"), f"{call.agent_name}（{call.agent_code}）"),
        ]),
        (_("Customer"), [
            (field_label("customer_name"), call.customer_name or _("Anonymous customer")),
            (field_label("phone"), call.phone_masked),
            (field_label("customer_type"), w.customer_type(call.customer_type)),
            (field_label("account_type"), w.label(ACCOUNT_TYPE, call.account_type)),
        ]),
        (_("Problem"), [
            (field_label("issue_type"), w.label(ISSUE_TYPE, call.issue_type)),
            (field_label("business_module"), w.label(BUSINESS_MODULE, call.business_module)),
            (field_label("priority"), w.label(PRIORITY, call.priority)),
            (field_label("emotion"), w.label(EMOTION, call.emotion)),
            (field_label("order_number"), call.order_number), (field_label("product"), call.product),
            (field_label("description"), call.description),
        ]),
        (_("Handling"), [
            (field_label("department_id"), call.department_name), (field_label("handler"), call.handler),
            (field_label("follow_up_owner"), call.follow_up_owner),
            (field_label("response_due_at"), w.moment(call.response_due_at)),
            (field_label("coordinator"), call.coordinator), (field_label("escalated_to"), call.escalated_to),
        ]),
        (_("Result and feedback"), [
            (field_label("status"), w.label(STATUS, call.status)), (field_label("solution"), call.solution),
            (field_label("promised_feedback_at"), w.moment(call.promised_feedback_at)),
            (field_label("satisfaction"), satisfaction), (field_label("satisfaction_score"), score),
            (field_label("callback_at"), w.moment(call.callback_at)),
            (field_label("callback_result"), call.callback_result),
        ]),
        (_("Archive"), [
            (field_label("archived_at"), w.moment(call.archived_at)), (field_label("remark"), call.remark),
            (field_label("voided_at"), w.moment(call.voided_at)), (field_label("void_reason"), call.void_reason),
        ]),
    ]


_LONG = {"description", "solution", "callback_result", "remark", "void_reason"}


def _field_rows(fields: list[tuple[str, str]], s: Styles, long_labels: set[str]) -> list[list[Any]]:
    """Two label/value pairs a row; long texts take a row of their own (the description even when empty)."""
    rows: list[list[Any]] = []
    pending: list[tuple[str, str]] = []

    def flush() -> None:
        if pending:
            row: list[Any] = [""]
            for label, value in pending:
                row += [s.para(label, s.label), s.para(value)]
            rows.append(row + [""] * (5 - len(row)))
            pending.clear()

    for label, value in fields:
        if label in long_labels:
            flush()
            if value or label == field_label("description"):
                rows.append(["", s.para(label, s.label), s.para(value), "", ""])
            continue
        pending.append((label, value))
        if len(pending) == 2:
            flush()
    flush()
    return rows


def _body(archive: DailyArchive, call: ArchiveCall, styles: Styles, width: float) -> Table:
    s, words = styles, Words(archive.labels)
    label_width = 26 * mm
    value_width = (width - SECTION_WIDTH - 2 * label_width) / 2
    widths = [SECTION_WIDTH, label_width, value_width, label_width, value_width]
    long_labels = {field_label(name) for name in _LONG}
    data: list[list[Any]] = []
    # No row spans: a section may then run over a page break (its label stays on its first row).
    commands: list[tuple[Any, ...]] = [("GRID", (1, 0), (-1, -1), 0.5, GRID), ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (0, -1), SHADE)]
    sections = _sections(call, words)
    timeline_at = 3  # the timeline goes into 处理过程
    process_row: list[int] = []
    for index, (title, fields) in enumerate(sections):
        first = len(data)
        rows = _field_rows(fields, s, long_labels)
        if index == timeline_at:
            rows.append(["", s.para(_("Process"), s.label), "", "", ""])
            process_row.append(len(data) + len(rows) - 1)
            for item in call.timeline:
                head, _sep, rest = describe_entry(item, words.lookup, archive.departments).partition("\n")
                rows.append(["", s.para(f"{head}　{rest.replace(chr(10), '；')}", s.small), "", "", ""])
        if not rows:
            continue
        data += rows
        last = len(data) - 1
        commands.append(("LINEABOVE", (0, first), (0, first), 0.5, GRID))
        for y in range(first, last + 1):
            row = data[y]
            if row[2] == "":  # a timeline line, or the 处理过程 heading
                commands.append(("SPAN", (1, y), (4, y)))
                if y in process_row:
                    commands.append(("BACKGROUND", (1, y), (4, y), LABEL_SHADE))
                continue
            if row[3] == "" and row[4] == "":
                commands.append(("SPAN", (2, y), (4, y)))
            commands.append(("BACKGROUND", (1, y), (1, y), LABEL_SHADE))
            if row[3] != "":
                commands.append(("BACKGROUND", (3, y), (3, y), LABEL_SHADE))
        data[first][0] = s.para(title, s.head)
    # splitInRow: a description of 4,000 characters is one row taller than a page; it runs on.
    table = Table(data, colWidths=widths, splitByRow=1, splitInRow=1)
    table.setStyle(s.table(commands))
    return table


def build_work_order(archive: DailyArchive, target: str | Path | BinaryIO, *, centre: str = "",
                     printed_by: str = "", printed_at: datetime | None = None, is_landscape: bool = False) -> int:
    """Write the work order of ``archive``'s (single) call to ``target``; returns the page count."""
    call = archive.calls[0]
    styles = Styles()
    size = page_size(is_landscape)
    width = size[0] - 2 * MARGIN
    title = _("Work order")
    frame = PageFrame(centre or default_centre(), title, call.number, printed_by, printed_at or archive.generated_at)
    signatures = Table([[styles.para(_("Handler (signature): {line}").format(line="＿" * 10)),
                         styles.para(_("Supervisor (signature): {line}  Date: {short}").format(
                             line="＿" * 10, short="＿" * 6))]], colWidths=[width / 2] * 2)
    signatures.setStyle(styles.table([("TOPPADDING", (0, 0), (-1, -1), 10)]))
    story: list[Flowable] = [Paragraph(f"{title}　{call.number}", styles.title),
                             _body(archive, call, styles, width), KeepTogether([Spacer(1, 6 * mm), signatures])]
    return write_document(story, target, frame, styles.font, size, f"{title} {call.number}")
