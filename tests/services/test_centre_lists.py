"""Departments and choice lists edited by an administrator: order, rename, hide, add; audited; refused
for others and for bad names."""

from __future__ import annotations

import pytest

from desktop.rules.centre_lists import ListEntry
from desktop.rules.choices import CHANNEL, ISSUE_TYPE, PRIORITY
from desktop.services.centre_lists import CentreListService
from desktop.services.choices import ChoiceService
from desktop.services.database import Database
from desktop.services.errors import PermissionDenied, ValidationFailed
from tests.account_helpers import Centre, build_centre
from tests.helpers import FakeClock, make_draft


@pytest.fixture
def centre(database: Database, clock: FakeClock) -> Centre:
    return build_centre(database, clock)


@pytest.fixture
def lists(database: Database, clock: FakeClock) -> CentreListService:
    return CentreListService(database.sessions, clock=clock)


def test_departments_renamed_reordered_hidden_and_added_in_one_save(
        centre: Centre, lists: CentreListService, database: Database) -> None:
    first, second, *rest = lists.departments()
    edited = [ListEntry(None, "  客服  质检部 "), ListEntry(second.key, second.label),
              ListEntry(first.key, "技术支持部"), *(ListEntry(e.key, e.label, active=False) for e in rest)]
    lists.save_departments(centre.admin, edited)
    assert [(e.label, e.active) for e in lists.departments()] == [
        ("客服 质检部", True), (second.label, True), ("技术支持部", True), *((e.label, False) for e in rest)]
    offered = ChoiceService(database.sessions).departments()
    assert [d.name for d in offered] == ["客服 质检部", second.label, "技术支持部"]
    [entry] = centre.entries("departments_changed")
    assert entry.actor_code == "M001"


def test_two_departments_swap_names(centre: Centre, lists: CentreListService) -> None:
    first, second, *rest = lists.departments()
    lists.save_departments(centre.admin, [ListEntry(first.key, second.label), ListEntry(second.key, first.label),
                                          *rest])
    now = lists.departments()
    assert (now[0].key, now[0].label) == (first.key, second.label)
    assert (now[1].key, now[1].label) == (second.key, first.label)


def test_a_hidden_department_still_names_its_old_tickets(centre: Centre, lists: CentreListService) -> None:
    first, *rest = lists.departments()
    ticket = centre.tickets.create(make_draft(department_id=first.key), centre.agent)
    lists.save_departments(centre.admin, [ListEntry(first.key, first.label, active=False), *rest])
    assert centre.tickets.get(ticket.id).draft.department_id == first.key


@pytest.mark.parametrize(("names", "row", "words"), [
    (["技术部", " "], "1", "名称"),
    (["技术部", "技术部"], "1", "两次"),
    (["技术部", "部" * 65], "1", "64"),
])
def test_bad_department_names_are_refused_by_row_and_nothing_changes(
        centre: Centre, lists: CentreListService, names: list[str], row: str, words: str) -> None:
    before = lists.departments()
    with pytest.raises(ValidationFailed) as refused:
        lists.save_departments(centre.admin, [ListEntry(None, name) for name in names])
    assert words in refused.value.report.errors[row]
    assert lists.departments() == before


def test_hiding_every_entry_is_refused(centre: Centre, lists: CentreListService) -> None:
    with pytest.raises(ValidationFailed) as refused:
        lists.save_departments(centre.admin, [ListEntry(e.key, e.label, active=False) for e in lists.departments()])
    assert "-1" in refused.value.report.errors


@pytest.mark.parametrize("kind", ["agent", "supervisor", "retired_admin"])
def test_only_an_administrator_edits_the_lists(centre: Centre, lists: CentreListService, kind: str) -> None:
    before = lists.departments()
    with pytest.raises(PermissionDenied):
        lists.save_departments(centre.actor(kind), [*before, ListEntry(None, "新部门")])
    with pytest.raises(PermissionDenied):
        lists.save_entries(centre.actor(kind), ISSUE_TYPE, [*lists.entries(ISSUE_TYPE), ListEntry(None, "催单")])
    assert lists.departments() == before


def test_a_centre_adds_and_hides_issue_types_builtins_keep_their_code_and_label(
        centre: Centre, lists: CentreListService, database: Database) -> None:
    entries = lists.entries(ISSUE_TYPE)
    builtin = {e.key: e.label for e in entries}
    complaint = next(e for e in entries if e.key == "complaint")
    edited = [ListEntry(None, "催单"), *(ListEntry(e.key, "改名" if e.key == "complaint" else e.label,
                                              active=e.key != "suggestion", builtin=e.builtin) for e in entries)]
    lists.save_entries(centre.admin, ISSUE_TYPE, edited)
    offered = ChoiceService(database.sessions).options(ISSUE_TYPE)
    assert offered[0].label == "催单" and offered[0].code.startswith("c")
    assert "suggestion" not in [o.code for o in offered]
    assert next(o for o in offered if o.code == "complaint").label == complaint.label == builtin["complaint"]
    ticket = centre.tickets.create(make_draft(issue_type=offered[0].code), centre.agent)
    assert centre.tickets.get(ticket.id).draft.issue_type == offered[0].code
    lists.save_entries(centre.admin, ISSUE_TYPE, [*lists.entries(ISSUE_TYPE), ListEntry(None, "投诉升级")])
    codes = [e.key for e in lists.entries(ISSUE_TYPE)]
    assert len(codes) == len(set(codes)) == len(entries) + 2
    assert len(centre.entries("list_changed")) == 2


def test_the_default_entry_cannot_be_hidden_and_fixed_lists_cannot_be_edited(
        centre: Centre, lists: CentreListService) -> None:
    entries = lists.entries(CHANNEL)
    with pytest.raises(ValidationFailed) as refused:
        lists.save_entries(centre.admin, CHANNEL, [ListEntry(e.key, e.label, active=e.key != "phone", builtin=e.builtin)
                                                   for e in entries])
    assert "不能隐藏" in next(iter(refused.value.report.errors.values()))
    with pytest.raises(ValueError):
        lists.save_entries(centre.admin, PRIORITY, lists.entries(PRIORITY))
