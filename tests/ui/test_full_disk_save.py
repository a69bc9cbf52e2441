"""A save the database refuses because the disk is full: the agent is told, the form and its draft stay."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from desktop.drafts import DraftStore
from desktop.services import tickets as ticket_service
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import type_text


def test_a_full_disk_at_save_keeps_the_form_and_the_draft(qtbot, window: MainWindow, messages,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("INSERT INTO tickets", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(ticket_service.TicketService, "_insert_ticket", full_disk)
    window.new_call()
    form = window.form
    type_text(qtbot, form.phone, "13912345678")
    type_text(qtbot, form.description, "磁盘满时登记的来电：客户要求退款")
    assert form.save() is False
    [(kind, _title, text)] = messages.shown
    assert kind == "error" and "OperationalError" in text
    assert form.description.toPlainText() == "磁盘满时登记的来电：客户要求退款" and form.is_dirty()
    kept = DraftStore().load("A1001")
    assert kept is not None and "客户要求退款" in kept.draft.description
    assert window.model.rowCount() == 0
