"""`kiosk enrol FILE`: one provisioning file sets up the kiosk; running it again changes nothing."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.staff import Role, StaffRegistry

PROVISIONING = """\
kiosk_id = "HN-BUUDIEN-01"

[portal]
url = "https://dichvucong.example.vn/api"
unit_code = "000.00.01.H26"
kiosk_secret = "s3cr3t-from-the-portal-0123456789"

[camera]
source = "camera:0"

[operator]
id = "op.hn01"
name = "Nguyễn Văn Minh"
pin = "582914"
"""


@pytest.fixture
def provisioning(tmp_path: Path) -> Path:
    path = tmp_path / "usb" / "provisioning.toml"
    path.parent.mkdir()
    path.write_text(PROVISIONING, encoding="utf-8")
    path.chmod(0o600)
    return path


def _enrol(capsys: pytest.CaptureFixture[str], config: Path, data: Path, provisioning: Path) -> dict:  # type: ignore[type-arg]
    code = main(["--config", str(config), "--data-dir", str(data), "enrol", str(provisioning)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_enrol_sets_up_the_kiosk_and_is_idempotent(tmp_path: Path, provisioning: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    config_file, data = tmp_path / "etc" / "kiosk.toml", tmp_path / "data"
    config_file.parent.mkdir()
    config_file.write_text('[ui]\nfullscreen = true\n', encoding="utf-8")
    first = _enrol(capsys, config_file, data, provisioning)
    assert "settings" in first["changed"] and "portal secret" in first["changed"]
    assert "operator op.hn01" in first["changed"] and "enrolment record" in first["changed"]
    assert any(item.startswith("data key ") for item in first["changed"])

    written = config_file.read_text(encoding="utf-8")
    assert "s3cr3t" not in written and "582914" not in written
    assert config_file.stat().st_mode & 0o777 == 0o600
    settings = tomllib.loads(written)
    assert settings["ui"] == {"fullscreen": True}  # what was there stays
    config = load_config(config_file, data_dir=data, environ={})
    assert (config.kiosk_id, config.portal.url, config.portal.unit_code, config.camera.source) == (
        "HN-BUUDIEN-01", "https://dichvucong.example.vn/api", "000.00.01.H26", "camera:0")

    registry = StaffRegistry(data / "staff.json")
    member = registry.get("op.hn01")
    assert member is not None and member.role is Role.OPERATOR
    assert registry.verify("op.hn01", "582914").ok
    record = json.loads((data / "enrolment.json").read_text(encoding="utf-8"))
    assert record["kiosk_id"] == "HN-BUUDIEN-01" and record["training"] is False

    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    from kiosk.app import keyring_fallback_file
    from kiosk.portal.auth import KioskAuth
    from kiosk.store.keyring_file import ProtectedFileKeyring

    keyring_file = keyring_fallback_file(config)
    auth = KioskAuth("HN-BUUDIEN-01", backend=ProtectedFileKeyring(keyring_file))
    assert auth.secret() == "s3cr3t-from-the-portal-0123456789"

    again = _enrol(capsys, config_file, data, provisioning)
    assert again["changed"] == []
    assert set(again["unchanged"]) >= {"settings", "portal secret", "enrolment record"}


def test_enrol_refuses_a_bad_file_without_writing_anything(tmp_path: Path, provisioning: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    hostile = PROVISIONING.replace("example.vn/api", "example.vn/api?api_key=abc")
    provisioning.write_text(hostile, encoding="utf-8")
    config_file = tmp_path / "kiosk.toml"
    code = main(["--config", str(config_file), "--data-dir", str(tmp_path / "d"), "enrol", str(provisioning)])
    assert code == 2
    assert "api_key" in capsys.readouterr().err
    assert not config_file.exists()


def test_enrol_warns_about_a_provisioning_file_others_can_read(tmp_path: Path, provisioning: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    provisioning.chmod(0o644)
    code = main(["--config", str(tmp_path / "k.toml"), "--data-dir", str(tmp_path / "d"), "enrol",
                 str(provisioning)])
    assert code == 0
    assert "readable by other users" in capsys.readouterr().err
