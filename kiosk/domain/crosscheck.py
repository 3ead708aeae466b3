"""Compare two readings of one card (usually its QR and its MRZ) and report what disagrees.

Both sides of a card come from one database record, so a disagreement means a misread, a damaged card or two
different cards held up one after the other. The caller decides what to do; this only reports. Names are
compared as the MRZ writes them (no diacritics, upper case), since that is all the MRZ can tell.
Warnings are codes and carry no personal data.
"""

from __future__ import annotations

from kiosk.domain.idcard import IdentityReading, ReadingWarning
from kiosk.domain.mrz import LINE_LENGTH, fold_name_for_mrz

# Words for people: kiosk.ui.notice_texts (reading.<code>).
ID_MISMATCH = ReadingWarning("crosscheck_id_number")
DOB_MISMATCH = ReadingWarning("crosscheck_date_of_birth")
SEX_MISMATCH = ReadingWarning("crosscheck_sex")
NAME_MISMATCH = ReadingWarning("crosscheck_name")


def _names_agree(a: str, b: str) -> bool:
    folded_a, folded_b = fold_name_for_mrz(a), fold_name_for_mrz(b)
    if folded_a == folded_b:
        return True
    # A name longer than the MRZ line is cut there: a full line that starts the other name is a match.
    shorter, longer = sorted((folded_a, folded_b), key=len)
    return len(shorter) == LINE_LENGTH and longer.startswith(shorter)


def cross_check(a: IdentityReading, b: IdentityReading) -> list[ReadingWarning]:
    """Warnings for each field both readings have and that disagrees: ID number, date of birth, sex, name.

    A field missing from either reading is not compared (an unreadable date is already a warning of its own).
    """
    warnings: list[ReadingWarning] = []
    if a.id_number and b.id_number and a.id_number != b.id_number:
        warnings.append(ID_MISMATCH)
    if a.date_of_birth is not None and b.date_of_birth is not None and a.date_of_birth != b.date_of_birth:
        warnings.append(DOB_MISMATCH)
    if a.sex is not None and b.sex is not None and a.sex is not b.sex:
        warnings.append(SEX_MISMATCH)
    if a.full_name.strip() and b.full_name.strip() and not _names_agree(a.full_name, b.full_name):
        warnings.append(NAME_MISMATCH)
    return warnings
