"""A hint when a problem description reads as an opinion rather than a record (a warning, never an error)."""

from __future__ import annotations

import re

from desktop.i18n import current_language, ngettext

SUBJECTIVE_PHRASES: tuple[str, ...] = (
    # Simplified Chinese
    "客户认为", "我觉得", "我认为", "无理取闹", "胡搅蛮缠", "态度恶劣", "脾气差", "素质差",
    "肯定是", "应该是", "估计", "好像", "可能是", "故意", "矫情", "难缠",
    # Traditional Chinese, where the characters differ
    "客戶認為", "我覺得", "我認為", "無理取鬧", "胡攪蠻纏", "態度惡劣", "脾氣差", "素質差",
    "應該是", "估計", "矯情", "難纏",
    # English (matched as whole words, any case)
    "I think", "I feel", "unreasonable", "probably", "obviously",
)


def _pattern(phrase: str) -> str:
    escaped = re.escape(phrase)
    return rf"\b{escaped}\b" if phrase.isascii() else escaped


_CANONICAL = {phrase.casefold(): phrase for phrase in SUBJECTIVE_PHRASES}
_FINDER = re.compile(
    "|".join(_pattern(p) for p in sorted(SUBJECTIVE_PHRASES, key=len, reverse=True)),
    re.IGNORECASE,
)


def subjective_phrases(text: str | None) -> list[str]:
    """The listed phrases found in ``text``, in order of first appearance, each once."""
    found: list[str] = []
    for match in _FINDER.finditer(text or ""):
        phrase = _CANONICAL[match.group(0).casefold()]
        if phrase not in found:
            found.append(phrase)
    return found


def wording_hint(text: str | None) -> str | None:
    """A message asking for objective wording, or None when the text has no opinion phrases."""
    found = subjective_phrases(text)
    if not found:
        return None
    separator = ", " if current_language() == "en" else "、"
    return ngettext(
        "Keep the record objective: {phrases} reads as an opinion. Write what the customer said or what happened.",
        "Keep the record objective: {phrases} read as opinions. Write what the customer said or what happened.",
        len(found),
    ).format(phrases=separator.join(found))
