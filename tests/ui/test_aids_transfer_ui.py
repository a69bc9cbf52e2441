"""Export and import of phrases, FAQ and guides from the Tools menu, off the UI thread."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from desktop.services.aids_dto import FaqInput, ImportResult, RowProblem
from desktop.ui.aids_transfer_ui import SHOWN_PROBLEMS, describe_import
from tests.helpers import AGENT


def _export(qtbot, window, messages, path: Path) -> None:  # type: ignore[no-untyped-def]
    window.aids.transfer.choose_export_path = lambda: path
    window.aids.export_action.trigger()
    qtbot.waitUntil(lambda: bool(messages.shown) and messages.shown[-1][0] == "info", timeout=10000)


def _import(qtbot, window, messages, path: Path) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    shown = len(messages.shown)
    window.aids.transfer.choose_import_path = lambda: path
    window.aids.import_action.trigger()
    qtbot.waitUntil(lambda: len(messages.shown) == shown + 1, timeout=10000)
    return messages.shown[-1]


def test_export_then_import_into_the_same_desk_changes_nothing(qtbot, window, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aids = window.aids
    aids.faq.save(None, FaqInput("如何申请退款到账？", "三个工作日内原路退回。"), AGENT)
    path = tmp_path / "aids.xlsx"
    _export(qtbot, window, messages, path)
    assert messages.shown[-1][1] == "导出完成" and str(path) in messages.shown[-1][2]
    assert load_workbook(path).sheetnames == ["快捷短语", "FAQ", "问题指引"]

    kind, title, text = _import(qtbot, window, messages, path)
    assert (kind, title) == ("info", "导入完成")
    assert text.startswith("新增 0 条；更新 0 条；已存在")


def test_an_import_adds_what_is_new_and_the_panels_show_it(qtbot, window, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aids = window.aids
    path = tmp_path / "aids.xlsx"
    _export(qtbot, window, messages, path)
    book = load_workbook(path)
    book["FAQ"].append(["发票如何开具？", "在订单详情页申请电子发票。", "发票", "账单"])
    book["快捷短语"].append(["自定义", "zh_CN", "请您稍等，我马上为您查询。"])
    book["快捷短语"].append(["不知道", "zh_CN", "坏行"])
    book.save(path)
    kind, title, text = _import(qtbot, window, messages, path)
    assert (kind, title) == ("info", "导入完成，但有问题")
    assert text.startswith("新增 2 条")
    assert f"快捷短语，第 {book['快捷短语'].max_row} 行，“分类”列：“不知道”不在列表中" in text
    assert aids.faq_panel.questions()[0] == "发票如何开具？"
    assert "请您稍等，我马上为您查询。" in aids.phrases_panel.phrases()


def test_a_malformed_file_is_reported_and_nothing_changes(qtbot, window, messages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    aids = window.aids
    before = (aids.phrases.list(None), aids.faq.search(""), aids.guides.list())
    path = tmp_path / "not-a-workbook.xlsx"
    path.write_text("名称,内容\n问候,您好\n", encoding="utf-8")
    kind, _title, text = _import(qtbot, window, messages, path)
    assert kind == "error" and "not-a-workbook.xlsx" in text and "未导入任何内容" in text
    assert (aids.phrases.list(None), aids.faq.search(""), aids.guides.list()) == before


def test_cancelling_the_file_choice_does_nothing(window, messages) -> None:  # type: ignore[no-untyped-def]
    window.aids.transfer.choose_import_path = lambda: None
    window.aids.transfer.choose_export_path = lambda: None
    window.aids.import_action.trigger()
    window.aids.export_action.trigger()
    assert window.aids.transfer.task is None and messages.shown == []


def test_the_report_lists_the_first_problems_only() -> None:
    problems = tuple(RowProblem("FAQ", row, "答案", "必填") for row in range(2, SHOWN_PROBLEMS + 7))
    text = describe_import(ImportResult(1, 2, 3, problems))
    lines = text.splitlines()
    assert lines[0] == "新增 1 条；更新 2 条；已存在 3 条。"
    assert lines[1] == f"发现 {len(problems)} 个问题，以下各行未导入："
    assert lines[2] == "FAQ，第 2 行，“答案”列：必填"
    assert lines[-1] == "……另有 5 个。"
    assert len(lines) == 2 + SHOWN_PROBLEMS + 1
