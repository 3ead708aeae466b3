"""The journey's rules, without Qt or QML."""

from __future__ import annotations

import pytest

from kiosk.domain.idcard import parse_qr_payload
from kiosk.ui.flow import FlowError, KioskFlow, Screen

AN = "001089012345|123456789|Nguyễn Văn An|15071989|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|20052021"


def flow_at_confirm() -> KioskFlow:
    flow = KioskFlow()
    flow.touch_attract()
    flow.choose_language("vi")
    flow.start_dossier()
    flow.card_accepted(parse_qr_payload(AN))
    return flow


def test_happy_path_visits_every_screen_in_order() -> None:
    seen: list[Screen] = []
    flow = KioskFlow()
    flow.subscribe(seen.append)
    flow.touch_attract()
    flow.choose_language("en")
    flow.start_dossier()
    flow.card_accepted(parse_qr_payload(AN))
    flow.confirm_details()
    flow.choose_procedure("1.004873.000.00.00.H26")
    flow.form_completed({"marital_status": "single"})
    flow.submitted("000.00.00.H26-261124-0001")
    assert seen == [Screen.LANGUAGE, Screen.HOME, Screen.READ_CARD, Screen.CONFIRM, Screen.PROCEDURE,
                    Screen.FORM, Screen.REVIEW, Screen.RECEIPT]
    assert flow.session.language == "en"
    assert flow.session.dossier_code == "000.00.00.H26-261124-0001"


def test_card_fills_applicant_and_marks_fields_from_card() -> None:
    flow = flow_at_confirm()
    applicant = flow.session.applicant
    assert applicant["full_name"].value == "Nguyễn Văn An"
    assert applicant["date_of_birth"].value == "1989-07-15"
    assert applicant["sex"].value == "M"
    assert all(f.from_card for f in applicant.values())


def test_editing_a_field_removes_its_read_from_card_mark_only() -> None:
    flow = flow_at_confirm()
    flow.edit_field("address", "Số 2 Tràng Tiền, Hoàn Kiếm, Hà Nội")
    assert not flow.session.applicant["address"].from_card
    assert flow.session.applicant["full_name"].from_card
    flow.edit_field("full_name", "Nguyễn Văn An")  # unchanged value keeps the mark
    assert flow.session.applicant["full_name"].from_card


def test_typing_instead_starts_empty_and_requires_the_fields() -> None:
    flow = KioskFlow()
    flow.touch_attract()
    flow.choose_language("vi")
    flow.start_dossier()
    flow.type_instead()
    assert flow.screen is Screen.CONFIRM
    assert set(flow.missing_fields()) == {"full_name", "id_number", "date_of_birth", "sex"}
    with pytest.raises(FlowError):
        flow.confirm_details()
    for name, value in [("full_name", "Lê Thị Lâm"), ("id_number", "079305001234"),
                        ("date_of_birth", "2005-03-02"), ("sex", "F")]:
        flow.edit_field(name, value)
    flow.confirm_details()
    assert flow.screen is Screen.PROCEDURE
    assert not any(f.from_card for f in flow.session.applicant.values())


def test_steps_out_of_place_are_refused() -> None:
    flow = KioskFlow()
    with pytest.raises(FlowError):
        flow.start_dossier()
    with pytest.raises(FlowError):
        flow.back()
    flow.touch_attract()
    with pytest.raises(FlowError):
        flow.choose_language("fr")


def test_changing_procedure_or_answers_drops_the_idempotency_key() -> None:
    flow = flow_at_confirm()
    flow.confirm_details()
    flow.choose_procedure("A")
    flow.form_completed({"x": "1"})
    flow.session.idempotency_key = "key-1"
    flow.back()  # review -> form
    flow.form_completed({"x": "1"})
    assert flow.session.idempotency_key == "key-1", "same answers: a retry must reuse the key"
    flow.back()
    flow.form_completed({"x": "2"})
    assert flow.session.idempotency_key is None
    flow.session.idempotency_key = "key-2"
    flow.back()
    flow.back()  # form -> procedure
    flow.choose_procedure("B")
    assert flow.session.idempotency_key is None and flow.session.answers == {}


def test_back_walks_the_journey_backwards() -> None:
    flow = flow_at_confirm()
    flow.back()
    assert flow.screen is Screen.READ_CARD
    flow.back()
    assert flow.screen is Screen.HOME


def test_wipe_forgets_the_citizen() -> None:
    flow = flow_at_confirm()
    flow.set_language("en")
    flow.wipe()
    assert flow.screen is Screen.ATTRACT
    assert flow.session.reading is None
    assert flow.session.applicant == {}
    assert flow.session.language == "vi"
    assert "Nguyễn" not in repr(flow.snapshot())
