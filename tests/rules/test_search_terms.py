"""The search-term split: character pairs for Chinese, words for Latin text, the same for queries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.rules.search_terms import MAX_TERM, query_pieces, query_terms, terms


def test_chinese_runs_become_overlapping_pairs() -> None:
    assert terms("申请退款到账") == ["申请", "请退", "退款", "款到", "到账"]


def test_a_single_chinese_character_stands_for_itself() -> None:
    assert terms("退 款") == ["退", "款"]
    assert terms("A套餐") == ["a", "套餐"]


def test_latin_and_digits_become_lower_cased_words() -> None:
    assert terms("WiFi6 Router, reset!") == ["wifi6", "router", "reset"]


def test_punctuation_splits_runs_and_repeats_are_kept_once() -> None:
    assert terms("退款？退款。") == ["退款"]
    assert terms("无法开机，开机") == ["无法", "法开", "开机"]
    assert terms("") == [] and terms(None) == []


def test_long_words_are_cut_to_the_column_width() -> None:
    word = "x" * 50
    assert terms(word) == ["x" * MAX_TERM]


def test_a_query_splits_like_the_text() -> None:
    asked = query_terms("无法开机 WiFi 退")
    assert asked.exact == ("无法", "法开", "开机")
    assert asked.prefixes == ("wifi",)
    assert asked.single_chars == ("退",)
    assert not asked.empty
    assert query_terms(" ？！ ").empty


def test_query_pieces_are_the_whitespace_separated_words() -> None:
    assert query_pieces("  无法开机  WiFi ") == ["无法开机", "wifi"]
    assert query_pieces(None) == []


@given(st.text(alphabet="申请退款到账无法开机物流查询abcXYZ019 ，。", max_size=40))
def test_every_pair_of_a_text_is_among_its_terms(text: str) -> None:
    found = set(terms(text))
    asked = query_terms(text)
    assert set(asked.exact) <= found
    assert {prefix for prefix in asked.prefixes} <= found
