"""Agent IDs and names."""

from __future__ import annotations

import pytest

from desktop.rules.accounts import agent_problems


@pytest.mark.parametrize("code, name, fields", [
    ("A1001", "张敏", set()),
    ("", "张敏", {"code"}),
    ("A 1", "张敏", {"code"}),
    ("A1001234567890123", "张敏", {"code"}),
    ("A1001", "", {"name"}),
    ("A1001", "名" * 33, {"name"}),
    ("", "", {"code", "name"}),
])
def test_agent_problems(code: str, name: str, fields: set[str]) -> None:
    assert set(agent_problems(code, name)) == fields
