"""What the detail form holds: plain values, no database ids beyond the department."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

from desktop.rules.choices import DEFAULTS


@dataclass
class TicketDraft:
    channel: str = DEFAULTS["channel"]
    call_started_at: datetime | None = None
    call_ended_at: datetime | None = None
    phone: str = ""
    customer_name: str = ""
    account_type: str = DEFAULTS["account_type"]
    issue_type: str = DEFAULTS["issue_type"]
    business_module: str | None = None
    description: str = ""
    order_number: str = ""
    product: str = ""
    emotion: str = DEFAULTS["emotion"]
    priority: str = DEFAULTS["priority"]
    department_id: int | None = None
    handler: str = ""
    follow_up_owner: str = ""
    status: str = DEFAULTS["status"]
    solution: str = ""
    promised_feedback_at: datetime | None = None
    satisfaction: str | None = None
    satisfaction_reason: str = ""
    satisfaction_score: int | None = None
    callback_at: datetime | None = None
    callback_result: str = ""
    remark: str = ""
    identity_method: str | None = None
    identity_note: str = ""
    # A new line for the timeline's process record (处理过程), written on save.
    process_note: str = field(default="", compare=False)

    def to_json(self) -> str:
        data: dict[str, Any] = asdict(self)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> TicketDraft:
        """Rebuild a saved draft; unknown keys (an older or newer version) are dropped."""
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("a draft is a JSON object")
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in known:
                continue
            if key.endswith("_at") and isinstance(value, str):
                value = datetime.fromisoformat(value)
            values[key] = value
        return cls(**values)


# Fields shown in the timeline when they change, in form order.
TRACKED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(TicketDraft) if f.name != "process_note")
