"""The Qt user interface: widgets, Qt models over service rows, dialogs."""

import PySide6.QtCore  # noqa: F401  (loaded first: its per-import source check is lightened below)

from desktop.pyside_scan import lighten_pyside_import_check

lighten_pyside_import_check()
