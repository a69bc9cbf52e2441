"""The print preview of a generated PDF: shows its pages, prints them to any printer, or saves the PDF.

A QPrintPreviewDialog whose pages are the PDF's pages rendered by :func:`render_pdf`, with a
"Save PDF…" button (Ctrl+Shift+S) that copies the very file that is shown and printed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QToolBar, QWidget

from desktop.i18n import _
from desktop.ui.messages import Messages
from desktop.ui.pdf_render import open_pdf, prepare_printer, render_pdf

SAVE_SHORTCUT = "Ctrl+Shift+S"


def _ask_save_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save PDF"), suggested, _("PDF files (*.pdf)"))
    return path or None


class PdfPreview(QPrintPreviewDialog):
    """Preview and print ``pdf``; ``suggested_name`` is offered when saving it."""

    def __init__(self, pdf: Path, suggested_name: str, messages: Messages, parent: QWidget | None = None,
                 printer: QPrinter | None = None) -> None:
        self._printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        self.document = open_pdf(pdf)
        prepare_printer(self._printer, self.document)
        super().__init__(self._printer, parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.messages = messages
        self.pages_painted = 0
        self.document.setParent(self)
        # The save dialog; tests replace it to answer without a window.
        self.ask_save_path: Callable[[QWidget, str], str | None] = _ask_save_path
        self.setWindowTitle(_("Print preview — {name}").format(name=suggested_name))
        self.resize(1000, 760)
        self.paintRequested.connect(self.paint)
        self.save_action = QAction(_("Save PDF…"), self)
        self.save_action.setShortcut(QKeySequence(SAVE_SHORTCUT))
        self.save_action.setToolTip(_("Save this document as a PDF file ({shortcut})").format(
            shortcut=self.save_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        self.save_action.triggered.connect(self.save_pdf)
        self.addAction(self.save_action)
        toolbar = self.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.save_action)

    def paint(self, printer: QPrinter) -> None:
        """Draw the PDF's pages on ``printer`` (the preview's, or the one chosen in the print dialog)."""
        prepare_printer(printer, self.document)
        self.pages_painted = render_pdf(self.document, printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print without any dialog (tests, and a caller that chose the printer itself)."""
        self.paint(printer)
        return self.pages_painted

    def save_pdf(self) -> Path | None:
        """Ask where, then copy the PDF there; returns the file written (None when cancelled or refused)."""
        chosen = self.ask_save_path(self, self.suggested_name)
        if not chosen:
            return None
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as exc:
            self.messages.error(self, _("PDF not saved"), _(
                "The PDF could not be saved as {path}: {reason}. Choose a folder you may write to.").format(
                path=target, reason=exc.strerror or exc))
            return None
        return target
