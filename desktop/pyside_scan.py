"""A lighter form of PySide6's look at every module imported after it.

PySide6 (6.12) decides for each newly imported module whether ``from __feature__ import …`` switching
applies to it by searching the module's source for "PySide6" — through ``inspect.getsource``, which keeps
every line of every file in ``linecache`` for the life of the process: about 30 MB of the window
process's memory and 0.2 s of its start-up. The same test done by reading the file once, keeping nothing.
The program uses no ``__feature__`` switching; the answer stays the same all the same.

No Qt import here: this only replaces the function when PySide6 is already loaded.
"""

from __future__ import annotations

import sys
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"


def _uses_pyside(module: ModuleType) -> bool:
    """Whether the module's source file names PySide6 (a module without a .py file: no, as PySide6 says)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighten_pyside_import_check() -> bool:
    """Replace PySide6's per-import source check with :func:`_uses_pyside`; False when PySide6 is not
    loaded (yet) or has no such check."""
    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    if feature._mod_uses_pyside is not _uses_pyside:
        feature._mod_uses_pyside = _uses_pyside
    return True
