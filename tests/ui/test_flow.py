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
    flow.begin_form()
    flow.form_completed({"marital_status": "single"})
    flow.delivery_chosen({"method": "online"})
    flow.give_consent(True)
    flow.submitted("000.00.00.H26-261124-0001")
    flow.journey_done()
    assert seen == [Screen.HOME, Screen.READ_CARD, Screen.CONFIRM, Screen.PROCEDURE,
                    Screen.PROCEDURE_INFO, Screen.FORM, Screen.DELIVERY, Screen.REVIEW, Screen.RECEIPT,
                    Screen.FEEDBACK]
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
    flow.begin_form()
    flow.form_completed({"x": "1"})  # → delivery (no paper for "A")
    flow.session.idempotency_key = "key-1"
    flow.back()  # delivery -> form
    flow.form_completed({"x": "1"})
    assert flow.session.idempotency_key == "key-1", "same answers: a retry must reuse the key"
    flow.back()
    flow.form_completed({"x": "2"})
    assert flow.session.idempotency_key is None
    flow.session.idempotency_key = "key-2"
    flow.back()  # delivery -> form
    flow.back()  # form -> what the procedure needs
    flow.back()  # -> procedure list
    flow.choose_procedure("B")
    assert flow.session.idempotency_key is None and flow.session.answers == {}


def test_back_walks_the_journey_backwards() -> None:
    flow = flow_at_confirm()
    flow.back()
    # Not back to the card reader: the card still lying there would be read again at once (defect 12).
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


def flow_at_review(*, documents: bool = False) -> KioskFlow:
    flow = flow_at_confirm()
    flow.confirm_details()
    flow.choose_procedure("1.001193.000.00.00.H26", needs_documents=documents)
    flow.begin_form()
    flow.form_completed({"child_full_name": "Nguyễn Văn Bình"})
    if documents:
        flow.documents_completed({"GCS": ["page"]})
    flow.delivery_chosen({"method": "post", "address": {"province_name": "Hà Nội"}})
    return flow


def test_nothing_is_submitted_without_consent() -> None:
    flow = flow_at_review()
    with pytest.raises(FlowError):
        flow.submitted("000.00.00.H26-261124-0001")
    flow.give_consent(True)
    flow.submitted("000.00.00.H26-261124-0001")
    assert flow.screen is Screen.RECEIPT


def test_a_fee_due_goes_through_payment_and_paying_later_is_a_way_out() -> None:
    flow = flow_at_review()
    flow.give_consent(True)
    flow.submitted("000.00.00.H26-261124-0002", payment_due=True)
    assert flow.screen is Screen.PAYMENT
    flow.payment_finished(paid=False)
    assert flow.screen is Screen.RECEIPT and not flow.session.paid


def test_a_dossier_queued_offline_cannot_be_paid_yet() -> None:
    flow = flow_at_review()
    flow.give_consent(True)
    flow.submitted(None, offline=True, payment_due=True)
    assert flow.screen is Screen.RECEIPT and not flow.session.payment_due


def test_back_from_delivery_returns_to_documents_when_there_was_paper() -> None:
    flow = flow_at_review(documents=True)
    flow.back()
    assert flow.screen is Screen.DELIVERY
    flow.back()
    assert flow.screen is Screen.DOCUMENTS
    assert flow.session.pages == {"GCS": ["page"]}


def test_changing_the_delivery_makes_a_new_submission() -> None:
    flow = flow_at_review()
    flow.session.idempotency_key = "k1"
    flow.back()
    flow.delivery_chosen({"method": "counter"})
    assert flow.session.idempotency_key is None
    with pytest.raises(FlowError):
        flow.back()
        flow.delivery_chosen({"method": "pigeon"})


def test_account_journey_reads_the_card_then_shows_the_account_screen() -> None:
    flow = KioskFlow()
    flow.touch_attract()
    flow.choose_language("vi")
    flow.open_account()
    assert flow.screen is Screen.READ_CARD
    flow.card_accepted(parse_qr_payload(AN))
    assert flow.screen is Screen.ACCOUNT
    assert flow.session.applicant["id_number"].value == "001089012345"
    flow.journey_done()
    assert flow.screen is Screen.FEEDBACK
    flow.wipe()
    assert flow.session.reading is None and flow.screen is Screen.ATTRACT


def test_check_and_guides_start_from_home_and_go_back_there() -> None:
    flow = KioskFlow()
    flow.touch_attract()
    flow.choose_language("vi")
    flow.check_dossier()
    assert flow.screen is Screen.CHECK
    flow.back()
    flow.open_guides()
    assert flow.screen is Screen.GUIDES
    flow.back()
    assert flow.screen is Screen.HOME


def test_touch_goes_straight_home_in_vietnamese() -> None:
    flow = KioskFlow()
    flow.touch_attract()
    assert flow.screen is Screen.HOME and flow.session.language == "vi"
    flow.choose_language("en")  # the top bar's toggle, on the home screen: nothing else moves
    assert flow.screen is Screen.HOME and flow.session.language == "en"


def test_a_home_procedure_skips_the_list_and_the_info_screen() -> None:
    seen: list[Screen] = []
    flow = KioskFlow()
    flow.subscribe(seen.append)
    flow.touch_attract()
    flow.start_dossier()
    flow.preselect("1.004194.000.00.00.H26", needs_documents=True)
    flow.card_accepted(parse_qr_payload(AN))
    flow.confirm_details()
    assert flow.screen is Screen.FORM and flow.session.procedure_code == "1.004194.000.00.00.H26"
    flow.back()
    assert flow.screen is Screen.CONFIRM
    flow.confirm_details()
    flow.form_completed({"x": "1"})
    assert flow.screen is Screen.DOCUMENTS
    assert seen == [Screen.HOME, Screen.READ_CARD, Screen.CONFIRM, Screen.FORM, Screen.CONFIRM, Screen.FORM,
                    Screen.DOCUMENTS]
