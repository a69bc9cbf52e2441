"""The bigram search index: terms kept per row, found with an index, confirmed exactly.

Any table can use it under its own ``kind``. Keep the index in step inside the writing
transaction: :func:`index` after inserting or changing the row, :func:`unindex` before
deleting it. :func:`owner_ids` selects the rows having every term of a query, and
:func:`contains_pieces` confirms them (each piece of the query a substring of a column),
so pairs found apart (无法 … 开机) never count as 无法开机.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, delete, exists, func, intersect, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import CompoundSelect

from desktop.models.aids import SearchTerm
from desktop.rules.search_terms import query_pieces, query_terms, terms


def unindex(session: Session, kind: str, owner_id: int) -> None:
    session.execute(delete(SearchTerm).where(SearchTerm.kind == kind, SearchTerm.owner_id == owner_id))


def index(session: Session, kind: str, owner_id: int, *texts: str | None) -> None:
    """(Re)build the terms of one row from its searchable texts."""
    unindex(session, kind, owner_id)
    found: dict[str, None] = {}
    for text in texts:
        for term in terms(text):
            found.setdefault(term, None)
    if found:
        session.execute(
            SearchTerm.__table__.insert(),
            [{"kind": kind, "term": term, "owner_id": owner_id} for term in found],
        )


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _with_term(kind: str, condition: ColumnElement[bool]) -> Select[tuple[int]]:
    return select(SearchTerm.owner_id).where(SearchTerm.kind == kind, condition)


def starts_with(prefix: str, column: ColumnElement[str] | None = None) -> ColumnElement[bool]:
    """``column`` (the search terms by default) starts with ``prefix``: a range its index can serve,
    made exact by LIKE whatever the collation (a LIKE alone is a scan in SQLite, case-insensitive)."""
    column = SearchTerm.term if column is None else column
    successor = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < successor, column.like(_escape_like(prefix) + "%", escape="\\"))


def owner_ids(kind: str, query: str | None) -> Select[tuple[int]] | CompoundSelect | None:
    """The ids of rows of ``kind`` having every term of ``query``; None when the query has no terms.

    Use it as ``Model.id.in_(owner_ids(...))`` together with :func:`contains_pieces`.
    """
    asked = query_terms(query)
    if asked.empty:
        return None
    column = SearchTerm.term
    selects = [_with_term(kind, column == term) for term in asked.exact]
    selects += [_with_term(kind, starts_with(prefix)) for prefix in asked.prefixes]
    # A lone character is the first or second half of some pair, or a one-character run.
    selects += [_with_term(kind, column.like(f"%{_escape_like(char)}%", escape="\\")) for char in asked.single_chars]
    return selects[0] if len(selects) == 1 else intersect(*selects)


def having_terms(kind: str, query: str | None, id_column: ColumnElement[int]) -> ColumnElement[bool] | None:
    """The row of ``id_column`` has every term of ``query``, asked row by row (a probe of the term index each).

    The shape for walking another index (the newest rows first) when many rows match: the first page
    comes after a few hundred probes, where :func:`owner_ids` reads every matching id first. None when
    the query has no terms, or has a lone character (found only by reading the terms).
    """
    if not can_probe(query):
        return None
    asked = query_terms(query)
    probes = [exists().where(SearchTerm.kind == kind, SearchTerm.term == term, SearchTerm.owner_id == id_column)
              for term in asked.exact]
    probes += [exists().where(SearchTerm.kind == kind, starts_with(prefix), SearchTerm.owner_id == id_column)
               for prefix in asked.prefixes]
    return and_(*probes)


def can_probe(query: str | None) -> bool:
    """Whether :func:`having_terms` has a row-by-row form for ``query``."""
    asked = query_terms(query)
    return not (asked.empty or asked.single_chars)


def owner_count(kind: str, query: str | None) -> Select[tuple[int]] | None:
    """How many rows of ``kind`` have every term of ``query``, read on the term index alone."""
    ids = owner_ids(kind, query)
    return None if ids is None else select(func.count()).select_from(ids.subquery())


def contains_pieces(query: str | None, *columns: ColumnElement[str]) -> ColumnElement[bool]:
    """Every whitespace-separated piece of ``query`` occurs in one of ``columns`` (case-insensitive)."""
    conditions = []
    for piece in query_pieces(query):
        pattern = "%" + _escape_like(piece) + "%"
        conditions.append(or_(*(func.lower(column).like(pattern, escape="\\") for column in columns)))
    return and_(true(), *conditions)


Statement = TypeVar("Statement", bound=Select[Any])


def matching(statement: Statement, kind: str, query: str | None, id_column: ColumnElement[int],
             *columns: ColumnElement[str]) -> Statement:
    """``statement`` narrowed to rows whose ``columns`` hold every piece of ``query`` (unchanged when blank)."""
    if not (query or "").strip():
        return statement
    ids = owner_ids(kind, query)
    if ids is not None:
        statement = statement.where(id_column.in_(ids))
    return statement.where(contains_pieces(query, *columns))
