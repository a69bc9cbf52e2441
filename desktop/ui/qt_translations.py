"""Qt's own strings (standard buttons, dialogs) in the program's language."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)


class QtTranslations:
    """Keeps the installed translator so a language switch can replace it."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None

    def install(self, language: str) -> bool:
        app = QCoreApplication.instance()
        if app is None:
            return False
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        QLocale.setDefault(QLocale(language))
        translator = QTranslator(app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", path):
            app.installTranslator(translator)
            self._translator = translator
            return True
        if language != "en":  # English is Qt's own source language: no catalog needed
            log.warning("Qt's own translations missing: qtbase_%s.qm not in %s", language, path)
        return False
