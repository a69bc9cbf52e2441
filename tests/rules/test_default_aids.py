"""The shipped phrases and guides: every language, every business module, SPEC §5's billing guide."""

from __future__ import annotations

import pytest

from desktop.i18n import LANGUAGES
from desktop.rules.aids_validation import CATEGORIES, validate_guide, validate_phrase
from desktop.rules.choices import BUILTIN, BUSINESS_MODULE
from desktop.rules.default_aids import default_aids
from desktop.rules.guide_steps import join_steps


def test_billing_is_the_spec_example() -> None:
    billing = next(g for g in default_aids()["zh_CN"].guides if g.problem_type == "billing")
    assert billing.steps == ("调取账单", "核对明细", "解释说明", "需退款则转财务")
    assert (billing.min_minutes, billing.max_minutes) == (5, 8)
    assert "不承诺退款到账时间" in billing.cautions
    assert billing.typical_case.startswith("账单疑问")


def test_the_zh_cn_phrases_greet_calm_confirm_and_close() -> None:
    phrases = default_aids()["zh_CN"].phrases
    assert ("greeting", "您好，这里是{centre}客户服务热线，工号{agent_id}为您服务，请问有什么可以帮您？") in phrases
    assert ("calming", "{customer}，非常理解您的心情，我们一定尽快为您处理。") in phrases
    assert ("confirming", "您的意思是……，对吗？") in phrases
    assert ("closing", "感谢您的来电，祝您生活愉快，再见！") in phrases


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_language_has_valid_phrases_in_each_category(language: str) -> None:
    phrases = default_aids()[language].phrases
    assert {category for category, _text in phrases} == set(CATEGORIES) - {"custom"}
    for category, text in phrases:
        assert validate_phrase(category, text, language).ok, text


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_business_module_has_a_valid_guide(language: str) -> None:
    guides = default_aids()[language].guides
    assert sorted(g.problem_type for g in guides) == sorted(code for code, _ in BUILTIN[BUSINESS_MODULE])
    for guide in guides:
        report = validate_guide(guide.problem_type, language, guide.typical_case, join_steps(list(guide.steps)),
                                guide.min_minutes, guide.max_minutes, guide.cautions)
        assert report.ok, (guide.problem_type, dict(report.errors))


def test_the_languages_tell_the_same_guides() -> None:
    sets = default_aids()
    shape = {(g.problem_type, len(g.steps), g.min_minutes, g.max_minutes) for g in sets["zh_CN"].guides}
    for language in ("zh_TW", "en"):
        assert {(g.problem_type, len(g.steps), g.min_minutes, g.max_minutes) for g in sets[language].guides} == shape
