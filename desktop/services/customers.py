"""Customer look-up by phone: earlier tickets and 新/老客户, while the agent types."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desktop.models.entities import Customer, Ticket
from desktop.models.ticket_queries import customer_rows
from desktop.rules.choices import NEW_CUSTOMER, RETURNING_CUSTOMER
from desktop.rules.phone import mask_phone, normalize_phone
from desktop.services.dto import CustomerHistory
from desktop.services.errors import reading
from desktop.services.ticket_list import to_row

HISTORY_LIMIT = 50


class CustomerService:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def history_of_ticket(self, ticket_id: int) -> CustomerHistory | None:
        """The history of a saved ticket's caller, without handing out the full number."""
        with reading(), self._sessions() as session:
            phone = session.execute(select(Ticket.phone).where(Ticket.id == ticket_id)).scalar_one_or_none()
        return self.history(phone, exclude_ticket=ticket_id) if phone else None

    def history(self, phone: str, *, exclude_ticket: int | None = None) -> CustomerHistory | None:
        """The customer's earlier tickets, newest first; None while the number is not valid yet."""
        e164 = normalize_phone(phone)
        if e164 is None:
            return None
        with reading(), self._sessions() as session:
            customer = session.execute(select(Customer).where(Customer.phone == e164)).scalar_one_or_none()
            if customer is None:
                return CustomerHistory(mask_phone(e164), NEW_CUSTOMER, "", ())
            rows = [to_row(r) for r in customer_rows(session, customer.id, HISTORY_LIMIT + 1)]
            total = len(rows)
            if total > HISTORY_LIMIT:  # counted only when the list is cut (on the customer index)
                total = session.execute(select(func.count()).select_from(Ticket)
                                        .where(Ticket.customer_id == customer.id)).scalar_one()
        tickets = tuple(r for r in rows if r.id != exclude_ticket)[:HISTORY_LIMIT]
        kind = RETURNING_CUSTOMER if tickets else NEW_CUSTOMER
        return CustomerHistory(mask_phone(e164), kind, customer.name, tickets, customer.id, total)
