"""Search terms for Chinese and Latin text: the same split for what is indexed and what is asked.

SQLite's FTS5 trigram tokenizer cannot find two-character Chinese words (退款, 物流), and
``LIKE '%…%'`` reads the whole table. So every indexed text is cut into terms kept in a
table (desktop/models/search_index.py), identically on SQLite and PostgreSQL:

- a run of CJK characters gives its overlapping character pairs (申请退款 → 申请 请退 退款);
  a run of a single CJK character gives that character;
- a run of letters and digits gives one lower-cased word (WiFi6 → wifi6).

A query is split the same way; a row matches when it has every term of the query. Pairs
alone would also accept 无法…开机 for 无法开机, so candidates are then confirmed with
:func:`query_pieces`: each whitespace-separated piece of the query must be a substring of
one of the row's texts (desktop/models/search_index.py does that check in SQL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TERM = 32  # the width of search_terms.term; longer words are cut (the substring check stays exact)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_RUNS = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)")


def _cjk_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def terms(text: str | None) -> list[str]:
    """The distinct terms of ``text``, in order of first appearance."""
    if not text:
        return []
    found: dict[str, None] = {}
    for match in _RUNS.finditer(text.lower()):
        cjk, word = match.groups()
        for term in _cjk_terms(cjk) if cjk else [word[:MAX_TERM]]:
            found.setdefault(term, None)
    return list(found)


@dataclass(frozen=True)
class QueryTerms:
    """What a query asks for: exact terms, and word prefixes (the word still being typed)."""

    exact: tuple[str, ...]
    prefixes: tuple[str, ...]
    single_chars: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.exact or self.prefixes or self.single_chars)


def query_terms(query: str | None) -> QueryTerms:
    """Split a query like an indexed text.

    Latin words match as prefixes (``rout`` finds ``router`` while the agent types);
    a lone CJK character can sit anywhere in a pair, so it is looked for inside the terms.
    """
    exact: dict[str, None] = {}
    prefixes: dict[str, None] = {}
    singles: dict[str, None] = {}
    for match in _RUNS.finditer((query or "").lower()):
        cjk, word = match.groups()
        if cjk and len(cjk) == 1:
            singles.setdefault(cjk, None)
        elif cjk:
            for term in _cjk_terms(cjk):
                exact.setdefault(term, None)
        else:
            prefixes.setdefault(word[:MAX_TERM], None)
    return QueryTerms(tuple(exact), tuple(prefixes), tuple(singles))


def query_pieces(query: str | None) -> list[str]:
    """The whitespace-separated pieces of a query, lower-cased for comparison."""
    return [piece for piece in (query or "").lower().split() if piece]


def terms_settle_it(query: str | None) -> bool:
    """Whether having the query's terms already proves the match, so no text needs reading.

    True when every piece is one pair of CJK characters (物流, 物流 延迟): a row has the term 物流
    exactly when one of its texts holds 物流, as a pair is only ever cut from adjacent characters.
    Longer pieces need the substring check (无法…开机 has every pair of 无法开机), and Latin words are
    prefixes (``rout`` is a term of ``router`` but not of ``detour``).
    """
    pieces = query_pieces(query)
    return bool(pieces) and all(_is_cjk_pair(piece) for piece in pieces)


def _is_cjk_pair(piece: str) -> bool:
    match = _RUNS.fullmatch(piece)
    return len(piece) == 2 and match is not None and match.group(1) is not None
