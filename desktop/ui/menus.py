"""Finding a menu of the main window's menu bar by its (translated) title, for the tools that add to it."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMenu


def menu_named(window: QMainWindow, title: str) -> QMenu:
    """The menu bar's menu called ``title``, added at the end when there is none yet."""
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text() == title:
            return menu
    return window.menuBar().addMenu(title)
