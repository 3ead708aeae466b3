"""Kiosk authentication: the portal issues each kiosk an id and a secret; the kiosk trades them for a
short-lived bearer token. Secret and token live in the OS keyring (`keyring`), never in a file or a
log. Tests pass an in-memory keyring backend.

Keyring layout (service ``kiosk-dichvucong-portal``): user ``secret:<kiosk id>`` holds the secret,
``token:<kiosk id>`` holds ``<expiry epoch seconds>:<token>``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import keyring
from keyring.backend import KeyringBackend

from kiosk.domain.notice import Notice

SERVICE = "kiosk-dichvucong-portal"
_EARLY = 60.0  # renew a token this many seconds before it expires


class KioskAuth:
    def __init__(
        self,
        kiosk_id: str,
        *,
        backend: KeyringBackend | None = None,
        service: str = SERVICE,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.kiosk_id = kiosk_id
        self.service = service
        self._backend = backend
        self._clock = clock

    def __repr__(self) -> str:
        return f"KioskAuth(kiosk_id={self.kiosk_id!r})"

    def _ring(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def store_secret(self, secret: str) -> None:
        """Install the portal-issued secret (operator step, e.g. `kiosk config` at commissioning)."""
        ring = self._ring()
        ring.set_password(self.service, f"secret:{self.kiosk_id}", secret)
        self.forget_token()

    def secret(self) -> str | None:
        return self._ring().get_password(self.service, f"secret:{self.kiosk_id}")

    def token(self) -> str | None:
        """The stored token if it is still good for a minute, else None."""
        raw = self._ring().get_password(self.service, f"token:{self.kiosk_id}")
        if not raw or ":" not in raw:
            return None
        expiry, _, token = raw.partition(":")
        try:
            good = float(expiry) - _EARLY > self._clock()
        except ValueError:
            return None
        return token if good and token else None

    def store_token(self, token: str, expires_in: float) -> None:
        self._ring().set_password(
            self.service, f"token:{self.kiosk_id}", f"{self._clock() + expires_in:.0f}:{token}"
        )

    def forget_token(self) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self._ring().delete_password(self.service, f"token:{self.kiosk_id}")


class InsecurePortalUrl(ValueError):
    """A plain-http portal URL that is not on this machine: dossiers would cross the network in clear."""

    #: Words for people: kiosk.ui.cli_texts.
    notice = Notice("portal.insecure_url")


_LOOPBACK = ("localhost", "::1")


def require_secure_url(url: str) -> str:
    """`url` unchanged when it is https://, or http:// to a loopback address (the built-in sandbox, a
    local training portal); otherwise InsecurePortalUrl."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https":
        return url
    host = (parts.hostname or "").lower()
    loopback = host in _LOOPBACK
    if not loopback:
        with contextlib.suppress(ValueError):
            loopback = ipaddress.ip_address(host).is_loopback
    if parts.scheme == "http" and loopback:
        return url
    raise InsecurePortalUrl(f"refusing portal URL {url!r}: only https://, or http:// on loopback")


def enrolled_auth(kiosk_id: str, backend: KeyringBackend | None = None) -> KioskAuth | None:
    """The kiosk's portal credentials when a secret was enrolled (`kiosk portal enrol`), else None."""
    auth = KioskAuth(kiosk_id, backend=backend)
    return auth if auth.secret() else None
