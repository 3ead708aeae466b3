"""The applicant kind in the Qt-free flow: what each kind must give, and the representative's detour by the
documents screen for the authorisation whatever the procedure lists."""

from __future__ import annotations

import pytest

from kiosk.domain.idcard import IdentityReading
from kiosk.ui.flow import FlowError, KioskFlow, Screen


def _reading() -> IdentityReading:
    return IdentityReading(
        source="qr", id_number="001089012345", full_name="Nguyễn Văn An", date_of_birth=None, sex=None
    )


def test_a_representative_always_passes_the_documents_screen_for_the_authorisation() -> None:
    flow = KioskFlow()
    flow.touch_attract()
    flow.start_dossier()
    flow.choose_applicant_kind("representative")
    flow.card_accepted(_reading())
    assert flow.missing_fields() == ["date_of_birth", "sex", "on_behalf_name", "on_behalf_id_number"]
    flow.edit_field("date_of_birth", "1989-07-15")
    flow.edit_field("sex", "M")
    flow.edit_extra("on_behalf_name", "Đặng Thị Hồng")
    flow.edit_extra("on_behalf_id_number", "048156000777")
    flow.confirm_details()
    flow.choose_procedure("1.000001.000.00.00.H26", needs_documents=False)  # a procedure without papers
    flow.begin_form()
    flow.form_completed({})
    assert flow.screen is Screen.DOCUMENTS
    assert flow.session.applicant_values()["on_behalf_id_number"] == "048156000777"
    flow.wipe()
    assert flow.session.applicant_kind == "citizen" and flow.session.applicant_extra == {}


def test_typed_kinds_need_their_own_fields_and_nothing_of_another_kind() -> None:
    flow = KioskFlow()
    flow.touch_attract()
    flow.start_dossier()
    flow.choose_applicant_kind("organisation")
    flow.type_instead()
    assert flow.missing_fields() == [
        "full_name",
        "organisation_code",
        "representative_name",
        "representative_id_number",
    ]
    with pytest.raises(FlowError):
        flow.edit_extra("passport_number", "C01X00T47")  # not an organisation's field
    with pytest.raises(FlowError):
        flow.choose_applicant_kind("alien")
    values = flow.session.applicant_values()
    assert values == {"applicant_type": "organisation"}  # the card's empty fields are not sent


def test_an_account_journey_with_typed_details_goes_on_to_the_account() -> None:
    flow = KioskFlow()
    flow.touch_attract()
    flow.open_account()
    flow.choose_applicant_kind("foreigner")
    flow.type_instead()
    for name, value in {
        "full_name": "JOHN SMITH",
        "passport_number": "C01X00T47",
        "nationality": "USA",
    }.items():
        flow.edit_extra(name, value)
    flow.confirm_details()
    assert flow.screen is Screen.ACCOUNT
