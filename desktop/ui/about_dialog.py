"""Help → About: the program's name and version, where its files are, the bundled components and their
licences, and a button that copies all of it (for a support request)."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.about import AboutInfo, about_info
from desktop.i18n import _
from desktop.ui.widgets import close_and_copy_buttons


def _path_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class AboutDialog(QDialog):
    def __init__(self, database_location: str, icon: QIcon | None = None, parent: QWidget | None = None,
                 info: AboutInfo | None = None) -> None:
        super().__init__(parent)
        self.info = info or about_info(database_location, qt_version=qVersion())
        self.setWindowTitle(_("About {app}").format(app=self.info.name))
        layout = QVBoxLayout(self)

        heading = QHBoxLayout()
        if icon is not None and not icon.isNull():
            picture = QLabel()
            picture.setPixmap(icon.pixmap(64, 64))
            heading.addWidget(picture)
        title = QLabel(f"<h2>{self.info.name}</h2>" + _("Version {version}").format(version=self.info.version))
        heading.addWidget(title, 1)
        layout.addLayout(heading)
        layout.addWidget(QLabel(_("Logs hotline calls as tickets and follows them to closure; works offline.")))

        places = QFormLayout()
        places.addRow(_("Database:"), _path_label(self.info.database))
        places.addRow(_("Data folder:"), _path_label(self.info.data_folder))
        places.addRow(_("Log folder:"), _path_label(self.info.log_folder))
        places.addRow(_("Python:"), _path_label(self.info.python))
        places.addRow(_("System:"), _path_label(self.info.platform))
        layout.addLayout(places)

        layout.addWidget(QLabel(_("Bundled components and their licences:")))
        self.components = QTableWidget(len(self.info.components), 3)
        self.components.setHorizontalHeaderLabels([_("Component"), _("Version"), _("Licence")])
        self.components.verticalHeader().hide()
        self.components.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, component in enumerate(self.info.components):
            for column, text in enumerate((component.name, component.version, component.licence)):
                self.components.setItem(row, column, QTableWidgetItem(text))
        self.components.resizeColumnsToContents()
        self.components.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.components, 1)
        layout.addWidget(QLabel(_("Qt and PySide6 are used under the GNU LGPL version 3; "
                                  "their source is available from qt.io.")))

        buttons, self.copy_button = close_and_copy_buttons(self, self.info.as_text)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def copy_details(self) -> None:
        self.copy_button.click()
