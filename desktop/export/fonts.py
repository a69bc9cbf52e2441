"""The font the PDFs are written in: a CJK TrueType font (with Latin glyphs) embedded in the file.

Where it comes from, first found wins:

1. ``HOTLINE_DESK_PDF_FONT``: a configured path to a ``.ttf``/``.ttc`` file (``path`` or ``path#index`` for
   one face of a collection).
2. Windows: the system's Microsoft YaHei (``msyh.ttc``), SimHei (``simhei.ttf``), SimSun (``simsun.ttc``)
   from ``%WINDIR%\\Fonts``.
3. Linux: WenQuanYi Micro Hei / Zen Hei (Debian ``fonts-wqy-microhei`` / ``fonts-wqy-zenhei``, installed by
   ``scripts/setup.sh``), or the AR PL UMing/UKai TrueType fonts; macOS: PingFang / STHeiti / Songti.

Noto CJK and Source Han are CFF (PostScript outlines) fonts, which reportlab cannot embed, and Droid Sans
Fallback has no Latin letters; neither is in the lists, and a configured file reportlab refuses is skipped.
Nothing is downloaded at run time.

When no TrueType CJK font is found, the PDFs fall back to reportlab's built-in CID font ``STSong-Light``:
its text extracts and copies correctly, but the font is not embedded, so a reader without Chinese fonts
shows boxes. :attr:`PdfFont.embedded` is False then and :attr:`PdfFont.warning` says so, for the caller to
tell the user once.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from desktop.i18n import _

log = logging.getLogger(__name__)

FONT_ENV = "HOTLINE_DESK_PDF_FONT"
FONT_NAME = "HotlineCJK"
FALLBACK_CID = "STSong-Light"

_LINUX = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
_MAC = (
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)
_WINDOWS_NAMES = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "simfang.ttf", "simkai.ttf")
# Enough to tell a CJK font that also has Latin letters and digits from one that lacks either.
_PROBE = "工单编号第页共ABCxyz0123456789"


@dataclass(frozen=True)
class PdfFont:
    name: str
    embedded: bool
    source: str  # the file embedded, or the CID font's name

    @property
    def warning(self) -> str:
        if self.embedded:
            return ""
        return _("No Chinese TrueType font was found on this computer, so the PDF uses a font that is not "
                 "embedded: readers without Chinese fonts may show boxes. Install a font such as WenQuanYi "
                 "Micro Hei (or set {variable} to a .ttf/.ttc file).").format(variable=FONT_ENV)


def _windows_candidates() -> list[str]:
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [str(folder / name) for name in _WINDOWS_NAMES]


def candidates() -> list[str]:
    """Font files to try, in order, on this platform (the configured one first)."""
    found: list[str] = []
    configured = os.environ.get(FONT_ENV, "").strip()
    if configured:
        found.append(configured)
    if sys.platform.startswith("win"):
        found += _windows_candidates()
    elif sys.platform == "darwin":
        found += list(_MAC)
    else:
        found += list(_LINUX)
    return found


def _covers(font: TTFont, text: str) -> bool:
    face = font.face
    charmap = getattr(face, "charToGlyph", {})
    return all(ord(ch) in charmap for ch in text)


def _load(spec: str) -> TTFont | None:
    path, _sep, index_text = spec.partition("#")
    if not Path(path).is_file():
        return None
    try:
        font = TTFont(FONT_NAME, path, subfontIndex=int(index_text or 0))
    except (TTFError, OSError, ValueError) as exc:
        log.info("PDF font %s not usable (%s)", spec, exc)
        return None
    if not _covers(font, _PROBE):
        log.info("PDF font %s lacks Chinese or Latin glyphs", spec)
        return None
    return font


@cache
def pdf_font() -> PdfFont:
    """Register the PDF font with reportlab (once) and say which it is."""
    for spec in candidates():
        font = _load(spec)
        if font is not None:
            pdfmetrics.registerFont(font)
            log.info("PDF font: %s (embedded)", spec)
            return PdfFont(FONT_NAME, True, spec)
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    log.warning("no CJK TrueType font found; PDFs use the built-in %s (not embedded)", FALLBACK_CID)
    return PdfFont(FALLBACK_CID, False, FALLBACK_CID)
