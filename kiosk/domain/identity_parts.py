"""The small values an identity reading is made of, shared by the card readings (idcard.py) and the ID-number
rules (id_number.py) without either importing the other's module in a circle."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


@dataclass(frozen=True)
class ReadingWarning:
    """A problem worth showing to staff or the citizen; never a reason to reject the card on its own.

    `code` is stable (tests, translations and staff tools key on it); the messages are for people.
    """

    code: str
    message_vi: str
    message_en: str

    def message(self, lang: str) -> str:
        return self.message_vi if lang.startswith("vi") else self.message_en
