"""PortalClient against the real sandbox over HTTP, and against a scripted fake server that misbehaves
in the ways real networks and portals do."""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter

from kiosk.config import ConfigError, load_config
from kiosk.domain.codes import parse_dossier_code
from kiosk.portal import (
    Catalogue,
    DocumentUpload,
    DossierSubmission,
    PortalBadResponse,
    PortalClient,
    PortalConflict,
    PortalError,
    PortalNotFound,
    PortalRejected,
    PortalUnavailable,
    RetryPolicy,
)
from kiosk.portal.errors import NOTICE_CODES
from kiosk.sandbox.samples import sample_submission
from kiosk.sandbox.server import SandboxServer

BIRTH = "1.001193.000.00.00.H26"
FAST_RETRY = RetryPolicy(attempts=3, first_delay=0.01, max_delay=0.02)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path / "sandbox") as server:
        yield server


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[PortalClient]:
    with PortalClient(sandbox.base_url, timeout=10, retry=FAST_RETRY) as portal:
        yield portal


def _birth_dossier(client: PortalClient, **changes: Any) -> DossierSubmission:
    procedure = client.get_catalogue().find(BIRTH)
    assert procedure is not None
    return replace(sample_submission(procedure, optional_documents=True), **changes)


# --- against the sandbox -------------------------------------------------------------------------------


def test_health_and_catalogue(client: PortalClient) -> None:
    assert client.health()["status"] == "ok"
    catalogue = client.get_catalogue()
    assert isinstance(catalogue, Catalogue)
    assert len(catalogue.procedures) >= 6
    birth = catalogue.find(BIRTH)
    assert birth is not None
    assert birth.name.get("vi") == "Đăng ký khai sinh"
    assert birth.name.get("en") == "Birth registration"
    assert {doc.type_code for doc in birth.documents if doc.mandatory} == {"GCS"}


def test_submit_two_files_then_retry_is_a_duplicate(client: PortalClient, sandbox: SandboxServer) -> None:
    sub = _birth_dossier(client)
    assert len(sub.documents) >= 2

    first = client.submit_dossier(sub)
    assert not first.duplicate
    assert first.status == "received"
    assert parse_dossier_code(first.dossier_code).unit_code == "000.00.00.H26"
    assert first.received_at.tzinfo is not None

    again = client.submit_dossier(sub)
    assert again.duplicate
    assert (again.dossier_code, again.received_at) == (first.dossier_code, first.received_at)

    admin = requests.get(f"{sandbox.base_url}/sandbox/admin/dossiers", timeout=10).json()
    assert len(admin) == 1
    assert [(f["sha256"], f["size"]) for f in admin[0]["files"]] == [
        (d.sha256, d.size) for d in sub.documents
    ]

    status = client.get_dossier(first.dossier_code)
    assert (status.dossier_code, status.procedure_code, status.status) == (
        first.dossier_code,
        BIRTH,
        "received",
    )
    [(state, at, note)] = status.history
    assert (state, at, note) == ("received", first.received_at, None)


def test_same_key_different_content_is_a_conflict(client: PortalClient) -> None:
    sub = _birth_dossier(client)
    client.submit_dossier(sub)
    changed = replace(sub, answers={**sub.answers, "child_full_name": "Nguyễn Văn Cường"})
    with pytest.raises(PortalConflict) as caught:
        client.submit_dossier(changed)
    error = caught.value
    assert isinstance(error, PortalRejected)
    assert not error.retryable
    assert (error.status, error.code) == (409, "idempotency_conflict")
    assert error.notice.code == "portal.conflict"


class _CorruptInTransit(HTTPAdapter):
    """Flips bytes of the request body after the client has hashed the file: a damaged upload."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        if isinstance(request.body, bytes):
            request.body = request.body.replace(b"CORRUPT-ME", b"CORRUPTED!")
        return super().send(request, *args, **kwargs)


def test_bytes_damaged_in_transit_are_rejected(client: PortalClient, sandbox: SandboxServer) -> None:
    base = _birth_dossier(client)
    scan = DocumentUpload("GCS", "giấy chứng sinh.pdf", "application/pdf", b"%PDF-1.4 CORRUPT-ME %%EOF")
    sub = replace(base, documents=(scan,))
    session = requests.Session()
    session.mount("http://", _CorruptInTransit())
    with (
        PortalClient(sandbox.base_url, session=session, retry=FAST_RETRY) as damaged,
        pytest.raises(PortalRejected) as caught,
    ):
        damaged.submit_dossier(sub)
    session.close()
    assert not isinstance(caught.value, PortalConflict)
    assert (caught.value.status, caught.value.code) == (400, "sha256_mismatch")
    assert not caught.value.retryable
    # Sent again intact, under the same key, it goes through.
    assert not client.submit_dossier(sub).duplicate


def test_an_invalid_dossier_is_rejected_with_the_portals_reason(client: PortalClient) -> None:
    sub = _birth_dossier(client)
    with pytest.raises(PortalRejected) as caught:
        client.submit_dossier(replace(sub, answers={**sub.answers, "requester_phone": "12"}))
    assert caught.value.code == "invalid_dossier"
    # The portal's own reason travels as data; kiosk.ui.texts words it (tests/ui/test_notice_texts.py).
    assert caught.value.notice.code == "portal.rejected_with_reason"
    assert "Hồ sơ chưa đầy đủ" in str(caught.value.notice.params["reason"])


def test_unknown_dossier_code_is_not_found(client: PortalClient) -> None:
    with pytest.raises(PortalNotFound) as caught:
        client.get_dossier("000.00.00.H26-250101-0001")
    assert caught.value.status == 404
    assert caught.value.notice.code == "portal.not_found"


def test_a_stopped_portal_is_unavailable_and_retried(tmp_path: Path) -> None:
    server = SandboxServer(tmp_path / "gone")
    url = server.start()
    server.stop()
    sleeps: list[float] = []
    policy = RetryPolicy(attempts=3, first_delay=0.5, max_delay=0.75)
    with (
        PortalClient(url, retry=policy, sleep=sleeps.append) as c,
        pytest.raises(PortalUnavailable) as caught,
    ):
        c.health()
    assert caught.value.retryable
    assert sleeps == [0.5, 0.75]
    assert caught.value.notice.code == "portal.unavailable"


def test_the_retry_pauses_are_settings_with_the_blip_smoothing_defaults(tmp_path: Path) -> None:
    empty = tmp_path / "kiosk.toml"  # not the machine's own config file
    empty.write_text("", encoding="utf-8")
    defaults = load_config(empty, environ={})
    assert RetryPolicy.from_config(defaults.portal) == RetryPolicy()  # 3 tries, 0.5 s then 1 s
    short = load_config(empty, environ={"KIOSK_PORTAL__RETRY_ATTEMPTS": "2",
                                        "KIOSK_PORTAL__RETRY_FIRST_S": "0.01",
                                        "KIOSK_PORTAL__RETRY_MAX_S": "0.02"})
    assert RetryPolicy.from_config(short.portal) == RetryPolicy(attempts=2, first_delay=0.01, max_delay=0.02)
    for bad in ({"KIOSK_PORTAL__RETRY_ATTEMPTS": "0"},
                {"KIOSK_PORTAL__RETRY_FIRST_S": "5", "KIOSK_PORTAL__RETRY_MAX_S": "1"}):
        with pytest.raises(ConfigError, match=r"portal\.retry"):
            load_config(empty, environ=bad)


def test_client_refuses_unsafe_or_broken_setup() -> None:
    with pytest.raises(ValueError, match="base URL"):
        PortalClient("127.0.0.1:8000")
    insecure = requests.Session()
    insecure.verify = False
    with pytest.raises(ValueError, match="TLS"):
        PortalClient("https://portal.example", session=insecure)
    insecure.close()
    with PortalClient("http://127.0.0.1:9") as c, pytest.raises(ValueError, match="idempotency key"):
        c.submit_dossier(
            DossierSubmission(
                idempotency_key="x", kiosk_id="k", procedure_code=BIRTH, applicant={}, answers={}
            )
        )


# --- against a scripted fake portal --------------------------------------------------------------------

Responder = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


def reply(
    status: int, body: bytes | str, content_type: str = "application/json", **headers: str
) -> Responder:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(data)

    return respond


def raw(data: bytes) -> Responder:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.wfile.write(data)
        handler.wfile.flush()
        handler.close_connection = True

    return respond


def hang(release: threading.Event) -> Responder:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        release.wait(5)
        handler.close_connection = True

    return respond


def error_body(code: str, message: str = "x", message_vi: str | None = None) -> str:
    detail = {"code": code, "message": message} | ({"message_vi": message_vi} if message_vi else {})
    return json.dumps({"error": detail})


class ScriptedPortal:
    """Answers the n-th request with the n-th responder (the last one repeats) and records requests."""

    def __init__(self, *responders: Responder) -> None:
        self.responders = list(responders)
        self.requests: list[Recorded] = []
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                portal.requests.append(Recorded(self.command, self.path, dict(self.headers.items()), body))
                index = min(len(portal.requests), len(portal.responders)) - 1
                portal.responders[index](self)

            do_GET = do_POST = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> ScriptedPortal:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


GOOD_HEALTH = reply(200, '{"status": "ok", "time": "2025-07-01T09:00:00+07:00"}')


@pytest.mark.parametrize(
    ("responder", "expected"),
    [
        (reply(200, "{not json"), PortalBadResponse),
        (reply(200, b"\xff\xfe{}"), PortalBadResponse),
        (reply(200, "<html><body>Welcome to the hotel Wi-Fi</body></html>", "text/html"), PortalBadResponse),
        (
            raw(
                b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"status": '
            ),
            PortalBadResponse,
        ),
        (reply(200, "[1, 2, 3]"), PortalBadResponse),
        (reply(302, "", "text/html", Location="https://login.example/"), PortalBadResponse),
        (reply(404, "<h1>Not Found</h1>", "text/html"), PortalBadResponse),
        (reply(500, "<h1>Internal Server Error</h1>", "text/html"), PortalUnavailable),
        (reply(502, "<html>Bad Gateway</html>", "text/html"), PortalUnavailable),
        (reply(503, error_body("maintenance", "down for maintenance")), PortalUnavailable),
        (reply(429, error_body("rate_limited")), PortalUnavailable),
        (raw(b""), PortalUnavailable),  # connection closed without an answer
        (reply(400, error_body("bad_request")), PortalRejected),
    ],
    ids=[
        "garbage-json",
        "not-utf8",
        "html-200",
        "truncated",
        "wrong-shape",
        "redirect",
        "html-404",
        "html-500",
        "html-502",
        "json-503",
        "429",
        "dropped",
        "json-400",
    ],
)
def test_misbehaving_portal_maps_to_portal_errors(responder: Responder, expected: type[PortalError]) -> None:
    with (
        ScriptedPortal(responder) as fake,
        PortalClient(fake.url, retry=RetryPolicy.no_retry()) as c,
        pytest.raises(expected) as caught,
    ):
        c.get_catalogue()
    assert type(caught.value) is expected
    assert caught.value.retryable is (expected is not PortalRejected)
    assert caught.value.notice.code in NOTICE_CODES


def test_a_503_keeps_the_portals_error_code() -> None:
    with (
        ScriptedPortal(reply(503, error_body("maintenance", "down"))) as fake,
        PortalClient(fake.url, retry=RetryPolicy.no_retry()) as c,
        pytest.raises(PortalUnavailable) as caught,
    ):
        c.health()
    assert (caught.value.status, caught.value.code) == (503, "maintenance")


def test_a_silent_portal_times_out() -> None:
    release = threading.Event()
    with ScriptedPortal(hang(release)) as fake:
        with (
            PortalClient(fake.url, timeout=0.3, retry=RetryPolicy.no_retry()) as c,
            pytest.raises(PortalUnavailable, match=r"no answer within 0\.3s"),
        ):
            c.health()
        release.set()


def test_a_catalogue_whose_hash_does_not_match_is_refused(client: PortalClient) -> None:
    good = client.get_catalogue().to_json()
    good["procedures"][0]["fee_vnd"] += 1000  # content changed, hash not
    with (
        ScriptedPortal(reply(200, json.dumps(good, ensure_ascii=False))) as fake,
        PortalClient(fake.url, retry=RetryPolicy.no_retry()) as c,
        pytest.raises(PortalBadResponse, match="hash"),
    ):
        c.get_catalogue()


def test_gets_are_retried_until_the_portal_recovers() -> None:
    sleeps: list[float] = []
    busy = reply(503, "<html>busy</html>", "text/html")
    policy = RetryPolicy(attempts=3, first_delay=0.2)
    with (
        ScriptedPortal(busy, busy, GOOD_HEALTH) as fake,
        PortalClient(fake.url, retry=policy, sleep=sleeps.append) as c,
    ):
        assert c.health()["status"] == "ok"
    assert len(fake.requests) == 3
    assert sleeps == [0.2, 0.4]


def test_rejections_are_never_retried() -> None:
    with (
        ScriptedPortal(reply(422, error_body("invalid_dossier"))) as fake,
        PortalClient(fake.url, retry=FAST_RETRY) as c,
        pytest.raises(PortalRejected),
    ):
        c.submit_dossier(_tiny_submission())
    assert len(fake.requests) == 1


def _tiny_submission() -> DossierSubmission:
    return DossierSubmission(
        idempotency_key="k-0123456789",
        kiosk_id="KIOSK-01",
        procedure_code=BIRTH,
        applicant={"full_name": "Trần Thị Bích Ngọc", "id_number": "079305001234"},
        answers={"child_full_name": "Trần Minh Khôi"},
        documents=(
            DocumentUpload(
                "GCS", "giấy chứng sinh.pdf", "application/pdf", b"%PDF-1.4 one", {"page_count": 1}
            ),
            DocumentUpload("VBUQ", "ủy quyền.jpg", "image/jpeg", b"\xff\xd8\xff two"),
        ),
    )


def _multipart_parts(recorded: Recorded) -> dict[str, tuple[str | None, str, bytes]]:
    """name → (filename, content type, bytes), parsed with the stdlib e-mail parser."""
    head = f"Content-Type: {recorded.headers['Content-Type']}\r\n\r\n".encode("ascii")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + recorded.body)
    parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        assert isinstance(name, str) and isinstance(payload, bytes)
        parts[name] = (part.get_filename(), part.get_content_type(), payload)
    return parts


def test_submission_wire_format_and_idempotent_retry() -> None:
    sub = _tiny_submission()
    answer = reply(
        201,
        '{"dossier_code": "000.00.00.H26-250701-0001", "status": "received", '
        '"received_at": "2025-07-01T09:00:00+07:00", "duplicate": false}',
    )
    with (
        ScriptedPortal(reply(503, "<html>busy</html>", "text/html"), answer) as fake,
        PortalClient(fake.url, retry=FAST_RETRY) as c,
    ):
        result = c.submit_dossier(sub)
    assert result.dossier_code == "000.00.00.H26-250701-0001" and not result.duplicate

    first, second = fake.requests
    assert first.method == "POST" and first.path == "/api/v1/dossiers"
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"] == "k-0123456789"
    parts = _multipart_parts(first)
    assert _multipart_parts(second) == parts  # a retry sends the very same dossier

    filename, content_type, manifest_bytes = parts["dossier"]
    assert filename is None and content_type == "application/json"
    manifest = json.loads(manifest_bytes)
    assert manifest["procedure_code"] == BIRTH
    assert manifest["applicant"]["full_name"] == "Trần Thị Bích Ngọc"
    for index, (doc, declared) in enumerate(zip(sub.documents, manifest["documents"], strict=True)):
        assert declared["part"] == f"document-{index}"
        assert declared["filename"] == doc.filename  # the Vietnamese name travels in the JSON
        assert declared["sha256"] == hashlib.sha256(doc.content).hexdigest()
        assert declared["size"] == len(doc.content)
        assert parts[declared["part"]] == (f"document-{index}", doc.content_type, doc.content)


def test_submission_is_not_retried_when_the_policy_says_so() -> None:
    with ScriptedPortal(reply(503, "<html>busy</html>", "text/html")) as fake:
        policy = RetryPolicy(attempts=3, first_delay=0.01, retry_submit=False)
        with PortalClient(fake.url, retry=policy) as c, pytest.raises(PortalUnavailable):
            c.submit_dossier(_tiny_submission())
    assert len(fake.requests) == 1
