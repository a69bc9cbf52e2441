"""What an account's ID and name must look like."""

from __future__ import annotations

import re

from desktop.i18n import _

AGENT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
NAME_MAX = 32


def agent_problems(code: str, name: str) -> dict[str, str]:
    """Problems with an agent ID (工号) and name, by field ("code", "name")."""
    problems: dict[str, str] = {}
    if not code.strip():
        problems["code"] = _("Enter your agent ID (工号).")
    elif not AGENT_CODE.match(code.strip()):
        problems["code"] = _("An agent ID has 1 to 16 letters, digits, '-' or '_'.")
    if not name.strip():
        problems["name"] = _("Enter your name as colleagues know it.")
    elif len(name.strip()) > NAME_MAX:
        problems["name"] = _("Shorten the name to 32 characters.")
    return problems
