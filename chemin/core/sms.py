"""Text messages (SMS), with pluggable backends in the manner of Django's email backends.

``SMS_BACKEND`` names the backend class by its dotted path:

- ``chemin.core.sms.ConsoleBackend`` (default in development): prints each message, the number
  masked;
- ``chemin.core.sms.FileBackend`` (default otherwise, so that message bodies stay out of the
  server logs): appends each message to ``SMS_FILE_PATH``, the number masked;
- ``chemin.core.sms.LocmemBackend``: keeps messages in ``chemin.core.sms.outbox`` (tests).

No provider is called by any of them: a real gateway is one more subclass of ``BaseSmsBackend``
whose ``send_messages`` raises on failure, so that callers can record and retry.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

DEFAULT_BACKEND = "chemin.core.sms.ConsoleBackend"

# Messages "sent" through LocmemBackend, oldest first; tests empty it between runs.
outbox: list[SmsMessage] = []


@dataclass(frozen=True)
class SmsMessage:
    to: str
    body: str


def mask_number(number: str) -> str:
    """Keep the last two digits only: enough to tell numbers apart in a log, not to call them."""
    digits = [char for char in number if char.isdigit()]
    return "•" * max(len(digits) - 2, 0) + "".join(digits[-2:])


class BaseSmsBackend:
    def __init__(self, *, fail_silently: bool = False, **kwargs: Any) -> None:
        self.fail_silently = fail_silently

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        """Send the messages, return how many were sent; raise when one cannot be sent."""
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    def __init__(self, *, stream: IO[str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stream = stream
        self._lock = threading.RLock()

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        stream = self.stream or sys.stdout
        with self._lock:
            for message in messages:
                stream.write(f"SMS to {mask_number(message.to)}\n{message.body}\n{'-' * 40}\n")
            stream.flush()
        return len(messages)


class FileBackend(BaseSmsBackend):
    def __init__(self, *, file_path: str | Path | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.file_path = Path(file_path or settings.SMS_FILE_PATH)

    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        self.file_path.parent.mkdir(parents=True, exist_ok=True)
        with self.file_path.open("a", encoding="utf-8") as stream:
            for message in messages:
                stream.write(
                    f"{timezone.now().isoformat()} SMS to {mask_number(message.to)}\n{message.body}\n{'-' * 40}\n"
                )
        return len(messages)


class LocmemBackend(BaseSmsBackend):
    def send_messages(self, messages: Sequence[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def get_backend(backend: str | None = None, **kwargs: Any) -> BaseSmsBackend:
    path = backend or getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND)
    return import_string(path)(**kwargs)


def send_sms(to: str, body: str, *, backend: BaseSmsBackend | None = None) -> int:
    """Send one message through the configured backend; errors propagate to the caller."""
    return (backend or get_backend()).send_messages([SmsMessage(to=to, body=body)])
