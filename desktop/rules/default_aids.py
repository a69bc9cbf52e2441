"""The quick phrases and problem guides a new database starts with, for each language.

These are content, not interface text: they are stored in the database per language (an
agent edits them like any other phrase), so they are written out per language here rather
than looked up in the catalogs. The 账单 guide is SPEC §5's example word for word.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultGuide:
    problem_type: str  # a business-module code (rules.choices BUILTIN[BUSINESS_MODULE])
    typical_case: str
    steps: tuple[str, ...]
    min_minutes: int
    max_minutes: int
    cautions: str


@dataclass(frozen=True)
class DefaultAids:
    phrases: tuple[tuple[str, str], ...]  # (category code, text)
    guides: tuple[DefaultGuide, ...]


_G = DefaultGuide


def default_aids() -> dict[str, DefaultAids]:
    """Language code -> the phrases and guides shipped for it."""
    return {
        "zh_CN": DefaultAids(_ZH_CN_PHRASES, _ZH_CN_GUIDES),
        "zh_TW": DefaultAids(_ZH_TW_PHRASES, _ZH_TW_GUIDES),
        "en": DefaultAids(_EN_PHRASES, _EN_GUIDES),
    }


# --- 简体中文 ------------------------------------------------------------------------------

_ZH_CN_PHRASES: tuple[tuple[str, str], ...] = (
    ("greeting", "您好，这里是{centre}客户服务热线，工号{agent_id}为您服务，请问有什么可以帮您？"),
    ("greeting", "{customer}您好，我是{agent_id}号客服，很高兴为您服务。"),
    ("calming", "{customer}，非常理解您的心情，我们一定尽快为您处理。"),
    ("calming", "给您带来不便，真的非常抱歉，请您放心，我会全程跟进这件事。"),
    ("calming", "请您别着急，我先把情况记录清楚，马上为您核实。"),
    ("confirming", "您的意思是……，对吗？"),
    ("confirming", "跟您核对一下，您的订单号是……，我逐位念一遍，您看对不对。"),
    ("confirming", "为了保障您的账户安全，需要先核实一下您的身份信息，可以吗？"),
    ("closing", "请问还有其他可以帮您的吗？"),
    ("closing", "感谢您的来电，祝您生活愉快，再见！"),
    ("closing", "处理结果我们会在承诺的时间内回复您，感谢您的耐心等待，再见！"),
)

_ZH_CN_GUIDES: tuple[DefaultGuide, ...] = (
    _G("billing", "账单疑问：客户对本期账单的金额或扣费项目有疑问。",
      ("调取账单", "核对明细", "解释说明", "需退款则转财务"), 5, 8,
      "不承诺退款到账时间。"),
    _G("logistics", "物流查询：显示已签收但客户未收到，或包裹迟迟未更新。",
      ("核实订单号与收货地址", "查询物流轨迹", "联系承运方核实", "告知客户处理进度与回复时间"), 4, 6,
      "地址有误须与客户逐字确认后再改；不擅自承诺送达时间。"),
    _G("tech_support", "产品故障：新购产品无法开机或使用中突然失灵。",
      ("确认产品型号与序列号", "指导客户做基础排查（电源、重启）", "记录故障现象", "无法远程解决则转技术部"), 8, 12,
      "不指导客户拆机；涉及人身安全的故障立即升级。"),
    _G("after_sales", "售后投诉：客户对维修、退换货结果或服务态度不满。",
      ("倾听并安抚情绪", "核实购买与售后记录", "明确客户诉求", "给出处理方案或转售后部", "约定回复时间"), 6, 10,
      "如实记录客户原话；不推诿、不争辩；超出权限的补偿须请示主管。"),
    _G("info_change", "信息变更：客户要求修改手机号、地址或账户资料。",
      ("核实客户身份", "确认需变更的内容", "提交变更", "向客户复述变更结果"), 3, 5,
      "未核实身份不得变更；在工单上记录核实方式。"),
    _G("emergency_repair", "紧急报修：设备故障影响正常生产生活或存在安全隐患。",
      ("确认故障地点与联系人", "判断是否存在安全风险", "立即派单至技术部", "告知客户上门时间", "24小时内回访"),
      2, 4, "有安全隐患先提醒客户断电、远离；优先级设为紧急。"),
    _G("product", "产品咨询：客户询问产品功能、价格或购买方式。",
      ("了解客户需求", "介绍相关产品与功能", "说明价格与购买渠道", "需要时发送资料"), 3, 6,
      "以官方资料为准，不夸大功能；不确定的内容查询后再答复。"),
    _G("feedback", "建议反馈：客户对产品或服务提出改进建议。",
      ("感谢客户的建议", "完整记录建议内容", "转产品部评估", "告知客户后续反馈方式"), 2, 4,
      "不承诺建议一定被采纳或上线时间。"),
    _G("refund", "退款申请：客户申请退还货款、运费或多扣的费用。",
      ("核实客户身份并记录核验方式", "核对订单与支付记录", "确认退款金额与原因", "提交财务部审批", "告知客户审批进度"),
      5, 8, "不承诺退款到账时间；未核实身份不得受理。"),
)


# --- 繁體中文 ------------------------------------------------------------------------------

_ZH_TW_PHRASES: tuple[tuple[str, str], ...] = (
    ("greeting", "您好，這裡是{centre}客戶服務專線，工號{agent_id}為您服務，請問有什麼可以幫您？"),
    ("greeting", "{customer}您好，我是{agent_id}號客服，很高興為您服務。"),
    ("calming", "{customer}，非常理解您的心情，我們一定盡快為您處理。"),
    ("calming", "造成您的不便，真的非常抱歉，請您放心，我會全程跟進這件事。"),
    ("calming", "請您別著急，我先把情況記錄清楚，馬上為您核實。"),
    ("confirming", "您的意思是……，對嗎？"),
    ("confirming", "跟您核對一下，您的訂單號是……，我逐位唸一遍，您看對不對。"),
    ("confirming", "為了保障您的帳戶安全，需要先核實一下您的身分資料，可以嗎？"),
    ("closing", "請問還有其他可以幫您的嗎？"),
    ("closing", "感謝您的來電，祝您生活愉快，再見！"),
    ("closing", "處理結果我們會在承諾的時間內回覆您，感謝您的耐心等候，再見！"),
)

_ZH_TW_GUIDES: tuple[DefaultGuide, ...] = (
    _G("billing", "帳單疑問：客戶對本期帳單的金額或扣費項目有疑問。",
      ("調取帳單", "核對明細", "解釋說明", "需退款則轉財務"), 5, 8,
      "不承諾退款到帳時間。"),
    _G("logistics", "物流查詢：顯示已簽收但客戶未收到，或包裹遲遲未更新。",
      ("核實訂單號與收貨地址", "查詢物流軌跡", "聯絡承運方核實", "告知客戶處理進度與回覆時間"), 4, 6,
      "地址有誤須與客戶逐字確認後再改；不擅自承諾送達時間。"),
    _G("tech_support", "產品故障：新購產品無法開機或使用中突然失靈。",
      ("確認產品型號與序號", "指導客戶做基本排查（電源、重新開機）", "記錄故障現象", "無法遠端解決則轉技術部"), 8, 12,
      "不指導客戶拆機；涉及人身安全的故障立即升級。"),
    _G("after_sales", "售後投訴：客戶對維修、退換貨結果或服務態度不滿。",
      ("傾聽並安撫情緒", "核實購買與售後紀錄", "明確客戶訴求", "提出處理方案或轉售後部", "約定回覆時間"), 6, 10,
      "如實記錄客戶原話；不推諉、不爭辯；超出權限的補償須請示主管。"),
    _G("info_change", "資料變更：客戶要求修改手機號碼、地址或帳戶資料。",
      ("核實客戶身分", "確認需變更的內容", "提交變更", "向客戶複述變更結果"), 3, 5,
      "未核實身分不得變更；在工單上記錄核實方式。"),
    _G("emergency_repair", "緊急報修：設備故障影響正常生產生活或有安全疑慮。",
      ("確認故障地點與聯絡人", "判斷是否有安全風險", "立即派單至技術部", "告知客戶到府時間", "24小時內回訪"),
      2, 4, "有安全疑慮先提醒客戶斷電、遠離；優先級設為緊急。"),
    _G("product", "產品諮詢：客戶詢問產品功能、價格或購買方式。",
      ("了解客戶需求", "介紹相關產品與功能", "說明價格與購買管道", "需要時寄送資料"), 3, 6,
      "以官方資料為準，不誇大功能；不確定的內容查詢後再答覆。"),
    _G("feedback", "建議回饋：客戶對產品或服務提出改進建議。",
      ("感謝客戶的建議", "完整記錄建議內容", "轉產品部評估", "告知客戶後續回饋方式"), 2, 4,
      "不承諾建議一定被採納或上線時間。"),
    _G("refund", "退款申請：客戶申請退還貨款、運費或多扣的費用。",
      ("核實客戶身分並記錄核驗方式", "核對訂單與付款紀錄", "確認退款金額與原因", "提交財務部審批", "告知客戶審批進度"),
      5, 8, "不承諾退款到帳時間；未核實身分不得受理。"),
)


# --- English -------------------------------------------------------------------------------

_EN_PHRASES: tuple[tuple[str, str], ...] = (
    ("greeting", "Hello, thank you for calling {centre}. This is agent {agent_id}; how may I help you?"),
    ("greeting", "Good day, {customer}. Agent {agent_id} speaking; I'm glad to help you today."),
    ("calming", "{customer}, I completely understand how you feel, and we will sort this out as quickly as we can."),
    ("calming", "I'm very sorry for the trouble this has caused. I will follow it through personally."),
    ("calming", "Please don't worry: let me note down exactly what happened and check it for you right away."),
    ("confirming", "So what you mean is …, is that right?"),
    ("confirming", "Let me read your order number back to you digit by digit: … Is that correct?"),
    ("confirming", "To keep your account safe, may I first confirm a few details of your identity?"),
    ("closing", "Is there anything else I can help you with?"),
    ("closing", "Thank you for calling. Have a nice day, goodbye!"),
    ("closing", "We will get back to you with the result by the time we agreed. Thank you for your patience, goodbye!"),
)

_EN_GUIDES: tuple[DefaultGuide, ...] = (
    _G("billing", "Billing question: the customer queries an amount or a charge on the current bill.",
      ("Pull up the bill", "Check the items", "Explain the charges", "If a refund is due, pass it to Finance"), 5, 8,
      "Never promise a date by which a refund will arrive."),
    _G("logistics", "Delivery enquiry: shown as delivered but not received, or the parcel has not moved for days.",
      ("Confirm the order number and delivery address", "Look up the tracking history", "Check with the carrier",
       "Tell the customer the progress and when we will call back"), 4, 6,
      "Confirm a corrected address with the customer word by word; do not promise a delivery time."),
    _G("tech_support", "Product fault: a newly bought product will not power on or suddenly stops working.",
      ("Confirm the model and serial number", "Walk the customer through basic checks (power, restart)",
       "Record the symptoms", "If it cannot be fixed remotely, pass it to the Technical department"), 8, 12,
      "Never ask the customer to open the device; escalate at once if personal safety is involved."),
    _G("after_sales", "After-sales complaint: the customer is unhappy with a repair, a return or the service received.",
      ("Listen and calm the customer", "Check the purchase and after-sales records", "Pin down what the customer wants",
       "Offer a solution or pass it to After-sales", "Agree a time to get back"), 6, 10,
      "Record the customer's own words; do not argue or pass the buck; compensation beyond your authority "
      "needs a supervisor."),
    _G("info_change", "Information change: the customer wants to change their phone number, address or account data.",
      ("Verify the customer's identity", "Confirm what is to change", "Submit the change",
       "Read the result back to the customer"), 3, 5,
      "No change without identity verification; record how identity was verified on the ticket."),
    _G("emergency_repair", "Emergency repair: a fault stops normal work or life, or is a safety hazard.",
      ("Confirm the location and a contact person", "Judge whether there is a safety risk",
       "Dispatch to the Technical department at once", "Tell the customer when the engineer will arrive",
       "Call back within 24 hours"), 2, 4,
      "If there is a hazard, first tell the customer to switch off the power and keep away; set priority to urgent."),
    _G("product", "Product enquiry: the customer asks about features, prices or how to buy.",
      ("Find out what the customer needs", "Describe the matching products and features",
       "Explain prices and where to buy", "Send the brochure if needed"), 3, 6,
      "Stick to the official information and do not overstate features; check before answering when unsure."),
    _G("feedback", "Suggestion: the customer proposes an improvement to a product or the service.",
      ("Thank the customer for the suggestion", "Record the suggestion in full", "Pass it to the Product department",
       "Tell the customer how they will hear back"), 2, 4,
      "Do not promise that a suggestion will be adopted or when it will ship."),
    _G("refund", "Refund request: the customer asks for money back for goods, shipping or an overcharge.",
      ("Verify the customer's identity and record how", "Check the order and payment records",
       "Confirm the amount and the reason", "Submit it to the Finance department for approval",
       "Tell the customer where the approval stands"), 5, 8,
      "Never promise a date by which a refund will arrive; no refund without identity verification."),
)
