"""The aid panels' pieces: lists that wrap mixed Chinese and Latin fully, a search that waits for a
pause, phrases inserted only into fields that take text."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QStyle, QStyleOptionViewItem

from desktop import i18n
from desktop.services.database import Database
from desktop.services.phrases import PhraseService
from desktop.ui.aid_widgets import SearchBox, insert_at_cursor, wrapped_height
from desktop.ui.phrases_panel import PhrasesPanel

MIXED = "Alt+1  Hello, thank you for calling 华东客户服务中心. This is agent A1001; how may I help you?"


def test_english_phrases_with_chinese_names_show_every_line(qtbot, database: Database) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language("en")
    panel = PhrasesPanel(PhraseService(database.sessions),
                         lambda: {"centre": "华东", "agent_id": "A1001", "customer": "王先生"})
    qtbot.addWidget(panel)
    panel.resize(300, 500)
    panel.show()
    qtbot.waitExposed(panel)
    view = panel.list
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    option = QStyleOptionViewItem()
    option.font = view.font()
    checked = 0
    for row in range(view.count()):
        item = view.item(row)
        text_room = view.visualItemRect(item).height() - 2 * margin
        assert text_room >= wrapped_height(item.text(), option, view.viewport().width() - 2 * margin), item.text()
        checked += "华东" in item.text() or "王先生" in item.text()
    assert checked >= 2


def test_wider_means_fewer_lines() -> None:
    option = QStyleOptionViewItem()
    assert wrapped_height(MIXED, option, 2000) < wrapped_height(MIXED, option, 150)
    assert wrapped_height("", option, 100) >= 0


def test_only_editable_text_fields_take_a_phrase(qtbot) -> None:  # type: ignore[no-untyped-def]
    line, plain, label = QLineEdit("ab"), QPlainTextEdit(), QLabel("x")
    for widget in (line, plain, label):
        qtbot.addWidget(widget)
    line.setCursorPosition(1)
    assert insert_at_cursor(line, "您好") and line.text() == "a您好b"
    assert insert_at_cursor(plain, "您好") and plain.toPlainText() == "您好"
    plain.setReadOnly(True)
    line.setEnabled(False)
    assert not insert_at_cursor(plain, "再见") and not insert_at_cursor(line, "再见")
    assert not insert_at_cursor(label, "再见") and not insert_at_cursor(None, "再见")


def test_the_search_waits_for_a_pause_in_typing(qtbot) -> None:  # type: ignore[no-untyped-def]
    box = SearchBox("搜索", "搜索", 100)
    qtbot.addWidget(box)
    asked: list[str] = []
    box.search_requested.connect(lambda: asked.append(box.text()))
    box.setText("退")
    box.setText("退款")
    assert asked == []
    qtbot.waitUntil(lambda: asked == ["退款"], timeout=1000)
    box.setText("退款到账")
    box.stop()
    qtbot.wait(200)
    assert asked == ["退款"]
