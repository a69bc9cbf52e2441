"""Mapping a call log's columns to ticket fields: one target field ← one source column each.

Opened when a file's header row is neither a seed form's nor one mapped before. The columns
it can recognise are preselected; OK stays disabled, with the reason shown, until the
required fields have a column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.export.table_file import SourceRow
from desktop.i18n import _
from desktop.rules.call_log_layout import REQUIRED_TARGETS, TARGETS, mapping_problem, recognise, target_label
from desktop.rules.call_log_rows import text_of

NOT_IN_FILE = -1
SAMPLE_CHARS = 30


class ColumnMappingDialog(QDialog):
    def __init__(self, file_name: str, headers: Sequence[str], sample: SourceRow | None,
                 parent: QWidget | None = None, preset: Mapping[str, int] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ColumnMappingDialog")
        self.setWindowTitle(_("Map the columns of {name}").format(name=file_name))
        self._headers = tuple(headers)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("This file's columns are not those of the call log forms. For each ticket field, "
                                  "choose the column that holds it; the choice is remembered for files with the "
                                  "same columns."), self, wordWrap=True))
        form_host = QWidget(self)
        form = QFormLayout(form_host)
        self.combos: dict[str, QComboBox] = {}
        chosen = dict(preset) if preset is not None else dict(recognise(headers).mapping)
        for target in TARGETS:
            combo = QComboBox(form_host)
            combo.setObjectName(f"map-{target}")
            combo.addItem(_("(not in the file)"), NOT_IN_FILE)
            for position, header in enumerate(self._headers):
                example = text_of(sample.cells[position]) if sample and position < len(sample.cells) else ""
                text = header or _("Column {number}").format(number=position + 1)
                if example:
                    text = _("{column} (e.g. {example})").format(column=text, example=example[:SAMPLE_CHARS])
                combo.addItem(text, position)
            if target in chosen:
                combo.setCurrentIndex(combo.findData(chosen[target]))
            combo.currentIndexChanged.connect(self._check)
            label = target_label(target) + (" *" if target in REQUIRED_TARGETS else "")
            form.addRow(label, combo)
            self.combos[target] = combo
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        layout.addWidget(scroll, 1)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problem")
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 640)
        self._check()

    def mapping(self) -> dict[str, int]:
        """Target field -> source column position, for the fields given a column."""
        result = {}
        for target, combo in self.combos.items():
            position = combo.currentData()
            if isinstance(position, int) and position != NOT_IN_FILE:
                result[target] = position
        return result

    def choose(self, target: str, header: str) -> None:
        """Select the column titled ``header`` for ``target`` (keyboard users and tests)."""
        combo = self.combos[target]
        combo.setCurrentIndex(combo.findData(self._headers.index(header)))

    def _check(self) -> None:
        problem = mapping_problem(self.mapping(), len(self._headers))
        self.problem_label.setText(problem or "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
        ok.setToolTip(problem or "")
