"""Column mappings the user chose for call log layouts, remembered per header signature.

A small JSON file in the configuration folder, shared by the window and ``hotline-desk import``.
A damaged or unreadable file counts as empty (the user maps the columns again); nothing else breaks.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger(__name__)
FILE_NAME = "import_layouts.json"


def default_path() -> Path:
    from desktop.paths import config_dir

    return config_dir() / FILE_NAME


class LayoutStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()

    def _all(self) -> dict[str, dict[str, int]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("import layouts unreadable (%s): starting afresh", type(exc).__name__)
            return {}
        if not isinstance(raw, dict):
            return {}
        return {str(key): {str(t): int(p) for t, p in value.items() if isinstance(p, int)}
                for key, value in raw.items() if isinstance(value, dict)}

    def get(self, signature: str) -> dict[str, int] | None:
        return self._all().get(signature)

    def put(self, signature: str, mapping: Mapping[str, int]) -> None:
        layouts = self._all()
        layouts[signature] = dict(mapping)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".part")
        temporary.write_text(json.dumps(layouts, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(self.path)
