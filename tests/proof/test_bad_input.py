"""Bad input: a corrupt database file, a missing or wrong data key, a full disk, garbage answers. Each gives
a clear error (Vietnamese, then English) and loses nothing already queued."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import DatabaseUnusableError, keyring_fallback_file, open_outbox
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.store.models import ClientStatus
from kiosk.store.outbox import Outbox
from tests.proof.conftest import PROCEDURE, REPO, SandboxProcess, documents, kiosk_env, procedure_answers


@pytest.fixture(autouse=True)
def _short_call_retries(fast_retries: None) -> None:
    """`kiosk worker --once` in-process: each portal call tries three times, with short pauses."""


def _queue(data_dir: Path, count: int, prefix: str = "bad-input") -> Outbox:
    outbox = open_outbox(load_config(data_dir=data_dir))
    applicant, answers = procedure_answers("001089012345")
    for i in range(count):
        outbox.enqueue(f"{prefix}-{i:04d}", PROCEDURE, {"applicant": applicant, "answers": answers},
                       files=documents(i, 3000))
    return outbox


def _cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_corrupt_database_file_is_reported_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "kiosk"
    data_dir.mkdir()
    garbage = b"this is not a database\x00" * 100
    (data_dir / "kiosk.db").write_bytes(garbage)

    with pytest.raises(DatabaseUnusableError):
        open_outbox(load_config(data_dir=data_dir))
    code, out, err = _cli(capsys, "outbox", "status", "--json", "--data-dir", data_dir)
    assert code == 1 and out == ""
    assert "Không mở được cơ sở dữ liệu" in err and "cannot be opened" in err
    assert err.index("Không mở được") < err.index("cannot be opened")  # Vietnamese first
    assert (data_dir / "kiosk.db").read_bytes() == garbage  # evidence kept for the technician


def test_a_missing_key_fails_the_dossiers_for_staff_and_loses_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox_process: SandboxProcess
) -> None:
    data_dir = tmp_path / "kiosk"
    _queue(data_dir, 2, "missing-key")
    key_file = keyring_fallback_file(load_config(data_dir=data_dir))
    saved = key_file.read_bytes()
    key_file.unlink()  # the keyring was lost

    code, out, _ = _cli(capsys, "worker", "--once", "--data-dir", data_dir, "--portal", sandbox_process.url)
    assert code == 0
    assert json.loads(out) == {"sent": 0, "failed": 2, "remaining": 0}
    _, out, _ = _cli(capsys, "outbox", "status", "--json", "--data-dir", data_dir)
    entries = json.loads(out)["entries"]
    assert [e["client_status"] for e in entries] == ["failed", "failed"]
    assert all("không có khóa giải mã" in e["last_error"] and "missing" in e["last_error"] for e in entries)
    assert sandbox_process.dossiers("missing-key") == []

    key_file.write_bytes(saved)  # the keyring is restored: staff retry, everything goes
    for entry in entries:
        assert _cli(capsys, "outbox", "retry", entry["id"], "--data-dir", data_dir)[0] == 0
    code, out, _ = _cli(capsys, "worker", "--once", "--data-dir", data_dir, "--portal", sandbox_process.url)
    assert json.loads(out) == {"sent": 2, "failed": 0, "remaining": 0}
    assert len(sandbox_process.dossiers("missing-key")) == 2


def test_a_wrong_key_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "kiosk"
    _queue(data_dir, 1)
    key_file = keyring_fallback_file(load_config(data_dir=data_dir))
    ring = json.loads(key_file.read_text())
    for service in ring.values():
        for name, secret in service.items():
            key_id = secret.split(":", 1)[0]
            service[name] = f"{key_id}:{'A' * 43}="  # same key id, other key bytes
    key_file.write_text(json.dumps(ring))

    outbox = open_outbox(load_config(data_dir=data_dir))
    [(entry_id, reason)] = outbox.unreadable()
    assert "WrongKeyError" in reason
    code, out, _ = _cli(capsys, "worker", "--once", "--data-dir", data_dir, "--portal", "http://127.0.0.1:9")
    assert code == 0 and json.loads(out)["failed"] == 1
    item = outbox.get(entry_id)
    assert item.client_status is ClientStatus.FAILED
    assert item.last_error is not None and "khóa giải mã không đúng" in item.last_error
    assert "wrong data key" in item.last_error


FULL_DISK_WRITER = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead of killing us
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from kiosk.cli import main
sys.exit(main(["dossier", "create", "--data-dir", sys.argv[1], "--procedure", sys.argv[3],
               "--owner", "001089012345", "--attach", sys.argv[4], "--json"]))
"""


def test_a_full_disk_refuses_the_new_dossier_clearly_and_keeps_the_queued_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox_process: SandboxProcess
) -> None:
    data_dir = tmp_path / "kiosk"
    outbox = _queue(data_dir, 3, "full-disk")
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 2_000_000)

    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_WRITER, str(data_dir), "1000000", PROCEDURE, str(big)],
        capture_output=True, text=True, cwd=REPO, env=kiosk_env(tmp_path), timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Bộ nhớ của máy đã đầy" in result.stderr and "storage is full" in result.stderr

    outbox = open_outbox(load_config(data_dir=data_dir))  # start-up clears the half-written leftovers
    assert outbox.counts()[ClientStatus.QUEUED.value] == 3
    assert outbox.files is not None and outbox.files.temp_files() == []
    assert len(outbox.files.stored()) == 6
    # The disk has room again: the queued dossiers all go (the worker in-process, as in the tests above).
    code, out, _ = _cli(capsys, "worker", "--once", "--data-dir", data_dir, "--portal", sandbox_process.url)
    assert code == 0 and json.loads(out) == {"sent": 3, "failed": 0, "remaining": 0}
    assert len(sandbox_process.dossiers("full-disk")) == 3


def test_garbage_answers_keep_the_dossier_queued_until_the_portal_answers_properly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sandbox_process: SandboxProcess
) -> None:
    data_dir = tmp_path / "kiosk"
    _queue(data_dir, 1, "garbage")
    sandbox_process.set_faults(garbage_rate=1.0)

    code, out, _ = _cli(capsys, "worker", "--once", "--data-dir", data_dir, "--portal", sandbox_process.url)
    assert json.loads(out) == {"sent": 0, "failed": 1, "remaining": 1}
    _, out, _ = _cli(capsys, "outbox", "status", "--json", "--data-dir", data_dir)
    [entry] = json.loads(out)["entries"]
    assert entry["client_status"] == "queued"
    assert "JSON" in entry["last_error"] or "cut short" in entry["last_error"]

    sandbox_process.set_faults()
    _cli(capsys, "outbox", "retry", entry["id"], "--data-dir", data_dir)
    code, out, _ = _cli(capsys, "worker", "--once", "--data-dir", data_dir, "--portal", sandbox_process.url)
    assert code == 0 and json.loads(out) == {"sent": 1, "failed": 0, "remaining": 0}
    [received] = sandbox_process.dossiers("garbage")  # the garbage answers hid a stored dossier: only one
    assert received["idempotency_key"] == "garbage-0000"
