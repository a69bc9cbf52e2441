"""The bigram index: kept per row and kind, found by index, confirmed exactly (SQLite here)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Integer, String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from desktop.models import search_index
from desktop.models.aids import SearchTerm
from desktop.services.database import Database


class _Base(DeclarativeBase):
    pass


class Note(_Base):
    """A throwaway table standing in for any indexed one (FAQ entries, tickets …)."""

    __tablename__ = "notes_for_search_test"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(200))


TEXTS = {
    1: ("退款", "申请退款到账需要几天"),
    2: ("开机", "手机无法 开机，屏幕不亮"),
    3: ("开机", "新买的电脑无法开机"),
    4: ("WiFi", "Router WiFi reset, 100% 信号"),
    5: ("物流", "物流查询：显示已签收"),
    6: ("门锁", "智能门锁无法开门，手机能开机"),  # every pair of 无法开机, never together
}


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    _Base.metadata.create_all(database.engine)
    with database.sessions.begin() as session:
        for owner, (title, body) in TEXTS.items():
            session.add(Note(id=owner, title=title, body=body))
            search_index.index(session, "note", owner, title, body)
    with database.sessions() as session:
        yield session


def _find(session: Session, query: str, kind: str = "note") -> list[int]:
    statement = select(Note.id).where(search_index.contains_pieces(query, Note.title, Note.body)).order_by(Note.id)
    ids = search_index.owner_ids(kind, query)
    if ids is not None:
        statement = statement.where(Note.id.in_(ids))
    return list(session.scalars(statement))


def test_two_three_and_four_character_chinese_terms_are_found(session: Session) -> None:
    assert _find(session, "退款") == [1]
    assert _find(session, "申请退") == [1]
    assert _find(session, "退款到账") == [1]
    assert _find(session, "物流") == [5]


def test_pairs_found_apart_do_not_count_as_the_phrase(session: Session) -> None:
    assert _find(session, "无法开机") == [3]  # 2 and 6 have 无法 and 开机, but not together
    assert _find(session, "无法 开机") == [2, 3, 6]  # two words: each may be anywhere
    with_pairs_only = select(Note.id).where(Note.id.in_(search_index.owner_ids("note", "无法开机"))).order_by(Note.id)
    assert list(session.scalars(with_pairs_only)) == [3, 6]  # why the substring check is needed


def test_a_single_character_and_latin_prefixes(session: Session) -> None:
    assert _find(session, "账") == [1]
    assert _find(session, "rout") == [4]
    assert _find(session, "WIFI reset") == [4]
    assert _find(session, "100%") == [4]  # the % is matched literally, not as a wildcard
    assert _find(session, "10_") == []


def test_a_query_without_terms_still_filters_by_substring(session: Session) -> None:
    assert search_index.owner_ids("note", "，") is None
    assert _find(session, "，") == [2, 6]


def test_kinds_are_kept_apart(session: Session) -> None:
    assert _find(session, "退款", kind="ticket") == []


def test_reindexing_replaces_and_unindexing_removes(database: Database, session: Session) -> None:
    with database.sessions.begin() as writer:
        search_index.index(writer, "note", 1, "快递", "改为查询快递")
        search_index.unindex(writer, "note", 5)
    with database.sessions() as reader:
        assert list(reader.scalars(select(SearchTerm.term).where(SearchTerm.owner_id == 1,
                                                                  SearchTerm.kind == "note"))) != []
        assert list(reader.scalars(select(Note.id).where(Note.id.in_(search_index.owner_ids("note", "退款"))))) == []
        assert list(reader.scalars(select(Note.id).where(Note.id.in_(search_index.owner_ids("note", "快递"))))) == [1]
        remaining = reader.execute(select(func.count()).select_from(SearchTerm).where(
            SearchTerm.kind == "note", SearchTerm.owner_id == 5)).scalar_one()
        assert remaining == 0
