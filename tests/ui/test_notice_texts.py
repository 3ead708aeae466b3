"""Every code a lower layer can return has words in the one catalogue, in Vietnamese and English: a new
code without words fails here. The codes are enumerated from the layers themselves (their NOTICE_CODES),
not listed by hand."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk import doctor, health
from kiosk.capture import card_scan, doc_capture, docscan, idcard_reader, image_limits, mrz_reader, scanner
from kiosk.commands import capture as capture_commands
from kiosk.domain import applicant, documents, idcard, identity_parts, mrz
from kiosk.domain.notice import Notice
from kiosk.portal import errors as portal_errors
from kiosk.portal import forms
from kiosk.receipts import model as receipt_model
from kiosk.store import admission
from kiosk.sync import component_files, submit
from kiosk.ui import cli_texts
from kiosk.ui.i18n import TRANSLATIONS_DIR
from kiosk.ui.notice_texts import NOTICE_TEXTS
from kiosk.ui.texts import say

TS = TRANSLATIONS_DIR / "kiosk_en.ts"

LOWER_LAYER_CODES = sorted(applicant.NOTICE_CODES | portal_errors.NOTICE_CODES | submit.NOTICE_CODES
                           | scanner.NOTICE_CODES | health.NOTICE_CODES | doctor.NOTICE_CODES
                           | admission.NOTICE_CODES | documents.NOTICE_CODES | image_limits.NOTICE_CODES
                           | docscan.NOTICE_CODES | doc_capture.NOTICE_CODES | idcard_reader.NOTICE_CODES
                           | mrz_reader.NOTICE_CODES | card_scan.NOTICE_CODES | identity_parts.NOTICE_CODES
                           | idcard.NOTICE_CODES | mrz.NOTICE_CODES | capture_commands.NOTICE_CODES
                           | applicant.LABEL_CODES | receipt_model.NOTICE_CODES | cli_texts.CLI_TEXTS.keys()
                           | forms.NOTICE_CODES | component_files.NOTICE_CODES | doctor.REPORT_CODES)


def english_catalogue() -> dict[str, str]:
    out = {}
    for context in ET.parse(TS).iter("context"):
        if context.findtext("name") != "Texts":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                out[message.findtext("source") or ""] = translation.text
    return out


def test_the_layers_report_codes() -> None:
    assert len(LOWER_LAYER_CODES) > 40
    assert "applicant.missing.full_name" in LOWER_LAYER_CODES and "scanner.jam" in LOWER_LAYER_CODES


@pytest.mark.parametrize("code", LOWER_LAYER_CODES)
def test_every_code_has_vietnamese_and_english_words(code: str) -> None:
    assert code in NOTICE_TEXTS, f"no words for {code}: add it to kiosk/ui/notice_texts.py, run lupdate"
    source = NOTICE_TEXTS[code]
    english = english_catalogue().get(source)
    assert english, f"no English for {code} ({source!r}) in kiosk_en.ts"
    assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", english))


def test_notices_come_out_in_the_language_asked_with_their_parameters() -> None:
    refused = Notice("submit.no_postal_return", {"procedure": "1.001"})
    assert say(refused, "vi") == "Thủ tục 1.001 không trả kết quả qua bưu chính."
    assert say(refused, "en") == "Procedure 1.001 does not return results by post."
    reason = portal_errors.PortalRejected("400", portal_message_vi="Hồ sơ chưa đầy đủ.").notice
    assert say(reason, "vi").endswith("Lý do: Hồ sơ chưa đầy đủ.")
    assert say(reason, "en").endswith("(in Vietnamese): Hồ sơ chưa đầy đủ.")


def test_an_unknown_code_says_something_plain_rather_than_the_code() -> None:
    assert say(Notice("portal.new_in_a_later_version"), "en").startswith("Something went wrong with the")
    assert say(Notice("nobody.knows"), "vi") == "Có lỗi xảy ra. Xin nhờ nhân viên hỗ trợ."


def test_applicant_problems_are_codes_not_words() -> None:
    problems = applicant.applicant_problems({"applicant_type": "foreigner", "passport_number": "x"})
    codes = {p.code for p in problems}
    assert {"applicant.missing.full_name", "applicant.missing.nationality",
            "applicant.passport_format"} <= codes
    assert codes <= applicant.NOTICE_CODES
    for problem in problems:
        assert problem.detail.isascii() or "–" in problem.detail  # English for the portal's answer and logs
        assert "x" not in problem.detail.split()  # never the value


def test_the_cli_says_the_same_words_vietnamese_first(monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.commands import words

    jam = Notice("scanner.jam")
    monkeypatch.delenv("KIOSK_CLI_LANG", raising=False)
    assert words.say(jam) == say(jam, "vi") and words.say([jam, jam]).count("Giấy bị kẹt") == 2
    monkeypatch.setenv("KIOSK_CLI_LANG", "en")
    assert words.say(jam).startswith("Paper is jammed")


def test_every_reading_warning_the_readers_make_is_listed() -> None:
    """A new ReadingWarning("code") anywhere in kiosk/ must be in identity_parts.WARNING_CODES (and so have
    words, by the test above): read from the source, so a warning added in a reader cannot be missed."""
    made = set()
    for source in (Path(identity_parts.__file__).parent.parent).rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        made |= set(re.findall(r'ReadingWarning\(\s*"(\w+)"', text))
        made |= set(re.findall(r'wording="(\w+)"', text))
    assert {"crosscheck_name", "mrz_repaired", "name_without_diacritics", "bad_date_of_birth_mrz"} <= made
    assert made - identity_parts.WARNING_CODES == set()


def test_card_readers_speak_through_the_catalogue() -> None:
    from kiosk.capture.card_scan import hint_notice

    assert say(hint_notice("glare"), "en") == "Tilt the card a little to avoid the glare."
    assert say(hint_notice("no.such.hint"), "vi").startswith("Đặt thẻ căn cước vào khung hình")
    warning = identity_parts.ReadingWarning("mrz_name_uncertain", wording="mrz_name_uncertain_foreign")
    assert "trang thông tin" in say(warning.notice, "vi") and "data page" in say(warning.notice, "en")
