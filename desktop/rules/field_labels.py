"""The label of every ticket field, as the centre's forms name them (translated on use)."""

from __future__ import annotations

from desktop.i18n import N_, _

FIELD_LABELS: dict[str, str] = {
    "number": N_("Ticket no."),
    "channel": N_("Channel"),
    "call_started_at": N_("Call time"),
    "call_ended_at": N_("Call ended"),
    "handle_seconds": N_("Handle time"),
    "phone": N_("Customer phone"),
    "customer_name": N_("Customer name"),
    "customer_type": N_("Customer type"),
    "account_type": N_("Account type"),
    "issue_type": N_("Issue type"),
    "business_module": N_("Business module"),
    "description": N_("Problem description"),
    "order_number": N_("Order no."),
    "product": N_("Product"),
    "emotion": N_("Emotion"),
    "priority": N_("Priority"),
    "agent": N_("Agent"),
    "department_id": N_("Department"),
    "handler": N_("Handler"),
    "follow_up_owner": N_("Follow-up owner"),
    "status": N_("Progress"),
    "solution": N_("Solution"),
    "promised_feedback_at": N_("Promised feedback time"),
    "satisfaction": N_("Satisfaction"),
    "satisfaction_reason": N_("Reason for dissatisfaction"),
    "satisfaction_score": N_("Score (1–5)"),
    "callback_at": N_("Callback time"),
    "callback_result": N_("Callback result"),
    "remark": N_("Remarks"),
    "archived_at": N_("Archived"),
    "process_note": N_("Process entry"),
    "identity_method": N_("Identity check"),
    "identity_note": N_("Identity check note"),
    "voided_at": N_("Voided"),
    "void_reason": N_("Reason for voiding"),
    "response_due_at": N_("Response deadline"),
    "coordinator": N_("Coordinator"),
    "coordinator_reply_at": N_("Expected reply"),
    "escalated_to": N_("Escalated to"),
    "final_position": N_("Customer's final position"),
    "plan": N_("Plan for this round"),
    "handling_round": N_("Handling round"),
}


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name)
    return _(label) if label else name
