"""The sandbox portal over real HTTP: contract shapes, idempotency, integrity checks, persistence."""

from __future__ import annotations

import hashlib
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import requests

from kiosk.domain.codes import parse_dossier_code
from kiosk.portal.models import Catalogue, canonical_json_bytes
from kiosk.sandbox.app import DEFAULT_UNIT_CODE
from kiosk.sandbox.openapi_export import OPENAPI_PATH, to_yaml
from kiosk.sandbox.samples import sample_submission
from kiosk.sandbox.server import SandboxServer

BIRTH = "1.001193.000.00.00.H26"
MARRIAGE = "1.000894.000.00.00.H26"
# Shapes of the conftest fixtures (conftest modules are not importable under --import-mode=importlib).
PostDossier = Callable[..., requests.Response]
ResponseChecker = Callable[[str, str, requests.Response], None]
FakeClock = Any

ADMIN_KEYS = {"idempotency_key", "dossier_code", "procedure_code", "files"}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _admin(http: requests.Session, base_url: str) -> list[dict[str, Any]]:
    response = http.get(f"{base_url}/sandbox/admin/dossiers", timeout=10)
    assert response.status_code == 200
    result: list[dict[str, Any]] = response.json()
    return result


def _birth_dossier_with_two_files(catalogue: Catalogue, key: str | None = None) -> Any:
    sub = sample_submission(catalogue.find(BIRTH), idempotency_key=key, optional_documents=True)  # type: ignore[arg-type]
    assert len(sub.documents) >= 2
    return sub


# --- health and catalogue ------------------------------------------------------------------------------


def test_health_answers_ok(
    sandbox: SandboxServer, http: requests.Session, check_response: ResponseChecker
) -> None:
    response = http.get(f"{sandbox.base_url}/api/v1/health", timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    check_response("/api/v1/health", "GET", response)


def test_unversioned_health_for_monitors(sandbox: SandboxServer, http: requests.Session) -> None:
    response = http.get(f"{sandbox.base_url}/health", timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_catalogue_lists_real_procedures_in_nfc_vietnamese(
    sandbox: SandboxServer, http: requests.Session, check_response: ResponseChecker
) -> None:
    response = http.get(f"{sandbox.base_url}/api/v1/catalogue", timeout=10)
    assert response.status_code == 200
    check_response("/api/v1/catalogue", "GET", response)
    body = response.json()

    assert body["hash"] == hashlib.sha256(canonical_json_bytes(body["procedures"])).hexdigest()
    by_code = {item["code"]: item for item in body["procedures"]}
    assert len(by_code) >= 6
    assert by_code[BIRTH]["name"]["vi"] == "Đăng ký khai sinh"
    assert by_code[MARRIAGE]["name"]["vi"] == "Đăng ký kết hôn"
    names = {item["name"]["vi"] for item in body["procedures"]}
    assert "Đăng ký thường trú" in names
    assert "Cấp Giấy xác nhận tình trạng hôn nhân" in names
    assert any(name.startswith("Chứng thực bản sao") for name in names)
    assert any("Phiếu lý lịch tư pháp" in name for name in names)

    texts = _strings(body)
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)
    # Full diacritics really are there (an ASCII-folded catalogue would pass the NFC check).
    assert any("ữ" in text or "ư" in text for text in texts)

    for procedure in body["procedures"]:
        assert procedure["online_level"] in ("full", "partial")
        assert procedure["form"]["fields"], procedure["code"]
        for field in procedure["form"]["fields"]:
            if field["type"] == "select":
                assert field["options"], field["name"]


def test_catalogue_parses_with_the_client_models(sandbox: SandboxServer, http: requests.Session) -> None:
    body = http.get(f"{sandbox.base_url}/api/v1/catalogue", timeout=10).json()
    catalogue = Catalogue.from_json(body)
    birth = catalogue.find(BIRTH)
    assert birth is not None and birth.fee_vnd == 0 and birth.postal_return_allowed
    assert birth.form.field("requester_full_name").prefill == "card.full_name"  # type: ignore[union-attr]
    assert catalogue.find("9.999999") is None


# --- submission ----------------------------------------------------------------------------------------


def test_submission_with_two_files_returns_an_official_dossier_code(
    sandbox: SandboxServer,
    http: requests.Session,
    catalogue: Catalogue,
    post_dossier: PostDossier,
    check_response: ResponseChecker,
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    response = post_dossier(sandbox.base_url, sub)

    assert response.status_code == 201, response.text
    check_response("/api/v1/dossiers", "POST", response)
    body = response.json()
    assert body["duplicate"] is False and body["status"] == "received"
    code = parse_dossier_code(body["dossier_code"])
    assert code.unit_code == DEFAULT_UNIT_CODE
    assert code.day == date(2025, 7, 1)
    assert code.seq == 1
    assert body["dossier_code"] == "000.00.00.H26-250701-0001"
    assert response.headers["Location"] == f"/api/v1/dossiers/{body['dossier_code']}"

    [stored] = _admin(http, sandbox.base_url)
    assert stored.keys() >= ADMIN_KEYS
    assert stored["idempotency_key"] == sub.idempotency_key
    assert stored["procedure_code"] == BIRTH
    assert [(f["sha256"], f["size"]) for f in stored["files"]] == [(d.sha256, d.size) for d in sub.documents]
    # The bytes on disk are exactly the bytes sent.
    for doc in sub.documents:
        download = http.get(f"{sandbox.base_url}/sandbox/admin/files/{doc.sha256}", timeout=10)
        assert download.content == doc.content


def test_repeated_key_with_same_content_is_a_duplicate_not_a_second_dossier(
    sandbox: SandboxServer,
    http: requests.Session,
    catalogue: Catalogue,
    post_dossier: PostDossier,
    check_response: ResponseChecker,
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    first = post_dossier(sandbox.base_url, sub)
    again = post_dossier(sandbox.base_url, sub)

    assert first.status_code == 201
    assert again.status_code == 200
    check_response("/api/v1/dossiers", "POST", again)
    assert again.json()["duplicate"] is True
    assert again.json()["dossier_code"] == first.json()["dossier_code"]
    assert again.json()["received_at"] == first.json()["received_at"]
    assert len(_admin(http, sandbox.base_url)) == 1


def test_duplicate_detection_ignores_unicode_normalisation_of_the_same_text(
    sandbox: SandboxServer, catalogue: Catalogue, post_dossier: PostDossier
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    manifest = sub.manifest()
    first = post_dossier(sandbox.base_url, sub, manifest=manifest)
    decomposed = json.loads(unicodedata.normalize("NFD", json.dumps(manifest, ensure_ascii=False)))
    again = post_dossier(sandbox.base_url, sub, manifest=decomposed)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["dossier_code"] == first.json()["dossier_code"]


def test_repeated_key_with_different_content_is_a_conflict(
    sandbox: SandboxServer,
    http: requests.Session,
    catalogue: Catalogue,
    post_dossier: PostDossier,
    check_response: ResponseChecker,
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    assert post_dossier(sandbox.base_url, sub).status_code == 201
    changed = sub.manifest()
    changed["answers"]["child_full_name"] = "Nguyễn Văn Cường"
    response = post_dossier(sandbox.base_url, sub, manifest=changed)

    assert response.status_code == 409
    check_response("/api/v1/dossiers", "POST", response)
    assert response.json()["error"]["code"] == "idempotency_conflict"
    assert len(_admin(http, sandbox.base_url)) == 1


def test_concurrent_retries_with_one_key_make_one_dossier(
    sandbox: SandboxServer, http: requests.Session, catalogue: Catalogue, post_dossier: PostDossier
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    results: list[requests.Response] = []
    lock = threading.Lock()

    def send() -> None:
        response = post_dossier(sandbox.base_url, sub)
        with lock:
            results.append(response)

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(r.status_code for r in results) == [200] * 5 + [201]
    assert len({r.json()["dossier_code"] for r in results}) == 1
    assert len(_admin(http, sandbox.base_url)) == 1


def test_declared_hash_or_size_must_match_the_bytes(
    sandbox: SandboxServer,
    http: requests.Session,
    catalogue: Catalogue,
    post_dossier: PostDossier,
    check_response: ResponseChecker,
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    original = sub.documents[1].content
    same_length = original[:-2] + bytes([original[-2] ^ 0x01]) + original[-1:]
    corrupted = post_dossier(sandbox.base_url, sub, contents={1: same_length})
    assert corrupted.status_code == 400
    check_response("/api/v1/dossiers", "POST", corrupted)
    assert corrupted.json()["error"]["code"] == "sha256_mismatch"

    shorter = post_dossier(sandbox.base_url, sub, contents={0: sub.documents[0].content[:-1]})
    assert shorter.status_code == 400
    assert shorter.json()["error"]["code"] == "size_mismatch"

    assert _admin(http, sandbox.base_url) == []
    # The same key still works once the bytes arrive intact: a rejected attempt did not bind it.
    assert post_dossier(sandbox.base_url, sub).status_code == 201


def test_malformed_requests_get_json_errors(
    sandbox: SandboxServer,
    http: requests.Session,
    catalogue: Catalogue,
    post_dossier: PostDossier,
    check_response: ResponseChecker,
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    url = sandbox.base_url

    no_key = post_dossier(url, sub, key="")
    assert (no_key.status_code, no_key.json()["error"]["code"]) == (400, "missing_idempotency_key")
    bad_key = post_dossier(url, sub, key="short")
    assert (bad_key.status_code, bad_key.json()["error"]["code"]) == (400, "invalid_idempotency_key")

    not_multipart = http.post(
        f"{url}/api/v1/dossiers", json=sub.manifest(), headers={"Idempotency-Key": sub.idempotency_key}
    )
    assert (not_multipart.status_code, not_multipart.json()["error"]["code"]) == (400, "invalid_multipart")

    missing_field = sub.manifest()
    del missing_field["kiosk_id"]
    response = post_dossier(url, sub, manifest=missing_field)
    assert (response.status_code, response.json()["error"]["code"]) == (422, "invalid_dossier_json")
    assert "kiosk_id" in response.json()["error"]["fields"]
    check_response("/api/v1/dossiers", "POST", response)

    extra = post_dossier(url, sub, extra_parts=[("smuggled", ("x.pdf", b"%PDF-1.4", "application/pdf"))])
    assert (extra.status_code, extra.json()["error"]["code"]) == (400, "unexpected_part")

    assert _admin(http, url) == []


def test_dossier_content_is_checked_against_the_procedure(
    sandbox: SandboxServer,
    http: requests.Session,
    catalogue: Catalogue,
    post_dossier: PostDossier,
    check_response: ResponseChecker,
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    url = sandbox.base_url

    unknown = sub.manifest()
    unknown["procedure_code"] = "1.999999.000.00.00.H26"
    response = post_dossier(url, sub, manifest=unknown)
    assert (response.status_code, response.json()["error"]["code"]) == (422, "unknown_procedure")
    assert response.json()["error"]["message_vi"]

    without_birth_paper = replace(sub, documents=tuple(d for d in sub.documents if d.type_code != "GCS"))
    wrong = without_birth_paper.manifest()
    wrong["answers"]["child_sex"] = "X"
    wrong["answers"]["requester_phone"] = "12345"
    wrong["answers"]["not_a_field"] = "?"
    del wrong["answers"]["mother_full_name"]
    response = post_dossier(url, without_birth_paper, manifest=wrong)
    check_response("/api/v1/dossiers", "POST", response)
    error = response.json()["error"]
    assert (response.status_code, error["code"]) == (422, "invalid_dossier")
    assert set(error["fields"]) >= {
        "answers.child_sex",
        "answers.requester_phone",
        "answers.not_a_field",
        "answers.mother_full_name",
        "documents.GCS",
    }
    # Reasons name the problem, never echo what the citizen typed.
    assert "12345" not in response.text
    assert _admin(http, url) == []


# --- dossier status ------------------------------------------------------------------------------------


def test_dossier_status_by_code(
    sandbox: SandboxServer,
    http: requests.Session,
    catalogue: Catalogue,
    post_dossier: PostDossier,
    check_response: ResponseChecker,
) -> None:
    sub = _birth_dossier_with_two_files(catalogue)
    code = post_dossier(sandbox.base_url, sub).json()["dossier_code"]

    response = http.get(f"{sandbox.base_url}/api/v1/dossiers/{code}", timeout=10)
    assert response.status_code == 200
    check_response("/api/v1/dossiers/{dossier_code}", "GET", response)
    body = response.json()
    assert (body["dossier_code"], body["procedure_code"], body["status"]) == (code, BIRTH, "received")
    assert [entry["status"] for entry in body["history"]] == ["received"]

    typed = http.get(f"{sandbox.base_url}/api/v1/dossiers/ {code.lower()} ", timeout=10)
    assert typed.json()["dossier_code"] == code

    missing = http.get(f"{sandbox.base_url}/api/v1/dossiers/000.00.00.H26-250701-0099", timeout=10)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "dossier_not_found")
    check_response("/api/v1/dossiers/{dossier_code}", "GET", missing)

    garbled = http.get(f"{sandbox.base_url}/api/v1/dossiers/not-a-code", timeout=10)
    assert (garbled.status_code, garbled.json()["error"]["code"]) == (422, "invalid_dossier_code")
    check_response("/api/v1/dossiers/{dossier_code}", "GET", garbled)


def test_unknown_paths_answer_with_the_error_body(sandbox: SandboxServer, http: requests.Session) -> None:
    response = http.get(f"{sandbox.base_url}/api/v2/catalogue", timeout=10)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# --- numbering, persistence, lifecycle -----------------------------------------------------------------


def test_sequence_numbers_count_per_day_in_vietnam_time(
    sandbox: SandboxServer, catalogue: Catalogue, clock: FakeClock, post_dossier: PostDossier
) -> None:
    birth = catalogue.find(BIRTH)
    assert birth is not None

    def submit() -> str:
        response = post_dossier(sandbox.base_url, sample_submission(birth))
        assert response.status_code == 201, response.text
        code: str = response.json()["dossier_code"]
        return code

    assert [submit(), submit()] == ["000.00.00.H26-250701-0001", "000.00.00.H26-250701-0002"]
    clock.advance(hours=14, minutes=59)  # 23:59 in Hà Nội: still 1 July
    assert submit() == "000.00.00.H26-250701-0003"
    clock.advance(minutes=2)  # 00:01 on 2 July in Hà Nội, still 1 July in UTC
    assert submit() == "000.00.00.H26-250702-0001"
    assert submit() == "000.00.00.H26-250702-0002"


def test_dossiers_survive_a_restart_with_the_same_data_dir(
    sandbox_dir: Path,
    clock: FakeClock,
    catalogue: Catalogue,
    post_dossier: PostDossier,
    http: requests.Session,
) -> None:
    first = _birth_dossier_with_two_files(catalogue)
    with SandboxServer(sandbox_dir, clock=clock) as server:
        code = post_dossier(server.base_url, first).json()["dossier_code"]

    with SandboxServer(sandbox_dir, clock=clock) as server:
        status = http.get(f"{server.base_url}/api/v1/dossiers/{code}", timeout=10)
        assert status.status_code == 200
        retry = post_dossier(server.base_url, first)
        assert (retry.status_code, retry.json()["dossier_code"]) == (200, code)
        second = post_dossier(server.base_url, _birth_dossier_with_two_files(catalogue))
        assert second.json()["dossier_code"] == "000.00.00.H26-250701-0002"
        listed = [d["dossier_code"] for d in _admin(http, server.base_url)]
        assert listed == [code, second.json()["dossier_code"]]
        for doc in first.documents:
            assert http.get(f"{server.base_url}/sandbox/admin/files/{doc.sha256}").content == doc.content


def test_each_unit_numbers_its_own_dossiers(
    sandbox_dir: Path, clock: FakeClock, catalogue: Catalogue, post_dossier: PostDossier
) -> None:
    birth = catalogue.find(BIRTH)
    assert birth is not None
    codes = []
    for unit in ("000.00.00.H26", "000.00.53.H48", "000.00.00.H26"):
        with SandboxServer(sandbox_dir, clock=clock, unit_code=unit) as server:
            codes.append(post_dossier(server.base_url, sample_submission(birth)).json()["dossier_code"])
    assert codes == ["000.00.00.H26-250701-0001", "000.00.53.H48-250701-0001", "000.00.00.H26-250701-0002"]


def test_a_server_without_data_dir_cleans_up_after_itself() -> None:
    server = SandboxServer()
    url = server.start()
    assert server.store is not None
    data_dir = server.store.data_dir
    assert data_dir.is_dir()
    assert requests.get(f"{url}/api/v1/health", timeout=10).status_code == 200
    server.stop()
    server.stop()  # twice is harmless
    assert not data_dir.exists()


# --- the contract document -----------------------------------------------------------------------------


def test_openapi_yaml_is_in_sync_with_the_sandbox(openapi_doc: dict[str, Any]) -> None:
    assert OPENAPI_PATH.read_text("utf-8") == to_yaml(openapi_doc), (
        "kiosk/portal/openapi.yaml is stale: run python -m kiosk.sandbox.openapi_export"
    )
    assert openapi_doc["openapi"].startswith("3.1")
    paths = set(openapi_doc["paths"])
    assert {
        "/api/v1/health",
        "/api/v1/catalogue",
        "/api/v1/catalogue/version",
        "/api/v1/auth/token",
        "/api/v1/dossiers",
        "/api/v1/dossiers/{dossier_code}",
        "/api/v1/accounts/registrations",
        "/api/v1/eid/login-requests",
        "/api/v1/dossiers/{dossier_code}/payment",
        "/api/v1/dossiers/{dossier_code}/result",
        "/api/v1/dossiers/{dossier_code}/delivery",
        "/api/v1/postal/tracking/{tracking_number}",
        "/api/v1/postal/pickups",
    } <= paths
    # Training controls never leak into the contract.
    assert all(path.startswith("/api/v1/") for path in paths)


def test_the_served_openapi_document_is_the_contract(
    sandbox: SandboxServer, http: requests.Session, openapi_doc: dict[str, Any]
) -> None:
    served = http.get(f"{sandbox.base_url}/api/v1/openapi.json", timeout=10).json()
    assert served == openapi_doc


def test_serve_forever_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    data_dir = tmp_path / "cli-data"
    code = (
        "from pathlib import Path; from kiosk.sandbox.server import serve_forever; "
        f"serve_forever('127.0.0.1', {port}, Path({str(data_dir)!r}))"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the sandbox did not start"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, stderr.decode()
    assert (data_dir / "sandbox.sqlite3").exists()
