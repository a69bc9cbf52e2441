"""Ticket selects for the table: filters, keyset pages, counts — never the whole table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, delete, func, or_, select, tuple_
from sqlalchemy.orm import Session

from desktop.models import search_index
from desktop.models.aids import SearchTerm
from desktop.models.entities import Agent, Department, Ticket, TicketTotal
from desktop.rules.numbering import looks_like_ticket_number
from desktop.rules.search_terms import terms, terms_settle_it

SEARCH_KIND = "ticket"
# The texts a ticket is found by (kept in the bigram index under SEARCH_KIND, see index_ticket).
SEARCHED = (Ticket.description, Ticket.customer_name, Ticket.remark, Ticket.solution)
OPEN_STATUSES_EXCLUDED = ("resolved", "closed")

ROW_COLUMNS = (
    Ticket.id,
    Ticket.number,
    Ticket.call_started_at,
    Ticket.phone,
    Ticket.customer_name,
    Ticket.customer_type,
    Ticket.issue_type,
    Ticket.priority,
    Ticket.status,
    Agent.name,
    Department.name,
    func.substr(Ticket.description, 1, 120),
    Ticket.voided_at,
    Ticket.response_due_at,
    Ticket.last_progress_at,
    Ticket.handler,
)

SortKey = tuple[datetime, int]


@dataclass(frozen=True)
class TicketFilter:
    """The filter bar: local dates inclusive, codes, free text."""

    date_from: date | None = None
    date_to: date | None = None
    status: str | None = None
    issue_type: str | None = None
    text: str = ""
    priority: str | None = None
    department_id: int | None = None
    handler: str | None = None
    agent_code: str | None = None
    overdue_only: bool = False
    phone_last4: str | None = None
    customer_id: int | None = None  # the customer view: every ticket of one caller
    counted_only: bool = False  # the calls the figures count: void tickets left out (the dashboard's drill-down)
    # The time "overdue" is judged at (aware UTC); the service fills it in from its clock.
    now: datetime | None = None


def local_day_start(day: date) -> datetime:
    """Midnight of a local calendar day, as an aware UTC time."""
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def within_local_days(statement: Select, column: Any, first: date | None, last: date | None) -> Select:  # type: ignore[type-arg]
    """Keep rows whose time ``column`` falls on local days ``first`` to ``last`` (inclusive, either open)."""
    if first:
        statement = statement.where(column >= local_day_start(first))
    if last:
        statement = statement.where(column < local_day_start(last + timedelta(days=1)))
    return statement


def index_ticket(session: Session, ticket: Ticket) -> None:
    """Keep the ticket's search terms in step; call inside the writing transaction after a flush."""
    search_index.index(session, SEARCH_KIND, ticket.id, *searched_texts(ticket))


def searched_texts(ticket: Ticket) -> tuple[str | None, ...]:
    """The texts the ticket is found by, as it holds them now (keep them before an edit for reindex_ticket)."""
    return tuple(getattr(ticket, c.key) for c in SEARCHED)


def reindex_ticket(session: Session, ticket: Ticket, before: Sequence[str | None]) -> None:
    """After an edit: nothing when the searched texts did not change; otherwise the stored terms are
    read and only the ones gone are deleted and the ones missing inserted (a save rewrites a few index
    rows, not every term of the ticket: fewer pages to write and sync at the commit)."""
    now = searched_texts(ticket)
    if tuple(before) == now:
        return
    wanted = {term for text in now for term in terms(text)}
    owned = (SearchTerm.kind == SEARCH_KIND, SearchTerm.owner_id == ticket.id)
    stored = set(session.execute(select(SearchTerm.term).where(*owned)).scalars())
    gone, missing = stored - wanted, wanted - stored
    if gone:
        session.execute(delete(SearchTerm).where(*owned, SearchTerm.term.in_(sorted(gone))))
    if missing:
        session.execute(SearchTerm.__table__.insert(),
                        [{"kind": SEARCH_KIND, "term": term, "owner_id": ticket.id} for term in sorted(missing)])


def open_condition() -> Any:
    return and_(Ticket.status.not_in(OPEN_STATUSES_EXCLUDED), Ticket.voided_at.is_(None))


def overdue_condition(now: datetime) -> Any:
    return and_(open_condition(), Ticket.response_due_at.is_not(None), Ticket.response_due_at < now)


def _text_condition(text: str, *, probe: bool = False) -> Any:
    """Found by the bigram index (confirmed as substrings), by number prefix, or by the phone's last 4.

    ``probe``: the terms are asked row by row (``search_index.having_terms``) rather than as the list of
    every matching id, for walking the time index (see :func:`page_rows`).
    """
    matches = []
    has_terms = search_index.having_terms(SEARCH_KIND, text, Ticket.id) if probe else None
    if has_terms is None:
        ids = search_index.owner_ids(SEARCH_KIND, text)
        has_terms = Ticket.id.in_(ids) if ids is not None else None
    if has_terms is not None and terms_settle_it(text):
        matches.append(has_terms)  # the pairs are the pieces: no text to read
    else:
        confirmed = search_index.contains_pieces(text, *SEARCHED)
        matches.append(and_(has_terms, confirmed) if has_terms is not None else confirmed)
    if looks_like_ticket_number(text):
        matches.append(search_index.starts_with(text.upper(), Ticket.number))  # on the number's unique index
    if _phone_tail(text):
        matches.append(Ticket.phone_last4 == text)
    return or_(*matches)


def _phone_tail(text: str) -> bool:
    return text.isdigit() and len(text) == 4


def _found_by_key(text: str) -> bool:
    """A ticket number or a phone's last four: a few rows on their own indexes, never worth walking
    the time order for (at 1M a ticket number's walk read 20,000 rows for 11 hits: 450 ms, its ids 1 ms)."""
    return looks_like_ticket_number(text) or _phone_tail(text)


def apply_filter(statement: Select, flt: TicketFilter, *, probe_terms: bool = False) -> Select:  # type: ignore[type-arg]
    statement = within_local_days(statement, Ticket.call_started_at, flt.date_from, flt.date_to)
    if flt.status:
        statement = statement.where(Ticket.status == flt.status)
    if flt.issue_type:
        statement = statement.where(Ticket.issue_type == flt.issue_type)
    if flt.priority:
        statement = statement.where(Ticket.priority == flt.priority)
    if flt.department_id is not None:
        statement = statement.where(Ticket.department_id == flt.department_id)
    if flt.handler:
        statement = statement.where(Ticket.handler == flt.handler.strip())
    if flt.agent_code:
        statement = statement.where(Ticket.agent_id.in_(select(Agent.id).where(Agent.code == flt.agent_code)))
    if flt.phone_last4:
        statement = statement.where(Ticket.phone_last4 == flt.phone_last4)
    if flt.customer_id is not None:
        statement = statement.where(Ticket.customer_id == flt.customer_id)
    if flt.counted_only:
        statement = statement.where(Ticket.voided_at.is_(None))
    if flt.overdue_only:
        statement = statement.where(overdue_condition(flt.now or datetime.now(UTC)))
    text = flt.text.strip()
    if text:
        statement = statement.where(_text_condition(text, probe=probe_terms))
    return statement


def _base() -> Select:  # type: ignore[type-arg]
    return (
        select(*ROW_COLUMNS)
        .join(Agent, Agent.id == Ticket.agent_id)
        .outerjoin(Department, Department.id == Ticket.department_id)
    )


def count_rows(session: Session, flt: TicketFilter) -> int:
    if replace(flt, now=None) == TicketFilter():
        # The whole table: the total the triggers keep (migration 0013), not count(*) over every ticket.
        total = session.execute(select(TicketTotal.tickets).where(TicketTotal.id == 1)).scalar()
        if total is not None:
            return int(total)
    text = flt.text.strip()
    if text and replace(flt, text="", now=None) == TicketFilter() and terms_settle_it(text):
        # Only the search, and its terms settle it: count on the term index, no ticket read (物流 at 1M:
        # ~100,000 ids counted in the index rather than looked up in the table).
        by_terms = search_index.owner_count(SEARCH_KIND, text)
        if by_terms is not None:
            return int(session.execute(by_terms).scalar_one())
    statement = apply_filter(select(func.count()).select_from(Ticket), flt)
    return int(session.execute(statement).scalar_one())


# A search's page first walks this many rows of the time order, asking each for the terms (a common
# term fills a page within a few hundred); a rarer one then reads its list of ids instead.
WALK_WINDOW = 20_000


def page_rows(
    session: Session,
    flt: TicketFilter,
    limit: int,
    *,
    offset: int = 0,
    after: SortKey | None = None,
    before: SortKey | None = None,
    newest_first: bool = True,
) -> list[tuple]:  # type: ignore[type-arg]
    """One page in table order. ``after``/``before`` are keys of a neighbouring cached row
    (keyset: no scan of the skipped rows); otherwise ``offset`` is used."""
    key = tuple_(Ticket.call_started_at, Ticket.id)
    statement = apply_filter(_base(), flt)
    forward = (Ticket.call_started_at.desc(), Ticket.id.desc())
    backward = (Ticket.call_started_at.asc(), Ticket.id.asc())
    if not newest_first:
        forward, backward = backward, forward
    text = flt.text.strip()
    if before is None and not offset and search_index.can_probe(text) and not _found_by_key(text):
        walked = _walk(session, flt, limit, after, newest_first)
        if walked is not None:
            return walked
    if after is not None:
        statement = statement.where(key < after if newest_first else key > after).order_by(*forward).limit(limit)
        return list(session.execute(statement).all())
    if before is not None:
        statement = statement.where(key > before if newest_first else key < before).order_by(*backward).limit(limit)
        return list(reversed(session.execute(statement).all()))
    if not offset:
        return list(session.execute(statement.order_by(*forward).limit(limit)).all())
    # A jump (scrollbar drag): skip the rows on the ids alone (the time index covers them), then join
    # only the page; an OFFSET over the joined rows would look up agent and department for every skipped row.
    return _page_of_ids(session, apply_filter(select(Ticket.id), flt).order_by(*forward).offset(offset).limit(limit),
                        forward)


def _walk(session: Session, flt: TicketFilter, limit: int, after: SortKey | None,
          newest_first: bool) -> list[tuple] | None:  # type: ignore[type-arg]
    """A search's page by walking the time index from ``after`` (the start: None) over at most
    WALK_WINDOW rows, probing each for the terms; None when that window holds less than a page
    (and more rows follow it): the caller then reads the matching ids instead."""
    key = tuple_(Ticket.call_started_at, Ticket.id)
    forward = (Ticket.call_started_at.desc(), Ticket.id.desc()) if newest_first else (
        Ticket.call_started_at.asc(), Ticket.id.asc())
    statement = apply_filter(_base(), flt, probe_terms=True)
    edge = select(Ticket.call_started_at)
    if after is not None:
        beyond = key < after if newest_first else key > after
        statement, edge = statement.where(beyond), edge.where(beyond)
    boundary = session.execute(edge.order_by(*forward).offset(WALK_WINDOW).limit(1)).scalar()
    if boundary is not None:
        statement = statement.where(Ticket.call_started_at >= boundary if newest_first
                                    else Ticket.call_started_at <= boundary)
    rows = list(session.execute(statement.order_by(*forward).limit(limit)).all())
    return rows if len(rows) == limit or boundary is None else None


# Orders of the table besides the call time (see ordered_page); each has an index.
BY_NUMBER = "number"
BY_CUSTOMER = "customer"
BY_PRIORITY = "priority"


def _page_of_ids(session: Session, ids: Select, ordering: Sequence[Any]) -> list[tuple]:  # type: ignore[type-arg]
    """The rows of a page whose ids were chosen (and skipped to) on an index alone, joined only now."""
    chosen = ids.subquery()
    return list(session.execute(_base().where(Ticket.id.in_(select(chosen.c.id))).order_by(*ordering)).all())


def priority_counts(session: Session, flt: TicketFilter) -> dict[str, int]:
    """How many tickets of each priority the filter keeps (the groups of the priority order)."""
    statement = apply_filter(select(Ticket.priority, func.count()).select_from(Ticket), flt).group_by(Ticket.priority)
    return {str(code): int(count) for code, count in session.execute(statement).all()}


def _priorities_present(session: Session) -> set[str]:
    """The priority codes of the table, one index step each (the next code after the last found)."""
    codes: set[str] = set()
    last: str | None = None
    while True:
        statement = select(func.min(Ticket.priority))
        found = session.execute(statement if last is None else statement.where(Ticket.priority > last)).scalar()
        if found is None:
            return codes
        codes.add(found)
        last = found


def _count_up_to(session: Session, ids: Select, most: int) -> int:  # type: ignore[type-arg]
    """How many rows ``ids`` selects, counted no further than ``most``."""
    return int(session.execute(select(func.count()).select_from(ids.limit(most).subquery())).scalar_one())


def ordered_page(session: Session, flt: TicketFilter, limit: int, offset: int, order: str, ascending: bool, *,
                 ranks: Sequence[str] = (), counts: dict[str, int] | None = None) -> list[tuple]:  # type: ignore[type-arg]
    """One page of the table in another order than the call time.

    By number, or by customer name (then id): the index gives the ids of the page. By priority:
    the groups in ``ranks`` order (most urgent first when ``ascending``; other codes after them),
    newest first inside a group, each read on its (priority, time) index. The groups the page falls in
    are told by the group sizes (``counts``) if the caller has them; otherwise the codes present are
    found by a few index steps and a group is counted only as far as the page's offset reaches into it
    (the first page counts nothing: a header click does not count the table by priority).
    """
    if order in (BY_NUMBER, BY_CUSTOMER):
        columns = (Ticket.number,) if order == BY_NUMBER else (Ticket.customer_name, Ticket.id)
        ordering = [column.asc() if ascending else column.desc() for column in columns]
        ids = apply_filter(select(Ticket.id), flt).order_by(*ordering).offset(offset).limit(limit)
        return _page_of_ids(session, ids, ordering)
    if order != BY_PRIORITY:
        raise ValueError(f"no table order {order!r}")
    codes = set(counts) if counts is not None else _priorities_present(session)
    groups = [code for code in ranks if code in codes] + sorted(code for code in codes if code not in ranks)
    if not ascending:
        groups.reverse()
    newest = (Ticket.call_started_at.desc(), Ticket.id.desc())
    rows: list[tuple] = []  # type: ignore[type-arg]
    skip = offset
    for code in groups:
        group = apply_filter(select(Ticket.id), flt).where(Ticket.priority == code)
        if skip:
            size = counts[code] if counts is not None else _count_up_to(session, group, skip + 1)
            if skip >= size:
                skip -= size
                continue
        ids = group.order_by(*newest).offset(skip).limit(limit - len(rows))
        rows += _page_of_ids(session, ids, newest)
        skip = 0
        if len(rows) >= limit:
            break
    return rows


def customer_rows(session: Session, customer_id: int, limit: int) -> list[tuple]:  # type: ignore[type-arg]
    statement = (
        _base().where(Ticket.customer_id == customer_id)
        .order_by(Ticket.call_started_at.desc(), Ticket.id.desc())
        .limit(limit)
    )
    return list(session.execute(statement).all())
