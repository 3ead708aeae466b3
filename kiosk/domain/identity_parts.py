"""The small values an identity reading is made of, shared by the card readings (idcard.py) and the ID-number
rules (id_number.py) without either importing the other's module in a circle."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.domain.notice import Notice


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


@dataclass(frozen=True)
class ReadingWarning:
    """A problem worth showing to staff or the citizen; never a reason to reject the card on its own.

    `code` is stable (tests, staff tools and JSON key on it). People are told its `notice`
    (``reading.<code>``; words in kiosk.ui.notice_texts, the one catalogue). `wording` picks other words for
    the same code where the situation differs (a passport's name is checked against its data page, not a
    card's front). A new code goes into NOTICE_CODES below and gets words in the catalogue.
    """

    code: str
    wording: str = ""

    @property
    def notice(self) -> Notice:
        return Notice(f"reading.{self.wording or self.code}")


#: Every warning a reading may carry (kiosk.domain.idcard, id_number, mrz, crosscheck; kiosk.capture's
#: readers): tests/ui/test_notice_texts.py checks each has words, and that the readers make no other.
WARNING_CODES = frozenset({
    "text_encoding_repaired", "old_id_format", "partial_date_of_birth", "bad_date_of_birth", "bad_sex",
    "bad_issue_date", "issue_before_birth", "suspect_text_encoding",
    "id_number_format", "id_unknown_place_code", "id_century_mismatch", "id_year_mismatch", "id_sex_mismatch",
    "mrz_repaired", "mrz_name_uncertain", "mrz_name_uncertain_foreign", "mrz_sex_from_id", "card_expired",
    "bad_date_of_birth_mrz",
    "unknown_state_code",
    "crosscheck_id_number", "crosscheck_date_of_birth", "crosscheck_sex", "crosscheck_name",
    "name_without_diacritics",
})
NOTICE_CODES = frozenset(f"reading.{code}" for code in WARNING_CODES)
