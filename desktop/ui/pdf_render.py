"""Printing a generated PDF: its pages rendered with QtPdf onto a printer's (or preview's) painter.

The paper copy and the saved file are then one document with one layout (desktop/export). Each PDF page
goes onto one sheet of the same size and orientation, edge to edge: the PDF carries its own margins.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from desktop.i18n import _

log = logging.getLogger(__name__)

Progress = Callable[[int, int], bool]

# Pages are rendered as images at most this fine: sharp on paper (fax "fine" is 200 dpi) while a 100-page day
# still goes to the printer in about ten seconds (at 300 dpi it takes two and a half times as long).
MAX_DPI = 200


class PdfUnreadable(Exception):
    """The generated PDF could not be opened for printing."""


def open_pdf(path: str | Path, parent: object = None) -> QPdfDocument:
    document = QPdfDocument(parent)  # type: ignore[arg-type]
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise PdfUnreadable(_("The PDF {path} could not be opened for printing.").format(path=path))
    return document


def page_layout(document: QPdfDocument, page: int = 0) -> QPageLayout:
    """A layout matching the PDF page: its size, its orientation, no margins."""
    points = document.pagePointSize(page)
    landscape = points.width() > points.height()
    portrait_size = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    size = QPageSize(portrait_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))


def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """Page size and orientation from the PDF, full page (before painting starts)."""
    printer.setFullPage(True)
    if not printer.setPageLayout(page_layout(document)):
        log.info("printer refused the PDF's page layout; printing on its own")


def render_pdf(document: QPdfDocument, printer: QPrinter, progress: Progress | None = None) -> int:
    """Paint every page of ``document`` on ``printer``, one page per sheet; returns the pages painted.

    ``progress(done, total)`` is called after each page; returning False aborts the print job (0 pages)."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PdfUnreadable(_("The printer could not be started. Check that it is on and ready, then try again."))
    try:
        count = document.pageCount()
        for page in range(count):
            if page:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            points = document.pagePointSize(page)
            scale = min(target.width() / points.width(), target.height() / points.height())
            dpi = min(scale * 72, MAX_DPI)
            image = document.render(page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72)))
            width, height = round(points.width() * scale), round(points.height() * scale)
            left = (target.width() - width) // 2
            top = (target.height() - height) // 2
            painter.drawImage(QRect(left, top, width, height), image)
            if progress is not None and not progress(page + 1, count):
                printer.abort()
                return 0
        return count
    finally:
        painter.end()
