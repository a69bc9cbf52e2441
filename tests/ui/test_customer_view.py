"""The customer view: from the history beside the form, the table lists every ticket of the caller."""

from __future__ import annotations

from desktop.services.dto import Actor
from desktop.ui.main_window import MainWindow
from desktop.ui.ticket_table_model import COL_PHONE
from tests.helpers import make_draft
from tests.ui.conftest import type_text


def test_list_every_ticket_of_the_caller_then_everyone_again(qtbot, window: MainWindow, colleague: Actor) -> None:  # type: ignore[no-untyped-def]
    tickets = window.ctx.tickets
    for text in ("上次咨询物流", "退款还没到账", "快递显示签收但没收到"):
        tickets.create(make_draft(phone="13800138000", description=text), colleague)
    tickets.create(make_draft(phone="13912345678", description="另一位客户"), colleague)
    window.refresh()
    assert window.model.rowCount() == 4
    window.new_call()
    type_text(qtbot, window.form.phone, "13800138000")
    qtbot.waitUntil(lambda: window.history.list.count() == 3, timeout=2000)
    button = window.history.all_button
    assert button.isVisibleTo(window.history) and "3" in button.text()
    button.click()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=2000)
    assert {window.model.index(r, COL_PHONE).data() for r in range(3)} == {"138****8000"}
    chip = window.filter_bar.customer
    assert chip.isVisibleTo(window.filter_bar) and "138****8000" in chip.text()
    assert window.form.phone.number() == "13800138000"  # the call being logged is untouched
    chip.click()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=2000)
    assert not chip.isVisibleTo(window.filter_bar)
