"""The print preview of a generated PDF: shows its pages, prints them to any printer, or saves the PDF.

The pages shown are the PDF itself (QtPdf's view draws only the pages on screen, so a 300-page day opens
at once and stays small); Print… renders those pages onto the printer chosen in the print dialog
(:func:`render_pdf`, with a cancellable progress dialog); Save PDF… copies the very file shown.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QProgressDialog,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, ngettext
from desktop.ui.messages import Messages
from desktop.ui.pdf_render import PdfUnreadable, open_pdf, prepare_printer, render_pdf

PRINT_SHORTCUT = "Ctrl+P"
SAVE_SHORTCUT = "Ctrl+Shift+S"
ZOOM_STEP = 1.25


def _ask_save_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save PDF"), suggested, _("PDF files (*.pdf)"))
    return path or None


def _ask_printer(parent: QWidget, printer: QPrinter) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    return dialog.exec() == QDialog.DialogCode.Accepted


def _tip(text: str, action: QAction) -> str:
    return f"{text} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"


class PdfPreview(QDialog):
    """Preview ``pdf``, print it, save it; ``suggested_name`` is offered when saving."""

    def __init__(self, pdf: Path, suggested_name: str, messages: Messages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.suggested_name = suggested_name
        self.messages = messages
        self.document = open_pdf(pdf, self)
        self.pages_painted = 0
        # The dialogs; tests replace them to answer without a window.
        self.ask_save_path: Callable[[QWidget, str], str | None] = _ask_save_path
        self.ask_printer: Callable[[QWidget, QPrinter], bool] = _ask_printer
        self.setWindowTitle(_("Print preview — {name}").format(name=suggested_name))
        self.resize(1000, 760)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(_("Pages"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.print_action = self._action(_("&Print…"), self.print_pdf, PRINT_SHORTCUT,
                                         _("Print these pages on a printer of your choice"))
        self.save_action = self._action(_("&Save PDF…"), self.save_pdf, SAVE_SHORTCUT,
                                        _("Save this document as a PDF file"))
        self.zoom_in_action = self._action(_("Zoom &in"), lambda: self.zoom(ZOOM_STEP), "Ctrl++",
                                           _("Show the pages larger"))
        self.zoom_out_action = self._action(_("Zoom &out"), lambda: self.zoom(1 / ZOOM_STEP), "Ctrl+-",
                                            _("Show the pages smaller"))
        self.fit_action = self._action(_("&Fit width"), self.fit_width, "Ctrl+0", _("Fit the page to the window"))
        toolbar = QToolBar(self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.print_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.zoom_out_action, self.zoom_in_action, self.fit_action])
        pages = self.document.pageCount()
        self.pages_label = QLabel(ngettext("{count} page", "{count} pages", pages).format(count=pages), self)
        toolbar.addSeparator()
        toolbar.addWidget(self.pages_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addWidget(self.view, 1)
        self.view.setFocus()

    def _action(self, text: str, slot: Callable[[], object], shortcut: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(_tip(tip, action))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- view -----------------------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(4.0, current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    # --- print and save -------------------------------------------------------------------

    def print_pdf(self) -> int:
        """Ask for the printer, then print every page; returns the pages printed (0 when cancelled)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.document)
        printer.setDocName(self.suggested_name)
        if not self.ask_printer(self, printer):
            return 0
        return self.print_to(printer, show_progress=True)

    def print_to(self, printer: QPrinter, *, show_progress: bool = False) -> int:
        """Print every page on ``printer`` without asking (tests, and a caller that chose the printer)."""
        prepare_printer(printer, self.document)
        progress: Callable[[int, int], bool] | None = None
        dialog: QProgressDialog | None = None
        if show_progress:
            dialog = QProgressDialog(_("Printing…"), _("Cancel"), 0, self.document.pageCount(), self)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(500)

            def progress(done: int, total: int) -> bool:
                assert dialog is not None
                dialog.setValue(done)
                QApplication.processEvents()
                return not dialog.wasCanceled()
        try:
            self.pages_painted = render_pdf(self.document, printer, progress)
        except PdfUnreadable as exc:
            self.messages.error(self, _("Cannot print"), str(exc))
            return 0
        finally:
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
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
