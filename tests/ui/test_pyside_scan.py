"""PySide6's per-import check keeps no source in memory and still tells PySide modules from others."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

import desktop.ui  # noqa: F401  (installs the lighter check)
from desktop.pyside_scan import _uses_pyside, lighten_pyside_import_check


def _import_fresh(tmp_path: Path, name: str, text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__(name)  # the import statement's way: PySide6's check hooks into it, not into importlib
    monkeypatch.delitem(sys.modules, name)
    return path


def test_the_check_is_in_place_once_qt_is_loaded() -> None:
    assert lighten_pyside_import_check()
    assert sys.modules["shibokensupport.feature"]._mod_uses_pyside is _uses_pyside


def test_an_imported_module_leaves_no_source_lines_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _import_fresh(tmp_path, "hd_scan_plain", "VALUE = 1\n" * 2000, monkeypatch)
    assert str(path) not in linecache.cache


def test_modules_are_told_apart_as_pyside_tells_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _import_fresh(tmp_path, "hd_scan_qt", "import PySide6.QtCore  # noqa\n", monkeypatch)
    _import_fresh(tmp_path, "hd_scan_other", "import json  # noqa\n", monkeypatch)
    features = sys.modules["shibokensupport.feature"].pyside_feature_dict
    assert features["hd_scan_qt"] == 0  # uses PySide: takes part in feature switching
    assert features["hd_scan_other"] == -1  # ignored


def test_a_module_without_a_source_file_is_not_a_pyside_module() -> None:
    assert not _uses_pyside(sys)
