"""`kiosk doctor` (text, JSON, PDF) and `kiosk logs export` (redacted) on a real data folder."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.logs import setup_logging

os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_doctor_on_a_fresh_kiosk_is_not_ready_and_says_why(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "doctor", "--json", "--no-devices")
    report = json.loads(out)
    assert code == 1 and report["ready"] is False
    levels = {c["key"]: c["level"] for c in report["checks"]}
    assert levels["keys"] == "error" and levels["database"] == "error" and levels["mode"] == "warn"
    assert levels["portal"] == "ok"
    assert report["version"]


def test_doctor_after_setup_is_ready_with_text_and_pdf(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert _run(capsys, "--data-dir", data, "db", "upgrade")[0] == 0
    assert _run(capsys, "--data-dir", data, "keys", "init")[0] == 0
    pdf = tmp_path / "doctor.pdf"
    code, out, _ = _run(capsys, "--data-dir", data, "doctor", "--no-devices", "--pdf", str(pdf))
    assert code == 0, out
    assert "[OK  ] keys" in out and "[OK  ] database" in out and "SẴN SÀNG / READY" in out
    assert pdf.read_bytes().startswith(b"%PDF")


def test_logs_export_redacts_personal_data_and_secrets(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    log_file = setup_logging(data / "logs", "INFO", console=False)
    try:
        logging.getLogger("kiosk.test").info("hello from the kiosk")
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
    # A line from an older version that did not redact: an ID number, a phone, a token in a URL.
    with log_file.open("a", encoding="utf-8") as old:
        old.write("2025-01-01 INFO old: owner 001089012345 phone 0901234567 "
                  "url https://portal.example.vn/api?token=abcdef \x1b[2J\n")
    target = tmp_path / "usb"
    code, out, err = _run(capsys, "--data-dir", str(data), "logs", "export", str(target))
    assert code == 0, err
    summary = json.loads(out)
    folder = Path(summary["folder"])
    exported = (folder / "kiosk.log").read_text(encoding="utf-8")
    assert "hello from the kiosk" in exported
    for secret in ("001089012345", "0901234567", "abcdef", "\x1b"):
        assert secret not in exported
    assert "[id-number]" in exported and "token=***" in exported
    assert json.loads((folder / "doctor.json").read_text())["checks"]
    assert json.loads((folder / "settings.json").read_text())["data_dir"] == str(data)
