"""Customer names as shown on screen and masked for paper."""

from __future__ import annotations

import re

from desktop.i18n import N_, _

ANONYMOUS = N_("Anonymous customer")

# Longest first, so that "经理" wins over a shorter suffix; Traditional forms for zh_TW users.
_HONORIFICS: tuple[str, ...] = ("先生", "女士", "小姐", "老师", "老師", "经理", "經理", "总", "總")
_TITLE = re.compile(r"^(Mr|Ms|Mrs|Miss|Dr)\.?\s+(.+)$", re.IGNORECASE)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


def display_name(name: str | None) -> str:
    """The name as given, or "Anonymous customer" when none was given."""
    stripped = (name or "").strip()
    return stripped or _(ANONYMOUS)


def _mask_words(text: str) -> str:
    return " ".join(word[0] + "*" * (len(word) - 1) for word in text.split())


def mask_name(name: str | None) -> str:
    """Hide all but the surname or title: "王先生" -> "*先生", "李明" -> "李*", "Mr. Smith" -> "Mr. S****"."""
    stripped = (name or "").strip()
    if not stripped:
        return _(ANONYMOUS)
    if stripped in (ANONYMOUS, _(ANONYMOUS)):
        return stripped
    title = _TITLE.match(stripped)
    if title:
        return f"{title.group(0)[: title.start(2)].rstrip()} {_mask_words(title.group(2))}"
    if any(_is_cjk(ch) for ch in stripped):
        compact = "".join(stripped.split())
        for suffix in _HONORIFICS:
            if compact.endswith(suffix) and len(compact) > len(suffix):
                return "*" + suffix
        return compact[0] + "*" * (len(compact) - 1)
    return _mask_words(stripped)
