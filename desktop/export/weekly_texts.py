"""The weekly report's words and numbers, shared by the PDF and the workbook so both say the same."""

from __future__ import annotations

from desktop.export.words import Words
from desktop.i18n import _, format_date, format_number, format_percent
from desktop.rules.choices import ISSUE_TYPE
from desktop.rules.figures import Tally
from desktop.services.weekly_report import WeeklyReport


def seconds(value: float | None) -> str:
    """AHT in whole seconds, or "—"."""
    return "—" if value is None else _("{seconds} s").format(seconds=format_number(round(value)))


def score(value: float | None) -> str:
    return "—" if value is None else format_number(round(value, 1))


def title() -> str:
    return _("Weekly report")


def subtitle(report: WeeklyReport) -> str:
    return _("{week} ({first} – {last})").format(week=report.week, first=format_date(report.figures.first),
                                                 last=format_date(report.figures.last))


def figure_rows(total: Tally, nps: float | None = None) -> list[tuple[str, str]]:
    """The SPEC §4 weekly figures as (label, value); NPS from the follow-up visits of the week."""
    return [
        (_("Total calls"), format_number(total.calls)),
        (_("On-time rate"), format_percent(total.on_time_rate)),
        (_("CSAT"), format_percent(total.csat)),
        (_("Average satisfaction score (1–5)"), score(total.average_score)),
        (_("First-call resolution (FCR)"), format_percent(total.fcr)),
        (_("Average handle time (AHT)"), seconds(total.aht)),
        (_("Resolution rate (complaints and problems)"), format_percent(total.resolution_rate)),
        (_("NPS (follow-up visits)"), "—" if nps is None else format_number(round(nps, 1))),
    ]


def top_type_lines(report: WeeklyReport) -> list[str]:
    """"30.0% of calls ask about returns" for each top issue type."""
    words = Words(report.figures.labels)
    return [_("{percent} of calls ({count}) are about {type}.").format(
        percent=format_percent(share.share), count=format_number(share.calls),
        type=words.label(ISSUE_TYPE, share.code)) for share in report.figures.top_types]


def agent_headers() -> list[str]:
    return [_("Agent no."), _("Name"), _("Calls"), _("AHT (s)"), _("FCR"), _("CSAT"), _("Average score"),
            _("Points to improve"), _("Next week's target")]


def day_headers() -> list[str]:
    return [_("Day"), _("Calls"), _("By issue type")]


def day_types(report: WeeklyReport, counts: tuple[tuple[str, int], ...]) -> str:
    words = Words(report.figures.labels)
    return "；".join(f"{words.label(ISSUE_TYPE, code)} {n}" for code, n in counts) or "—"
