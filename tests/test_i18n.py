"""The catalogs: complete for every language, in step with the code, placeholders intact."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from desktop import i18n
from desktop.paths import catalogs_dir

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?:![rsa])?(?::[^}]*)?\}")


def _catalog(language: str):  # type: ignore[no-untyped-def]
    path = catalogs_dir() / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _code_messages() -> set[str]:
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "desktop"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_catalog_is_complete(language: str) -> None:
    catalog = _catalog(language)
    untranslated = [m.id for m in catalog if m.id and not (all(m.string) if m.pluralizable else m.string)]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_catalog_covers_every_string_in_the_code(language: str) -> None:
    catalog = _catalog(language)
    known = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}
    missing = sorted(_code_messages() - known)
    assert missing == [], "run i18n/update.sh and translate the new entries"


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_the_compiled_catalog_says_what_the_po_file_says(language: str) -> None:
    """The program reads the .mo beside each .po (faster start); an edit to the .po alone must not ship."""
    mo_path = catalogs_dir() / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    assert mo_path.exists(), "run i18n/update.sh: it compiles the .mo files"
    with mo_path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for message in _catalog(language):
        if not message.id:
            continue
        if message.context:
            stale += [] if compiled.pgettext(message.context, message.id) == message.string else [message.id]
        elif message.pluralizable:
            singular, plural = message.id
            shown = (compiled.ngettext(singular, plural, 1), compiled.ngettext(singular, plural, 2))
            stale += [] if message.string[0] in shown else [singular]
        elif compiled.gettext(message.id) != message.string:
            stale.append(message.id)
    assert stale == [], "run i18n/update.sh: the .mo is older than the .po"


def test_a_damaged_compiled_catalog_falls_back_to_the_po_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = catalogs_dir() / "zh_CN" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    (folder / f"{i18n.DOMAIN}.po").write_bytes(source.read_bytes())
    (folder / f"{i18n.DOMAIN}.mo").write_bytes(b"not a catalog")
    monkeypatch.setattr(i18n, "catalogs_dir", lambda: tmp_path)
    i18n._translations.cache_clear()
    try:
        i18n.set_language("zh_CN")
        assert i18n._("FAQ") == "常见问题"
    finally:
        i18n._translations.cache_clear()


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_translations_keep_their_placeholders(language: str) -> None:
    for message in _catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, (language, message.id, string)


def test_zh_cn_is_the_default_and_uses_the_forms_terms() -> None:
    assert i18n.current_language() == "zh_CN"
    assert i18n._("Ticket no.") == "工单编号"
    assert i18n._("Returning customer") == "老客户"
    i18n.set_language("zh_TW")
    assert i18n._("Returning customer") == "老客戶"
    i18n.set_language("en")
    assert i18n._("Returning customer") == "Returning customer"


def test_language_codes_are_normalised() -> None:
    assert i18n.normalize_language("zh-TW") == "zh_TW"
    assert i18n.normalize_language("zh_Hant_HK") == "zh_TW"
    assert i18n.normalize_language("zh") == "zh_CN"
    assert i18n.normalize_language("en_US") == "en"
    assert i18n.normalize_language("fr") == "zh_CN"
    assert i18n.normalize_language(None) == "zh_CN"


def test_locale_formatting_uses_a_24_hour_clock_in_chinese() -> None:
    from datetime import UTC, datetime

    moment = datetime(2023, 10, 15, 14, 5, tzinfo=UTC)
    for language in ("zh_CN", "zh_TW"):
        i18n.set_language(language)
        text = i18n.format_time(moment)
        assert re.search(r"\b\d{2}:05\b", text), text
        assert "下午" not in text and "PM" not in text
    i18n.set_language("en")
    assert i18n.format_number(12345.5) == "12,345.5"
    assert i18n.format_percent(None) == "—"
    assert i18n.format_duration(95) == "1:35"
    assert i18n.format_duration(3725) == "1:02:05"
