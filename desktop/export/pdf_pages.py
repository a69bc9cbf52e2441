"""What the archive and the work order share: page set-up, styles, "第 x 页 / 共 y 页", words for codes.

reportlab only, no Qt. The page count is known only when every page is laid out, so the canvas keeps the
pages and writes header and footer when the document is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, TableStyle

from desktop.export.fonts import PdfFont, pdf_font
from desktop.export.progress import Cancelled, Progress  # noqa: F401  (their home before progress.py)
from desktop.export.words import Words  # noqa: F401  (its home before words.py)
from desktop.i18n import _, format_datetime

MARGIN = 12 * mm
HEADER_SPACE = 16 * mm
FOOTER_SPACE = 12 * mm
GRID = colors.HexColor("#9aa3ad")
SHADE = colors.HexColor("#e8edf3")
LABEL_SHADE = colors.HexColor("#f4f6f8")

@dataclass(frozen=True)
class PageFrame:
    """What every page repeats: header (centre, title, date) and footer (who printed, when)."""

    centre: str
    title: str
    subtitle: str
    printed_by: str
    printed_at: datetime

    def footer(self) -> str:
        return _("Printed by {who} on {when}").format(who=self.printed_by or "—",
                                                      when=format_datetime(self.printed_at))


def page_size(is_landscape: bool) -> tuple[float, float]:
    return landscape(A4) if is_landscape else portrait(A4)


CELL_PADDING = 6  # reportlab's own left and right padding of a table cell, in points


class Styles:
    """Paragraph styles in the PDF font; CJK word wrap so long Chinese text breaks anywhere."""

    def __init__(self, font: PdfFont | None = None) -> None:
        self.font = font or pdf_font()
        name = self.font.name
        self.body = ParagraphStyle("body", fontName=name, fontSize=8.5, leading=11, wordWrap="CJK")
        self.label = ParagraphStyle("label", parent=self.body, textColor=colors.HexColor("#3b4652"))
        self.small = ParagraphStyle("small", parent=self.body, fontSize=7.5, leading=9.5)
        self.head = ParagraphStyle("head", parent=self.body, fontSize=10, leading=13)
        self.title = ParagraphStyle("title", parent=self.body, fontSize=15, leading=19, alignment=TA_CENTER,
                                    spaceAfter=4)
        self.section = ParagraphStyle("section", parent=self.body, fontSize=11, leading=14, spaceBefore=6,
                                      spaceAfter=3)

    def table(self, commands: Sequence[tuple[Any, ...]]) -> TableStyle:
        """A table style whose cells use the PDF font (reportlab's default, Helvetica, is never embedded),
        plain-text cells in the body's size and leading."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.font.name),
                           ("FONTSIZE", (0, 0), (-1, -1), self.body.fontSize),
                           ("LEADING", (0, 0), (-1, -1), self.body.leading),
                           ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                           ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING), *commands])

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        """Plain text (escaped, line breaks kept) as a paragraph."""
        return Paragraph(escape(text or "").replace("\n", "<br/>"), style or self.body)

    def cell(self, text: str, width: float, style: ParagraphStyle | None = None) -> str | Paragraph:
        """A table cell: the text itself when it fits on one line of ``width`` (drawn in the table's font,
        size and colour), else a wrapping paragraph. A 1,000-call archive has ~40,000 cells; a paragraph
        is wrapped three times per cell, plain text not at all."""
        style = style or self.body
        text = text or ""
        if "\n" not in text and stringWidth(text, self.font.name, style.fontSize) <= width - 2 * CELL_PADDING:
            return text
        return self.para(text, style)


def page_text(number: int, total: int) -> str:
    return _("Page {page} of {pages}").format(page=number, pages=total)


def numbered_canvas(frame: PageFrame, font: PdfFont, size: tuple[float, float],
                    on_page: Callable[[int], None] | None = None) -> type[Canvas]:
    """A canvas class that draws header and footer with "page x of y" once all pages are known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this every page names Helvetica (not embedded) as its starting font.
            kwargs["initialFontName"] = font.name
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.setTitle(f"{frame.title} {frame.subtitle}".strip())
            self.setAuthor(frame.centre)
            self.setCreator("Hotline Desk")

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            if on_page is not None:
                on_page(len(self._pages))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = size
            self.saveState()
            self.setFont(font.name, 9)
            top = height - MARGIN + 2 * mm
            self.drawString(MARGIN, top - 4 * mm, frame.centre)
            self.drawCentredString(width / 2, top - 4 * mm, f"{frame.title}  {frame.subtitle}".strip())
            self.drawRightString(width - MARGIN, top - 4 * mm, page_text(self._pageNumber, total))
            self.setStrokeColor(GRID)
            self.line(MARGIN, top - 6 * mm, width - MARGIN, top - 6 * mm)
            self.line(MARGIN, MARGIN + 5 * mm, width - MARGIN, MARGIN + 5 * mm)
            self.setFont(font.name, 8)
            self.drawString(MARGIN, MARGIN + 1 * mm, frame.footer())
            self.drawRightString(width - MARGIN, MARGIN + 1 * mm, page_text(self._pageNumber, total))
            self.restoreState()

    return NumberedCanvas


def write_document(story: list[Flowable], target: str | Path | BinaryIO, frame: PageFrame, font: PdfFont,
                   size: tuple[float, float], title: str,
                   before_writing: Callable[[], None] | None = None) -> int:
    """Lay ``story`` out on numbered pages (header and footer from ``frame``) and write it to ``target``.

    The PDF is built in memory first: a failed or cancelled build (``before_writing`` may raise) leaves
    ``target`` untouched. Returns the page count.
    """
    buffer = BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + HEADER_SPACE - 8 * mm, bottomMargin=MARGIN + FOOTER_SPACE - 4 * mm,
                            title=title, author=frame.centre)
    doc.build(story, canvasmaker=numbered_canvas(frame, font, size))
    data = buffer.getvalue()
    if before_writing is not None:
        before_writing()
    if isinstance(target, (str, Path)):
        Path(target).write_bytes(data)
    else:
        target.write(data)
    return int(doc.page)
