from __future__ import annotations

import json

from kiosk.portal import forms
from kiosk.portal.models import Catalogue
from kiosk.sandbox.catalogue import load_seed_catalogue

CORRECTION = "1.004884.000.00.00.H26"


def _form() -> forms.FormSpec:
    catalogue = Catalogue.from_json(json.loads(load_seed_catalogue().body))
    procedure = catalogue.find(CORRECTION)
    assert procedure is not None
    return procedure.form


def _answers(**changes: str) -> dict[str, str]:
    base = {
        "applicant_full_name": "Nguyễn Văn An",
        "applicant_id_number": "001089012345",
        "applicant_address": "Hà Nội",
        "phone": "0912345678",
        "change_kind": "name",
        "change_other": "",
    }
    return {**base, **changes}


def test_a_conditional_field_is_hidden_until_its_condition_holds() -> None:
    form = _form()
    names = [spec.name for spec in forms.visible_fields(form, _answers())]
    assert "change_other" not in names and "change_kind" in names
    assert forms.check(form, _answers()) == {}
    assert "change_other" in [spec.name for spec in forms.visible_fields(form, _answers(change_kind="other"))]


def test_required_when_makes_it_required_and_hidden_answers_are_not_sent() -> None:
    form = _form()
    assert forms.check(form, _answers(change_kind="other")) == {"change_other": "required"}
    assert forms.check(form, _answers(change_kind="other", change_other="Sửa ngày sinh")) == {}
    sent = forms.final_answers(form, _answers(change_other="left over from before"))
    assert "change_other" not in sent


def test_forms_without_conditions_behave_as_before() -> None:
    catalogue = Catalogue.from_json(json.loads(load_seed_catalogue().body))
    birth = catalogue.find("1.001193.000.00.00.H26")
    assert birth is not None
    assert forms.visible_fields(birth.form, {}) == list(birth.form.fields)
    assert "child_full_name" in forms.check(birth.form, {})
