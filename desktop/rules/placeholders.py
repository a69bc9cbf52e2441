"""Placeholders in quick phrases: {centre}, {agent_id}, {customer}, filled when the phrase is used.

Filling never fails: a placeholder this program does not know (a typo, a phrase from a
newer version) is left visible as written, so the agent sees it before reading it out;
a known one with nothing to put in gets a neutral wording instead of a gap.
"""

from __future__ import annotations

import re

from desktop.i18n import N_, _

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

KNOWN: dict[str, str] = {
    "centre": N_("the service centre's name"),
    "agent_id": N_("your agent ID (工号)"),
    "customer": N_("the customer's name as entered in the form"),
}

# What is said when the value is missing: "这里是本公司客户服务热线", "尊敬的客户，…".
FALLBACKS: dict[str, str] = {
    "centre": N_("our company"),
    "customer": N_("Dear customer"),
}


def placeholders_in(template: str) -> list[str]:
    """The placeholder names used in ``template``, in order, each once."""
    return list(dict.fromkeys(PLACEHOLDER.findall(template)))


def unknown_placeholders(template: str) -> list[str]:
    return [name for name in placeholders_in(template) if name not in KNOWN]


def fill(template: str, *, centre: str = "", agent_id: str = "", customer: str = "") -> str:
    """The phrase as it is said: known placeholders replaced, unknown ones left as written."""
    values = {"centre": centre.strip(), "agent_id": agent_id.strip(), "customer": customer.strip()}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        value = values[name]
        if not value and name in FALLBACKS:
            return _(FALLBACKS[name])
        return value

    return PLACEHOLDER.sub(replace, template)


def describe_placeholders() -> str:
    """For the phrase editor: which placeholders exist and what they become, one per line."""
    return "\n".join(f"{{{name}}} = {_(meaning)}" for name, meaning in KNOWN.items())
