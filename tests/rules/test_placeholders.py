"""Filling {centre}, {agent_id} and {customer} in quick phrases; filling never fails."""

from __future__ import annotations

from desktop import i18n
from desktop.rules.placeholders import describe_placeholders, fill, placeholders_in, unknown_placeholders

GREETING = "您好，这里是{centre}客户服务热线，工号{agent_id}为您服务"


def test_known_placeholders_are_filled() -> None:
    assert fill(GREETING, centre="华东", agent_id="A1001", customer="王先生") == \
        "您好，这里是华东客户服务热线，工号A1001为您服务"
    assert fill("{customer}，非常理解您的心情", customer=" 王先生 ") == "王先生，非常理解您的心情"


def test_an_empty_centre_or_customer_gets_a_neutral_wording() -> None:
    assert fill(GREETING, agent_id="A1001") == "您好，这里是本公司客户服务热线，工号A1001为您服务"
    assert fill("{customer}，非常理解您的心情") == "尊敬的客户，非常理解您的心情"
    i18n.set_language("en")
    assert fill("Thank you for calling {centre}.") == "Thank you for calling our company."


def test_an_empty_agent_id_is_left_out() -> None:
    assert fill("工号{agent_id}为您服务") == "工号为您服务"


def test_unknown_placeholders_stay_visible_and_odd_braces_do_not_fail() -> None:
    assert fill("{centre}{unknown} {", centre="华东") == "华东{unknown} {"
    assert fill("{} {0} {{centre}}", centre="华东") == "{} {0} {华东}"


def test_placeholders_are_listed_and_checked() -> None:
    assert placeholders_in("{customer}{centre}{customer}") == ["customer", "centre"]
    assert unknown_placeholders("{centre}{name}{agent_id}") == ["name"]
    assert "{centre}" in describe_placeholders() and "{customer}" in describe_placeholders()
