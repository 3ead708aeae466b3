"""The CLI's words for what the lower layers report: the same catalogue as the screen (kiosk.ui.texts),
Vietnamese by default (``KIOSK_CLI_LANG=en`` for English). Imported only when there is something to say,
so a command that succeeds never loads Qt's translator."""

from __future__ import annotations

import os
from collections.abc import Iterable

from kiosk.domain.notice import Notice


def cli_lang() -> str:
    return "en" if os.environ.get("KIOSK_CLI_LANG", "vi").lower().startswith("en") else "vi"


def say(notices: Notice | Iterable[Notice], lang: str | None = None) -> str:
    """The notices in words: one sentence each, in `lang` (the CLI's language when None)."""
    from kiosk.ui.texts import say_all

    many = [notices] if isinstance(notices, Notice) else list(notices)
    return say_all(many, lang or cli_lang())


def both(notice: Notice) -> str:
    """"Vietnamese / English", for the operator lines that have always carried both languages."""
    return f"{say(notice, 'vi')} / {say(notice, 'en')}"


def say_code(code: str, **params: str | int) -> str:
    """`say` for a notice built here: ``say_code("cli.outbox.no_entry", entry=7)``."""
    return say(Notice(code, params))

