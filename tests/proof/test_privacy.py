"""Privacy: after a session, and after the retention purge, the citizen's name and ID number cannot be read
anywhere in the kiosk's data folder (database, WAL, files) or its logs."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.app import open_outbox
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.store.models import AuditEvent, Dossier, DossierFile
from kiosk.store.outbox import PurgedError, RetentionPeriods
from tests.proof.conftest import PROCEDURE, SandboxProcess, documents, files_under, procedure_answers

NAME = "Hoàng Thị Bảo Quyên"
ID_NUMBER = "079305004321"
PHONE = "0987654321"


def _needles() -> list[bytes]:
    folded = "Hoang Thi Bao Quyen"
    texts = [NAME, unicodedata.normalize("NFD", NAME), NAME.upper(), folded, ID_NUMBER, PHONE]
    return [t.encode("utf-8") for t in texts] + [NAME.encode("utf-16-le"), ID_NUMBER.encode("utf-16-le")]


def _leaks(folder: Path) -> list[str]:
    found = []
    for path in files_under(folder):
        data = path.read_bytes()
        found += [f"{path.name}: {needle!r}" for needle in _needles() if needle in data]
    return found


def test_no_personal_data_in_the_data_folder_or_logs_after_a_session_and_after_purge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox_process: SandboxProcess
) -> None:
    data_dir = tmp_path / "kiosk"
    outbox = open_outbox(load_config(data_dir=data_dir))
    applicant, answers = procedure_answers(ID_NUMBER)
    applicant.update(full_name=NAME, phone=PHONE)
    answers["requester_full_name"] = NAME
    files = [
        type(f)(f.type_code, f.filename, f.content_type, f.content + NAME.encode(),
                {**f.metadata, "owner_id_number": ID_NUMBER, "owner_name": NAME})
        for f in documents(1, 5000)
    ]
    dossier_id = outbox.enqueue("privacy-0001", PROCEDURE, {"applicant": applicant, "answers": answers},
                                files=files)

    # A session: send, pull the status, look at the queue, with logging to the data folder at DEBUG.
    for argv in (["worker", "--once"], ["outbox", "status", "--json"], ["outbox", "status"]):
        assert main([*argv, "--data-dir", str(data_dir), "--portal", sandbox_process.url,
                     "--log-level", "DEBUG"]) == 0
    out, _ = capsys.readouterr()
    assert NAME not in out and ID_NUMBER not in out
    [received] = sandbox_process.dossiers("privacy-")
    assert received["idempotency_key"] == "privacy-0001"
    assert (data_dir / "logs").is_dir() and files_under(data_dir / "logs")
    assert _leaks(data_dir) == []

    # After retention: personal data and files gone, a clear row and an audit event remain.
    later = datetime.now(UTC) + timedelta(days=4)
    outbox._now = lambda: later  # the purge runs "four days later"
    report = outbox.purge(RetentionPeriods(sent=timedelta(days=3)))
    assert report.dossier_ids == (dossier_id,) and report.files_removed == 2
    assert _leaks(data_dir) == []
    assert outbox.files is not None and outbox.files.stored() == []
    with pytest.raises(PurgedError):
        outbox.load_payload(dossier_id)
    with outbox._sessions() as session:
        dossier = session.get(Dossier, dossier_id)
        assert dossier is not None and dossier.payload_ciphertext == b"" and dossier.dossier_code
        assert session.scalars(select(DossierFile)).all() == []
        events = session.scalars(select(AuditEvent).where(AuditEvent.dossier_id == dossier_id))
        kinds = [e.kind for e in events]
        assert "dossier.purged" in kinds
        details = json.dumps([e.detail for e in session.scalars(select(AuditEvent))], ensure_ascii=False)
        assert NAME not in details and ID_NUMBER not in details
    item = outbox.for_dossier(dossier_id)
    assert item.purged_at is not None and item.dossier_code == received["dossier_code"]
