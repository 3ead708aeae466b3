"""`kiosk enrol FILE`: make a freshly installed kiosk this kiosk, from one provisioning file.

The file (TOML, prepared by the province for each kiosk and carried on a USB stick) says::

    kiosk_id = "HN-BUUDIEN-01"
    training = false              # true: a training kiosk, full screen on the sandbox allowed

    [portal]
    url = "https://dichvucong.example.vn/api"
    unit_code = "000.00.00.H26"
    kiosk_secret = "…"            # issued by the portal; goes into the keyring, never into a file

    [camera]                      # optional
    source = "camera:0"
    document_source = "camera:1"

    [operator]                    # the first staff member, an operator
    id = "op.hn01"
    name = "Nguyễn Văn Minh"
    pin = "582914"                # 6 digits; change it after the first sign-in

Enrolment is idempotent: running it again with the same file changes nothing and says so; with a
changed file it updates the settings and the secret, and leaves an existing operator as they are. It
writes the settings file (owner-only), the portal secret into the keyring, the kiosk's first data key
(the one explicit place a data key is made on an installed kiosk), the first operator, the database
schema, and `<data_dir>/enrolment.json`, which the UI's systemd unit waits for.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.config import (
    ConfigError,
    KioskConfig,
    PortalConfig,
    default_config_file,
    load_config,
    mask_url_secrets,
)

ENROLMENT_FILE = "enrolment.json"
_SETTINGS = {"kiosk_id", "portal.url", "portal.unit_code", "portal.timeout_s", "camera.source",
             "camera.document_source", "camera.scanner_device", "language"}


class ProvisioningError(ValueError):
    """The provisioning file cannot be used; the message says which key and why (never a secret)."""


@dataclass(frozen=True)
class Provisioning:
    kiosk_id: str
    settings: dict[str, dict[str, Any] | Any]
    training: bool = False
    kiosk_secret: str | None = field(default=None, repr=False)
    operator_id: str | None = None
    operator_name: str | None = None
    operator_pin: str | None = field(default=None, repr=False)


def read_provisioning(path: Path) -> Provisioning:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ProvisioningError(f"{path}: cannot read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ProvisioningError(f"{path}: not valid TOML: {error}") from error
    kiosk_id = data.get("kiosk_id")
    if not isinstance(kiosk_id, str) or not kiosk_id.strip():
        raise ProvisioningError(f"{path}: kiosk_id is missing")
    portal = dict(data.get("portal") or {})
    secret = portal.pop("kiosk_secret", None)
    if secret is not None and (not isinstance(secret, str) or len(secret) < 16):
        raise ProvisioningError(f"{path}: portal.kiosk_secret must be the portal-issued secret (16+ chars)")
    settings: dict[str, Any] = {"kiosk_id": kiosk_id.strip()}
    if "language" in data:
        settings["language"] = data["language"]
    for section in ("portal", "camera"):
        values = portal if section == "portal" else dict(data.get("camera") or {})
        for key, value in values.items():
            if f"{section}.{key}" not in _SETTINGS:
                raise ProvisioningError(f"{path}: unknown key {section}.{key}")
            settings.setdefault(section, {})[key] = value
    if "url" not in settings.get("portal", {}):
        raise ProvisioningError(f"{path}: portal.url is missing")
    operator = data.get("operator") or {}
    training = data.get("training", False)
    if not isinstance(training, bool):
        raise ProvisioningError(f"{path}: training must be true or false")
    return Provisioning(
        kiosk_id=settings["kiosk_id"], settings=settings, training=training, kiosk_secret=secret,
        operator_id=operator.get("id"), operator_name=operator.get("name"), operator_pin=operator.get("pin"),
    )


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    raise ProvisioningError(f"cannot write {type(value).__name__} into the settings file")


def to_toml(settings: dict[str, Any]) -> str:
    """Top-level keys, then one table per section (all this module writes)."""
    lines = ["# Written by `kiosk enrol`. Secrets are in the keyring, never here."]
    lines += [f"{key} = {_toml_value(v)}" for key, v in settings.items() if not isinstance(v, dict)]
    for section, values in settings.items():
        if isinstance(values, dict):
            lines += ["", f"[{section}]", *(f"{key} = {_toml_value(v)}" for key, v in values.items())]
    return "\n".join(lines) + "\n"


def _merge(current: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    merged = {key: (dict(value) if isinstance(value, dict) else value) for key, value in current.items()}
    for key, value in new.items():
        if isinstance(value, dict):
            merged.setdefault(key, {}).update(value)
        else:
            merged[key] = value
    return merged


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)


@dataclass
class EnrolReport:
    kiosk_id: str
    config_file: str
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"kiosk_id": self.kiosk_id, "config_file": self.config_file, "changed": self.changed,
                "unchanged": self.unchanged, "warnings": self.warnings}


def enrol(provisioning_file: Path, *, config_file: Path | None, data_dir: Path | None) -> EnrolReport:
    """Apply `provisioning_file` to this kiosk; see the module's docstring."""
    provisioning = read_provisioning(provisioning_file)
    target = config_file or default_config_file()
    report = EnrolReport(provisioning.kiosk_id, str(target))
    if provisioning_file.stat().st_mode & 0o077:
        report.warnings.append(f"{provisioning_file} is readable by other users; it holds a secret and a "
                               "PIN: delete it (or keep it locked away) once the kiosk is enrolled")

    # 1. Settings: validated as the kiosk will read them before anything is written.
    current: dict[str, Any] = {}
    if target.is_file():
        current = tomllib.loads(target.read_text(encoding="utf-8"))
    settings = _merge(current, provisioning.settings)
    try:
        PortalConfig(**settings.get("portal", {}))
    except (ConfigError, TypeError) as error:
        raise ProvisioningError(f"{provisioning_file}: {error}") from error
    text = to_toml(settings)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        _write_private(target, text)
        try:
            config = load_config(target, data_dir=data_dir, environ={})
        except ConfigError:
            if current:
                _write_private(target, to_toml(current))
            raise
        report.changed.append("settings")
    else:
        config = load_config(target, data_dir=data_dir, environ={})
        report.unchanged.append("settings")

    _enrol_secret(config, provisioning, report)
    _enrol_data_key(config, report)
    _enrol_operator(config, provisioning, report)
    from kiosk.store import db

    db.upgrade(config.database_url)
    _write_enrolment(config, provisioning, report)
    return report


def _enrol_secret(config: KioskConfig, provisioning: Provisioning, report: EnrolReport) -> None:
    if provisioning.kiosk_secret is None:
        return
    from kiosk.app import keyring_fallback_file
    from kiosk.portal.auth import KioskAuth
    from kiosk.store.keyring_file import choose_backend

    auth = KioskAuth(config.kiosk_id, backend=choose_backend(keyring_fallback_file(config)))
    if auth.secret() == provisioning.kiosk_secret:
        report.unchanged.append("portal secret")
    else:
        auth.store_secret(provisioning.kiosk_secret)
        report.changed.append("portal secret")


def _enrol_data_key(config: KioskConfig, report: EnrolReport) -> None:
    from kiosk.app import data_keys

    store = data_keys(config)
    had = store.has_current()
    key = store.init()
    (report.unchanged if had else report.changed).append(f"data key {key.key_id}")


def _enrol_operator(config: KioskConfig, provisioning: Provisioning, report: EnrolReport) -> None:
    if provisioning.operator_id is None:
        return
    from kiosk.staff import Role, StaffError, StaffRegistry
    from kiosk.staff.cli import staff_file

    registry = StaffRegistry(staff_file(config.data_dir))
    existing = registry.get(provisioning.operator_id)
    if existing is not None:
        report.unchanged.append(f"operator {existing.staff_id} ({existing.role.value})")
        return
    try:
        registry.add(provisioning.operator_id, provisioning.operator_name or provisioning.operator_id,
                     Role.OPERATOR, str(provisioning.operator_pin or ""))
    except StaffError as error:
        raise ProvisioningError(f"operator: {error}") from error
    report.changed.append(f"operator {provisioning.operator_id}")


def _write_enrolment(config: KioskConfig, provisioning: Provisioning, report: EnrolReport) -> None:
    path = config.data_dir / ENROLMENT_FILE
    record = {
        "kiosk_id": config.kiosk_id,
        "unit_code": config.portal.unit_code,
        "portal_url": mask_url_secrets(config.portal.url),
        "training": provisioning.training,
    }
    try:
        previous = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = None
    if isinstance(previous, dict) and {k: previous.get(k) for k in record} == record:
        report.unchanged.append("enrolment record")
        return
    _write_private(path, json.dumps({**record, "enrolled_at": datetime.now(UTC).isoformat()},
                                    ensure_ascii=False, indent=2) + "\n")
    report.changed.append("enrolment record")


def enrolment(config: KioskConfig) -> dict[str, Any] | None:
    """The enrolment record of this kiosk, or None when it was never enrolled."""
    try:
        record = json.loads((config.data_dir / ENROLMENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def full_screen_refusal(config: KioskConfig, *, fullscreen: bool, allowed: bool) -> str | None:
    """The message refusing full-screen kiosk mode on the sandbox, or None when it may go ahead."""
    if allowed or not (fullscreen or config.ui.fullscreen) or config.portal.url != "sandbox":
        return None
    if (enrolment(config) or {}).get("training") is True:  # enrolled as a training kiosk on purpose
        return None
    return (
        "kiosk: full-screen kiosk mode with the training sandbox as the portal looks real to a citizen but "
        "sends nothing anywhere. Enrol the kiosk with its portal (`kiosk enrol FILE`), or add --training "
        "to run a training kiosk on purpose.\n"
        "kiosk: không chạy toàn màn hình với cổng thử nghiệm; hãy đăng ký máy (kiosk enrol) hoặc thêm "
        "--training nếu đây là máy tập huấn."
    )
