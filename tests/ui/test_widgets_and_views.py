"""The small pieces the window is built from: phone field, lists, optional times, timeline text, filter bar."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop.i18n import set_language
from desktop.services.dto import ChoiceOption, TimelineItem
from desktop.ui.filter_bar import FilterBar
from desktop.ui.timeline_view import describe_entry, describe_value
from desktop.ui.widgets import ChoiceCombo, FieldMessage, OptionalDateTime, PhoneEdit
from tests.ui.conftest import type_text

LABELS = {("priority", "urgent"): "紧急", ("status", "resolved"): "已解决"}


def _label(list_key: str, code: str) -> str:
    return LABELS.get((list_key, code), code)


def _pair(qtbot):  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    phone = PhoneEdit(holder)
    other = QLineEdit(holder)
    layout = QVBoxLayout(holder)
    layout.addWidget(phone)
    layout.addWidget(other)
    holder.show()
    holder.activateWindow()
    qtbot.waitActive(holder)
    return phone, other, holder


def test_phone_shows_whole_while_typing_and_masked_after(qtbot) -> None:  # type: ignore[no-untyped-def]
    phone, other, _holder = _pair(qtbot)
    phone.setFocus()
    qtbot.waitUntil(phone.hasFocus)
    type_text(qtbot, phone, "13912345678")
    assert phone.text() == "13912345678"
    other.setFocus()
    qtbot.waitUntil(lambda: phone.text() == "139****5678")
    assert phone.number() == "13912345678"
    phone.setFocus()
    qtbot.waitUntil(lambda: phone.text() == "13912345678")


def test_a_stored_number_arrives_masked_and_a_reveal_shows_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    phone, other, _holder = _pair(qtbot)
    other.setFocus()
    phone.set_number("139****5678")
    assert phone.text() == "139****5678"  # not masked twice
    phone.reveal("13912345678")
    assert phone.text() == "13912345678"
    phone.set_number("138****0000")
    assert phone.text() == "138****0000"  # another ticket: the reveal is over


def test_choice_combo_keeps_a_code_that_left_the_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = ChoiceCombo([ChoiceOption("phone", "电话"), ChoiceOption("web", "官网表单")], blank="（未填）")
    qtbot.addWidget(combo)
    assert combo.code() is None
    combo.set_code("web")
    assert combo.code() == "web" and combo.currentText() == "官网表单"
    combo.set_code("fax")
    assert combo.code() == "fax"  # shown rather than silently replaced


def test_optional_time_is_none_until_ticked(qtbot) -> None:  # type: ignore[no-untyped-def]
    moment = datetime(2023, 10, 26, 10, 0, tzinfo=UTC)
    widget = OptionalDateTime("承诺")
    qtbot.addWidget(widget)
    widget.set_value(None, default=moment)
    assert widget.value() is None and not widget.editor.isEnabled()
    with qtbot.waitSignal(widget.changed):
        widget.enabled_box.setChecked(True)
    assert widget.value() == moment
    widget.set_value(None)
    assert widget.value() is None


def test_field_message_says_error_or_hint_with_a_symbol(qtbot) -> None:  # type: ignore[no-untyped-def]
    message = FieldMessage()
    qtbot.addWidget(message)
    message.show_message("请填写", error=True)
    assert message.kind == "error" and message.text().startswith("✖")
    message.show_message("请客观记录", error=False)
    assert message.kind == "warning" and message.text().startswith("⚠")
    message.show_message(None, error=False)
    assert message.kind == "" and message.isHidden()


def test_timeline_text_masks_phones_and_names_codes() -> None:
    item = TimelineItem(1, datetime(2023, 10, 15, 2, 15, tzinfo=UTC), "A1001", "张敏", "updated",
                        (("phone", "+8613912345678", "+8613800138000"), ("priority", "normal", "urgent"),
                         ("department_id", None, 1), ("promised_feedback_at", None, "2023-10-16T10:00:00+00:00")),
                        "10:15 分派至技术部李工")
    text = describe_entry(item, _label, {1: "技术部"})
    assert "139****5678 → 138****8000" in text
    assert "紧急" in text and "技术部" in text and "（空）" in text
    assert "A1001" in text and "张敏" in text
    assert "10:15 分派至技术部李工" in text
    assert "13912345678" not in text
    assert describe_value("description", "长" * 80, _label, {}).endswith("…")


def test_filter_bar_builds_the_filter_and_resets(qtbot) -> None:  # type: ignore[no-untyped-def]
    set_language("zh_CN")
    bar = FilterBar([ChoiceOption("resolved", "已解决")], [ChoiceOption("complaint", "投诉")])
    qtbot.addWidget(bar)
    assert bar.current().text == "" and bar.current().status is None
    bar.status.set_code("resolved")
    bar.issue_type.set_code("complaint")
    bar.date_from.set_value(date(2023, 10, 15))
    type_text(qtbot, bar.search, "物流")
    with qtbot.waitSignal(bar.changed, timeout=2000) as blocker:
        pass
    flt = blocker.args[0]
    assert (flt.status, flt.issue_type, flt.date_from, flt.date_to, flt.text) == (
        "resolved", "complaint", date(2023, 10, 15), None, "物流")
    with qtbot.waitSignal(bar.changed) as reset:
        bar.reset_button.click()
    assert reset.args[0] == bar.current() and reset.args[0].text == "" and reset.args[0].date_from is None
