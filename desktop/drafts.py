"""The autosaved draft of the form: written a moment after every change, so a crash,
a kill or a power cut loses nothing typed. Removed once the ticket is saved."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.paths import data_dir
from desktop.rules.ticket_draft import TicketDraft

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SavedDraft:
    agent_code: str
    ticket_id: int | None
    draft: TicketDraft


class DraftStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "drafts"
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, agent_code: str) -> Path:
        safe = "".join(c for c in agent_code if c.isalnum() or c in "-_") or "agent"
        return self.folder / f"{safe}.json"

    def save(self, agent_code: str, ticket_id: int | None, draft: TicketDraft) -> bool:
        """Write atomically (temporary file, fsync, rename); False if the disk refused."""
        path = self._path(agent_code)
        temporary = path.with_suffix(".tmp")
        payload = json.dumps({"agent_code": agent_code, "ticket_id": ticket_id, "draft": draft.to_json()},
                             ensure_ascii=False)
        try:
            with temporary.open("w", encoding="utf-8") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except OSError:
            log.exception("could not write the draft")
            return False
        return True

    def load(self, agent_code: str) -> SavedDraft | None:
        path = self._path(agent_code)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return SavedDraft(str(raw["agent_code"]), raw.get("ticket_id"), TicketDraft.from_json(raw["draft"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            log.exception("draft unreadable; kept aside")
            try:
                os.replace(path, path.with_suffix(".damaged.json"))
            except OSError:
                pass
            return None

    def discard(self, agent_code: str) -> None:
        try:
            self._path(agent_code).unlink(missing_ok=True)
        except OSError:
            log.exception("could not remove the draft")
