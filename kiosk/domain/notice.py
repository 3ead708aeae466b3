"""What a lower layer has to tell a person, as a stable code and its parameters: never words.

The layers below the UI (domain, capture, portal, sync) do not choose words or a language. They return a
`Notice` — ``Notice("portal.unavailable")``, ``Notice("image.too_small", {"width": 40, "height": 30})`` —
and the one catalogue (kiosk.ui.texts, Qt's translator, resources/translations/kiosk_<lang>.ts) turns it
into Vietnamese or English for the screen, the CLI and speech alike. A parameter is data (a number, a file
name, a procedure code, a reason the portal wrote itself), never a phrase of ours.

Each module that makes notices lists its codes (`NOTICE_CODES`), so a test can check that every code has
words in both languages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Param = str | int | float


@dataclass(frozen=True, eq=True)
class Notice:
    code: str
    params: Mapping[str, Param] = field(default_factory=lambda: MappingProxyType({}))

    def to_json_dict(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params)}

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items()))))


#: Puts a notice in words in a language: kiosk.ui.texts.say, handed to a layer that lays out text in both
#: languages itself (the paper receipt) without importing the catalogue (Qt).
Say = Callable[[Notice, str], str]

__all__ = ["Notice", "Param", "Say"]
