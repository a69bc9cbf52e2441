"""Small pieces the agent-aid panels are built from: a search field that waits for a pause in
typing, a list whose items wrap over every line they need, and putting a phrase where the
agent is typing (or on the clipboard).

Qt's own list size hint counts lines in the widget font's height; a line holding Chinese in a
Latin font is drawn with a fallback font a little taller, so the last line was cut off. The
height here comes from laying the text out as it will be painted.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QWidget,
)

# --- putting a phrase where the agent types ----------------------------------------------

def insert_at_cursor(widget: QWidget | None, text: str) -> bool:
    """Insert ``text`` at the cursor of an editable text field; False when ``widget`` is none."""
    if isinstance(widget, QLineEdit) and not widget.isReadOnly() and widget.isEnabled():
        widget.insert(text)
        return True
    if isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.isReadOnly() and widget.isEnabled():
        widget.insertPlainText(text)
        return True
    return False


def copy_to_clipboard(text: str) -> None:
    clipboard = QApplication.clipboard()
    clipboard.setText(text)


def insert_or_copy(text: str) -> bool:
    """Into the focused text field if there is one (True), else onto the clipboard (False)."""
    if insert_at_cursor(QApplication.focusWidget(), text):
        return True
    copy_to_clipboard(text)
    return False


# --- searching while typing ---------------------------------------------------------------

class SearchBox(QLineEdit):
    """``search_requested`` fires ``delay_ms`` after the last change (at once after :meth:`stop`)."""

    search_requested = Signal()

    def __init__(self, placeholder: str, name: str, delay_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(name)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.search_requested)
        self.textChanged.connect(lambda _text: self._timer.start())

    def stop(self) -> None:
        """Forget a pending search (the caller is searching now)."""
        self._timer.stop()


# --- lists that wrap -------------------------------------------------------------------------

Index = QModelIndex | QPersistentModelIndex


def wrapped_height(text: str, option: QStyleOptionViewItem, width: int) -> int:
    """Pixels the lines of ``text`` take at ``width`` in ``option``'s font."""
    layout = QTextLayout(text, option.font)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(text_option)
    height = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        height += line.height()
    layout.endLayout()
    return math.ceil(height)


class _WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return size
        style = self._view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self._view) + 1
        width = self._view.viewport().width() - 2 * margin
        needed = wrapped_height(str(text), option, width) + 2 * margin
        return QSize(size.width(), max(size.height(), needed))


class WrappedList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap when the dock is resized
        self.setItemDelegate(_WrappingDelegate(self))
