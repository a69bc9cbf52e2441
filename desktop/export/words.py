"""The centre's words for codes and times in printed and exported documents, without reportlab
(the weekly report dialog imports them with the window)."""

from __future__ import annotations

from datetime import datetime

from desktop.i18n import format_datetime
from desktop.rules.choices import builtin_label, customer_type_label


class Words:
    """Codes as the centre's words (its own list entries too), times in local time."""

    def __init__(self, labels: dict[str, dict[str, str]]) -> None:
        self._labels = labels

    def label(self, list_key: str, code: str | None) -> str:
        if not code:
            return ""
        return self._labels.get(list_key, {}).get(code) or builtin_label(list_key, code) or code

    def lookup(self, list_key: str, code: str) -> str:
        return self.label(list_key, code) or code

    @staticmethod
    def customer_type(code: str) -> str:
        return customer_type_label(code) or code

    @staticmethod
    def moment(value: datetime | None) -> str:
        return format_datetime(value) if value is not None else ""
