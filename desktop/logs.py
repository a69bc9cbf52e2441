"""Logging to a rotating file in the per-user log folder; phone numbers never reach it."""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from desktop.paths import log_dir

LOG_NAME = "hotline-desk.log"
# Any run of 7+ digits (optionally with +, spaces or dashes) is treated as a phone number,
# unless it follows a letter (ticket and order numbers: CS20231015001) or is a date.
_DIGIT_RUN = re.compile(r"(?<![A-Za-z0-9])\+?\d[\d\s-]{5,}\d")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _redact(match: re.Match[str]) -> str:
    text = match.group(0)
    if _DATE.fullmatch(text.strip()):
        return text
    digits = re.sub(r"\D", "", text)
    if len(digits) < 7:
        return text
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 9 else f"****{digits[-2:]}"


def redact(text: str) -> str:
    return _DIGIT_RUN.sub(_redact, text)


class RedactingFormatter(logging.Formatter):
    """Masks phone numbers in the message and the traceback; the time stamp is left alone."""

    def format(self, record: logging.LogRecord) -> str:
        # logging caches the formatted traceback on the record: another handler (the console, pytest)
        # that formatted it first would hand this one the unmasked text.
        cached = record.exc_text
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatMessage(self, record: logging.LogRecord) -> str:
        record.message = redact(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:
        return redact(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return redact(super().formatStack(stack_info))


def log_file() -> Path:
    return log_dir() / LOG_NAME


def configure_logging(level: int = logging.INFO) -> Path:
    """Send the program's log to the rotating file (5 × 1 MB); returns its path."""
    path = log_file()
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path
