"""The built-in choice lists of SPEC §1, by stable code, labelled through the catalogs.

A centre may add its own entries (stored with their own label); the built-in codes
never change, so data stays comparable across languages and versions.
"""

from __future__ import annotations

from desktop.i18n import N_, _

CHANNEL = "channel"
ISSUE_TYPE = "issue_type"
BUSINESS_MODULE = "business_module"
EMOTION = "emotion"
PRIORITY = "priority"
STATUS = "status"
ACCOUNT_TYPE = "account_type"
SATISFACTION = "satisfaction"
IDENTITY_METHOD = "identity_method"

BUILTIN: dict[str, tuple[tuple[str, str], ...]] = {
    CHANNEL: (
        ("phone", N_("Phone")),
        ("app", N_("App message")),
        ("web", N_("Web form")),
        ("walk_in", N_("Walk-in")),
        ("callback", N_("Callback")),
    ),
    ISSUE_TYPE: (
        ("consult", N_("Enquiry")),
        ("complaint", N_("Complaint")),
        ("suggestion", N_("Suggestion")),
        ("fault", N_("Fault")),
        ("other", N_("Other")),
    ),
    BUSINESS_MODULE: (
        ("product", N_("Product enquiry")),
        ("after_sales", N_("After-sales complaint")),
        ("tech_support", N_("Technical support")),
        ("feedback", N_("Suggestion and feedback")),
        ("info_change", N_("Information change")),
        ("emergency_repair", N_("Emergency repair")),
        ("logistics", N_("Logistics")),
        ("billing", N_("Billing")),
        ("refund", N_("Refund request")),
    ),
    EMOTION: (
        ("calm", N_("Calm")),
        ("anxious", N_("Anxious")),
        ("dissatisfied", N_("Dissatisfied")),
        ("agitated", N_("Agitated")),
        ("other", N_("Other")),
    ),
    PRIORITY: (
        ("urgent", N_("Urgent")),
        ("important", N_("Important")),
        ("normal", N_("Normal")),
    ),
    STATUS: (
        ("pending", N_("Pending")),
        ("in_progress", N_("In progress")),
        ("transfer", N_("Needs transfer to another department")),
        ("coordinating", N_("Coordinating")),
        ("awaiting_customer", N_("Awaiting customer information")),
        ("escalate", N_("Needs escalation")),
        ("resolved", N_("Resolved")),
        ("closed", N_("Closed")),
    ),
    ACCOUNT_TYPE: (
        ("personal", N_("Individual")),
        ("enterprise", N_("Business")),
        ("vip", N_("VIP")),
    ),
    SATISFACTION: (
        ("satisfied", N_("Satisfied")),
        ("basic", N_("Fairly satisfied")),
        ("unsatisfied", N_("Not satisfied")),
    ),
    IDENTITY_METHOD: (
        ("registered_phone", N_("Called from the registered number")),
        ("sms_code", N_("SMS verification code")),
        ("order_details", N_("Order details confirmed")),
        ("id_last4", N_("Last 4 digits of ID document")),
        ("other", N_("Other (see note)")),
    ),
}

LIST_TITLES: dict[str, str] = {
    CHANNEL: N_("Channel"),
    ISSUE_TYPE: N_("Issue type"),
    BUSINESS_MODULE: N_("Business module"),
    EMOTION: N_("Emotion"),
    PRIORITY: N_("Priority"),
    STATUS: N_("Progress"),
    ACCOUNT_TYPE: N_("Account type"),
    SATISFACTION: N_("Satisfaction"),
    IDENTITY_METHOD: N_("Identity check"),
}

# Business modules whose tickets change money or customer data: identity check required.
DEFAULT_SENSITIVE_MODULES: tuple[str, ...] = ("refund", "info_change")

DEFAULTS: dict[str, str] = {
    CHANNEL: "phone",
    ISSUE_TYPE: "consult",
    EMOTION: "calm",
    PRIORITY: "normal",
    STATUS: "pending",
    ACCOUNT_TYPE: "personal",
}

NEW_CUSTOMER = "new"
RETURNING_CUSTOMER = "returning"
CUSTOMER_TYPES: dict[str, str] = {
    NEW_CUSTOMER: N_("New customer"),
    RETURNING_CUSTOMER: N_("Returning customer"),
}

DEFAULT_DEPARTMENTS: tuple[str, ...] = (
    N_("Technical department"),
    N_("After-sales department"),
    N_("Supply chain department"),
    N_("Finance department"),
    N_("Product department"),
)


def builtin_label(list_key: str, code: str) -> str | None:
    """The translated label of a built-in entry, or None when ``code`` is not built in."""
    for entry_code, label in BUILTIN.get(list_key, ()):
        if entry_code == code:
            return _(label)
    return None


def customer_type_label(code: str | None) -> str:
    return _(CUSTOMER_TYPES[code]) if code in CUSTOMER_TYPES else ""
