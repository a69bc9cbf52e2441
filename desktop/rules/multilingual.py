"""Recognising a label typed in any of the program's languages (imported spreadsheets).

A workbook exported at a 繁體中文 station says 問候語 where a 简体中文 one says 问候语 and an
English one Greeting; all three (and the stable code itself) mean the same entry.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop import i18n


def every_translation(msgid: str) -> set[str]:
    """``msgid`` and its translation in every language of the program."""
    # The catalogs are loaded per language without switching the current one (imports run
    # in a worker thread while the window keeps its language).
    return {msgid} | {i18n._translations(language).gettext(msgid) for language in i18n.LANGUAGES}


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def match_code(value: object, labels: Mapping[str, set[str]]) -> str | None:
    """The code whose code or one of whose labels is ``value`` (spaces and case ignored)."""
    if value is None:
        return None
    wanted = _fold(str(value))
    if not wanted:
        return None
    for code, names in labels.items():
        if wanted == _fold(code) or any(wanted == _fold(name) for name in names):
            return code
    return None


def label_sets(msgids: Mapping[str, str]) -> dict[str, set[str]]:
    """code -> every translation of its msgid, for :func:`match_code`."""
    return {code: every_translation(msgid) for code, msgid in msgids.items()}
