"""The notification seam: who hears about a staff call (or an alert) besides the dashboard.

A `Notifier` gets small PII-free messages (kiosk id and name, call id, time). `WebhookNotifier` POSTs them
as JSON to a URL (a chat bot, an SMS gateway's HTTP API, an adapter of the province's own); another
adapter only has to implement `notify`. Sending happens on a short-lived thread with a bounded timeout,
so a slow receiver never holds up ingestion, and a failure is logged, not raised.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Protocol

import requests

log = logging.getLogger(__name__)
TIMEOUT_S = 5.0


class Notifier(Protocol):
    def notify(self, message: dict[str, Any]) -> None: ...


class NullNotifier:
    def notify(self, message: dict[str, Any]) -> None:
        return None


class WebhookNotifier:
    def __init__(self, url: str, *, timeout: float = TIMEOUT_S) -> None:
        self.url = url
        self.timeout = timeout

    def notify(self, message: dict[str, Any]) -> None:
        threading.Thread(target=self._post, args=(message,), name="fleet-webhook", daemon=True).start()

    def _post(self, message: dict[str, Any]) -> None:
        try:
            response = requests.post(self.url, json=message, timeout=self.timeout)
            response.raise_for_status()
        except requests.RequestException as error:
            log.warning("webhook %s failed: %s", self.url, type(error).__name__)
