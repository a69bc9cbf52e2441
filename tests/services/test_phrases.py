"""Quick phrases through the service: listed by language, searched, changed with who and when."""

from __future__ import annotations

import pytest

from desktop.models.aids import Phrase
from desktop.services.aids_dto import PhraseInput
from desktop.services.database import Database
from desktop.services.errors import NotFound, ValidationFailed
from desktop.services.phrases import PhraseService
from tests.helpers import AGENT, FakeClock


@pytest.fixture
def phrases(database: Database, clock: FakeClock) -> PhraseService:
    return PhraseService(database.sessions, clock=clock)


def test_the_panel_list_is_the_language_s_own_by_category(phrases: PhraseService) -> None:
    rows = phrases.list("zh_CN")
    assert rows and all(row.language == "zh_CN" and row.builtin for row in rows)
    order = ["greeting", "calming", "confirming", "closing"]
    assert [row.category for row in rows] == sorted((row.category for row in rows), key=order.index)
    assert rows[0].text.startswith("您好，这里是{centre}")
    assert all(row.language == "en" for row in phrases.list("en"))
    assert len(phrases.list(None)) == len(rows) + len(phrases.list("en")) + len(phrases.list("zh_TW"))


def test_a_custom_phrase_shows_in_every_language_and_records_who(phrases: PhraseService, clock: FakeClock) -> None:
    saved = phrases.save(None, PhraseInput("custom", "  请稍等，我帮您查询一下。 ", "zh_TW"), AGENT)
    assert saved.text == "请稍等，我帮您查询一下。" and not saved.builtin
    assert (saved.changed.updated_by_code, saved.changed.updated_by_name) == ("A1001", "张敏")
    assert saved.changed.updated_at == clock.now
    assert saved.id in {row.id for row in phrases.list("en")}
    assert phrases.list("zh_CN")[-1].id == saved.id  # custom comes last


def test_search_finds_two_character_words_in_phrases(phrases: PhraseService) -> None:
    found = phrases.list("zh_CN", "心情")
    assert [row.category for row in found] == ["calming"]
    assert phrases.list("zh_CN", "工号")[0].category == "greeting"
    assert phrases.list("zh_CN", "不存在的词") == []


def test_editing_reindexes_and_stamps(phrases: PhraseService, clock: FakeClock) -> None:
    row = phrases.list("zh_CN", "再见")[0]
    clock.advance(minutes=5)
    changed = phrases.save(row.id, PhraseInput("closing", "祝您周末愉快！", "zh_CN"), AGENT)
    assert changed.changed.updated_at == clock.now and changed.changed.updated_by_code == "A1001"
    assert row.id not in {r.id for r in phrases.list("zh_CN", "再见")}
    assert [r.id for r in phrases.list("zh_CN", "周末")] == [row.id]


def test_invalid_phrases_are_refused_per_field(phrases: PhraseService, database: Database) -> None:
    before = len(phrases.list(None))
    with pytest.raises(ValidationFailed) as refused:
        phrases.save(None, PhraseInput("custom", "您好{nmae}", "zh_CN"), AGENT)
    assert "{nmae}" in refused.value.report.errors["text"]
    assert len(phrases.list(None)) == before


def test_delete_and_missing(phrases: PhraseService, database: Database) -> None:
    row = phrases.list("zh_CN")[0]
    phrases.delete(row.id)
    with database.sessions() as session:
        assert session.get(Phrase, row.id) is None
    assert phrases.list("zh_CN", "工号") == []  # its terms went with it
    with pytest.raises(NotFound):
        phrases.get(row.id)
    with pytest.raises(NotFound):
        phrases.save(row.id, PhraseInput("custom", "x", "zh_CN"), AGENT)
    with pytest.raises(NotFound):
        phrases.delete(row.id)
