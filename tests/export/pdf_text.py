"""Reading generated PDFs back: text per page and whether every font is embedded."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def font_files(path: Path) -> list[bool]:
    """One entry per font used: True when its program is embedded in the file."""
    found = []
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found.append(any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")))
    return found
