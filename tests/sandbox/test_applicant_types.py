"""Every applicant the rules name, through the sandbox portal over real HTTP: each kind is accepted,
stored as sent and names the result's owner; a malformed one answers 422 with a reason per field (and
never the value); accounts for foreigners and organisations register and link with an OTP."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
import requests

from kiosk.domain.applicant import AUTHORISATION_TYPE_CODE
from kiosk.portal import PortalClient, PortalRejected, RetryPolicy
from kiosk.portal.models import Catalogue, DossierSubmission
from kiosk.portal.service_models import Registration
from kiosk.sandbox.samples import sample_document, sample_submission
from kiosk.sandbox.server import SandboxServer

MARRIAGE = "1.000894.000.00.00.H26"
PostDossier = Callable[..., requests.Response]

APPLICANTS: dict[str, dict[str, str | None]] = {
    "citizen": {
        "applicant_type": "citizen",
        "full_name": "Nguyễn Văn An",
        "id_number": "001089012345",
        "date_of_birth": "1989-07-15",
        "sex": "M",
    },
    "foreigner": {
        "applicant_type": "foreigner",
        "full_name": "JOHN MICHAEL SMITH",
        "passport_number": "C01X00T47",
        "nationality": "USA",
        "date_of_birth": "1980-02-29",
    },
    "german": {
        "applicant_type": "foreigner",
        "full_name": "ERIKA MUSTERMANN",
        "passport_number": "C01X00T47",
        "nationality": "D",
    },
    "organisation": {
        "applicant_type": "organisation",
        "full_name": "Công ty TNHH Sen Vàng",
        "organisation_code": "0123456789-001",
        "representative_name": "Trần Thị Bích Ngọc",
        "representative_id_number": "079305001234",
    },
    "no_id": {
        "applicant_type": "no_id",
        "full_name": "Lò Thị Mai",
        "birth_year": "1948",
        "issue_date": "1990-03-01",
        "issuing_body": "UBND xã Mường Phăng",
    },
    "representative": {
        "applicant_type": "representative",
        "full_name": "Nguyễn Văn An",
        "id_number": "001089012345",
        "on_behalf_name": "Đặng Thị Hồng",
        "on_behalf_id_number": "048156000777",
        "relationship": "con",
    },
}

MALFORMED: list[tuple[str, dict[str, str | None], str]] = [
    (
        "citizen with a passport-like number",
        {**APPLICANTS["citizen"], "id_number": "C01X00T47"},
        "applicant.id_number",
    ),
    (
        "foreigner with diacritics in the MRZ name",
        {**APPLICANTS["foreigner"], "full_name": "Jöhn Smith"},
        "applicant.full_name",
    ),
    (
        "foreigner with an unknown nationality",
        {**APPLICANTS["foreigner"], "nationality": "XYZ"},
        "applicant.nationality",
    ),
    (
        "foreigner without a passport number",
        {**APPLICANTS["foreigner"], "passport_number": None},
        "applicant.passport_number",
    ),
    (
        "organisation code of 11 digits",
        {**APPLICANTS["organisation"], "organisation_code": "01234567890"},
        "applicant.organisation_code",
    ),
    (
        "organisation without its representative's ID",
        {**APPLICANTS["organisation"], "representative_id_number": ""},
        "applicant.representative_id_number",
    ),
    (
        "person without ID and a future birth year",
        {**APPLICANTS["no_id"], "birth_year": "2999"},
        "applicant.birth_year",
    ),
    (
        "person without ID and no issuing body",
        {**APPLICANTS["no_id"], "issuing_body": None},
        "applicant.issuing_body",
    ),
    (
        "representative filing for themselves",
        {**APPLICANTS["representative"], "on_behalf_id_number": "001089012345"},
        "applicant.on_behalf_id_number",
    ),
    (
        "unknown applicant type",
        {**APPLICANTS["citizen"], "applicant_type": "alien"},
        "applicant.applicant_type",
    ),
    (
        "a field of another kind",
        {**APPLICANTS["citizen"], "organisation_code": "0123456789"},
        "applicant.organisation_code",
    ),
]


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[PortalClient]:
    with PortalClient(
        sandbox.base_url, timeout=10, retry=RetryPolicy(attempts=2, first_delay=0.01, max_delay=0.01)
    ) as portal:
        yield portal


def _submission(catalogue: Catalogue, applicant: dict[str, str | None]) -> DossierSubmission:
    procedure = catalogue.find(MARRIAGE)
    assert procedure is not None
    sub = replace(sample_submission(procedure), applicant=dict(applicant))
    if applicant.get("applicant_type") == "representative":
        sub = replace(sub, documents=(*sub.documents, sample_document(AUTHORISATION_TYPE_CODE, label="uq")))
    return sub


@pytest.mark.parametrize("kind", sorted(APPLICANTS))
def test_each_applicant_kind_is_accepted_and_stored_as_sent(
    kind: str,
    sandbox: SandboxServer,
    client: PortalClient,
    catalogue: Catalogue,
    http: requests.Session,
) -> None:
    result = client.submit_dossier(_submission(catalogue, APPLICANTS[kind]))
    assert sandbox.store is not None
    record = sandbox.store.get_dossier(result.dossier_code)
    assert record is not None
    assert record.manifest["applicant"] == APPLICANTS[kind]
    listed = http.get(f"{sandbox.base_url}/sandbox/admin/dossiers", timeout=10).json()
    assert [item["applicant_type"] for item in listed] == [APPLICANTS[kind]["applicant_type"]]
    # The result's document code names the owner by the right identifier.
    done = http.post(
        f"{sandbox.base_url}/sandbox/admin/dossiers/{result.dossier_code}/status",
        json={"status": "done"},
        timeout=10,
    )
    assert done.status_code == 200, done.text
    owner = client.get_result(result.dossier_code).document_code.split(".")[0]
    assert (
        owner
        == {
            "citizen": "001089012345",
            "foreigner": "USA-C01X00T47",
            "german": "D-C01X00T47",
            "organisation": "0123456789-001",
            "no_id": "LOTHIMAI1948",
            "representative": "048156000777",
        }[kind]
    )


@pytest.mark.parametrize(("case", "applicant", "field"), MALFORMED, ids=[c for c, _, _ in MALFORMED])
def test_a_malformed_applicant_is_refused_with_a_reason_for_the_field(
    case: str,
    applicant: dict[str, str | None],
    field: str,
    sandbox: SandboxServer,
    catalogue: Catalogue,
    post_dossier: PostDossier,
) -> None:
    response = post_dossier(sandbox.base_url, _submission(catalogue, applicant))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_dossier"
    assert field in error["fields"], error["fields"]
    for key, value in applicant.items():  # reasons never echo a citizen's data
        if key != "applicant_type" and value and len(value) > 3:
            assert value not in json.dumps(error, ensure_ascii=False)


def test_a_representative_must_attach_the_authorisation_document(
    sandbox: SandboxServer,
    catalogue: Catalogue,
    post_dossier: PostDossier,
) -> None:
    procedure = catalogue.find(MARRIAGE)
    assert procedure is not None and AUTHORISATION_TYPE_CODE not in {d.type_code for d in procedure.documents}
    without = replace(sample_submission(procedure), applicant=dict(APPLICANTS["representative"]))
    response = post_dossier(sandbox.base_url, without)
    assert response.status_code == 422
    assert "authorisation" in response.json()["error"]["fields"][f"documents.{AUTHORISATION_TYPE_CODE}"]
    # Only a representative may attach it where the procedure does not list it.
    citizen = replace(
        _submission(catalogue, APPLICANTS["representative"]),
        applicant=APPLICANTS["citizen"],
        idempotency_key=str(uuid.uuid4()),
    )
    refused = post_dossier(sandbox.base_url, citizen)
    assert refused.status_code == 422
    assert any(key.endswith(".type_code") for key in refused.json()["error"]["fields"])


def test_an_older_kiosk_without_applicant_type_is_read_by_its_identifier(
    sandbox: SandboxServer,
    client: PortalClient,
    catalogue: Catalogue,
) -> None:
    legacy = {k: v for k, v in APPLICANTS["foreigner"].items() if k != "applicant_type"}
    assert client.submit_dossier(_submission(catalogue, legacy)).status == "received"


def _otp(sandbox: SandboxServer, http: requests.Session, challenge_id: str) -> str:
    otps: list[dict[str, Any]] = http.get(f"{sandbox.base_url}/sandbox/admin/otps", timeout=10).json()
    return next(item["otp"] for item in otps if item["challenge_id"] == challenge_id)


@pytest.mark.parametrize("kind", ["foreigner", "organisation"])
def test_foreigners_and_organisations_register_and_link_accounts(
    kind: str,
    sandbox: SandboxServer,
    client: PortalClient,
    http: requests.Session,
) -> None:
    if kind == "foreigner":
        registration = Registration(
            "",
            "JOHN MICHAEL SMITH",
            date(1980, 2, 29),
            "0912345678",
            applicant_type="foreigner",
            passport_number="C01X00T47",
            nationality="USA",
        )
        identifier, nationality = "C01X00T47", "USA"
    else:
        registration = Registration(
            "",
            "Công ty TNHH Sen Vàng",
            None,
            "0912345678",
            applicant_type="organisation",
            organisation_code="0123456789",
            representative_id_number="079305001234",
        )
        identifier, nationality = "0123456789", None
    challenge = client.register_account(registration)
    session = client.verify_otp(challenge.challenge_id, _otp(sandbox, http, challenge.challenge_id))
    assert (session.account.applicant_type, session.account.id_number) == (kind, identifier)
    assert session.account.nationality == nationality
    link = client.link_account(identifier, "0912345678", applicant_type=kind, nationality=nationality)
    linked = client.verify_otp(link.challenge_id, _otp(sandbox, http, link.challenge_id))
    assert linked.account.account_id == session.account.account_id


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {
                "applicant_type": "foreigner",
                "full_name": "JOHN SMITH",
                "passport_number": "C01X00T47",
                "nationality": "XYZ",
                "date_of_birth": "1980-02-29",
            },
            "nationality",
        ),
        (
            {
                "applicant_type": "foreigner",
                "full_name": "JOHN SMITH",
                "id_number": "001089012345",
                "date_of_birth": "1980-02-29",
            },
            "passport_number",
        ),
        (
            {"applicant_type": "organisation", "full_name": "Sen Vàng", "organisation_code": "0123456789"},
            "representative_id_number",
        ),
    ],
)
def test_an_account_with_the_wrong_identifiers_is_refused_with_the_field(
    body: dict[str, str],
    field: str,
    sandbox: SandboxServer,
    http: requests.Session,
) -> None:
    response = http.post(
        f"{sandbox.base_url}/api/v1/accounts/registrations", json={**body, "phone": "0912345678"}, timeout=10
    )
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_applicant" and field in error["fields"]
    assert error["message_vi"]


def test_an_organisation_code_is_no_longer_refused_by_the_schema(
    sandbox: SandboxServer,
    client: PortalClient,
) -> None:
    with pytest.raises(PortalRejected):  # 11 digits: the schema's pattern still refuses it
        client.register_account(
            Registration(
                "",
                "Sen Vàng",
                None,
                "0912345678",
                applicant_type="organisation",
                organisation_code="01234567890",
                representative_id_number="079305001234",
            )
        )
    challenge = client.register_account(
        Registration(
            "",
            "Sen Vàng",
            None,
            "0912345678",
            applicant_type="organisation",
            organisation_code="0123456789-002",
            representative_id_number="079305001234",
        )
    )
    assert challenge.purpose == "register"
