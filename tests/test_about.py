"""The About facts without Qt: licences read from package metadata, the copied report."""

from __future__ import annotations

from email.message import Message

from desktop import __version__
from desktop.about import KNOWN_LICENCES, _licence_of, about_info, components


def _meta(**fields: str | list[str]) -> Message:
    message = Message()
    for key, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            message[key.replace("_", "-")] = item
    return message


def test_the_licence_expression_wins() -> None:
    assert _licence_of(_meta(License_Expression="MIT", License="whatever")) == "MIT"  # type: ignore[arg-type]


def test_a_short_licence_field_then_the_classifier() -> None:
    assert _licence_of(_meta(License="MIT License")) == "MIT"  # type: ignore[arg-type]
    long_text = "BSD license (see license.txt for details), Copyright (c) 2000-2024, ReportLab Inc.\nmore"
    assert _licence_of(_meta(License=long_text, Classifier=[  # type: ignore[arg-type]
        "Programming Language :: Python", "License :: OSI Approved :: BSD License"])) == "BSD"
    assert _licence_of(_meta(License=long_text)) == "BSD license"  # type: ignore[arg-type]


def test_components_are_the_installed_ones_with_a_licence_each() -> None:
    found = {c.name: c for c in components()}
    assert {"PySide6-Essentials", "SQLAlchemy", "alembic", "babel", "reportlab", "openpyxl"} <= found.keys()
    assert all(c.version and c.licence for c in found.values())
    assert components(("no-such-package-here",)) == []
    assert set(found) <= set(KNOWN_LICENCES)


def test_the_report_names_version_places_and_components() -> None:
    info = about_info("sqlite:///x.sqlite3", qt_version="6.12.0")
    text = info.as_text()
    assert text.splitlines()[0] == f"Hotline Desk {__version__}"
    assert "Database: sqlite:///x.sqlite3" in text and f"Log file: {info.log_file}" in text
    assert "Qt 6.12.0" in text and "SQLAlchemy" in text
