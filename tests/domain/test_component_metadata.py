"""Decree 107 metadata from the catalogue's component rule and the citizen's answers: summary, validity,
number, issue data, the clerk as digitiser, the document code from the configured pattern."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kiosk.domain.component_metadata import (
    DEFAULT_RULES,
    ComponentRule,
    ComponentRuleError,
    Digitiser,
    Owner,
    component_metadata,
)
from kiosk.domain.documents import PERMANENT, DocumentMetadata, DocumentMetadataError

WHEN = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
ID = "001089012345"


def test_summary_validity_and_number_come_from_the_rule_and_the_answers() -> None:
    rule = ComponentRule.from_json("XNTTHN", {
        "summary": "Xác nhận tình trạng hôn nhân của {full_name}", "validity": "months:6",
        "number_field": "xnthn_number", "issue_date_field": "xnthn_issue_date",
        "issuing_body_field": "xnthn_body", "signer_field": "xnthn_signer"})
    answers = {"full_name": "Nguyễn Văn An", "xnthn_number": "123/XN-UBND", "xnthn_issue_date": "2026-08-31",
               "xnthn_body": "UBND phường Hoàn Kiếm", "xnthn_signer": "Trần Thị Bình"}
    meta = component_metadata(rule, document_name="Giấy xác nhận tình trạng hôn nhân", answers=answers,
                              owner=Owner(id_number=ID), digitiser=Digitiser("K01"), when=WHEN)
    assert meta.summary == "Xác nhận tình trạng hôn nhân của Nguyễn Văn An"
    assert meta.validity == date(2027, 2, 28)  # six months on, the last day of a shorter month
    assert (meta.document_number, meta.issue_date) == ("123/XN-UBND", date(2026, 8, 31))
    assert (meta.issuing_body, meta.signer) == ("UBND phường Hoàn Kiếm", "Trần Thị Bình")
    assert meta.document_code() == "001089012345.XNTTHN.123-XN-UBND.01"
    assert meta.document_code("{type}-{id}-{seq:03d}") == "XNTTHN-001089012345-001"


def test_the_assisting_clerk_is_the_digitiser_and_the_kiosk_where() -> None:
    rule = DEFAULT_RULES["GCS"]
    alone = component_metadata(rule, document_name="Giấy chứng sinh", answers={"child_full_name": "Lê Minh"},
                               owner=Owner(id_number=ID), digitiser=Digitiser("K01"), when=WHEN)
    assert (alone.digitised_by, alone.digitised_on) == ("K01", "")
    assisted = component_metadata(rule, document_name="Giấy chứng sinh",
                                  answers={"child_full_name": "Lê Minh"}, owner=Owner(id_number=ID),
                                  digitiser=Digitiser("K01", clerk="cb07"), when=WHEN)
    assert (assisted.digitised_by, assisted.digitised_on) == ("cb07", "K01")
    assert assisted.validity == PERMANENT and assisted.summary == "Giấy chứng sinh của Lê Minh"
    again = DocumentMetadata.from_json_dict(assisted.to_json_dict())
    assert again == assisted


def test_a_missing_answer_gives_the_document_name_not_half_a_sentence() -> None:
    meta = component_metadata(DEFAULT_RULES["GCS"], document_name="Giấy chứng sinh", answers={},
                              owner=Owner(id_number=ID), digitiser=Digitiser("K01"))
    assert meta.summary == "Giấy chứng sinh"


def test_validity_from_an_answer_and_missing_dates_are_problems_not_permanent() -> None:
    card = component_metadata(DEFAULT_RULES["CCCD"], document_name="Thẻ căn cước",
                              answers={"full_name": "Nguyễn Văn An", "expiry_date": "2049-07-15",
                                       "id_number": ID, "issue_date": "2021-05-20"},
                              owner=Owner(id_number=ID), digitiser=Digitiser("K01"))
    assert card.validity == date(2049, 7, 15) and card.document_number == ID
    with pytest.raises(DocumentMetadataError) as missing:
        component_metadata(DEFAULT_RULES["XNTTHN"], document_name="Giấy xác nhận", answers={},
                           owner=Owner(id_number=ID), digitiser=Digitiser("K01"))
    assert missing.value.problems[0].code == "validity_unknown"


def test_an_owner_without_an_id_number_needs_issue_data() -> None:
    rule = ComponentRule("GTVB", summary="", validity="years:5", issue_date_field="issued",
                         issuing_body_field="body")
    meta = component_metadata(rule, document_name="Giấy tờ", answers={"issued": "2024-02-29",
                                                                        "body": "UBND xã An Phú"},
                              owner=Owner(full_name="Trần Văn Bảy", birth_year=1950),
                              digitiser=Digitiser("K02"))
    assert meta.owner_key == "TRANVANBAY1950" and meta.validity == date(2029, 2, 28)
    with pytest.raises(DocumentMetadataError):  # no issuing body: the rules need it without an ID number
        component_metadata(rule, document_name="Giấy tờ", answers={"issued": "2024-02-29"},
                           owner=Owner(full_name="Trần Văn Bảy", birth_year=1950), digitiser=Digitiser("K02"))


@pytest.mark.parametrize("data", [{"validity": "forever"}, {"validity": "years:0"}, {"colour": "red"},
                                  {"summary": "{a b}"}, {"summary": "{"}, {"number_field": "a b"},
                                  {"summary": 5}])
def test_bad_rules_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ComponentRuleError):
        ComponentRule.from_json("X", data)


def test_a_definition_without_a_rule_gets_the_type_default() -> None:
    assert ComponentRule.from_json("CCCD", None) is DEFAULT_RULES["CCCD"]
    assert ComponentRule.from_json("ZZZ", None) == ComponentRule("ZZZ")
