"""The sender attaches a dossier's stored files to the same portal request (against the real sandbox)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.portal import PortalClient
from kiosk.portal.errors import PortalUnavailable
from kiosk.portal.models import DossierSubmission, SubmissionResult
from kiosk.sandbox.samples import sample_submission, tiny_pdf
from kiosk.sandbox.server import SandboxServer
from kiosk.store import db
from kiosk.store.crypto import DataKeyStore, Sealer
from kiosk.store.files import DamagedFileError, EncryptedFileStore
from kiosk.store.models import ClientStatus
from kiosk.store.outbox import Outbox, OutboxFile
from kiosk.sync.sender import drain, send_entry, submission_from_payload

BIRTH = "1.001193.000.00.00.H26"
KIOSK = "KIOSK-SANDBOX-01"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 11, 23, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path / "sandbox") as server:
        yield server


@pytest.fixture
def portal(sandbox: SandboxServer) -> Iterator[PortalClient]:
    with PortalClient(sandbox.base_url, timeout=10) as client:
        yield client


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def outbox(tmp_path: Path, clock: Clock) -> Iterator[Outbox]:
    url = f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    sealer = Sealer(DataKeyStore())
    files = EncryptedFileStore(tmp_path / "data" / "files", sealer)
    try:
        yield Outbox(db.session_factory(engine), sealer, KIOSK, clock=clock, files=files)
    finally:
        engine.dispose()


def _documents() -> list[OutboxFile]:
    return [
        OutboxFile("GCS", "gcs.pdf", "application/pdf", tiny_pdf("GCS kiosk"),
                   {"document_name": "Giấy chứng sinh", "owner_id_number": "001089012345", "page_count": 1}),
        OutboxFile("GCS", "gcs-2.pdf", "application/pdf", tiny_pdf("GCS second"), {"page_count": 1}),
    ]


def _queue(outbox: Outbox, portal: PortalClient, key: str = "dossier-key-1") -> str:
    procedure = portal.get_catalogue().find(BIRTH)
    assert procedure is not None
    sample = sample_submission(procedure)
    payload: dict[str, Any] = {"applicant": sample.applicant, "answers": sample.answers}
    return outbox.enqueue(key, BIRTH, payload, files=_documents())


def _admin(sandbox: SandboxServer) -> list[dict[str, Any]]:
    response = requests.get(f"{sandbox.base_url}/sandbox/admin/dossiers", timeout=10)
    response.raise_for_status()
    result: list[dict[str, Any]] = response.json()
    return result


def test_submission_carries_the_files(outbox: Outbox, portal: PortalClient) -> None:
    dossier_id = _queue(outbox, portal)
    item = outbox.for_dossier(dossier_id)
    sub = submission_from_payload(item, outbox.load_payload(dossier_id), outbox.load_files(dossier_id))
    assert [(d.type_code, d.filename, d.content, d.metadata) for d in sub.documents] == [
        (f.type_code, f.filename, f.content, f.metadata) for f in _documents()
    ]
    assert [d["sha256"] for d in sub.manifest()["documents"]] == [f.sha256 for f in _documents()]


def test_sent_dossier_reaches_the_sandbox_with_its_files(
    outbox: Outbox, portal: PortalClient, sandbox: SandboxServer
) -> None:
    dossier_id = _queue(outbox, portal)
    outcome = send_entry(outbox, portal, outbox.for_dossier(dossier_id))
    assert outcome is not None and outcome.sent and outcome.error is None

    [record] = _admin(sandbox)
    assert record["idempotency_key"] == "dossier-key-1"
    assert record["dossier_code"] == outcome.dossier_code
    assert [(f["sha256"], f["size"], f["type_code"], f["filename"]) for f in record["files"]] == [
        (d.sha256, d.size, d.type_code, d.filename) for d in _documents()
    ]
    stored = requests.get(f"{sandbox.base_url}/sandbox/admin/files/{_documents()[0].sha256}", timeout=10)
    assert stored.content == _documents()[0].content
    assert outbox.for_dossier(dossier_id).client_status == ClientStatus.SENT


class LostAnswer:
    """The portal stores the dossier, then the answer is lost on the way back (a cut cable)."""

    def __init__(self, portal: PortalClient) -> None:
        self.portal = portal
        self.calls = 0

    def submit_dossier(self, sub: DossierSubmission) -> SubmissionResult:
        self.calls += 1
        result = self.portal.submit_dossier(sub)
        if self.calls == 1:
            raise PortalUnavailable("connection reset after the request was sent")
        return result


def test_resend_after_a_lost_answer_is_a_duplicate_not_a_second_dossier(
    outbox: Outbox, portal: PortalClient, sandbox: SandboxServer, clock: Clock
) -> None:
    dossier_id = _queue(outbox, portal)
    flaky = LostAnswer(portal)
    [first] = drain(outbox, flaky)
    assert not first.sent and first.error is not None and first.error.retryable
    assert outbox.for_dossier(dossier_id).client_status == ClientStatus.QUEUED

    clock.now += timedelta(hours=1)
    [second] = drain(outbox, flaky)
    assert second.sent
    assert outbox.for_dossier(dossier_id).client_status == ClientStatus.DUPLICATE

    [record] = _admin(sandbox)
    assert record["dossier_code"] == second.dossier_code
    assert [(f["sha256"], f["size"]) for f in record["files"]] == [(d.sha256, d.size) for d in _documents()]


def test_damaged_stored_file_fails_the_entry_for_staff(
    outbox: Outbox, portal: PortalClient, sandbox: SandboxServer
) -> None:
    dossier_id = _queue(outbox, portal)
    assert outbox.files is not None
    path = outbox.files.path_for(_documents()[1].sha256)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(DamagedFileError):
        send_entry(outbox, portal, outbox.for_dossier(dossier_id))
    entry = outbox.for_dossier(dossier_id)
    assert entry.client_status == ClientStatus.FAILED
    assert entry.last_error is not None and "unreadable" in entry.last_error
    assert _admin(sandbox) == []
