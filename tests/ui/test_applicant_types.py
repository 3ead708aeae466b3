"""Every applicant type through the real UI and the real sandbox over HTTP: the choice at the start of the
identify step, each kind's fields (free-text passport number, tax code, the representative's ID), the
rules' reasons under a wrong field, the authorisation component for a representative with its dates on
the documents screen, the applicant type on the review, the receipt and the portal's stored dossier."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from kiosk.app import KioskServices, build_services
from kiosk.capture.frames import ImageSequenceSource
from kiosk.capture.resources import sample_cards_dir
from kiosk.config import KioskConfig
from kiosk.receipts.model import receipt_content
from kiosk.ui.account import AccountViewModel
from kiosk.ui.applicant import ApplicantViewModel
from kiosk.ui.receipt_print import receipt_from_session
from kiosk.ui.texts import say
from kiosk.ui.window import PORTRAIT, KioskUi, create_ui
from tests.ui.conftest import assert_ui_idle
from tests.ui.helpers import fill_form, visible_texts, wait_screen

MARITAL = "1.004873.000.00.00.H26"  # lists the authorisation (VBUQ) as optional; no fee


@pytest.fixture
def scanner_services(config: KioskConfig) -> Iterator[KioskServices]:
    camera = dataclasses.replace(config.camera, scanner_device="test:0")
    svc = build_services(dataclasses.replace(config, camera=camera))
    yield svc
    svc.close()


@pytest.fixture
def ui(qtbot: QtBot, scanner_services: KioskServices, small_documents: Path) -> Iterator[KioskUi]:
    kiosk_ui = create_ui(scanner_services, size=PORTRAIT)
    kiosk_ui.window.show()
    yield kiosk_ui
    kiosk_ui.close()
    assert_ui_idle(kiosk_ui)


def _start(qtbot: QtBot, ui: KioskUi, kind: str, documents: Path) -> None:
    """Home → identify step → the applicant type. The card camera shows a sheet of paper first (no card
    for a second), then the sample card only for the kinds that show one."""
    k = ui.peers
    paper = sorted(documents.glob("*.jpg"))[0]
    card = sample_cards_dir() / "01_nguyen_van_an_front.png"
    frames = [paper] * 10 + ([card] if kind in ("citizen", "representative") else [])
    k.card.set_camera_opener(lambda: ImageSequenceSource(frames, repeat_each=3, fps=30.0, name="card"))
    qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
    k.visit.touchAttract()
    k.dossier.start()
    wait_screen(qtbot, ui, "readCard")
    assert any("Tôi là công dân Việt Nam" in text for text in visible_texts(ui))  # on the identify step
    applicant_vm(ui).choose(kind)


def applicant_vm(ui: KioskUi) -> ApplicantViewModel:
    vm = ui.peers.extra["applicant"]
    assert isinstance(vm, ApplicantViewModel)
    return vm


def _type(ui: KioskUi, fields: dict[str, str]) -> None:
    for name, value in fields.items():
        applicant_vm(ui).setField(name, value)


def _errors(ui: KioskUi) -> dict[str, str]:
    return {row["name"]: row["error"] for row in applicant_vm(ui).fields.rows() if row["error"]}


def _to_documents(qtbot: QtBot, ui: KioskUi) -> None:
    """Procedure → form → the documents screen (the authorisation is listed, optional but for a
    representative)."""
    k = ui.peers
    wait_screen(qtbot, ui, "procedure")
    k.procedures.choose(MARITAL)
    k.form.begin()
    fill_form(ui)
    k.form.submit()
    wait_screen(qtbot, ui, "documents")
    vbuq = next(r for r in k.documents.components.rows() if r["typeCode"] == "VBUQ")
    assert vbuq["mandatory"] == (k.context.flow.session.applicant_kind == "representative")


def _submit(qtbot: QtBot, ui: KioskUi, services: KioskServices) -> dict[str, str | None]:
    k = ui.peers
    wait_screen(qtbot, ui, "delivery")
    k.delivery.chooseMethod("online")
    k.dossier.deliveryDone()
    wait_screen(qtbot, ui, "review")
    review = {row["label"]: row["value"] for row in k.dossier.review.rows()}
    assert "Người nộp hồ sơ" in review
    k.dossier.setConsent(True)
    k.dossier.submit()
    wait_screen(qtbot, ui, "receipt", 60000)
    assert services.sandbox is not None and services.sandbox.store is not None
    (record,) = services.sandbox.store.list_dossiers()
    applicant: dict[str, str | None] = record.manifest["applicant"]
    return applicant | {"_review": review[("Người nộp hồ sơ")]}


def _receipt_fields(ui: KioskUi) -> dict[str, str]:
    receipt = receipt_from_session(ui.peers.context, ui.peers.dossier.reference, staff=None)
    assert receipt is not None
    return {field.label_vi: field.value for field in receipt_content(receipt, say).fields}


def test_a_foreigner_types_a_passport_number_and_is_told_what_is_wrong(
    qtbot: QtBot, ui: KioskUi, scanner_services: KioskServices, small_documents: Path
) -> None:
    k = ui.peers
    _start(qtbot, ui, "foreigner", small_documents)
    assert k.context.screen == "readCard"  # a passport can be shown to the camera …
    assert "hộ chiếu" in applicant_vm(ui).property("readTitle")
    k.card.typeInstead()  # … or its number typed
    wait_screen(qtbot, ui, "confirm")
    names = [row["name"] for row in applicant_vm(ui).fields.rows()]
    assert names == ["full_name", "passport_number", "nationality", "date_of_birth", "sex"]
    passport = next(r for r in applicant_vm(ui).fields.rows() if r["name"] == "passport_number")
    assert passport["input"] == "code"  # free text, not the digits-only ID field
    _type(ui, {"full_name": "John Michael Smith", "passport_number": "c01x 00t47", "nationality": "xyz"})
    assert not applicant_vm(ui).confirm()
    errors = _errors(ui)
    assert set(errors) == {"nationality"} and "USA" in errors["nationality"]
    assert k.context.screen == "confirm"
    _type(ui, {"nationality": "usa", "date_of_birth": "1980-02-29"})
    assert applicant_vm(ui).confirm()
    _to_documents(qtbot, ui)
    k.dossier.documentsDone()  # all optional
    stored = _submit(qtbot, ui, scanner_services)
    assert stored["applicant_type"] == "foreigner"
    assert (stored["passport_number"], stored["nationality"], stored["full_name"]) == (
        "C01X00T47",
        "USA",
        "JOHN MICHAEL SMITH",
    )
    assert stored["_review"] == "Người nước ngoài"
    fields = _receipt_fields(ui)
    assert fields["Loại người nộp"].startswith("Người nước ngoài") and fields["Số hộ chiếu"] == "***T47"
    assert "Số hộ chiếu ***T47" in applicant_vm(ui).property("identityLine")


def test_an_organisation_files_by_its_tax_code_with_its_representatives_id(
    qtbot: QtBot, ui: KioskUi, scanner_services: KioskServices, small_documents: Path
) -> None:
    k = ui.peers
    _start(qtbot, ui, "organisation", small_documents)
    wait_screen(qtbot, ui, "confirm")  # nothing to read: the details at once
    rows = {row["name"]: row for row in applicant_vm(ui).fields.rows()}
    assert rows["organisation_code"]["input"] == "taxcode"
    assert (
        rows["representative_id_number"]["input"] == "digits" and rows["representative_id_number"]["required"]
    )
    _type(
        ui,
        {
            "organisation_code": "0123 456 789-01",
            "full_name": "Công ty TNHH Sen Vàng",
            "representative_name": "Trần Thị Bích Ngọc",
        },
    )
    assert not applicant_vm(ui).confirm()
    assert set(_errors(ui)) == {"organisation_code", "representative_id_number"}
    _type(ui, {"organisation_code": "0123 456 789-001", "representative_id_number": "079305001234"})
    assert applicant_vm(ui).confirm()
    _to_documents(qtbot, ui)
    k.dossier.documentsDone()  # all optional
    stored = _submit(qtbot, ui, scanner_services)
    assert stored["applicant_type"] == "organisation" and stored["organisation_code"] == "0123456789-001"
    assert stored["representative_id_number"] == "079305001234"
    fields = _receipt_fields(ui)
    assert fields["Người nộp"] == "Công ty TNHH Sen Vàng" and fields["Mã số doanh nghiệp"] == "***001"


def test_a_person_without_an_id_number_gives_birth_year_and_issuing_data(
    qtbot: QtBot, ui: KioskUi, scanner_services: KioskServices, small_documents: Path
) -> None:
    k = ui.peers
    _start(qtbot, ui, "no_id", small_documents)
    wait_screen(qtbot, ui, "confirm")
    _type(ui, {"full_name": "Lò Thị Mai", "birth_year": "1948", "issue_date": "1990-03-01"})
    assert not applicant_vm(ui).confirm()
    assert set(_errors(ui)) == {"issuing_body"}
    _type(ui, {"issuing_body": "UBND xã Mường Phăng"})
    assert applicant_vm(ui).confirm()
    _to_documents(qtbot, ui)
    k.dossier.documentsDone()  # all optional
    stored = _submit(qtbot, ui, scanner_services)
    assert stored["applicant_type"] == "no_id" and stored["birth_year"] == "1948"
    assert stored["issuing_body"] == "UBND xã Mường Phăng" and not stored.get("id_number")
    assert _receipt_fields(ui)["Năm sinh"] == "1948"


def test_a_representative_files_for_a_parent_with_the_authorisation_and_its_dates(
    qtbot: QtBot, ui: KioskUi, scanner_services: KioskServices, small_documents: Path
) -> None:
    k = ui.peers
    _start(qtbot, ui, "representative", small_documents)
    assert "người đi nộp" in applicant_vm(ui).property("readTitle")
    wait_screen(qtbot, ui, "confirm", 30000)  # the representative's own card was read
    rows = {row["name"]: row for row in applicant_vm(ui).fields.rows()}
    assert rows["id_number"]["value"] == "001089012345" and rows["id_number"]["fromCard"]
    _type(ui, {"on_behalf_name": "Đặng Thị Hồng", "on_behalf_id_number": "001089012345"})
    assert not applicant_vm(ui).confirm()
    assert set(_errors(ui)) == {"on_behalf_id_number"}  # not the representative themself
    _type(ui, {"on_behalf_id_number": "048156000777", "relationship": "con"})
    assert applicant_vm(ui).confirm()
    _to_documents(qtbot, ui)
    docs = k.documents
    vbuq = next(i for i, r in enumerate(docs.components.rows()) if r["typeCode"] == "VBUQ")
    assert docs.components.rows()[vbuq]["mandatory"]  # made mandatory for a representative
    k.dossier.documentsDone()
    assert k.context.screen == "documents" and "Văn bản ủy quyền" in k.context.message
    docs.selectComponent(vbuq)
    docs.setAutoCapture(False)
    docs.scanOne()
    qtbot.waitUntil(lambda: not docs.property("scanning") and docs.pages.rowCount() == 1, timeout=60000)
    assert "hiệu lực" in docs.problem().lower() or "Có hiệu lực" in docs.problem()
    assert [row["name"] for row in docs.metaFields.rows() if row["required"]] == ["authorisation_valid_until"]
    signed, until = date.today() - timedelta(days=14), date.today() + timedelta(days=365)
    docs.setMetaField("authorisation_date", signed.isoformat())
    docs.setMetaField("authorisation_valid_until", (signed - timedelta(days=1)).isoformat())
    assert "trước ngày cấp" in docs.problem()  # the rules themselves, before anything is sent
    docs.setMetaField("authorisation_valid_until", until.isoformat())
    assert docs.problem() == ""
    assert f"{until:%d/%m/%Y}" in docs.property("metaSummary")
    k.dossier.documentsDone()
    stored = _submit(qtbot, ui, scanner_services)
    assert stored["applicant_type"] == "representative" and stored["on_behalf_id_number"] == "048156000777"
    assert scanner_services.sandbox is not None and scanner_services.sandbox.store is not None
    (record,) = scanner_services.sandbox.store.list_dossiers()
    (authorisation,) = [f for f in record.files if f.type_code == "VBUQ"]
    assert authorisation.metadata["owner_id_number"] == "048156000777"  # the parent's papers
    assert authorisation.metadata["validity"] == until.isoformat()
    assert authorisation.metadata["document_code"].startswith("048156000777.VBUQ")
    fields = _receipt_fields(ui)
    assert fields["Nộp thay cho"] == "*** *** Hồng" and fields["Số định danh người nộp"] == "***345"


def test_a_citizen_keeps_the_card_journey_and_the_assisting_clerk_digitises(
    qtbot: QtBot, ui: KioskUi, scanner_services: KioskServices, small_documents: Path
) -> None:
    k = ui.peers
    k.context.assisted_by = "NV012"
    _start(qtbot, ui, "citizen", small_documents)
    wait_screen(qtbot, ui, "confirm", 30000)
    assert not applicant_vm(ui).property("custom")
    k.card.confirm()
    _to_documents(qtbot, ui)
    docs = k.documents
    vbuq = next(i for i, r in enumerate(docs.components.rows()) if r["typeCode"] == "BAQDLH")
    docs.selectComponent(vbuq)
    docs.setAutoCapture(False)
    docs.scanOne()
    qtbot.waitUntil(lambda: not docs.property("scanning") and docs.pages.rowCount() == 1, timeout=60000)
    docs.setMetaField("divorce_number", "12/2019/HNGĐ-ST")
    k.dossier.documentsDone()
    stored = _submit(qtbot, ui, scanner_services)
    assert stored["applicant_type"] == "citizen" and stored["_review"] == "Công dân Việt Nam"
    assert scanner_services.sandbox is not None and scanner_services.sandbox.store is not None
    (record,) = scanner_services.sandbox.store.list_dossiers()
    (paper,) = record.files
    assert paper.metadata["digitised_by"] == "NV012"  # the clerk, not the kiosk
    assert paper.metadata["digitised_on"] == scanner_services.outbox.kiosk_id
    assert paper.metadata["document_number"] == "12/2019/HNGĐ-ST"
    assert paper.metadata["summary"] == "Bản án, quyết định ly hôn của Nguyễn Văn An"
    assert paper.metadata["document_code"] == "001089012345.BAQDLH.12-2019-HNGD-ST.01"


@pytest.mark.parametrize(
    ("kind", "fields", "identifier"),
    [
        (
            "foreigner",
            {
                "full_name": "John Smith",
                "passport_number": "C01X00T47",
                "nationality": "USA",
                "date_of_birth": "1980-02-29",
            },
            "C01X00T47",
        ),
        (
            "organisation",
            {
                "organisation_code": "0123456789",
                "full_name": "Công ty TNHH Sen Vàng",
                "representative_name": "Trần Thị Bích Ngọc",
                "representative_id_number": "079305001234",
            },
            "0123456789",
        ),
    ],
)
def test_foreigners_and_organisations_open_a_portal_account(
    qtbot: QtBot,
    ui: KioskUi,
    scanner_services: KioskServices,
    small_documents: Path,
    kind: str,
    fields: dict[str, str],
    identifier: str,
) -> None:
    k = ui.peers
    paper = sorted(small_documents.glob("*.jpg"))[0]
    k.card.set_camera_opener(lambda: ImageSequenceSource([paper], repeat_each=3, fps=30.0, name="card"))
    qtbot.waitUntil(lambda: k.procedures.state == "ready", timeout=15000)
    k.visit.touchAttract()
    k.visit.openAccount()
    wait_screen(qtbot, ui, "readCard")
    applicant_vm(ui).choose(kind)
    if k.context.screen == "readCard":
        k.card.typeInstead()
    wait_screen(qtbot, ui, "confirm")
    _type(ui, fields)
    assert applicant_vm(ui).confirm()
    wait_screen(qtbot, ui, "account")  # the account journey goes on to the account, not a procedure
    (account,) = k.context.findChildren(AccountViewModel)
    assert account.property("idNumber") == identifier
    account.choose("register")
    for digit in "0912345678":
        account.typeDigit(digit)
    account.sendPhone()
    qtbot.waitUntil(lambda: account.step == "otp", timeout=10000)
    sent = requests.get(f"{scanner_services.portal_url}/sandbox/admin/otps", timeout=5).json()
    for digit in str(sent[-1]["otp"]):
        account.typeDigit(digit)
    account.verifyOtp()
    qtbot.waitUntil(lambda: account.step == "done", timeout=10000)
    session = account.citizen_session
    assert session is not None
    assert (session.account.applicant_type, session.account.id_number) == (kind, identifier)
