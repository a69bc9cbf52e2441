"""Realistic sample calls for trying the program, training and benchmarks.

Everything goes through ``TicketService.create_many`` — the same service the window
uses — so numbers are allocated the normal way, also while other stations (or other
demo runs) write to the same database. Tickets are written in chunks, one transaction
each, with the service's clock set to just after the chunk's last call: created_at,
timeline times and the "promised time is in the future" rule all see a realistic "now".
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from desktop.i18n import _
from desktop.models.entities import Agent
from desktop.rules.choices import DEFAULT_DEPARTMENTS, DEFAULT_SENSITIVE_MODULES
from desktop.rules.numbering import DEFAULT_PREFIX
from desktop.rules.permissions import AGENT, SUPERVISOR
from desktop.rules.phone import check_phone
from desktop.rules.ticket_draft import TicketDraft
from desktop.services.accounts import AccountService
from desktop.services.authorization import accounts_set_up
from desktop.services.choices import ChoiceService
from desktop.services.clock import Clock, utc_now
from desktop.services.database import Database
from desktop.services.demo_lifecycle import settle_lifecycle
from desktop.services.dto import Actor, DepartmentOption
from desktop.services.errors import ServiceError, reading
from desktop.services.tickets import TicketService

DEMO_ACTOR = Actor("A1001", "张敏")
DEMO_AGENTS: tuple[Actor, ...] = (
    DEMO_ACTOR,
    Actor("A1002", "李娜"),
    Actor("A1003", "王芳"),
    Actor("A1004", "刘洋"),
    Actor("A1005", "陈静"),
    Actor("A1006", "杨磊"),
    Actor("A1007", "赵丽"),
)

CHUNK_SIZE = 100  # tickets per transaction at most
SPAN_DAYS = 120  # how far back the calls go
EXAMPLE_COUNT = 5

# --- the centre ---------------------------------------------------------------------

# Index into DEFAULT_DEPARTMENTS, the Chinese name used in process notes, and handlers.
TECH, AFTER_SALES, SUPPLY, FINANCE, PRODUCT = range(5)
_DEPARTMENT_NAMES = ("技术部", "售后部", "供应链部", "财务部", "产品部")
_HANDLERS: tuple[tuple[str, ...], ...] = (
    ("李工", "王工", "陈工"),
    ("刘主管", "周工", "黄工"),
    ("赵经理", "孙工"),
    ("钱会计", "吴经理"),
    ("郑经理", "冯工"),
)

_SURNAMES = (
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
    "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "田", "董", "潘", "袁",
    "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "沈", "姚", "卢",
)
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
    "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188",
    "189", "191", "198", "199",
)
# Area code and the digits a local number there starts with (8-digit local numbers).
_AREA_CODES = (("010", "5678"), ("021", "3456"), ("020", "38"), ("0755", "28"), ("0571", "8"),
               ("028", "68"), ("027", "8"), ("025", "58"))

_PRODUCTS = (
    "智能手表 W3", "无线耳机 Air Pro", "扫地机器人 S7", "空气净化器 P5", "智能门锁 L2", "平板电脑 T10",
    "蓝牙音箱 M2", "电饭煲 R5", "手机 X20", "电动牙刷 C1",
)
_FEATURES = ("NFC支付", "血氧监测", "双频Wi-Fi", "语音控制", "自动集尘", "快充")
_FAULTS = ("无法充电", "屏幕闪烁", "异响", "自动关机", "按键失灵", "漏水")
_CITIES = ("北京市朝阳区", "上海市浦东新区", "广州市天河区", "深圳市南山区", "杭州市西湖区", "成都市武侯区")

_CHANNELS = (("phone", 70), ("app", 10), ("web", 8), ("walk_in", 4), ("callback", 8))
_ACCOUNT_TYPES = (("personal", 80), ("enterprise", 12), ("vip", 8))
_EMOTIONS: dict[str, tuple[tuple[str, int], ...]] = {
    "consult": (("calm", 75), ("anxious", 20), ("other", 5)),
    "complaint": (("dissatisfied", 45), ("anxious", 20), ("agitated", 20), ("calm", 15)),
    "fault": (("anxious", 50), ("calm", 30), ("dissatisfied", 20)),
    "suggestion": (("calm", 90), ("other", 10)),
    "other": (("calm", 80), ("anxious", 20)),
}
_REMARKS = (
    "客户要求工作日白天回电", "客户希望优先短信联系", "企业客户，需开具增值税专用发票",
    "客户为老年人，沟通时需放慢语速", "客户要求回电前先发短信确认", "客户表示下午三点前不方便接听",
)
_UNSATISFIED_REASONS = (
    "处理时间过长", "对补偿方案不满意", "问题未彻底解决，仍偶尔出现", "多次来电才得到处理", "希望直接退款而非换货",
)
_CALLBACK_RESULTS = ("客户确认问题已解决", "客户对处理结果表示满意", "客户未接听，已发送短信告知处理结果")


@dataclass(frozen=True)
class _Scenario:
    """One thing a caller says, with what the centre did about it."""

    description: str
    solutions: tuple[str, ...]
    first_call: bool = False  # can be settled during the call itself (FCR)
    issue_type: str | None = None  # else the topic's mix
    products: tuple[str, ...] = ()  # else the topic's


@dataclass(frozen=True)
class _Topic:
    """A business module: how often it comes up, who handles it, what is said and done."""

    module: str
    weight: int
    issue_types: tuple[tuple[str, int], ...]
    department: int
    scenarios: tuple[_Scenario, ...]
    steps: tuple[str, ...]
    first_call: float = 0.0  # share of the first-call scenarios settled on the call
    order: float = 0.0  # share with an order number
    products: tuple[str, ...] = _PRODUCTS
    urgent: float = 0.10


_S = _Scenario
_TOPICS: tuple[_Topic, ...] = (
    _Topic(
        "logistics", 22, (("complaint", 60), ("consult", 40)), SUPPLY,
        (_S("订单已超过承诺时效{days}天仍未送达，物流信息{days}天未更新",
            ("联系物流核实为地址填写错误导致滞留，已更正地址并加急派送，次日送达",
             "包裹确认丢失，已为客户补发，新包裹已发出",
             "已催促快递公司加急派送，包裹于次日送达")),
         _S("物流显示已签收，但客户表示未收到包裹",
            ("联系快递员核实，包裹由门卫代收，客户已取回",
             "联系快递员核实，包裹放在小区驿站，已告知客户取件",
             "包裹确认丢失，已为客户补发，新包裹已发出")),
         _S("快递员未联系客户，直接将包裹放在驿站", ("已向快递公司反馈，快递员已向客户致歉",),
            issue_type="complaint"),
         _S("包裹外箱破损，{product}外壳有磕碰",
            ("已为客户办理换货，新品已发出", "客户选择保留商品，已补偿{coupon}元优惠券"), issue_type="complaint"),
         _S("要求将配送时间改为周末上午", ("已联系快递公司将配送时间改为周末上午",), first_call=True,
            issue_type="consult"),
         _S("查询订单物流进度，客户急用", ("已查询物流信息并告知客户预计送达时间",), first_call=True,
            issue_type="consult")),
        ("联系快递公司核实包裹位置", "联系快递员了解派送情况", "申请加急派送"),
        first_call=0.8, order=0.9,
    ),
    _Topic(
        "product", 18, (("consult", 100),), PRODUCT,
        (_S("咨询{product}的保修期限和保修范围，购买已{months}个月", ("已告知保修政策：整机一年、主要部件三年",), True),
         _S("询问{product}是否支持{feature}", ("已查询产品参数并告知客户该功能的支持情况",), True),
         _S("咨询{product}与上一代型号的区别，准备下单购买", ("已向客户发送两款型号的参数对比",), True),
         _S("询问{product}的正确使用和清洁方法", ("已讲解使用和清洁方法，并发送说明书链接",), True),
         _S("咨询{product}当前的促销活动及以旧换新政策", ("已介绍促销活动和以旧换新流程，客户表示会到门店办理",), True),
         _S("询问{product}是否有现货，希望{days}天内送达", ("已查询库存并告知客户预计发货时间",), True)),
        ("查询产品资料", "向产品部确认参数"),
        first_call=0.75, order=0.05, urgent=0.02,
    ),
    _Topic(
        "after_sales", 14, (("complaint", 100),), AFTER_SALES,
        (_S("{product}购买{days}天后出现{fault}，要求退货",
            ("已安排上门取件，检测后办理退货退款", "检测确认为质量问题，已办理退货退款")),
         _S("{product}送修已{days}天，至今未收到维修结果，要求尽快处理",
            ("已催促维修中心加急处理，维修完成后顺丰寄回", "维修已完成并寄回，已向客户致歉")),
         _S("上门安装人员迟到{hours}小时且未提前通知，客户表示不满",
            ("已向客户致歉并补偿{coupon}元优惠券", "已向安装网点通报并要求整改，已向客户致歉")),
         _S("收到的{product}外观有划痕，要求换货", ("已为客户办理换货，新品已发出",)),
         _S("维修后{product}再次出现{fault}，要求换新", ("经检测确认故障，已为客户办理换新",))),
        ("联系客户确认购买凭证", "联系维修中心查询进度", "安排上门取件", "提交换货审批"),
        order=0.8, urgent=0.15,
    ),
    _Topic(
        "tech_support", 14, (("fault", 100),), TECH,
        (_S("{product}无法开机，按电源键无反应，已充电{hours}小时",
            ("指导客户长按电源键15秒强制重启后恢复正常", "确认主板故障，已批准换新并寄出新机"), True),
         _S("{product}使用中频繁自动重启",
            ("远程指导客户恢复出厂设置后恢复正常", "已推送修复版本固件，客户升级后正常"), True),
         _S("{product}无法连接家中Wi-Fi，提示连接超时", ("指导客户重新配网后连接成功",), True),
         _S("APP无法绑定{product}，提示设备离线", ("指导客户更新APP并重新绑定，已绑定成功",), True),
         _S("{product}升级固件后部分功能无法使用", ("已推送修复版本固件，客户升级后正常",)),
         _S("{product}充不进电，指示灯不亮",
            ("确认电池故障，已安排上门更换电池", "确认充电器损坏，已免费寄送新充电器"))),
        ("联系客户获取序列号", "远程指导客户排查", "确认为硬件故障", "安排工程师上门检测"),
        first_call=0.35, order=0.3,
    ),
    _Topic(
        "billing", 12, (("consult", 55), ("complaint", 45)), FINANCE,
        (_S("账单中有一笔{amount}元的扣款，客户表示未办理相关业务",
            ("已调取账单逐项核对，该笔为会员年费扣款，已向客户解释",
             "核实为系统误扣，财务部已提交退款，款项将原路退回")),
         _S("申请退款{amount}元，退款已提交{days}天仍未到账", ("财务部核实退款已处理，款项将原路退回",),
            issue_type="complaint"),
         _S("同一订单被重复扣款两次，每次{amount}元", ("核实为重复扣款，已退回多扣金额",), issue_type="complaint"),
         _S("会员自动续费扣款{amount}元，要求取消自动续费并退款", ("已取消自动续费并退还当期费用",)),
         _S("咨询电子发票的开具和下载方式", ("已告知电子发票的开具和下载流程",), True, "consult"),
         _S("咨询分期付款的手续费计算方式", ("已说明分期手续费的计算方式",), True, "consult")),
        ("调取账单逐项核对", "提交财务部核实", "核实扣款记录"),
        first_call=0.9, order=0.6,
    ),
    _Topic(
        "refund", 5, (("complaint", 50), ("consult", 50)), FINANCE,
        (_S("申请退还订单多付的运费{amount}元", ("已核验身份后提交退款，财务部已退还运费",)),
         _S("{product}已退货，申请退款{amount}元", ("已核验身份后提交退款申请，款项将原路退回",)),
         _S("取消订单后申请退款{amount}元", ("财务部已处理退款，款项将原路退回",), issue_type="consult")),
        ("已核验客户身份", "提交财务部退款审批", "财务部确认退款已处理"),
        order=0.9, urgent=0.05,
    ),
    _Topic(
        "info_change", 9, (("consult", 60), ("other", 40)), AFTER_SALES,
        (_S("申请将会员账户绑定手机号更换为新号码", ("已核验身份后完成手机号更换",), True),
         _S("申请修改默认收货地址为{city}", ("已核验身份后完成收货地址修改",), True),
         _S("要求将发票抬头修改为公司名称并重开发票", ("已重新开具发票并发送至客户邮箱",)),
         _S("申请注销会员账户并删除个人信息", ("已核验身份后提交注销申请，7个工作日内完成",), True),
         _S("会员等级未按累计消费升级，申请核实", ("已核实消费记录，会员等级已更正",)),
         _S("企业账户需要新增一名授权联系人", ("已核验企业授权书后添加联系人",))),
        ("已核验客户身份（预留信息核对一致）", "提交信息变更申请"),
        first_call=0.7, order=0.1, urgent=0.03,
    ),
    _Topic(
        "feedback", 6, (("suggestion", 100),), PRODUCT,
        (_S("建议在APP中增加订单实时进度提醒", ("已转产品部评估，已纳入V{version}版本规划，客户表示感谢",)),
         _S("建议客服热线服务时间延长至22:00", ("已记录建议并提交运营部门评估，客户表示感谢",)),
         _S("建议{product}的包装增加防震材料", ("已转产品部，产品部回复将在下一批次改进包装",)),
         _S("建议官网增加以旧换新的在线估价功能", ("已转产品部评估，已纳入V{version}版本规划",)),
         _S("建议APP支持夜间模式", ("已转产品部，产品部回复将在下季度评估",)),
         _S("建议会员积分可以抵扣运费", ("已记录并转会员运营团队评估",))),
        ("转产品部评估", "产品部回复评估结论"),
        urgent=0.0,
    ),
    _Topic(
        "emergency_repair", 5, (("fault", 100),), TECH,
        (_S("{product}通电后冒烟并有焦糊味，客户已断电，要求紧急上门检修",
            ("工程师当天上门，更换电源板后恢复正常", "确认产品故障，已为客户办理换新")),
         _S("{product}底部漏水，客户已关闭进水阀，要求当天上门维修", ("工程师上门更换密封圈，漏水问题已解决",),
            products=("电热水器 H60", "洗碗机 D8")),
         _S("{product}插头发烫并导致跳闸，要求上门检查", ("工程师上门检查，更换电源线后恢复正常",))),
        ("安排工程师紧急上门", "工程师到场检测"),
        order=0.5, products=("电热水器 H60", "电暖器 N3", "洗碗机 D8", "电饭煲 R5", "空气净化器 P5"), urgent=1.0,
    ),
)

_OPEN_STATUSES = (("pending", 20), ("in_progress", 35), ("transfer", 8), ("coordinating", 12),
                  ("awaiting_customer", 15), ("escalate", 10))
_DEADLINE_HOURS = {"urgent": 1.0, "important": 4.0, "normal": 24.0}
_WORK_START = time(8, 30)
_WORK_END = time(20, 30)
# Half-hour slots from 08:30 to 20:00 and how busy each one is.
_SLOT_WEIGHTS = (1, 3, 4, 5, 5, 4, 3, 2, 2, 3, 4, 5, 5, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1)


# --- planning ---------------------------------------------------------------------------


@dataclass
class _Call:
    started: datetime  # aware UTC
    ended: datetime
    values: dict[str, Any]
    promise: bool = False  # a feedback time is promised (set once the chunk's clock is known)
    steps: list[tuple[timedelta, str]] = field(default_factory=list)  # process note, after the call end


@dataclass
class _Chunk:
    actor: Actor
    now: datetime
    drafts: list[TicketDraft]


@dataclass(frozen=True)
class _Caller:
    phone: str
    name: str
    account_type: str


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([value for value, _w in weighted], weights=[w for _v, w in weighted])[0]


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at).astimezone().astimezone(UTC)


def _note_time(moment: datetime, call_day: date) -> str:
    local = moment.astimezone()
    return local.strftime("%H:%M") if local.date() == call_day else local.strftime("%m-%d %H:%M")


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        if rng.random() < 0.10:
            area, starts = rng.choice(_AREA_CODES)
            text = f"{area}-{rng.choice(starts)}{rng.randrange(10**7):07d}"
        else:
            text = f"{rng.choice(_MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"
        check = check_phone(text)
        if check.ok and check.e164 not in used:
            used.add(check.e164 or text)
            return text


def _name(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return ""  # 匿名客户
    return rng.choice(_SURNAMES) + rng.choice(("先生", "女士"))


class _Planner:
    def __init__(self, rng: random.Random, now: datetime, departments: Sequence[int | None]) -> None:
        self.rng = rng
        self.now = now
        self.departments = departments
        self.used_phones: set[str] = set()
        self.callers: list[_Caller] = []
        today = now.astimezone().date()
        self.days = [today - timedelta(days=n) for n in range(SPAN_DAYS + 1)]
        self.day_weights = [1.0 if d.weekday() < 5 else (0.5 if d.weekday() == 5 else 0.4) for d in self.days]

    def _new_caller(self) -> _Caller:
        rng = self.rng
        return _Caller(_phone(rng, self.used_phones), _name(rng), _pick(rng, _ACCOUNT_TYPES))

    def caller(self) -> _Caller:
        """About 30% of calls come from a pool of repeat callers."""
        if self.callers and self.rng.random() < 0.30:
            return self.rng.choice(self.callers)
        caller = self._new_caller()
        if self.rng.random() < 0.35:
            self.callers.append(caller)
        return caller

    def call_time(self) -> tuple[datetime, datetime]:
        """Working hours (08:30–20:30, busiest mid-morning and mid-afternoon), fewer at weekends, before now."""
        rng = self.rng
        while True:
            day = rng.choices(self.days, weights=self.day_weights)[0]
            slot = rng.choices(range(len(_SLOT_WEIGHTS)), weights=_SLOT_WEIGHTS)[0]
            start = _local(day, _WORK_START) + timedelta(minutes=30 * slot, seconds=rng.randrange(1800))
            end = start + timedelta(seconds=int(rng.triangular(60, 900, 240)))
            if end <= self.now - timedelta(minutes=1):
                return start, end

    def plan(self) -> _Call:
        rng = self.rng
        topic = rng.choices(_TOPICS, weights=[t.weight for t in _TOPICS])[0]
        scenario = rng.choice(topic.scenarios)
        issue_type = scenario.issue_type or _pick(rng, topic.issue_types)
        started, ended = self.call_time()
        caller = self.caller()
        product = rng.choice(scenario.products or topic.products)
        fill = {
            "product": product, "days": rng.randint(2, 9), "months": rng.randint(1, 20), "hours": rng.randint(1, 4),
            "amount": rng.choice((29, 59, 99, 128, 199, 268, 399, 599, 1299)), "fault": rng.choice(_FAULTS),
            "feature": rng.choice(_FEATURES), "city": rng.choice(_CITIES), "coupon": rng.choice((20, 50, 100)),
            "version": f"2.{rng.randint(3, 9)}",
        }
        mentions_product = "{product}" in scenario.description
        priority = "urgent" if rng.random() < topic.urgent else _pick(rng, (("important", 30), ("normal", 70)))
        emotion = _pick(rng, _EMOTIONS[issue_type])
        if emotion == "agitated" and priority == "normal":
            priority = "important"
        order_number = ""
        if rng.random() < topic.order:
            ordered = (started - timedelta(days=rng.randint(0, 20))).astimezone().date()
            order_number = f"DD{ordered:%Y%m%d}{rng.randrange(1, 100000):05d}"
            mentions_product = mentions_product or rng.random() < 0.4
        values: dict[str, Any] = {
            "channel": _pick(rng, _CHANNELS),
            "call_started_at": started,
            "call_ended_at": ended,
            "phone": caller.phone,
            "customer_name": caller.name,
            "account_type": caller.account_type,
            "issue_type": issue_type,
            "business_module": topic.module,
            "description": scenario.description.format(**fill),
            "order_number": order_number,
            "product": product if mentions_product else "",
            "emotion": emotion,
            "priority": priority,
            "solution": rng.choice(scenario.solutions).format(**fill),
        }
        call = _Call(started, ended, values)
        if rng.random() < 0.08:
            values["remark"] = rng.choice(_REMARKS)
        if scenario.first_call and rng.random() < topic.first_call:
            values["status"] = "resolved"
            call.steps.append((timedelta(0), "通话中已解决，客户无其他问题"))
            self._satisfaction(values, 0.6)
            return call
        self._route(call, topic, fill)
        return call

    def _route(self, call: _Call, topic: _Topic, fill: dict[str, Any]) -> None:
        rng = self.rng
        values = call.values
        age = self.now - call.started
        department = topic.department
        handler = rng.choice(_HANDLERS[department])
        values.update(department_id=self.departments[department], handler=handler)
        minutes = rng.randint(5, 20)
        call.steps.append((timedelta(minutes=minutes), f"分派至{_DEPARTMENT_NAMES[department]}{handler}"))
        done_share = 0.92 if age > timedelta(days=21) else 0.75 if age > timedelta(days=7) else (
            0.45 if age > timedelta(days=2) else 0.12)
        if rng.random() < done_share:
            for step in rng.sample(topic.steps, k=min(len(topic.steps), rng.randint(1, 2))):
                minutes += rng.randint(10, 90)
                call.steps.append((timedelta(minutes=minutes), step.format(**fill)))
            status = "closed" if age > timedelta(days=5) and rng.random() < 0.6 else "resolved"
            values["status"] = status
            call.steps.append((timedelta(minutes=minutes + rng.randint(10, 240)), "回复客户处理结果"))
            self._satisfaction(values, 0.85)
            if status == "closed" and not values.get("satisfaction"):
                values["status"] = "resolved"  # closing asks for the customer's satisfaction first
            call.promise = rng.random() < 0.15
            if age > timedelta(days=4) and rng.random() < 0.5:
                values["callback_at"] = call.ended + timedelta(hours=rng.randint(24, 48), minutes=rng.randrange(60))
                values["callback_result"] = (
                    f"客户表示不满意：{values['satisfaction_reason']}" if values.get("satisfaction") == "unsatisfied"
                    else rng.choice(_CALLBACK_RESULTS))
        else:
            status = _pick(rng, _OPEN_STATUSES)
            values["status"] = status
            values["solution"] = ""
            values["follow_up_owner"] = handler
            if status == "coordinating":
                other = rng.choice([d for d in range(len(_DEPARTMENT_NAMES)) if d != department])
                call.steps.append((timedelta(minutes=minutes + 30),
                                   f"协调{_DEPARTMENT_NAMES[other]}{rng.choice(_HANDLERS[other])}，等待对方回复"))
            elif status == "awaiting_customer":
                call.steps.append((timedelta(minutes=minutes + 20), "已请客户补充购买凭证照片"))
            elif status == "escalate":
                call.steps.append((timedelta(minutes=minutes + 40), "客户要求升级处理，已报值班主管"))
            call.promise = rng.random() < 0.6

    def _satisfaction(self, values: dict[str, Any], share: float) -> None:
        rng = self.rng
        if rng.random() >= share:
            return
        satisfaction = _pick(rng, (("satisfied", 70), ("basic", 20), ("unsatisfied", 10)))
        values["satisfaction"] = satisfaction
        values["satisfaction_score"] = {"satisfied": rng.choice((4, 5, 5)), "basic": rng.choice((3, 3, 4)),
                                        "unsatisfied": rng.choice((1, 2))}[satisfaction]
        if satisfaction == "unsatisfied":
            values["satisfaction_reason"] = rng.choice(_UNSATISFIED_REASONS)


def _promised_time(call: _Call, now: datetime) -> datetime:
    """The time promised to the customer: the priority's deadline, on working hours, after ``now``."""
    hours = _DEADLINE_HOURS.get(call.values["priority"], 24.0)
    moment = max(call.ended + timedelta(hours=hours), now + timedelta(minutes=30)).astimezone()
    moment = (moment + timedelta(minutes=29)).replace(second=0, microsecond=0)
    moment = moment.replace(minute=0 if moment.minute < 30 else 30)
    if moment.time() > time(18, 0):
        moment = datetime.combine(moment.date() + timedelta(days=1), time(10, 0)).astimezone()
    elif moment.time() < time(9, 0):
        moment = datetime.combine(moment.date(), time(10, 0)).astimezone()
    return moment.astimezone(UTC)


_IDENTITY_CHECKS = ("registered_phone", "sms_code", "order_details", "id_last4")


def _draft(call: _Call, now: datetime) -> TicketDraft:
    values = dict(call.values)
    if values.get("business_module") in DEFAULT_SENSITIVE_MODULES and not values.get("identity_method"):
        # Data changes and refunds are saved only with the caller's identity check recorded.
        values["identity_method"] = _IDENTITY_CHECKS[len(values.get("description", "")) % len(_IDENTITY_CHECKS)]
    call_day = call.ended.astimezone().date()
    if call.promise:
        promised = _promised_time(call, now)
        values["promised_feedback_at"] = promised
        call.steps.append((timedelta(0), f"承诺{_note_time(promised, call_day)}前回复客户"))
    if call.steps:
        steps = sorted(call.steps, key=lambda s: s[0])
        values["process_note"] = "；".join(f"{_note_time(call.ended + delta, call_day)} {text}"
                                          for delta, text in steps)
    return TicketDraft(**values)


# --- the SPEC §7 worked examples ---------------------------------------------------------


def _at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute).astimezone().astimezone(UTC)


def _examples(departments: Sequence[int | None], owner: str) -> list[tuple[TicketDraft, datetime]]:
    """The five calls of SPEC §7 (``owner`` follows them up) and the time each record was saved."""
    repeat_phone = "13812345678"
    examples = [
        TicketDraft(
            channel="phone", call_started_at=_at(2023, 10, 15, 9, 52), call_ended_at=_at(2023, 10, 15, 10, 0),
            phone=repeat_phone, customer_name="王先生", account_type="personal", issue_type="fault",
            business_module="tech_support", description="当天购买的智能手表无法开机，长按电源键无反应",
            product="智能手表 W3", order_number="DD2023101500123", emotion="anxious", priority="urgent",
            department_id=departments[TECH], handler="李工", follow_up_owner=owner, status="closed",
            solution="确认主板故障，批准换新；新机已于14:00寄出", satisfaction="satisfied", satisfaction_score=5,
            callback_at=_at(2023, 10, 16, 10, 0), callback_result="客户确认已收到新机，使用正常",
            remark="2023-10-16 归档",
            process_note="10:00 记录来电；10:15 分派至技术部李工；10:30 联系客户获取序列号；"
                         "11:00 确认主板故障，批准换新；14:00 新机已寄出",
        ),
        TicketDraft(
            channel="phone", call_started_at=_at(2023, 10, 15, 10, 20), call_ended_at=_at(2023, 10, 15, 10, 26),
            phone="13698765432", customer_name="李女士", account_type="personal", issue_type="suggestion",
            business_module="feedback", description="建议在APP中增加订单实时进度提醒功能",
            emotion="calm", priority="normal", department_id=departments[PRODUCT], handler="郑经理",
            status="closed", solution="已转产品部评估，计划在V2.3版本上线订单进度提醒；客户表示感谢",
            satisfaction="satisfied", satisfaction_score=5, remark="2023-10-16 归档",
            process_note="10:26 记录建议；10:40 分派至产品部郑经理；15:00 产品部确认纳入V2.3版本规划；"
                         "15:20 回复客户，客户表示感谢",
        ),
        TicketDraft(
            channel="phone", call_started_at=_at(2023, 10, 15, 10, 40), call_ended_at=_at(2023, 10, 15, 10, 49),
            phone="15987654321", customer_name="张先生", account_type="personal", issue_type="complaint",
            business_module="logistics", description="包裹比承诺时间晚3天仍未送达，同时投诉快递员服务态度",
            order_number="DD2023100900457", emotion="dissatisfied", priority="important",
            department_id=departments[SUPPLY], handler="赵经理", status="closed",
            solution="核实为收货地址错误导致包裹滞留，已更正地址并加急派送，包裹于次日送达",
            satisfaction="basic", satisfaction_score=3, callback_at=_at(2023, 10, 16, 16, 0),
            callback_result="客户确认已收到包裹，评价一般", remark="2023-10-17 归档",
            process_note="10:49 记录投诉；11:00 分派至供应链部赵经理；11:40 查明因地址错误滞留，已更正地址并加急派送；"
                         "10-16 15:30 包裹已送达，客户确认收货",
        ),
        TicketDraft(
            channel="phone", call_started_at=_at(2023, 10, 25, 14, 30), call_ended_at=_at(2023, 10, 25, 14, 38),
            phone=repeat_phone, customer_name="王先生", account_type="personal", issue_type="complaint",
            business_module="after_sales", description="10月20日购买的产品使用3天后无法开机，要求换货",
            product="智能手表 W3", order_number="DD2023102000871", emotion="dissatisfied", priority="urgent",
            department_id=departments[AFTER_SALES], handler="刘主管", follow_up_owner=owner, status="in_progress",
            promised_feedback_at=_at(2023, 10, 26, 18, 0), remark="客户10月15日曾就同一问题来电，未解决",
            process_note="14:38 记录投诉；14:45 分派至售后部刘主管；承诺10-26 18:00前回复客户",
        ),
        TicketDraft(
            channel="phone", call_started_at=_at(2023, 10, 27, 14, 30), call_ended_at=_at(2023, 10, 27, 14, 36),
            phone="13511112222", customer_name="陈女士", account_type="personal", issue_type="consult",
            business_module="logistics", description="物流查询：物流显示已签收但未收到包裹，客户已核对收货地址无误",
            order_number="DD2023102300516", emotion="anxious", priority="normal",
            department_id=departments[SUPPLY], handler="孙工", follow_up_owner=owner, status="resolved",
            solution="联系快递员核实，包裹由小区驿站代收，已告知客户取件",
            promised_feedback_at=_at(2023, 10, 27, 18, 0),
            satisfaction="satisfied", satisfaction_score=4,
            process_note="14:36 记录来电，承诺24小时内答复、18:00跟进；14:50 分派至供应链部孙工；"
                         "17:40 核实包裹由驿站代收；18:00 回复客户",
        ),
    ]
    saved: list[tuple[TicketDraft, datetime]] = []
    for draft in examples:
        assert draft.call_ended_at is not None
        saved.append((draft, draft.call_ended_at + timedelta(minutes=5)))
    return saved


# --- putting it together ---------------------------------------------------------------------


def _department_ids(options: Sequence[DepartmentOption]) -> list[int | None]:
    """The database ids of the five default departments (by name, else by position)."""
    by_name = {option.name: option.id for option in options}
    ids: list[int | None] = []
    for index, source in enumerate(DEFAULT_DEPARTMENTS):
        found = by_name.get(_(source)) or by_name.get(source) or by_name.get(_DEPARTMENT_NAMES[index])
        if found is None and options:
            found = options[index % len(options)].id
        ids.append(found)
    return ids


def _chunks(calls: list[_Call], rng: random.Random, agents: Sequence[Actor], now: datetime) -> list[_Chunk]:
    """Calls in time order, grouped by local day and shift (one agent on each), at most CHUNK_SIZE each."""
    calls.sort(key=lambda c: c.started)
    groups: list[list[_Call]] = []
    last_key: tuple[date, bool] | None = None
    for call in calls:
        local = call.started.astimezone()
        key = (local.date(), local.time() >= time(14, 30))
        if key != last_key or len(groups[-1]) >= CHUNK_SIZE:
            groups.append([])
            last_key = key
        groups[-1].append(call)
    chunks = []
    for group in groups:
        actor = rng.choice(agents)
        saved = max(call.ended for call in group) + timedelta(seconds=rng.randint(30, 300))
        saved = min(saved, now)
        chunks.append(_Chunk(actor, saved, [_draft(call, saved) for call in group]))
    return chunks


def _fixed(moment: datetime) -> Clock:
    return lambda: moment


def _usable_agents(database: Database, agents: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """The demo agents that may save here: all of them before accounts exist, else those with an account."""
    with reading(), database.sessions() as session:
        if not accounts_set_up(session):
            return agents
        known = set(session.scalars(select(Agent.code).where(Agent.active.is_(True), Agent.password_hash.is_not(None))))
    usable = tuple(agent for agent in agents if agent.code in known)
    if not usable:
        raise ServiceError(_("This database has sign-in accounts, and none of the demo agents ({codes}) is one of "
                             "them. Put demo data in a database of its own: hotline-desk --demo, or --db demo.sqlite3.")
                           .format(codes=", ".join(agent.code for agent in agents)))
    return usable


def create_demo_accounts(database: Database, password: str) -> int:
    """Sign-in accounts for the demo agents: A1001 administrator, A1002 supervisor, the rest agents.

    Only on a database without an administrator (a demo database): never on real data.
    """
    accounts = AccountService(database.sessions)
    if not accounts.needs_first_admin():
        return 0
    admin = accounts.create_first_admin(DEMO_ACTOR.code, DEMO_ACTOR.name, password)
    for index, agent in enumerate(DEMO_AGENTS[1:]):
        accounts.save_account(admin, agent.code, agent.name, SUPERVISOR if index == 0 else AGENT, password=password)
    return len(DEMO_AGENTS)


def generate_demo(
    database: Database,
    count: int,
    *,
    actor: Actor | None = None,
    seed: int | None = None,
    progress: Callable[[int, int], bool] | None = None,
    clock: Clock = utc_now,
    include_examples: bool = True,
    prefix: str = DEFAULT_PREFIX,
) -> int:
    """Add exactly ``count`` sample tickets spread over the ~4 months before ``clock()``.

    ``actor`` takes the worked examples and works shifts alongside DEMO_AGENTS.
    ``progress(done, total)`` is called after every chunk; returning False stops there
    (the chunks already saved stay). Returns the number of tickets added.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if count == 0:
        return 0
    rng = random.Random(seed)
    now = clock()
    lead = actor or DEMO_ACTOR
    agents = _usable_agents(database, (lead, *(agent for agent in DEMO_AGENTS if agent.code != lead.code)))
    lead = agents[0]
    departments = _department_ids(ChoiceService(database.sessions).departments())

    chunks: list[_Chunk] = []
    planned = count
    if include_examples and count >= EXAMPLE_COUNT:
        chunks.extend(_Chunk(lead, saved, [draft]) for draft, saved in _examples(departments, lead.name))
        planned -= EXAMPLE_COUNT
    planner = _Planner(rng, now, departments)
    chunks.extend(_chunks([planner.plan() for _ in range(planned)], rng, agents, now))

    done = 0
    lifecycle_rng = random.Random(rng.random())
    for chunk in chunks:
        service = TicketService(database.sessions, clock=_fixed(chunk.now), prefix=prefix)
        created = service.create_many(chunk.drafts, chunk.actor)
        with database.sessions.begin() as session:
            settle_lifecycle(session, created, lifecycle_rng, now)
        done += len(created)
        if progress is not None and progress(done, count) is False:
            break
    return done
