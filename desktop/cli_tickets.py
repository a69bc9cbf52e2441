"""``hotline-desk tickets``: list tickets headless with the window's filters and search (table, CSV, JSON).

Phones are always masked. Every match is listed unless ``--limit N`` is given. No Qt is imported.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from desktop.i18n import _
from desktop.rules.choices import BUILTIN, PRIORITY, STATUS

FORMATS = ("table", "csv", "json")
FIELDS = ("number", "call_started_at", "phone_masked", "customer_name", "customer_type", "issue_type", "priority",
          "status", "agent_name", "department_name", "handler", "description", "response_due_at", "overdue",
          "stale", "voided")


def _day(text: str) -> date:
    if text.strip().lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date: write it as 2025-10-09 (or today)").format(value=text)) from None


def _last4(text: str) -> str:
    if len(text) != 4 or not text.isdigit():
        raise argparse.ArgumentTypeError(_("{value!r} is not the last 4 digits of a phone number").format(value=text))
    return text


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value!r} is not a whole number").format(value=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("give a number of 1 or more"))
    return value


def _codes(list_key: str) -> list[str]:
    return [code for code, _label in BUILTIN[list_key]]


def register(commands: Any) -> None:
    """Add the ``tickets`` subcommand to ``hotline-desk``'s subparsers."""
    tickets = commands.add_parser("tickets", help=_("list tickets with the window's filters and search"))
    tickets.add_argument("--search", metavar="TERM", default="",
                         help=_("text in the description, customer name, remarks or solution; a ticket number; "
                                "the last 4 digits of a phone"))
    tickets.add_argument("--status", choices=_codes(STATUS), help=_("only tickets with this status"))
    tickets.add_argument("--priority", choices=_codes(PRIORITY), help=_("only tickets of this priority"))
    tickets.add_argument("--overdue", action="store_true", help=_("only open tickets past their response deadline"))
    tickets.add_argument("--date", type=_day, metavar="DAY", help=_("calls of one local day (YYYY-MM-DD or today)"))
    tickets.add_argument("--from", dest="date_from", type=_day, metavar="DAY", help=_("calls from this day on"))
    tickets.add_argument("--to", dest="date_to", type=_day, metavar="DAY", help=_("calls up to this day"))
    tickets.add_argument("--phone-last4", type=_last4, metavar="DDDD", help=_("the last 4 digits of the phone"))
    tickets.add_argument("--format", choices=FORMATS, default="table", help=_("output format (default table)"))
    tickets.add_argument("--limit", type=_limit, metavar="N", help=_("at most N tickets (default: every match)"))
    tickets.set_defaults(handler=run_tickets)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone().isoformat(timespec="seconds")
    return value


def _records(rows: Iterable[Any]) -> Iterable[dict[str, object]]:
    for row in rows:
        yield {name: _plain(getattr(row, name)) for name in FIELDS}


def _table(records: list[dict[str, object]]) -> str:
    from desktop.i18n import format_datetime
    from desktop.rules.choices import builtin_label

    headers = (_("Ticket no."), _("Call time"), _("Phone"), _("Customer"), _("Priority"), _("Progress"),
               _("Response deadline"), _("Description"))
    lines = ["\t".join(headers)]
    for record in records:
        due = record["response_due_at"]
        flag = " ⚠" + _("overdue") if record["overdue"] else ""
        lines.append("\t".join((
            str(record["number"]),
            format_datetime(datetime.fromisoformat(str(record["call_started_at"]))),
            str(record["phone_masked"]), str(record["customer_name"]),
            builtin_label(PRIORITY, str(record["priority"])) or str(record["priority"]),
            builtin_label(STATUS, str(record["status"])) or str(record["status"]),
            (format_datetime(datetime.fromisoformat(str(due))) if due else "") + flag,
            str(record["description"]).replace("\n", " ")[:60],
        )))
    lines.append(_("{count} tickets").format(count=len(records)))
    return "\n".join(lines)


def run_tickets(args: argparse.Namespace) -> int:
    from desktop.services.database import open_database
    from desktop.services.dto import TicketFilter
    from desktop.services.ticket_list import TicketListService

    first, last = args.date_from, args.date_to
    if args.date is not None:
        if first is not None or last is not None:
            print(_("Error: give either --date or --from/--to, not both."), file=sys.stderr)
            return 2
        first = last = args.date
    if first is not None and last is not None and first > last:
        print(_("Error: --from {first} is after --to {last}.").format(first=first, last=last), file=sys.stderr)
        return 2
    flt = TicketFilter(date_from=first, date_to=last, status=args.status,
                       priority=args.priority, overdue_only=args.overdue, phone_last4=args.phone_last4,
                       text=args.search or "")
    database = open_database(args.db)
    try:
        records = list(_records(TicketListService(database.sessions).each(flt, limit=args.limit)))
    finally:
        database.close()
    out = sys.stdout
    if args.format == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(records)
    else:
        out.write(_table(records) + "\n")
    return 0
