"""Hotline Desk: an offline desk for customer-service hotline agents."""

from desktop.pyside_scan import lighten_pyside_import_check

__version__ = "0.1.0"
APP_NAME = "Hotline Desk"
APP_ID = "HotlineDesk"

# When Qt was imported first (a script that opens the window), before the rest of the program loads.
lighten_pyside_import_check()
