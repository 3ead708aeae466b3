"""Paying by VietQR happens on the citizen's phone, not on the kiosk: the session must survive it.

While the fee screen fetches the QR or waits for the bank, nobody touches the kiosk, so the ordinary
inactivity timer (90 s) would cover the QR with "are you still there?" and then wipe the dossier's
receipt away. The payment holds the idle guard for a generous limit instead; past it, the QR is taken
down (the code and "pay at the counter" stay) and the ordinary countdown resumes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.ui.flow import Screen

#: Minutes a citizen may spend in a banking app (login, OTP, a slow network) before the kiosk moves on.
PAYMENT_HOLD_S = 15 * 60
_WAITING = ("loading", "waiting")


def keep_session_while_paying(context: Any, payment: Any, on_give_up: Callable[[], None],
                              limit_s: float = PAYMENT_HOLD_S) -> None:
    """Hold `context.idle` (kiosk.ui.context.KioskContext) while the fee screen shows the QR or polls."""
    idle = context.idle
    holding = [False]  # release only a hold this wait made

    def follow() -> None:
        paying = context.flow.screen is Screen.PAYMENT and payment.state in _WAITING
        if paying and not holding[0]:
            holding[0] = True
            idle.hold(limit_s)
        elif not paying and holding[0]:
            holding[0] = False
            idle.release()

    def gave_up() -> None:
        holding[0] = False
        # The limit is reached: stop polling and hide the QR, so the warning that follows never
        # covers a payable code; the receipt screen still says "pay at the counter".
        if context.flow.screen is Screen.PAYMENT:
            payment.stop()
            on_give_up()

    payment.changed.connect(follow)
    context.screenChanged.connect(follow)
    idle.holdExpired.connect(gave_up)


#: VNeID login by QR: the citizen confirms in the app on their phone; the portal's request expires first.
EID_HOLD_S = 5 * 60
_EID_WAITING = ("starting", "pending")


def keep_session_while_eid_login(context: Any, account: Any, limit_s: float = EID_HOLD_S) -> None:
    """The same hold while the account screen waits for the VNeID app's confirmation."""
    idle = context.idle
    holding = [False]

    def follow() -> None:
        waiting = context.flow.screen is Screen.ACCOUNT and account.property("eidState") in _EID_WAITING
        if waiting and not holding[0]:
            holding[0] = True
            idle.hold(limit_s)
        elif not waiting and holding[0]:
            holding[0] = False
            idle.release()

    def expired() -> None:
        holding[0] = False

    account.changed.connect(follow)
    context.screenChanged.connect(follow)
    idle.holdExpired.connect(expired)
