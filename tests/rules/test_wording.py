from __future__ import annotations

import pytest

from desktop import i18n
from desktop.rules.wording import SUBJECTIVE_PHRASES, subjective_phrases, wording_hint

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    "phrase",
    ["客户认为", "我觉得", "无理取闹", "胡搅蛮缠", "态度恶劣", "难缠", "客戶認為", "無理取鬧", "難纏",
     "I think", "obviously"],
)
def test_phrase_list(phrase: str) -> None:
    assert phrase in SUBJECTIVE_PHRASES
    assert subjective_phrases(f"记录：{phrase}。") == [phrase]


def test_order_of_first_appearance_without_duplicates() -> None:
    text = "客户无理取闹，我觉得他故意的，我觉得无理取闹。"
    assert subjective_phrases(text) == ["无理取闹", "我觉得", "故意"]


def test_latin_is_case_insensitive_and_whole_word() -> None:
    assert subjective_phrases("i THINK the parcel was PROBABLY lost") == ["I think", "probably"]
    assert subjective_phrases("An improbably long wait; I thinking") == []


@pytest.mark.parametrize(
    "text", [None, "", "客户来电称路由器无法联网，已重启两次。", "Customer reports the app crashes on login."]
)
def test_objective_text_has_no_hint(text: str | None) -> None:
    assert subjective_phrases(text) == []
    assert wording_hint(text) is None


def test_hint_in_english_uses_comma() -> None:
    hint = wording_hint("I think he is unreasonable")
    assert hint is not None
    assert "I think, unreasonable" in hint
    assert hint.startswith("Keep the record objective")


def test_hint_in_chinese_uses_enumeration_comma() -> None:
    i18n.set_language("zh_CN")
    hint = wording_hint("我觉得客户胡搅蛮缠")
    assert hint is not None
    assert "我觉得、胡搅蛮缠" in hint
