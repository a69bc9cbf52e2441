"""The outcome of a call log import: counts, each refused row (row, column, problem), and a button
that saves the refused rows to a file to fix and import again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, ngettext
from desktop.services.call_log_import import CallLogResult

SHOWN_PROBLEMS = 2000  # the table stays quick; the saved file holds every refused row


def describe_result(result: CallLogResult) -> str:
    """The counts, one sentence a line."""
    lines = [ngettext("{count} call imported.", "{count} calls imported.", result.created).format(
        count=result.created)]
    if result.already:
        lines.append(ngettext("{count} call was imported before and skipped.",
                              "{count} calls were imported before and skipped.",
                              result.already).format(count=result.already))
    if result.rejected:
        lines.append(ngettext("{count} row refused: fix it and import it again.",
                              "{count} rows refused: fix them and import them again.",
                              len(result.rejected)).format(count=len(result.rejected)))
    return "\n".join(lines)


class ImportReportDialog(QDialog):
    """``save_rejected`` is called with a chosen path; ``choose_path`` asks for it (tests replace it)."""

    def __init__(self, result: CallLogResult, save_rejected: Callable[[Path], None],
                 choose_path: Callable[[], Path | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportReportDialog")
        self.setWindowTitle(_("Import finished") if not result.rejected else _("Import finished with problems"))
        self._save_rejected = save_rejected
        self.choose_path = choose_path
        layout = QVBoxLayout(self)
        self.summary = QLabel(describe_result(result), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(min(len(result.problems), SHOWN_PROBLEMS), 3, self)
        self.table.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Problem")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for line, problem in enumerate(result.problems[:SHOWN_PROBLEMS]):
            for column, text in enumerate((str(problem.row), problem.column, problem.message)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(line, column, item)
        self.table.setVisible(bool(result.problems))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton(_("Save refused rows…"), self)
        self.save_button.setToolTip(_("Write the refused rows, with a problem column, to a file you can fix and "
                                      "import again"))
        self.save_button.setVisible(bool(result.rejected))
        self.save_button.clicked.connect(self.save)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420 if result.problems else 160)

    def save(self) -> None:
        path = self.choose_path()
        if path is not None:
            self._save_rejected(path)
