"""The column layout of a call log spreadsheet: which column holds which ticket field.

The centre's own Excel logs follow the seed forms (接听记录表: 来电日期, 来电时间, 客户联系方式,
客户姓名, 问题类型, 问题描述, 情绪状态, 优先级 …; 工单记录: 工单编号, 联系方式, 账户类型, 问题等级,
处理人, 处理进度, 解决方案 …): such a header row is recognised by itself. Any other layout is
mapped by the user, target field by target field; the mapping is remembered under the header
row's signature. Pure functions only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.i18n import N_, _
from desktop.rules.field_labels import FIELD_LABELS
from desktop.rules.multilingual import every_translation

# Targets that are not ticket fields of their own.
CALL_DATE = "call_date"  # a date column beside a time-only call time column
AGENT = "agent"  # who took the call: kept in the remarks (the importing account saves the ticket)
ORIGINAL_NUMBER = "original_number"  # the number in the old log: kept in the remarks
CUSTOMER_TYPE = "customer_type"  # 新客户/老客户 is decided from the records: recognised, not read
IGNORED = (CUSTOMER_TYPE,)

TARGETS: tuple[str, ...] = (
    CALL_DATE, "call_started_at", "phone", "customer_name", "channel", "account_type", "issue_type",
    "business_module", "description", "order_number", "product", "emotion", "priority", "handler",
    "follow_up_owner", "status", "process_note", "solution", "promised_feedback_at", "satisfaction",
    "satisfaction_reason", "callback_result", "identity_method", "identity_note", "remark", AGENT, ORIGINAL_NUMBER,
)
REQUIRED_TARGETS: tuple[str, ...] = ("phone", "description")

_OWN_LABELS = {
    CALL_DATE: N_("Call date"),
    AGENT: N_("Agent on the call"),
    ORIGINAL_NUMBER: N_("Original ticket no."),
}

# The seed forms' headers (and their usual variants), beside every translation of the field's label.
SEED_HEADERS: dict[str, tuple[str, ...]] = {
    CALL_DATE: ("来电日期", "來電日期", "日期"),
    "call_started_at": ("来电时间", "來電時間", "时间", "問題發生時間", "问题发生时间"),
    "phone": ("客户联系方式", "客戶聯繫方式", "联系方式", "聯繫方式", "联系电话", "聯繫電話", "手机号", "电话"),
    "customer_name": ("客户姓名", "客戶姓名", "姓名"),
    CUSTOMER_TYPE: ("客户类型", "客戶類型"),
    "channel": ("来源渠道", "來源渠道", "渠道"),
    "account_type": ("账户类型", "賬戶類型"),
    "issue_type": ("问题类型", "問題類型"),
    "description": ("问题描述", "問題描述", "问题详情"),
    "order_number": ("订单号", "訂單號"),
    "product": ("产品", "產品"),
    "emotion": ("情绪状态", "情緒狀態", "情绪"),
    "priority": ("优先级", "優先級", "问题等级", "問題等級", "紧急程度"),
    AGENT: ("客服姓名", "客服", "客服工号"),
    "handler": ("处理人", "處理人"),
    "follow_up_owner": ("跟进人", "跟進人"),
    "status": ("处理结果", "處理結果", "处理进度", "處理進度"),
    "process_note": ("处理过程", "處理過程", "处理计划"),
    "solution": ("解决方案", "解決方案"),
    "promised_feedback_at": ("承诺反馈时间", "承諾反饋時間"),
    "satisfaction": ("客户满意度", "客戶滿意度", "满意度"),
    "satisfaction_reason": ("不满意原因", "不滿意原因", "不满意理由"),
    "callback_result": ("回访记录", "回訪記錄"),
    "identity_method": ("身份核验", "身份核驗", "身份核验方式", "身份验证"),
    "identity_note": ("核验说明", "核驗說明"),
    "remark": ("备注", "備註"),
    ORIGINAL_NUMBER: ("工单编号", "工單編號", "反馈单号", "反饋單號"),
}

# Column position by target field.
Mapping_ = dict[str, int]


def target_label(target: str) -> str:
    """The translated name of a target field, for the mapping dialog and the report."""
    msgid = _OWN_LABELS.get(target) or FIELD_LABELS.get(target)
    return _(msgid) if msgid else target


def _fold(text: object) -> str:
    return "".join(str(text or "").split()).casefold().strip("*:：")


def _names(target: str) -> set[str]:
    names = {_fold(name) for name in SEED_HEADERS.get(target, ())}
    msgid = _OWN_LABELS.get(target) or FIELD_LABELS.get(target)
    if msgid:
        names |= {_fold(text) for text in every_translation(msgid)}
    names.add(_fold(target))
    return names


def target_of(header: str) -> str | None:
    """The target a header names (seed form, program label in any language, or the field's code)."""
    wanted = _fold(header)
    if not wanted:
        return None
    for target in (*TARGETS, *IGNORED):
        if wanted in _names(target):
            return target
    return None


@dataclass(frozen=True)
class Recognition:
    mapping: Mapping_
    known: int  # headers recognised (ignored ones included)
    headers: int  # non-empty headers

    @property
    def complete(self) -> bool:
        """Every required field found and most columns named: the layout needs no dialog."""
        return all(t in self.mapping for t in REQUIRED_TARGETS) and self.known * 3 >= self.headers * 2


def recognise(headers: Sequence[str]) -> Recognition:
    """Map each header to the target it names; the first column naming a target wins."""
    mapping: Mapping_ = {}
    known = 0
    for position, header in enumerate(headers):
        target = target_of(header)
        if target is None:
            continue
        known += 1
        if target not in IGNORED and target not in mapping:
            mapping[target] = position
    return Recognition(mapping, known, sum(1 for header in headers if str(header).strip()))


def signature(headers: Sequence[str]) -> str:
    """The same header row (spaces and case aside) gives the same signature."""
    return hashlib.sha1("\x1f".join(_fold(h) for h in headers).encode("utf-8")).hexdigest()


def mapping_problem(mapping: Mapping[str, int], width: int) -> str | None:
    """Why a user's mapping cannot be used, or None."""
    for target in REQUIRED_TARGETS:
        if target not in mapping:
            return _("Choose the column that holds {field}.").format(field=target_label(target))
    if any(not 0 <= position < width for position in mapping.values()):
        return _("The mapping names a column the file does not have; map the columns again.")
    return None
