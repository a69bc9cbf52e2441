"""Translations and locale formatting, shared by every layer (no Qt here).

Messages are gettext catalogs kept as ``.po`` files under ``i18n/``; ``i18n/update.sh``
compiles each to the ``.mo`` beside it, which is what the program reads (a test checks the
two agree). Without a ``.mo`` the ``.po`` is compiled in memory with Babel (slower to start).
``_`` always answers in the current language, so a language switch takes effect for every
string looked up afterwards.

Source strings are English; zh_CN is the default language of the program.
"""

from __future__ import annotations

import gettext
import io
import logging
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from desktop.paths import catalogs_dir

DOMAIN = "hotline-desk"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES: dict[str, str] = {
    # Each language named in itself, so a user can always find their own.
    "zh_CN": "简体中文",
    "zh_TW": "繁體中文",
    "en": "English",
}

log = logging.getLogger(__name__)

_current = DEFAULT_LANGUAGE


def normalize_language(code: str | None) -> str:
    """Map a loose code ("zh", "zh-TW", "en_US") to one of LANGUAGES; default zh_CN."""
    if not code:
        return DEFAULT_LANGUAGE
    code = code.replace("-", "_")
    if code in LANGUAGES:
        return code
    lower = code.lower()
    if lower.startswith("zh"):
        return "zh_TW" if any(tag in lower for tag in ("tw", "hk", "mo", "hant")) else "zh_CN"
    if lower.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


@cache
def _translations(language: str) -> gettext.NullTranslations:
    folder = catalogs_dir() / language / "LC_MESSAGES"
    try:
        with (folder / f"{DOMAIN}.mo").open("rb") as compiled:
            return gettext.GNUTranslations(compiled)
    except FileNotFoundError:
        pass
    except OSError as exc:  # unreadable or damaged: the source catalog still serves
        log.warning("compiled catalog unreadable (%s); reading the .po", exc)
    return _compile_po(folder / f"{DOMAIN}.po", language)


def _compile_po(po_path: Path, language: str) -> gettext.NullTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    try:
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
    except FileNotFoundError:
        log.warning("translation catalog missing: %s", po_path)
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(code: str | None) -> str:
    """Make ``code`` the language of every later ``_()``; returns the language chosen."""
    global _current
    _current = normalize_language(code)
    return _current


def current_language() -> str:
    return _current


def _(message: str) -> str:
    return _translations(_current).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_()`` where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations(_current).pgettext(context, message)


# --- locale formatting (Babel) -------------------------------------------------------

@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LANGUAGE)


def locale() -> Locale:
    return _locale(_current)


def to_local(moment: datetime) -> datetime:
    """A stored (UTC, aware) time in the workstation's time zone."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times are stored timezone-aware")
    return moment.astimezone()


def format_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = to_local(moment)
    pattern = str(babel_dates.get_datetime_format("short", locale=locale()))
    return pattern.replace("{1}", format_date(local.date())).replace("{0}", format_time(local.time()))


@cache
def _skeleton_pattern(language: str, skeleton: str) -> str:
    """The locale's pattern for a skeleton (Babel's matching is slow: ~1 ms a call, every table cell)."""
    patterns = _locale(language).datetime_skeletons
    matched = skeleton if skeleton in patterns else babel_dates.match_skeleton(skeleton, patterns)
    return str(patterns[matched].pattern) if matched else skeleton


def format_date(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = to_local(day).date()
    return babel_dates.format_date(day, _skeleton_pattern(_current, "yMMdd"), locale=locale())


def format_weekday(day: date) -> str:
    """The day of the week in the current language: 星期四, Thursday."""
    return babel_dates.format_date(day, "EEEE", locale=locale())


def format_time(moment: datetime | time | None) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = to_local(moment).time()
    if _current.startswith("zh"):
        # 24-hour clock in Chinese (zh_TW's own default would be 下午3:05).
        return babel_dates.format_time(moment, _skeleton_pattern(_current, "Hm"), locale=locale())
    return babel_dates.format_time(moment, "short", locale=locale())


def format_number(value: float | int) -> str:
    return babel_numbers.format_decimal(value, locale=locale())


def format_percent(ratio: float | None) -> str:
    """A share as a percentage; ``None`` (nothing to divide) shows as a dash."""
    if ratio is None:
        return "—"
    return babel_numbers.format_percent(ratio, format="#,##0.0%", locale=locale())


def format_duration(seconds: int | float | None) -> str:
    """Elapsed time as H:MM:SS or M:SS, the way a call timer reads."""
    if seconds is None:
        return ""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_month_day(day: date) -> str:
    """A short day without the year, for narrow chart axes: 10/16."""
    return babel_dates.format_date(day, _skeleton_pattern(_current, "Md"), locale=locale())
